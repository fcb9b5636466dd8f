//! Reading one article with the extractor, as the behaviour tests do.

use chrono::DateTime;
use slipwatch::extract::{extract, Context};
use slipwatch::model::Extraction;

/// Extracts `text` under headline `title`, published at 10:00 UTC on `day`
/// (`YYYY-MM-DD`), with no emphasised spans.
pub fn read(day: &str, title: &str, text: &str) -> Extraction {
    let published =
        DateTime::parse_from_rfc3339(&format!("{day}T10:00:00+00:00")).expect("test date");
    extract(
        text,
        &Context {
            published,
            title: Some(title),
            hints: &[],
        },
    )
}
