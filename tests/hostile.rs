//! Hostile and broken servers: each failure becomes a per-feed error with a clear
//! message, and the good feed beside them is still polled.

mod common;
use common::*;

use std::io::Write;
use std::net::TcpStream;
use std::time::Duration;

fn respond(mut c: TcpStream, head: &str, body: &[u8]) {
    let _ = c.write_all(head.as_bytes());
    let _ = c.write_all(body);
}

fn misbehave(path: &str, mut c: TcpStream) {
    match path {
        "/slow" => {
            let _ = c.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: 1000\r\n\r\n");
            for _ in 0..30 {
                if c.write_all(b"<").is_err() {
                    return;
                }
                std::thread::sleep(Duration::from_secs(1));
            }
        }
        "/reset" => drop(c),
        "/loop" => respond(
            c,
            "HTTP/1.1 302 Found\r\nLocation: /loop\r\nContent-Length: 0\r\n\r\n",
            b"",
        ),
        "/huge" => {
            let _ = c.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nTransfer-Encoding: chunked\r\n\r\n");
            let chunk = vec![b'a'; 1 << 20];
            for _ in 0..50 {
                if c.write_all(format!("{:x}\r\n", chunk.len()).as_bytes())
                    .is_err()
                    || c.write_all(&chunk).is_err()
                    || c.write_all(b"\r\n").is_err()
                {
                    return;
                }
            }
            let _ = c.write_all(b"0\r\n\r\n");
        }
        "/bomb" => {
            // 16 MiB of zeros in about 16 KiB: 16 times the 1 MB cap once inflated.
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            let zeros = vec![0u8; 1 << 20];
            for _ in 0..16 {
                gz.write_all(&zeros).unwrap();
            }
            let body = gz.finish().unwrap();
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Encoding: gzip\r\nContent-Length: {}\r\n\r\n",
                body.len()
            );
            respond(c, &head, &body);
        }
        "/error" => respond(
            c,
            "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 4\r\n\r\noops",
            b"",
        ),
        "/wall" => respond(
            c,
            "HTTP/1.1 403 Forbidden\r\nContent-Type: text/html\r\nContent-Length: 44\r\n\r\n",
            b"<html><body>Attention Required!</body></html>",
        ),
        "/throttle" => respond(
            c,
            "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 3600\r\nContent-Length: 0\r\n\r\n",
            b"",
        ),
        "/mislabelled" => {
            let body = b"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>caf\xe9 \xff\xfe</title><item><title>Caf\xe9 news</title><link>http://127.0.0.1:9/x</link></item></channel></rss>";
            let head = format!("HTTP/1.1 200 OK\r\nContent-Type: text/xml; charset=utf-8\r\nContent-Length: {}\r\n\r\n", body.len());
            respond(c, &head, body);
        }
        _ => respond(
            c,
            "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n",
            b"",
        ),
    }
}

#[test]
fn hostile_servers_become_per_feed_errors_and_the_good_feed_is_still_polled() {
    let raw = RawServer::start(misbehave);
    let good = Server::start();
    good.put(
        "/a",
        "text/html",
        &page(
            "Film R dated",
            "2026-01-05T00:00:00Z",
            &["Film R opens in theaters on August 7, 2026."],
        ),
    );
    good.put(
        "/feed.xml",
        "application/rss+xml",
        &rss(&[Item {
            title: "Film R dated",
            link: good.url("/a"),
            pub_date: "Mon, 05 Jan 2026 00:00:00 GMT",
            description: "r",
        }]),
    );
    let dir = TempDir::new("hostile");
    let mut cfg = String::from(
        "[settings]\ntimeout = \"3s\"\nconnect_timeout = \"2s\"\nmax_feed_bytes = 1_000_000\n\n",
    );
    for name in [
        "slow",
        "reset",
        "loop",
        "huge",
        "bomb",
        "error",
        "wall",
        "throttle",
        "mislabelled",
    ] {
        cfg.push_str(&format!(
            "[[feed]]\nname = \"{name}\"\nurl = \"{}/{name}\"\nfetch_articles = false\n\n",
            raw.base
        ));
    }
    cfg.push_str(&format!(
        "[[feed]]\nname = \"good\"\nurl = \"{}\"\n",
        good.url("/feed.xml")
    ));
    let cfg = write_config(dir.path(), &cfg);

    let started = std::time::Instant::now();
    let o = slipwatch(&cfg, &["poll"]);
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "a slow server cannot hold the poll"
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let feeds = json(&cfg, &["feeds", "--json"]);
    let error = |n: &str| {
        let f = feeds
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"] == n)
            .unwrap();
        f["last_error"].as_str().unwrap_or("").to_string()
    };
    assert!(error("slow").contains("timed out"), "{}", error("slow"));
    assert!(!error("reset").is_empty());
    assert!(error("loop").contains("redirects"), "{}", error("loop"));
    assert!(error("huge").contains("cap"), "{}", error("huge"));
    assert!(
        error("bomb").contains("cap"),
        "a gzip bomb stops at the cap: {}",
        error("bomb")
    );
    assert_eq!(error("error"), "HTTP 500");
    assert!(
        error("wall").contains("bot protection"),
        "{}",
        error("wall")
    );
    assert_eq!(error("throttle"), "", "429 is not a failure");
    assert_eq!(
        error("mislabelled"),
        "",
        "invalid bytes are replaced, not fatal"
    );
    let good_state = feeds
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "good")
        .unwrap();
    assert_eq!(good_state["items"], 1);

    // The throttled feed is left alone until its Retry-After has passed.
    let throttle = feeds
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "throttle")
        .unwrap();
    assert!(throttle["throttled_until"].is_string(), "{throttle:#}");
    assert_eq!(throttle["consecutive_failures"], 0);
}

#[test]
fn article_links_to_private_addresses_are_refused_for_feeds_on_public_hosts() {
    let s = Server::start();
    s.put(
        "/article",
        "text/html",
        &page(
            "Secret",
            "2026-01-05T00:00:00Z",
            &["Album S arrives on May 5, 2026."],
        ),
    );
    let dir = TempDir::new("ssrf");
    // A local file feed is not on a private network host, so its links are held to
    // public addresses; the link here points at loopback.
    let feed = rss(&[Item {
        title: "Album S",
        link: s.url("/article"),
        pub_date: "Mon, 05 Jan 2026 00:00:00 GMT",
        description: "Album S arrives on May 5, 2026.",
    }]);
    std::fs::write(dir.path().join("feed.xml"), feed).unwrap();
    let cfg = write_config(
        dir.path(),
        "[[feed]]\nname = \"local\"\nurl = \"feed.xml\"\n",
    );
    let o = slipwatch(&cfg, &["poll"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        s.requests("/article").is_empty(),
        "no request may reach a private address"
    );
    let feeds = json(&cfg, &["feeds", "--json"]);
    assert_eq!(
        feeds[0]["items"], 1,
        "the item is still read from the feed's own text"
    );
    assert_eq!(feeds[0]["articles"], 0);

    // Opting in lets the same link through.
    let cfg = write_config(
        dir.path(),
        "[settings]\nallow_private_networks = true\nstore = \"db2\"\n[[feed]]\nname = \"local\"\nurl = \"feed.xml\"\n",
    );
    assert!(slipwatch(&cfg, &["poll"]).status.success());
    assert_eq!(s.requests("/article").len(), 1);
}
