//! Scores Duckling-style lines through `extract::dates` in phrase reading (the
//! function behind `slipwatch extract --dates --phrases`): a line is right when
//! its longest date expression denotes exactly the expected day range. The
//! expected range is `value..=end` for intervals and the whole grain period that
//! starts at `value` otherwise (a month line covers the whole month).

use crate::extract::{dates, Context, Reading};
use crate::model::Period;
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde::Deserialize;
use std::collections::BTreeMap;

/// One line of `duckling_en_dates.jsonl`.
#[derive(Debug, Clone, Deserialize)]
pub struct DateLine {
    pub text: String,
    pub reference: String,
    pub grain: String,
    pub value: String,
    #[serde(default)]
    pub end: Option<String>,
    #[serde(default)]
    pub holiday: Option<String>,
    #[serde(default)]
    pub latent: Option<bool>,
    #[serde(default)]
    pub section: String,
}

/// The outcome of one line.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub line: DateLine,
    pub got: Option<(NaiveDate, NaiveDate)>,
    pub want: Option<(NaiveDate, NaiveDate)>,
    pub ok: bool,
}

fn parse_day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// The expected day range of a line.
pub fn expected(line: &DateLine) -> Option<(NaiveDate, NaiveDate)> {
    let start = parse_day(&line.value)?;
    if let Some(end) = &line.end {
        return Some((start, parse_day(end)?));
    }
    let p = match line.grain.as_str() {
        "day" => Period::day(start),
        "week" => Period::week_of(start),
        "month" => Period::month(start.year(), start.month())?,
        "quarter" => Period::quarter(start.year(), start.month0() / 3 + 1)?,
        "year" => Period::year(start.year())?,
        _ => return None,
    };
    Some((p.start, p.end))
}

/// Scores one line.
pub fn score_line(line: &DateLine) -> Outcome {
    let reference = NaiveDateTime::parse_from_str(&line.reference, "%Y-%m-%dT%H:%M:%S")
        .map(|t| t.date())
        .ok();
    let got = reference.and_then(|r| {
        let ctx = Context {
            published: r.and_hms_opt(0, 0, 0)?.and_utc().fixed_offset(),
            title: None,
            hints: &[],
        };
        dates(&line.text, &ctx, Reading::Phrases)
            .into_iter()
            .max_by_key(|d| (d.span[1] - d.span[0], usize::MAX - d.span[0]))
            .map(|d| (d.date.start, d.date.end))
    });
    let want = expected(line);
    Outcome {
        ok: got.is_some() && got == want,
        got,
        want,
        line: line.clone(),
    }
}

/// Share correct per (holiday?, grain): counts of (right, total).
pub fn tally(outcomes: &[Outcome]) -> BTreeMap<(bool, String), (usize, usize)> {
    let mut m: BTreeMap<(bool, String), (usize, usize)> = BTreeMap::new();
    for o in outcomes {
        let e = m
            .entry((o.line.holiday.is_some(), o.line.grain.clone()))
            .or_default();
        e.1 += 1;
        if o.ok {
            e.0 += 1;
        }
    }
    m
}

/// Parses the JSONL text, skipping malformed lines.
pub fn parse_lines(text: &str) -> Vec<DateLine> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect()
}
