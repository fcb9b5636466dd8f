//! Extraction behaviour, one line per case: `found(published, title, text)`
//! lists the (subject, date label, role) triples the extractor returns.

mod common;

use slipwatch::extract::release_key;
use slipwatch::model::{Direction, Extraction, Role};

fn run(published: &str, title: &str, text: &str, hints: &[String]) -> Extraction {
    common::reading::read_at(&format!("{published}T10:00:00+09:00"), title, text, hints)
}

fn found(published: &str, title: &str, text: &str) -> Vec<(String, Option<String>, Role)> {
    run(published, title, text, &[])
        .mentions
        .into_iter()
        .map(|m| (release_key(&m.subject), m.date.map(|d| d.label), m.role))
        .collect()
}

#[track_caller]
fn has(published: &str, title: &str, text: &str, subject: &str, label: &str) {
    let got = found(published, title, text);
    assert!(
        got.iter()
            .any(|(s, d, _)| *s == release_key(subject) && d.as_deref() == Some(label)),
        "want {subject} {label} in {got:?}"
    );
}

#[track_caller]
fn nothing(published: &str, title: &str, text: &str) {
    let got = found(published, title, text);
    assert!(got.is_empty(), "want no mention, got {got:?}");
}

/// The replaced dates of the stated moves, in order.
fn froms(x: &Extraction) -> Vec<String> {
    x.changes
        .iter()
        .filter_map(|c| c.from.as_ref().map(|p| p.label.clone()))
        .collect()
}

/// The current dates of the mentions, in order.
fn currents(x: &Extraction) -> Vec<String> {
    x.mentions
        .iter()
        .filter(|m| m.role == Role::Current)
        .filter_map(|m| m.date.as_ref().map(|d| d.label.clone()))
        .collect()
}

/// The new dates of the stated moves, in order.
fn tos(x: &Extraction) -> Vec<String> {
    x.changes
        .iter()
        .filter_map(|c| c.to.as_ref().map(|p| p.label.clone()))
        .collect()
}

#[test]
fn release_cues_for_each_kind_of_work() {
    has(
        "2025-03-10",
        "x",
        "The drama 'Spring Diary' will premiere on April 5.",
        "Spring Diary",
        "2025-04-05",
    );
    has(
        "2025-06-20",
        "x",
        "Her album, Glass Houses, is out Sept. 12 via Atlantic.",
        "Glass Houses",
        "2025-09-12",
    );
    has(
        "2025-06-20",
        "x",
        "'Hollow Vale' launches March 5, 2026 on PS5.",
        "Hollow Vale",
        "2026-03-05",
    );
    has(
        "2025-06-20",
        "x",
        "'The Long Night' hits theaters Oct. 2.",
        "The Long Night",
        "2025-10-02",
    );
    has(
        "2025-06-20",
        "x",
        "The memoir 'Inside the Room' will be published Jan. 13.",
        "Inside the Room",
        "2026-01-13",
    );
    has(
        "2025-06-20",
        "x",
        "Girl group HALO will drop the single 'Frostbite' on July 17.",
        "Frostbite",
        "2025-07-17",
    );
}

#[test]
fn non_release_dates_are_ignored() {
    nothing(
        "2026-03-09",
        "Taeyeon's birthday",
        "Taeyeon is celebrating her birthday today, March 9.",
    );
    nothing(
        "2025-02-17",
        "Tour",
        "The tour will kick off at KSPO Dome on June 14 and 15.",
    );
    nothing(
        "2025-02-17",
        "Tickets",
        "Ticket presales for 'Orbit' open on March 4.",
    );
    nothing(
        "2025-11-07",
        "Grammys",
        "The ceremony will take place Feb. 1 at Crypto.com Arena.",
    );
    nothing(
        "2026-06-13",
        "BTS",
        "The group debuted on June 13, 2013 with the single album '2 Cool 4 Skool.'",
    );
    nothing(
        "2026-08-09",
        "Box office",
        "'Sea Wolves' opened to $62 million this weekend at the box office.",
    );
    nothing(
        "2024-04-19",
        "x",
        "The music video for 'Heya' will be released on April 29.",
    );
    nothing(
        "2025-11-20",
        "x",
        "Her first original Christmas song, 'Mistletoe Lights,' is a duet.",
    );
}

#[test]
fn report_dates_are_not_release_dates() {
    let got = found(
        "2024-01-22",
        "LE SSERAFIM confirms comeback",
        "On January 22, Source Music announced that the group will release its mini album 'EASY' on February 19.",
    );
    assert_eq!(
        got,
        vec![(
            release_key("EASY"),
            Some("2024-02-19".to_string()),
            Role::Current
        )]
    );
    let got = found(
        "2024-04-19",
        "IVE confirms comeback",
        "On April 19 KST, Starship announced that IVE will return with the single 'Heya' on April 29.",
    );
    assert_eq!(
        got,
        vec![(
            release_key("Heya"),
            Some("2024-04-29".to_string()),
            Role::Current
        )]
    );
}

#[test]
fn subject_carries_to_the_film_and_it() {
    has("2025-04-21", "x", "Akshay Kumar stars in 'Kesari Chapter 3.' The film, a period drama, will hit screens on May 16.", "Kesari Chapter 3", "2025-05-16");
    has(
        "2025-04-21",
        "x",
        "Fans have waited for 'Kesari Chapter 3.' It will hit screens on May 16.",
        "Kesari Chapter 3",
        "2025-05-16",
    );
}

#[test]
fn several_works_in_one_article_stay_apart() {
    let got = found(
        "2025-11-05",
        "Year-end lineup",
        "HALO will drop the single 'Frostbite' on November 17, while Crescent will release its album 'Eclipse' on December 15.",
    );
    assert!(
        got.contains(&(
            release_key("Frostbite"),
            Some("2025-11-17".into()),
            Role::Current
        )),
        "{got:?}"
    );
    assert!(
        got.contains(&(
            release_key("Eclipse"),
            Some("2025-12-15".into()),
            Role::Current
        )),
        "{got:?}"
    );
    assert_eq!(got.len(), 2, "{got:?}");
}

#[test]
fn emphasised_hints_name_unquoted_titles() {
    let hints = vec!["Dune: Part Three".to_string()];
    let x = run(
        "2025-06-10",
        "Release news",
        "Warner Bros. said Dune: Part Three will arrive on Dec. 18, 2026.",
        &hints,
    );
    assert!(
        x.mentions.iter().any(|m| m.subject == "Dune: Part Three"),
        "{x:#?}"
    );
}

#[test]
fn hedged_reports_have_lower_confidence() {
    // The same statement, hedged and not: the hedge lowers the confidence.
    let x = run(
        "2026-01-03",
        "x",
        "The drama 'Orbit' is reportedly going to air on March 3.",
        &[],
    );
    let hedged = x.mentions.first().expect("a mention").confidence;
    let x = run(
        "2026-01-03",
        "x",
        "The drama 'Orbit' is going to air on March 3.",
        &[],
    );
    let plain = x.mentions.first().expect("a mention").confidence;
    assert!(hedged < plain, "{hedged} vs {plain}");
    assert!((0.0..=1.0).contains(&hedged) && (0.0..=1.0).contains(&plain));
}

#[test]
fn regional_dates_are_recorded_and_are_not_a_move() {
    let x = run(
        "2025-09-24",
        "'The Salt Road' sets October premiere",
        "The drama will premiere on tvN on October 17. International viewers can stream it on Netflix from October 18.",
        &[],
    );
    assert_eq!(x.mentions.len(), 2, "{x:#?}");
    assert!(
        x.mentions
            .iter()
            .any(|m| m.region.as_deref() == Some("Netflix")),
        "{x:#?}"
    );
    assert!(x.changes.is_empty(), "{x:#?}");
}

#[test]
fn moves_state_both_dates_and_direction() {
    let x = run(
        "2025-08-12",
        "JTBC pushes back 'The Lawyer Next Door'",
        "The drama, which was originally scheduled to premiere on August 23, will instead debut on September 6.",
        &[],
    );
    assert_eq!(x.changes.len(), 1, "{x:#?}");
    let m = &x.changes[0];
    assert_eq!(m.direction, Direction::Later);
    assert_eq!(
        m.from.as_ref().map(|p| p.label.as_str()),
        Some("2025-08-23")
    );
    assert_eq!(m.to.as_ref().map(|p| p.label.as_str()), Some("2025-09-06"));
}

#[test]
fn the_sentence_that_holds_both_sides_is_the_move_and_older_history_is_not() {
    // The move and, two sentences on, the date the work had before that, then a
    // date abroad: the move is the one sentence with both sides.
    let x = run(
        "2026-10-02",
        "Paper Lantern Road opens a week earlier",
        "Halcyon Pictures is moving Paper Lantern Road up. The drama, which had been set for \
         Jan. 22, 2027, will now open on Jan. 15. The film was first dated for Nov. 6 of \
         this year before the studio moved it into winter. Its release in Brazil is set for \
         Feb. 5.",
        &[],
    );
    let moves: Vec<(Option<String>, Option<String>)> = x
        .changes
        .iter()
        .map(|c| {
            (
                c.from.as_ref().map(|p| p.label.clone()),
                c.to.as_ref().map(|p| p.label.clone()),
            )
        })
        .collect();
    assert!(
        moves.contains(&(Some("2027-01-22".into()), Some("2027-01-15".into()))),
        "{moves:?}"
    );
    let m = x
        .changes
        .iter()
        .find(|c| c.from.as_ref().is_some_and(|p| p.label == "2027-01-22"))
        .map(|c| c.direction);
    assert_eq!(m, Some(Direction::Earlier), "{x:#?}");
    assert!(
        moves
            .iter()
            .all(|(f, _)| f.as_deref() != Some("2026-11-06")),
        "older history became the move: {moves:?}"
    );
}

