//! Following releases: the watchlist filtering notifications, `upcoming`, and the
//! watch commands, on stores built through real polls of a loopback news site with
//! loopback webhook receivers. Dates are set relative to today, so "what's coming"
//! is always coming.

mod common;
use common::*;

use std::path::{Path, PathBuf};

use chrono::{Duration, NaiveDate, Utc};

fn poll(cfg: &Path) {
    let o = slipwatch(cfg, &["poll"]);
    assert!(o.status.success(), "poll failed: {}", stderr(&o));
}

fn names(v: &serde_json::Value, field: &str) -> Vec<String> {
    v.as_array()
        .unwrap_or_else(|| panic!("not an array: {v}"))
        .iter()
        .map(|x| x[field].as_str().unwrap_or_default().to_string())
        .collect()
}

/// Two polls: the first announces Our Blues OST (watched) and Film X (not), the
/// second moves both and announces IU's new album, whose name does not carry her.
fn two_polls(news: &mut News, cfg: &Path, today: NaiveDate) {
    let at = |days_ago: i64| Utc::now() - Duration::days(days_ago);
    news.publish(
        "/news/our-blues-ost",
        "Jimin and Ha Sung Woon to release Our Blues OST",
        at(3),
        &[&format!(
            "The Our Blues OST, a duet titled With You, will be released on {} at 6 p.m. KST.",
            day(today + Duration::days(12))
        )],
    );
    news.publish(
        "/news/film-x",
        "Film X dated",
        at(3),
        &[&format!(
            "Film X will hit theaters on {}, the studio said.",
            day(today + Duration::days(15))
        )],
    );
    poll(cfg);
    news.publish(
        "/news/our-blues-ost-preponed",
        "Our Blues OST release preponed",
        at(2),
        &[
            "Good news for fans of Jimin and Ha Sung Woon: the release of their Our Blues OST has been preponed by a day.",
            &format!("It will now premiere on {} at 6 p.m. KST.", day(today + Duration::days(11))),
        ],
    );
    news.publish(
        "/news/film-x-delayed",
        "Film X delayed",
        at(2),
        &[&format!(
            "Film X has been pushed back to {}.",
            day(today + Duration::days(40))
        )],
    );
    news.publish(
        "/news/iu-the-winning",
        "IU announces The Winning",
        at(2),
        &[&format!(
            "IU will release her new album The Winning on {}, her agency announced.",
            day(today + Duration::days(20))
        )],
    );
    poll(cfg);
}

/// A config with the loopback feed, two watches and two webhooks: `watched` (the
/// default, watched releases only) and `everything` (`all = true`).
fn config(dir: &Path, news: &News, watched: &Receiver, everything: &Receiver) -> PathBuf {
    write_config(
        dir,
        &format!(
            r#"# following a few releases
[settings]
store = "db"

[[feed]]
name = "news"
url = "{}"

[[watch]]
name = "Our Blues"
kind = "drama"

[[watch]]
name = "IU"
kind = "artist"

[[notify]]
name = "watched"
url = "{}"

[[notify]]
name = "everything"
url = "{}"
all = true
"#,
            news.site.url("/feed.xml"),
            watched.url("/hook"),
            everything.url("/hook"),
        ),
    )
}

#[test]
fn a_watchlist_filters_notifications_and_an_artist_watch_catches_her_new_album() {
    let (watched, everything) = (Receiver::start(0), Receiver::start(0));
    let mut news = News::start();
    let dir = TempDir::new("watch-notify");
    let cfg = config(dir.path(), &news, &watched, &everything);
    let today = Utc::now().date_naive();
    two_polls(&mut news, &cfg, today);

    let all_changes = json(&cfg, &["changes", "--json"]);
    let mut moved = names(&all_changes, "release");
    moved.sort();
    assert_eq!(moved, ["Film X", "Our Blues OST"], "{all_changes}");
    // One poll moved a watched and an unwatched release: the default target got the
    // watched one only, the `all = true` target both.
    assert_eq!(
        names(&serde_json::json!(watched.bodies()), "release"),
        ["Our Blues OST"]
    );
    let mut both = names(&serde_json::json!(everything.bodies()), "release");
    both.sort();
    assert_eq!(both, ["Film X", "Our Blues OST"]);

    // IU's album was first seen after the watch was written, under a name without her.
    let listed = json(&cfg, &["releases", "--watched", "--json"]);
    let mut keys = names(&listed, "name");
    keys.sort();
    assert_eq!(keys, ["Our Blues OST", "The Winning"], "{listed}");
    news.publish(
        "/news/iu-delayed",
        "IU's album delayed",
        Utc::now() - Duration::days(1),
        &[&format!(
            "IU's new album The Winning has been pushed back to {}.",
            day(today + Duration::days(27))
        )],
    );
    poll(&cfg);
    let got = names(&serde_json::json!(watched.bodies()), "release");
    assert_eq!(
        got,
        ["Our Blues OST", "The Winning"],
        "the artist's album reaches the watched target"
    );
    assert_eq!(everything.count(), 3);
    let only = json(&cfg, &["changes", "--watched", "--json"]);
    assert_eq!(names(&only, "release"), ["Our Blues OST", "The Winning"]);
}

