//! The daemon's read API on its listen address (loopback by default).
//!
//! While the daemon holds the store's lock, the CLI reads through these routes and
//! prints exactly what it would print from the store itself: the handlers return the
//! same types the store does, as JSON.
//!
//! | route | answer |
//! |---|---|
//! | `GET /api/changes?since=&direction=&release=&limit=&watched=1` | `[Change]` |
//! | `GET /api/releases?q=&watched=1` | `[Release]` |
//! | `GET /api/release?q=` | `ReleaseHistory` or 404 |
//! | `GET /api/feeds` | `[FeedView]` |
//! | `POST /api/poll?feed=` | `[FeedReport]`: one cycle, run now |
//! | `GET /api/notify` | `[NotifyView]` |
//! | `GET /healthz` | `Health` as JSON (see `web`) |
//! | `GET /`, `/changes.atom`, `/calendar.ics`, `/metrics` | dashboard, Atom feed, iCalendar, Prometheus text (see `web`) |

use axum::extract::Request;
use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;

use super::agenda;
use super::web::WatchedQ;
use crate::pipeline::{self, Engine};
use crate::present::report;
use crate::track::store::{ChangeFilter, StoreError};

/// Builds the router over a running engine. With `api_token` set, every request must
/// carry the token (`presented_token`).
pub fn router(engine: Engine) -> Router {
    let token = engine.config.settings.api_token.clone();
    Router::new()
        .route("/api/changes", get(changes))
        .route("/api/releases", get(releases))
        .route("/api/release", get(release))
        .route("/api/feeds", get(feeds))
        .route("/api/poll", post(poll))
        .merge(super::web::routes())
        .layer(middleware::from_fn_with_state(
            engine.clone(),
            durable_answer,
        ))
        .layer(middleware::from_fn(move |req: Request, next: Next| {
            let token = token.clone();
            async move { authorize(token.as_deref(), req, next).await }
        }))
        .with_state(engine)
}

/// Every answer is flushed before it is sent: a change a client was shown survives
/// a crash (articles commit without one; `pipeline::process_entry`). The flush
/// comes after the handler read the store, not before: a poll may commit between
/// a flush and the read, and the answer would show what a crash then loses (the
/// crash test caught one such change in about one run of fifteen).
async fn durable_answer(State(engine): State<Engine>, req: Request, next: Next) -> Response {
    let answer = next.run(req).await;
    if let Err(e) = pipeline::flush(&engine.store).await {
        return ApiError(e).into_response();
    }
    answer
}

async fn authorize(token: Option<&str>, req: Request, next: Next) -> Response {
    if let Some(t) = token {
        let given = presented_token(&req);
        if !given.is_some_and(|g| constant_time_eq(g.as_bytes(), t.as_bytes())) {
            // The Basic challenge makes a browser ask for it: the dashboard opens
            // with any user name and the token as the password.
            return (
                StatusCode::UNAUTHORIZED,
                [(header::WWW_AUTHENTICATE, "Basic realm=\"slipwatch\"")],
                "missing or wrong API token\n",
            )
                .into_response();
        }
    }
    next.run(req).await
}

/// The token a request carries, in the forms its clients can send: the CLI and
/// scripts `Authorization: Bearer <token>`; browsers and feed readers HTTP Basic,
/// the token as the password (user name ignored); and, for a GET from a reader that
/// can do neither, `?token=<token>` (it then shows in URLs and logs: prefer Basic).
fn presented_token(req: &Request) -> Option<String> {
    use base64::Engine as _;
    let auth = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    if let Some(t) = auth.and_then(|a| a.strip_prefix("Bearer ")) {
        return Some(t.to_string());
    }
    if let Some(b) = auth.and_then(|a| a.strip_prefix("Basic ")) {
        let pair = base64::engine::general_purpose::STANDARD
            .decode(b.trim())
            .ok()?;
        let pair = String::from_utf8(pair).ok()?;
        return pair.split_once(':').map(|(_, pass)| pass.to_string());
    }
    if req.method() != axum::http::Method::GET {
        return None;
    }
    url::form_urlencoded::parse(req.uri().query()?.as_bytes())
        .find(|(k, _)| k == "token")
        .map(|(_, v)| v.into_owned())
}

/// Compares secrets without leaking where they first differ.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

struct ApiError(StoreError);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (StatusCode::INTERNAL_SERVER_ERROR, self.0.to_string()).into_response()
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        ApiError(e)
    }
}

async fn changes(
    State(e): State<Engine>,
    Query(mut f): Query<ChangeFilter>,
    Query(w): Query<WatchedQ>,
) -> Result<Response, ApiError> {
    f.watched = agenda::watchlist(&e.config, w.watched);
    Ok(Json(e.store.changes(&f)?).into_response())
}

#[derive(Deserialize)]
struct Q {
    q: Option<String>,
}

async fn releases(
    State(e): State<Engine>,
    Query(q): Query<Q>,
    Query(w): Query<WatchedQ>,
) -> Result<Response, ApiError> {
    let mut list = e.store.releases(q.q.as_deref())?;
    let only = agenda::watchlist(&e.config, w.watched);
    agenda::retain_watched(&e.store, only.as_ref(), &mut list)?;
    Ok(Json(list).into_response())
}

async fn release(State(e): State<Engine>, Query(q): Query<Q>) -> Result<Response, ApiError> {
    Ok(match e.store.history(q.q.as_deref().unwrap_or(""))? {
        Some(h) => Json(h).into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    })
}

async fn feeds(State(e): State<Engine>) -> Result<Response, ApiError> {
    let states = e.store.feed_states()?;
    Ok(Json(report::feed_views(&e.config, &states)).into_response())
}

#[derive(Deserialize)]
struct PollQ {
    feed: Option<String>,
}

async fn poll(State(e): State<Engine>, Query(q): Query<PollQ>) -> Response {
    let reports = pipeline::poll_all(&e, q.feed.as_deref()).await;
    for r in &reports {
        crate::metrics::record_poll(&r.feed, r.outcome());
    }
    Json(reports).into_response()
}
