//! Fits the mention confidence (`extract::score`) on the tuning half of the
//! shared releases corpus (`eval::fit`) and prints the weight table to paste into
//! `src/extract/score.rs`, with the calibration it gives on both halves.
//! `tests/reading_quality.rs` fails when the committed table is not what this
//! prints, so refit after a change to the engine.
//!
//! `cargo run --release --example fit_confidence`. Shared data is read from
//! `../shared/testdata/releases`; without it the example says so and stops.

use slipwatch::eval::fit::{fit, samples, Sample};
use slipwatch::eval::real::{self, Case};
use slipwatch::extract::score::{logistic, FEATURES, NAMES};
use std::path::PathBuf;

fn report(name: &str, data: &[Sample], w: &[f32; FEATURES]) {
    let mut loss = 0.0f64;
    let mut bands = [(0usize, 0usize, 0.0f64); 10];
    for (x, y) in data {
        let p = logistic(x, w).clamp(1e-6, 1.0 - 1e-6);
        loss -= if *y {
            f64::from(p).ln()
        } else {
            f64::from(1.0 - p).ln()
        };
        let b = ((p * 10.0) as usize).min(9);
        bands[b].0 += 1;
        bands[b].1 += usize::from(*y);
        bands[b].2 += f64::from(p);
    }
    let right = data.iter().filter(|(_, y)| *y).count();
    println!(
        "{name}: {} mentions, {right} right, log loss {:.3}",
        data.len(),
        loss / data.len().max(1) as f64
    );
    for (i, (n, r, sum)) in bands.iter().enumerate() {
        if *n > 0 {
            println!(
                "  [{:.1},{:.1})  {n:>3} mentions  mean confidence {:.2}  right {:.2}",
                i as f32 / 10.0,
                (i + 1) as f32 / 10.0,
                sum / *n as f64,
                *r as f64 / *n as f64
            );
        }
    }
}

fn main() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/testdata/releases");
    let mut cases: Vec<Case> = Vec::new();
    for f in ["real-a.jsonl", "real-b.jsonl"] {
        let path = dir.join(f);
        match std::fs::read_to_string(&path) {
            Ok(t) => match real::parse::<Case>(&t, &path.display().to_string()) {
                Ok(c) => cases.extend(c),
                Err(e) => println!("skipped: {e}"),
            },
            Err(e) => println!("skipped {}: {e}", path.display()),
        }
    }
    if cases.is_empty() {
        println!("no shared corpus: nothing to fit");
        return;
    }
    let tune = samples(cases.iter().filter(|c| c.tunes()));
    let held = samples(cases.iter().filter(|c| !c.tunes()));
    let w = fit(&tune);
    println!("pub const WEIGHTS: [f32; FEATURES] = [");
    for (name, v) in NAMES.iter().zip(w) {
        println!("    {v:.3}, // {name}");
    }
    println!("];\n");
    report("tune (fitted on)", &tune, &w);
    report("held (not seen)", &held, &w);
}
