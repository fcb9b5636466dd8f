//! Everything the CLI prints: tables for people, JSON for scripts, feed health views.
//!
//! Owns every byte of command output. Text that came from feeds is stripped of control
//! characters before it reaches a terminal.

use std::io::{self, Write};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::color;
use crate::config::{Config, NotifyTarget};
use crate::human;
use crate::model::{Change, Direction, Period, Release};
use crate::store::{FeedState, NotifyState, ReleaseHistory};

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

fn date_text(p: Option<&Period>) -> String {
    p.map_or_else(|| "indefinite".to_string(), |p| p.label.clone())
}

fn delta_text(c: &Change) -> String {
    let text = match c.delta_days {
        Some(d) => {
            let n = d.unsigned_abs();
            let unit = if n == 1 { "day" } else { "days" };
            format!("{} by {n} {unit}", c.direction.as_str())
        }
        None => c.direction.as_str().to_string(),
    };
    match c.direction {
        Direction::Earlier => color::green(&text),
        Direction::Later => color::yellow(&text),
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

/// Prints an array of values already encoded as compact JSON (as the store holds
/// them) exactly as `json` prints the decoded values: serde_json's pretty layout, two
/// spaces per level. `changes --json` uses it to skip a decode and a re-encode; items
/// go out as they come, through a 64 KiB buffer.
pub struct JsonArray<'a> {
    out: &'a mut dyn Write,
    buf: Vec<u8>,
    items: usize,
}

impl<'a> JsonArray<'a> {
    pub fn new(out: &'a mut dyn Write) -> JsonArray<'a> {
        JsonArray {
            out,
            buf: Vec::with_capacity(64 << 10),
            items: 0,
        }
    }

    /// Adds one compact JSON value.
    pub fn push(&mut self, item: &[u8]) -> io::Result<()> {
        self.buf
            .extend_from_slice(if self.items == 0 { b"[\n  " } else { b",\n  " });
        self.items += 1;
        indent_compact(item, 1, &mut self.buf);
        if self.buf.len() > 60 << 10 {
            self.out.write_all(&self.buf)?;
            self.buf.clear();
        }
        Ok(())
    }

    /// Closes the array (`[]` when empty) and writes what is left.
    pub fn finish(mut self) -> io::Result<()> {
        self.buf
            .extend_from_slice(if self.items == 0 { b"[]\n" } else { b"\n]\n" });
        self.out.write_all(&self.buf)
    }
}

/// Appends compact JSON `src` laid out as serde_json's `PrettyFormatter` would, the
/// value starting at nesting `depth`. Strings are copied as they are: both layouts
/// escape alike, and compact JSON has no whitespace outside strings.
fn indent_compact(src: &[u8], depth: usize, out: &mut Vec<u8>) {
    let newline = |out: &mut Vec<u8>, depth: usize| {
        out.push(b'\n');
        out.resize(out.len() + 2 * depth, b' ');
    };
    let mut depth = depth;
    let mut i = 0;
    while i < src.len() {
        let b = src[i];
        match b {
            b'"' => {
                // Strings are most of the bytes: jump between quotes and escapes.
                let start = i;
                i += 1;
                loop {
                    match memchr::memchr2(b'"', b'\\', src.get(i..).unwrap_or_default()) {
                        Some(p) if src[i + p] == b'\\' => i += p + 2,
                        Some(p) => {
                            i += p + 1;
                            break;
                        }
                        None => {
                            i = src.len();
                            break;
                        }
                    }
                }
                out.extend_from_slice(&src[start..i.min(src.len())]);
                continue;
            }
            b'{' | b'[' if matches!(src.get(i + 1), Some(b'}' | b']')) => {
                out.extend_from_slice(&src[i..i + 2]);
                i += 2;
                continue;
            }
            b'{' | b'[' => {
                out.push(b);
                depth += 1;
                newline(out, depth);
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                newline(out, depth);
                out.push(b);
            }
            b',' => {
                out.push(b',');
                newline(out, depth);
            }
            b':' => out.extend_from_slice(b": "),
            _ => out.push(b),
        }
        i += 1;
    }
}

/// One paragraph per change: what moved, which way, and the two pieces of evidence.
pub fn changes(out: &mut dyn Write, list: &[Change]) -> io::Result<()> {
    for c in list {
        writeln!(
            out,
            "{}  {}: {} -> {}  (moved {})",
            color::dim(&c.id),
            color::bold(&clean(&c.release)),
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
        changes(out, &h.changes)?;
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
    fn raw_json_prints_exactly_what_pretty_json_prints() {
        let values = [
            serde_json::json!({"id": "a", "to": null, "n": -1.5, "e": [], "o": {}, "b": true}),
            serde_json::json!({"s": "quote \" backslash \\ brace { [ , : end\\", "u": "Ünïcode → \u{1}"}),
            serde_json::json!({"deep": [[1, 2], {"x": [{"y": []}]}, []], "k": {"l": {"m": "n"}}}),
            serde_json::json!([]),
            serde_json::json!("plain"),
        ];
        let raw: Vec<Vec<u8>> = values
            .iter()
            .map(|v| serde_json::to_vec(v).unwrap())
            .collect();
        for n in 0..=values.len() {
            let (mut want, mut got) = (Vec::new(), Vec::new());
            json(&mut want, &values[..n].to_vec()).unwrap();
            let mut a = JsonArray::new(&mut got);
            for r in &raw[..n] {
                a.push(r).unwrap();
            }
            a.finish().unwrap();
            assert_eq!(
                String::from_utf8(got).unwrap(),
                String::from_utf8(want).unwrap()
            );
        }
    }
}
