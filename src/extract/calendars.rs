//! Calendar arithmetic behind the holiday table: Western and Orthodox Easter
//! (computus), the Hebrew year (molad and postponement rules), the tabular
//! (arithmetical) Islamic calendar, and lookups in compact per-year tables.
//!
//! Pure date arithmetic over chrono; no I/O, no clock. Everything returns
//! `None` rather than panic when a date falls outside chrono's range.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// Days since 0001-01-01 (day 1), the "fixed" day count of Reingold and
/// Dershowitz's *Calendrical Calculations*.
fn from_fixed(rd: i64) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(rd).ok()?)
}

fn to_fixed(d: NaiveDate) -> i64 {
    i64::from(d.num_days_from_ce())
}

/// Easter Sunday, Gregorian computus (the "anonymous" algorithm).
pub(crate) fn easter(y: i32) -> Option<NaiveDate> {
    let a = y % 19;
    let (b, c) = (y / 100, y % 100);
    let (d, e) = (b / 4, b % 4);
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let n = h + l - 7 * m + 114;
    ymd(y, (n / 31) as u32, (n % 31 + 1) as u32)
}

/// Orthodox Easter Sunday: the Julian computus (Meeus), moved to the
/// Gregorian calendar by the century difference between the two.
pub(crate) fn orthodox_easter(y: i32) -> Option<NaiveDate> {
    let (a, b, c) = (y % 4, y % 7, y % 19);
    let d = (19 * c + 15) % 30;
    let e = (2 * a + 4 * b - d + 34) % 7;
    let n = d + e + 114;
    let julian = ymd(y, (n / 31) as u32, (n % 31 + 1) as u32)?;
    let gap = y / 100 - y / 400 - 2;
    julian.checked_add_signed(Duration::days(i64::from(gap)))
}

/// Days from the Hebrew epoch to the molad of Tishrei of year `y`, with the
/// first postponement (no Rosh Hashanah on Sunday, Wednesday or Friday).
fn hebrew_elapsed(y: i64) -> i64 {
    let months = (235 * y - 234).div_euclid(19);
    let parts = 12084 + 13753 * months;
    let day = 29 * months + parts.div_euclid(25920);
    if (3 * (day + 1)).rem_euclid(7) < 3 {
        day + 1
    } else {
        day
    }
}

/// The other postponements, which keep a year between 353 and 385 days.
fn hebrew_correction(y: i64) -> i64 {
    let (a, b, c) = (
        hebrew_elapsed(y - 1),
        hebrew_elapsed(y),
        hebrew_elapsed(y + 1),
    );
    if c - b == 356 {
        2
    } else if b - a == 382 {
        1
    } else {
        0
    }
}

/// The fixed day of 1 Tishrei (Rosh Hashanah) of Hebrew year `y`.
fn hebrew_new_year_fixed(y: i64) -> i64 {
    const EPOCH: i64 = -1_373_427; // 7 October 3761 BCE (Julian)
    EPOCH + hebrew_elapsed(y) + hebrew_correction(y)
}

/// Dates in the Hebrew year, all expressed for Gregorian year `g`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hebrew {
    /// 1 Tishrei, in September or October of `g`.
    NewYear,
    /// 15 Nisan (first day of Passover), in March or April of `g`.
    Passover,
    /// 25 Kislev (first day of Hanukkah), in November or December of `g`.
    Hanukkah,
    /// 15 Shevat, in January or February of `g`.
    TuBishvat,
    /// 27 Nisan, moved off Friday and Sunday.
    Shoah,
    /// 5 Iyar, moved off Friday, Saturday and Monday.
    Atzmaut,
    /// 9 Av, moved off Saturday.
    Av9,
}

/// The day of `which` in Gregorian year `g`.
pub(crate) fn hebrew(which: Hebrew, g: i32) -> Option<NaiveDate> {
    let h = i64::from(g) + 3761;
    let ny = hebrew_new_year_fixed(h);
    let len = hebrew_new_year_fixed(h + 1) - ny;
    let prev_len = ny - hebrew_new_year_fixed(h - 1);
    // 15 Nisan is always 163 days before the next 1 Tishrei.
    let nisan15 = ny - 163;
    let shift = |rd: i64, moves: &[(Weekday, i64)]| -> Option<NaiveDate> {
        let d = from_fixed(rd)?;
        let by = moves.iter().find(|m| m.0 == d.weekday()).map_or(0, |m| m.1);
        from_fixed(rd + by)
    };
    match which {
        Hebrew::NewYear => from_fixed(ny),
        Hebrew::Passover => from_fixed(nisan15),
        // A "complete" year (355 or 385 days) has a 30-day Heshvan.
        Hebrew::Hanukkah => from_fixed(ny + 30 + 29 + i64::from(len % 10 == 5) + 24),
        // Shevat to Nisan spans Adar, and Adar I too in a leap year.
        Hebrew::TuBishvat => from_fixed(nisan15 - if prev_len > 380 { 89 } else { 59 }),
        Hebrew::Shoah => shift(nisan15 + 12, &[(Weekday::Fri, -1), (Weekday::Sun, 1)]),
        Hebrew::Atzmaut => shift(
            nisan15 + 20,
            &[(Weekday::Fri, -1), (Weekday::Sat, -2), (Weekday::Mon, 1)],
        ),
        Hebrew::Av9 => shift(nisan15 + 112, &[(Weekday::Sat, 1)]),
    }
}

