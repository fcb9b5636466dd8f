//! No panics: extraction and phrase resolution on arbitrary text and dates.

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use proptest::prelude::*;
use slipwatch::extract::temporal::resolve_phrase;
use slipwatch::extract::{extract, release_key, Context};

fn published(secs: i64, offset_min: i32) -> DateTime<FixedOffset> {
    let tz = FixedOffset::east_opt(offset_min * 60)
        .unwrap_or_else(|| FixedOffset::east_opt(0).expect("zero offset"));
    tz.timestamp_opt(secs, 0)
        .single()
        .unwrap_or_else(|| tz.timestamp_opt(0, 0).single().expect("epoch"))
}

/// Text made of date-ish and cue-ish words, to reach deep into the grammar.
fn wordy() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "April",
        "24",
        "24th",
        "2022",
        "the",
        "of",
        "on",
        "-",
        "/",
        "'",
        ",",
        ".",
        "next",
        "this",
        "Friday",
        "mid",
        "early",
        "late",
        "Q3",
        "H1",
        "first",
        "half",
        "quarter",
        "season",
        "Season",
        "2",
        "OST",
        "Part",
        "'Our",
        "Blues'",
        "postponed",
        "preponed",
        "by",
        "a",
        "day",
        "week",
        "indefinitely",
        "originally",
        "set",
        "for",
        "from",
        "to",
        "now",
        "will",
        "premiere",
        "in",
        "Christmas",
        "Eid",
        "Chuseok",
        "Diwali",
        "Lunar",
        "New",
        "Year",
        "9999",
        "0",
        "31",
        "12",
        "\n",
        "May",
        "March",
        "summer",
        "fall",
        "holiday",
        "the day before",
        "ago",
        "upcoming",
    ]);
    prop::collection::vec(words, 0..60).prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

    #[test]
    fn extract_never_panics_on_arbitrary_strings(text in ".{0,400}", title in proptest::option::of(".{0,80}"),
                                                 secs in -5_000_000_000i64..8_000_000_000i64, off in -900i32..900) {
        let hints = vec!["Our Blues".to_string(), String::new()];
        let ctx = Context { published: published(secs, off), title: title.as_deref(), hints: &hints };
        let _ = extract(&text, &ctx);
        let _ = release_key(&text);
    }

    #[test]
    fn extract_never_panics_on_date_heavy_text(text in wordy(), secs in -5_000_000_000i64..8_000_000_000i64) {
        let ctx = Context { published: published(secs, 0), title: Some("'Our Blues' OST delayed"), hints: &[] };
        let x = extract(&text, &ctx);
        for m in &x.mentions {
            if let Some(d) = &m.date {
                prop_assert!(d.start <= d.end);
            }
        }
    }

    #[test]
    fn resolve_phrase_never_panics(text in wordy(), days in -700_000i64..700_000) {
        let base = NaiveDate::from_ymd_opt(2000, 1, 1).expect("valid date");
        let reference = base.checked_add_signed(chrono::Duration::days(days)).unwrap_or(base);
        if let Some(e) = resolve_phrase(&text, reference) {
            prop_assert!(e.first <= e.last);
        }
    }
}

#[test]
fn extreme_publication_dates_do_not_panic() {
    let text = "It will premiere next Friday, on December 31, in 9999, the day after Christmas.";
    for d in [NaiveDate::MIN, NaiveDate::MAX] {
        let _ = resolve_phrase(text, d);
        let _ = slipwatch::extract::temporal::find_all(
            text,
            d,
            slipwatch::extract::temporal::Tense::Future,
        );
    }
    let tz = FixedOffset::east_opt(0).expect("zero offset");
    for secs in [i64::MIN / 1000, 8_000_000_000_000i64] {
        if let Some(p) = tz.timestamp_opt(secs, 0).single() {
            let _ = extract(
                text,
                &Context {
                    published: p,
                    title: None,
                    hints: &[],
                },
            );
        }
    }
}

#[test]
fn long_repetitive_input_does_not_overflow_the_stack() {
    let text = "the day before ".repeat(20_000) + &"at the ".repeat(20_000) + "Christmas";
    let reference = NaiveDate::from_ymd_opt(2026, 1, 1).expect("valid date");
    let _ = resolve_phrase(&text, reference);
    let ctx = Context {
        published: published(1_780_000_000, 0),
        title: Some(&text),
        hints: &[],
    };
    let _ = extract(&text, &ctx);
}

#[test]
fn a_huge_unpunctuated_text_is_processed_quickly() {
    let text = "'Our Blues' OST will premiere on April 24 and ".repeat(5_000);
    let started = std::time::Instant::now();
    let ctx = Context {
        published: published(1_650_000_000, 540),
        title: None,
        hints: &[],
    };
    let _ = extract(&text, &ctx);
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}

#[test]
fn huge_ordinals_and_counts_do_not_overflow() {
    let reference = NaiveDate::from_ymd_opt(2026, 1, 1).expect("valid date");
    for p in [
        "the 4294967295th week of 2026",
        "4294967295th tuesday of march",
        "the 999999th day of october",
        "999 weeks ago",
        "in 999 years",
        "999 upcoming years",
        "next 400 years",
        "4294967295th quarter",
    ] {
        let _ = resolve_phrase(p, reference);
        let ctx = Context {
            published: published(1_780_000_000, 0),
            title: None,
            hints: &[],
        };
        let _ = extract(&format!("'X' will premiere {p}."), &ctx);
    }
}
