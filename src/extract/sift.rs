//! Sifts the dates of an article: keeps those that state a release, gives each a
//! role (current or previous), a subject, a region and a hedge flag, and notes
//! the article's move cues and stated shifts ("by a week").

use super::apposition;
use super::cues::{Cue, CueHit};
use super::identity::release_key;
use super::lex::{tokenize, words};
use super::naming::Attributive;
use super::scope::{appositive, role_of};
use super::sentence;
use super::subject::Cand;
use super::table;
use super::temporal::{scan_tokens, Scanner, Tense, TimeExpr};
use super::vocab::Unit;
use super::Context;
use crate::model::{Direction, Period, Relation, Role};

/// One kept release date.
#[derive(Debug, Clone)]
pub(crate) struct Slot {
    pub subject: String,
    /// `release_key(subject)`, computed once.
    pub key: String,
    pub date: Period,
    pub role: Role,
    pub sentence: String,
    pub sent: usize,
    pub hedged: bool,
    pub region: Option<String>,
    pub in_move: bool,
    /// Token span of the date within its sentence.
    pub tok_start: usize,
    pub tok_end: usize,
    /// The phrase names its year ("March 15, 2024", "fall 2024"); a phrase without
    /// one took its year from the publication date and the tense.
    pub year_given: bool,
    /// Where the subject came from, for the confidence (`score`).
    pub basis: Basis,
}

/// Where a date's subject came from: the evidence its confidence is scored on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Basis {
    /// A title in the date's own clause, or elsewhere in its sentence; `false`
    /// when the subject is the work in focus from earlier sentences.
    pub in_clause: bool,
    pub in_sentence: bool,
    /// Quoted, emphasised or named beside a work noun.
    pub strong: bool,
    /// Tokens between the subject and the date (0 for the focus).
    pub gap: usize,
    /// Titles named in the sentence.
    pub titles: usize,
    /// A noun phrase named the work ("Untitled Elvis film").
    pub described: bool,
    /// Tokens between the release word that anchors the date and the date.
    pub anchor_gap: usize,
    /// The anchor comes after the date ("On May 5 the film opens").
    pub anchor_after: bool,
    /// The sentence names an event, a trailer or another non-release (a distractor cue).
    pub distractor: bool,
    /// Dates in the sentence.
    pub dates: usize,
}

/// A stated shift: "by a day", "two weeks".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Shift {
    pub n: i32,
    pub unit: Unit,
}

/// Everything the move assembly needs.
#[derive(Debug, Clone, Default)]
pub(crate) struct Found {
    pub slots: Vec<Slot>,
    /// Sentences (by index) that carry a move cue, and those that say "now"/"new".
    pub move_sents: Vec<usize>,
    /// Sentences whose only move cues tell an earlier move ("had been delayed").
    pub background_sents: Vec<usize>,
    pub now_sents: Vec<usize>,
    pub direction: Option<Direction>,
    /// The direction cues of each sentence, by sentence index.
    pub sent_dirs: Vec<(usize, Direction)>,
    pub moved: bool,
    pub indefinite: bool,
    pub shift: Option<Shift>,
    pub headline_subject: Option<String>,
    /// Who the article is about, for naming untitled works.
    pub artist: Option<String>,
    /// The headline hedges ("Rumor:", "reportedly"): every date is less sure.
    pub headline_hedged: bool,
    /// The headline itself states a move ("GTA 6 Delayed to May 2026").
    pub headline_moved: bool,
    /// Some cue says postponed/delayed (not only "indefinitely" or "TBA").
    pub later_cue: bool,
    /// Subjects named in sentences with a move cue, with the sentence index.
    pub move_subjects: Vec<(String, usize, String)>,
}

pub(crate) fn is_anchor(c: Cue) -> bool {
    matches!(
        c,
        Cue::Release | Cue::Earlier | Cue::Later | Cue::Moved | Cue::Previous | Cue::Indefinite
    )
}

fn is_move(c: Cue) -> bool {
    matches!(c, Cue::Earlier | Cue::Later | Cue::Moved | Cue::Indefinite)
}

fn dir_of(c: Cue) -> Option<Direction> {
    match c {
        Cue::Earlier => Some(Direction::Earlier),
        Cue::Later | Cue::Indefinite => Some(Direction::Later),
        _ => None,
    }
}

/// "the next day" / "the following day" / "a day later" / "the same day" after a dated phrase
/// in the same sentence: the day after it (or that same day).
fn next_day(sc: &Scanner<'_>, exprs: &mut Vec<TimeExpr>) {
    let n = sc.toks.len();
    for k in 0..n.saturating_sub(2) {
        let next = matches!(
            (sc.w(k), sc.w(k + 1), sc.w(k + 2)),
            ("the", "next" | "following", "day") | ("a", "day", "later")
        );
        let same = matches!((sc.w(k), sc.w(k + 1), sc.w(k + 2)), ("the", "same", "day"));
        let hit = next || same;
        if !hit || exprs.iter().any(|e| e.toks.contains(&k)) {
            continue;
        }
        let Some(prev) = exprs
            .iter()
            .filter(|e| e.toks.end <= k && e.period.precision == crate::model::Precision::Day)
            .max_by_key(|e| e.toks.end)
        else {
            continue;
        };
        let d = prev.first + chrono::Duration::days(i64::from(next));
        let (Some(a), Some(b)) = (sc.tok(k), sc.tok(k + 2)) else {
            continue;
        };
        exprs.push(TimeExpr {
            span: a.s..b.e,
            toks: k..k + 3,
            period: Period::day(d),
            first: d,
            last: d,
        });
    }
    exprs.sort_by_key(|e| e.toks.start);
}

/// A year-less day that repeats a day the article has already dated ("shifted
/// from May 6th to July 8th, 2022 ... pushed back to November 11th from July
/// 8th") is that day, in that year: a calendar shuffle hands the same slots on.
/// Records the sentence's days in `seen`.
fn same_day_as_before(sc: &Scanner<'_>, exprs: &mut [TimeExpr], seen: &mut Vec<chrono::NaiveDate>) {
    use chrono::Datelike;
    for e in exprs.iter_mut() {
        if e.period.precision != crate::model::Precision::Day || e.first != e.last {
            continue;
        }
        if !sc.writes_year(e.toks.clone()) {
            let earlier = seen
                .iter()
                .rev()
                .find(|d| d.month() == e.first.month() && d.day() == e.first.day());
            if let Some(&d) = earlier.filter(|d| d.year() != e.first.year()) {
                e.period = Period::day(d);
                e.first = d;
                e.last = d;
            }
        }
        seen.push(e.first);
    }
}

