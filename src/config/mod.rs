//! feeds.toml -> `Config`: one serde tree with defaults, then one validation pass.
//!
//! Syntax errors and unknown keys stop parsing with `file:line:col: message`; every
//! semantic problem (bad URL, duplicate name, zero interval, bad selector) is collected
//! and reported at once. No I/O besides reading the file itself.
//!
//! `raw` is the file's shape as serde reads it; `parse` turns text into a `Config`
//! through `validate`; this file holds the types the rest of slipwatch uses.

mod parse;
mod raw;
mod validate;

use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use url::Url;

/// One problem in a config file, with its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub col: usize,
    pub message: String,
}

/// Why a config could not be loaded. Displays one `path:line:col: message` per line.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{}", render_problems(.path, .problems))]
    Invalid {
        path: String,
        problems: Vec<Problem>,
    },
}

fn render_problems(path: &str, problems: &[Problem]) -> String {
    let lines: Vec<String> = problems
        .iter()
        .map(|p| format!("{path}:{}:{}: {}", p.line, p.col, p.message))
        .collect();
    lines.join("\n")
}

/// Where a feed comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Http(Url),
    File(PathBuf),
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Http(u) => write!(f, "{u}"),
            Source::File(p) => write!(f, "{}", p.display()),
        }
    }
}

#[derive(Debug, Clone)]
pub struct FeedConfig {
    pub name: String,
    pub source: Source,
    pub interval: Duration,
    pub article_selector: Option<String>,
    pub fetch_articles: bool,
    /// Folder the feed belongs to ("K-pop/News"), kept for OPML export and import.
    pub group: Option<String>,
    /// Overrides `settings.user_agent` for this feed's requests.
    pub user_agent: Option<String>,
}

/// Settings that apply to every feed; see the README's config reference.
#[derive(Debug, Clone)]
pub struct Settings {
    pub store: PathBuf,
    pub interval: Duration,
    pub listen: SocketAddr,
    pub user_agent: String,
    /// Feeds polled at once.
    pub concurrency: usize,
    /// HTTP requests in flight to one host.
    pub per_host_connections: usize,
    /// HTTP requests in flight overall.
    pub global_connections: usize,
    /// The longest a feed waits between polls, whatever its hints or failures.
    pub max_interval: Duration,
    /// Lets article links reach private and local addresses (off: only feeds on
    /// such hosts may link there).
    pub allow_private_networks: bool,
    /// Required when `listen` is not a loopback address: API requests must carry it.
    pub api_token: Option<String>,
    /// A store never polled records its first cycle without reporting or notifying.
    pub quiet_first: bool,
    pub connect_timeout: Duration,
    /// Whole-request limit, body included: a slow server cannot hold a worker.
    pub timeout: Duration,
    pub max_feed_bytes: u64,
    pub max_page_bytes: u64,
    /// Items taken from one feed per poll; the rest wait for the next poll.
    pub max_items_per_feed: usize,
    /// How long the state of an item gone from its feed is kept (`Store::prune_items`).
    pub keep_items: Duration,
    /// sled's page cache; its default (1 GiB) is far more than slipwatch needs.
    pub cache_bytes: u64,
}

#[derive(Debug, Clone)]
pub struct Config {
    pub path: PathBuf,
    pub settings: Settings,
    pub feeds: Vec<FeedConfig>,
    /// `[[notify]]` targets told about every new change.
    pub notify: Vec<NotifyConfig>,
    /// `[[watch]]` entries: the releases, artists and franchises the user follows.
    pub watch: Vec<WatchConfig>,
}

/// One `[[watch]]` entry (see `crate::watch` for how it matches releases).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WatchConfig {
    /// A release title, an artist or a franchise ("IU", "Grand Theft Auto VI").
    pub name: String,
    /// Other names the same thing goes by in the news ("GTA 6").
    pub aliases: Vec<String>,
    /// What it is (film, album, game, ...): shown with the entry, never used to match,
    /// since a release's kind is not something the articles state reliably.
    pub kind: Option<String>,
}

