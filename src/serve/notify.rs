//! Delivers queued changes to `[[notify]]` targets: webhooks and commands.
//!
//! The store queues each new change for every target in the batch that records it
//! (`q/` keys), so delivery survives restarts and never holds up polling: the daemon
//! runs [`run`] as its own task and `poll` makes one bounded pass at the end. Per
//! target, deliveries go out in detection order; a failure stops that target's turn
//! and is retried after a backoff that doubles (from `backoff`, up to an hour) until
//! `max_attempts`. Delivery is at least once: a receiver can deduplicate on the
//! `X-Slipwatch-Delivery` header (the change id).
//!
//! A webhook gets `POST` with the change as JSON (the shape of a `changes --json`
//! item), or in its `format` the payload Slack, Discord or ntfy takes (`chat`);
//! with `[[watch]]` entries a target is queued only watched releases' changes
//! (`routes`) unless it sets `all`. With a `secret` the header `X-Slipwatch-Signature: sha256=<hex>` carries
//! HMAC-SHA256(secret, body). A command gets the same JSON on stdin and
//! `SLIPWATCH_CHANGE_ID` in its environment; exit status 0 is success.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::process::Stdio;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use tokio::sync::watch;

use crate::config::{ChatFormat, Config, NotifyConfig, NotifyTarget};
use crate::model::Change;
use crate::present::chat;
use crate::track::store::{Delivery, NotifyRoute, QueueKey, Store, StoreError};
use crate::watch::Watchlist;

/// Longest wait between two looks at the queue.
const IDLE: Duration = Duration::from_secs(1);
/// Longest delay between two attempts of one delivery.
const MAX_BACKOFF: Duration = Duration::from_secs(3600);
/// Bytes of a failing command's stderr kept in its error.
const STDERR_KEPT: u64 = 400;

/// `sha256=<hex HMAC-SHA256(secret, body)>`, the value of `X-Slipwatch-Signature`.
pub fn signature(secret: &str, body: &[u8]) -> String {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret.as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC takes any key length"));
    mac.update(body);
    format!(
        "sha256={}",
        crate::ingest::feed::hex(&mac.finalize().into_bytes())
    )
}

/// Delay after the `attempts`-th failure: `base`, doubled each time, at most an hour.
pub fn backoff(base: Duration, attempts: u32) -> Duration {
    let factor = 1u32 << attempts.saturating_sub(1).min(20);
    base.saturating_mul(factor).min(MAX_BACKOFF)
}

/// Sends deliveries for the configured targets.
pub struct Notifier {
    http: reqwest::Client,
    targets: Vec<NotifyConfig>,
}

impl Notifier {
    pub fn new(config: &Config) -> Result<Notifier, reqwest::Error> {
        let http = reqwest::Client::builder()
            .user_agent(config.settings.user_agent.clone())
            .connect_timeout(config.settings.connect_timeout)
            .redirect(reqwest::redirect::Policy::limited(3))
            .build()?;
        Ok(Notifier {
            http,
            targets: config.notify.clone(),
        })
    }

    pub fn is_empty(&self) -> bool {
        self.targets.is_empty()
    }

    /// One pass over the queue: every due delivery is attempted once, targets in
    /// parallel. Returns the earliest retry time still waiting, if any.
    pub async fn deliver_due(
        &self,
        store: &Arc<Store>,
    ) -> Result<Option<DateTime<Utc>>, StoreError> {
        // A change goes out only once it is durable (articles commit unflushed).
        crate::pipeline::flush(store).await?;
        let mut per_target: BTreeMap<String, Vec<(QueueKey, Delivery)>> = BTreeMap::new();
        for (key, d) in store.deliveries()? {
            if self.targets.iter().any(|t| t.name == d.target) {
                per_target
                    .entry(d.target.clone())
                    .or_default()
                    .push((key, d));
            } else {
                tracing::info!(notify = %d.target, change = %d.change.id, "dropping a delivery for a target no longer configured");
                store.forget_delivery(&key)?;
            }
        }
        let runs = per_target.into_iter().filter_map(|(name, queue)| {
            let t = self.targets.iter().find(|t| t.name == name)?;
            Some(self.drain_target(store, t, queue))
        });
        let mut next: Option<DateTime<Utc>> = None;
        for r in futures_util::future::join_all(runs).await {
            if let Some(t) = r? {
                next = Some(next.map_or(t, |n| n.min(t)));
            }
        }
        Ok(next)
    }

