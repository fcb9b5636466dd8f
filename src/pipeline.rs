//! One feed, end to end: fetch -> parse -> article -> extract -> store -> diff.
//!
//! Orchestration only: the stages it calls are pure, and every side effect (network,
//! store, clock) happens here or below. A failing feed is recorded in its state and
//! never stops the others; a failing article falls back to the feed's own text.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, FixedOffset, Utc};
use futures_util::stream::{self, StreamExt};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use url::Url;

use crate::article;
use crate::config::{Config, FeedConfig, Source};
use crate::extract::{self, Context};
use crate::ingest::charset;
use crate::ingest::feed::{self, Entry};
use crate::ingest::fetch::{
    Access, Body, CacheHints, FetchError, Fetched, Fetcher, Request, Validators,
};
use crate::ingest::netguard;
use crate::ingest::schedule::{self, Outcome};
use crate::metrics::PollOutcome;
use crate::model::{Change, Extraction, Role, Sighting};
use crate::track::store::{ArticleCommit, FeedState, ItemState, Store, StoreError};

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
    /// Why the feed was not fetched this time (the server asked to wait), when so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skipped: Option<String>,
    /// When this feed is due again.
    #[serde(default)]
    pub next_poll: Option<DateTime<Utc>>,
}

impl FeedReport {
    /// How metrics count this poll.
    pub fn outcome(&self) -> PollOutcome {
        if self.error.is_some() {
            PollOutcome::Error
        } else if self.not_modified {
            PollOutcome::NotModified
        } else {
            PollOutcome::Ok
        }
    }
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
    if let Err(e) = flush(&engine.store).await {
        tracing::error!(error = %e, "store flush failed");
    }
    reports
}

/// Makes every write so far durable, off the async threads (`Store::flush`, a group
/// commit: concurrent callers share one disk sync).
pub async fn flush(store: &Arc<Store>) -> Result<(), StoreError> {
    let store = store.clone();
    tokio::task::spawn_blocking(move || store.flush())
        .await
        .map_err(|e| StoreError::Corrupt {
            key: "flush".into(),
            reason: e.to_string(),
        })?
}

/// Polls one feed and records the outcome, and when to poll it next, in its state.
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
    if let Some(until) = state.throttled_until.filter(|t| *t > started) {
        report.skipped = Some(format!(
            "the server asked to wait until {}",
            until.to_rfc3339()
        ));
        return report;
    }
    state.last_attempt = Some(started);
    let s = &engine.config.settings;
    let outcome = match poll_inner(engine, feed, &mut state, &mut report).await {
        Ok(hints) => {
            state.last_success = Some(Utc::now());
            state.consecutive_failures = 0;
            state.throttled_until = None;
            tracing::info!(feed = %feed.name, items = report.items, changes = report.changes.len(), "polled");
            hints
        }
        Err(FetchError::Status {
            code, retry_after, ..
        }) if code == 429 || (code == 503 && retry_after.is_some()) => {
            let wait = schedule::delay(
                feed.interval,
                s.max_interval,
                Outcome::Throttled { retry_after },
            );
            state.throttled_until =
                Some(started + chrono::Duration::from_std(wait).unwrap_or_default());
            report.skipped = Some(format!(
                "HTTP {code}: the server asked to wait {}s",
                wait.as_secs()
            ));
            tracing::info!(feed = %feed.name, code, wait_secs = wait.as_secs(), "throttled");
            Outcome::Throttled { retry_after }
        }
        Err(e) => {
            let msg = e.to_string();
            state.last_error = Some(msg.clone());
            state.last_error_at = Some(Utc::now());
            state.consecutive_failures = state.consecutive_failures.saturating_add(1);
            tracing::warn!(feed = %feed.name, error = %msg, "poll failed");
            report.error = Some(msg);
            let retry_after = match e {
                FetchError::Status { retry_after, .. } => retry_after,
                _ => None,
            };
            Outcome::Failed {
                failures: state.consecutive_failures,
                retry_after,
            }
        }
    };
    let wait = schedule::delay(feed.interval, s.max_interval, outcome);
    state.next_poll = Some(schedule::jittered(
        Utc::now(),
        wait,
        fastrand::f64() * 2.0 - 1.0,
    ));
    state.items += report.items as u64;
    state.articles += report.articles as u64;
    state.sightings += report.sightings as u64;
    state.changes += report.changes.len() as u64;
    // The items' batches are durable before the state that says they were read (its
    // validators and next poll time): a crash never leaves a 304 hiding lost items.
    if let Err(e) = flush(&engine.store).await {
        report.error.get_or_insert_with(|| e.to_string());
    }
    if let Err(e) = engine.store.put_feed_state(&feed.name, &state) {
        report.error.get_or_insert_with(|| e.to_string());
    }
    report
}

