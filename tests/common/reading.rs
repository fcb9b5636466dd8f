//! Reading one article with the extractor, as the behaviour tests do.

use chrono::DateTime;
use slipwatch::extract::{extract, Context};
use slipwatch::model::Extraction;

/// Extracts `text` under headline `title`, published at 10:00 UTC on `day`
/// (`YYYY-MM-DD`), with no emphasised spans.
pub fn read(day: &str, title: &str, text: &str) -> Extraction {
    read_at(&format!("{day}T10:00:00+00:00"), title, text, &[])
}

/// Extracts `text` under headline `title`, published at the RFC 3339 time
/// `published`, with the emphasised spans `hints`.
pub fn read_at(published: &str, title: &str, text: &str, hints: &[String]) -> Extraction {
    let published = DateTime::parse_from_rfc3339(published).expect("test date");
    extract(
        text,
        &Context {
            published,
            title: Some(title),
            hints,
        },
    )
}
