//! The iCalendar (RFC 5545) document of `GET /calendar.ics` and `slipwatch calendar`,
//! written with the `icalendar` crate (escaping, CRLF, 75-octet folding).
//!
//! One all-day event per release whose current date is a day. Its `UID` digests the
//! release key, so it stays the same across polls and restarts; `SEQUENCE` is the
//! number of recorded moves, so a calendar app updates the event in place when the
//! date moves; `DESCRIPTION` tells the move history and links the articles;
//! `LAST-MODIFIED` (and `DTSTAMP`, equal to it when there is no `METHOD`) is when the
//! event last changed, so the same store renders the same bytes. Coarse dates ("fall
//! 2026") have no event: a calendar has no way to say "some day in autumn" that
//! would not read as a precise day. Pure: the events' facts are arguments.

use chrono::{DateTime, Duration, Utc};
use icalendar::{Calendar, Component, EventLike, Property};
use sha2::{Digest, Sha256};

use super::agenda::{self, Entry};
use super::human;
use super::report::clean;
use crate::model::{Precision, Sighting};

/// One release's event: its window entry and its sightings (for the article links).
pub struct Event<'a> {
    pub entry: Entry<'a>,
    /// Publication order; the newest are linked.
    pub sightings: Vec<Sighting>,
}

/// Article links kept in one description.
const LINKS: usize = 5;

/// The calendar's name as apps show it.
pub fn name(watched: bool) -> &'static str {
    if watched {
        "slipwatch: watched releases"
    } else {
        "slipwatch releases"
    }
}

/// The stable `UID` of a release's event.
pub fn uid(key: &str) -> String {
    let digest = Sha256::digest(key.as_bytes());
    let hex: String = digest[..12].iter().map(|b| format!("{b:02x}")).collect();
    format!("{hex}@slipwatch")
}

/// The whole document; `fallback` stamps an event with nothing recorded about when.
pub fn render(events: &[Event], title: &str, fallback: DateTime<Utc>) -> String {
    let mut cal = Calendar::empty();
    cal.append_property(Property::new("VERSION", "2.0"));
    cal.append_property(Property::new(
        "PRODID",
        concat!(
            "-//slipwatch//slipwatch ",
            env!("CARGO_PKG_VERSION"),
            "//EN"
        ),
    ));
    cal.append_property(Property::new("CALSCALE", "GREGORIAN"));
    cal.name(title);
    cal.append_property(Property::new("X-PUBLISHED-TTL", "PT1H"));
    cal.append_property(
        Property::new("REFRESH-INTERVAL", "PT1H")
            .add_parameter("VALUE", "DURATION")
            .done(),
    );
    for e in events {
        if let Some(ev) = event(e, fallback) {
            cal.push(ev);
        }
    }
    cal.to_string()
}

fn event(e: &Event, fallback: DateTime<Utc>) -> Option<icalendar::Event> {
    let r = e.entry.release;
    let day = r
        .date
        .as_ref()
        .filter(|p| p.precision == Precision::Day)?
        .start;
    let modified = e
        .entry
        .moves
        .iter()
        .map(|c| c.detected_at)
        .chain(e.sightings.iter().map(|s| s.first_seen))
        .max()
        .unwrap_or(fallback);
    let url = e
        .entry
        .moves
        .last()
        .map(|c| c.evidence.after.url.clone())
        .or_else(|| e.sightings.last().map(|s| s.url.clone()));
    let mut ev = icalendar::Event::new();
    ev.uid(&uid(&r.key))
        .summary(&clean(&r.name))
        .starts(day)
        .ends(day + Duration::days(1))
        .sequence(u32::try_from(e.entry.moves.len()).unwrap_or(u32::MAX))
        .timestamp(modified)
        .last_modified(modified)
        .description(&description(e))
        .add_property("TRANSP", "TRANSPARENT");
    if let Some(u) = url {
        ev.url(&clean(&u));
    }
    Some(ev.done())
}

/// The date, how it moved and on whose word, then the newest article links.
fn description(e: &Event) -> String {
    let r = e.entry.release;
    let mut lines = vec![format!(
        "{}: {} ({})",
        clean(&r.name),
        human::maybe_period(r.date.as_ref()),
        agenda::moved_text(&e.entry)
    )];
    for c in &e.entry.moves {
        let a = &c.evidence.after;
        lines.push(format!(
            "- {} ({}), {} {}: \"{}\" {}",
            human::move_text(c.from.as_ref(), c.to.as_ref()),
            human::delta(c.delta_days, c.direction),
            clean(&a.feed),
            a.published.date_naive().format("%b %-d, %Y"),
            clean(&a.sentence),
            clean(&a.url)
        ));
    }
    let mut links: Vec<String> = Vec::new();
    for s in e.sightings.iter().rev() {
        let u = clean(&s.url);
        if !links.contains(&u) {
            links.push(u);
        }
        if links.len() == LINKS {
            break;
        }
    }
    if !links.is_empty() {
        lines.push("Articles:".to_string());
        lines.extend(links);
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixtures::our_blues;
    use crate::model::{Period, Release};

    #[test]
    fn only_day_dates_become_events_and_lines_are_folded_with_crlf() {
        let c = our_blues();
        let day = Release {
            key: c.key.clone(),
            name: "Our Blues OST; a long title, with commas — and more words to fold it".into(),
            date: c.to.clone(),
            as_of: c.detected_at,
            sightings: 2,
            changes: 1,
        };
        let coarse = Release {
            key: "fall".into(),
            name: "Fall".into(),
            date: Period::from_label("2022-fall"),
            ..day.clone()
        };
        let events = [
            Event {
                entry: Entry {
                    release: &day,
                    moves: vec![&c],
                },
                sightings: vec![],
            },
            Event {
                entry: Entry {
                    release: &coarse,
                    moves: vec![],
                },
                sightings: vec![],
            },
        ];
        let text = render(&events, name(false), c.detected_at);
        assert_eq!(text.matches("BEGIN:VEVENT").count(), 1, "{text}");
        assert!(text.contains("DTSTART;VALUE=DATE:20220424\r\n"), "{text}");
        assert!(text.contains("DTEND;VALUE=DATE:20220425\r\n"), "{text}");
        assert!(text.contains("SEQUENCE:1\r\n"), "{text}");
        assert!(
            text.contains("Our Blues OST\\; a long title\\, with"),
            "{text}"
        );
        assert!(text.split("\r\n").all(|l| l.len() <= 75), "{text}");
        assert!(
            !text.replace("\r\n", "").contains('\n'),
            "bare LF in {text}"
        );
        assert_eq!(uid(&c.key), uid("our blues ost"));
    }
}
