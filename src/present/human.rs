//! Dates for people: "Apr 24", "in 3 days", "Apr 25 → Apr 24, 2022", "5 min ago".
//!
//! Pure functions of their arguments: the current time is always passed in, never
//! read, so tables, the Atom feed and the dashboard render the same way in tests.

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use crate::model::{Period, Precision};

/// A period as a person writes it: "Apr 24, 2022", "May 2026", "Q3 2025",
/// "summer 2026", "H1 2026", "2026", "week of Apr 20, 2026".
pub fn period(p: &Period) -> String {
    let y = p.start.year();
    match p.precision {
        Precision::Day => p.start.format("%b %-d, %Y").to_string(),
        Precision::Week => format!("week of {}", p.start.format("%b %-d, %Y")),
        Precision::Month => p.start.format("%b %Y").to_string(),
        Precision::Quarter => format!("Q{} {y}", p.start.month0() / 3 + 1),
        Precision::Season => match p.label.split_once('-') {
            Some((year, season)) => format!("{season} {year}"),
            None => p.label.clone(),
        },
        Precision::Half => format!("H{} {y}", p.start.month0() / 6 + 1),
        Precision::Year => format!("{y}"),
    }
}

/// A period or "no date" (postponed indefinitely).
pub fn maybe_period(p: Option<&Period>) -> String {
    p.map_or_else(|| "no date".to_string(), period)
}

/// Old → new, sharing the year when both are days of the same year:
/// "Apr 25 → Apr 24, 2022".
pub fn move_text(from: Option<&Period>, to: Option<&Period>) -> String {
    match (from, to) {
        (Some(a), Some(b))
            if a.precision == Precision::Day
                && b.precision == Precision::Day
                && a.start.year() == b.start.year() =>
        {
            format!(
                "{} → {}",
                a.start.format("%b %-d"),
                b.start.format("%b %-d, %Y")
            )
        }
        (None, b) => format!("→ {}", maybe_period(b)),
        (a, b) => format!("{} → {}", maybe_period(a), maybe_period(b)),
    }
}

/// "Apr 24" in the current year, "Apr 24, 2027" otherwise.
pub fn short_day(d: NaiveDate, today: NaiveDate) -> String {
    if d.year() == today.year() {
        d.format("%b %-d").to_string()
    } else {
        d.format("%b %-d, %Y").to_string()
    }
}

/// Distance from today in words: "today", "tomorrow", "in 3 days", "in 5 weeks",
/// "in 4 months", "2 days ago", "in 2 years".
pub fn relative_day(d: NaiveDate, today: NaiveDate) -> String {
    let days = (d - today).num_days();
    match days {
        0 => return "today".into(),
        1 => return "tomorrow".into(),
        -1 => return "yesterday".into(),
        _ => {}
    }
    let n = days.unsigned_abs();
    let span = if n < 14 {
        plural(n, "day")
    } else if n < 60 {
        plural(n / 7, "week")
    } else if n < 730 {
        plural(n / 30, "month")
    } else {
        plural(n / 365, "year")
    };
    if days > 0 {
        format!("in {span}")
    } else {
        format!("{span} ago")
    }
}

/// How long ago (or until) a time: "just now", "5 min ago", "3 h ago", "2 days ago",
/// "in 12 min".
pub fn ago(t: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let secs = (now - t).num_seconds();
    let n = secs.unsigned_abs();
    if n < 60 {
        return "just now".into();
    }
    let days = n / 86400;
    let span = if n < 3600 {
        format!("{} min", n / 60)
    } else if n < 2 * 86400 {
        format!("{} h", n / 3600)
    } else if days < 14 {
        plural(days, "day")
    } else if days < 60 {
        plural(days / 7, "week")
    } else if days < 730 {
        plural(days / 30, "month")
    } else {
        plural(days / 365, "year")
    };
    if secs >= 0 {
        format!("{span} ago")
    } else {
        format!("in {span}")
    }
}

/// "1 day", "3 days".
pub fn plural(n: u64, unit: &str) -> String {
    if n == 1 {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

/// A signed day count as a move: "1 day earlier", "3 weeks later".
pub fn delta(days: Option<i64>, direction: crate::model::Direction) -> String {
    match days {
        Some(d) if d != 0 => {
            let n = d.unsigned_abs();
            let span = if n >= 14 && n % 7 == 0 {
                plural(n / 7, "week")
            } else {
                plural(n, "day")
            };
            format!("{span} {}", direction.as_str())
        }
        _ => direction.as_str().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Direction;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn periods_read_like_prose() {
        let p = |l: &str| period(&Period::from_label(l).unwrap());
        assert_eq!(p("2022-04-24"), "Apr 24, 2022");
        assert_eq!(p("2026-05"), "May 2026");
        assert_eq!(p("2025-Q3"), "Q3 2025");
        assert_eq!(p("2026-summer"), "summer 2026");
        assert_eq!(p("2026-H2"), "H2 2026");
        assert_eq!(p("2026"), "2026");
    }

    #[test]
    fn a_move_within_one_year_names_the_year_once() {
        let a = Period::from_label("2022-04-25").unwrap();
        let b = Period::from_label("2022-04-24").unwrap();
        assert_eq!(move_text(Some(&a), Some(&b)), "Apr 25 → Apr 24, 2022");
        let c = Period::from_label("2023-Q1").unwrap();
        assert_eq!(move_text(Some(&a), Some(&c)), "Apr 25, 2022 → Q1 2023");
        assert_eq!(move_text(Some(&a), None), "Apr 25, 2022 → no date");
    }

    #[test]
    fn relative_days_and_times() {
        let today = day("2026-11-24");
        assert_eq!(relative_day(day("2026-11-27"), today), "in 3 days");
        assert_eq!(relative_day(day("2026-11-25"), today), "tomorrow");
        assert_eq!(relative_day(day("2026-12-29"), today), "in 5 weeks");
        assert_eq!(relative_day(day("2026-11-20"), today), "4 days ago");
        assert_eq!(short_day(day("2026-04-24"), today), "Apr 24");
        assert_eq!(short_day(day("2027-04-24"), today), "Apr 24, 2027");
        let now = DateTime::parse_from_rfc3339("2026-11-24T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(ago(now - chrono::Duration::minutes(5), now), "5 min ago");
        assert_eq!(ago(now + chrono::Duration::minutes(12), now), "in 12 min");
        assert_eq!(ago(now - chrono::Duration::days(1678), now), "4 years ago");
        assert_eq!(delta(Some(-1), Direction::Earlier), "1 day earlier");
        assert_eq!(delta(Some(21), Direction::Later), "3 weeks later");
    }
}
