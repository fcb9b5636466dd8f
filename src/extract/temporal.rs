//! Temporal expressions: finds date phrases in tokenized text and resolves them
//! against a reference day into a [`Period`] plus the exact day range they denote.
//!
//! # Policies
//!
//! - **Year-less dates** ("January 5", "in March", "the third quarter") take the
//!   year from the reference day and the sentence's tense: future tense picks the
//!   first occurrence that has not ended yet, past tense the last one that has
//!   started, neutral text the nearest one. So "will premiere on January 5" in a
//!   December article is next January. A stated weekday ("Friday (April 24)")
//!   that agrees with only one candidate year picks that year.
//! - **Weekdays**: a bare weekday ("on Friday") is the next one after the
//!   reference day in future or neutral text and the last one (today included) in
//!   past text. "this Friday" is the Friday of the current Monday–Sunday week, or
//!   the next Friday once that one has passed. **"next Friday" is the Friday of
//!   the following week** (on a Tuesday, ten days later, not three); "last
//!   Friday" is the most recent Friday before the reference day.
//! - **Parts of periods**: "early/mid/late April" denote days 1–10, 11–20 and
//!   21–end but keep month precision (our `Period` has nothing finer than a
//!   month above a week). "early 2026" is H1 2026, "late 2026" H2 2026,
//!   "mid-2026" the year 2026; "beginning of 2026" is Q1 and "end of 2026" Q4.
//! - **Intervals** ("July 13-15", "from 13 to 15 July") keep their whole day
//!   range in `first..=last`; their `period` is the start day, since a release
//!   spread over days begins on the first one.
//! - **Clock times** are not dates: "April 25 at 6 p.m. KST" is April 25.
//! - Seasons are meteorological (spring = March–May), as in `Period::season`.
//!
//! `strict` mode is for running text: ambiguous words ("may", "march", "fall",
//! "sun") and bare years or months need context. Standalone phrases use lenient
//! mode.

use super::lex::{tokenize, words, Tok};
use super::vocab;
use crate::model::{Period, Precision};
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use std::ops::Range;

/// How far back a year-less date in a future-tense sentence still reads as the
/// recent past rather than next year.
const RECENT_DAYS: i64 = 30;

/// The grammatical time of a sentence, used to place year-less dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    Past,
    Neutral,
    Future,
}

/// One date expression found in text.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeExpr {
    /// Byte span in the text.
    pub span: Range<usize>,
    /// Token index span.
    pub toks: Range<usize>,
    /// The period a release stated with this phrase falls in.
    pub period: Period,
    /// First day the phrase denotes.
    pub first: NaiveDate,
    /// Last day the phrase denotes (after `period.end` for intervals).
    pub last: NaiveDate,
}

/// A parse result before it becomes a [`TimeExpr`]: token end and values.
#[derive(Debug, Clone)]
pub(crate) struct Hit {
    pub end: usize,
    pub period: Period,
    pub first: NaiveDate,
    pub last: NaiveDate,
}

impl Hit {
    pub fn of(end: usize, period: Period) -> Hit {
        Hit {
            end,
            first: period.start,
            last: period.end,
            period,
        }
    }
    pub fn day(end: usize, d: NaiveDate) -> Hit {
        Hit::of(end, Period::day(d))
    }
    pub fn range(end: usize, period: Period, first: NaiveDate, last: NaiveDate) -> Hit {
        Hit {
            end,
            period,
            first,
            last,
        }
    }
}

/// Grammar state over one token slice.
#[derive(Clone, Copy)]
pub(crate) struct Scanner<'a> {
    pub toks: &'a [Tok],
    /// `lex::words` of `toks`: the grammar asks for the word at a token far
    /// more often than there are tokens.
    pub words: &'a [&'a str],
    pub low: &'a str,
    pub text: &'a str,
    pub today: NaiveDate,
    pub tense: Tense,
    pub strict: bool,
}

impl Scanner<'_> {
    /// Runs `f` over a scanner of the whole of `text`, which it tokenizes and
    /// lowers (the scanner borrows both, so it lives only inside `f`).
    pub(crate) fn over<R>(
        text: &str,
        today: NaiveDate,
        tense: Tense,
        strict: bool,
        f: impl FnOnce(&Scanner<'_>) -> R,
    ) -> R {
        let low = text.to_ascii_lowercase();
        let toks = tokenize(text);
        let words = words(&toks, &low);
        f(&Scanner {
            toks: &toks,
            words: &words,
            low: &low,
            text,
            today,
            tense,
            strict,
        })
    }
}