    async fn drain_target(
        &self,
        store: &Arc<Store>,
        t: &NotifyConfig,
        queue: Vec<(QueueKey, Delivery)>,
    ) -> Result<Option<DateTime<Utc>>, StoreError> {
        for (key, mut d) in queue {
            if d.next_attempt > Utc::now() {
                return Ok(Some(d.next_attempt));
            }
            let result = self.attempt(t, &d.change).await;
            let mut state = store.notify_state(&t.name)?;
            let now = Utc::now();
            match result {
                Ok(()) => {
                    state.delivered += 1;
                    state.last_success = Some(now);
                    state.consecutive_failures = 0;
                    store.finish_attempt(&key, None, &t.name, &state)?;
                    tracing::info!(notify = %t.name, change = %d.change.id, release = %d.change.release, "delivered");
                }
                Err(e) => {
                    d.attempts += 1;
                    state.failed_attempts += 1;
                    state.consecutive_failures += 1;
                    state.last_error = Some(e.clone());
                    state.last_error_at = Some(now);
                    if d.attempts >= t.max_attempts {
                        state.dropped += 1;
                        tracing::error!(notify = %t.name, change = %d.change.id, attempts = d.attempts, error = %e, "delivery given up");
                        store.finish_attempt(&key, None, &t.name, &state)?;
                        return Ok(None);
                    }
                    let wait = backoff(t.backoff, d.attempts);
                    d.next_attempt = now
                        + chrono::Duration::from_std(wait).unwrap_or(chrono::Duration::hours(1));
                    d.last_error = Some(e.clone());
                    tracing::warn!(notify = %t.name, change = %d.change.id, attempts = d.attempts, retry_in = ?wait, error = %e, "delivery failed");
                    store.finish_attempt(&key, Some(&d), &t.name, &state)?;
                    return Ok(Some(d.next_attempt));
                }
            }
        }
        Ok(None)
    }

    async fn attempt(&self, t: &NotifyConfig, change: &Change) -> Result<(), String> {
        let id = change.id.as_str();
        match &t.target {
            NotifyTarget::Webhook(url) => {
                // ntfy's JSON publishing posts to the server, the topic in the body.
                let (url, topic) = match (t.format, crate::config::ntfy_topic(url)) {
                    (ChatFormat::Ntfy, Some((topic, server))) => (server, Some(topic)),
                    _ => (url.clone(), None),
                };
                let body = chat::body(t.format, change, topic.as_deref());
                let body = body.as_slice();
                let mut req = self
                    .http
                    .post(url)
                    .timeout(t.timeout)
                    .header(reqwest::header::CONTENT_TYPE, "application/json")
                    .header("X-Slipwatch-Event", "change")
                    .header("X-Slipwatch-Delivery", id)
                    .body(body.to_vec());
                if let Some(secret) = &t.secret {
                    req = req.header("X-Slipwatch-Signature", signature(secret, body));
                }
                let resp = req.send().await.map_err(|e| {
                    if e.is_timeout() {
                        format!("timed out after {:?}", t.timeout)
                    } else {
                        let mut msg = e.to_string();
                        let mut src = std::error::Error::source(&e);
                        while let Some(s) = src {
                            msg = s.to_string();
                            src = s.source();
                        }
                        msg
                    }
                })?;
                let status = resp.status();
                if status.is_success() {
                    Ok(())
                } else {
                    Err(format!("HTTP {}", status.as_u16()))
                }
            }
            NotifyTarget::Command(argv) => {
                let body = chat::body(ChatFormat::Json, change, None);
                let (argv, id, timeout) = (argv.clone(), id.to_string(), t.timeout);
                tokio::task::spawn_blocking(move || run_command(&argv, &body, &id, timeout))
                    .await
                    .map_err(|e| format!("command task failed: {e}"))?
            }
        }
    }
}

