//! Naming helpers for subjects: kinds of work ("the film" → the latest film),
//! untitled works named by artist and noun phrase ("XENO new album"), the
//! artist a headline starts with, emphasised-span hints, and the word lists that
//! say what cannot be a title.

use super::subject::{work_noun, Cand};
use super::temporal::Scanner;
use super::vocab;
use std::ops::Range;

/// Classes of work nouns, for resolving "the film" / "the song" to a title.
pub(crate) fn kind_class(w: &str) -> Option<u8> {
    Some(match w {
        "film" | "movie" | "picture" | "sequel" | "prequel" | "feature" | "biopic" => 1,
        "series" | "drama" | "show" | "anime" | "sitcom" | "miniseries" | "season" => 2,
        "song" | "single" | "track" | "ballad" | "duet" | "collaboration" | "ost" => 3,
        "album" | "record" | "ep" | "lp" | "mixtape" => 4,
        "game" | "title" | "remaster" | "rpg" | "shooter" | "expansion" | "dlc" => 5,
        "book" | "novel" | "memoir" | "manga" | "volume" | "novella" | "collection" => 6,
        _ => return None,
    })
}

pub(crate) fn stop_single(w: &str) -> bool {
    matches!(
        w,
        "tbd"
            | "tba"
            | "tbc"
            | "i"
            | "it"
            | "the"
            | "this"
            | "that"
            | "these"
            | "those"
            | "he"
            | "she"
            | "they"
            | "we"
            | "you"
            | "his"
            | "her"
            | "its"
            | "their"
            | "our"
            | "a"
            | "an"
            | "in"
            | "on"
            | "meanwhile"
            // Participles that open a sentence: "Due out May 1, Saltwater is ...",
            // "Set for March, the film ...".
            | "due"
            | "set"
            | "slated"
            | "scheduled"
            | "expected"
            | "originally"
            | "previously"
            | "kst"
            | "est"
            | "pst"
            | "et"
            | "pt"
            | "gmt"
            | "utc"
            | "but"
            | "and"
            | "after"
            | "before"
            | "when"
            | "while"
            | "if"
            | "as"
            | "at"
            | "for"
            | "fans"
            | "however"
            // Quantifiers and sentence adverbs that open a sentence: "Both will
            // now arrive in 2023", "Each will follow in 2026".
            | "both"
            | "either"
            | "neither"
            | "each"
            | "every"
            | "further"
            | "furthermore"
            | "moreover"
            | "instead"
            | "then"
            | "thus"
            | "still"
            | "since"
            | "until"
            | "once"
            | "also"
            | "now"
            | "there"
            | "here"
            | "what"
            | "who"
            | "with"
            | "according"
            | "netflix"
            | "disney"
            | "tvn"
            | "jtbc"
            | "kbs"
            | "mbc"
            | "sbs"
            | "hbo"
            | "apple"
            | "amazon"
            | "prime"
            | "hulu"
            | "max"
            | "part"
            | "season"
    )
}

pub(crate) fn connector(w: &str) -> bool {
    matches!(
        w,
        "of" | "the"
            | "and"
            | "a"
            | "an"
            | "in"
            | "at"
            | "to"
            | "for"
            | "from"
            | "with"
            | "no"
            | "de"
            | "du"
            | "à"
            | "del"
            | "la"
            | "le"
            | "or"
            | "on"
            | "vs"
            | "x"
            | "my"
            | "is"
            | "are"
    )
}

/// How a title placed before a common noun is used.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Attributive {
    /// "Star Wars fans", "Squid Game star Lee Jung-jae", "summer 'Potter'
    /// releases": people or a group of works, no one work.
    NoWork,
    /// "the Potter sequel", "the new Star Wars show": another work, named by
    /// the noun at the given token.
    Related(usize),
}