#[test]
fn a_date_in_the_works_own_date_noun_that_is_left_is_the_replaced_one() {
    let roles = |published: &str, title: &str, text: &str| -> Vec<(Option<String>, Role)> {
        run(published, title, text, &[])
            .mentions
            .into_iter()
            .map(|m| (m.date.map(|d| d.label), m.role))
            .collect()
    };
    let ahead = roles(
        "2027-01-20",
        "Ashen Tide goes gold early",
        "Ashen Tide has gone gold and will now launch on March 4, a week ahead of its March 11 date.",
    );
    assert!(
        ahead.contains(&(Some("2027-03-11".into()), Role::Previous)),
        "{ahead:?}"
    );
    assert!(
        ahead.contains(&(Some("2027-03-04".into()), Role::Current)),
        "{ahead:?}"
    );
    for text in [
        "Ashen Tide is not going to hit its mid-March release date; the game will launch on April 8 instead.",
        "Ashen Tide won't hit its mid-March release date; the game will launch on April 8 instead.",
    ] {
        let missed = roles("2027-01-20", "Ashen Tide slips", text);
        assert!(
            missed.contains(&(Some("2027-03".into()), Role::Previous)),
            "{text}: {missed:?}"
        );
        assert!(
            missed
                .iter()
                .all(|(d, r)| d.as_deref() != Some("2027-03") || *r == Role::Previous),
            "{text}: {missed:?}"
        );
    }
    // Kept, the same noun holds the current date.
    let kept = roles(
        "2027-01-20",
        "Ashen Tide stays put",
        "While other games slipped, Ashen Tide keeps its March 11 release date.",
    );
    assert!(
        kept.contains(&(Some("2027-03-11".into()), Role::Current)),
        "{kept:?}"
    );
    assert!(kept.iter().all(|(_, r)| *r != Role::Previous), "{kept:?}");
}

#[test]
fn a_plan_in_the_past_perfect_or_past_future_or_before_now_is_replaced() {
    let previous = |title: &str, text: &str, label: &str| {
        let x = run("2026-11-02", title, text, &[]);
        let roles: Vec<(Option<String>, Role)> = x
            .mentions
            .iter()
            .map(|m| (m.date.as_ref().map(|d| d.label.clone()), m.role))
            .collect();
        assert!(
            roles
                .iter()
                .all(|(d, r)| d.as_deref() != Some(label) || *r == Role::Previous),
            "{label} should be the replaced date: {roles:?}"
        );
        assert!(
            roles.iter().any(|(d, _)| d.as_deref() == Some(label)),
            "{label} not found: {roles:?}"
        );
    };
    previous(
        "Velvet Orbit opens a day early",
        "Velvet Orbit is coming sooner. Although the makers had officially announced \
         December 11 as the opening, the film will arrive a day earlier, on December 10.",
        "2026-12-11",
    );
    previous(
        "Neon Parade's debut album slips",
        "The band's debut album, Neon Parade, was to be released on Dec. 4, but the label \
         said it will now come out on Jan. 15.",
        "2026-12-04",
    );
    previous(
        "Cinder Vale lands in spring",
        "Cinder Vale, set for Dec. 18 of this year, now opens March 5, 2027.",
        "2026-12-18",
    );
    // Told as a plain plan, the date stays current.
    let x = run(
        "2026-11-02",
        "Velvet Orbit dated",
        "The makers had announced that Velvet Orbit will open on December 11.",
        &[],
    );
    assert!(
        x.mentions
            .iter()
            .any(|m| m.role == Role::Current
                && m.date.as_ref().is_some_and(|d| d.label == "2026-12-11")),
        "{:?}",
        x.mentions
    );
    assert!(
        x.mentions.iter().all(|m| m.role != Role::Previous),
        "{:?}",
        x.mentions
    );
}

#[test]
fn set_for_a_date_is_a_release_plan_but_set_in_a_year_is_not() {
    has(
        "2026-05-01",
        "x",
        "Harbor Lights is currently set for Sept. 24 of this year.",
        "Harbor Lights",
        "2026-09-24",
    );
    has(
        "2026-05-01",
        "x",
        "Tin Harbor is now set for Oct. 9, the studio said.",
        "Tin Harbor",
        "2026-10-09",
    );
    nothing(
        "2026-05-01",
        "x",
        "Harbor Lights is set in 1920s Busan and follows a ferry captain.",
    );
}

#[test]
fn a_delay_from_a_passed_yearless_date_keeps_that_date_in_the_past() {
    let x = run(
        "2026-10-22",
        "Blue Harbor delayed",
        "Blue Harbor has been delayed from April 16 to Nov. 17.",
        &[],
    );
    assert_eq!(x.changes.len(), 1, "{x:#?}");
    let m = &x.changes[0];
    assert_eq!(
        m.from.as_ref().map(|p| p.label.as_str()),
        Some("2026-04-16"),
        "{x:#?}"
    );
    assert_eq!(m.to.as_ref().map(|p| p.label.as_str()), Some("2026-11-17"));
    assert_eq!(m.direction, Direction::Later);
    // Moved up, the old date may well be ahead: it stays where it was read.
    let up = run(
        "2026-10-22",
        "Blue Harbor moves up",
        "Blue Harbor has been moved up from Jan. 9 to Dec. 12.",
        &[],
    );
    assert_eq!(froms(&up), vec!["2027-01-09".to_string()], "{up:#?}");
}

#[test]
fn a_shift_fills_in_the_missing_date() {
    let x = run(
        "2025-11-27",
        "Release of 'Moonlit Garden' OST Part 5 delayed",
        "'Letters to November' was set to be released tomorrow, but the song has been pushed back by a week.",
        &[],
    );
    assert_eq!(tos(&x), vec!["2025-12-05".to_string()], "{x:#?}");
}

#[test]
fn identity_keeps_related_works_apart() {
    assert_ne!(release_key("Our Blues"), release_key("Our Blues OST"));
    assert_eq!(release_key("GTA VI"), release_key("GTA 6"));
    assert_eq!(
        release_key("Squid Game Season 2"),
        release_key("Squid Game S2")
    );
}

#[test]
fn unquoted_titles_as_subjects_of_plans() {
    has(
        "2025-03-03",
        "x",
        "Rockstar confirmed that Grand Theft Auto VI is still on track for fall 2025.",
        "Grand Theft Auto 6",
        "2025-fall",
    );
    has(
        "2025-03-03",
        "x",
        "Ghost of Yotei is slated for October 2, 2025.",
        "Ghost of Yotei",
        "2025-10-02",
    );
}

#[test]
fn a_release_abroad_before_publication_is_history() {
    let got = found(
        "2025-02-05",
        "'Ne Zha 2' heads to US",
        "'Ne Zha 2' opens in North American theaters on Feb. 14 after opening in China on Jan. 29.",
    );
    assert_eq!(got.len(), 1, "{got:?}");
}

#[test]
fn enlistments_ceremonies_tickets_and_pop_ups_are_not_releases() {
    nothing(
        "2025-04-01",
        "x",
        "Actor Park Seo Joon will enlist in the military on May 7.",
    );
    nothing(
        "2026-10-01",
        "x",
        "The 2026 MAMA Awards will be held on November 28 in Osaka.",
    );
    nothing(
        "2023-09-20",
        "x",
        "Tickets for the 'Eras Tour' film go on sale on Oct. 1.",
    );
    nothing(
        "2026-10-01",
        "x",
        "The 'Stranger Things' experience opens in Seoul on Nov. 20.",
    );
}

#[test]
fn platforms_are_regions_and_two_platform_dates_are_not_a_move() {
    let x = run(
        "2026-05-20",
        "x",
        "'Starfall Tactics' launches on PS5 on Oct. 8 and on Switch 2 in December.",
        &[],
    );
    let regions: Vec<_> = x.mentions.iter().map(|m| m.region.clone()).collect();
    assert_eq!(
        regions,
        vec![Some("PS5".to_string()), Some("Switch 2".to_string())],
        "{x:#?}"
    );
    assert!(x.changes.is_empty());
}

#[test]
fn a_season_given_back_by_its_is_the_titles_season() {
    has(
        "2024-03-20",
        "x",
        "Ember Court, the first spinoff from the hit saga, returns for its second season on Sunday, June 16.",
        "Ember Court Season 2",
        "2024-06-16",
    );
    has(
        "2020-09-23",
        "x",
        "Instead of returning on November 10, 'Grey Harbor' will now kick off its fifth season on Tuesday, October 27.",
        "Grey Harbor Season 5",
        "2020-10-27",
    );
}

