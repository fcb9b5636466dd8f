//! Schema conversion, on open and after import: version 1 (one change per `c/`
//! record) becomes buckets (2), and version 2 (JSON records, sightings by id) becomes
//! binary records with sightings in timeline order (3).
//!
//! 2 -> 3 runs in batches of about `BATCH` records, each holding whole releases: a
//! release's JSON sightings leave (`s/`) in the batch that writes its timeline (`t/`),
//! articles (`a/`) and binary release record, so a crash between batches leaves every
//! sighting in exactly one form, and the next open goes on where it stopped. The
//! schema says 3 only once nothing is left to convert.

use std::collections::HashMap;

use super::buckets;
use super::commit::item_rec;
use super::compact::{self, ArticleRec};
use super::records::ItemState;
use super::replay;
use super::{decode, Store, StoreError};
use crate::model::{Change, Sighting};
use crate::track::diff;

/// Records per conversion batch (a release larger than this goes in one batch).
const BATCH: usize = 4096;

impl Store {
    /// Brings a store of an older schema to `SCHEMA_VERSION`. Does nothing to a
    /// current one.
    pub(crate) fn upgrade(&self) -> Result<(), StoreError> {
        self.upgrade_from_v1()?;
        if self.db.get("m/schema")?.as_deref() == Some(b"2".as_slice()) {
            while self.convert_sightings()? {}
            let mut from = b"i/".to_vec();
            while let Some(next) = self.convert_items(&from)? {
                from = next;
            }
            self.db
                .insert("m/schema", super::SCHEMA_VERSION.to_string().as_bytes())?;
            self.db.flush()?;
        }
        Ok(())
    }

    /// Converts a version-1 store (one change per `c/` record) to buckets, in one
    /// atomic batch: a crash leaves the store as it was, to be converted next time.
    /// Does nothing unless the schema says 1.
    fn upgrade_from_v1(&self) -> Result<(), StoreError> {
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
        batch.insert("m/schema", b"2".as_slice());
        self.db.apply_batch(batch)?;
        self.db.flush()?;
        Ok(())
    }

    /// Converts the next batch of whole releases from `s/` JSON sightings to a
    /// timeline; false when none was left.
    fn convert_sightings(&self) -> Result<bool, StoreError> {
        let mut batch = sled::Batch::default();
        let mut articles: HashMap<String, ArticleRec> = HashMap::new();
        let mut release: Option<(Vec<u8>, Vec<Sighting>)> = None;
        for (records, kv) in self.db.scan_prefix(b"s/").enumerate() {
            let (k, v) = kv?;
            let name = k[2..]
                .split(|b| *b == 0)
                .next()
                .unwrap_or_default()
                .to_vec();
            if release.as_ref().is_some_and(|(r, _)| *r != name) {
                if records >= BATCH {
                    break;
                }
                if let Some((r, list)) = release.take() {
                    self.convert_release(&mut batch, &mut articles, &r, list)?;
                }
            }
            let s: Sighting = decode(&k, &v)?;
            batch.remove(k);
            release.get_or_insert_with(|| (name, Vec::new())).1.push(s);
        }
        let Some((r, list)) = release else {
            return Ok(false);
        };
        self.convert_release(&mut batch, &mut articles, &r, list)?;
        for (id, a) in &articles {
            batch.insert(format!("a/{id}").into_bytes(), compact::encode(a));
        }
        self.db.apply_batch(batch)?;
        Ok(true)
    }

    /// One release's sightings into `batch` as a timeline, with its release record.
    fn convert_release(
        &self,
        batch: &mut sled::Batch,
        articles: &mut HashMap<String, ArticleRec>,
        release: &[u8],
        mut list: Vec<Sighting>,
    ) -> Result<(), StoreError> {
        let release = String::from_utf8_lossy(release).into_owned();
        diff::order(&mut list);
        let mut fresh = Vec::with_capacity(list.len());
        for s in &list {
            let key = compact::article_key(&s.url);
            let id = String::from_utf8_lossy(&key[2..]).into_owned();
            if !articles.contains_key(&id) {
                let a = match self.db.get(&key)? {
                    Some(v) => compact::decode(&key, &v)?,
                    None => ArticleRec {
                        url: s.url.clone(),
                        feed: s.feed.clone(),
                        published: Some(s.published.into()),
                        ..ArticleRec::default()
                    },
                };
                articles.insert(id.clone(), a);
            }
            let Some(a) = articles.get_mut(&id) else {
                continue;
            };
            if !a.ids.contains(&s.id) {
                a.ids.push(s.id.clone());
            }
            fresh.push(replay::fresh_node(s, a, &id)?);
        }
        // The schema-2 release record is JSON: the replay starts it afresh.
        self.replay(batch, &release, fresh)?;
        Ok(())
    }

    /// Converts the next batch of JSON item states from key `from` on; the key to
    /// go on from, or `None` when none was left.
    fn convert_items(&self, from: &[u8]) -> Result<Option<Vec<u8>>, StoreError> {
        let mut batch = sled::Batch::default();
        let mut next = None;
        for (n, kv) in self.db.range(from.to_vec()..b"i0".to_vec()).enumerate() {
            let (k, v) = kv?;
            if n >= BATCH {
                next = Some(k.to_vec());
                break;
            }
            if compact::is_json(&v) {
                let item: ItemState = decode(&k, &v)?;
                batch.insert(k, compact::encode(&item_rec(&item)));
            }
        }
        self.db.apply_batch(batch)?;
        Ok(next)
    }
}