/// "It would arrive in January. The album had been set for the 24th": a bare
/// day ("the 24th") is a day of the month the text named last, when that was
/// at most two sentences back; otherwise the grammar's reading (the next such
/// day) stands. Records the last month this sentence names in `seen`.
fn day_of_named_month(
    sc: &Scanner<'_>,
    exprs: &mut [TimeExpr],
    si: usize,
    seen: &mut Option<(i32, u32, usize)>,
) {
    use chrono::Datelike;
    for e in exprs.iter_mut() {
        let (a, b) = (e.toks.start, e.toks.end);
        let bare = b == a + 2 && sc.is(a, "the") && sc.num(a + 1).is_some_and(|t| t.ord);
        if bare {
            if let Some((y, m, at)) = *seen {
                let day = chrono::NaiveDate::from_ymd_opt(y, m, e.first.day());
                if let Some(d) = day.filter(|_| si <= at + 2) {
                    e.period = Period::day(d);
                    e.first = d;
                    e.last = d;
                }
            }
            continue;
        }
        if let Some(k) = (a..b).find(|&k| sc.month_at(k).is_some()) {
            if let Some((m, _)) = sc.month_at(k) {
                let y = if e.first.month() == m {
                    e.first.year()
                } else {
                    e.last.year()
                };
                *seen = Some((y, m, si));
            }
        }
    }
}

/// "The film ..." / "the song" at the start of a sentence: its kind class.
fn anaphor_kind(sc: &Scanner<'_>, n: usize) -> Option<u8> {
    (0..n).find_map(|k| {
        if matches!(sc.w(k), "the" | "this") {
            super::naming::kind_class(sc.w(k + 1))
                .or_else(|| super::naming::kind_class(sc.w(k + 2)))
        } else {
            None
        }
    })
}

fn is_bare_part(name: &str) -> bool {
    let mut w = name.split_whitespace();
    match (w.next(), w.next(), w.next()) {
        (Some("OST"), None, None) => true,
        (Some("Part" | "Season" | "Vol." | "Volume" | "Chapter"), Some(n), None) => {
            n.chars().all(|c| c.is_ascii_digit())
        }
        _ => false,
    }
}

/// A bare "Part 1"/"Season 2" names a part of the work in focus.
fn qualify(name: &str, focus: Option<&str>) -> String {
    let bare = is_bare_part(name);
    match focus {
        // A part of a part names nothing ("Season 5 Season 5"): keep the bare name.
        Some(f) if bare && !is_bare_part(f) => {
            // Drop the focus's own part suffix: "Ramayana Part 1" + "Part 2".
            let base = f.rsplit_once(" Part ").map_or(f, |(b, _)| b);
            if name == "OST" {
                let base = base.strip_suffix(" OST").unwrap_or(base);
                return format!("{base} OST");
            }
            let base = if name.starts_with("Season") {
                let base = base.rsplit_once(" Season ").map_or(base, |(b, _)| b);
                // "Stranger Things 4" + "Season 4" is the work itself; "Squid
                // Game 2" + "Season 3" is the show's third season.
                let number = name.rsplit(' ').next().unwrap_or("");
                match base.rsplit_once(' ') {
                    Some((_, n)) if n == number => return base.to_string(),
                    Some((b, n)) if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) => b,
                    _ => base,
                }
            } else if name.starts_with("Vol") || name.starts_with("Part") {
                // "The Witcher Season 3 Vol. 1" + "Vol. 2": the other volume.
                [" Vol. ", " Volume ", " Part "]
                    .iter()
                    .find_map(|sep| base.rsplit_once(sep).map(|(b, _)| b))
                    .unwrap_or(base)
            } else {
                base
            };
            if name.starts_with("Part") && base.ends_with(" OST") {
                return format!("{base} {name}");
            }
            format!("{base} {name}")
        }
        _ => name.to_string(),
    }
}

/// Whether a date opening the article is its dateline: only a place (capitalised
/// words, commas) before it, and an agency in brackets or a dash after it.
fn dateline(sc: &Scanner<'_>, e: &TimeExpr) -> bool {
    let s = e.toks.start;
    let placed = s <= 6 && (0..s).all(|k| sc.p(k, ',') || sc.cap(k));
    let after = e.toks.end;
    placed
        && (sc.p(after, '(')
            || sc.p(after, '-')
            || sc.p(after, '\u{2014}')
            || sc.p(after, '\u{2013}')
            || sc.p(after, '/'))
}

/// Where the clause holding token `at` begins and ends: coordinated clauses
/// (", and", ", while", ", but", ";", "whereas") split a sentence; a relative or
/// appositive clause (", which ...") stays with its head.
fn clause_of(sc: &Scanner<'_>, at: usize, n: usize) -> (usize, usize) {
    let boundary = |k: usize| {
        sc.p(k, ';')
            || matches!(sc.w(k), "whereas" | "while")
            || (sc.p(k, ',')
                && matches!(
                    sc.w(k + 1),
                    "and" | "while" | "but" | "whereas" | "meanwhile"
                ))
    };
    let start = (0..at).rev().find(|&k| boundary(k)).map_or(0, |k| k + 1);
    let end = (at..n).find(|&k| boundary(k)).unwrap_or(n);
    (start, end)
}

/// The subject for a date at tokens `[s, e)`: a title in the date's own clause
/// (nearest before it, else the first after it), else the nearest title before it in
/// the sentence, else after it, else the focus.
fn pick_subject_in<'c>(
    sc: &Scanner<'_>,
    cands: &'c [Cand],
    (lo, hi): (usize, usize),
    s: usize,
    e: usize,
) -> Option<&'c Cand> {
    let n = sc.toks.len();
    let inside = cands.iter().filter(move |c| c.at >= lo && c.end <= hi);
    if inside.clone().next().is_none() || lo == 0 && hi == n {
        // "Nov. 29 had been the planned start for 'Echo', the 'Hawkeye' spinoff,
        // but it has now been pushed to January": a pronoun opening the date's
        // own clause goes back to the sentence's first work, not to the nearest.
        let pronoun = lo > 0
            && (lo..(lo + 2).min(hi)).any(|k| matches!(sc.w(k), "it" | "they"))
            && !cands.iter().any(|c| c.at >= lo && c.at < s);
        if pronoun {
            if let Some(first) = cands.iter().filter(|c| c.end <= lo).min_by_key(|c| c.at) {
                return Some(first);
            }
        }
        return pick_subject(cands.iter(), s, e);
    }
    pick_subject(inside, s, e)
}

