//! Page metadata: title, byline, dates, canonical URL, language, and JSON-LD article fields.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime};
use serde_json::Value;

use super::dom::Flat;

/// Most JSON values visited per JSON-LD script (bounds work on hostile input).
const MAX_JSON_NODES: usize = 20_000;

#[derive(Default)]
pub struct Meta {
    pub title: Option<String>,
    pub byline: Option<String>,
    pub published: Option<DateTime<FixedOffset>>,
    pub modified: Option<DateTime<FixedOffset>>,
    pub canonical: Option<String>,
    pub lang: Option<String>,
    /// Every form of the headline seen (og:title, JSON-LD, `<title>` and its first part),
    /// lowercased with whitespace collapsed; body blocks equal to one are dropped.
    pub title_forms: Vec<String>,
    /// `articleBody` from JSON-LD, when any.
    pub ld_body: Option<String>,
}

/// Parses the date forms found in news markup: RFC 3339, with or without seconds or
/// offset (a missing offset is taken as UTC), or a bare date.
pub fn parse_date(s: &str) -> Option<DateTime<FixedOffset>> {
    // Placeholders such as 0001-01-01 are not dates.
    parse_date_any(s).filter(|d| (1970..=2200).contains(&d.year()))
}

fn parse_date_any(s: &str) -> Option<DateTime<FixedOffset>> {
    let s = s.trim();
    if s.is_empty() || s.len() > 64 {
        return None;
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d);
    }
    for f in [
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M%z",
        "%Y-%m-%d %H:%M:%S%.f%z",
        "%Y-%m-%d %H:%M:%S %z",
    ] {
        if let Ok(d) = DateTime::parse_from_str(s, f) {
            return Some(d);
        }
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return Some(d);
    }
    let utc = FixedOffset::east_opt(0)?;
    for f in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(n) = NaiveDateTime::parse_from_str(s, f) {
            return n.and_local_timezone(utc).single();
        }
    }
    let head = s.get(..10).unwrap_or(s);
    if let Ok(d) = NaiveDate::parse_from_str(head, "%Y-%m-%d") {
        return d.and_hms_opt(0, 0, 0)?.and_local_timezone(utc).single();
    }
    None
}

fn clean(s: &str) -> Option<String> {
    let t = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if t.is_empty() {
        None
    } else {
        Some(t)
    }
}

/// Removes a leading "By" from a byline.
fn strip_by(s: &str) -> String {
    let t = s.trim();
    for p in ["By ", "by ", "BY "] {
        if let Some(rest) = t.strip_prefix(p) {
            return rest.trim().to_string();
        }
    }
    t.to_string()
}

/// Lowercases and collapses whitespace, for comparing short texts.
pub fn fold(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn set_if_none<T>(slot: &mut Option<T>, v: Option<T>) {
    if slot.is_none() {
        *slot = v;
    }
}

fn is_article_type(v: &Value) -> bool {
    let check = |s: &str| {
        let s = s.to_ascii_lowercase();
        s.contains("article")
            || s.contains("posting")
            || s.contains("reportage")
            || s == "review"
            || s == "webpage"
    };
    match v.get("@type") {
        Some(Value::String(s)) => check(s),
        Some(Value::Array(a)) => a.iter().any(|x| x.as_str().is_some_and(check)),
        _ => false,
    }
}

fn person_name(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => clean(s),
        Value::Object(o) => o.get("name").and_then(|n| n.as_str()).and_then(clean),
        Value::Array(a) => {
            let names: Vec<String> = a.iter().take(10).filter_map(person_name).collect();
            if names.is_empty() {
                None
            } else {
                Some(names.join(", "))
            }
        }
        _ => None,
    }
}

/// Removes tags from an HTML-ish string (some sites put markup in `articleBody`).
fn strip_tags(s: &str) -> String {
    if !s.contains('<') {
        return s.to_string();
    }
    let frag = scraper::Html::parse_fragment(s);
    let mut out = String::new();
    for node in frag.tree.root().descendants() {
        if let scraper::Node::Text(t) = node.value() {
            out.push_str(t);
        }
        if let scraper::Node::Element(e) = node.value() {
            if matches!(e.name(), "p" | "br" | "div" | "li" | "h2" | "h3") {
                out.push('\n');
            }
        }
    }
    out
}

