//! A move word used as an adjective in a headline ("Vey's Delayed Story
//! Collection", "The Delayed Sequel") describes the work; it does not report a
//! move in this article. A move word used as a verb still does.

mod common;

use slipwatch::model::Extraction;

fn run(published: &str, title: &str, text: &str) -> Extraction {
    common::reading::read_at(&format!("{published}T10:00:00+09:00"), title, text, &[])
}

#[test]
fn possessive_then_delayed_in_headline_is_not_a_move() {
    let x = run(
        "2026-09-14",
        "Director Park's Delayed Thriller Finally Gets a Premiere Date",
        "The thriller 'Night Shift' will premiere on November 20 on Netflix, the streamer said.",
    );
    assert!(x.changes.is_empty(), "{x:?}");
    assert!(!x.mentions.is_empty(), "{x:?}");
}

#[test]
fn determiner_then_delayed_in_headline_is_not_a_move() {
    let x = run(
        "2026-05-04",
        "The Long-Delayed Fantasy Sequel Sets a Fall Release",
        "The sequel 'Ember Crown' will arrive in theaters on October 9, Warner Bros. said.",
    );
    assert!(x.changes.is_empty(), "{x:?}");
}

#[test]
fn delayed_as_a_verb_in_headline_still_reports_a_move() {
    let x = run(
        "2026-05-04",
        "Ember Crown Delayed to December",
        "Warner Bros. has pushed 'Ember Crown' back from October 9 to December 11.",
    );
    assert!(!x.changes.is_empty(), "{x:?}");
}
