//! One work named twice in apposition ("X, a duet titled Y," / "Y, the X OST," /
//! "X (Y)") is one release: one mention, under the name the headline carries or
//! else the first-named one. Cases written in the way K-pop, film and game news
//! phrase them; none is in the evaluation corpus.

mod common;

use slipwatch::extract::release_key;

fn subjects(published: &str, title: &str, text: &str) -> Vec<(String, Option<String>)> {
    common::reading::read_at(&format!("{published}T10:00:00+09:00"), title, text, &[])
        .mentions
        .into_iter()
        .map(|m| (release_key(&m.subject), m.date.map(|d| d.label)))
        .collect()
}

#[track_caller]
fn one(published: &str, title: &str, text: &str, subject: &str, label: &str) {
    let got = subjects(published, title, text);
    assert!(
        got.iter()
            .any(|(s, d)| *s == release_key(subject) && d.as_deref() == Some(label)),
        "want {subject} {label} in {got:?}"
    );
    assert!(
        got.iter().all(|(s, _)| *s == release_key(subject)),
        "one work only, named {subject}: {got:?}"
    );
}

#[test]
fn ost_named_with_its_song_title_goes_by_the_headline_name() {
    one(
        "2023-02-01",
        "Taeyeon to sing for Crash Course in Romance OST",
        "Girls' Generation's Taeyeon has lent her voice to the soundtrack of tvN's Crash Course in Romance. The Crash Course in Romance OST, a ballad titled Sunny Afternoon, will be released on February 5 at 6 p.m. KST.",
        "Crash Course in Romance OST",
        "2023-02-05",
    );
}

#[test]
fn song_then_ost_apposition_prefers_the_headline_name() {
    one(
        "2023-02-01",
        "Paul Kim joins Doctor Cha OST lineup",
        "Singer Paul Kim will return with a new soundtrack song. Every Day, the Doctor Cha OST, drops on February 10 at 6 p.m. KST.",
        "Doctor Cha OST",
        "2023-02-10",
    );
}

#[test]
fn without_headline_help_the_first_named_work_wins() {
    one(
        "2024-05-02",
        "New music this month",
        "The Lovely Runner OST, a duet called Sudden Shower, will be released on May 13.",
        "Lovely Runner OST",
        "2024-05-13",
    );
}

#[test]
fn alias_later_in_the_article_names_the_same_work() {
    one(
        "2022-04-19",
        "Jimin and Ha Sung Woon to release Our Blues OST",
        "BTS member Jimin and singer Ha Sung Woon are teaming up for the tvN drama Our Blues. The Our Blues OST, a duet titled With You, is set for release soon. With You will be released on April 24, 2022 at 6 p.m. KST.",
        "Our Blues OST",
        "2022-04-24",
    );
}

#[test]
fn album_with_its_descriptor_in_apposition_is_one_album() {
    one(
        "2026-03-02",
        "Seventeen to return with Spill the Feels",
        "Seventeen's new mini album, Spill the Feels, a record called Spill the Feels by fans for months, will be released on March 23.",
        "Spill the Feels",
        "2026-03-23",
    );
}

#[test]
fn two_works_in_a_list_stay_two_works() {
    let got = subjects(
        "2026-01-10",
        "Two K-dramas set premiere dates",
        "Netflix's Pro Bono will premiere on February 6, and Boyfriend on Demand will premiere on March 6.",
    );
    assert!(
        got.iter()
            .any(|(s, d)| *s == release_key("Pro Bono") && d.as_deref() == Some("2026-02-06")),
        "{got:?}"
    );
    assert!(
        got.iter()
            .any(|(s, d)| *s == release_key("Boyfriend on Demand")
                && d.as_deref() == Some("2026-03-06")),
        "{got:?}"
    );
}

#[test]
fn ost_move_after_an_apposition_is_flagged_under_one_name() {
    let x = common::reading::read_at(
        "2022-04-21T11:00:00+09:00",
        "Our Blues OST release preponed",
        "The Our Blues OST, a duet titled With You, has been preponed by a day. It will now premiere on April 24, 2022 at 6 p.m. KST.",
        &[],
    );
    assert!(
        x.mentions
            .iter()
            .all(|m| release_key(&m.subject) == release_key("Our Blues OST")),
        "{x:?}"
    );
    assert!(
        x.mentions
            .iter()
            .any(|m| m.date.as_ref().map(|d| d.label.as_str()) == Some("2022-04-24")),
        "{x:?}"
    );
}