fn read_json_ld(text: &str, meta: &mut Meta, ld_title: &mut Option<String>) {
    let Ok(root) = serde_json::from_str::<Value>(text.trim()) else {
        return;
    };
    let mut stack: Vec<&Value> = vec![&root];
    let mut visited = 0usize;
    while let Some(v) = stack.pop() {
        visited += 1;
        if visited > MAX_JSON_NODES {
            break;
        }
        match v {
            Value::Array(a) => stack.extend(a.iter().rev()),
            Value::Object(o) => {
                if is_article_type(v) {
                    let is_page = matches!(o.get("@type"), Some(Value::String(s)) if s.eq_ignore_ascii_case("webpage"));
                    if !is_page {
                        if let Some(b) = o.get("articleBody").and_then(|b| b.as_str()) {
                            let body = strip_tags(b);
                            let longer = meta
                                .ld_body
                                .as_ref()
                                .is_none_or(|old| old.len() < body.len());
                            if longer && !body.trim().is_empty() {
                                meta.ld_body = Some(body);
                            }
                        }
                        set_if_none(
                            ld_title,
                            o.get("headline").and_then(|h| h.as_str()).and_then(clean),
                        );
                        set_if_none(&mut meta.byline, o.get("author").and_then(person_name));
                    }
                    set_if_none(
                        &mut meta.published,
                        o.get("datePublished")
                            .and_then(|d| d.as_str())
                            .and_then(parse_date),
                    );
                    set_if_none(
                        &mut meta.modified,
                        o.get("dateModified")
                            .and_then(|d| d.as_str())
                            .and_then(parse_date),
                    );
                }
                for (k, child) in o {
                    if k == "@graph"
                        || k == "mainEntity"
                        || k == "mainEntityOfPage"
                        || k == "itemListElement"
                    {
                        stack.push(child);
                    }
                }
            }
            _ => {}
        }
    }
}

/// What the markup offers before the choices between sources are made.
#[derive(Default)]
struct Seen {
    og_title: Option<String>,
    ld_title: Option<String>,
    title_tag: Option<String>,
    meta_author: Option<String>,
    byline_text: Option<String>,
    time_el: Option<DateTime<FixedOffset>>,
    og_url: Option<String>,
    og_locale: Option<String>,
    meta_published: Option<DateTime<FixedOffset>>,
    meta_modified: Option<DateTime<FixedOffset>>,
}

