//! Throughput of `extract` on one core for realistic 1–3 KB articles.
//!
//! Articles are built from the corpus: each corpus text is padded with whole
//! sentences taken from the other corpus texts (in order, wrapping) until it
//! reaches a target size drawn evenly from 1,000–3,000 bytes; the headline is
//! the case's own. Run: `cargo run --release --example extract_bench`
//! (`-- --write FILE` also writes the articles as JSONL for
//! `examples/dateparser_bench.py`).

use chrono::DateTime;
use slipwatch::eval::corpus::parse_cases;
use slipwatch::extract::{extract, Context};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// CPU seconds this process has used (Linux `/proc/self/stat`, 100 ticks/s),
/// so a loaded machine does not count time spent waiting for a core.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = f.get(11)?.parse().ok()?;
    let stime: f64 = f.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

fn main() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/releases.jsonl");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("corpus not found at {}", path.display());
        std::process::exit(1);
    };
    let cases = parse_cases(&text);
    let sentences: Vec<&str> = cases
        .iter()
        .flat_map(|c| c.text.split_inclusive(". "))
        .collect();
    if cases.is_empty() || sentences.is_empty() {
        eprintln!("empty corpus");
        std::process::exit(1);
    }
    let mut articles = Vec::new();
    let mut k = 0usize;
    for (i, c) in cases.iter().enumerate() {
        let target = 1000 + (i * 7919) % 2001;
        let mut body = c.text.clone();
        while body.len() < target {
            body.push(' ');
            body.push_str(sentences[k % sentences.len()].trim());
            k += 1;
        }
        let Ok(published) = DateTime::parse_from_rfc3339(&c.published) else {
            continue;
        };
        articles.push((body, c.title.clone(), published));
    }
    let args: Vec<String> = std::env::args().collect();
    if let Some(out) = args
        .iter()
        .position(|a| a == "--write")
        .and_then(|i| args.get(i + 1))
    {
        let lines: Vec<String> = articles
            .iter()
            .map(|(b, _, p)| {
                serde_json::json!({"text": b, "published": p.to_rfc3339()}).to_string()
            })
            .collect();
        if let Err(e) = std::fs::write(out, lines.join("\n") + "\n") {
            eprintln!("cannot write {out}: {e}");
        }
    }
    let bytes: usize = articles.iter().map(|a| a.0.len()).sum();
    // Warm up, then run whole passes for at least two seconds.
    let mut sink = 0usize;
    for (b, t, p) in &articles {
        sink += extract(
            b,
            &Context {
                published: *p,
                title: t.as_deref(),
                hints: &[],
            },
        )
        .mentions
        .len();
    }
    let cpu0 = cpu_seconds();
    let start = Instant::now();
    let mut n = 0usize;
    while start.elapsed() < Duration::from_secs(2) {
        for (b, t, p) in &articles {
            sink += extract(
                b,
                &Context {
                    published: *p,
                    title: t.as_deref(),
                    hints: &[],
                },
            )
            .mentions
            .len();
            n += 1;
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let cpu = cpu_seconds()
        .zip(cpu0)
        .map(|(b, a)| b - a)
        .filter(|c| *c > 0.5);
    let passes = n / articles.len().max(1);
    println!(
        "{} articles, mean {} bytes; {n} extractions in {secs:.2} s on one thread",
        articles.len(),
        bytes / articles.len().max(1)
    );
    println!(
        "throughput (wall clock): {:.0} articles/s, {:.1} MB/s (checksum {sink})",
        n as f64 / secs,
        (bytes * passes) as f64 / secs / 1e6
    );
    if let Some(cpu) = cpu {
        // The reading issue's bar: 3,000 articles/s on one core.
        let per_core = n as f64 / cpu;
        let verdict = if per_core >= 3000.0 { "met" } else { "not met" };
        println!(
            "throughput per core (CPU time {cpu:.2} s of {secs:.2} s wall): {per_core:.0} articles/s (bar 3,000: {verdict})"
        );
    }
}
