//! Chat formats: one queued change delivered by `slipwatch poll` to a Slack, a
//! Discord and an ntfy webhook, each a loopback receiver; the test then checks each
//! body against the shape its service documents.

mod common;
use common::*;

use std::path::Path;

use chrono::{DateTime, Utc};
use serde_json::Value;
use slipwatch::model::{Direction, Period, Role, Sighting};
use slipwatch::track::store::{ArticleCommit, ItemState, Store};

const LINE: &str = "Our Blues OST: Apr 25 → Apr 24, 2022 (1 day earlier)";
const BEFORE: &str = "http://news.test/our-blues-ost";
const AFTER: &str = "http://news.test/our-blues-ost-preponed";

fn time(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// One article's sighting; `moved`: the direction the article itself states.
fn article(
    url: &str,
    date: &str,
    published: &str,
    sentence: &str,
    moved: Option<Direction>,
) -> ArticleCommit {
    let published = time(published);
    ArticleCommit {
        feed: "kpop".into(),
        item_id: url.into(),
        item: ItemState {
            fingerprint: "fp".into(),
            url: Some(url.into()),
            processed_at: published,
        },
        sightings: vec![Sighting {
            id: format!("{url}#{date}"),
            release: "our blues ost".into(),
            subject: "Our Blues OST".into(),
            date: Period::from_label(date),
            role: Role::Current,
            moved,
            confidence: 0.9,
            region: None,
            url: url.into(),
            feed: "kpop".into(),
            published,
            sentence: sentence.into(),
            first_seen: published,
        }],
    }
}

/// The archetype's move, queued for `targets`.
fn queue_the_archetype(db: &Path, targets: &[&str]) {
    let store = Store::open(db, 1 << 20).unwrap();
    store.set_notify_targets(targets.iter().map(|t| t.to_string()).collect());
    store
        .commit_article(
            article(
                BEFORE,
                "2022-04-25",
                "2022-04-19T01:00:00Z",
                "The Our Blues OST will be released on April 25, 2022.",
                None,
            ),
            time("2022-04-19T03:00:00Z"),
        )
        .unwrap();
    let changes = store
        .commit_article(
            article(
                AFTER,
                "2022-04-24",
                "2022-04-21T02:00:00Z",
                "It will now premiere on April 24, 2022 at 6 p.m. KST.",
                Some(Direction::Earlier),
            ),
            time("2022-04-21T03:00:00Z"),
        )
        .unwrap();
    assert_eq!(changes.len(), 1);
    assert!(changes[0].confirmed, "the article states the move");
    store.flush().unwrap();
}

fn text<'a>(v: &'a Value, what: &str) -> &'a str {
    v.as_str()
        .unwrap_or_else(|| panic!("{what} is not a string: {v}"))
}

/// Slack incoming webhooks: `text` (the fallback and notification text) and `blocks`
/// of known types; section text is a text object of at most 3,000 characters, a
/// context block holds at most 10 elements; links are `<url|label>`.
fn check_slack(v: &Value) {
    assert_eq!(text(&v["text"], "text"), LINE);
    let blocks = v["blocks"].as_array().expect("blocks is an array");
    assert!(!blocks.is_empty() && blocks.len() <= 50);
    for b in blocks {
        match text(&b["type"], "block type") {
            "section" => {
                assert!(matches!(
                    text(&b["text"]["type"], "text type"),
                    "mrkdwn" | "plain_text"
                ));
                assert!(text(&b["text"]["text"], "section text").chars().count() <= 3000);
            }
            "context" => {
                let els = b["elements"].as_array().expect("context elements");
                assert!(!els.is_empty() && els.len() <= 10);
                for e in els {
                    assert_eq!(e["type"], "mrkdwn");
                }
            }
            other => panic!("unexpected block type {other}"),
        }
    }
    let section = text(&blocks[0]["text"]["text"], "section text");
    assert!(section.contains(&format!("<{AFTER}|{LINE}>")), "{section}");
    assert!(
        section.contains(&format!("<{BEFORE}|kpop, Apr 19, 2022>")),
        "{section}"
    );
}

/// Discord webhook execute: `content` of at most 2,000 characters and at most 10
/// embeds (title 256, description 4,096, at most 25 fields of name 256 and value
/// 1,024, colour an integer, timestamp ISO 8601, 6,000 characters in all).
fn check_discord(v: &Value) {
    assert_eq!(text(&v["content"], "content"), LINE);
    assert_eq!(v["allowed_mentions"]["parse"], serde_json::json!([]));
    let embeds = v["embeds"].as_array().expect("embeds is an array");
    assert!(!embeds.is_empty() && embeds.len() <= 10);
    let e = &embeds[0];
    let title = text(&e["title"], "title");
    assert_eq!(title, "Our Blues OST moved earlier");
    assert_eq!(text(&e["url"], "url"), AFTER);
    assert!(text(&e["description"], "description").chars().count() <= 4096);
    let colour = e["color"].as_u64().expect("color is an integer");
    assert!(colour <= 0xFF_FFFF);
    DateTime::parse_from_rfc3339(text(&e["timestamp"], "timestamp")).expect("ISO 8601");
    let fields = e["fields"].as_array().expect("fields");
    assert!(fields.len() <= 25);
    let mut total = title.chars().count();
    for f in fields {
        let (name, value) = (text(&f["name"], "name"), text(&f["value"], "value"));
        assert!(name.chars().count() <= 256 && value.chars().count() <= 1024);
        total += name.chars().count() + value.chars().count();
    }
    assert!(total <= 6000);
    assert_eq!(fields[0]["name"], "before");
    assert!(text(&fields[0]["value"], "value").contains(&format!("[kpop, Apr 19, 2022]({BEFORE})")));
}

