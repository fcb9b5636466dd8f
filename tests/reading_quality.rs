//! Reading quality on text the engine was not written from: each half of the shared
//! releases corpus (odd ids tune, even ids held back; read from
//! ../shared/testdata/releases, skipped with a message when absent) and the two
//! corpora a helper wrote without reading the engine (tests/corpus/second.jsonl,
//! everyday.jsonl). `cargo bench --bench reading -- -v` prints every figure and miss.
//!
//! These floors are today's level, not the reading issue's bars: mention F1 >= 0.90,
//! moves exact >= 0.85, direction >= 0.95 and at most 1 false move in 25 non-move
//! articles on each half are NOT reached (on 2026-12-02, stop 19: F1 0.455 tune, 0.356
//! held; moves exact 19/62 and 8/36; false-move articles 1/27 and 3/30; second 0.522;
//! everyday 0.533, 1/125). Confidence is checked too: its expected calibration error
//! stays at or below 0.15 on each half (0.050 and 0.115 that day) and 0.16 on the
//! second corpus. The floors were last raised on 2026-12-07 to sit just under that
//! day's figures (F1 0.616 tune, 0.520 held, second 0.707, everyday 0.680; moves
//! exact 36/62, 11/36, 42/78), so a change that loses ground fails here.

use slipwatch::eval::corpus::Score;
use slipwatch::eval::real;
use std::path::PathBuf;

fn load(path: PathBuf) -> Option<Vec<real::Case>> {
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: {} not readable", path.display());
        return None;
    };
    Some(real::parse(&text, &path.display().to_string()).unwrap())
}

/// Both files of the shared releases corpus, or `None` (with a message) without them.
fn shared_cases() -> Option<Vec<real::Case>> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/testdata/releases");
    let a = load(dir.join("real-a.jsonl"))?;
    let b = load(dir.join("real-b.jsonl"))?;
    Some(a.into_iter().chain(b).collect())
}

fn report(name: &str, s: &Score) -> String {
    format!(
        "{name}: F1 {:.3} (P {:.3} R {:.3}), moves exact {}/{}, direction {:.3} ({}/{}), false-move articles {}/{}",
        s.f1(),
        s.precision(),
        s.recall(),
        s.moves_exact,
        s.moves_gold,
        s.direction_accuracy(),
        s.moves_direction_right,
        s.moves_subject_found,
        s.false_move_articles,
        s.nonmove_articles
    )
}

#[test]
fn each_half_of_the_shared_corpus_holds_its_floor() {
    let Some(cases) = shared_cases() else {
        return;
    };
    assert!(cases.len() >= 100, "{} cases", cases.len());
    for (name, tune) in [("tune", true), ("held", false)] {
        let s = real::score_all(cases.iter().filter(|c| c.tunes() == tune));
        let r = report(name, &s);
        assert!(s.f1() >= 0.50, "mention F1 fell: {r}");
        assert!(s.moves_exact >= 11, "moves exact fell: {r}");
        // Direction is judged over the moves whose work was found. Finding more
        // works ("Series: Subtitle" titles) brought held-back moves with wrong dates
        // into that count (12 of 13 right, then 12 of 16) without losing a right
        // one, so this floor sits below the 0.90 it had.
        assert!(s.direction_accuracy() >= 0.72, "direction fell: {r}");
        assert!(
            s.false_move_articles * 6 <= s.nonmove_articles,
            "false moves rose: {r}"
        );
        // Confidence means what it says: fitted on the tuning half, it must hold
        // on the held-back one (a flat 0.9 scored about 0.55 here).
        let ece = s.calibration_error();
        assert!(ece <= 0.15, "calibration error {ece:.3}: {r}");
    }
}

#[test]
fn the_committed_confidence_weights_are_the_fit_of_the_tuning_half() {
    let Some(cases) = shared_cases() else {
        return;
    };
    let w = slipwatch::eval::fit::fit(&slipwatch::eval::fit::samples(
        cases.iter().filter(|c| c.tunes()),
    ));
    let committed = slipwatch::extract::score::WEIGHTS;
    for ((name, fitted), have) in slipwatch::extract::score::NAMES
        .iter()
        .zip(w)
        .zip(committed)
    {
        assert!(
            (fitted - have).abs() < 0.002,
            "{name}: fitted {fitted:.3}, committed {have:.3}; refit with `cargo run --release --example fit_confidence`"
        );
    }
}