/// The subject for a date at tokens `[s, e)`: nearest title before it in the
/// sentence, else after it, else the focus.
fn pick_subject<'c>(
    cands: impl Iterator<Item = &'c Cand> + Clone,
    s: usize,
    e: usize,
) -> Option<&'c Cand> {
    let before = cands
        .clone()
        .filter(|c| c.end <= s)
        .max_by_key(|c| (c.strong, c.end));
    let nearest_before = cands.clone().filter(|c| c.end <= s).max_by_key(|c| c.end);
    // A surely-named title just after the date beats a weak guess before it:
    // "Min and Leo will debut ... on November 5 with the single 'Midnight Drive'".
    let strong_after = cands
        .clone()
        .filter(|c| c.at >= e && c.at <= e + 6 && c.strong)
        .min_by_key(|c| c.at);
    match (nearest_before, before) {
        (Some(n), Some(b)) if b.strong && !n.strong && !is_bare_part(&n.name) => Some(b),
        (Some(n), Some(b)) if !b.strong && strong_after.is_some() => strong_after.or(Some(n)),
        (Some(n), _) => Some(n),
        _ => cands.filter(|c| c.at >= e).min_by_key(|c| c.at),
    }
}

/// Runs the per-sentence pass.
pub(crate) fn sift(text: &str, ctx: &Context<'_>) -> Found {
    let today = ctx.published.date_naive();
    let mut found = Found { ..Found::default() };
    // Headline: subject, direction and shift.
    let mut focus: Option<String> = None;
    let mut headline_aliases: Vec<(String, String)> = Vec::new();
    if let Some(title) = ctx.title {
        let low = title.to_ascii_lowercase();
        let toks = tokenize(title);
        let words = words(&toks, &low);
        let sc = Scanner {
            toks: &toks,
            words: &words,
            low: &low,
            text: title,
            today,
            tense: Tense::Future,
            strict: true,
        };
        // A named event ("Nintendo Direct set for Wednesday") is no work in focus.
        let events = sc.event_spans(toks.len());
        let cands = outside(sc.titles_in(0..toks.len(), ctx.hints), &events);
        // "Bond 25 finally has a title: No Time to Die": the article's working
        // title is an alias of the title it is given.
        for c in &cands {
            if let Some((x, a)) = apposition::renamed_from(&sc, c.at) {
                headline_aliases.push((release_key(&sc.name(x, a)), c.name.clone()));
            }
        }
        found.headline_subject = cands
            .iter()
            .find(|c| c.strong)
            .or(cands.first())
            .map(|c| c.name.clone())
            .or_else(|| {
                sc.leading_span(text)
                    .filter(|_| !events.iter().any(|&(a, _)| a == 0))
            });
        focus = found.headline_subject.clone();
        // Skip a leading "[Exclusive]" or "Rumor:" tag for the artist.
        let start = if sc.p(0, '[') {
            (0..toks.len()).find(|k| sc.p(*k, ']')).map_or(0, |k| k + 1)
        } else if sc.p(1, ':') {
            2
        } else {
            0
        };
        found.artist = sc.headline_artist(start, text);
        // "Rumor: ...", "... reportedly ...", "Sources: ..." in the headline.
        found.headline_hedged = (0..toks.len()).any(|k| {
            matches!(
                sc.w(k),
                "rumor"
                    | "rumour"
                    | "rumors"
                    | "reportedly"
                    | "sources"
                    | "report"
                    | "leak"
                    | "leaked"
                    | "insider"
            )
        });
        let spans: Vec<(usize, usize)> = cands.iter().map(|c| (c.at, c.end)).collect();
        for c in sc.cues_in(0..toks.len()) {
            if is_move(c.cue) && sc.moves_an_event(&c, &spans) {
                continue;
            }
            if c.cue == Cue::Hedge {
                found.headline_hedged = true;
            }
            // "Vey's Delayed Story Collection", "The Delayed Sequel": a
            // participle after a possessive or determiner describes the work;
            // it does not report a move now.
            let attributive = c.at > 0 && {
                let b = c.at - 1;
                matches!(
                    sc.w(b),
                    "the" | "a" | "an" | "its" | "his" | "her" | "their" | "long"
                ) || (sc.is(b, "s") && sc.p(b.wrapping_sub(1), '\''))
                    || (sc.p(b, '\'') && sc.w(b.wrapping_sub(1)).ends_with('s'))
                    || (sc.p(b, '-') && sc.is(b.wrapping_sub(1), "long"))
            };
            if is_move(c.cue) && !attributive {
                found.moved = true;
                found.headline_moved = true;
                found.later_cue |= c.cue == Cue::Later;
                found.direction = found.direction.or(dir_of(c.cue));
                found.indefinite |= c.cue == Cue::Indefinite;
            }
        }
        if found.moved {
            found.shift = sc.shift_in(toks.len(), &[]);
        }
    }
    let low = text.to_ascii_lowercase();
    let all = tokenize(text);
    let all_words = words(&all, &low);
    // Works named so far, with their kind, most recent last.
    let mut history: Vec<(String, Option<u8>)> = Vec::new();
    // The sentence of each entry of `history`.
    let mut history_sent: Vec<usize> = Vec::new();
    // Works named for now by a phrase ("Potter sequel"): its key, the title it
    // modifies and its sentence.
    let mut related: Vec<(String, String, usize)> = Vec::new();
    // Alias keys met in appositions, with the name the work goes by.
    let mut aliases: Vec<(String, String)> = headline_aliases;
    // Day dates met so far, for year-less ones that repeat them.
    let mut days_seen: Vec<chrono::NaiveDate> = Vec::new();
    // The month the text named last (year, month) and its sentence.
    let mut month_seen: Option<(i32, u32, usize)> = None;
    // The show whose soundtrack "the OST" is.
    let mut ost_host: Option<String> = found
        .headline_subject
        .as_deref()
        .and_then(|h| h.strip_suffix(" OST"))
        .map(str::to_string);
    for (si, range) in sentence::split(&all, &low).into_iter().enumerate() {
        let toks = &all[range.clone()];
        let n = toks.len();
        let tense = sentence::tense(&all, &low, range.clone());
        let sc = Scanner {
            toks,
            words: all_words.get(range.clone()).unwrap_or(&[]),
            low: &low,
            text,
            today,
            tense,
            strict: true,
        };
        let mut exprs = scan_tokens(&sc);
        if !exprs.is_empty() {
            next_day(&sc, &mut exprs);
            day_of_named_month(&sc, &mut exprs, si, &mut month_seen);
            same_day_as_before(&sc, &mut exprs, &mut days_seen);
        }
        // "March 4 (UPI) --", "LOS ANGELES, March 4 (Reuters) -": a dateline says
        // when the story was filed.
        if si == 0 {
            exprs.retain(|e| !dateline(&sc, e));
        }
        let mut cands = sc.titles_in(0..n, ctx.hints);
        // One work named twice in apposition is one work; its other name, met
        // again later in the article, still names it.
        for (keep, alias) in apposition::fold(&sc, &mut cands, found.headline_subject.as_deref()) {
            aliases.push((release_key(&alias), keep));
        }
        // Without an alias met so far no name is renamed: skip keying them.
        for c in cands.iter_mut().filter(|_| !aliases.is_empty()) {
            let key = release_key(&c.name);
            if let Some((_, keep)) = aliases.iter().find(|(a, _)| *a == key) {
                c.name = keep.clone();
            }
        }
        let cands = resolve_attributive(&sc, cands, si, &mut related);
        // "Valentine's Day", "Christmas Day": a name the date reader reads as a
        // date is that date, not a work ("Halloween Kills" is more than one).
        let cands: Vec<Cand> = cands
            .into_iter()
            .filter(|c| {
                c.strong
                    || !exprs
                        .iter()
                        .any(|e| e.toks.start <= c.at && c.end <= e.toks.end)
            })
            .collect();
        // A date inside a title is part of the title: 'Letters to November'; so
        // is a named day inside a longer name ("Halloween Kills", "Black
        // Christmas"), quoted or not.
        exprs.retain(|e| {
            let named_day = sc.word(e.toks.start) && sc.num(e.toks.start).is_none();
            !cands.iter().any(|t| {
                let longer = t.end - t.at > e.toks.end - e.toks.start;
                (t.strong || (named_day && longer)) && t.at <= e.toks.start && e.toks.end <= t.end
            })
        });
        // Words inside a title are not cues: 'Event Horizon', 'Delayed Love'; nor
        // is a move of a concert, a chart place or a time slot.
        let spans: Vec<(usize, usize)> = cands.iter().map(|c| (c.at, c.end)).collect();
        // Where a move verb moves an event ("postponed two concerts ..., planned
        // for April 26"), the dates after it are the event's until a work is
        // named between.
        let mut event_moves: Vec<usize> = Vec::new();
        let mut cues: Vec<CueHit> = Vec::new();
        for c in sc.cues_in(0..n) {
            let in_title = cands
                .iter()
                .any(|t| t.strong && t.at <= c.at && c.at < t.end);
            if in_title {
                continue;
            }
            if is_move(c.cue) && sc.moves_an_event(&c, &spans) {
                event_moves.push(c.at);
            } else {
                cues.push(c);
            }
        }
        // "The Eras Tour resumes in Tokyo on Feb. 7", "Nintendo will air a new
        // Nintendo Direct on Feb. 8": a named event or venue is no work; it
        // keeps the dates it holds (see `judge`).
        let events = sc.event_spans(n);
        let cands = outside(cands, &events);
        let sent_text: &str = match (toks.first(), toks.last()) {
            (Some(a), Some(b)) => text.get(a.s..b.e).unwrap_or(""),
            _ => "",
        };
        let move_here = cues.iter().any(|c| is_move(c.cue));
        // "had been moved from November to March": a move told as background,
        // before the story's own time. Its dates still pair up, but it is not a
        // sentence that states a move now, so the move it gives stays unconfirmed.
        let told_now = cues
            .iter()
            .any(|c| is_move(c.cue) && !(c.at.saturating_sub(3)..c.at).any(|k| sc.is(k, "had")));
        if cues.iter().any(|c| c.cue == Cue::Current) {
            found.now_sents.push(si);
        }
        if move_here {
            found.moved = true;
            if told_now {
                found.move_sents.push(si);
            } else {
                found.background_sents.push(si);
            }
            for c in &cues {
                if let Some(d) = dir_of(c.cue) {
                    found.direction = found.direction.or(Some(d));
                    found.sent_dirs.push((si, d));
                }
                found.indefinite |= c.cue == Cue::Indefinite;
                found.later_cue |= c.cue == Cue::Later;
            }
            if found.shift.is_none() {
                found.shift = sc.shift_in(n, &exprs);
            }
            let subj = pick_subject(cands.iter(), n, n)
                .map(|c| c.name.clone())
                .or(focus.clone());
            if let Some(s) = subj {
                found.move_subjects.push((s, si, sent_text.to_string()));
            }
        }
        if table_row(&sc, &exprs, &mut found, si, sent_text) {
            continue;
        }
        let hedged = cues.iter().any(|c| c.cue == Cue::Hedge);
        // "The anime is set to premiere ...": the latest work of that kind.
        let anaphor = if exprs.is_empty() {
            None
        } else {
            anaphor_kind(&sc, n)
        }
        .and_then(|k| {
            history
                .iter()
                .rev()
                .find(|h| h.1 == Some(k))
                .map(|h| h.0.clone())
        });
        let sent_focus = if cands.is_empty() {
            anaphor.or(focus.clone())
        } else {
            focus.clone()
        };
        // No title anywhere so far: name the work by artist and noun phrase.
        // Untitled: no title here, and none earlier of the kind the sentence's
        // noun phrase names ("a new album" after only a single was named).
        let np_kind = (0..n).find_map(|k| match sc.w(k) {
            "album" | "ep" | "lp" | "record" => Some(4u8),
            "single" => Some(3u8),
            _ => None,
        });
        let untitled = !cands.iter().any(|c| c.strong)
            && !history
                .iter()
                .any(|h| h.1.is_some() && (np_kind.is_none() || h.1 == np_kind));
        let artist_np = found
            .artist
            .as_deref()
            .and_then(|a| sc.artist_work(a, 0..n));
        let sent_focus = if untitled {
            artist_np.clone().or(sent_focus)
        } else {
            sent_focus
        };
        // A weak guess (a possessive name) loses to "a companion EP" by the
        // article's artist in the same sentence.
        let cands: Vec<Cand> = if artist_np.is_some() && !cands.iter().any(|c| c.strong) {
            Vec::new()
        } else {
            cands
        };
        let by_artist = artist_np.is_some();
        let sent_focus = if cands.is_empty() && by_artist {
            artist_np
        } else {
            sent_focus
        };
        // Works a noun phrase brings in without a title ("an untitled Elvis film
        // has shifted"); an unnamed one the article's artist names instead.
        let described: Vec<Cand> = if exprs.is_empty() {
            Vec::new()
        } else {
            sc.described_works(n)
                .into_iter()
                .filter(|d| !cands.iter().any(|c| c.at < d.end && d.at < c.end))
                .filter(|d| !(d.name.is_empty() && by_artist))
                .collect()
        };
        let first_new = found.slots.len();
        let event_holds_date = |e: &TimeExpr| {
            event_moves.iter().any(|&a| {
                a < e.toks.start
                    && !cands
                        .iter()
                        .any(|c| c.strong && c.at > a && c.end <= e.toks.start)
            })
        };
        for e in &exprs {
            if event_holds_date(e) {
                continue;
            }
            if let Some(slot) = judge(
                &sc,
                e,
                &exprs,
                &cues,
                &cands,
                &events,
                &described,
                sent_focus.as_deref(),
                ost_host.as_deref(),
                move_here,
            ) {
                found.slots.push(Slot {
                    sentence: sent_text.to_string(),
                    sent: si,
                    hedged,
                    in_move: told_now,
                    ..slot
                });
            }
        }
        // "had been scheduled to open in UK cinemas on 2 April and in the US on
        // 10 April": a date joined to a replaced one by "and" is replaced too.
        for k in first_new + 1..found.slots.len() {
            let (a, b) = (&found.slots[k - 1], &found.slots[k]);
            if a.role == Role::Previous
                && b.role == Role::Current
                && a.key == b.key
                && a.tok_end <= b.tok_start
            {
                let between = a.tok_end..b.tok_start;
                let joined = between.clone().any(|t| sc.is(t, "and"))
                    && !cues.iter().any(|c| {
                        between.contains(&c.at)
                            && matches!(
                                c.cue,
                                Cue::Current
                                    | Cue::Release
                                    | Cue::Earlier
                                    | Cue::Later
                                    | Cue::Moved
                            )
                    });
                if joined {
                    found.slots[k].role = Role::Previous;
                }
            }
        }
        // "Oppenheimer and Barbie open on July 21": the date of one coordinated
        // work is the date of each.
        for k in first_new..found.slots.len() {
            let partners = cands
                .iter()
                .position(|c| release_key(&c.name) == found.slots[k].key)
                .map(|i| sc.coordinated(&cands, i))
                .unwrap_or_default();
            // "will release on Aug. 14, the same day as War 2", "is set for Aug.
            // 15, as is Khel Khel Mein": a work said to share the date.
            let sharer = sc.same_date_as(found.slots[k].tok_end).and_then(|at| {
                cands.iter().position(|c| {
                    c.at >= at && c.at <= at + 5 && release_key(&c.name) != found.slots[k].key
                })
            });
            for p in partners.into_iter().chain(sharer) {
                let name = cands[p].name.clone();
                let slot = Slot {
                    key: release_key(&name),
                    subject: name,
                    ..found.slots[k].clone()
                };
                found.slots.push(slot);
            }
        }
        for c in &cands {
            let name = qualify(&c.name, focus.as_deref());
            let kind = sc.kind_near(c.at, c.end);
            if kind == Some(2) {
                ost_host = Some(name.clone());
            } else if let Some(base) = name
                .strip_suffix(" OST")
                .or_else(|| name.split_once(" OST Part ").map(|(b, _)| b))
            {
                ost_host = Some(base.to_string());
            }
            history.push((name, kind));
            history_sent.push(si);
        }
        let kinded = cands
            .iter()
            .rev()
            .find(|c| c.strong && sc.kind_near(c.at, c.end).is_some());
        if let Some(c) = kinded
            .or(cands.iter().rev().find(|c| c.strong))
            .or(cands.last())
        {
            focus = Some(qualify(&c.name, focus.as_deref()));
        }
    }
    name_related(&mut found, &related, &history, &history_sent);
    found
}

