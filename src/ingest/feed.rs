//! Feed bytes -> entries, via feed-rs (RSS 0.9x/1.0/2.0, Atom, JSON Feed).
//!
//! A pure stage: no I/O. An entry's identity is its guid/id, else its link; its
//! fingerprint changes when its title, updated time or content changes, which is
//! what makes an edited item be processed again.

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

/// One item of a feed, reduced to what slipwatch uses.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub id: String,
    pub link: Option<String>,
    pub title: Option<String>,
    pub published: Option<DateTime<Utc>>,
    pub updated: Option<DateTime<Utc>>,
    /// The item's content, else its summary, as HTML or text.
    pub content: Option<String>,
    /// Hex digest of title, updated time and content.
    pub fingerprint: String,
}

/// A parsed feed.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedFeed {
    pub title: Option<String>,
    pub entries: Vec<Entry>,
    /// RSS `<ttl>` in minutes, a hint for how often to poll.
    pub ttl_minutes: Option<u32>,
}

#[derive(Debug, thiserror::Error)]
#[error("not a feed: {0}")]
pub struct FeedError(String);

/// Parses feed bytes (already UTF-8 or carrying an XML declaration; see
/// `charset::feed_to_utf8`). `base` resolves relative links.
pub fn parse(bytes: &[u8], base: Option<&str>) -> Result<ParsedFeed, FeedError> {
    let feed = match parse_once(bytes, base) {
        Ok(f) => f,
        // feed-rs knows `<rss>` only with version 2.0, 0.91 or 0.92; real feeds omit
        // the attribute or write other numbers. Read those as RSS 2.0, as feedparser does.
        Err(e) => as_rss2(bytes)
            .and_then(|fixed| parse_once(&fixed, base).ok())
            .ok_or(e)?,
    };
    let mut seen = std::collections::HashSet::new();
    let entries = feed
        .entries
        .into_iter()
        .filter_map(entry)
        .map(|mut e| {
            // A guid repeated inside one feed (a publisher's template bug) would make two
            // items take turns overwriting each other; the link tells them apart.
            if !seen.insert(e.id.clone()) {
                e.id = format!("{}#{}", e.id, e.link.as_deref().unwrap_or(&e.fingerprint));
                seen.insert(e.id.clone());
            }
            e
        })
        .collect();
    Ok(ParsedFeed {
        title: feed.title.map(|t| t.content),
        entries,
        ttl_minutes: feed.ttl,
    })
}

/// One run of feed-rs on fresh parser state (its state is not reusable after a failure).
fn parse_once(bytes: &[u8], base: Option<&str>) -> Result<feed_rs::model::Feed, FeedError> {
    // A missing id falls back to the link alone (feed-rs's default also hashes the
    // title, which would make an edited title look like a new item).
    let parser = feed_rs::parser::Builder::new()
        .base_uri(base)
        .id_generator(|links, title, _uri| {
            links
                .first()
                .map(|l| l.href.clone())
                .or_else(|| title.as_ref().map(|t| format!("title:{}", t.content)))
                .unwrap_or_default()
        })
        .build();
    // The parser is third-party code fed hostile input: a panic inside it is caught
    // and becomes this feed's error instead of taking the daemon down.
    let bytes = without_contacts(bytes);
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| parser.parse(&bytes[..])))
        .map_err(|_| FeedError("the feed parser failed on this input".into()))?
        .map_err(|e| FeedError(e.to_string()))
}

/// RSS contact elements whose text feed-rs splits into name and e-mail.
const CONTACTS: [&[u8]; 3] = [b"managingEditor", b"webMaster", b"author"];