/// The body a webhook gets.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ChatFormat {
    /// The change as JSON (a `changes --json` item).
    #[default]
    Json,
    /// A Slack incoming webhook: `text` and `blocks`.
    Slack,
    /// A Discord webhook: `content` and `embeds`.
    Discord,
    /// ntfy's JSON publishing: `topic`, `title`, `message`, `tags`, `click`.
    Ntfy,
}

impl ChatFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            ChatFormat::Json => "json",
            ChatFormat::Slack => "slack",
            ChatFormat::Discord => "discord",
            ChatFormat::Ntfy => "ntfy",
        }
    }
}

/// Where a notification goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotifyTarget {
    /// POST the change as JSON.
    Webhook(Url),
    /// Run a program (no shell) with the change as JSON on stdin.
    Command(Vec<String>),
}

/// One `[[notify]]` entry.
#[derive(Debug, Clone)]
pub struct NotifyConfig {
    pub name: String,
    pub target: NotifyTarget,
    /// Signs webhook bodies (HMAC-SHA256) so the receiver can check the sender.
    pub secret: Option<String>,
    /// Delay before the first retry; it doubles with each failure, up to an hour.
    pub backoff: Duration,
    /// Attempts before a delivery is given up and counted as failed.
    pub max_attempts: u32,
    /// Limit for one attempt (request or command run).
    pub timeout: Duration,
    /// What a webhook's body looks like; commands always get the change as JSON.
    pub format: ChatFormat,
    /// With `[[watch]]` entries, a target gets only watched releases' changes unless
    /// this is set.
    pub all: bool,
}

/// The topic of an ntfy URL (its last path segment) and the server URL to post to.
pub fn ntfy_topic(url: &Url) -> Option<(String, Url)> {
    let topic = url.path_segments()?.rfind(|s| !s.is_empty())?.to_string();
    let mut server = url.clone();
    server.set_query(None);
    server.set_fragment(None);
    server
        .path_segments_mut()
        .ok()?
        .pop_if_empty()
        .pop()
        .push("");
    Some((topic, server))
}

pub const DEFAULT_USER_AGENT: &str = concat!(
    "slipwatch/",
    env!("CARGO_PKG_VERSION"),
    " (release-date watcher; +https://crates.io/crates/slipwatch)"
);

