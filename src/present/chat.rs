//! A change as the chat services' webhooks take it: Slack (`text` + `blocks`),
//! Discord (`content` + `embeds`) and ntfy (JSON publishing: `topic`, `title`,
//! `message`, `tags`, `click`, `actions`).
//!
//! Each says the change in one line a person reads ("Our Blues OST: Apr 25 → Apr 24,
//! 2022 (1 day earlier)") and links the articles. Text from feeds is stripped of
//! control characters, escaped where the service reads markup, and cut to the
//! service's documented limits. Pure: no I/O, no clock.

use serde_json::{json, Value};

use super::human;
use super::report::clean;
use crate::config::ChatFormat;
use crate::model::{Change, Direction, Evidence};

/// The change in one line: "Our Blues OST: Apr 25 → Apr 24, 2022 (1 day earlier)".
pub fn line(c: &Change) -> String {
    format!(
        "{}: {} ({})",
        clean(&c.release),
        human::move_text(c.from.as_ref(), c.to.as_ref()),
        human::delta(c.delta_days, c.direction)
    )
}

/// The body for `format`; `ntfy_topic` is the topic an ntfy URL names.
pub fn body(format: ChatFormat, c: &Change, ntfy_topic: Option<&str>) -> Vec<u8> {
    let v = match format {
        // Serialising our own plain struct cannot fail.
        ChatFormat::Json => return serde_json::to_vec(c).unwrap_or_default(),
        ChatFormat::Slack => slack(c),
        ChatFormat::Discord => discord(c),
        ChatFormat::Ntfy => ntfy(c, ntfy_topic.unwrap_or_default()),
    };
    serde_json::to_vec(&v).unwrap_or_default()
}

/// At most `max` characters of `s`, with "…" when cut.
fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// An article link a service will accept (`http(s)://`, no spaces), else `None`:
/// Discord refuses a whole message over one bad embed URL.
fn web_url(url: &str) -> Option<String> {
    let url = clean(url);
    let web = url.starts_with("https://") || url.starts_with("http://");
    (web && !url.contains(char::is_whitespace)).then_some(url)
}

/// "kpop, Apr 21, 2022".
fn source(e: &Evidence) -> String {
    format!(
        "{}, {}",
        clean(&e.feed),
        e.published.date_naive().format("%b %-d, %Y")
    )
}

/// When both sides come from one article (a move it states), its sentence once.
fn sides(c: &Change) -> Vec<(&'static str, &Evidence)> {
    let after = &c.evidence.after;
    match &c.evidence.before {
        _ if c.evidence.one_sentence() => vec![("both dates", after)],
        Some(b) => vec![("before", b), ("after", after)],
        None => vec![("after", after)],
    }
}

