//! Load and footprint benchmark: one full `slipwatch poll` cycle over N loopback feeds.
//!
//! ```sh
//! cargo bench --bench loadgen -- --feeds 500,2000,5000 --idle-daemon --changes 100000
//! ```
//!
//! Serves N feeds × 20 items with 1–3 KB article pages from 127.0.0.1 (port 0),
//! generated deterministically from `--seed`, writes a feeds.toml for them, runs the
//! real release binary (`slipwatch --config <tmp>/feeds.toml poll`) as a child process
//! and prints feeds, items, articles/s, wall time, slipwatch's CPU time and peak RSS
//! (its own `wait4` rusage, so the server in this process is not counted), the store's
//! size on disk and bytes per sighting. `--idle-daemon` then starts `slipwatch daemon`
//! on the last store (every feed already polled, next poll a day away) and reads its
//! VmRSS once settled; `--changes N` builds a store of N changes through the library
//! and times `changes --json > /dev/null`; `--convert N` builds a schema-2 store of
//! N changes, lets `changes --json` convert it on open and prints its peak RSS and
//! whether its output is byte-identical to the schema-3 store's (`convert`), then
//! the conversion alone: `stats` (which keeps only counts) on a second schema-2 twin.
//! `--perf FILE` samples the largest cycle with `perf record -g`. Options: `--items 20 --seed 1 --concurrency 32 --connections 64
//! --cache-mib 64 --settle 5 --keep`.

mod convert;
mod run;
mod site;
mod stages;

use std::path::PathBuf;
use std::time::Duration;

use run::Limits;

struct Args {
    feeds: Vec<usize>,
    items: usize,
    seed: u64,
    limits: Limits,
    idle_daemon: bool,
    settle: u64,
    changes: usize,
    perf: Option<PathBuf>,
    stages: usize,
    hot: usize,
    convert: usize,
    keep: bool,
}

