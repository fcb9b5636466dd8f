//! What surrounds a date: stated shifts ("by a week"), regions ("on Netflix"),
//! report dates ("announced on Tuesday"), restating appositions and the role
//! (current or previous) that the words before a date give it.

use super::cues::{Cue, CueHit};
use super::sift::{is_anchor, Shift};
use super::temporal::{Scanner, TimeExpr};
use super::vocab::{self, Unit};
use crate::model::Role;

impl Scanner<'_> {
    /// A shift amount in this token range: "(by) a day", "two weeks earlier".
    pub(crate) fn shift_in(&self, n: usize, exprs: &[TimeExpr]) -> Option<Shift> {
        let mut i = 0;
        while i < n {
            if exprs.iter().any(|e| e.toks.contains(&i)) {
                i += 1;
                continue;
            }
            if let Some((count, k)) = self.count_at(i) {
                if let Some(unit) = vocab::unit(self.w(k)) {
                    let after = self.w(k + 1);
                    let bad = matches!(
                        after,
                        "ago"
                            | "after"
                            | "before"
                            | "of"
                            | "into"
                            | "from"
                            | "since"
                            | "in"
                            | "later"
                    ) || matches!(
                        self.w(i.wrapping_sub(1)),
                        "for"
                            | "in"
                            | "within"
                            | "every"
                            | "about"
                            | "over"
                            | "past"
                            | "last"
                            | "first"
                    );
                    // "a few months later" is no exact shift to count back by.
                    let vague = (i..k).any(|j| matches!(self.w(j), "few" | "several" | "couple"));
                    if !bad && !vague && count > 0 && count <= 36 && unit != Unit::Quarter {
                        return Some(Shift {
                            n: count as i32,
                            unit,
                        });
                    }
                }
            }
            i += 1;
        }
        None
    }

    /// The region or platform named at token `j`: "Japan", "Netflix", "Prime
    /// Video", "PS5", "North America", "U.S.".
    pub(crate) fn region_at(&self, j: usize) -> Option<String> {
        let w = self.w(j);
        match w {
            "japan" | "korea" | "china" | "india" | "europe" | "canada" | "australia"
            | "taiwan" | "france" | "germany" | "brazil" | "mexico" | "asia" | "netflix"
            | "hulu" | "max" | "peacock" | "crunchyroll" | "tvn" | "jtbc" | "kbs" | "kbs2"
            | "mbc" | "sbs" | "ena" | "tving" | "wavve" | "coupang" | "viki" | "disney"
            | "prime" | "apple" | "paramount" | "hbo" | "us" | "uk" | "philippines"
            | "indonesia" | "thailand" | "singapore" => {
                let t = self.tok(j)?;
                let mut e = t.e;
                // Two-word names: "Prime Video", "Apple TV+", "Disney+".
                if matches!(
                    w,
                    "prime" | "apple" | "coupang" | "hbo" | "paramount" | "disney"
                ) {
                    if let Some(n) = self.tok(j + 1).filter(|n| n.cap || n.is_punct('+')) {
                        e = n.e;
                        if let Some(p) = self.tok(j + 2).filter(|p| p.is_punct('+') && p.glued) {
                            e = p.e;
                        }
                    }
                }
                self.text.get(t.s..e).map(str::to_string)
            }
            // Platforms: "on PS5", "on Switch 2", "on PC", "on Xbox".
            "ps" | "switch" | "xbox" | "pc" | "steam" | "playstation" | "ios" | "android"
                if self.cap(j) =>
            {
                let t = self.tok(j)?;
                let e = match self.num(j + 1) {
                    Some(n) if n.ndig == 1 => n.e,
                    _ => t.e,
                };
                self.text.get(t.s..e).map(str::to_string)
            }
            "north" | "south" | "latin" | "united" if self.cap(j) => {
                let a = self.tok(j)?;
                let b = self.tok(j + 1).filter(|b| b.cap)?;
                self.text.get(a.s..b.e).map(str::to_string)
            }
            "u" if self.p(j + 1, '.') => {
                let last = if self.p(j + 3, '.') { j + 3 } else { j + 2 };
                let (a, b) = (self.tok(j)?, self.tok(last)?);
                self.text.get(a.s..b.e).map(str::to_string)
            }
            _ => None,
        }
    }

    /// A platform that is the subject of its sentence's release verb: "Netflix
    /// will stream Jawan from Nov. 2", "Disney+ will start streaming ...".
    pub(crate) fn platform_subject(&self) -> Option<String> {
        let name = self.region_at(0)?;
        let platform = !matches!(
            self.w(0),
            "japan" | "korea" | "china" | "india" | "europe" | "canada" | "australia" | "us" | "uk"
        );
        let mut k = 1;
        while k < 4 && !self.word(k) {
            k += 1;
        }
        (platform
            && matches!(
                self.w(k),
                "will" | "is" | "begins" | "starts" | "streams" | "adds"
            ))
        .then_some(name)
    }

    /// A region phrase near token `at`: "in Japan", "on Netflix".
    /// The region phrase in `lo..hi` nearest to the date at `at`.
    pub(crate) fn region_near(&self, lo: usize, hi: usize, at: usize) -> Option<String> {
        let mut best: Option<(usize, String)> = None;
        for i in lo..hi {
            let prep = self.w(i);
            if !matches!(prep, "in" | "on" | "via" | "across" | "throughout") {
                if matches!(prep, "worldwide" | "globally") {
                    let d = i.abs_diff(at);
                    if best.as_ref().is_none_or(|b| d < b.0) {
                        best = Some((d, "worldwide".into()));
                    }
                }
                continue;
            }
            let j = self.skip_word(i + 1, "the");
            let w = self.w(j);
            // "in Japanese theaters", "in Korean cinemas".
            let adjective = match w {
                "japanese" => Some("Japan"),
                "korean" => Some("Korea"),
                "chinese" => Some("China"),
                "indian" => Some("India"),
                "american" | "u.s." => Some("US"),
                "british" => Some("UK"),
                "european" => Some("Europe"),
                _ => None,
            };
            if let Some(a) = adjective {
                let d = i.abs_diff(at);
                if best.as_ref().is_none_or(|b| d < b.0) {
                    best = Some((d, a.to_string()));
                }
                continue;
            }
            let name = self.region_at(j);
            if let Some(name) = name {
                let d = i.abs_diff(at);
                if best.as_ref().is_none_or(|b| d < b.0) {
                    best = Some((d, name));
                }
            }
        }
        best.map(|b| b.1)
    }

    /// Is `e` a report date: "On April 19, ...", "announced on Tuesday"?
    /// A negation at token `k`: "not", "never", or the "t" of "won't", "isn't"
    /// (the tokenizer splits "won" "'" "t").
    pub(crate) fn negation(&self, k: usize) -> bool {
        matches!(self.w(k), "not" | "never") || (self.is(k, "t") && self.p(k.wrapping_sub(1), '\''))
    }

    pub(crate) fn is_report_date(&self, e: &TimeExpr, cues: &[CueHit]) -> bool {
        let s = e.toks.start;
        // "On April 19 KST, ...": a time zone may sit between date and comma.
        let mut after = e.toks.end;
        while matches!(
            self.w(after),
            "kst"
                | "et"
                | "pt"
                | "est"
                | "pst"
                | "edt"
                | "pdt"
                | "gmt"
                | "utc"
                | "bst"
                | "jst"
                | "ist"
        ) {
            after += 1;
        }
        // "Earlier today (March 30), though, ...": a bracket glossing the day
        // stands between the day and its comma, and the date in the bracket
        // has the bracket's close before the comma.
        let gloss_end = if self.p(after, '(') {
            (after + 1..after + 8)
                .find(|&k| self.p(k, ')'))
                .map(|k| k + 1)
        } else if self.p(s.wrapping_sub(1), '(') && self.p(after, ')') {
            Some(after + 1)
        } else {
            None
        };
        let comma_after = self.p(after, ',') || gloss_end.is_some_and(|k| self.p(k, ','));
        let lead = if matches!(
            self.w(s.wrapping_sub(1)),
            "on" | "as" | "this" | "late" | "early"
        ) {
            s - 1
        } else {
            s
        };
        let sentence_initial = lead == 0
            || (lead == 1 && self.p(0, '('))
            || (s <= 7
                && !cues.iter().any(|c| c.at < s && is_anchor(c.cue))
                && matches!(
                    self.w(0),
                    "at" | "on"
                        | "according"
                        | "in"
                        | "early"
                        | "late"
                        | "earlier"
                        | "during"
                        | "speaking"
                        | "last"
                ));
        if sentence_initial && comma_after {
            return true;
        }
        // "According to industry sources on June 22, ..."
        if self.is(0, "according") && s <= 9 && comma_after {
            return true;
        }
        // Statements are dated on or shortly before publication, to the day.
        let bare_weekday = e.toks.len() == 1 && super::vocab::weekday(self.w(s)).is_some();
        let recent = bare_weekday
            || (e.period.precision == crate::model::Precision::Day
                && e.first <= self.today + chrono::Duration::days(1)
                && e.first >= self.today - chrono::Duration::days(10));
        // "the second release to be postponed this week", "was delayed on
        // Tuesday": a time of the story's own days right after a move verb, with
        // no "to" or "until" of where the release went, is when the move was made.
        let now = e.first <= self.today
            && self.today <= e.last
            && matches!(
                e.period.precision,
                crate::model::Precision::Day | crate::model::Precision::Week
            );
        let lead_word = self.w(s.wrapping_sub(1));
        let destination = matches!(lead_word, "to" | "until" | "till" | "into" | "for" | "from");
        let move_time = (recent || now)
            && !destination
            && cues.iter().any(|c| {
                matches!(
                    c.cue,
                    Cue::Later | Cue::Earlier | Cue::Moved | Cue::Indefinite
                ) && c.at + c.len <= s
                    && s - (c.at + c.len) <= usize::from(lead_word == "on")
            });
        // "Paramount Pictures on Monday moved ...", "Sony on Friday announced":
        // a recent day right before a past-tense move or report verb is when the
        // news was made.
        let verb_after = recent
            && cues.iter().any(|c| {
                matches!(
                    c.cue,
                    Cue::Later | Cue::Earlier | Cue::Moved | Cue::Indefinite | Cue::Report
                ) && c.at == e.toks.end
                    && (self.w(c.at).ends_with("ed") || matches!(self.w(c.at), "said" | "told"))
            });
        if move_time || verb_after {
            return true;
        }
        if !recent {
            return false;
        }
        // A report verb right before: "announced on November 13", "said Tuesday".
        let near_before = cues
            .iter()
            .any(|c| c.cue == Cue::Report && c.at + c.len <= s && s - (c.at + c.len) <= 2);
        // "(on) Tuesday, the agency said" / "said in a statement on Tuesday".
        let near_after = cues
            .iter()
            .any(|c| c.cue == Cue::Report && c.at >= e.toks.end && c.at - e.toks.end <= 4)
            && self.p(e.toks.end, ',')
            && !cues
                .iter()
                .any(|c| is_anchor(c.cue) && c.at >= e.toks.end && c.at < e.toks.end + 5);
        // A report verb a little before with no release cue in between:
        // "told fans on Instagram Thursday". "New" in its object is no verb:
        // "announced their new album Gaslighter on Wednesday".
        let governed = cues
            .iter()
            .filter(|c| c.at < s && s - c.at <= 7 && c.cue != Cue::Current)
            .max_by_key(|c| c.at);
        let report_gov = governed.is_some_and(|c| c.cue == Cue::Report);
        near_before || near_after || report_gov
    }
}

