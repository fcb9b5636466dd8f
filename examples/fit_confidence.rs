//! Fits the mention confidence (`extract::score`) on the tuning half of the
//! shared releases corpus (`eval::fit`) and prints the weight table to paste into
//! `src/extract/score.rs`, with the calibration it gives on both halves.
//! `tests/reading_quality.rs` fails when the committed table is not what this
//! prints, so refit after a change to the engine.
//!
//! `cargo run --release --example fit_confidence`. Shared data is read from
//! `../shared/testdata/releases`; without it the example says so and stops.

use slipwatch::eval::corpus::bands;
use slipwatch::eval::fit::{choose_floor, fit_chosen, samples, Sample};
use slipwatch::eval::real::{self, Case};
use slipwatch::extract::score::{logistic, FEATURES, NAMES};
use std::path::PathBuf;

fn report(name: &str, data: &[Sample], w: &[f32; FEATURES]) {
    let scored: Vec<(f32, bool)> = data.iter().map(|(x, y)| (logistic(x, w), *y)).collect();
    let loss: f64 = scored
        .iter()
        .map(|&(p, y)| {
            let p = f64::from(p.clamp(1e-6, 1.0 - 1e-6));
            -if y { p.ln() } else { (1.0 - p).ln() }
        })
        .sum();
    let right = data.iter().filter(|(_, y)| *y).count();
    println!(
        "{name}: {} mentions, {right} right, log loss {:.3}",
        data.len(),
        loss / data.len().max(1) as f64
    );
    for b in bands(&scored).iter().filter(|b| b.count > 0) {
        println!(
            "  [{:.1},{:.1})  {:>3} mentions  mean confidence {:.2}  right {:.2}",
            b.lo, b.hi, b.count, b.mean, b.right
        );
    }
}

fn main() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/testdata/releases");
    let mut cases: Vec<Case> = Vec::new();
    for f in ["real-a.jsonl", "real-b.jsonl"] {
        match real::read::<Case>(&dir.join(f)) {
            Ok(c) => cases.extend(c),
            Err(e) => println!("skipped: {e}"),
        }
    }
    if cases.is_empty() {
        println!("no shared corpus: nothing to fit");
        return;
    }
    let tune = samples(cases.iter().filter(|c| c.tunes()));
    let held = samples(cases.iter().filter(|c| !c.tunes()));
    let (w, l2) = fit_chosen(&tune);
    println!("pub const WEIGHTS: [f32; FEATURES] = [");
    for (name, v) in NAMES.iter().zip(w) {
        println!("    {v:.3}, // {name}");
    }
    println!("];\n");
    println!("L2 penalty {l2} (chosen by cross validation inside the tuning half)");
    report("tune (fitted on)", &tune, &w);
    report("held (not seen)", &held, &w);
    let own = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut groups: Vec<Vec<Case>> = vec![cases.iter().filter(|c| c.tunes()).cloned().collect()];
    for f in ["second.jsonl", "everyday.jsonl"] {
        match real::read::<Case>(&own.join(f)) {
            Ok(c) => groups.push(c),
            Err(e) => {
                println!("no floor: the floor is chosen on all three corpora, and {e}");
                return;
            }
        }
    }
    let (floor, table) = choose_floor(&groups);
    println!("\nreport floor on the reading confidence (committed weights): mention F1 of the tuning half, second, everyday; their mean");
    for row in table {
        let each: Vec<String> = row.f1.iter().map(|f| format!("{f:.3}")).collect();
        println!(
            "  {:.2}  {}  mean {:.3}",
            row.floor,
            each.join(" "),
            row.mean
        );
    }
    println!("pub const FLOOR: f32 = {floor:.2};");
}
