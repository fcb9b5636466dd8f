//! Property tests: the diff's invariants, the store's encode/decode round trips and
//! commit idempotence, and "no panic on any input" for the pure parsing stages.
//!
//! Case counts are kept small (see `cases`) so the whole file runs in a few seconds
//! under `cargo test --release`. No network; stores live in temporary directories.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use proptest::test_runner::Config as PropConfig;

use slipwatch::model::{
    Change, ChangeEvidence, Direction, Evidence, Period, Relation, Release, Role, Season, Sighting,
};
use slipwatch::track::diff;
use slipwatch::track::store::{ArticleCommit, ChangeFilter, FeedState, ItemState, Store};

fn cases(n: u32) -> PropConfig {
    PropConfig {
        cases: n,
        failure_persistence: None,
        ..PropConfig::default()
    }
}

// ---------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------

fn date_in(years: std::ops::RangeInclusive<i32>) -> impl Strategy<Value = NaiveDate> {
    (years, 1u32..=366).prop_map(|(y, d)| {
        NaiveDate::from_yo_opt(y, d).unwrap_or_else(|| NaiveDate::from_yo_opt(y, 365).unwrap())
    })
}

fn season() -> impl Strategy<Value = Season> {
    prop_oneof![
        Just(Season::Spring),
        Just(Season::Summer),
        Just(Season::Fall),
        Just(Season::Winter),
        Just(Season::Holiday),
    ]
}

/// A period of any precision, built only through `Period`'s constructors.
fn period_in(years: std::ops::RangeInclusive<i32>) -> impl Strategy<Value = Period> {
    let y = years.clone();
    prop_oneof![
        date_in(y.clone()).prop_map(Period::day),
        date_in(y.clone()).prop_map(Period::week_of),
        (y.clone(), 1u32..=12).prop_map(|(y, m)| Period::month(y, m).unwrap()),
        (y.clone(), 1u32..=4).prop_map(|(y, q)| Period::quarter(y, q).unwrap()),
        (y.clone(), 1u32..=2).prop_map(|(y, h)| Period::half(y, h).unwrap()),
        (y.clone(), season()).prop_map(|(y, s)| Period::season(y, s).unwrap()),
        y.prop_map(|y| Period::year(y).unwrap()),
    ]
}

/// Few years, so that generated dates often coincide, nest and move.
fn period() -> impl Strategy<Value = Period> {
    period_in(2025..=2026)
}

fn role() -> impl Strategy<Value = Role> {
    prop_oneof![3 => Just(Role::Current), 1 => Just(Role::Previous)]
}

fn direction() -> impl Strategy<Value = Direction> {
    prop_oneof![Just(Direction::Earlier), Just(Direction::Later)]
}

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap()
}

/// A sighting of the release "film x". Publication times fall in a few days, urls in
/// a few articles, so ties and same-article pairs are common. The id digests (url,
/// role, date) like the real one, so two sightings with one id are one sighting.
fn sighting() -> impl Strategy<Value = Sighting> {
    (
        prop::option::weighted(0.9, period()),
        role(),
        prop::option::weighted(0.2, direction()),
        0i64..8,
        0usize..5,
        0i64..3,
    )
        .prop_map(|(date, role, moved, day, url, seen_late)| {
            let url = format!("http://news.test/{url}");
            let published = t0() + Duration::days(day);
            let label = date.as_ref().map_or("-", |p| p.label.as_str()).to_string();
            Sighting {
                id: format!("{url}|{role:?}|{label}"),
                release: "film x".into(),
                subject: "Film X".into(),
                date,
                role,
                moved,
                confidence: 1.0,
                region: None,
                url,
                feed: "f".into(),
                published,
                sentence: format!("Film X: {label}"),
                first_seen: published + Duration::hours(seen_late),
            }
        })
}

/// Sightings with distinct ids (the store keeps one sighting per id).
fn sightings(max: usize) -> impl Strategy<Value = Vec<Sighting>> {
    prop::collection::vec(sighting(), 0..max).prop_map(|v| {
        let mut seen = BTreeSet::new();
        v.into_iter()
            .filter(|s| seen.insert(s.id.clone()))
            .collect()
    })
}

fn ordered(mut v: Vec<Sighting>) -> Vec<Sighting> {
    diff::order(&mut v);
    v
}