impl Config {
    /// Reads and validates a config file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.display().to_string(),
            source,
        })?;
        Config::parse(&text, path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notify_entries_need_one_target_and_unique_names() {
        let text = r#"[[notify]]
name = "chat"
url = "https://hooks.example.com/x"
secret = "s3cret"
backoff = "1s"

[[notify]]
name = "script"
command = ["/usr/local/bin/on-change", "--quiet"]

[[notify]]
name = "chat"
url = "ftp://nope"
command = ["x"]
"#;
        let err = parse(text).unwrap_err().to_string();
        assert!(
            err.contains("feeds.toml:12:8: duplicate notify name"),
            "{err}"
        );
        assert!(err.contains("needs exactly one of url or command"), "{err}");
        let ok = parse(
            &text[..text
                .find("[[notify]]\nname = \"chat\"\nurl = \"ftp")
                .unwrap()],
        )
        .unwrap();
        assert_eq!(ok.notify.len(), 2);
        assert_eq!(ok.notify[0].secret.as_deref(), Some("s3cret"));
        assert_eq!(ok.notify[0].backoff, Duration::from_secs(1));
        assert_eq!(
            ok.notify[1].target,
            NotifyTarget::Command(vec!["/usr/local/bin/on-change".into(), "--quiet".into()])
        );
    }

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(text, Path::new("feeds.toml"))
    }

    #[test]
    fn only_feed_entries_is_valid() {
        let c = parse("[[feed]]\nname = \"a\"\nurl = \"https://example.com/rss\"\n").unwrap();
        assert_eq!(c.feeds.len(), 1);
        assert_eq!(c.feeds[0].interval, Duration::from_secs(1800));
        assert!(c.feeds[0].fetch_articles);
        assert_eq!(c.settings.listen.to_string(), "127.0.0.1:7878");
    }

    #[test]
    fn unknown_key_names_line_and_column() {
        let text =
            "[[feed]]\nname = \"a\"\nurl = \"https://example.com/rss\"\n      intervall = \"5m\"\n";
        let err = parse(text).unwrap_err().to_string();
        assert!(
            err.starts_with("feeds.toml:4:7: unknown key \"intervall\""),
            "{err}"
        );
    }

    #[test]
    fn every_semantic_problem_is_reported_at_once() {
        let text = r#"[settings]
interval = "0s"

[[feed]]
name = "a"
url = "ftp://example.com/rss"

[[feed]]
name = "a"
url = "https://example.com/rss"
interval = "soon"
"#;
        let err = parse(text).unwrap_err().to_string();
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 4, "{err}");
        assert!(lines[0].starts_with("feeds.toml:2:12: interval must be greater than zero"));
        assert!(lines[1].starts_with("feeds.toml:6:7: url scheme \"ftp\""));
        assert!(lines[2].starts_with("feeds.toml:9:8: duplicate feed name \"a\""));
        assert!(lines[3].starts_with("feeds.toml:11:12: interval: "));
    }

    #[test]
    fn relative_paths_resolve_against_the_config_directory() {
        let c = Config::parse(
            "[settings]\nstore = \"db\"\n[[feed]]\nname = \"x\"\nurl = \"feeds/x.xml\"\n",
            Path::new("/etc/slipwatch/feeds.toml"),
        )
        .unwrap();
        assert_eq!(c.settings.store, PathBuf::from("/etc/slipwatch/db"));
        assert_eq!(
            c.feeds[0].source,
            Source::File(PathBuf::from("/etc/slipwatch/feeds/x.xml"))
        );
    }

    #[test]
    fn api_on_a_public_address_needs_a_token() {
        let err = parse("[settings]\nlisten = \"0.0.0.0:7878\"\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("feeds.toml:2:10: listen: 0.0.0.0:7878 is not a loopback address"),
            "{err}"
        );
        assert!(parse("[settings]\nlisten = \"0.0.0.0:7878\"\napi_token = \"s3cret\"\n").is_ok());
    }

    #[test]
    fn an_ntfy_url_names_its_topic_and_its_server() {
        let at = |u: &str| ntfy_topic(&Url::parse(u).unwrap());
        let (topic, server) = at("https://ntfy.example/base/releases?x=1").unwrap();
        assert_eq!(topic, "releases");
        assert_eq!(server.as_str(), "https://ntfy.example/base/");
        assert_eq!(
            at("https://ntfy.sh/releases/").unwrap().1.as_str(),
            "https://ntfy.sh/"
        );
        assert!(at("https://ntfy.sh/").is_none());
    }

    #[test]
    fn watch_entries_need_a_name_and_unique_names() {
        let c = parse("[[watch]]\nname = \"IU\"\nkind = \"artist\"\n\n[[watch]]\nname = \"GTA VI\"\naliases = [\"GTA 6\"]\n").unwrap();
        assert_eq!(c.watch.len(), 2);
        assert_eq!(c.watch[1].aliases, ["GTA 6"]);
        let err = parse(
            "[[watch]]\nname = \"IU\"\n\n[[watch]]\nname = \"iu\"\n\n[[watch]]\nname = \"--\"\n",
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("feeds.toml:5:8: duplicate watch name \"iu\""),
            "{err}"
        );
        assert!(
            err.contains("feeds.toml:8:8: watch name must contain a letter or digit"),
            "{err}"
        );
    }

    #[test]
    fn bad_selector_is_reported() {
        let text =
            "[[feed]]\nname = \"a\"\nurl = \"https://e.com/\"\narticle_selector = \"div[[\"\n";
        let err = parse(text).unwrap_err().to_string();
        assert!(
            err.starts_with("feeds.toml:4:20: article_selector is not valid CSS"),
            "{err}"
        );
    }
}
