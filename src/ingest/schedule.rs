//! When to poll a feed next: interval, server hints, backoff and jitter.
//!
//! A pure function of what happened and what the server said. The next poll is the
//! largest of the feed's interval, RSS `<ttl>`, `Cache-Control: max-age`/`Expires` and
//! `Retry-After`, capped; a failing feed backs off exponentially up to the same cap and
//! is always retried, never disabled.

use std::time::Duration;

use chrono::{DateTime, Utc};

/// How a poll ended, as far as scheduling cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Fetched (200 or 304). `fresh_for` and `retry_after` are the server's hints.
    Fetched {
        ttl: Option<Duration>,
        fresh_for: Option<Duration>,
        retry_after: Option<Duration>,
    },
    /// 429, or 503 with `Retry-After`: the server asked us to wait; not a failure.
    Throttled { retry_after: Option<Duration> },
    /// Anything else; `failures` counts this one.
    Failed {
        failures: u32,
        retry_after: Option<Duration>,
    },
}

/// The delay before the next poll, before jitter.
pub fn delay(interval: Duration, cap: Duration, outcome: Outcome) -> Duration {
    let cap = cap.max(interval);
    let d = match outcome {
        Outcome::Fetched {
            ttl,
            fresh_for,
            retry_after,
        } => [Some(interval), ttl, fresh_for, retry_after]
            .into_iter()
            .flatten()
            .max()
            .unwrap_or(interval),
        Outcome::Throttled { retry_after } => interval.max(retry_after.unwrap_or(interval)),
        Outcome::Failed {
            failures,
            retry_after,
        } => {
            let exp = failures.saturating_sub(1).min(20);
            let backoff = interval.saturating_mul(1u32 << exp);
            backoff.max(retry_after.unwrap_or_default())
        }
    };
    d.min(cap)
}

/// Applies up to ±10 % jitter (`unit` in -1.0..=1.0) so feeds drift apart; never less
/// than one second.
pub fn jittered(now: DateTime<Utc>, d: Duration, unit: f64) -> DateTime<Utc> {
    let millis = d.as_millis() as f64;
    let j = millis * 0.1 * unit.clamp(-1.0, 1.0);
    now + chrono::Duration::milliseconds((millis + j).max(1000.0) as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    const M: Duration = Duration::from_secs(60);
    const H: Duration = Duration::from_secs(3600);
    const DAY: Duration = Duration::from_secs(86400);

    #[test]
    fn next_poll_is_the_largest_hint_capped() {
        let f = |ttl, fresh, retry| {
            delay(
                30 * M,
                DAY,
                Outcome::Fetched {
                    ttl,
                    fresh_for: fresh,
                    retry_after: retry,
                },
            )
        };
        assert_eq!(f(None, None, None), 30 * M);
        assert_eq!(f(Some(H), Some(10 * M), None), H);
        assert_eq!(f(None, Some(2 * H), Some(3 * H)), 3 * H);
        assert_eq!(f(Some(7 * DAY), None, None), DAY);
    }

    #[test]
    fn failing_feed_backs_off_exponentially_and_is_capped_not_disabled() {
        let f = |n| {
            delay(
                30 * M,
                DAY,
                Outcome::Failed {
                    failures: n,
                    retry_after: None,
                },
            )
        };
        assert_eq!(f(1), 30 * M);
        assert_eq!(f(2), H);
        assert_eq!(f(3), 2 * H);
        assert_eq!(f(10), DAY);
        assert_eq!(f(u32::MAX), DAY);
    }

    #[test]
    fn throttling_honours_retry_after() {
        assert_eq!(
            delay(
                30 * M,
                DAY,
                Outcome::Throttled {
                    retry_after: Some(2 * H)
                }
            ),
            2 * H
        );
        assert_eq!(
            delay(30 * M, DAY, Outcome::Throttled { retry_after: None }),
            30 * M
        );
    }

    #[test]
    fn jitter_stays_within_ten_percent() {
        let now = Utc::now();
        for unit in [-1.0, -0.5, 0.0, 0.7, 1.0, 5.0] {
            let t = (jittered(now, H, unit) - now).num_seconds();
            assert!((3240..=3960).contains(&t), "{t}");
        }
    }
}