#[test]
fn a_move_until_a_date_names_the_new_date() {
    for verb in ["delayed", "pushed back", "postponed"] {
        let text = format!("Salt Meridian has been {verb} until October 4.");
        let x = run("2021-03-01", "x", &text, &[]);
        assert_eq!(x.changes.len(), 1, "{verb}: {x:#?}");
        assert_eq!(tos(&x), vec!["2021-10-04".to_string()], "{verb}: {x:#?}");
        assert_eq!(x.changes[0].direction, Direction::Later);
    }
    // A landmark "until" stays one: no release date in it.
    nothing(
        "2021-03-01",
        "x",
        "Fans of Salt Meridian will have to wait until October 4 for the trailer.",
    );
}

#[test]
fn a_year_in_words_gives_its_year_to_the_date_after_it() {
    has(
        "2021-08-22",
        "x",
        "The film Iron Monsoon will hit screens next year on April 14.",
        "Iron Monsoon",
        "2022-04-14",
    );
    has(
        "2026-03-04",
        "x",
        "The series Paper Lanterns returns this year on, May 28.",
        "Paper Lanterns",
        "2026-05-28",
    );
}

#[test]
fn a_title_before_an_aside_in_dashes_is_the_subject() {
    for text in [
        "The studio confirmed that Iron Monsoon — the long-awaited Telugu movie — will hit screens on April 14, 2022.",
        "The studio confirmed that Iron Monsoon—the long-awaited Telugu movie—will hit screens on April 14, 2022.",
    ] {
        has("2021-08-22", "x", text, "Iron Monsoon", "2022-04-14");
    }
}

#[test]
fn a_reason_after_the_date_does_not_claim_it() {
    let x = run(
        "2024-06-17",
        "x",
        "The makers said that Monsoon Reign has been rescheduled from Aug. 15 to Dec. 6, citing unfinished shooting.",
        &[],
    );
    assert_eq!(x.changes.len(), 1, "{x:#?}");
    assert_eq!(tos(&x), vec!["2024-12-06".to_string()], "{x:#?}");
    // A distractor joined by "with" still claims the date.
    nothing(
        "2024-01-10",
        "x",
        "Warner said the Harbor Lights screening will be held in London in mid-February, with tickets going on sale in January.",
    );
}

#[test]
fn coordinated_works_share_their_date() {
    // Two names of two words or more joined by "and": two works, one date each.
    let text = "Tidal Crown and Ember Road 2 will both open in theaters on August 11.";
    has("2023-05-01", "x", text, "Tidal Crown", "2023-08-11");
    has("2023-05-01", "x", text, "Ember Road 2", "2023-08-11");
    // "both" announces a pair of one-word names too.
    let text = "Both Harrowgate and Quillon open on July 21.";
    has("2023-05-01", "x", text, "Harrowgate", "2023-07-21");
    has("2023-05-01", "x", text, "Quillon", "2023-07-21");
    // One-word sides and "and the" stay one title.
    has(
        "2023-05-01",
        "x",
        "Salt and Thunder opens in theaters on July 21.",
        "Salt and Thunder",
        "2023-07-21",
    );
    has(
        "2023-05-01",
        "x",
        "Marlow Finch and the Glass Key opens on July 21.",
        "Marlow Finch and the Glass Key",
        "2023-07-21",
    );
}

#[test]
fn an_ordinal_full_length_album_keeps_its_words() {
    // Without the ordinal and the hyphenated word the name was "Han Sol length album".
    has(
        "2012-11-18",
        "Han Sol delays release of 10th full-length album to December",
        "Fans of Han Sol will have to wait. According to the singer's agency, the singer's 10th full-length album, first scheduled to come out on November 19, has been pushed back to December.",
        "Han Sol 10th full-length album",
        "2012-12",
    );
}

#[test]
fn a_date_without_tense_leans_forward() {
    // Seven months ahead beats five months back: the nearer-only rule gave 2022.
    has(
        "2023-05-01",
        "x",
        "December 1 is the release date for Sam Bahadur.",
        "Sam Bahadur",
        "2023-12-01",
    );
}

#[test]
fn a_season_opening_batch_of_episodes_is_the_seasons_release() {
    // The possessor names the season's show; the batch of episodes is its release.
    has(
        "2024-05-15",
        "x",
        "The second half of Ridgeline's fifth season finally has a date. The remaining episodes will premiere Sunday, Nov. 10.",
        "Ridgeline Season 5",
        "2024-11-10",
    );
    has(
        "2025-01-29",
        "x",
        "Hollowmere will return in two parts: the first four episodes on Aug. 6 and the last four on Sept. 3.",
        "Hollowmere",
        "2025-08-06",
    );
    // A single numbered episode is still an event.
    nothing(
        "2024-05-15",
        "x",
        "Episodes 9 and 10 of Ridgeline will air on Nov. 10 after a break.",
    );
}

#[test]
fn a_range_gives_its_year_and_a_measure_sits_between_verb_and_dates() {
    let read = |text: &str| run("2024-01-10", "x", text, &[]);
    // The year-less start of "from A to B, YYYY" takes B's year.
    let x = read("Silver Fathom also goes back a few months, from Feb. 14 to May 2, 2025.");
    assert_eq!(froms(&x), vec!["2025-02-14".to_string()], "{x:#?}");
    assert_eq!(tos(&x), vec!["2025-05-02".to_string()], "{x:#?}");
    // A range that crosses a new year starts in the year before.
    let x = read("Ash Harbor moves from Nov. 7 to Feb. 14, 2025.");
    assert_eq!(froms(&x), vec!["2024-11-07".to_string()], "{x:#?}");
    // "a few months" is no exact shift: no replaced date is made up from it.
    let text = "Silver Fathom goes back a few months, to May 2, 2025.";
    let x = read(text);
    has("2024-01-10", "x", text, "Silver Fathom", "2025-05-02");
    assert!(froms(&x).iter().all(|f| f != "2025-02-02"), "{x:#?}");
}

#[test]
fn a_year_on_a_date_still_to_be_announced_is_no_release_date() {
    let got = found(
        "2020-03-24",
        "x",
        "Lena Vale has postponed Glass Orbit, which had been set to come out on April 10. A new 2020 release date would be announced soon, she said.",
    );
    assert!(
        got.iter().all(|(_, d, _)| d.as_deref() != Some("2020")),
        "{got:?}"
    );
}

#[test]
fn a_when_clause_after_a_landmark_date_names_whose_release_it_is() {
    let text = "The earlier start gives the spy sequel more room before July 21, when Ada Brook's Lanterns and Tom Vey's Harrow open.";
    has("2023-05-01", "x", text, "Lanterns", "2023-07-21");
    has("2023-05-01", "x", text, "Harrow", "2023-07-21");
    // Without the clause the landmark stays a landmark.
    nothing(
        "2023-05-01",
        "x",
        "The earlier start gives the spy sequel more room before July 21.",
    );
}

#[test]
fn a_work_said_to_share_the_date_gets_it() {
    let text = "The studio said on Friday that Iron Lotus will release on Aug. 14, the same day as Night Courier 2.";
    has("2024-03-01", "x", text, "Iron Lotus", "2024-08-14");
    has("2024-03-01", "x", text, "Night Courier 2", "2024-08-14");
    let text = "Paper Moons, the comedy sequel, is set for Aug. 15, as is Ravi Sen's Glass Tiger.";
    has("2024-03-01", "x", text, "Glass Tiger", "2024-08-15");
}

#[test]
fn a_long_subtitle_stays_in_the_title() {
    // Nine words and a colon: the colon no longer counts toward the nine-token limit.
    has(
        "2020-05-01",
        "x",
        "The House Where We Began: A Harbor Town Memoir will be published on June 23.",
        "The House Where We Began: A Harbor Town Memoir",
        "2020-06-23",
    );
}

#[test]
fn a_title_that_modifies_a_noun_is_not_the_work() {
    // "the 'X' sequel" is another work: the article's fuller title holding X.
    let x = run(
        "2024-03-01",
        "",
        "The studio has pushed the “Ember Crown” sequel from May 2, 2025, to June 6, 2025. \
         Filming on “Ember Crown: Ashes Rising” wrapped in January.",
        &[],
    );
    let moved: Vec<String> = x.changes.iter().map(|c| c.subject.clone()).collect();
    assert_eq!(moved, ["Ember Crown: Ashes Rising"], "{x:?}");
    assert_eq!(
        (froms(&x), tos(&x)),
        (vec!["2025-05-02".into()], vec!["2025-06-06".into()])
    );
    // With no fuller title, the phrase names it, never the franchise itself.
    let got = found(
        "2024-03-01",
        "",
        "The studio has moved the latest “Ember Crown” sequel to June 6, 2025.",
    );
    assert!(
        got.iter().all(|(s, _, _)| *s != release_key("Ember Crown")),
        "{got:?}"
    );
    has(
        "2024-03-01",
        "",
        "The studio has moved the latest “Ember Crown” sequel to June 6, 2025.",
        "Ember Crown sequel",
        "2025-06-06",
    );
    // A title before a plural noun names many works, before "fans" people.
    nothing(
        "2024-03-01",
        "",
        "Summer “Tidal Road” releases usually open on a Wednesday, such as July 15.",
    );
}

