//! `export` and `import`: the whole store as JSON Lines, for backups and as the way
//! out of a damaged sled directory.
//!
//! One line per stored record: `{"k": key, "v": value}` when the value is JSON (every
//! record but the change index), else `{"k": key, "s": value-as-text}`. Export reads
//! what it can and counts what it cannot; import checks every line before it writes
//! anything, and only into an empty store.

use std::collections::HashMap;
use std::io::{BufRead, Write};

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::store::legacy::Legacy;
use super::store::{buckets, FeedState, ItemState, Store, StoreError, SCHEMA_VERSION};
use crate::model::{Change, Release, Sighting};

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("{source_name}:{line}: {message}")]
    Line {
        source_name: String,
        line: usize,
        message: String,
    },
    #[error("the target store already holds {0} records; import only into a new store (pass --db with a fresh path)")]
    NotEmpty(usize),
}

#[derive(Serialize)]
struct OutLine<'a> {
    k: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    v: Option<&'a RawValue>,
    #[serde(skip_serializing_if = "Option::is_none")]
    s: Option<&'a str>,
}

#[derive(Deserialize)]
struct InLine {
    k: String,
    v: Option<Box<RawValue>>,
    s: Option<String>,
}

/// What an export wrote and skipped.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ExportStats {
    pub records: usize,
    pub unreadable: usize,
}

/// Writes every record of the store as JSON Lines, in key order, as schema 2 stored
/// them (`Store::legacy`): sightings with their article's URL, feed and sentence,
/// releases and item states as JSON.
pub fn export(store: &Store, out: &mut dyn Write) -> Result<ExportStats, BackupError> {
    let mut stats = ExportStats::default();
    let mut articles = HashMap::new();
    for kv in store.raw().iter() {
        let Ok((k, v)) = kv else {
            stats.unreadable += 1;
            continue;
        };
        let (k, v) = match store.legacy(&k, &v, &mut articles) {
            Ok(Legacy::AsIs) => (k.to_vec(), v.to_vec()),
            Ok(Legacy::Json(k, v)) => (k, v),
            Ok(Legacy::Skip) => continue,
            Err(_) => {
                stats.unreadable += 1;
                continue;
            }
        };
        // A change bucket puts each change on its own line; a JSON Lines record may not.
        let v = if buckets::is_bucket_key(&k) && v.contains(&b'\n') {
            v.into_iter().filter(|b| *b != b'\n').collect()
        } else {
            v
        };
        let (Ok(key), Ok(text)) = (std::str::from_utf8(&k), std::str::from_utf8(&v)) else {
            stats.unreadable += 1;
            continue;
        };
        let raw = serde_json::from_str::<&RawValue>(text).ok();
        let line = OutLine {
            k: key,
            v: raw,
            s: raw.is_none().then_some(text),
        };
        serde_json::to_writer(&mut *out, &line).map_err(std::io::Error::from)?;
        out.write_all(b"\n")?;
        stats.records += 1;
    }
    Ok(stats)
}

/// Checks that a record's value has the shape its key prefix promises.
fn check(key: &str, v: Option<&RawValue>, s: Option<&str>) -> Result<(), String> {
    fn shape<T: serde::de::DeserializeOwned>(v: Option<&RawValue>) -> Result<(), String> {
        let v = v.ok_or("a JSON value is expected")?;
        serde_json::from_str::<T>(v.get())
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
    match key.split_once('/').map(|(p, _)| p) {
        Some("s") => shape::<Sighting>(v),
        // A bucket of changes; a version-1 export holds one change per record.
        Some("c") => shape::<Vec<Change>>(v).or_else(|_| shape::<Change>(v)),
        Some("d") => shape::<Vec<Change>>(v),
        Some("r") => shape::<Release>(v),
        Some("f") => shape::<FeedState>(v),
        Some("i") => shape::<ItemState>(v),
        Some("x") => s
            .filter(|s| buckets::is_bucket_key(s.as_bytes()))
            .map(|_| ())
            .ok_or_else(|| "a change key is expected".into()),
        Some(_) => Ok(()),
        None => Err(format!("key {key:?} has no prefix")),
    }
}

/// Lines written per batch on import.
const IMPORT_BATCH: usize = 10_000;

/// Reads a JSON Lines export and writes it into `store`, which must be empty, then
/// converts it to the current schema. Lines go in batches of `IMPORT_BATCH`; a bad
/// line names itself and everything imported before it is removed again, leaving
/// the store empty as it was.
pub fn import(
    store: &Store,
    input: &mut dyn BufRead,
    source_name: &str,
) -> Result<usize, BackupError> {
    let present = store
        .raw()
        .iter()
        .keys()
        .filter(|k| k.as_ref().map_or(true, |k| !k.starts_with(b"m/")))
        .count();
    if present > 0 {
        return Err(BackupError::NotEmpty(present));
    }
    // Every backup holds schema-2 records (or schema 1, which says so).
    store
        .raw()
        .insert("m/schema", b"2".as_slice())
        .map_err(StoreError::from)?;
    match import_lines(store, input, source_name) {
        Ok(count) => {
            store.upgrade()?;
            store.flush()?;
            Ok(count)
        }
        Err(e) => {
            store.raw().clear().map_err(StoreError::from)?;
            store
                .raw()
                .insert("m/schema", SCHEMA_VERSION.to_string().as_bytes())
                .map_err(StoreError::from)?;
            store.flush()?;
            Err(e)
        }
    }
}

fn import_lines(
    store: &Store,
    input: &mut dyn BufRead,
    source_name: &str,
) -> Result<usize, BackupError> {
    let mut batch = sled::Batch::default();
    let mut count = 0;
    for (i, line) in input.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let bad = |message: String| BackupError::Line {
            source_name: source_name.to_string(),
            line: i + 1,
            message,
        };
        let rec: InLine = serde_json::from_str(&line).map_err(|e| bad(e.to_string()))?;
        let value = line_value(&rec).map_err(|m| bad(format!("{}: {m}", rec.k)))?;
        batch.insert(rec.k.as_bytes(), value);
        count += 1;
        if count % IMPORT_BATCH == 0 {
            store
                .raw()
                .apply_batch(std::mem::take(&mut batch))
                .map_err(StoreError::from)?;
        }
    }
    store.raw().apply_batch(batch).map_err(StoreError::from)?;
    Ok(count)
}

/// The stored bytes of one checked backup line.
fn line_value(rec: &InLine) -> Result<Vec<u8>, String> {
    check(&rec.k, rec.v.as_deref(), rec.s.as_deref())?;
    let bucket = buckets::is_bucket_key(rec.k.as_bytes())
        .then_some(rec.v.as_ref())
        .flatten()
        .and_then(|v| serde_json::from_str::<Vec<Change>>(v.get()).ok());
    let value = match (&rec.v, &rec.s) {
        // Buckets go back to their stored layout, one change per line.
        (Some(_), _) if bucket.is_some() => buckets::encode(bucket.as_deref().unwrap_or_default()),
        (Some(v), _) => v.get().as_bytes().to_vec(),
        (None, Some(s)) => s.as_bytes().to_vec(),
        (None, None) => return Err("neither \"v\" nor \"s\" is given".into()),
    };
    if rec.k == "m/schema" && value != b"2" && value != b"1" {
        return Err(format!(
            "schema version {} cannot be imported by this slipwatch",
            String::from_utf8_lossy(&value)
        ));
    }
    Ok(value)
}
