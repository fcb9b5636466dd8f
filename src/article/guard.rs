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

enum Tok {
    /// A start (`false`) or end (`true`) tag spanning `start..end`, lowercased name, self-closing flag.
    Tag {
        start: usize,
        end: usize,
        close: bool,
        name: Vec<u8>,
        self_closing: bool,
    },
}

/// Finds the next tag at or after `from`, skipping comments, doctypes and raw text.
fn next_tag(b: &[u8], mut from: usize, raw_until: &mut Option<Vec<u8>>) -> Option<Tok> {
    loop {
        let lt = from + b.get(from..)?.iter().position(|&c| c == b'<')?;
        let rest = b.get(lt + 1..)?;
        if let Some(raw) = raw_until.as_ref() {
            // Inside raw text only the matching end tag counts.
            let is_end = rest.first() == Some(&b'/')
                && rest.len() > raw.len()
                && rest[1..=raw.len()].eq_ignore_ascii_case(raw);
            if !is_end {
                from = lt + 1;
                continue;
            }
            *raw_until = None;
        }
        if rest.starts_with(b"!--") {
            let body = lt + 4;
            from = match b
                .get(body..)
                .and_then(|r| r.windows(3).position(|w| w == b"-->"))
            {
                Some(p) => body + p + 3,
                None => return None,
            };
            continue;
        }
        let (close, name_at) = if rest.first() == Some(&b'/') {
            (true, lt + 2)
        } else {
            (false, lt + 1)
        };
        let name_len = b
            .get(name_at..)?
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-' || **c == b':')
            .count();
        if name_len == 0 || !b.get(name_at).is_some_and(|c| c.is_ascii_alphabetic()) {
            // `<!doctype`, `<?`, `< ` and the like: not an element tag.
            from = lt + 1;
            continue;
        }
        let gt = name_at
            + name_len
            + b.get(name_at + name_len..)?
                .iter()
                .position(|&c| c == b'>')?;
        let name = b[name_at..name_at + name_len].to_ascii_lowercase();
        let self_closing = gt > 0 && b[gt - 1] == b'/';
        return Some(Tok::Tag {
            start: lt,
            end: gt + 1,
            close,
            name,
            self_closing,
        });
    }
}

/// Returns the page with nesting past [`MAX_DEPTH`] removed, borrowing when nothing
/// needs removing.
pub fn limit_depth(html: &str) -> Cow<'_, str> {
    let b = html.as_bytes();
    // First pass: is the page ever that deep? (Cheap; most pages stop here.)
    if !exceeds(b) {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut depth = 0usize;
    let mut dropped = 0usize;
    let mut copied_to = 0usize;
    let mut pos = 0usize;
    let mut raw: Option<Vec<u8>> = None;
    while let Some(Tok::Tag {
        start,
        end,
        close,
        name,
        self_closing,
    }) = next_tag(b, pos, &mut raw)
    {
        pos = end;
        if !close && is_raw_text(&name) {
            raw = Some(name.clone());
        }
        if is_void(&name) || is_optional_end(&name) || (self_closing && !close) {
            continue;
        }
        let skip = if close {
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
            if let (Some(before), true) = (html.get(copied_to..start), end <= html.len()) {
                out.push_str(before);
                copied_to = end;
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
    let mut raw: Option<Vec<u8>> = None;
    while let Some(Tok::Tag {
        end,
        close,
        name,
        self_closing,
        ..
    }) = next_tag(b, pos, &mut raw)
    {
        pos = end;
        if !close && is_raw_text(&name) {
            raw = Some(name.clone());
        }
        if is_void(&name) || is_optional_end(&name) || (self_closing && !close) {
            continue;
        }
        if close {
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