/// ", the Friday of Memorial Day weekend," right after another date restates
/// it; it is not a second date.
pub(crate) fn appositive(
    sc: &Scanner<'_>,
    e: &TimeExpr,
    exprs: &[TimeExpr],
    cues: &[CueHit],
) -> bool {
    let s = e.toks.start;
    exprs.iter().any(|p| {
        p.toks.end < s
            && s - p.toks.end <= 5
            && sc.p(p.toks.end, ',')
            && matches!(sc.w(p.toks.end + 1), "the" | "a" | "which" | "that" | "its")
            && !cues.iter().any(|c| c.at >= p.toks.end && c.at < s)
    })
}

/// Whether the date sits in a possessed date noun ("its <date> release date") that
/// the sentence leaves: a move is stated there, or the noun is missed, left or
/// beaten ("will miss its fall 2024 release", "pulled from its April 22 date", "a
/// week ahead of its April 28 date", "is not going to hit its mid-March release
/// date"); not after "to", "on", "for" or a verb of keeping, nor when it is new.
fn owned_date_noun(sc: &Scanner<'_>, e: &TimeExpr, move_here: bool) -> bool {
    let s = e.toks.start;
    let Some(det) = s.checked_sub(1) else {
        return false;
    };
    if !matches!(sc.w(det), "its" | "their" | "his" | "her") {
        return false;
    }
    let Some(head) = (e.toks.end..e.toks.end + 4).find(|&k| {
        matches!(
            sc.w(k),
            "date" | "launch" | "release" | "premiere" | "debut" | "slot" | "window" | "opening"
        )
    }) else {
        return false;
    };
    let fresh = |k: usize| {
        matches!(
            sc.w(k),
            "new" | "current" | "latest" | "revised" | "updated" | "rescheduled" | "later"
        )
    };
    if (e.toks.end..head).any(|k| sc.tok(k).is_some_and(|t| !t.is_word()) || fresh(k)) {
        return false;
    }
    let lead = det.checked_sub(1).map_or("", |k| sc.w(k));
    if matches!(
        lead,
        "to" | "on"
            | "for"
            | "into"
            | "at"
            | "keep"
            | "keeps"
            | "kept"
            | "keeping"
            | "retains"
            | "retained"
            | "holds"
            | "held"
            | "maintains"
            | "maintained"
    ) {
        return false;
    }
    let before_lead = det.checked_sub(2).map_or("", |k| sc.w(k));
    let negated = (det.saturating_sub(5)..det).any(|k| sc.negation(k));
    move_here
        || matches!(
            lead,
            "miss" | "misses" | "missed" | "missing" | "from" | "than" | "replacing" | "vacating"
        )
        || (lead == "of" && matches!(before_lead, "ahead" | "instead"))
        || (matches!(lead, "hit" | "make" | "meet") && negated)
}

