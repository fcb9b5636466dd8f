//! Quality bars on the release corpus (tests/corpus/releases.jsonl); see
//! `slipwatch::eval::corpus` for how mentions and moves are matched.
//! `cargo run --release --example extract_eval -- -v` lists the misses.

use slipwatch::eval::corpus::{parse_cases, score_all};
use std::path::PathBuf;

#[test]
fn corpus_scores_reach_the_bars() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/releases.jsonl");
    let text = std::fs::read_to_string(&path).expect("corpus ships with the crate");
    let cases = parse_cases(&text);
    assert!(cases.len() >= 250, "corpus has {} cases", cases.len());
    let s = score_all(&cases);
    let report = format!(
        "F1 {:.3} (P {:.3} R {:.3}), moves exact {:.3}, direction {:.3}, false moves {:.3}",
        s.f1(),
        s.precision(),
        s.recall(),
        s.moves_exact_share(),
        s.direction_accuracy(),
        s.false_move_rate()
    );
    assert!(s.f1() >= 0.92, "mention F1 below 0.92: {report}");
    assert!(
        s.moves_exact_share() >= 0.90,
        "moves exact below 0.90: {report}"
    );
    assert!(
        s.direction_accuracy() >= 0.95,
        "direction below 0.95: {report}"
    );
    assert!(
        s.false_move_rate() <= 0.05,
        "false moves above 1 in 20: {report}"
    );
}