#[test]
fn a_named_event_or_venue_holds_its_dates() {
    // A named tour is no release of the album in focus (held before the rule too).
    let got = found(
        "2024-01-10",
        "",
        "Her album Glass Pines arrives on April 19. The Amber Nights Tour resumes in Oslo on Feb. 7.",
    );
    assert_eq!(
        got,
        [(
            release_key("Glass Pines"),
            Some("2024-04-19".to_string()),
            Role::Current
        )]
    );
    // A showcase stream named in the headline is not the work in focus.
    nothing(
        "2023-02-01",
        "Nova Direct set for Wednesday with 40 minutes of games",
        "Nova will air a new Nova Direct on Wednesday, Feb. 8 at 2 p.m. PT, the company said on Tuesday.",
    );
    // A venue after a date makes it a show's; the single's own date stays.
    let got = found(
        "2024-01-10",
        "",
        "The run opens on March 4 at Harbor Street Music Hall, after the single Low Tide arrives on March 1.",
    );
    assert_eq!(
        got,
        [(
            release_key("Low Tide"),
            Some("2024-03-01".to_string()),
            Role::Current
        )]
    );
}

#[test]
fn a_weekday_with_no_day_of_its_own_is_no_date() {
    for text in [
        // Inside a name.
        "Tidal Crown will settle into the new Friday Cinema Night block, where it airs weekly.",
        "The second season of Wednesday premieres soon, and fans of Wednesday Addams are thrilled.",
        // Any Friday, not one.
        "Like every Harbor Films release, Tidal Crown opens on a Friday.",
        // A time slot moving between nights.
        "The drama Tidal Crown moves from Thursday to Monday, and the quiz shows go from Monday to Thursday.",
    ] {
        let got = found("2024-01-10", "", text);
        assert!(got.iter().all(|(_, d, _)| d.is_none()), "{text}: {got:?}");
    }
    // One weekday of its own still is.
    has(
        "2024-01-10",
        "",
        "The drama Tidal Crown premieres on Friday.",
        "Tidal Crown",
        "2024-01-12",
    );
}

#[test]
fn came_out_is_past() {
    // "out" alone leans forward ("is out in May"); after "came" it is history,
    // so a year-less month before publication is last year's, not next year's.
    nothing(
        "2024-11-08",
        "",
        "The studio's last release, Tidal Crown: Ember Road, came out in January.",
    );
    has(
        "2024-11-08",
        "",
        "Tidal Crown: Ember Road is out in January.",
        "Tidal Crown: Ember Road",
        "2025-01",
    );
}

#[test]
fn punctuation_and_dotted_letters_do_not_count_toward_a_titles_length() {
    has(
        "2024-08-01",
        "",
        "The studio said R.I.V.E.R.S. 2: Heart of Tides will launch on Nov. 20.",
        "R.I.V.E.R.S. 2: Heart of Tides",
        "2024-11-20",
    );
    has(
        "2025-01-01",
        "",
        "Ember Saga: Kanata no Hoshi – The Movie: Glass Castle opens on July 18.",
        "Ember Saga: Kanata no Hoshi – The Movie: Glass Castle",
        "2025-07-18",
    );
}

#[test]
fn a_bracketed_other_name_does_not_hide_the_verb() {
    // "Eiga Doraemon (Doraemon the Movie) opens ...": the verb after the bracket
    // still says the name before it is a work.
    has(
        "2021-05-01",
        "",
        "Tidal Crown (Ember Road) opens on July 9.",
        "Tidal Crown",
        "2021-07-09",
    );
}

#[track_caller]
fn has_role(published: &str, text: &str, subject: &str, label: &str, role: Role) {
    let got = found(published, "", text);
    assert!(
        got.iter().any(|(s, d, r)| *s == release_key(subject)
            && d.as_deref() == Some(label)
            && *r == role),
        "want {subject} {label} {role:?} in {got:?}"
    );
}

#[test]
fn an_apposition_holding_a_possessive_gives_the_titles_kind() {
    // "'Gaslighter,' the Dixie Chicks' new record": the kind is the phrase's head,
    // so "the album" later is this title, not the show named after it.
    let text = "“Marrow Lane,” the Vesper Sisters' new record, has been postponed. \
                They had even performed the new song on “Late Desk.” The album was \
                meant to arrive on May 1.";
    has_role(
        "2020-04-24",
        text,
        "Marrow Lane",
        "2020-05-01",
        Role::Previous,
    );
    assert!(
        !found("2020-04-24", "", text)
            .iter()
            .any(|(s, _, _)| *s == release_key("Late Desk")),
        "the show is not the album"
    );
}

#[test]
fn a_distractor_that_reports_does_not_claim_the_date() {
    // "Their latest update says the film will now arrive ...": the update is the
    // subject of "says", outside the clause that dates the film.
    has(
        "2024-06-13",
        "",
        "The film 'Glass Harbor' is coming. Their latest update says the film will now arrive \
         on September 27.",
        "Glass Harbor",
        "2024-09-27",
    );
    has(
        "2024-06-13",
        "",
        "The film 'Glass Harbor' is coming. The new trailer confirms that the film will hit \
         theaters on September 27.",
        "Glass Harbor",
        "2024-09-27",
    );
    // The trailer's own date stays the trailer's.
    nothing(
        "2024-06-13",
        "",
        "The series 'Glass Harbor' is coming. The trailer for the series arrives September 27.",
    );
}

#[test]
fn had_first_been_planned_is_the_replaced_plan() {
    let text = "Glass Harbor has been moved to an earlier date. The film will now arrive \
                on September 27, 2024. The film had first been planned for October 10, \
                2024, in time for the festival.";
    has_role(
        "2024-06-13",
        text,
        "Glass Harbor",
        "2024-10-10",
        Role::Previous,
    );
    has_role(
        "2024-06-13",
        text,
        "Glass Harbor",
        "2024-09-27",
        Role::Current,
    );
    // "was first due on March 17": "first" before a plan's participle.
    let text = "The studio needs more time, so Glass Harbor has been delayed until \
                April 28. The game was first due on March 17, the date announced at \
                the showcase.";
    has_role(
        "2023-01-31",
        text,
        "Glass Harbor",
        "2023-03-17",
        Role::Previous,
    );
    has_role(
        "2023-01-31",
        text,
        "Glass Harbor",
        "2023-04-28",
        Role::Current,
    );
}

#[test]
fn a_release_table_row_is_its_works_move() {
    // "Animal – August 11- December 1" under "several major releases have been
    // pushed back": a name, a dash, the old and the new date.
    let text = "Over the last two months several major releases have been pushed back.\n\n\
                • Tidal Crown – August 11- December 1\n\n\
                Ember Road: Part 2- June 2- September 7\n\n\
                Glass Harbor- November 24- December 1\n\n\
                Marrow Lane – December 1\n\n\
                Here is what it means for the box office.";
    let x = run("2023-07-06", "", text, &[]);
    let moves: Vec<(String, String, String)> = x
        .changes
        .iter()
        .filter(|c| c.confirmed)
        .filter_map(|c| {
            Some((
                release_key(&c.subject),
                c.from.as_ref()?.label.clone(),
                c.to.as_ref()?.label.clone(),
            ))
        })
        .collect();
    for (name, from, to) in [
        ("Tidal Crown", "2023-08-11", "2023-12-01"),
        // The old date, before publication, is this year's plan.
        ("Ember Road: Part 2", "2023-06-02", "2023-09-07"),
        // Read as one range by the date grammar; a row's two dates here.
        ("Glass Harbor", "2023-11-24", "2023-12-01"),
    ] {
        assert!(
            moves.contains(&(release_key(name), from.into(), to.into())),
            "want {name} {from} -> {to} in {moves:?}"
        );
    }
    // A row with one date dates its work and moves nothing.
    has("2023-07-06", "", text, "Marrow Lane", "2023-12-01");
    assert_eq!(moves.len(), 3, "{moves:?}");
}

#[test]
fn a_table_row_needs_a_move_told_and_dates_that_agree_with_it() {
    // A tour itinerary is no release table.
    nothing(
        "2023-07-06",
        "",
        "The band announced its first world tour on Monday.\n\n\
         Seoul – August 11- August 12\n\nTokyo – September 2\n",
    );
    // A country heads a row of regional dates, not a work's.
    nothing(
        "2023-07-06",
        "",
        "Several films have been pushed back.\n\nJapan – August 11- August 12\n",
    );
    // "pushed back", but the row's dates run earlier: not read as a move.
    let x = run(
        "2023-07-06",
        "",
        "Several films have been pushed back this summer.\n\n\
         Tidal Crown – December 1- August 11\n",
        &[],
    );
    assert!(x.changes.is_empty(), "{:?}", x.changes);
}

#[test]
fn a_name_before_a_modal_and_a_release_verb_is_a_title() {
    // "writing that Chromatica would arrive April 10": "would" (like "will")
    // may stand between a clause's subject and its release verb.
    has(
        "2020-03-02",
        "Pop news",
        "Coming right after \"Paper Hearts,\" her latest single, the news is here. \
         She wrote that Tidal Crown would arrive April 10.",
        "Tidal Crown",
        "2020-04-10",
    );
}

#[test]
fn the_nth_season_of_a_show_is_that_shows_season() {
    // The season is named by its show, not by the work in focus before it.
    let text = "Lumen Pictures released 'Paper Lanterns' last week. \
                The second season of Glass Harbor will premiere on March 3.";
    has(
        "2026-01-20",
        "",
        text,
        "Glass Harbor Season 2",
        "2026-03-03",
    );
    // An owner after "of" is no show: the season stays a part of the focus.
    let owned = "'Glass Harbor' is back. The fourth season of Tideline's drama \
                 will premiere on March 3.";
    let got = found("2026-01-20", "", owned);
    assert!(
        !got.iter().any(|(s, _, _)| s.starts_with("tideline")),
        "{got:?}"
    );
}

