//! Reading changes and releases: filtered walks over the change buckets, oldest or
//! newest first, decoded or as the stored JSON.

use super::buckets;
use super::compact::{self, ReleaseRec};
use super::records::{change_key, key_micros, ChangeFilter, ChangeKeys};
use super::{decode, ReleaseHistory, Store, StoreError};
use crate::model::{Change, Release};

/// A stored release record as `Release`; `None` while no sighting holds a date
/// (nothing to show yet).
pub(super) fn release_of(k: &[u8], v: &[u8]) -> Result<Option<Release>, StoreError> {
    let r: ReleaseRec = compact::decode_release(k, v)?;
    if r.tail.current.is_none() {
        return Ok(None);
    }
    Ok(Some(Release {
        key: String::from_utf8_lossy(&k[2..]).into_owned(),
        name: r.name,
        date: compact::period(k, &r.date)?,
        as_of: r.as_of.time(k)?,
        sightings: usize::try_from(r.sightings).unwrap_or(usize::MAX),
        changes: usize::try_from(r.changes).unwrap_or(usize::MAX),
    }))
}

/// How an unconfirmed change's JSON marks it.
const UNCONFIRMED: &[u8] = b"\"confirmed\":false";

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

impl Store {
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
        let field_filter = f.reads_fields();
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
                if !kept(f, &k, item, field_filter || straddles)? {
                    continue;
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

    /// Tracked releases whose key or name contains `query` (case-insensitive).
    pub fn releases(&self, query: Option<&str>) -> Result<Vec<Release>, StoreError> {
        let q = query.map(str::to_lowercase);
        let mut out = Vec::new();
        for kv in self.db.scan_prefix(b"r/") {
            let (k, v) = kv?;
            let Some(r) = release_of(&k, &v)? else {
                continue;
            };
            if q.as_ref()
                .is_none_or(|q| r.key.contains(q) || r.name.to_lowercase().contains(q))
            {
                out.push(r);
            }
        }
        Ok(out)
    }

    fn release(&self, key: &str) -> Result<Option<Release>, StoreError> {
        let k = format!("r/{key}").into_bytes();
        match self.db.get(&k)? {
            Some(v) => release_of(&k, &v),
            None => Ok(None),
        }
    }

    /// One release's sightings (by its exact key), in timeline order.
    pub fn sightings(&self, key: &str) -> Result<Vec<crate::model::Sighting>, StoreError> {
        self.sightings_of(key)
    }

    /// One release's history, found by exact key, else by a unique substring match.
    pub fn history(&self, query: &str) -> Result<Option<ReleaseHistory>, StoreError> {
        let key = crate::extract::release_key(query);
        let release = match self.release(&key)? {
            Some(r) => r,
            None => {
                let mut found = self.releases(Some(&key))?;
                if found.len() != 1 {
                    return Ok(None);
                }
                found.remove(0)
            }
        };
        let sightings = self.sightings_of(&release.key)?;
        let changes = self.changes(&ChangeFilter {
            all: true,
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

/// Whether one stored change passes the filter. Unconfirmed ones are skipped on their
/// bytes: serialised compactly by serde_json, the key can only appear as the field
/// itself (inside a string its quotes would be escaped). The fields are decoded only
/// when a filter reads them.
fn kept(
    f: &ChangeFilter,
    key: &[u8],
    item: &[u8],
    decode_fields: bool,
) -> Result<bool, StoreError> {
    if !f.all && memchr::memmem::find(item, UNCONFIRMED).is_some() {
        return Ok(false);
    }
    if decode_fields {
        let c: ChangeKeys = decode(key, item)?;
        if f.since.is_some_and(|t| c.detected_at < t) || !f.keeps_parts(&c) {
            return Ok(false);
        }
    }
    Ok(true)
}
