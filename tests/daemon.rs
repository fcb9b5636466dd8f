//! The daemon's life cycle: it polls, the CLI reads through its API while it holds the
//! store, SIGTERM stops it with exit 0 and the store opens again afterwards; every API
//! answer follows a flush.

mod common;
use common::*;

use std::process::{Child, Command};
use std::time::{Duration, Instant};

fn sigterm(child: &Child) {
    let ok = Command::new("kill")
        .arg("-TERM")
        .arg(child.id().to_string())
        .status()
        .unwrap();
    assert!(ok.success());
}

fn wait_exit(child: &mut Child, limit: Duration) -> std::process::ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(st) = child.try_wait().unwrap() {
            return st;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("daemon did not exit within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Waits until the daemon's API answers on `port`.
fn wait_ready(port: u16) {
    use std::io::{Read, Write};
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(20) {
        if let Ok(mut c) = std::net::TcpStream::connect(("127.0.0.1", port)) {
            let _ = c.write_all(b"GET /healthz HTTP/1.0\r\n\r\n");
            let mut answer = String::new();
            let _ = c.read_to_string(&mut answer);
            if answer.starts_with("HTTP/1.0 200") || answer.starts_with("HTTP/1.1 200") {
                return;
            }
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("the daemon did not answer on port {port}");
}

/// Retries `changes --json` until it shows `n` changes or the time is up.
fn wait_for_changes(cfg: &std::path::Path, n: usize) -> serde_json::Value {
    let start = Instant::now();
    loop {
        let o = slipwatch(cfg, &["changes", "--json"]);
        if o.status.success() {
            let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
            if v.as_array().map_or(0, Vec::len) >= n {
                return v;
            }
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "no change after 30 s: {}",
            stderr(&o)
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn daemon_polls_serves_reads_and_stops_cleanly_on_sigterm() {
    let s = Server::start();
    s.put(
        "/one",
        "text/html",
        &page(
            "Show Q dated",
            "2026-03-01T00:00:00Z",
            &["The new season of Show Q will premiere on June 5, 2026."],
        ),
    );
    s.put(
        "/two",
        "text/html",
        &page(
            "Show Q delayed",
            "2026-03-10T00:00:00Z",
            &["Show Q has been pushed back. The new season will now premiere on July 10, 2026."],
        ),
    );
    let items = [
        Item {
            title: "Show Q delayed",
            link: s.url("/two"),
            pub_date: "Tue, 10 Mar 2026 00:00:00 GMT",
            description: "q",
        },
        Item {
            title: "Show Q dated",
            link: s.url("/one"),
            pub_date: "Sun, 01 Mar 2026 00:00:00 GMT",
            description: "q",
        },
    ];
    s.put("/feed.xml", "application/rss+xml", &rss(&items));
    let dir = TempDir::new("daemon");
    let port = free_port();
    let cfg = write_config(
        dir.path(),
        &format!(
            "[settings]\nstore = \"db\"\nlisten = \"127.0.0.1:{port}\"\ninterval = \"1h\"\n\n[[feed]]\nname = \"tv\"\nurl = \"{}\"\n",
            s.url("/feed.xml")
        ),
    );
    let mut daemon = start_daemon(&cfg);
    wait_ready(port);
    let seen = wait_for_changes(&cfg, 1);
    assert_eq!(seen[0]["direction"], "later");
    assert_eq!(seen[0]["to"]["label"], "2026-07-10");

    // The store is locked by the daemon, yet every read command works through its API.
    let feeds = json(&cfg, &["feeds", "--json"]);
    assert_eq!(feeds[0]["items"], 2);
    assert!(!json(&cfg, &["releases", "--json"])
        .as_array()
        .unwrap()
        .is_empty());
    // A poll while the daemon runs is handed to it.
    let p = slipwatch(&cfg, &["poll"]);
    assert!(p.status.success(), "{}", stderr(&p));
    assert!(stderr(&p).contains("the daemon holds the store"));

    let stopped_at = Instant::now();
    sigterm(&daemon);
    let status = wait_exit(&mut daemon, Duration::from_secs(10));
    assert!(status.success(), "exit status {status:?}");
    assert!(stopped_at.elapsed() < Duration::from_secs(10));

    // Read directly from the store now that it is free: same answer.
    assert_eq!(json(&cfg, &["changes", "--json"]), seen);

    // And the daemon starts again on the same store.
    let mut again = start_daemon(&cfg);
    wait_ready(port);
    assert_eq!(wait_for_changes(&cfg, 1), seen);
    sigterm(&again);
    assert!(wait_exit(&mut again, Duration::from_secs(10)).success());
}

#[test]
fn read_commands_say_clearly_when_the_store_is_busy_and_no_daemon_answers() {
    let dir = TempDir::new("busy");
    let port = free_port();
    let cfg = write_config(
        dir.path(),
        &format!("[settings]\nstore = \"db\"\nlisten = \"127.0.0.1:{port}\"\n"),
    );
    // Hold the store's lock from this process, as an overlapping cron poll would.
    let _held = slipwatch::track::store::Store::open(&dir.path().join("db"), 1 << 20).unwrap();
    let o = slipwatch(&cfg, &["changes"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("locked by another process"),
        "{}",
        stderr(&o)
    );
    let o = slipwatch(&cfg, &["poll"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("locked by another process"),
        "{}",
        stderr(&o)
    );
}

/// Sends one raw HTTP/1.0 request; returns the whole answer.
fn http(port: u16, request: &str) -> String {
    use std::io::{Read, Write};
    let mut c = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    c.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    c.write_all(request.as_bytes()).unwrap();
    let mut answer = String::new();
    let _ = c.read_to_string(&mut answer);
    answer
}

#[test]
fn with_a_token_every_request_needs_it_in_a_form_its_client_can_send() {
    let s = Server::start();
    s.put("/feed.xml", "application/rss+xml", &rss(&[]));
    let dir = TempDir::new("token");
    let port = free_port();
    let cfg = write_config(
        dir.path(),
        &format!(
            "[settings]\nstore = \"db\"\nlisten = \"127.0.0.1:{port}\"\ninterval = \"1h\"\napi_token = \"s3cret\"\n\n[[feed]]\nname = \"tv\"\nurl = \"{}\"\n",
            s.url("/feed.xml")
        ),
    );
    let mut daemon = start_daemon(&cfg);
    let start = Instant::now();
    let bearer = "GET /healthz HTTP/1.0\r\nAuthorization: Bearer s3cret\r\n\r\n";
    while !http_ok(port, bearer) {
        assert!(start.elapsed() < Duration::from_secs(20), "daemon not up");
        std::thread::sleep(Duration::from_millis(50));
    }
    let status = |req: &str| {
        let a = http(port, req);
        a.split_whitespace().nth(1).unwrap_or("").to_string()
    };
    let refused = http(port, "GET /changes.atom HTTP/1.0\r\n\r\n");
    assert_eq!(refused.split_whitespace().nth(1), Some("401"), "{refused}");
    assert!(
        refused
            .to_lowercase()
            .contains("www-authenticate: basic realm=\"slipwatch\""),
        "a browser is asked for the token: {refused}"
    );
    // Browsers and feed readers: HTTP Basic, the token as the password.
    let basic =
        |cred: &str| format!("GET /changes.atom HTTP/1.0\r\nAuthorization: Basic {cred}\r\n\r\n");
    assert_eq!(status(&basic("cmVhZGVyOnMzY3JldA==")), "200"); // reader:s3cret
    assert_eq!(status(&basic("cmVhZGVyOndyb25n")), "401"); // reader:wrong
                                                           // A reader that can send neither puts it in the URL, for GET only.
    assert_eq!(status("GET /?token=s3cret HTTP/1.0\r\n\r\n"), "200");
    assert_eq!(
        status("GET /changes.atom?token=wrong HTTP/1.0\r\n\r\n"),
        "401"
    );
    assert_eq!(
        status("POST /api/poll?token=s3cret HTTP/1.0\r\nContent-Length: 0\r\n\r\n"),
        "401"
    );
    assert_eq!(
        status("GET /metrics HTTP/1.0\r\nAuthorization: Bearer wrong\r\n\r\n"),
        "401"
    );
    // The CLI sends the configured token itself.
    let o = slipwatch(&cfg, &["changes", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    sigterm(&daemon);
    assert!(wait_exit(&mut daemon, Duration::from_secs(10)).success());
}

fn http_ok(port: u16, request: &str) -> bool {
    std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
        && http(port, request).split_whitespace().nth(1) == Some("200")
}

/// Articles commit without a flush; whatever the API answers must be on disk first
/// (`serve::api`'s `durable_answer`), on every route.
#[test]
fn every_api_answer_follows_a_flush() {
    use std::io::{Read, Write};
    use std::sync::Arc;
    let dir = std::env::temp_dir().join(format!("slipwatch-durable-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let config = slipwatch::config::Config::parse(
        &format!("[settings]\nstore = {:?}\n", dir.join("data")),
        std::path::Path::new("feeds.toml"),
    )
    .unwrap();
    let store = slipwatch::track::store::Store::open(&config.settings.store, 1 << 20).unwrap();
    let engine = slipwatch::pipeline::Engine {
        fetcher: slipwatch::ingest::fetch::Fetcher::new(&config.settings).unwrap(),
        config: Arc::new(config),
        store: Arc::new(store),
    };
    let store = engine.store.clone();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let listener = rt
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let port = listener.local_addr().unwrap().port();
    let app = slipwatch::serve::api::router(engine);
    rt.spawn(async move { axum::serve(listener, app).await });
    for path in [
        "/api/changes",
        "/api/releases",
        "/api/feeds",
        "/healthz",
        "/",
    ] {
        let before = store.flushes_asked();
        let mut c = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(c, "GET {path} HTTP/1.0\r\n\r\n").unwrap();
        let mut answer = String::new();
        c.read_to_string(&mut answer).unwrap();
        assert!(
            answer.starts_with("HTTP/1.0 200") || answer.starts_with("HTTP/1.1 200"),
            "{path}: {answer}"
        );
        assert!(
            store.flushes_asked() > before,
            "{path} answered without a flush"
        );
    }
    drop(rt);
    let _ = std::fs::remove_dir_all(&dir);
}