#[test]
fn the_date_a_past_move_went_to_is_where_the_release_stands() {
    // Past tense places the old side before publication, not the new one.
    has(
        "2021-10-18",
        "",
        "Harbor Lights was pushed back to November 11.",
        "Harbor Lights",
        "2021-11-11",
    );
    // "pushed to December in June": the month it was told in stays past.
    let got = found(
        "2024-10-24",
        "",
        "Harbor Lights was pushed to December in June because of pending work.",
    );
    assert!(
        !got.iter().any(|(_, d, _)| d.as_deref() == Some("2025-06")),
        "{got:?}"
    );
}

#[test]
fn a_shuffle_hands_on_a_dated_slot_in_its_year() {
    // The slot one film leaves (July 8th, 2022) is the old date of the next,
    // and the next moves later than it: into 2022, not back into 2021.
    let x = run(
        "2021-10-18",
        "",
        "Storm Coast has been shifted from May 6th to July 8th, 2022. \
         Iron Orchard was pushed back to November 11th from July 8th.",
        &[],
    );
    let orchard: Vec<_> = x
        .changes
        .iter()
        .filter(|c| release_key(&c.subject) == release_key("Iron Orchard"))
        .map(|c| {
            (
                c.from.as_ref().map(|p| p.label.clone()),
                c.to.as_ref().map(|p| p.label.clone()),
            )
        })
        .collect();
    assert_eq!(
        orchard,
        vec![(
            Some("2022-07-08".to_string()),
            Some("2022-11-11".to_string())
        )]
    );
}

#[test]
fn a_bracket_opens_a_clause_of_its_own() {
    // The calendar the first clause names does not head the bracketed one.
    let x = run(
        "2021-10-18",
        "",
        "Two untitled Lumen projects were pulled from the calendar entirely \
         (one untitled Lumen movie scheduled for November 10th, 2023 has \
         actually been moved up, to November 3rd, 2023).",
        &[],
    );
    assert_eq!(froms(&x), vec!["2023-11-10".to_string()], "{:?}", x.changes);
    assert_eq!(tos(&x), vec!["2023-11-03".to_string()]);
}

#[test]
fn a_bracket_glossing_the_report_day_keeps_it_a_report_day() {
    // "today (June 2)," and "on Monday (June 1)," both date the statement,
    // not the release the statement puts off.
    for line in [
        "Earlier today (June 2), though, the band said the record will be pushed back.",
        "On Monday (June 1), the band said the record will be pushed back.",
    ] {
        let x = run(
            "2020-06-02",
            "",
            &format!("Their fourth album 'Pale Harbour' was meant to come out on July 10. {line}"),
            &[],
        );
        assert_eq!(
            froms(&x),
            vec!["2020-07-10".to_string()],
            "{line}: {:?}",
            x.changes
        );
        assert!(
            x.changes.iter().all(|c| c.to.is_none()),
            "{line}: the report day is no new date: {:?}",
            x.changes
        );
    }
}

#[test]
fn court_dates_bookings_passes_and_results_are_no_release() {
    // Legal proceedings, advance bookings, festival passes and a company's
    // results are events around a work, not its release: a mention may carry
    // only the work's own date.
    for (text, own) in [
        (
            "Jury selection in the trial over 'Copper Vale' begins Tuesday, July 9, in Santa Fe.",
            &[][..],
        ),
        (
            "'Lantern Road' opens on Jan. 25. Advance bookings begin next week.",
            &["2024-01-25"][..],
        ),
        (
            "The concert film 'Harbor Lights' opens in March; passes go on sale on Friday.",
            &["2024-03"][..],
        ),
        (
            "'Glass Atlas' is on track for fall, and Northwind reports its quarterly results on May 15.",
            &["2024-fall"][..],
        ),
    ] {
        let got = found("2024-01-12", "", text);
        assert!(
            got.iter()
                .all(|(_, d, _)| d.as_deref().is_some_and(|d| own.contains(&d))),
            "{text}: {got:?}"
        );
    }
}

#[test]
fn what_is_held_or_hosted_and_nominations_are_events() {
    // "will host a community stream": whatever one hosts is an event; a
    // nomination tally is an awards event. Neither dates the work.
    for (published, title, text, date) in [
        (
            "2023-06-12",
            "",
            "'Ember Tide' leaves early access on Aug. 3. Larkspur will host a community stream on June 15.",
            "2023-06-15",
        ),
        (
            "2023-12-11",
            "Glass Atlas leads Golden Globe nominations",
            "Glass Atlas received nine Golden Globe nominations on Monday, the most of any film.",
            "2023-12-11",
        ),
    ] {
        let got = found(published, title, text);
        assert!(
            got.iter().all(|(_, d, _)| d.as_deref() != Some(date)),
            "{text}: {got:?}"
        );
    }
    // Holding a date is not holding an event.
    has(
        "2023-06-12",
        "",
        "'Ember Tide' holds its July 31, 2026 date.",
        "Ember Tide",
        "2026-07-31",
    );
}

#[test]
fn a_move_of_numbered_episodes_or_of_pre_orders_moves_no_release() {
    // "Episodes 9 and 10" is one subject: the "and" joins the numbers. "the
    // start of U.S. pre-orders": an abbreviation's period does not end the
    // object before the event noun.
    for (published, title, text) in [
        (
            "2024-07-26",
            "",
            "The network will not air new episodes of its drama 'Tide Court' next weekend. \
             Episodes 9 and 10 will air a week later than usual, on Aug. 9 and 10.",
        ),
        (
            "2025-04-04",
            "Console news",
            "Northwind has postponed the start of U.S. pre-orders for the 'Lumen Deck', \
             which had been due to open on April 9.",
        ),
    ] {
        let x = run(published, title, text, &[]);
        assert!(x.changes.is_empty(), "{text}: {:?}", x.changes);
    }
}

#[test]
fn a_title_that_remains_set_for_a_date_keeps_it() {
    // "X remains set for ..." keeps X's date, whatever the sentence before moved.
    let x = found(
        "2023-11-08",
        "",
        "A Quiet Place: Day One moves from March 8, 2024 into the June 28 slot. \
         Hedge Runner 3 remains set for Dec. 20, 2024.",
    );
    assert!(
        x.contains(&(
            release_key("Hedge Runner 3"),
            Some("2024-12-20".to_string()),
            Role::Current
        )),
        "{x:?}"
    );
}

#[test]
fn an_open_ended_postponement_of_a_work_with_one_old_date_is_confirmed() {
    // The replaced date two sentences before the statement: with no other date
    // for the record there is nothing to assemble wrongly, so it is notified.
    let x = run(
        "2020-04-24",
        "'Pale Harbour' album pushed back",
        "The trio's new record 'Pale Harbour' has had its release postponed. \
         May 1 was the date on which the trio was meant to release the album. \
         In hindsight, the cover photo looks prophetic. \
         We hate to deliver bad news: the record is now postponed indefinitely.",
        &[],
    );
    assert_eq!(froms(&x), vec!["2020-05-01".to_string()], "{:?}", x.changes);
    assert!(
        x.changes.iter().all(|c| c.to.is_none() && c.confirmed),
        "{:?}",
        x.changes
    );
}

#[test]
fn a_work_that_misses_its_date_is_late() {
    // "will miss its fall release" states the delay; "won't miss" does not.
    let x = run(
        "2024-08-22",
        "Ember Tide no longer launches this fall, now Feb. 18",
        "Larkspur's Ember Tide will miss its fall 2024 release. The studio said on \
         Thursday that the game will come out on Feb. 18, 2025.",
        &[],
    );
    assert_eq!(froms(&x), vec!["2024-fall".to_string()], "{:?}", x.changes);
    assert!(
        x.changes
            .iter()
            .all(|c| c.confirmed && c.direction == Direction::Later),
        "{:?}",
        x.changes
    );
    let y = run(
        "2024-08-22",
        "",
        "Ember Tide won't miss its Feb. 18, 2025 release, the studio said.",
        &[],
    );
    assert!(y.changes.is_empty(), "{:?}", y.changes);
}

#[test]
fn the_dates_of_a_moved_event_stay_with_the_event() {
    // Two concerts postponed: the dates they were planned for are theirs, not
    // the act's release; a work named after the event takes its own date.
    nothing(
        "2025-04-10",
        "",
        "Tidewell released the album 'Salt Year' in March. Tidewell have postponed two \
         concerts of their world tour, planned for April 26 and 27, after a member was injured.",
    );
    has(
        "2025-04-10",
        "",
        "Tidewell have postponed two concerts of their tour, and their album 'Salt Year' \
         arrives on May 2.",
        "Salt Year",
        "2025-05-02",
    );
}

