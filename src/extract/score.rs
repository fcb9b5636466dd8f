//! The confidence of a mention: a logistic model over the evidence its date and
//! subject came with (hedges, where the subject was found, how many works the
//! article names), so that of the mentions given 0.8, about eight in ten are right.
//!
//! The weights are fitted on the tuning half of the shared releases corpus
//! (`eval::fit`) by `cargo run --release --example fit_confidence`, which prints
//! this table; `tests/reading_quality.rs` fails when the table is not that fit
//! of today's engine, and checks the calibration on the held-back half. Plain
//! numbers, no model file: the same input always gives the same confidence.

use super::sift::Slot;
use crate::model::{Precision, Role};

/// What the article tells about all of its mentions.
#[derive(Debug, Clone, Default)]
pub(crate) struct Article {
    pub headline_hedged: bool,
    /// `release_key` of the headline's subject.
    pub headline_key: Option<String>,
    /// Distinct works among the article's dates.
    pub works: usize,
}

/// Number of features.
pub const FEATURES: usize = 20;

/// Feature names, in the order of [`features`] and [`WEIGHTS`].
pub const NAMES: [&str; FEATURES] = [
    "bias",
    "hedged",
    "headline_hedged",
    "subject_in_clause",
    "subject_in_sentence",
    "subject_strong",
    "ln_gap",
    "ln_titles_in_sentence",
    "described",
    "move_sentence",
    "day_precision",
    "ln_works_in_article",
    "headline_subject",
    "region",
    "previous",
    "ln_anchor_gap",
    "anchor_after",
    "distractor_in_sentence",
    "ln_dates_in_sentence",
    "year_given",
];

/// Fitted by `examples/fit_confidence.rs` on the tuning half (odd ids) of
/// `../shared/testdata/releases`, with the engine of this commit.
pub const WEIGHTS: [f32; FEATURES] = [
    -0.254, // bias
    -0.700, // hedged
    -0.400, // headline_hedged
    0.423,  // subject_in_clause
    0.552,  // subject_in_sentence
    0.127,  // subject_strong
    0.000,  // ln_gap
    0.000,  // ln_titles_in_sentence
    -0.123, // described
    0.316,  // move_sentence
    0.566,  // day_precision
    0.000,  // ln_works_in_article
    0.000,  // headline_subject
    -0.021, // region
    0.000,  // previous
    -0.409, // ln_anchor_gap
    0.302,  // anchor_after
    -0.343, // distractor_in_sentence
    -0.129, // ln_dates_in_sentence
    0.145,  // year_given
];

fn flag(b: bool) -> f32 {
    if b {
        1.0
    } else {
        0.0
    }
}

/// The evidence one date came with, as numbers, for a mention of `role` (a slot
/// can also give the other side of a move: "preponed by a day").
pub(crate) fn features(s: &Slot, role: Role, a: &Article) -> [f32; FEATURES] {
    let ln = |n: usize| (1.0 + n as f32).ln();
    [
        1.0,
        flag(s.hedged),
        flag(a.headline_hedged),
        flag(s.basis.in_clause),
        flag(s.basis.in_sentence),
        flag(s.basis.strong),
        ln(s.basis.gap),
        ln(s.basis.titles),
        flag(s.basis.described),
        flag(s.in_move),
        flag(s.date.precision == Precision::Day),
        ln(a.works),
        flag(a.headline_key.as_deref() == Some(s.key.as_str())),
        flag(s.region.is_some()),
        flag(role == Role::Previous),
        ln(s.basis.anchor_gap),
        flag(s.basis.anchor_after),
        flag(s.basis.distractor),
        ln(s.basis.dates),
        flag(s.year_given),
    ]
}

/// The evidence of a mention no date gave: an indefinite postponement named
/// only by its move sentence ("X has been postponed indefinitely").
pub(crate) fn undated(a: &Article) -> [f32; FEATURES] {
    let mut x = [0.0; FEATURES];
    x[0] = 1.0;
    x[2] = flag(a.headline_hedged);
    x[9] = 1.0;
    x
}

