//! How the CLI reads: from the store when it is free, else through the daemon's API.
//!
//! sled locks its directory, so while the daemon runs the CLI cannot open the store;
//! `Reader::open` tries the store first and falls back to the daemon's listen address.
//! Both paths return the same types, so the output is the same either way.

use std::net::SocketAddr;
use std::time::Duration;

use serde::de::DeserializeOwned;

use crate::config::Config;
use crate::model::{Change, Release};
use crate::pipeline::FeedReport;
use crate::present::report::{self, FeedView};
use crate::serve::agenda::{self, Window};
use crate::track::store::{ChangeFilter, ReleaseHistory, Store, StoreError};
use chrono::Utc;

#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the store is locked by another process and no slipwatch daemon answers at {addr} ({reason}); if a `poll` is running, try again when it ends")]
    Busy { addr: SocketAddr, reason: String },
    #[error("daemon at {addr}: {reason}")]
    Daemon { addr: SocketAddr, reason: String },
}

/// Where reads go.
pub enum Reader {
    Local(Store),
    Daemon(Daemon),
}

/// The daemon's API, at its listen address.
pub struct Daemon {
    addr: SocketAddr,
    http: reqwest::Client,
    token: Option<String>,
}

impl Reader {
    /// Opens the store, or, when another process holds it, connects to the daemon.
    pub async fn open(config: &Config) -> Result<Reader, ReadError> {
        let s = &config.settings;
        match Store::open(&s.store, s.cache_bytes) {
            Ok(store) => Ok(Reader::Local(store)),
            Err(StoreError::Locked { .. }) => {
                let busy = |reason: String| ReadError::Busy {
                    addr: s.listen,
                    reason,
                };
                let http = reqwest::Client::builder()
                    .timeout(Duration::from_secs(120))
                    .build()
                    .map_err(|e| busy(e.to_string()))?;
                let d = Daemon {
                    addr: s.listen,
                    http,
                    token: s.api_token.clone(),
                };
                match d.get::<String>("/healthz", &[]).await {
                    Ok(_) => Ok(Reader::Daemon(d)),
                    Err(e) => Err(busy(e.to_string())),
                }
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Done reading, the process about to exit (`Store::close_for_exit`).
    pub fn close(self) -> Result<(), ReadError> {
        match self {
            Reader::Local(s) => Ok(s.close_for_exit()?),
            Reader::Daemon(_) => Ok(()),
        }
    }

    pub async fn changes(&self, f: &ChangeFilter) -> Result<Vec<Change>, ReadError> {
        match self {
            Reader::Local(s) => Ok(s.changes(f)?),
            Reader::Daemon(d) => {
                let mut q = Vec::new();
                if let Some(t) = f.since {
                    q.push(("since", t.to_rfc3339()));
                }
                if let Some(dir) = f.direction {
                    q.push(("direction", dir.as_str().to_string()));
                }
                if let Some(r) = &f.release {
                    q.push(("release", r.clone()));
                }
                if let Some(n) = f.limit {
                    q.push(("limit", n.to_string()));
                }
                if f.all {
                    q.push(("all", "1".to_string()));
                }
                if f.watched.is_some() {
                    q.push(("watched", "1".to_string()));
                }
                d.get("/api/changes", &q).await
            }
        }
    }

    pub async fn releases(&self, query: Option<&str>) -> Result<Vec<Release>, ReadError> {
        match self {
            Reader::Local(s) => Ok(s.releases(query)?),
            Reader::Daemon(d) => {
                let q: Vec<(&str, String)> =
                    query.map(|q| ("q", q.to_string())).into_iter().collect();
                d.get("/api/releases", &q).await
            }
        }
    }

    /// Releases, only those the watchlist matches with `watched` (see `agenda`).
    pub async fn releases_watched(
        &self,
        config: &Config,
        query: Option<&str>,
        watched: bool,
    ) -> Result<Vec<Release>, ReadError> {
        match self {
            Reader::Local(s) => {
                let mut list = s.releases(query)?;
                let only = agenda::watchlist(config, watched);
                agenda::retain_watched(s, only.as_ref(), &mut list)?;
                Ok(list)
            }
            Reader::Daemon(d) => {
                let mut q: Vec<(&str, String)> =
                    query.map(|q| ("q", q.to_string())).into_iter().collect();
                if watched {
                    q.push(("watched", "1".to_string()));
                }
                d.get("/api/releases", &q).await
            }
        }
    }

    pub async fn history(&self, query: &str) -> Result<Option<ReleaseHistory>, ReadError> {
        match self {
            Reader::Local(s) => Ok(s.history(query)?),
            Reader::Daemon(d) => {
                let req = d.http.get(d.url("/api/release")).query(&[("q", query)]);
                d.send(req, false).await
            }
        }
    }

    /// The calendar document: rendered here, or the daemon's `/calendar.ics`.
    pub async fn calendar(&self, config: &Config, w: &Window) -> Result<String, ReadError> {
        match self {
            Reader::Local(s) => Ok(agenda::calendar_document(s, config, w, Utc::now())?),
            Reader::Daemon(d) => {
                let mut q = vec![
                    ("past_days", w.past_days.to_string()),
                    ("future_days", w.future_days.to_string()),
                ];
                if w.watched {
                    q.push(("watched", "1".to_string()));
                }
                let req = d.http.get(d.url("/calendar.ics")).query(&q);
                d.send(req, true)
                    .await?
                    .ok_or_else(|| d.error("/calendar.ics: not found".into()))
            }
        }
    }

    pub async fn feeds(&self, config: &Config) -> Result<Vec<FeedView>, ReadError> {
        match self {
            Reader::Local(s) => Ok(report::feed_views(config, &s.feed_states()?)),
            Reader::Daemon(d) => d.get("/api/feeds", &[]).await,
        }
    }

    /// Notify targets with their delivery state.
    pub async fn notifiers(&self, config: &Config) -> Result<Vec<report::NotifyView>, ReadError> {
        match self {
            Reader::Local(s) => {
                let mut states = std::collections::BTreeMap::new();
                for n in &config.notify {
                    states.insert(n.name.clone(), s.notify_state(&n.name)?);
                }
                Ok(report::notify_views(config, &states, &s.queue_lengths()?))
            }
            Reader::Daemon(d) => d.get("/api/notify", &[]).await,
        }
    }
}

impl Daemon {
    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Asks the daemon to run one poll now (`poll` while the daemon runs).
    pub async fn poll(&self, feed: Option<&str>) -> Result<Vec<FeedReport>, ReadError> {
        let q: Vec<(&str, &str)> = feed.map(|f| ("feed", f)).into_iter().collect();
        let req = self.http.post(self.url("/api/poll")).query(&q);
        Ok(self.send(req, false).await?.unwrap_or_default())
    }

    async fn get<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, String)],
    ) -> Result<T, ReadError> {
        let req = self.http.get(self.url(path)).query(query);
        self.send(req, path == "/healthz")
            .await?
            .ok_or_else(|| self.error(format!("{path}: not found")))
    }

    fn error(&self, reason: String) -> ReadError {
        ReadError::Daemon {
            addr: self.addr,
            reason,
        }
    }

    /// Sends one request; `Ok(None)` is a 404. `text` reads a plain-text answer.
    async fn send<T: DeserializeOwned>(
        &self,
        req: reqwest::RequestBuilder,
        text: bool,
    ) -> Result<Option<T>, ReadError> {
        let req = match &self.token {
            Some(t) => req.bearer_auth(t),
            None => req,
        };
        let resp = req.send().await.map_err(|e| self.error(e.to_string()))?;
        let status = resp.status();
        if status == reqwest::StatusCode::NOT_FOUND {
            return Ok(None);
        }
        let body = resp.text().await.map_err(|e| self.error(e.to_string()))?;
        if !status.is_success() {
            return Err(self.error(format!("{status}: {body}")));
        }
        let parsed = if text {
            serde_json::from_value(serde_json::Value::String(body))
        } else {
            serde_json::from_str(&body)
        };
        parsed
            .map(Some)
            .map_err(|e| self.error(format!("unreadable answer: {e}")))
    }
}