/// Slack's mrkdwn reserves `&`, `<` and `>`.
fn slack_escape(s: &str) -> String {
    clean(s)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A link in Slack's `<url|label>` form; a URL holding `|` or `>` is shown plainly.
fn slack_link(url: &str, label: &str) -> String {
    let url = clean(url);
    if url.contains(['|', '>', '<']) {
        slack_escape(label)
    } else {
        format!("<{url}|{}>", slack_escape(label))
    }
}

/// Incoming webhook: `text` (notifications, clients without blocks) and `blocks`.
/// Section text is limited to 3,000 characters; the sentences are cut well before.
fn slack(c: &Change) -> Value {
    let mut detail = vec![format!("*{}*", slack_link(&c.evidence.after.url, &line(c)))];
    for (label, e) in sides(c) {
        detail.push(format!(
            "{label}: {} ({})",
            slack_escape(&clip(&e.sentence, 600)),
            slack_link(&e.url, &source(e))
        ));
    }
    json!({
        "text": clip(&line(c), 2000),
        "blocks": [
            {"type": "section", "text": {"type": "mrkdwn", "text": clip(&detail.join("\n"), 3000)}},
            {"type": "context", "elements": [
                {"type": "mrkdwn", "text": format!("slipwatch · change {}", slack_escape(&c.id))}
            ]}
        ]
    })
}

/// Markdown links in Discord need `[`, `]` and `(`, `)` kept out of their labels.
fn discord_link(url: &str, label: &str) -> String {
    let label: String = clean(label)
        .chars()
        .filter(|ch| !matches!(ch, '[' | ']'))
        .collect();
    let url = clean(url);
    if url.contains([' ', ')']) {
        label
    } else {
        format!("[{label}]({url})")
    }
}

/// Webhook execute: `content` (at most 2,000 characters) and one embed (title 256,
/// description 4,096, field values 1,024). Mentions in feed text are never pinged.
fn discord(c: &Change) -> Value {
    let mut fields = Vec::new();
    for (label, e) in sides(c) {
        fields.push(json!({
            "name": label,
            "value": clip(&format!("{}\n{}", clean(&e.sentence), discord_link(&e.url, &source(e))), 1024),
            "inline": false,
        }));
    }
    let colour = match c.direction {
        Direction::Earlier => 0x2e7d32,
        Direction::Later => 0xc62828,
    };
    let mut embed = json!({
        "title": clip(&format!("{} moved {}", clean(&c.release), c.direction.as_str()), 256),
        "description": clip(&human::move_text(c.from.as_ref(), c.to.as_ref()), 4096),
        "color": colour,
        "timestamp": c.detected_at.to_rfc3339(),
        "fields": fields,
        "footer": {"text": format!("slipwatch · change {}", c.id)},
    });
    if let Some(u) = web_url(&c.evidence.after.url) {
        embed["url"] = u.into();
    }
    json!({
        "content": clip(&line(c), 2000),
        "allowed_mentions": {"parse": []},
        "embeds": [embed]
    })
}

/// JSON publishing: the topic comes from the configured URL; `click` opens the
/// article that moved the date, and a `view` action opens the earlier one.
fn ntfy(c: &Change, topic: &str) -> Value {
    let mut message = vec![line(c)];
    for (label, e) in sides(c) {
        message.push(format!(
            "{label}: {} [{}]",
            clip(&clean(&e.sentence), 600),
            source(e)
        ));
    }
    let mut actions = Vec::new();
    if let Some(b) = &c.evidence.before {
        if let Some(u) = web_url(&b.url).filter(|_| b.url != c.evidence.after.url) {
            actions.push(json!({"action": "view", "label": "Earlier article", "url": u}));
        }
    }
    let mut v = json!({
        "topic": topic,
        "title": clip(&format!("{} moved {}", clean(&c.release), c.direction.as_str()), 250),
        "message": clip(&message.join("\n"), 3500),
        "tags": ["date", c.direction.as_str()],
        "actions": actions,
    });
    if let Some(u) = web_url(&c.evidence.after.url) {
        v["click"] = u.into();
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixtures::our_blues;

    #[test]
    fn the_line_reads_as_a_person_says_it() {
        assert_eq!(
            line(&our_blues()),
            "Our Blues OST: Apr 25 → Apr 24, 2022 (1 day earlier)"
        );
    }

    #[test]
    fn slack_markup_in_feed_text_is_escaped() {
        let mut c = our_blues();
        c.release = "<!channel> & friends".into();
        let v: Value = serde_json::from_slice(&body(ChatFormat::Slack, &c, None)).unwrap();
        let text = v["blocks"][0]["text"]["text"].as_str().unwrap();
        assert!(text.contains("&lt;!channel&gt; &amp; friends"), "{text}");
        assert!(!text.contains("<!channel>"), "{text}");
    }

    #[test]
    fn long_text_is_cut_to_the_services_limits() {
        let mut c = our_blues();
        c.release = "x".repeat(5000);
        let d: Value = serde_json::from_slice(&body(ChatFormat::Discord, &c, None)).unwrap();
        assert_eq!(d["content"].as_str().unwrap().chars().count(), 2000);
        assert!(d["embeds"][0]["title"].as_str().unwrap().chars().count() <= 256);
        let n: Value = serde_json::from_slice(&body(ChatFormat::Ntfy, &c, Some("t"))).unwrap();
        assert!(n["title"].as_str().unwrap().ends_with('…'));
    }

    #[test]
    fn a_link_a_service_would_refuse_is_left_out() {
        let mut c = our_blues();
        c.evidence.after.url = "javascript:alert(1)".into();
        let d: Value = serde_json::from_slice(&body(ChatFormat::Discord, &c, None)).unwrap();
        assert!(d["embeds"][0].get("url").is_none(), "{d}");
        let n: Value = serde_json::from_slice(&body(ChatFormat::Ntfy, &c, Some("t"))).unwrap();
        assert!(n.get("click").is_none(), "{n}");
        assert_eq!(n["actions"][0]["url"], "http://x/news/a");
    }

    #[test]
    fn a_move_stated_in_one_article_shows_its_sentence_once() {
        let mut c = our_blues();
        c.evidence.before = Some(c.evidence.after.clone());
        let v: Value = serde_json::from_slice(&body(ChatFormat::Discord, &c, None)).unwrap();
        let fields = v["embeds"][0]["fields"].as_array().unwrap();
        assert_eq!(fields.len(), 1);
        assert_eq!(fields[0]["name"], "both dates");
    }
}
