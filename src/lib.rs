//! slipwatch: watches entertainment news feeds and flags release dates that move.
//!
//! The modules, in pipeline order (ARCHITECTURE.md has the map and the invariants):
//!
//! - [`model`]: plain data every stage shares: periods, mentions, sightings, changes
//! - [`config`]: feeds.toml -> `Config`, with one validation pass
//! - [`metrics`]: process counters, told about fetches and polls; imports nothing
//! - [`ingest`]: a feed fetched (HTTP with limits, the address guard), decoded and
//!   parsed into entries; when it is due again
//! - [`article`]: page HTML -> article text and metadata
//! - [`extract`]: article text -> release mentions and stated moves
//! - [`eval`]: the scorers the quality tests and the eval examples share
//! - [`watch`]: the `[[watch]]` entries as a matcher over release keys and names
//! - [`track`]: the sled store, each release's timeline (`diff`), export and import
//! - [`pipeline`]: one feed end to end; `Engine` = config + store + fetcher
//! - [`present`]: every byte people read: tables, JSON, Atom, dashboard, OPML, metrics
//! - [`serve`]: the daemon: poll loop, read API, pages, notifications, systemd
//! - [`cli`]: what the user typed apart from what runs; reads via the daemon if need be
//!
//! Pure stages (`ingest::charset`, `ingest::feed`, `article`, `extract`, `track::diff`,
//! `present`'s renderers) are plain functions over data; the network, the disk and the
//! clock are touched in `ingest::fetch`, `track::store`, `pipeline`, `serve` and `cli`.

pub mod model;

pub mod config;

pub mod metrics;

pub mod ingest;

pub mod article;

pub mod extract;

pub mod eval;

pub mod watch;

pub mod track;

pub mod pipeline;

pub mod present;

pub mod serve;

pub mod cli;