/// The least reading confidence (`reading`) a mention needs to be reported:
/// chosen by `eval::fit::choose_floor` as the one with the best mean mention F1
/// over the tuning half, `second` and `everyday`, and printed with the weights
/// by the fit example.
pub const FLOOR: f32 = 0.30;

/// The confidence of the reading alone: the mention's confidence as if nothing
/// hedged it. A hedge ("reportedly") says the source is unsure, not that the
/// text was misread, so a hedged mention read well is still reported.
pub fn reading(x: &[f32; FEATURES]) -> f32 {
    let mut x = *x;
    for (v, name) in x.iter_mut().zip(NAMES) {
        if matches!(name, "hedged" | "headline_hedged") {
            *v = 0.0;
        }
    }
    logistic(&x, &WEIGHTS)
}

/// Whether a mention with features `x` is reported under `floor`.
pub fn reported(x: &[f32; FEATURES], floor: f32) -> bool {
    reading(x) >= floor
}

/// The logistic function of the weighted features, in `[0, 1]`.
pub(crate) fn confidence(x: &[f32; FEATURES]) -> f32 {
    logistic(x, &WEIGHTS)
}

/// `1 / (1 + e^-(w·x))`, for the fit as well.
pub fn logistic(x: &[f32; FEATURES], w: &[f32; FEATURES]) -> f32 {
    let z: f32 = x.iter().zip(w).map(|(a, b)| a * b).sum();
    1.0 / (1.0 + (-z).exp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_logistic_is_a_probability_and_rises_with_the_weighted_evidence() {
        let mut x = [0.0; FEATURES];
        x[0] = 1.0;
        let w0 = [0.0; FEATURES];
        assert!((logistic(&x, &w0) - 0.5).abs() < 1e-6);
        let mut w = [0.0; FEATURES];
        w[0] = 3.0;
        let high = logistic(&x, &w);
        w[0] = -3.0;
        let low = logistic(&x, &w);
        assert!(high > 0.9 && low < 0.1 && (high + low - 1.0).abs() < 1e-5);
        assert!((0.0..=1.0).contains(&confidence(&x)));
        // `undated` sets the features by place: the places must be these names.
        let u = undated(&Article {
            headline_hedged: true,
            ..Article::default()
        });
        let on: Vec<&str> = NAMES
            .iter()
            .zip(u)
            .filter(|(_, v)| *v != 0.0)
            .map(|(n, _)| *n)
            .collect();
        assert_eq!(on, ["bias", "headline_hedged", "move_sentence"]);
    }

    #[test]
    fn a_hedge_lowers_the_confidence_but_not_the_reading_that_decides_the_report() {
        let mut x = [0.0; FEATURES];
        x[0] = 1.0;
        x[3] = 1.0; // subject in the date's clause
        x[4] = 1.0;
        let plain = confidence(&x);
        x[1] = 1.0; // hedged
        x[2] = 1.0; // and so is the headline
        assert!(confidence(&x) < plain - 0.1, "{} {plain}", confidence(&x));
        assert!((reading(&x) - plain).abs() < 1e-6);
        assert_eq!(reported(&x, FLOOR), plain >= FLOOR);
        // Weak evidence of the reading itself is not reported: the release word
        // far from the date (ln 20), no subject near it, an event beside it.
        let mut weak = [0.0; FEATURES];
        weak[0] = 1.0;
        for (v, name) in weak.iter_mut().zip(NAMES) {
            match name {
                "ln_anchor_gap" => *v = 21f32.ln(),
                "distractor_in_sentence" => *v = 1.0,
                _ => {}
            }
        }
        assert!(!reported(&weak, FLOOR), "{}", reading(&weak));
        assert!(reported(&x, FLOOR), "{}", reading(&x));
    }
}
