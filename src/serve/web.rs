//! The daemon's pages for people and tools: the dashboard (`/`), the Atom feed of
//! changes (`/changes.atom`), the calendar (`/calendar.ics`), Prometheus metrics
//! (`/metrics`), health (`/healthz`) and notify target state (`/api/notify`). The
//! dashboard, the feed and the calendar take `?watched=1`.
//!
//! Handlers only gather data from the store; the bytes come from the pure renderers
//! (`dashboard`, `atom`, `prometheus`).

use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use serde::Serialize;

use super::agenda::{self, Window};
use crate::metrics;
use crate::pipeline::Engine;
use crate::present::report::{self, FeedView, NotifyView};
use crate::present::{atom, dashboard, prometheus};
use crate::track::store::{ChangeFilter, StoreError};

/// `?watched=1` on a page.
#[derive(Debug, Default, serde::Deserialize)]
pub struct WatchedQ {
    #[serde(default, deserialize_with = "agenda::flag")]
    pub watched: bool,
}

/// Changes shown on the dashboard and in the Atom feed.
const DASHBOARD_CHANGES: usize = 30;
const FEED_CHANGES: usize = 100;
/// Release timelines drawn on the dashboard.
const TIMELINES: usize = 8;

pub fn routes() -> Router<Engine> {
    Router::new()
        .route("/", get(home))
        .route("/changes.atom", get(changes_atom))
        .route("/calendar.ics", get(calendar_ics))
        .route("/metrics", get(metrics_text))
        .route("/healthz", get(healthz))
        .route("/api/notify", get(notify))
}

