//! The holiday table: every named holiday as data (its names, the rule that
//! dates it, and an optional end for multi-day holidays), plus the compact
//! per-year tables the lunar and lunisolar rules read. `holidays` is the one
//! mechanism that reads it; adding a holiday is adding a row.
//!
//! Conventions and sources:
//! - Jewish holidays are dated by the evening they begin (the day before the
//!   first full day), as Duckling does; they are computed from the Hebrew
//!   calendar (`calendars::hebrew`), so they hold for any year.
//! - Islamic dates come from the observed tables below (Turkish civil
//!   calendar, 2000–2035) where they have the year, else from the tabular
//!   Islamic calendar, which may be a day or two off the observed date.
//! - Hindu, Sikh and Buddhist lunisolar days read one anchor table each
//!   (2000–2030; Diwali 2001–2035) and others are a fixed number of days
//!   from an anchor (Holi is 39 days after Vasant Panchami). A lunar day is a
//!   little shorter than a civil day, so a derived day can be one off. The
//!   anchor tables for Navaratri, Raksha Bandhan, Janmashtami, Vasant
//!   Panchami, Thai Pongal, Onam, Vaisakhi, Vesak, Guru Gobind Singh Jayanti
//!   and Global Youth Service Day are the facts listed in Duckling's
//!   `Duckling/Time/Computed.hs` (BSD licence, Facebook, Inc.); the Diwali,
//!   lunar new year, Chuseok and Eid tables were already in this project.
//! - `article: false` rows are read only in standalone phrases (lenient
//!   mode), never in running text, and a name written with a leading `~` is
//!   lenient-only too: "Holi", "Lent" or "King's Day" are ordinary words or
//!   titles in news far more often than they date a release.

use super::calendars::Hebrew;
use chrono::Weekday;

/// How the first day of a holiday is found for a Gregorian year.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Base {
    /// Month and day.
    Fixed(u32, u32),
    /// The `n`th weekday of a month (`n = 0`: the last one).
    Nth(u32, Weekday, u32),
    Easter,
    Orthodox,
    Hebrew(Hebrew),
    /// Islamic month and day, tabular calendar.
    Hijri(u32, u32),
    /// Islamic month and day: the observed table where it has the year.
    HijriTable(&'static [(i32, u32, u32)], u32, u32),
    /// One `MMDD` per year from the first year given.
    Table(i32, &'static [u16]),
    /// `(year, month, day)` rows.
    Rows(&'static [(i32, u32, u32)]),
    /// Month and day; Saturday moves to Friday, Sunday to Monday.
    Weekday(u32, u32),
    /// Month and day; Sunday moves back to Saturday.
    NotSunday(u32, u32),
    /// A day of a 365-day calendar, given by its Gregorian date in one year.
    Vague(i32, u32, u32),
}

/// A base day, shifted by `off` days, then (when `before` is set) moved to
/// the last such weekday strictly before it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rule {
    pub base: Base,
    pub off: i16,
    pub before: Option<Weekday>,
}

/// One named holiday.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Holiday {
    /// Lowercase words; apostrophes, hyphens and dots between words and a
    /// possessive "'s" are skipped when matching.
    pub names: &'static [&'static str],
    pub start: Rule,
    /// The last day, for holidays of several days (the first such day on or
    /// after the start).
    pub until: Option<Rule>,
    /// Read in running text as well as in standalone phrases.
    pub article: bool,
}

const fn at(base: Base, off: i16) -> Rule {
    Rule {
        base,
        off,
        before: None,
    }
}

const fn day(names: &'static [&'static str], base: Base, off: i16, article: bool) -> Holiday {
    Holiday {
        names,
        start: at(base, off),
        until: None,
        article,
    }
}

const fn span(names: &'static [&'static str], base: Base, from: i16, to: i16) -> Holiday {
    Holiday {
        names,
        start: at(base, from),
        until: Some(at(base, to)),
        article: false,
    }
}

use Base::*;
use Weekday::{Mon, Sun, Thu};

const THANKSGIVING: Base = Nth(11, Thu, 4);
const DIWALI_B: Base = Rows(DIWALI);
const NAVARATRI_B: Base = Table(2000, NAVARATRI);
const RAKHI_B: Base = Table(2000, RAKSHA_BANDHAN);
const VASANT_B: Base = Table(2000, VASANT_PANCHAMI);
const PONGAL_B: Base = Table(2000, THAI_PONGAL);
const FITR: Base = HijriTable(EID_AL_FITR, 10, 1);
const NEW_YEAR_H: Base = Base::Hebrew(Hebrew::NewYear);
const PASSOVER_H: Base = Base::Hebrew(Hebrew::Passover);

