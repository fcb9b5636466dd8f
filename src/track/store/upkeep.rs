//! Keeping the store small and saying how big it is: item states of items gone from
//! their feed are pruned once old (`settings.keep_items`); `stats` counts records
//! and bytes per kind. Sightings, releases and changes are never pruned: they are
//! the user's history.

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Utc};

use super::records::item_key;
use super::{decode_item, Store, StoreError};

/// Records and bytes (keys and values, before sled's own overhead) of one kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct KindStats {
    pub records: u64,
    pub bytes: u64,
}

/// What `slipwatch stats` prints.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
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

impl Store {
    /// Removes the item states of `feed` whose items are not in `present` (the feed's
    /// items now) and were processed before `cutoff`; returns how many. Such an item
    /// coming back later is simply processed again, adding nothing it added before.
    pub fn prune_items(
        &self,
        feed: &str,
        present: &HashSet<String>,
        cutoff: DateTime<Utc>,
    ) -> Result<usize, StoreError> {
        let prefix = item_key(feed, "");
        let mut batch = sled::Batch::default();
        let mut pruned = 0;
        for kv in self.db.scan_prefix(&prefix) {
            let (k, v) = kv?;
            let id = String::from_utf8_lossy(&k[prefix.len()..]);
            if present.contains(id.as_ref()) {
                continue;
            }
            // An unreadable state is kept: pruning never deletes what it cannot judge.
            if decode_item(&k, &v).is_ok_and(|i| i.processed_at < cutoff) {
                batch.remove(k);
                pruned += 1;
            }
        }
        if pruned > 0 {
            self.db.apply_batch(batch)?;
        }
        Ok(pruned)
    }

    /// Records and bytes per kind, and bytes on disk per sighting. Reads every key.
    pub fn stats(&self) -> Result<StoreStats, StoreError> {
        let mut s = StoreStats {
            size_on_disk: self.db.size_on_disk()?,
            ..StoreStats::default()
        };
        for kv in self.db.iter() {
            let (k, v) = kv?;
            let kind = String::from_utf8_lossy(k.get(..1).unwrap_or_default()).into_owned();
            let e = s.kinds.entry(kind).or_default();
            e.records += 1;
            e.bytes += (k.len() + v.len()) as u64;
        }
        s.sightings = s.kinds.get("t").map_or(0, |k| k.records);
        s.bytes_per_sighting = s.size_on_disk / s.sightings.max(1);
        Ok(s)
    }
}
