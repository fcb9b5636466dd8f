//! Cue words: what makes a date a release date, a moved date, a replaced date, or
//! something else (a birthday, a concert, a report date). Rule tables are plain
//! `match`es on lowercase words; multi-word cues look ahead a few tokens.

use super::temporal::Scanner;
use rustc_hash::FxHashSet;
use std::sync::LazyLock;

/// What a cue says about the dates near it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    /// released, drops, premieres, airs, hits theaters, goes on sale ...
    Release,
    /// preponed, moved up, pulled forward, ahead of schedule ...
    Earlier,
    /// postponed, delayed, pushed back, slipped ...
    Later,
    /// indefinitely, TBA, until further notice.
    Indefinite,
    /// rescheduled, moved, shifted: a move with no stated direction.
    Moved,
    /// originally, previously, initially, instead of: the date that was replaced.
    Previous,
    /// now, new: the date in force after a move.
    Current,
    /// announced, said, revealed: the date of a statement.
    Report,
    /// birthday, concert, tour, box office, tickets: not a release.
    Distractor,
    /// reportedly, rumoured, could: lowers confidence.
    Hedge,
}

/// A cue found at a token, with its length in tokens.
#[derive(Debug, Clone, Copy)]
pub struct CueHit {
    pub cue: Cue,
    pub at: usize,
    pub len: usize,
}

/// The single-word class of a cue word, in one table: release verbs, report
/// verbs, hedges and distractors (one `match` is much cheaper than four).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WordClass {
    Release,
    Report,
    Hedge,
    Distractor,
}

fn word_class(w: &str) -> Option<WordClass> {
    Some(match w {
        "release" | "released" | "releases" | "releasing" | "drop" | "drops" | "dropped"
        | "dropping" | "premiere" | "premieres" | "premiered" | "premiering" | "air" | "airs"
        | "aired" | "airing" | "debut" | "debuts" | "debuted" | "debuting" | "launch"
        | "launches" | "launched" | "launching" | "arrive" | "arrives" | "arrived" | "arriving"
        | "land" | "lands" | "landing" | "out" | "comeback" | "publish" | "publishes"
        | "published" | "publication" | "ship" | "ships" | "shipping" | "streams" | "streaming"
        | "stream" | "bow" | "bows" | "unveiled" | "unveil" | "unveils" | "return" | "returns"
        | "returning" | "hits" | "hit" | "opens" | "open" | "opening" | "due" | "dated"
        | "slated" | "scheduled" | "expected" | "available" | "preparing" | "followed"
        | "holds" | "retains" | "remains" | "stays" | "keeps" | "broadcasting" | "bringing"
        | "follow" | "begin" | "begins" | "start" | "starts" | "listed" | "follows" | "planned"
        | "broadcast" | "broadcasts" | "screens" | "arrival" | "rollout" => WordClass::Release,
        "announced" | "said" | "says" | "revealed" | "reported" | "confirmed" | "posted"
        | "told" | "explained" | "shared" | "wrote" | "noted" | "stated" | "added"
        | "announcing" | "tweeted" | "teased" | "according" | "informed" | "notified"
        | "disclosed" | "commented" | "responded" | "confirms" | "reveals" | "announces"
        | "teases" | "notes" | "states" => WordClass::Report,
        "reportedly" | "rumored" | "rumoured" | "rumor" | "rumour" | "rumors" | "rumours"
        | "could" | "might" | "may" | "allegedly" | "leak" | "leaked" | "leaks" | "speculated"
        | "speculation" | "insider" | "insiders" | "possibly" | "tentatively" | "tentative"
        | "unconfirmed" | "aiming" | "eyeing" | "targeting" | "claims" | "leaker" => {
            WordClass::Hedge
        }
        "birthday" | "birthdays" | "concert" | "concerts" | "tour" | "tours" | "touring"
        | "showcase" | "fanmeeting" | "fanmeet" | "festival" | "ceremony" | "awards" | "award"
        | "gala" | "anniversary" | "tickets" | "ticket" | "presale" | "presales" | "preorder"
        | "preorders" | "teaser" | "teasers" | "trailer" | "trailers" | "poster" | "posters"
        | "photos" | "photo" | "tracklist" | "filming" | "shooting" | "wedding" | "ratings"
        | "rating" | "screening" | "panel" | "convention" | "exhibition" | "livestream"
        | "enlistment" | "enlisted" | "discharge" | "died" | "funeral" | "married" | "event"
        | "events" | "expo" | "demo" | "beta" | "playtest" | "earnings" | "grossed" | "gross"
        | "opening-weekend" | "signing" | "scheduler" | "highlight" | "medley" | "preview"
        | "previews" | "episode" | "episodes" | "finale" | "meeting" | "rehearsal"
        | "rehearsals" | "interview" | "auditions" | "casting" | "shoot" | "wrapped"
        | "recording" | "vote" | "voting" | "performance" | "performances" | "listening"
        | "party" | "production" | "orders" | "update" | "patch" | "completed" | "reshoots"
        | "reshoot" | "screenings" | "trek" | "magazine" | "issue" | "chart" | "charts"
        | "oscars" | "grammys" | "emmys" | "globes" | "earning" | "earned" | "grossing"
        | "floors" | "opener" | "football" | "crore" | "crores" | "video" | "videos" | "mv"
        | "clip" | "clips" | "visual" | "promo" | "photography" | "wrap" | "wraps" | "began"
        | "started" | "commence" | "shows" | "gig" | "gigs" | "residency" | "stage"
        | "calendar" | "lineup" | "slate" | "schedule" | "experience" | "exhibit" | "popup"
        | "attraction" | "enlist" | "enlists" | "enlisting" | "discharged" | "conscription"
        | "bookings" | "booking" | "trial" | "hearing" | "hearings" | "jury" | "passes"
        | "results" | "nominations" | "nomination" | "nominees" => WordClass::Distractor,
        _ => return None,
    })
}