impl<'a> Scanner<'a> {
    /// Lowercase word at `i`, or "" when `i` is not a word.
    pub fn w(&self, i: usize) -> &'a str {
        self.words.get(i).copied().unwrap_or("")
    }
    pub fn is(&self, i: usize, word: &str) -> bool {
        self.w(i) == word
    }
    pub fn p(&self, i: usize, c: char) -> bool {
        self.toks.get(i).is_some_and(|t| t.is_punct(c))
    }
    pub fn tok(&self, i: usize) -> Option<&'a Tok> {
        self.toks.get(i)
    }
    pub fn num(&self, i: usize) -> Option<&'a Tok> {
        self.toks.get(i).filter(|t| t.is_num())
    }
    /// Whether tokens `r` write a year in digits (any four-digit number).
    pub fn writes_year(&self, r: Range<usize>) -> bool {
        r.into_iter()
            .any(|k| self.num(k).is_some_and(|t| t.ndig == 4))
    }
    pub fn cap(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.cap)
    }
    /// Skips a dot directly after an abbreviation.
    pub fn skip_dot(&self, i: usize) -> usize {
        if self.p(i, '.') && self.toks.get(i).is_some_and(|t| t.glued) {
            i + 1
        } else {
            i
        }
    }
    pub fn skip_word(&self, i: usize, word: &str) -> usize {
        if self.is(i, word) {
            i + 1
        } else {
            i
        }
    }
    pub fn year_of_today(&self) -> i32 {
        self.today.year()
    }

    /// Picks the occurrence of a year-less expression according to tense.
    /// A weekday, when stated, must agree.
    /// `make(y)` builds the candidate for year `y`; `wd` is a stated weekday.
    pub fn choose<F>(&self, make: F, wd: Option<Weekday>) -> Option<Hit>
    where
        F: Fn(i32) -> Option<Hit>,
    {
        let y = self.year_of_today();
        let hi = if !self.strict && wd.is_some() { 11 } else { 1 };
        let all: Vec<Hit> = (y - 1..=y + hi).filter_map(&make).collect();
        if let Some(wd) = wd {
            let near = all
                .iter()
                .filter(|h| h.first.weekday() == wd && (h.first.year() - y).abs() <= 1)
                .min_by_key(|h| (h.first - self.today).num_days().abs());
            if let Some(h) = near {
                return Some(h.clone());
            }
        }
        let pool: Vec<&Hit> = match wd {
            Some(wd) => {
                let agree: Vec<&Hit> = all.iter().filter(|h| h.first.weekday() == wd).collect();
                if agree.is_empty() {
                    all.iter().filter(|h| h.first.year() <= y + 1).collect()
                } else {
                    agree
                }
            }
            None => all.iter().collect(),
        };
        let t = self.today;
        // A year-less date in the month before publication is the recent past even
        // in a future-tense sentence ("was meant to premiere on April 19, but will
        // ..." in an April 22 article; "On February 3 it was reported that she will
        // sing"): news gives the year for a date almost a year ahead.
        let recent = t - chrono::Duration::days(RECENT_DAYS);
        let pick = match self.tense {
            Tense::Future => pool
                .iter()
                .find(|h| h.last >= recent)
                .or_else(|| pool.last()),
            Tense::Past => pool.iter().rev().find(|h| h.first <= t).or(pool.first()),
            // Without tense, the nearer occurrence, days ahead counted at half:
            // news names the dates it looks forward to more than those behind it
            // ("December 1 is the release date for ..." in May).
            Tense::Neutral => pool.iter().min_by_key(|h| {
                if h.first <= t && t <= h.last {
                    0
                } else if h.first > t {
                    (h.first - t).num_days() / 2
                } else {
                    (t - h.last).num_days()
                }
            }),
        };
        pick.map(|h| (*h).clone())
    }

    /// The best (longest) expression starting at token `i`.
    pub fn at(&self, i: usize) -> Option<Hit> {
        let t = self.toks.get(i)?;
        if matches!(t.kind, super::lex::Kind::Punct(_)) {
            return None;
        }
        // Lead words that belong to the phrase without changing it.
        // "the" belongs to the phrase; "from" only to an interval ("from 13
        // to 15 July"), since "from March 6 to Oct. 2" is a move.
        match self.w(i) {
            "the" => {
                if let Some(h) = self.at_core(i + 1) {
                    return Some(h);
                }
            }
            "from" => {
                return self.at_core(i + 1).filter(|h| h.last > h.period.end);
            }
            _ => {}
        }
        self.at_core(i)
    }

    fn at_core(&self, i: usize) -> Option<Hit> {
        let mut best: Option<Hit> = None;
        let mut take = |h: Option<Hit>| {
            if let Some(h) = h {
                if best.as_ref().is_none_or(|b| h.end > b.end) {
                    best = Some(h);
                }
            }
        };
        let t = self.toks.get(i)?;
        if t.is_num() {
            take(self.numeric(i));
            take(self.day_first(i));
            take(self.year_forms(i));
            take(self.counted(i));
            take(self.quarter(i));
            take(self.ordinal_forms(i));
            take(self.holiday(i));
        } else {
            let w = self.w(i);
            if !starter(w) {
                return None;
            }
            if vocab::month(w).is_some() {
                take(self.month_first(i));
            }
            if vocab::weekday(w).is_some() {
                take(self.weekday_first(i));
            }
            if vocab::ordinal(w).is_some() || w == "last" {
                take(self.ordinal_forms(i));
                take(self.day_first(i));
            }
            take(self.relative(i));
            take(self.part_of(i));
            take(self.quarter(i));
            take(self.half(i));
            take(self.season(i));
            take(self.counted(i));
            take(self.day_words(i));
            take(self.holiday(i));
        }
        let best = best.map(|h| self.extend_interval(i, h));
        best.map(|h| self.year_then_date(i, h))
    }

    /// "next year on April 14", "this year on, May 28": a year said in words
    /// first gives its year to the year-less day or month that follows it, and
    /// the two are one expression.
    fn year_then_date(&self, i: usize, h: Hit) -> Hit {
        let said = matches!(self.w(i), "this" | "next" | "coming")
            && self.w(i + 1) == "year"
            && h.end == i + 2
            && h.period.precision == Precision::Year;
        if !said {
            return h;
        }
        let mut k = h.end;
        if self.p(k, ',') {
            k += 1;
        }
        if matches!(self.w(k), "on" | "in") {
            k += 1;
            if self.p(k, ',') {
                k += 1;
            }
        }
        let year = h.first.year();
        let Some(d) = self.at_core(k) else {
            return h;
        };
        let yearless = !self.writes_year(k..d.end);
        let period = match d.period.precision {
            Precision::Day => d.period.start.with_year(year).map(Period::day),
            Precision::Month => Period::month(year, d.period.start.month()),
            _ => None,
        };
        match period {
            Some(p) if yearless => Hit::of(d.end, p),
            _ => h,
        }
    }
}

