//! What a move cue moves decides whether it is a release move: a concert, a
//! production, a chart place or a time slot moved is not a release moved, and the
//! plural noun "delays" tells about delays without stating one. Cases written for
//! this test; none is in the evaluation corpora.

mod common;

fn moves(published: &str, title: &str, text: &str) -> usize {
    common::reading::read(published, title, text).changes.len()
}

#[test]
fn a_postponed_concert_is_not_a_moved_release() {
    let n = moves(
        "2026-03-01",
        "Nova Line postpone two concerts",
        "Nova Line have postponed two concerts of their tour, planned for April 26 and 27, after a member was injured. The new dates will be announced later.",
    );
    assert_eq!(n, 0);
}

#[test]
fn a_chart_slip_and_a_time_slot_are_not_moves() {
    let chart = moves(
        "2026-06-10",
        "Glasshouse climbs to No. 3 as Paper Kites slips",
        "Paper Kites fell to No. 5 this week. The follow-up single 'Lanterns' is expected on June 19.",
    );
    assert_eq!(chart, 0);
    let slot = moves(
        "2026-08-01",
        "Network reshuffles its fall nights",
        "Harbor Lights will run 90 minutes on Wednesdays this fall, with the show shifting to 8 p.m.",
    );
    assert_eq!(slot, 0);
}

#[test]
fn delays_as_a_noun_states_no_move_but_the_verb_does() {
    let noun = moves(
        "2026-01-05",
        "Singer explains the cancelled residency",
        "The singer said that delivery delays and illness among the crew had made the shows impossible. Her album 'Quiet Hours' is out on March 6.",
    );
    assert_eq!(noun, 0);
    let verb = moves(
        "2026-01-05",
        "Studio delays Iron Harbor to 2027",
        "The studio delays 'Iron Harbor' to 2027. The game had been set for October 2026.",
    );
    assert!(verb >= 1, "the verb states a move");
}