impl Scanner<'_> {
    /// The kind of work a candidate is said to be, from a work noun just before
    /// it ("the TV anime 'Neon Exorcist'") or just after ("'Dune' film").
    pub(crate) fn kind_near(&self, at: usize, end: usize) -> Option<u8> {
        // Back over ", titled" / "called" to the noun: "book, titled 'X'".
        let mut before = None;
        for k in (at.saturating_sub(3)..at).rev() {
            if let Some(c) = kind_class(self.w(k)) {
                before = Some(c);
                break;
            }
            if !(self.p(k, ',') || matches!(self.w(k), "titled" | "called" | "named" | "dubbed")) {
                break;
            }
        }
        // Apposition after: "'Soft Hands,' the horror film", "'Gaslighter,' the
        // Dixie Chicks' new record", "her latest single": the kind is the
        // noun phrase's head, found before the phrase ends at punctuation (a
        // possessive's apostrophe does not end it).
        let after = || {
            let k = if self.p(end, ',') { end + 1 } else { end };
            if matches!(
                self.w(k),
                "the" | "a" | "an" | "her" | "his" | "their" | "its"
            ) {
                let mut j = k + 1;
                while j < (k + 8).min(self.toks.len()) {
                    if let Some(c) = kind_class(self.w(j)) {
                        return Some(c);
                    }
                    // The tokenizer writes every apostrophe as '\''.
                    let punct = self.tok(j).is_some_and(|t| !t.is_word() && !t.is_num());
                    if punct && !self.p(j, '\'') {
                        return None;
                    }
                    j += 1;
                }
                None
            } else {
                kind_class(self.w(end))
            }
        };
        before.or_else(after)
    }

    /// "<artist> new mini album": a work named by its artist and a noun phrase
    /// when it has no title yet ("ILLUSION ... preparing a new mini album").
    pub(crate) fn artist_work(&self, artist: &str, range: Range<usize>) -> Option<String> {
        for k in range {
            if !matches!(self.w(k), "album" | "single" | "ep" | "lp" | "record") {
                continue;
            }
            let mut a = k;
            // Up to four modifier words; a hyphen inside "full-length" is not one.
            let mut words_before = 0;
            while a > 0 && words_before < 4 {
                let m = self.w(a - 1);
                let hyphen = self.p(a - 1, '-');
                let numbered = self.tok(a - 1).is_some_and(|t| t.ord);
                let modifier = hyphen
                    || numbered
                    || vocab::ordinal(m).is_some()
                    || matches!(
                        m,
                        "new"
                            | "mini"
                            | "studio"
                            | "full"
                            | "length"
                            | "solo"
                            | "digital"
                            | "debut"
                            | "companion"
                            | "sophomore"
                            | "special"
                            | "repackage"
                    );
                if !modifier {
                    break;
                }
                if !hyphen {
                    words_before += 1;
                }
                a -= 1;
            }
            if a == k {
                continue;
            }
            // Words as written in lower case, "10th" included, hyphens dropped.
            let words: Vec<&str> = (a..=k)
                .filter_map(|j| self.tok(j).filter(|t| !t.is_punct('-')))
                .filter_map(|t| self.low.get(t.s..t.e))
                .collect();
            let noun = if self.w(k) == "ep" {
                "EP".to_string()
            } else {
                words.join(" ")
            };
            let noun = if self.w(k) == "ep" {
                let mut v: Vec<&str> = words[..words.len() - 1].to_vec();
                v.push("EP");
                v.join(" ")
            } else {
                noun
            };
            return Some(format!("{artist} {noun}"));
        }
        None
    }

    /// The artist a headline starts with: its leading capitalised span (the
    /// one after a possessive: "LUMINA's Yuri"), without role words
    /// ("Soloist"), cut to the longest prefix the article text repeats (title
    /// case headlines run on: "Kenna Wilde Delays Third Album").
    pub(crate) fn headline_artist(&self, i: usize, text: &str) -> Option<String> {
        let mut a = i;
        let mut e = self.cap_span(a, self.toks.len())?;
        if self.p(e, '\'') {
            let j = if self.is(e + 1, "s") { e + 2 } else { e + 1 };
            if let Some(e2) = self.cap_span(j, self.toks.len()) {
                a = j;
                e = e2;
            }
        }
        while a < e
            && matches!(
                self.w(a),
                "soloist"
                    | "singer"
                    | "rapper"
                    | "band"
                    | "actor"
                    | "actress"
                    | "idol"
                    | "group"
                    | "girl"
                    | "boy"
                    | "producer"
                    | "director"
            )
        {
            a += 1;
        }
        let mut best = None;
        for end in a + 1..=e {
            let name = self.name(a, end);
            if text.contains(name.as_str()) {
                best = Some((name, end));
            } else {
                break;
            }
        }
        // "Chromatica release pushed back by Lady Gaga", "Dune premiere moved":
        // a name whose release is the news is the work, not who made it.
        let (name, end) = best?;
        if matches!(
            self.w(end),
            "release" | "premiere" | "launch" | "debut" | "airdate" | "rollout"
        ) {
            return None;
        }
        Some(name)
    }

    /// A headline's leading capitalised span ("Kesari Chapter 3 trailer to
    /// be launched ..."), used when nothing better names the work.
    /// Cut to the longest prefix that the article text repeats, since title
    /// case headlines run on ("NBC Sets Fall 2026 Premiere Dates").
    pub(crate) fn leading_span(&self, text: &str) -> Option<String> {
        let e = self.cap_span(0, self.toks.len())?;
        if self.p(e, '\'') {
            return None;
        }
        let mut best = None;
        for end in 1..=e {
            let name = self.name(0, end);
            if text.contains(name.as_str()) {
                best = Some(name);
            } else {
                break;
            }
        }
        best
    }

    /// Is the candidate inside ", a/an <noun> ... ," after a name?
    pub(crate) fn in_aside(&self, c: &Cand) -> bool {
        let mut k = c.at;
        while k > 0 && c.at - k < 14 {
            k -= 1;
            if self.p(k, ',') {
                // "'Gongjin Diaries,' a spin-off ...": the quote may close after the comma.
                let quote_after = self
                    .tok(k + 1)
                    .is_some_and(|t| matches!(t.kind, super::lex::Kind::Punct('\'' | '"')));
                let k = if quote_after { k + 1 } else { k };
                let article = matches!(self.w(k + 1), "a" | "an");
                let closes = (c.end.saturating_sub(2)..c.end + 2).any(|j| self.p(j, ','));
                // ", a spin-off of the hit comedy 'X'," / ", the sequel to 'X',":
                // X is the source of the work named before the comma.
                let source = matches!(self.w(k + 1), "a" | "an" | "the")
                    && (k + 2..c.at).any(|j| matches!(self.w(j), "of" | "to" | "from"))
                    && !(k + 2..c.at).any(|j| {
                        matches!(
                            self.w(j),
                            "ost" | "soundtrack" | "season" | "part" | "volume" | "episode"
                        )
                    })
                    && (quote_after
                        || (k > 0
                            && self.tok(k - 1).is_some_and(|t| {
                                matches!(t.kind, super::lex::Kind::Punct('\'' | '"'))
                            })));
                if source && closes {
                    return true;
                }
                return article
                    && closes
                    && c.at - k < 10
                    && !work_noun(self.w(k + 2))
                    && !work_noun(self.w(k + 3));
            }
            if self.p(k, '.') {
                break;
            }
        }
        false
    }

    pub(crate) fn hint_hits(&self, hint: &str, range: &Range<usize>, out: &mut Vec<Cand>) {
        let hint = hint.trim();
        if hint.is_empty() {
            return;
        }
        let (Some(a), Some(b)) = (self.tok(range.start), self.tok(range.end.saturating_sub(1)))
        else {
            return;
        };
        let Some(hay) = self.text.get(a.s..b.e) else {
            return;
        };
        let mut from = 0;
        while let Some(pos) = hay.get(from..).and_then(|h| h.find(hint)) {
            let byte = a.s + from + pos;
            from += pos + hint.len();
            let Some(at) =
                (range.start..range.end).find(|k| self.tok(*k).is_some_and(|t| t.s == byte))
            else {
                continue;
            };
            let end_byte = byte + hint.len();
            let end = (at..range.end)
                .find(|k| self.tok(*k).is_some_and(|t| t.e >= end_byte))
                .map_or(range.end, |k| k + 1);
            if out.iter().any(|c| c.at <= at && at < c.end) {
                continue;
            }
            let mut name = hint.to_string();
            let mut e = end;
            if let Some((suffix, e2)) = self.ost_suffix(end) {
                name = format!("{name} {suffix}");
                e = e2;
            }
            out.push(Cand {
                name,
                at,
                end: e,
                strong: true,
            });
        }
    }

    /// Every word capitalised or a short function word.
    pub(crate) fn title_case(&self, a: usize, b: usize) -> bool {
        (a..b).all(|k| match self.tok(k) {
            Some(t) if t.is_word() => {
                t.cap || connector(self.w(k)) || matches!(self.w(k), "by" | "it" | "you" | "me")
            }
            _ => true,
        })
    }
}

