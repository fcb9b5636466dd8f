//! `/metrics`: the process counters and the store's state in the Prometheus text
//! exposition format (0.0.4).
//!
//! Counters that must survive restarts (items, articles, sightings, changes per feed)
//! come from the store's feed state; what only this process sees (polls, fetch errors,
//! fetch latency) from `metrics`. The format is a few lines of text, so it is written
//! by hand rather than pulling in a client crate. [`render`] is a pure function.

use std::fmt::Write as _;

use chrono::{DateTime, Utc};

use super::report::{FeedView, NotifyView};
use crate::metrics::{Counters, BUCKETS};
use crate::track::store::StoreStats;

/// Everything one scrape shows.
pub struct Scrape<'a> {
    pub counters: &'a Counters,
    pub feeds: &'a [FeedView],
    pub notify: &'a [NotifyView],
    pub releases: usize,
    pub store: &'a StoreStats,
    pub now: DateTime<Utc>,
}

/// A metric family with one sample per feed: name, type, help, and the value (none:
/// no sample for that feed).
type PerFeed = (
    &'static str,
    &'static str,
    &'static str,
    fn(&FeedView) -> Option<f64>,
);

const PER_FEED: &[PerFeed] = &[
    (
        "slipwatch_items_total",
        "counter",
        "Feed items processed (new or edited), over the store's life.",
        |f| Some(f.state.items as f64),
    ),
    (
        "slipwatch_articles_total",
        "counter",
        "Article pages fetched, over the store's life.",
        |f| Some(f.state.articles as f64),
    ),
    (
        "slipwatch_sightings_total",
        "counter",
        "Release-date sightings stored, over the store's life.",
        |f| Some(f.state.sightings as f64),
    ),
    (
        "slipwatch_changes_total",
        "counter",
        "Release-date changes flagged, over the store's life.",
        |f| Some(f.state.changes as f64),
    ),
    (
        "slipwatch_not_modified_total",
        "counter",
        "Polls answered 304 Not Modified, over the store's life.",
        |f| Some(f.state.not_modified as f64),
    ),
    (
        "slipwatch_feed_consecutive_failures",
        "gauge",
        "Polls failed in a row.",
        |f| Some(f64::from(f.state.consecutive_failures)),
    ),
    (
        "slipwatch_feed_last_success_timestamp_seconds",
        "gauge",
        "Unix time of the feed's last successful poll.",
        |f| f.state.last_success.map(|t| t.timestamp() as f64),
    ),
];

/// A metric family with one sample per notify target.
type PerTarget = (
    &'static str,
    &'static str,
    &'static str,
    fn(&NotifyView) -> f64,
);

const PER_TARGET: &[PerTarget] = &[
    (
        "slipwatch_notify_delivered_total",
        "counter",
        "Changes delivered to a notify target.",
        |n| n.state.delivered as f64,
    ),
    (
        "slipwatch_notify_failed_attempts_total",
        "counter",
        "Failed delivery attempts (each retried until max_attempts).",
        |n| n.state.failed_attempts as f64,
    ),
    (
        "slipwatch_notify_dropped_total",
        "counter",
        "Deliveries given up after max_attempts.",
        |n| n.state.dropped as f64,
    ),
    (
        "slipwatch_notify_queued",
        "gauge",
        "Deliveries waiting.",
        |n| n.queued as f64,
    ),
];

fn label(v: &str) -> String {
    v.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

fn head(out: &mut String, name: &str, kind: &str, help: &str) {
    let _ = writeln!(out, "# HELP {name} {help}");
    let _ = writeln!(out, "# TYPE {name} {kind}");
}

/// The exposition text for one scrape.
pub fn render(s: &Scrape) -> String {
    let mut out = String::new();
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
    process_counters(&mut out, s.counters);
    for (name, kind, help, value) in PER_FEED {
        head(&mut out, name, kind, help);
        for f in s.feeds {
            if let Some(x) = value(f) {
                let _ = writeln!(out, "{name}{{feed=\"{}\"}} {x}", label(&f.name));
            }
        }
    }
    head(&mut out, "slipwatch_releases", "gauge", "Releases tracked.");
    let _ = writeln!(out, "slipwatch_releases {}", s.releases);
    store_gauges(&mut out, s.store);
    for (name, kind, help, value) in PER_TARGET {
        head(&mut out, name, kind, help);
        for n in s.notify {
            let _ = writeln!(out, "{name}{{target=\"{}\"}} {}", label(&n.name), value(n));
        }
    }
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

/// The store's size, records per kind and bytes per sighting (`Store::stats`).
fn store_gauges(out: &mut String, s: &StoreStats) {
    head(
        out,
        "slipwatch_store_bytes",
        "gauge",
        "Bytes the store takes on disk.",
    );
    let _ = writeln!(out, "slipwatch_store_bytes {}", s.size_on_disk);
    head(
        out,
        "slipwatch_store_records",
        "gauge",
        "Records in the store, by kind (key prefix).",
    );
    for (kind, k) in &s.kinds {
        let _ = writeln!(
            out,
            "slipwatch_store_records{{kind=\"{}\"}} {}",
            label(kind),
            k.records
        );
    }
    head(
        out,
        "slipwatch_store_bytes_per_sighting",
        "gauge",
        "Bytes on disk over sightings stored.",
    );
    let _ = writeln!(
        out,
        "slipwatch_store_bytes_per_sighting {}",
        s.bytes_per_sighting
    );
}

/// What only this process counted: polls, fetch errors, the fetch latency histogram.
fn process_counters(out: &mut String, c: &Counters) {
    head(
        out,
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
        out,
        "slipwatch_fetch_errors_total",
        "counter",
        "Failed HTTP fetches (feeds and article pages), by kind.",
    );
    for (kind, n) in &c.fetch_errors {
        let _ = writeln!(out, "slipwatch_fetch_errors_total{{kind=\"{kind}\"}} {n}");
    }
    head(
        out,
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::Counters;

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
            store: &StoreStats {
                size_on_disk: 4096,
                kinds: [("t".to_string(), Default::default())].into(),
                sightings: 0,
                bytes_per_sighting: 0,
            },
            now: Utc::now(),
        });
        assert!(text.contains("# TYPE slipwatch_polls_total counter\n"));
        assert!(text.contains("slipwatch_polls_total{feed=\"a\\\"b\",outcome=\"ok\"} 2\n"));
        assert!(text.contains("slipwatch_fetch_duration_seconds_bucket{le=\"0.05\"} 0\n"));
        assert!(text.contains("slipwatch_fetch_duration_seconds_bucket{le=\"+Inf\"} 1\n"));
        assert!(text.contains("slipwatch_releases 3\n"));
        assert!(text.contains("slipwatch_store_bytes 4096\n"));
        assert!(text.contains("slipwatch_store_records{kind=\"t\"} 0\n"));
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let value = line.rsplit(' ').next().unwrap();
            assert!(value.parse::<f64>().is_ok(), "{line}");
        }
    }
}
