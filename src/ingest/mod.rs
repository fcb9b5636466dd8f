//! Ingest: a feed's bytes from the network or disk, as text, as entries, and when to
//! poll it next.
//!
//! `fetch` (HTTP with limits) and `netguard` (public addresses only) touch the
//! network; `charset`, `feed` and `schedule` are pure.

// The network side: HTTP with limits, and the address guard for article links.
pub mod fetch;
pub mod netguard;

// Pure: bytes -> UTF-8 text -> entries; and when the feed is due again.
pub mod charset;
pub mod feed;
pub mod schedule;