/// Runs `argv` with `body` on stdin; success is exit status 0 within `timeout`.
fn run_command(argv: &[String], body: &[u8], id: &str, timeout: Duration) -> Result<(), String> {
    let (program, args) = argv.split_first().ok_or("empty command")?;
    let mut child = std::process::Command::new(program)
        .args(args)
        .env("SLIPWATCH_CHANGE_ID", id)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run {program}: {e}"))?;
    if let Some(mut stdin) = child.stdin.take() {
        // A program that exits without reading is judged by its exit status alone.
        let _ = stdin.write_all(body);
    }
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => return Ok(()),
            Ok(Some(status)) => {
                let mut err = String::new();
                if let Some(e) = child.stderr.take() {
                    let _ = e.take(STDERR_KEPT).read_to_string(&mut err);
                }
                let err = err.split_whitespace().collect::<Vec<_>>().join(" ");
                return Err(if err.is_empty() {
                    format!("{program} {status}")
                } else {
                    format!("{program} {status}: {err}")
                });
            }
            Ok(None) if started.elapsed() >= timeout => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("{program} timed out after {timeout:?}"));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => return Err(format!("waiting for {program}: {e}")),
        }
    }
}

/// Each target with the changes it is told about: with `[[watch]]` entries, only
/// watched releases' unless the target sets `all = true`.
pub fn routes(config: &Config) -> Vec<NotifyRoute> {
    let watch = Watchlist::new(&config.watch);
    config
        .notify
        .iter()
        .map(|n| NotifyRoute {
            name: n.name.clone(),
            only: (!watch.is_empty() && !n.all).then(|| watch.clone()),
        })
        .collect()
}

/// Queues changes for the configured targets from now on and starts the delivery task;
/// both stop when `stop` turns true. With `quiet_first` on a store never polled,
/// queueing starts only once every feed has been polled: the first cycle seeds.
pub fn start(
    config: &Config,
    store: Arc<Store>,
    stop: watch::Receiver<bool>,
) -> Option<tokio::task::JoinHandle<()>> {
    let names = routes(config);
    if config.settings.quiet_first && !names.is_empty() && !store.ever_polled().unwrap_or(true) {
        tracing::info!(
            "first run: changes found before every feed was polled once are recorded, not notified"
        );
        let feeds: Vec<String> = config.feeds.iter().map(|f| f.name.clone()).collect();
        tokio::spawn(arm_after_first_cycle(
            store.clone(),
            feeds,
            names,
            stop.clone(),
        ));
    } else {
        store.set_notify_routes(names);
    }
    let notifier = match Notifier::new(config) {
        Ok(n) => n,
        Err(e) => {
            tracing::error!(error = %e, "cannot build the notification client; changes stay queued");
            return None;
        }
    };
    Some(tokio::spawn(run(notifier, store, stop)))
}

async fn arm_after_first_cycle(
    store: Arc<Store>,
    feeds: Vec<String>,
    targets: Vec<NotifyRoute>,
    mut stop: watch::Receiver<bool>,
) {
    loop {
        let seeded = feeds
            .iter()
            .all(|f| store.feed_state(f).is_ok_and(|s| s.last_attempt.is_some()));
        if seeded {
            tracing::info!("first cycle done: notifying from now on");
            store.set_notify_routes(targets);
            return;
        }
        tokio::select! {
            _ = stop.wait_for(|s| *s) => return,
            _ = tokio::time::sleep(Duration::from_millis(250)) => {}
        }
    }
}