/// ntfy JSON publishing: posted to the server root with `topic`, `title`, `message`,
/// `tags` (strings; known emoji names show as emoji), `click` (a URL) and `actions`.
fn check_ntfy(v: &Value) {
    assert_eq!(v["topic"], "releases");
    assert_eq!(text(&v["title"], "title"), "Our Blues OST moved earlier");
    let message = text(&v["message"], "message");
    assert_eq!(message.lines().next(), Some(LINE));
    assert!(message.contains("It will now premiere on April 24, 2022"));
    let tags = v["tags"].as_array().expect("tags is an array");
    assert!(tags.iter().all(Value::is_string) && tags.contains(&"date".into()));
    assert_eq!(text(&v["click"], "click"), AFTER);
    let actions = v["actions"].as_array().expect("actions");
    assert!(actions.len() <= 3);
    assert_eq!(actions[0]["action"], "view");
    assert_eq!(actions[0]["url"], BEFORE);
    assert!(actions[0]["label"].is_string());
}

#[test]
fn each_chat_format_reaches_its_receiver_in_the_documented_shape() {
    let (slack, discord, ntfy, plain) = (
        Receiver::start(0),
        Receiver::start(0),
        Receiver::start(0),
        Receiver::start(0),
    );
    let dir = TempDir::new("chat");
    queue_the_archetype(
        &dir.path().join("db"),
        &["slack", "discord", "ntfy", "plain"],
    );
    std::fs::write(
        dir.path().join("empty.xml"),
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title><link>http://127.0.0.1/</link><description>d</description></channel></rss>",
    )
    .unwrap();
    let cfg = write_config(
        dir.path(),
        &format!(
            r#"[settings]
store = "db"

[[feed]]
name = "kpop"
url = "empty.xml"

[[notify]]
name = "slack"
url = "{}"
format = "slack"
secret = "s3cret"

[[notify]]
name = "discord"
url = "{}"
format = "discord"

[[notify]]
name = "ntfy"
url = "{}"
format = "ntfy"

[[notify]]
name = "plain"
url = "{}"
"#,
            slack.url("/services/T000/B000/XXXX"),
            discord.url("/api/webhooks/1/abc"),
            ntfy.url("/releases"),
            plain.url("/hook"),
        ),
    );
    let o = slipwatch(&cfg, &["poll"]);
    assert!(o.status.success(), "{}", stderr(&o));
    for r in [&slack, &discord, &ntfy, &plain] {
        assert_eq!(r.count(), 1, "{}", stderr(&o));
    }
    let (headers, body) = slack.seen.lock().unwrap()[0].clone();
    assert_eq!(headers["content-type"], "application/json");
    assert_eq!(
        headers["x-slipwatch-signature"].to_str().unwrap(),
        slipwatch::serve::notify::signature("s3cret", body.as_bytes()),
        "signing stays"
    );
    check_slack(&slack.bodies()[0]);
    check_discord(&discord.bodies()[0]);
    assert_eq!(
        ntfy.paths.lock().unwrap()[0],
        "/",
        "JSON goes to the server root"
    );
    check_ntfy(&ntfy.bodies()[0]);
    let change = &plain.bodies()[0];
    assert_eq!(change["release"], "Our Blues OST");
    assert_eq!(change["delta_days"], -1);

    let outdir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/test-output");
    std::fs::create_dir_all(&outdir).unwrap();
    for (name, r) in [("slack", &slack), ("discord", &discord), ("ntfy", &ntfy)] {
        let pretty = serde_json::to_string_pretty(&r.bodies()[0]).unwrap();
        std::fs::write(outdir.join(format!("chat-{name}.json")), pretty).unwrap();
    }
}

#[test]
fn a_chat_format_on_a_command_or_an_ntfy_url_without_topic_is_refused() {
    let dir = TempDir::new("chat-config");
    let cfg = write_config(
        dir.path(),
        "[[notify]]\nname = \"a\"\ncommand = [\"true\"]\nformat = \"slack\"\n\n[[notify]]\nname = \"b\"\nurl = \"https://ntfy.sh/\"\nformat = \"ntfy\"\n\n[[notify]]\nname = \"c\"\nurl = \"https://x.test/\"\nformat = \"teams\"\n",
    );
    let o = slipwatch(&cfg, &["feeds"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains(":4:10: format applies to webhooks"), "{err}");
    assert!(
        err.contains(":9:10: ntfy url \"https://ntfy.sh/\" names no topic"),
        "{err}"
    );
    assert!(
        err.contains(":14:10: format \"teams\" is not one of"),
        "{err}"
    );
}
