//! Turns sifted release dates into mentions and stated moves.
//!
//! A move needs a move cue in the article (headline included). For each work,
//! the replaced date (role previous) and the date in force (role current) make
//! the move; a stated shift ("preponed by a day") fills in a missing side, and
//! an indefinite postponement yields `to: None`. Dates decide the direction when
//! both are known; the cue decides otherwise. Two dates for two regions with no
//! move cue are never a move.

use super::identity::release_key;
use super::score::{self, Article};
use super::sift::{Found, Shift, Slot};
use super::temporal::add_months;
use super::vocab::Unit;
use super::Context;
use crate::model::{Direction, Extraction, Mention, Period, Precision, Relation, Role, StatedMove};
use chrono::{Datelike, Duration};

/// The evidence a mention was scored on (`score::features`).
pub(crate) type Features = [f32; score::FEATURES];

/// Applies a shift to a period of day, month or year precision.
fn shifted(p: &Period, shift: Shift, dir: Direction) -> Option<Period> {
    let sign = if dir == Direction::Earlier { -1 } else { 1 };
    let n = shift.n * sign;
    match (p.precision, shift.unit) {
        (Precision::Day, Unit::Day) => Some(Period::day(p.start + Duration::days(i64::from(n)))),
        (Precision::Day, Unit::Week) => Some(Period::day(p.start + Duration::weeks(i64::from(n)))),
        (Precision::Day, Unit::Month) => add_months(p.start, n).map(Period::day),
        (Precision::Month, Unit::Month) => {
            add_months(p.start, n).and_then(|d| Period::month(d.year(), d.month()))
        }
        (Precision::Month | Precision::Year, Unit::Year) => {
            if p.precision == Precision::Year {
                Period::year(p.start.year() + n)
            } else {
                Period::month(p.start.year() + n, p.start.month())
            }
        }
        (Precision::Week, Unit::Week) => {
            Some(Period::week_of(p.start + Duration::weeks(i64::from(n))))
        }
        _ => None,
    }
}

/// The replaced date of a move, its year read again against the new date. When
/// the sentence that holds both sides says only "later" ("has been delayed from
/// April 16 to Nov. 17" in an October article), a year-less old date that came out
/// after the new one is last year's: the plan that had passed, not one a year on.
fn replaced_year(found: &Found, p: &Slot, c: &Slot) -> Period {
    let mut dirs = found
        .sent_dirs
        .iter()
        .filter(|(si, _)| *si == p.sent)
        .map(|(_, d)| *d);
    let later_only = dirs.clone().next().is_some() && dirs.all(|d| d == Direction::Later);
    if p.year_given
        || c.sent != p.sent
        || !later_only
        || c.date.compare(&p.date) != Relation::Earlier
    {
        return p.date.clone();
    }
    let back = p
        .date
        .start
        .with_year(p.date.start.year() - 1)
        .and_then(|d| match p.date.precision {
            Precision::Day => Some(Period::day(d)),
            Precision::Month => Period::month(d.year(), d.month()),
            _ => None,
        });
    back.filter(|b| c.date.compare(b) == Relation::Later)
        .unwrap_or_else(|| p.date.clone())
}

/// The new side of a postponement when its year-less date fell before the old
/// one and the old one repeats a day the article dated earlier ("Thor moves
/// from May 6th to July 8th, 2022 ... Black Panther 2 was pushed back to
/// November 11th from July 8th"): the new date is in the year after. `None`
/// leaves the new date as it is.
fn new_year(found: &Found, p: &Slot, c: &Slot) -> Option<Period> {
    let anchored = found.slots.iter().any(|o| {
        (o.sent, o.tok_start) < (p.sent, p.tok_start)
            && o.date == p.date
            && o.date.precision == Precision::Day
    });
    let later = found
        .sent_dirs
        .iter()
        .any(|(si, d)| *si == c.sent && *d == Direction::Later);
    if !anchored || !later || c.year_given || c.date.compare(&p.date) != Relation::Earlier {
        return None;
    }
    let d = c.date.start.with_year(c.date.start.year() + 1)?;
    let next = match c.date.precision {
        Precision::Day => Some(Period::day(d)),
        Precision::Month => Period::month(d.year(), d.month()),
        _ => None,
    }?;
    (next.compare(&p.date) == Relation::Later).then_some(next)
}