/// Delivers until `stop` turns true, looking at the queue at least every second.
pub async fn run(notifier: Notifier, store: Arc<Store>, mut stop: watch::Receiver<bool>) {
    loop {
        let next = match notifier.deliver_due(&store).await {
            Ok(n) => n,
            Err(e) => {
                tracing::error!(error = %e, "notification queue unreadable");
                None
            }
        };
        let wait = next
            .and_then(|t| (t - Utc::now()).to_std().ok())
            .unwrap_or(IDLE)
            .clamp(Duration::from_millis(50), IDLE);
        tokio::select! {
            _ = stop.wait_for(|s| *s) => break,
            _ = tokio::time::sleep(wait) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn with_quiet_first_the_first_cycle_is_not_notified() {
        use crate::model::{Period, Role, Sighting};
        use crate::track::store::{ArticleCommit, ItemState};
        let dir = std::env::temp_dir().join(format!("slipwatch-seed-{}", std::process::id()));
        let store = Arc::new(Store::open(&dir, 1 << 20).unwrap());
        let config = Config::parse(
            "[settings]\nquiet_first = true\n[[feed]]\nname = \"f\"\nurl = \"f.xml\"\n[[notify]]\nname = \"hook\"\ncommand = [\"true\"]\n",
            std::path::Path::new("feeds.toml"),
        )
        .unwrap();
        let (stop_tx, stop) = watch::channel(false);
        let task = start(&config, store.clone(), stop).unwrap();
        let commit = |url: &str, label: &str, day: u32| {
            let at = chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 1, day, 0, 0, 0).unwrap();
            let s = Sighting {
                id: url.into(),
                release: "x".into(),
                subject: "X".into(),
                date: Period::from_label(label),
                role: Role::Current,
                // Each later article states its move: only stated moves are sent.
                moved: (url != "a").then_some(crate::model::Direction::Later),
                confidence: 1.0,
                region: None,
                url: url.into(),
                feed: "f".into(),
                published: at,
                sentence: label.into(),
                first_seen: at,
            };
            let c = ArticleCommit {
                feed: "f".into(),
                item_id: url.into(),
                item: ItemState {
                    fingerprint: url.into(),
                    url: None,
                    processed_at: at,
                },
                sightings: vec![s],
            };
            store.commit_article(c, at).unwrap().len()
        };
        assert_eq!(commit("a", "2026-05-01", 1), 0);
        assert_eq!(commit("b", "2026-06-01", 2), 1);
        assert!(
            store.queue_lengths().unwrap().is_empty(),
            "seeding is silent"
        );
        let mut st = store.feed_state("f").unwrap();
        st.last_attempt = Some(Utc::now());
        store.put_feed_state("f", &st).unwrap();
        tokio::time::sleep(Duration::from_millis(600)).await;
        assert_eq!(commit("c", "2026-07-01", 3), 1);
        let delivered = async {
            while store.notify_state("hook").unwrap().delivered == 0 {
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        };
        tokio::time::timeout(Duration::from_secs(10), delivered)
            .await
            .expect("the change after seeding is delivered");
        let _ = stop_tx.send(true);
        let _ = task.await;
        drop(store);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn signature_matches_a_known_hmac_sha256_vector() {
        // RFC 4231 test case 2.
        assert_eq!(
            signature("Jefe", b"what do ya want for nothing?"),
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn backoff_doubles_up_to_an_hour() {
        let b = Duration::from_secs(30);
        assert_eq!(backoff(b, 1), Duration::from_secs(30));
        assert_eq!(backoff(b, 3), Duration::from_secs(120));
        assert_eq!(backoff(b, 40), MAX_BACKOFF);
    }

    #[test]
    fn a_command_gets_the_json_on_stdin_and_its_failure_is_described() {
        let ok = run_command(
            &[
                "sh".into(),
                "-c".into(),
                "grep -q '\"id\"' && test \"$SLIPWATCH_CHANGE_ID\" = c1".into(),
            ],
            b"{\"id\":\"c1\"}",
            "c1",
            Duration::from_secs(5),
        );
        assert_eq!(ok, Ok(()));
        let err = run_command(
            &["sh".into(), "-c".into(), "echo nope >&2; exit 3".into()],
            b"{}",
            "c1",
            Duration::from_secs(5),
        )
        .unwrap_err();
        assert!(err.contains("nope") && err.contains('3'), "{err}");
        let slow = run_command(
            &["sleep".into(), "5".into()],
            b"",
            "c1",
            Duration::from_millis(100),
        )
        .unwrap_err();
        assert!(slow.contains("timed out"), "{slow}");
    }
}
