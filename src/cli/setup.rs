//! What every command starts from: the config file found and loaded, the engine
//! opened, and `Failure`, an error with the exit code it maps to (0 ran, 1 the work
//! failed, 2 usage or config).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::anyhow;

use super::args::Cli;
use crate::config::{Config, ConfigError};
use crate::ingest::fetch::Fetcher;
use crate::pipeline::Engine;
use crate::track::store::{Store, StoreError};

/// An error with the exit code it maps to.
pub struct Failure {
    pub code: u8,
    pub error: anyhow::Error,
}

impl<E: Into<anyhow::Error>> From<E> for Failure {
    fn from(e: E) -> Self {
        let error = e.into();
        let code = if error.downcast_ref::<ConfigError>().is_some() {
            2
        } else {
            1
        };
        Failure { code, error }
    }
}

impl Failure {
    /// Whether the store is held by another process (the daemon, or a running CLI).
    pub(super) fn store_locked(&self) -> bool {
        self.error
            .downcast_ref::<StoreError>()
            .is_some_and(|e| matches!(e, StoreError::Locked { .. }))
    }
}

/// A usage error (exit code 2).
pub(super) fn usage(msg: String) -> Failure {
    Failure {
        code: 2,
        error: anyhow!(msg),
    }
}

/// Finds the config file: `--config`, else ./feeds.toml, else the XDG location.
pub(super) fn config_path(explicit: Option<&Path>) -> Result<PathBuf, Failure> {
    if let Some(p) = explicit {
        return Ok(p.to_path_buf());
    }
    let local = PathBuf::from("feeds.toml");
    if local.exists() {
        return Ok(local);
    }
    let xdg = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")));
    if let Some(p) = xdg
        .map(|d| d.join("slipwatch/feeds.toml"))
        .filter(|p| p.exists())
    {
        return Ok(p);
    }
    Err(usage(
        "no config: pass --config, or create ./feeds.toml or $XDG_CONFIG_HOME/slipwatch/feeds.toml"
            .into(),
    ))
}

/// The config `--config` or the default search finds, with `--db` applied.
pub(super) fn load_config(cli: &Cli) -> Result<Config, Failure> {
    let mut c = Config::load(&config_path(cli.config.as_deref())?)?;
    if let Some(db) = &cli.db {
        c.settings.store = db.clone();
    }
    Ok(c)
}

/// Opens the store and builds the fetcher: what `poll` and `daemon` run on.
pub(super) fn open_engine(config: Config) -> Result<Engine, Failure> {
    let store = Store::open(&config.settings.store, config.settings.cache_bytes)?;
    let fetcher = Fetcher::new(&config.settings)?;
    Ok(Engine {
        config: Arc::new(config),
        store: Arc::new(store),
        fetcher,
    })
}