/// Fetches and processes one feed; returns the server's scheduling hints.
async fn poll_inner(
    engine: &Engine,
    feed: &FeedConfig,
    state: &mut FeedState,
    report: &mut FeedReport,
) -> Result<Outcome, FetchError> {
    let s = &engine.config.settings;
    let (body, article_access) = match fetch_feed(engine, feed, state).await? {
        FeedFetch::NotModified(h) => {
            report.not_modified = true;
            state.not_modified += 1;
            return Ok(Outcome::Fetched {
                ttl: None,
                fresh_for: h.fresh_for,
                retry_after: h.retry_after,
            });
        }
        FeedFetch::Body(b, access) => (b, access),
    };
    let article_access = if s.allow_private_networks {
        Access::Any
    } else {
        article_access
    };
    let hints = body.hints;
    let http_charset = body
        .content_type
        .as_deref()
        .and_then(charset::header_charset);
    let bytes = charset::feed_to_utf8(&body.bytes, http_charset);
    let parsed = feed::parse(&bytes, Some(&body.url))
        .map_err(|e| FetchError::Other(describe_feed_error(&body, e)))?;
    // Validators are kept only once the body parsed: a broken response is fetched whole again.
    state.etag = body.validators.etag;
    state.last_modified = body.validators.last_modified;
    let present: HashSet<String> = parsed.entries.iter().map(|e| e.id.clone()).collect();
    let todo = new_entries(engine, feed, parsed.entries)?;
    let ctx = ItemContext {
        engine,
        feed,
        access: article_access,
    };
    let results: Vec<Result<Processed, StoreError>> = stream::iter(todo)
        .map(|entry| process_entry(&ctx, entry))
        .buffer_unordered(ARTICLES_PER_FEED)
        .collect()
        .await;
    for r in results {
        let p = r.map_err(store_error)?;
        report.items += 1;
        report.articles += usize::from(p.fetched);
        report.sightings += p.sightings;
        report.changes.extend(p.changes);
        // A selector that stops matching usually means the site was redesigned.
        match p.selector_matched {
            Some(true) => state.selector_misses = 0,
            Some(false) => state.selector_misses = state.selector_misses.saturating_add(1),
            None => {}
        }
    }
    prune_gone(engine, feed, &present)?;
    Ok(Outcome::Fetched {
        ttl: parsed
            .ttl_minutes
            .map(|m| Duration::from_secs(u64::from(m) * 60)),
        fresh_for: hints.fresh_for,
        retry_after: hints.retry_after,
    })
}

/// What fetching a feed gave.
enum FeedFetch {
    /// The body, and where the feed's article links may lead.
    Body(Body, Access),
    /// 304 Not Modified, with the server's hints.
    NotModified(CacheHints),
}

/// Reads a `file://` feed, or GETs an HTTP one conditionally (with the validators
/// stored from its last poll).
async fn fetch_feed(
    engine: &Engine,
    feed: &FeedConfig,
    state: &FeedState,
) -> Result<FeedFetch, FetchError> {
    let s = &engine.config.settings;
    let url = match &feed.source {
        Source::File(path) => {
            return Ok(FeedFetch::Body(
                crate::ingest::fetch::read_file(path, s.max_feed_bytes)?,
                Access::PublicOnly,
            ))
        }
        Source::Http(url) => url,
    };
    let v = Validators {
        etag: state.etag.clone(),
        last_modified: state.last_modified.clone(),
    };
    let req = Request {
        validators: Some(&v),
        cap: s.max_feed_bytes,
        access: Access::Any,
        user_agent: feed.user_agent.as_deref(),
    };
    let fetched = engine.fetcher.get(url, req).await?;
    let access = if netguard::is_private_host(url).await {
        Access::Any
    } else {
        Access::PublicOnly
    };
    Ok(match fetched {
        Fetched::NotModified(h) => FeedFetch::NotModified(h),
        Fetched::Body(b) => FeedFetch::Body(b, access),
    })
}

