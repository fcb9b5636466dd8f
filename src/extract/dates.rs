//! Calendar dates: "April 24, 2022", "24 April", "the 24th of April", "4/24",
//! "2022-04-24", "Friday (April 24)", "Tuesday the 19th" and day intervals.

use super::temporal::{next_weekday, prev_weekday, ymd, Hit, Scanner, Tense};
use super::vocab;
use crate::model::Period;
use chrono::{Datelike, Duration, Weekday};

/// A day of month read from the text: value, next token, and whether it was
/// marked as a day (ordinal suffix or ordinal word).
type DayRead = (u32, usize, bool);

impl Scanner<'_> {
    /// A day number 1–31: "24", "24th", "twenty-first", "third".
    pub(crate) fn day_at(&self, i: usize) -> Option<DayRead> {
        if let Some(t) = self.num(i) {
            if t.ndig > 2 || t.num == 0 || t.num > 31 {
                return None;
            }
            // A clock time or a count is not a day.
            if self.p(i + 1, ':') && self.num(i + 2).is_some() {
                return None;
            }
            if matches!(
                self.w(i + 1),
                "am" | "pm" | "a" | "p" | "percent" | "million"
            ) {
                return None;
            }
            return Some((t.num, i + 1, t.ord));
        }
        let w = self.w(i);
        if matches!(w, "twenty" | "thirty") {
            let base = if w == "twenty" { 20 } else { 30 };
            let j = if self.p(i + 1, '-') { i + 2 } else { i + 1 };
            if let Some(n) = vocab::ordinal(self.w(j)).filter(|n| *n < 10) {
                return Some((base + n, j + 1, true));
            }
            return None;
        }
        if w == "twentieth" || w == "thirtieth" {
            return vocab::ordinal(w).map(|n| (n, i + 1, true));
        }
        vocab::ordinal(w).map(|n| (n, i + 1, true))
    }

    /// A month name at `i`: value and next token (abbreviation dot skipped).
    pub(crate) fn month_at(&self, i: usize) -> Option<(u32, usize)> {
        let w = self.w(i);
        let m = vocab::month(w)?;
        if self.strict && !self.cap(i) {
            return None;
        }
        let next = if w.len() <= 4 {
            self.skip_dot(i + 1)
        } else {
            i + 1
        };
        Some((m, next))
    }

    /// A four-digit year at `i` (two digits allowed when `short`).
    pub(crate) fn year_at(&self, i: usize, short: bool) -> Option<(i32, usize)> {
        let t = self.num(i)?;
        if t.ord {
            return None;
        }
        if t.ndig == 4 && (1000..=2999).contains(&t.num) {
            if self.p(i + 1, ':') {
                return None;
            }
            return Some((t.num as i32, i + 1));
        }
        if short && t.ndig == 2 {
            let y = if t.num < 50 {
                2000 + t.num
            } else {
                1900 + t.num
            };
            return Some((y as i32, i + 1));
        }
        None
    }

    /// Optional year after a day and month: ", 2022" / " 2022" / "'22".
    fn trailing_year(&self, j: usize, short: bool) -> Option<(i32, usize)> {
        if self.p(j, ',') {
            if let Some(r) = self.year_at(j + 1, false) {
                return Some(r);
            }
        }
        if self.is(j, "of") {
            if let Some(r) = self.year_at(j + 1, false) {
                return Some(r);
            }
        }
        // "Oct. 6 of this year", "May 3 next year": the year said in words.
        let k = self.skip_word(j, "of");
        // "of that year", "of the same year": see `year_ref`.
        if matches!(self.w(k), "this" | "next" | "last") || self.year_anaphor(k).is_some() {
            if let Some(r) = self.year_ref(k) {
                return Some(r);
            }
        }
        self.year_at(j, short && !self.strict)
    }

    /// Resolves day/month with an optional year and stated weekday.
    pub(crate) fn resolve_dm(
        &self,
        end: usize,
        m: u32,
        d: u32,
        y: Option<i32>,
        wd: Option<Weekday>,
    ) -> Option<Hit> {
        match y {
            Some(y) => ymd(y, m, d).map(|x| Hit::day(end, x)),
            None => self.choose(|y| ymd(y, m, d).map(|x| Hit::day(end, x)), wd),
        }
    }

    /// "April 24", "Apr. 24th, 2022", "february the 15th", "October 2014".
    pub(crate) fn month_first(&self, i: usize) -> Option<Hit> {
        let (m, j) = self.month_at(i)?;
        let jd = self.skip_word(j, "the");
        if let Some((d, k, _)) = self.day_at(jd) {
            // "May 5 million" style counts are excluded in day_at; a following
            // colon-time is excluded too.
            let (y, end) = match self.trailing_year(k, true) {
                Some((y, e)) => (Some(y), e),
                None => (None, k),
            };
            // Trailing weekday: "Jul 18, Fri".
            let (wd, end) = if self.p(end, ',') {
                match vocab::weekday(self.w(end + 1)) {
                    Some(wd) if !self.strict => (Some(wd), end + 2),
                    _ => (None, end),
                }
            } else {
                (None, end)
            };
            return self.resolve_dm(end, m, d, y, wd);
        }
        if let Some((y, e)) = self.trailing_year(j, false) {
            return Period::month(y, m).map(|p| Hit::of(e, p));
        }
        // "March after next", "March in a year".
        if !self.strict {
            let later = match (self.w(j), self.w(j + 1), self.w(j + 2)) {
                ("after", "next", _) => Some(j + 2),
                ("in", "a" | "one", "year") => Some(j + 3),
                ("in", "", "year") if self.num(j + 1).is_some_and(|t| t.num == 1) => Some(j + 3),
                _ => None,
            };
            if let Some(e) = later {
                let h = self.choose(|y| Period::month(y, m).map(|p| Hit::of(e, p)), None)?;
                let y = h.first.year() + 1;
                return Period::month(y, m).map(|p| Hit::of(e, p));
            }
        }
        // A month alone needs a preposition before it in running text.
        if self.strict {
            let prev = if i == 0 { "" } else { self.w(i - 1) };
            let ok = matches!(
                prev,
                "in" | "by"
                    | "until"
                    | "till"
                    | "since"
                    | "through"
                    | "during"
                    | "for"
                    | "before"
                    | "after"
                    | "around"
                    | "throughout"
                    | "of"
                    | "from"
                    | "to"
            );
            let amb = vocab::month_is_ambiguous(self.w(i));
            if !ok || (amb && prev == "to") {
                return None;
            }
        }
        self.choose(|y| Period::month(y, m).map(|p| Hit::of(j, p)), None)
    }

    /// "24 April 2022", "15th of february", "the 24th of April", "14april 2015".
    pub(crate) fn day_first(&self, i: usize) -> Option<Hit> {
        let (d, k, marked) = self.day_at(i)?;
        // Day interval inside one month: "13 to 15 July", "1-8 september".
        if let Some(h) = self.day_day_month(d, k) {
            return Some(h);
        }
        let j = self.skip_word(k, "of");
        if let Some((m, e)) = self.month_at(j) {
            let (y, end) = match self.trailing_year(e, true) {
                Some((y, e2)) => (Some(y), e2),
                None => (None, e),
            };
            return self.resolve_dm(end, m, d, y, None);
        }
        // "the 20th of next month", "20th day of next month".
        let j2 = self.skip_word(self.skip_word(k, "day"), "of");
        if j2 > k {
            if let Some(h) = self.day_of_month_ref(d, j2) {
                return Some(h);
            }
        }
        // "on the 15th" / "the 1st": the next such day.
        let prev_the = i > 0 && self.is(i - 1, "the");
        let prev_on = i > 1 && self.is(i - 2, "on") && prev_the;
        let alone = k == self.toks.len();
        if !self.strict && prev_the && alone {
            return self.next_day_of_month(d, k, None);
        }
        if marked && (prev_on || (!self.strict && (prev_the || i == 0 || self.is(i - 1, "on")))) {
            return self.next_day_of_month(d, k, None);
        }
        // "had been set for the 24th", "pushed from the 17th to the 24th": after
        // another preposition only where the phrase ends there ("for the 24th
        // time" is a count).
        let prep = prev_the
            && i > 1
            && matches!(
                self.w(i - 2),
                "for" | "to" | "until" | "till" | "by" | "from"
            );
        let ends = self.w(k).is_empty()
            || matches!(
                self.w(k),
                "and"
                    | "but"
                    | "instead"
                    | "at"
                    | "in"
                    | "with"
                    | "while"
                    | "when"
                    | "after"
                    | "before"
                    | "so"
            );
        if self.strict && marked && prep && ends {
            return self.next_day_of_month(d, k, None);
        }
        None
    }

    /// "13 to 15 July" and friends, after the first day number.
    fn day_day_month(&self, d1: u32, k: usize) -> Option<Hit> {
        let conn = self.p(k, '-') || matches!(self.w(k), "to" | "through" | "thru" | "till");
        if !conn {
            return None;
        }
        let j = self.skip_word(k + 1, "the");
        let (d2, e, _) = self.day_at(j)?;
        let e = self.skip_word(e, "of");
        let (m, e2) = self.month_at(e)?;
        let (y, end) = match self.trailing_year(e2, true) {
            Some((y, e3)) => (Some(y), e3),
            None => (None, e2),
        };
        if d2 <= d1 {
            return None;
        }
        let start = self.resolve_dm(end, m, d1, y, None)?;
        let last = ymd(start.first.year(), m, d2)?;
        Some(Hit::range(end, start.period, start.first, last))
    }

    /// "the 20th of next month" after "of".
    fn day_of_month_ref(&self, d: u32, j: usize) -> Option<Hit> {
        let j = self.skip_word(j, "the");
        let off = match self.w(j) {
            "next" | "following" => 1,
            "this" | "current" => 0,
            "previous" | "last" | "past" => -1,
            "month" => 0,
            _ => return None,
        };
        let e = j + 1;
        if !self.is(e, "month") && !self.is(j, "month") {
            return None;
        }
        let end = if self.is(j, "month") { j + 1 } else { e + 1 };
        let base = super::temporal::add_months(self.today.with_day(1)?, off)?;
        ymd(base.year(), base.month(), d).map(|x| Hit::day(end, x))
    }

    /// The next day `d` of a month (this month if not past), or with weekday.
    fn next_day_of_month(&self, d: u32, end: usize, wd: Option<Weekday>) -> Option<Hit> {
        let mut base = self.today.with_day(1)?;
        let back = self.tense == Tense::Past;
        for _ in 0..60 {
            if let Some(x) = ymd(base.year(), base.month(), d) {
                let ok_time = if back {
                    x <= self.today
                } else {
                    x >= self.today
                };
                if ok_time && wd.is_none_or(|w| x.weekday() == w) {
                    return Some(Hit::day(end, x));
                }
            }
            base = super::temporal::add_months(base, if back { -1 } else { 1 })?;
        }
        None
    }

    /// "4/24", "10/31/1974", "2022-04-24", "2014-10", "31/Oct/1974", "2/2013".
    pub(crate) fn numeric(&self, i: usize) -> Option<Hit> {
        let a = self.num(i)?;
        if a.ord
            || (i > 0
                && self.toks.get(i).is_some_and(|t| t.glued)
                && self.num(i - 1).is_none()
                && self.p(i - 1, '/'))
        {
            return None;
        }
        let sep = match self.tok(i + 1)?.kind {
            super::lex::Kind::Punct(c @ ('/' | '-' | '.')) => c,
            _ => return None,
        };
        let glued = |k: usize| self.tok(k).is_some_and(|t| t.glued);
        if self.strict && !(glued(i + 1) && glued(i + 2)) {
            return None;
        }
        // Year first: 2022-04-24, 2015-3-3, 2014/10, and Korean-style 2024.05.24.
        if a.ndig == 4 {
            let b = self.num(i + 2)?;
            if b.ndig > 2 || !(1..=12).contains(&b.num) {
                return None;
            }
            if self.p(i + 3, sep) && glued(i + 3) {
                let c = self.num(i + 4)?;
                if c.ndig > 2 {
                    return None;
                }
                return ymd(a.num as i32, b.num, c.num).map(|x| Hit::day(i + 5, x));
            }
            if (self.strict && sep == '-' && b.ndig != 2) || sep == '.' {
                return None;
            }
            return Period::month(a.num as i32, b.num).map(|p| Hit::of(i + 3, p));
        }
        if a.ndig > 2 {
            return None;
        }
        // Day, month name, year: 31/Oct/1974, 31-Oct-74.
        if let Some((m, e)) = self.month_at(i + 2) {
            if self.p(e, sep) {
                let (y, end) = self.year_at(e + 1, true)?;
                return ymd(y, m, a.num).map(|x| Hit::day(end, x));
            }
            return None;
        }
        let b = self.num(i + 2)?;
        // Month / four-digit year: 2/2013.
        if b.ndig == 4 && sep == '/' && (1..=12).contains(&a.num) {
            return Period::month(b.num as i32, a.num).map(|p| Hit::of(i + 3, p));
        }
        if b.ndig > 2 || b.ord {
            return None;
        }
        let (m, d) = if a.num > 12 && b.num <= 12 {
            (b.num, a.num)
        } else {
            (a.num, b.num)
        };
        if self.p(i + 3, sep) && (!self.strict || glued(i + 3)) {
            if let Some((y, end)) = self.year_at(i + 4, true) {
                return ymd(y, m, d).map(|x| Hit::day(end, x));
            }
        }
        // "9/8c" is a time-slot notation, not September 8.
        if self.tok(i + 3).is_some_and(|t| t.glued && t.is_word()) {
            return None;
        }
        // Year-less numeric dates in running text: only M/D with slash, US order.
        if self.strict && (sep != '/' || a.num > 12) {
            return None;
        }
        if sep == '.' {
            return None;
        }
        self.resolve_dm(i + 3, m, d, None, None)
    }

    /// "Friday (April 24)", "Sunday, Feb 10", "Tuesday the 19th", "Friday".
    pub(crate) fn weekday_first(&self, i: usize) -> Option<Hit> {
        let w = self.w(i);
        let wd = vocab::weekday(w)?;
        let mut habitual_day = false;
        if self.strict {
            let prev = self.w(i.wrapping_sub(1));
            // "every Saturday and Sunday", "Monday-Tuesday drama", "Fridays".
            // "opens on a Friday", "each Monday": no one day; "move from Thursday
            // to Monday": a time slot, not two dates.
            let habitual = matches!(
                prev,
                "every" | "the" | "and" | "or" | "weekly" | "a" | "each" | "any"
            ) || (matches!(prev, "to" | "through")
                && vocab::weekday(self.w(i.wrapping_sub(2))).is_some())
                || w.ends_with('s') && w != "tues" && w != "thurs"
                || (self.p(i + 1, '-') && vocab::weekday(self.w(i + 2)).is_some())
                || (self.p(i.wrapping_sub(1), '-')
                    && vocab::weekday(self.w(i.wrapping_sub(2))).is_some())
                || (matches!(self.w(i + 1), "and" | "through" | "to")
                    && vocab::weekday(self.w(i + 2)).is_some());
            if !self.cap(i) || vocab::weekday_is_short(w) {
                return None;
            }
            habitual_day = habitual;
        }
        let j = if vocab::weekday_is_short(w) {
            self.skip_dot(i + 1)
        } else {
            i + 1
        };
        // Attached calendar date.
        let paren = self.p(j, '(');
        let k = if paren || self.p(j, ',') { j + 1 } else { j };
        if let Some(h) = self.dated_weekday(k, wd) {
            let end = if paren && self.p(h.end, ')') {
                h.end + 1
            } else {
                h.end
            };
            return Some(Hit { end, ..h });
        }
        if habitual_day {
            return None;
        }
        // "Tuesday the 19th", "Thu 15th".
        let kd = self.skip_word(j, "the");
        if let Some((d, e, marked)) = self.day_at(kd) {
            if marked || kd > j {
                return self.next_day_of_month(d, e, Some(wd));
            }
        }
        // "Wednesday Addams", "the new Friday Anime Night block", "the second
        // season of Wednesday": a weekday with no date of its own, inside a name.
        if self.strict
            && (self.is(i.wrapping_sub(1), "of")
                || (self.word(j)
                    && self.cap(j)
                    && vocab::month(self.w(j)).is_none()
                    && vocab::weekday(self.w(j)).is_none()))
        {
            return None;
        }
        // "wednesday of next week", "sunday from last week", "monday of this week".
        let k2 = if matches!(self.w(j), "of" | "from") {
            j + 1
        } else {
            j
        };
        let week_off = match (self.w(k2), self.w(k2 + 1)) {
            ("this" | "current", "week") => Some(0),
            ("next" | "the", "week") if self.w(k2) == "next" => Some(1),
            ("last" | "previous" | "past", "week") => Some(-1),
            _ => None,
        };
        if let Some(off) = week_off {
            let monday =
                self.today - Duration::days(i64::from(self.today.weekday().num_days_from_monday()));
            let d = monday
                + Duration::weeks(off)
                + Duration::days(i64::from(wd.num_days_from_monday()));
            return Some(Hit::day(k2 + 2, d));
        }
        if self.is(j, "after") && self.is(j + 1, "next") {
            let d = next_weekday(next_weekday(self.today, wd, false), wd, false);
            return Some(Hit::day(j + 2, d));
        }
        // "Friday" alone: the last one in past text, the next one in future
        // text, the nearer of the two otherwise (ties go forward).
        let prev = prev_weekday(self.today, wd, true);
        let next = next_weekday(self.today, wd, false);
        let d = match self.tense {
            Tense::Past => prev,
            Tense::Future => next,
            Tense::Neutral if !self.strict => next,
            Tense::Neutral => {
                if (self.today - prev).num_days() < (next - self.today).num_days() {
                    prev
                } else {
                    next
                }
            }
        };
        Some(Hit::day(j, d))
    }

    fn dated_weekday(&self, k: usize, wd: Weekday) -> Option<Hit> {
        let h = self
            .month_first_wd(k, wd)
            .or_else(|| self.day_first_wd(k, wd))?;
        (h.period.precision == crate::model::Precision::Day).then_some(h)
    }

    fn month_first_wd(&self, k: usize, wd: Weekday) -> Option<Hit> {
        let (m, j) = self.month_at(k)?;
        let (d, e, _) = self.day_at(self.skip_word(j, "the"))?;
        let (y, end) = match self.trailing_year(e, false) {
            Some((y, e2)) => (Some(y), e2),
            None => (None, e),
        };
        self.resolve_dm(end, m, d, y, Some(wd))
    }

    fn day_first_wd(&self, k: usize, wd: Weekday) -> Option<Hit> {
        let k = self.skip_word(k, "the");
        let (d, e, _) = self.day_at(k)?;
        let (m, e2) = self.month_at(self.skip_word(e, "of"))?;
        let (y, end) = match self.trailing_year(e2, false) {
            Some((y, e3)) => (Some(y), e3),
            None => (None, e2),
        };
        self.resolve_dm(end, m, d, y, Some(wd))
    }

    /// Extends a day or year hit into an interval: "July 13-15", "Aug 8 - Aug 12".
    pub(crate) fn extend_interval(&self, _start: usize, h: Hit) -> Hit {
        let e = h.end;
        let dash = self.p(e, '-');
        let word = self.w(e);
        let conn = dash || matches!(word, "through" | "thru" | "to" | "till" | "until");
        if !conn {
            return h;
        }
        use crate::model::Precision as P;
        match h.period.precision {
            P::Day => {
                let j = self.skip_word(e + 1, "the");
                // Full second date.
                if let Some(b) = self.month_first(j) {
                    if b.period.precision == P::Day
                        && b.first > h.first
                        && (!self.strict || dash || word != "to")
                        && (b.first - h.first).num_days() <= 62
                    {
                        return Hit::range(b.end, h.period, h.first, b.last);
                    }
                    return h;
                }
                // Day only, same month.
                if let Some((d, k, _)) = self.day_at(j) {
                    if self.month_at(self.skip_word(k, "of")).is_some() {
                        return h;
                    }
                    if let Some(x) = ymd(h.first.year(), h.first.month(), d) {
                        if x > h.first {
                            return Hit::range(k, h.period, h.first, x);
                        }
                    }
                }
                h
            }
            P::Year if dash => match self.year_at(e + 1, false) {
                Some((y, k)) if y > h.first.year() && y - h.first.year() < 20 => {
                    match ymd(y, 12, 31) {
                        Some(last) => Hit::range(k, h.period, h.first, last),
                        None => h,
                    }
                }
                _ => h,
            },
            _ => h,
        }
    }
}
