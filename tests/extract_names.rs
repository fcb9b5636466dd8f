//! How an unquoted name becomes the work a date belongs to: intransitive release
//! verbs, "vs." inside a title, a maker's possessive before a title the article
//! also uses alone, a colon joining a series and its subtitle; and "the original
//! <date> launch" as the replaced date. Cases written for this test; none is in
//! the evaluation corpora.

mod common;

/// (subject, date label) of every current mention.
fn current(published: &str, text: &str) -> Vec<(String, String)> {
    common::reading::read(published, "", text)
        .mentions
        .iter()
        .filter(|m| m.role == slipwatch::model::Role::Current)
        .filter_map(|m| Some((m.subject.clone(), m.date.as_ref()?.label.clone())))
        .collect()
}

fn pair(s: &str, d: &str) -> (String, String) {
    (s.to_string(), d.to_string())
}

#[test]
fn an_intransitive_release_verb_before_a_date_names_the_work() {
    let got = current(
        "2026-11-20",
        "Kanchan Mahal will release on Jan. 16, and Tara Rekha follows on Jan. 23.",
    );
    assert!(
        got.contains(&pair("Kanchan Mahal", "2027-01-16")),
        "{got:?}"
    );
    assert!(got.contains(&pair("Tara Rekha", "2027-01-23")), "{got:?}");
    // A transitive use names the maker, who gets no date of its own.
    let maker = current(
        "2026-11-20",
        "Mira Solane will release her album on Jan. 16.",
    );
    assert!(maker.iter().all(|(s, _)| s != "Mira Solane"), "{maker:?}");
}

#[test]
fn vs_with_its_period_keeps_the_title_whole() {
    let got = current(
        "2026-11-20",
        "Robots vs. Wizards stays on March 5, 2027, and Tin Harbor remains on April 2, 2027.",
    );
    assert!(
        got.contains(&pair("Robots vs. Wizards", "2027-03-05")),
        "{got:?}"
    );
    assert!(got.contains(&pair("Tin Harbor", "2027-04-02")), "{got:?}");
}

#[test]
fn a_makers_possessive_stays_outside_a_title_used_alone() {
    let text = "Brightmoor's Iron Lantern: Ashfall has been delayed to Feb. 9, 2027. \
                Iron Lantern: Ashfall is the studio's first game in six years.";
    let got = current("2026-11-20", text);
    assert!(
        got.contains(&pair("Iron Lantern: Ashfall", "2027-02-09")),
        "{got:?}"
    );
    // Never used alone, the possessed part keeps its possessor.
    let whole = current(
        "2026-11-20",
        "Kestrel's Gate 2 has been delayed to Feb. 9, 2027.",
    );
    assert!(
        whole.contains(&pair("Kestrel's Gate 2", "2027-02-09")),
        "{whole:?}"
    );
}

#[test]
fn a_sentence_opening_conjunction_and_an_abbreviation_stay_out_of_names() {
    let got = current(
        "2026-11-20",
        "Its slot did not stay empty. And Copper Fox, the studio's heist comedy, has slipped to Aug. 6, 2027.",
    );
    assert!(got.contains(&pair("Copper Fox", "2027-08-06")), "{got:?}");
    // "Bros." does not end the sentence inside a title.
    let bros = current(
        "2026-11-20",
        "The studio moved The Lumen Bros. Movie up by two days. It will now open on April 5, 2027.",
    );
    assert!(
        bros.contains(&pair("The Lumen Bros. Movie", "2027-04-05")),
        "{bros:?}"
    );
}

#[test]
fn a_lowercase_season_number_continues_the_title() {
    let got = current(
        "2026-11-20",
        "Harbor Kings season 2 will stream from Jan. 8, and Glass Orchard season 3 arrives on Feb. 12.",
    );
    assert!(
        got.contains(&pair("Harbor Kings season 2", "2027-01-08")),
        "{got:?}"
    );
    assert!(
        got.contains(&pair("Glass Orchard season 3", "2027-02-12")),
        "{got:?}"
    );
    // A streamer that streams a show is not the show.
    let streamer = current(
        "2026-11-20",
        "Netflix will stream Harbor Kings from Jan. 8.",
    );
    assert!(streamer.iter().all(|(s, _)| s != "Netflix"), "{streamer:?}");
}

#[test]
fn original_or_initial_before_a_date_marks_the_replaced_date() {
    let x = common::reading::read(
        "2026-08-28",
        "",
        "The studio dropped its plan to keep the original Nov. 6 launch of \"Harbor Lights.\" \
         It now opens on March 12, and the crew's initial March 5 premiere is gone too.",
    );
    let roles: Vec<(String, slipwatch::model::Role)> = x
        .mentions
        .iter()
        .filter_map(|m| Some((m.date.as_ref()?.label.clone(), m.role)))
        .collect();
    use slipwatch::model::Role;
    assert!(
        roles.contains(&("2026-11-06".into(), Role::Previous)),
        "{roles:?}"
    );
    let replaced = |d: &String, r: &Role| d.ends_with("-03-05") && *r == Role::Previous;
    assert!(roles.iter().any(|(d, r)| replaced(d, r)), "{roles:?}");
    assert!(
        roles
            .iter()
            .all(|(d, r)| !d.ends_with("-11-06") || *r != Role::Current),
        "{roles:?}"
    );
}

#[test]
fn a_colon_between_capitalised_words_joins_a_series_and_its_subtitle() {
    let got = current(
        "2026-11-20",
        "Fans had waited years, and now Corsair Moon: The Drowned Crown opens on March 3, 2027.",
    );
    assert!(
        got.contains(&pair("Corsair Moon: The Drowned Crown", "2027-03-03")),
        "{got:?}"
    );
    // A preposition on the left is not part of the title, nor a platform after "on";
    // an inner "and" and an inner preposition are.
    let joined = current(
        "2026-11-20",
        "Tickets for Lantern and the Owl: Second Flight go on sale soon. \
         Ember Tide: Voyage in Ashes on PlayStation 5 arrives on April 9, 2027, \
         and Lantern and the Owl: Second Flight opens on May 14, 2027.",
    );
    assert!(
        joined.contains(&pair("Ember Tide: Voyage in Ashes", "2027-04-09")),
        "{joined:?}"
    );
    assert!(
        joined.contains(&pair("Lantern and the Owl: Second Flight", "2027-05-14")),
        "{joined:?}"
    );
    // A caption label before a colon is not a series.
    let label = current(
        "2026-11-20",
        "Photo: Harbor Lights Premiere. The gala took place on Nov. 12, 2026.",
    );
    assert!(
        label.iter().all(|(s, _)| !s.starts_with("Photo")),
        "{label:?}"
    );
}
