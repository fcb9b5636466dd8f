//! `slipwatch poll`: one cycle over the feeds, here or (when the daemon holds the
//! store) in the daemon, then a bounded notification pass and the changes printed.

use std::io::Write;
use std::time::Duration;

use anyhow::anyhow;
use chrono::Utc;

use super::args::Cli;
use super::client::Reader;
use super::setup::{load_config, open_engine, usage, Failure};
use crate::config::Config;
use crate::pipeline::{self, Engine, FeedReport};
use crate::present::{human, progress, report};
use crate::serve::notify::Notifier;

/// How long `poll` spends delivering notifications before it leaves the rest queued.
const POLL_DELIVERY_LIMIT: Duration = Duration::from_secs(30);

/// Polls every feed (or only `feed`) once and prints the changes found.
pub(super) async fn run(
    cli: &Cli,
    feed: Option<&str>,
    json: bool,
    quiet_first: bool,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let config = load_config(cli)?;
    if let Some(name) = feed {
        if !config.feeds.iter().any(|f| f.name == name) {
            return Err(usage(format!(
                "no feed named {name:?} in {}",
                config.path.display()
            )));
        }
    }
    let polled = config
        .feeds
        .iter()
        .filter(|f| feed.is_none_or(|n| f.name == n))
        .count();
    let (reports, seeding) = match open_engine(config.clone()) {
        Ok(engine) => poll_here(&engine, &config, feed, quiet_first).await?,
        Err(f) if f.store_locked() => {
            // The daemon holds the store: hand it the poll so the work still happens.
            let Reader::Daemon(daemon) = Reader::open(&config).await? else {
                return Err(Failure {
                    code: 1,
                    error: anyhow!("the store was busy; try again"),
                });
            };
            eprintln!("slipwatch: the daemon holds the store; it ran this poll");
            (daemon.poll(feed).await?, false)
        }
        Err(f) => return Err(f),
    };
    print_reports(reports, seeding, polled, json, out)
}

/// Polls in this process, with the progress bar and a delivery pass; also says
/// whether this was a quiet first (seeding) run.
async fn poll_here(
    engine: &Engine,
    config: &Config,
    feed: Option<&str>,
    quiet_first: bool,
) -> Result<(Vec<FeedReport>, bool), Failure> {
    let seeding = (quiet_first || config.settings.quiet_first) && !engine.store.ever_polled()?;
    if !seeding {
        engine
            .store
            .set_notify_routes(crate::serve::notify::routes(config));
    }
    let names = config
        .feeds
        .iter()
        .filter(|f| feed.is_none_or(|n| f.name == n))
        .map(|f| f.name.clone())
        .collect();
    let bar = progress::Progress::start(engine.store.clone(), names, Utc::now());
    let r = pipeline::poll_all(engine, feed).await;
    if let Some(b) = bar {
        b.finish().await;
    }
    deliver_after_poll(engine).await;
    engine.store.flush()?;
    Ok((r, seeding))
}

/// Feed errors to stderr, the changes to stdout (none on a seeding run); exit code 1
/// when every polled feed failed.
fn print_reports(
    reports: Vec<FeedReport>,
    seeding: bool,
    polled: usize,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let mut changes = Vec::new();
    let mut failed = 0;
    for r in reports {
        if let Some(e) = &r.error {
            failed += 1;
            eprintln!(
                "slipwatch: feed {}: {}",
                report::clean(&r.feed),
                report::clean(e)
            );
        }
        changes.extend(r.changes);
    }
    if seeding {
        eprintln!(
            "slipwatch: first poll: recorded {} without reporting them; later polls report moves",
            human::plural(changes.len() as u64, "change")
        );
        changes.clear();
    }
    if json {
        report::json(out, &changes)?;
    } else {
        report::changes(out, &changes, Utc::now())?;
    }
    if polled > 0 && failed == polled {
        return Err(Failure {
            code: 1,
            error: anyhow!("every feed failed"),
        });
    }
    Ok(())
}

/// One bounded delivery pass after `poll`: what cannot be sent now stays queued for
/// the next poll (or the daemon).
async fn deliver_after_poll(engine: &Engine) {
    if engine.config.notify.is_empty() {
        return;
    }
    let notifier = match Notifier::new(&engine.config) {
        Ok(n) => n,
        Err(e) => {
            eprintln!("slipwatch: notifications stay queued: {e}");
            return;
        }
    };
    match tokio::time::timeout(POLL_DELIVERY_LIMIT, notifier.deliver_due(&engine.store)).await {
        Ok(Ok(_)) => {}
        Ok(Err(e)) => eprintln!("slipwatch: notification queue: {e}"),
        Err(_) => eprintln!("slipwatch: notifications took too long; the rest stay queued"),
    }
    let failing: Vec<String> = engine
        .config
        .notify
        .iter()
        .filter(|n| {
            engine
                .store
                .notify_state(&n.name)
                .is_ok_and(|s| s.consecutive_failures > 0)
        })
        .map(|n| n.name.clone())
        .collect();
    if !failing.is_empty() {
        eprintln!(
            "slipwatch: notify failing, will retry: {}",
            failing.join(", ")
        );
    }
}
