//! The sled store: sightings, releases, changes, items and feed state.
//!
//! One sled tree with prefixed keys, so that everything one article produces goes in
//! one atomic `Batch`:
//!
//! | key | value |
//! |---|---|
//! | `m/schema` | schema version |
//! | `f/<feed>` | `FeedState` |
//! | `i/<feed>\0<item id>` | `ItemState` |
//! | `s/<release>\0<sighting id>` | `Sighting` |
//! | `r/<release>` | `Release` |
//! | `c/<detected µs, 16 hex><change id>` | a bucket of up to 4 `Change`s in detection order, keyed by its first (`buckets`) |
//! | `d/<detected µs, 16 hex><change id>` | one new `Change`, until 4 wait and move into a `c/` bucket |
//! | `x/<change id>` | the key of the bucket holding it (dedup index) |
//! | `q/<notify target>\0<detected µs, 16 hex><change id>` | `Delivery` waiting to be sent |
//! | `n/<notify target>` | `NotifyState`: delivery counts and last error |
//!
//! A change is queued for every notify target in the same batch that records it, so
//! a crash can neither lose a notification nor send one for an unrecorded change.
//!
//! Article commits are serialised by a mutex: the timeline of a release is read,
//! recomputed (`diff`) and written back without a second writer in between.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Mutex;

use chrono::{DateTime, Utc};
use serde::{de::DeserializeOwned, Deserialize, Serialize};

use crate::track::diff;

pub(crate) mod buckets;
use crate::model::{Change, ChangeEvidence, Direction, Release, Sighting};

/// 2: changes in buckets (`buckets`). A version-1 store (one change per `c/` record)
/// is converted when it is opened or imported.
pub const SCHEMA_VERSION: u32 = 2;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("store {path} is in use by another slipwatch process (sled holds an exclusive lock)")]
    Locked { path: String },
    #[error("store {path}: {source}")]
    Open { path: String, source: sled::Error },
    #[error(
        "store {path} has schema version {found}; this slipwatch reads version {SCHEMA_VERSION}"
    )]
    Schema { path: String, found: String },
    #[error("store: {0}")]
    Sled(#[from] sled::Error),
    #[error("store record {key:?} cannot be read: {reason}")]
    Corrupt { key: String, reason: String },
}

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
}

impl ChangeFilter {
    fn keeps_parts(&self, key: &str, release: &str, direction: Direction) -> bool {
        self.direction.is_none_or(|d| d == direction)
            && self.release.as_ref().is_none_or(|q| {
                let q = q.to_lowercase();
                key.contains(&q) || release.to_lowercase().contains(&q)
            })
    }
}

/// The fields of a stored `Change` that `ChangeFilter` looks at.
#[derive(Deserialize)]
struct ChangeKeys {
    key: String,
    release: String,
    direction: Direction,
    detected_at: DateTime<Utc>,
}

/// One release with its full history, for `show`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReleaseHistory {
    pub release: Release,
    pub sightings: Vec<Sighting>,
    pub changes: Vec<Change>,
}

pub struct Store {
    db: sled::Db,
    commit_lock: Mutex<()>,
    /// Group flushing (`flush`): tickets taken, and the highest one known durable.
    flush_tickets: std::sync::atomic::AtomicU64,
    flushed: Mutex<u64>,
    /// Notify targets each new change is queued for (see `set_notify_targets`).
    notify_targets: std::sync::RwLock<Vec<String>>,
}

fn encode<T: Serialize>(v: &T) -> Vec<u8> {
    // Serialising our own plain structs to JSON cannot fail.
    serde_json::to_vec(v).unwrap_or_default()
}

fn decode<T: DeserializeOwned>(key: &[u8], bytes: &[u8]) -> Result<T, StoreError> {
    serde_json::from_slice(bytes).map_err(|e| StoreError::Corrupt {
        key: String::from_utf8_lossy(key).into_owned(),
        reason: e.to_string(),
    })
}

fn item_key(feed: &str, id: &str) -> Vec<u8> {
    format!("i/{feed}\0{id}").into_bytes()
}

fn release_prefix(release: &str) -> Vec<u8> {
    format!("s/{release}\0").into_bytes()
}

fn change_key(at: DateTime<Utc>, id: &str) -> Vec<u8> {
    let micros = u64::try_from(at.timestamp_micros()).unwrap_or(0);
    format!("c/{micros:016x}{id}").into_bytes()
}

/// The key under `prefix` of a new bucket that starts with `first`, after the newest
/// bucket `prev` (empty when there is none), even when the clock has gone back since.
fn bucket_key_after(prefix: &[u8], prev: &[u8], first: &Change) -> Vec<u8> {
    let micros = u64::try_from(first.detected_at.timestamp_micros()).unwrap_or(0);
    let after_prev = key_micros(prev).map_or(0, |m| m.saturating_add(1));
    let mut key = prefix.to_vec();
    key.extend_from_slice(format!("{:016x}{}", micros.max(after_prev), first.id).as_bytes());
    key
}

/// The detection time (µs) a `c/`, `d/` or `x/` key starts with, after its prefix.
fn key_micros(key: &[u8]) -> Option<u64> {
    let hex = std::str::from_utf8(key.get(2..18)?).ok()?;
    u64::from_str_radix(hex, 16).ok()
}