fn failure(e: StoreError) -> Response {
    (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response()
}

fn feed_views(e: &Engine) -> Result<Vec<FeedView>, StoreError> {
    Ok(report::feed_views(&e.config, &e.store.feed_states()?))
}

/// Notify targets with their state, for `feeds` and health.
pub fn notify_views(e: &Engine) -> Result<Vec<NotifyView>, StoreError> {
    let states = e
        .config
        .notify
        .iter()
        .map(|n| Ok((n.name.clone(), e.store.notify_state(&n.name)?)))
        .collect::<Result<_, StoreError>>()?;
    Ok(report::notify_views(
        &e.config,
        &states,
        &e.store.queue_lengths()?,
    ))
}

async fn home(State(e): State<Engine>, Query(w): Query<WatchedQ>) -> Response {
    let page = (|| -> Result<String, StoreError> {
        let only = agenda::watchlist(&e.config, w.watched);
        let mut changes = e.store.changes(&ChangeFilter {
            limit: Some(DASHBOARD_CHANGES),
            watched: only.clone(),
            ..ChangeFilter::default()
        })?;
        changes.reverse();
        let mut releases = e.store.releases(None)?;
        agenda::retain_watched(&e.store, only.as_ref(), &mut releases)?;
        let watch = crate::watch::Watchlist::new(&e.config.watch);
        let watched = if watch.is_empty() {
            None
        } else {
            Some(agenda::watched_keys(&e.store, &watch, &releases)?)
        };
        let mut histories = Vec::new();
        for c in &changes {
            if histories.len() >= TIMELINES {
                break;
            }
            if histories
                .iter()
                .any(|h: &crate::track::store::ReleaseHistory| h.release.key == c.key)
            {
                continue;
            }
            if let Some(h) = e.store.history(&c.key)? {
                histories.push(h);
            }
        }
        let feeds = feed_views(&e)?;
        Ok(dashboard::render(&dashboard::Page {
            changes: &changes,
            releases: &releases,
            histories: &histories,
            feeds: feeds.len(),
            failing_feeds: feeds
                .iter()
                .filter(|f| f.state.consecutive_failures > 0)
                .count(),
            watched: watched.as_ref(),
            now: Utc::now(),
        }))
    })();
    match page {
        Ok(html) => ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response(),
        Err(err) => failure(err),
    }
}

async fn calendar_ics(State(e): State<Engine>, Query(w): Query<Window>) -> Response {
    match agenda::calendar_document(&e.store, &e.config, &w, Utc::now()) {
        Ok(doc) => (
            [
                (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "inline; filename=\"slipwatch.ics\"",
                ),
            ],
            doc,
        )
            .into_response(),
        Err(err) => failure(err),
    }
}

async fn changes_atom(
    State(e): State<Engine>,
    Query(w): Query<WatchedQ>,
    headers: HeaderMap,
) -> Response {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map_or_else(|| e.config.settings.listen.to_string(), str::to_string);
    let self_url = if w.watched {
        format!("http://{host}/changes.atom?watched=1")
    } else {
        format!("http://{host}/changes.atom")
    };
    match e.store.changes(&ChangeFilter {
        limit: Some(FEED_CHANGES),
        watched: agenda::watchlist(&e.config, w.watched),
        ..ChangeFilter::default()
    }) {
        Ok(list) => (
            [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
            atom::render(
                &list,
                &atom::FeedMeta {
                    self_url: &self_url,
                    generated: Utc::now(),
                },
            ),
        )
            .into_response(),
        Err(err) => failure(err),
    }
}

async fn metrics_text(State(e): State<Engine>) -> Response {
    let text = (|| -> Result<String, StoreError> {
        let feeds = feed_views(&e)?;
        let notify = notify_views(&e)?;
        let releases = e.store.releases(None)?.len();
        let store = e.store.stats()?;
        Ok(prometheus::render(&prometheus::Scrape {
            counters: &metrics::snapshot(),
            feeds: &feeds,
            notify: &notify,
            releases,
            store: &store,
            now: Utc::now(),
        }))
    })();
    match text {
        Ok(t) => (
            [(
                header::CONTENT_TYPE,
                "text/plain; version=0.0.4; charset=utf-8",
            )],
            t,
        )
            .into_response(),
        Err(err) => failure(err),
    }
}

/// `/healthz`: 200 while the store takes writes (`status` says `degraded` when a feed
/// or a notify target is failing), 503 when it does not.
#[derive(Debug, Serialize)]
pub struct Health {
    pub status: &'static str,
    pub store_writable: bool,
    pub store_error: Option<String>,
    /// The most recent end of a feed poll, successful or not.
    pub last_cycle: Option<DateTime<Utc>>,
    pub last_success: Option<DateTime<Utc>>,
    pub feeds: usize,
    pub failing_feeds: Vec<String>,
    pub notify: Vec<NotifyView>,
}

async fn healthz(State(e): State<Engine>) -> Response {
    let probe = e.store.probe_write(Utc::now());
    let feeds = feed_views(&e).unwrap_or_default();
    let notify = notify_views(&e).unwrap_or_default();
    let last_success = feeds.iter().filter_map(|f| f.state.last_success).max();
    let last_cycle = feeds
        .iter()
        .filter_map(|f| f.state.last_success.max(f.state.last_error_at))
        .max();
    let failing_feeds: Vec<String> = feeds
        .iter()
        .filter(|f| f.state.consecutive_failures > 0)
        .map(|f| f.name.clone())
        .collect();
    let failing_notify = notify.iter().any(|n| n.state.consecutive_failures > 0);
    let status = match (&probe, failing_feeds.is_empty() && !failing_notify) {
        (Err(_), _) => "failing",
        (Ok(()), true) => "ok",
        (Ok(()), false) => "degraded",
    };
    let health = Health {
        status,
        store_writable: probe.is_ok(),
        store_error: probe.err().map(|e| e.to_string()),
        last_cycle,
        last_success,
        feeds: feeds.len(),
        failing_feeds,
        notify,
    };
    let code = if health.store_writable {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (code, Json(health)).into_response()
}

async fn notify(State(e): State<Engine>) -> Response {
    match notify_views(&e) {
        Ok(v) => Json(v).into_response(),
        Err(err) => failure(err),
    }
}
