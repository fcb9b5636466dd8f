//! One feed, end to end: fetch -> parse -> article -> extract -> store -> diff.
//!
//! Orchestration only: the stages it calls are pure, and every side effect (network,
//! store, clock) happens here or below. A failing feed is recorded in its state and
//! never stops the others; a failing article falls back to the feed's own text.

use std::sync::Arc;

use chrono::{DateTime, FixedOffset, Utc};
use futures_util::stream::{self, StreamExt};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use url::Url;

use crate::article;
use crate::charset;
use crate::config::{Config, FeedConfig, Source};
use crate::extract::{self, Context};
use crate::feed::{self, Entry};
use crate::fetch::{Body, Fetched, Fetcher, Validators};
use crate::model::{Change, Extraction, Role, Sighting};
use crate::store::{ArticleCommit, FeedState, ItemState, Store, StoreError};

/// Items of one feed fetched at once.
const ARTICLES_PER_FEED: usize = 2;

/// What one poll of one feed did.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct FeedReport {
    pub feed: String,
    pub not_modified: bool,
    /// Items new or edited since the last poll.
    pub items: usize,
    pub articles: usize,
    pub sightings: usize,
    pub changes: Vec<Change>,
    pub error: Option<String>,
}

/// Everything a poll needs, shared by the daemon and `poll`.
#[derive(Clone)]
pub struct Engine {
    pub config: Arc<Config>,
    pub store: Arc<Store>,
    pub fetcher: Fetcher,
}

/// Polls the given feeds (all when `only` is `None`), at most `concurrency` at once.
pub async fn poll_all(engine: &Engine, only: Option<&str>) -> Vec<FeedReport> {
    let feeds: Vec<FeedConfig> = engine
        .config
        .feeds
        .iter()
        .filter(|f| only.is_none_or(|n| f.name == n))
        .cloned()
        .collect();
    let reports: Vec<FeedReport> = stream::iter(feeds)
        .map(|f| async move { poll_feed(engine, &f).await })
        .buffer_unordered(engine.config.settings.concurrency)
        .collect()
        .await;
    if let Err(e) = engine.store.flush() {
        tracing::error!(error = %e, "store flush failed");
    }
    reports
}

/// Polls one feed and records the outcome in its state.
pub async fn poll_feed(engine: &Engine, feed: &FeedConfig) -> FeedReport {
    let mut report = FeedReport {
        feed: feed.name.clone(),
        ..FeedReport::default()
    };
    let mut state = match engine.store.feed_state(&feed.name) {
        Ok(s) => s,
        Err(e) => {
            report.error = Some(e.to_string());
            return report;
        }
    };
    let started = Utc::now();
    state.last_attempt = Some(started);
    match poll_inner(engine, feed, &mut state, &mut report).await {
        Ok(()) => {
            state.last_success = Some(Utc::now());
            state.consecutive_failures = 0;
            tracing::info!(feed = %feed.name, items = report.items, changes = report.changes.len(), "polled");
        }
        Err(msg) => {
            state.last_error = Some(msg.clone());
            state.last_error_at = Some(Utc::now());
            state.consecutive_failures += 1;
            tracing::warn!(feed = %feed.name, error = %msg, "poll failed");
            report.error = Some(msg);
        }
    }
    state.items += report.items as u64;
    state.articles += report.articles as u64;
    state.sightings += report.sightings as u64;
    state.changes += report.changes.len() as u64;
    if let Err(e) = engine.store.put_feed_state(&feed.name, &state) {
        report.error.get_or_insert_with(|| e.to_string());
    }
    report
}

async fn poll_inner(
    engine: &Engine,
    feed: &FeedConfig,
    state: &mut FeedState,
    report: &mut FeedReport,
) -> Result<(), String> {
    let s = &engine.config.settings;
    let body = match &feed.source {
        Source::File(path) => {
            crate::fetch::read_file(path, s.max_feed_bytes).map_err(|e| e.to_string())?
        }
        Source::Http(url) => {
            let v = Validators {
                etag: state.etag.clone(),
                last_modified: state.last_modified.clone(),
            };
            match engine
                .fetcher
                .get(url, Some(&v), s.max_feed_bytes)
                .await
                .map_err(|e| e.to_string())?
            {
                Fetched::NotModified => {
                    report.not_modified = true;
                    state.not_modified += 1;
                    return Ok(());
                }
                Fetched::Body(b) => b,
            }
        }
    };
    let http_charset = body
        .content_type
        .as_deref()
        .and_then(charset::header_charset);
    let bytes = charset::feed_to_utf8(&body.bytes, http_charset);
    let parsed = feed::parse(&bytes, Some(&body.url)).map_err(|e| describe_feed_error(&body, e))?;
    // Validators are kept only once the body parsed: a broken response is fetched whole again.
    state.etag = body.validators.etag;
    state.last_modified = body.validators.last_modified;
    let mut todo = Vec::new();
    for entry in parsed.entries.into_iter().take(s.max_items_per_feed) {
        let seen = engine
            .store
            .item(&feed.name, &entry.id)
            .map_err(|e| e.to_string())?;
        if seen.is_none_or(|i| i.fingerprint != entry.fingerprint) {
            todo.push(entry);
        }
    }
    let results: Vec<Result<Processed, StoreError>> = stream::iter(todo)
        .map(|entry| process_entry(engine, feed, entry))
        .buffer_unordered(ARTICLES_PER_FEED)
        .collect()
        .await;
    for r in results {
        let (fetched, sightings, changes) = r.map_err(|e| e.to_string())?;
        report.items += 1;
        report.articles += usize::from(fetched);
        report.sightings += sightings;
        report.changes.extend(changes);
    }
    Ok(())
}

