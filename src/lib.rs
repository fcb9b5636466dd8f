//! slipwatch: watches entertainment news feeds and flags release dates that move.
//!
//! Pure stages (`feed`, `charset`, `article`, `extract`, `diff`, `report`) are plain
//! functions over data; only `fetch`, `store`, `pipeline`, `daemon`, `api` and
//! `client` touch the network, disk or clock. See ARCHITECTURE.md.

pub mod article;
pub mod cli;
pub mod config;
pub mod eval;
pub mod extract;
pub mod ingest;
pub mod metrics;
pub mod model;
pub mod pipeline;
pub mod present;
pub mod serve;
pub mod track;
