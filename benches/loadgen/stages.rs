//! Per-stage CPU cost of one article on one thread, through the library's own stage
//! functions over the same generated site: what a poll cycle's CPU time is spent on.

use std::time::Duration;

use chrono::Utc;
use slipwatch::extract::{self, Context};
use slipwatch::track::store::{ArticleCommit, ItemState, Store};

use crate::site::Site;

/// Average CPU time per article of each stage, in order.
pub struct Stages {
    pub articles: usize,
    pub feed_parse: Duration,
    pub article: Duration,
    pub dates: Duration,
    pub store: Duration,
}

/// This thread's CPU time.
fn thread_cpu() -> Duration {
    // SAFETY: getrusage only writes into the zeroed struct we pass.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_THREAD, &mut ru) };
    let tv =
        |t: libc::timeval| Duration::from_micros(t.tv_sec as u64 * 1_000_000 + t.tv_usec as u64);
    tv(ru.ru_utime) + tv(ru.ru_stime)
}

/// Runs `feeds` feeds of `site` through feed parsing, the article stage, date
/// extraction and a store commit (into `store_dir`), timing each stage.
pub fn measure(site: &Site, feeds: usize, store_dir: &std::path::Path, cache_bytes: u64) -> Stages {
    let store = Store::open(store_dir, cache_bytes).expect("open store");
    let mut t = [Duration::ZERO; 4];
    let mut articles = 0;
    for f in 0..feeds.min(site.feeds) {
        let c0 = thread_cpu();
        let xml = site.feed(f).unwrap_or_default();
        let parsed =
            slipwatch::ingest::feed::parse(xml.as_bytes(), None).expect("generated feed parses");
        t[0] += thread_cpu() - c0;
        for (i, entry) in parsed.entries.iter().enumerate() {
            let page = site.page(f, i).unwrap_or_default();
            let c1 = thread_cpu();
            let html = slipwatch::ingest::charset::decode_html(page.as_bytes(), Some("utf-8"));
            let art = slipwatch::article::extract_article(&html, None);
            let c2 = thread_cpu();
            let published = entry.published.unwrap_or_else(Utc::now);
            let ctx = Context {
                published: published.fixed_offset(),
                title: entry.title.as_deref(),
                hints: &art.hints,
            };
            let x = extract::extract(&art.text, &ctx);
            let url = entry.link.clone().unwrap_or_default();
            let now = Utc::now();
            let sightings = slipwatch::pipeline::sightings_from(&x, &url, "f", published, now);
            let c3 = thread_cpu();
            let commit = ArticleCommit {
                feed: format!("site{f:05}"),
                item_id: entry.id.clone(),
                item: ItemState {
                    fingerprint: entry.fingerprint.clone(),
                    url: entry.link.clone(),
                    processed_at: now,
                },
                sightings,
            };
            store.commit_article(commit, now).expect("commit");
            let c4 = thread_cpu();
            t[1] += c2 - c1;
            t[2] += c3 - c2;
            t[3] += c4 - c3;
            articles += 1;
        }
    }
    let _ = store.flush();
    let per = |d: Duration| d / articles.max(1) as u32;
    Stages {
        articles,
        feed_parse: per(t[0]),
        article: per(t[1]),
        dates: per(t[2]),
        store: per(t[3]),
    }
}

/// What `hot` measured: store-commit CPU per article, by kind of article.
pub struct Hot {
    pub articles: usize,
    pub hot_articles: usize,
    /// Over the whole run: every hot article, and articles whose release had no
    /// sighting yet (which come early in a shuffled run, when the store is small).
    pub hot: Duration,
    pub fresh: Duration,
    /// Over the last tenth of the run (the hot release at its longest history): hot
    /// articles, and every other article committed meanwhile.
    pub hot_late: Duration,
    pub others_late: Duration,
}

/// This thread's CPU time, to the nanosecond.
fn thread_cpu_ns() -> Duration {
    // SAFETY: clock_gettime only writes into the zeroed struct we pass.
    let mut ts: libc::timespec = unsafe { std::mem::zeroed() };
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// Commits every article of `site` (which has hot articles) in a shuffled order,
/// through the real article and date stages, timing each store commit: what one
/// article about a release in thousands costs next to one about a new release.
pub fn hot(site: &Site, store_dir: &std::path::Path, cache_bytes: u64) -> Hot {
    let store = Store::open(store_dir, cache_bytes).expect("open store");
    let entries: Vec<_> = (0..site.feeds)
        .map(|f| {
            let xml = site.feed(f).unwrap_or_default();
            slipwatch::ingest::feed::parse(xml.as_bytes(), None)
                .expect("generated feed parses")
                .entries
        })
        .collect();
    let mut order: Vec<(usize, usize)> = (0..site.feeds)
        .flat_map(|f| (0..entries[f].len()).map(move |i| (f, i)))
        .collect();
    fastrand::Rng::with_seed(site.seed).shuffle(&mut order);
    let mut seen = std::collections::HashSet::new();
    // (hot, fresh, commit CPU) per article, in commit order.
    let mut spent = Vec::with_capacity(order.len());
    for &(f, i) in &order {
        let entry = &entries[f][i];
        let page = site.page(f, i).unwrap_or_default();
        let html = slipwatch::ingest::charset::decode_html(page.as_bytes(), Some("utf-8"));
        let art = slipwatch::article::extract_article(&html, None);
        let published = entry.published.unwrap_or_else(Utc::now);
        let ctx = Context {
            published: published.fixed_offset(),
            title: entry.title.as_deref(),
            hints: &art.hints,
        };
        let x = extract::extract(&art.text, &ctx);
        let url = entry.link.clone().unwrap_or_default();
        let now = Utc::now();
        let feed = format!("site{f:05}");
        let sightings = slipwatch::pipeline::sightings_from(&x, &url, &feed, published, now);
        let is_new = sightings.iter().all(|s| seen.insert(s.release.clone()));
        let commit = ArticleCommit {
            feed,
            item_id: entry.id.clone(),
            item: ItemState {
                fingerprint: entry.fingerprint.clone(),
                url: entry.link.clone(),
                processed_at: now,
            },
            sightings,
        };
        let c0 = thread_cpu_ns();
        store.commit_article(commit, now).expect("commit");
        let cpu = thread_cpu_ns() - c0;
        spent.push((site.is_hot(f * site.items + i), is_new, cpu));
    }
    let _ = store.flush();
    let mean = |it: &mut dyn Iterator<Item = Duration>| {
        let (n, sum) = it.fold((0u32, Duration::ZERO), |(n, s), d| (n + 1, s + d));
        sum / n.max(1)
    };
    let late = &spent[spent.len() - spent.len() / 10..];
    Hot {
        articles: order.len(),
        hot_articles: spent.iter().filter(|s| s.0).count(),
        hot: mean(&mut spent.iter().filter(|s| s.0).map(|s| s.2)),
        fresh: mean(&mut spent.iter().filter(|s| !s.0 && s.1).map(|s| s.2)),
        hot_late: mean(&mut late.iter().filter(|s| s.0).map(|s| s.2)),
        others_late: mean(&mut late.iter().filter(|s| !s.0).map(|s| s.2)),
    }
}
