//! Polling behaviour against a loopback server: conditional requests, failing feeds,
//! config errors.

mod common;
use common::*;

#[test]
fn unchanged_feed_adds_nothing_and_the_second_request_is_conditional() {
    let s = Server::start();
    s.put(
        "/a",
        "text/html",
        &page(
            "Film X dated",
            "2026-01-05T00:00:00Z",
            &["Film X will hit theaters on March 6, 2026, the studio said."],
        ),
    );
    s.put(
        "/feed.xml",
        "application/rss+xml",
        &rss(&[Item {
            title: "Film X dated",
            link: s.url("/a"),
            pub_date: "Mon, 05 Jan 2026 00:00:00 GMT",
            description: "x",
        }]),
    );
    let dir = TempDir::new("cond");
    let cfg = write_config(
        dir.path(),
        &format!("[[feed]]\nname = \"f\"\nurl = \"{}\"\n", s.url("/feed.xml")),
    );
    assert!(slipwatch(&cfg, &["poll"]).status.success());
    let feeds1 = json(&cfg, &["feeds", "--json"]);
    let releases1 = json(&cfg, &["releases", "--json"]);
    assert!(slipwatch(&cfg, &["poll"]).status.success());
    let reqs = s.requests("/feed.xml");
    assert_eq!(reqs.len(), 2);
    assert!(reqs[0].is_none());
    assert!(
        reqs[1].is_some(),
        "second feed request carries If-None-Match"
    );
    assert_eq!(
        s.requests("/a").len(),
        1,
        "a seen item is not fetched again"
    );
    let feeds2 = json(&cfg, &["feeds", "--json"]);
    assert_eq!(feeds2[0]["items"], feeds1[0]["items"]);
    assert_eq!(feeds2[0]["not_modified"], 1);
    assert_eq!(json(&cfg, &["releases", "--json"]), releases1);
}

#[test]
fn edited_item_is_processed_again() {
    let s = Server::start();
    s.put(
        "/a",
        "text/html",
        &page(
            "Game Y",
            "2026-01-05T00:00:00Z",
            &["Game Y launches on May 1, 2026."],
        ),
    );
    let feed = |title: &str| {
        rss(&[Item {
            title,
            link: s.url("/a"),
            pub_date: "Mon, 05 Jan 2026 00:00:00 GMT",
            description: "y",
        }])
    };
    s.put("/feed.xml", "application/rss+xml", &feed("Game Y dated"));
    let dir = TempDir::new("edit");
    let cfg = write_config(
        dir.path(),
        &format!("[[feed]]\nname = \"f\"\nurl = \"{}\"\n", s.url("/feed.xml")),
    );
    assert!(slipwatch(&cfg, &["poll"]).status.success());
    s.put(
        "/feed.xml",
        "application/rss+xml",
        &feed("Game Y dated (updated)"),
    );
    assert!(slipwatch(&cfg, &["poll"]).status.success());
    assert_eq!(
        s.requests("/a").len(),
        2,
        "the edited item's page is fetched again"
    );
    let f = json(&cfg, &["feeds", "--json"]);
    assert_eq!(f[0]["items"], 2);
}

#[test]
fn bad_feeds_are_reported_while_good_feeds_are_polled() {
    let s = Server::start();
    s.put(
        "/a",
        "text/html",
        &page(
            "Album Z",
            "2026-02-01T00:00:00Z",
            &["The album Z drops on April 10, 2026."],
        ),
    );
    s.put(
        "/good.xml",
        "application/rss+xml",
        &rss(&[Item {
            title: "Album Z",
            link: s.url("/a"),
            pub_date: "Sun, 01 Feb 2026 00:00:00 GMT",
            description: "z",
        }]),
    );
    s.put(
        "/html.xml",
        "text/html",
        "<html><body>Welcome to our site</body></html>",
    );
    let dir = TempDir::new("bad");
    let cfg = write_config(
        dir.path(),
        &format!(
            "[[feed]]\nname = \"missing\"\nurl = \"{}\"\n\n[[feed]]\nname = \"html\"\nurl = \"{}\"\n\n[[feed]]\nname = \"good\"\nurl = \"{}\"\n\n[[feed]]\nname = \"nofile\"\nurl = \"does-not-exist.xml\"\n",
            s.url("/missing.xml"),
            s.url("/html.xml"),
            s.url("/good.xml")
        ),
    );
    let o = slipwatch(&cfg, &["poll"]);
    assert!(
        o.status.success(),
        "one good feed means the run worked: {}",
        stderr(&o)
    );
    let err = stderr(&o);
    assert!(err.contains("feed missing: HTTP 404"), "{err}");
    assert!(
        err.contains("feed html:") && err.contains("HTML page"),
        "{err}"
    );
    assert!(err.contains("feed nofile:"), "{err}");
    let feeds = json(&cfg, &["feeds", "--json"]);
    let by = |n: &str| {
        feeds
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"] == n)
            .unwrap()
            .clone()
    };
    assert_eq!(by("missing")["last_error"], "HTTP 404");
    assert_eq!(by("missing")["consecutive_failures"], 1);
    assert!(by("good")["last_success"].is_string());
    assert_eq!(by("good")["items"], 1);
}