#[test]
fn a_move_told_in_the_past_perfect_is_history() {
    // The plans a past-perfect move set lie before the report, and the one it
    // left in force was replaced by the move stated now: no current date, and
    // no year-less date pushed into next year.
    let x = run(
        "2020-10-27",
        "Glass Orbit delayed again, to Dec. 10",
        "Nightjar Games has delayed Glass Orbit once more. The space opera moves \
         from Nov. 19 to Dec. 10. The studio had already delayed the release from \
         April 16 to Sept. 17, and then to Nov. 19.",
        &[],
    );
    assert_eq!(
        currents(&x),
        vec!["2020-12-10".to_string()],
        "{:?}",
        x.mentions
    );
    assert!(
        x.mentions
            .iter()
            .filter_map(|m| m.date.as_ref())
            .all(|d| !d.label.starts_with("2021")),
        "{:?}",
        x.mentions
    );
    assert_eq!(froms(&x), vec!["2020-11-19".to_string()], "{:?}", x.changes);
    // A sentence that goes on to now left its old date while it was ahead:
    // March 8 of this year, not of the last.
    let z = run(
        "2024-02-01",
        "",
        "Iron Tide, which had been delayed from March 8, will now open on May 5.",
        &[],
    );
    assert_eq!(froms(&z), vec!["2024-03-08".to_string()], "{:?}", z.changes);
    // "had been moved from November to March" in a March article: last
    // November, not the next one.
    let y = run(
        "2024-03-01",
        "",
        "Harbor Lights opened on Friday. Ada Quince's film had been moved from \
         November to March because of the strike.",
        &[],
    );
    assert!(
        y.mentions
            .iter()
            .filter_map(|m| m.date.as_ref())
            .all(|d| d.label != "2024-11"),
        "{:?}",
        y.mentions
    );
}

#[test]
fn what_a_dating_verb_dates_is_a_work() {
    // The object of "set ... for" is the work, not the work in focus.
    has(
        "2022-09-14",
        "Stormglass Saga gets a spring date",
        "The Stormglass Saga will arrive in spring 2023, the publisher said. The \
         presentation also set Lantern Vale for Jan. 20, 2023.",
        "Lantern Vale",
        "2023-01-20",
    );
    // "Universal has set the film for ...": the film is the work the article is
    // about; a possessor before a title with its own article is not in it.
    has(
        "2024-12-05",
        "",
        "Ada Quince's adaptation of Virgil's The Aeneid, starring Tom Vale, has \
         added two actors. Northlight has set the film for July 17, 2026.",
        "The Aeneid",
        "2026-07-17",
    );
    // In a headline the work is what the artist sets, not the artist.
    has(
        "2024-04-09",
        "Mara Quill sets Paper Lanterns for May 17",
        "The singer's third album arrives next month.",
        "Paper Lanterns",
        "2024-05",
    );
}

#[test]
fn a_year_after_to_or_into_dates_the_title_before_it() {
    // "to 2026" is where the work went, not the end of its title; "into 2023"
    // is a year like "in 2023".
    has(
        "2023-06-01",
        "",
        "Harbor Works has delayed Iron Tide to 2026.",
        "Iron Tide",
        "2026",
    );
    has(
        "2022-03-01",
        "",
        "Starfall has been delayed into 2023.",
        "Starfall",
        "2023",
    );
}

#[test]
fn military_service_dates_are_no_release() {
    // Enlistment and discharge dates are the army's, not a work's; a release in
    // the same article keeps its own date.
    nothing(
        "2024-06-12",
        "Rook tops the chart for a sixth week",
        "Rook's 'Paper Moon' fell to No. 2 after six weeks at the top. Rook is \
         expected to begin his military service this year.",
    );
    nothing(
        "2024-06-12",
        "",
        "The remaining members of Nova Line are expected to complete their \
         service by June 2025.",
    );
    has(
        "2024-06-12",
        "",
        "Rook enlists next month. His single 'Paper Moon' will be released on \
         July 1.",
        "Paper Moon",
        "2024-07-01",
    );
}

#[test]
fn earlier_this_month_is_before_today() {
    // "earlier this month" is the part of the month already past: when the
    // work was postponed, not a date it is set for.
    let x = run(
        "2020-04-20",
        "",
        "Northlight has set a new date for Harbor Lights, which it postponed \
         indefinitely earlier this month. The game will release on June 19.",
        &[],
    );
    assert_eq!(
        currents(&x),
        vec!["2020-06-19".to_string()],
        "{:?}",
        x.mentions
    );
}

#[test]
fn early_access_for_an_edition_is_no_release() {
    // The deluxe edition's head start is not the game's date; the launch is.
    let x = run(
        "2023-01-05",
        "Ember Tide launches Feb. 10",
        "Ember Tide will launch on Friday, Feb. 10. Players who buy the deluxe \
         edition can start playing 72 hours earlier, on Feb. 7. Buyers of the \
         collector's box get early access on Feb. 8.",
        &[],
    );
    assert_eq!(
        currents(&x),
        vec!["2023-02-10".to_string()],
        "{:?}",
        x.mentions
    );
    assert!(x.changes.is_empty(), "{:?}", x.changes);
}

#[test]
fn a_gross_dates_the_weekend_it_was_made_in() {
    // A box-office sum names the weekend it was made in; a price or a budget
    // leaves the release date alone.
    nothing(
        "2022-05-30",
        "Ember Tide soars over the holiday",
        "Ember Tide took off with an estimated $156 million over the four-day \
         Memorial Day weekend in North America, the studio said, the biggest \
         opening of its star's career.",
    );
    for text in [
        "Ember Tide will cost $69.99 when it launches on June 5.",
        "Ember Tide, with a $200 million budget, opens on June 5.",
    ] {
        has(
            "2022-05-01",
            "Ember Tide news",
            text,
            "Ember Tide",
            "2022-06-05",
        );
    }
}

#[test]
fn a_sentence_about_an_event_dates_the_event() {
    // When the sentence opens with an event noun, what its verbs date is the
    // event, through a parenthetical and a second verb; a clause with a subject
    // of its own, or an opening subordinate clause, ends that reach.
    nothing(
        "2025-01-10",
        "",
        "The Film Guild of Avalon has pushed back its awards announcement again. \
         The nominations, originally planned for Jan. 17 and then moved to Sunday, \
         Jan. 19, will now be revealed on Thursday, Jan. 23.",
    );
    nothing(
        "2024-03-04",
        "",
        "Ilsa Moreau joins the cast of 'Harbor Lights'. Filming has started in Lyon \
         and will move to Spain and Italy in the summer.",
    );
    has(
        "2024-03-04",
        "",
        "Filming has wrapped in Lyon, and the film Harbor Lights opens on May 3.",
        "Harbor Lights",
        "2024-05-03",
    );
    has(
        "2024-03-04",
        "",
        "Although its teaser has already been released, Harbor Lights has moved \
         to December 1, away from August 11.",
        "Harbor Lights",
        "2024-12-01",
    );
}

#[test]
fn a_clause_about_an_event_dates_the_event() {
    // A later clause opens with its own subject after a semicolon or a comma and
    // a conjunction; when that subject is an event, the clause dates the event.
    nothing(
        "2023-11-20",
        "",
        "'Harbor Lights' returns as the drama heads into awards season, where it \
         leads the nominations; the ceremony will now take place on Jan. 15, 2024, \
         after being moved from September.",
    );
    nothing(
        "2023-05-02",
        "",
        "Harbor Lights wrapped its press tour on Monday, and a gala screening is \
         planned for late June.",
    );
    // The clause before keeps its date.
    has(
        "2023-05-02",
        "",
        "Harbor Lights opens on July 21, and the premiere tour is planned for late June.",
        "Harbor Lights",
        "2023-07-21",
    );
}

#[test]
fn a_holiday_beside_a_stated_day_is_a_gloss() {
    // A holiday named near a stated day says why the day was chosen or what it
    // lands in; it is no second date.
    for text in [
        "Harbor Lights will open in theaters on Nov. 5, for Diwali, the director said.",
        "Harbor Lights will now open on Wednesday, April 5, instead of Friday, \
         April 7, giving it a five-day Easter weekend.",
        "Harbor Lights will release worldwide on Dec. 22, setting up a \
         Christmas-week clash with another film.",
    ] {
        let got = currents(&run("2023-03-01", "", text, &[]));
        assert_eq!(got.len(), 1, "{text}: {got:?}");
    }
    // A holiday weeks away from the stated day is a date of its own, and a day
    // the news was told on glosses nothing.
    let got = currents(&run(
        "2025-10-01",
        "",
        "Volume 1 of Harbor Lights arrives on Nov. 26, Volume 2 on Christmas Day.",
        &[],
    ));
    assert_eq!(got.len(), 2, "{got:?}");
    has(
        "2026-11-20",
        "",
        "The singer announced on Friday that her song 'Harbor Lights' will arrive on \
         Black Friday.",
        "Harbor Lights",
        "2026-11-27",
    );
}

#[test]
fn a_bare_day_is_a_day_of_the_month_named_last() {
    // "the 24th" names a day of the month the text named last, not of the
    // month the article was published in.
    let x = run(
        "2025-01-13",
        "",
        "The singer announced that his album would arrive in March. Harbor Lights \
         had been set for the 24th, but the fires have now pushed it back by a week.",
        &[],
    );
    assert_eq!(froms(&x), ["2025-03-24"], "{x:?}");
    assert_eq!(tos(&x), ["2025-03-31"], "{x:?}");
    has(
        "2025-01-13",
        "",
        "Harbor Lights opens on November 17. Its sequel, Harbor Nights, follows on \
         the 24th.",
        "Harbor Nights",
        "2025-11-24",
    );
    // A count is no day.
    let x = run(
        "2025-01-13",
        "",
        "Harbor Lights opens on March 3 and screens for the 24th time.",
        &[],
    );
    assert_eq!(currents(&x), ["2025-03-03"], "{x:?}");
}