/// Whether a date other than a list mate lies between token `from` and the date
/// at `to`: "previously promised for April, will premiere on April 13" (the cue
/// governs April only); "set for March 3 and 4" is one list.
fn date_between(sc: &Scanner<'_>, exprs: &[TimeExpr], from: usize, to: usize) -> bool {
    exprs.iter().any(|o| {
        from <= o.toks.start
            && o.toks.end <= to
            && !(o.toks.end..to).all(|k| sc.p(k, ',') || matches!(sc.w(k), "and" | "or" | "&"))
    })
}

/// A participle that puts a work on a date: "set", "slated", "due" ...
fn scheduling(w: &str) -> bool {
    matches!(
        w,
        "set" | "scheduled" | "slated" | "dated" | "planned" | "due" | "expected" | "targeted"
    )
}

/// Previous when a "was set for / originally / instead of / from / than" cue
/// governs the date; current otherwise. A cue governs the first date after it
/// (and that date's list mates), not a later one past another date.
pub(crate) fn role_of(
    sc: &Scanner<'_>,
    e: &TimeExpr,
    exprs: &[TimeExpr],
    cues: &[CueHit],
    move_here: bool,
) -> Role {
    let s = e.toks.start;
    // "its previous date of Aug. 31", "their planned release date of Jan. 31":
    // the replaced date a date noun names.
    if s >= 3 && sc.is(s - 1, "of") && sc.is(s - 2, "date") {
        let marked = (s.saturating_sub(5)..s - 2).any(|k| {
            matches!(
                sc.w(k),
                "previous" | "original" | "former" | "planned" | "initial" | "old" | "earlier"
            )
        });
        if marked {
            return Role::Previous;
        }
    }
    // "having been set for April 12", "which had been dated May 3": the pluperfect
    // or perfect participle of a scheduling verb puts the plan behind a later one,
    // whether or not this sentence states the move ("has been set for" is now).
    let superseded = (s.saturating_sub(6)..s).any(|k| {
        let planned = scheduling(sc.w(k));
        let been = (k.saturating_sub(2)..k).find(|&j| sc.is(j, "been"));
        planned
            && been.is_some_and(|j| {
                j > 0
                    && matches!(sc.w(j - 1), "had" | "having")
                    && (j + 1..k).all(|m| {
                        matches!(sc.w(m), "originally" | "previously" | "initially" | "first")
                    })
            })
            && !date_between(sc, exprs, k + 1, s)
    });
    if superseded {
        return Role::Previous;
    }
    // Words right before the date.
    for back in 1..=3 {
        let Some(k) = s.checked_sub(back) else { break };
        match sc.w(k) {
            "from" if move_here => return Role::Previous,
            // "the season's planned summer premiere is now off".
            // "the original Nov. 3 launch": the replaced date, with or without a move
            // stated in the sentence.
            "original" | "initial" if back == 1 => return Role::Previous,
            "planned" | "intended" | "originally" if move_here && back == 1 => {
                return Role::Previous
            }
            "than" => return Role::Previous,
            "to" | "until" if move_here && (back == 1 || sc.is(k + 1, "the")) => {
                return Role::Current
            }
            _ => {}
        }
    }
    // "a week ahead of its April 28 date", "will miss its fall 2024 release",
    // "both its May 17 North American release date and ... have been bumped": a
    // date inside a work's own date noun, in a sentence that moves the work, is the
    // date being left; "moved to its new date", "keeps its May 2 release" are not.
    if owned_date_noun(sc, e, move_here) {
        return Role::Previous;
    }
    // Nearest governing cue within eight tokens before.
    let before = cues
        .iter()
        .filter(|c| c.at + c.len <= s && s - (c.at + c.len) <= 8)
        .filter(|c| matches!(c.cue, Cue::Previous | Cue::Current))
        .filter(|c| !date_between(sc, exprs, c.at + c.len, s))
        .max_by_key(|c| c.at);
    if let Some(c) = before {
        return if c.cue == Cue::Previous {
            Role::Previous
        } else {
            Role::Current
        };
    }
    // "RRR, slated for January 7, has now been postponed indefinitely": a planned
    // date stated before the move verb of its sentence is the date the move replaced.
    // Comparatives and adverbs ("a week later", "later than planned") and a date
    // marked new ("now due March 3") are not replaced dates.
    let planned = (s.saturating_sub(4)..s).any(|k| scheduling(sc.w(k)));
    let moved_after = move_here
        && planned
        && cues.iter().any(|c| {
            matches!(c.cue, Cue::Later | Cue::Earlier | Cue::Indefinite)
                && c.at >= e.toks.end
                && c.at - e.toks.end <= 10
                && !matches!(sc.w(c.at), "earlier" | "later" | "sooner" | "ahead")
                && sc.w(c.at + c.len - 1) != "than"
        });
    // "Dune, set for Dec. 18 of this year, now opens Oct. 1, 2021": a planned date,
    // then "now" or "instead" and another date in the sentence.
    let replaced_after = planned
        && exprs.iter().any(|o| {
            o.toks.start >= e.toks.end
                && o.toks.start - e.toks.end <= 12
                && cues.iter().any(|c| {
                    c.cue == Cue::Current
                        && c.at >= e.toks.end
                        && c.at < o.toks.start
                        && matches!(sc.w(c.at), "now" | "instead")
                })
        });
    if moved_after || replaced_after {
        return Role::Previous;
    }
    // "the July 14 date originally announced", "Nov. 13 as planned".
    let after = (e.toks.end..e.toks.end + 3).any(|k| {
        matches!(sc.w(k), "originally" | "previously" | "initially")
            || (sc.is(k, "as") && matches!(sc.w(k + 1), "planned" | "scheduled" | "originally"))
    });
    // "May 1 was the date on which the trio was meant to release it", "Nov. 29 had
    // been the planned start for 'Echo'": a date that was the plan, in the past.
    let was_the_plan = {
        let k = e.toks.end;
        let (copula, rest) = match (sc.w(k), sc.w(k + 1)) {
            ("was" | "were", _) => (true, k + 1),
            ("had", "been") => (true, k + 2),
            _ => (false, k),
        };
        copula
            && matches!(sc.w(rest), "the" | "its" | "their" | "his" | "her")
            && (rest + 1..rest + 4).any(|j| {
                matches!(
                    sc.w(j),
                    "date" | "plan" | "start" | "target" | "day" | "slot" | "premiere" | "release"
                )
            })
            && !(rest + 1..rest + 3).any(|j| matches!(sc.w(j), "new" | "current" | "latest"))
    };
    let after = after || was_the_plan;
    if after {
        Role::Previous
    } else {
        Role::Current
    }
}
