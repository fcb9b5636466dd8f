//! HTTP and file fetching: conditional GET, politeness limits, timeouts, redirects,
//! size caps and the private-address guard.
//!
//! The only module that talks to the network. The body cap is enforced while the body
//! streams in, after decompression, so neither a huge page nor a gzip bomb is ever
//! buffered past the cap. At most `per_host` requests run against one host and
//! `global` overall.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, Utc};
use reqwest::header::{
    HeaderMap, HeaderName, CACHE_CONTROL, CONTENT_TYPE, ETAG, EXPIRES, IF_MODIFIED_SINCE,
    IF_NONE_MATCH, LAST_MODIFIED, RETRY_AFTER, USER_AGENT,
};
use reqwest::StatusCode;
use tokio::sync::Semaphore;
use url::Url;

use super::netguard;
use crate::config::Settings;
use crate::metrics;

#[derive(Debug, Clone, thiserror::Error)]
pub enum FetchError {
    #[error("timed out after {0:?}")]
    Timeout(Duration),
    #[error("cannot connect: {0}")]
    Connect(String),
    #[error("HTTP {code}{}", if *.html { " with an HTML page (bot protection or an error page, not a feed)" } else { "" })]
    Status {
        code: u16,
        /// What the server asked for in `Retry-After`.
        retry_after: Option<Duration>,
        /// The error body was HTML: typical of bot-protection walls.
        html: bool,
    },
    #[error("too many redirects (at most 5)")]
    Redirects,
    #[error("body larger than the {0}-byte cap")]
    TooLarge(u64),
    #[error("{0}")]
    Refused(String),
    #[error("{0}")]
    Io(String),
    #[error("{0}")]
    Other(String),
}

impl FetchError {
    /// The kind label metrics count this error under.
    pub fn kind(&self) -> &'static str {
        match self {
            FetchError::Timeout(_) => "timeout",
            FetchError::Connect(_) => "connect",
            FetchError::Status { code, .. } if (400..500).contains(code) => "http_4xx",
            FetchError::Status { code, .. } if (500..600).contains(code) => "http_5xx",
            FetchError::Status { .. } => "http_other",
            FetchError::Refused(_) => "refused",
            FetchError::Redirects => "redirects",
            FetchError::TooLarge(_) => "too_large",
            FetchError::Io(_) => "io",
            FetchError::Other(_) => "other",
        }
    }
}

/// Validators from an earlier response, sent back for a conditional GET.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// What the server said about when to ask again.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CacheHints {
    /// `Cache-Control: max-age`, or `Expires` minus now.
    pub fresh_for: Option<Duration>,
    pub retry_after: Option<Duration>,
}

/// A body that arrived in full.
#[derive(Debug, Clone)]
pub struct Body {
    pub bytes: Vec<u8>,
    pub content_type: Option<String>,
    pub validators: Validators,
    pub hints: CacheHints,
    /// Where the body came from after redirects.
    pub url: String,
}

#[derive(Debug, Clone)]
pub enum Fetched {
    NotModified(CacheHints),
    Body(Body),
}

/// Which addresses a request may reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anything: feeds the user configured, and articles of feeds on private hosts.
    Any,
    /// Public addresses only, checked on every resolved IP and redirect.
    PublicOnly,
}

/// One request's options beyond the URL.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    pub validators: Option<&'a Validators>,
    pub cap: u64,
    pub access: Access,
    pub user_agent: Option<&'a str>,
}

/// An HTTP client with slipwatch's limits. Cheap to clone.
#[derive(Clone)]
pub struct Fetcher {
    any: reqwest::Client,
    public_only: reqwest::Client,
    timeout: Duration,
    global: Arc<Semaphore>,
    per_host: usize,
    hosts: Arc<Mutex<HashMap<String, Arc<Semaphore>>>>,
}

