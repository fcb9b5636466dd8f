//! Everything the CLI prints: tables for people, JSON for scripts (laid out in
//! `json`), feed health views.
//!
//! Owns every byte of command output. Text that came from feeds is stripped of control
//! characters before it reaches a terminal.

use std::io::{self, Write};

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::agenda;
use super::color;
use super::human;
use crate::config::{Config, NotifyTarget};
use crate::model::{Change, Direction, Release};
use crate::track::store::{FeedState, NotifyState, ReleaseHistory};

// JSON for scripts is laid out in `json`; `report` stays the one way to stdout.
pub use super::json::{json, set_pretty_json, JsonArray};

/// A feed's configuration joined with its stored state, for `feeds`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeedView {
    pub name: String,
    pub url: String,
    pub interval_secs: u64,
    pub fetch_articles: bool,
    #[serde(flatten)]
    pub state: FeedState,
}

/// Joins the configured feeds with what the store knows of them.
pub fn feed_views(
    config: &Config,
    states: &std::collections::BTreeMap<String, FeedState>,
) -> Vec<FeedView> {
    config
        .feeds
        .iter()
        .map(|f| FeedView {
            name: f.name.clone(),
            url: f.source.to_string(),
            interval_secs: f.interval.as_secs(),
            fetch_articles: f.fetch_articles,
            state: states.get(&f.name).cloned().unwrap_or_default(),
        })
        .collect()
}

/// A notify target joined with its delivery state, for `feeds`, `/healthz` and `/metrics`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NotifyView {
    pub name: String,
    /// `webhook` or `command`.
    pub kind: String,
    /// The webhook's scheme and host (paths often carry tokens), or the program.
    pub target: String,
    pub signed: bool,
    pub queued: usize,
    #[serde(flatten)]
    pub state: NotifyState,
}

/// Joins the configured notify targets with their state and queue lengths.
pub fn notify_views(
    config: &Config,
    states: &std::collections::BTreeMap<String, NotifyState>,
    queued: &std::collections::BTreeMap<String, usize>,
) -> Vec<NotifyView> {
    config
        .notify
        .iter()
        .map(|n| {
            let (kind, target) = match &n.target {
                NotifyTarget::Webhook(u) => (
                    "webhook",
                    format!("{}://{}/…", u.scheme(), u.host_str().unwrap_or("")),
                ),
                NotifyTarget::Command(argv) => {
                    ("command", argv.first().cloned().unwrap_or_default())
                }
            };
            NotifyView {
                name: n.name.clone(),
                kind: kind.to_string(),
                target,
                signed: n.secret.is_some(),
                queued: queued.get(&n.name).copied().unwrap_or(0),
                state: states.get(&n.name).cloned().unwrap_or_default(),
            }
        })
        .collect()
}

/// Notify targets, under the feeds: a failing hook shows in red.
pub fn notify(out: &mut dyn Write, list: &[NotifyView], now: DateTime<Utc>) -> io::Result<()> {
    for n in list {
        let s = &n.state;
        writeln!(
            out,
            "notify {} ({} {})  delivered: {}  queued: {}  last success: {}",
            clean(&n.name),
            n.kind,
            clean(&n.target),
            s.delivered,
            n.queued,
            s.last_success
                .map_or_else(|| "never".into(), |t| human::ago(t, now)),
        )?;
        if s.consecutive_failures > 0 {
            let e = s.last_error.as_deref().unwrap_or("");
            writeln!(
                out,
                "    {} ({}, {} in a row): {}",
                color::red("failing"),
                s.last_error_at
                    .map_or_else(String::new, |t| human::ago(t, now)),
                s.consecutive_failures,
                clean(e)
            )?;
        }
    }
    Ok(())
}

