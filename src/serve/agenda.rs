//! What is coming, read from the store: the releases in a window with their moves,
//! and the calendar document, for the web routes and the CLI alike.
//!
//! With `watched`, only releases the `[[watch]]` entries match; with no entries that
//! is every release, as everywhere else.

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Deserialize;

use crate::config::Config;
use crate::model::{Change, Release};
use crate::present::{agenda, calendar};
use crate::track::store::{ChangeFilter, Store, StoreError};
use crate::watch::Watchlist;

/// Longest window accepted, in days either way (a century).
pub const MAX_DAYS: u32 = 36_500;

/// The calendar's window, as `?past_days=7&future_days=365&watched=1` or the flags.
#[derive(Debug, Clone, Deserialize)]
pub struct Window {
    #[serde(default = "default_past")]
    pub past_days: u32,
    #[serde(default = "default_future")]
    pub future_days: u32,
    /// "1", "true" or "yes" (a query); the flag sets it directly.
    #[serde(default, deserialize_with = "flag")]
    pub watched: bool,
}

fn default_past() -> u32 {
    7
}

fn default_future() -> u32 {
    365
}

/// A query flag: `watched=1`, `watched=true`, `watched=yes`, or a bare `watched`.
pub fn flag<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    let s = String::deserialize(d)?;
    Ok(matches!(s.as_str(), "" | "1" | "true" | "yes" | "on"))
}

impl Default for Window {
    fn default() -> Self {
        Window {
            past_days: default_past(),
            future_days: default_future(),
            watched: false,
        }
    }
}

impl Window {
    /// The first and last day included, around `today`.
    pub fn days(&self, today: NaiveDate) -> (NaiveDate, NaiveDate) {
        let past = i64::from(self.past_days.min(MAX_DAYS));
        let future = i64::from(self.future_days.min(MAX_DAYS));
        (today - Duration::days(past), today + Duration::days(future))
    }
}

/// The watchlist when `watched` asks for one and the config has entries.
pub fn watchlist(config: &Config, watched: bool) -> Option<Watchlist> {
    let w = Watchlist::new(&config.watch);
    (watched && !w.is_empty()).then_some(w)
}

/// The keys of the releases `w` matches: by name, else by a sentence that dated
/// them (read from their sightings).
pub fn watched_keys(
    store: &Store,
    w: &Watchlist,
    releases: &[Release],
) -> Result<BTreeSet<String>, StoreError> {
    let mut keys = BTreeSet::new();
    for r in releases {
        let by_name = w.matches(&r.key, &r.name, &[]);
        if by_name || {
            let sightings = store.sightings(&r.key)?;
            let said: Vec<&str> = sightings.iter().map(|s| s.sentence.as_str()).collect();
            w.matches(&r.key, &r.name, &said)
        } {
            keys.insert(r.key.clone());
        }
    }
    Ok(keys)
}

/// Keeps the releases `only` matches (all of them when it is `None`).
pub fn retain_watched(
    store: &Store,
    only: Option<&Watchlist>,
    releases: &mut Vec<Release>,
) -> Result<(), StoreError> {
    if let Some(w) = only {
        let keys = watched_keys(store, w, releases)?;
        releases.retain(|r| keys.contains(&r.key));
    }
    Ok(())
}

/// Every release (only watched ones with `watched`) and every recorded move.
pub fn read(
    store: &Store,
    config: &Config,
    watched: bool,
) -> Result<(Vec<Release>, Vec<Change>), StoreError> {
    let only = watchlist(config, watched);
    let mut releases = store.releases(None)?;
    retain_watched(store, only.as_ref(), &mut releases)?;
    let changes = store.changes(&ChangeFilter {
        watched: only,
        ..ChangeFilter::default()
    })?;
    Ok((releases, changes))
}

/// The calendar document for `window`, read from the store at `now`.
pub fn calendar_document(
    store: &Store,
    config: &Config,
    window: &Window,
    now: DateTime<Utc>,
) -> Result<String, StoreError> {
    let (releases, changes) = read(store, config, window.watched)?;
    let (first, last) = window.days(now.date_naive());
    let mut events = Vec::new();
    for entry in agenda::window(&releases, &changes, first, last) {
        let sightings = store.sightings(&entry.release.key)?;
        events.push(calendar::Event { entry, sightings });
    }
    Ok(calendar::render(
        &events,
        calendar::name(window.watched),
        now,
    ))
}