/// "Animal – August 11- December 1": a row of a release table, read as the work's
/// move once the article has told of moves, when its dates run the way the
/// article said they moved. Records the row's dates; false when the sentence is
/// no such row.
fn table_row(
    sc: &Scanner<'_>,
    exprs: &[TimeExpr],
    found: &mut Found,
    si: usize,
    sent_text: &str,
) -> bool {
    if !(found.moved || found.headline_moved) {
        return false;
    }
    let direction = found.direction;
    let agrees = |r: &table::Row| {
        r.from
            .as_ref()
            .is_none_or(|(from, _)| table_agrees(&r.to.0, from, direction))
    };
    let Some(row) = table::row(sc, exprs).filter(agrees) else {
        return false;
    };
    let key = release_key(&row.name);
    // A row with one date dates the work; it states no move.
    let moved = row.from.is_some();
    let sides = row
        .from
        .map(|f| (f, Role::Previous))
        .into_iter()
        .chain([(row.to, Role::Current)]);
    for ((date, toks), role) in sides {
        found.slots.push(Slot {
            subject: row.name.clone(),
            key: key.clone(),
            date,
            role,
            sentence: sent_text.to_string(),
            sent: si,
            hedged: false,
            region: None,
            in_move: moved,
            year_given: sc.writes_year(toks.clone()),
            tok_start: toks.start,
            tok_end: toks.end,
            basis: Basis {
                in_clause: true,
                in_sentence: true,
                strong: false,
                gap: 1,
                titles: 1,
                described: false,
                anchor_gap: 0,
                anchor_after: false,
                distractor: false,
                dates: 1,
            },
        });
    }
    if let Some(d) = direction {
        found.sent_dirs.push((si, d));
    }
    true
}