/// Removes control characters (escape sequences included) from text bound for a terminal.
pub fn clean(s: &str) -> String {
    s.chars()
        .map(|c| if c == '\n' || c == '\t' { ' ' } else { c })
        .filter(|c| !c.is_control() && !matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
        .collect()
}

/// "1 day earlier", coloured by direction.
fn delta_text(c: &Change) -> String {
    let text = human::delta(c.delta_days, c.direction);
    match c.direction {
        Direction::Earlier => color::green(&text),
        Direction::Later => color::yellow(&text),
    }
}

/// Where a source sits: "soompi, Apr 22, 2022".
fn source_text(e: &crate::model::Evidence, today: NaiveDate) -> String {
    format!(
        "{}, {}",
        clean(&e.feed),
        human::short_day(e.published.date_naive(), today)
    )
}

/// One paragraph per change: what moved, which way, how far off the new day is, and
/// the two pieces of evidence with their feeds and days.
pub fn changes(out: &mut dyn Write, list: &[Change], now: DateTime<Utc>) -> io::Result<()> {
    let today = now.date_naive();
    for c in list {
        // How far off the new date is, for a day that is still ahead or just passed.
        let when = match &c.to {
            Some(p) if p.precision == crate::model::Precision::Day => {
                color::dim(&format!("; {}", human::relative_day(p.start, today)))
            }
            _ => String::new(),
        };
        // Only `--all` and `show` list these: say why they are not notified.
        let unconfirmed = if c.confirmed {
            String::new()
        } else {
            color::dim("; unconfirmed")
        };
        writeln!(
            out,
            "{}  {}: {}  ({}{}{})",
            color::dim(&c.id),
            color::bold(&clean(&c.release)),
            human::move_text(c.from.as_ref(), c.to.as_ref()),
            delta_text(c),
            when,
            unconfirmed
        )?;
        let a = &c.evidence.after;
        // One sentence stating both dates is shown once, as doing so.
        let label = if c.evidence.one_sentence() {
            "both:  "
        } else {
            "after: "
        };
        if let Some(b) = c.evidence.before.as_ref().filter(|_| label == "after: ") {
            writeln!(
                out,
                "    before: {} [{}] {}",
                clean(&b.sentence),
                source_text(b, today),
                clean(&b.url)
            )?;
        }
        writeln!(
            out,
            "    {label} {} [{}] {}",
            clean(&a.sentence),
            source_text(a, today),
            clean(&a.url)
        )?;
    }
    Ok(())
}

/// One line per release: its date as a person says it, how far away, the name.
pub fn releases(out: &mut dyn Write, list: &[Release], now: DateTime<Utc>) -> io::Result<()> {
    let today = now.date_naive();
    for r in list {
        let (when, rel) = match &r.date {
            Some(p) if p.precision == crate::model::Precision::Day => (
                human::short_day(p.start, today),
                human::relative_day(p.start, today),
            ),
            Some(p) if p.end < today => (human::period(p), "past".to_string()),
            Some(p) if p.start <= today => (human::period(p), "now".to_string()),
            Some(p) => (human::period(p), human::relative_day(p.start, today)),
            None => ("no date".to_string(), "postponed".to_string()),
        };
        writeln!(
            out,
            "{when:<14}  {:<13}  {}  ({}, {}, as of {})",
            color::dim(&rel),
            clean(&r.name),
            human::plural(r.sightings as u64, "sighting"),
            human::plural(r.changes as u64, "change"),
            human::short_day(r.as_of.date_naive(), today)
        )?;
    }
    Ok(())
}

/// One `watch --json` item.
#[derive(Debug, Serialize)]
pub struct WatchView<'a> {
    pub name: &'a str,
    pub aliases: &'a [String],
    pub kind: Option<&'a str>,
}

pub fn watch_views(list: &[crate::config::WatchConfig]) -> Vec<WatchView<'_>> {
    list.iter()
        .map(|w| WatchView {
            name: &w.name,
            aliases: &w.aliases,
            kind: w.kind.as_deref(),
        })
        .collect()
}

/// The watchlist, one entry a line: "Grand Theft Auto VI  (game; also: GTA 6)".
pub fn watchlist(out: &mut dyn Write, list: &[crate::config::WatchConfig]) -> io::Result<()> {
    if list.is_empty() {
        writeln!(
            out,
            "no [[watch]] entries: every release is followed (add one with `slipwatch watch add NAME`)"
        )?;
    }
    for w in list {
        let mut notes = Vec::new();
        if let Some(k) = &w.kind {
            notes.push(clean(k));
        }
        if !w.aliases.is_empty() {
            let aliases: Vec<String> = w.aliases.iter().map(|a| clean(a)).collect();
            notes.push(format!("also: {}", aliases.join(", ")));
        }
        if notes.is_empty() {
            writeln!(out, "{}", color::bold(&clean(&w.name)))?;
        } else {
            writeln!(
                out,
                "{}  ({})",
                color::bold(&clean(&w.name)),
                notes.join("; ")
            )?;
        }
    }
    Ok(())
}

