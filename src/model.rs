//! Plain data shared by every stage: date periods, mentions, sightings and changes.
//!
//! This module holds no I/O and imports nothing but chrono and serde; every other
//! module may depend on it.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

/// How precise a stated date is. Ordered from finest to coarsest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Day,
    Week,
    Month,
    Quarter,
    Season,
    Half,
    Year,
}

impl Precision {
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Week => "week",
            Precision::Month => "month",
            Precision::Quarter => "quarter",
            Precision::Season => "season",
            Precision::Half => "half",
            Precision::Year => "year",
        }
    }
}

/// The named seasons news uses. `Holiday` is the year-end holiday season.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Season {
    Spring,
    Summer,
    Fall,
    Winter,
    Holiday,
}

impl Season {
    pub fn as_str(self) -> &'static str {
        match self {
            Season::Spring => "spring",
            Season::Summer => "summer",
            Season::Fall => "fall",
            Season::Winter => "winter",
            Season::Holiday => "holiday",
        }
    }
}

/// A stated release date: the closed range of days it covers and its precision.
///
/// "April 24, 2022" is one day; "Q3 2025" is July 1 to September 30. Periods compare
/// as ranges (see [`Period::compare`]), which is what makes "2026" then "May 26, 2026"
/// a refinement rather than a move.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Period {
    /// Stable textual form: `YYYY-MM-DD`, `YYYY-Www`, `YYYY-MM`, `YYYY-Qn`,
    /// `YYYY-spring|summer|fall|winter|holiday`, `YYYY-H1|H2` or `YYYY`.
    pub label: String,
    pub precision: Precision,
    pub start: NaiveDate,
    /// Last day included.
    pub end: NaiveDate,
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn month_end(y: i32, m: u32) -> Option<NaiveDate> {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    ymd(ny, nm, 1).map(|d| d - Duration::days(1))
}

/// `d` as "%Y-%m-%d", written digit by digit: the date grammar builds a day
/// period for every reading it tries, and chrono's formatter parses its format
/// string each time. Years outside 0..=9999 keep chrono's signed form.
fn day_label(d: NaiveDate) -> String {
    let y = d.year();
    if !(0..=9999).contains(&y) {
        return d.format("%Y-%m-%d").to_string();
    }
    let mut label = String::with_capacity(10);
    push_digits(&mut label, y.unsigned_abs(), 4);
    label.push('-');
    push_digits(&mut label, d.month(), 2);
    label.push('-');
    push_digits(&mut label, d.day(), 2);
    label
}

/// The last `width` decimal digits of `n`, zero-padded.
fn push_digits(out: &mut String, n: u32, width: u32) {
    for p in (0..width).rev() {
        // A remainder by 10 is always a decimal digit.
        out.extend(char::from_digit(n / 10u32.pow(p) % 10, 10));
    }
}

impl Period {
    pub fn day(d: NaiveDate) -> Period {
        Period {
            label: day_label(d),
            precision: Precision::Day,
            start: d,
            end: d,
        }
    }

    /// The ISO week (Monday to Sunday) that contains `d`.
    pub fn week_of(d: NaiveDate) -> Period {
        let start = d - Duration::days(i64::from(d.weekday().num_days_from_monday()));
        let iso = start.iso_week();
        Period {
            label: format!("{}-W{:02}", iso.year(), iso.week()),
            precision: Precision::Week,
            start,
            end: start + Duration::days(6),
        }
    }

    pub fn month(y: i32, m: u32) -> Option<Period> {
        Some(Period {
            label: format!("{y:04}-{m:02}"),
            precision: Precision::Month,
            start: ymd(y, m, 1)?,
            end: month_end(y, m)?,
        })
    }

    pub fn quarter(y: i32, q: u32) -> Option<Period> {
        if !(1..=4).contains(&q) {
            return None;
        }
        Some(Period {
            label: format!("{y:04}-Q{q}"),
            precision: Precision::Quarter,
            start: ymd(y, 3 * q - 2, 1)?,
            end: month_end(y, 3 * q)?,
        })
    }

    pub fn half(y: i32, h: u32) -> Option<Period> {
        if !(1..=2).contains(&h) {
            return None;
        }
        Some(Period {
            label: format!("{y:04}-H{h}"),
            precision: Precision::Half,
            start: ymd(y, 6 * h - 5, 1)?,
            end: month_end(y, 6 * h)?,
        })
    }

