//! Prints the share of Duckling date phrases resolved exactly through
//! `extract::dates` (phrase reading, as `extract --dates --phrases`), per grain
//! for non-holiday and holiday lines, then both shares against their bars
//! (0.90 and 0.80). Run: `cargo run --release --example dates_eval` (add
//! `-- -v` to list the misses).

use slipwatch::eval::dates::{parse_lines, score_line, tally};
use std::path::PathBuf;

fn main() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/testdata/dates/duckling_en_dates.jsonl");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("SKIP: {} not found", path.display());
        return;
    };
    let verbose = std::env::args().any(|a| a == "-v");
    let outcomes: Vec<_> = parse_lines(&text).iter().map(score_line).collect();
    let mut shares = Vec::new();
    for (holiday, label) in [(false, "non-holiday"), (true, "holiday")] {
        let mut right = 0;
        let mut total = 0;
        println!("{label} lines:");
        for ((h, grain), (r, t)) in tally(&outcomes) {
            if h == holiday {
                println!(
                    "  {grain:<8} {r:>4}/{t:<4} {:5.1}%",
                    100.0 * r as f64 / t.max(1) as f64
                );
                right += r;
                total += t;
            }
        }
        println!(
            "  {:<8} {right:>4}/{total:<4} {:5.1}%",
            "all",
            100.0 * right as f64 / total.max(1) as f64
        );
        shares.push((label, right, total));
    }
    for ((label, right, total), bar) in shares.iter().zip([0.90, 0.80]) {
        let share = *right as f64 / (*total).max(1) as f64;
        let verdict = if share >= bar { "ok" } else { "BELOW" };
        println!("{label} share {share:.3} ({right}/{total}), bar {bar:.2}: {verdict}");
    }
    if verbose {
        for o in outcomes.iter().filter(|o| !o.ok) {
            println!(
                "MISS {:<45} hol={:<5} want={:?} got={:?}",
                o.line.text,
                o.line.holiday.is_some(),
                o.want,
                o.got
            );
        }
    }
}