/// One line per release coming up: its date as a person says it (a coarse date
/// stays coarse), how far away, the name and how its date moved.
pub fn upcoming(out: &mut dyn Write, list: &[agenda::Entry], now: DateTime<Utc>) -> io::Result<()> {
    let today = now.date_naive();
    for e in list {
        let Some(p) = &e.release.date else { continue };
        let (when, rel) = if p.precision == crate::model::Precision::Day {
            (
                human::short_day(p.start, today),
                human::relative_day(p.start, today),
            )
        } else if p.start <= today {
            (human::period(p), "now".to_string())
        } else {
            (human::period(p), human::relative_day(p.start, today))
        };
        writeln!(
            out,
            "{when:<14}  {:<13}  {}  ({})",
            color::dim(&rel),
            color::bold(&clean(&e.release.name)),
            agenda::moved_text(e)
        )?;
    }
    Ok(())
}

/// A release's history: its date now, then each report in publication order.
pub fn history(out: &mut dyn Write, h: &ReleaseHistory, now: DateTime<Utc>) -> io::Result<()> {
    let today = now.date_naive();
    let when = match &h.release.date {
        Some(p) => format!(
            "{} ({})",
            human::period(p),
            human::relative_day(p.start, today)
        ),
        None => "no date".to_string(),
    };
    writeln!(out, "{}  now: {when}", color::bold(&clean(&h.release.name)))?;
    writeln!(out, "sightings:")?;
    for s in &h.sightings {
        writeln!(
            out,
            "  {:<13} {:<14} {:<8} {} [{}] {}",
            human::short_day(s.published.date_naive(), today),
            human::maybe_period(s.date.as_ref()),
            match s.role {
                crate::model::Role::Current => "current",
                crate::model::Role::Previous => "previous",
            },
            clean(&s.sentence),
            clean(&s.feed),
            clean(&s.url)
        )?;
    }
    if !h.changes.is_empty() {
        writeln!(out, "changes:")?;
        changes(out, &h.changes, now)?;
    }
    Ok(())
}

pub fn feeds(out: &mut dyn Write, list: &[FeedView], now: DateTime<Utc>) -> io::Result<()> {
    let ago =
        |t: Option<DateTime<Utc>>| t.map_or_else(|| "never".to_string(), |t| human::ago(t, now));
    for f in list {
        let s = &f.state;
        writeln!(
            out,
            "{}  last success: {}  items: {}  articles: {}  changes: {}  next poll: {}",
            clean(&f.name),
            ago(s.last_success),
            s.items,
            s.articles,
            s.changes,
            ago(s.next_poll)
        )?;
        if let Some(e) = &s.last_error {
            if s.consecutive_failures > 0 {
                writeln!(
                    out,
                    "    {} ({}, {} in a row): {}",
                    color::red("last error"),
                    ago(s.last_error_at),
                    s.consecutive_failures,
                    clean(e)
                )?;
            }
        }
        if s.selector_misses >= SELECTOR_MISSES_SHOWN {
            writeln!(
                out,
                "    {}: matched nothing in the last {} articles (was the site redesigned?); heuristics used instead",
                color::red("article_selector"),
                s.selector_misses
            )?;
        }
    }
    Ok(())
}

/// Articles in a row without a selector match before `feeds` warns.
pub const SELECTOR_MISSES_SHOWN: u32 = 3;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_never_reach_the_terminal() {
        assert_eq!(clean("a\u{1b}[31mred\u{7}\r\nb\u{202e}"), "a[31mred b");
    }

    #[test]
    fn a_sentence_stating_both_dates_is_shown_once() {
        let mut c = crate::model::fixtures::our_blues();
        c.evidence.after.sentence = "It moved from April 25 to April 24, 2022.".into();
        c.evidence.before = Some(c.evidence.after.clone());
        let mut out = Vec::new();
        changes(&mut out, &[c.clone()], c.detected_at).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.matches("It moved from April 25").count(), 1, "{text}");
        assert!(text.contains("    both:   It moved from"), "{text}");
        assert!(!text.contains("before:"), "{text}");
        let page = crate::present::dashboard::render(&crate::present::dashboard::Page {
            changes: &[c.clone()],
            releases: &[],
            histories: &[],
            feeds: 1,
            failing_feeds: 0,
            watched: None,
            now: c.detected_at,
        });
        assert_eq!(page.matches("It moved from April 25").count(), 1);
        assert!(page.contains("states both dates"));
    }
}
