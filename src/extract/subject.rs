//! Subjects: the names of works in a sentence. Quoted titles ('Our Blues',
//! "Dune"), emphasised spans passed as hints, capitalised spans next to a
//! release noun ("her album, Glass Houses," / "the Our Blues OST") and
//! capitalised clause subjects of a release verb ("Grand Theft Auto VI will
//! launch ..."). A title followed by "OST"/"soundtrack" names the soundtrack,
//! not the show.

use super::lex::Kind;
use super::naming::{connector, stop_single};
use super::temporal::Scanner;
use super::vocab;
use std::ops::Range;

/// A work named in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Cand {
    pub name: String,
    /// First token of the mention.
    pub at: usize,
    /// Token after the mention.
    pub end: usize,
    /// Quoted, emphasised or introduced by a release noun: surely a title.
    pub strong: bool,
}

/// Nouns that name a kind of work.
pub(crate) fn work_noun(w: &str) -> bool {
    matches!(
        w,
        "album"
            | "albums"
            | "ep"
            | "single"
            | "song"
            | "track"
            | "film"
            | "movie"
            | "series"
            | "drama"
            | "show"
            | "game"
            | "book"
            | "novel"
            | "memoir"
            | "anime"
            | "sequel"
            | "record"
            | "lp"
            | "mixtape"
            | "documentary"
            | "special"
            | "musical"
            | "soundtrack"
            | "ost"
            | "comedy"
            | "thriller"
            | "actioner"
            | "entertainer"
            | "flick"
            | "tentpole"
            | "blockbuster"
            | "saga"
            | "spectacle"
            | "romance"
            | "adaptation"
            | "installment"
            | "entry"
            | "volume"
            | "ballad"
            | "duet"
            | "collaboration"
            | "remake"
            | "reboot"
            | "spinoff"
            | "spin"
            | "prequel"
            | "title"
            | "manga"
            | "collection"
            | "anthology"
            | "novella"
            | "trilogy"
            | "franchise"
            | "miniseries"
            | "limited"
            | "feature"
            | "horror"
            | "sitcom"
            | "epic"
            | "biopic"
            | "project"
            | "remaster"
            | "remastered"
            | "edition"
            | "expansion"
            | "dlc"
            | "rpg"
            | "shooter"
            | "sim"
            | "opus"
    )
}

