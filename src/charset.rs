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
    let head = &bytes[..bytes.len().min(200)];
    if !head.starts_with(b"<?xml") {
        return None;
    }
    let decl_end = head.windows(2).position(|w| w == b"?>")?;
    let v = attr_value(&head[..decl_end], b"encoding=")?;
    Encoding::for_label(v)
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
pub fn feed_to_utf8<'a>(bytes: &'a [u8], http_charset: Option<&str>) -> Cow<'a, [u8]> {
    let forced = Encoding::for_bom(bytes)
        .map(|(e, _)| e)
        .or_else(|| http_charset.and_then(label));
    let enc = forced.or_else(|| xml_declared(bytes)).unwrap_or(UTF_8);
    if enc == UTF_8 {
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        return match std::str::from_utf8(body) {
            Ok(_) => Cow::Borrowed(body),
            Err(_) => Cow::Owned(repair_utf8(body).into_bytes()),
        };
    }
    let (text, _, _) = enc.decode(bytes);
    Cow::Owned(strip_xml_declaration(&text).into_bytes())
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

fn strip_xml_declaration(text: &str) -> String {
    let t = text.trim_start_matches('\u{feff}');
    if t.starts_with("<?xml") {
        if let Some(end) = t.find("?>") {
            return t[end + 2..].to_string();
        }
    }
    t.to_string()
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

    #[test]
    fn utf8_feed_is_passed_through_unchanged() {
        let xml = b"<?xml version=\"1.0\"?><rss/>";
        assert!(matches!(feed_to_utf8(xml, None), Cow::Borrowed(_)));
    }
}