/// Whether a table row's two dates run the way the article said its works
/// moved: the new date later for a delay, earlier for a move up.
fn table_agrees(to: &Period, from: &Period, direction: Option<Direction>) -> bool {
    let rel = to.compare(from);
    match direction {
        Some(Direction::Later) => rel == Relation::Later,
        Some(Direction::Earlier) => rel == Relation::Earlier,
        None => false,
    }
}

/// The titles of a sentence without those that only name events or venues.
fn outside(cands: Vec<Cand>, events: &[(usize, usize)]) -> Vec<Cand> {
    cands
        .into_iter()
        .filter(|c| !events.iter().any(|&(a, b)| c.at < b && a < c.end))
        .collect()
}

/// "Star Wars fans", "the latest 'Potter' sequel": a title that modifies a noun
/// names people or many works (dropped), or a related work: the title in
/// apposition to the phrase (the modifier is dropped), else the phrase for now
/// ("Potter sequel"), recorded in `related` for `name_related` to replace with the
/// article's fuller title once the article is read.
fn resolve_attributive(
    sc: &Scanner<'_>,
    cands: Vec<Cand>,
    si: usize,
    related: &mut Vec<(String, String, usize)>,
) -> Vec<Cand> {
    let mut kept = Vec::with_capacity(cands.len());
    // A phrase naming a work related to `c` ("Potter sequel", "sequel to X"),
    // kept with the name it modifies for `name_related`.
    let mut relate = |kept: &mut Vec<Cand>, c: &Cand, phrase: String, at: usize, end: usize| {
        related.push((release_key(&phrase), c.name.clone(), si));
        kept.push(Cand {
            name: phrase,
            at,
            end,
            strong: c.strong,
        });
    };
    for (i, c) in cands.iter().enumerate() {
        // "Ghost of Yotei, the follow-up to Ghost of Tsushima": in apposition, or
        // after a copula ("is the sequel to Pushpa: The Rise"), the phrase
        // describes another work named before it; standing alone it names the
        // related work itself, as "the sequel to ..." until a title is known.
        if let Some((start, words)) = sc.related_object(c) {
            let apposed = start > 0
                && ((sc.p(start - 1, ',')
                    && cands
                        .iter()
                        .any(|o| o.end + 1 == start || o.end + 2 == start))
                    || matches!(
                        sc.w(start - 1),
                        "is" | "was" | "as" | "be" | "becomes" | "became"
                    ));
            if apposed {
                continue;
            }
            relate(&mut kept, c, format!("{words} {}", c.name), start, c.end);
            continue;
        }
        match sc.attributive(c) {
            None => kept.push(c.clone()),
            Some(Attributive::NoWork) => {}
            Some(Attributive::Related(noun)) => {
                let apposed = cands.iter().enumerate().any(|(j, o)| {
                    j != i
                        && ((o.end <= c.at
                            && c.at - o.end <= 4
                            && (sc.p(o.end, ',') || sc.p(o.end + 1, ',')))
                            || (o.strong
                                && o.at > noun
                                && o.at <= noun + 10
                                && (noun..o.at).any(|k| sc.p(k, ','))))
                });
                if apposed {
                    continue;
                }
                let word = match sc.w(noun) {
                    "spin" => "spin-off",
                    "follow" => "follow-up",
                    w => w,
                };
                relate(
                    &mut kept,
                    c,
                    format!("{} {word}", c.name),
                    c.at,
                    c.end.max(noun + 1),
                );
            }
        }
    }
    kept
}