/// Nouns that name an event, an appearance or a step of making a work, never the
/// work itself: what a move of them moves is not a release date.
fn event_noun(w: &str) -> bool {
    matches!(
        w,
        "tour"
            | "tours"
            | "concert"
            | "concerts"
            | "residency"
            | "gig"
            | "gigs"
            | "fanmeeting"
            | "fanmeet"
            | "showcase"
            | "festival"
            | "ceremony"
            | "awards"
            | "gala"
            | "screening"
            | "screenings"
            | "production"
            | "filming"
            | "shooting"
            | "shoot"
            | "episode"
            | "episodes"
            | "trailer"
            | "trailers"
            | "teaser"
            | "teasers"
            | "event"
            | "events"
            | "panel"
            | "convention"
            | "expo"
            | "meeting"
            | "rehearsal"
            | "rehearsals"
            | "trial"
            | "hearing"
            | "wedding"
            | "match"
            | "livestream"
            | "presale"
            | "tickets"
            | "preorders"
            | "signing"
            | "auditions"
            | "orders"
            | "nominations"
    )
}

fn vocab_count(w: &str) -> bool {
    super::vocab::cardinal(w).is_some()
}

/// Every word that begins a pattern of `multi_word_cue`, so that `cue_at` can
/// skip that match for the others (debug builds check that none is missing).
static CUE_LEADS: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| {
    "moved move moves moving bumped bump bumps brought bring brings pulled pull pulls
     ahead start begin early get gets getting military mandatory alternative his her
     their earlier sooner pushed push pushes pushing set later no is are now hold
     holds held holding host hosts hosted hosting stage stages staged staging miss
     misses missed missing box shifting shifts shifted goes go going went jumps
     jumped slides slid slips slipped gone jumping sliding heads headed leaps leapt
     hops hopped switches switched until date not pulling removed removes to at
     instead rather as first was were had have come comes coming came kicks kick on
     sets dates dated slates slated debut debuts debuted debuting be in fan music
     track took takes taken taking new"
        .split_whitespace()
        .collect()
});

