//! A one-line progress bar for `poll` on a terminal: on stderr, redrawn in place,
//! erased at the end. None when stderr is not a terminal (pipes, cron) or TERM=dumb.
//!
//! Progress is read from the store rather than threaded through the pipeline: a feed
//! is done once its stored `last_attempt` is at or after the start of this run.

use std::io::{IsTerminal, Write};
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use tokio::sync::oneshot;

use crate::track::store::Store;

const WIDTH: usize = 24;

/// `[#########---------------]  3/8 feeds` (pure).
pub fn bar(done: usize, total: usize) -> String {
    let total = total.max(1);
    let done = done.min(total);
    let filled = done * WIDTH / total;
    format!(
        "[{}{}] {done:>2}/{total} feeds",
        "#".repeat(filled),
        "-".repeat(WIDTH - filled)
    )
}

/// Whether a bar should be drawn at all.
pub fn wanted() -> bool {
    std::io::stderr().is_terminal() && std::env::var("TERM").map_or(true, |t| t != "dumb")
}

/// A running bar; [`Progress::finish`] erases it.
pub struct Progress {
    stop: oneshot::Sender<()>,
    task: tokio::task::JoinHandle<()>,
}

impl Progress {
    /// Starts drawing, when stderr is a terminal.
    pub fn start(store: Arc<Store>, feeds: Vec<String>, since: DateTime<Utc>) -> Option<Progress> {
        if !wanted() || feeds.is_empty() {
            return None;
        }
        let (stop, mut stopped) = oneshot::channel();
        let task = tokio::spawn(async move {
            loop {
                let done = feeds
                    .iter()
                    .filter(|f| {
                        store
                            .feed_state(f)
                            .is_ok_and(|s| s.last_attempt.is_some_and(|t| t >= since))
                    })
                    .count();
                {
                    let mut err = std::io::stderr().lock();
                    let _ = write!(err, "\r\x1b[2K{}", bar(done, feeds.len()));
                    let _ = err.flush();
                }
                tokio::select! {
                    _ = &mut stopped => break,
                    _ = tokio::time::sleep(Duration::from_millis(150)) => {}
                }
            }
            let _ = write!(std::io::stderr(), "\r\x1b[2K");
        });
        Some(Progress { stop, task })
    }

    pub async fn finish(self) {
        let _ = self.stop.send(());
        let _ = self.task.await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_fills_with_finished_feeds() {
        assert_eq!(bar(0, 4), "[------------------------]  0/4 feeds");
        assert_eq!(bar(2, 4), "[############------------]  2/4 feeds");
        assert_eq!(bar(9, 4), "[########################]  4/4 feeds");
    }
}