/// Words that can begin a date expression (a cheap filter before the grammar).
fn starter(w: &str) -> bool {
    vocab::month(w).is_some()
        || vocab::weekday(w).is_some()
        || vocab::ordinal(w).is_some()
        || vocab::cardinal(w).is_some()
        || matches!(
            w,
            "last"
                | "this"
                | "current"
                | "coming"
                | "next"
                | "upcoming"
                | "following"
                | "past"
                | "previous"
                | "around"
                | "early"
                | "beginning"
                | "start"
                | "mid"
                | "middle"
                | "late"
                | "end"
                | "later"
                | "earlier"
                | "at"
                | "bom"
                | "eom"
                | "boy"
                | "eoy"
                | "q"
                | "h"
                | "spring"
                | "summer"
                | "fall"
                | "autumn"
                | "winter"
                | "holiday"
                | "holidays"
                | "in"
                | "within"
                | "few"
                | "today"
                | "tonight"
                | "tomorrow"
                | "tomorrows"
                | "yesterday"
                | "day"
                | "all"
                | "rest"
                | "week"
                | "twenty"
                | "thirty"
                | "closest"
        )
        || super::holidays::starts(w)
}

/// Scans one token slice for date expressions, left to right, longest match first.
pub(crate) fn scan_tokens(sc: &Scanner<'_>) -> Vec<TimeExpr> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < sc.toks.len() {
        // In running text the tense that places a year-less date is the one of
        // the words just before it, falling back to the sentence's.
        // Parse with the sentence's tense first; only a hit pays for the
        // local tense, and is parsed again with it.
        let first = sc.at(i);
        let hit = match first {
            Some(_) if sc.strict => {
                let tense = super::sentence::tense_at(sc, i);
                if tense == sc.tense {
                    first
                } else {
                    Scanner { tense, ..*sc }.at(i)
                }
            }
            other => other,
        };
        match hit {
            Some(h) if h.end > i => {
                let (s, e) = match (sc.toks.get(i), sc.toks.get(h.end - 1)) {
                    (Some(a), Some(b)) => (a.s, b.e),
                    _ => break,
                };
                out.push(TimeExpr {
                    span: s..e,
                    toks: i..h.end,
                    period: h.period,
                    first: h.first,
                    last: h.last,
                });
                i = h.end;
            }
            _ => i += 1,
        }
    }
    range_years(sc, &mut out);
    out
}

