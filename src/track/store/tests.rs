//! The store's tests: commits, reads, the queue, buckets and schema conversion.

use super::records::change_key;
use super::*;
use crate::model::{Change, Direction, Period, Role, Sighting};
use chrono::TimeZone;

fn temp() -> Store {
    let db = sled::Config::new().temporary(true).open().unwrap();
    Store {
        db,
        commit_lock: Mutex::new(()),
        flush_tickets: Default::default(),
        flushed: Mutex::new(0),
        notify_targets: Default::default(),
    }
}

fn at(day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, day, 0, 0, 0).unwrap()
}

fn article(url: &str, day: u32, dates: &[(&str, Role)]) -> ArticleCommit {
    let sightings = dates
        .iter()
        .map(|(label, role)| Sighting {
            id: format!("{url}/{label}/{role:?}"),
            release: crate::extract::release_key("Film X"),
            subject: "Film X".into(),
            date: Period::from_label(label),
            role: *role,
            moved: None,
            confidence: 1.0,
            region: None,
            url: url.into(),
            feed: "f".into(),
            published: at(day),
            sentence: format!("Film X: {label}"),
            first_seen: at(day),
        })
        .collect();
    ArticleCommit {
        feed: "f".into(),
        item_id: url.into(),
        item: ItemState {
            fingerprint: "fp".into(),
            url: Some(url.into()),
            processed_at: at(day),
        },
        sightings,
    }
}

#[test]
fn committing_the_same_article_twice_adds_nothing() {
    let s = temp();
    let a = article("a", 1, &[("2026-05-01", Role::Current)]);
    let b = article("b", 2, &[("2026-06-01", Role::Current)]);
    assert!(s.commit_article(a.clone(), at(1)).unwrap().is_empty());
    assert_eq!(s.commit_article(b.clone(), at(2)).unwrap().len(), 1);
    assert!(s.commit_article(b, at(3)).unwrap().is_empty());
    assert!(s.commit_article(a, at(3)).unwrap().is_empty());
    let all = s
        .changes(&ChangeFilter {
            all: true,
            ..ChangeFilter::default()
        })
        .unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].direction, Direction::Later);
    assert_eq!(all[0].delta_days, Some(31));
    let h = s.history("Film X").unwrap().unwrap();
    assert_eq!(h.sightings.len(), 2);
    assert_eq!(h.release.date.unwrap().label, "2026-06-01");
}

#[test]
fn a_move_read_before_its_announcement_is_completed_not_flagged_twice() {
    let s = temp();
    let mut delayed = article("b", 2, &[("2026-06-01", Role::Current)]);
    delayed.sightings[0].moved = Some(Direction::Later);
    let first = s.commit_article(delayed, at(2)).unwrap();
    assert_eq!(first.len(), 1);
    assert!(first[0].from.is_none());
    assert!(s
        .commit_article(article("a", 1, &[("2026-05-01", Role::Current)]), at(3))
        .unwrap()
        .is_empty());
    let all = s
        .changes(&ChangeFilter {
            all: true,
            ..ChangeFilter::default()
        })
        .unwrap();
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(all[0].id, first[0].id);
    assert_eq!(all[0].from.as_ref().unwrap().label, "2026-05-01");
    assert_eq!(all[0].delta_days, Some(31));
    assert_eq!(all[0].evidence.before.as_ref().unwrap().url, "a");
}

#[test]
fn repeated_date_and_refinement_make_no_change() {
    let s = temp();
    s.commit_article(article("a", 1, &[("2026", Role::Current)]), at(1))
        .unwrap();
    s.commit_article(article("b", 2, &[("2026-Q2", Role::Current)]), at(2))
        .unwrap();
    s.commit_article(article("c", 3, &[("2026-05-26", Role::Current)]), at(3))
        .unwrap();
    s.commit_article(article("d", 4, &[("2026-05-26", Role::Current)]), at(4))
        .unwrap();
    assert!(s
        .changes(&ChangeFilter {
            all: true,
            ..ChangeFilter::default()
        })
        .unwrap()
        .is_empty());
    assert_eq!(
        s.releases(None).unwrap()[0].date.as_ref().unwrap().label,
        "2026-05-26"
    );
}

