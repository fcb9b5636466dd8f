//! Text decoding for fetched bytes: HTTP charset, BOM, XML declaration, HTML meta.
//!
//! Pure functions; the fetch layer passes the `Content-Type` header it saw. Invalid
//! bytes become U+FFFD, never an error: a mis-encoded page still yields its text.

use encoding_rs::{Encoding, UTF_8};
use std::borrow::Cow;

/// The charset parameter of a `Content-Type` header value, if any.
pub fn header_charset(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|param| {
        let (k, v) = param.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches(|c| c == '"' || c == '\''))
    })
}

fn label(l: &str) -> Option<&'static Encoding> {
    Encoding::for_label(l.trim().as_bytes())
}

/// The value of `attr="..."` (or unquoted) inside `head`, compared ASCII-case-insensitively.
fn attr_value<'a>(head: &'a [u8], attr: &[u8]) -> Option<&'a [u8]> {
    let pos = head
        .windows(attr.len())
        .position(|w| w.eq_ignore_ascii_case(attr))?;
    let rest = &head[pos + attr.len()..];
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|&b| matches!(b, b'"' | b'\'' | b';' | b'>' | b' ' | b'/' | b'?'))
        .unwrap_or(rest.len());
    Some(&rest[..end])
}

/// The encoding an XML document declares (`<?xml ... encoding="..."?>`).
fn xml_declared(bytes: &[u8]) -> Option<&'static Encoding> {
    let (start, end) = declaration(bytes)?;
    let v = attr_value(&bytes[start..end], b"encoding=")?;
    Encoding::for_label(v)
}

/// Where the XML declaration sits (after any leading white space), if there is one.
fn declaration(bytes: &[u8]) -> Option<(usize, usize)> {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace())?;
    let head = &bytes[start..bytes.len().min(start + 300)];
    if !head.starts_with(b"<?xml") {
        return None;
    }
    let end = head.windows(2).position(|w| w == b"?>")?;
    Some((start, start + end + 2))
}

/// The bytes after the XML declaration: the parser then reads plain UTF-8 and never
/// switches encodings part-way (which once made quick-xml panic on a corpus file).
fn without_declaration(bytes: &[u8]) -> &[u8] {
    declaration(bytes).map_or(bytes, |(_, end)| &bytes[end..])
}

/// The encoding an HTML page declares in its first 1024 bytes (`<meta charset>` or
/// `http-equiv` content).
fn html_declared(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(1024)];
    let v = attr_value(head, b"charset=")?;
    Encoding::for_label(v)
}

/// Decodes an HTML page: BOM, then the HTTP charset, then `<meta>`, then UTF-8.
pub fn decode_html(bytes: &[u8], http_charset: Option<&str>) -> String {
    let enc = Encoding::for_bom(bytes)
        .map(|(e, _)| e)
        .or_else(|| http_charset.and_then(label))
        .or_else(|| html_declared(bytes))
        .unwrap_or(UTF_8);
    let (text, _, _) = enc.decode(bytes);
    text.into_owned()
}

/// Prepares feed bytes for the XML parser, which reads UTF-8 and the encodings an XML
/// declaration names. When the HTTP header names a charset (it wins over the
/// declaration, as RFC 7303 says) and it is not UTF-8, or the bytes carry a BOM, or
/// the declaration names a non-UTF-8 encoding, the bytes are transcoded to UTF-8 and
/// the declaration dropped. Bytes that claim UTF-8 but are not are repaired (see
/// [`repair_utf8`]) rather than rejected.
///
/// UTF-16 without a BOM is recognised by its first characters being `<?` (XML 1.0
/// Appendix F), whatever the header says. The result never holds NUL (never valid XML)
/// nor any XML declaration naming an encoding: quick-xml would otherwise switch
/// decoders part-way through the document, which panics (`set_encoding() called after
/// prefix buffer was drained`).
pub fn feed_to_utf8<'a>(bytes: &'a [u8], http_charset: Option<&str>) -> Cow<'a, [u8]> {
    let forced = Encoding::for_bom(bytes)
        .map(|(e, _)| e)
        .or_else(|| utf16_sniffed(bytes))
        .or_else(|| http_charset.and_then(label));
    let enc = forced.or_else(|| xml_declared(bytes)).unwrap_or(UTF_8);
    let out = if enc == UTF_8 {
        let body = without_declaration(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes));
        match std::str::from_utf8(body) {
            Ok(_) => Cow::Borrowed(body),
            Err(_) => Cow::Owned(repair_utf8(body).into_bytes()),
        }
    } else {
        let (text, _, _) = enc.decode(bytes);
        Cow::Owned(without_declaration(text.as_bytes()).to_vec())
    };
    parser_safe(out)
}

/// UTF-16 without a BOM, told by a document that starts with `<?`.
fn utf16_sniffed(bytes: &[u8]) -> Option<&'static Encoding> {
    match bytes.get(..4)? {
        [0, b'<', 0, b'?'] => Some(encoding_rs::UTF_16BE),
        [b'<', 0, b'?', 0] => Some(encoding_rs::UTF_16LE),
        _ => None,
    }
}