/// Reads metadata from the document head and body markup.
pub fn read_meta(doc: &scraper::Html, flat: &Flat) -> Meta {
    let mut meta = Meta::default();
    let mut seen = Seen::default();
    for node in doc.tree.root().descendants() {
        let scraper::Node::Element(el) = node.value() else {
            continue;
        };
        match el.name() {
            "html" => set_if_none(&mut meta.lang, el.attr("lang").and_then(clean)),
            "title" => {
                if seen.title_tag.is_none() {
                    let t: String = node
                        .children()
                        .filter_map(|c| c.value().as_text().map(|t| t.to_string()))
                        .collect();
                    seen.title_tag = clean(&t);
                }
            }
            "meta" => read_meta_tag(el, &mut seen),
            "link" => {
                let canonical = el.attr("rel").is_some_and(|r| {
                    r.split_whitespace()
                        .any(|t| t.eq_ignore_ascii_case("canonical"))
                });
                if canonical {
                    set_if_none(&mut meta.canonical, el.attr("href").and_then(clean));
                }
            }
            "script" => {
                if el
                    .attr("type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
                {
                    let text: String = node
                        .children()
                        .filter_map(|c| c.value().as_text().map(|t| t.to_string()))
                        .collect();
                    read_json_ld(&text, &mut meta, &mut seen.ld_title);
                }
            }
            "time" => {
                if seen.time_el.is_none() {
                    seen.time_el = el.attr("datetime").and_then(parse_date);
                }
            }
            _ => read_byline_markup(node, el, &mut seen),
        }
    }
    choose_meta(meta, seen, flat)
}

/// A `<meta>` tag: Open Graph, article and Dublin Core names for title, author,
/// dates, URL and locale.
fn read_meta_tag(el: &scraper::node::Element, seen: &mut Seen) {
    let key = el
        .attr("property")
        .or_else(|| el.attr("name"))
        .or_else(|| el.attr("itemprop"));
    let content = el.attr("content").or_else(|| el.attr("datetime"));
    let (Some(key), Some(content)) = (key, content) else {
        return;
    };
    match key.to_ascii_lowercase().as_str() {
        "og:title" => set_if_none(&mut seen.og_title, clean(content)),
        "author" | "article:author" | "parsely-author" | "sailthru.author"
        | "dc.creator"
            // Some sites put a profile URL here; a byline is a name.
            if !content.starts_with("http") =>
        {
            set_if_none(&mut seen.meta_author, clean(content))
        }
        "article:published_time"
        | "datepublished"
        | "og:published_time"
        | "pubdate"
        | "publishdate"
        | "parsely-pub-date"
        | "sailthru.date"
        | "dc.date.issued"
        | "date" => set_if_none(&mut seen.meta_published, parse_date(content)),
        "article:modified_time" | "datemodified" | "og:updated_time" | "lastmod" => {
            set_if_none(&mut seen.meta_modified, parse_date(content))
        }
        "og:url" => set_if_none(&mut seen.og_url, clean(content)),
        "og:locale" => set_if_none(&mut seen.og_locale, clean(content)),
        _ => {}
    }
}

/// Any other element: an author link or microdata, or a box whose class says byline.
fn read_byline_markup(
    node: ego_tree::NodeRef<'_, scraper::Node>,
    el: &scraper::node::Element,
    seen: &mut Seen,
) {
    if seen.meta_author.is_none() {
        let rel_author = el
            .attr("rel")
            .is_some_and(|r| r.eq_ignore_ascii_case("author"));
        let prop_author = el
            .attr("itemprop")
            .is_some_and(|r| r.eq_ignore_ascii_case("author"));
        if rel_author || prop_author {
            let t = descendant_text(node);
            if t.len() < 100 {
                seen.meta_author = clean(&t);
            }
        }
    }
    if seen.byline_text.is_none()
        && el
            .attr("class")
            .is_some_and(|c| c.to_ascii_lowercase().contains("byline"))
    {
        let t = descendant_text(node);
        if t.len() < 120 {
            seen.byline_text = clean(&t);
        }
    }
}

/// The first 20 text nodes inside `node`, joined with spaces.
fn descendant_text(node: ego_tree::NodeRef<'_, scraper::Node>) -> String {
    node.descendants()
        .filter_map(|c| c.value().as_text().map(|t| t.to_string()))
        .take(20)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Chooses among what was seen: the title (og, JSON-LD, `<h1>`, `<title>`), its forms,
/// the byline, the dates, the canonical URL and the language.
fn choose_meta(mut meta: Meta, seen: Seen, flat: &Flat) -> Meta {
    let mut h1 = None;
    for e in &flat.els {
        if e.tag == "h1" && h1.is_none() {
            h1 = Some(e);
        }
    }
    let h1_text = h1.and_then(|h| {
        let start = flat.els.iter().position(|x| std::ptr::eq(x, h))?;
        let end = h.end;
        let t: Vec<&str> = flat
            .blocks
            .iter()
            .filter(|b| b.owner >= start && b.owner <= end)
            .map(|b| b.text.as_str())
            .collect();
        clean(&t.join(" "))
    });
    let Seen {
        og_title,
        ld_title,
        title_tag,
        meta_author,
        byline_text,
        time_el,
        og_url,
        og_locale,
        meta_published,
        meta_modified,
    } = seen;
    for t in [&og_title, &ld_title, &title_tag].into_iter().flatten() {
        meta.title_forms.push(fold(t));
        for sep in [" | ", " - ", " – ", " — ", " :: "] {
            if let Some((head, _)) = t.split_once(sep) {
                meta.title_forms.push(fold(head));
            }
        }
    }
    meta.title = og_title.or(ld_title).or(h1_text).or(title_tag);
    set_if_none(&mut meta.byline, meta_author);
    set_if_none(&mut meta.byline, byline_text);
    meta.byline = meta.byline.map(|b| strip_by(&b)).filter(|b| !b.is_empty());
    meta.published = meta_published.or(meta.published).or(time_el);
    meta.modified = meta_modified.or(meta.modified);
    set_if_none(&mut meta.canonical, og_url);
    if meta.lang.is_none() {
        meta.lang = og_locale.map(|l| l.replace('_', "-"));
    }
    meta
}
