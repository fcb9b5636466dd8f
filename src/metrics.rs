//! Process counters: told about fetches and polls, in plain types of its own.
//!
//! An observer that imports nothing of what it observes: `ingest::fetch` reports each
//! HTTP request as a [`FetchOutcome`], and the poll loops report each feed's poll as
//! a [`PollOutcome`] (`pipeline::FeedReport::outcome`). What only this process sees
//! (polls, fetch errors, fetch latency) is counted here; counters that must survive
//! restarts come from the store's feed state. `present::prometheus` renders both.

use std::collections::BTreeMap;
use std::sync::{LazyLock, Mutex};
use std::time::Duration;

/// Upper bounds (seconds) of the fetch latency histogram.
pub const BUCKETS: [f64; 10] = [0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0];

/// What this process counted since it started.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Counters {
    /// (feed, outcome) -> polls; outcome is `ok`, `not_modified` or `error`.
    pub polls: BTreeMap<(String, &'static str), u64>,
    /// Error kind -> failed fetches.
    pub fetch_errors: BTreeMap<&'static str, u64>,
    /// Per bucket of [`BUCKETS`]: fetches that took at most that long.
    pub fetch_buckets: [u64; BUCKETS.len()],
    pub fetch_count: u64,
    pub fetch_seconds: f64,
}

/// One HTTP fetch (feed or article page), as counted.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FetchOutcome {
    /// How long it took, body included.
    pub took: Duration,
    /// The kind label of its error (`timeout`, `http_4xx`, ...); `None` when it worked.
    pub error: Option<&'static str>,
}

/// How one poll of one feed ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PollOutcome {
    Ok,
    NotModified,
    Error,
}

impl PollOutcome {
    /// The `outcome` label.
    pub fn label(self) -> &'static str {
        match self {
            PollOutcome::Ok => "ok",
            PollOutcome::NotModified => "not_modified",
            PollOutcome::Error => "error",
        }
    }
}

static COUNTERS: LazyLock<Mutex<Counters>> = LazyLock::new(Default::default);

fn with<T>(f: impl FnOnce(&mut Counters) -> T) -> T {
    f(&mut COUNTERS.lock().unwrap_or_else(|p| p.into_inner()))
}

/// A copy of the counters, for rendering.
pub fn snapshot() -> Counters {
    with(|c| c.clone())
}

/// Counts one HTTP fetch and how long it took.
pub fn record_fetch(f: FetchOutcome) {
    let secs = f.took.as_secs_f64();
    with(|c| {
        c.fetch_count += 1;
        c.fetch_seconds += secs;
        for (i, le) in BUCKETS.iter().enumerate() {
            if secs <= *le {
                c.fetch_buckets[i] += 1;
            }
        }
        if let Some(kind) = f.error {
            *c.fetch_errors.entry(kind).or_insert(0) += 1;
        }
    });
}

/// Counts one poll of one feed by its outcome.
pub fn record_poll(feed: &str, outcome: PollOutcome) {
    with(|c| {
        *c.polls
            .entry((feed.to_string(), outcome.label()))
            .or_insert(0) += 1
    });
}
