//! Sightings of one release -> its current date and the moves between them.
//!
//! A pure stage. The timeline is recomputed from all of a release's sightings in
//! publication order, so an older article read late takes its place in history
//! instead of overriding a newer report, and the result does not depend on the order
//! in which feeds were polled. Must not import tokio, reqwest or sled.

use crate::model::{Direction, Relation, Role, Sighting};
use sha2::{Digest, Sha256};

/// One move: from the sighting that held the old date to the one that moved it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    /// `None` when the article stated a move but the old date was never seen.
    pub from: Option<usize>,
    pub to: usize,
    pub direction: Direction,
}

/// The outcome of replaying a release's sightings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Timeline {
    /// Index of the sighting that states the date now believed.
    pub current: Option<usize>,
    pub steps: Vec<Step>,
}

/// Sorts sightings into the order the timeline reads them: by publication time; within
/// one article, replaced dates before current ones; then by when they were first seen.
pub fn order(sightings: &mut [Sighting]) {
    sightings.sort_by(|a, b| {
        let role = |s: &Sighting| matches!(s.role, Role::Current);
        (a.published, role(a), a.first_seen, &a.id).cmp(&(
            b.published,
            role(b),
            b.first_seen,
            &b.id,
        ))
    });
}

/// Replays sightings (already in [`order`]) and finds every move.
///
/// Dates compare as periods: a later period is a move later, an earlier one a move
/// earlier, a period inside the current one refines it, a wider one is ignored.
/// "Postponed indefinitely" is a move later to no date; a date set after it is
/// compared with the last concrete date. Two dates from the same version of one
/// article are never a move unless the article names one as replaced.
pub fn timeline(s: &[Sighting]) -> Timeline {
    let mut t = Timeline::default();
    let mut last_dated: Option<usize> = None;
    for (i, x) in s.iter().enumerate() {
        let Some(c) = t.current else {
            if x.role == Role::Current {
                if let Some(direction) = x.moved {
                    t.steps.push(Step {
                        from: None,
                        to: i,
                        direction,
                    });
                }
            }
            if x.role == Role::Current || x.date.is_some() {
                t.current = Some(i);
                last_dated = x.date.as_ref().map(|_| i);
            }
            continue;
        };
        if x.role == Role::Previous {
            continue;
        }
        let same_version =
            s[c].url == x.url && s[c].first_seen == x.first_seen && s[c].role == Role::Current;
        let (step_from, relation) = match (&s[c].date, &x.date) {
            (Some(old), Some(new)) => (Some(c), new.compare(old)),
            (Some(_), None) => (Some(c), Relation::Later),
            (None, None) => (None, Relation::Same),
            (None, Some(new)) => match last_dated.and_then(|l| Some((l, s[l].date.as_ref()?))) {
                Some((l, old)) => (Some(l), new.compare(old)),
                None => (None, Relation::Refines),
            },
        };
        let direction = match relation {
            Relation::Same | Relation::Coarser => continue,
            Relation::Refines => None,
            Relation::Earlier => Some(Direction::Earlier),
            Relation::Later => Some(Direction::Later),
        };
        if same_version && direction.is_some() {
            continue;
        }
        if let (Some(direction), Some(from)) = (direction, step_from) {
            t.steps.push(Step {
                from: Some(from),
                to: i,
                direction,
            });
        }
        t.current = Some(i);
        if x.date.is_some() {
            last_dated = Some(i);
        }
    }
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
    use crate::model::Period;
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
        assert_eq!(v[t.steps[1].from.unwrap()].url, "a");
        assert_eq!(t.steps[1].direction, Direction::Later);
    }

    #[test]
    fn two_dates_in_one_article_version_are_not_a_move() {
        let (_, t) = run(vec![
            s("a", 1, Some("2022-05-01"), Role::Current),
            s("a", 1, Some("2022-06-01"), Role::Current),
        ]);
        assert!(t.steps.is_empty());
    }
}