fn client(s: &Settings, access: Access) -> Result<reqwest::Client, FetchError> {
    let policy = reqwest::redirect::Policy::custom(move |attempt| {
        if attempt.previous().len() >= 5 {
            return attempt.error("too many redirects (at most 5)");
        }
        let checked = match access {
            Access::PublicOnly => netguard::check_url(attempt.url()),
            Access::Any if matches!(attempt.url().scheme(), "http" | "https") => Ok(()),
            Access::Any => Err(format!(
                "refused: redirect to scheme {:?}",
                attempt.url().scheme()
            )),
        };
        match checked {
            Ok(()) => attempt.follow(),
            Err(e) => attempt.error(e),
        }
    });
    let mut b = reqwest::Client::builder()
        .user_agent(s.user_agent.clone())
        .connect_timeout(s.connect_timeout)
        .timeout(s.timeout)
        .redirect(policy)
        .gzip(true)
        .brotli(true);
    if access == Access::PublicOnly {
        b = b.dns_resolver(netguard::PublicOnly);
    }
    b.build()
        .map_err(|e| FetchError::Other(format!("cannot build HTTP client: {e}")))
}

impl Fetcher {
    pub fn new(s: &Settings) -> Result<Fetcher, FetchError> {
        Ok(Fetcher {
            any: client(s, Access::Any)?,
            public_only: client(s, Access::PublicOnly)?,
            timeout: s.timeout,
            global: Arc::new(Semaphore::new(s.global_connections.max(1))),
            per_host: s.per_host_connections.max(1),
            hosts: Arc::new(Mutex::new(HashMap::new())),
        })
    }

    fn host_gate(&self, url: &Url) -> Arc<Semaphore> {
        let host = url.host_str().unwrap_or("").to_ascii_lowercase();
        let mut hosts = self.hosts.lock().unwrap_or_else(|p| p.into_inner());
        // Forget idle hosts now and then so a long run over many sites stays small.
        if hosts.len() > 4096 {
            hosts.retain(|_, s| Arc::strong_count(s) > 1);
        }
        hosts
            .entry(host)
            .or_insert_with(|| Arc::new(Semaphore::new(self.per_host)))
            .clone()
    }

    /// GETs `url` within the politeness limits, reading at most `req.cap` bytes.
    pub async fn get(&self, url: &Url, req: Request<'_>) -> Result<Fetched, FetchError> {
        let started = std::time::Instant::now();
        let result = self.get_once(url, req).await;
        metrics::record_fetch(metrics::FetchOutcome {
            took: started.elapsed(),
            error: result.as_ref().err().map(FetchError::kind),
        });
        result
    }

    async fn get_once(&self, url: &Url, req: Request<'_>) -> Result<Fetched, FetchError> {
        let client = match req.access {
            Access::Any => &self.any,
            Access::PublicOnly => {
                netguard::check_url(url).map_err(FetchError::Refused)?;
                &self.public_only
            }
        };
        let host_gate = self.host_gate(url);
        let _host = host_gate
            .acquire()
            .await
            .map_err(|e| FetchError::Other(e.to_string()))?;
        let _global = self
            .global
            .acquire()
            .await
            .map_err(|e| FetchError::Other(e.to_string()))?;
        let mut rb = client.get(url.clone());
        if let Some(ua) = req.user_agent {
            rb = rb.header(USER_AGENT, ua);
        }
        if let Some(v) = req.validators {
            if let Some(e) = &v.etag {
                rb = rb.header(IF_NONE_MATCH, e);
            }
            if let Some(m) = &v.last_modified {
                rb = rb.header(IF_MODIFIED_SINCE, m);
            }
        }
        let mut resp = rb.send().await.map_err(|e| self.classify(e))?;
        let status = resp.status();
        let headers = resp.headers().clone();
        let hints = cache_hints(&headers, Utc::now());
        if status == StatusCode::NOT_MODIFIED {
            return Ok(Fetched::NotModified(hints));
        }
        if !status.is_success() {
            let html = header(&headers, CONTENT_TYPE)
                .is_some_and(|c| c.to_ascii_lowercase().contains("html"));
            return Err(FetchError::Status {
                code: status.as_u16(),
                retry_after: hints.retry_after,
                html,
            });
        }
        if resp.content_length().is_some_and(|n| n > req.cap) {
            return Err(FetchError::TooLarge(req.cap));
        }
        let final_url = resp.url().to_string();
        let mut bytes = Vec::new();
        while let Some(chunk) = resp.chunk().await.map_err(|e| self.classify(e))? {
            if bytes.len() as u64 + chunk.len() as u64 > req.cap {
                return Err(FetchError::TooLarge(req.cap));
            }
            bytes.extend_from_slice(&chunk);
        }
        Ok(Fetched::Body(Body {
            bytes,
            content_type: header(&headers, CONTENT_TYPE),
            validators: Validators {
                etag: header(&headers, ETAG),
                last_modified: header(&headers, LAST_MODIFIED),
            },
            hints,
            url: final_url,
        }))
    }

