//! Dates relative to the reference day: "today", "tomorrow", "this Friday",
//! "next week", "later this month", "in two weeks", "three months ago",
//! "next 3 days", "two upcoming quarters".

use super::temporal::{add_months, next_weekday, prev_weekday, Hit, Scanner, Tense};
use super::vocab::{self, Unit};
use crate::model::{Period, Season};
use chrono::{Datelike, Duration, NaiveDate};

/// this / next / last.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rel {
    This,
    Next,
    Last,
}

impl Scanner<'_> {
    fn monday(&self) -> NaiveDate {
        self.today - Duration::days(i64::from(self.today.weekday().num_days_from_monday()))
    }

    /// A count at `i`: "2", "two", "a", "a couple of", "a few" (3).
    pub(crate) fn count_at(&self, i: usize) -> Option<(u32, usize)> {
        if let Some(t) = self.num(i) {
            return (!t.ord && t.ndig <= 3).then_some((t.num, i + 1));
        }
        match (self.w(i), self.w(i + 1), self.w(i + 2)) {
            ("a", "couple", "of") => Some((2, i + 3)),
            ("a", "few", _) | ("few", _, _) => Some((3, i + if self.is(i, "a") { 2 } else { 1 })),
            (w, _, _) => vocab::cardinal(w)
                .filter(|_| w != "single")
                .map(|n| (n, i + 1)),
        }
    }

    /// "this/next/last/coming/upcoming/the following" + unit, weekday, month,
    /// season or holiday; "next 3 days"; "later this month".
    pub(crate) fn relative(&self, i: usize) -> Option<Hit> {
        let (rel, j) = match (self.w(i), self.w(i + 1)) {
            ("this" | "current" | "coming", "coming") => (Rel::Next, i + 2),
            ("this", "past") => (Rel::Last, i + 2),
            ("this" | "current", _) => (Rel::This, i + 1),
            ("next" | "coming" | "upcoming" | "following", _) => (Rel::Next, i + 1),
            ("around", "next") => (Rel::Next, i + 2),
            ("last" | "past" | "previous", _) => (Rel::Last, i + 1),
            _ => return None,
        };
        if let Some((n, k)) = self.count_at(j) {
            if let Some(u) = vocab::unit(self.w(k)) {
                return self.span_of_units(rel, n, u, k + 1);
            }
        }
        let w = self.w(j);
        if let Some(wd) = vocab::weekday(w) {
            if self.strict
                && (!self.cap(j)
                    || (self.p(j + 1, '-') && vocab::weekday(self.w(j + 2)).is_some())
                    || w.ends_with('s'))
            {
                return None;
            }
            let d = match rel {
                Rel::This => {
                    let d = self.monday() + Duration::days(i64::from(wd.num_days_from_monday()));
                    if d >= self.today {
                        d
                    } else {
                        next_weekday(self.today, wd, false)
                    }
                }
                Rel::Next => {
                    self.monday()
                        + Duration::weeks(1)
                        + Duration::days(i64::from(wd.num_days_from_monday()))
                }
                Rel::Last => prev_weekday(self.today, wd, false),
            };
            return Some(Hit::day(j + 1, d));
        }
        if let Some(u) = vocab::unit(w) {
            // "the next day" follows another date, not the publication.
            if self.strict && u == Unit::Day && self.is(i.wrapping_sub(1), "the") {
                return None;
            }
            // "in the coming weeks" is no single period; "this year's special"
            // qualifies a noun.
            if self.strict && (w.ends_with('s') || (self.p(j + 1, '\'') && self.is(j + 2, "s"))) {
                return None;
            }
            // "last week's Sunday".
            if u == Unit::Week && self.p(j + 1, '\'') && self.is(j + 2, "s") {
                if let Some(wd) = vocab::weekday(self.w(j + 3)) {
                    let monday = self.monday() + Duration::weeks(i64::from(rel_off(rel)));
                    return Some(Hit::day(
                        j + 4,
                        monday + Duration::days(i64::from(wd.num_days_from_monday())),
                    ));
                }
            }
            return self.unit_offset(u, rel_off(rel), j + 1);
        }
        if w == "weekend" {
            let sat = self.monday() + Duration::days(5) + Duration::weeks(rel_off(rel) as i64);
            let p = Period::week_of(sat);
            return Some(Hit::range(j + 1, p, sat, sat + Duration::days(1)));
        }
        if let Some((m, e)) = self.month_at(j) {
            // "its previous June 25 date" is a calendar date, not "last June".
            if self.day_at(self.skip_word(e, "the")).is_some() {
                return None;
            }
            let y = self.today.year();
            let this = Period::month(y, m)?;
            let p = match rel {
                Rel::This => this,
                Rel::Next if m > self.today.month() => this,
                Rel::Next => Period::month(y + 1, m)?,
                Rel::Last if m < self.today.month() => this,
                Rel::Last => Period::month(y - 1, m)?,
            };
            // "March after next".
            if self.is(e, "after") && self.is(e + 1, "next") {
                return Period::month(p.start.year() + 1, m).map(|p| Hit::of(e + 2, p));
            }
            return Some(Hit::of(e, p));
        }
        if let Some((s, e)) = self.season_at(j) {
            return self.season_rel(s, rel, e);
        }
        if w == "holidays" {
            return self.season_rel(Season::Holiday, rel, j + 1);
        }
        if let Some(h) = self.holiday_rel(j, rel == Rel::Last) {
            return Some(h);
        }
        None
    }

    fn season_rel(&self, s: Season, rel: Rel, end: usize) -> Option<Hit> {
        let y = self.today.year();
        let make = |y: i32| Period::season(y, s).map(|p| Hit::of(end, p));
        let cands: Vec<Hit> = (y - 1..=y + 1).filter_map(make).collect();
        let t = self.today;
        let cur = cands.iter().position(|h| h.last >= t)?;
        // "this spring" is this year's spring, even once it is over; winter
        // runs into the next year, so "this winter" in January is the current one.
        let this_year = cands
            .iter()
            .position(|h| h.first.year() == y && s != Season::Winter);
        let idx = match rel {
            Rel::This => this_year.unwrap_or(cur),
            Rel::Next => {
                if cands[cur].first <= t {
                    cur + 1
                } else {
                    cur
                }
            }
            Rel::Last => cands.iter().rposition(|h| h.last < t)?,
        };
        cands.get(idx).cloned()
    }

    /// "this week", "next month", "last quarter", "next year".
    fn unit_offset(&self, u: Unit, off: i32, end: usize) -> Option<Hit> {
        let t = self.today;
        let p = match u {
            Unit::Day => Period::day(t + Duration::days(i64::from(off))),
            Unit::Week => Period::week_of(self.monday() + Duration::weeks(i64::from(off))),
            Unit::Month => {
                let d = add_months(t.with_day(1)?, off)?;
                Period::month(d.year(), d.month())?
            }
            Unit::Quarter => {
                let d = add_months(t.with_day(1)?, 3 * off)?;
                Period::quarter(d.year(), d.month0() / 3 + 1)?
            }
            Unit::Year => Period::year(t.year() + off)?,
        };
        Some(Hit::of(end, p))
    }

    /// "next 3 days" (a range starting tomorrow), "last 2 weeks" (ending before
    /// this week), "upcoming two months" (the single month two ahead).
    fn span_of_units(&self, rel: Rel, n: u32, u: Unit, end: usize) -> Option<Hit> {
        if n == 0 || n > 400 {
            return None;
        }
        let n = n as i32;
        let single = self.w(end.saturating_sub(3)) == "upcoming"
            || self.w(end.saturating_sub(4)) == "upcoming";
        if single {
            return self.unit_offset(u, n, end);
        }
        let (a, b) = match rel {
            Rel::Next | Rel::This => (self.unit_offset(u, 1, end)?, self.unit_offset(u, n, end)?),
            Rel::Last => (self.unit_offset(u, -n, end)?, self.unit_offset(u, -1, end)?),
        };
        Some(Hit::range(end, a.period.clone(), a.first, b.last))
    }

    /// "in two weeks", "3 days from now", "three months ago", "a week hence",
    /// "2 upcoming days", "3 fridays from now", "two years ago".
    pub(crate) fn counted(&self, i: usize) -> Option<Hit> {
        let lead_in = matches!(self.w(i), "in" | "within");
        // "its first release in ten months" measures a gap; it is no date.
        if lead_in && self.strict {
            // "their first new music in three years", "the first new album from
            // the Dixie Chicks in 14 years".
            if (i.saturating_sub(9)..i)
                .any(|k| matches!(self.w(k), "first" | "since" | "time" | "last"))
            {
                return None;
            }
            let prev = self.w(i.wrapping_sub(1));
            if matches!(
                prev,
                "release"
                    | "album"
                    | "comeback"
                    | "time"
                    | "single"
                    | "song"
                    | "record"
                    | "film"
                    | "movie"
                    | "work"
                    | "project"
                    | "appearance"
                    | "performance"
                    | "tour"
                    | "concert"
                    | "years"
                    | "months"
                    | "weeks"
                    | "win"
                    | "hit"
                    | "once"
                    | "twice"
            ) {
                return None;
            }
        }
        let start = if lead_in { i + 1 } else { i };
        let (n, k) = self.count_at(start)?;
        if n > 1000 {
            return None;
        }
        let w = self.w(k);
        // "2 upcoming days".
        if w == "upcoming" && !lead_in {
            let u = vocab::unit(self.w(k + 1))?;
            return self.unit_offset(u, n as i32, k + 2);
        }
        let after = k + 1;
        let (dir, end) = match (self.w(after), self.w(after + 1)) {
            ("from", "now" | "today") => (1, after + 2),
            ("hence", _) => (1, after + 1),
            ("ago" | "back", _) => (-1, after + 1),
            _ if lead_in => (1, after),
            _ => return None,
        };
        if let Some(wd) = vocab::weekday(w) {
            let mut d = self.today;
            for _ in 0..n.min(60) {
                d = if dir > 0 {
                    next_weekday(d, wd, false)
                } else {
                    prev_weekday(d, wd, false)
                };
            }
            return Some(Hit::day(end, d));
        }
        let u = vocab::unit(w)?;
        let signed = dir * n as i32;
        let t = self.today;
        let from_today = self.is(after + 1, "today");
        let p = match u {
            Unit::Day => Period::day(t + Duration::days(i64::from(signed))),
            Unit::Week => Period::day(t + Duration::weeks(i64::from(signed))),
            Unit::Month if lead_in => {
                let d = add_months(t, signed)?;
                Period::month(d.year(), d.month())?
            }
            Unit::Month => Period::day(add_months(t, signed)?),
            Unit::Quarter => Period::day(add_months(t, 3 * signed)?),
            Unit::Year if from_today => Period::day(add_months(t, 12 * signed)?),
            Unit::Year if lead_in => Period::year(t.year() + signed)?,
            Unit::Year => {
                let d = add_months(t, 12 * signed)?;
                Period::month(d.year(), d.month())?
            }
        };
        Some(Hit::of(end, p))
    }

    /// today, tonight, tomorrow, yesterday, the day after tomorrow; "the week
    /// of October 6" (the Monday–Sunday week containing it).
    pub(crate) fn day_words(&self, i: usize) -> Option<Hit> {
        let t = self.today;
        // "the day before Thanksgiving", "the day after Christmas".
        if self.is(i, "day")
            && matches!(self.w(i + 1), "before" | "after")
            && self.is(i.wrapping_sub(1), "the")
        {
            // One level only: "the day before the day before ..." is not chained.
            if matches!(self.w(i + 2), "the" | "day") {
                return None;
            }
            let h = self.at(i + 2)?;
            if h.period.precision != crate::model::Precision::Day {
                return None;
            }
            let d = if self.is(i + 1, "before") {
                h.first - Duration::days(1)
            } else {
                h.first + Duration::days(1)
            };
            return Some(Hit::day(h.end, d));
        }
        if self.is(i, "week") && self.is(i + 1, "of") {
            let h = self.month_first(i + 2).or_else(|| self.day_first(i + 2))?;
            return (h.period.precision == crate::model::Precision::Day)
                .then(|| Hit::of(h.end, Period::week_of(h.first)));
        }
        let (d, end) = match (self.w(i), self.w(i + 1), self.w(i + 2)) {
            ("today" | "tonight", _, _) => (t, i + 1),
            ("tomorrow" | "tomorrows", _, _) => (t + Duration::days(1), i + 1),
            ("yesterday", _, _) => (t - Duration::days(1), i + 1),
            ("day", "after", "tomorrow") => (t + Duration::days(2), i + 3),
            ("day", "before", "yesterday") => (t - Duration::days(2), i + 3),
            ("all", "week", _) | ("rest", "of", _) if !self.strict => {
                let end = if self.is(i, "all") { i + 2 } else { i + 4 };
                if self.is(i, "rest") && !(self.is(i + 2, "the") && self.is(i + 3, "week")) {
                    return None;
                }
                let p = Period::week_of(t);
                return Some(Hit::range(
                    end,
                    p.clone(),
                    if self.is(i, "all") { p.start } else { t },
                    p.end,
                ));
            }
            _ => return None,
        };
        if self.tense == Tense::Past && d > t && self.strict {
            return Some(Hit::day(end, d));
        }
        Some(Hit::day(end, d))
    }
}

fn rel_off(r: Rel) -> i32 {
    match r {
        Rel::This => 0,
        Rel::Next => 1,
        Rel::Last => -1,
    }
}