/// UTF-8 the XML parser reads as UTF-8 to the end: without NUL bytes (with them the
/// start can look like UTF-16 to quick-xml's sniffing) and without any further XML
/// declaration that names an encoding (ill-formed past the start of a document, and
/// quick-xml switches decoders on it).
fn parser_safe(out: Cow<'_, [u8]>) -> Cow<'_, [u8]> {
    let has_decl = declarations(&out).next().is_some();
    if !has_decl && !out.contains(&0) {
        return out;
    }
    let mut cleaned = Vec::with_capacity(out.len());
    let mut from = 0;
    for (start, end) in declarations(&out).collect::<Vec<_>>() {
        cleaned.extend_from_slice(&out[from..start]);
        from = end;
    }
    cleaned.extend_from_slice(&out[from..]);
    cleaned.retain(|&b| b != 0);
    // Removing NULs can join `<?x` `ml` into a new declaration: go again (each pass
    // shortens the text, so this ends).
    match parser_safe(Cow::Borrowed(&cleaned)) {
        Cow::Borrowed(_) => Cow::Owned(cleaned),
        Cow::Owned(again) => Cow::Owned(again),
    }
}

/// Byte ranges of `<?xml ...?>` declarations (as quick-xml recognises them: `xml`
/// then white space or the end) that mention an encoding.
fn declarations(bytes: &[u8]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || loop {
        let start = at + find(&bytes[at..], b"<?xml")?;
        let after = start + 5;
        let Some(end) = find(&bytes[after..], b"?>").map(|e| after + e + 2) else {
            at = bytes.len();
            return None;
        };
        at = after;
        let next = bytes[after];
        if !(next.is_ascii_whitespace() || next == b'?') {
            continue;
        }
        let decl = &bytes[start..end];
        if decl.windows(8).any(|w| w.eq_ignore_ascii_case(b"encoding")) {
            at = end;
            return Some((start, end));
        }
    })
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Text from bytes that should be UTF-8 but are not: Latin-1 labelled as UTF-8 (no
/// valid multi-byte sequence at all) is read as windows-1252; otherwise the invalid
/// bytes become U+FFFD.
pub fn repair_utf8(bytes: &[u8]) -> String {
    let has_multibyte = bytes
        .utf8_chunks()
        .any(|c| c.valid().chars().any(|ch| ch.len_utf8() > 1));
    if has_multibyte {
        String::from_utf8_lossy(bytes).into_owned()
    } else {
        encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_charset_is_read_with_spaces_and_quotes() {
        assert_eq!(
            header_charset("text/xml; charset = \"ISO-8859-1\""),
            Some("ISO-8859-1")
        );
        assert_eq!(header_charset("text/html"), None);
    }

    #[test]
    fn html_meta_charset_is_honoured() {
        let page = b"<html><head><meta charset=\"windows-1252\"></head><body>caf\xe9</body></html>";
        assert!(decode_html(page, None).contains("caf\u{e9}"));
    }

    #[test]
    fn http_charset_beats_html_meta() {
        let page = b"<meta charset=\"utf-8\"><p>caf\xe9</p>";
        assert!(decode_html(page, Some("iso-8859-1")).contains("caf\u{e9}"));
    }

    #[test]
    fn invalid_utf8_becomes_replacement_characters() {
        assert_eq!(decode_html(b"a\xffb", None), "a\u{fffd}b");
    }

    #[test]
    fn feed_in_declared_latin1_is_transcoded() {
        let xml =
            b"<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><rss><title>caf\xe9</title></rss>";
        let out = feed_to_utf8(xml, None);
        assert_eq!(
            std::str::from_utf8(&out).unwrap(),
            "<rss><title>caf\u{e9}</title></rss>"
        );
    }

    #[test]
    fn latin1_labelled_utf8_is_read_as_windows_1252() {
        let xml = b"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss><title>caf\xe9</title></rss>";
        let out = feed_to_utf8(xml, Some("utf-8"));
        assert!(std::str::from_utf8(&out).unwrap().contains("caf\u{e9}"));
        let mixed = "caf\u{e9} ".bytes().chain([0xff]).collect::<Vec<u8>>();
        assert_eq!(repair_utf8(&mixed), "caf\u{e9} \u{fffd}");
    }

    /// Found by the `feed_parse` fuzz target: UTF-16LE without a BOM whose declaration
    /// says UTF-16BE made quick-xml switch decoders mid-document and panic.
    #[test]
    fn utf16_without_bom_and_a_contradicting_declaration_does_not_reach_the_parser() {
        let doc = "<?xml version=\"1.0\" encoding=\"utf-16be\"?><rss><channel><title>caf\u{e9}</title></channel></rss>";
        let le: Vec<u8> = doc.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = doc.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for bytes in [le, be] {
            for header in [None, Some("utf-8"), Some("iso-8859-1")] {
                let out = feed_to_utf8(&bytes, header);
                assert_eq!(
                    std::str::from_utf8(&out).unwrap(),
                    "<rss><channel><title>caf\u{e9}</title></channel></rss>"
                );
                let feed = crate::ingest::feed::parse(&out, None).unwrap();
                assert_eq!(feed.title.as_deref(), Some("caf\u{e9}"));
            }
        }
    }

    #[test]
    fn declarations_past_the_start_and_nul_bytes_are_dropped() {
        let xml = b"<rss>\0<title>a</title><?xml version='1.0' encoding='latin1'?></rss>";
        assert_eq!(&*feed_to_utf8(xml, None), b"<rss><title>a</title></rss>");
        let joined = b"<rss><?x\0ml encoding='koi8-r'?></rss>";
        assert_eq!(&*feed_to_utf8(joined, None), b"<rss></rss>");
        let pi = b"<rss><?xml-stylesheet href='a.xsl'?></rss>";
        assert!(matches!(feed_to_utf8(pi, None), Cow::Borrowed(_)));
    }

    #[test]
    fn utf8_feed_is_passed_through_unchanged() {
        let xml = b"\n <?xml version=\"1.0\"?><rss/>";
        let out = feed_to_utf8(xml, None);
        assert!(matches!(out, Cow::Borrowed(_)));
        assert_eq!(&*out, b"<rss/>");
    }
}