/// Every holiday we read.
pub(crate) const HOLIDAYS: &[Holiday] = &[
    // Fixed and weekday-rule holidays.
    day(
        &["christmas", "christmas day", "xmas", "xmas day"],
        Fixed(12, 25),
        0,
        true,
    ),
    day(&["christmas eve", "xmas eve"], Fixed(12, 24), 0, true),
    day(
        &["new year day", "new years day", "~new year", "~new years"],
        Fixed(1, 1),
        0,
        true,
    ),
    day(&["new year eve", "new years eve"], Fixed(12, 31), 0, true),
    day(&["thanksgiving", "thanksgiving day"], THANKSGIVING, 0, true),
    day(&["black friday"], THANKSGIVING, 1, true),
    day(&["cyber monday"], THANKSGIVING, 4, true),
    day(&["halloween"], Fixed(10, 31), 0, true),
    day(
        &["valentine day", "valentines day", "valentine", "valentines"],
        Fixed(2, 14),
        0,
        true,
    ),
    day(&["memorial day"], Nth(5, Mon, 0), 0, true),
    day(&["independence day"], Fixed(7, 4), 0, true),
    day(&["labor day", "labour day"], Nth(9, Mon, 1), 0, true),
    day(
        &[
            "mlk day",
            "mlk jr day",
            "martin luther king day",
            "martin luther kings day",
            "martin luther king jr day",
            "~civil rights day",
        ],
        Nth(1, Mon, 3),
        0,
        true,
    ),
    day(
        &["presidents day", "president day"],
        Nth(2, Mon, 3),
        0,
        true,
    ),
    day(&["mother day", "mothers day"], Nth(5, Sun, 2), 0, true),
    day(&["father day", "fathers day"], Nth(6, Sun, 3), 0, true),
    day(
        &[
            "st patrick day",
            "st patricks day",
            "saint patrick day",
            "saint patricks day",
            "st paddy day",
            "st paddys day",
            "saint paddy day",
            "saint paddys day",
        ],
        Fixed(3, 17),
        0,
        true,
    ),
    day(&["boxing day"], Fixed(12, 26), 0, true),
    day(&["veterans day", "veteran day"], Fixed(11, 11), 0, true),
    day(&["juneteenth"], Fixed(6, 19), 0, true),
    day(&["ides of march"], Fixed(3, 15), 0, true),
    day(&["world vegan day"], Fixed(11, 1), 0, false),
    day(&["boss day", "bosses day"], Weekday(10, 16), 0, false),
    day(
        &["king day", "kings day", "koningsdag"],
        NotSunday(4, 27),
        0,
        false,
    ),
    day(
        &["rabindra jayanti", "rabindranath jayanti"],
        Fixed(5, 9),
        0,
        false,
    ),
    day(
        &["parsi new year", "jamshedi navroz"],
        Vague(2018, 8, 17),
        0,
        false,
    ),
    span(
        &["global youth service day", "gysd"],
        Table(2012, GYSD),
        0,
        2,
    ),
    // Easter and the days around it.
    day(&["easter", "easter sunday"], Easter, 0, true),
    day(&["easter monday", "easter mon"], Easter, 1, true),
    day(&["good friday"], Easter, -2, true),
    day(
        &[
            "maundy thursday",
            "holy thursday",
            "covenant thursday",
            "covenant thu",
            "thu of mysteries",
            "thursday of mysteries",
        ],
        Easter,
        -3,
        false,
    ),
    day(&["palm sunday", "branch sunday"], Easter, -7, false),
    day(&["ash wednesday"], Easter, -46, false),
    day(
        &[
            "shrove tuesday",
            "pancake day",
            "pancake tuesday",
            "mardi gras",
        ],
        Easter,
        -47,
        false,
    ),
    day(&["ascension day"], Easter, 39, false),
    day(
        &["pentecost", "whitsunday", "whit sunday", "white sunday"],
        Easter,
        49,
        false,
    ),
    day(
        &[
            "whit monday",
            "monday of the holy spirit",
            "pentecost monday",
        ],
        Easter,
        50,
        false,
    ),
    day(&["trinity sunday"], Easter, 56, false),
    span(&["~lent"], Easter, -46, -1),
    day(
        &["orthodox easter", "orthodox easter sunday"],
        Orthodox,
        0,
        false,
    ),
    day(
        &["orthodox good friday", "orthodox great friday"],
        Orthodox,
        -2,
        false,
    ),
    day(
        &["clean monday", "orthodox shrove monday", "pure monday"],
        Orthodox,
        -48,
        false,
    ),
    day(&["lazarus saturday"], Orthodox, -8, false),
    span(&["great lent", "great fast"], Orthodox, -48, -9),
    // Hebrew calendar, dated by the evening each holiday begins.
    span(
        &[
            "rosh hashanah",
            "rosh hashana",
            "rosh hashanna",
            "rosh ha shana",
        ],
        NEW_YEAR_H,
        -1,
        1,
    ),
    day(&["yom kippur"], NEW_YEAR_H, 8, false),
    span(
        &[
            "sukkot",
            "succos",
            "sukkos",
            "feast of the ingathering",
            "feast of tabernacles",
            "feast of booths",
        ],
        NEW_YEAR_H,
        13,
        21,
    ),
    day(&["shemini atzeret"], NEW_YEAR_H, 20, false),
    day(&["simchat torah"], NEW_YEAR_H, 21, false),
    span(&["passover", "pesach"], PASSOVER_H, -1, 7),
    span(
        &["shavuot", "shavuos", "feast of weeks"],
        PASSOVER_H,
        49,
        51,
    ),
    day(
        &["lag b omer", "lag baomer", "lag ba omer"],
        PASSOVER_H,
        32,
        false,
    ),
    day(&["purim"], PASSOVER_H, -31, false),
    day(&["shushan purim"], PASSOVER_H, -30, false),
    span(
        &[
            "hanukkah",
            "chanukah",
            "hanukah",
            "hannukkah",
            "chanukkah",
            "hanuka",
            "chanuka",
        ],
        Base::Hebrew(Hebrew::Hanukkah),
        -1,
        6,
    ),
    day(
        &["tu bishvat", "tu b shvat", "tu bshvat"],
        Base::Hebrew(Hebrew::TuBishvat),
        -1,
        false,
    ),
    day(
        &[
            "yom hashoah",
            "yom ha shoah",
            "holocaust day",
            "holocaust remembrance day",
        ],
        Base::Hebrew(Hebrew::Shoah),
        -1,
        false,
    ),
    day(
        &["yom haatzmaut", "yom ha atzmaut"],
        Base::Hebrew(Hebrew::Atzmaut),
        -1,
        false,
    ),
    day(
        &["tisha b av", "tisha bav", "tisha be av"],
        Base::Hebrew(Hebrew::Av9),
        -1,
        false,
    ),
    // Islamic calendar.
    day(
        &[
            "eid",
            "eid al fitr",
            "eid ul fitr",
            "eid el fitr",
            "id al fitr",
            "id ul fitr",
        ],
        FITR,
        0,
        true,
    ),
    day(
        &[
            "eid al adha",
            "eid ul adha",
            "eid el adha",
            "eid al azha",
            "eid ul azha",
            "id al adha",
            "id ul adha",
            "bakr id",
            "bakrid",
            "sacrifice feast",
            "feast of sacrifice",
        ],
        HijriTable(EID_AL_ADHA, 12, 10),
        0,
        true,
    ),
    Holiday {
        names: &["ramadan", "ramadhan", "ramzan"],
        start: at(Hijri(9, 1), 0),
        until: Some(at(FITR, -1)),
        article: false,
    },
    day(
        &[
            "laylat al qadr",
            "laylat al kadr",
            "lailat al qadr",
            "night of power",
            "night of measures",
        ],
        Hijri(9, 27),
        0,
        false,
    ),
    Holiday {
        names: &[
            "jumu atul wida",
            "jumuatul wida",
            "jamat ul vida",
            "jumat ul wida",
        ],
        start: Rule {
            base: FITR,
            off: 0,
            before: Some(Weekday::Fri),
        },
        until: None,
        article: false,
    },
    day(
        &[
            "isra and mi raj",
            "isra and miraj",
            "isra mi raj",
            "prophet ascension",
            "night journey",
            "ascension to heaven",
        ],
        Hijri(7, 27),
        0,
        false,
    ),
    day(
        &["islamic new year", "hijri new year", "amun jadid"],
        Hijri(1, 1),
        0,
        false,
    ),
    day(&["ashura", "day of ashura"], Hijri(1, 10), 0, false),
    day(
        &[
            "mawlid",
            "mawlid al nabawi",
            "mawlid an nabi",
            "milad un nabi",
        ],
        Hijri(3, 12),
        0,
        false,
    ),
    // Lunar new year and Chuseok.
    day(
        &[
            "lunar new year",
            "lunar new years",
            "lunar new year day",
            "chinese new year",
            "chinese new years",
            "chinese new year day",
            "chinese lunar new year",
            "chinese lunar new year day",
            "seollal",
        ],
        Rows(LUNAR_NEW_YEAR),
        0,
        true,
    ),
    day(&["chuseok"], Rows(CHUSEOK), 0, true),
    // Hindu, Sikh and Buddhist days.
    day(&["diwali", "deepavali", "lakshmi puja"], DIWALI_B, 0, true),
    day(&["dhanteras", "dhanatrayodashi"], DIWALI_B, -2, false),
    day(
        &[
            "naraka chaturdashi",
            "kali chaudas",
            "choti diwali",
            "chhoti diwali",
        ],
        DIWALI_B,
        -1,
        false,
    ),
    day(&["bhai dooj", "bhau beej", "bhai tika"], DIWALI_B, 2, false),
    day(
        &["chhath", "chhath puja", "dala puja", "surya shashthi"],
        DIWALI_B,
        6,
        false,
    ),
    day(&["karva chauth", "karwa chauth"], DIWALI_B, -11, false),
    day(
        &[
            "valmiki jayanti",
            "maharishi valmiki jayanti",
            "pargat diwas",
        ],
        DIWALI_B,
        -14,
        false,
    ),
    span(&["navaratri", "navratri", "durga puja"], NAVARATRI_B, 0, 9),
    day(
        &["dussehra", "dasara", "vijayadashami"],
        NAVARATRI_B,
        9,
        false,
    ),
    day(&["maha saptami"], NAVARATRI_B, 6, false),
    day(&["raksha bandhan", "rakhi"], RAKHI_B, 0, false),
    day(&["ratha yatra", "rath yatra"], RAKHI_B, -43, false),
    day(
        &["ganesh chaturthi", "vinayaka chaturthi"],
        RAKHI_B,
        18,
        false,
    ),
    day(
        &["krishna janmashtami", "janmashtami", "gokulashtami"],
        Table(2000, JANMASHTAMI),
        0,
        false,
    ),
    day(&["vasant panchami", "basant panchami"], VASANT_B, 0, false),
    day(
        &[
            "guru ravidas jayanti",
            "guru ravidass jayanti",
            "guru ravidas birthday",
            "guru ravidass birthday",
        ],
        VASANT_B,
        9,
        false,
    ),
    day(
        &["saraswati jayanti", "dayananda saraswati jayanti"],
        VASANT_B,
        19,
        false,
    ),
    day(
        &["maha shivaratri", "maha shivratri", "mahashivratri"],
        VASANT_B,
        23,
        false,
    ),
    day(
        &["holika dahan", "chhoti holi", "kamudu pyre"],
        VASANT_B,
        38,
        false,
    ),
    day(
        &["~holi", "dhulandi", "phagwah", "dhulheti"],
        VASANT_B,
        39,
        false,
    ),
    day(
        &[
            "ugadi",
            "yugadi",
            "samvatsaradi",
            "chaitra sukladi",
            "chaitra sukhladi",
            "gudi padwa",
        ],
        VASANT_B,
        55,
        false,
    ),
    day(&["rama navami", "ram navami"], VASANT_B, 64, false),
    day(
        &[
            "mahavir jayanti",
            "mahaveer jayanti",
            "mahavir janma kalyanak",
            "mahaveer janma kalyanak",
        ],
        VASANT_B,
        68,
        false,
    ),
    day(
        &[
            "pongal",
            "thai pongal",
            "makara sankranthi",
            "makara sankranti",
            "makar sankranti",
            "maghi",
        ],
        PONGAL_B,
        0,
        false,
    ),
    day(&["bogi pandigai", "boghi", "bhogi"], PONGAL_B, -1, false),
    day(&["mattu pongal", "maattu pongal"], PONGAL_B, 1, false),
    day(&["kaanum pongal", "kanni pongal"], PONGAL_B, 2, false),
    day(
        &["onam", "thiru onam", "thiruvonam"],
        Table(2000, THIRU_ONAM),
        0,
        false,
    ),
    day(
        &["vaisakhi", "baisakhi", "vasakhi", "vaishakhi"],
        Table(2000, VAISAKHI),
        0,
        false,
    ),
    day(
        &[
            "vesak",
            "vaisakha",
            "buddha day",
            "buddha purnima",
            "buddha jayanti",
        ],
        Table(2000, VESAK),
        0,
        false,
    ),
    day(
        &[
            "guru gobind singh jayanti",
            "guru govind singh jayanti",
            "guru gobind singh birthday",
        ],
        Table(2000, GURU_GOBIND_SINGH),
        0,
        false,
    ),
];

