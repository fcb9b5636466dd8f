//! How far sled's log sits above a store's records: copies a store once, in key order, into fresh sled trees.
//!
//! Usage: `cargo run --release --example store_floor -- STORE_DIR [SEGMENT_BYTES ...]`
//! (stop the daemon first; the source's records are only read, though sled itself
//! may write to its log when it opens a store). Prints the records' own bytes (keys plus values), the source's
//! size on disk, and for each segment size (sled's default 512 KiB when none is
//! given) the size of a fresh copy written in batches of 1,000 records and flushed
//! once. The copy is the best case for sled: every key written once, in order, with
//! no later rewrites; the daemon's store, which updates releases and change groups
//! in place, sits above it.

use std::error::Error;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn Error>> {
    let mut args = std::env::args().skip(1);
    let source: PathBuf = args
        .next()
        .ok_or("usage: store_floor STORE_DIR [SEGMENT_BYTES ...]")?
        .into();
    let mut segments = Vec::new();
    for a in args {
        segments.push(
            a.parse::<usize>()
                .map_err(|e| format!("segment size {a:?}: {e}"))?,
        );
    }
    if segments.is_empty() {
        segments.push(512 * 1024);
    }
    let src = sled::Config::new().path(&source).open()?;
    let (mut records, mut logical, mut sightings) = (0u64, 0u64, 0u64);
    for kv in src.iter() {
        let (k, v) = kv?;
        records += 1;
        sightings += u64::from(k.starts_with(b"t/"));
        logical += (k.len() + v.len()) as u64;
    }
    let sightings = sightings.max(1);
    let on_disk = src.size_on_disk()?;
    println!(
        "{}: {records} records, {sightings} sightings; records {logical} B ({} B/sighting); on disk {on_disk} B ({} B/sighting, {:.2}x the records)",
        source.display(),
        logical / sightings,
        on_disk / sightings,
        on_disk as f64 / logical.max(1) as f64
    );
    for segment in segments {
        let dir = std::env::temp_dir().join(format!(
            "slipwatch-store-floor-{}-{segment}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        let size = copy_once(&src, &dir, segment);
        let _ = std::fs::remove_dir_all(&dir);
        let size = size?;
        println!(
            "fresh copy, segment {segment} B: {size} B on disk ({} B/sighting, {:.2}x the records)",
            size / sightings,
            size as f64 / logical.max(1) as f64
        );
    }
    Ok(())
}

/// Writes every record of `src` once, in key order, into a new store at `dir`.
fn copy_once(src: &sled::Db, dir: &std::path::Path, segment: usize) -> Result<u64, Box<dyn Error>> {
    let dst = sled::Config::new().path(dir).segment_size(segment).open()?;
    let mut batch = sled::Batch::default();
    for (n, kv) in src.iter().enumerate() {
        let (k, v) = kv?;
        batch.insert(k, v);
        if n % 1000 == 999 {
            dst.apply_batch(std::mem::take(&mut batch))?;
        }
    }
    dst.apply_batch(batch)?;
    dst.flush()?;
    Ok(dst.size_on_disk()?)
}