#[test]
fn a_replaced_cue_governs_the_first_date_after_it() {
    // "previously due in June, opens on May 9": the cue before June does not
    // reach past June to the date the work now has.
    let x = run(
        "2025-03-01",
        "",
        "The studio has settled on a date for Quiet Shore. The drama, previously \
         expected in June, will open on Friday, May 9, the network said.",
        &[],
    );
    assert_eq!(currents(&x), ["2025-05-09"], "{x:?}");
    assert_eq!(froms(&x), ["2025-06"], "{x:?}");
    // Replaced dates given as a pair leave the new date current.
    let x = run(
        "2025-03-01",
        "",
        "Quiet Shore, originally set for April 3 and 4, will now premiere on May 9.",
        &[],
    );
    assert_eq!(currents(&x), ["2025-05-09"], "{x:?}");
}

#[test]
fn a_shift_fills_a_side_only_in_the_frame_of_its_move() {
    // The shift is told of a showcase; the game's date takes nothing from it.
    let x = run(
        "2024-01-31",
        "",
        "The publisher will hold its showcase on Wednesday, Feb. 21, a day earlier \
         than the Thursday slot it usually takes. The company also confirmed that \
         Lantern Road, its next big game, arrives on March 22.\n\nThe last \
         showcase, in September, revealed a remake.",
        &[],
    );
    assert!(x.changes.is_empty(), "{x:?}");
    assert_eq!(currents(&x), ["2024-03-22"], "{x:?}");
    // In its own frame a shift still gives the missing side.
    let x = run(
        "2024-01-31",
        "",
        "Lantern Road has been moved up by a day. It will now arrive on March 22.",
        &[],
    );
    assert_eq!(froms(&x), ["2024-03-23"], "{x:?}");
}

#[test]
fn the_makers_of_a_work_name_it() {
    // "the producers of X" presupposes that X is a work; "the film" then refers
    // to it.
    let x = run(
        "2020-10-02",
        "",
        "There will be no premiere this year. The producers of Silent Harbour said on \
         Friday that the film has been moved from Nov. 25 to April 2, 2021.",
        &[],
    );
    assert_eq!(froms(&x), ["2020-11-25"], "{x:?}");
    assert_eq!(tos(&x), ["2021-04-02"], "{x:?}");
    assert!(
        x.mentions.iter().all(|m| m.subject == "Silent Harbour"),
        "{x:?}"
    );
}

#[test]
fn a_work_given_its_name_is_named() {
    // "will be called X", "titled X": the name the work is given.
    has(
        "2022-10-27",
        "",
        "The singer's memoir will be titled Open Water and published on Jan. 10, 2023, \
         her publisher said on Thursday.",
        "Open Water",
        "2023-01-10",
    );
    // The language a name is given in is not part of it.
    let got = found(
        "2024-03-18",
        "",
        "The spin-off, now titled Night Ward in English, has been postponed \
         indefinitely. It had been due in May.",
    );
    assert!(
        got.iter().all(|(s, _, _)| *s == release_key("Night Ward")),
        "{got:?}"
    );
    // An award is no name.
    nothing(
        "2024-03-04",
        "",
        "Harbor Lights was named Film of the Year at the ceremony on Saturday, March 2.",
    );
}

#[test]
fn a_reported_clause_without_that_names_its_subject() {
    // "Marvel said Echo will ...": the title opens the reported clause.
    has(
        "2023-11-03",
        "",
        "The studio said Harbor Lights will premiere on Tuesday, Jan. 9.",
        "Harbor Lights",
        "2024-01-09",
    );
    // A speaker named after "said" is no work.
    let got = found(
        "2023-11-03",
        "",
        "Harbor Lights opens on Jan. 9, said Ada Quince, the director.",
    );
    assert!(
        got.iter()
            .all(|(s, _, _)| *s == release_key("Harbor Lights")),
        "{got:?}"
    );
}

#[test]
fn a_release_word_after_a_report_clause_does_not_reach_back_to_the_date() {
    // "to follow" lies beyond ", the agency said,": the date belongs to the event.
    let text = "Jungkook will release his first solo album, Golden, on Nov. 3, the label \
                said. Jungkook will hold a live event, Golden Live on Stage, in Seoul on \
                Nov. 20, the agency said, with details to follow.";
    let got = currents(&run("2023-11-01", "", text, &[]));
    assert_eq!(got, ["2023-11-03"], "{got:?}");
    // A release word before the date, or after it inside its clause, still anchors it.
    has(
        "2023-11-03",
        "",
        "'Golden Hour' will arrive worldwide on Dec. 1, the agency said, with a tour to follow.",
        "Golden Hour",
        "2023-12-01",
    );
    has(
        "2023-11-03",
        "",
        "On Dec. 1 the band's new album 'Golden Hour' will be released.",
        "Golden Hour",
        "2023-12-01",
    );
}

/// The head of a relative clause that dates it is the work, when a copula or a
/// list verb names the head; a name inside a phrase before the clause is not.
#[test]
fn a_relative_clause_dates_the_name_a_copula_or_list_names() {
    let x = run(
        "2021-10-18",
        "",
        "Disney delayed Black Panther: Wakanda Forever. The first domino is Doctor \
         Strange in the Multiverse of Madness, which goes from March 25th, 2022 to May 6th.",
        &[],
    );
    let moved: Vec<_> = x.changes.iter().map(|c| c.subject.as_str()).collect();
    assert_eq!(
        moved,
        ["Doctor Strange in the Multiverse of Madness"],
        "{x:?}"
    );
    has(
        "2024-02-12",
        "",
        "Trailers shown during the game included Deadpool & Wolverine, which hits \
         theaters on July 26.",
        "Deadpool & Wolverine",
        "2024-07-26",
    );
    let got = found(
        "2024-01-20",
        "",
        "The science-fiction film starring Robert Pattinson, which was scheduled for \
         March 29, will now be released on Jan. 31, 2025.",
    );
    assert!(
        got.iter()
            .all(|(s, _, _)| *s != release_key("Robert Pattinson")),
        "{got:?}"
    );
}

/// What a studio or network releases, airs or sets for a date is the work, not
/// the studio; a region after the name is where, and a kind of work ("The LP")
/// or a capitalised compound ("the Indian Air Force") names none. A working
/// title the headline renames is the new title.
#[test]
fn a_release_verb_names_its_object_and_a_renamed_working_title_its_new_name() {
    has(
        "2023-10-20",
        "",
        "Square Enix will release Final Fantasy VII Rebirth, the second part of its \
         remake project, on Feb. 29.",
        "Final Fantasy VII Rebirth",
        "2024-02-29",
    );
    has(
        "2025-03-20",
        "",
        "tvN will air Resident Playbook from Saturday, April 12 at 9:10 p.m.",
        "Resident Playbook",
        "2025-04-12",
    );
    has(
        "2023-10-20",
        "",
        "Sony set Spider-Man for May 16.",
        "Spider-Man",
        "2024-05-16",
    );
    let got = found(
        "2024-01-03",
        "",
        "Hrithik Roshan plays a squadron leader in the Indian Air Force. The film \
         will open on Jan. 25.",
    );
    assert!(
        got.iter().all(|(s, _, _)| *s != release_key("Force")),
        "{got:?}"
    );
    has(
        "2019-08-20",
        "Bond 25 finally has a title: No Time to Die",
        "Universal will release Bond 25 in U.S. theaters on April 8, 2020.",
        "No Time to Die",
        "2020-04-08",
    );
}

/// A release taken off its date with no new one ("took X off its March 20
/// opening ... did not give a new date", "will not open on July 10 as planned
/// ... a new release date will be announced once it is decided") is a move to
/// no date. A date still to come is not one ("has set a new date ... arrives on
/// June 19"), and the time a move was made ("postponed this week") is no new
/// date.
#[test]
fn a_release_taken_off_its_date_with_a_new_one_still_to_come_moves_to_no_date() {
    let undated = |published: &str, text: &str, from: &str| {
        let x = run(published, "", text, &[]);
        assert_eq!(froms(&x), [from], "{text}: {:?}", x.changes);
        assert!(
            x.changes.iter().all(|c| c.to.is_none()),
            "{text}: {:?}",
            x.changes
        );
    };
    undated(
        "2020-03-12",
        "Paramount took A Quiet Place Part II off its March 20 opening. Paramount did \
         not give a new date.",
        "2020-03-20",
    );
    undated(
        "2020-05-13",
        "Pokémon the Movie: Coco will not open in Japan on Friday, July 10 as planned, \
         the website said. A new release date will be announced once it is decided.",
        "2020-07-10",
    );
    undated(
        "2022-01-05",
        "Radhe Shyam will not release on January 14 as planned, the producers said on \
         Wednesday, making it the second Sankranti release to be postponed this week.",
        "2022-01-14",
    );
    // A negated auxiliary with its clitic still leaves the title the subject.
    has_role(
        "2020-03-12",
        "Paramount said A Quiet Place Part II won't open on March 20 as planned.",
        "A Quiet Place Part II",
        "2020-03-20",
        Role::Previous,
    );
    let x = run(
        "2020-05-13",
        "",
        "Sony has set a new date for The Last of Us Part II. It arrives on June 19.",
        &[],
    );
    assert!(
        x.mentions.iter().all(|m| m.date.is_some()),
        "a new date given is no missing one: {x:?}"
    );
}

