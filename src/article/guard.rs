//! Input guard: flattens absurdly deep element nesting before parsing, as browsers do.
//!
//! html5ever checks element scopes by scanning the stack of open elements, so a page
//! nesting 100,000 `<div>`s costs it time quadratic in the depth. Browsers cap the
//! tree depth (Blink re-parents past 512 levels); here start tags past [`MAX_DEPTH`]
//! open elements are left out together with their end tags. The text stays. Normal
//! pages (depth well under a hundred) pass through untouched and uncopied.

use std::borrow::Cow;

/// Deepest element nesting passed to the parser.
pub const MAX_DEPTH: usize = 512;

/// Elements with no end tag.
fn is_void(name: &[u8]) -> bool {
    matches!(
        name,
        b"area"
            | b"base"
            | b"br"
            | b"col"
            | b"embed"
            | b"hr"
            | b"img"
            | b"input"
            | b"link"
            | b"meta"
            | b"param"
            | b"source"
            | b"track"
            | b"wbr"
            | b"keygen"
    )
}

/// Elements whose end tag pages often leave out (the parser closes them itself), so
/// counting them would overstate the depth.
fn is_optional_end(name: &[u8]) -> bool {
    matches!(
        name,
        b"p" | b"li"
            | b"dt"
            | b"dd"
            | b"tr"
            | b"td"
            | b"th"
            | b"option"
            | b"optgroup"
            | b"thead"
            | b"tbody"
            | b"tfoot"
            | b"colgroup"
            | b"caption"
            | b"rb"
            | b"rt"
            | b"rp"
            | b"html"
            | b"head"
            | b"body"
    )
}

/// Elements whose content is raw text up to their end tag.
fn is_raw_text(name: &[u8]) -> bool {
    matches!(
        name,
        b"script"
            | b"style"
            | b"textarea"
            | b"title"
            | b"xmp"
            | b"iframe"
            | b"noembed"
            | b"noframes"
    )
}
/// Longest tag name looked at; longer names are no element this guard cares about.
const NAME_CAP: usize = 16;

/// The raw-text element the scan is inside: its lowercased name and length.
type Raw = Option<([u8; NAME_CAP], usize)>;

/// A tag found in the page: byte span, lowercased name (cut at [`NAME_CAP`]), and
/// whether it is an end tag or self-closing.
struct Tag {
    start: usize,
    end: usize,
    close: bool,
    self_closing: bool,
    name: [u8; NAME_CAP],
    /// Length of the name; `NAME_CAP + 1` when it was longer and cut.
    name_len: usize,
}

/// Finds the next tag at or after `from`, skipping comments, doctypes and raw text.
fn next_tag(b: &[u8], mut from: usize, raw: &mut Raw) -> Option<Tag> {
    loop {
        let lt = from + b.get(from..)?.iter().position(|&c| c == b'<')?;
        let rest = b.get(lt + 1..)?;
        if let Some((raw_name, raw_len)) = raw.as_ref() {
            // Inside raw text only the matching end tag counts.
            let want = raw_name.get(..*raw_len).unwrap_or_default();
            let is_end = rest.first() == Some(&b'/')
                && rest.len() > want.len()
                && rest[1..=want.len()].eq_ignore_ascii_case(want);
            if !is_end {
                from = lt + 1;
                continue;
            }
            *raw = None;
        }
        if rest.starts_with(b"!--") {
            let body = lt + 4;
            from = body + b.get(body..)?.windows(3).position(|w| w == b"-->")? + 3;
            continue;
        }
        let (close, name_at) = if rest.first() == Some(&b'/') {
            (true, lt + 2)
        } else {
            (false, lt + 1)
        };
        if !b.get(name_at).is_some_and(|c| c.is_ascii_alphabetic()) {
            // `<!doctype`, `<?`, `< ` and the like: not an element tag.
            from = lt + 1;
            continue;
        }
        let name_len = b
            .get(name_at..)?
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-' || **c == b':')
            .count();
        let after_name = name_at + name_len;
        let gt = after_name + b.get(after_name..)?.iter().position(|&c| c == b'>')?;
        let mut name = [0u8; NAME_CAP];
        let kept = name_len.min(NAME_CAP);
        for (dst, src) in name.iter_mut().zip(b.get(name_at..name_at + kept)?) {
            *dst = src.to_ascii_lowercase();
        }
        let self_closing = gt > 0 && b.get(gt - 1) == Some(&b'/');
        return Some(Tag {
            start: lt,
            end: gt + 1,
            close,
            self_closing,
            name,
            name_len: if name_len > NAME_CAP {
                NAME_CAP + 1
            } else {
                name_len
            },
        });
    }
}

/// Whether a tag changes the counted depth (void, optional-end and self-closing tags
/// do not). Notes raw-text elements as they open.
fn counts(tag: &Tag, raw: &mut Raw) -> bool {
    let Some(name) = tag.name.get(..tag.name_len) else {
        // A long custom element name: an ordinary container.
        return true;
    };
    if !tag.close && is_raw_text(name) {
        *raw = Some((tag.name, tag.name_len));
    }
    !(is_void(name) || is_optional_end(name) || (tag.self_closing && !tag.close))
}

/// Returns the page with nesting past [`MAX_DEPTH`] removed, borrowing when nothing
/// needs removing.
pub fn limit_depth(html: &str) -> Cow<'_, str> {
    let b = html.as_bytes();
    // First pass: is the page ever that deep? (Cheap; almost every page stops here.)
    if !exceeds(b) {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut depth = 0usize;
    let mut dropped = 0usize;
    let mut copied_to = 0usize;
    let mut pos = 0usize;
    let mut raw = None;
    while let Some(tag) = next_tag(b, pos, &mut raw) {
        pos = tag.end;
        if !counts(&tag, &mut raw) {
            continue;
        }
        let skip = if tag.close {
            if dropped > 0 {
                dropped -= 1;
                true
            } else {
                depth = depth.saturating_sub(1);
                false
            }
        } else if depth >= MAX_DEPTH {
            dropped += 1;
            true
        } else {
            depth += 1;
            false
        };
        if skip {
            // Tag boundaries are ASCII, so these are char boundaries.
            if let Some(before) = html.get(copied_to..tag.start) {
                out.push_str(before);
                copied_to = tag.end;
            }
        }
    }
    if let Some(rest) = html.get(copied_to..) {
        out.push_str(rest);
    }
    Cow::Owned(out)
}

fn exceeds(b: &[u8]) -> bool {
    let mut depth = 0usize;
    let mut pos = 0usize;
    let mut raw = None;
    while let Some(tag) = next_tag(b, pos, &mut raw) {
        pos = tag.end;
        if !counts(&tag, &mut raw) {
            continue;
        }
        if tag.close {
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            if depth > MAX_DEPTH {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_pages_are_borrowed() {
        let html = "<html><body><div><p>text<br></div><script>if (a<b) x()</script></body></html>";
        assert!(matches!(limit_depth(html), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_nesting_is_flattened_but_text_kept() {
        let depth = 2000;
        let html = format!(
            "{}deep text{}",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        let out = limit_depth(&html);
        assert_eq!(out.matches("<div>").count(), MAX_DEPTH);
        assert_eq!(out.matches("</div>").count(), MAX_DEPTH);
        assert!(out.contains("deep text"));
    }

    #[test]
    fn tags_inside_scripts_and_comments_do_not_count() {
        let html = format!(
            "<script>{}</script><!--{}-->",
            "<div>".repeat(2000),
            "<div>".repeat(2000)
        );
        assert!(matches!(limit_depth(&html), Cow::Borrowed(_)));
    }
}