fn describe_feed_error(body: &Body, e: feed::FeedError) -> String {
    let head = String::from_utf8_lossy(&body.bytes[..body.bytes.len().min(512)]).to_lowercase();
    if head.contains("<html") {
        format!("{e} (the server sent an HTML page, not a feed)")
    } else {
        e.to_string()
    }
}

/// The text an item is read from, with what is known about it.
struct ArticleText {
    text: String,
    title: Option<String>,
    hints: Vec<String>,
    published: Option<DateTime<FixedOffset>>,
    fetched: bool,
}

async fn article_text(engine: &Engine, feed: &FeedConfig, entry: &Entry) -> ArticleText {
    let fallback = || ArticleText {
        text: entry
            .content
            .as_deref()
            .map(feed::html_to_text)
            .unwrap_or_default(),
        title: None,
        hints: Vec::new(),
        published: None,
        fetched: false,
    };
    let link = entry.link.as_deref().and_then(|l| Url::parse(l).ok());
    let Some(link) = link.filter(|u| feed.fetch_articles && matches!(u.scheme(), "http" | "https"))
    else {
        return fallback();
    };
    let page = match engine
        .fetcher
        .get(&link, None, engine.config.settings.max_page_bytes)
        .await
    {
        Ok(Fetched::Body(b)) => b,
        Ok(Fetched::NotModified) => return fallback(),
        Err(e) => {
            tracing::debug!(feed = %feed.name, url = %link, error = %e, "article fetch failed; using feed text");
            return fallback();
        }
    };
    let selector = feed.article_selector.clone();
    let extracted = tokio::task::spawn_blocking(move || {
        let html = charset::decode_html(
            &page.bytes,
            page.content_type
                .as_deref()
                .and_then(charset::header_charset),
        );
        article::extract_article(&html, selector.as_deref())
    })
    .await;
    match extracted {
        Ok(a) if !a.text.trim().is_empty() => ArticleText {
            text: a.text,
            title: a.title,
            hints: a.hints,
            published: a.published,
            fetched: true,
        },
        _ => ArticleText {
            fetched: true,
            ..fallback()
        },
    }
}

/// What one item yielded: whether its page was fetched, its sightings, its changes.
type Processed = (bool, usize, Vec<Change>);

async fn process_entry(
    engine: &Engine,
    feed: &FeedConfig,
    entry: Entry,
) -> Result<Processed, StoreError> {
    let now = Utc::now();
    let art = article_text(engine, feed, &entry).await;
    let published = entry
        .published
        .or_else(|| art.published.map(|p| p.with_timezone(&Utc)))
        .unwrap_or(now);
    let title = entry.title.clone().or(art.title.clone());
    let text = art.text.clone();
    let hints = art.hints.clone();
    let extraction = tokio::task::spawn_blocking(move || {
        let ctx = Context {
            published: published.fixed_offset(),
            title: title.as_deref(),
            hints: &hints,
        };
        extract::extract(&text, &ctx)
    })
    .await
    .unwrap_or_default();
    let url = entry.link.clone().unwrap_or_else(|| entry.id.clone());
    let sightings = sightings_from(&extraction, &url, &feed.name, published, now);
    let count = sightings.len();
    let commit = ArticleCommit {
        feed: feed.name.clone(),
        item_id: entry.id.clone(),
        item: ItemState {
            fingerprint: entry.fingerprint.clone(),
            url: entry.link.clone(),
            processed_at: now,
        },
        sightings,
    };
    let store = engine.store.clone();
    let changes = tokio::task::spawn_blocking(move || store.commit_article(commit, now))
        .await
        .map_err(|e| StoreError::Corrupt {
            key: "commit".into(),
            reason: e.to_string(),
        })??;
    Ok((art.fetched, count, changes))
}

/// Turns what extraction found in one article into sightings to store.
pub fn sightings_from(
    x: &Extraction,
    url: &str,
    feed: &str,
    published: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Vec<Sighting> {
    x.mentions
        .iter()
        .filter(|m| !m.subject.trim().is_empty())
        .map(|m| {
            let mut release = extract::release_key(&m.subject);
            if let Some(r) = &m.region {
                release.push('@');
                release.push_str(&extract::release_key(r));
            }
            let label = m.date.as_ref().map_or("indefinite", |d| d.label.as_str());
            let role = match m.role {
                Role::Current => "current",
                Role::Previous => "previous",
            };
            let mut h = Sha256::new();
            for part in [url, &release, role, label] {
                h.update(part.as_bytes());
                h.update([0u8]);
            }
            let moved = x
                .changes
                .iter()
                .find(|c| {
                    m.role == Role::Current
                        && c.from.is_none()
                        && extract::release_key(&c.subject) == extract::release_key(&m.subject)
                        && c.to == m.date
                })
                .map(|c| c.direction);
            Sighting {
                id: feed::hex(&h.finalize()[..8]),
                release,
                subject: m.subject.clone(),
                date: m.date.clone(),
                role: m.role,
                moved,
                confidence: m.confidence,
                region: m.region.clone(),
                url: url.to_string(),
                feed: feed.to_string(),
                published,
                sentence: m.sentence.clone(),
                first_seen: now,
            }
        })
        .collect()
}
