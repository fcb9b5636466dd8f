//! Times the article extractor on one core over the extraction corpus: pages per CPU-second and peak memory.
//!
//! Usage: `cargo run --release --example article_bench [-- ROUNDS]` (default 3 rounds).
//! CPU time is the process's user+system time from `getrusage`; the work runs on the
//! main thread only. Peak memory is `VmHWM` from `/proc/self/status`, printed after
//! loading the corpus and again after extraction. Compare with
//! `python3 examples/trafilatura_bench.py` on the same machine.

use slipwatch::article::extract_article;
use slipwatch::eval::{corpus_dir, load_corpus};

fn cpu_seconds() -> f64 {
    // SAFETY: getrusage only writes into the zeroed struct we pass.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    let rc = unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut ru) };
    if rc != 0 {
        return 0.0;
    }
    let tv = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    tv(ru.ru_utime) + tv(ru.ru_stime)
}

fn vm_hwm_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(3)
        .max(1);
    let dir = corpus_dir(env!("CARGO_MANIFEST_DIR"));
    let pages = match load_corpus(&dir) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("corpus not available ({e}); nothing to time");
            std::process::exit(2);
        }
    };
    let bytes: usize = pages.iter().map(|p| p.html.len()).sum();
    let hwm_loaded = vm_hwm_kib();
    let mut best = f64::INFINITY;
    let mut total = 0.0;
    let mut sink = 0usize;
    for _ in 0..rounds {
        let t0 = cpu_seconds();
        for p in &pages {
            sink += extract_article(&p.html, None).text.len();
        }
        let dt = cpu_seconds() - t0;
        best = best.min(dt);
        total += dt;
    }
    let mean = total / rounds as f64;
    let n = pages.len() as f64;
    println!(
        "slipwatch article: {} pages ({:.1} MB), {rounds} rounds, one thread",
        pages.len(),
        bytes as f64 / 1e6
    );
    println!(
        "  mean {:.3} CPU-s/round -> {:.1} pages per CPU-second ({:.1} MB/CPU-s); best round {:.1} pages/CPU-s",
        mean,
        n / mean,
        bytes as f64 / 1e6 / mean,
        n / best
    );
    println!(
        "  peak RSS (VmHWM): {} KiB after loading the corpus, {} KiB after extraction  [output bytes {sink}]",
        hwm_loaded.map_or("?".into(), |v| v.to_string()),
        vm_hwm_kib().map_or("?".into(), |v| v.to_string())
    );
}