impl Scanner<'_> {
    /// The cue starting at token `i`, if any.
    pub(crate) fn cue_at(&self, i: usize) -> Option<CueHit> {
        let w = self.w(i);
        if w.is_empty() {
            return self.money(i);
        }
        let w1 = self.w(i + 1);
        let w2 = self.w(i + 2);
        let hit = |cue, len| Some(CueHit { cue, at: i, len });
        // Multi-word cues first. Most words lead none, and one set lookup
        // turns them away before the long match.
        let multi = if CUE_LEADS.contains(w) {
            self.multi_word_cue(i, w, w1, w2)
        } else {
            debug_assert!(
                self.multi_word_cue(i, w, w1, w2).is_none(),
                "`{w}` leads a multi-word cue: add it to CUE_LEADS"
            );
            None
        };
        if multi.is_some() {
            return multi;
        }
        let class = word_class(w);
        let cue = if w.starts_with("prepone") || w.starts_with("advanced") {
            Cue::Earlier
        } else if w == "delays"
            && !(matches!(
                w1,
                "the" | "its" | "their" | "his" | "her" | "a" | "an" | "to" | "until" | "release"
            ) || self.cap(i + 1)
                || self.p(i + 1, '\'')
                || self.p(i + 1, '"'))
        {
            // The plural noun ("further delays are likely", "delivery delays and
            // Covid", "after two delays,") tells about delays; only the verb ("Rockstar
            // delays GTA 6 to 2026", "delays its launch", "delays 'X'") states one.
            return None;
        } else if w.starts_with("postpone")
            || w.starts_with("delay")
            || w.starts_with("slip")
            || matches!(w, "pushed" | "push" | "pushes" | "pushing")
        {
            Cue::Later
        } else if matches!(w, "indefinitely" | "tba" | "tbd" | "indefinite" | "hiatus") {
            Cue::Indefinite
        } else if w.starts_with("reschedul")
            || matches!(w, "moved" | "shifted" | "shifts" | "changed" | "relocated")
        {
            Cue::Moved
        } else if matches!(w, "originally" | "previously" | "initially" | "formerly")
            || (w == "original"
                && matches!(
                    w1,
                    "date"
                        | "release"
                        | "plan"
                        | "plans"
                        | "schedule"
                        | "premiere"
                        | "slot"
                        | "target"
                        | "window"
                ))
        {
            Cue::Previous
        } else if matches!(w, "now" | "new" | "instead" | "newly" | "revised") {
            Cue::Current
        } else if w == "releases"
            && matches!(
                self.w(i.wrapping_sub(1)),
                "new"
                    | "wide"
                    | "other"
                    | "major"
                    | "big"
                    | "several"
                    | "holiday"
                    | "weekend"
                    | "limited"
                    | "many"
            )
        {
            return None;
        } else if class == Some(WordClass::Release) {
            // "out" only counts as "out on"/"out now"/"is out".
            if w == "out"
                && !(matches!(
                    w1,
                    "on" | "now" | "in" | "this" | "next" | "today" | "tomorrow" | "as"
                ) || self.num(i + 1).is_some()
                    || self.month_at(i + 1).is_some()
                    || self.cap(i + 1)
                    || self.p(i + 1, ','))
            {
                return None;
            }
            // "hits theaters", "hit screens on May 16"; not "the first hit of 2026".
            if matches!(w, "hit" | "hits")
                && !(matches!(
                    w1,
                    "theaters"
                        | "theatres"
                        | "cinemas"
                        | "screens"
                        | "shelves"
                        | "stores"
                        | "streaming"
                        | "the"
                        | "netflix"
                        | "digital"
                        | "platforms"
                        | "on"
                        | "in"
                        | "this"
                        | "next"
                        | "bookstores"
                ) || self.month_at(i + 1).is_some()
                    || super::vocab::weekday(w1).is_some())
            {
                return None;
            }
            Cue::Release
        } else if class == Some(WordClass::Report) {
            Cue::Report
        } else if class == Some(WordClass::Hedge) && !(w == "may" && self.cap(i)) {
            Cue::Hedge
        } else if class == Some(WordClass::Distractor)
            && !(self.cap(i)
                && i > 0
                && matches!(
                    w,
                    "video" | "videos" | "party" | "visual" | "clip" | "stage"
                ))
            && !(self.p(i.wrapping_sub(1), '-')
                && self.tok(i).is_some_and(|t| t.glued)
                && (self.num(i.wrapping_sub(2)).is_some()
                    || vocab_count(self.w(i.wrapping_sub(2)))))
            && !self.season_batch(i)
        {
            Cue::Distractor
        } else {
            return None;
        };
        hit(cue, 1)
    }

    /// The multi-word cue at token `i` (words `w`, `w1`, `w2`). Every first
    /// word of its patterns is in [`CUE_LEADS`].
    fn multi_word_cue(&self, i: usize, w: &str, w1: &str, w2: &str) -> Option<CueHit> {
        let hit = |cue, len| Some(CueHit { cue, at: i, len });
        match (w, w1, w2) {
            ("moved" | "move" | "moves" | "moving" | "bumped" | "bump" | "bumps", "up", _) => {
                return hit(Cue::Earlier, 2)
            }
            (
                "moved" | "move" | "moves" | "brought" | "bring" | "brings" | "pulled" | "pull"
                | "pulls" | "bumped",
                "forward" | "ahead",
                _,
            ) => return hit(Cue::Earlier, 2),
            ("ahead", "of", "schedule") => return hit(Cue::Earlier, 3),
            // "Players who buy the deluxe edition can start playing 72 hours
            // earlier, on Feb. 7", "get access three days early": early access for
            // an edition, not the release.
            ("start" | "begin", "playing", _)
            | ("early", "access", _)
            | ("get" | "gets" | "getting", "access", _) => return hit(Cue::Distractor, 2),
            // "is expected to begin his military service this year", "to complete
            // their service by June 2025": a date of the army, not of a work.
            (
                "military" | "mandatory" | "alternative" | "his" | "her" | "their",
                "service" | "duty",
                _,
            ) => return hit(Cue::Distractor, 2),
            ("earlier" | "sooner", "than", _) => return hit(Cue::Earlier, 2),
            (
                "pushed" | "push" | "pushes" | "pushing" | "moved" | "move" | "moves" | "set",
                "back",
                _,
            ) => return hit(Cue::Later, 2),
            ("later", "than", _) => return hit(Cue::Later, 2),
            ("no", "longer", _) => return hit(Cue::Previous, 2),
            // "the planned summer premiere is now off".
            ("is" | "are" | "now", "off", _) | ("is" | "are", "now", "off")
                if (i.saturating_sub(2)..i).any(|k| {
                    matches!(
                        self.w(k),
                        "premiere" | "release" | "launch" | "debut" | "broadcast" | "date"
                    )
                }) =>
            {
                return hit(Cue::Indefinite, 2)
            }
            // "Larian will host a community stream on June 15", "will hold a
            // live event": what one holds or hosts is an event, whatever its name
            // ("holds its July 31 date" keeps a release and is not this).
            (
                "hold" | "holds" | "held" | "holding" | "host" | "hosts" | "hosted" | "hosting"
                | "stage" | "stages" | "staged" | "staging",
                "a" | "an",
                _,
            ) => return hit(Cue::Distractor, 1),
            // "Avowed will miss its fall 2024 release", "Donda misses its date":
            // a work that misses its own date is late ("won't miss" is not).
            ("miss" | "misses" | "missed" | "missing", "its" | "their", _)
                if (i + 2..i + 6).any(|k| {
                    matches!(
                        self.w(k),
                        "date" | "window" | "release" | "launch" | "slot" | "premiere"
                    )
                }) && !(i.saturating_sub(3)..i).any(|k| self.negation(k)) =>
            {
                return hit(Cue::Later, 1)
            }
            ("box", _, _) if w1 == "office" || (self.p(i + 1, '-') && w2 == "office") => {
                return hit(Cue::Distractor, 2)
            }
            ("moving" | "moves" | "move" | "shifting" | "shifts", "to" | "from" | "into", _) => {
                return hit(Cue::Moved, 1)
            }
            // A measure between the verb and its dates: "is moving a full year to
            // May 27", "goes back a few months, from Feb. 14 to May 2".
            (
                "moving" | "moves" | "move" | "moved" | "shifting" | "shifts" | "shifted" | "goes"
                | "go" | "going" | "went" | "jumps" | "jumped" | "slides" | "slid" | "slips"
                | "slipped",
                _,
                _,
            ) if {
                let back = matches!(w1, "back" | "up" | "forward");
                self.measure_then_date(i + 1 + usize::from(back))
            } =>
            {
                let cue = match w1 {
                    "back" => Cue::Later,
                    "up" | "forward" => Cue::Earlier,
                    _ => Cue::Moved,
                };
                return hit(cue, 1 + usize::from(cue != Cue::Moved));
            }
            // A verb of motion from a date: "King Richard goes from November 25 to
            // ...", "the film slides from Nov. 3", "jumped from May to March". Only
            // before a date: "goes from refugee to messiah" is no move.
            (
                "goes" | "go" | "going" | "went" | "gone" | "jumps" | "jumped" | "jumping"
                | "slides" | "slid" | "sliding" | "heads" | "headed" | "leaps" | "leapt" | "hops"
                | "hopped" | "switches" | "switched",
                "from",
                _,
            ) if self.at(i + 2).is_some() => return hit(Cue::Moved, 1),
            ("until", "further", "notice") => return hit(Cue::Indefinite, 3),
            // "July 17 is now the new date", "the new date is", "a new date of":
            // a date noun said to be in force, linked to its date by a copula or
            // "of", anchors it ("release date" and "premiere date" already do
            // through their first word). Not "the new date places the show in
            // the holiday weekend".
            ("date", _, _)
                if matches!(
                    self.w(i.wrapping_sub(1)),
                    "new" | "revised" | "official" | "updated" | "confirmed" | "final"
                ) && (matches!(w1, "is" | "of" | "will")
                    || self.p(i + 1, ':')
                    || matches!(self.w(i.wrapping_sub(3)), "is" | "now" | "as")) =>
            {
                return hit(Cue::Release, 1)
            }
            // "No new publication date", "a new release date has not been
            // announced": only about a date.
            ("no", "new", _) if (i + 2..i + 4).any(|k| self.is(k, "date")) => {
                return hit(Cue::Indefinite, 2)
            }
            // "Paramount did not give a new date", "said a new date would be
            // announced when circumstances improve", "once a new release date has
            // been decided": a new date still to come leaves the work undated.
            ("new", _, _) if self.pending_new_date(i) => return hit(Cue::Indefinite, 1),
            ("not", "been", "announced" | "set" | "confirmed" | "given" | "decided")
                if (i.saturating_sub(4)..i).any(|k| self.is(k, "date")) =>
            {
                return hit(Cue::Indefinite, 3)
            }
            // "pulled the launch", "removed 'Dark Harbor' from its summer slate".
            ("pulled" | "pulls" | "pull" | "pulling" | "removed" | "removes", _, _)
                if (matches!(w1, "the" | "its" | "their")
                    && matches!(
                        w2,
                        "launch"
                            | "release"
                            | "premiere"
                            | "film"
                            | "game"
                            | "album"
                            | "book"
                            | "movie"
                            | "series"
                            | "show"
                    ))
                    || (i + 1..i + 12).any(|k| {
                        matches!(self.w(k), "slate" | "calendar" | "schedule" | "lineup")
                    })
                    || self.taken_off_its_date(i) =>
            {
                return hit(Cue::Later, 1)
            }
            // "Paramount took A Quiet Place Part II off its March 20 opening".
            ("took" | "takes" | "taken" | "taking", _, _) if self.taken_off_its_date(i) => {
                return hit(Cue::Later, 1)
            }
            ("to", "be", "announced" | "determined" | "confirmed") => {
                return hit(Cue::Indefinite, 3)
            }
            ("at", "a", "later") => return hit(Cue::Indefinite, 3),
            ("instead", "of", _) | ("rather", "than", _) => return hit(Cue::Previous, 2),
            ("as", "originally" | "previously", _) => return hit(Cue::Previous, 2),
            (
                "first",
                "announced" | "scheduled" | "slated" | "set" | "planned" | "due" | "dated"
                | "pegged" | "targeted",
                _,
            ) => return hit(Cue::Previous, 2),
            (
                "was" | "were",
                "earlier" | "set" | "scheduled" | "slated" | "due" | "supposed" | "expected"
                | "planned" | "meant" | "originally" | "initially" | "previously" | "going"
                | "locked" | "dated" | "penciled" | "pencilled" | "earmarked" | "eyeing"
                | "targeting" | "tipped",
                _,
            ) => return hit(Cue::Previous, 2),
            ("had", "been", _) => return hit(Cue::Previous, 2),
            // A plan told in the past perfect or as a past future is the plan that
            // changed: "had officially announced December 6 as the opening", "was
            // to be released on Dec. 14, but ...". Not "had announced that ...".
            ("had", _, _) if planned_participle(w1) && w2 != "that" => {
                return hit(Cue::Previous, 2)
            }
            // "had originally planned", "had first planned": an adverb of the
            // earlier plan between "had" and the participle.
            ("had", _, _)
                if (w1.ends_with("ly") || w1 == "first")
                    && planned_participle(w2)
                    && self.w(i + 3) != "that" =>
            {
                return hit(Cue::Previous, 3)
            }
            // "had first been planned for October 10".
            ("had", "first" | "originally" | "initially", "been") => return hit(Cue::Previous, 3),
            ("was" | "were", "to", "be") => return hit(Cue::Previous, 3),
            ("had" | "have", "expected" | "hoped" | "anticipated" | "speculated", _) => {
                return hit(Cue::Distractor, 2)
            }
            ("come" | "comes" | "coming" | "came", "out", _) => return hit(Cue::Release, 2),
            ("kicks" | "kick", "off", _) => return hit(Cue::Release, 2),
            ("on", "track", _) | ("on", "schedule", _) => return hit(Cue::Release, 2),
            // "is currently set for Sept. 24": a work set for a date, after a copula
            // or an adverb of status ("set" alone is too loose: a film set in 1920s
            // Seoul, a box set).
            ("set", "for", _)
                if matches!(
                    self.w(i.wrapping_sub(1)),
                    "is" | "are"
                        | "be"
                        | "been"
                        | "being"
                        | "now"
                        | "currently"
                        | "still"
                        | "officially"
                        | "tentatively"
                        | "firmly"
                        | "remains"
                        | "stays"
                ) =>
            {
                return hit(Cue::Release, 2)
            }
            // "Universal has set the film for July 17", "the presentation also set
            // Lantern Vale for Jan. 20", "Sony set Spider-Man for May 16": a studio
            // setting a work for a date, the work between the verb and "for". In
            // the past tense the verb needs its setter right before it: a name or
            // a noun of who sets dates.
            ("set" | "sets" | "dates" | "dated" | "slates" | "slated", _, _)
                if (matches!(w, "sets" | "dates" | "slates")
                    || matches!(
                        self.w(i.wrapping_sub(1)),
                        "has" | "have" | "also" | "will" | "officially" | "finally" | "now"
                    )
                    || self.setter(i.wrapping_sub(1)))
                    && self.dated_object(i + 1) =>
            {
                return hit(Cue::Release, 1)
            }
            ("coming" | "comes", "in" | "to" | "on" | "this" | "next" | "later" | "early", _) => {
                return hit(Cue::Release, 1)
            }
            ("debut" | "debuts" | "debuted" | "debuting", "at" | "atop", _) => {
                return hit(Cue::Distractor, 2)
            }
            ("is" | "are" | "be" | "comes" | "come", "back", _) => return hit(Cue::Release, 2),
            ("go" | "goes" | "going" | "went", "on", "sale") => return hit(Cue::Release, 3),
            ("on", "sale", _) => return hit(Cue::Release, 2),
            ("in", "theaters" | "theatres" | "cinemas" | "stores", _) => {
                return hit(Cue::Release, 2)
            }
            ("box", "office", _) => return hit(Cue::Distractor, 2),
            ("fan", "meeting" | "meet" | "event" | "club", _) => return hit(Cue::Distractor, 2),
            ("music", "show" | "video", _) => return hit(Cue::Distractor, 2),
            ("track", "list", _) => return hit(Cue::Distractor, 2),
            ("is" | "are", "said", "to") => return hit(Cue::Hedge, 3),
            ("took", "to", _) => return hit(Cue::Report, 2),
            _ => {}
        }
        None
    }

    /// A measure of time ("a full year", "a few months", "two weeks", "a couple
    /// of days later") at `k`, then "to", "from" or "into" and a date.
    fn measure_then_date(&self, k: usize) -> bool {
        let mut j = k;
        if matches!(self.w(j), "a" | "an") || self.num(j).is_some() || vocab_count(self.w(j)) {
            j += 1;
        }
        if matches!(self.w(j), "full" | "few" | "whole" | "good" | "extra") {
            j += 1;
        }
        if self.is(j, "couple") && self.is(j + 1, "of") {
            j += 2;
        }
        if j == k || super::vocab::unit(self.w(j)).is_none() {
            return false;
        }
        j += 1;
        if matches!(self.w(j), "later" | "earlier" | "sooner") {
            j += 1;
        }
        if self.p(j, ',') {
            j += 1;
        }
        matches!(self.w(j), "to" | "from" | "into") && self.at(j + 1).is_some()
    }

    /// "the first four episodes on Aug. 6", "the remaining episodes will premiere",
    /// "premieres with two episodes", "all eight episodes will arrive": the batch
    /// of episodes that opens, closes or is a whole season is the season's
    /// release, not an event beside it ("episodes 9 and 10", "the May 21 episode"
    /// stay events).
    fn season_batch(&self, i: usize) -> bool {
        if !matches!(self.w(i), "episode" | "episodes") {
            return false;
        }
        let edge = |w: &str| {
            matches!(
                w,
                "first" | "last" | "final" | "remaining" | "opening" | "all"
            )
        };
        let (prev, prev2) = (self.w(i.wrapping_sub(1)), self.w(i.wrapping_sub(2)));
        let count = self.num(i.wrapping_sub(1)).is_some() || vocab_count(prev);
        edge(prev) || (count && (edge(prev2) || prev2 == "with"))
    }

    /// Whether the move cue `c` moves something other than a release: an event
    /// named as its object ("postponed two concerts", "postpones her residency") or
    /// as the subject of its clause ("the production had been pushed back",
    /// "episodes 9 and 10 will air a week later"), a chart place ("slips to No. 8",
    /// or any "No. 3" in the sentence) or a time slot ("shifting to 8 p.m."). `titles` are the token spans of the
    /// works named in the sentence: an event word before a title ("the tour-ready
    /// album X has been delayed") does not speak for the title.
    pub(crate) fn moves_an_event(&self, c: &CueHit, titles: &[(usize, usize)]) -> bool {
        let in_title = |k: usize| titles.iter().any(|&(a, b)| a <= k && k < b);
        let after = c.at + c.len;
        // A chart place or a time of day after "to".
        let to = if self.is(after, "to") {
            after + 1
        } else {
            after
        };
        let chart = matches!(self.w(to), "no" | "number" | "spot" | "place");
        let clock = self.num(to).is_some()
            && (matches!(self.w(to + 1), "p" | "a" | "pm" | "am" | "o") || self.p(to + 1, ':'));
        // A chart place anywhere in the sentence: "Lose Control slips" beside
        // "climbs to No. 3".
        let place = (0..self.toks.len())
            .any(|k| self.is(k, "no") && self.p(k + 1, '.') && self.num(k + 2).is_some());
        if chart || clock || place {
            return true;
        }
        // The object: the words after an active verb up to a preposition or a stop.
        // The period of an abbreviation ("U.S. pre-orders") ends no phrase.
        let object =
            (after..after + 12)
                .take_while(|&k| {
                    !self.toks.get(k).is_none_or(|t| {
                        t.is_punct(',') || (t.is_punct('.') && !self.abbreviated(k))
                    }) && !matches!(
                        self.w(k),
                        "to" | "until"
                            | "from"
                            | "by"
                            | "for"
                            | "due"
                            | "because"
                            | "after"
                            | "amid"
                            | "following"
                            | "at"
                            | "in"
                            | "on"
                            | "as"
                    )
                })
                .any(|k| !in_title(k) && event_noun(self.w(k)));
        // The subject: back to the clause start, unless a title comes after the event.
        // "Episodes 9 and 10 will air a week later": an "and" between two
        // numbers joins them inside one noun phrase.
        let numbers_joined =
            |k: usize| self.num(k.wrapping_sub(1)).is_some() && self.num(k + 1).is_some();
        let start = (c.at.saturating_sub(10)..c.at)
            .rev()
            .find(|&k| {
                self.p(k, ',')
                    || self.p(k, ';')
                    || (matches!(self.w(k), "and" | "but" | "which" | "that" | "while")
                        && !numbers_joined(k))
            })
            .map_or(c.at.saturating_sub(10), |k| k + 1);
        let subject = (start..c.at).any(|k| {
            !in_title(k) && event_noun(self.w(k)) && !titles.iter().any(|&(a, _)| a > k && a < c.at)
        });
        object || subject
    }

    /// "The nominations, originally planned for Jan. 17 and then moved to Jan.
    /// 19, will now be revealed on Jan. 23", "The film opens in May; the
    /// ceremony will now take place on Jan. 15": when a clause opens with a noun
    /// phrase whose head is an event word, what its predicates date is that
    /// event, even through a parenthetical or a second verb. A clause opens the
    /// sentence, or follows a semicolon or a comma and a conjunction ("…, and a
    /// gala is planned for June"); a later clause's subject starts with a
    /// determiner. Returns whether token `at` lies in such a clause.
    /// `titles` are the token spans of the works named in the sentence.
    pub(crate) fn event_led(&self, cues: &[CueHit], titles: &[(usize, usize)], at: usize) -> bool {
        let joins = |k: usize| {
            matches!(self.w(k), "and" | "but" | "while" | "whereas") && k > 0 && self.p(k - 1, ',')
        };
        let starts = std::iter::once(0)
            .chain((0..at).filter_map(|k| (self.p(k, ';') || joins(k)).then_some(k + 1)));
        starts
            .filter_map(|s| self.event_subject_reach(cues, titles, s))
            .any(|r| at < r)
    }

    /// The token where the reach of an event subject opening the clause at
    /// `start` ends: a semicolon, or a conjunction that opens a clause of its
    /// own ("and the film opens ...", "but Dune opens ..."). None when the
    /// clause does not open with an event subject.
    fn event_subject_reach(
        &self,
        cues: &[CueHit],
        titles: &[(usize, usize)],
        start: usize,
    ) -> Option<usize> {
        let n = self.toks.len();
        if start > 0
            && !matches!(
                self.w(start),
                "the" | "a" | "an" | "its" | "his" | "her" | "their" | "this"
            )
        {
            return None;
        }
        let first_cue = cues
            .iter()
            .filter(|c| c.cue != Cue::Distractor && c.at >= start)
            .map(|c| c.at)
            .min()
            .unwrap_or(n);
        let stop = (start..n.min(start + 7)).find(|&k| {
            [',', ';', ':', '(', ')', '"', '.', '!', '?']
                .iter()
                .any(|&c| self.p(k, c))
                || k >= first_cue
                || matches!(
                    self.w(k),
                    "will"
                        | "is"
                        | "was"
                        | "are"
                        | "were"
                        | "has"
                        | "have"
                        | "had"
                        | "would"
                        | "could"
                        | "should"
                        | "can"
                        | "may"
                        | "might"
                        | "which"
                        | "that"
                        | "who"
                )
        })?;
        let head = stop.checked_sub(1).filter(|&h| h >= start)?;
        // A capitalised head may end a title ("Taylor Swift: The Eras Tour");
        // the first word of a sentence is capitalised anyway.
        // Episodes are left to the episode rules ("the remaining episodes will
        // premiere Nov. 10" is the rest of a season).
        if (head > 0 && self.cap(head))
            || !event_noun(self.w(head))
            || matches!(self.w(head), "episode" | "episodes")
            || titles.iter().any(|&(a, _)| a >= start && a < stop)
        {
            return None;
        }
        // "Although its teaser has already been released, the movie's date has
        // moved": an opening subordinate clause ends at its comma.
        let subordinate = start == 0
            && matches!(
                self.w(0),
                "although"
                    | "though"
                    | "while"
                    | "after"
                    | "before"
                    | "as"
                    | "since"
                    | "because"
                    | "when"
                    | "if"
                    | "once"
                    | "with"
                    | "despite"
                    | "until"
                    | "unless"
                    | "whereas"
            );
        let reach = (stop..n)
            .find(|&k| {
                (subordinate && self.p(k, ','))
                    || self.p(k, ';')
                    || (matches!(self.w(k), "and" | "but" | "while" | "whereas")
                        && (matches!(
                            self.w(k + 1),
                            "the"
                                | "a"
                                | "an"
                                | "its"
                                | "his"
                                | "her"
                                | "their"
                                | "it"
                                | "he"
                                | "she"
                                | "they"
                                | "this"
                        ) || titles.iter().any(|&(a, _)| a == k + 1)))
            })
            .unwrap_or(n);
        Some(reach)
    }

    /// All cues in the token range, in order.
    pub(crate) fn cues_in(&self, range: std::ops::Range<usize>) -> Vec<CueHit> {
        let mut out = Vec::new();
        let mut i = range.start;
        while i < range.end {
            match self.cue_at(i) {
                Some(c) => {
                    i += c.len;
                    out.push(c);
                }
                None => i += 1,
            }
        }
        out
    }

    /// "took $90 million for a record Labor Day weekend", "with $14 million in its
    /// third weekend": a sum a work made is a gross, and the date near it the
    /// time it was made in. Not a price ("will cost $449.99 when it launches on
    /// June 5") nor a sum that describes a work ("the $200 million film").
    fn money(&self, i: usize) -> Option<CueHit> {
        if !self.p(i, '$') || self.num(i + 1).is_none() {
            return None;
        }
        let made = (i.saturating_sub(4)..i).any(|k| {
            matches!(
                self.w(k),
                "took"
                    | "made"
                    | "earned"
                    | "collected"
                    | "pulled"
                    | "banked"
                    | "added"
                    | "posted"
                    | "raked"
                    | "grossed"
                    | "brought"
                    | "with"
                    | "reached"
                    | "crossed"
                    | "passed"
                    | "topped"
            )
        });
        if !made {
            return None;
        }
        let mut k = i + 2;
        while self.p(k, '.') || self.p(k, ',') || self.num(k).is_some() {
            k += 1;
        }
        if matches!(self.w(k), "million" | "billion" | "m" | "bn") {
            k += 1;
        }
        let describes = matches!(
            self.w(k),
            "film"
                | "movie"
                | "budget"
                | "production"
                | "project"
                | "blockbuster"
                | "tentpole"
                | "epic"
                | "sequel"
                | "franchise"
                | "deal"
                | "series"
                | "show"
                | "game"
        ) || (self.p(k, '-') && matches!(self.w(k + 1), "budget" | "budgeted"));
        (!describes).then_some(CueHit {
            cue: Cue::Distractor,
            at: i,
            len: k - i,
        })
    }

    /// Whether "new" at `i` opens a date that is not given yet: "a new (release)
    /// date" that a negation, an intent or "once" governs before it ("did not
    /// give", "declined to comment on", "would announce", "without", "once"), or
    /// that a future or pending passive decides after it ("will be announced",
    /// "has yet to be set", "would be announced ... once they were decided").
    /// "Sony has set a new date", "has a new release date and will now open"
    /// state a date and are not this.
    fn pending_new_date(&self, i: usize) -> bool {
        let date_at = if matches!(self.w(i + 1), "date" | "dates") {
            i + 1
        } else if matches!(
            self.w(i + 1),
            "release" | "premiere" | "publication" | "launch" | "opening" | "air" | "broadcast"
        ) && matches!(self.w(i + 2), "date" | "dates")
        {
            i + 2
        } else {
            return false;
        };
        let stop = |k: usize| self.p(k, '.') || self.p(k, ';') || self.p(k, ',');
        let before = (i.saturating_sub(6)..i)
            .rev()
            .take_while(|&k| !stop(k))
            .any(|k| {
                self.negation(k)
                    || matches!(
                        self.w(k),
                        "no" | "without" | "declined" | "yet" | "will" | "would" | "once"
                    )
            });
        let decided = |k: usize| {
            matches!(
                self.w(k),
                "announced"
                    | "given"
                    | "shared"
                    | "revealed"
                    | "set"
                    | "decided"
                    | "confirmed"
                    | "determined"
                    | "fixed"
                    | "unveiled"
                    | "provided"
            )
        };
        let after = (date_at + 1..date_at + 9)
            .take_while(|&k| !(self.p(k, '.') || self.p(k, ';')))
            .any(|k| {
                matches!(self.w(k), "will" | "would" | "yet" | "shall")
                    && (k + 1..k + 5).any(decided)
            });
        before || after
    }

    /// Whether the removal verb at `i` takes its object off or from its own
    /// release slot: "pulled A Quiet Place Part II from its March 20 release",
    /// "took the film off its March 20 opening" ("took Best Picture" is not).
    pub(crate) fn taken_off_its_date(&self, i: usize) -> bool {
        let take = matches!(self.w(i), "took" | "takes" | "taken" | "taking");
        (i + 2..i + 12)
            .take_while(|&k| !(self.p(k, '.') || self.p(k, ';')))
            .find(|&k| matches!(self.w(k), "off") || (!take && self.is(k, "from")))
            .is_some_and(|k| {
                matches!(self.w(k + 1), "its" | "their" | "the")
                    && (k + 2..k + 7).any(|j| {
                        matches!(
                            self.w(j),
                            "release"
                                | "opening"
                                | "date"
                                | "slot"
                                | "premiere"
                                | "launch"
                                | "debut"
                        )
                    })
            })
    }

    /// Whether the word at `k` can be who sets a release date: a capitalised
    /// word ("Sony set ..."), or a noun or pronoun of a company ("the studio
    /// set ...", "it set ...").
    fn setter(&self, k: usize) -> bool {
        let name = self.cap(k) && self.tok(k).is_some_and(|t| t.is_word());
        name || matches!(
            self.w(k),
            "studio"
                | "company"
                | "label"
                | "network"
                | "streamer"
                | "publisher"
                | "distributor"
                | "developer"
                | "agency"
                | "it"
                | "they"
        )
    }

    /// Whether an object starting at `j` (a capitalised title or "the film") is
    /// followed by "for" within eight tokens, with no punctuation between: "set
    /// the film for July 17", not "set in 1920s Seoul" or "a box set, for".
    fn dated_object(&self, j: usize) -> bool {
        let starts = self.cap(j) || matches!(self.w(j), "the" | "its" | "their" | "his" | "her");
        starts
            && (j + 1..j + 9)
                .take_while(|&k| !(self.p(k, '.') || self.p(k, ';') || self.p(k, ',')))
                .any(|k| self.is(k, "for"))
    }
}

