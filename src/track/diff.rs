//! Sightings of one release -> its current date and the moves between them.
//!
//! A pure stage. The timeline is what replaying all of a release's sightings in
//! publication order gives (the store replays only from where new ones go in), so an older article read late takes its place in history
//! instead of overriding a newer report, and the result does not depend on the order
//! in which feeds were polled. Must not import tokio, reqwest or sled.

use crate::model::{Direction, Period, Relation, Role, Sighting};
use sha2::{Digest, Sha256};

/// One move: from the sighting that held the old date to the one that moved it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    /// `None` when the article stated a move but the old date was never seen.
    pub from: Option<usize>,
    pub to: usize,
    pub direction: Direction,
    /// The moving article states this move itself, plainly (see [`states_move`]).
    pub confirmed: bool,
}

/// The outcome of replaying a release's sightings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Timeline {
    /// Index of the sighting that states the date now believed.
    pub current: Option<usize>,
    pub steps: Vec<Step>,
}

/// Sorts sightings into the order the timeline reads them: by publication time, one
/// article's together (by address, not by when it was read, so the order of polling
/// changes nothing); within one article, replaced dates before current ones; then by
/// when they were first seen; then finer dates before coarser ones and earlier before
/// later.
///
/// Never by id: ids digest the article's address, and an order that changes with the
/// address (the same story served from another host, or a test site on another
/// port) gave the same history different changes.
pub fn order(sightings: &mut [Sighting]) {
    sightings.sort_by(|a, b| {
        let role = |s: &Sighting| matches!(s.role, Role::Current);
        let date = |s: &Sighting| {
            s.date
                .as_ref()
                .map(|p| (p.precision, p.start, p.end, p.label.clone()))
        };
        (
            a.published,
            &a.url,
            role(a),
            a.first_seen,
            a.date.is_none(),
            date(a),
        )
            .cmp(&(
                b.published,
                &b.url,
                role(b),
                b.first_seen,
                b.date.is_none(),
                date(b),
            ))
            .then_with(|| a.release.cmp(&b.release))
            .then_with(|| a.id.cmp(&b.id))
    });
}

/// What the replay looks at in one sighting. `timeline` reads `Sighting`s; the store
/// replays its own compact records through the same rules (`advance`).
pub trait Seen: Clone {
    fn date(&self) -> Option<&Period>;
    fn role(&self) -> Role;
    fn moved(&self) -> Option<Direction>;
    /// The same version of the same article: same url and first seen together.
    fn same_version(&self, other: &Self) -> bool;
}

/// Where a replay stands after some article versions: all the next one is judged
/// by. Replaying one group at a time from a stored cursor gives what `timeline`
/// gives over all of them, which is what makes a store commit incremental.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor<T> {
    /// The sighting whose date is now believed.
    pub current: Option<T>,
    /// The last sighting with a date (a move to no date keeps the one before).
    pub last_dated: Option<T>,
}

impl<T> Default for Cursor<T> {
    fn default() -> Self {
        Cursor {
            current: None,
            last_dated: None,
        }
    }
}

/// One move found by `advance`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved<T> {
    /// `None` when the article stated a move but the old date was never seen.
    pub from: Option<T>,
    pub to: T,
    pub direction: Direction,
    pub confirmed: bool,
}

/// Whether a sighting's own article states the move that led to it, unhedged. Two
/// articles that merely give different dates are not enough: that is as often a
/// misreading (another work's date, an event, a wrong year) as a move, and a false
/// alarm costs the user more than a late one. `moved` is set only from a move the
/// extractor confirmed (stated plainly, no hedge in its sentences), so it says
/// this alone; the mention's confidence is a calibrated probability of the
/// mention being right, not a hedge flag, and is not consulted.
pub fn states_move<T: Seen>(x: &T) -> bool {
    x.moved().is_some()
}

