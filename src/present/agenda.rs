//! What is coming: releases whose current date falls in a window of days, soonest
//! first, each with the moves recorded for it. Shared by `upcoming` and the calendar.
//!
//! A coarse date ("fall 2026") is in a window it overlaps; it is never narrowed to a
//! day here or by the renderers. Pure: the window is an argument.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::human;
use crate::model::{Change, Direction, Period, Release};

/// A release in the window, with its recorded moves, oldest first.
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    pub release: &'a Release,
    pub moves: Vec<&'a Change>,
}

/// Releases whose date overlaps `[first, last]`, soonest first (then by name), each
/// with its changes from `changes` (given in detection order).
pub fn window<'a>(
    releases: &'a [Release],
    changes: &'a [Change],
    first: NaiveDate,
    last: NaiveDate,
) -> Vec<Entry<'a>> {
    let mut moves: BTreeMap<&str, Vec<&Change>> = BTreeMap::new();
    for c in changes {
        moves.entry(c.key.as_str()).or_default().push(c);
    }
    let mut out: Vec<Entry> = releases
        .iter()
        .filter(|r| {
            r.date
                .as_ref()
                .is_some_and(|p| p.start <= last && p.end >= first)
        })
        .map(|r| Entry {
            release: r,
            moves: moves.remove(r.key.as_str()).unwrap_or_default(),
        })
        .collect();
    out.sort_by(|a, b| {
        let key = |e: &Entry| e.release.date.as_ref().map(|p| (p.start, p.end));
        key(a)
            .cmp(&key(b))
            .then_with(|| a.release.name.cmp(&b.release.name))
    });
    out
}

/// Days from the first date ever recorded as moved from to the current one, when both
/// are known.
pub fn net_shift(e: &Entry) -> Option<i64> {
    let first = e.moves.first()?.from.as_ref()?;
    Some(e.release.date.as_ref()?.days_after(first))
}

/// "not moved", "moved once, 1 day earlier", "moved twice, 3 weeks later in all",
/// "moved 3 times, back to its first date".
pub fn moved_text(e: &Entry) -> String {
    let times = match e.moves.len() {
        0 => return "not moved".to_string(),
        1 => "once".to_string(),
        2 => "twice".to_string(),
        n => format!("{n} times"),
    };
    let in_all = if e.moves.len() > 1 { " in all" } else { "" };
    match net_shift(e) {
        Some(0) => format!("moved {times}, back to its first date"),
        Some(d) => {
            let dir = if d < 0 {
                Direction::Earlier
            } else {
                Direction::Later
            };
            format!("moved {times}, {}{in_all}", human::delta(Some(d), dir))
        }
        None => format!("moved {times}"),
    }
}

/// One `upcoming --json` item.
#[derive(Debug, Serialize)]
pub struct Item<'a> {
    pub key: &'a str,
    pub name: &'a str,
    pub date: Option<&'a Period>,
    /// The date as a person says it ("fall 2026"; a day only for a day).
    pub when: String,
    pub moves: usize,
    /// Days from the first recorded date to the current one.
    pub shift_days: Option<i64>,
    pub moved: String,
    /// The ids of its changes, oldest first.
    pub changes: Vec<&'a str>,
}

pub fn item<'a>(e: &Entry<'a>) -> Item<'a> {
    Item {
        key: &e.release.key,
        name: &e.release.name,
        date: e.release.date.as_ref(),
        when: human::maybe_period(e.release.date.as_ref()),
        moves: e.moves.len(),
        shift_days: net_shift(e),
        moved: moved_text(e),
        changes: e.moves.iter().map(|c| c.id.as_str()).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixtures::our_blues;

    fn release(key: &str, label: &str) -> Release {
        Release {
            key: key.into(),
            name: key.to_uppercase(),
            date: Period::from_label(label),
            as_of: our_blues().detected_at,
            sightings: 2,
            changes: 0,
        }
    }

    #[test]
    fn a_coarse_date_is_in_the_window_it_overlaps_and_soonest_comes_first() {
        let list = [
            release("late", "2022-05-20"),
            release("fall", "2022-fall"),
            release("our blues ost", "2022-04-24"),
            release("gone", "2022-03-01"),
        ];
        let changes = [our_blues()];
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let got = window(&list, &changes, day("2022-04-20"), day("2022-05-19"));
        let keys: Vec<&str> = got.iter().map(|e| e.release.key.as_str()).collect();
        assert_eq!(keys, ["our blues ost"]);
        let autumn = window(&list, &changes, day("2022-11-20"), day("2022-12-20"));
        assert_eq!(autumn.len(), 1);
        assert_eq!(item(&autumn[0]).when, "fall 2022");
        assert_eq!(moved_text(&got[0]), "moved once, 1 day earlier");
    }

    #[test]
    fn two_moves_are_summed_from_the_first_date() {
        let list = [release("our blues ost", "2022-05-16")];
        let mut second = our_blues();
        second.id = "second".into();
        second.from = Period::from_label("2022-04-24");
        second.to = Period::from_label("2022-05-16");
        second.direction = Direction::Later;
        let changes = [our_blues(), second];
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let got = window(&list, &changes, day("2022-05-01"), day("2022-05-31"));
        assert_eq!(moved_text(&got[0]), "moved twice, 3 weeks later in all");
    }
}