fn parse_args() -> Args {
    let mut a = Args {
        feeds: vec![100],
        items: 20,
        seed: 1,
        limits: Limits {
            concurrency: 32,
            connections: 64,
            cache_bytes: 64 << 20,
        },
        idle_daemon: false,
        settle: 5,
        changes: 0,
        perf: None,
        stages: 0,
        hot: 0,
        convert: 0,
        keep: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().unwrap_or_default();
        let num = |v: String| {
            v.parse::<usize>()
                .unwrap_or_else(|_| panic!("{flag}: {v:?} is not a number"))
        };
        match flag.as_str() {
            "--feeds" => a.feeds = value().split(',').map(|v| num(v.to_string())).collect(),
            "--items" => a.items = num(value()),
            "--seed" => a.seed = num(value()) as u64,
            "--concurrency" => a.limits.concurrency = num(value()),
            "--connections" => a.limits.connections = num(value()),
            "--cache-mib" => a.limits.cache_bytes = (num(value()) as u64) << 20,
            "--settle" => a.settle = num(value()) as u64,
            "--changes" => a.changes = num(value()),
            "--perf" => a.perf = Some(PathBuf::from(value())),
            "--stages" => a.stages = num(value()),
            "--hot" => a.hot = num(value()),
            "--convert" => a.convert = num(value()),
            "--idle-daemon" => a.idle_daemon = true,
            "--keep" => a.keep = true,
            // `cargo bench` passes --bench to every bench binary.
            "--bench" => {}
            other => panic!("unknown option {other:?} (see the top of benches/loadgen/main.rs)"),
        }
    }
    a
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

fn main() {
    let args = parse_args();
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_slipwatch"));
    let nofile = run::raise_nofile();
    let l = args.limits;
    println!(
        "loadgen: {} items per feed, seed {}; feeds.toml sets concurrency = {}, per_host_connections = global_connections = {} (every feed is on 127.0.0.1, so the per-host default of 2 would serialise the run), cache_bytes = {} MiB; open-file limit {nofile}; {} cores",
        args.items,
        args.seed,
        l.concurrency,
        l.connections,
        l.cache_bytes >> 20,
        std::thread::available_parallelism().map_or(0, |n| n.get()),
    );
    println!(
        "{:>6} {:>7} {:>8} {:>7} {:>10} {:>7} {:>8} {:>9} {:>9} {:>8} {:>8} {:>9} {:>5}",
        "feeds",
        "items",
        "articles",
        "wall_s",
        "articles/s",
        "cpu_s",
        "srv_cpu",
        "peak_MiB",
        "store_MiB",
        "sight.",
        "changes",
        "B/sight.",
        "load"
    );
    let largest = args.feeds.iter().copied().max().unwrap_or(0);
    let mut last_dir = None;
    let mut rows = Vec::new();
    for &feeds in &args.feeds {
        let dir =
            std::env::temp_dir().join(format!("slipwatch-loadgen-{}-{feeds}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        let server = run::Server::start(args.seed, feeds, args.items, 0);
        let config = run::write_config(&dir, &server.site, l);
        let load = run::load_average();
        let cpu0 = run::self_cpu();
        let perf = args.perf.as_deref().filter(|_| feeds == largest);
        let u = run::poll_cycle(&bin, &config, perf);
        let server_cpu = run::self_cpu() - cpu0;
        server.stop();
        let store = dir.join("data");
        let size = run::du(&store);
        let (articles, sightings, changes) = run::store_counts(&store);
        let items = feeds * args.items;
        let secs = u.wall.as_secs_f64();
        println!(
            "{feeds:>6} {items:>7} {articles:>8} {secs:>7.1} {:>10.0} {:>7.1} {:>8.1} {:>9.1} {:>9.1} {sightings:>8} {changes:>8} {:>9.0} {load:>5}{}",
            articles as f64 / secs,
            u.cpu.as_secs_f64(),
            server_cpu.as_secs_f64(),
            u.max_rss_kib as f64 / 1024.0,
            mib(size),
            size as f64 / sightings.max(1) as f64,
            if u.ok { "" } else { "  (poll exited non-zero: see stderr.log)" }
        );
        rows.push((feeds, secs));
        if let Some(old) = last_dir.replace(dir) {
            if !args.keep {
                let _ = std::fs::remove_dir_all(old);
            }
        }
    }
    if rows.len() > 1 {
        let per = |(f, s): (usize, f64)| s / f as f64 * 1000.0;
        let line: Vec<String> = rows
            .iter()
            .map(|&r| format!("{} feeds {:.2}", r.0, per(r)))
            .collect();
        println!("growth: seconds per 1,000 feeds: {}", line.join(", "));
    }
    if let (true, Some(dir)) = (args.idle_daemon, &last_dir) {
        let config = dir.join("feeds.toml");
        let load = run::load_average();
        let idle = run::idle_daemon(&bin, &config, Duration::from_secs(args.settle));
        println!(
            "idle daemon, {} feeds configured, {}s after start: VmRSS {:.1} MiB, VmHWM {:.1} MiB, polls started {}, clean stop {} (load {load})",
            rows.last().map_or(0, |r| r.0),
            args.settle,
            idle.rss_kib as f64 / 1024.0,
            idle.hwm_kib as f64 / 1024.0,
            idle.polls,
            idle.stopped_ok
        );
    }
    if args.stages > 0 {
        let dir =
            std::env::temp_dir().join(format!("slipwatch-loadgen-{}-stages", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let site = site::Site {
            seed: args.seed,
            feeds: args.stages,
            items: args.items,
            base: "http://127.0.0.1:1".into(),
            hot: 0,
        };
        let load = run::load_average();
        let s = stages::measure(&site, args.stages, &dir, l.cache_bytes);
        let us = |d: Duration| d.as_secs_f64() * 1e6;
        let total = s.feed_parse + s.article + s.dates + s.store;
        println!(
            "stages, CPU per article on one thread over {} articles: feed parse {:.0} µs, article text {:.0} µs, dates {:.0} µs, store commit {:.0} µs; total {:.0} µs (load {load})",
            s.articles,
            us(s.feed_parse),
            us(s.article),
            us(s.dates),
            us(s.store),
            us(total)
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
    if args.hot > 0 {
        hot_run(&args);
    }
    if args.convert > 0 {
        convert_run(&bin, &args);
    }
    if args.changes > 0 {
        let dir =
            std::env::temp_dir().join(format!("slipwatch-loadgen-{}-changes", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        let config = dir.join("feeds.toml");
        std::fs::write(&config, "[settings]\nstore = \"data\"\n").expect("feeds.toml");
        let store = dir.join("data");
        let sightings = run::build_change_store(&store, args.changes);
        let size = run::du(&store);
        let printed = run::count_changes_json(&bin, &config);
        let load = run::load_average();
        let mut times = run::time_changes_json(&bin, &config, 5);
        times.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "changes --json over {printed} changes ({sightings} sightings, store {:.1} MiB, {:.0} B/sighting): best {:.0} ms, median {:.0} ms of {} runs (load {load})",
            mib(size),
            size as f64 / sightings.max(1) as f64,
            ms(times[0]),
            ms(times[times.len() / 2]),
            times.len()
        );
        if !args.keep {
            let _ = std::fs::remove_dir_all(&dir);
        }
    }
    if let Some(dir) = last_dir {
        if args.keep {
            println!("kept: {}", dir.display());
        } else {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

/// `--convert N`: a schema-2 store of N changes converted on open (`convert`).
fn convert_run(bin: &std::path::Path, args: &Args) {
    let dir =
        std::env::temp_dir().join(format!("slipwatch-loadgen-{}-convert", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let load = run::load_average();
    let c = convert::run(bin, &dir, args.convert);
    println!(
        "conversion: schema-2 store of {} changes ({} records, {:.1} MiB) converted by the first `changes --json` on it (schema {:?} -> {:?}): {:.1} s, peak RSS {:.1} MiB (the same command on the schema-3 store: {:.1} s, {:.1} MiB), store {:.1} MiB after; output {} bytes, byte-identical to the schema-3 store's: {} (load {load})",
        args.convert,
        c.records,
        mib(c.schema2_bytes),
        c.schema.0,
        c.schema.1,
        c.usage.wall.as_secs_f64(),
        c.usage.max_rss_kib as f64 / 1024.0,
        c.read_only.wall.as_secs_f64(),
        c.read_only.max_rss_kib as f64 / 1024.0,
        mib(c.converted_bytes),
        c.output_bytes,
        if c.identical { "yes" } else { "NO" },
    );
    println!(
        "conversion alone (`stats` on a second schema-2 twin, which keeps only counts): {:.1} s, peak RSS {:.1} MiB (the same `stats` on the schema-3 store: {:.1} s, {:.1} MiB)",
        c.alone.wall.as_secs_f64(),
        c.alone.max_rss_kib as f64 / 1024.0,
        c.alone_read_only.wall.as_secs_f64(),
        c.alone_read_only.max_rss_kib as f64 / 1024.0,
    );
    if !args.keep {
        let _ = std::fs::remove_dir_all(&dir);
    }
}

/// `--hot N`: a site where half the articles (N) are about one release, the other
/// half the usual mix, committed in a shuffled order (`stages::hot`).
fn hot_run(args: &Args) {
    let dir = std::env::temp_dir().join(format!("slipwatch-loadgen-{}-hot", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let site = site::Site {
        seed: args.seed,
        feeds: (2 * args.hot).div_ceil(args.items),
        items: args.items,
        base: "http://127.0.0.1:1".into(),
        hot: args.hot,
    };
    let load = run::load_average();
    let h = stages::hot(&site, &dir, args.limits.cache_bytes);
    let us = |d: Duration| d.as_secs_f64() * 1e6;
    println!(
        "hot release: {} of {} articles about one release, committed in shuffled order; store commit CPU per article: over the run hot {:.0} µs vs fresh release {:.0} µs: {:.1}x; in the last tenth of the run (the hot release at its longest) hot {:.0} µs vs {:.0} µs for the other articles committed meanwhile: {:.1}x (load {load})",
        h.hot_articles,
        h.articles,
        us(h.hot),
        us(h.fresh),
        us(h.hot) / us(h.fresh).max(0.001),
        us(h.hot_late),
        us(h.others_late),
        us(h.hot_late) / us(h.others_late).max(0.001),
    );
    let _ = std::fs::remove_dir_all(&dir);
}
