//! Every file under `../shared/testdata/feeds/` goes through feed parsing and then the
//! full pipeline (store, diff) without a panic; the test prints how many parsed, how
//! many were rejected and why.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use slipwatch::config::{Config, FeedConfig, Source};
use slipwatch::ingest::{charset, feed, fetch};
use slipwatch::pipeline::{self, Engine};
use slipwatch::track::store;

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/testdata/feeds");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("SKIP: {} is absent; feed corpus not checked", dir.display());
        None
    }
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if p.is_dir() {
            files(&p, out);
        } else if !name.ends_with(".serde.json") && !name.ends_with(".md") {
            out.push(p);
        }
    }
}

/// The `Content-Type` charset a feedparser test file asks the HTTP layer to send.
fn header_charset(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]);
    let line = head
        .lines()
        .find(|l| l.trim_start().starts_with("Header:"))?;
    let value = line.split_once(':')?.1;
    charset::header_charset(value.split_once(':').map_or(value, |(_, v)| v)).map(str::to_string)
}

#[test]
fn every_corpus_feed_parses_or_is_rejected_cleanly_and_runs_through_the_pipeline() {
    let Some(dir) = corpus() else { return };
    let mut all = Vec::new();
    files(&dir, &mut all);
    let mut parsed = BTreeMap::<String, usize>::new();
    let mut rejected = BTreeMap::<String, usize>::new();
    let mut reference_failures = Vec::new();
    for path in &all {
        let bytes = std::fs::read(path).unwrap();
        let cs = header_charset(&bytes);
        let utf8 = charset::feed_to_utf8(&bytes, cs.as_deref());
        let group = path
            .strip_prefix(&dir)
            .unwrap()
            .iter()
            .next()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        match feed::parse(&utf8, None) {
            Ok(_) => *parsed.entry(group).or_default() += 1,
            Err(e) => {
                let reason: String = e.to_string().chars().take(70).collect();
                *rejected.entry(format!("{group}: {reason}")).or_default() += 1;
                // feed-rs's own fixtures come with its parse beside them: those must parse.
                let sibling = PathBuf::from(format!("{}.serde.json", path.display()));
                if group == "feed-rs" && sibling.exists() {
                    reference_failures.push(path.display().to_string());
                }
            }
        }
    }
    let total_parsed: usize = parsed.values().sum();
    let total_rejected: usize = rejected.values().sum();
    println!(
        "feed corpus: {} files, {total_parsed} parsed, {total_rejected} rejected",
        all.len()
    );
    for (group, n) in &parsed {
        println!("  parsed   {n:5}  {group}");
    }
    for (reason, n) in &rejected {
        println!("  rejected {n:5}  {reason}");
    }
    assert!(
        reference_failures.is_empty(),
        "feed-rs fixtures that must parse: {reference_failures:?}"
    );
    assert!(
        total_parsed * 10 >= all.len() * 9,
        "fewer than 90% of corpus files parsed"
    );

    // The full pipeline over every file as a local feed: store, extraction and diff.
    let tmp = std::env::temp_dir().join(format!("slipwatch-corpus-{}", std::process::id()));
    let mut config = Config::parse("", &tmp.join("feeds.toml")).unwrap();
    config.settings.store = tmp.join("db");
    config.feeds = all
        .iter()
        .enumerate()
        .map(|(i, p)| FeedConfig {
            name: format!("{i:04}-{}", p.file_name().unwrap().to_string_lossy()),
            source: Source::File(p.clone()),
            interval: std::time::Duration::from_secs(3600),
            article_selector: None,
            fetch_articles: false,
            user_agent: None,
            group: None,
        })
        .collect();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let reports = rt.block_on(async {
        let st = store::Store::open(&config.settings.store, 16 << 20).unwrap();
        let fetcher = fetch::Fetcher::new(&config.settings).unwrap();
        let engine = Engine {
            config: Arc::new(config),
            store: Arc::new(st),
            fetcher,
        };
        pipeline::poll_all(&engine, None).await
    });
    let _ = std::fs::remove_dir_all(&tmp);
    let ok = reports.iter().filter(|r| r.error.is_none()).count();
    let items: usize = reports.iter().map(|r| r.items).sum();
    let sightings: usize = reports.iter().map(|r| r.sightings).sum();
    println!(
        "pipeline: {} feeds, {ok} polled cleanly, {items} items, {sightings} sightings",
        reports.len()
    );
    assert_eq!(reports.len(), all.len());
    assert_eq!(
        ok, total_parsed,
        "every feed that parses also runs through the pipeline"
    );
}