/// Gives a work named for now by a phrase ("Potter sequel") the article's title
/// that holds the modified name and says more: "Harry Potter and the Half-Blood
/// Prince", the nearest before the phrase, else the first after it.
fn name_related(
    found: &mut Found,
    related: &[(String, String, usize)],
    history: &[(String, Option<u8>)],
    history_sent: &[usize],
) {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    for (key, modified, si) in related {
        let inner = words(modified);
        let holds = |name: &str| {
            let w = words(name);
            w.len() > inner.len()
                && w.windows(inner.len()).any(|win| win == inner.as_slice())
                && !related.iter().any(|r| r.0 == release_key(name))
        };
        let mut pick = None;
        for ((name, _), s) in history.iter().zip(history_sent) {
            if !holds(name) {
                continue;
            }
            if s <= si || pick.is_none() {
                pick = Some(name.clone());
            }
            if s > si {
                break;
            }
        }
        let Some(name) = pick else { continue };
        let new_key = release_key(&name);
        for slot in found.slots.iter_mut().filter(|s| &s.key == key) {
            slot.key = new_key.clone();
            slot.subject = name.clone();
        }
        for m in found
            .move_subjects
            .iter_mut()
            .filter(|m| &release_key(&m.0) == key)
        {
            m.0 = name.clone();
        }
    }
}

/// "will open on Nov. 5, for Diwali", "on Wednesday, April 5, ... giving it a
/// five-day Easter weekend": a holiday named beside a stated day near it is a
/// gloss of that day (why it was chosen, what it lands in), not a second date.
fn holiday_gloss(sc: &Scanner<'_>, e: &TimeExpr, exprs: &[TimeExpr], cues: &[CueHit]) -> bool {
    let named = |x: &TimeExpr| x.toks.clone().take(4).any(|k| sc.holiday_at(k).is_some());
    named(e)
        && exprs.iter().any(|f| {
            f.toks != e.toks
                && f.period.precision == crate::model::Precision::Day
                && !named(f)
                && !sc.is_report_date(f, cues)
                && (f.first - e.first).num_days().abs() <= 7
        })
}

