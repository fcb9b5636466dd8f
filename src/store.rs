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
//! | `c/<detected µs, 16 hex><change id>` | `Change`, in detection order |
//! | `x/<change id>` | the `c/` key (dedup index) |
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

use crate::diff;
use crate::model::{Change, ChangeEvidence, Direction, Release, Sighting};

pub const SCHEMA_VERSION: u32 = 1;

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
    fn keeps(&self, c: &Change) -> bool {
        self.keeps_parts(&c.key, &c.release, c.direction)
    }

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
        match db.get("m/schema")? {
            None => {
                db.insert("m/schema", SCHEMA_VERSION.to_string().as_bytes())?;
            }
            Some(v) if v.as_ref() == SCHEMA_VERSION.to_string().as_bytes() => {}
            Some(v) => {
                return Err(StoreError::Schema {
                    path: shown,
                    found: String::from_utf8_lossy(&v).into_owned(),
                })
            }
        }
        Ok(Store {
            db,
            commit_lock: Mutex::new(()),
            notify_targets: Default::default(),
        })
    }

    /// The sled tree itself, for `backup` (export/import of raw records).
    pub(crate) fn raw(&self) -> &sled::Db {
        &self.db
    }

    pub fn flush(&self) -> Result<(), StoreError> {
        self.db.flush()?;
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
                if let Some(c) =
                    self.record_step(&mut batch, &release, &all, step, now, &new_changes)?
                {
                    new_changes.push(c);
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
        self.enqueue(&mut batch, &new_changes);
        self.db.apply_batch(batch)?;
        Ok(new_changes)
    }

    /// Records one step of a release's timeline as a change, unless it is recorded
    /// already; returns it when it is new.
    ///
    /// A change is identified by the release, its new date and the article that moved
    /// it, not by its old date: when an article stating a move ("delayed to August 14")
    /// is read before the older one that gave the first date, the move is first recorded
    /// with no old date and then completed in place, not flagged twice.
    fn record_step(
        &self,
        batch: &mut sled::Batch,
        release: &str,
        all: &[Sighting],
        step: &diff::Step,
        now: DateTime<Utc>,
        pending: &[Change],
    ) -> Result<Option<Change>, StoreError> {
        let to = &all[step.to];
        let from = step.from.map(|i| &all[i]);
        let from_date = from.and_then(|f| f.date.clone());
        let delta_days = match (&from_date, &to.date) {
            (Some(a), Some(b)) => Some(b.days_after(a)),
            _ => None,
        };
        let id = diff::change_id(release, to.date.as_ref().map(|p| p.label.as_str()), &to.url);
        if pending.iter().any(|c| c.id == id) {
            return Ok(None);
        }
        if let Some(key) = self.db.get(format!("x/{id}"))? {
            if let Some(mut known) = self.get::<Change>(&key)? {
                if known.from.is_none() && from_date.is_some() {
                    known.from = from_date;
                    known.delta_days = delta_days;
                    known.evidence.before = from.map(Sighting::evidence);
                    batch.insert(key.as_ref(), encode(&known));
                }
            }
            return Ok(None);
        }
        let change = Change {
            delta_days,
            id: id.clone(),
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
        };
        let key = change_key(now, &id);
        batch.insert(format!("x/{id}").into_bytes(), key.clone());
        batch.insert(key, encode(&change));
        Ok(Some(change))
    }

    /// Changes in detection order (oldest first), filtered; `limit` keeps the newest.
    pub fn changes(&self, f: &ChangeFilter) -> Result<Vec<Change>, StoreError> {
        let start = f
            .since
            .map_or_else(|| b"c/".to_vec(), |t| change_key(t, ""));
        let mut out = Vec::new();
        for kv in self.db.range(start..b"c0".to_vec()).rev() {
            let (k, v) = kv?;
            let c: Change = decode(&k, &v)?;
            if f.keeps(&c) {
                out.push(c);
                if f.limit.is_some_and(|n| out.len() >= n) {
                    break;
                }
            }
        }
        out.reverse();
        Ok(out)
    }

    /// Hands `each` the stored JSON of the changes `changes(f)` returns, in the same
    /// order, not decoded: `changes --json` prints it as it is (`report::JsonArray`).
    /// Without a `limit` nothing is held: each value goes out as it is read. Only a
    /// `direction` or `release` filter reads fields, and only those.
    pub fn changes_json<E: From<StoreError>>(
        &self,
        f: &ChangeFilter,
        mut each: impl FnMut(&[u8]) -> Result<(), E>,
    ) -> Result<(), E> {
        let start = f
            .since
            .map_or_else(|| b"c/".to_vec(), |t| change_key(t, ""));
        let range = self.db.range(start..b"c0".to_vec());
        let kept = |k: &[u8], v: &[u8]| -> Result<bool, StoreError> {
            if f.direction.is_none() && f.release.is_none() {
                return Ok(true);
            }
            let c: ChangeKeys = decode(k, v)?;
            Ok(f.keeps_parts(&c.key, &c.release, c.direction))
        };
        let Some(limit) = f.limit else {
            for kv in range {
                let (k, v) = kv.map_err(StoreError::from)?;
                if kept(&k, &v)? {
                    each(&v)?;
                }
            }
            return Ok(());
        };
        // `limit` keeps the newest: walk back from the end, then print forwards.
        let mut newest = Vec::new();
        for kv in range.rev() {
            if newest.len() >= limit {
                break;
            }
            let (k, v) = kv.map_err(StoreError::from)?;
            if kept(&k, &v)? {
                newest.push(v);
            }
        }
        for v in newest.iter().rev() {
            each(v)?;
        }
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