#[test]
fn changes_filter_by_direction_release_since_and_limit() {
    let s = temp();
    s.commit_article(article("a", 1, &[("2026-05-01", Role::Current)]), at(1))
        .unwrap();
    s.commit_article(article("b", 2, &[("2026-06-01", Role::Current)]), at(2))
        .unwrap();
    s.commit_article(article("c", 3, &[("2026-04-01", Role::Current)]), at(3))
        .unwrap();
    let f = |d: Option<Direction>, since: Option<DateTime<Utc>>, limit: Option<usize>| {
        s.changes(&ChangeFilter {
            since,
            direction: d,
            release: Some("FILM".into()),
            limit,
            all: true,
            ..ChangeFilter::default()
        })
        .unwrap()
    };
    assert_eq!(f(None, None, None).len(), 2);
    assert_eq!(f(Some(Direction::Earlier), None, None).len(), 1);
    assert_eq!(f(None, Some(at(3)), None).len(), 1);
    let newest = f(None, None, Some(1));
    assert_eq!(newest.len(), 1);
    assert_eq!(newest[0].direction, Direction::Earlier);
}

#[test]
fn changes_json_holds_what_changes_returns_for_every_filter() {
    let s = temp();
    for (i, day) in ["2026-05-01", "2026-06-01", "2026-04-01", "2026-07-01"]
        .iter()
        .enumerate()
    {
        let url = format!("u{i}");
        s.commit_article(
            article(&url, i as u32 + 1, &[(day, Role::Current)]),
            at(i as u32 + 1),
        )
        .unwrap();
    }
    let filters = [
        ChangeFilter {
            all: true,
            ..ChangeFilter::default()
        },
        ChangeFilter {
            limit: Some(2),
            all: true,
            ..ChangeFilter::default()
        },
        ChangeFilter {
            direction: Some(Direction::Later),
            all: true,
            ..ChangeFilter::default()
        },
        ChangeFilter {
            direction: Some(Direction::Later),
            limit: Some(1),
            all: true,
            ..ChangeFilter::default()
        },
        ChangeFilter {
            release: Some("FILM".into()),
            since: Some(at(3)),
            all: true,
            ..ChangeFilter::default()
        },
        ChangeFilter {
            release: Some("nothing".into()),
            all: true,
            ..ChangeFilter::default()
        },
    ];
    for f in &filters {
        let mut raw: Vec<Change> = Vec::new();
        s.changes_json(f, |v| {
            raw.push(serde_json::from_slice(v).unwrap());
            Ok::<_, StoreError>(())
        })
        .unwrap();
        assert_eq!(raw, s.changes(f).unwrap(), "{f:?}");
    }
}

#[test]
fn a_change_is_queued_for_each_target_in_its_own_batch() {
    let s = temp();
    s.commit_article(article("a", 1, &[("2026-05-01", Role::Current)]), at(1))
        .unwrap();
    s.set_notify_targets(vec!["hook".into(), "cmd".into()]);
    // Only a move the article states is queued; the one between "a" and "c" is not.
    s.commit_article(article("c", 2, &[("2026-07-01", Role::Current)]), at(2))
        .unwrap();
    let mut b = article("b", 3, &[("2026-06-01", Role::Current)]);
    b.sightings[0].moved = Some(Direction::Earlier);
    let c = s.commit_article(b, at(3)).unwrap();
    let q = s.deliveries().unwrap();
    assert_eq!(q.len(), 2);
    assert!(q.iter().all(|(_, d)| d.change == c[0] && d.attempts == 0));
    assert_eq!(s.queue_lengths().unwrap().get("hook"), Some(&1));
    let (key, d) = &q[0];
    let state = NotifyState {
        delivered: 1,
        ..NotifyState::default()
    };
    s.finish_attempt(key, None, &d.target, &state).unwrap();
    assert_eq!(s.deliveries().unwrap().len(), 1);
    assert_eq!(s.notify_state(&d.target).unwrap().delivered, 1);
}

/// Commits `n` articles about one release, each a day later than the one before,
/// at times `clock(i)`; returns the changes in the order they were flagged.
fn many_moves(s: &Store, n: u32, clock: impl Fn(u32) -> DateTime<Utc>) -> Vec<Change> {
    let mut flagged = Vec::new();
    for i in 0..n {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
            + chrono::Duration::days(i64::from(i));
        let label = day.format("%Y-%m-%d").to_string();
        let mut a = article(&format!("m{i}"), 1, &[(&label, Role::Current)]);
        for sight in &mut a.sightings {
            sight.published = clock(i);
        }
        flagged.extend(s.commit_article(a, clock(i)).unwrap());
    }
    flagged
}

fn json_of(s: &Store, f: &ChangeFilter) -> Vec<Change> {
    let mut out = Vec::new();
    s.changes_json(f, |v| {
        out.push(serde_json::from_slice(v).unwrap());
        Ok::<(), StoreError>(())
    })
    .unwrap();
    out
}

