//! Keeps the loadgen benchmark (benches/loadgen) from rotting: its own modules run a
//! 20-feed cycle of the real binary, a 200-change `changes --json`, a 200-change
//! schema-2 conversion, a one-second idle daemon and the per-stage timer, and the
//! generated pages keep their shape.

#[path = "../benches/loadgen/convert.rs"]
#[allow(dead_code)]
mod convert;
#[path = "../benches/loadgen/run.rs"]
#[allow(dead_code)]
mod run;
#[path = "../benches/loadgen/site.rs"]
#[allow(dead_code)]
mod site;
#[path = "../benches/loadgen/stages.rs"]
#[allow(dead_code)]
mod stages;

use std::path::{Path, PathBuf};
use std::time::Duration;

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "slipwatch-loadgen-smoke-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const LIMITS: run::Limits = run::Limits {
    concurrency: 8,
    connections: 16,
    cache_bytes: 16 << 20,
};

#[test]
fn generated_pages_are_one_to_three_kib_and_deterministic() {
    let site = site::Site {
        seed: 7,
        feeds: 50,
        items: 20,
        base: "http://127.0.0.1:1".into(),
        hot: 0,
    };
    for g in 0..1000 {
        let p = site.page(g / 20, g % 20).unwrap();
        assert!(
            (1024..=3 * 1024).contains(&p.len()),
            "page {g}: {} bytes",
            p.len()
        );
    }
    assert_eq!(site.page(3, 4), site.page(3, 4));
    assert_eq!(site.feed(3), site.feed(3));
    assert!(site.feed(50).is_none() && site.page(0, 20).is_none());
}

#[test]
fn a_twenty_feed_cycle_stores_sightings_and_moves_and_the_daemon_idles() {
    let bin = Path::new(env!("CARGO_BIN_EXE_slipwatch"));
    let dir = temp("cycle");
    let server = run::Server::start(1, 20, 20, 0);
    let config = run::write_config(&dir, &server.site, LIMITS);
    let u = run::poll_cycle(bin, &config, None);
    server.stop();
    assert!(
        u.ok,
        "{}",
        std::fs::read_to_string(dir.join("stderr.log")).unwrap_or_default()
    );
    assert!(u.max_rss_kib > 0 && u.cpu > Duration::ZERO);
    let (articles, sightings, changes) = run::store_counts(&dir.join("data"));
    assert_eq!(articles, 400);
    assert!(sightings >= 300, "{sightings} sightings");
    assert!(changes >= 50, "{changes} changes");
    assert!(run::du(&dir.join("data")) > 0);
    let idle = run::idle_daemon(bin, &config, Duration::from_secs(1));
    assert!(idle.rss_kib > 0 && idle.stopped_ok);
    assert_eq!(idle.polls, 0, "every feed was polled a moment ago");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn changes_json_prints_every_change_of_a_library_built_store() {
    let bin = Path::new(env!("CARGO_BIN_EXE_slipwatch"));
    let dir = temp("changes");
    let config = dir.join("feeds.toml");
    std::fs::write(&config, "[settings]\nstore = \"data\"\n").unwrap();
    assert_eq!(run::build_change_store(&dir.join("data"), 200), 300);
    assert_eq!(run::count_changes_json(bin, &config), 200);
    assert_eq!(run::time_changes_json(bin, &config, 1).len(), 1);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_schema_2_store_is_converted_on_open_and_prints_the_same_changes() {
    let bin = Path::new(env!("CARGO_BIN_EXE_slipwatch"));
    let dir = temp("convert");
    let c = convert::run(bin, &dir, 200);
    assert_eq!(c.schema, ("2".to_string(), "3".to_string()));
    assert!(c.identical, "changes --json differs after conversion");
    assert!(c.usage.ok && c.usage.max_rss_kib > 0);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn stage_timer_runs_every_stage() {
    let dir = temp("stages");
    let site = site::Site {
        seed: 1,
        feeds: 2,
        items: 20,
        base: "http://127.0.0.1:1".into(),
        hot: 0,
    };
    let s = stages::measure(&site, 2, &dir.join("data"), 8 << 20);
    assert_eq!(s.articles, 40);
    assert!(s.article + s.dates + s.store > Duration::ZERO);
    let _ = std::fs::remove_dir_all(dir);
}
