//! Article stage: news-page HTML -> main text and metadata.
//!
//! A pure stage: no I/O. It never fails; a page it cannot read yields empty text.
//! Must not import tokio, reqwest or sled.
//!
//! How it works: the page is parsed with `scraper` and flattened once, with explicit
//! stacks (never recursion), into elements and text blocks ([`dom`]). Furniture
//! (navigation, asides, hidden parts, and elements whose class or id says related,
//! share, comment, promo, ...) is marked ([`furniture`]); paragraphs vote for their
//! ancestors, the best-scoring container and its strong siblings are taken, and link
//! lists, captions, nested `<article>`s and furniture inside are dropped ([`body`]);
//! page metadata and JSON-LD are read apart ([`meta`]). If that
//! container holds under a quarter of the page's prose, all prose outside the
//! furniture is taken instead. JSON-LD `articleBody` is used when the markup yields
//! much less. A site's `article_selector`, when it matches, replaces the scoring.
//! Nesting deeper than browsers allow is flattened first ([`guard`]), so time stays
//! close to linear in the page size.

mod body;
mod dom;
mod furniture;
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

/// Below this many characters the heuristic's result is checked against the fallback.
const FALLBACK_MIN_CHARS: usize = 500;

/// Longest hint kept, in characters, and most hints kept.
const MAX_HINT_CHARS: usize = 120;
const MAX_HINTS: usize = 200;
/// Emphasis longer than this is a stressed sentence, not a title.
const MAX_HINT_WORDS: usize = 12;