/// Decides whether one date is a release date and with which role and subject.
#[allow(clippy::too_many_arguments)]
fn judge(
    sc: &Scanner<'_>,
    e: &TimeExpr,
    exprs: &[TimeExpr],
    cues: &[CueHit],
    cands: &[Cand],
    events: &[(usize, usize)],
    described: &[Cand],
    focus: Option<&str>,
    ost_host: Option<&str>,
    move_here: bool,
) -> Option<Slot> {
    let (s, end) = (e.toks.start, e.toks.end);
    if sc.is_report_date(e, cues) || appositive(sc, e, exprs, cues) {
        return None;
    }
    // A date used as a landmark: "closer to Mother's Day", "ahead of Eid".
    let landmark = matches!(
        (sc.w(s.wrapping_sub(2)), sc.w(s.wrapping_sub(1))),
        ("closer" | "close" | "ahead", "to" | "of")
            | (
                _,
                "near" | "following" | "after" | "before" | "around" | "until" | "through"
            )
    );
    if holiday_gloss(sc, e, exprs, cues) {
        return None;
    }
    let negated =
        (s.saturating_sub(6)..s).any(|k| matches!(sc.w(k), "not" | "never" | "t" | "won" | "no"));
    // "the May 21 broadcast of 'M Countdown'": the date of an episode.
    if matches!(
        sc.w(end),
        "broadcast"
            | "episode"
            | "edition"
            | "issue"
            | "show"
            | "performance"
            | "concert"
            | "ceremony"
    ) {
        return None;
    }
    // "has been delayed until fall 2024", "pushed back until May 3": a move
    // verb's "until" names where the release now stands, not a landmark.
    let moved_until = matches!(sc.w(s.wrapping_sub(1)), "until" | "till")
        && cues.iter().any(|c| {
            matches!(c.cue, Cue::Later | Cue::Moved | Cue::Earlier)
                && c.at + c.len < s
                && s - 1 - (c.at + c.len) <= 2
        });
    // "more room before July 21, when Oppenheimer and Barbie open": a "when"
    // clause after a landmark date says whose release the date is.
    let when_at = if sc.p(end, ',') { end + 1 } else { end };
    let when_release = sc
        .is(when_at, "when")
        .then(|| {
            cues.iter()
                .find(|c| c.cue == Cue::Release && c.at > when_at && c.at <= when_at + 12)
        })
        .flatten();
    let when_subject = when_release.and_then(|r| {
        cands
            .iter()
            .filter(|c| c.at > when_at && c.end <= r.at)
            .min_by_key(|c| c.at)
    });
    if landmark
        && when_subject.is_none()
        && !moved_until
        && !(negated && matches!(sc.w(s.wrapping_sub(1)), "before" | "until"))
    {
        return None;
    }
    // Nearest anchor cue, preferring one before the date.
    let dist = |c: &CueHit| {
        if c.at + c.len <= s {
            s - (c.at + c.len)
        } else {
            c.at.saturating_sub(end) + 1
        }
    };
    // A release word after the date anchors it only inside the date's clause:
    // "on Nov. 20, the agency said, with details to follow" ends the clause at
    // the report.
    // Whether a report clause after the date's comma ("on Nov. 20, the agency
    // said") comes before token `k`: it ends the date's clause there.
    let report_clause_before = |k: usize| {
        cues.iter().any(|r| {
            r.cue == Cue::Report && r.at >= end && r.at < k && (end..r.at).any(|j| sc.p(j, ','))
        })
    };
    let reaches = |c: &CueHit| c.at < end || !report_clause_before(c.at);
    let anchor = cues
        .iter()
        .filter(|c| is_anchor(c.cue) && reaches(c))
        .min_by_key(|c| dist(c))?;
    // A distractor between the anchor's clause and the date claims it.
    let lo = if anchor.at < s {
        anchor.at.saturating_sub(6)
    } else {
        s
    };
    let hi = if anchor.at < s { s } else { anchor.at };
    // Distractor verbs ("begin", "kicks off") claim only after the anchor:
    // "filming is scheduled to begin in March" but not "begin streaming Dec. 12".
    let verb_before = |c: &CueHit| {
        c.at < anchor.at
            && matches!(
                sc.w(c.at),
                "begin"
                    | "begins"
                    | "began"
                    | "start"
                    | "starts"
                    | "started"
                    | "wrap"
                    | "wraps"
                    | "commence"
            )
    };
    // "Their latest update says the film will now arrive ...": a distractor
    // that is the subject of a report verb introduces the clause, it is not in it.
    let reports = |c: &CueHit| {
        cues.iter()
            .any(|r| r.cue == Cue::Report && r.at > c.at && r.at < anchor.at)
    };
    // "filming and is aiming for a broadcast": a clause boundary between a
    // distractor and the anchor frees the anchor.
    let bounded = |c: &CueHit| {
        c.at < anchor.at
            && ((c.at + 1..anchor.at).any(|k| {
                sc.p(k, ',') || matches!(sc.w(k), "and" | "but" | "while" | "which" | "whereas")
            }) || reports(c))
    };
    let claimed = cues.iter().any(|c| {
        c.cue == Cue::Distractor && c.at >= lo && c.at < hi && !verb_before(c) && !bounded(c)
    }) || cues.iter().any(|c| {
        // "rescheduled to Dec. 6, citing unfinished shooting", "on Jan. 14, the
        // day of the festival": a distractor in a reason or an apposition of
        // its own after the date does not claim it ("with tickets ...", "and
        // the showcase ..." still do). Scanned only for a nearer distractor.
        // "on June 10, Big Hit Music said on Wednesday as the group posted a
        // logo trailer": a report clause after the date's comma ends the date's
        // clause, as it does for a release word (`reaches`).
        let apart = || {
            c.at >= end
                && ((end..c.at).any(|k| {
                    sc.p(k, ';')
                        || (sc.p(k, ',')
                            && matches!(
                                sc.w(k + 1),
                                "citing" | "due" | "because" | "owing" | "amid" | "the" | "a"
                            ))
                }) || report_clause_before(c.at))
        };
        c.cue == Cue::Distractor && dist(c) < dist(anchor) && !apart()
    });
    // "The music video for 'Heya' will be released on ...": a distractor heads
    // the clause that the anchor's verb belongs to. A bracket opens a clause of
    // its own ("were pulled from the calendar (one movie scheduled for ...").
    let clause_start = (0..anchor.at)
        .rev()
        .find(|k| {
            sc.p(*k, ',')
                || sc.p(*k, ';')
                || sc.p(*k, '(')
                || matches!(sc.w(*k), "and" | "that" | "while" | "but" | "which")
        })
        .map_or(0, |k| k + 1);
    let first_title = cands
        .iter()
        .filter(|c| c.at >= clause_start && c.at < anchor.at)
        .map(|c| c.at)
        .min()
        .unwrap_or(anchor.at);
    let headed = anchor.at < s
        && cues.iter().any(|c| {
            c.cue == Cue::Distractor
                && c.at >= clause_start
                && c.at < first_title
                && !verb_before(c)
                && !reports(c)
        });
    // "its fall premiere calendar", "a release party": the anchor is only a
    // modifier of a distractor noun.
    let modifier_of = |a: &CueHit| {
        cues.iter()
            .any(|c| c.cue == Cue::Distractor && c.at == a.at + a.len)
    };
    let compound = modifier_of(anchor)
        || cues
            .iter()
            .any(|a| a.at == end && is_anchor(a.cue) && modifier_of(a));
    let spans: Vec<(usize, usize)> = cands.iter().map(|c| (c.at, c.end)).collect();
    // "The nominations, originally planned for Jan. 17, will now be revealed on
    // Jan. 23": the clause is about an event.
    let event_led = sc.event_led(cues, &spans, s);
    if claimed || headed || compound || event_led {
        return None;
    }
    let role = role_of(sc, e, exprs, cues, move_here);
    // "Krrish 4 will not release this year."
    let negated_anchor =
        anchor.at < s && (anchor.at.saturating_sub(3)..anchor.at).any(|k| sc.negation(k));
    let not_before = matches!(sc.w(s.wrapping_sub(1)), "before" | "until");
    // "A specific 2027 date has not been set."
    let negated_after = (end..end + 5)
        .any(|k| sc.is(k, "not") || (sc.is(k, "t") && sc.p(k.wrapping_sub(1), '\'')))
        && matches!(
            sc.w(end),
            "date" | "release" | "has" | "is" | "was" | "window" | "premiere"
        );
    // "a new 2020 release date would be announced soon", "a 2026 date will be
    // revealed later": the year bounds a date still to be set, not a release.
    let pending_after = matches!(sc.w(end), "date" | "release" | "premiere" | "launch")
        && (end + 1..end + 6).any(|k| {
            sc.is(k, "be")
                && matches!(
                    sc.w(k + 1),
                    "announced" | "revealed" | "confirmed" | "set" | "determined" | "unveiled"
                )
        });
    if (negated_after || pending_after) && role == Role::Current {
        return None;
    }
    if negated_anchor && role == Role::Current && !not_before {
        return None;
    }
    let today = sc.today;
    if role == Role::Current && e.last < today {
        return None;
    }
    // History: "released a film on August 21" (today, past tense), "originally
    // released in 2013", "first announced in 2019".
    let past = super::sentence::tense_at(sc, s) == super::temporal::Tense::Past;
    if past && e.first <= today {
        return None;
    }
    if role == Role::Previous && e.last < today - chrono::Duration::days(60) {
        return None;
    }
    // A work a noun phrase brought into the date's own clause, before the date,
    // with no title in that clause and nothing referring back to the focus
    // between them ("the game launches ..."), is the date's work.
    let (lo, hi) = clause_of(sc, s, sc.toks.len());
    // A named event holds the date: the nearest name before it in its clause,
    // with no release verb between ("at Star Wars Celebration on Thursday"), or
    // a venue just after it ("on March 4 at College Street Music Hall").
    let event_holds = events.iter().any(|&(at, ev_end)| {
        // A release noun right after the name is its own: "State of Play broadcast".
        let before = ev_end <= s
            && at >= lo
            && !cands.iter().any(|c| c.at >= ev_end && c.end <= s)
            && !cues
                .iter()
                .any(|c| c.cue == Cue::Release && c.at > ev_end && c.at < s);
        let after =
            at >= end && at <= end + 3 && (end..at).any(|k| matches!(sc.w(k), "at" | "on" | "in"));
        before || after
    });
    if event_holds {
        return None;
    }
    let in_clause = |c: &Cand| c.at >= lo && c.end <= hi;
    let refers_back = |k: usize| {
        matches!(sc.w(k), "it" | "its")
            || (matches!(sc.w(k), "the" | "this")
                && super::naming::kind_class(sc.w(k + 1)).is_some())
    };
    let introduced = described
        .iter()
        .filter(|d| in_clause(d) && d.end <= s)
        .max_by_key(|d| d.end)
        .filter(|d| !cands.iter().any(in_clause) && !(d.end..s).any(refers_back));
    if let Some(d) = introduced {
        if d.name.is_empty() {
            return None;
        }
    }
    let picked = when_subject
        .or(introduced)
        .or_else(|| pick_subject_in(sc, cands, (lo, hi), s, end));
    let basis = Basis {
        in_clause: picked.is_some_and(in_clause),
        in_sentence: picked.is_some(),
        strong: picked.is_some_and(|c| c.strong),
        gap: picked.map_or(0, |c| {
            if c.end <= s {
                s - c.end
            } else {
                c.at.saturating_sub(end)
            }
        }),
        titles: cands.len(),
        described: introduced.is_some(),
        anchor_gap: dist(anchor),
        anchor_after: anchor.at >= end,
        distractor: cues.iter().any(|c| c.cue == Cue::Distractor),
        dates: exprs.len(),
    };
    let subject = picked
        .map(|c| {
            let host = cands
                .iter()
                .filter(|h| {
                    h.strong && h.end <= c.at && c.at - h.end <= 8 && !is_bare_part(&h.name)
                })
                .max_by_key(|h| h.end);
            let host = if c.name == "OST" {
                ost_host.or(focus)
            } else {
                host.map(|h| h.name.as_str()).or(focus)
            };
            qualify(&c.name, host)
        })
        .or_else(|| {
            // "a ballad for the drama, which is expected ...": the drama's OST.
            let for_show = (0..sc.toks.len()).any(|k| {
                matches!(
                    sc.w(k),
                    "song" | "ballad" | "track" | "duet" | "ost" | "soundtrack"
                ) && matches!(sc.w(k + 1), "for" | "of")
                    && sc.is(k + 2, "the")
                    && matches!(sc.w(k + 3), "drama" | "series" | "show" | "film" | "movie")
            });
            match (for_show, ost_host) {
                (true, Some(h)) => Some(qualify("OST", Some(h))),
                _ => focus.map(str::to_string),
            }
        })?;
    // A work a noun phrase introduced but could not name.
    if subject.trim().is_empty() {
        return None;
    }
    // An event or an organisation named like a title is not a work: "The GRAMMY
    // Awards", "the New York Trial", "Pledis Entertainment". Heads that end titles
    // too ("Monster Academy", "The Social Network") are not on the list.
    if names_no_work(&subject) {
        return None;
    }
    let region = sc
        .region_near(s.saturating_sub(8), (end + 6).min(sc.toks.len()), s)
        .or_else(|| sc.platform_subject());
    Some(Slot {
        key: super::identity::release_key(&subject),
        subject,
        date: e.period.clone(),
        role,
        sentence: String::new(),
        sent: 0,
        hedged: false,
        region,
        in_move: move_here,
        tok_start: s,
        tok_end: end,
        year_given: sc.writes_year(s..end),
        basis,
    })
}

/// Whether a name's head word makes it an event or an organisation, not a release.
fn names_no_work(name: &str) -> bool {
    let head = name
        .rsplit(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("")
        .to_ascii_lowercase();
    matches!(
        head.as_str(),
        "awards"
            | "award"
            | "ceremony"
            | "gala"
            | "trial"
            | "hearing"
            | "festival"
            | "fest"
            | "concert"
            | "concerts"
            | "tour"
            | "showcase"
            | "expo"
            | "convention"
            | "conference"
            | "summit"
            | "entertainment"
            | "studios"
            | "pictures"
            | "records"
            | "association"
            | "inc"
            | "ltd"
            | "corp"
            | "corporation"
            | "agency"
            | "stadium"
            | "arena"
    )
}
