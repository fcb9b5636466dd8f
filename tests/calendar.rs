//! The calendar feed read back by independent parsers: the `icalendar` crate's parser
//! always, Python's `icalendar` package when it is installed. The store is built by
//! real polls of a loopback site; the daemon serves it under the API token rules.

mod common;
use common::*;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::Command;
use std::time::{Duration as StdDuration, Instant};

use chrono::{Duration, NaiveDate, Utc};
use icalendar::Component;
use slipwatch::model::{Period, Role, Sighting};
use slipwatch::track::store::{ArticleCommit, ItemState, Store};

/// A title that needs escaping (commas, a semicolon, a backslash, quotes), is not
/// ASCII, and is long enough to be folded.
const HARD_TITLE: &str =
    "Café Society; Part 2, \"Encore\" \\ 夜の歌 — the director's cut, with extras, in 4K";

struct Event {
    uid: String,
    summary: String,
    sequence: u32,
    start: String,
    description: String,
}

/// Events as the `icalendar` crate's parser reads them (unfolding first).
fn parse(doc: &str) -> Vec<Event> {
    let unfolded = icalendar::parser::unfold(doc);
    let cal = icalendar::parser::read_calendar(&unfolded)
        .unwrap_or_else(|e| panic!("not iCalendar: {e}\n{doc}"));
    let cal: icalendar::Calendar = cal.into();
    cal.events()
        .map(|e| Event {
            uid: e.get_uid().unwrap_or_default().to_string(),
            summary: e.get_summary().unwrap_or_default().to_string(),
            sequence: e.get_sequence().unwrap_or(0),
            start: e.property_value("DTSTART").unwrap_or_default().to_string(),
            description: e.get_description().unwrap_or_default().to_string(),
        })
        .collect()
}

fn find<'a>(events: &'a [Event], summary: &str) -> &'a Event {
    events
        .iter()
        .find(|e| e.summary == summary)
        .unwrap_or_else(|| panic!("no event {summary:?}"))
}

fn calendar(cfg: &Path, args: &[&str]) -> String {
    let mut all = vec!["calendar"];
    all.extend_from_slice(args);
    let o = slipwatch(cfg, &all);
    assert!(o.status.success(), "calendar failed: {}", stderr(&o));
    stdout(&o)
}

fn poll(cfg: &Path) {
    let o = slipwatch(cfg, &["poll"]);
    assert!(o.status.success(), "poll failed: {}", stderr(&o));
}

/// Commits one sighting of `subject`, dated `date`, as a news feed's article would.
fn commit_hard_title(db: &Path, date: NaiveDate) {
    let store = Store::open(db, 1 << 20).unwrap();
    let now = Utc::now();
    let url = "http://news.test/cafe-society";
    store
        .commit_article(
            ArticleCommit {
                feed: "news".into(),
                item_id: url.into(),
                item: ItemState {
                    fingerprint: "fp".into(),
                    url: Some(url.into()),
                    processed_at: now,
                },
                sightings: vec![Sighting {
                    id: "cafe".into(),
                    release: slipwatch::extract::release_key(HARD_TITLE),
                    subject: HARD_TITLE.into(),
                    date: Some(Period::day(date)),
                    role: Role::Current,
                    moved: None,
                    confidence: 0.9,
                    region: None,
                    url: url.into(),
                    feed: "news".into(),
                    published: now,
                    sentence: format!("{HARD_TITLE} opens on {}.", day(date)),
                    first_seen: now,
                }],
            },
            now,
        )
        .unwrap();
    store.flush().unwrap();
}