#[test]
fn buckets_keep_detection_order_and_every_filter_past_many_changes() {
    let s = temp();
    let t0 = at(1);
    let flagged = many_moves(&s, 70, |i| t0 + chrono::Duration::hours(i64::from(i)));
    assert_eq!(flagged.len(), 69);
    let all = s
        .changes(&ChangeFilter {
            all: true,
            ..ChangeFilter::default()
        })
        .unwrap();
    assert_eq!(all, flagged, "stored in the order flagged");
    // Merged buckets of 16, then at most 15 single ones.
    assert_eq!(s.db.scan_prefix("c/").count(), 69 / buckets::CAPACITY);
    assert_eq!(s.db.scan_prefix("d/").count(), 69 % buckets::CAPACITY);
    for c in &all {
        let bucket = s.db.get(format!("x/{}", c.id)).unwrap().unwrap();
        let items: Vec<Change> = s.get(&bucket).unwrap().unwrap();
        assert!(
            items.iter().any(|k| k.id == c.id),
            "x/ points at its bucket"
        );
    }
    for since in [0, 5, 16, 17, 40, 68, 69] {
        let t = t0 + chrono::Duration::hours(since);
        for limit in [None, Some(1), Some(20)] {
            let f = ChangeFilter {
                since: Some(t),
                limit,
                all: true,
                ..ChangeFilter::default()
            };
            let mut want: Vec<Change> =
                all.iter().filter(|c| c.detected_at >= t).cloned().collect();
            if let Some(n) = limit {
                want.drain(..want.len().saturating_sub(n));
            }
            assert_eq!(
                s.changes(&f).unwrap(),
                want,
                "since {since} limit {limit:?}"
            );
            assert_eq!(json_of(&s, &f), want, "json since {since} limit {limit:?}");
        }
    }
}

#[test]
fn export_puts_a_bucket_on_one_line_and_import_restores_it() {
    let s = temp();
    let flagged = many_moves(&s, 12, |i| at(1) + chrono::Duration::hours(i64::from(i)));
    assert!(s.db.scan_prefix("c/").count() >= 2, "merged buckets exist");
    let mut dump = Vec::new();
    crate::track::backup::export(&s, &mut dump).unwrap();
    for line in dump.split(|b| *b == b'\n').filter(|l| !l.is_empty()) {
        serde_json::from_slice::<serde_json::Value>(line).expect("one record per line");
    }
    let t = temp();
    crate::track::backup::import(&t, &mut dump.as_slice(), "dump").unwrap();
    assert_eq!(
        t.changes(&ChangeFilter {
            all: true,
            ..ChangeFilter::default()
        })
        .unwrap(),
        flagged
    );
    assert_eq!(
        json_of(
            &t,
            &ChangeFilter {
                all: true,
                ..ChangeFilter::default()
            }
        ),
        flagged
    );
}

#[test]
fn a_schema_2_backup_converts_to_the_same_releases_sightings_and_items() {
    let s = temp();
    s.commit_article(article("a", 1, &[("2026-05-01", Role::Current)]), at(1))
        .unwrap();
    let both = &[
        ("2026-05-01", Role::Previous),
        ("2026-06-01", Role::Current),
    ];
    s.commit_article(article("b", 3, both), at(3)).unwrap();
    s.commit_article(article("c", 2, &[("2026-05", Role::Current)]), at(4))
        .unwrap();
    let mut dump = Vec::new();
    crate::track::backup::export(&s, &mut dump).unwrap();
    let text = String::from_utf8(dump.clone()).unwrap();
    assert!(!text.contains("\"k\":\"t/"), "no schema-3 key is exported");
    assert!(
        text.contains("\"sentence\":\"Film X: 2026-06-01\""),
        "sightings are JSON"
    );
    let t = temp();
    crate::track::backup::import(&t, &mut dump.as_slice(), "dump").unwrap();
    assert_eq!(t.releases(None).unwrap(), s.releases(None).unwrap());
    assert_eq!(t.history("film x").unwrap(), s.history("film x").unwrap());
    assert_eq!(t.item("f", "b").unwrap(), s.item("f", "b").unwrap());
    assert_eq!(t.db.get("m/schema").unwrap().unwrap().as_ref(), b"3");
    // The converted timeline goes on as the original does.
    let d = article("d", 5, &[("2026-07-01", Role::Current)]);
    assert_eq!(
        t.commit_article(d.clone(), at(5)).unwrap(),
        s.commit_article(d, at(5)).unwrap()
    );
    assert_eq!(t.releases(None).unwrap(), s.releases(None).unwrap());
}