/// (from label, to label, direction): what a change says.
type Triple = (String, String, &'static str);

// ---------------------------------------------------------------------------
// diff
// ---------------------------------------------------------------------------

proptest! {
    #![proptest_config(cases(256))]

    #[test]
    fn timeline_is_independent_of_input_order(
        (v, shuffled) in sightings(12).prop_flat_map(|v| {
            let s = Just(v.clone()).prop_shuffle();
            (Just(v), s)
        })
    ) {
        let a = ordered(v);
        let b = ordered(shuffled);
        prop_assert_eq!(&a, &b);
        prop_assert_eq!(diff::timeline(&a), diff::timeline(&b));
    }

    #[test]
    fn every_step_agrees_with_period_compare(v in sightings(12)) {
        let all = ordered(v);
        let t = diff::timeline(&all);
        if let Some(c) = t.current {
            prop_assert!(c < all.len());
        }
        for st in &t.steps {
            prop_assert!(st.to < all.len());
            let to = &all[st.to];
            prop_assert_eq!(to.role, Role::Current, "a move lands on a current date");
            let Some(f) = st.from else {
                prop_assert_eq!(Some(st.direction), to.moved, "an unseen old date needs a stated move");
                continue;
            };
            prop_assert!(f < st.to, "a step goes forward in time");
            // A re-dating after an indefinite delay starts from that undated report.
            let Some(old) = all[f].date.as_ref() else {
                prop_assert!(to.date.is_some(), "no step between two undated reports");
                continue;
            };
            match &to.date {
                None => prop_assert_eq!(st.direction, Direction::Later),
                Some(new) => {
                    prop_assert_ne!(new, old, "no step between two identical dates");
                    let want = match new.compare(old) {
                        Relation::Earlier => Direction::Earlier,
                        Relation::Later => Direction::Later,
                        other => {
                            prop_assert!(false, "step for {:?}: {} -> {}", other, old, new);
                            unreachable!()
                        }
                    };
                    prop_assert_eq!(st.direction, want);
                }
            }
        }
    }

    #[test]
    fn one_period_stated_everywhere_has_no_steps(
        p in period(),
        v in sightings(12),
    ) {
        // Same date, roles, times and urls as generated; no article states a move.
        let v: Vec<Sighting> = v
            .into_iter()
            .map(|mut s| {
                s.date = Some(p.clone());
                s.moved = None;
                s.id = format!("{}|{:?}", s.url, s.role);
                s
            })
            .collect::<Vec<_>>();
        let mut seen = BTreeSet::new();
        let v: Vec<Sighting> = v.into_iter().filter(|s| seen.insert(s.id.clone())).collect();
        let all = ordered(v);
        prop_assert!(diff::timeline(&all).steps.is_empty());
    }

    #[test]
    fn a_refinement_of_the_current_date_adds_no_step(
        v in sightings(12),
        pick in 0u32..1000,
        precision in 0u8..4,
    ) {
        let all = ordered(v);
        let before = diff::timeline(&all);
        let Some(current) = before.current.and_then(|c| all[c].date.clone()) else {
            return Ok(());
        };
        let span = (current.end - current.start).num_days() as u32 + 1;
        let day = current.start + Duration::days(i64::from(pick % span));
        // Something inside the current period: a day, its week or month, or the
        // period itself, whichever of those fits.
        let candidates = [
            Some(Period::day(day)),
            Some(Period::week_of(day)),
            Period::month(day.year(), day.month()),
            Some(current.clone()),
        ];
        let refined = candidates[usize::from(precision)]
            .clone()
            .filter(|p| matches!(p.compare(&current), Relation::Refines | Relation::Same))
            .unwrap_or_else(|| Period::day(day));
        let last = all.iter().map(|s| s.published).max().unwrap_or_else(t0);
        let mut more = all.clone();
        more.push(Sighting {
            id: "http://news.test/refined|Current".into(),
            url: "http://news.test/refined".into(),
            date: Some(refined),
            role: Role::Current,
            moved: None,
            published: last + Duration::days(1),
            first_seen: last + Duration::days(1),
            ..all[0].clone()
        });
        let more = ordered(more);
        let after = diff::timeline(&more);
        prop_assert_eq!(&after.steps, &before.steps);
        // A finer date becomes the current one; the same date leaves the older report
        // current.
        let newest = more.len() - 1;
        if more[newest].date.as_ref().unwrap().compare(&current) == Relation::Refines {
            prop_assert_eq!(after.current, Some(newest));
        } else {
            prop_assert_eq!(after.current.map(|c| &more[c]), before.current.map(|c| &all[c]));
        }
    }
}

// ---------------------------------------------------------------------------
// encode/decode round trips
// ---------------------------------------------------------------------------

fn time() -> impl Strategy<Value = DateTime<Utc>> {
    // Years 1 to 9999, with nanoseconds.
    (-62_135_596_800i64..253_402_300_799, 0u32..1_000_000_000)
        .prop_map(|(s, n)| DateTime::from_timestamp(s, n).unwrap())
}

fn text() -> impl Strategy<Value = String> {
    any::<String>()
}

fn any_sighting() -> impl Strategy<Value = Sighting> {
    (
        (text(), text(), text()),
        prop::option::of(period_in(1..=9999)),
        role(),
        prop::option::of(direction()),
        0f32..=1.0,
        prop::option::of(text()),
        (text(), text(), time(), text(), time()),
    )
        .prop_map(
            |(
                (id, release, subject),
                date,
                role,
                moved,
                confidence,
                region,
                (url, feed, published, sentence, first_seen),
            )| Sighting {
                id,
                release,
                subject,
                date,
                role,
                moved,
                confidence,
                region,
                url,
                feed,
                published,
                sentence,
                first_seen,
            },
        )
}

fn evidence() -> impl Strategy<Value = Evidence> {
    (text(), text(), time(), text()).prop_map(|(url, feed, published, sentence)| Evidence {
        url,
        feed,
        published,
        sentence,
    })
}

fn change() -> impl Strategy<Value = Change> {
    (
        (text(), text(), text()),
        prop::option::of(period_in(1..=9999)),
        prop::option::of(period_in(1..=9999)),
        direction(),
        prop::option::of(any::<i64>()),
        time(),
        prop::option::of(evidence()),
        evidence(),
        any::<bool>(),
    )
        .prop_map(
            |(
                (id, release, key),
                from,
                to,
                direction,
                delta_days,
                detected_at,
                before,
                after,
                confirmed,
            )| {
                Change {
                    id,
                    release,
                    key,
                    from,
                    to,
                    direction,
                    delta_days,
                    detected_at,
                    evidence: ChangeEvidence { before, after },
                    confirmed,
                }
            },
        )
}

fn release() -> impl Strategy<Value = Release> {
    (
        text(),
        text(),
        prop::option::of(period_in(1..=9999)),
        time(),
        any::<usize>(),
        any::<usize>(),
    )
        .prop_map(|(key, name, date, as_of, sightings, changes)| Release {
            key,
            name,
            date,
            as_of,
            sightings,
            changes,
        })
}

fn feed_state() -> impl Strategy<Value = FeedState> {
    let t = || prop::option::of(time());
    let s = || prop::option::of(text());
    (
        (s(), s(), t(), t(), s(), t()),
        (any::<u32>(), any::<u64>(), any::<u64>(), any::<u64>()),
        (any::<u64>(), any::<u64>(), t(), t(), any::<u32>()),
    )
        .prop_map(
            |(
                (etag, last_modified, last_attempt, last_success, last_error, last_error_at),
                (consecutive_failures, items, articles, sightings),
                (changes, not_modified, next_poll, throttled_until, selector_misses),
            )| FeedState {
                etag,
                last_modified,
                last_attempt,
                last_success,
                last_error,
                last_error_at,
                consecutive_failures,
                items,
                articles,
                sightings,
                changes,
                not_modified,
                next_poll,
                throttled_until,
                selector_misses,
            },
        )
}

fn item_state() -> impl Strategy<Value = ItemState> {
    (text(), prop::option::of(text()), time()).prop_map(|(fingerprint, url, processed_at)| {
        ItemState {
            fingerprint,
            url,
            processed_at,
        }
    })
}

fn round_trip<T>(v: &T) -> T
where
    T: serde::Serialize + serde::de::DeserializeOwned,
{
    let bytes = serde_json::to_vec(v).expect("encodes");
    serde_json::from_slice(&bytes).expect("decodes")
}

proptest! {
    #![proptest_config(cases(128))]

    #[test]
    fn period_label_parses_back_for_every_constructor(p in period_in(0..=9999)) {
        prop_assert_eq!(Period::from_label(&p.label), Some(p.clone()));
        prop_assert_eq!(round_trip(&p), p);
    }

    #[test]
    fn sighting_round_trips(s in any_sighting()) {
        prop_assert_eq!(round_trip(&s), s);
    }

    #[test]
    fn change_round_trips(c in change()) {
        prop_assert_eq!(round_trip(&c), c);
    }

    #[test]
    fn release_round_trips(r in release()) {
        prop_assert_eq!(round_trip(&r), r);
    }

    #[test]
    fn feed_state_round_trips(f in feed_state()) {
        prop_assert_eq!(round_trip(&f), f);
    }

    #[test]
    fn item_state_round_trips(i in item_state()) {
        prop_assert_eq!(round_trip(&i), i);
    }
}

// ---------------------------------------------------------------------------
// store commits
// ---------------------------------------------------------------------------

/// A store in a fresh directory, removed on drop.
struct TempStore {
    store: Option<Store>,
    dir: PathBuf,
}

impl TempStore {
    fn new() -> TempStore {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "slipwatch-props-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        let store = Store::open(&dir, 1 << 20).expect("temporary store opens");
        TempStore {
            store: Some(store),
            dir,
        }
    }

    fn get(&self) -> &Store {
        self.store.as_ref().unwrap()
    }
}

impl Drop for TempStore {
    fn drop(&mut self) {
        drop(self.store.take());
        let _ = std::fs::remove_dir_all(Path::new(&self.dir));
    }
}

/// Articles about one release: article `i` is published on day `i` (all distinct) and
/// states one or two dates.
fn articles(max: usize) -> impl Strategy<Value = Vec<ArticleCommit>> {
    prop::collection::vec(
        prop::collection::vec((prop::option::weighted(0.9, period()), role()), 1..3),
        1..max,
    )
    .prop_map(|arts| {
        arts.into_iter()
            .enumerate()
            .map(|(i, dates)| article(i, &dates))
            .collect()
    })
}

fn article(i: usize, dates: &[(Option<Period>, Role)]) -> ArticleCommit {
    let url = format!("http://news.test/{i}");
    let published = t0() + Duration::days(i as i64);
    let sightings = dates
        .iter()
        .map(|(date, role)| {
            let label = date.as_ref().map_or("-", |p| p.label.as_str());
            Sighting {
                id: format!("{url}|{role:?}|{label}"),
                release: "film x".into(),
                subject: "Film X".into(),
                date: date.clone(),
                role: *role,
                moved: None,
                confidence: 1.0,
                region: None,
                url: url.clone(),
                feed: "f".into(),
                published,
                sentence: format!("Film X: {label}"),
                first_seen: published,
            }
        })
        .collect();
    ArticleCommit {
        feed: "f".into(),
        item_id: url.clone(),
        item: ItemState {
            fingerprint: format!("fp{i}"),
            url: Some(url),
            processed_at: published,
        },
        sightings,
    }
}

/// What identifies a change in the store: the article that moved the date and the new
/// date. Its old date, and so its direction, is the one known when it was first
/// recorded: a late older article can change what the final timeline would say.
fn change_triples(s: &Store) -> BTreeSet<Triple> {
    let label = |p: &Option<Period>| p.as_ref().map_or("-".to_string(), |p| p.label.clone());
    s.changes(&ChangeFilter {
        all: true,
        ..ChangeFilter::default()
    })
    .unwrap()
    .iter()
    .map(|c| (c.evidence.after.url.clone(), label(&c.to), ""))
    .collect()
}

/// The steps of the timeline over every sighting of `arts`, identified as the store does.
fn final_timeline(arts: &[ArticleCommit]) -> BTreeSet<Triple> {
    let all = ordered(arts.iter().flat_map(|a| a.sightings.clone()).collect());
    let label = |p: Option<&Period>| p.map_or("-".to_string(), |p| p.label.clone());
    diff::timeline(&all)
        .steps
        .iter()
        .map(|st| (all[st.to].url.clone(), label(all[st.to].date.as_ref()), ""))
        .collect()
}

proptest! {
    #![proptest_config(cases(48))]

    #[test]
    fn committing_every_article_twice_adds_nothing_the_second_time(
        arts in articles(8).prop_shuffle()
    ) {
        let t = TempStore::new();
        let s = t.get();
        for a in &arts {
            s.commit_article(a.clone(), a.item.processed_at).unwrap();
        }
        let first = s.changes(&ChangeFilter { all: true, ..ChangeFilter::default() }).unwrap();
        let releases = s.releases(None).unwrap();
        let later = t0() + Duration::days(100);
        for a in &arts {
            prop_assert!(s.commit_article(a.clone(), later).unwrap().is_empty());
        }
        prop_assert_eq!(s.changes(&ChangeFilter { all: true, ..ChangeFilter::default() }).unwrap(), first);
        prop_assert_eq!(s.releases(None).unwrap(), releases);
    }

    /// Committed in publication order, the store records exactly the final timeline's
    /// steps. In any other order it records at least those: the last commit replays
    /// every sighting, and recorded changes are never deleted. It may record more (see
    /// `a_late_older_article_leaves_the_change_it_caused_earlier`), so the property is
    /// "superset", not "equal".
    #[test]
    fn commit_order_never_loses_a_change_of_the_final_timeline(
        (arts, shuffled) in articles(7).prop_flat_map(|a| {
            let s = Just(a.clone()).prop_shuffle();
            (Just(a), s)
        })
    ) {
        let want = final_timeline(&arts);

        let in_order = TempStore::new();
        for a in &arts {
            in_order.get().commit_article(a.clone(), a.item.processed_at).unwrap();
        }
        prop_assert_eq!(&change_triples(in_order.get()), &want);

        let any_order = TempStore::new();
        let now = t0() + Duration::days(50);
        for (k, a) in shuffled.iter().enumerate() {
            any_order
                .get()
                .commit_article(a.clone(), now + Duration::minutes(k as i64))
                .unwrap();
        }
        let got = change_triples(any_order.get());
        prop_assert!(got.is_superset(&want), "{:?} lacks some of {:?}", got, want);
        // Whatever the order, the release ends on the same current date.
        let date = |s: &Store| s.releases(None).unwrap().into_iter().map(|r| r.date).collect::<Vec<_>>();
        prop_assert_eq!(date(any_order.get()), date(in_order.get()));
    }
}

/// An older article read after a newer one: A (day 0) says May 1, B (day 1) June 1,
/// C (day 2) July 1. Committed C, A, B the store first sees A then C and records the
/// move C made as May->July; when B arrives the timeline is May->June->July, and C's
/// move is the same change (same article, same new date), so it is not flagged twice.
/// The same moves are recorded in either order; only C's old date differs.
#[test]
fn a_late_older_article_leaves_the_change_it_caused_earlier() {
    let p = |l: &str| Some(Period::from_label(l).unwrap());
    let a = article(0, &[(p("2026-05-01"), Role::Current)]);
    let b = article(1, &[(p("2026-06-01"), Role::Current)]);
    let c = article(2, &[(p("2026-07-01"), Role::Current)]);
    let c_url = c.item.url.clone().unwrap();

    let in_order = TempStore::new();
    for x in [&a, &b, &c] {
        in_order
            .get()
            .commit_article(x.clone(), x.item.processed_at)
            .unwrap();
    }
    let shuffled = TempStore::new();
    for x in [&c, &a, &b] {
        shuffled.get().commit_article(x.clone(), t0()).unwrap();
    }
    let same = change_triples(in_order.get());
    assert_eq!(same.len(), 2);
    assert_eq!(change_triples(shuffled.get()), same);
    let from_of_c = |s: &Store| {
        s.changes(&ChangeFilter {
            all: true,
            ..ChangeFilter::default()
        })
        .unwrap()
        .into_iter()
        .find(|c| c.evidence.after.url == c_url)
        .and_then(|c| c.from)
        .map(|p| p.label)
    };
    assert_eq!(from_of_c(in_order.get()).as_deref(), Some("2026-06-01"));
    assert_eq!(from_of_c(shuffled.get()).as_deref(), Some("2026-05-01"));
}

// ---------------------------------------------------------------------------
// no panic on any input
// ---------------------------------------------------------------------------

/// Strings built from markup fragments and arbitrary text: reaches the parsers'
/// structure far more often than uniformly random characters do.
fn markup(fragments: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            3 => prop::sample::select(fragments).prop_map(str::to_string),
            1 => text(),
        ],
        0..40,
    )
    .prop_map(|v| v.concat())
}

