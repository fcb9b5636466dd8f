//! `--convert N`: converting a schema-2 store of N changes, as a store written by an
//! older slipwatch is converted when it is first opened.
//!
//! The schema-2 store is the export of a schema-3 one (`export` writes schema 2's
//! records, one per line) written into a bare sled directory as they are, without
//! `import`'s conversion: what a schema-2 slipwatch left on disk. The real binary
//! then runs `changes --json` on it; that open converts the store (in bounded
//! batches, `track::store::upgrade`), so the child's peak RSS (`wait4`) is the
//! conversion's. Its output is compared byte for byte with the schema-3 store's.

use std::io::BufRead;
use std::path::Path;
use std::process::Stdio;
use std::time::Instant;

use slipwatch::model::Change;
use slipwatch::track::store::Store;

/// What the conversion cost and whether it kept `changes --json`.
pub struct Converted {
    pub records: usize,
    pub schema2_bytes: u64,
    pub converted_bytes: u64,
    /// `m/schema` before and after.
    pub schema: (String, String),
    pub usage: crate::run::Usage,
    /// The same `changes --json` on the schema-3 store: what reading alone costs.
    pub read_only: crate::run::Usage,
    pub identical: bool,
    pub output_bytes: usize,
    /// The conversion on its own: `stats` (which keeps only counts) on a second
    /// schema-2 twin, and the same `stats` on the schema-3 store.
    pub alone: crate::run::Usage,
    pub alone_read_only: crate::run::Usage,
}

/// The cost of `stats --json` on the store under `config`; its output is dropped.
fn stats_usage(bin: &Path, config: &Path) -> crate::run::Usage {
    let started = Instant::now();
    let child = crate::run::run_slipwatch(bin, config, &["stats", "--json"], Stdio::null());
    crate::run::wait_measured(child, started)
}

/// `changes --json` of the store under `config`, as bytes, and its cost.
fn changes_json(bin: &Path, config: &Path) -> (Vec<u8>, crate::run::Usage) {
    let out = config.parent().unwrap().join("changes.json");
    let file = std::fs::File::create(&out).expect("changes.json");
    let started = Instant::now();
    let child = crate::run::run_slipwatch(bin, config, &["changes", "--json"], Stdio::from(file));
    let usage = crate::run::wait_measured(child, started);
    (std::fs::read(&out).unwrap_or_default(), usage)
}

/// A bucket's stored layout (as `track::store::buckets` writes it): one compact
/// change per line.
fn bucket_bytes(changes: &[Change]) -> Vec<u8> {
    let mut out = vec![b'['];
    for (i, c) in changes.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(b",\n");
        }
        serde_json::to_writer(&mut out, c).expect("change JSON");
    }
    out.push(b']');
    out
}

/// The schema version a closed store says it holds. A sled instance this process
/// just dropped (`write_schema2`) can hold the directory's lock a moment longer
/// while its flusher thread ends, so a refused open is tried again for up to 2 s.
fn schema_of(dir: &Path) -> String {
    let mut tries = 0;
    let db = loop {
        match sled::Config::new().path(dir).open() {
            Ok(db) => break db,
            Err(e) if tries < 100 && e.to_string().contains("could not acquire lock") => {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(e) => panic!("open store {}: {e}", dir.display()),
        }
    };
    let v = db.get("m/schema").ok().flatten().unwrap_or_default();
    String::from_utf8_lossy(&v).into_owned()
}

/// Writes an export's lines into a new sled directory as they are (schema 2).
fn write_schema2(export: &[u8], dir: &Path) -> usize {
    let db = sled::Config::new()
        .path(dir)
        .open()
        .expect("open schema-2 dir");
    let mut batch = sled::Batch::default();
    let mut n = 0;
    for line in export.lines() {
        let line = line.expect("export line");
        let v: serde_json::Value = serde_json::from_str(&line).expect("export JSON");
        let k = v["k"].as_str().expect("key").to_string();
        let value = match (&v.get("v"), &v.get("s")) {
            (Some(val), _) if k.starts_with("c/") || k.starts_with("d/") => {
                let items: Vec<Change> = serde_json::from_value((*val).clone()).expect("bucket");
                bucket_bytes(&items)
            }
            (Some(val), _) => serde_json::to_vec(val).expect("value"),
            (None, Some(s)) => s.as_str().expect("text value").as_bytes().to_vec(),
            (None, None) => panic!("export line without a value: {line}"),
        };
        batch.insert(k.as_bytes(), value);
        n += 1;
        if n % 10_000 == 0 {
            db.apply_batch(std::mem::take(&mut batch)).expect("write");
        }
    }
    db.apply_batch(batch).expect("write");
    db.flush().expect("flush");
    n
}

/// Builds a schema-3 store of `changes` changes under `dir/v3`, its schema-2 twin
/// under `dir/v2`, and converts the twin with the real binary.
pub fn run(bin: &Path, dir: &Path, changes: usize) -> Converted {
    let write_config = |name: &str| {
        let d = dir.join(name);
        std::fs::create_dir_all(&d).expect("dir");
        let config = d.join("feeds.toml");
        std::fs::write(&config, "[settings]\nstore = \"data\"\n").expect("feeds.toml");
        config
    };
    let (v3, v2, twin) = (
        write_config("v3"),
        write_config("v2"),
        write_config("v2-stats"),
    );
    crate::run::build_change_store(&v3.parent().unwrap().join("data"), changes);
    let (before, read_only) = changes_json(bin, &v3);
    let mut export = Vec::new();
    {
        let store = Store::open(&v3.parent().unwrap().join("data"), 64 << 20).expect("open");
        slipwatch::track::backup::export(&store, &mut export).expect("export");
    }
    let v2_data = v2.parent().unwrap().join("data");
    let records = write_schema2(&export, &v2_data);
    write_schema2(&export, &twin.parent().unwrap().join("data"));
    drop(export);
    let alone_read_only = stats_usage(bin, &v3);
    let alone = stats_usage(bin, &twin);
    let schema2_bytes = crate::run::du(&v2_data);
    let schema_before = schema_of(&v2_data);
    let (after, usage) = changes_json(bin, &v2);
    Converted {
        records,
        schema2_bytes,
        converted_bytes: crate::run::du(&v2_data),
        schema: (schema_before, schema_of(&v2_data)),
        usage,
        read_only,
        identical: before == after && !before.is_empty(),
        output_bytes: after.len(),
        alone,
        alone_read_only,
    }
}
