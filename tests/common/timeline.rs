//! Plays a multi-article timeline through a loopback feed with the real binary: one
//! article more in the feed, `poll`, and so on; then reads `changes --json`.
//!
//! Shared by `tests/timeline_determinism.rs` and the reading evaluation
//! (`cargo bench --bench reading`). The scenario schema is the releases corpus's
//! (`../shared/testdata/releases/README.md`).

use super::{json, page, rss, slipwatch, stderr, write_config, Item, Server, TempDir};
use serde::Deserialize;
use slipwatch::eval::real::schema_label;
use slipwatch::extract::release_key;

#[derive(Debug, Clone, Deserialize)]
pub struct Article {
    pub published: String,
    #[serde(default)]
    pub title: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Expected {
    pub from: Option<String>,
    pub to: Option<String>,
    #[serde(default)]
    pub direction: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Scenario {
    pub id: String,
    pub subject: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub articles: Vec<Article>,
    #[serde(default)]
    pub expect_changes: Vec<Expected>,
}

impl Scenario {
    /// Odd-numbered ids tune, even ones are held back (the corpus's own split).
    pub fn tunes(&self) -> bool {
        slipwatch::eval::real::tunes(&self.id)
    }

    fn keys(&self) -> Vec<String> {
        std::iter::once(&self.subject)
            .chain(&self.aliases)
            .map(|s| release_key(s))
            .filter(|k| !k.is_empty())
            .collect()
    }
}

/// Parses a scenarios file, one JSON object per line; a bad line is an error naming it.
pub fn parse(text: &str, file: &str) -> Result<Vec<Scenario>, String> {
    slipwatch::eval::real::parse(text, file)
}

/// A change as `changes --json` prints it, reduced to what is compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    pub key: String,
    pub release: String,
    pub from: Option<String>,
    pub to: Option<String>,
    pub direction: String,
    pub confirmed: bool,
}

/// What playing one scenario gave.
#[derive(Debug, Clone, Default)]
pub struct Played {
    /// Every change, confirmed or not, in the order `changes --all --json` lists them.
    pub changes: Vec<Seen>,
    /// `changes --json` without `detected_at` (and ids), for comparing runs.
    pub canonical: String,
}

/// What one scenario scores.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    pub expected: usize,
    pub found: usize,
    /// Confirmed changes of the scenario's work that are not expected.
    pub false_moves: usize,
    /// Unconfirmed changes of the work (kept, not notified).
    pub unconfirmed: usize,
    /// Confirmed changes of other works (outside the gold).
    pub other_works: usize,
    pub notes: Vec<String>,
}

fn label(v: &serde_json::Value) -> Option<String> {
    v.get("label").and_then(|l| l.as_str()).map(schema_label)
}

/// Plays the articles through a fresh store and returns the changes.
pub fn play(s: &Scenario) -> Played {
    let site = Server::start();
    let dir = TempDir::new("timeline");
    let cfg = write_config(
        dir.path(),
        &format!(
            "[settings]\nstore = \"{}\"\nallow_private_networks = true\nmax_items_per_feed = 100\n\n[[feed]]\nname = \"news\"\nurl = \"{}\"\n",
            dir.path().join("store").display(),
            site.url("/feed.xml")
        ),
    );
    let mut pages = Vec::new();
    for (i, a) in s.articles.iter().enumerate() {
        let title = a.title.clone().unwrap_or_else(|| s.subject.clone());
        let path = format!("/news/{}-{i}", s.id);
        let paragraphs: Vec<String> = a
            .text
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(escape)
            .collect();
        let refs: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
        site.put(
            &path,
            "text/html",
            &page(&escape(&title), &a.published, &refs),
        );
        let pub_date = chrono::DateTime::parse_from_rfc3339(&a.published)
            .map(|d| d.to_rfc2822())
            .unwrap_or_default();
        pages.push((escape(&title), site.url(&path), pub_date));
        let items: Vec<Item> = pages
            .iter()
            .map(|(t, link, d)| Item {
                title: t,
                link: link.clone(),
                pub_date: d,
                description: "",
            })
            .collect();
        site.put("/feed.xml", "application/rss+xml", &rss(&items));
        let o = slipwatch(&cfg, &["poll"]);
        assert!(o.status.success(), "{}: poll failed: {}", s.id, stderr(&o));
    }
    let all = json(&cfg, &["changes", "--all", "--json"]);
    let shown = json(&cfg, &["changes", "--json"]);
    let changes = all
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| Seen {
            key: c["key"].as_str().unwrap_or_default().to_string(),
            release: c["release"].as_str().unwrap_or_default().to_string(),
            from: label(&c["from"]),
            to: label(&c["to"]),
            direction: c["direction"].as_str().unwrap_or_default().to_string(),
            confirmed: c["confirmed"].as_bool().unwrap_or(true),
        })
        .collect();
    // The loopback port differs per run, and with it the article URLs and the ids
    // digested from them: compare with the site's address taken out.
    let mut canonical = shown;
    for c in canonical.as_array_mut().into_iter().flatten() {
        if let Some(o) = c.as_object_mut() {
            o.remove("detected_at");
            o.remove("id");
        }
    }
    Played {
        changes,
        canonical: canonical.to_string().replace(&site.url(""), "SITE"),
    }
}

/// Scores a played scenario against its gold changes: the scenario's work matched by
/// release key of its subject or an alias, a change found when both labels agree.
pub fn score(s: &Scenario, p: &Played) -> Outcome {
    let keys = s.keys();
    let mine = |c: &Seen| {
        let base = c.key.split('@').next().unwrap_or_default();
        keys.iter()
            .any(|k| k == base || *k == release_key(&c.release))
    };
    let mut out = Outcome {
        expected: s.expect_changes.len(),
        ..Outcome::default()
    };
    let mut used = vec![false; s.expect_changes.len()];
    for c in &p.changes {
        if !mine(c) {
            if c.confirmed {
                out.other_works += 1;
            }
            continue;
        }
        if !c.confirmed {
            out.unconfirmed += 1;
            continue;
        }
        let hit = s
            .expect_changes
            .iter()
            .enumerate()
            .position(|(i, e)| !used[i] && e.from == c.from && e.to == c.to);
        match hit {
            Some(i) => {
                used[i] = true;
                out.found += 1;
            }
            None => {
                out.false_moves += 1;
                out.notes.push(format!(
                    "{} FALSE {} {:?} -> {:?}",
                    s.id, c.release, c.from, c.to
                ));
            }
        }
    }
    for (e, u) in s.expect_changes.iter().zip(&used) {
        if !u {
            out.notes
                .push(format!("{} MISSED {:?} -> {:?}", s.id, e.from, e.to));
        }
    }
    out
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