/// An aside about a name ("Hackney Diamonds, their first album since A Bigger
/// Bang in 2005,") has its own tense: the year-less date after it is placed by
/// the clause it belongs to ("will release ... on October 20"), not by "since".
#[test]
fn an_aside_about_a_name_does_not_set_the_tense_of_the_date_after_it() {
    has(
        "2023-09-06",
        "",
        "The Rolling Stones will release Hackney Diamonds, their first album of \
         original material since A Bigger Bang in 2005, on October 20.",
        "Hackney Diamonds",
        "2023-10-20",
    );
    // A fronted clause is no aside: the past tense after it still holds.
    nothing(
        "2025-07-28",
        "",
        "Before enlisting, the singer released a solo album, ELSE, in February.",
    );
}

/// A report clause after the date's comma ends the date's clause for a
/// distractor as it does for a release word: "on June 10, Big Hit Music said
/// ... as the group posted a logo trailer" keeps June 10 the album's. A trailer
/// in the date's own clause still claims it.
#[test]
fn a_distractor_beyond_a_report_clause_does_not_claim_the_date() {
    has(
        "2022-05-04",
        "",
        "BTS will release Proof, a three-CD anthology of its nine-year career, on June \
         10, Big Hit Music said on Wednesday as the group posted a logo trailer for the \
         album.",
        "Proof",
        "2022-06-10",
    );
    nothing("2022-05-04", "", "The trailer for Proof drops on June 10.");
}

#[test]
fn a_french_particle_inside_a_title_belongs_to_it() {
    has(
        "2024-04-10",
        "",
        "Joker: Folie à Deux will open in theaters on Oct. 4.",
        "Joker: Folie à Deux",
        "2024-10-04",
    );
    has(
        "2023-04-10",
        "",
        "Jeanne du Barry, starring Johnny Depp, arrives in French cinemas on May 16.",
        "Jeanne du Barry",
        "2023-05-16",
    );
}

#[test]
fn all_the_episodes_of_a_season_are_its_release() {
    let x = run(
        "2024-04-09",
        "Vault Town moves up a day",
        "All eight episodes of Vault Town will now stream on Wednesday, April 10, \
         instead of on Thursday, April 11.",
        &[],
    );
    assert_eq!(tos(&x), ["2024-04-10"], "{x:?}");
    assert_eq!(froms(&x), ["2024-04-11"], "{x:?}");
    has(
        "2024-04-09",
        "Vault Town gets its date",
        "All episodes of Vault Town will arrive on April 10.",
        "Vault Town",
        "2024-04-10",
    );
}

#[test]
fn a_date_noun_marked_previous_names_the_replaced_date_and_a_span_after_sets_no_tense() {
    let x = run(
        "2022-05-26",
        "",
        "Harbor Lights will now premiere on Sept. 21, three weeks after its previous \
         date of Aug. 31.",
        &[],
    );
    assert_eq!(froms(&x), ["2022-08-31"], "{x:?}");
    assert_eq!(tos(&x), ["2022-09-21"], "{x:?}");
    let x = run(
        "2022-05-26",
        "",
        "Harbor Lights will now open on Sept. 21, a month later than its planned \
         release date of Aug. 21.",
        &[],
    );
    assert_eq!(froms(&x), ["2022-08-21"], "{x:?}");
    assert_eq!(tos(&x), ["2022-09-21"], "{x:?}");
}

#[test]
fn a_quantifier_or_sentence_adverb_opening_a_sentence_names_no_work() {
    for text in [
        "Bethesda has delayed Starfield and Redfall. Both will now arrive in the first half \
         of 2023.",
        // ("Further, ..." was never read as a work: a comma follows it.)
        "Crimson Isle and Ember Road were delayed. Each will now arrive in 2026.",
    ] {
        let got = found("2022-05-12", "Bethesda delays two games", text);
        assert!(
            got.iter()
                .all(|(s, _, _)| *s != release_key("Both") && *s != release_key("Each")),
            "{text}: {got:?}"
        );
    }
}

#[test]
fn a_holiday_the_date_reader_reads_is_no_work() {
    let text = "Aamir Khan's Harvest Song has been rescheduled. The drama, which had been set \
                for Valentine's Day, Feb. 14, 2022, will now release on April 14, 2022.";
    let got = found("2021-11-15", "Harvest Song shifts to April 14", text);
    assert!(
        got.iter()
            .all(|(s, _, _)| *s != release_key("Valentine's Day")),
        "{got:?}"
    );
}

#[test]
fn a_named_day_inside_a_longer_title_is_part_of_it() {
    // The headline's "Halloween" had dated the film to Oct. 31.
    let x = run(
        "2020-07-14",
        "Halloween Wakes and Halloween Sleeps each pushed a year",
        "Universal said Halloween Wakes will not open on Oct. 16 as planned and instead \
         arrives Oct. 15, 2021. Halloween Sleeps now lands on Oct. 14, 2022.",
        &[],
    );
    assert!(!currents(&x).contains(&"2020-10-31".to_string()), "{x:?}");
}

#[test]
fn a_pluperfect_schedule_names_the_replaced_date_wherever_the_move_is() {
    // The move is stated before the plan, so no "now" or move verb follows it.
    let x = run(
        "2025-01-10",
        "Moonfall Rising moves up",
        "Moonfall Rising moves up two weeks to take the May 2 date, having been set for \
         May 16.",
        &[],
    );
    assert_eq!(currents(&x), ["2025-05-02"], "{x:?}");
    assert_eq!(froms(&x), ["2025-05-16"], "{x:?}");
}

#[test]
fn a_recent_day_before_a_past_tense_verb_is_when_the_news_was_made() {
    // 2023-10-31 is a Tuesday: "on Monday moved" is yesterday, not next Monday.
    let x = run(
        "2023-10-31",
        "Harbor Lights slips to August",
        "Lionsgate on Monday moved Harbor Lights from March 7, 2025 to Aug. 1, 2025.",
        &[],
    );
    assert_eq!(currents(&x), ["2025-08-01"], "{x:?}");
    assert_eq!(froms(&x), ["2025-03-07"], "{x:?}");
}

#[test]
fn a_weekday_with_its_date_after_a_determiner_is_read() {
    // "the Friday" alone is habitual ("the Friday slot"); with its date it is a day.
    let x = run(
        "2025-07-10",
        "Tidewater premieres a day early",
        "Tidewater will premiere on Thursday, Sept. 4, a day earlier than the Friday, \
         Sept. 5 launch that had been promoted for months.",
        &[],
    );
    assert_eq!(currents(&x), ["2025-09-04"], "{x:?}");
    assert_eq!(froms(&x), ["2025-09-05"], "{x:?}");
}

#[test]
fn the_object_of_a_sequel_phrase_is_not_the_work_dated() {
    // Standing alone, the phrase names the related work.
    has(
        "2022-03-29",
        "",
        "The sequel to Crystal Reach: Wild Skies will not be released this year, the \
         studio said, pushing the Switch game into spring 2023.",
        "sequel to Crystal Reach: Wild Skies",
        "2023-spring",
    );
    // In apposition, or after a copula, it describes the work named before it.
    for text in [
        "She announced that Second Act, the follow-up to 2022's Greenhouse, will arrive \
         on March 29.",
        "'Tidal Run 2: The Return' is the sequel to 'Tidal Run: The Rise' and opens on \
         March 29.",
    ] {
        let got = found("2024-02-12", "", text);
        assert!(
            got.iter()
                .all(|(s, _, _)| *s != release_key("Greenhouse")
                    && *s != release_key("Harbor Kings")),
            "{text}: {got:?}"
        );
        assert!(
            got.iter()
                .any(|(_, d, _)| d.as_deref() == Some("2024-03-29")),
            "{text}: {got:?}"
        );
    }
}

#[test]
fn a_possessive_title_before_the_particle_of_a_move_verb_is_the_object() {
    // "off" ends the object of "took ... off"; the title keeps its own article.
    let x = run(
        "2020-03-13",
        "",
        "Paramount took Tom Hale's A Silent Harbor off its March 20 opening. Paramount \
         did not give a new date.",
        &[],
    );
    assert_eq!(froms(&x), ["2020-03-20"], "{x:?}");
    assert!(
        x.changes.iter().all(|c| c.subject == "A Silent Harbor"),
        "{x:?}"
    );
    // "back" ends the object of "pushed ... back".
    has(
        "2023-04-20",
        "",
        "Warner Bros. has pushed Ana Reyes's Glass Orchard back to Jan. 31, 2025.",
        "Glass Orchard",
        "2025-01-31",
    );
}

#[test]
fn a_date_its_owner_names_is_a_plan_whatever_the_tense_before_it() {
    // "came hours after" had placed the year-less March 20 a year back, where
    // the replaced date was dropped as history and the pull was lost.
    let x = run(
        "2020-03-13",
        "",
        "The decision came hours after Paramount took Silent Harbor off its March 20 \
         opening.",
        &[],
    );
    assert_eq!(froms(&x), ["2020-03-20"], "{x:?}");
    assert!(x.changes.iter().all(|c| c.to.is_none()), "{x:?}");
}
