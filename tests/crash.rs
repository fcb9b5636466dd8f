//! Crash safety: the daemon is killed with SIGKILL at random points while it polls,
//! 20 times, restarted each time; the store must open, keep every change a reader saw,
//! hold no duplicate, and end with the same changes as an uninterrupted run. Also the
//! export/import round trip.

mod common;
use common::*;

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

const FEEDS: usize = 3;
const RELEASES: usize = 20;

fn month(i: usize) -> &'static str {
    [
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
    ][i % 7]
}

/// Feeds where every release is announced and then delayed by a second article; the
/// feeds list the first `upto` releases.
fn publish(s: &Server, upto: usize) {
    for f in 0..FEEDS {
        let mut items = Vec::new();
        for r in 0..upto {
            let name = format!(
                "Album Number {}{}{}",
                ["Red", "Blue", "Gold", "Jade"][f],
                ["Moon", "Sun", "Star", "Tide", "Wind", "Rain", "Snow", "Leaf", "Rose", "Fern"]
                    [r % 10],
                ["", " Deluxe"][r / 10]
            );
            let first = format!("/f{f}/a{r}");
            let second = format!("/f{f}/b{r}");
            s.put(
                &first,
                "text/html",
                &page(
                    &format!("{name} dated"),
                    "2026-02-01T00:00:00Z",
                    &[&format!(
                        "The album {name} will be released on {} {}, 2026.",
                        month(r),
                        3 + r
                    )],
                ),
            );
            s.put(
                &second,
                "text/html",
                &page(
                    &format!("{name} delayed"),
                    "2026-02-10T00:00:00Z",
                    &[&format!(
                        "{name} has been delayed. The album will now be released on {} {}, 2026.",
                        month(r + 1),
                        10 + r
                    )],
                ),
            );
            items.push((
                format!("{name} delayed"),
                s.url(&second),
                "Tue, 10 Feb 2026 00:00:00 GMT",
            ));
            items.push((
                format!("{name} dated"),
                s.url(&first),
                "Sun, 01 Feb 2026 00:00:00 GMT",
            ));
        }
        let items: Vec<Item> = items
            .iter()
            .map(|(t, l, d)| Item {
                title: t,
                link: l.clone(),
                pub_date: d,
                description: "x",
            })
            .collect();
        s.put(&format!("/f{f}.xml"), "application/rss+xml", &rss(&items));
    }
}

fn serve() -> Server {
    let s = Server::start();
    publish(&s, RELEASES);
    s
}

fn config(dir: &std::path::Path, s: &Server, port: u16) -> std::path::PathBuf {
    let mut c = format!("[settings]\nstore = \"db\"\nlisten = \"127.0.0.1:{port}\"\ninterval = \"1s\"\nconcurrency = 2\n\n");
    for f in 0..FEEDS {
        c.push_str(&format!(
            "[[feed]]\nname = \"f{f}\"\nurl = \"{}\"\n\n",
            s.url(&format!("/f{f}.xml"))
        ));
    }
    write_config(dir, &c)
}

/// What must not depend on crashes: each change's id, dates, direction and evidence.
fn essence(changes: &serde_json::Value) -> BTreeSet<String> {
    changes
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            format!(
                "{} {} {} {} {} {}",
                c["id"],
                c["from"]["label"],
                c["to"]["label"],
                c["direction"],
                c["evidence"]["before"]["url"],
                c["evidence"]["after"]["url"]
            )
        })
        .collect()
}

fn ids(changes: &serde_json::Value) -> Vec<String> {
    changes
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].to_string())
        .collect()
}