#[test]
fn the_committed_report_floor_is_the_one_every_visible_corpus_chose() {
    let Some(cases) = shared_cases() else {
        return;
    };
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let groups = vec![
        cases.into_iter().filter(|c| c.tunes()).collect(),
        load(dir.join("second.jsonl")).expect("ships with the crate"),
        load(dir.join("everyday.jsonl")).expect("ships with the crate"),
    ];
    let (chosen, table) = slipwatch::eval::fit::choose_floor(&groups);
    let committed = slipwatch::extract::score::FLOOR;
    assert!(
        (chosen - committed).abs() < 1e-6,
        "chosen {chosen:.2}, committed {committed:.2} ({table:?}); refit with `cargo run --release --example fit_confidence`"
    );
}

#[test]
fn extract_reports_the_mentions_read_well_enough_and_leaves_out_the_rest() {
    use slipwatch::extract::{explain, extract, score, Context};
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let cases = load(dir.join("second.jsonl")).expect("ships with the crate");
    let (mut dropped, mut kept) = (0, 0);
    for c in &cases {
        let ctx = Context {
            published: chrono::DateTime::parse_from_rfc3339(&c.published).unwrap(),
            title: c.title.as_deref(),
            hints: &[],
        };
        let (all, feats) = explain(&c.text, &ctx);
        let want: Vec<_> = all
            .mentions
            .iter()
            .zip(&feats)
            .filter(|(_, f)| score::reported(f, score::FLOOR))
            .map(|(m, _)| m.clone())
            .collect();
        let got = extract(&c.text, &ctx);
        assert_eq!(got.mentions, want, "{}", c.id);
        assert_eq!(
            got.changes, all.changes,
            "{}: the floor leaves changes alone",
            c.id
        );
        kept += want.len();
        dropped += all.mentions.len() - want.len();
    }
    assert!(
        dropped > 0 && kept > 10 * dropped,
        "kept {kept}, dropped {dropped}"
    );
}

#[test]
fn the_independent_corpora_hold_their_floors() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let second = load(dir.join("second.jsonl")).expect("ships with the crate");
    let s = real::score_all(&second);
    let r = report("second", &s);
    assert!(second.len() >= 90 && s.f1() >= 0.72, "{r}");
    assert!(s.moves_exact >= 46, "{r}");
    // Fitted on the real tuning half, confidence runs low on this easier corpus
    // (mentions given 0.6 to 0.7 are right about eight times in ten), so each
    // mention it gains right can raise the error: the floor here is 0.16, the
    // held-back half keeps 0.15.
    let ece = s.calibration_error();
    assert!(ece <= 0.16, "calibration error {ece:.3}: {r}");
    let everyday = load(dir.join("everyday.jsonl")).expect("ships with the crate");
    let e = real::score_all(&everyday);
    let r = report("everyday", &e);
    assert!(everyday.len() >= 100 && e.f1() >= 0.67, "{r}");
    assert!(
        e.false_move_articles <= 1,
        "false moves in ordinary articles rose: {r}"
    );
}

/// The fourth corpus is split like the shared one: its odd ids tune (rules were
/// found in them), its even ids are held back. Floors at today's level for each
/// half, not the bars.
#[test]
fn each_half_of_the_fourth_corpus_holds_its_floors() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let fourth = load(dir.join("fourth.jsonl")).expect("ships with the crate");
    let (tune, held): (Vec<_>, Vec<_>) = fourth.into_iter().partition(|c| c.tunes());
    for (name, half, f1, moves) in [("tune", &tune, 0.60, 11), ("held", &held, 0.57, 15)] {
        let s = real::score_all(half.iter());
        let r = report(&format!("fourth {name}"), &s);
        assert!(half.len() >= 40 && s.f1() >= f1, "{r}");
        assert!(s.moves_exact >= moves, "{r}");
        assert!(s.false_move_articles <= 1, "{r}");
    }
}

/// The third corpus is read for its figures only (no rule or weight was chosen on
/// it), so it says what text the engine has never seen gets: today about what
/// the shared held-back half gets. Floors at today's level, not the bars.
#[test]
fn the_unseen_third_corpus_holds_its_floors() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let third = load(dir.join("third.jsonl")).expect("ships with the crate");
    let s = real::score_all(&third);
    let r = report("third", &s);
    assert!(third.len() >= 60 && s.f1() >= 0.52, "{r}");
    assert!(s.moves_exact >= 22, "{r}");
    assert!(s.false_move_articles <= 1, "{r}");
}