/// Extracts the main text and metadata from a page. `selector`, when given and
/// matching, overrides the heuristics.
pub fn extract_article(html: &str, selector: Option<&str>) -> Article {
    let sel = selector.and_then(|s| scraper::Selector::parse(s).ok());
    let html = guard::limit_depth(html);
    let doc = scraper::Html::parse_document(&html);
    let flat = dom::flatten(&doc, sel.as_ref());
    let meta = meta::read_meta(&doc, &flat);
    let (own, bad) = furniture::furniture(&flat);

    let mut selector_matched = None;
    let mut chosen = None;
    if selector.is_some() {
        let roots = selected_roots(&flat);
        selector_matched = Some(!roots.is_empty());
        if !roots.is_empty() {
            let blocks = selector_blocks(&flat, &own, &roots, &meta.title_forms);
            chosen = Some((blocks, "selector"));
        }
    }
    let (blocks, mut source) =
        chosen.unwrap_or_else(|| heuristic_blocks(&flat, &own, &bad, &meta.title_forms));
    let blocks = trim_leading_stamps(&flat, trim_trailing_calls(&flat, blocks));
    let mut text = join_blocks(&flat, &blocks);
    let mut hints = block_hints(&flat, &blocks);

    if source != "selector" {
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
    if let Some(t) = &meta.title {
        add_quoted_hints(t, &mut hints);
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

/// The blocks inside the elements a site's selector matched. Furniture inside them
/// still goes; if that leaves nothing, the site's choice is taken whole.
fn selector_blocks(
    flat: &dom::Flat,
    own: &[bool],
    roots: &[usize],
    title_forms: &[String],
) -> Vec<usize> {
    let mut blocks = body::collect(flat, own, roots);
    blocks.retain(|&b| !furniture::is_noise_block(flat, b, title_forms));
    if blocks.is_empty() {
        blocks = body::collect(flat, &vec![false; own.len()], roots);
    }
    blocks
}

/// The blocks of the best-scoring container, or every prose block outside the
/// furniture when that container holds too little; with where they came from
/// (`"heuristic"` or `"fallback"`).
fn heuristic_blocks(
    flat: &dom::Flat,
    own: &[bool],
    bad: &[bool],
    title_forms: &[String],
) -> (Vec<usize>, &'static str) {
    let roots = body::choose(flat, bad);
    let mut blocks = body::collect(flat, own, &roots);
    blocks.retain(|&b| !furniture::is_noise_block(flat, b, title_forms));
    // Fallback: when the chosen container holds under a quarter of the page's
    // prose (and little text), take every prose paragraph outside the
    // furniture instead. (At "under half" it fired on a short article beside
    // long teasers and cost precision on the corpus.)
    let got: usize = blocks
        .iter()
        .filter_map(|&b| flat.blocks.get(b))
        .map(|b| b.chars)
        .sum();
    let prose = body::prose_blocks(flat, bad);
    let prose_chars: usize = prose
        .iter()
        .filter_map(|&b| flat.blocks.get(b))
        .map(|b| b.chars)
        .sum();
    if got < FALLBACK_MIN_CHARS && got * 4 < prose_chars {
        blocks = prose;
        blocks.retain(|&b| !furniture::is_noise_block(flat, b, title_forms));
        return (blocks, "fallback");
    }
    (blocks, "heuristic")
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

/// Phrases of calls to action and credit lines that end many articles (newsletter,
/// follow us, additional reporting by, ...).
const CALL_PHRASES: &[&str] = &[
    "newsletter",
    "subscribe",
    "sign up",
    "follow us",
    "follow him",
    "follow her",
    "follow them",
    "on twitter",
    "on facebook",
    "on instagram",
    "have a tip",
    "share this",
    "share it",
    "click here",
    "all rights reserved",
    "read more",
    "download the app",
    "contributed to this report",
    "contributed to this story",
    "contributed reporting",
    "additional reporting",
    "reporting by",
    "editing by",
    "writers contributed",
];

/// Drops short calls to action among the last few blocks of the text.
fn trim_trailing_calls(flat: &dom::Flat, mut blocks: Vec<usize>) -> Vec<usize> {
    let tail_start = blocks.len().saturating_sub(3);
    let mut keep_until = blocks.len();
    for i in (tail_start..blocks.len()).rev() {
        let Some(b) = blocks.get(i).and_then(|&bi| flat.blocks.get(bi)) else {
            break;
        };
        let lower = b.text.to_lowercase();
        if b.chars < 300 && CALL_PHRASES.iter().any(|p| lower.contains(p)) {
            keep_until = i;
        } else {
            break;
        }
    }
    blocks.truncate(keep_until);
    blocks
}

/// Openings of timestamp lines ("Updated 1:39 am EST, ...").
const STAMP_OPENINGS: &[&str] = &[
    "updated",
    "published",
    "posted",
    "last updated",
    "first published",
    "last modified",
    "publicado",
    "atualizado",
    "aggiornato",
    "pubblicato",
    "mis à jour",
    "publié",
    "veröffentlicht",
    "aktualisiert",
];

/// Drops publication timestamps and bylines among the first few blocks: short lines
/// that open with "Updated", "Published", ... and hold a digit, or open with "By".
/// Their dates are the page's, not a release's.
fn trim_leading_stamps(flat: &dom::Flat, blocks: Vec<usize>) -> Vec<usize> {
    let mut out = Vec::with_capacity(blocks.len());
    for (i, &bi) in blocks.iter().enumerate() {
        let stamp = i < 3
            && flat.blocks.get(bi).is_some_and(|b| {
                let lower = b.text.trim_start().to_lowercase();
                let words = b.text.split_whitespace().count();
                let timestamp = words <= 12
                    && b.text.chars().any(|c| c.is_ascii_digit())
                    && STAMP_OPENINGS.iter().any(|p| lower.starts_with(p));
                let byline = words <= 8 && (lower.starts_with("by ") || lower.starts_with("por "));
                // "Jose Cruz 2019-11-20 14:35:08", "sexta-feira, 22 de outubro de 2010 às 20:13".
                let bare_stamp = words <= 10
                    && !b.text.trim_end().ends_with('.')
                    && has_clock_or_iso_date(&b.text);
                timestamp || byline || bare_stamp
            });
        if !stamp {
            out.push(bi);
        }
    }
    out
}

/// Whether a text holds a clock time (`14:35`) or an ISO date (`2019-11-20`).
fn has_clock_or_iso_date(text: &str) -> bool {
    let b = text.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(|c| c.is_ascii_digit());
    (0..b.len()).any(|i| {
        let clock =
            b[i] == b':' && i > 0 && digit(i - 1) && digit(i + 1) && digit(i + 2) && !digit(i + 3);
        let iso = digit(i)
            && digit(i + 1)
            && digit(i + 2)
            && digit(i + 3)
            && b.get(i + 4) == Some(&b'-')
            && digit(i + 5)
            && digit(i + 6)
            && b.get(i + 7) == Some(&b'-')
            && digit(i + 8)
            && digit(i + 9);
        clock || iso
    })
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
    let h = h.trim_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                ',' | '.' | ':' | ';' | '“' | '”' | '"' | '‘' | '’' | '«' | '»'
            )
    });
    let too_long =
        h.chars().count() > MAX_HINT_CHARS || h.split_whitespace().count() > MAX_HINT_WORDS;
    if h.is_empty() || too_long || h.contains('@') || out.len() >= MAX_HINTS {
        return;
    }
    if !out.iter().any(|x| x == h) {
        out.push(h.to_string());
    }
}

/// Whether a quoted span reads like a title rather than a quoted remark: one line,
/// no question or exclamation marks or commas, and most longer words capitalised
/// (scripts without case count as capitalised).
fn looks_like_title(s: &str) -> bool {
    if s.contains(['\n', '?', '!', ',', ';']) {
        return false;
    }
    let long: Vec<&str> = s
        .split_whitespace()
        .filter(|w| w.chars().count() >= 4)
        .collect();
    if long.is_empty() {
        return true;
    }
    let capitalised = long
        .iter()
        .filter(|w| w.chars().next().is_some_and(|c| !c.is_lowercase()))
        .count();
    capitalised * 2 >= long.len()
}

/// Adds quoted spans (curly or straight double quotes, curly single quotes,
/// guillemets) that look like titles: they start with a capital or digit and run to
/// at most ten words.
fn add_quoted_hints(text: &str, out: &mut Vec<String>) {
    // Single curly quotes mark titles in many entertainment headlines. A closing one
    // doubles as an apostrophe, so a title holding one (‘Don’t Look Up’) comes out
    // cut short; the capital-letter test keeps most other noise out.
    for (open, close) in [('“', '”'), ('"', '"'), ('‘', '’'), ('«', '»')] {
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
            if words > 0 && words <= 10 && starts_title && looks_like_title(inner) {
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
    let (_, bad) = furniture::furniture(&flat);
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
