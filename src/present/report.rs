//! Everything the CLI prints: tables for people, JSON for scripts, feed health views.
//!
//! Owns every byte of command output. Text that came from feeds is stripped of control
//! characters before it reaches a terminal.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::color;
use super::human;
use crate::config::{Config, NotifyTarget};
use crate::model::{Change, Direction, Release};
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

/// Whether `--json` output is laid out for a person (a terminal) or for a program.
static PRETTY_JSON: AtomicBool = AtomicBool::new(true);

/// Chooses the JSON layout for the whole process: pretty (serde_json's layout, two
/// spaces per level) for a terminal; otherwise compact with one array item per line,
/// which `jq`, `grep` and `head` read as well, in a quarter fewer bytes.
pub fn set_pretty_json(pretty: bool) {
    PRETTY_JSON.store(pretty, Ordering::Relaxed);
}

/// Writes JSON in the chosen layout, followed by a newline.
pub fn json<T: Serialize>(out: &mut dyn Write, v: &T) -> io::Result<()> {
    json_laid_out(out, v, Layout::chosen())
}

fn json_laid_out<T: Serialize>(out: &mut dyn Write, v: &T, layout: Layout) -> io::Result<()> {
    if layout == Layout::Pretty {
        serde_json::to_writer_pretty(&mut *out, v)?;
        return writeln!(out);
    }
    let compact = serde_json::to_vec(v)?;
    let mut buf = Vec::with_capacity(compact.len() + compact.len() / 256 + 4);
    top_level_lines(&compact, &mut buf);
    buf.push(b'\n');
    out.write_all(&buf)
}

/// Prints an array of values already encoded as compact JSON (as the store holds
/// them) exactly as `json` prints the decoded values, in either layout. `changes
/// --json` uses it to skip a decode and a re-encode; items go out as they come,
/// through a 64 KiB buffer.
pub struct JsonArray<'a> {
    out: &'a mut dyn Write,
    buf: Vec<u8>,
    items: usize,
    layout: Layout,
}

impl<'a> JsonArray<'a> {
    pub fn new(out: &'a mut dyn Write) -> JsonArray<'a> {
        JsonArray::with_layout(out, Layout::chosen())
    }

    fn with_layout(out: &'a mut dyn Write, layout: Layout) -> JsonArray<'a> {
        JsonArray {
            out,
            buf: Vec::with_capacity(64 << 10),
            items: 0,
            layout,
        }
    }

    /// Adds one compact JSON value.
    pub fn push(&mut self, item: &[u8]) -> io::Result<()> {
        let first = self.items == 0;
        self.items += 1;
        match self.layout {
            Layout::Pretty => {
                self.buf
                    .extend_from_slice(if first { b"[\n  " } else { b",\n  " });
                pretty_from_compact(item, 1, &mut self.buf);
            }
            Layout::Lines => {
                self.buf
                    .extend_from_slice(if first { b"[\n" } else { b",\n" });
                self.buf.extend_from_slice(item);
            }
        }
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

/// How JSON is spread over lines.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Layout {
    /// serde_json's `PrettyFormatter`: every member on its own line, two spaces a level.
    Pretty,
    /// Compact, but a top-level array puts each item on its own line.
    Lines,
}

impl Layout {
    /// The layout `set_pretty_json` chose for this process.
    fn chosen() -> Layout {
        if PRETTY_JSON.load(Ordering::Relaxed) {
            Layout::Pretty
        } else {
            Layout::Lines
        }
    }
}

/// Appends compact JSON `src` as it is, except that a top-level array that is not
/// empty gets a line break after `[`, after each of its own commas and before `]`.
fn top_level_lines(src: &[u8], out: &mut Vec<u8>) {
    if src.first() != Some(&b'[') || src.get(1) == Some(&b']') {
        out.extend_from_slice(src);
        return;
    }
    let mut depth = 0usize;
    let mut i = 0;
    while i < src.len() {
        match src[i] {
            b'"' => {
                let end = string_end(src, i);
                out.extend_from_slice(&src[i..end]);
                i = end;
                continue;
            }
            b'{' | b'[' => {
                depth += 1;
                out.push(src[i]);
                if depth == 1 {
                    out.push(b'\n');
                }
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    out.push(b'\n');
                }
                out.push(src[i]);
            }
            b',' if depth == 1 => out.extend_from_slice(b",\n"),
            b => out.push(b),
        }
        i += 1;
    }
}

/// The index just past the JSON string that opens at `start` (or the end of `src`).
fn string_end(src: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    loop {
        match memchr::memchr2(b'"', b'\\', src.get(i..).unwrap_or_default()) {
            Some(p) if src[i + p] == b'\\' => i += p + 2,
            Some(p) => return (i + p + 1).min(src.len()),
            None => return src.len(),
        }
    }
}

/// Appends compact JSON `src` laid out as serde_json's `PrettyFormatter` would, the
/// value starting at nesting `depth`. Strings are copied as they are: both layouts
/// escape alike, and compact JSON has no whitespace outside strings.
fn pretty_from_compact(src: &[u8], depth: usize, out: &mut Vec<u8>) {
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
                let end = string_end(src, i);
                out.extend_from_slice(&src[i..end]);
                i = end;
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
        writeln!(
            out,
            "{}  {}: {}  ({}{})",
            color::dim(&c.id),
            color::bold(&clean(&c.release)),
            human::move_text(c.from.as_ref(), c.to.as_ref()),
            delta_text(c),
            when
        )?;
        if let Some(b) = &c.evidence.before {
            writeln!(
                out,
                "    before: {} [{}] {}",
                clean(&b.sentence),
                source_text(b, today),
                clean(&b.url)
            )?;
        }
        let a = &c.evidence.after;
        writeln!(
            out,
            "    after:  {} [{}] {}",
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
        for layout in [Layout::Pretty, Layout::Lines] {
            for n in 0..=values.len() {
                let (mut want, mut got) = (Vec::new(), Vec::new());
                json_laid_out(&mut want, &values[..n].to_vec(), layout).unwrap();
                let mut a = JsonArray::with_layout(&mut got, layout);
                for r in &raw[..n] {
                    a.push(r).unwrap();
                }
                a.finish().unwrap();
                assert_eq!(
                    String::from_utf8(got).unwrap(),
                    String::from_utf8(want.clone()).unwrap()
                );
                let parsed: serde_json::Value = serde_json::from_slice(&want).unwrap();
                assert_eq!(parsed, serde_json::Value::from(values[..n].to_vec()));
                if layout == Layout::Lines && n > 0 {
                    // One item per line, between the brackets' own lines.
                    assert_eq!(String::from_utf8(want).unwrap().lines().count(), n + 2);
                }
            }
        }
    }
}
