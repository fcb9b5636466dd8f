//! Named holidays: fixed dates, rule-based ones (Thanksgiving, Easter) and lunar
//! or Islamic ones from tables covering 2000–2035 (2001–2035 for Diwali). Outside
//! the table range a lunar holiday is not resolved.

use super::temporal::{nth_weekday, ymd, Hit, Scanner};
use crate::model::Period;
use chrono::{Duration, NaiveDate, Weekday};

/// The holidays we know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hol {
    Christmas,
    ChristmasEve,
    NewYearsDay,
    NewYearsEve,
    Thanksgiving,
    BlackFriday,
    CyberMonday,
    Halloween,
    Valentines,
    Easter,
    GoodFriday,
    EasterMonday,
    MemorialDay,
    IndependenceDay,
    LaborDay,
    MlkDay,
    PresidentsDay,
    MothersDay,
    FathersDay,
    StPatricks,
    BoxingDay,
    VeteransDay,
    Juneteenth,
    IdesOfMarch,
    Diwali,
    EidFitr,
    EidAdha,
    LunarNewYear,
    Chuseok,
}

/// Easter Sunday (Gregorian computus, anonymous algorithm).
fn easter(y: i32) -> Option<NaiveDate> {
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    ymd(y, month as u32, day as u32)
}

fn table(t: &[(i32, u32, u32)], y: i32) -> Option<NaiveDate> {
    t.iter().find(|r| r.0 == y).and_then(|r| ymd(r.0, r.1, r.2))
}

/// The day of holiday `h` in year `y`.
pub(crate) fn holiday_date(h: Hol, y: i32) -> Option<NaiveDate> {
    use Hol::*;
    match h {
        Christmas => ymd(y, 12, 25),
        ChristmasEve => ymd(y, 12, 24),
        NewYearsDay => ymd(y, 1, 1),
        NewYearsEve => ymd(y, 12, 31),
        Thanksgiving => nth_weekday(y, 11, Weekday::Thu, 4),
        BlackFriday => nth_weekday(y, 11, Weekday::Thu, 4).map(|d| d + Duration::days(1)),
        CyberMonday => nth_weekday(y, 11, Weekday::Thu, 4).map(|d| d + Duration::days(4)),
        Halloween => ymd(y, 10, 31),
        Valentines => ymd(y, 2, 14),
        Easter => easter(y),
        GoodFriday => easter(y).map(|d| d - Duration::days(2)),
        EasterMonday => easter(y).map(|d| d + Duration::days(1)),
        MemorialDay => nth_weekday(y, 5, Weekday::Mon, 0),
        IndependenceDay => ymd(y, 7, 4),
        LaborDay => nth_weekday(y, 9, Weekday::Mon, 1),
        MlkDay => nth_weekday(y, 1, Weekday::Mon, 3),
        PresidentsDay => nth_weekday(y, 2, Weekday::Mon, 3),
        MothersDay => nth_weekday(y, 5, Weekday::Sun, 2),
        FathersDay => nth_weekday(y, 6, Weekday::Sun, 3),
        StPatricks => ymd(y, 3, 17),
        BoxingDay => ymd(y, 12, 26),
        VeteransDay => ymd(y, 11, 11),
        Juneteenth => ymd(y, 6, 19),
        IdesOfMarch => ymd(y, 3, 15),
        Diwali => table(DIWALI, y),
        EidFitr => table(EID_AL_FITR, y),
        EidAdha => table(EID_AL_ADHA, y),
        LunarNewYear => table(LUNAR_NEW_YEAR, y),
        Chuseok => table(CHUSEOK, y),
    }
}

