//! Prometheus metrics: in-process counters, and the text exposition format (0.0.4).
//!
//! Counters that must survive restarts (items, articles, sightings, changes per feed)
//! come from the store's feed state; what only this process sees (polls, fetch errors,
//! fetch latency) is counted here. The format is a few lines of text, so it is written
//! by hand rather than pulling in a client crate. [`render`] is a pure function.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::{LazyLock, Mutex};
use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::ingest::fetch::FetchError;
use crate::pipeline::FeedReport;
use crate::present::report::{FeedView, NotifyView};

/// Upper bounds (seconds) of the fetch latency histogram.
pub const BUCKETS: [f64; 10] = [0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0];

/// What this process counted since it started.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Counters {
    /// (feed, outcome) -> polls; outcome is `ok`, `not_modified` or `error`.
    pub polls: BTreeMap<(String, &'static str), u64>,
    /// Error kind -> failed fetches.
    pub fetch_errors: BTreeMap<&'static str, u64>,
    /// Per bucket of [`BUCKETS`]: fetches that took at most that long.
    pub fetch_buckets: [u64; BUCKETS.len()],
    pub fetch_count: u64,
    pub fetch_seconds: f64,
}

static COUNTERS: LazyLock<Mutex<Counters>> = LazyLock::new(Default::default);

fn with<T>(f: impl FnOnce(&mut Counters) -> T) -> T {
    f(&mut COUNTERS.lock().unwrap_or_else(|p| p.into_inner()))
}

/// A copy of the counters, for rendering.
pub fn snapshot() -> Counters {
    with(|c| c.clone())
}

/// The kind label of a fetch error.
pub fn error_kind(e: &FetchError) -> &'static str {
    match e {
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

/// Counts one HTTP fetch (feed or article page) and how long it took.
pub fn record_fetch<T>(took: Duration, result: &Result<T, FetchError>) {
    let secs = took.as_secs_f64();
    with(|c| {
        c.fetch_count += 1;
        c.fetch_seconds += secs;
        for (i, le) in BUCKETS.iter().enumerate() {
            if secs <= *le {
                c.fetch_buckets[i] += 1;
            }
        }
        if let Err(e) = result {
            *c.fetch_errors.entry(error_kind(e)).or_insert(0) += 1;
        }
    });
}

/// Counts one poll of one feed by its outcome.
pub fn record_poll(r: &FeedReport) {
    let outcome = if r.error.is_some() {
        "error"
    } else if r.not_modified {
        "not_modified"
    } else {
        "ok"
    };
    with(|c| *c.polls.entry((r.feed.clone(), outcome)).or_insert(0) += 1);
}

/// Everything one scrape shows.
pub struct Scrape<'a> {
    pub counters: &'a Counters,
    pub feeds: &'a [FeedView],
    pub notify: &'a [NotifyView],
    pub releases: usize,
    pub now: DateTime<Utc>,
}

