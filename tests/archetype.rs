//! The archetype end to end: the Our Blues OST moved from April 25 to April 24, 2022,
//! read from a loopback feed by the real binary.

mod common;
use common::*;

const A_TITLE: &str = "Jimin and Ha Sung Woon to release Our Blues OST";
const B_TITLE: &str = "Jimin and Ha Sung Woon's Our Blues OST release preponed";

fn article_a() -> String {
    page(
        A_TITLE,
        "2022-04-19T10:00:00+09:00",
        &[
            "BTS member Jimin and singer Ha Sung Woon are teaming up for the soundtrack of the tvN drama Our Blues.",
            "The Our Blues OST, a duet titled With You, will be released on April 25, 2022 at 6 p.m. KST.",
            "The drama stars Lee Byung Hun, Shin Min Ah, Cha Seung Won and Kim Woo Bin.",
        ],
    )
}

fn article_b() -> String {
    page(
        B_TITLE,
        "2022-04-21T11:00:00+09:00",
        &[
            "Good news for fans of Jimin and Ha Sung Woon: the release of their Our Blues OST has been preponed by a day.",
            "It will now premiere on April 24, 2022 at 6 p.m. KST.",
            "The two singers became close friends after meeting as trainees years ago.",
        ],
    )
}

fn item_a(s: &Server) -> Item<'static> {
    Item {
        title: A_TITLE,
        link: s.url("/news/our-blues-ost"),
        pub_date: "Tue, 19 Apr 2022 01:00:00 GMT",
        description: "Jimin and Ha Sung Woon team up for Our Blues.",
    }
}

fn item_b(s: &Server) -> Item<'static> {
    Item {
        title: B_TITLE,
        link: s.url("/news/our-blues-ost-preponed"),
        pub_date: "Thu, 21 Apr 2022 02:00:00 GMT",
        description: "The Our Blues OST comes a day early.",
    }
}

fn setup(items_b_only: bool) -> (Server, TempDir, std::path::PathBuf) {
    let s = Server::start();
    s.put(
        "/news/our-blues-ost",
        "text/html; charset=utf-8",
        &article_a(),
    );
    s.put(
        "/news/our-blues-ost-preponed",
        "text/html; charset=utf-8",
        &article_b(),
    );
    let items = if items_b_only {
        vec![item_b(&s)]
    } else {
        vec![item_a(&s)]
    };
    s.put("/feed.xml", "application/rss+xml", &rss(&items));
    let dir = TempDir::new("archetype");
    let cfg = write_config(
        dir.path(),
        &format!(
            "[settings]\nstore = \"db\"\n\n[[feed]]\nname = \"kpop\"\nurl = \"{}\"\n",
            s.url("/feed.xml")
        ),
    );
    (s, dir, cfg)
}

fn assert_archetype_change(changes: &serde_json::Value, before_url: &str, after_url: &str) {
    let list = changes.as_array().expect("an array");
    assert_eq!(list.len(), 1, "exactly one change: {changes:#}");
    let c = &list[0];
    assert!(
        c["release"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("our blues ost"),
        "{c:#}"
    );
    assert_eq!(c["from"]["label"], "2022-04-25");
    assert_eq!(c["from"]["precision"], "day");
    assert_eq!(c["to"]["label"], "2022-04-24");
    assert_eq!(c["to"]["start"], "2022-04-24");
    assert_eq!(c["direction"], "earlier");
    assert_eq!(c["delta_days"], -1);
    assert_eq!(c["evidence"]["before"]["url"], before_url);
    assert_eq!(c["evidence"]["after"]["url"], after_url);
    assert_eq!(c["evidence"]["after"]["feed"], "kpop");
    assert!(
        c["evidence"]["after"]["sentence"]
            .as_str()
            .unwrap()
            .contains("April 24"),
        "{c:#}"
    );
}

#[test]
fn date_moved_earlier_across_two_polls_is_one_change_with_both_articles() {
    let (s, _dir, cfg) = setup(false);
    let first = slipwatch(&cfg, &["poll"]);
    assert!(first.status.success(), "{}", stderr(&first));
    assert_eq!(stdout(&first), "", "no change yet, so cron mails nothing");
    let releases = json(&cfg, &["releases", "--json"]);
    let ost = releases
        .as_array()
        .unwrap()
        .iter()
        .find(|r| {
            r["name"]
                .as_str()
                .unwrap_or("")
                .to_lowercase()
                .contains("our blues ost")
        })
        .unwrap_or_else(|| panic!("Our Blues OST tracked: {releases:#}"));
    assert_eq!(ost["date"]["label"], "2022-04-25");

    s.put(
        "/feed.xml",
        "application/rss+xml",
        &rss(&[item_b(&s), item_a(&s)]),
    );
    let second = slipwatch(&cfg, &["poll"]);
    assert!(second.status.success(), "{}", stderr(&second));
    assert!(
        stdout(&second).contains("Our Blues OST: Apr 25 → Apr 24, 2022  (1 day earlier"),
        "poll prints the change: {}",
        stdout(&second)
    );

    let changes = json(&cfg, &["changes", "--json"]);
    assert_archetype_change(
        &changes,
        &s.url("/news/our-blues-ost"),
        &s.url("/news/our-blues-ost-preponed"),
    );
    assert_eq!(
        json(&cfg, &["changes", "--json", "--direction", "later"]),
        serde_json::json!([])
    );

    // Polling again changes nothing.
    let third = slipwatch(&cfg, &["poll"]);
    assert_eq!(stdout(&third), "");
    assert_eq!(json(&cfg, &["changes", "--json"]), changes);
}

#[test]
fn second_article_alone_yields_the_change_in_a_fresh_store() {
    let (s, _dir, cfg) = setup(true);
    let o = slipwatch(&cfg, &["poll", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let url = s.url("/news/our-blues-ost-preponed");
    assert_archetype_change(&json(&cfg, &["changes", "--json"]), &url, &url);
    let shown = json(&cfg, &["show", "Our Blues OST", "--json"]);
    assert_eq!(shown["release"]["date"]["label"], "2022-04-24");
    assert_eq!(shown["changes"].as_array().unwrap().len(), 1);
}

#[test]
fn older_article_read_after_newer_one_does_not_move_the_date_back() {
    let (s, _dir, cfg) = setup(true);
    assert!(slipwatch(&cfg, &["poll"]).status.success());
    s.put(
        "/feed.xml",
        "application/rss+xml",
        &rss(&[item_b(&s), item_a(&s)]),
    );
    assert!(slipwatch(&cfg, &["poll"]).status.success());
    let releases = json(&cfg, &["releases", "our blues ost", "--json"]);
    let ost = &releases.as_array().unwrap()[0];
    assert_eq!(
        ost["date"]["label"], "2022-04-24",
        "the newer report stands: {releases:#}"
    );
    let changes = json(&cfg, &["changes", "--json"]);
    assert_eq!(changes.as_array().unwrap().len(), 1, "{changes:#}");
}