/// A mention of slot `s` with its confidence, and the features it was scored on.
fn mention(s: &Slot, date: Option<Period>, role: Role, a: &Article) -> (Mention, Features) {
    let x = score::features(s, role, a);
    let m = Mention {
        subject: s.subject.clone(),
        date,
        role,
        sentence: s.sentence.clone(),
        confidence: score::confidence(&x),
        region: s.region.clone(),
    };
    (m, x)
}

/// Whether a move is stated plainly enough to notify: unhedged in its own sentences,
/// and its sides held together by the text. That is: the new date in a sentence with
/// the move cue; both dates in one sentence; or the sides in sentences near one that
/// states the move, the new one marked as such ("It will now premiere on ...", "The
/// new date is ..."). A move assembled from dates far apart in the article is
/// recorded but left unconfirmed.
fn plain(found: &Found, p: Option<&Slot>, c: Option<&Slot>) -> bool {
    if p.is_some_and(|p| p.hedged) || c.is_some_and(|c| c.hedged) {
        return false;
    }
    // Told as background on every side: "had been moved from November to March".
    let background = |x: Option<&Slot>| x.is_none_or(|x| found.background_sents.contains(&x.sent));
    if background(p) && background(c) {
        return false;
    }
    let near_move = |x: &Slot, reach: usize| {
        found
            .move_sents
            .iter()
            .any(|&m| m.abs_diff(x.sent) <= reach)
    };
    // The new side says it is the new one, close to the statement of the move.
    let marked_new = |x: &Slot| found.now_sents.contains(&x.sent) && near_move(x, 2);
    match (p, c) {
        (Some(p), Some(c)) => {
            c.in_move
                || p.sent == c.sent
                || (c.sent.abs_diff(p.sent) <= 2 && (marked_new(c) || near_move(c, 1) && p.in_move))
        }
        // The old date alone, with the new one from a stated shift ("preponed by a
        // day") or no new one ("postponed indefinitely").
        // An open-ended postponement of a work with one replaced date and no
        // other date holds both its sides: there is no new date to assemble from
        // elsewhere ("May 1 was the date ... the record is now postponed
        // indefinitely").
        (Some(x), None) => {
            x.in_move
                || near_move(x, if found.shift.is_some() { 2 } else { 1 })
                || (found.indefinite
                    && !found.move_sents.is_empty()
                    && found
                        .slots
                        .iter()
                        .filter(|s| s.key == x.key)
                        .all(|s| s.date == x.date))
        }
        // No old date: the new one must be in the move's sentence or marked new.
        (None, Some(x)) => x.in_move || marked_new(x),
        (None, None) => true,
    }
}