/// The entries (at most `max_items_per_feed`) that are new or edited since they were
/// processed, oldest first: a history read in order needs no later completion (see
/// `Store::record_step`), and order changes nothing else.
fn new_entries(
    engine: &Engine,
    feed: &FeedConfig,
    entries: Vec<Entry>,
) -> Result<Vec<Entry>, FetchError> {
    let mut todo = Vec::new();
    for entry in entries
        .into_iter()
        .take(engine.config.settings.max_items_per_feed)
    {
        let seen = engine
            .store
            .item(&feed.name, &entry.id)
            .map_err(store_error)?;
        if seen.is_none_or(|i| i.fingerprint != entry.fingerprint) {
            todo.push(entry);
        }
    }
    todo.sort_by_key(|e| e.published);
    Ok(todo)
}

/// Items gone from the feed are never read again: their states go once older than
/// `keep_items`.
fn prune_gone(
    engine: &Engine,
    feed: &FeedConfig,
    present: &HashSet<String>,
) -> Result<(), FetchError> {
    let keep = chrono::Duration::from_std(engine.config.settings.keep_items)
        .unwrap_or(chrono::Duration::MAX);
    if let Some(cutoff) = Utc::now().checked_sub_signed(keep) {
        engine
            .store
            .prune_items(&feed.name, present, cutoff)
            .map_err(store_error)?;
    }
    Ok(())
}

fn store_error(e: StoreError) -> FetchError {
    FetchError::Other(e.to_string())
}

/// What every item of one poll shares.
struct ItemContext<'a> {
    engine: &'a Engine,
    feed: &'a FeedConfig,
    /// Where this feed's article links may lead.
    access: Access,
}

/// Explains a parse failure; an HTML page where a feed was expected is named as such,
/// and a bot-protection wall as that.
fn describe_feed_error(body: &Body, e: feed::FeedError) -> String {
    let head = String::from_utf8_lossy(&body.bytes[..body.bytes.len().min(4096)]).to_lowercase();
    let walled = [
        "captcha",
        "cf-challenge",
        "just a moment",
        "attention required",
        "are you a robot",
        "access denied",
    ]
    .iter()
    .any(|m| head.contains(m));
    if walled {
        format!("blocked by bot protection (the server sent a challenge page, not a feed): {e}")
    } else if head.contains("<html") {
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
    /// Whether the feed's `article_selector` matched the page, when it has one.
    selector_matched: Option<bool>,
}

async fn article_text(ctx: &ItemContext<'_>, entry: &Entry) -> ArticleText {
    let (engine, feed) = (ctx.engine, ctx.feed);
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
        selector_matched: None,
    };
    let link = entry.link.as_deref().and_then(|l| Url::parse(l).ok());
    let Some(link) = link.filter(|u| feed.fetch_articles && matches!(u.scheme(), "http" | "https"))
    else {
        return fallback();
    };
    let req = Request {
        validators: None,
        cap: engine.config.settings.max_page_bytes,
        access: ctx.access,
        user_agent: feed.user_agent.as_deref(),
    };
    let page = match engine.fetcher.get(&link, req).await {
        Ok(Fetched::Body(b)) => b,
        Ok(Fetched::NotModified(_)) => return fallback(),
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
            selector_matched: a.selector_matched,
        },
        Ok(a) => ArticleText {
            fetched: true,
            selector_matched: a.selector_matched,
            ..fallback()
        },
        Err(_) => ArticleText {
            fetched: true,
            ..fallback()
        },
    }
}

/// What one item yielded.
struct Processed {
    /// Its page was fetched (not only the feed's text used).
    fetched: bool,
    sightings: usize,
    changes: Vec<Change>,
    selector_matched: Option<bool>,
}

