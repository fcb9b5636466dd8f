//! Duckling date phrases: at least 90% of the non-holiday lines resolve to the
//! exact expected day range. Reads ../shared/testdata/dates and skips when it is
//! absent. Deliberate disagreements with the corpus are listed in
//! `docs/extract-dates.md`.

use slipwatch::eval::dates::{parse_lines, score_line};
use std::path::PathBuf;

#[test]
fn duckling_non_holiday_lines_resolve_at_least_90_percent() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/testdata/dates/duckling_en_dates.jsonl");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!(
            "SKIP: {} not found; Duckling date test not run",
            path.display()
        );
        return;
    };
    let lines = parse_lines(&text);
    let outcomes: Vec<_> = lines
        .iter()
        .filter(|l| l.holiday.is_none())
        .map(score_line)
        .collect();
    let right = outcomes.iter().filter(|o| o.ok).count();
    let share = right as f64 / outcomes.len().max(1) as f64;
    assert!(outcomes.len() > 300, "only {} lines read", outcomes.len());
    assert!(
        share >= 0.90,
        "non-holiday share {share:.3} ({right}/{})",
        outcomes.len()
    );
}