const HTML: &[&str] = &[
    "<html>",
    "<head>",
    "<meta charset=\"shift_jis\">",
    "<title>",
    "</title>",
    "<body>",
    "<article>",
    "</article>",
    "<div class=\"entry-content\">",
    "</div>",
    "<p>",
    "</p>",
    "<em>",
    "</em>",
    "<script>",
    "</script>",
    "<table><tr><td>",
    "<!--",
    "-->",
    "<![CDATA[",
    "&amp;",
    "&#0;",
    "<meta property=\"article:published_time\" content=\"2026-13-45\">",
    "The film opens on April 25, 2022.",
    "It was delayed to Q3 2027.",
];

const FEED: &[&str] = &[
    "<?xml version=\"1.0\" encoding=\"utf-16\"?>",
    "<rss version=\"2.0\">",
    "<rss>",
    "</rss>",
    "<channel>",
    "</channel>",
    "<item>",
    "</item>",
    "<guid>",
    "</guid>",
    "<link>",
    "</link>",
    "<pubDate>Mon, 31 Feb 2026 25:00:00 +9999</pubDate>",
    "<ttl>99999999999</ttl>",
    "<feed xmlns=\"http://www.w3.org/2005/Atom\">",
    "<entry>",
    "</entry>",
    "<content type=\"html\">",
    "</content>",
    "{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":[",
    "{\"id\":1,\"url\":\"..\"}",
    "]}",
    "&lt;",
    "<![CDATA[",
    "]]>",
];

const TOML: &[&str] = &[
    "[settings]\n",
    "[[feed]]\n",
    "name = \"x\"\n",
    "url = \"http://example.test/feed\"\n",
    "url = \"file:///etc/passwd\"\n",
    "interval = \"0s\"\n",
    "interval = \"99999999999999d\"\n",
    "article_selector = \"div[\"\n",
    "store = \"\"\n",
    "[[notify]]\n",
    "= ",
    "\"",
    "\n",
];

const SENTENCES: &[&str] = &[
    "The film will be released on ",
    "April 25, 2022",
    " has been delayed from ",
    " to ",
    "Q3 2026",
    "next Friday",
    "the week of ",
    "indefinitely",
    " preponed by 2 days",
    "\"Our Blues\" OST",
    "Season 2",
    ". ",
    "\n",
    "31/12/99",
    "9999999999",
];

fn published() -> impl Strategy<Value = DateTime<FixedOffset>> {
    (time(), -47i32..=47)
        .prop_map(|(t, q)| t.with_timezone(&FixedOffset::east_opt(q * 1800).unwrap()))
}

proptest! {
    #![proptest_config(cases(64))]

    #[test]
    fn extract_never_panics(
        text in prop_oneof![text(), markup(SENTENCES)],
        title in prop::option::of(markup(SENTENCES)),
        hints in prop::collection::vec(text(), 0..4),
        published in published(),
    ) {
        let ctx = slipwatch::extract::Context { published, title: title.as_deref(), hints: &hints };
        let _ = slipwatch::extract::extract(&text, &ctx);
    }

    #[test]
    fn extract_article_never_panics(
        html in prop_oneof![text(), markup(HTML)],
        selector in prop::option::of(prop_oneof![text(), Just("div.entry-content".to_string())]),
    ) {
        let _ = slipwatch::article::extract_article(&html, selector.as_deref());
    }

    #[test]
    fn feed_parse_never_panics(
        bytes in prop_oneof![
            prop::collection::vec(any::<u8>(), 0..512),
            markup(FEED).prop_map(String::into_bytes),
        ],
        charset in prop::option::of(prop_oneof![text(), Just("utf-16le".to_string()), Just("koi8-r".to_string())]),
    ) {
        let utf8 = slipwatch::ingest::charset::feed_to_utf8(&bytes, charset.as_deref());
        let _ = slipwatch::ingest::feed::parse(&utf8, Some("http://example.test/"));
        let _ = slipwatch::ingest::feed::parse(&bytes, None);
    }

    #[test]
    fn decode_html_never_panics(
        bytes in prop_oneof![
            prop::collection::vec(any::<u8>(), 0..512),
            markup(HTML).prop_map(String::into_bytes),
        ],
        charset in prop::option::of(text()),
    ) {
        let _ = slipwatch::ingest::charset::decode_html(&bytes, charset.as_deref());
    }

    #[test]
    fn config_parse_never_panics(text in prop_oneof![text(), markup(TOML)]) {
        let _ = slipwatch::config::Config::parse(&text, Path::new("/nonexistent/feeds.toml"));
    }
}
