//! HTTP and file fetching: conditional GET, timeouts, redirects, size caps.
//!
//! The only module that talks to the network. The body cap is enforced while the body
//! streams in, after decompression, so neither a huge page nor a gzip bomb is ever
//! buffered past the cap.

use std::io::Read;
use std::path::Path;
use std::time::Duration;

use reqwest::header::{
    HeaderMap, CONTENT_TYPE, ETAG, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED,
};
use reqwest::StatusCode;
use url::Url;

use crate::config::Settings;

#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("timed out after {0:?}")]
    Timeout(Duration),
    #[error("cannot connect: {0}")]
    Connect(String),
    #[error("HTTP {0}")]
    Status(u16),
    #[error("too many redirects (at most 5)")]
    Redirects,
    #[error("body larger than the {0}-byte cap")]
    TooLarge(u64),
    #[error("{0}")]
    Io(String),
    #[error("{0}")]
    Other(String),
}

/// Validators from an earlier response, sent back for a conditional GET.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// A body that arrived in full.
#[derive(Debug, Clone)]
pub struct Body {
    pub bytes: Vec<u8>,
    pub content_type: Option<String>,
    pub validators: Validators,
    /// Where the body came from after redirects.
    pub url: String,
}

#[derive(Debug, Clone)]
pub enum Fetched {
    NotModified,
    Body(Body),
}

/// An HTTP client with slipwatch's limits.
#[derive(Clone)]
pub struct Fetcher {
    client: reqwest::Client,
    timeout: Duration,
}

impl Fetcher {
    pub fn new(s: &Settings) -> Result<Fetcher, FetchError> {
        let client = reqwest::Client::builder()
            .user_agent(s.user_agent.clone())
            .connect_timeout(s.connect_timeout)
            .timeout(s.timeout)
            .redirect(reqwest::redirect::Policy::limited(5))
            .gzip(true)
            .brotli(true)
            .build()
            .map_err(|e| FetchError::Other(format!("cannot build HTTP client: {e}")))?;
        Ok(Fetcher {
            client,
            timeout: s.timeout,
        })
    }

    /// GETs `url`, conditionally when `validators` are given, reading at most `cap` bytes.
    pub async fn get(
        &self,
        url: &Url,
        validators: Option<&Validators>,
        cap: u64,
    ) -> Result<Fetched, FetchError> {
        let started = std::time::Instant::now();
        let result = self.get_once(url, validators, cap).await;
        crate::metrics::record_fetch(started.elapsed(), &result);
        result
    }

    async fn get_once(
        &self,
        url: &Url,
        validators: Option<&Validators>,
        cap: u64,
    ) -> Result<Fetched, FetchError> {
        let mut req = self.client.get(url.clone());
        if let Some(v) = validators {
            if let Some(e) = &v.etag {
                req = req.header(IF_NONE_MATCH, e);
            }
            if let Some(m) = &v.last_modified {
                req = req.header(IF_MODIFIED_SINCE, m);
            }
        }
        let mut resp = req.send().await.map_err(|e| self.classify(e))?;
        let status = resp.status();
        if status == StatusCode::NOT_MODIFIED {
            return Ok(Fetched::NotModified);
        }
        if !status.is_success() {
            return Err(FetchError::Status(status.as_u16()));
        }
        if resp.content_length().is_some_and(|n| n > cap) {
            return Err(FetchError::TooLarge(cap));
        }
        let headers = resp.headers().clone();
        let final_url = resp.url().to_string();
        let mut bytes = Vec::new();
        while let Some(chunk) = resp.chunk().await.map_err(|e| self.classify(e))? {
            if bytes.len() as u64 + chunk.len() as u64 > cap {
                return Err(FetchError::TooLarge(cap));
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
            url: final_url,
        }))
    }

    fn classify(&self, e: reqwest::Error) -> FetchError {
        if e.is_timeout() {
            FetchError::Timeout(self.timeout)
        } else if e.is_redirect() {
            FetchError::Redirects
        } else if e.is_connect() {
            FetchError::Connect(root_cause(&e))
        } else {
            FetchError::Other(root_cause(&e))
        }
    }
}

fn header(h: &HeaderMap, name: reqwest::header::HeaderName) -> Option<String> {
    h.get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
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
    let f = std::fs::File::open(path)
        .map_err(|e| FetchError::Io(format!("{}: {e}", path.display())))?;
    let mut bytes = Vec::new();
    f.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| FetchError::Io(format!("{}: {e}", path.display())))?;
    if bytes.len() as u64 > cap {
        return Err(FetchError::TooLarge(cap));
    }
    Ok(Body {
        bytes,
        content_type: None,
        validators: Validators::default(),
        url: Url::from_file_path(path)
            .map_or_else(|()| path.display().to_string(), |u| u.to_string()),
    })
}
