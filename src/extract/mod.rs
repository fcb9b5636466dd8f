//! Date extraction: article text -> release mentions and stated moves.
//!
//! A pure stage: no I/O, no clock (the publication time is an argument). It never
//! fails; what it cannot read it leaves out. Must not import tokio, reqwest or sled.
//!
//! Pipeline: tokenize once ([`lex`]), split sentences ([`sentence`]), and per
//! sentence find date expressions ([`temporal`]), cue words ([`cues`]) and work
//! titles ([`subject`]). A date becomes a release mention when a release or move
//! cue governs it and no distractor (birthday, tour, tickets...) or report verb
//! ("announced on") claims it first; its subject is the nearest title in the
//! sentence, else the work in focus from earlier sentences or the headline.
//! Moves are assembled per subject from previous/current mentions (`moves`).
//!
//! Policies, in brief (details in each module):
//! - Dates before publication are history, not mentions, except the replaced
//!   side of a move the article reports; statement dates ("On April 19, ...",
//!   "announced on Tuesday") are never release dates.
//! - Subjects: quoted or emphasised titles, capitalised titles next to a work
//!   noun, possessive or clause-subject names of works; "the film"/"it" take the
//!   latest work of that kind; an untitled work is named by its artist and noun
//!   phrase ("XENO new album"); "the OST" is the soundtrack of the show in focus.
//! - Confidence: a logistic model over the evidence (hedges in the sentence or
//!   the headline, where the subject was found, how many works the article
//!   names), fitted on the tuning half of the shared corpus ([`score`]).
//! - Regions ("in Japan", "on Netflix", "in North American theaters") fill
//!   `region`; different dates for different regions are separate current
//!   mentions, never a move.
//! - A coarse date refined by a finer one for the same work and role in the same
//!   article ("this month" ... "on the 19th") is dropped.
//!
//! No type in `model.rs` was changed.

mod apposition;
mod calendars;
mod coarse;
pub mod cues;
mod dates;
mod holiday_table;
mod holidays;
pub mod identity;
pub mod lex;
mod listing;
mod moves;
mod naming;
mod relative;
mod scope;
pub mod score;
pub mod sentence;
mod sift;
pub mod subject;
mod table;
pub mod temporal;
mod vocab;

pub use identity::{match_known, release_key, Known};
pub use listing::{dates, FoundDate, Reading};

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

/// Finds the release dates an article states, and the moves it reports. A
/// mention whose reading is too weak to report (`score::FLOOR`) is left out.
pub fn extract(text: &str, ctx: &Context<'_>) -> Extraction {
    let (x, feats) = explain(text, ctx);
    floored(x, &feats, score::FLOOR)
}

/// `x` without the mentions whose reading (`feats`, one per mention, from
/// [`explain`]) falls below `floor`; its changes are kept.
pub fn floored(mut x: Extraction, feats: &[[f32; score::FEATURES]], floor: f32) -> Extraction {
    let mut kept = feats.iter().map(|f| score::reported(f, floor));
    x.mentions.retain(|_| kept.next().unwrap_or(true));
    x
}

/// Every mention the reading finds, the weak ones too, with the features each
/// one's confidence was scored on (one per mention, in order; `score::NAMES`
/// names them). For fitting the scorer and its floor.
pub fn explain(text: &str, ctx: &Context<'_>) -> (Extraction, Vec<[f32; score::FEATURES]>) {
    // Date arithmetic near chrono's limits could overflow; no news is dated there.
    if !(1000..=9000).contains(&chrono::Datelike::year(&ctx.published.date_naive())) {
        return (Extraction::default(), Vec::new());
    }
    let found = sift::sift(text, ctx);
    moves::assemble(found, ctx)
}
