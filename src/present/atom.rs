//! Changes as an Atom feed (RFC 4287), for `/changes.atom` and `changes --format atom`.
//!
//! A plain function over data: no clock, no I/O. Entry ids are `urn:slipwatch:change:
//! <change id>`; a change id digests the release, both dates and the moving article,
//! so an entry keeps its id across restarts and re-polls and readers never show it
//! twice. An entry's `updated` is when the change was detected.

use chrono::{DateTime, SecondsFormat, Utc};

use super::human;
use super::markup::{escape, safe_href};
use crate::model::{Change, Evidence};

/// Feed-level facts the caller knows: where the feed is served, and the time to use
/// for `updated` when there are no entries.
pub struct FeedMeta<'a> {
    /// The feed's own URL (`rel="self"`); the dashboard is its parent.
    pub self_url: &'a str,
    pub generated: DateTime<Utc>,
}

/// "Our Blues OST moved earlier: Apr 25 → Apr 24, 2022".
pub fn title(c: &Change) -> String {
    format!(
        "{} moved {}: {}",
        c.release.trim(),
        c.direction.as_str(),
        human::move_text(c.from.as_ref(), c.to.as_ref())
    )
}

fn time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn evidence_html(label: &str, e: &Evidence) -> String {
    let link = match safe_href(&e.url) {
        Some(href) => format!("<a href=\"{href}\">{}</a>", escape(&e.feed)),
        None => escape(&e.feed),
    };
    format!(
        "<p><b>{label}</b> ({link}, {}): {}</p>",
        e.published.format("%Y-%m-%d"),
        escape(&e.sentence)
    )
}

fn entry(out: &mut String, c: &Change) {
    let summary = format!(
        "{} ({}{})",
        title(c),
        human::delta(c.delta_days, c.direction),
        match (&c.from, &c.to) {
            (Some(f), Some(t)) => format!("; {} → {}", f.label, t.label),
            _ => String::new(),
        }
    );
    let mut content = format!("<p>{}</p>", escape(&summary));
    if let Some(b) = &c.evidence.before {
        content.push_str(&evidence_html("Before", b));
    }
    content.push_str(&evidence_html("After", &c.evidence.after));
    out.push_str("  <entry>\n");
    out.push_str(&format!(
        "    <id>urn:slipwatch:change:{}</id>\n",
        escape(&c.id)
    ));
    out.push_str(&format!("    <title>{}</title>\n", escape(&title(c))));
    out.push_str(&format!("    <updated>{}</updated>\n", time(c.detected_at)));
    out.push_str(&format!(
        "    <published>{}</published>\n",
        time(c.detected_at)
    ));
    if let Some(href) = safe_href(&c.evidence.after.url) {
        out.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{href}\" title=\"new date\"/>\n"
        ));
    }
    if let Some(href) = c.evidence.before.as_ref().and_then(|b| safe_href(&b.url)) {
        out.push_str(&format!(
            "    <link rel=\"related\" type=\"text/html\" href=\"{href}\" title=\"old date\"/>\n"
        ));
    }
    out.push_str(&format!(
        "    <category term=\"{}\"/>\n",
        c.direction.as_str()
    ));
    out.push_str(&format!("    <summary>{}</summary>\n", escape(&summary)));
    out.push_str(&format!(
        "    <content type=\"html\">{}</content>\n",
        escape(&content)
    ));
    out.push_str("  </entry>\n");
}

/// The whole feed, newest change first. `changes` may come in any order.
pub fn render(changes: &[Change], meta: &FeedMeta) -> String {
    let mut sorted: Vec<&Change> = changes.iter().collect();
    sorted.sort_by(|a, b| b.detected_at.cmp(&a.detected_at).then(a.id.cmp(&b.id)));
    let updated = sorted.first().map_or(meta.generated, |c| c.detected_at);
    let home = meta
        .self_url
        .strip_suffix("changes.atom")
        .unwrap_or(meta.self_url);
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    out.push_str("  <id>urn:slipwatch:changes</id>\n");
    out.push_str("  <title>slipwatch: release dates that moved</title>\n");
    out.push_str(&format!("  <updated>{}</updated>\n", time(updated)));
    out.push_str("  <author><name>slipwatch</name></author>\n");
    out.push_str(&format!(
        "  <generator version=\"{}\">slipwatch</generator>\n",
        env!("CARGO_PKG_VERSION")
    ));
    if let Some(href) = safe_href(meta.self_url) {
        out.push_str(&format!(
            "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{href}\"/>\n"
        ));
    }
    if let Some(href) = safe_href(home) {
        out.push_str(&format!(
            "  <link rel=\"alternate\" type=\"text/html\" href=\"{href}\"/>\n"
        ));
    }
    for c in sorted {
        entry(&mut out, c);
    }
    out.push_str("</feed>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixtures::our_blues;

    #[test]
    fn the_feed_parses_with_feed_rs_and_names_the_move() {
        let meta = FeedMeta {
            self_url: "http://127.0.0.1:7878/changes.atom",
            generated: Utc::now(),
        };
        let xml = render(&[our_blues()], &meta);
        let feed = feed_rs::parser::parse(xml.as_bytes()).unwrap();
        assert_eq!(feed.id, "urn:slipwatch:changes");
        let e = &feed.entries[0];
        assert_eq!(e.id, "urn:slipwatch:change:3f0c2a9d1b7e4c55");
        assert_eq!(
            e.title.as_ref().unwrap().content,
            "Our Blues OST moved earlier: Apr 25 → Apr 24, 2022"
        );
        let links: Vec<&str> = e.links.iter().map(|l| l.href.as_str()).collect();
        assert_eq!(links, ["http://x/news/b?x=1&y=2", "http://x/news/a"]);
        let body = e.content.as_ref().unwrap().body.as_ref().unwrap();
        assert!(body.contains("April 25, 2022 &lt;b&gt;."), "{body}");
        assert_eq!(e.updated.unwrap().to_rfc3339(), "2022-04-21T02:05:00+00:00");
        assert_eq!(render(&[our_blues()], &meta), xml, "same input, same bytes");
    }

    #[test]
    fn an_empty_feed_is_still_valid() {
        let meta = FeedMeta {
            self_url: "http://h/changes.atom",
            generated: Utc::now(),
        };
        let feed = feed_rs::parser::parse(render(&[], &meta).as_bytes()).unwrap();
        assert!(feed.entries.is_empty());
    }
}
