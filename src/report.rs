//! Everything the CLI prints: tables for people, JSON for scripts, feed health views.
//!
//! Owns every byte of command output. Text that came from feeds is stripped of control
//! characters before it reaches a terminal.

use std::io::{self, Write};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::model::{Change, Period, Release};
use crate::store::{FeedState, ReleaseHistory};

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

/// Removes control characters (escape sequences included) from text bound for a terminal.
pub fn clean(s: &str) -> String {
    s.chars()
        .map(|c| if c == '\n' || c == '\t' { ' ' } else { c })
        .filter(|c| !c.is_control() && !matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
        .collect()
}

fn date_text(p: Option<&Period>) -> String {
    p.map_or_else(|| "indefinite".to_string(), |p| p.label.clone())
}

fn delta_text(c: &Change) -> String {
    match c.delta_days {
        Some(d) => {
            let n = d.unsigned_abs();
            let unit = if n == 1 { "day" } else { "days" };
            format!("{} by {n} {unit}", c.direction.as_str())
        }
        None => c.direction.as_str().to_string(),
    }
}

fn short_time(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%d %H:%M").to_string()
}

/// Writes JSON followed by a newline.
pub fn json<T: Serialize>(out: &mut dyn Write, v: &T) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, v)?;
    writeln!(out)
}

/// One paragraph per change: what moved, which way, and the two pieces of evidence.
pub fn changes(out: &mut dyn Write, list: &[Change]) -> io::Result<()> {
    for c in list {
        writeln!(
            out,
            "{}  {}: {} -> {}  (moved {})",
            &c.id,
            clean(&c.release),
            date_text(c.from.as_ref()),
            date_text(c.to.as_ref()),
            delta_text(c)
        )?;
        if let Some(b) = &c.evidence.before {
            writeln!(
                out,
                "    before: {} [{} {}] {}",
                clean(&b.sentence),
                clean(&b.feed),
                short_time(b.published),
                clean(&b.url)
            )?;
        }
        let a = &c.evidence.after;
        writeln!(
            out,
            "    after:  {} [{} {}] {}",
            clean(&a.sentence),
            clean(&a.feed),
            short_time(a.published),
            clean(&a.url)
        )?;
    }
    Ok(())
}

pub fn releases(out: &mut dyn Write, list: &[Release]) -> io::Result<()> {
    for r in list {
        writeln!(
            out,
            "{:<12}  {}  ({} sightings, {} changes, as of {})",
            date_text(r.date.as_ref()),
            clean(&r.name),
            r.sightings,
            r.changes,
            r.as_of.format("%Y-%m-%d")
        )?;
    }
    Ok(())
}

pub fn history(out: &mut dyn Write, h: &ReleaseHistory) -> io::Result<()> {
    writeln!(
        out,
        "{}  now: {}",
        clean(&h.release.name),
        date_text(h.release.date.as_ref())
    )?;
    writeln!(out, "sightings:")?;
    for s in &h.sightings {
        writeln!(
            out,
            "  {}  {:<12} {:<8} {} [{}] {}",
            s.published.format("%Y-%m-%d"),
            date_text(s.date.as_ref()),
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
        changes(out, &h.changes)?;
    }
    Ok(())
}

fn ago(t: Option<DateTime<Utc>>) -> String {
    t.map_or_else(|| "never".to_string(), short_time)
}

pub fn feeds(out: &mut dyn Write, list: &[FeedView]) -> io::Result<()> {
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
                    "    last error ({}, {} in a row): {}",
                    ago(s.last_error_at),
                    s.consecutive_failures,
                    clean(e)
                )?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_never_reach_the_terminal() {
        assert_eq!(clean("a\u{1b}[31mred\u{7}\r\nb\u{202e}"), "a[31mred b");
    }
}