/// Builds the extraction from the sifted dates.
pub(crate) fn assemble(found: Found, _ctx: &Context<'_>) -> (Extraction, Vec<Features>) {
    let mut out = Extraction::default();
    let mut feats: Vec<Features> = Vec::new();
    let mut works: Vec<&str> = found.slots.iter().map(|s| s.key.as_str()).collect();
    works.sort_unstable();
    works.dedup();
    let art = Article {
        headline_hedged: found.headline_hedged,
        headline_key: found.headline_subject.as_deref().map(release_key),
        works: works.len(),
    };
    let mut seen: Vec<(String, Option<String>, Role)> = Vec::new();
    let mut push = |out: &mut Extraction, (m, x): (Mention, Features)| {
        let k = (
            release_key(&m.subject),
            m.date.as_ref().map(|d| d.label.clone()),
            m.role,
        );
        if !seen.contains(&k) {
            seen.push(k);
            out.mentions.push(m);
            feats.push(x);
        }
    };
    let mut kept: Vec<&Slot> = Vec::new();
    for s in &found.slots {
        // A coarse date refined by a finer one for the same work in the same
        // article ("this month" ... "on the 19th") is not a separate mention.
        let refined = found.slots.iter().any(|o| {
            o.role == s.role
                && (o.region == s.region || o.region.is_none() || s.region.is_none())
                && o.key == s.key
                && o.date.precision < s.date.precision
                && o.date.start >= s.date.start
                && o.date.end <= s.date.end
        });
        // The replaced date restated as current in the same sentence
        // ("was set to release on Diwali, November 8") is the old date; so is
        // the new side of a move told as background ("had already delayed it
        // ... to Nov. 19") that a move the article states now replaced.
        let restated = s.role == Role::Current
            && found.slots.iter().any(|o| {
                o.role == Role::Previous
                    && o.key == s.key
                    && o.date == s.date
                    && (o.sent == s.sent || found.background_sents.contains(&s.sent))
            });
        if refined || restated {
            continue;
        }
        kept.push(s);
        push(&mut out, mention(s, Some(s.date.clone()), s.role, &art));
    }
    // A replaced date next to a new one is a move even without a move verb
    // ("rather than on Friday as planned", "previously set for Christmas Day").
    let replaced = found.slots.iter().any(|p| {
        p.role == Role::Previous
            && found
                .slots
                .iter()
                .any(|c| c.role == Role::Current && c.key == p.key && c.date != p.date)
    });
    if !found.moved && !replaced {
        return (out, feats);
    }
    // Group by subject key, in order of first appearance.
    let mut keys: Vec<String> = Vec::new();
    for s in &kept {
        let k = s.key.clone();
        if !keys.contains(&k) {
            keys.push(k);
        }
    }
    let several = keys.len() > 1;
    for key in &keys {
        let group: Vec<&Slot> = kept.iter().copied().filter(|s| s.key == *key).collect();
        // Several replaced dates and as many new ones (one per region), each
        // side listed in one sentence ("had been scheduled to open in UK cinemas
        // on 2 April and in the US on 10 April"): pair them in order. Old dates
        // told in different sentences are no such list ("first dated for Nov.
        // 6" is no old date of "its release in Brazil").
        let prevs: Vec<&Slot> = group
            .iter()
            .copied()
            .filter(|s| s.role == Role::Previous)
            .collect();
        let curs: Vec<&Slot> = group
            .iter()
            .copied()
            .filter(|s| s.role == Role::Current)
            .collect();
        let one_sentence = |v: &[&Slot]| v.iter().all(|s| s.sent == v[0].sent);
        if prevs.len() > 1
            && prevs.len() == curs.len()
            && one_sentence(&prevs)
            && one_sentence(&curs)
        {
            for (p, c) in prevs.iter().zip(curs.iter()) {
                let direction = match c.date.compare(&p.date) {
                    Relation::Earlier => Direction::Earlier,
                    Relation::Later => Direction::Later,
                    _ => continue,
                };
                out.changes.push(StatedMove {
                    subject: c.subject.clone(),
                    from: Some(p.date.clone()),
                    to: Some(c.date.clone()),
                    direction,
                    confirmed: plain(&found, Some(p), Some(c)),
                });
            }
            continue;
        }
        let in_move = group.iter().any(|s| s.in_move);
        // A sentence that holds both sides is the move ("which had been set for
        // March 15, will now open on March 1"); a replaced date told elsewhere
        // ("was originally dated for Nov. 3") is older history.
        let framed = |p: &&&Slot| {
            p.role == Role::Previous
                && group
                    .iter()
                    .any(|c| c.role == Role::Current && c.sent == p.sent && c.date != p.date)
        };
        let prev = group
            .iter()
            .find(framed)
            .or(group.iter().find(|s| s.role == Role::Previous && s.in_move))
            .or(group.iter().find(|s| s.role == Role::Previous));
        let differs = |s: &&&Slot| prev.is_none_or(|p| p.date != s.date);
        // The new side of a framed move is in its sentence, the first there
        // unless another has the move cue.
        let frame_sent = prev.filter(|p| framed(p)).map(|p| p.sent);
        let in_frame = |s: &&&Slot| s.role == Role::Current && frame_sent == Some(s.sent);
        let framed_cur = group
            .iter()
            .filter(differs)
            .filter(in_frame)
            .find(|s| s.in_move)
            .or(group.iter().filter(differs).find(in_frame));
        let cur = framed_cur.or(group
            .iter()
            .rev()
            .filter(differs)
            .find(|s| s.role == Role::Current && s.in_move)
            .or(group
                .iter()
                .rev()
                .filter(differs)
                .find(|s| s.role == Role::Current)));
        if several && !in_move && prev.is_none() {
            continue;
        }
        let cue_dir = found.direction;
        match (prev, cur) {
            (Some(p), Some(c)) => {
                let moved_on = new_year(&found, p, c);
                let c_date = moved_on.clone().unwrap_or_else(|| c.date.clone());
                if let Some(to) = &moved_on {
                    for m in out.mentions.iter_mut().filter(|m| {
                        m.role == Role::Current
                            && m.subject == c.subject
                            && m.date.as_ref() == Some(&c.date)
                    }) {
                        m.date = Some(to.clone());
                    }
                }
                let from = if moved_on.is_some() {
                    p.date.clone()
                } else {
                    replaced_year(&found, p, c)
                };
                if from != p.date {
                    for m in out.mentions.iter_mut().filter(|m| {
                        m.role == Role::Previous
                            && m.subject == p.subject
                            && m.date.as_ref() == Some(&p.date)
                    }) {
                        m.date = Some(from.clone());
                    }
                }
                let dir = match c_date.compare(&from) {
                    Relation::Earlier => Some(Direction::Earlier),
                    Relation::Later => Some(Direction::Later),
                    _ => cue_dir,
                };
                if let Some(direction) = dir {
                    out.changes.push(StatedMove {
                        subject: c.subject.clone(),
                        from: Some(from),
                        to: Some(c_date),
                        direction,
                        confirmed: plain(&found, Some(p), Some(c)),
                    });
                }
            }
            (Some(p), None) => {
                // A stated shift gives the new side only inside the move's frame:
                // a shift told of something else ("a day earlier than the
                // showcase's usual slot") makes no date for this work.
                let framed = plain(&found, Some(p), None);
                let to = match (found.shift, cue_dir) {
                    (Some(sh), Some(d)) if !found.indefinite && framed => shifted(&p.date, sh, d),
                    _ => None,
                };
                // A postponement with no new date stated is open-ended.
                let open_ended = found.indefinite || cue_dir == Some(Direction::Later);
                if to.is_none() && !open_ended {
                    continue;
                }
                push(&mut out, mention(p, to.clone(), Role::Current, &art));
                out.changes.push(StatedMove {
                    subject: p.subject.clone(),
                    from: Some(p.date.clone()),
                    to,
                    direction: cue_dir.unwrap_or(Direction::Later),
                    confirmed: framed,
                });
            }
            (None, Some(c)) => {
                let Some(d) = cue_dir else { continue };
                // Likewise the old side: "arrives on March 22" takes no shift
                // from a move it is not framed with.
                let framed = plain(&found, None, Some(c));
                let Some(sh) = found.shift.filter(|_| framed) else {
                    // "delayed to March 2027" with no earlier date stated.
                    if c.in_move || found.headline_moved {
                        out.changes.push(StatedMove {
                            subject: c.subject.clone(),
                            from: None,
                            to: Some(c.date.clone()),
                            direction: d,
                            confirmed: framed
                                || found.headline_moved && !c.hedged && !found.headline_hedged,
                        });
                    }
                    continue;
                };
                let back = if d == Direction::Earlier {
                    Direction::Later
                } else {
                    Direction::Earlier
                };
                let Some(from) = shifted(&c.date, sh, back) else {
                    continue;
                };
                push(
                    &mut out,
                    mention(c, Some(from.clone()), Role::Previous, &art),
                );
                out.changes.push(StatedMove {
                    subject: c.subject.clone(),
                    from: Some(from),
                    to: Some(c.date.clone()),
                    direction: d,
                    confirmed: framed,
                });
            }
            (None, None) => {}
        }
    }
    // Indefinite postponement with no date at all.
    if keys.is_empty() && found.indefinite && found.later_cue {
        if let Some((subj, _, sentence)) = found.move_subjects.first() {
            let x = score::undated(&art);
            out.mentions.push(Mention {
                subject: subj.clone(),
                date: None,
                role: Role::Current,
                sentence: sentence.clone(),
                confidence: score::confidence(&x),
                region: None,
            });
            feats.push(x);
            out.changes.push(StatedMove {
                subject: subj.clone(),
                from: None,
                to: None,
                direction: Direction::Later,
                confirmed: !found.headline_hedged,
            });
        }
    }
    (out, feats)
}
