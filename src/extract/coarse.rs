//! Coarse periods: years, quarters, halves, seasons, parts of months and years
//! ("mid-April", "early 2026", "end of the month"), and ordinal forms such as
//! "the first Monday of March" or "the last week of September".

use super::temporal::{add_months, last_of_month, nth_weekday, ymd, Hit, Scanner};
use super::vocab;
use crate::model::{Period, Season};
use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// Which year a relative year word points at.
fn year_word_offset(a: &str, b: &str) -> Option<(i32, usize)> {
    match (a, b) {
        ("this" | "current", "year" | "yr") => Some((0, 2)),
        ("the", "year") => Some((0, 2)),
        ("year", _) => Some((0, 1)),
        ("next" | "coming", "year" | "yr") => Some((1, 2)),
        ("last" | "previous" | "past", "year" | "yr") => Some((-1, 2)),
        _ => None,
    }
}

impl Scanner<'_> {
    /// An explicit or relative year at `j`: "2026", "this year", "next year".
    /// Returns the year and the token after it.
    pub(crate) fn year_ref(&self, j: usize) -> Option<(i32, usize)> {
        if let Some(r) = self.year_at(j, false) {
            return Some(r);
        }
        // "in August of that year", "November of the same year": the year
        // the sentence last wrote in digits.
        if let Some(n) = self.year_anaphor(j) {
            let y = (0..j).rev().find_map(|k| self.year_at(k, false))?;
            return Some((y.0, j + n));
        }
        let (off, n) = year_word_offset(self.w(j), self.w(j + 1))?;
        Some((self.today.year() + off, j + n))
    }

    /// "that year" / "the same year" at `j`: its length in tokens.
    pub(crate) fn year_anaphor(&self, j: usize) -> Option<usize> {
        match (self.w(j), self.w(j + 1), self.w(j + 2)) {
            ("that", "year", _) => Some(2),
            ("the", "same", "year") => Some(3),
            _ => None,
        }
    }

    /// Optional "of"/"in" + year reference after a period word.
    fn of_year(&self, j: usize) -> Option<(i32, usize)> {
        if matches!(self.w(j), "of" | "in") {
            if let Some(r) = self.year_ref(j + 1) {
                return Some(r);
            }
        }
        if self.p(j, ',') {
            if let Some(r) = self.year_at(j + 1, false) {
                return Some(r);
            }
        }
        self.year_at(j, false).or_else(|| {
            // "Q1 next year", "the first half this year".
            if matches!(self.w(j), "next" | "this" | "last") {
                self.year_ref(j)
            } else {
                None
            }
        })
    }

    /// A bare year ("in 2027", "2014 AD") and year-quarter forms ("2018Q4").
    pub(crate) fn year_forms(&self, i: usize) -> Option<Hit> {
        let (y, mut e) = self.year_at(i, false)?;
        if self.strict {
            let prev = if i == 0 { "" } else { self.w(i - 1) };
            let ok = matches!(
                prev,
                "in" | "by"
                    | "until"
                    | "till"
                    | "since"
                    | "for"
                    | "of"
                    | "from"
                    | "to"
                    | "into"
                    | "through"
                    | "before"
                    | "after"
                    | "around"
                    | "throughout"
                    | "early"
                    | "late"
                    | "mid"
                    | "during"
            ) || (i > 0 && self.p(i - 1, '-') && self.is(i.saturating_sub(2), "mid"))
                // "a 2026 release", "its 2027 launch window".
                || matches!(self.w(i + 1), "release" | "launch" | "premiere" | "debut" | "bow" | "opening" | "arrival" | "rollout" | "window" | "date" | "slot");
            if !ok || !(1900..=2100).contains(&y) {
                return None;
            }
        }
        if matches!(self.w(e), "ad") {
            e += 1;
        } else if self.is(e, "a") && self.p(e + 1, '.') && self.is(e + 2, "d") {
            e += if self.p(e + 3, '.') { 4 } else { 3 };
        }
        Period::year(y).map(|p| Hit::of(e, p))
    }

    /// "Q3 2025", "2018Q4", "18q4", "the third quarter (of 2018)", "4th qtr".
    pub(crate) fn quarter(&self, i: usize) -> Option<Hit> {
        let glued = |k: usize| self.tok(k).is_some_and(|t| t.glued);
        // Year then q then number, glued.
        if let Some(t) = self.num(i) {
            if self.is(i + 1, "q") && glued(i + 1) && glued(i + 2) {
                let q = self.num(i + 2)?.num;
                let y = match t.ndig {
                    4 => t.num as i32,
                    2 => 2000 + t.num as i32,
                    _ => return None,
                };
                return Period::quarter(y, q).map(|p| Hit::of(i + 3, p));
            }
        }
        if self.is(i, "q") && glued(i + 1) {
            let q = self.num(i + 1)?.num;
            if let Some((y, e)) = self.of_year(i + 2) {
                return Period::quarter(y, q).map(|p| Hit::of(e, p));
            }
            if self.strict && !self.cap(i) {
                return None;
            }
            return self.choose(|y| Period::quarter(y, q).map(|p| Hit::of(i + 2, p)), None);
        }
        // Ordinal + quarter.
        let (q, j) = self.ordinal_at(i)?;
        if !matches!(self.w(j), "quarter" | "qtr") {
            return None;
        }
        if let Some((y, e)) = self.of_year(j + 1) {
            return Period::quarter(y, q).map(|p| Hit::of(e, p));
        }
        self.choose(|y| Period::quarter(y, q).map(|p| Hit::of(j + 1, p)), None)
    }

    /// An ordinal at `i`: "third", "3rd", or "last" (returned as 0).
    pub(crate) fn ordinal_at(&self, i: usize) -> Option<(u32, usize)> {
        if let Some(t) = self.num(i) {
            // Bounded: "the 4000000000th week" must not overflow date arithmetic.
            return (t.ord && t.num <= 53).then_some((t.num, i + 1));
        }
        vocab::ordinal(self.w(i)).map(|n| (n, i + 1))
    }

    /// "the first half of 2026", "H2 2025", "second half of next year".
    pub(crate) fn half(&self, i: usize) -> Option<Hit> {
        let glued = |k: usize| self.tok(k).is_some_and(|t| t.glued);
        let (h, j) = if self.is(i, "h") && glued(i + 1) {
            (self.num(i + 1)?.num, i + 2)
        } else if let Some(t) = self.num(i).filter(|t| !t.ord && t.ndig == 1) {
            if !(self.is(i + 1, "h") && glued(i + 1)) {
                return None;
            }
            (t.num, i + 2)
        } else {
            let (n, j) = self.ordinal_at(i)?;
            if !self.is(j, "half") {
                return None;
            }
            (n, j + 1)
        };
        if !(1..=2).contains(&h) {
            return None;
        }
        if let Some((y, e)) = self.of_year(j) {
            return Period::half(y, h).map(|p| Hit::of(e, p));
        }
        if self.strict {
            return None;
        }
        self.choose(|y| Period::half(y, h).map(|p| Hit::of(j, p)), None)
    }

    /// "summer 2025", "fall of 2025", "this summer" (via relative), "in the fall",
    /// "the holiday season".
    pub(crate) fn season(&self, i: usize) -> Option<Hit> {
        let (s, j) = self.season_at(i)?;
        if let Some((y, e)) = self.of_year(j) {
            return Period::season(y, s).map(|p| Hit::of(e, p));
        }
        if self.strict {
            let prev = if i == 0 { "" } else { self.w(i - 1) };
            let prev2 = if i < 2 { "" } else { self.w(i - 2) };
            let ok = s == Season::Holiday
                || matches!(
                    self.w(j),
                    "release"
                        | "launch"
                        | "premiere"
                        | "debut"
                        | "bow"
                        | "opening"
                        | "arrival"
                        | "rollout"
                        | "window"
                        | "slot"
                )
                || matches!(
                    prev,
                    "in" | "by" | "until" | "for" | "early" | "late" | "mid" | "this"
                )
                || (prev == "the" && matches!(prev2, "in" | "by" | "until" | "for"));
            if !ok {
                return None;
            }
        }
        self.choose(|y| Period::season(y, s).map(|p| Hit::of(j, p)), None)
    }

    /// A season word at `i` and the token after it.
    pub(crate) fn season_at(&self, i: usize) -> Option<(Season, usize)> {
        Some(match self.w(i) {
            "spring" => (Season::Spring, i + 1),
            "summer" => (Season::Summer, i + 1),
            "fall" | "autumn" => (Season::Fall, i + 1),
            "winter" => (Season::Winter, i + 1),
            "holiday" if matches!(self.w(i + 1), "season" | "period" | "window") => {
                (Season::Holiday, i + 2)
            }
            "holidays" if !self.strict || self.year_at(i + 1, false).is_some() => {
                (Season::Holiday, i + 1)
            }
            _ => return None,
        })
    }

    /// "early/mid/late April", "mid-April", "end of the month", "early 2026",
    /// "beginning of next week", "later this year", "EOM". "Earlier this month"
    /// is the part of the month before today: it ends yesterday.
    pub(crate) fn part_of(&self, i: usize) -> Option<Hit> {
        let mut hit = self.part_of_any(i)?;
        if self.w(i) == "earlier" {
            let yesterday = self.today.pred_opt()?;
            if hit.first > yesterday {
                return None;
            }
            hit.last = hit.last.min(yesterday);
        }
        Some(hit)
    }

    fn part_of_any(&self, i: usize) -> Option<Hit> {
        let w = self.w(i);
        let (part, mut j) = match w {
            "early" | "beginning" | "start" => (Part::Early, i + 1),
            "mid" | "middle" => (Part::Mid, i + 1),
            "late" | "end" => (Part::Late, i + 1),
            "later" | "earlier" => (Part::Whole, i + 1),
            // One level only: "at the at the ..." must not recurse without bound.
            "at" if matches!(self.w(i + 1), "the") && self.w(i + 2) != "at" => {
                return self.part_of_any(i + 2)
            }
            "bom" | "eom" | "boy" | "eoy" if self.strict => return None,
            "bom" => return self.month_part(Part::Early, 0, i + 1),
            "eom" => return self.month_part(Part::Late, 0, i + 1),
            "boy" => return self.year_part(Part::Early, self.today.year(), i + 1, true),
            "eoy" => return self.year_part(Part::Late, self.today.year(), i + 1, true),
            _ => return None,
        };
        if self.p(j, '-') {
            j += 1;
        }
        let formal = matches!(w, "beginning" | "start" | "end" | "middle");
        if self.is(j, "of") {
            j += 1;
        } else if formal {
            return None;
        }
        // Month, maybe with year.
        if let Some((m, e)) = self.month_at(j) {
            let (y, end) = match self.of_year(e) {
                Some((y, e2)) => (Some(y), e2),
                None => (None, e),
            };
            let make = |y: i32| {
                let p = Period::month(y, m)?;
                let (a, b) = thirds(&p, part)?;
                Some(Hit::range(end, p, a, b))
            };
            return match y {
                Some(y) => make(y),
                None => self.choose(make, None),
            };
        }
        let j2 = self.skip_word(j, "the");
        let jb = if self.is(j2, "around") { j2 + 1 } else { j2 };
        match (self.w(jb), self.w(jb + 1)) {
            ("month", _) => return self.month_part(part, 0, jb + 1),
            ("this" | "current", "month") => return self.month_part(part, 0, jb + 2),
            ("next" | "coming" | "following", "month") => return self.month_part(part, 1, jb + 2),
            ("last" | "previous" | "past", "month") => return self.month_part(part, -1, jb + 2),
            ("week", _) => return self.week_part(part, 0, jb + 1),
            ("this" | "current", "week") => return self.week_part(part, 0, jb + 2),
            ("next" | "coming" | "following", "week") => return self.week_part(part, 1, jb + 2),
            ("last" | "previous" | "past", "week") => return self.week_part(part, -1, jb + 2),
            _ => {}
        }
        if let Some((y, e)) = self.year_ref(j2) {
            return self.year_part(part, y, e, formal || j2 > j);
        }
        None
    }

    fn month_part(&self, part: Part, off: i32, end: usize) -> Option<Hit> {
        let base = add_months(self.today.with_day(1)?, off)?;
        let p = Period::month(base.year(), base.month())?;
        let (a, b) = thirds(&p, part)?;
        Some(Hit::range(end, p, a, b))
    }

    fn week_part(&self, part: Part, off: i64, end: usize) -> Option<Hit> {
        let monday = self.today
            - Duration::days(i64::from(self.today.weekday().num_days_from_monday()))
            + Duration::weeks(off);
        let p = Period::week_of(monday);
        let (a, b) = match part {
            Part::Early => (monday, monday + Duration::days(2)),
            Part::Late => (monday + Duration::days(4), monday + Duration::days(6)),
            Part::Mid | Part::Whole => (p.start, p.end),
        };
        Some(Hit::range(end, p, a, b))
    }

    /// Parts of a year: early → H1, late → H2; the formal "beginning of"/"end
    /// of" → Q1/Q4; mid and "later this year" → the whole year.
    fn year_part(&self, part: Part, y: i32, end: usize, formal: bool) -> Option<Hit> {
        let p = match (part, formal) {
            (Part::Early, true) => Period::quarter(y, 1)?,
            (Part::Late, true) => Period::quarter(y, 4)?,
            (Part::Early, false) => Period::half(y, 1)?,
            (Part::Late, false) => Period::half(y, 2)?,
            (Part::Mid | Part::Whole, _) => Period::year(y)?,
        };
        Some(Hit::of(end, p))
    }

    /// "the first Monday of March", "last friday in october", "the third day of
    /// october", "last day of october 2015", "first week of october 2014",
    /// "the 3rd last week of 2018".
    pub(crate) fn ordinal_forms(&self, i: usize) -> Option<Hit> {
        let (n, mut j) = if self.is(i, "last") {
            (0, i + 1)
        } else {
            self.ordinal_at(i)?
        };
        let mut from_end = n == 0;
        let mut n = n;
        if n > 0 && self.is(j, "last") {
            from_end = true;
            j += 1;
        }
        if from_end && n == 0 {
            n = 1;
        }
        let what = self.w(j);
        let wd = vocab::weekday(what);
        if wd.is_none() && !matches!(what, "day" | "week") {
            return None;
        }
        let k = j + 1;
        if !matches!(self.w(k), "of" | "in") {
            return None;
        }
        // Target: month (+year), "the month", "this/last/next month", a year.
        let (range, end) = self.month_or_year_target(k + 1)?;
        let (a, b) = range;
        let d = match (wd, what) {
            (Some(wd), _) => pick_weekday(a, b, wd, n, from_end)?,
            (None, "day") => {
                if from_end {
                    b - Duration::days(i64::from(n) - 1)
                } else {
                    a + Duration::days(i64::from(n) - 1)
                }
            }
            _ => return pick_week(a, b, n, from_end, end),
        };
        (d >= a && d <= b).then(|| Hit::day(end, d))
    }

    /// A month or year after "of": returns its day range and end token.
    fn month_or_year_target(&self, j: usize) -> Option<((NaiveDate, NaiveDate), usize)> {
        if let Some((m, e)) = self.month_at(j) {
            if let Some((y, e2)) = self.of_year(e) {
                let p = Period::month(y, m)?;
                return Some(((p.start, p.end), e2));
            }
            let h = self.choose(|y| Period::month(y, m).map(|p| Hit::of(e, p)), None)?;
            return Some(((h.first, h.last), e));
        }
        let j = self.skip_word(j, "the");
        let off = match (self.w(j), self.w(j + 1)) {
            ("month", _) => Some((0, 1)),
            ("this" | "current", "month") => Some((0, 2)),
            ("next" | "following", "month") => Some((1, 2)),
            ("last" | "previous" | "past", "month") => Some((-1, 2)),
            _ => None,
        };
        if let Some((off, n)) = off {
            let base = add_months(self.today.with_day(1)?, off)?;
            let last = last_of_month(base.year(), base.month())?;
            return Some(((base, last), j + n));
        }
        let (y, e) = self.year_ref(j)?;
        Some(((ymd(y, 1, 1)?, ymd(y, 12, 31)?), e))
    }
}