#[test]
fn sigkill_at_random_points_loses_nothing_committed_and_converges() {
    let s = serve();
    let reference_dir = TempDir::new("crash-ref");
    let reference_cfg = config(reference_dir.path(), &s, free_port());
    let o = slipwatch(&reference_cfg, &["poll"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let reference = json(&reference_cfg, &["changes", "--json"]);
    assert_eq!(
        reference.as_array().unwrap().len(),
        FEEDS * RELEASES,
        "every release moved once: {reference:#}"
    );

    // Pages answer slowly and the feeds grow every round, so each restart finds
    // work in progress to be killed in the middle of.
    s.slow_pages(15);
    let dir = TempDir::new("crash");
    let cfg = config(dir.path(), &s, free_port());
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut rng = fastrand::Rng::with_seed(7);
    let deadline = Instant::now() + Duration::from_secs(120);
    let mut interrupted = 0;
    for round in 0..20 {
        publish(&s, round + 1);
        let mut d = start_daemon(&cfg);
        std::thread::sleep(Duration::from_millis(rng.u64(30..400)));
        // What a reader sees through the daemon right before the kill must survive it.
        let o = slipwatch(&cfg, &["changes", "--json"]);
        let before_kill = if o.status.success() {
            serde_json::from_slice(&o.stdout).ok()
        } else {
            None
        };
        d.kill().unwrap();
        d.wait().unwrap();
        let after = json(&cfg, &["changes", "--json"]);
        let after_ids = ids(&after);
        let unique: BTreeSet<&String> = after_ids.iter().collect();
        assert_eq!(
            unique.len(),
            after_ids.len(),
            "round {round}: a change was duplicated"
        );
        let now: BTreeSet<String> = essence(&after);
        assert!(
            seen.is_subset(&now),
            "round {round}: a committed change was lost"
        );
        if let Some(b) = before_kill {
            assert!(
                essence(&b).is_subset(&now),
                "round {round}: a change a reader saw was lost: {:?} not in {:?}",
                essence(&b).difference(&now).collect::<Vec<_>>(),
                now
            );
        }
        if now.len() < (round + 1) * FEEDS {
            interrupted += 1;
        }
        seen = now;
        assert!(Instant::now() < deadline, "crash rounds took too long");
    }
    println!("{interrupted} of 20 kills landed before the round's work was done");
    assert!(
        interrupted >= 5,
        "the kills must land mid-poll to test anything"
    );
    s.slow_pages(0);
    publish(&s, RELEASES);
    // Let a last run finish undisturbed: the result equals the uninterrupted run's.
    let o = slipwatch(&cfg, &["poll"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let fin = json(&cfg, &["changes", "--json"]);
    assert_eq!(essence(&fin), essence(&reference));
}

#[test]
fn export_then_import_rebuilds_the_same_store() {
    let s = serve();
    let dir = TempDir::new("backup");
    let cfg = config(dir.path(), &s, free_port());
    assert!(slipwatch(&cfg, &["poll"]).status.success());
    let dump = slipwatch(&cfg, &["export"]);
    assert!(dump.status.success(), "{}", stderr(&dump));
    std::fs::write(dir.path().join("dump.jsonl"), &dump.stdout).unwrap();
    let restored = dir.path().join("restored");
    let restored_s = restored.to_str().unwrap();
    let o = slipwatch(
        &cfg,
        &[
            "--db",
            restored_s,
            "import",
            dir.path().join("dump.jsonl").to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    for cmd in [
        &["changes", "--json"][..],
        &["releases", "--json"],
        &["feeds", "--json"],
    ] {
        let mut with_db = vec!["--db", restored_s];
        with_db.extend_from_slice(cmd);
        assert_eq!(json(&cfg, &with_db), json(&cfg, cmd), "{cmd:?}");
    }
    // Importing again into the now non-empty store is refused and changes nothing.
    let o = slipwatch(
        &cfg,
        &[
            "--db",
            restored_s,
            "import",
            dir.path().join("dump.jsonl").to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("import only into a new store"),
        "{}",
        stderr(&o)
    );
    // A damaged line is named and nothing is written.
    let text = String::from_utf8(dump.stdout).unwrap();
    let broken = text.replacen("\"v\":{", "\"v\":{\"oops\" ", 1);
    std::fs::write(dir.path().join("broken.jsonl"), broken).unwrap();
    let fresh = dir.path().join("fresh");
    let o = slipwatch(
        &cfg,
        &[
            "--db",
            fresh.to_str().unwrap(),
            "import",
            dir.path().join("broken.jsonl").to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("broken.jsonl:"), "{}", stderr(&o));
    assert_eq!(
        json(
            &cfg,
            &["--db", fresh.to_str().unwrap(), "changes", "--json"]
        ),
        serde_json::json!([])
    );
}