impl Scanner<'_> {
    /// A holiday name at `i`, with the token after it.
    pub(crate) fn holiday_at(&self, i: usize) -> Option<(Hol, usize)> {
        use Hol::*;
        let w = |k: usize| self.w(i + k);
        // "valentine's", "new year's": skip the possessive.
        let poss = |k: usize| -> usize {
            if self.p(i + k, '\'') && self.is(i + k + 1, "s") {
                k + 2
            } else if self.p(i + k, '\'') {
                k + 1
            } else {
                k
            }
        };
        let day = |k: usize| if self.is(i + k, "day") { k + 1 } else { k };
        let (h, n) = match w(0) {
            "christmas" | "xmas" => match w(1) {
                "eve" => (ChristmasEve, 2),
                "day" => (Christmas, 2),
                _ => (Christmas, 1),
            },
            "new" if w(1) == "year" => {
                let k = poss(2);
                match self.w(i + k) {
                    "eve" => (NewYearsEve, k + 1),
                    "day" => (NewYearsDay, k + 1),
                    _ if self.strict => return None,
                    _ => (NewYearsDay, k),
                }
            }
            "new" if w(1) == "years" && w(2) == "eve" => (NewYearsEve, 3),
            "new" if w(1) == "years" && w(2) == "day" => (NewYearsDay, 3),
            "thanksgiving" => (Thanksgiving, day(1)),
            "black" if w(1) == "friday" => (BlackFriday, 2),
            "cyber" if w(1) == "monday" => (CyberMonday, 2),
            "halloween" => (Halloween, 1),
            "valentine" | "valentines" => {
                let k = poss(1);
                (Valentines, day(k))
            }
            "easter" => match w(1) {
                "sunday" => (Easter, 2),
                "monday" | "mon" => (EasterMonday, 2),
                _ => (Easter, 1),
            },
            "good" if w(1) == "friday" => (GoodFriday, 2),
            "memorial" if w(1) == "day" => (MemorialDay, 2),
            "independence" if w(1) == "day" => (IndependenceDay, 2),
            "labor" | "labour" if w(1) == "day" => (LaborDay, 2),
            "mlk" if w(1) == "day" => (MlkDay, 2),
            "mlk" if w(1) == "jr" => (MlkDay, day(if self.p(i + 2, '.') { 3 } else { 2 })),
            "presidents" | "president" if matches!(self.w(i + poss(1)), "day") => {
                (PresidentsDay, poss(1) + 1)
            }
            "mother" | "mothers" if self.is(i + poss(1), "day") => (MothersDay, poss(1) + 1),
            "father" | "fathers" if self.is(i + poss(1), "day") => (FathersDay, poss(1) + 1),
            "boxing" if w(1) == "day" => (BoxingDay, 2),
            "veterans" if self.is(i + poss(1), "day") => (VeteransDay, poss(1) + 1),
            "juneteenth" => (Juneteenth, 1),
            "ides" if w(1) == "of" && w(2) == "march" => (IdesOfMarch, 3),
            "diwali" | "deepavali" => (Diwali, 1),
            "chuseok" => (Chuseok, 1),
            "seollal" => (LunarNewYear, 1),
            "eid" => {
                // "Eid al-Fitr", "Eid-ul-Adha", "Eid ul Fitr", plain "Eid".
                let mut k = i + 1;
                if self.p(k, '-') {
                    k += 1;
                }
                if matches!(self.w(k), "al" | "ul" | "el") {
                    k += 1;
                    if self.p(k, '-') {
                        k += 1;
                    }
                    match self.w(k) {
                        "fitr" => (EidFitr, k + 1 - i),
                        "adha" | "azha" => (EidAdha, k + 1 - i),
                        _ => (EidFitr, 1),
                    }
                } else {
                    (EidFitr, 1)
                }
            }
            "lunar" if w(1) == "new" && w(2) == "year" => (LunarNewYear, poss(3)),
            "chinese" => {
                let k = if w(1) == "lunar" { 2 } else { 1 };
                if !(self.is(i + k, "new") && matches!(self.w(i + k + 1), "year" | "years")) {
                    return None;
                }
                let e = poss(k + 2);
                (LunarNewYear, day(e))
            }
            "st" | "saint" => {
                let k = if self.p(i + 1, '.') { 2 } else { 1 };
                if !matches!(self.w(i + k), "patrick" | "patricks" | "paddy") {
                    return None;
                }
                (StPatricks, day(poss(k + 1)))
            }
            "martin" if w(1) == "luther" && matches!(w(2), "king" | "kings") => {
                (MlkDay, day(poss(3)))
            }
            _ => return None,
        };
        if self.strict && !self.cap(i) && !matches!(w(0), "xmas") {
            return None;
        }
        // "a Christmas song", "the Halloween special": a theme, not a date.
        let next = self.w(i + n);
        if self.strict
            && (super::subject::work_noun(next)
                || matches!(
                    next,
                    "spirit"
                        | "tree"
                        | "music"
                        | "theme"
                        | "themed"
                        | "party"
                        | "carol"
                        | "carols"
                        | "classic"
                        | "classics"
                        | "episode"
                        | "episodes"
                        | "costume"
                        | "lights"
                        | "market"
                        | "markets"
                        | "card"
                        | "cards"
                        | "gift"
                        | "gifts"
                        | "holiday"
                        | "break"
                        | "eve"
                        | "sale"
                        | "sales"
                ))
            && next != "season"
        {
            return None;
        }
        Some((h, i + n))
    }

    /// "Christmas", "Thanksgiving 2025", "Eid al-Adha 1974", "black friday of this year".
    pub(crate) fn holiday(&self, i: usize) -> Option<Hit> {
        let (h, e) = self.holiday_at(i)?;
        // "this Christmas season" is the holiday season.
        if matches!(h, Hol::Christmas | Hol::Thanksgiving) && self.is(e, "season") {
            let make = |y: i32| {
                Period::season(y, crate::model::Season::Holiday).map(|p| Hit::of(e + 1, p))
            };
            return self.choose(make, None);
        }
        let yr = self
            .year_at(e, false)
            .or_else(|| {
                if self.p(e, ',') {
                    self.year_at(e + 1, false)
                } else {
                    None
                }
            })
            .or_else(|| {
                if self.is(e, "of") {
                    self.year_ref(e + 1)
                } else {
                    None
                }
            });
        if let Some((y, end)) = yr {
            return holiday_date(h, y).map(|d| Hit::day(end, d));
        }
        self.choose(|y| holiday_date(h, y).map(|d| Hit::day(e, d)), None)
            .map(|hit| Hit::of(e, Period::day(hit.first)))
    }

    /// "last Christmas" / "this Thanksgiving" / "next Easter".
    pub(crate) fn holiday_rel(&self, j: usize, past: bool) -> Option<Hit> {
        let (h, e) = self.holiday_at(j)?;
        if self.is(e, "season") {
            return self.holiday(j);
        }
        let y = chrono::Datelike::year(&self.today);
        let dates = (y - 1..=y + 1).filter_map(|y| holiday_date(h, y));
        let d = if past {
            dates.rev().find(|d| *d < self.today)?
        } else {
            dates.into_iter().find(|d| *d >= self.today)?
        };
        Some(Hit::day(e, d))
    }
}