/// Participles of setting a date: "had set", "had announced", "had pencilled".
fn planned_participle(w: &str) -> bool {
    matches!(
        w,
        "announced"
            | "set"
            | "scheduled"
            | "slated"
            | "planned"
            | "dated"
            | "fixed"
            | "locked"
            | "earmarked"
            | "targeted"
            | "penciled"
            | "pencilled"
            | "chosen"
            | "picked"
            | "booked"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::temporal::Tense;

    /// Every text of the shipped corpora, timelines' articles included.
    fn corpus_texts() -> Vec<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
        let mut out = Vec::new();
        let Ok(entries) = std::fs::read_dir(&dir) else {
            return out;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_none_or(|e| e != "jsonl") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            for line in text.lines() {
                let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
                    continue;
                };
                let articles = v.get("articles").and_then(|a| a.as_array());
                for item in articles.map_or_else(|| vec![&v], |a| a.iter().collect()) {
                    if let Some(t) = item.get("text").and_then(|t| t.as_str()) {
                        out.push(t.to_string());
                    }
                }
            }
        }
        out
    }

    /// `CUE_LEADS` is kept by hand beside `multi_word_cue`; the assertion in
    /// `cue_at` that catches a missing word runs only in debug builds, and the
    /// tests run in release. Here, in either build: no word of any corpus text
    /// outside the set starts a multi-word cue.
    #[test]
    fn every_word_that_leads_a_multi_word_cue_is_in_cue_leads() {
        let texts = corpus_texts();
        assert!(texts.len() > 500, "corpora not found: {}", texts.len());
        let today = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default();
        let mut checked = 0;
        for text in &texts {
            Scanner::over(text, today, Tense::Future, true, |sc| {
                for i in 0..sc.toks.len() {
                    let w = sc.w(i);
                    if w.is_empty() || CUE_LEADS.contains(w) {
                        continue;
                    }
                    checked += 1;
                    let hit = sc.multi_word_cue(i, w, sc.w(i + 1), sc.w(i + 2));
                    assert!(hit.is_none(), "`{w}` leads {hit:?}: add it to CUE_LEADS");
                }
            });
        }
        assert!(checked > 50_000, "only {checked} words checked");
    }
}
