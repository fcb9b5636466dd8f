//! Table-driven checks of date expressions in running text: one `check` helper,
//! one line per behaviour. `check(text, published, label)` asserts that the
//! first date expression in `text`, read in an article published that day,
//! resolves to the period `label`; `span` also checks the day range.

use chrono::NaiveDate;
use slipwatch::extract::temporal::{dates_in, resolve_phrase};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

#[track_caller]
fn check(text: &str, published: &str, label: &str) {
    let found = dates_in(text, day(published));
    let got = found.first().map(|e| e.period.label.clone());
    assert_eq!(
        got.as_deref(),
        Some(label),
        "{text:?} published {published}: {found:?}"
    );
}

#[track_caller]
fn none(text: &str, published: &str) {
    let found = dates_in(text, day(published));
    assert!(found.is_empty(), "{text:?} should hold no date: {found:?}");
}

#[track_caller]
fn span(text: &str, published: &str, first: &str, last: &str) {
    let found = dates_in(text, day(published));
    let e = found.first().unwrap_or_else(|| panic!("{text:?}: no date"));
    assert_eq!((e.first, e.last), (day(first), day(last)), "{text:?}");
}

#[test]
fn absolute_dates_in_news_forms() {
    check(
        "It will be released on April 24, 2022.",
        "2022-04-19",
        "2022-04-24",
    );
    check(
        "It will be released on 24 April 2022.",
        "2022-04-19",
        "2022-04-24",
    );
    check("The album drops Apr. 24.", "2022-04-19", "2022-04-24");
    check("The film opens Sept 5th.", "2022-04-19", "2022-09-05");
    check(
        "It arrives on the 24th of April.",
        "2022-04-19",
        "2022-04-24",
    );
    check("The album drops 4/24 at 6 p.m.", "2022-04-19", "2022-04-24");
    check("Release date: 2022-04-24.", "2022-04-19", "2022-04-24");
    check(
        "It premieres Friday (April 24).",
        "2020-04-19",
        "2020-04-24",
    );
    check(
        "It is out Oct. 24 via Dualtone.",
        "2025-10-20",
        "2025-10-24",
    );
}

#[test]
fn clock_times_do_not_change_the_date() {
    check(
        "It will be released on April 25, 2022 at 6 p.m. KST.",
        "2022-04-19",
        "2022-04-25",
    );
    check(
        "It premieres on April 24 at 12 a.m. KST.",
        "2022-04-21",
        "2022-04-24",
    );
}

#[test]
fn year_less_dates_follow_publication_and_tense() {
    check(
        "The series will premiere on January 5.",
        "2025-12-10",
        "2026-01-05",
    );
    check(
        "The album was released on December 20.",
        "2026-01-10",
        "2025-12-20",
    );
    check(
        "The record, out Sept. 12 via Atlantic, was produced by Hale.",
        "2025-06-20",
        "2025-09-12",
    );
    check("It will now premiere in October.", "2026-06-30", "2026-10");
    check(
        "The drama premiered in April and ended in June.",
        "2025-05-12",
        "2025-04",
    );
    // A plan in the past tense is a replaced date: the nearest May, not next year's.
    check("The game was due in May.", "2025-07-01", "2025-05");
    check("The game had been slated for May.", "2025-07-01", "2025-05");
    check(
        "The game had been slated for September.",
        "2025-07-01",
        "2025-09",
    );
    check("The game has been slated for May.", "2025-07-01", "2026-05");
    // An adverb between the auxiliary and the plan keeps it a past plan.
    check(
        "The film was originally set for Aug. 15.",
        "2024-10-24",
        "2024-08-15",
    );
    check(
        "The book was initially scheduled for March 17.",
        "2020-04-30",
        "2020-03-17",
    );
    check(
        "The game had originally been slated for May.",
        "2025-07-01",
        "2025-05",
    );
    // The year said in words belongs to the date, not a second, coarser one.
    let found = dates_in(
        "It slipped from Oct. 6 of this year to May 2026.",
        day("2025-07-01"),
    );
    let labels: Vec<&str> = found.iter().map(|e| e.period.label.as_str()).collect();
    assert_eq!(labels, ["2025-10-06", "2026-05"], "{found:?}");
    check("It opens May 3 of next year.", "2025-07-01", "2026-05-03");
    check(
        "It opened on 14 February last year.",
        "2025-07-01",
        "2024-02-14",
    );
}

#[test]
fn relative_dates_resolve_against_publication() {
    check(
        "It will be unveiled tomorrow at 6 p.m.",
        "2025-11-13",
        "2025-11-14",
    );
    check(
        "The single will be released this Friday.",
        "2024-05-07",
        "2024-05-10",
    );
    check("It arrives today.", "2024-05-07", "2024-05-07");
    check(
        "The first teaser comes next week.",
        "2026-08-05",
        "2026-W33",
    );
    check("It will drop in two weeks.", "2026-08-05", "2026-08-19");
    check("The EP arrives later this month.", "2026-09-03", "2026-09");
    check("It will premiere this weekend.", "2026-09-02", "2026-W36");
}

#[test]
fn next_weekday_means_the_following_week() {
    // Policy: on a Tuesday, "next Friday" is the Friday of next week (ten days
    // on) and "this Friday" is the coming one (three days on).
    check("The show returns next Friday.", "2026-11-24", "2026-12-04");
    check("The show returns this Friday.", "2026-11-24", "2026-11-27");
    check("The show returns Friday.", "2026-11-24", "2026-11-27");
}

