//! Schema conversion: a version-1 store (one change per `c/` record) becomes buckets.

use super::buckets;
use super::{decode, Store, StoreError, SCHEMA_VERSION};
use crate::model::Change;

impl Store {
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
}