/// The fixed day of Islamic date `y/m/d` in the tabular calendar (civil
/// epoch, 16 July 622 Julian; leap years 2, 5, 7, 10, 13, 16, 18, 21, 24, 26
/// and 29 of each 30-year cycle). Observed dates may differ by a day or two.
fn islamic_fixed(y: i64, m: i64, d: i64) -> i64 {
    const EPOCH: i64 = 227_015;
    d + 29 * (m - 1)
        + (6 * m - 1).div_euclid(11)
        + (y - 1) * 354
        + (3 + 11 * y).div_euclid(30)
        + EPOCH
        - 1
}

/// Every day in Gregorian year `g` that is day `d` of Islamic month `m`
/// (an Islamic year is 11 days shorter, so there may be two).
pub(crate) fn hijri(m: u32, d: u32, g: i32) -> Vec<NaiveDate> {
    let approx = (i64::from(g) - 622) * 33 / 32;
    (approx - 1..=approx + 2)
        .filter_map(|y| from_fixed(islamic_fixed(y, i64::from(m), i64::from(d))))
        .filter(|x| x.year() == g)
        .collect()
}

/// A table of one day per year, `MMDD`, for consecutive years from `first`.
pub(crate) fn table_day(first: i32, days: &[u16], g: i32) -> Option<NaiveDate> {
    let k = usize::try_from(g.checked_sub(first)?).ok()?;
    let v = *days.get(k)?;
    ymd(g, u32::from(v / 100), u32::from(v % 100))
}

/// A table of `(year, month, day)` rows (a year may hold two).
pub(crate) fn table_rows(rows: &[(i32, u32, u32)], g: i32) -> Vec<NaiveDate> {
    rows.iter()
        .filter(|r| r.0 == g)
        .filter_map(|r| ymd(r.0, r.1, r.2))
        .collect()
}

/// Day `d0` of a 365-day calendar with no leap years (the Shahenshahi
/// calendar of the Parsi New Year), in Gregorian year `g`.
pub(crate) fn vague_year(d0: NaiveDate, g: i32) -> Option<NaiveDate> {
    let years = i64::from(g - d0.year());
    let d = from_fixed(to_fixed(d0) + 365 * years)?;
    if d.year() == g {
        Some(d)
    } else {
        from_fixed(to_fixed(d) + 365 * i64::from(g - d.year()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn easter_dates_are_known_ones() {
        assert_eq!(easter(2013), Some(day("2013-03-31")));
        assert_eq!(easter(2018), Some(day("2018-04-01")));
        assert_eq!(orthodox_easter(2018), Some(day("2018-04-08")));
        assert_eq!(orthodox_easter(2013), Some(day("2013-05-05")));
        assert_eq!(orthodox_easter(2050), Some(day("2050-04-17")));
    }

    #[test]
    fn hebrew_new_year_and_passover_are_known_ones() {
        assert_eq!(hebrew(Hebrew::NewYear, 2018), Some(day("2018-09-10")));
        assert_eq!(hebrew(Hebrew::NewYear, 1950), Some(day("1950-09-12")));
        assert_eq!(hebrew(Hebrew::NewYear, 2050), Some(day("2050-09-17")));
        assert_eq!(hebrew(Hebrew::Passover, 2018), Some(day("2018-03-31")));
        assert_eq!(hebrew(Hebrew::Hanukkah, 2018), Some(day("2018-12-03")));
        assert_eq!(hebrew(Hebrew::Av9, 2019), Some(day("2019-08-11")));
    }

    #[test]
    fn tabular_islamic_dates_land_in_their_year() {
        assert_eq!(hijri(9, 1, 2018), vec![day("2018-05-16")]);
        assert_eq!(hijri(10, 1, 2033).len(), 2);
    }

    #[test]
    fn parsi_new_year_drifts_a_day_every_four_years() {
        let d0 = day("2018-08-17");
        assert_eq!(vague_year(d0, 2022), Some(day("2022-08-16")));
        assert_eq!(vague_year(d0, 2018), Some(d0));
    }
}
