//! Article stage: news-page HTML -> main text and metadata.
//!
//! A pure stage: no I/O. It never fails; a page it cannot read yields empty text.
//! Must not import tokio, reqwest or sled.
//!
//! How it works: the page is parsed with `scraper` and flattened once, with explicit
//! stacks (never recursion), into elements and text blocks ([`dom`]). Furniture
//! (navigation, asides, hidden parts, and elements whose class or id says related,
//! share, comment, promo, ...) is marked; paragraphs vote for their ancestors, the
//! best-scoring container and its strong siblings are taken, and link lists inside
//! are dropped ([`body`]). JSON-LD `articleBody` is used when the markup yields much
//! less. A site's `article_selector`, when it matches, replaces the scoring.
//! Nesting deeper than browsers allow is flattened first ([`guard`]), so time stays
//! close to linear in the page size.

mod body;
mod dom;
mod guard;
mod meta;

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

pub use meta::parse_date;

/// What the article stage takes out of one page.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Article {
    pub title: Option<String>,
    pub byline: Option<String>,
    pub published: Option<DateTime<FixedOffset>>,
    pub modified: Option<DateTime<FixedOffset>>,
    pub canonical: Option<String>,
    pub lang: Option<String>,
    /// The article body in reading order, paragraphs separated by blank lines.
    pub text: String,
    /// Emphasised spans (`<em>`, `<i>`, `<cite>`) and quoted titles, handed to date extraction as title hints.
    pub hints: Vec<String>,
    /// `Some(false)` when a site's `article_selector` was given but matched nothing.
    pub selector_matched: Option<bool>,
    /// Where the text came from: `"selector"`, `"heuristic"`, `"json-ld"` or `"fallback"`.
    pub source: &'static str,
}

impl Article {
    /// The article as one JSON object (the fields above, dates in RFC 3339).
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }
}

/// Checks a CSS selector the way [`extract_article`] will use it.
pub fn check_selector(css: &str) -> Result<(), String> {
    scraper::Selector::parse(css)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// Longest hint kept, in characters, and most hints kept.
const MAX_HINT_CHARS: usize = 120;
const MAX_HINTS: usize = 200;

/// Extracts the main text and metadata from a page. `selector`, when given and
/// matching, overrides the heuristics.
pub fn extract_article(html: &str, selector: Option<&str>) -> Article {
    let sel = selector.and_then(|s| scraper::Selector::parse(s).ok());
    let html = guard::limit_depth(html);
    let doc = scraper::Html::parse_document(&html);
    let flat = dom::flatten(&doc, sel.as_ref());
    let meta = meta::read_meta(&doc, &flat);
    let bad = body::furniture(&flat);

    let mut selector_matched = None;
    let mut source = "heuristic";
    let mut chosen: Option<Vec<usize>> = None;
    if selector.is_some() {
        let roots = selected_roots(&flat);
        selector_matched = Some(!roots.is_empty());
        if !roots.is_empty() {
            chosen = Some(body::collect(&flat, &bad, &roots, true));
            source = "selector";
        }
    }
    let blocks = match chosen {
        Some(b) => b,
        None => {
            let roots = body::choose(&flat, &bad);
            let mut blocks = body::collect(&flat, &bad, &roots, false);
            blocks.retain(|&b| !body::is_noise_block(&flat, b, &meta.title_forms));
            blocks
        }
    };
    let mut text = join_blocks(&flat, &blocks);
    let mut hints = block_hints(&flat, &blocks);

    if source == "heuristic" {
        if let Some(ld) = &meta.ld_body {
            let ld_chars = ld.chars().filter(|c| !c.is_whitespace()).count();
            let ours = text.chars().filter(|c| !c.is_whitespace()).count();
            if ld_chars > ours * 2 && ld_chars > 200 {
                text = normalise_paragraphs(ld);
                hints.clear();
                source = "json-ld";
            }
        }
    }
    add_quoted_hints(&text, &mut hints);
    hints.truncate(MAX_HINTS);

    Article {
        title: meta.title,
        byline: meta.byline,
        published: meta.published,
        modified: meta.modified,
        canonical: meta.canonical,
        lang: meta.lang,
        text,
        hints,
        selector_matched,
        source,
    }
}

/// Outermost elements matched by the selector.
fn selected_roots(flat: &dom::Flat) -> Vec<usize> {
    let mut roots = Vec::new();
    let mut covered_to = None;
    for (i, e) in flat.els.iter().enumerate() {
        if covered_to.is_some_and(|end| i <= end) {
            continue;
        }
        if e.selected {
            roots.push(i);
            covered_to = Some(e.end);
        }
    }
    roots
}

fn join_blocks(flat: &dom::Flat, blocks: &[usize]) -> String {
    let mut out = String::new();
    for &bi in blocks {
        let Some(b) = flat.blocks.get(bi) else {
            continue;
        };
        let t = b.text.trim();
        if t.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(t);
    }
    out
}

fn normalise_paragraphs(s: &str) -> String {
    s.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn block_hints(flat: &dom::Flat, blocks: &[usize]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut bi = 0;
    for h in &flat.hints {
        while bi < blocks.len() && blocks[bi] < h.block {
            bi += 1;
        }
        if blocks.get(bi) == Some(&h.block) {
            push_hint(&mut out, &h.text);
        }
    }
    out
}

fn push_hint(out: &mut Vec<String>, h: &str) {
    let h = h.trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | ':' | ';'));
    if h.is_empty() || h.chars().count() > MAX_HINT_CHARS || out.len() >= MAX_HINTS {
        return;
    }
    if !out.iter().any(|x| x == h) {
        out.push(h.to_string());
    }
}