impl Scanner<'_> {
    /// Whether title `c` modifies the common noun after it instead of naming the
    /// work: "Star Wars fans" are people, "Marvel films" many works; "the latest \"Potter\" sequel", "Disney's
    /// 'Indiana Jones' reboot" and "the seventh Mission film" are works related
    /// to the one named, not that work. A relational noun (sequel, spinoff,
    /// reboot ...) always says so; a plain kind noun (film, series ...) only with a
    /// marker of a new member before the title (latest, next, new, an ordinal), as
    /// "the Barbie film" is Barbie itself.
    pub(crate) fn attributive(&self, c: &Cand) -> Option<Attributive> {
        let mut k = c.end;
        if self.tok(k).is_some_and(|t| {
            t.is_punct('"') || t.is_punct('\u{201d}') || t.is_punct('\u{2019}') || t.is_punct('\'')
        }) {
            k += 1;
        }
        if self.cap(k) || !self.word(k) {
            return None;
        }
        let w = self.w(k);
        let joined = |a: &str, b: &str| w == a && self.p(k + 1, '-') && self.is(k + 2, b);
        if matches!(
            w,
            "fans"
                | "fan"
                | "fandom"
                | "fanbase"
                | "star"
                | "stars"
                | "actor"
                | "actress"
                | "director"
                | "creator"
                | "creators"
                | "showrunner"
                | "cast"
                | "alum"
                | "alums"
                | "veteran"
                | "franchise"
                | "films"
                | "movies"
                | "releases"
                | "games"
                | "shows"
                | "titles"
                | "albums"
                | "books"
                | "novels"
                | "sequels"
                | "installments"
                | "entries"
        ) {
            return Some(Attributive::NoWork);
        }
        if matches!(
            w,
            "sequel" | "prequel" | "spinoff" | "reboot" | "remake" | "installment" | "instalment"
        ) {
            return Some(Attributive::Related(k));
        }
        if joined("spin", "off") || joined("follow", "up") {
            return Some(Attributive::Related(k));
        }
        let marked = (c.at.saturating_sub(4)..c.at).any(|j| {
            let m = self.w(j);
            matches!(
                m,
                "latest" | "next" | "new" | "upcoming" | "untitled" | "final"
            ) || vocab::ordinal(m).is_some_and(|_| m.len() >= 5)
        });
        if marked && matches!(w, "film" | "movie" | "series" | "show" | "game") {
            return Some(Attributive::Related(k));
        }
        None
    }

    /// "the sequel to The Legend of Zelda: Breath of the Wild", "a spin-off of
    /// Hometown Cha-Cha-Cha", "the follow-up to 2020's Ghost of Tsushima": title
    /// `c` as the object of a relational noun names the work the phrase is
    /// related to, not the phrase's own work. Returns the phrase's first token
    /// (its determiner, else the noun) and its words up to the title ("sequel
    /// to").
    pub(crate) fn related_object(&self, c: &Cand) -> Option<(usize, String)> {
        // Between the preposition and the title: a year's possessive ("2020's"),
        // an article, a few lowercase words ("the blockbuster", "the 2019 hit").
        let mut k = c.at;
        let mut skipped = 0;
        while k > 0 && skipped < 5 {
            let j = k - 1;
            let filler = self.p(j, '\'')
                || self.is(j, "s") && self.p(j.wrapping_sub(1), '\'')
                || self.num(j).is_some_and(|n| n.ndig == 4)
                || (self.word(j) && !self.cap(j) && !matches!(self.w(j), "to" | "of"));
            if !filler {
                break;
            }
            k = j;
            skipped += 1;
        }
        let prep = k.checked_sub(1)?;
        let (noun_at, words) = match self.w(prep) {
            "to" | "of" => {
                let n = prep.checked_sub(1)?;
                match self.w(n) {
                    "sequel" | "prequel" | "successor" | "spinoff" | "reboot" | "remake" => {
                        (n, format!("{} {}", self.w(n), self.w(prep)))
                    }
                    "up" | "off"
                        if n >= 2
                            && self.p(n - 1, '-')
                            && matches!(self.w(n - 2), "follow" | "spin") =>
                    {
                        (
                            n - 2,
                            format!("{}-{} {}", self.w(n - 2), self.w(n), self.w(prep)),
                        )
                    }
                    _ => return None,
                }
            }
            _ => return None,
        };
        // The determiner or possessive pronoun that opens the phrase, past
        // adjectives ("the long-awaited sequel").
        let det = |j: usize| {
            matches!(
                self.w(j),
                "the" | "a" | "an" | "its" | "his" | "her" | "their" | "this"
            )
        };
        let start = (noun_at.saturating_sub(4)..noun_at)
            .rev()
            .take_while(|&j| self.word(j) && (!self.cap(j) || det(j)) || self.p(j, '-'))
            .find(|&j| det(j))
            .unwrap_or(noun_at);
        Some((start, words))
    }

    /// Named events and venues among the first `n` tokens, as token spans: a
    /// run of capitalised words holding an event or venue noun ("The Eras Tour",
    /// "Nintendo Direct", "Star Wars Celebration", "BTS Festa", "KSPO Dome",
    /// "College Street Music Hall") or "State of Play". A work noun just before
    /// the run makes it a work ("the concert film ... Tour").
    pub(crate) fn event_spans(&self, n: usize) -> Vec<(usize, usize)> {
        let head = |k: usize| {
            self.cap(k)
                && matches!(
                    self.w(k),
                    "tour"
                        | "tours"
                        | "festival"
                        | "fest"
                        | "festa"
                        | "awards"
                        | "celebration"
                        | "direct"
                        | "showcase"
                        | "concert"
                        | "expo"
                        | "con"
                        | "summit"
                        | "conference"
                        | "convention"
                        | "gala"
                        | "ceremony"
                        | "fanmeeting"
                        | "hall"
                        | "arena"
                        | "dome"
                        | "stadium"
                        | "theatre"
                        | "theater"
                        | "cinemas"
                        | "lido"
                        | "center"
                        | "centre"
                        | "amphitheatre"
                        | "amphitheater"
                        | "coliseum"
                        | "palladium"
                )
                || (self.is(k, "play")
                    && self.cap(k)
                    && self.is(k.wrapping_sub(1), "of")
                    && self.is(k.wrapping_sub(2), "state"))
        };
        let mut out: Vec<(usize, usize)> = Vec::new();
        for k in 0..n {
            if !head(k) || out.last().is_some_and(|&(_, e)| k < e) {
                continue;
            }
            let mut a = k;
            while a > 0 && (self.cap(a - 1) || (self.is(a - 1, "of") && a >= 2 && self.cap(a - 2)))
            {
                a -= 1;
            }
            let mut b = k + 1;
            while b < n && (self.cap(b) || self.tok(b).is_some_and(|t| t.is_num())) {
                b += 1;
            }
            if a > 0 && work_noun(self.w(a - 1)) {
                continue;
            }
            out.push((a, b));
        }
        out
    }

    /// Works a noun phrase introduces without a title: "an untitled Elvis film",
    /// "one untitled Marvel movie", "the upcoming fifth Indiana Jones movie". An
    /// indefinite phrase (or a definite one marked new: "upcoming", "next", an
    /// ordinal, "untitled") brings a work other than the one in focus, so the dates
    /// of its clause must not go to the focus. Named when the phrase can name it:
    /// "untitled" with a name ("Untitled Elvis film"), a name with an ordinal
    /// ("Indiana Jones 5"); otherwise the name is empty, which only keeps the focus
    /// away. A phrase after a copula ("is a new film") describes the focus.
    pub(crate) fn described_works(&self, n: usize) -> Vec<Cand> {
        let mut out = Vec::new();
        for k in 0..n {
            let det = self.w(k);
            let indefinite = matches!(det, "a" | "an" | "one" | "another");
            if !(indefinite || matches!(det, "the" | "this")) {
                continue;
            }
            // A definite phrase counts only with "untitled" or an ordinal in it:
            // look for one before reading the phrase ("the" is everywhere).
            if !indefinite
                && !(k + 1..(k + 4).min(n)).any(|j| {
                    let w = self.w(j);
                    w == "untitled"
                        || (w.len() >= 5
                            && (w.ends_with("th")
                                || w.ends_with("st")
                                || w.ends_with("nd")
                                || w == "third")
                            && vocab::ordinal(w).is_some())
                })
            {
                continue;
            }
            // After a copula or a comma the phrase describes the work before it:
            // "is a new film", "Mario Kart World, an open-world entry".
            if k > 0
                && (self.p(k - 1, ',')
                    || matches!(
                        self.w(k - 1),
                        "is" | "was" | "be" | "been" | "are" | "were" | "as" | "becomes" | "became"
                    ))
            {
                continue;
            }
            let (mut untitled, mut ord) = (false, None);
            let mut names: Vec<usize> = Vec::new();
            let mut noun = None;
            for j in k + 1..(k + 8).min(n) {
                let w = self.w(j);
                if self.p(j, '-') {
                    continue;
                }
                if !self.word(j) {
                    break;
                }
                if work_noun(w) && !self.cap(j) {
                    noun = Some(j);
                    break;
                }
                if w == "untitled" {
                    untitled = true;
                } else if let Some(o) = vocab::ordinal(w) {
                    ord = Some(o);
                } else if matches!(w, "upcoming" | "next" | "new" | "forthcoming") {
                    // Marks the work as new and names nothing: read on.
                } else if self.titleish(j) {
                    names.push(j);
                } else if !(w.ends_with("ly") || matches!(w, "still" | "yet" | "as")) {
                    // Other modifiers ("sci-fi", "animated") are fine only before
                    // the name: "a new animated Pixar film".
                    if !names.is_empty() {
                        break;
                    }
                }
            }
            let Some(noun) = noun else { continue };
            // "a ballad for the drama" is the drama's soundtrack, named elsewhere.
            if matches!(self.w(noun), "ballad" | "song" | "track" | "duet")
                && matches!(self.w(noun + 1), "for" | "of")
            {
                continue;
            }
            // A definite phrase is new only when it says so and names whose work
            // it is: "the new album" is the album in focus.
            let new_work = if indefinite {
                true
            } else {
                (untitled || ord.is_some()) && !names.is_empty()
            };
            if !new_work {
                continue;
            }
            let named = !names.is_empty() && names.windows(2).all(|p| p[1] == p[0] + 1);
            let who = match (names.first(), names.last()) {
                (Some(&a), Some(&b)) if named => self.name(a, b + 1),
                _ => String::new(),
            };
            let name = if who.is_empty() {
                String::new()
            } else if untitled {
                format!("Untitled {who} {}", self.w(noun))
            } else if let Some(o) = ord.filter(|o| *o > 1) {
                format!("{who} {o}")
            } else {
                String::new()
            };
            out.push(Cand {
                name,
                at: k,
                end: noun + 1,
                strong: false,
            });
        }
        out
    }
}