/// Replays one version of one article (`group`: its sightings of the release,
/// consecutive in [`order`]) and moves the cursor on.
///
/// Dates compare as periods: a later period is a move later, an earlier one a move
/// earlier, a period inside the current one refines it, a wider one is ignored.
/// "Postponed indefinitely" is a move later to no date; a date set after it is a
/// move from no date, its direction against the last concrete date.
///
/// One version of one article speaks once per release: the date it states as moved,
/// else its only current date. An article that gives several dates for a release and
/// states no move (a history recap, a region list) moves nothing, and one that repeats
/// the date in force among others is a repeat. Its replaced dates only seed the
/// timeline when nothing came before.
pub fn advance<T: Seen>(c: &mut Cursor<T>, group: &[T]) -> Option<Moved<T>> {
    if c.current.is_none() {
        if let Some(p) = group
            .iter()
            .find(|x| x.role() == Role::Previous && x.date().is_some())
        {
            c.current = Some(p.clone());
            c.last_dated = Some(p.clone());
        }
    }
    let currents: Vec<&T> = group.iter().filter(|x| x.role() == Role::Current).collect();
    let x = speaker(&currents, c.current.is_some())?.clone();
    let Some(cur) = &c.current else {
        let out = x.moved().map(|direction| Moved {
            from: None,
            to: x.clone(),
            direction,
            confirmed: states_move(&x),
        });
        c.last_dated = x.date().map(|_| x.clone());
        c.current = Some(x);
        return out;
    };
    let (step_from, relation) = match (cur.date(), x.date()) {
        (Some(old), Some(new)) => (Some(cur), new.compare(old)),
        (Some(_), None) => (Some(cur), Relation::Later),
        (None, None) => (None, Relation::Same),
        // Re-dated after an indefinite delay: the move is from "no date" (the
        // delay's article is its evidence), its direction against the last date.
        (None, Some(new)) => match c.last_dated.as_ref().and_then(|l| l.date()) {
            Some(old) => (Some(cur), new.compare(old)),
            // No date was ever known: a move only when the article states one
            // ("will finally open on March 8" after "postponed indefinitely").
            None => match x.moved() {
                Some(Direction::Earlier) => (Some(cur), Relation::Earlier),
                Some(Direction::Later) => (Some(cur), Relation::Later),
                None => (None, Relation::Refines),
            },
        },
    };
    // "moved up to March 1 ... its original opening was March 15" after an
    // article that said only "March 2024": the move the article states is from
    // its own replaced date, which refines the one known.
    let stated = x.moved().and_then(|_| {
        let (old, new) = (cur.date()?, x.date()?);
        group.iter().find_map(|p| {
            let d = p.date().filter(|_| p.role() == Role::Previous)?;
            matches!(d.compare(old), Relation::Refines | Relation::Same)
                .then(|| (p, new.compare(d)))
        })
    });
    let (step_from, relation) = match stated {
        Some((p, r)) if matches!(relation, Relation::Same | Relation::Refines) => (Some(p), r),
        _ => (step_from, relation),
    };
    let direction = match relation {
        Relation::Same | Relation::Coarser => return None,
        Relation::Refines => None,
        Relation::Earlier => Some(Direction::Earlier),
        Relation::Later => Some(Direction::Later),
    };
    // A date for a work that a stated move took off the calendar is news in
    // itself: "More than a year after it was shelved, X will premiere on ...".
    let redated = cur.date().is_none() && cur.moved().is_some() && x.date().is_some();
    let out = match (direction, step_from) {
        (Some(direction), Some(from)) => Some(Moved {
            from: Some(from.clone()),
            to: x.clone(),
            direction,
            confirmed: states_move(&x) || redated,
        }),
        _ => None,
    };
    if x.date().is_some() {
        c.last_dated = Some(x.clone());
    }
    c.current = Some(x);
    out
}

/// The one current sighting an article version speaks with, if any: the date it
/// states as moved; else its only date; else, with several and no move stated,
/// nothing (before any date is known, the first).
fn speaker<'a, T: Seen>(currents: &[&'a T], known: bool) -> Option<&'a T> {
    if let Some(m) = currents.iter().find(|x| x.moved().is_some()) {
        return Some(m);
    }
    let first = *currents.first()?;
    // The same date stated twice is still one date.
    let one_date = currents.iter().all(|x| x.date() == first.date());
    (one_date || !known).then_some(first)
}

/// A sighting with its place in the slice, for `timeline`.
#[derive(Clone)]
struct At<'a>(usize, &'a Sighting);

impl Seen for At<'_> {
    fn date(&self) -> Option<&Period> {
        self.1.date.as_ref()
    }
    fn role(&self) -> Role {
        self.1.role
    }
    fn moved(&self) -> Option<Direction> {
        self.1.moved
    }
    fn same_version(&self, other: &Self) -> bool {
        self.1.url == other.1.url && self.1.first_seen == other.1.first_seen
    }
}

/// Replays sightings (already in [`order`]) and finds every move: one [`advance`]
/// per run of one article version's sightings.
pub fn timeline(s: &[Sighting]) -> Timeline {
    let mut t = Timeline::default();
    let mut c = Cursor::default();
    let all: Vec<At> = s.iter().enumerate().map(|(i, x)| At(i, x)).collect();
    let mut i = 0;
    while i < all.len() {
        let end = (i..all.len())
            .find(|&j| !all[j].same_version(&all[i]))
            .unwrap_or(all.len());
        if let Some(m) = advance(&mut c, &all[i..end]) {
            t.steps.push(Step {
                from: m.from.map(|f| f.0),
                to: m.to.0,
                direction: m.direction,
                confirmed: m.confirmed,
            });
        }
        i = end;
    }
    t.current = c.current.map(|x| x.0);
    t
}

