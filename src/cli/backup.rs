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