// Anchor tables, `MMDD` per year (see the module comment for the source).

/// Navaratri's first day, 2000–2030.
const NAVARATRI: &[u16] = &[
    928, 1017, 1007, 926, 1014, 1004, 923, 1012, 930, 919, 1008, 928, 1016, 1005, 925, 1013, 1001,
    921, 1009, 929, 1017, 1006, 926, 1015, 1003, 922, 1011, 930, 919, 1008, 927,
];

/// Raksha Bandhan (Shravana Purnima), 2000–2030.
const RAKSHA_BANDHAN: &[u16] = &[
    815, 804, 822, 812, 829, 819, 809, 828, 816, 805, 824, 813, 802, 820, 810, 829, 818, 807, 826,
    815, 803, 822, 811, 830, 819, 809, 828, 817, 805, 823, 813,
];

/// Vasant Panchami (Magha Shukla Panchami), 2000–2030.
const VASANT_PANCHAMI: &[u16] = &[
    210, 129, 217, 206, 126, 213, 202, 123, 211, 131, 120, 208, 128, 215, 204, 124, 212, 201, 122,
    210, 129, 216, 205, 126, 214, 202, 123, 211, 131, 119, 207,
];

/// Thai Pongal (Makar Sankranti), 2000–2030.
const THAI_PONGAL: &[u16] = &[
    115, 114, 114, 114, 115, 114, 114, 115, 115, 114, 114, 115, 115, 114, 114, 115, 115, 114, 114,
    115, 115, 114, 114, 115, 115, 114, 114, 115, 115, 114, 114,
];

