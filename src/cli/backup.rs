//! `slipwatch export` and `import`: the whole store as JSON Lines (`track::backup`).

use std::io::{self, Write};

use anyhow::Context as _;

use super::args::Cli;
use super::setup::{load_config, Failure};
use crate::track::backup;
use crate::track::store::Store;

/// Writes the store to `out`; unreadable records are counted on stderr.
pub(super) fn export(cli: &Cli, out: &mut dyn Write) -> Result<(), Failure> {
    let config = load_config(cli)?;
    let store = Store::open(&config.settings.store, config.settings.cache_bytes)?;
    let stats = backup::export(&store, out)?;
    if stats.unreadable > 0 {
        eprintln!(
            "slipwatch: {} unreadable records were left out",
            stats.unreadable
        );
    }
    Ok(())
}

/// Prints the store's size, records per kind and bytes per sighting.
pub(super) fn stats(cli: &Cli, json: bool, out: &mut dyn Write) -> Result<(), Failure> {
    let config = load_config(cli)?;
    let store = Store::open(&config.settings.store, config.settings.cache_bytes)?;
    let s = store.stats()?;
    if json {
        serde_json::to_writer_pretty(&mut *out, &s).map_err(io::Error::from)?;
        writeln!(out)?;
        return Ok(());
    }
    writeln!(
        out,
        "store {}: {} bytes on disk, {} sightings, {} bytes per sighting",
        config.settings.store.display(),
        s.size_on_disk,
        s.sightings,
        s.bytes_per_sighting
    )?;
    for (kind, k) in &s.kinds {
        writeln!(
            out,
            "  {kind}/  {:>9} records  {:>12} bytes",
            k.records, k.bytes
        )?;
    }
    Ok(())
}

/// Reads an export (`-`: stdin) into a new, empty store.
pub(super) fn import(cli: &Cli, file: &str) -> Result<(), Failure> {
    let config = load_config(cli)?;
    let store = Store::open(&config.settings.store, config.settings.cache_bytes)?;
    let n = if file == "-" {
        backup::import(&store, &mut io::stdin().lock(), "<stdin>")?
    } else {
        let f = std::fs::File::open(file).with_context(|| format!("reading {file}"))?;
        backup::import(&store, &mut io::BufReader::new(f), file)?
    };
    eprintln!(
        "slipwatch: imported {n} records into {}",
        config.settings.store.display()
    );
    Ok(())
}