/// Hands each bucket to `each` until it returns false; false when it did.
fn walk_buckets<E>(
    buckets: impl Iterator<Item = sled::Result<(sled::IVec, sled::IVec)>>,
    each: &mut impl FnMut(sled::Result<(sled::IVec, sled::IVec)>) -> Result<bool, E>,
) -> Result<bool, E> {
    for kv in buckets {
        if !each(kv)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// What `record_step` found.
enum Recorded {
    New(Change),
    /// A change recorded without its old date, now known: its bucket and new value.
    Completed(Vec<u8>, Change),
    Known,
}

impl Store {
    /// Opens (or creates) the store. A directory held by another process is
    /// `StoreError::Locked`, which callers turn into "ask the daemon".
    pub fn open(path: &Path, cache_bytes: u64) -> Result<Store, StoreError> {
        let shown = path.display().to_string();
        let db = sled::Config::new()
            .path(path)
            .cache_capacity(cache_bytes)
            .open()
            .map_err(|e| match &e {
                sled::Error::Io(io)
                    if io.kind() == std::io::ErrorKind::WouldBlock
                        || io.to_string().contains("could not acquire lock") =>
                {
                    StoreError::Locked {
                        path: shown.clone(),
                    }
                }
                _ => StoreError::Open {
                    path: shown.clone(),
                    source: e,
                },
            })?;
        let store = Store {
            db,
            commit_lock: Mutex::new(()),
            flush_tickets: Default::default(),
            flushed: Mutex::new(0),
            notify_targets: Default::default(),
        };
        match store.db.get("m/schema")? {
            None => {
                store
                    .db
                    .insert("m/schema", SCHEMA_VERSION.to_string().as_bytes())?;
            }
            Some(v) if v.as_ref() == SCHEMA_VERSION.to_string().as_bytes() => {}
            Some(v) if v.as_ref() == b"1" => store.upgrade_from_v1()?,
            Some(v) => {
                return Err(StoreError::Schema {
                    path: shown,
                    found: String::from_utf8_lossy(&v).into_owned(),
                })
            }
        }
        Ok(store)
    }

    /// Converts a version-1 store (one change per `c/` record) to buckets, in one
    /// atomic batch: a crash leaves the store as it was, to be converted next time.
    /// Does nothing unless the schema says 1.
    pub(crate) fn upgrade_from_v1(&self) -> Result<(), StoreError> {
        if self.db.get("m/schema")?.as_deref() != Some(b"1".as_slice()) {
            return Ok(());
        }
        let mut batch = sled::Batch::default();
        let mut bucket: Option<(Vec<u8>, Vec<Change>)> = None;
        let mut full = Vec::new();
        for kv in self.db.range(b"c/".to_vec()..b"c0".to_vec()) {
            let (k, v) = kv?;
            let c: Change = decode(&k, &v)?;
            batch.remove(k.clone());
            let (key, items) = bucket.get_or_insert_with(|| (k.to_vec(), Vec::new()));
            batch.insert(format!("x/{}", c.id).into_bytes(), key.clone());
            items.push(c);
            if items.len() >= buckets::CAPACITY {
                full.extend(bucket.take());
            }
        }
        full.extend(bucket);
        // Inserts after the removals: a bucket takes the key of its first change.
        for (key, items) in full {
            batch.insert(key, buckets::encode(&items));
        }
        batch.insert("m/schema", SCHEMA_VERSION.to_string().as_bytes());
        self.db.apply_batch(batch)?;
        self.db.flush()?;
        Ok(())
    }

    /// The sled tree itself, for `backup` (export/import of raw records).
    pub(crate) fn raw(&self) -> &sled::Db {
        &self.db
    }

    /// Makes every write that finished before this call durable, sharing the disk
    /// sync with concurrent callers (group commit): a caller whose writes a flush
    /// already covered returns without one. With 32 articles in flight, one
    /// `sync_file_range` per article was most of the cycle's time.
    ///
    /// A ticket is taken after the caller's writes; a flush covers every ticket taken
    /// before it starts, since those writes happened before the ticket count it read.
    pub fn flush(&self) -> Result<(), StoreError> {
        use std::sync::atomic::Ordering::SeqCst;
        let ticket = self.flush_tickets.fetch_add(1, SeqCst) + 1;
        let mut flushed = self.flushed.lock().unwrap_or_else(|p| p.into_inner());
        if *flushed >= ticket {
            return Ok(());
        }
        let covers = self.flush_tickets.load(SeqCst);
        self.db.flush()?;
        *flushed = covers;
        Ok(())
    }

    /// Bytes the store takes on disk.
    pub fn size_on_disk(&self) -> Result<u64, StoreError> {
        Ok(self.db.size_on_disk()?)
    }

    fn get<T: DeserializeOwned>(&self, key: &[u8]) -> Result<Option<T>, StoreError> {
        self.db.get(key)?.map(|v| decode(key, &v)).transpose()
    }

    fn scan<T: DeserializeOwned>(&self, prefix: &[u8]) -> Result<Vec<T>, StoreError> {
        self.db
            .scan_prefix(prefix)
            .map(|kv| {
                let (k, v) = kv?;
                decode(&k, &v)
            })
            .collect()
    }

    pub fn feed_state(&self, feed: &str) -> Result<FeedState, StoreError> {
        Ok(self
            .get(format!("f/{feed}").as_bytes())?
            .unwrap_or_default())
    }

    pub fn put_feed_state(&self, feed: &str, state: &FeedState) -> Result<(), StoreError> {
        self.db.insert(format!("f/{feed}"), encode(state))?;
        Ok(())
    }

    /// Every feed with stored state, by name.
    pub fn feed_states(&self) -> Result<BTreeMap<String, FeedState>, StoreError> {
        self.db
            .scan_prefix("f/")
            .map(|kv| {
                let (k, v) = kv?;
                let name = String::from_utf8_lossy(&k[2..]).into_owned();
                Ok((name, decode(&k, &v)?))
            })
            .collect()
    }

    pub fn item(&self, feed: &str, id: &str) -> Result<Option<ItemState>, StoreError> {
        self.get(&item_key(feed, id))
    }

    /// Writes everything one item produced in one atomic batch and returns the changes
    /// it caused. Sightings already stored (same id) are kept as they were, so
    /// committing the same article twice adds nothing.
    pub fn commit_article(
        &self,
        commit: ArticleCommit,
        now: DateTime<Utc>,
    ) -> Result<Vec<Change>, StoreError> {
        let _guard = self.commit_lock.lock().unwrap_or_else(|p| p.into_inner());
        let mut batch = sled::Batch::default();
        batch.insert(
            item_key(&commit.feed, &commit.item_id),
            encode(&commit.item),
        );
        let mut by_release: BTreeMap<String, Vec<Sighting>> = BTreeMap::new();
        for s in commit.sightings {
            by_release.entry(s.release.clone()).or_default().push(s);
        }
        let mut new_changes = Vec::new();
        let mut completed = Vec::new();
        for (release, fresh) in by_release {
            let mut all: Vec<Sighting> = self.scan(&release_prefix(&release))?;
            let known: BTreeSet<String> = all.iter().map(|s| s.id.clone()).collect();
            let mut added = BTreeSet::new();
            for s in fresh {
                if known.contains(&s.id) || !added.insert(s.id.clone()) {
                    continue;
                }
                let mut key = release_prefix(&release);
                key.extend_from_slice(s.id.as_bytes());
                batch.insert(key, encode(&s));
                all.push(s);
            }
            if added.is_empty() {
                continue;
            }
            diff::order(&mut all);
            let t = diff::timeline(&all);
            for step in &t.steps {
                match self.record_step(&release, &all, step, now, &new_changes)? {
                    Recorded::New(c) => new_changes.push(c),
                    Recorded::Completed(bucket, c) => completed.push((bucket, c)),
                    Recorded::Known => {}
                }
            }
            let count = t.steps.len();
            if let Some(cur) = t.current.map(|i| &all[i]) {
                let newest = all
                    .iter()
                    .map(|s| s.published)
                    .max()
                    .unwrap_or(cur.published);
                let rel = Release {
                    key: release.clone(),
                    name: cur.subject.clone(),
                    date: cur.date.clone(),
                    as_of: newest,
                    sightings: all.len(),
                    changes: count,
                };
                batch.insert(format!("r/{release}").into_bytes(), encode(&rel));
            }
        }
        self.write_changes(&mut batch, &new_changes, completed)?;
        self.enqueue(&mut batch, &new_changes);
        self.db.apply_batch(batch)?;
        Ok(new_changes)
    }

    /// Looks at one step of a release's timeline: a change not recorded yet, a recorded
    /// one that now learns its old date, or one known as it is.
    ///
    /// A change is identified by the release, its new date and the article that moved
    /// it, not by its old date: when an article stating a move ("delayed to August 14")
    /// is read before the older one that gave the first date, the move is first recorded
    /// with no old date and then completed in place, not flagged twice.
    fn record_step(
        &self,
        release: &str,
        all: &[Sighting],
        step: &diff::Step,
        now: DateTime<Utc>,
        pending: &[Change],
    ) -> Result<Recorded, StoreError> {
        let to = &all[step.to];
        let from = step.from.map(|i| &all[i]);
        let from_date = from.and_then(|f| f.date.clone());
        let delta_days = match (&from_date, &to.date) {
            (Some(a), Some(b)) => Some(b.days_after(a)),
            _ => None,
        };
        let id = diff::change_id(release, to.date.as_ref().map(|p| p.label.as_str()), &to.url);
        if pending.iter().any(|c| c.id == id) {
            return Ok(Recorded::Known);
        }
        if let Some(bucket) = self.db.get(format!("x/{id}"))? {
            let items: Vec<Change> = self.get(&bucket)?.unwrap_or_default();
            return Ok(match items.into_iter().find(|c| c.id == id) {
                Some(mut known) if known.from.is_none() && from_date.is_some() => {
                    known.from = from_date;
                    known.delta_days = delta_days;
                    known.evidence.before = from.map(Sighting::evidence);
                    Recorded::Completed(bucket.to_vec(), known)
                }
                _ => Recorded::Known,
            });
        }
        Ok(Recorded::New(Change {
            delta_days,
            id,
            release: to.subject.clone(),
            key: release.to_string(),
            from: from_date,
            to: to.date.clone(),
            direction: step.direction,
            detected_at: now,
            evidence: ChangeEvidence {
                before: from.map(Sighting::evidence),
                after: to.evidence(),
            },
        }))
    }

    /// Puts one commit's new and completed changes into its batch.
    ///
    /// A completed change is rewritten in place in its bucket. A new change goes in a
    /// bucket of its own under `d/`; when `buckets::CAPACITY` are waiting there, they
    /// move into one `c/` bucket under the first one's time. Each change is so written
    /// about twice (alone, then merged), where appending to a shared bucket would
    /// rewrite every change in it each time; and the singles sit in their own sled
    /// pages, so adding one does not make sled rewrite a page of full buckets.
    fn write_changes(
        &self,
        batch: &mut sled::Batch,
        new: &[Change],
        completed: Vec<(Vec<u8>, Change)>,
    ) -> Result<(), StoreError> {
        let mut touched: BTreeMap<Vec<u8>, Vec<Change>> = BTreeMap::new();
        for (key, c) in completed {
            let items = match touched.entry(key) {
                std::collections::btree_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::btree_map::Entry::Vacant(e) => {
                    let items = self.get(e.key())?.unwrap_or_default();
                    e.insert(items)
                }
            };
            if let Some(slot) = items.iter_mut().find(|k| k.id == c.id) {
                *slot = c;
            }
        }
        if !new.is_empty() {
            // The single changes waiting in `d/`, oldest first, and the newest key.
            let mut singles: Vec<(Vec<u8>, Change)> = Vec::new();
            for kv in self.db.range(b"d/".to_vec()..b"d0".to_vec()) {
                let (k, v) = kv?;
                let items = match touched.get(k.as_ref()) {
                    Some(items) => items.clone(),
                    None => decode::<Vec<Change>>(&k, &v)?,
                };
                singles.extend(items.into_iter().map(|c| (k.to_vec(), c)));
            }
            let mut newest_key = match singles.last() {
                Some((k, _)) => k.clone(),
                None => self
                    .db
                    .range(b"c/".to_vec()..b"c0".to_vec())
                    .next_back()
                    .transpose()?
                    .map_or_else(Vec::new, |(k, _)| k.to_vec()),
            };
            for c in new {
                let key = bucket_key_after(b"d/", &newest_key, c);
                newest_key.clone_from(&key);
                batch.insert(format!("x/{}", c.id).into_bytes(), key.clone());
                touched.insert(key.clone(), vec![c.clone()]);
                singles.push((key, c.clone()));
                if singles.len() >= buckets::CAPACITY {
                    let mut merged_key = b"c/".to_vec();
                    merged_key.extend_from_slice(&singles[0].0[2..]);
                    let mut merged = Vec::with_capacity(singles.len());
                    for (key, c) in singles.drain(..) {
                        touched.remove(&key);
                        batch.remove(key);
                        batch.insert(format!("x/{}", c.id).into_bytes(), merged_key.clone());
                        merged.push(c);
                    }
                    touched.insert(merged_key, merged);
                }
            }
        }
        for (key, items) in touched {
            batch.insert(key, buckets::encode(&items));
        }
        Ok(())
    }

    /// Changes in detection order (oldest first), filtered; `limit` keeps the newest.
    pub fn changes(&self, f: &ChangeFilter) -> Result<Vec<Change>, StoreError> {
        let mut out = Vec::new();
        let newest_first = f.limit.is_some();
        self.visit_changes(f, newest_first, |k, item| {
            out.push(decode::<Change>(k, item)?);
            Ok::<bool, StoreError>(f.limit.is_none_or(|n| out.len() < n))
        })?;
        if newest_first {
            out.reverse();
        }
        Ok(out)
    }

    /// Hands `each` the stored JSON of the changes `changes(f)` returns, in the same
    /// order, not decoded: `changes --json` prints it as it is (`report::JsonArray`).
    /// Without a `limit` the earlier half goes out as it is read while the later half
    /// is read ahead (`visit_bucket_range`); with one, the newest `limit` are held.
    pub fn changes_json<E: From<StoreError>>(
        &self,
        f: &ChangeFilter,
        mut each: impl FnMut(&[u8]) -> Result<(), E>,
    ) -> Result<(), E> {
        let Some(limit) = f.limit else {
            return self.visit_changes(f, false, |_, item| each(item).map(|()| true));
        };
        // `limit` keeps the newest: walk back from the end, then print forwards.
        let mut newest = Vec::new();
        self.visit_changes(f, true, |_, item| {
            newest.push(item.to_vec());
            Ok::<bool, E>(newest.len() < limit)
        })?;
        for v in newest.iter().rev() {
            each(v)?;
        }
        Ok(())
    }

    /// Walks the stored JSON of the changes `f` keeps (its `limit` aside), oldest or
    /// newest first, until `visit` (given the bucket key and the item) returns false.
    ///
    /// Fields are read only where a filter needs them: `direction` and `release` read
    /// the item's keys, and `since` reads detection times only in the bucket that
    /// straddles it (every later bucket starts after it).
    fn visit_changes<E: From<StoreError>>(
        &self,
        f: &ChangeFilter,
        newest_first: bool,
        mut visit: impl FnMut(&[u8], &[u8]) -> Result<bool, E>,
    ) -> Result<(), E> {
        // Merged buckets (`c/`) hold every change older than the singles (`d/`).
        let prefixes: [&[u8; 2]; 2] = if newest_first {
            [b"d/", b"c/"]
        } else {
            [b"c/", b"d/"]
        };
        for prefix in prefixes {
            if !self.visit_bucket_range(prefix, f, newest_first, &mut visit)? {
                break;
            }
        }
        Ok(())
    }

    /// `visit_changes` over the buckets under one prefix; false when `visit` stopped.
    fn visit_bucket_range<E: From<StoreError>>(
        &self,
        prefix: &[u8; 2],
        f: &ChangeFilter,
        newest_first: bool,
        visit: &mut impl FnMut(&[u8], &[u8]) -> Result<bool, E>,
    ) -> Result<bool, E> {
        let end = [prefix[0], b'0'].to_vec();
        let since_key = f.since.map(|t| {
            let mut k = change_key(t, "");
            k[0] = prefix[0];
            k
        });
        // The bucket that holds `since` starts before it: begin at the last bucket
        // that starts at or before it.
        let start = match &since_key {
            Some(sk) => self
                .db
                .range(prefix.to_vec()..sk.clone())
                .next_back()
                .transpose()
                .map_err(StoreError::from)?
                .map_or_else(|| sk.clone(), |(k, _)| k.to_vec()),
            None => prefix.to_vec(),
        };
        let field_filter = f.direction.is_some() || f.release.is_some();
        let mut each_bucket = |kv: sled::Result<(sled::IVec, sled::IVec)>| -> Result<bool, E> {
            let (k, v) = kv.map_err(StoreError::from)?;
            let mut items = buckets::items(&v).ok_or_else(|| StoreError::Corrupt {
                key: String::from_utf8_lossy(&k).into_owned(),
                reason: "a change bucket is a JSON array".into(),
            })?;
            if newest_first {
                items.reverse();
            }
            let straddles = since_key
                .as_ref()
                .is_some_and(|sk| k.as_ref() < sk.as_slice());
            for item in items {
                if field_filter || straddles {
                    let c: ChangeKeys = decode(&k, item)?;
                    if f.since.is_some_and(|t| c.detected_at < t)
                        || !f.keeps_parts(&c.key, &c.release, c.direction)
                    {
                        continue;
                    }
                }
                if !visit(&k, item)? {
                    return Ok(false);
                }
            }
            Ok(true)
        };
        if newest_first {
            return walk_buckets(self.db.range(start..end).rev(), &mut each_bucket);
        }
        // `d/` holds fewer than `buckets::CAPACITY` records: not worth a thread.
        let mid = match prefix {
            b"c/" => self.time_midpoint(prefix, &start, &end)?,
            _ => None,
        };
        let Some(mid) = mid else {
            return walk_buckets(self.db.range(start..end), &mut each_bucket);
        };
        // Reading is most of the cost (sled rebuilds each page from its log), so a
        // second thread reads the later half while this one hands out the earlier.
        std::thread::scope(|scope| {
            let later = scope.spawn(|| self.db.range(mid.clone()..end.clone()).collect::<Vec<_>>());
            if !walk_buckets(self.db.range(start..mid.clone()), &mut each_bucket)? {
                return Ok(false);
            }
            let later = later.join().map_err(|_| StoreError::Corrupt {
                key: String::from_utf8_lossy(&mid).into_owned(),
                reason: "the thread reading changes panicked".into(),
            })?;
            walk_buckets(later.into_iter(), &mut each_bucket)
        })
    }

    /// A key halfway in time between the first and last bucket in `[start, end)`
    /// under `prefix`; `None` when they are too close to split.
    fn time_midpoint(
        &self,
        prefix: &[u8; 2],
        start: &[u8],
        end: &[u8],
    ) -> Result<Option<Vec<u8>>, StoreError> {
        let range = || self.db.range(start.to_vec()..end.to_vec());
        let first = range()
            .next()
            .transpose()?
            .and_then(|(k, _)| key_micros(&k));
        let last = range()
            .next_back()
            .transpose()?
            .and_then(|(k, _)| key_micros(&k));
        Ok(match (first, last) {
            (Some(lo), Some(hi)) if hi - lo.min(hi) >= 2 => {
                let mut key = prefix.to_vec();
                key.extend_from_slice(format!("{:016x}", lo + (hi - lo) / 2).as_bytes());
                Some(key)
            }
            _ => None,
        })
    }

    /// Ends a process's use of the store just before it exits: flushes, then skips
    /// sled's teardown, which frees every cached page one at a time (about 70 ms after
    /// reading 100,000 changes, a third of `changes --json`). Nothing is lost: the
    /// flush wrote everything, and the exiting process releases the lock and memory.
    pub fn close_for_exit(self) -> Result<(), StoreError> {
        self.db.flush()?;
        std::mem::forget(self);
        Ok(())
    }

    /// Tracked releases whose key or name contains `query` (case-insensitive).
    pub fn releases(&self, query: Option<&str>) -> Result<Vec<Release>, StoreError> {
        let q = query.map(str::to_lowercase);
        let all: Vec<Release> = self.scan(b"r/")?;
        Ok(all
            .into_iter()
            .filter(|r| {
                q.as_ref()
                    .is_none_or(|q| r.key.contains(q) || r.name.to_lowercase().contains(q))
            })
            .collect())
    }

    /// One release's history, found by exact key, else by a unique substring match.
    pub fn history(&self, query: &str) -> Result<Option<ReleaseHistory>, StoreError> {
        let key = crate::extract::release_key(query);
        let release = match self.get::<Release>(format!("r/{key}").as_bytes())? {
            Some(r) => r,
            None => {
                let mut found = self.releases(Some(&key))?;
                if found.len() != 1 {
                    return Ok(None);
                }
                found.remove(0)
            }
        };
        let mut sightings: Vec<Sighting> = self.scan(&release_prefix(&release.key))?;
        diff::order(&mut sightings);
        let changes = self.changes(&ChangeFilter {
            release: None,
            ..ChangeFilter::default()
        })?;
        let changes = changes
            .into_iter()
            .filter(|c| c.key == release.key)
            .collect();
        Ok(Some(ReleaseHistory {
            release,
            sightings,
            changes,
        }))
    }
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

/// The store key of a queued delivery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueKey(Vec<u8>);

fn queue_key(target: &str, c: &Change) -> Vec<u8> {
    let micros = u64::try_from(c.detected_at.timestamp_micros()).unwrap_or(0);
    format!("q/{target}\0{micros:016x}{}", c.id).into_bytes()
}

impl Store {
    /// Sets the notify targets that every change recorded from now on is queued for.
    /// An empty list (the default) queues nothing: a first seeding run calls nothing.
    pub fn set_notify_targets(&self, names: Vec<String>) {
        *self
            .notify_targets
            .write()
            .unwrap_or_else(|p| p.into_inner()) = names;
    }

    fn enqueue(&self, batch: &mut sled::Batch, changes: &[Change]) {
        let targets = self
            .notify_targets
            .read()
            .unwrap_or_else(|p| p.into_inner());
        for target in targets.iter() {
            for c in changes {
                let d = Delivery {
                    target: target.clone(),
                    change: c.clone(),
                    attempts: 0,
                    next_attempt: c.detected_at,
                    last_error: None,
                };
                batch.insert(queue_key(target, c), encode(&d));
            }
        }
    }

    /// Every queued delivery, per target in detection order.
    pub fn deliveries(&self) -> Result<Vec<(QueueKey, Delivery)>, StoreError> {
        self.db
            .scan_prefix("q/")
            .map(|kv| {
                let (k, v) = kv?;
                Ok((QueueKey(k.to_vec()), decode(&k, &v)?))
            })
            .collect()
    }

    /// Records the outcome of one attempt atomically: the delivery leaves the queue
    /// (`None`: sent or given up) or is rewritten for its retry, and the target's state
    /// is updated.
    pub fn finish_attempt(
        &self,
        key: &QueueKey,
        retry: Option<&Delivery>,
        target: &str,
        state: &NotifyState,
    ) -> Result<(), StoreError> {
        let mut batch = sled::Batch::default();
        match retry {
            Some(d) => batch.insert(key.0.clone(), encode(d)),
            None => batch.remove(key.0.clone()),
        }
        batch.insert(format!("n/{target}").into_bytes(), encode(state));
        self.db.apply_batch(batch)?;
        Ok(())
    }

    /// Drops a queued delivery whose target is no longer configured.
    pub fn forget_delivery(&self, key: &QueueKey) -> Result<(), StoreError> {
        self.db.remove(&key.0)?;
        Ok(())
    }

    pub fn notify_state(&self, target: &str) -> Result<NotifyState, StoreError> {
        Ok(self
            .get(format!("n/{target}").as_bytes())?
            .unwrap_or_default())
    }

    /// Deliveries waiting, per target.
    pub fn queue_lengths(&self) -> Result<BTreeMap<String, usize>, StoreError> {
        let mut out = BTreeMap::new();
        for kv in self.db.scan_prefix("q/") {
            let (k, _) = kv?;
            let rest = &k[2..];
            let end = rest.iter().position(|b| *b == 0).unwrap_or(rest.len());
            *out.entry(String::from_utf8_lossy(&rest[..end]).into_owned())
                .or_insert(0) += 1;
        }
        Ok(out)
    }

    /// Writes (and flushes) a heartbeat key: `Ok` means the store accepts writes.
    pub fn probe_write(&self, now: DateTime<Utc>) -> Result<(), StoreError> {
        self.db.insert("m/heartbeat", now.to_rfc3339().as_bytes())?;
        self.db.flush()?;
        Ok(())
    }

    /// Whether any feed was ever polled successfully (false: a first, seeding run).
    pub fn ever_polled(&self) -> Result<bool, StoreError> {
        Ok(self
            .feed_states()?
            .values()
            .any(|s| s.last_success.is_some()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Period, Role};
    use chrono::TimeZone;

    fn temp() -> Store {
        let db = sled::Config::new().temporary(true).open().unwrap();
        Store {
            db,
            commit_lock: Mutex::new(()),
            flush_tickets: Default::default(),
            flushed: Mutex::new(0),
            notify_targets: Default::default(),
        }
    }

    fn at(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, day, 0, 0, 0).unwrap()
    }

    fn article(url: &str, day: u32, dates: &[(&str, Role)]) -> ArticleCommit {
        let sightings = dates
            .iter()
            .map(|(label, role)| Sighting {
                id: format!("{url}/{label}/{role:?}"),
                release: crate::extract::release_key("Film X"),
                subject: "Film X".into(),
                date: Period::from_label(label),
                role: *role,
                moved: None,
                confidence: 1.0,
                region: None,
                url: url.into(),
                feed: "f".into(),
                published: at(day),
                sentence: format!("Film X: {label}"),
                first_seen: at(day),
            })
            .collect();
        ArticleCommit {
            feed: "f".into(),
            item_id: url.into(),
            item: ItemState {
                fingerprint: "fp".into(),
                url: Some(url.into()),
                processed_at: at(day),
            },
            sightings,
        }
    }

    #[test]
    fn committing_the_same_article_twice_adds_nothing() {
        let s = temp();
        let a = article("a", 1, &[("2026-05-01", Role::Current)]);
        let b = article("b", 2, &[("2026-06-01", Role::Current)]);
        assert!(s.commit_article(a.clone(), at(1)).unwrap().is_empty());
        assert_eq!(s.commit_article(b.clone(), at(2)).unwrap().len(), 1);
        assert!(s.commit_article(b, at(3)).unwrap().is_empty());
        assert!(s.commit_article(a, at(3)).unwrap().is_empty());
        let all = s.changes(&ChangeFilter::default()).unwrap();
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].direction, Direction::Later);
        assert_eq!(all[0].delta_days, Some(31));
        let h = s.history("Film X").unwrap().unwrap();
        assert_eq!(h.sightings.len(), 2);
        assert_eq!(h.release.date.unwrap().label, "2026-06-01");
    }

    #[test]
    fn a_move_read_before_its_announcement_is_completed_not_flagged_twice() {
        let s = temp();
        let mut delayed = article("b", 2, &[("2026-06-01", Role::Current)]);
        delayed.sightings[0].moved = Some(Direction::Later);
        let first = s.commit_article(delayed, at(2)).unwrap();
        assert_eq!(first.len(), 1);
        assert!(first[0].from.is_none());
        assert!(s
            .commit_article(article("a", 1, &[("2026-05-01", Role::Current)]), at(3))
            .unwrap()
            .is_empty());
        let all = s.changes(&ChangeFilter::default()).unwrap();
        assert_eq!(all.len(), 1, "{all:#?}");
        assert_eq!(all[0].id, first[0].id);
        assert_eq!(all[0].from.as_ref().unwrap().label, "2026-05-01");
        assert_eq!(all[0].delta_days, Some(31));
        assert_eq!(all[0].evidence.before.as_ref().unwrap().url, "a");
    }

    #[test]
    fn repeated_date_and_refinement_make_no_change() {
        let s = temp();
        s.commit_article(article("a", 1, &[("2026", Role::Current)]), at(1))
            .unwrap();
        s.commit_article(article("b", 2, &[("2026-Q2", Role::Current)]), at(2))
            .unwrap();
        s.commit_article(article("c", 3, &[("2026-05-26", Role::Current)]), at(3))
            .unwrap();
        s.commit_article(article("d", 4, &[("2026-05-26", Role::Current)]), at(4))
            .unwrap();
        assert!(s.changes(&ChangeFilter::default()).unwrap().is_empty());
        assert_eq!(
            s.releases(None).unwrap()[0].date.as_ref().unwrap().label,
            "2026-05-26"
        );
    }

    #[test]
    fn changes_filter_by_direction_release_since_and_limit() {
        let s = temp();
        s.commit_article(article("a", 1, &[("2026-05-01", Role::Current)]), at(1))
            .unwrap();
        s.commit_article(article("b", 2, &[("2026-06-01", Role::Current)]), at(2))
            .unwrap();
        s.commit_article(article("c", 3, &[("2026-04-01", Role::Current)]), at(3))
            .unwrap();
        let f = |d: Option<Direction>, since: Option<DateTime<Utc>>, limit: Option<usize>| {
            s.changes(&ChangeFilter {
                since,
                direction: d,
                release: Some("FILM".into()),
                limit,
            })
            .unwrap()
        };
        assert_eq!(f(None, None, None).len(), 2);
        assert_eq!(f(Some(Direction::Earlier), None, None).len(), 1);
        assert_eq!(f(None, Some(at(3)), None).len(), 1);
        let newest = f(None, None, Some(1));
        assert_eq!(newest.len(), 1);
        assert_eq!(newest[0].direction, Direction::Earlier);
    }

    #[test]
    fn changes_json_holds_what_changes_returns_for_every_filter() {
        let s = temp();
        for (i, day) in ["2026-05-01", "2026-06-01", "2026-04-01", "2026-07-01"]
            .iter()
            .enumerate()
        {
            let url = format!("u{i}");
            s.commit_article(
                article(&url, i as u32 + 1, &[(day, Role::Current)]),
                at(i as u32 + 1),
            )
            .unwrap();
        }
        let filters = [
            ChangeFilter::default(),
            ChangeFilter {
                limit: Some(2),
                ..ChangeFilter::default()
            },
            ChangeFilter {
                direction: Some(Direction::Later),
                ..ChangeFilter::default()
            },
            ChangeFilter {
                direction: Some(Direction::Later),
                limit: Some(1),
                ..ChangeFilter::default()
            },
            ChangeFilter {
                release: Some("FILM".into()),
                since: Some(at(3)),
                ..ChangeFilter::default()
            },
            ChangeFilter {
                release: Some("nothing".into()),
                ..ChangeFilter::default()
            },
        ];
        for f in &filters {
            let mut raw: Vec<Change> = Vec::new();
            s.changes_json(f, |v| {
                raw.push(serde_json::from_slice(v).unwrap());
                Ok::<_, StoreError>(())
            })
            .unwrap();
            assert_eq!(raw, s.changes(f).unwrap(), "{f:?}");
        }
    }

    #[test]
    fn a_change_is_queued_for_each_target_in_its_own_batch() {
        let s = temp();
        s.commit_article(article("a", 1, &[("2026-05-01", Role::Current)]), at(1))
            .unwrap();
        s.set_notify_targets(vec!["hook".into(), "cmd".into()]);
        let c = s
            .commit_article(article("b", 2, &[("2026-06-01", Role::Current)]), at(2))
            .unwrap();
        let q = s.deliveries().unwrap();
        assert_eq!(q.len(), 2);
        assert!(q.iter().all(|(_, d)| d.change == c[0] && d.attempts == 0));
        assert_eq!(s.queue_lengths().unwrap().get("hook"), Some(&1));
        let (key, d) = &q[0];
        let state = NotifyState {
            delivered: 1,
            ..NotifyState::default()
        };
        s.finish_attempt(key, None, &d.target, &state).unwrap();
        assert_eq!(s.deliveries().unwrap().len(), 1);
        assert_eq!(s.notify_state(&d.target).unwrap().delivered, 1);
    }

    /// Commits `n` articles about one release, each a day later than the one before,
    /// at times `clock(i)`; returns the changes in the order they were flagged.
    fn many_moves(s: &Store, n: u32, clock: impl Fn(u32) -> DateTime<Utc>) -> Vec<Change> {
        let mut flagged = Vec::new();
        for i in 0..n {
            let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
                + chrono::Duration::days(i64::from(i));
            let label = day.format("%Y-%m-%d").to_string();
            let mut a = article(&format!("m{i}"), 1, &[(&label, Role::Current)]);
            for sight in &mut a.sightings {
                sight.published = clock(i);
            }
            flagged.extend(s.commit_article(a, clock(i)).unwrap());
        }
        flagged
    }

    fn json_of(s: &Store, f: &ChangeFilter) -> Vec<Change> {
        let mut out = Vec::new();
        s.changes_json(f, |v| {
            out.push(serde_json::from_slice(v).unwrap());
            Ok::<(), StoreError>(())
        })
        .unwrap();
        out
    }

    #[test]
    fn buckets_keep_detection_order_and_every_filter_past_many_changes() {
        let s = temp();
        let t0 = at(1);
        let flagged = many_moves(&s, 70, |i| t0 + chrono::Duration::hours(i64::from(i)));
        assert_eq!(flagged.len(), 69);
        let all = s.changes(&ChangeFilter::default()).unwrap();
        assert_eq!(all, flagged, "stored in the order flagged");
        // Merged buckets of 16, then at most 15 single ones.
        assert_eq!(s.db.scan_prefix("c/").count(), 69 / buckets::CAPACITY);
        assert_eq!(s.db.scan_prefix("d/").count(), 69 % buckets::CAPACITY);
        for c in &all {
            let bucket = s.db.get(format!("x/{}", c.id)).unwrap().unwrap();
            let items: Vec<Change> = s.get(&bucket).unwrap().unwrap();
            assert!(
                items.iter().any(|k| k.id == c.id),
                "x/ points at its bucket"
            );
        }
        for since in [0, 5, 16, 17, 40, 68, 69] {
            let t = t0 + chrono::Duration::hours(since);
            for limit in [None, Some(1), Some(20)] {
                let f = ChangeFilter {
                    since: Some(t),
                    limit,
                    ..ChangeFilter::default()
                };
                let mut want: Vec<Change> =
                    all.iter().filter(|c| c.detected_at >= t).cloned().collect();
                if let Some(n) = limit {
                    want.drain(..want.len().saturating_sub(n));
                }
                assert_eq!(
                    s.changes(&f).unwrap(),
                    want,
                    "since {since} limit {limit:?}"
                );
                assert_eq!(json_of(&s, &f), want, "json since {since} limit {limit:?}");
            }
        }
    }

    #[test]
    fn export_puts_a_bucket_on_one_line_and_import_restores_it() {
        let s = temp();
        let flagged = many_moves(&s, 12, |i| at(1) + chrono::Duration::hours(i64::from(i)));
        assert!(s.db.scan_prefix("c/").count() >= 2, "merged buckets exist");
        let mut dump = Vec::new();
        crate::track::backup::export(&s, &mut dump).unwrap();
        for line in dump.split(|b| *b == b'\n').filter(|l| !l.is_empty()) {
            serde_json::from_slice::<serde_json::Value>(line).expect("one record per line");
        }
        let t = temp();
        crate::track::backup::import(&t, &mut dump.as_slice(), "dump").unwrap();
        assert_eq!(t.changes(&ChangeFilter::default()).unwrap(), flagged);
        assert_eq!(json_of(&t, &ChangeFilter::default()), flagged);
    }

    #[test]
    fn a_clock_gone_back_still_appends_in_flagging_order() {
        let s = temp();
        let t0 = at(20);
        let flagged = many_moves(&s, 40, |i| {
            t0 + chrono::Duration::hours(i64::from(i))
                - chrono::Duration::days(if i >= 20 { 10 } else { 0 })
        });
        assert_eq!(s.changes(&ChangeFilter::default()).unwrap(), flagged);
        assert_eq!(json_of(&s, &ChangeFilter::default()), flagged);
    }

    #[test]
    fn a_version_1_store_is_converted_to_buckets_when_opened() {
        let dir = std::env::temp_dir().join(format!("slipwatch-v1-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let want = {
            let s = Store::open(&dir, 1 << 20).unwrap();
            let flagged = many_moves(&s, 40, |i| at(1) + chrono::Duration::hours(i64::from(i)));
            // Rewrite the changes the way version 1 stored them: one per record.
            let buckets: Vec<_> =
                s.db.scan_prefix("c/")
                    .chain(s.db.scan_prefix("d/"))
                    .collect();
            for kv in buckets {
                s.db.remove(kv.unwrap().0).unwrap();
            }
            for c in &flagged {
                let key = change_key(c.detected_at, &c.id);
                s.db.insert(format!("x/{}", c.id), key.clone()).unwrap();
                s.db.insert(key, encode(c)).unwrap();
            }
            s.db.insert("m/schema", "1").unwrap();
            s.flush().unwrap();
            flagged
        };
        let s = Store::open(&dir, 1 << 20).unwrap();
        let got = s.changes(&ChangeFilter::default()).unwrap();
        let records = s.db.scan_prefix("c/").count();
        let schema = s.db.get("m/schema").unwrap().unwrap().to_vec();
        drop(s);
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(got, want);
        assert_eq!(
            records,
            39usize.div_ceil(buckets::CAPACITY),
            "39 changes in full buckets"
        );
        assert_eq!(schema, SCHEMA_VERSION.to_string().into_bytes());
    }

    #[test]
    fn a_newer_schema_is_refused() {
        let dir = std::env::temp_dir().join(format!("slipwatch-schema-{}", std::process::id()));
        {
            let s = Store::open(&dir, 1 << 20).unwrap();
            s.db.insert("m/schema", "99").unwrap();
            s.flush().unwrap();
        }
        let err = Store::open(&dir, 1 << 20).err().unwrap().to_string();
        let _ = std::fs::remove_dir_all(&dir);
        assert!(err.contains("schema version 99"), "{err}");
    }
}