/// The document with the text of its contact elements (`managingEditor`, `webMaster`,
/// `author`) removed. feed-rs slices that text by bytes around the e-mail address and
/// panics when a multi-byte character follows it (`info@x.de\u{2013}Name`), found by
/// the `feed_parse` fuzz target; slipwatch never reads authors.
fn without_contacts(bytes: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    let mut out: Option<Vec<u8>> = None;
    for name in CONTACTS {
        let src = out.as_deref().unwrap_or(bytes);
        let mut open = b"<".to_vec();
        open.extend_from_slice(name);
        let mut close = b"</".to_vec();
        close.extend_from_slice(name);
        if !src.windows(open.len()).any(|w| w == open.as_slice()) {
            continue;
        }
        let mut kept = Vec::with_capacity(src.len());
        let mut at = 0;
        while let Some(i) = find(&src[at..], &open).map(|i| at + i) {
            let after = i + open.len();
            let Some(gt) = find(&src[after..], b">").map(|g| after + g) else {
                break;
            };
            // `<author>` or `<author attr...>`, not `<authorship>`; not self-closed.
            let boundary = src
                .get(after)
                .is_some_and(|&b| b == b'>' || b.is_ascii_whitespace());
            let Some(end) = find(&src[gt..], &close).map(|e| gt + e) else {
                break;
            };
            if !boundary || src[gt - 1] == b'/' {
                kept.extend_from_slice(&src[at..after]);
                at = after;
                continue;
            }
            kept.extend_from_slice(&src[at..=gt]);
            at = end;
        }
        kept.extend_from_slice(&src[at..]);
        out = Some(kept);
    }
    match out {
        Some(v) => std::borrow::Cow::Owned(v),
        None => std::borrow::Cow::Borrowed(bytes),
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The document with its `<rss ...>` root tag saying `version="2.0"`, when it has an
/// `<rss>` root with another or no version.
fn as_rss2(bytes: &[u8]) -> Option<Vec<u8>> {
    let start = bytes.windows(4).position(|w| w == b"<rss")?;
    let after = *bytes.get(start + 4)?;
    if !(after.is_ascii_whitespace() || after == b'>' || after == b'/') {
        return None;
    }
    let end = start + bytes[start..].iter().position(|&b| b == b'>')?;
    let tag = String::from_utf8_lossy(&bytes[start..end]);
    let cleaned: String = match tag.find("version=") {
        Some(v) => {
            let rest = &tag[v + 8..];
            // The value runs to its closing quote, or unquoted to white space.
            let close = match rest.chars().next() {
                Some(q @ ('"' | '\'')) => rest[1..].find(q)? + 2,
                _ => rest
                    .find(|c: char| c.is_whitespace() || c == '/')
                    .unwrap_or(rest.len()),
            };
            format!("{}{}", &tag[..v], &rest[close..])
        }
        None => tag.into_owned(),
    };
    let mut out = Vec::with_capacity(bytes.len() + 16);
    out.extend_from_slice(&bytes[..start]);
    out.extend_from_slice(b"<rss version=\"2.0\"");
    out.extend_from_slice(&cleaned.as_bytes()[4..]);
    out.extend_from_slice(&bytes[end..]);
    Some(out)
}

fn entry(e: feed_rs::model::Entry) -> Option<Entry> {
    let link = e
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or_else(|| e.links.first())
        .map(|l| l.href.trim().to_string())
        .filter(|h| !h.is_empty());
    let id = if e.id.trim().is_empty() {
        link.clone()?
    } else {
        e.id.trim().to_string()
    };
    let title = e.title.map(|t| t.content.trim().to_string());
    let content = e
        .content
        .and_then(|c| c.body)
        .or_else(|| e.summary.map(|s| s.content))
        .filter(|c| !c.trim().is_empty());
    let mut h = Sha256::new();
    for part in [
        title.as_deref().unwrap_or(""),
        &e.updated.map(|u| u.to_rfc3339()).unwrap_or_default(),
        content.as_deref().unwrap_or(""),
    ] {
        h.update(part.as_bytes());
        h.update([0u8]);
    }
    let fingerprint = hex(&h.finalize()[..16]);
    Some(Entry {
        id,
        link,
        title,
        published: e.published.or(e.updated),
        updated: e.updated,
        content,
        fingerprint,
    })
}

/// Lower-case hex of some bytes.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// Plain text of an HTML fragment (a feed's content or summary), paragraphs kept.
pub fn html_to_text(html: &str) -> String {
    if !html.contains('<') {
        return html.trim().to_string();
    }
    let doc = scraper::Html::parse_fragment(html);
    let mut out = String::new();
    for node in doc.root_element().descendants() {
        if let Some(t) = node.value().as_text() {
            out.push_str(t);
        } else if let Some(el) = node.value().as_element() {
            if matches!(
                el.name(),
                "p" | "br" | "div" | "li" | "h1" | "h2" | "h3" | "h4"
            ) {
                out.push_str("\n\n");
            }
        }
    }
    let paras: Vec<String> = out
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect();
    paras.join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><ttl>60</ttl>
<item><title>One</title><link>https://e.com/1</link><guid>g1</guid><description>&lt;p&gt;Hello&lt;/p&gt;</description></item>
<item><title>Two</title><link>https://e.com/2</link></item>
</channel></rss>"#;

    #[test]
    fn guid_is_identity_else_link() {
        let f = parse(RSS.as_bytes(), None).unwrap();
        assert_eq!(f.entries[0].id, "g1");
        assert_eq!(f.entries[1].id, "https://e.com/2");
        assert_eq!(f.ttl_minutes, Some(60));
    }

    #[test]
    fn edited_title_changes_fingerprint_not_identity() {
        let a = parse(RSS.as_bytes(), None).unwrap();
        let b = parse(
            RSS.replace("<title>Two</title>", "<title>Two!</title>")
                .as_bytes(),
            None,
        )
        .unwrap();
        assert_eq!(a.entries[1].id, b.entries[1].id);
        assert_ne!(a.entries[1].fingerprint, b.entries[1].fingerprint);
        assert_eq!(a.entries[0].fingerprint, b.entries[0].fingerprint);
    }

    #[test]
    fn guid_repeated_inside_a_feed_keeps_items_apart() {
        let twice = RSS.replace(
            "<link>https://e.com/2</link>",
            "<link>https://e.com/2</link><guid>g1</guid>",
        );
        let f = parse(twice.as_bytes(), None).unwrap();
        assert_eq!(f.entries[0].id, "g1");
        assert_eq!(f.entries[1].id, "g1#https://e.com/2");
    }

    #[test]
    fn rss_without_or_with_odd_version_is_read_as_rss2() {
        for root in [
            "<rss>",
            "<rss version=\"0.94\">",
            "<rss xmlns:x=\"u\" version='9'>",
        ] {
            let doc = format!("<!-- c -->{root}<channel><title>T</title><item><title>A</title><link>https://e.com/a</link></item></channel></rss>");
            let f = parse(doc.as_bytes(), None).unwrap_or_else(|e| panic!("{root}: {e}"));
            assert_eq!(f.entries.len(), 1, "{root}");
        }
    }

    /// Found by the `feed_parse` fuzz target: a version value starting with a
    /// multi-byte character was sliced inside it.
    #[test]
    fn rss_version_starting_with_a_multibyte_char_is_not_a_panic() {
        let doc = "<rss version=\u{f4}\"2.0\"><channel><title>t</title></channel></rss>";
        let feed = parse(doc.as_bytes(), None).unwrap();
        assert_eq!(feed.title.as_deref(), Some("t"));
        let unquoted = "<rss version=0.3><channel><title>u</title></channel></rss>";
        assert_eq!(
            parse(unquoted.as_bytes(), None).unwrap().title.as_deref(),
            Some("u")
        );
    }

    /// Found by the `feed_parse` fuzz target: feed-rs sliced a contact inside the
    /// en dash after its e-mail address and panicked; the feed was lost.
    #[test]
    fn contact_with_a_multibyte_char_after_the_email_is_not_a_panic() {
        let doc = "<rss version=\"2.0\"><channel><title>t</title>\
            <managingEditor>info@rtv.de\u{2013}Redaktion</managingEditor>\
            <item><title>i</title><link>http://a.test/1</link>\
            <author>x@y.de\u{e9}t\u{e9}</author><authorship>k</authorship></item></channel></rss>";
        let feed = parse(doc.as_bytes(), None).unwrap();
        assert_eq!(feed.title.as_deref(), Some("t"));
        assert_eq!(feed.entries.len(), 1);
        let kept = without_contacts(b"<author/><authorship>k</authorship><author a='1'>z</author>");
        assert_eq!(
            &*kept,
            b"<author/><authorship>k</authorship><author a='1'></author>"
        );
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(parse(b"<html><body>nope</body></html>", None).is_err());
        assert!(parse(b"", None).is_err());
    }

    #[test]
    fn html_to_text_keeps_paragraphs() {
        assert_eq!(html_to_text("<p>A <b>b</b></p><p>C</p>"), "A b\n\nC");
    }
}
