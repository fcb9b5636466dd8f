//! Article stage: news-page HTML -> main text and metadata.
//!
//! A pure stage: no I/O. It never fails; a page it cannot read yields empty text.
//! Must not import tokio, reqwest or sled.

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

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
    /// Emphasised spans (`<em>`, `<i>`, `<cite>`), handed to date extraction as title hints.
    pub hints: Vec<String>,
    /// `Some(false)` when a site's `article_selector` was given but matched nothing.
    pub selector_matched: Option<bool>,
}

/// Checks a CSS selector the way [`extract_article`] will use it.
pub fn check_selector(css: &str) -> Result<(), String> {
    scraper::Selector::parse(css)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// Extracts the main text and metadata from a page. `selector`, when given and
/// matching, overrides the heuristics.
pub fn extract_article(html: &str, selector: Option<&str>) -> Article {
    let _ = (html, selector);
    Article::default()
}