/// Adds spans in curly or straight double quotes that look like titles (start with a
/// capital or digit, at most ten words).
fn add_quoted_hints(text: &str, out: &mut Vec<String>) {
    for (open, close) in [('“', '”'), ('"', '"')] {
        let mut rest = text;
        while let Some(a) = rest.find(open) {
            let after = &rest[a + open.len_utf8()..];
            let Some(b) = after.find(close) else { break };
            let inner = &after[..b];
            let words = inner.split_whitespace().count();
            let starts_title = inner
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_numeric());
            if words > 0 && words <= 10 && starts_title && !inner.contains('\n') {
                push_hint(out, inner);
            }
            rest = &after[b + close.len_utf8()..];
        }
    }
}

/// Explains the heuristic's choice for one page (for tuning; the format may change).
#[doc(hidden)]
pub fn explain(html: &str) -> String {
    use std::fmt::Write;
    let doc = scraper::Html::parse_document(html);
    let flat = dom::flatten(&doc, None);
    let bad = body::furniture(&flat);
    let roots = body::choose(&flat, &bad);
    let mut out = String::new();
    for &r in &roots {
        let mut chain = Vec::new();
        let mut at = r;
        while let Some(e) = flat.els.get(at) {
            chain.push(format!(
                "{}[{}]{}",
                e.tag,
                e.class_id,
                if bad[at] { "!BAD" } else { "" }
            ));
            at = e.parent;
        }
        chain.reverse();
        let _ = writeln!(out, "root {r}: {}", chain.join(" > "));
    }
    let (sc, init) = body::scores(&flat, &bad);
    let mut top: Vec<usize> = (0..sc.len()).filter(|&i| init[i] && !bad[i]).collect();
    top.sort_by(|&a, &b| sc[b].total_cmp(&sc[a]));
    for &i in top.iter().take(8) {
        let e = &flat.els[i];
        let _ = writeln!(
            out,
            "cand {i} {:.1} {}[{}] chars {} links {} parent {}",
            sc[i], e.tag, e.class_id, e.text_len, e.link_len, e.parent
        );
    }
    // Furniture elements holding many characters: likely wrong marks.
    for (i, e) in flat.els.iter().enumerate() {
        let parent_bad = flat.els.get(e.parent).is_some_and(|_| bad[e.parent]);
        if bad[i] && !parent_bad && e.text_len > 300 {
            let _ = writeln!(
                out,
                "furniture {i} {}[{}] chars {} p {}",
                e.tag, e.class_id, e.text_len, e.p_count
            );
        }
    }
    out
}
