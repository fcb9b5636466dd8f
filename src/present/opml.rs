//! OPML 2.0 in and out, and feed discovery in a web page: pure functions over text.
//!
//! Export writes one `<outline type="rss">` per feed, nested in folders by the feed's
//! `group` ("K-pop/News" is two levels). Import reads every outline with an `xmlUrl`,
//! at any depth, and keeps the folder path as its group; a feed's name is its
//! `title`, else its `text`, else its URL's host.

use quick_xml::events::{BytesStart, Event};
use url::Url;

use super::markup::escape;
use crate::config::{FeedConfig, Source};

/// One feed read from an OPML file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpmlFeed {
    pub name: String,
    pub url: String,
    pub group: Option<String>,
}

#[derive(Debug, thiserror::Error)]
#[error("not a readable OPML file: {0}")]
pub struct OpmlError(String);

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    let a = e.try_get_attribute(name).ok()??;
    let v = a
        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
        .ok()?;
    let v = v.trim();
    (!v.is_empty()).then(|| v.to_string())
}

/// Every feed in an OPML document, in document order.
pub fn parse(text: &str) -> Result<Vec<OpmlFeed>, OpmlError> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut folders: Vec<Option<String>> = Vec::new();
    let mut feeds = Vec::new();
    let mut saw_opml = false;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| OpmlError(format!("at byte {}: {e}", reader.buffer_position())))?;
        match event {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "opml" => {
                saw_opml = true;
            }
            Event::Start(ref e) if e.local_name().as_ref() == "outline" => {
                if let Some(f) = outline(e, &folders) {
                    feeds.push(f);
                    folders.push(None);
                } else {
                    folders.push(attr(e, "title").or_else(|| attr(e, "text")));
                }
            }
            Event::Empty(ref e) if e.local_name().as_ref() == "outline" => {
                if let Some(f) = outline(e, &folders) {
                    feeds.push(f);
                }
            }
            Event::End(e) if e.local_name().as_ref() == "outline" => {
                folders.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !saw_opml {
        return Err(OpmlError("no <opml> element".into()));
    }
    Ok(feeds)
}

fn outline(e: &BytesStart, folders: &[Option<String>]) -> Option<OpmlFeed> {
    let url = attr(e, "xmlUrl")?;
    let name = attr(e, "title")
        .or_else(|| attr(e, "text"))
        .or_else(|| Url::parse(&url).ok()?.host_str().map(str::to_string))
        .unwrap_or_else(|| url.clone());
    let path: Vec<&str> = folders.iter().flatten().map(String::as_str).collect();
    Some(OpmlFeed {
        name,
        url,
        group: (!path.is_empty()).then(|| path.join("/")),
    })
}

/// The feeds as an OPML 2.0 document.
pub fn export(feeds: &[FeedConfig], title: &str) -> String {
    let mut out =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n");
    out.push_str(&format!(
        "  <head><title>{}</title></head>\n  <body>\n",
        escape(title)
    ));
    let mut open: Vec<String> = Vec::new();
    let mut sorted: Vec<&FeedConfig> = feeds.iter().collect();
    // Grouped feeds together, each group in first-seen order, ungrouped first.
    let mut order: Vec<Option<&str>> = Vec::new();
    for f in feeds {
        if !order.contains(&f.group.as_deref()) {
            order.push(f.group.as_deref());
        }
    }
    sorted.sort_by_key(|f| {
        (
            f.group.is_some(),
            order.iter().position(|g| *g == f.group.as_deref()),
        )
    });
    for f in sorted {
        let path: Vec<String> = f
            .group
            .as_deref()
            .map(|g| {
                g.split('/')
                    .map(|p| p.trim().to_string())
                    .filter(|p| !p.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        let common = open.iter().zip(&path).take_while(|(a, b)| a == b).count();
        while open.len() > common {
            open.pop();
            out.push_str(&format!("{}</outline>\n", "  ".repeat(open.len() + 2)));
        }
        for p in &path[common..] {
            out.push_str(&format!(
                "{}<outline text=\"{}\" title=\"{}\">\n",
                "  ".repeat(open.len() + 2),
                escape(p),
                escape(p)
            ));
            open.push(p.clone());
        }
        out.push_str(&format!(
            "{}<outline type=\"rss\" text=\"{}\" title=\"{}\" xmlUrl=\"{}\"/>\n",
            "  ".repeat(open.len() + 2),
            escape(&f.name),
            escape(&f.name),
            escape(&feed_url(&f.source))
        ));
    }
    while !open.is_empty() {
        open.pop();
        out.push_str(&format!("{}</outline>\n", "  ".repeat(open.len() + 2)));
    }
    out.push_str("  </body>\n</opml>\n");
    out
}

/// A feed's URL for OPML: file feeds become `file://` URLs.
fn feed_url(source: &Source) -> String {
    match source {
        Source::Http(u) => u.to_string(),
        Source::File(p) => {
            Url::from_file_path(p).map_or_else(|()| p.display().to_string(), |u| u.to_string())
        }
    }
}

/// Feed URLs a web page advertises with `<link rel="alternate" type="...rss/atom/json">`,
/// resolved against `base`, in page order; then the common paths sites use.
pub fn discover(html: &str, base: &Url) -> Vec<Url> {
    let doc = scraper::Html::parse_document(html);
    let mut out: Vec<Url> = Vec::new();
    if let Ok(sel) = scraper::Selector::parse("link[rel][href]") {
        for el in doc.select(&sel) {
            let v = el.value();
            let rel = v.attr("rel").unwrap_or("").to_ascii_lowercase();
            let ty = v.attr("type").unwrap_or("").to_ascii_lowercase();
            let is_feed = ty.contains("rss") || ty.contains("atom") || ty.contains("feed+json");
            if rel.split_whitespace().any(|r| r == "alternate") && is_feed {
                if let Some(u) = v.attr("href").and_then(|h| base.join(h.trim()).ok()) {
                    if !out.contains(&u) {
                        out.push(u);
                    }
                }
            }
        }
    }
    for path in COMMON_PATHS {
        if let Ok(u) = base.join(path) {
            if !out.contains(&u) {
                out.push(u);
            }
        }
    }
    out
}

/// Where sites usually put their feed when the page does not say.
pub const COMMON_PATHS: [&str; 7] = [
    "/feed",
    "/rss",
    "/feed.xml",
    "/rss.xml",
    "/atom.xml",
    "/index.xml",
    "/feed/",
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn feed(name: &str, url: &str, group: Option<&str>) -> FeedConfig {
        FeedConfig {
            name: name.into(),
            source: Source::Http(Url::parse(url).unwrap()),
            interval: Duration::from_secs(60),
            article_selector: None,
            fetch_articles: true,
            group: group.map(str::to_string),
            user_agent: None,
        }
    }

    #[test]
    fn export_then_import_keeps_names_urls_and_nesting() {
        let feeds = [
            feed("Variety", "https://variety.com/feed/", None),
            feed("Soompi", "https://www.soompi.com/feed", Some("K-pop/News")),
            feed(
                "AKP & co",
                "https://akp.example/rss?a=1&b=2",
                Some("K-pop/News"),
            ),
            feed("IGN", "https://ign.example/rss", Some("Games")),
        ];
        let xml = export(&feeds, "slipwatch feeds");
        let back = parse(&xml).unwrap();
        let got: Vec<(&str, &str, Option<&str>)> = back
            .iter()
            .map(|f| (f.name.as_str(), f.url.as_str(), f.group.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("Variety", "https://variety.com/feed/", None),
                ("Soompi", "https://www.soompi.com/feed", Some("K-pop/News")),
                (
                    "AKP & co",
                    "https://akp.example/rss?a=1&b=2",
                    Some("K-pop/News")
                ),
                ("IGN", "https://ign.example/rss", Some("Games")),
            ]
        );
    }

    #[test]
    fn import_reads_feed_reader_exports() {
        let xml = r#"<?xml version="1.0"?><opml version="1.0"><head/><body>
<outline text="Movies"><outline text="Deadline" xmlUrl="https://deadline.com/feed/" htmlUrl="https://deadline.com"/>
<outline xmlUrl="https://nameless.example/rss"/></outline>
<outline text="Not a feed"/></body></opml>"#;
        let got = parse(xml).unwrap();
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].group.as_deref(), Some("Movies"));
        assert_eq!(got[1].name, "nameless.example");
        assert!(parse("<html><body>no</body></html>").is_err());
        assert!(
            parse("<opml><body><outline").is_err()
                || parse("<opml><body><outline").unwrap().is_empty()
        );
    }

    #[test]
    fn discovery_prefers_advertised_feeds_then_common_paths() {
        let html = r#"<html><head><link rel="alternate" type="application/rss+xml" href="/news/rss">
<link rel="stylesheet" href="/s.css"><link rel="alternate" type="text/html" href="/en"></head></html>"#;
        let base = Url::parse("https://site.example/news/story").unwrap();
        let got = discover(html, &base);
        assert_eq!(got[0].as_str(), "https://site.example/news/rss");
        assert_eq!(got[1].as_str(), "https://site.example/feed");
        assert_eq!(got.len(), 1 + COMMON_PATHS.len());
    }
}
