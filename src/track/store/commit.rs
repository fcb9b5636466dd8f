//! The article commit: one item's sightings, the release records and changes they
//! cause, and the notify queue entries, in one atomic batch.
//!
//! Commits are serialised by a mutex: a release's timeline is read, recomputed
//! (`diff`) and written back without a second writer in between.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};

use super::buckets;
use super::records::{bucket_key_after, item_key, release_prefix, ArticleCommit};
use super::{decode, encode, Store, StoreError};
use crate::model::{Change, ChangeEvidence, Release, Sighting};
use crate::track::diff;

/// What `record_step` found.
enum Recorded {
    New(Change),
    /// A change recorded without its old date, now known: its bucket and new value.
    Completed(Vec<u8>, Change),
    Known,
}

impl Store {
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
            confirmed: step.confirmed,
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
}