/// Which part of a period a phrase names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    Early,
    Mid,
    Late,
    Whole,
}

/// Days 1–10, 11–20, 21–end of a month.
fn thirds(p: &Period, part: Part) -> Option<(NaiveDate, NaiveDate)> {
    let (y, m) = (p.start.year(), p.start.month());
    Some(match part {
        Part::Early => (p.start, ymd(y, m, 10)?),
        Part::Mid => (ymd(y, m, 11)?, ymd(y, m, 20)?),
        Part::Late => (ymd(y, m, 21)?, p.end),
        Part::Whole => (p.start, p.end),
    })
}

fn pick_weekday(
    a: NaiveDate,
    b: NaiveDate,
    wd: Weekday,
    n: u32,
    from_end: bool,
) -> Option<NaiveDate> {
    if a.day() == 1 && b == last_of_month(a.year(), a.month())? && !from_end {
        return nth_weekday(a.year(), a.month(), wd, n);
    }
    let step = Duration::weeks(i64::from(n) - 1);
    if from_end {
        Some(super::temporal::prev_weekday(b, wd, true) - step)
    } else {
        Some(super::temporal::next_weekday(a, wd, true) + step)
    }
}

/// The nth (or nth-last) Monday-to-Sunday week lying wholly inside `a..=b`.
fn pick_week(a: NaiveDate, b: NaiveDate, n: u32, from_end: bool, end: usize) -> Option<Hit> {
    let step = Duration::weeks(i64::from(n) - 1);
    let monday = if from_end {
        super::temporal::prev_weekday(b - Duration::days(6), Weekday::Mon, true) - step
    } else {
        super::temporal::next_weekday(a, Weekday::Mon, true) + step
    };
    (monday >= a && monday + Duration::days(6) <= b).then(|| Hit::of(end, Period::week_of(monday)))
}
