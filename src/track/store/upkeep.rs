//! Keeping the store small and saying how big it is: item states of items gone from
//! their feed are pruned once old (`settings.keep_items`); `stats` counts records
//! and bytes per kind. Sightings, releases and changes are never pruned: they are
//! the user's history.

use std::collections::HashSet;

use chrono::{DateTime, Utc};

use super::compact;
use super::records::{item_key, ItemState, StoreStats};
use super::{decode, Store, StoreError};

/// An item state, binary (schema 3) or JSON (schema 2, not converted yet).
pub(super) fn decode_item(key: &[u8], v: &[u8]) -> Result<ItemState, StoreError> {
    if compact::is_json(v) {
        return decode(key, v);
    }
    let r: compact::ItemRec = compact::decode(key, v)?;
    Ok(ItemState {
        fingerprint: r.fingerprint,
        url: r.url,
        processed_at: r.processed_at.time(key)?,
    })
}

impl Store {
    /// The stored state of one feed item, if it was processed.
    pub fn item(&self, feed: &str, id: &str) -> Result<Option<ItemState>, StoreError> {
        let key = item_key(feed, id);
        self.db
            .get(&key)?
            .map(|v| decode_item(&key, &v))
            .transpose()
    }

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
