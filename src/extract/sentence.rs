//! Sentence splitting over tokens, and the tense of a sentence (which decides
//! how year-less dates are placed).

use super::lex::{Kind, Tok};
use super::temporal::{Scanner, Tense};
use std::ops::Range;

fn abbreviation(w: &str) -> bool {
    w.len() == 1
        || matches!(
            w,
            "jan"
                | "feb"
                | "mar"
                | "apr"
                | "jun"
                | "jul"
                | "aug"
                | "sep"
                | "sept"
                | "oct"
                | "nov"
                | "dec"
                | "mr"
                | "mrs"
                | "ms"
                | "dr"
                | "st"
                | "vol"
                | "no"
                | "jr"
                | "sr"
                | "vs"
                | "bros"
                | "inc"
                | "co"
                | "ltd"
                | "corp"
                | "pt"
                | "mon"
                | "tue"
                | "tues"
                | "wed"
                | "thu"
                | "thurs"
                | "fri"
                | "sat"
                | "sun"
                | "approx"
                | "rs"
                | "etc"
                | "fig"
                | "feat"
                | "ft"
                | "ep"
                | "prof"
        )
}

/// Token ranges of the sentences in `toks`.
pub fn split(toks: &[Tok], low: &str) -> Vec<Range<usize>> {
    let word = |i: usize| -> &str {
        match toks.get(i) {
            Some(t) if t.is_word() => low.get(t.s..t.e).unwrap_or(""),
            _ => "",
        }
    };
    let mut out = Vec::new();
    let mut start = 0;
    for i in 0..toks.len() {
        let t = &toks[i];
        let next = toks.get(i + 1);
        // Bound the work per sentence on text without punctuation.
        if next.is_some_and(|n| n.nl) || i + 1 - start >= 300 {
            out.push(start..i + 1);
            start = i + 1;
            continue;
        }
        let end_punct = matches!(t.kind, Kind::Punct('.' | '!' | '?'));
        if !end_punct {
            continue;
        }
        // Let a closing quote after the stop belong to this sentence.
        let mut cut = i + 1;
        if toks
            .get(cut)
            .is_some_and(|q| matches!(q.kind, Kind::Punct('\'' | '"' | ')')) && q.glued)
        {
            cut += 1;
        }
        let Some(n) = toks.get(cut) else {
            continue;
        };
        // Paragraphs run together by a scraper ("in nine years.On February 3 it
        // was reported") still end a sentence: a stop glued between a lowercase
        // word and a capitalised one. Dotted names ("S.T.A.L.K.E.R.", "U.S.") have
        // capitals or single letters before their dots.
        let run_together = n.glued
            && cut == i + 1
            && n.cap
            && n.is_word()
            && n.e - n.s >= 2
            && i > 0
            && toks[i - 1].is_word()
            && !toks[i - 1].cap
            && toks[i - 1].e - toks[i - 1].s >= 2
            && !abbreviation(word(i - 1));
        if n.glued && !run_together {
            continue;
        }
        let starts = n.cap || n.is_num() || matches!(n.kind, Kind::Punct('\'' | '"' | '(' | '['));
        let abbr = t.kind == Kind::Punct('.') && i > 0 && abbreviation(word(i - 1));
        if starts && !abbr {
            out.push(start..cut);
            start = cut;
        }
    }
    if start < toks.len() {
        out.push(start..toks.len());
    }
    out
}

fn marker(w: &str) -> Option<Tense> {
    match w {
        "will" | "ll" | "upcoming" | "slated" | "scheduled" | "due" | "expected" | "set"
        | "coming" | "forthcoming" | "now" | "arrives" | "premieres" | "debuts" | "hits"
        | "opens" | "drops" | "releases" | "launches" | "airs" | "lands" | "aiming" | "aims"
        | "targeting" | "would" | "planned" | "postponed" | "delayed" | "pushed" | "preponed"
        | "moved" | "out" | "streams" | "returns" | "follow" | "follows" => Some(Tense::Future),
        "did" | "after" | "following" | "published" | "began" | "started" | "released"
        | "premiered" | "aired" | "debuted" | "launched" | "arrived" | "opened" | "ended"
        | "wrapped" | "ago" | "grossed" | "topped" | "sold" | "celebrated" | "since" => {
            Some(Tense::Past)
        }
        // A statement verb dates the statement, not the event: place dates
        // near it the nearest way ("said on Tuesday", "originally announced
        // Sept. 19 date").
        "said" | "announced" | "confirmed" | "revealed" | "told" | "reported" | "posted"
        | "wrote" | "shared" | "explained" | "stated" | "noted" | "added" | "says" => {
            Some(Tense::Neutral)
        }
        _ => None,
    }
}