fn label(v: &str) -> String {
    v.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

fn head(out: &mut String, name: &str, kind: &str, help: &str) {
    let _ = writeln!(out, "# HELP {name} {help}");
    let _ = writeln!(out, "# TYPE {name} {kind}");
}

fn per_feed(
    out: &mut String,
    s: &Scrape,
    name: &str,
    kind: &str,
    help: &str,
    v: impl Fn(&FeedView) -> Option<f64>,
) {
    head(out, name, kind, help);
    for f in s.feeds {
        if let Some(x) = v(f) {
            let _ = writeln!(out, "{name}{{feed=\"{}\"}} {x}", label(&f.name));
        }
    }
}

fn per_target(
    out: &mut String,
    s: &Scrape,
    name: &str,
    kind: &str,
    help: &str,
    v: impl Fn(&NotifyView) -> f64,
) {
    head(out, name, kind, help);
    for n in s.notify {
        let _ = writeln!(out, "{name}{{target=\"{}\"}} {}", label(&n.name), v(n));
    }
}

/// The exposition text for one scrape.
pub fn render(s: &Scrape) -> String {
    let mut out = String::new();
    let c = s.counters;
    head(
        &mut out,
        "slipwatch_build_info",
        "gauge",
        "Version of the running slipwatch.",
    );
    let _ = writeln!(
        out,
        "slipwatch_build_info{{version=\"{}\"}} 1",
        env!("CARGO_PKG_VERSION")
    );

    head(
        &mut out,
        "slipwatch_polls_total",
        "counter",
        "Feed polls by this process, by outcome.",
    );
    for ((feed, outcome), n) in &c.polls {
        let _ = writeln!(
            out,
            "slipwatch_polls_total{{feed=\"{}\",outcome=\"{outcome}\"}} {n}",
            label(feed)
        );
    }
    head(
        &mut out,
        "slipwatch_fetch_errors_total",
        "counter",
        "Failed HTTP fetches (feeds and article pages), by kind.",
    );
    for (kind, n) in &c.fetch_errors {
        let _ = writeln!(out, "slipwatch_fetch_errors_total{{kind=\"{kind}\"}} {n}");
    }
    head(
        &mut out,
        "slipwatch_fetch_duration_seconds",
        "histogram",
        "Time of HTTP fetches (feeds and article pages), body included.",
    );
    for (le, n) in BUCKETS.iter().zip(c.fetch_buckets) {
        let _ = writeln!(
            out,
            "slipwatch_fetch_duration_seconds_bucket{{le=\"{le}\"}} {n}"
        );
    }
    let _ = writeln!(
        out,
        "slipwatch_fetch_duration_seconds_bucket{{le=\"+Inf\"}} {}",
        c.fetch_count
    );
    let _ = writeln!(
        out,
        "slipwatch_fetch_duration_seconds_sum {}",
        c.fetch_seconds
    );
    let _ = writeln!(
        out,
        "slipwatch_fetch_duration_seconds_count {}",
        c.fetch_count
    );

    per_feed(
        &mut out,
        s,
        "slipwatch_items_total",
        "counter",
        "Feed items processed (new or edited), over the store's life.",
        |f| Some(f.state.items as f64),
    );
    per_feed(
        &mut out,
        s,
        "slipwatch_articles_total",
        "counter",
        "Article pages fetched, over the store's life.",
        |f| Some(f.state.articles as f64),
    );
    per_feed(
        &mut out,
        s,
        "slipwatch_sightings_total",
        "counter",
        "Release-date sightings stored, over the store's life.",
        |f| Some(f.state.sightings as f64),
    );
    per_feed(
        &mut out,
        s,
        "slipwatch_changes_total",
        "counter",
        "Release-date changes flagged, over the store's life.",
        |f| Some(f.state.changes as f64),
    );
    per_feed(
        &mut out,
        s,
        "slipwatch_not_modified_total",
        "counter",
        "Polls answered 304 Not Modified, over the store's life.",
        |f| Some(f.state.not_modified as f64),
    );
    per_feed(
        &mut out,
        s,
        "slipwatch_feed_consecutive_failures",
        "gauge",
        "Polls failed in a row.",
        |f| Some(f64::from(f.state.consecutive_failures)),
    );
    per_feed(
        &mut out,
        s,
        "slipwatch_feed_last_success_timestamp_seconds",
        "gauge",
        "Unix time of the feed's last successful poll.",
        |f| f.state.last_success.map(|t| t.timestamp() as f64),
    );

    head(&mut out, "slipwatch_releases", "gauge", "Releases tracked.");
    let _ = writeln!(out, "slipwatch_releases {}", s.releases);

    per_target(
        &mut out,
        s,
        "slipwatch_notify_delivered_total",
        "counter",
        "Changes delivered to a notify target.",
        |n| n.state.delivered as f64,
    );
    per_target(
        &mut out,
        s,
        "slipwatch_notify_failed_attempts_total",
        "counter",
        "Failed delivery attempts (each retried until max_attempts).",
        |n| n.state.failed_attempts as f64,
    );
    per_target(
        &mut out,
        s,
        "slipwatch_notify_dropped_total",
        "counter",
        "Deliveries given up after max_attempts.",
        |n| n.state.dropped as f64,
    );
    per_target(
        &mut out,
        s,
        "slipwatch_notify_queued",
        "gauge",
        "Deliveries waiting.",
        |n| n.queued as f64,
    );

    head(
        &mut out,
        "slipwatch_scrape_timestamp_seconds",
        "gauge",
        "Unix time of this scrape.",
    );
    let _ = writeln!(
        out,
        "slipwatch_scrape_timestamp_seconds {}",
        s.now.timestamp()
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exposition_has_help_type_and_escaped_labels() {
        let mut c = Counters::default();
        c.polls.insert(("a\"b".into(), "ok"), 2);
        c.fetch_count = 1;
        c.fetch_buckets = [0, 1, 1, 1, 1, 1, 1, 1, 1, 1];
        c.fetch_seconds = 0.07;
        let text = render(&Scrape {
            counters: &c,
            feeds: &[],
            notify: &[],
            releases: 3,
            now: Utc::now(),
        });
        assert!(text.contains("# TYPE slipwatch_polls_total counter\n"));
        assert!(text.contains("slipwatch_polls_total{feed=\"a\\\"b\",outcome=\"ok\"} 2\n"));
        assert!(text.contains("slipwatch_fetch_duration_seconds_bucket{le=\"0.05\"} 0\n"));
        assert!(text.contains("slipwatch_fetch_duration_seconds_bucket{le=\"+Inf\"} 1\n"));
        assert!(text.contains("slipwatch_releases 3\n"));
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let value = line.rsplit(' ').next().unwrap();
            assert!(value.parse::<f64>().is_ok(), "{line}");
        }
    }
}
