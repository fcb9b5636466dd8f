//! The same feed history gives the same changes: one multi-article timeline from the
//! shared releases corpus played three times through a loopback feed, each time into a
//! fresh store with `poll` after each article, gives byte-identical `changes --json`
//! (without `detected_at`). Skips with a message when ../shared is absent.

mod common;

use common::timeline;
use std::path::PathBuf;

#[test]
fn one_timeline_played_three_times_gives_the_same_changes() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/testdata/releases");
    let mut scenarios = Vec::new();
    for f in ["real-a-scenarios.jsonl", "real-b-scenarios.jsonl"] {
        let path = dir.join(f);
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("skipped: {} not readable", path.display());
            return;
        };
        scenarios.extend(timeline::parse(&text, f).unwrap());
    }
    // The longest timelines: most articles, most chances for order to matter.
    scenarios.sort_by_key(|s| std::cmp::Reverse(s.articles.len()));
    for s in scenarios.iter().take(2) {
        let first = timeline::play(s);
        assert!(
            !first.changes.is_empty(),
            "{}: no change at all; the comparison would prove nothing",
            s.id
        );
        for run in 1..3 {
            let again = timeline::play(s);
            assert_eq!(
                first.canonical, again.canonical,
                "{}: run {run} differs",
                s.id
            );
        }
    }
}