    /// Meteorological seasons of the northern hemisphere; winter `y` runs from
    /// December `y` to the end of February `y + 1`; the holiday season is
    /// November 15 to December 31.
    pub fn season(y: i32, s: Season) -> Option<Period> {
        let (start, end) = match s {
            Season::Spring => (ymd(y, 3, 1)?, month_end(y, 5)?),
            Season::Summer => (ymd(y, 6, 1)?, month_end(y, 8)?),
            Season::Fall => (ymd(y, 9, 1)?, month_end(y, 11)?),
            Season::Winter => (ymd(y, 12, 1)?, month_end(y + 1, 2)?),
            Season::Holiday => (ymd(y, 11, 15)?, ymd(y, 12, 31)?),
        };
        Some(Period {
            label: format!("{y:04}-{}", s.as_str()),
            precision: Precision::Season,
            start,
            end,
        })
    }

    pub fn year(y: i32) -> Option<Period> {
        Some(Period {
            label: format!("{y:04}"),
            precision: Precision::Year,
            start: ymd(y, 1, 1)?,
            end: ymd(y, 12, 31)?,
        })
    }

    /// Parses a label back into its period (the inverse of `label`).
    pub fn from_label(label: &str) -> Option<Period> {
        let (y, rest) = match label.split_once('-') {
            Some((y, rest)) => (y.parse::<i32>().ok()?, Some(rest)),
            None => (label.parse::<i32>().ok()?, None),
        };
        let Some(rest) = rest else {
            return Period::year(y);
        };
        if let Some(w) = rest.strip_prefix('W') {
            let w: u32 = w.parse().ok()?;
            let d = NaiveDate::from_isoywd_opt(y, w, chrono::Weekday::Mon)?;
            return Some(Period::week_of(d));
        }
        if let Some(q) = rest.strip_prefix('Q') {
            return Period::quarter(y, q.parse().ok()?);
        }
        if let Some(h) = rest.strip_prefix('H') {
            return Period::half(y, h.parse().ok()?);
        }
        let season = match rest {
            "spring" => Some(Season::Spring),
            "summer" => Some(Season::Summer),
            "fall" => Some(Season::Fall),
            "winter" => Some(Season::Winter),
            "holiday" => Some(Season::Holiday),
            _ => None,
        };
        if let Some(s) = season {
            return Period::season(y, s);
        }
        match rest.split_once('-') {
            Some((m, d)) => Some(Period::day(ymd(y, m.parse().ok()?, d.parse().ok()?)?)),
            None => Period::month(y, rest.parse().ok()?),
        }
    }

    /// How `self` (a newer report) relates to `old` (the date currently believed).
    pub fn compare(&self, old: &Period) -> Relation {
        if self.start == old.start && self.end == old.end {
            Relation::Same
        } else if self.start >= old.start && self.end <= old.end {
            Relation::Refines
        } else if old.start >= self.start && old.end <= self.end {
            Relation::Coarser
        } else if self.start > old.start {
            Relation::Later
        } else {
            Relation::Earlier
        }
    }

    /// Days between the starts of two periods (`self - old`).
    pub fn days_after(&self, old: &Period) -> i64 {
        (self.start - old.start).num_days()
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label)
    }
}

/// How a newer period relates to an older one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// The same period: nothing to report.
    Same,
    /// Inside the old period: more precise, not a move.
    Refines,
    /// Contains the old period: a vaguer report, not a move; the old date stands.
    Coarser,
    Earlier,
    Later,
}

/// Which way a release date moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Earlier,
    Later,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Earlier => "earlier",
            Direction::Later => "later",
        }
    }
}

/// Whether a mention states the date now in force or one that was replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Current,
    Previous,
}

/// One release date stated in one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// The work as the article names it ("Our Blues OST").
    pub subject: String,
    /// `None` when the release is postponed with no new date ("indefinitely", "TBA").
    pub date: Option<Period>,
    pub role: Role,
    /// The sentence the date was read from, as evidence.
    pub sentence: String,
    /// 0.0 to 1.0; hedged reports ("reportedly", "could") score lower.
    pub confidence: f32,
    /// Where the date applies ("North America", "Netflix"), when the article says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
}

/// A move stated inside one article ("preponed by a day ... now April 24").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatedMove {
    pub subject: String,
    pub from: Option<Period>,
    /// `None` for an indefinite postponement.
    pub to: Option<Period>,
    pub direction: Direction,
    /// Stated plainly (not hedged, not only implied): strong enough to notify.
    #[serde(default = "yes")]
    pub confirmed: bool,
}

fn yes() -> bool {
    true
}

/// What date extraction found in one article.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    pub mentions: Vec<Mention>,
    pub changes: Vec<StatedMove>,
}

/// Where a sighting was read: enough for a user to go and check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub url: String,
    pub feed: String,
    pub published: DateTime<Utc>,
    pub sentence: String,
}