async fn process_entry(ctx: &ItemContext<'_>, entry: Entry) -> Result<Processed, StoreError> {
    let (engine, feed) = (ctx.engine, ctx.feed);
    let now = Utc::now();
    let art = article_text(ctx, &entry).await;
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
    // Not flushed here: the feed's state is written after a flush (`poll_feed`), and
    // whatever leaves the process (an API answer, a delivery, `poll`'s report) waits
    // for one, so nothing is seen that a crash could take back. A crash before that
    // loses the batch and its item state together, and the item is processed again.
    let changes = tokio::task::spawn_blocking(move || store.commit_article(commit, now))
        .await
        .map_err(|e| StoreError::Corrupt {
            key: "commit".into(),
            reason: e.to_string(),
        })??;
    Ok(Processed {
        fetched: art.fetched,
        sightings: count,
        changes,
        selector_matched: art.selector_matched,
    })
}

/// The works (by release key) the article dates apart by region: two regions, or
/// a region and a date with none that differs ("Oct. 1 worldwide, Oct. 8 in
/// Japan"). A work the article places in one region only ("opens in U.S. theaters
/// on Nov. 25") is the work itself, and its sightings join its other articles'.
fn regions_apart(x: &Extraction) -> HashSet<String> {
    let mut by_work: std::collections::BTreeMap<String, Vec<&crate::model::Mention>> =
        Default::default();
    for m in x.mentions.iter().filter(|m| m.role == Role::Current) {
        by_work
            .entry(extract::release_key(&m.subject))
            .or_default()
            .push(m);
    }
    by_work
        .into_iter()
        .filter(|(_, of_work)| {
            let regions: HashSet<String> = of_work
                .iter()
                .filter_map(|m| m.region.as_deref().map(extract::release_key))
                .collect();
            regions.len() >= 2
                || of_work.iter().any(|a| {
                    a.region.is_none()
                        && of_work
                            .iter()
                            .any(|b| b.region.is_some() && b.date != a.date)
                })
        })
        .map(|(key, _)| key)
        .collect()
}

/// Turns what extraction found in one article into sightings to store.
pub fn sightings_from(
    x: &Extraction,
    url: &str,
    feed: &str,
    published: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Vec<Sighting> {
    let apart = regions_apart(x);
    x.mentions
        .iter()
        .filter(|m| !m.subject.trim().is_empty())
        .map(|m| {
            let mut release = extract::release_key(&m.subject);
            if let Some(r) = m.region.as_ref().filter(|_| apart.contains(&release)) {
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
            // The article states, plainly, that this date replaced another.
            let moved = x
                .changes
                .iter()
                .find(|c| {
                    m.role == Role::Current
                        && c.confirmed
                        && c.to == m.date
                        && extract::release_key(&c.subject) == extract::release_key(&m.subject)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Mention, Period};

    fn mention(subject: &str, label: &str, region: Option<&str>) -> Mention {
        Mention {
            subject: subject.into(),
            date: Period::from_label(label),
            role: Role::Current,
            sentence: String::new(),
            confidence: 0.5,
            region: region.map(str::to_string),
        }
    }

    fn keys(mentions: Vec<Mention>) -> Vec<String> {
        let x = Extraction {
            mentions,
            ..Extraction::default()
        };
        let t = DateTime::parse_from_rfc3339("2020-03-04T12:00:00Z")
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_default();
        sightings_from(&x, "http://a/1", "f", t, t)
            .into_iter()
            .map(|s| s.release)
            .collect()
    }

    #[test]
    fn a_region_splits_a_release_only_where_the_article_sets_regions_apart() {
        // "opens in U.S. theaters on Nov. 25" alone is the film's date.
        assert_eq!(
            keys(vec![mention("No Time to Die", "2020-11-25", Some("US"))]),
            ["no time to die"]
        );
        // Two regions, or a region against a date with none, are kept apart.
        assert_eq!(
            keys(vec![
                mention("Suzume", "2023-03", Some("Korea")),
                mention("Suzume", "2023-04", Some("North America")),
            ]),
            ["suzume@korea", "suzume@north america"]
        );
        assert_eq!(
            keys(vec![
                mention("Brink", "2011-05-10", None),
                mention("Brink", "2011-05-13", Some("Europe")),
            ]),
            ["brink", "brink@europe"]
        );
    }
}
