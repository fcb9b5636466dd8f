//! The store's records and keys: what each key prefix holds, and how keys are made.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::model::{Change, Direction, Release, Sighting};
use crate::watch::Watchlist;

/// What slipwatch remembers about a feed between polls.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FeedState {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub last_attempt: Option<DateTime<Utc>>,
    pub last_success: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    pub last_error_at: Option<DateTime<Utc>>,
    pub consecutive_failures: u32,
    /// Items processed (new or edited) over the feed's life.
    pub items: u64,
    /// Article pages fetched.
    pub articles: u64,
    pub sightings: u64,
    pub changes: u64,
    /// Polls answered 304 Not Modified.
    pub not_modified: u64,
    pub next_poll: Option<DateTime<Utc>>,
    /// Set when the server answered 429 (or 503 with `Retry-After`): no poll before it.
    #[serde(default)]
    pub throttled_until: Option<DateTime<Utc>>,
    /// Articles in a row where the feed's `article_selector` matched nothing.
    #[serde(default)]
    pub selector_misses: u32,
}

/// A processed feed item: its fingerprint decides whether it is processed again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemState {
    pub fingerprint: String,
    pub url: Option<String>,
    pub processed_at: DateTime<Utc>,
}

/// Everything one processed item produces.
#[derive(Debug, Clone)]
pub struct ArticleCommit {
    pub feed: String,
    pub item_id: String,
    pub item: ItemState,
    pub sightings: Vec<Sighting>,
}

/// Filters for reading changes.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ChangeFilter {
    pub since: Option<DateTime<Utc>>,
    pub direction: Option<Direction>,
    /// Case-insensitive substring of the release key or name.
    pub release: Option<String>,
    pub limit: Option<usize>,
    /// Unconfirmed changes too (`changes --all`, `?all=1`); by default only confirmed.
    #[serde(default, deserialize_with = "flag")]
    pub all: bool,
    /// Only watched releases' changes (`--watched`); set from the config, never read
    /// from a query.
    #[serde(skip)]
    pub watched: Option<Watchlist>,
}

/// A query-string flag: `1`, `true`, `yes` or `on` (any case) is set, anything else not.
fn flag<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Flag {
        Bool(bool),
        Text(String),
    }
    Ok(match Flag::deserialize(d)? {
        Flag::Bool(b) => b,
        Flag::Text(t) => matches!(t.to_ascii_lowercase().as_str(), "1" | "true" | "yes" | "on"),
    })
}

impl ChangeFilter {
    /// Whether a filter reads fields of each change (not only detection times).
    pub(super) fn reads_fields(&self) -> bool {
        self.direction.is_some() || self.release.is_some() || self.watched.is_some()
    }

    pub(super) fn keeps_parts(&self, c: &ChangeKeys) -> bool {
        let (key, release) = (c.key.as_str(), c.release.as_str());
        self.direction.is_none_or(|d| d == c.direction)
            && self.release.as_ref().is_none_or(|q| {
                let q = q.to_lowercase();
                key.contains(&q) || release.to_lowercase().contains(&q)
            })
            && self.watched.as_ref().is_none_or(|w| {
                let mut said = vec![c.evidence.after.sentence.as_str()];
                said.extend(c.evidence.before.as_ref().map(|b| b.sentence.as_str()));
                w.matches(key, release, &said)
            })
    }
}

/// The fields of a stored `Change` that `ChangeFilter` looks at.
#[derive(Deserialize)]
pub(super) struct ChangeKeys {
    pub key: String,
    pub release: String,
    pub direction: Direction,
    pub detected_at: DateTime<Utc>,
    pub evidence: SaidKeys,
}

/// The sentences of a change's evidence (the watchlist reads them).
#[derive(Deserialize)]
pub(super) struct SaidKeys {
    pub before: Option<Said>,
    pub after: Said,
}

#[derive(Deserialize)]
pub(super) struct Said {
    pub sentence: String,
}

/// One release with its full history, for `show`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReleaseHistory {
    pub release: Release,
    pub sightings: Vec<Sighting>,
    pub changes: Vec<Change>,
}

/// A change waiting to be delivered to one notify target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Delivery {
    pub target: String,
    pub change: Change,
    /// Failed attempts so far.
    pub attempts: u32,
    pub next_attempt: DateTime<Utc>,
    pub last_error: Option<String>,
}

/// A notify target and which new changes it is queued (see `Store::set_notify_routes`).
#[derive(Debug, Clone)]
pub struct NotifyRoute {
    pub name: String,
    /// `Some`: only changes of releases this watchlist matches.
    pub only: Option<Watchlist>,
}

/// What a notify target has done, for `feeds`, `/healthz` and `/metrics`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NotifyState {
    pub delivered: u64,
    /// Failed attempts, retried or not.
    pub failed_attempts: u64,
    /// Deliveries given up after `max_attempts`.
    pub dropped: u64,
    pub last_success: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    pub last_error_at: Option<DateTime<Utc>>,
    pub consecutive_failures: u32,
}

/// Records and bytes (keys and values, before sled's own overhead) of one kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct KindStats {
    pub records: u64,
    pub bytes: u64,
}

/// What `slipwatch stats` prints.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct StoreStats {
    /// Bytes the store's files take on disk (sled's log included).
    pub size_on_disk: u64,
    /// Per key prefix: `t` sightings, `a` articles, `r` releases, `c`/`d` change
    /// buckets, `x` change index, `i` item states, `f` feeds, `q` queued
    /// deliveries, `n` notify targets, `m` metadata.
    pub kinds: BTreeMap<String, KindStats>,
    pub sightings: u64,
    /// `size_on_disk` over `sightings`.
    pub bytes_per_sighting: u64,
}

/// The store key of a queued delivery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueKey(pub(super) Vec<u8>);

pub(super) fn item_key(feed: &str, id: &str) -> Vec<u8> {
    format!("i/{feed}\0{id}").into_bytes()
}

pub(super) fn change_key(at: DateTime<Utc>, id: &str) -> Vec<u8> {
    let micros = u64::try_from(at.timestamp_micros()).unwrap_or(0);
    format!("c/{micros:016x}{id}").into_bytes()
}

/// The key under `prefix` of a new bucket that starts with `first`, after the newest
/// bucket `prev` (empty when there is none), even when the clock has gone back since.
pub(super) fn bucket_key_after(prefix: &[u8], prev: &[u8], first: &Change) -> Vec<u8> {
    let micros = u64::try_from(first.detected_at.timestamp_micros()).unwrap_or(0);
    let after_prev = key_micros(prev).map_or(0, |m| m.saturating_add(1));
    let mut key = prefix.to_vec();
    key.extend_from_slice(format!("{:016x}{}", micros.max(after_prev), first.id).as_bytes());
    key
}

/// The detection time (µs) a `c/`, `d/` or `x/` key starts with, after its prefix.
pub(super) fn key_micros(key: &[u8]) -> Option<u64> {
    let hex = std::str::from_utf8(key.get(2..18)?).ok()?;
    u64::from_str_radix(hex, 16).ok()
}

pub(super) fn queue_key(target: &str, c: &Change) -> Vec<u8> {
    let micros = u64::try_from(c.detected_at.timestamp_micros()).unwrap_or(0);
    format!("q/{target}\0{micros:016x}{}", c.id).into_bytes()
}