#[test]
fn a_bad_backup_line_leaves_the_new_store_empty() {
    let s = temp();
    s.commit_article(article("a", 1, &[("2026-05-01", Role::Current)]), at(1))
        .unwrap();
    let mut dump = Vec::new();
    crate::track::backup::export(&s, &mut dump).unwrap();
    dump.extend_from_slice(b"{\"k\":\"r/x\",\"v\":{\"key\":1}}\n");
    let t = temp();
    assert!(crate::track::backup::import(&t, &mut dump.as_slice(), "dump").is_err());
    assert_eq!(t.db.len(), 1, "only the schema is left");
}

#[test]
fn a_clock_gone_back_still_appends_in_flagging_order() {
    let s = temp();
    let t0 = at(20);
    let flagged = many_moves(&s, 40, |i| {
        t0 + chrono::Duration::hours(i64::from(i))
            - chrono::Duration::days(if i >= 20 { 10 } else { 0 })
    });
    assert_eq!(
        s.changes(&ChangeFilter {
            all: true,
            ..ChangeFilter::default()
        })
        .unwrap(),
        flagged
    );
    assert_eq!(
        json_of(
            &s,
            &ChangeFilter {
                all: true,
                ..ChangeFilter::default()
            }
        ),
        flagged
    );
}

#[test]
fn a_version_1_store_is_converted_to_buckets_when_opened() {
    let dir = std::env::temp_dir().join(format!("slipwatch-v1-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let want = {
        let s = Store::open(&dir, 1 << 20).unwrap();
        let flagged = many_moves(&s, 40, |i| at(1) + chrono::Duration::hours(i64::from(i)));
        // Rewrite the changes the way version 1 stored them: one per record.
        let buckets: Vec<_> =
            s.db.scan_prefix("c/")
                .chain(s.db.scan_prefix("d/"))
                .collect();
        for kv in buckets {
            s.db.remove(kv.unwrap().0).unwrap();
        }
        for c in &flagged {
            let key = change_key(c.detected_at, &c.id);
            s.db.insert(format!("x/{}", c.id), key.clone()).unwrap();
            s.db.insert(key, encode(c)).unwrap();
        }
        s.db.insert("m/schema", "1").unwrap();
        s.flush().unwrap();
        flagged
    };
    let s = Store::open(&dir, 1 << 20).unwrap();
    let got = s
        .changes(&ChangeFilter {
            all: true,
            ..ChangeFilter::default()
        })
        .unwrap();
    let records = s.db.scan_prefix("c/").count();
    let schema = s.db.get("m/schema").unwrap().unwrap().to_vec();
    drop(s);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(got, want);
    assert_eq!(
        records,
        39usize.div_ceil(buckets::CAPACITY),
        "39 changes in full buckets"
    );
    assert_eq!(schema, SCHEMA_VERSION.to_string().into_bytes());
}

#[test]
fn a_newer_schema_is_refused() {
    let dir = std::env::temp_dir().join(format!("slipwatch-schema-{}", std::process::id()));
    {
        let s = Store::open(&dir, 1 << 20).unwrap();
        s.db.insert("m/schema", "99").unwrap();
        s.flush().unwrap();
    }
    let err = Store::open(&dir, 1 << 20).err().unwrap().to_string();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(err.contains("schema version 99"), "{err}");
}

#[test]
fn item_states_gone_from_the_feed_are_pruned_once_old_and_history_stays() {
    let s = temp();
    s.commit_article(article("a", 1, &[("2026-05-01", Role::Current)]), at(1))
        .unwrap();
    s.commit_article(article("b", 5, &[("2026-06-01", Role::Current)]), at(5))
        .unwrap();
    let present: std::collections::HashSet<String> = ["b".to_string()].into();
    // "a" is gone from the feed but newer than the cutoff: kept.
    assert_eq!(s.prune_items("f", &present, at(1)).unwrap(), 0);
    assert_eq!(s.prune_items("f", &present, at(3)).unwrap(), 1);
    assert!(s.item("f", "a").unwrap().is_none());
    // "b" is older than the cutoff but still in the feed: kept.
    assert!(s.item("f", "b").unwrap().is_some());
    assert_eq!(s.history("film x").unwrap().unwrap().sightings.len(), 2);
    let every = ChangeFilter {
        all: true,
        ..ChangeFilter::default()
    };
    assert_eq!(s.changes(&every).unwrap().len(), 1);
    let st = s.stats().unwrap();
    assert_eq!(st.sightings, 2);
    assert_eq!(st.kinds["i"].records, 1);
}