/// Thiru Onam, 2000–2030.
const THIRU_ONAM: &[u16] = &[
    910, 831, 821, 908, 828, 915, 905, 826, 912, 902, 823, 909, 829, 820, 906, 828, 913, 904, 824,
    911, 831, 821, 908, 829, 915, 905, 826, 912, 901, 822, 909,
];

/// Vaisakhi, 2000–2030.
const VAISAKHI: &[u16] = &[
    413, 413, 414, 414, 413, 413, 414, 414, 413, 414, 414, 414, 413, 414, 414, 414, 413, 414, 414,
    414, 413, 414, 414, 414, 413, 414, 414, 414, 413, 414, 414,
];

/// Vesak (Buddha Purnima), 2000–2030.
const VESAK: &[u16] = &[
    518, 507, 526, 515, 504, 523, 512, 531, 519, 508, 527, 517, 505, 524, 514, 503, 521, 510, 529,
    518, 507, 526, 515, 505, 523, 512, 531, 520, 508, 527, 517,
];

/// Krishna Janmashtami, 2000–2030.
const JANMASHTAMI: &[u16] = &[
    822, 812, 831, 820, 906, 826, 815, 903, 823, 813, 901, 821, 809, 828, 817, 905, 825, 814, 903,
    823, 811, 830, 819, 906, 826, 816, 904, 825, 813, 901, 821,
];

/// Guru Gobind Singh Jayanti (Nanakshahi and lunar reckonings differ; these
/// are the days observed in India), 2000–2030.
const GURU_GOBIND_SINGH: &[u16] = &[
    114, 102, 121, 1229, 105, 116, 1227, 105, 114, 1223, 105, 105, 105, 118, 107, 105, 116, 1225,
    105, 113, 201, 119, 108, 105, 117, 105, 105, 114, 103, 105, 110,
];

/// Global Youth Service Day (a Friday-to-Sunday weekend), 2012–2018.
const GYSD: &[u16] = &[420, 426, 411, 417, 415, 421, 420];

/// First day of the lunar year (Seollal / Chinese New Year).
const LUNAR_NEW_YEAR: &[(i32, u32, u32)] = &[
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
const CHUSEOK: &[(i32, u32, u32)] = &[
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
const DIWALI: &[(i32, u32, u32)] = &[
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
const EID_AL_FITR: &[(i32, u32, u32)] = &[
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
const EID_AL_ADHA: &[(i32, u32, u32)] = &[
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