    fn classify(&self, e: reqwest::Error) -> FetchError {
        let cause = root_cause(&e);
        if e.is_timeout() {
            FetchError::Timeout(self.timeout)
        } else if cause.starts_with("refused:") {
            FetchError::Refused(cause)
        } else if e.is_redirect() || cause.contains("too many redirects") {
            FetchError::Redirects
        } else if e.is_connect() {
            FetchError::Connect(cause)
        } else {
            FetchError::Other(cause)
        }
    }
}

fn header(h: &HeaderMap, name: HeaderName) -> Option<String> {
    h.get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

/// Reads `Cache-Control: max-age`, `Expires` and `Retry-After` (seconds or a date).
pub fn cache_hints(h: &HeaderMap, now: DateTime<Utc>) -> CacheHints {
    let until = |v: &str| {
        DateTime::parse_from_rfc2822(v.trim())
            .ok()
            .and_then(|t| (t.with_timezone(&Utc) - now).to_std().ok())
    };
    let max_age = header(h, CACHE_CONTROL).and_then(|cc| {
        cc.split(',').find_map(|d| {
            let (k, v) = d.split_once('=')?;
            k.trim()
                .eq_ignore_ascii_case("max-age")
                .then(|| v.trim().parse::<u64>().ok())
                .flatten()
        })
    });
    let fresh_for = max_age
        .map(Duration::from_secs)
        .or_else(|| header(h, EXPIRES).and_then(|v| until(&v)));
    let retry_after = header(h, RETRY_AFTER).and_then(|v| match v.trim().parse::<u64>() {
        Ok(secs) => Some(Duration::from_secs(secs)),
        Err(_) => until(&v),
    });
    CacheHints {
        fresh_for,
        retry_after,
    }
}

/// The innermost error message: reqwest's outer ones only say "error sending request".
fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cur = e;
    while let Some(next) = cur.source() {
        cur = next;
    }
    cur.to_string()
}

/// Reads a local feed file, at most `cap` bytes.
pub fn read_file(path: &Path, cap: u64) -> Result<Body, FetchError> {
    let io = |e: std::io::Error| FetchError::Io(format!("{}: {e}", path.display()));
    let f = std::fs::File::open(path).map_err(io)?;
    let mut bytes = Vec::new();
    f.take(cap + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > cap {
        return Err(FetchError::TooLarge(cap));
    }
    Ok(Body {
        bytes,
        content_type: None,
        validators: Validators::default(),
        hints: CacheHints::default(),
        url: Url::from_file_path(path)
            .map_or_else(|()| path.display().to_string(), |u| u.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use reqwest::header::HeaderValue;

    #[test]
    fn cache_hints_read_max_age_expires_and_retry_after() {
        let now = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let mut h = HeaderMap::new();
        h.insert(
            CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=3600"),
        );
        h.insert(RETRY_AFTER, HeaderValue::from_static("120"));
        let c = cache_hints(&h, now);
        assert_eq!(c.fresh_for, Some(Duration::from_secs(3600)));
        assert_eq!(c.retry_after, Some(Duration::from_secs(120)));
        let mut h = HeaderMap::new();
        h.insert(
            EXPIRES,
            HeaderValue::from_static("Thu, 01 Jan 2026 02:00:00 GMT"),
        );
        h.insert(
            RETRY_AFTER,
            HeaderValue::from_static("Thu, 01 Jan 2026 00:10:00 GMT"),
        );
        let c = cache_hints(&h, now);
        assert_eq!(c.fresh_for, Some(Duration::from_secs(7200)));
        assert_eq!(c.retry_after, Some(Duration::from_secs(600)));
    }
}