/// First day of the lunar year (Seollal / Chinese New Year).
pub(crate) const LUNAR_NEW_YEAR: &[(i32, u32, u32)] = &[
    (2000, 2, 5),
    (2001, 1, 24),
    (2002, 2, 12),
    (2003, 2, 1),
    (2004, 1, 22),
    (2005, 2, 9),
    (2006, 1, 29),
    (2007, 2, 18),
    (2008, 2, 7),
    (2009, 1, 26),
    (2010, 2, 14),
    (2011, 2, 3),
    (2012, 1, 23),
    (2013, 2, 10),
    (2014, 1, 31),
    (2015, 2, 19),
    (2016, 2, 8),
    (2017, 1, 28),
    (2018, 2, 16),
    (2019, 2, 5),
    (2020, 1, 25),
    (2021, 2, 12),
    (2022, 2, 1),
    (2023, 1, 22),
    (2024, 2, 10),
    (2025, 1, 29),
    (2026, 2, 17),
    (2027, 2, 7),
    (2028, 1, 27),
    (2029, 2, 13),
    (2030, 2, 3),
    (2031, 1, 23),
    (2032, 2, 11),
    (2033, 1, 31),
    (2034, 2, 19),
    (2035, 2, 8),
];

/// Chuseok (15th day of the 8th lunar month).
pub(crate) const CHUSEOK: &[(i32, u32, u32)] = &[
    (2000, 9, 12),
    (2001, 10, 1),
    (2002, 9, 21),
    (2003, 9, 11),
    (2004, 9, 28),
    (2005, 9, 18),
    (2006, 10, 6),
    (2007, 9, 25),
    (2008, 9, 14),
    (2009, 10, 3),
    (2010, 9, 22),
    (2011, 9, 12),
    (2012, 9, 30),
    (2013, 9, 19),
    (2014, 9, 8),
    (2015, 9, 27),
    (2016, 9, 15),
    (2017, 10, 4),
    (2018, 9, 24),
    (2019, 9, 13),
    (2020, 10, 1),
    (2021, 9, 21),
    (2022, 9, 10),
    (2023, 9, 29),
    (2024, 9, 17),
    (2025, 10, 6),
    (2026, 9, 25),
    (2027, 9, 15),
    (2028, 10, 3),
    (2029, 9, 22),
    (2030, 9, 12),
    (2031, 10, 1),
    (2032, 9, 19),
    (2033, 9, 8),
    (2034, 9, 27),
    (2035, 9, 16),
];

