//! The archetype: an OST release date stated, then moved a day earlier, and an
//! indefinite postponement.

use chrono::DateTime;
use slipwatch::extract::{extract, release_key, Context};
use slipwatch::model::{Direction, Extraction, Role};

fn run(published: &str, title: Option<&str>, text: &str) -> Extraction {
    let published = DateTime::parse_from_rfc3339(published).expect("valid test timestamp");
    extract(
        text,
        &Context {
            published,
            title,
            hints: &[],
        },
    )
}

fn has(x: &Extraction, subject: &str, date: Option<&str>, role: Role) -> bool {
    x.mentions.iter().any(|m| {
        release_key(&m.subject) == release_key(subject)
            && m.date.as_ref().map(|d| d.label.as_str()) == date
            && m.role == role
    })
}

#[test]
fn announced_ost_date_is_a_current_mention() {
    let x = run(
        "2022-04-19T09:00:00+09:00",
        Some("Jimin and Ha Sung Woon's Our Blues OST to be released next week"),
        "On April 19, the production team said the Our Blues OST by Jimin and Ha Sung Woon \
         will be released on April 25, 2022 at 6 p.m. KST.",
    );
    assert!(
        has(&x, "Our Blues OST", Some("2022-04-25"), Role::Current),
        "{x:#?}"
    );
    assert!(x.changes.is_empty(), "{x:#?}");
    assert_eq!(x.mentions.len(), 1, "{x:#?}");
}

#[test]
fn preponed_by_a_day_yields_both_dates_and_an_earlier_move() {
    let x = run(
        "2022-04-21T10:00:00+09:00",
        Some("Jimin and Ha Sung Woon's Our Blues OST release preponed"),
        "The release of the Our Blues OST by Jimin and Ha Sung Woon has been preponed by a day. \
         It will now premiere on April 24, 2022 at 6 p.m. KST.",
    );
    assert!(
        has(&x, "Our Blues OST", Some("2022-04-24"), Role::Current),
        "{x:#?}"
    );
    assert!(
        has(&x, "Our Blues OST", Some("2022-04-25"), Role::Previous),
        "{x:#?}"
    );
    assert_eq!(x.changes.len(), 1, "{x:#?}");
    let m = &x.changes[0];
    assert_eq!(release_key(&m.subject), release_key("Our Blues OST"));
    assert_eq!(
        m.from.as_ref().map(|p| p.label.as_str()),
        Some("2022-04-25")
    );
    assert_eq!(m.to.as_ref().map(|p| p.label.as_str()), Some("2022-04-24"));
    assert_eq!(m.direction, Direction::Earlier);
}

#[test]
fn subject_comes_from_the_headline_when_the_text_says_it() {
    let x = run(
        "2022-04-21T10:00:00+09:00",
        Some("Jimin and Ha Sung Woon's 'Our Blues' OST release preponed"),
        "Good news for fans: the release has been preponed by a day. It will now premiere on \
         April 24, 2022.",
    );
    assert!(
        has(&x, "Our Blues OST", Some("2022-04-24"), Role::Current),
        "{x:#?}"
    );
    assert!(
        has(&x, "Our Blues OST", Some("2022-04-25"), Role::Previous),
        "{x:#?}"
    );
    assert_eq!(x.changes.len(), 1, "{x:#?}");
}

#[test]
fn postponed_indefinitely_has_no_new_date() {
    let x = run(
        "2022-04-21T10:00:00+09:00",
        Some("Our Blues OST release postponed indefinitely"),
        "The Our Blues OST, which was scheduled for April 25, has been postponed indefinitely.",
    );
    assert!(has(&x, "Our Blues OST", None, Role::Current), "{x:#?}");
    assert_eq!(x.changes.len(), 1, "{x:#?}");
    assert!(x.changes[0].to.is_none());
    assert_eq!(x.changes[0].direction, Direction::Later);
    assert_eq!(
        x.changes[0].from.as_ref().map(|p| p.label.as_str()),
        Some("2022-04-25")
    );
}

#[test]
fn unquoted_headline_subject_carries_to_the_prepone_story() {
    let x = run(
        "2022-04-21T10:00:00+09:00",
        Some("Jimin and Ha Sung Woon's Our Blues OST release preponed"),
        "The release has been preponed by a day. It will now premiere on April 24, 2022.",
    );
    assert!(
        has(&x, "Our Blues OST", Some("2022-04-24"), Role::Current),
        "{x:#?}"
    );
    assert!(
        has(&x, "Our Blues OST", Some("2022-04-25"), Role::Previous),
        "{x:#?}"
    );
    assert_eq!(x.changes.len(), 1, "{x:#?}");
    assert_eq!(x.changes[0].direction, Direction::Earlier);
}
