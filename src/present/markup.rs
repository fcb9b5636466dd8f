//! Escaping for the XML and HTML that slipwatch writes (Atom, OPML, the dashboard).
//!
//! Feed text is untrusted: besides `<>&"'`, characters XML 1.0 forbids (most C0
//! controls, lone surrogates cannot occur in `str`, U+FFFE/U+FFFF) are dropped so a
//! hostile title cannot make the output unparsable. Pure; no I/O.

/// Escapes text for XML/HTML element content and double- or single-quoted attributes.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{7f}' || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Only `http(s)` links are written as links; anything else (`javascript:`) is not.
pub fn safe_href(url: &str) -> Option<String> {
    let lower = url.trim_start().to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://")).then(|| escape(url.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_forbidden_characters_are_neutralised() {
        assert_eq!(
            escape("a<b>&\"c'\u{1}\u{b}d"),
            "a&lt;b&gt;&amp;&quot;c&#39;d"
        );
        assert_eq!(safe_href("javascript:alert(1)"), None);
        assert_eq!(
            safe_href("https://e.com/?a=1&b=2").unwrap(),
            "https://e.com/?a=1&amp;b=2"
        );
    }
}
