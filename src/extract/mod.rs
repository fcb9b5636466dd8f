//! Date extraction: article text -> release mentions and stated moves.
//!
//! A pure stage: no I/O, no clock (the publication time is an argument). It never
//! fails; what it cannot read it leaves out. Must not import tokio, reqwest or sled.

use crate::model::Extraction;
use chrono::{DateTime, FixedOffset};

/// What the extractor knows about an article besides its text.
#[derive(Debug, Clone)]
pub struct Context<'a> {
    /// Relative and year-less dates resolve against this.
    pub published: DateTime<FixedOffset>,
    /// The headline, a strong hint for the subject.
    pub title: Option<&'a str>,
    /// Emphasised spans from the HTML (`<em>`, `<i>`, `<cite>`): likely titles.
    pub hints: &'a [String],
}

/// Finds the release dates an article states, and the moves it reports.
pub fn extract(text: &str, ctx: &Context<'_>) -> Extraction {
    let _ = (text, ctx);
    Extraction::default()
}

/// The key that identifies a release across articles: case, punctuation and leading
/// articles folded, so "The Our Blues OST" and "our blues OST" meet.
pub fn release_key(subject: &str) -> String {
    let mut words: Vec<String> = subject
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect();
    if words
        .first()
        .is_some_and(|w| w == "the" || w == "a" || w == "an")
    {
        words.remove(0);
    }
    words.join(" ")
}