/// A Python that has the `icalendar` package, if any.
fn python_with_icalendar() -> Option<&'static str> {
    ["/usr/bin/python3", "python3"].into_iter().find(|p| {
        Command::new(p)
            .args(["-c", "import icalendar"])
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

const PY_READ: &str = r#"
import icalendar, json, sys
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
print(json.dumps([{"uid": str(e['UID']), "summary": str(e['SUMMARY']),
                   "sequence": int(e.get('SEQUENCE', 0)),
                   "start": e.decoded('DTSTART').isoformat(),
                   "end": e.decoded('DTEND').isoformat()}
                  for e in cal.walk('VEVENT')]))
"#;

#[test]
fn calendar_events_keep_their_uids_raise_sequence_on_a_move_and_parse_elsewhere() {
    let mut news = News::start();
    let dir = TempDir::new("calendar");
    let cfg = write_config(
        dir.path(),
        &format!(
            "[settings]\nstore = \"db\"\n\n[[feed]]\nname = \"news\"\nurl = \"{}\"\n\n[[watch]]\nname = \"Our Blues\"\n",
            news.site.url("/feed.xml")
        ),
    );
    let today = Utc::now().date_naive();
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
    news.publish(
        "/news/game-z",
        "Game Z dated",
        at(3),
        &["Game Z is slated for a fall 2027 release."],
    );
    poll(&cfg);
    let first = calendar(&cfg, &[]);
    let before = parse(&first);
    assert_eq!(before.len(), 2, "a coarse date has no event:\n{first}");
    let ob = find(&before, "Our Blues OST");
    assert_eq!(ob.sequence, 0);
    let starts = (today + Duration::days(12)).format("%Y%m%d").to_string();
    assert_eq!(ob.start, starts);

    news.publish(
        "/news/our-blues-ost-preponed",
        "Our Blues OST release preponed",
        at(2),
        &[
            "Good news for fans: the release of the Our Blues OST has been preponed by a day.",
            &format!(
                "It will now premiere on {} at 6 p.m. KST.",
                day(today + Duration::days(11))
            ),
        ],
    );
    poll(&cfg);
    let second = calendar(&cfg, &[]);
    let after = parse(&second);
    let moved = find(&after, "Our Blues OST");
    assert_eq!(moved.uid, ob.uid, "the UID stays across polls");
    assert_eq!(moved.sequence, 1, "SEQUENCE grows with the move");
    assert_eq!(
        moved.start,
        (today + Duration::days(11)).format("%Y%m%d").to_string()
    );
    assert!(
        moved.description.contains("1 day earlier")
            && moved.description.contains("/news/our-blues-ost-preponed"),
        "{}",
        moved.description
    );
    let film = find(&after, "Film X");
    assert_eq!(film.uid, find(&before, "Film X").uid);
    assert_eq!(film.sequence, 0);
    poll(&cfg);
    assert_eq!(
        calendar(&cfg, &[]),
        second,
        "a poll that adds nothing changes nothing"
    );

    commit_hard_title(&dir.path().join("db"), today + Duration::days(5));
    let doc = calendar(&cfg, &[]);
    assert!(!doc.replace("\r\n", "").contains(['\r', '\n']), "CRLF only");
    for line in doc.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
    assert!(doc.contains("\r\n "), "a long line is folded:\n{doc}");
    assert!(doc.contains("\\;") && doc.contains("\\,") && doc.contains("\\\\"));
    let events = parse(&doc);
    assert_eq!(events.len(), 3);
    assert_eq!(find(&events, HARD_TITLE).sequence, 0);
    let outdir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/test-output");
    std::fs::create_dir_all(&outdir).unwrap();
    std::fs::write(outdir.join("calendar.ics"), &second).unwrap();

    match python_with_icalendar() {
        None => eprintln!(
            "SKIPPED: Python's icalendar package is not installed (apt-get install python3-icalendar); only the Rust parser read the calendar"
        ),
        Some(py) => {
            let file = dir.path().join("releases.ics");
            std::fs::write(&file, &doc).unwrap();
            let o = Command::new(py)
                .args(["-c", PY_READ])
                .arg(&file)
                .output()
                .unwrap();
            assert!(o.status.success(), "python: {}", stderr(&o));
            let got: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
            let list = got.as_array().unwrap();
            assert_eq!(list.len(), 3, "{got}");
            let hard = list.iter().find(|e| e["summary"] == HARD_TITLE).unwrap();
            assert_eq!(hard["uid"], find(&events, HARD_TITLE).uid.as_str());
            assert_eq!(
                hard["start"],
                (today + Duration::days(5)).format("%Y-%m-%d").to_string()
            );
            assert_eq!(
                hard["end"],
                (today + Duration::days(6)).format("%Y-%m-%d").to_string()
            );
            let ob = list.iter().find(|e| e["summary"] == "Our Blues OST").unwrap();
            assert_eq!(ob["sequence"], 1);
            assert_eq!(ob["uid"], moved.uid.as_str());
        }
    }
    daemon_serves_it_under_the_token_rules(dir.path(), &cfg, &doc);
}

/// `GET /calendar.ics` with the token as HTTP Basic or in the URL, the same bytes
/// as `slipwatch calendar`, and the window and `?watched=1` applied.
fn daemon_serves_it_under_the_token_rules(dir: &Path, cfg: &Path, doc: &str) {
    let port = free_port();
    let mut text = std::fs::read_to_string(cfg).unwrap();
    text = text.replace(
        "store = \"db\"",
        &format!("store = \"db\"\nlisten = \"127.0.0.1:{port}\"\napi_token = \"s3cret\"\ninterval = \"1h\""),
    );
    let cfg = write_config(dir, &text);
    let mut child = start_daemon(&cfg);
    let get = |path: &str, auth: Option<&str>| -> Option<(u16, String)> {
        let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
        s.set_read_timeout(Some(StdDuration::from_secs(20))).ok()?;
        let auth = auth.map_or(String::new(), |a| format!("Authorization: {a}\r\n"));
        write!(s, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n{auth}\r\n").ok()?;
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).ok()?;
        let text = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = text.split_once("\r\n\r\n")?;
        Some((
            head.split_whitespace().nth(1)?.parse().ok()?,
            body.to_string(),
        ))
    };
    let start = Instant::now();
    while get("/healthz", None).is_none() {
        assert!(
            start.elapsed() < StdDuration::from_secs(20),
            "daemon not up"
        );
        std::thread::sleep(StdDuration::from_millis(50));
    }
    assert_eq!(get("/calendar.ics", None).unwrap().0, 401);
    let (status, by_url) = get("/calendar.ics?token=s3cret", None).unwrap();
    assert_eq!(status, 200);
    // "calendar:s3cret", as a calendar app sends a password.
    let (status, by_basic) = get("/calendar.ics", Some("Basic Y2FsZW5kYXI6czNjcmV0")).unwrap();
    assert_eq!(status, 200);
    assert_eq!(
        by_url, doc,
        "the daemon serves what `slipwatch calendar` prints"
    );
    assert_eq!(by_basic, doc);
    let (_, watched) = get("/calendar.ics?token=s3cret&watched=1", None).unwrap();
    let names: Vec<String> = parse(&watched).into_iter().map(|e| e.summary).collect();
    assert_eq!(names, ["Our Blues OST"]);
    let (_, soon) = get("/calendar.ics?token=s3cret&past_days=0&future_days=8", None).unwrap();
    let names: Vec<String> = parse(&soon).into_iter().map(|e| e.summary).collect();
    assert_eq!(names, [HARD_TITLE]);
    // While the daemon holds the store, the CLI prints the daemon's document.
    assert_eq!(calendar(&cfg, &["--watched"]), watched);
    // The other readers take ?watched=1 too; the dashboard puts watched releases first.
    let (_, all) = get("/api/releases?token=s3cret", None).unwrap();
    let all: serde_json::Value = serde_json::from_str(&all).unwrap();
    assert_eq!(all.as_array().unwrap().len(), 4, "{all}");
    let (_, mine) = get("/api/releases?token=s3cret&watched=1", None).unwrap();
    let mine: serde_json::Value = serde_json::from_str(&mine).unwrap();
    assert_eq!(mine.as_array().unwrap().len(), 1, "{mine}");
    assert_eq!(mine[0]["name"], "Our Blues OST");
    let (_, changes) = get("/api/changes?token=s3cret&watched=1", None).unwrap();
    assert!(changes.contains("Our Blues OST"), "{changes}");
    let (_, atom) = get("/changes.atom?token=s3cret&watched=1", None).unwrap();
    assert!(atom.contains("changes.atom?watched=1"), "{atom}");
    let (_, page) = get("/?token=s3cret", None).unwrap();
    let watching = page.find("<h2>Watching</h2>").expect("a Watching section");
    assert!(watching < page.find("Latest changes").unwrap());
    let listed = &page[watching..page.find("Latest changes").unwrap()];
    assert!(
        listed.contains("★ Our Blues OST") && !listed.contains("Film X"),
        "{listed}"
    );
    let _ = child.kill();
    let _ = child.wait();
}