/// Diwali (Lakshmi Puja day as observed in India); 2000 is missing from the source.
pub(crate) const DIWALI: &[(i32, u32, u32)] = &[
    (2001, 11, 14),
    (2002, 11, 4),
    (2003, 10, 25),
    (2004, 11, 12),
    (2005, 11, 1),
    (2006, 10, 21),
    (2007, 11, 9),
    (2008, 10, 28),
    (2009, 10, 17),
    (2010, 11, 5),
    (2011, 10, 26),
    (2012, 11, 13),
    (2013, 11, 3),
    (2014, 10, 23),
    (2015, 11, 11),
    (2016, 10, 30),
    (2017, 10, 19),
    (2018, 11, 7),
    (2019, 10, 27),
    (2020, 11, 14),
    (2021, 11, 4),
    (2022, 10, 24),
    (2023, 11, 12),
    (2024, 10, 31),
    (2025, 10, 20),
    (2026, 11, 8),
    (2027, 10, 29),
    (2028, 10, 17),
    (2029, 11, 5),
    (2030, 10, 26),
    (2031, 11, 14),
    (2032, 11, 2),
    (2033, 10, 22),
    (2034, 11, 10),
    (2035, 10, 30),
];

/// First day of Eid al-Fitr (Turkish civil calendar; other countries may differ by a day).
pub(crate) const EID_AL_FITR: &[(i32, u32, u32)] = &[
    (2000, 1, 8),
    (2000, 12, 27),
    (2001, 12, 16),
    (2002, 12, 5),
    (2003, 11, 25),
    (2004, 11, 14),
    (2005, 11, 3),
    (2006, 10, 23),
    (2007, 10, 12),
    (2008, 9, 30),
    (2009, 9, 20),
    (2010, 9, 9),
    (2011, 8, 30),
    (2012, 8, 19),
    (2013, 8, 8),
    (2014, 7, 28),
    (2015, 7, 17),
    (2016, 7, 5),
    (2017, 6, 25),
    (2018, 6, 15),
    (2019, 6, 4),
    (2020, 5, 24),
    (2021, 5, 13),
    (2022, 5, 2),
    (2023, 4, 21),
    (2024, 4, 10),
    (2025, 3, 30),
    (2026, 3, 20),
    (2027, 3, 9),
    (2028, 2, 26),
    (2029, 2, 14),
    (2030, 2, 4),
    (2031, 1, 24),
    (2032, 1, 14),
    (2033, 1, 2),
    (2033, 12, 23),
    (2034, 12, 12),
    (2035, 12, 1),
];

/// First day of Eid al-Adha (Turkish civil calendar; other countries may differ by a day).
pub(crate) const EID_AL_ADHA: &[(i32, u32, u32)] = &[
    (2000, 3, 16),
    (2001, 3, 5),
    (2002, 2, 22),
    (2003, 2, 11),
    (2004, 2, 1),
    (2005, 1, 20),
    (2006, 1, 10),
    (2006, 12, 31),
    (2007, 12, 20),
    (2008, 12, 8),
    (2009, 11, 27),
    (2010, 11, 16),
    (2011, 11, 6),
    (2012, 10, 25),
    (2013, 10, 15),
    (2014, 10, 4),
    (2015, 9, 24),
    (2016, 9, 12),
    (2017, 9, 1),
    (2018, 8, 21),
    (2019, 8, 11),
    (2020, 7, 31),
    (2021, 7, 20),
    (2022, 7, 9),
    (2023, 6, 28),
    (2024, 6, 16),
    (2025, 6, 6),
    (2026, 5, 27),
    (2027, 5, 16),
    (2028, 5, 5),
    (2029, 4, 24),
    (2030, 4, 13),
    (2031, 4, 2),
    (2032, 3, 22),
    (2033, 3, 11),
    (2034, 3, 1),
    (2035, 2, 18),
];