/// The tense governing a date at token `at`: the nearest marker among the ten
/// tokens before it; else the sentence's tense, except that past tense must be
/// local (a past verb elsewhere in the sentence does not make a date past).
/// `sc.tense` is the sentence's.
pub(crate) fn tense_at(sc: &Scanner<'_>, at: usize) -> Tense {
    let (toks, sentence) = (sc.toks, sc.tense);
    // The lowercase word at token `k` ("" past either end or for punctuation).
    let word = |k: usize| sc.w(k);
    let lo = at.saturating_sub(12);
    let comma = |k: usize| toks.get(k).is_some_and(|t| t.is_punct(','));
    // "Hackney Diamonds, their first album since A Bigger Bang in 2005, on
    // October 20": an aside between commas about the name or work noun before
    // it, opened by a determiner or a relative pronoun, has a tense of its own;
    // the date's clause is read past it ("Before enlisting, the actor released
    // ..." opens no aside).
    let aside_open = |close: usize| {
        (close.saturating_sub(24)..close)
            .rev()
            .find(|&o| comma(o))
            .filter(|&o| {
                let head = o.checked_sub(1).and_then(|h| toks.get(h)).is_some_and(|t| {
                    t.is_word() && (t.cap || super::subject::work_noun(word(o - 1)))
                });
                head && matches!(
                    word(o + 1),
                    "the"
                        | "a"
                        | "an"
                        | "their"
                        | "his"
                        | "her"
                        | "its"
                        | "which"
                        | "who"
                        | "whose"
                )
            })
    };
    // "withdrew from its January 7 date", "took it off its March 20 opening": a
    // date its owner's possessive names is a plan, placed the nearest way
    // whatever the clause's tense.
    if matches!(word(at.wrapping_sub(1)), "its" | "their" | "his" | "her") {
        return Tense::Neutral;
    }
    let mut k = at;
    while k > lo {
        k -= 1;
        if comma(k) {
            if let Some(o) = aside_open(k) {
                k = o;
                continue;
            }
        }
        let w = word(k);
        if w.is_empty() {
            continue;
        }
        if let Some(m) = marker(w) {
            let before = |back: usize| k.checked_sub(back).map_or("", word);
            // "three weeks after its previous date of Aug. 31", "a day after
            // Pushpa 2 opens": a span after a time relates two times and sets
            // no tense.
            let span = matches!(
                before(1),
                "day" | "days" | "week" | "weeks" | "month" | "months" | "year" | "years"
            );
            if span && matches!(w, "after" | "following") {
                continue;
            }
            // "will be released", "set to be aired": a past participle after
            // an auxiliary is not past tense.
            let aux = matches!(
                before(1),
                "be" | "been" | "being" | "to" | "will" | "is" | "are" | "get" | "gets"
            );
            if m == Tense::Past && aux {
                return Tense::Future;
            }
            // "came out in January", "was out in May": a past release.
            if w == "out" && matches!(before(1), "came" | "went" | "was" | "were") {
                return Tense::Past;
            }
            // "was postponed from June", "was pushed to December in June": a
            // past move; but the date it went to ("was pushed back to November
            // 11") is where the release now stands.
            // "was originally set for", "had initially been slated for": an
            // adverb of time between the auxiliary and the verb.
            let adverb = |w: &str| {
                matches!(
                    w,
                    "originally" | "initially" | "first" | "previously" | "once" | "already"
                )
            };
            let lead = (1..=2).take_while(|&b| adverb(before(b))).count();
            let was = matches!(before(1 + lead), "was" | "were");
            // "had already delayed it from April 16 to Sept. 17": a move in the
            // past perfect is history told from a later time; its old side lies
            // before publication, its target either side of it.
            let had = (1..=3).find(|&b| before(b) == "had").is_some_and(|b| {
                (1..b).all(|j| {
                    matches!(
                        before(j),
                        "been"
                            | "already"
                            | "only"
                            | "recently"
                            | "previously"
                            | "earlier"
                            | "twice"
                            | "once"
                    )
                })
            });
            let move_verb = matches!(w, "postponed" | "delayed" | "pushed" | "moved" | "preponed");
            if m == Tense::Future && move_verb && (was || had) {
                let target = matches!(word(at - 1), "to" | "until" | "till" | "into");
                if was {
                    return if target { Tense::Future } else { Tense::Past };
                }
                // A sentence that goes on to the story's present ("which had been
                // delayed from March 8, will now open May 5") had its old side
                // still ahead when it was left: placed the nearest way, as the
                // target.
                let goes_on = (at..toks.len()).any(|k| matches!(word(k), "will" | "now" | "ll"));
                return if target || goes_on {
                    Tense::Neutral
                } else {
                    Tense::Past
                };
            }
            // "was due in May", "had been slated for March": a plan in the past
            // tense is the replaced date, which lies either side of publication;
            // place it the nearest way.
            let had_been = before(1 + lead) == "been" && {
                let mid = (2 + lead..=3 + lead)
                    .take_while(|&b| adverb(before(b)))
                    .count();
                before(2 + lead + mid) == "had"
            };
            if m == Tense::Future
                && (was || had_been)
                && matches!(
                    w,
                    "due" | "slated" | "scheduled" | "expected" | "set" | "planned"
                )
            {
                return Tense::Neutral;
            }
            return m;
        }
    }
    if sentence == Tense::Past {
        Tense::Neutral
    } else {
        sentence
    }
}

/// The tense of the tokens in `range`: future markers win over past ones.
pub fn tense(toks: &[Tok], low: &str, range: Range<usize>) -> Tense {
    let mut past = false;
    for i in range {
        let Some(t) = toks.get(i) else { break };
        if !t.is_word() {
            continue;
        }
        let w = low.get(t.s..t.e).unwrap_or("");
        match w {
            "will" | "ll" | "upcoming" | "slated" | "scheduled" | "due" | "expected" | "plans"
            | "planned" | "set" | "coming" | "forthcoming" | "now" | "arrives" | "premieres"
            | "debuts" | "hits" | "opens" | "drops" | "releases" | "launches" | "airs"
            | "lands" | "aiming" | "aims" | "targeting" | "would" | "shall" | "tomorrow"
            | "next" | "ahead" | "gearing" | "preparing" | "postponed" | "delayed" | "pushed"
            | "preponed" | "moved" | "streams" | "returns" => return Tense::Future,
            "was" | "were" | "had" | "did" | "released" | "premiered" | "aired" | "debuted"
            | "launched" | "arrived" | "opened" | "ended" | "wrapped" | "last" | "ago"
            | "yesterday" | "earlier" | "grossed" | "topped" | "sold" | "celebrated" => past = true,
            _ => {}
        }
    }
    if past {
        Tense::Past
    } else {
        Tense::Neutral
    }
}