#[test]
fn every_feed_failing_exits_1() {
    let dir = TempDir::new("allbad");
    let cfg = write_config(
        dir.path(),
        "[[feed]]\nname = \"gone\"\nurl = \"http://127.0.0.1:9/feed\"\nfetch_articles = false\n",
    );
    let o = slipwatch(&cfg, &["poll"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
}

#[test]
fn config_errors_name_file_line_and_column_and_exit_2() {
    let dir = TempDir::new("cfg");
    let cfg = write_config(
        dir.path(),
        "[[feed]]\nname = \"a\"\nurl = \"https://example.com/feed\"\nintervall = \"5m\"\n\n",
    );
    let o = slipwatch(&cfg, &["poll"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("feeds.toml:4:1: unknown key \"intervall\""),
        "{err}"
    );

    let cfg = write_config(dir.path(), "[[feed]]\nname = \"a\"\nurl = \"nope://x\"\n[[feed]]\nname = \"a\"\nurl = \"https://e.com\"\ninterval = \"0m\"\n");
    let o = slipwatch(&cfg, &["feeds"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("feeds.toml:3:7: url scheme \"nope\""), "{err}");
    assert!(err.contains("feeds.toml:5:8: duplicate feed name"), "{err}");
    assert!(
        err.contains("feeds.toml:7:12: interval must be greater than zero"),
        "{err}"
    );
}

#[test]
fn local_file_feeds_fall_back_to_feed_text() {
    let dir = TempDir::new("file");
    let feed = rss(&[Item {
        title: "Show W renewed",
        link: "https://example.invalid/w".into(),
        pub_date: "Mon, 05 Jan 2026 00:00:00 GMT",
        description: "<p>Season 2 of Show W will premiere on September 4, 2026.</p>",
    }]);
    std::fs::write(dir.path().join("local.xml"), feed).unwrap();
    let cfg = write_config(
        dir.path(),
        "[[feed]]\nname = \"local\"\nurl = \"local.xml\"\nfetch_articles = false\n",
    );
    let o = slipwatch(&cfg, &["poll"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let f = json(&cfg, &["feeds", "--json"]);
    assert_eq!(f[0]["items"], 1);
    assert_eq!(f[0]["articles"], 0);
}

#[test]
fn feeds_warns_when_the_article_selector_stops_matching() {
    let s = Server::start();
    let mut items = Vec::new();
    for i in 0..3 {
        let path = format!("/story{i}");
        s.put(
            &path,
            "text/html",
            &page(
                "Story",
                "2026-01-05T00:00:00Z",
                &["Show P returns on May 1, 2026."],
            ),
        );
        items.push(Item {
            title: "Story",
            link: s.url(&path),
            pub_date: "Mon, 05 Jan 2026 00:00:00 GMT",
            description: "p",
        });
    }
    s.put("/feed.xml", "application/rss+xml", &rss(&items));
    let dir = TempDir::new("selector");
    let cfg = write_config(
        dir.path(),
        &format!(
            "[[feed]]\nname = \"site\"\nurl = \"{}\"\narticle_selector = \"div.story-body\"\n",
            s.url("/feed.xml")
        ),
    );
    assert!(slipwatch(&cfg, &["poll"]).status.success());
    let f = json(&cfg, &["feeds", "--json"]);
    assert_eq!(f[0]["selector_misses"], 3);
    let text = stdout(&slipwatch(&cfg, &["feeds"]));
    assert!(
        text.contains("matched nothing in the last 3 articles"),
        "{text}"
    );
}

#[test]
fn a_failed_feed_is_one_line_on_stderr_and_the_log_line_needs_verbose() {
    let dir = TempDir::new("one-line");
    let cfg = write_config(
        dir.path(),
        &format!(
            "[settings]\nstore = \"db\"\n\n[[feed]]\nname = \"gone\"\nurl = \"http://127.0.0.1:{}/feed.xml\"\n",
            free_port()
        ),
    );
    let quiet = stderr(&slipwatch(&cfg, &["poll"]));
    let lines: Vec<&str> = quiet.lines().filter(|l| l.contains("gone")).collect();
    assert_eq!(lines.len(), 1, "{quiet}");
    assert!(lines[0].starts_with("slipwatch: feed gone: "), "{quiet}");
    let verbose = stderr(&slipwatch(&cfg, &["-v", "poll"]));
    assert!(verbose.contains("poll failed"), "{verbose}");
}