#[test]
fn coarse_periods_map_to_model_precisions() {
    check("The album arrives in May 2026.", "2025-11-01", "2026-05");
    check("It is set for mid-April.", "2026-01-10", "2026-04");
    check("It is planned for early 2026.", "2025-09-01", "2026-H1");
    check("It will arrive in late 2026.", "2025-09-01", "2026-H2");
    check("It launches in Q3 2025.", "2025-01-10", "2025-Q3");
    check("It launches in the third quarter.", "2025-01-10", "2025-Q3");
    check(
        "It arrives in the first half of 2026.",
        "2025-01-10",
        "2026-H1",
    );
    check(
        "It arrives in the second half of next year.",
        "2025-09-02",
        "2026-H2",
    );
    check("It arrives in fall 2025.", "2025-01-10", "2025-fall");
    check("It arrives this summer.", "2026-05-20", "2026-summer");
    check(
        "It will land in time for the holiday season.",
        "2026-09-10",
        "2026-holiday",
    );
    check("It is due later this year.", "2026-03-18", "2026");
    check("It will premiere next year.", "2026-03-18", "2027");
    check("The sequel will come out in 2027.", "2026-03-18", "2027");
    check(
        "It will premiere the week of February 2.",
        "2025-12-16",
        "2026-W06",
    );
    span(
        "It is set for mid-April.",
        "2026-01-10",
        "2026-04-11",
        "2026-04-20",
    );
}

#[test]
fn holidays_resolve_including_lunar_tables() {
    check("It opens on Christmas Day.", "2026-06-11", "2026-12-25");
    check(
        "It opens on Thanksgiving Day 2027.",
        "2026-06-17",
        "2027-11-25",
    );
    check("It arrives on Black Friday.", "2026-09-01", "2026-11-27");
    check("It lands on Diwali 2026.", "2025-07-03", "2026-11-08");
    check("It premieres during Chuseok.", "2026-08-01", "2026-09-25");
    check("It drops on Lunar New Year.", "2025-12-01", "2026-02-17");
    check("It opens on Eid al-Fitr.", "2026-01-05", "2026-03-20");
    check("It arrives on Easter Sunday.", "2026-01-05", "2026-04-05");
    check("It opens on Memorial Day.", "2026-01-05", "2026-05-25");
}

#[test]
fn intervals_keep_their_range_and_start_on_the_first_day() {
    span(
        "The festival runs July 13-15.",
        "2013-02-12",
        "2013-07-13",
        "2013-07-15",
    );
    check("The festival runs July 13-15.", "2013-02-12", "2013-07-13");
}

#[test]
fn non_dates_are_left_alone() {
    none(
        "The group has sold 2,000 copies and may return.",
        "2026-01-01",
    );
    none("The drama airs every Saturday and Sunday.", "2026-01-01");
    none("She said it was a fall from grace.", "2026-01-01");
    none("The KBS Monday-Tuesday drama ended.", "2026-01-01");
    none("Its first release in ten months.", "2026-01-01");
}

#[test]
fn standalone_phrases_resolve_like_a_calendar() {
    let r = day("2013-02-12");
    let label = |p: &str| resolve_phrase(p, r).map(|e| e.period.label);
    assert_eq!(label("next tuesday").as_deref(), Some("2013-02-19"));
    assert_eq!(label("the first half of 2026").as_deref(), Some("2026-H1"));
    assert_eq!(label("Q3 2025").as_deref(), Some("2025-Q3"));
    assert_eq!(label("in two weeks").as_deref(), Some("2013-02-26"));
    assert_eq!(label("not a date at all"), None);
}

#[test]
fn eid_names_pick_the_right_festival_and_year() {
    check(
        "It releases on Eid al-Adha 2026.",
        "2026-01-05",
        "2026-05-27",
    );
    check(
        "It releases on Eid-ul-Fitr 2026.",
        "2026-01-05",
        "2026-03-20",
    );
}

#[test]
fn a_year_before_a_release_noun_is_a_date() {
    check(
        "The sequel is slated for a 2027 release.",
        "2026-03-18",
        "2027",
    );
    none("The group sold 2027 copies.", "2026-03-18");
}

#[test]
fn korean_style_dotted_dates() {
    check(
        "The single drops 2024.05.24 at 6 p.m. KST.",
        "2024-05-02",
        "2024-05-24",
    );
    none("Version 2024.5 of the app.", "2024-05-02");
}

#[test]
fn that_year_is_the_year_the_sentence_last_wrote() {
    // Anaphoric years ("of that year", "of the same year") take the year the
    // sentence wrote in digits before them, not the year of publication.
    let found = dates_in(
        "Instead of March 2026 the makers will release it in August of that year.",
        day("2025-03-20"),
    );
    let labels: Vec<&str> = found.iter().map(|e| e.period.label.as_str()).collect();
    assert_eq!(labels, ["2026-03", "2026-08"]);
    let found = dates_in(
        "It was set for March 2026 and then moved to May 4 of the same year.",
        day("2025-03-20"),
    );
    let labels: Vec<&str> = found.iter().map(|e| e.period.label.as_str()).collect();
    assert_eq!(labels, ["2026-03", "2026-05-04"]);
}