impl Scanner<'_> {
    pub(crate) fn titleish(&self, i: usize) -> bool {
        match self.tok(i) {
            Some(t) if t.is_num() => true,
            Some(t) if t.is_word() => {
                let w = self.w(i);
                t.cap && vocab::month(w).is_none() && vocab::weekday(w).is_none()
            }
            _ => false,
        }
    }

    /// The colon title in the capitalised run `[i, e)`, as a token range: the run
    /// has a colon with a capitalised word (not a number) after it, and what is
    /// before the colon is not a caption or section label. Left out: a
    /// sentence-opening verb ("Directing Venom: ..."), what a preposition joins on
    /// the left ("Clark Kent in Superman: Legacy"), a platform after "on" ("Dying
    /// Light 2: Stay Human on PlayStation 5") and small words at the end ("Marvel:
    /// The"). "and" and inner prepositions stay: "Ant-Man and the Wasp: Quantumania",
    /// "Like a Dragon: Pirate Yakuza in Hawaii".
    fn colon_title(&self, i: usize, e: usize, start: usize) -> Option<(usize, usize)> {
        let colon = (i + 1..e.saturating_sub(1)).find(|&k| self.p(k, ':'))?;
        let after = self.tok(colon + 1)?;
        if !after.is_word() || !after.cap {
            return None;
        }
        let joins = |k: usize| {
            matches!(
                self.w(k),
                "in" | "on" | "at" | "for" | "with" | "from" | "by" | "as"
            ) && !self.cap(k)
        };
        let i = (i..colon).rev().find(|&k| joins(k)).map_or(i, |k| k + 1);
        let i = if i == start && self.w(i).ends_with("ing") && colon > i + 1 {
            i + 1
        } else {
            i
        };
        if i >= colon {
            return None;
        }
        let mut e = (colon + 1..e)
            .find(|&k| self.w(k) == "on" && !self.cap(k))
            .unwrap_or(e);
        // Two colon titles joined: "Thor: Love and Thunder and Black Panther:
        // Wakanda Forever" ends at the last "and" before the second colon.
        if let Some(second) = (colon + 2..=e).find(|&k| self.p(k, ':')) {
            if let Some(k) = (colon + 2..second)
                .rev()
                .find(|&k| matches!(self.w(k), "and" | "or") && !self.cap(k))
            {
                e = k;
            }
        }
        while e > colon + 1 && connector(self.w(e - 1)) {
            e -= 1;
        }
        if e <= colon + 1 {
            return None;
        }
        let label = (i..colon).any(|k| {
            matches!(
                self.w(k),
                "photo"
                    | "photos"
                    | "pictured"
                    | "image"
                    | "credit"
                    | "source"
                    | "sources"
                    | "update"
                    | "exclusive"
                    | "watch"
                    | "read"
                    | "more"
                    | "also"
                    | "note"
                    | "via"
                    | "rumor"
                    | "rumour"
                    | "report"
                    | "breaking"
                    | "spoiler"
                    | "spoilers"
                    | "warning"
                    | "caption"
                    | "listen"
                    | "review"
                    | "interview"
                    | "opinion"
                    | "related"
                    | "tags"
                    | "cast"
                    | "director"
                    | "starring"
                    | "platform"
                    | "platforms"
                    | "release"
                    | "date"
                    | "number"
                    | "genre"
                    | "editor"
                    | "live"
                    | "see"
                    | "trailer"
                    | "recap"
                    | "quote"
            )
        }) || (colon == i + 1 && matches!(self.w(i), "q" | "a"));
        (!label).then_some((i, e))
    }

    /// The candidate named by the tokens `at..end`.
    fn span_cand(&self, at: usize, end: usize, strong: bool) -> Cand {
        Cand {
            name: self.name(at, end),
            at,
            end,
            strong,
        }
    }

    /// A capitalised title span starting at `j`: end token (exclusive).
    pub(crate) fn cap_span(&self, j: usize, limit: usize) -> Option<usize> {
        if !self.titleish(j) || self.num(j).is_some() {
            return None;
        }
        let mut k = j + 1;
        let mut end = k;
        // Up to nine words: punctuation inside the title (a colon, a spaced dash,
        // the periods and letters of a dotted name; not the hyphen of "Shang-Chi")
        // and the second of two small words ("in the") do not count.
        let mut dots = 0;
        while k < limit && k < j + 9 + dots {
            if self.titleish(k) {
                k += 1;
                end = k;
            } else if connector(self.w(k))
                && connector(self.w(k + 1))
                && self.titleish(k + 2)
                && !self.cap(k + 1)
            {
                // Two small words inside a title: "Doctor Strange in the Multiverse
                // of Madness", "Ant-Man and the Wasp".
                dots += 1;
                k += 2;
            } else if matches!(self.w(k), "vs" | "v")
                && self.p(k + 1, '.')
                && self.glued(k + 1)
                && self.titleish(k + 2)
            {
                // "Godzilla vs. Kong", "Batman v. Superman".
                dots += 1;
                k += 2;
            } else if ((connector(self.w(k)) || self.p(k, ':') || self.p(k, '&') || self.p(k, '-'))
                && self.titleish(k + 1)
                && !self.year_after_preposition(k))
                || (self.p(k, '.') && self.titleish(k + 1) && self.abbreviated(k))
            {
                // Punctuation never counts, nor the letters of "S.T.A.L.K.E.R.".
                let initial = self.p(k, '.') && self.w(k.wrapping_sub(1)).chars().count() == 1;
                let free = !(self.word(k) || (self.hyphen(k) && self.glued(k)));
                dots += usize::from(free) + usize::from(initial);
                k += 1;
            } else if self.hyphen(k) && self.glued(k) && self.glued(k + 1) && self.word(k + 1) && {
                // "Strong Girl Nam-soon": a hyphen inside a word keeps it whole;
                // "a Kapoor-starrer", "Netflix-backed" describe, they do not name.
                let w = self.w(k + 1);
                self.cap(k + 1) || !(w.ends_with("ed") || w.ends_with("er") || w.ends_with("ing"))
            } {
                k += 2;
                end = k;
            } else {
                break;
            }
        }
        let single = end == j + 1;
        if single && (stop_single(self.w(j)) || self.w(j).ends_with("ly")) {
            return None;
        }
        // "The Mandalorian season 3 slips", "Wednesday season 2 will come in two
        // parts": a lowercase season or part number continues the title.
        while end < limit
            && matches!(self.w(end), "season" | "part" | "volume" | "vol")
            && !self.cap(end)
        {
            let k = self.skip_dot(end + 1);
            match self.num(k) {
                Some(n) if !n.ord && n.ndig <= 2 && k < limit => end = k + 1,
                _ => break,
            }
        }
        Some(end)
    }

    /// "delays Mission: Impossible 8 to 2025", "Starfield and Redfall into 2023": a
    /// "to", "into", "until" or "till" before a year that ends the run dates the
    /// title; it is not part of it ("Escape from 1999" keeps its "from").
    fn year_after_preposition(&self, k: usize) -> bool {
        matches!(self.w(k), "to" | "into" | "until" | "till")
            && self.num(k + 1).is_some_and(|t| t.ndig == 4)
            && !self.titleish(k + 2)
    }

    /// An ASCII hyphen, as against a dash the tokenizer also writes as '-'.
    fn hyphen(&self, k: usize) -> bool {
        self.tok(k)
            .is_some_and(|t| t.is_punct('-') && self.text.get(t.s..t.e) == Some("-"))
    }

    /// A run of name words from `j` that is not an owner ("Nolan's ..."): the
    /// work a cue before it names.
    fn name_run(&self, j: usize, limit: usize) -> Option<usize> {
        self.cap_span(j, limit).filter(|e| !self.p(*e, '\''))
    }

    fn glued(&self, k: usize) -> bool {
        self.tok(k).is_some_and(|t| t.glued)
    }

    pub(crate) fn word(&self, k: usize) -> bool {
        self.tok(k).is_some_and(|t| t.is_word())
    }

    /// Whether the period at `k` belongs to a title's word rather than ending a
    /// sentence: after an abbreviation ("Bros.", "Vol.", "Jr.") or inside a dotted
    /// name ("S.T.A.L.K.E.R. 2", "3.0"), where it follows a single letter or digit.
    pub(crate) fn abbreviated(&self, k: usize) -> bool {
        let prev = self.w(k.wrapping_sub(1));
        let short = self.tok(k.wrapping_sub(1)).is_some_and(|t| t.e - t.s == 1);
        self.glued(k)
            && (matches!(
                prev,
                "bros" | "vol" | "pt" | "jr" | "mr" | "mrs" | "dr" | "st" | "vs"
            ) || (short && (self.glued(k + 1) || self.p(k.wrapping_sub(2), '.'))))
    }

    pub(crate) fn name(&self, a: usize, b: usize) -> String {
        match (self.tok(a), self.tok(b.saturating_sub(1))) {
            (Some(x), Some(y)) if b > a => self.text.get(x.s..y.e).unwrap_or("").trim().to_string(),
            _ => String::new(),
        }
    }

    /// "OST", "OST Part 3", "soundtrack" after a title: suffix text and end.
    pub(crate) fn ost_suffix(&self, k: usize) -> Option<(String, usize)> {
        let k = if self.is(k, "original") && self.is(k + 1, "soundtrack") {
            k + 1
        } else {
            k
        };
        if !matches!(self.w(k), "ost" | "soundtrack") {
            return None;
        }
        let mut e = k + 1;
        let mut suffix = "OST".to_string();
        if self.is(e, "part") || self.is(e, "vol") {
            let j = self.skip_dot(e + 1);
            if let Some(t) = self.num(j) {
                suffix = format!("OST Part {}", t.num);
                e = j + 1;
            }
        }
        Some((suffix, e))
    }

    /// The closing quote for an opening one at `i`.
    pub(crate) fn closing_quote(&self, i: usize, q: char, limit: usize) -> Option<usize> {
        let mut k = i + 2;
        while k < limit && k < i + 16 {
            let t = self.tok(k)?;
            if t.is_punct(q) && t.glued {
                let next_glued = self.tok(k + 1).is_some_and(|n| n.glued && n.is_word());
                // Possessive "singers' voices": keep looking, unless what the
                // quote encloses reads as a title ('Where the Light Stays' will).
                let possessive = q == '\''
                    && self.w(k - 1).ends_with('s')
                    && self
                        .tok(k + 1)
                        .is_some_and(|n| n.is_word() && !n.cap && !n.glued)
                    && !self.title_case(i + 1, k);
                if !next_glued && !possessive {
                    return Some(k);
                }
            }
            k += 1;
        }
        None
    }

    /// Whether the word at `i` is a verb whose object is a work: a move verb
    /// ("has delayed Grand Theft Auto VI", "took X off its March 20 opening"), a
    /// dating verb ("also set Fire Emblem Engage for Jan. 20", "Billie Eilish
    /// sets Hit Me Hard and Soft for May 17") or a release verb ("Square Enix
    /// will release Final Fantasy VII Rebirth on Feb. 29", "tvN will air
    /// Resident Playbook from April 12"). A release verb is lowercase ("the
    /// Indian Air Force" has none), and a weekday or a month after it is no
    /// name ("premieres Sunday").
    fn verb_of_a_work(&self, i: usize) -> bool {
        let w = self.w(i);
        let moves = matches!(
            w,
            "delayed"
                | "postponed"
                | "preponed"
                | "pushed"
                | "rescheduled"
                | "delays"
                | "postpones"
                | "pushes"
                | "moved"
                | "moves"
                | "bumped"
                | "shifted"
                | "pulled"
                | "pulls"
        ) || matches!(w, "took" | "takes" | "taken") && self.taken_off_its_date(i);
        let dates = matches!(
            w,
            "sets"
                | "set"
                | "dates"
                | "dated"
                | "slates"
                | "slated"
                | "schedules"
                | "scheduled"
                | "reschedules"
                | "announces"
                | "unveils"
        );
        let releases = !self.cap(i)
            && matches!(
                w,
                "release"
                    | "releases"
                    | "launch"
                    | "launches"
                    | "publish"
                    | "publishes"
                    | "air"
                    | "airs"
                    | "stream"
                    | "streams"
                    | "premiere"
                    | "premieres"
                    | "bring"
                    | "brings"
            );
        moves || dates || releases
    }

    /// Title candidates in a token range.
    pub(crate) fn titles_in(&self, range: Range<usize>, hints: &[String]) -> Vec<Cand> {
        let mut out: Vec<Cand> = Vec::new();
        let mut i = range.start;
        while i < range.end {
            let t = match self.tok(i) {
                Some(t) => *t,
                None => break,
            };
            // Quoted titles.
            if let Kind::Punct(q @ ('\'' | '"')) = t.kind {
                let opener = !t.glued || i == range.start || self.p(i.wrapping_sub(1), '(');
                let next_ok = self
                    .tok(i + 1)
                    .is_some_and(|n| n.glued && !matches!(n.kind, Kind::Punct(_)));
                if opener && next_ok {
                    if let Some(c) = self.closing_quote(i, q, range.end) {
                        let mut last = c;
                        while last > i + 1
                            && self.tok(last - 1).is_some_and(|t| {
                                matches!(t.kind, Kind::Punct(',' | '.' | '!' | '?'))
                            })
                        {
                            last -= 1;
                        }
                        if let Some(cand) = self.quoted(i, last, c) {
                            out.push(cand);
                        }
                        i = c + 1;
                        continue;
                    }
                }
            }
            let w = self.w(i);
            // Release noun then title: "album, Glass Houses," / "new album Proof".
            if work_noun(w) && !t.cap {
                let mut j = i + 1;
                if self.p(j, ',') || matches!(self.w(j), "titled" | "called" | "named" | "dubbed") {
                    j += 1;
                }
                if let Some(e) = self.cap_span(j, range.end) {
                    let name = self.name(j, e);
                    out.push(Cand {
                        name,
                        at: j,
                        end: e,
                        strong: true,
                    });
                    i = e;
                    continue;
                }
            }
            // Object of a move, dating or release verb: "Rockstar has delayed
            // Grand Theft Auto VI".
            if self.verb_of_a_work(i) {
                let mut j = i + 1;
                if matches!(self.w(j), "back" | "up" | "forward") {
                    j += 1;
                }
                if let Some(e) = self.name_run(j, range.end) {
                    // "will release Bond 25 in U.S. theaters": a region after "in"
                    // or "on" is where, not part of the name.
                    let e = (j + 1..e)
                        .find(|&k| {
                            matches!(self.w(k), "in" | "on") && self.region_at(k + 1).is_some()
                        })
                        .unwrap_or(e);
                    // "to launch The LP": a kind of work is no name.
                    let generic = (j..e).all(|k| self.is(k, "the") || work_noun(self.w(k)));
                    if !generic {
                        out.push(self.span_cand(j, e, true));
                        i = e;
                        continue;
                    }
                }
            }
            // "the same day as War 2", ", as is Khel Khel Mein": a work said to
            // share a date is named right after.
            let sharing = matches!(w, "as" | "is" | "are" | "does" | "will")
                && (i.saturating_sub(4)..i).any(|k| self.same_date_as(k) == Some(i + 1));
            if sharing {
                if let Some(e) = self.name_run(i + 1, range.end) {
                    out.push(self.span_cand(i + 1, e, false));
                    i = e;
                    continue;
                }
            }
            // "the memoir will be called Spare", "an EP titled Seasons": a work
            // given its name. ("was named Best Film" is an award, not a name.)
            // "Bond 25 finally has a title: No Time to Die": the name after the
            // colon.
            let colon = usize::from(w == "title" && self.p(i + 1, ':'));
            let naming = (matches!(w, "titled" | "entitled")
                || colon == 1
                || (w == "called"
                    && matches!(self.w(i.wrapping_sub(1)), "be" | "is" | "was" | "been")))
                && self.cap(i + 1 + colon);
            if naming {
                let j = i + 1 + colon;
                if let Some(mut e) = self.name_run(j, range.end) {
                    // "now titled Resident Playbook in English": the language the
                    // name is given in is not part of it.
                    if e >= j + 3 && self.is(e - 2, "in") && vocab::language(self.w(e - 1)) {
                        e -= 2;
                    }
                    out.push(self.span_cand(j, e, true));
                    i = e;
                    continue;
                }
            }
            // "the producers of No Time to Die", "the makers of Kaalkoot 2": the
            // people who make a work name it after "of".
            let maker = matches!(
                w,
                "producers" | "makers" | "director" | "creators" | "developers" | "developer"
            ) && matches!(self.w(i.wrapping_sub(1)), "the" | "its" | "their")
                && self.is(i + 1, "of")
                && self.cap(i + 2);
            if maker {
                if let Some(e) = self.name_run(i + 2, range.end) {
                    out.push(self.span_cand(i + 2, e, true));
                    i = e;
                    continue;
                }
            }
            // "the trailer of Kesari Chapter 3", "the release of Dune", "a release
            // date for Hollow Knight", "October 17 is the date for Alan Wake 2".
            let event_noun = matches!(
                w,
                "trailer"
                    | "release"
                    | "premiere"
                    | "teaser"
                    | "launch"
                    | "debut"
                    | "arrival"
                    | "publication"
            );
            // The token after the noun ("release", "release date", "the date").
            let after_noun = if event_noun {
                let dated = matches!(self.w(i + 1), "date" | "dates" | "window");
                Some(i + 1 + usize::from(dated))
            } else if w == "date" && matches!(self.w(i.wrapping_sub(1)), "the" | "new" | "a") {
                Some(i + 1)
            } else {
                None
            };
            let of_at = after_noun.filter(|&k| matches!(self.w(k), "of" | "for"));
            if let Some(of) = of_at {
                // "of the film" skips its article; "for The Last of Us" keeps it.
                let j = if self.cap(of + 1) {
                    of + 1
                } else {
                    self.skip_word(of + 1, "the")
                };
                if let Some(e) = self.name_run(j, range.end) {
                    out.push(self.span_cand(j, e, true));
                    i = e;
                    continue;
                }
            }
            // "the fourth season of ...", "a third and final season": a season
            // of the work in focus.
            let ord_n = vocab::ordinal(w)
                .filter(|_| !t.cap || i == range.start)
                .or_else(|| self.num(i).filter(|n| n.ord).map(|n| n.num));
            if let Some(n) = ord_n {
                let mut j = i + 1;
                if self.is(j, "and") && matches!(self.w(j + 1), "final" | "last") {
                    j += 2;
                }
                if matches!(self.w(j), "compiled" | "collected" | "tankobon" | "final") {
                    j += 1;
                }
                if self.is(j, "volume") {
                    out.push(Cand {
                        name: format!("Vol. {n}"),
                        at: i,
                        end: j + 1,
                        strong: false,
                    });
                    i = j + 1;
                    continue;
                }
                if matches!(self.w(j), "season" | "installment") && !self.is(j + 1, "finale") {
                    let after = self.skip_word(j + 1, "of");
                    // "the second season of 'X'" is handled with the quote.
                    let quoted_next = after > j + 1
                        && self
                            .tok(after)
                            .is_some_and(|t| matches!(t.kind, Kind::Punct('\'' | '"')));
                    // "the second anime season of Ishura": the season of the show
                    // named after "of" (not of an owner: "of The CW's series").
                    let show = (after > j + 1 && self.cap(after))
                        .then(|| self.cap_span(after, range.end))
                        .flatten()
                        .filter(|&e| !self.p(e, '\'') && !work_noun(self.w(e)));
                    if let Some(e) = show.filter(|_| !quoted_next) {
                        out.push(Cand {
                            name: format!("{} Season {n}", self.name(after, e)),
                            at: i,
                            end: e,
                            strong: false,
                        });
                        i = e;
                        continue;
                    }
                    if !quoted_next {
                        out.push(Cand {
                            name: format!("Season {n}"),
                            at: i,
                            end: j + 1,
                            strong: false,
                        });
                        i = j + 1;
                        continue;
                    }
                }
            }
            // "the OST" / "its soundtrack": the soundtrack of the work in focus.
            if matches!(w, "ost" | "soundtrack")
                && matches!(
                    self.w(i.wrapping_sub(1)),
                    "the" | "its" | "drama's" | "series'"
                )
            {
                out.push(Cand {
                    name: "OST".to_string(),
                    at: i,
                    end: i + 1,
                    strong: false,
                });
                i += 1;
                continue;
            }
            // "Part 6, sung by ...": a part of the work in focus.
            if matches!(w, "part" | "season" | "vol" | "volume") && t.cap {
                let j = self.skip_dot(i + 1);
                if let Some(n) = self.num(j).filter(|n| !n.ord && n.ndig <= 2) {
                    let label = if w.starts_with("vol") {
                        "Vol."
                    } else if w == "part" {
                        "Part"
                    } else {
                        "Season"
                    };
                    let prev_title = i > range.start && self.titleish(i - 1);
                    if !prev_title {
                        out.push(Cand {
                            name: format!("{label} {}", n.num),
                            at: i,
                            end: j + 1,
                            strong: false,
                        });
                        i = j + 1;
                        continue;
                    }
                }
            }
            // After a possessive: "Salman Khan's Tiger Returns", "BTS' Proof".
            if t.is_punct('\'') && t.glued {
                let s_glued = self.is(i + 1, "s") && self.tok(i + 1).is_some_and(|n| n.glued);
                if s_glued || self.w(i.wrapping_sub(1)).ends_with('s') {
                    let j = if s_glued { i + 2 } else { i + 1 };
                    // "Nolan's Oppenheimer and Gerwig's Barbie": a run that runs
                    // into the next possessor ends at its "and".
                    let span = self.cap_span(j, range.end).map(|e| {
                        let next_owner = self.p(e, '\'');
                        match (j + 1..e)
                            .rev()
                            .find(|&k| self.is(k, "and") && !self.cap(k))
                        {
                            Some(k) if next_owner => (k, true),
                            _ => (e, false),
                        }
                    });
                    if let Some((e, paired)) = span {
                        let ok = paired
                            || self.work_verb_after(e)
                            || self.p(e, ',')
                            || self.p(e, '.')
                            || matches!(
                                self.w(e),
                                "may"
                                    | "might"
                                    | "could"
                                    | "would"
                                    | "should"
                                    | "gets"
                                    | "got"
                                    | "opens"
                                    | "hits"
                                    | "arrives"
                                    | "lands"
                                    | "stays"
                                    | "moves"
                                    | "slips"
                                    | "sets"
                                    | "heads"
                                    | "returns"
                                    | "finally"
                                    | "now"
                                    | "also"
                                    | "still"
                            )
                            || matches!(
                                self.w(e),
                                "from"
                                    | "to"
                                    | "on"
                                    | "in"
                                    | "will"
                                    | "has"
                                    | "is"
                                    | "was"
                                    | "which"
                                    | "release"
                                    | "releases"
                                    | "preponed"
                                    | "postponed"
                                    | "delayed"
                            )
                            // "took Krasinski's A Quiet Place Part II off its March 20
                            // opening", "pushed Nolan's Tenet back": the particle of a
                            // move verb ends the object.
                            || matches!(
                                self.w(e),
                                "off" | "back" | "up" | "forward" | "into" | "until"
                            )
                            || e == range.end;
                        if ok {
                            // "Baldur's Gate 3": a one-word possessor the article never
                            // names on its own belongs to the title; "Netflix's",
                            // "Yash's" stand alone elsewhere and stay outside it.
                            let owner = i.wrapping_sub(1);
                            // "Homer's The Odyssey": a title of its own, with its
                            // article, is not part of the possessor's name.
                            let own_article = (self.is(j, "the")
                                || matches!(self.w(j), "a" | "an"))
                                && self.cap(j);
                            let j = if self.owner_in_title(owner)
                                && !own_article
                                && !self.said_alone(j, e)
                            {
                                owner
                            } else {
                                j
                            };
                            out.push(self.span_cand(j, e, false));
                            i = e;
                            continue;
                        }
                    }
                }
            }
            // "And Kraven the Hunter, ... has slipped": a capitalised conjunction
            // opening a sentence is not part of the title after it.
            if self.lead_conjunction(i) && self.titleish(i + 1) {
                i += 1;
                continue;
            }
            // "Episodes 9 and 10 of X will air ...": numbered episodes, not a work.
            if t.cap && matches!(w, "episode" | "episodes") && self.num(i + 1).is_some() {
                i += 2;
                continue;
            }
            // Title then OST: "the Our Blues OST".
            if t.cap
                && !t.is_num()
                && (i == range.start
                    || !self.titleish(i - 1)
                    || self.is(i - 1, "the")
                    || self.lead_conjunction(i - 1))
            {
                if let Some(e) = self.cap_span(i, range.end) {
                    let has_ost = (i..e).any(|k| matches!(self.w(k), "ost" | "soundtrack"));
                    let named = (i..e)
                        .filter(|k| {
                            !matches!(
                                self.w(*k),
                                "the" | "ost" | "soundtrack" | "original" | "part" | "new"
                            ) && self.num(*k).is_none()
                        })
                        .count();
                    // "Venom: Let There Be Carnage", "Star Wars Jedi: Survivor": a
                    // capitalised run with a colon between capitalised words is a
                    // title (a series name and a subtitle), not a label ("Photo:").
                    if let Some((j, e)) = self.colon_title(i, e, range.start) {
                        out.push(self.span_cand(j, e, true));
                        i = e;
                        continue;
                    }
                    // A title with its soundtrack word, or one an apposition calls a
                    // work ("X, his new album, ..."): surely a title.
                    if (has_ost && named > 0) || self.appositive_work(e) {
                        out.push(self.span_cand(i, e, true));
                        i = e;
                        continue;
                    }
                    if let Some((suffix, e2)) = self.ost_suffix(e) {
                        let name = format!("{} {}", self.name(i, e), suffix);
                        out.push(Cand {
                            name,
                            at: i,
                            end: e2,
                            strong: true,
                        });
                        i = e2;
                        continue;
                    }
                    // "The first domino is Doctor Strange in the Multiverse of
                    // Madness, which goes from March 25th to May 6th": a relative
                    // clause that says its head is a work names it when the head
                    // opens a clause or is what a copula or a list verb names. A
                    // name inside a phrase before it is no head ("the film starring
                    // Robert Pattinson, which ...", "set in feudal Japan, which").
                    let head = matches!(
                        self.w(i.wrapping_sub(1)),
                        "is" | "are"
                            | "was"
                            | "were"
                            | "include"
                            | "includes"
                            | "included"
                            | "including"
                    );
                    let relative = head
                        && self.p(e, ',')
                        && self.is(e + 1, "which")
                        && self.work_verb_after(e + 2);
                    if relative
                        || self.clause_start(i, range.start)
                            && (self.work_verb_after(e) || self.work_verb_after_aside(e, range.end))
                    {
                        out.push(self.span_cand(i, e, false));
                        i = e;
                        continue;
                    }
                }
            }
            i += 1;
        }
        for h in hints {
            self.hint_hits(h, &range, &mut out);
        }
        out.sort_by_key(|c| c.at);
        // "the tour by Radiohead's Thom Yorke", "a novel by Tessa Rowan": a name
        // after "by" is who made the work; only a quoted or emphasised title
        // there is a work ("covered by 'Dynamite'" is rare enough).
        let made_by = |c: &Cand| {
            let mut b = c.at;
            // Back over a possessor: "by Harbor Lane's Ada Quince".
            if b >= 2 && self.is(b - 1, "s") && self.p(b - 2, '\'') {
                b -= 2;
                while b > 0 && self.titleish(b - 1) {
                    b -= 1;
                }
            }
            self.is(b.wrapping_sub(1), "by")
        };
        out.retain(|c| c.strong || !made_by(c));
        // "the fourth season of its ranch drama 'Big Sky Country'": one work.
        let mut k = 0;
        while k + 1 < out.len() {
            let bare = out[k].name.starts_with("Season ") && !out[k].strong;
            let next = &out[k + 1];
            let linked = (out[k].end..next.at).any(|j| self.is(j, "of"))
                && next.at <= out[k].end + 6
                && next.strong;
            if bare && linked {
                let name = format!("{} {}", next.name, out[k].name);
                let (at, end) = (out[k].at, next.end);
                out[k + 1] = Cand {
                    name,
                    at,
                    end,
                    strong: true,
                };
                out.remove(k);
            } else {
                k += 1;
            }
        }
        self.split_coordination(&mut out);
        // ", a finalist on last year's 'Superstar K Reboot,'": a title inside an
        // aside about a person is not the subject.
        out.retain(|c| !self.in_aside(c));
        // "Yellowstone's fifth season": the season of the name that owns it.
        let mut owners = Vec::new();
        for c in &mut out {
            if !c.name.starts_with("Season ") || c.strong {
                continue;
            }
            let at = c.at;
            let apos = if self.is(at.wrapping_sub(1), "s") && self.p(at.wrapping_sub(2), '\'') {
                at - 2
            } else if self.p(at.wrapping_sub(1), '\'') && self.w(at.wrapping_sub(2)).ends_with('s')
            {
                at - 1
            } else {
                continue;
            };
            let mut a = apos;
            // Back over the name, a possessive inside it included ("Grey's Anatomy").
            while a > 0 && apos - a < 6 {
                if self.titleish(a - 1) {
                    a -= 1;
                } else if a > 2
                    && self.is(a - 1, "s")
                    && self.p(a - 2, '\'')
                    && self.titleish(a - 3)
                {
                    a -= 3;
                } else {
                    break;
                }
            }
            if a == apos || self.region_at(a).is_some() || !self.glued(apos) {
                continue;
            }
            owners.push((a, apos));
            c.name = format!("{} {}", self.name(a, apos), c.name);
            c.strong = true;
        }
        out.retain(|c| !owners.contains(&(c.at, c.end)));
        // "Grey's Anatomy will kick off its fifth season on Oct. 27": a season
        // the possessive pronoun gives back to the title before it is that
        // title's season, one work.
        let mut k = 1;
        while k < out.len() {
            let bare = out[k].name.starts_with("Season ") && !out[k].strong;
            let owner = &out[k - 1];
            let its = self.is(out[k].at.wrapping_sub(1), "its")
                && !owner.name.starts_with("Season ")
                && !owner.name.contains(" Season ")
                && !(owner.end..out[k].at).any(|j| self.p(j, '.') || self.p(j, ';'));
            if bare && its {
                // Placed where the season is named: the words between are
                // the clause's own ("returns for").
                out[k] = Cand {
                    name: format!("{} {}", owner.name, out[k].name),
                    strong: true,
                    ..out[k].clone()
                };
                out.remove(k - 1);
            } else {
                k += 1;
            }
        }
        out
    }

    /// "Sam Bahadur and Fukrey 3", "both Gadar 2 and OMG 2": an unquoted
    /// capitalised run that joins two names with "and" or "&" is two works when
    /// each side has two words or more, or when "both" or "between" announces
    /// the pair. One-word sides stay one title ("Love and Thunder", "Skull and
    /// Bones"), and so does "X and the Y" ("Ant-Man and the Wasp").
    fn split_coordination(&self, out: &mut Vec<Cand>) {
        let mut k = 0;
        while k < out.len() {
            let c = &out[k];
            let quoted = self
                .tok(c.at.wrapping_sub(1))
                .is_some_and(|t| matches!(t.kind, Kind::Punct('\'' | '"')));
            let colon = (c.at..c.end).any(|j| self.p(j, ':'));
            // "Both Gadar 2 and OMG 2" at the start of a sentence.
            let lead = matches!(self.w(c.at), "both" | "between") && c.end > c.at + 3;
            let at = c.at + usize::from(lead);
            let paired = lead || matches!(self.w(c.at.wrapping_sub(1)), "both" | "between");
            let words = |a: usize, b: usize| (a..b).filter(|&j| self.titleish(j)).count();
            let cut = (at + 1..c.end.saturating_sub(1)).find(|&j| {
                (self.is(j, "and") && !self.cap(j) || self.p(j, '&'))
                    && self.titleish(j + 1)
                    && !matches!(self.w(j + 1), "the" | "a" | "an")
                    && !(self.num(j - 1).is_some() && self.num(j + 1).is_some())
                    && (paired || words(at, j) >= 2 && words(j + 1, c.end) >= 2)
            });
            match cut {
                Some(j) if !quoted && !colon => {
                    let (end, strong) = (c.end, c.strong);
                    out[k] = self.span_cand(at, j, strong);
                    out.insert(k + 1, self.span_cand(j + 1, end, strong));
                    k += 2;
                }
                _ => k += 1,
            }
        }
    }

    /// After a date ending at token `end`: where the work that shares it is
    /// named, in ", the same day as X", ", the same date as X" or ", as is X".
    pub(crate) fn same_date_as(&self, end: usize) -> Option<usize> {
        let k = if self.p(end, ',') { end + 1 } else { end };
        let same = self.is(k, "the")
            && self.is(k + 1, "same")
            && matches!(self.w(k + 2), "day" | "date" | "weekend" | "slot")
            && self.is(k + 3, "as");
        if same {
            return Some(k + 4);
        }
        (self.is(k, "as") && matches!(self.w(k + 1), "is" | "are" | "does" | "will"))
            .then_some(k + 2)
    }

    /// The works coordinated with `cands[i]`: neighbours joined to it only by
    /// "and", "&" or the commas of a list that ends in "and" ("Stree 2, Vedaa
    /// and Khel Khel Mein").
    pub(crate) fn coordinated(&self, cands: &[Cand], i: usize) -> Vec<usize> {
        let joins = |a: &Cand, b: &Cand| -> Option<bool> {
            if b.at <= a.end || b.at > a.end + 8 {
                return None;
            }
            // The second work may come with its own possessor: "and Gerwig's Barbie".
            let mut stop = b.at;
            if self.p(stop.wrapping_sub(1), '\'') || self.is(stop.wrapping_sub(1), "s") {
                stop -= if self.is(stop - 1, "s") { 2 } else { 1 };
                if !self.p(stop, '\'') {
                    return None;
                }
                while stop > a.end && self.titleish(stop - 1) {
                    stop -= 1;
                }
            }
            let mut and = false;
            for j in a.end..stop {
                if self.is(j, "and") || self.p(j, '&') {
                    and = true;
                } else if !self.p(j, ',') {
                    return None;
                }
            }
            (stop - a.end <= 2).then_some(and)
        };
        let mut lo = i;
        while lo > 0 && joins(&cands[lo - 1], &cands[lo]).is_some() {
            lo -= 1;
        }
        let mut hi = i;
        while hi + 1 < cands.len() && joins(&cands[hi], &cands[hi + 1]).is_some() {
            hi += 1;
        }
        // The chain must close with "and": a comma alone is an apposition.
        if hi == lo || joins(&cands[hi - 1], &cands[hi]) != Some(true) {
            return Vec::new();
        }
        (lo..=hi).filter(|&j| j != i).collect()
    }

    pub(crate) fn quoted(&self, open: usize, last: usize, close: usize) -> Option<Cand> {
        let inner = last - (open + 1);
        if inner == 0 || inner > 12 {
            return None;
        }
        let first_cap = self.tok(open + 1).is_some_and(|t| t.cap || t.is_num());
        let words = (open + 1..last)
            .filter(|k| self.tok(*k).is_some_and(|t| t.is_word()))
            .count();
        let lower = (open + 1..last)
            .filter(|k| self.tok(*k).is_some_and(|t| t.is_word() && !t.cap))
            .count();
        let has_stop = (open + 1..last).any(|k| {
            self.p(k, '.')
                && !matches!(
                    self.w(k - 1),
                    "vol" | "st" | "dr" | "mr" | "mrs" | "ms" | "jr" | "no"
                )
                && self.w(k - 1).len() > 1
        });
        if !first_cap || has_stop || (words > 5 && lower * 2 > words) {
            return None;
        }
        if inner == 1 && stop_single(self.w(open + 1)) {
            return None;
        }
        let mut name = self.name(open + 1, last);
        let mut end = close + 1;
        if matches!(
            self.w(end),
            "arc"
                | "storyline"
                | "saga"
                | "chapter"
                | "episode"
                | "segment"
                | "campaign"
                | "tour"
                | "concert"
        ) {
            return None;
        }
        // "Season 3 of 'X'" → "X Season 3".
        if open >= 3
            && self.is(open - 1, "of")
            && self.num(open - 2).is_some()
            && matches!(self.w(open - 3), "season" | "part" | "volume" | "vol")
            && self.cap(open - 3)
        {
            let n = self.num(open - 2).map_or(0, |t| t.num);
            let label = match self.w(open - 3) {
                "part" => "Part",
                "season" => "Season",
                _ => "Vol.",
            };
            return Some(Cand {
                name: format!("{name} {label} {n}"),
                at: open - 3,
                end,
                strong: true,
            });
        }
        // "the Switch 2 Edition of 'Animal Crossing'" → "Animal Crossing Switch 2 Edition".
        if open >= 3
            && self.is(open - 1, "of")
            && matches!(
                self.w(open - 2),
                "edition" | "cut" | "version" | "remaster" | "collection"
            )
            && self.cap(open - 2)
        {
            let mut a = open - 2;
            while a > 0 && open - 2 - a < 5 && self.titleish(a - 1) {
                a -= 1;
            }
            let edition = self.name(a, open - 1);
            return Some(Cand {
                name: format!("{name} {edition}"),
                at: a,
                end,
                strong: true,
            });
        }
        // "the second season of 'X'" → "X Season 2".
        if open >= 3
            && self.is(open - 1, "of")
            && matches!(
                self.w(open - 2),
                "season" | "part" | "installment" | "volume"
            )
        {
            let n = vocab::ordinal(self.w(open - 3))
                .or_else(|| self.num(open - 3).filter(|t| t.ord).map(|t| t.num));
            if let Some(n) = n {
                let label = match self.w(open - 2) {
                    "volume" => "Vol.",
                    "part" => "Part",
                    _ => "Season",
                };
                // "the original soundtrack for the second season of 'X'".
                let ost = (open.saturating_sub(9)..open - 3).any(|k| {
                    matches!(self.w(k), "soundtrack" | "ost")
                        && matches!(self.w(k + 1), "for" | "of")
                });
                let suffix = if ost { " OST" } else { "" };
                return Some(Cand {
                    name: format!("{name} {label} {n}{suffix}"),
                    at: open,
                    end,
                    strong: true,
                });
            }
        }
        // "soundtrack of tvN's 'Our Blues'" → Our Blues OST.
        let back = open.saturating_sub(5)..open;
        let ost_before = back.clone().any(|k| {
            matches!(self.w(k), "soundtrack" | "ost") && matches!(self.w(k + 1), "of" | "for")
        });
        let clean = last == close;
        if let Some((suffix, e)) = self.ost_suffix(end) {
            name = format!("{name} {suffix}");
            end = e;
        } else if ost_before {
            name = format!("{name} OST");
        } else if !clean {
        } else if matches!(self.w(end), "vol" | "volume")
            && self.num(self.skip_dot(end + 1)).is_some()
        {
            let e2 = self.skip_dot(end + 1) + 1;
            name = format!("{name} {}", self.name(end, e2));
            end = e2;
        } else if matches!(self.w(end), "season" | "part") && self.num(end + 1).is_some() {
            name = format!("{name} {}", self.name(end, end + 2));
            end += 2;
        }
        Some(Cand {
            name,
            at: open,
            end,
            strong: true,
        })
    }

    /// Whether the possessor at `k` ("Baldur" in "Baldur's Gate 3") is one
    /// capitalised word that never occurs in the text except before a possessive.
    pub(crate) fn owner_in_title(&self, k: usize) -> bool {
        let alone = k == 0 || !self.titleish(k - 1);
        let w = self.w(k);
        // A platform or a place is an owner, never part of a title: "Netflix's
        // Pro Bono", "Seoul's Jamsil Sports Complex".
        if !alone
            || w.len() < 3
            || !self.titleish(k)
            || self.num(k).is_some()
            || self.region_at(k).is_some()
        {
            return false;
        }
        !self.any_word_start(w, |at| {
            let next = self.low[at + w.len()..].chars().next();
            next.is_none_or(|c| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}')
        })
    }

    /// Whether `needle` occurs in the lowercased text at the start of a word at
    /// some byte offset `ok` accepts (it judges what may stand around it).
    fn any_word_start(&self, needle: &str, ok: impl Fn(usize) -> bool) -> bool {
        self.low.match_indices(needle).any(|(at, _)| {
            let starts = self.low[..at]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            starts && ok(at)
        })
    }

    /// A capitalised conjunction or "With" opening a sentence or clause.
    fn lead_conjunction(&self, k: usize) -> bool {
        self.cap(k)
            && matches!(
                self.w(k),
                "and" | "but" | "or" | "so" | "yet" | "plus" | "with"
            )
    }

    /// Whether the name at `j..e` also occurs in the text without the possessor
    /// before it: "Rocksteady's Suicide Squad: Kill the Justice League" is the
    /// studio's when the article names "Suicide Squad: Kill the Justice League"
    /// elsewhere; "Gate 3" never stands alone.
    fn said_alone(&self, j: usize, e: usize) -> bool {
        let name = self.name(j, e).to_ascii_lowercase();
        if name.is_empty() {
            return false;
        }
        self.any_word_start(&name, |at| {
            let head = self.low[..at].trim_end_matches(' ');
            let owned = head.ends_with("'s") || head.ends_with("\u{2019}s");
            let next = self.low[at + name.len()..].chars().next();
            !owned && next.is_none_or(|c| !c.is_alphanumeric())
        })
    }

    /// A name followed by an apposition that calls it a work: "Friends That Break
    /// Your Heart, his new album, ...", "Gaslighter, the new album from ...". The
    /// apposition opens with a possessive, or with "the"/"a" and a word that marks a
    /// new work (new, upcoming, latest, debut, next, an ordinal); the work noun is
    /// not itself a possessor ("its film's producers").
    pub(crate) fn appositive_work(&self, e: usize) -> bool {
        if !self.p(e, ',') {
            return false;
        }
        let det = self.w(e + 1);
        let possessive = matches!(det, "his" | "her" | "their" | "its");
        if !possessive && !matches!(det, "the" | "a" | "an") {
            return false;
        }
        let marks_new = |w: &str| {
            matches!(
                w,
                "new" | "upcoming" | "latest" | "debut" | "next" | "forthcoming" | "sophomore"
            ) || vocab::ordinal(w).is_some()
        };
        (e + 2..e + 6).any(|k| {
            work_noun(self.w(k))
                && self.tok(k).is_some_and(|t| !t.cap)
                && !self.p(k + 1, '\'')
                && (possessive || (e + 2..k).any(|j| marks_new(self.w(j))))
        })
    }

    pub(crate) fn clause_start(&self, i: usize, start: usize) -> bool {
        // "; now 4Minute has pushed back ...": an adverb may open the clause.
        if i > start
            && matches!(
                self.w(i - 1),
                "now" | "then" | "so" | "also" | "finally" | "instead"
            )
            && self.tok(i - 1).is_some_and(|t| !t.cap)
            && self.clause_start(i - 1, start)
        {
            return true;
        }
        i == start
            || self.p(i - 1, ',')
            || self.p(i - 1, ';')
            || self.p(i - 1, ':')
            // "Marvel said Echo will ...": a reported clause without "that".
            || matches!(
                self.w(i - 1),
                "that"
                    | "while"
                    | "and"
                    | "but"
                    | "meanwhile"
                    | "as"
                    | "when"
                    | "said"
                    | "says"
                    | "announced"
                    | "confirmed"
                    | "revealed"
                    | "added"
            )
    }

    /// A work verb after an aside set off by commas or dashes: "The Marvels,
    /// previously due November 11th, 2022, now arrives ...", "KGF Chapter 2 — the
    /// eagerly-awaited Kannada movie — will hit screens". The aside is short and
    /// the verb follows one of its commas, its closing dash or its closing bracket.
    pub(crate) fn work_verb_after_aside(&self, e: usize, limit: usize) -> bool {
        // A spaced hyphen or any real dash; a glued hyphen joins words.
        let dash =
            |k: usize| self.p(k, '-') && (!(self.glued(k) || self.glued(k + 1)) || !self.hyphen(k));
        // "Eiga Doraemon (Doraemon the Movie) opens ...": a name in brackets.
        let mark = if self.p(e, ',') {
            ','
        } else if dash(e) {
            '-'
        } else if self.p(e, '(') {
            ')'
        } else {
            return false;
        };
        (e + 2..(e + 14).min(limit)).any(|k| {
            let closes = match mark {
                ',' => self.p(k, ','),
                ')' => self.p(k, ')'),
                _ => dash(k),
            };
            closes && self.work_verb_after(k + 1)
        })
    }

    /// A verb saying the preceding name is a work: "will arrive", "is set to
    /// premiere", "has been delayed", "hits theaters". Adverbs between are skipped
    /// ("was consequently shifted", "has quietly slipped").
    pub(crate) fn work_verb_after(&self, e: usize) -> bool {
        let mut k = e;
        let mut steps = 0;
        let adverb = |w: &str| {
            w.len() > 4
                && w.ends_with("ly")
                && !matches!(
                    w,
                    "early" | "only" | "july" | "family" | "rally" | "reply" | "supply"
                )
        };
        while steps < 5
            && (adverb(self.w(k))
                || matches!(
                    self.w(k),
                    "will"
                        | "would"
                        | "should"
                        | "shall"
                        | "could"
                        | "might"
                        | "is"
                        | "are"
                        | "was"
                        | "has"
                        | "have"
                        | "had"
                        | "now"
                        | "been"
                        | "be"
                        | "set"
                        | "to"
                        | "slated"
                        | "scheduled"
                        | "expected"
                        | "finally"
                        | "officially"
                        | "also"
                        | "still"
                        | "then"
                        | "originally"
                        | "initially"
                        | "reportedly"
                        | "both"
                        | "all"
                        | "each"
                        // "X will not open on March 20 as planned", "X will no
                        // longer open on May 22": a negated release still names X.
                        | "not"
                        | "no"
                        | "longer"
                        | "never"
                ))
        {
            k += 1;
            steps += 1;
        }
        // "X won't open", "X isn't due", "X still hasn't been dated": a
        // negated auxiliary and its clitic.
        if matches!(
            self.w(k),
            "won" | "isn" | "aren" | "wasn" | "doesn" | "didn" | "hasn" | "haven" | "wouldn"
        ) && self.p(k + 1, '\'')
            && self.negation(k + 2)
            && steps < 5
        {
            k += 3;
            while matches!(self.w(k), "be" | "been" | "now" | "yet") {
                k += 1;
            }
        }
        let w = self.w(k);
        // "X is slated for 2026", "X is due in March", "X is on track for fall".
        let planned = k > e
            && matches!(self.w(k - 1), "slated" | "scheduled" | "set" | "expected")
            && w == "for";
        let on_track = w == "on" && matches!(self.w(k + 1), "track" | "schedule");
        if planned
            || on_track
            || (w == "due" && matches!(self.w(k + 1), "in" | "on" | "out" | "for"))
        {
            return true;
        }
        // "Arctic Harbour will return with a new album" names the artist.
        if matches!(w, "return" | "returns") && matches!(self.w(k + 1), "with" | "to" | "as") {
            return false;
        }
        // "NBC will air the opener": a transitive use names a broadcaster.
        // A date is not an object: "opens March 12", "airs Sunday".
        let date_next = vocab::month(self.w(k + 1)).is_some()
            || vocab::weekday(self.w(k + 1)).is_some()
            || self.num(k + 1).is_some();
        let object = self.tok(k + 1).is_some_and(|n| n.cap) && !date_next
            || matches!(
                self.w(k + 1),
                "the" | "a" | "an" | "its" | "their" | "his" | "her"
            );
        if matches!(
            w,
            "air"
                | "airs"
                | "open"
                | "opens"
                | "launch"
                | "launches"
                | "debut"
                | "debuts"
                | "release"
                | "releases"
                | "drop"
                | "drops"
                | "stream"
                | "streams"
        ) && object
        {
            return false;
        }
        // Passive or intransitive moves only: "has been delayed", "delayed to
        // 2026"; "Rockstar has delayed GTA VI" names the company.
        let moved = matches!(
            w,
            "delayed" | "postponed" | "pushed" | "moved" | "preponed" | "rescheduled" | "shifted"
        ) && (matches!(
            self.w(k.wrapping_sub(1)),
            "been" | "was" | "is" | "be" | "are" | "were" | "being"
        ) || matches!(
            self.w(k + 1),
            "to" | "until" | "by" | "again" | "indefinitely" | "from" | "back" | "up" | "forward"
        ));
        // Motion and keeping verbs of a calendar: "King Richard goes from ... to
        // ...", "Dune heads to November", "Wicked keeps its date".
        let motion = matches!(
            w,
            "goes"
                | "going"
                | "moves"
                | "moving"
                | "heads"
                | "heading"
                | "jumps"
                | "jumping"
                | "slides"
                | "sliding"
                | "shifts"
                | "shifting"
                | "leaps"
        ) && matches!(
            self.w(k + 1),
            "from" | "to" | "up" | "back" | "forward" | "ahead" | "into"
        );
        let keeping = matches!(
            w,
            "keeps"
                | "holds"
                | "retains"
                | "stays"
                | "remains"
                | "keep"
                | "hold"
                | "retain"
                | "stay"
        ) && matches!(
            self.w(k + 1),
            "its"
                | "their"
                | "on"
                | "put"
                | "at"
                | "set"
                | "scheduled"
                | "slated"
                | "dated"
                | "due"
                | "locked"
        );
        // "Big Bang had been scheduled to come back", "the book comes out in May".
        let comes =
            matches!(w, "come" | "comes" | "coming") && matches!(self.w(k + 1), "out" | "back");
        // "4Minute has pushed back their release date": an act that moves its own
        // release names the release (a K-pop comeback goes by its act's name).
        let own_release = matches!(
            w,
            "delayed" | "postponed" | "pushed" | "moved" | "preponed" | "rescheduled" | "shifted"
        ) && {
            let o = k + 1 + usize::from(matches!(self.w(k + 1), "back" | "up" | "forward"));
            matches!(self.w(o), "its" | "their" | "his" | "her")
                && (o + 1..o + 3).any(|j| {
                    matches!(
                        self.w(j),
                        "release" | "comeback" | "debut" | "premiere" | "launch" | "return"
                    )
                })
        };
        moved
            || motion
            || keeping
            || comes
            || own_release
            || matches!(
                w,
                "arrive"
                    | "arrives"
                    | "premiere"
                    | "premieres"
                    | "debut"
                    | "debuts"
                    | "hit"
                    | "hits"
                    | "open"
                    | "opens"
                    | "air"
                    | "airs"
                    | "land"
                    | "lands"
                    | "released"
                    | "slipped"
                    | "slips"
                    | "out"
                    | "due"
                    | "bows"
                    | "stream"
                    | "streams"
                    | "launches"
                    | "returns"
                    | "return"
                    | "returning"
            )
            || (matches!(w, "launch" | "release" | "drop")
                && k > e
                && self.w(k - 1) == "to"
                && steps >= 2
                && matches!(self.w(k + 1), "on" | "in"))
            // Intransitive: "Daaku Maharaaj will release on Jan. 12", "Volume 2
            // follows on July 1"; a maker releases something ("will release her
            // album"), so only a date or its preposition may come next.
            || (matches!(
                w,
                "release" | "releases" | "launch" | "drop" | "follow" | "follows"
            ) && (date_next
                || matches!(
                    self.w(k + 1),
                    "on" | "in" | "worldwide" | "globally"
                )))
    }
}