/// The stable id of a change: the release, its new date and the article that moved it.
pub fn change_id(release: &str, to: Option<&str>, url: &str) -> String {
    let mut h = Sha256::new();
    for part in [release, to.unwrap_or("indefinite"), url] {
        h.update(part.as_bytes());
        h.update([0u8]);
    }
    crate::ingest::feed::hex(&h.finalize()[..8])
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, TimeZone, Utc};

    fn at(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2022, 4, day, 9, 0, 0).unwrap()
    }

    fn s(url: &str, day: u32, label: Option<&str>, role: Role) -> Sighting {
        Sighting {
            id: format!("{url}-{label:?}-{role:?}"),
            release: "our blues ost".into(),
            subject: "Our Blues OST".into(),
            date: label.map(|l| Period::from_label(l).unwrap()),
            role,
            moved: None,
            confidence: 1.0,
            region: None,
            url: url.into(),
            feed: "f".into(),
            published: at(day),
            sentence: String::new(),
            first_seen: at(day),
        }
    }

    /// A sighting whose article states a move in `direction`.
    fn stated(mut x: Sighting, direction: Direction) -> Sighting {
        x.moved = Some(direction);
        x
    }

    fn run(mut v: Vec<Sighting>) -> (Vec<Sighting>, Timeline) {
        order(&mut v);
        let t = timeline(&v);
        (v, t)
    }

    #[test]
    fn date_moved_earlier_across_articles_is_flagged() {
        let (v, t) = run(vec![
            s("a", 19, Some("2022-04-25"), Role::Current),
            s("b", 21, Some("2022-04-25"), Role::Previous),
            s("b", 21, Some("2022-04-24"), Role::Current),
        ]);
        assert_eq!(t.steps.len(), 1);
        let st = t.steps[0];
        assert_eq!(st.direction, Direction::Earlier);
        assert_eq!(v[st.from.unwrap()].url, "a");
        assert_eq!(v[st.to].url, "b");
    }

    #[test]
    fn move_stated_in_one_article_is_flagged() {
        let (_, t) = run(vec![
            s("b", 21, Some("2022-04-24"), Role::Current),
            s("b", 21, Some("2022-04-25"), Role::Previous),
        ]);
        assert_eq!(t.steps.len(), 1);
        assert_eq!(t.steps[0].direction, Direction::Earlier);
    }

    #[test]
    fn same_date_repeated_is_not_a_change() {
        let (_, t) = run(vec![
            s("a", 1, Some("2022-05-01"), Role::Current),
            s("b", 2, Some("2022-05-01"), Role::Current),
        ]);
        assert!(t.steps.is_empty());
        assert_eq!(t.current, Some(0));
    }

    #[test]
    fn refinement_is_not_a_move_but_becomes_current() {
        let (v, t) = run(vec![
            s("a", 1, Some("2026"), Role::Current),
            s("b", 2, Some("2026-05-26"), Role::Current),
            s("c", 3, Some("2026"), Role::Current),
        ]);
        assert!(t.steps.is_empty());
        assert_eq!(v[t.current.unwrap()].url, "b");
    }

    #[test]
    fn later_period_is_a_move_later() {
        let (_, t) = run(vec![
            s("a", 1, Some("2025-fall"), Role::Current),
            s("b", 2, Some("2026-H1"), Role::Current),
        ]);
        assert_eq!(t.steps[0].direction, Direction::Later);
    }

    #[test]
    fn older_article_read_late_does_not_override_newer_report() {
        let (v, t) = run(vec![
            s("new", 21, Some("2022-04-24"), Role::Current),
            s("old", 19, Some("2022-04-25"), Role::Current),
        ]);
        assert_eq!(v[t.current.unwrap()].url, "new");
        assert_eq!(t.steps.len(), 1);
        assert_eq!(v[t.steps[0].from.unwrap()].url, "old");
    }

    #[test]
    fn indefinite_postponement_is_later_with_no_date_then_new_date_compares_with_last() {
        let (v, t) = run(vec![
            s("a", 1, Some("2022-05-01"), Role::Current),
            s("b", 2, None, Role::Current),
            s("c", 3, Some("2022-09-01"), Role::Current),
        ]);
        assert_eq!(t.steps.len(), 2);
        assert_eq!(t.steps[0].direction, Direction::Later);
        assert!(v[t.steps[0].to].date.is_none());
        // From "no date" (the indefinite report), later than the last date.
        assert_eq!(v[t.steps[1].from.unwrap()].url, "b");
        assert_eq!(t.steps[1].direction, Direction::Later);
    }

    #[test]
    fn a_first_date_after_an_indefinite_delay_is_a_move_only_when_stated() {
        // Pulled with no date ever known, then dated: the dating article says
        // it moved ("will finally open on March 8"), so it is a move from no date.
        let pulled = stated(s("b", 2, None, Role::Current), Direction::Later);
        let dated = stated(
            s("c", 3, Some("2022-09-01"), Role::Current),
            Direction::Later,
        );
        let (v, t) = run(vec![pulled.clone(), dated]);
        assert_eq!(t.steps.len(), 2, "{t:?}");
        assert_eq!(v[t.steps[1].from.unwrap()].url, "b");
        assert_eq!(t.steps[1].direction, Direction::Later);
        // A date that only appears after it, no move stated, sets the date.
        let (_, t) = run(vec![pulled, s("c", 3, Some("2022-09-01"), Role::Current)]);
        assert_eq!(t.steps.len(), 1, "{t:?}");
        assert_eq!(t.current, Some(1));
    }

    #[test]
    fn a_stated_move_is_from_its_own_replaced_date_where_that_refines_the_known_one() {
        // "March 2024" known; the next article: "moved up to March 1, its
        // original opening was March 15".
        let up = stated(
            s("b", 2, Some("2024-03-01"), Role::Current),
            Direction::Earlier,
        );
        let (v, t) = run(vec![
            s("a", 1, Some("2024-03"), Role::Current),
            s("b", 2, Some("2024-03-15"), Role::Previous),
            up.clone(),
        ]);
        assert_eq!(t.steps.len(), 1, "{t:?}");
        let st = t.steps[0];
        assert_eq!(
            v[st.from.unwrap()].date.as_ref().unwrap().label,
            "2024-03-15"
        );
        assert_eq!(st.direction, Direction::Earlier);
        // Without a stated move the finer date only refines.
        let (_, t) = run(vec![
            s("a", 1, Some("2024-03"), Role::Current),
            s("b", 2, Some("2024-03-15"), Role::Previous),
            s("b", 2, Some("2024-03-01"), Role::Current),
        ]);
        assert!(t.steps.is_empty(), "{t:?}");
    }

    #[test]
    fn a_date_after_a_stated_indefinite_delay_is_a_confirmed_move() {
        let pulled = stated(s("b", 2, None, Role::Current), Direction::Later);
        let (_, t) = run(vec![
            s("a", 1, Some("2022-05-01"), Role::Current),
            pulled.clone(),
            s("c", 3, Some("2022-09-01"), Role::Current),
        ]);
        assert_eq!(t.steps.len(), 2, "{t:?}");
        assert!(t.steps[1].confirmed, "{t:?}");
        // After a mere report of no date (no move stated) the new date is
        // recorded unconfirmed.
        let (_, t) = run(vec![
            s("a", 1, Some("2022-05-01"), Role::Current),
            s("b", 2, None, Role::Current),
            s("c", 3, Some("2022-09-01"), Role::Current),
        ]);
        assert!(!t.steps[1].confirmed, "{t:?}");
    }

    #[test]
    fn two_dates_in_one_article_version_are_not_a_move() {
        let (_, t) = run(vec![
            s("a", 1, Some("2022-05-01"), Role::Current),
            s("a", 1, Some("2022-06-01"), Role::Current),
        ]);
        assert!(t.steps.is_empty());
    }

    #[test]
    fn a_recap_with_several_dates_and_no_stated_move_moves_nothing() {
        let (v, t) = run(vec![
            s("a", 1, Some("2022-08-01"), Role::Current),
            s("b", 2, Some("2022-05-01"), Role::Current),
            s("b", 2, Some("2022-08-01"), Role::Current),
        ]);
        assert!(t.steps.is_empty());
        assert_eq!(v[t.current.unwrap()].url, "a");
    }

    #[test]
    fn only_a_move_the_article_states_is_confirmed() {
        let moved = stated(
            s("c", 3, Some("2022-09-01"), Role::Current),
            Direction::Later,
        );
        let (v, t) = run(vec![
            s("a", 1, Some("2022-05-01"), Role::Current),
            s("b", 2, Some("2022-06-01"), Role::Current),
            moved,
        ]);
        let confirmed: Vec<bool> = t.steps.iter().map(|st| st.confirmed).collect();
        assert_eq!(confirmed, [false, true]);
        assert_eq!(v[t.steps[1].to].url, "c");
    }
}