#[test]
fn upcoming_lists_polled_releases_soonest_first_with_how_they_moved() {
    let (watched, everything) = (Receiver::start(0), Receiver::start(0));
    let mut news = News::start();
    let dir = TempDir::new("watch-upcoming");
    let cfg = config(dir.path(), &news, &watched, &everything);
    let today = Utc::now().date_naive();
    two_polls(&mut news, &cfg, today);

    let soon = json(&cfg, &["upcoming", "--json"]);
    assert_eq!(
        names(&soon, "name"),
        ["Our Blues OST", "The Winning"],
        "{soon}"
    );
    assert_eq!(soon[0]["moves"], 1);
    assert_eq!(soon[0]["shift_days"], -1);
    assert_eq!(soon[0]["moved"], "moved once, 1 day earlier");
    assert_eq!(soon[1]["moved"], "not moved");
    let later = json(&cfg, &["upcoming", "--days", "60", "--json"]);
    assert_eq!(
        names(&later, "name"),
        ["Our Blues OST", "The Winning", "Film X"]
    );
    assert_eq!(later[2]["moved"], "moved once, 25 days later");
    let mine = json(&cfg, &["upcoming", "--days", "60", "--watched", "--json"]);
    assert_eq!(names(&mine, "name"), ["Our Blues OST", "The Winning"]);

    let text = stdout(&slipwatch(&cfg, &["upcoming", "--days", "60"]));
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(
        lines[0].contains("in 11 days")
            && lines[0].contains("Our Blues OST  (moved once, 1 day earlier)"),
        "{text}"
    );
    assert!(lines[2].contains("Film X"), "{text}");
    // Kept for the README, which shows this output as it is.
    let outdir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/test-output");
    std::fs::create_dir_all(&outdir).unwrap();
    std::fs::write(outdir.join("upcoming.txt"), &text).unwrap();
    let list = stdout(&slipwatch(&cfg, &["watch"]));
    std::fs::write(outdir.join("watch-list.txt"), &list).unwrap();
    assert_eq!(list, "Our Blues  (drama)\nIU  (artist)\n");
}

#[test]
fn watch_add_and_remove_edit_the_config_and_keep_its_comments() {
    let dir = TempDir::new("watch-edit");
    let cfg = write_config(
        dir.path(),
        "# my feeds\n[[feed]]\nname = \"a\" # the first\nurl = \"a.xml\"\n",
    );
    let before = std::fs::read_to_string(&cfg).unwrap();
    let o = slipwatch(
        &cfg,
        &[
            "watch",
            "add",
            "Grand Theft Auto VI",
            "--alias",
            "GTA 6",
            "--kind",
            "game",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let after = std::fs::read_to_string(&cfg).unwrap();
    assert!(after.starts_with(&before), "{after}");
    let list = json(&cfg, &["watch", "--json"]);
    assert_eq!(
        list,
        serde_json::json!([{"name": "Grand Theft Auto VI", "aliases": ["GTA 6"], "kind": "game"}])
    );
    let again = slipwatch(&cfg, &["watch", "add", "grand theft auto vi"]);
    assert_eq!(again.status.code(), Some(2), "{}", stderr(&again));
    assert!(
        stderr(&again).contains("duplicate watch name"),
        "{}",
        stderr(&again)
    );
    let o = slipwatch(&cfg, &["watch", "remove", "GRAND THEFT AUTO VI"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&cfg).unwrap().trim_end(),
        before.trim_end()
    );
    let missing = slipwatch(&cfg, &["watch", "remove", "IU"]);
    assert!(!missing.status.success());
    assert!(
        stderr(&missing).contains("no [[watch]] entry is named \"IU\""),
        "{}",
        stderr(&missing)
    );
}