/// "from Feb. 14 to May 2, 2025", "moved from Nov. 7 to Feb. 14, 2025": a
/// year-less day or month that a range's other end dates takes that end's year,
/// the year before when that would put it after the end (ranges run forward).
fn range_years(sc: &Scanner<'_>, exprs: &mut [TimeExpr]) {
    for k in 1..exprs.len() {
        let (a, b) = (&exprs[k - 1], &exprs[k]);
        let joined = b.toks.start == a.toks.end + 1
            && matches!(sc.w(a.toks.end), "to" | "until" | "till" | "through")
            && matches!(sc.w(a.toks.start.wrapping_sub(1)), "from" | "between");
        if !joined || sc.writes_year(a.toks.clone()) || !sc.writes_year(b.toks.clone()) {
            continue;
        }
        let year = b.period.start.year();
        let dated = |y: i32| match a.period.precision {
            Precision::Day => a.period.start.with_year(y).map(Period::day),
            Precision::Month => Period::month(y, a.period.start.month()),
            _ => None,
        };
        let period = dated(year)
            .filter(|p| p.start <= b.period.start)
            .or_else(|| dated(year - 1));
        if let Some(p) = period {
            let a = &mut exprs[k - 1];
            a.first = p.start;
            a.last = p.end;
            a.period = p;
        }
    }
}

/// Finds every date expression in running text (strict mode).
pub fn find_all(text: &str, today: NaiveDate, tense: Tense) -> Vec<TimeExpr> {
    if !(1000..=9000).contains(&today.year()) {
        return Vec::new();
    }
    Scanner::over(text, today, tense, true, scan_tokens)
}

/// Finds the date expressions of running text the way the extractor does:
/// sentence by sentence, each placed by the tense around it.
pub fn dates_in(text: &str, today: NaiveDate) -> Vec<TimeExpr> {
    if !(1000..=9000).contains(&today.year()) {
        return Vec::new();
    }
    let low = text.to_ascii_lowercase();
    let toks = tokenize(text);
    let words = words(&toks, &low);
    let mut out = Vec::new();
    for r in super::sentence::split(&toks, &low) {
        let tense = super::sentence::tense(&toks, &low, r.clone());
        let slice = toks.get(r.clone()).unwrap_or(&[]);
        let sc = Scanner {
            toks: slice,
            words: words.get(r.clone()).unwrap_or(&[]),
            low: &low,
            text,
            today,
            tense,
            strict: true,
        };
        out.extend(scan_tokens(&sc).into_iter().map(|mut e| {
            e.toks = e.toks.start + r.start..e.toks.end + r.start;
            e
        }));
    }
    out
}

/// Resolves a standalone phrase ("next Friday", "Q3 2025") against `reference`.
/// Lenient mode, future-leaning like a calendar assistant. Returns the longest
/// expression found, or `None`.
pub fn resolve_phrase(text: &str, reference: NaiveDate) -> Option<TimeExpr> {
    if !(1000..=9000).contains(&reference.year()) {
        return None;
    }
    Scanner::over(text, reference, Tense::Future, false, scan_tokens)
        .into_iter()
        .max_by_key(|e| (e.toks.len(), usize::MAX - e.toks.start))
}

/// Date helpers shared by the grammar files.
pub(crate) fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

pub(crate) fn last_of_month(y: i32, m: u32) -> Option<NaiveDate> {
    Period::month(y, m).map(|p| p.end)
}

pub(crate) fn add_months(d: NaiveDate, n: i32) -> Option<NaiveDate> {
    let total = d.year().checked_mul(12)? + d.month0() as i32 + n;
    let (y, m) = (total.div_euclid(12), total.rem_euclid(12) as u32 + 1);
    let last = last_of_month(y, m)?.day();
    ymd(y, m, d.day().min(last))
}

/// The first `wd` strictly after `d` (or on `d` when `include`).
pub(crate) fn next_weekday(d: NaiveDate, wd: Weekday, include: bool) -> NaiveDate {
    let mut diff =
        (7 + wd.num_days_from_monday() as i64 - d.weekday().num_days_from_monday() as i64) % 7;
    if diff == 0 && !include {
        diff = 7;
    }
    d + Duration::days(diff)
}

/// The last `wd` strictly before `d` (or on `d` when `include`).
pub(crate) fn prev_weekday(d: NaiveDate, wd: Weekday, include: bool) -> NaiveDate {
    let mut diff =
        (7 + d.weekday().num_days_from_monday() as i64 - wd.num_days_from_monday() as i64) % 7;
    if diff == 0 && !include {
        diff = 7;
    }
    d - Duration::days(diff)
}

/// The `n`th (1-based) `wd` of a month; `n = 0` is the last one.
pub(crate) fn nth_weekday(y: i32, m: u32, wd: Weekday, n: u32) -> Option<NaiveDate> {
    if n == 0 {
        let last = last_of_month(y, m)?;
        return Some(prev_weekday(last, wd, true));
    }
    let first = next_weekday(ymd(y, m, 1)?, wd, true);
    let d = first.checked_add_signed(Duration::weeks(i64::from(n.min(60)) - 1))?;
    (d.month() == m).then_some(d)
}