/// One stored mention: a release date as one article stated it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sighting {
    /// Stable digest of (article, release, role, date): the same article processed
    /// again yields the same id and so no duplicate.
    pub id: String,
    /// The release key (see `extract::release_key`), plus `@region` when regional.
    pub release: String,
    /// The work as the article named it.
    pub subject: String,
    /// `None`: postponed with no new date.
    pub date: Option<Period>,
    pub role: Role,
    /// The direction the article itself stated for this date, when it reported a move.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub moved: Option<Direction>,
    pub confidence: f32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    pub url: String,
    pub feed: String,
    /// The article's publication time: sightings are ordered by it.
    pub published: DateTime<Utc>,
    pub sentence: String,
    pub first_seen: DateTime<Utc>,
}

impl Sighting {
    pub fn evidence(&self) -> Evidence {
        Evidence {
            url: self.url.clone(),
            feed: self.feed.clone(),
            published: self.published,
            sentence: self.sentence.clone(),
        }
    }
}

/// Both sides of a change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangeEvidence {
    /// `None` only when the old date was never seen, just stated as moved.
    pub before: Option<Evidence>,
    pub after: Evidence,
}

impl ChangeEvidence {
    /// Whether one sentence of one article states both dates ("moved from April 25 to
    /// April 24"): it is shown once, not as both sides.
    pub fn one_sentence(&self) -> bool {
        self.before
            .as_ref()
            .is_some_and(|b| b.url == self.after.url && b.sentence == self.after.sentence)
    }
}

/// A flagged move of a release date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// Stable digest of (release, from, to, article that moved it).
    pub id: String,
    /// The release as the newer article names it.
    pub release: String,
    /// The release key (see `extract::release_key`).
    pub key: String,
    pub from: Option<Period>,
    /// `None`: postponed indefinitely.
    pub to: Option<Period>,
    pub direction: Direction,
    /// Days between the starts of the two periods; `None` when a side is unknown.
    pub delta_days: Option<i64>,
    pub detected_at: DateTime<Utc>,
    pub evidence: ChangeEvidence,
    /// The newer article itself states the move, plainly. An unconfirmed change (two
    /// articles disagree, or the statement is hedged) is kept but not notified, and
    /// `changes` shows it only when asked for all.
    #[serde(default = "yes")]
    pub confirmed: bool,
}

/// A tracked release and the date currently believed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Release {
    pub key: String,
    pub name: String,
    /// `None` when the latest report postponed it with no date.
    pub date: Option<Period>,
    /// The newest report's publication time.
    pub as_of: DateTime<Utc>,
    pub sightings: usize,
    pub changes: usize,
}

/// Test data shared by the modules that store and render changes.
#[cfg(test)]
pub(crate) mod fixtures {
    use super::*;

    fn ev(url: &str, day: u32, sentence: &str) -> Evidence {
        Evidence {
            url: url.into(),
            feed: "kpop".into(),
            published: DateTime::parse_from_rfc3339(&format!("2022-04-{day:02}T01:00:00Z"))
                .unwrap()
                .with_timezone(&Utc),
            sentence: sentence.into(),
        }
    }

    /// The archetype's move: Our Blues OST, Apr 25 -> Apr 24, 2022, stated in an article.
    pub(crate) fn our_blues() -> Change {
        Change {
            id: "3f0c2a9d1b7e4c55".into(),
            release: "Our Blues OST".into(),
            key: "our blues ost".into(),
            from: Period::from_label("2022-04-25"),
            to: Period::from_label("2022-04-24"),
            direction: Direction::Earlier,
            delta_days: Some(-1),
            detected_at: DateTime::parse_from_rfc3339("2022-04-21T02:05:00Z")
                .unwrap()
                .with_timezone(&Utc),
            evidence: ChangeEvidence {
                before: Some(ev(
                    "http://x/news/a",
                    19,
                    "It will be released on April 25, 2022 <b>.",
                )),
                after: ev(
                    "http://x/news/b?x=1&y=2",
                    21,
                    "It will now premiere on April 24, 2022.",
                ),
            },
            confirmed: true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_label_writes_what_chrono_writes() {
        let edges = [-1, 0, 1, 999, 1000, 2026, 9999, 10000];
        for y in edges {
            for (m, d) in [(1, 1), (2, 28), (9, 30), (10, 9), (12, 31)] {
                let Some(day) = NaiveDate::from_ymd_opt(y, m, d) else {
                    continue;
                };
                assert_eq!(day_label(day), day.format("%Y-%m-%d").to_string());
            }
        }
        let mut day = NaiveDate::from_ymd_opt(1999, 12, 1).unwrap_or_default();
        for _ in 0..12_000 {
            assert_eq!(day_label(day), day.format("%Y-%m-%d").to_string());
            day = day.succ_opt().unwrap_or(day);
        }
    }
}
