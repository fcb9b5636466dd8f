//! feeds.toml -> `Config`: one serde tree with defaults, then one validation pass.
//!
//! Syntax errors and unknown keys stop parsing with `file:line:col: message`; every
//! semantic problem (bad URL, duplicate name, zero interval, bad selector) is collected
//! and reported at once. No I/O besides reading the file itself.

use std::collections::HashSet;
use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;
use toml::Spanned;
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
}

pub const DEFAULT_USER_AGENT: &str = concat!(
    "slipwatch/",
    env!("CARGO_PKG_VERSION"),
    " (release-date watcher; +https://crates.io/crates/slipwatch)"
);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    settings: Option<RawSettings>,
    #[serde(default)]
    feed: Vec<RawFeed>,
    #[serde(default)]
    notify: Vec<RawNotify>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNotify {
    name: Spanned<String>,
    url: Option<Spanned<String>>,
    command: Option<Spanned<Vec<String>>>,
    secret: Option<Spanned<String>>,
    backoff: Option<Spanned<String>>,
    max_attempts: Option<Spanned<i64>>,
    timeout: Option<Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawSettings {
    store: Option<Spanned<String>>,
    interval: Option<Spanned<String>>,
    listen: Option<Spanned<String>>,
    user_agent: Option<String>,
    concurrency: Option<Spanned<i64>>,
    per_host_connections: Option<Spanned<i64>>,
    global_connections: Option<Spanned<i64>>,
    max_interval: Option<Spanned<String>>,
    #[serde(default)]
    allow_private_networks: bool,
    api_token: Option<String>,
    #[serde(default)]
    quiet_first: bool,
    connect_timeout: Option<Spanned<String>>,
    timeout: Option<Spanned<String>>,
    max_feed_bytes: Option<Spanned<i64>>,
    max_page_bytes: Option<Spanned<i64>>,
    max_items_per_feed: Option<Spanned<i64>>,
    cache_bytes: Option<Spanned<i64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFeed {
    name: Spanned<String>,
    url: Spanned<String>,
    interval: Option<Spanned<String>>,
    article_selector: Option<Spanned<String>>,
    #[serde(default = "yes")]
    fetch_articles: bool,
    group: Option<String>,
    user_agent: Option<String>,
}

fn yes() -> bool {
    true
}

impl Config {
    /// Reads and validates a config file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.display().to_string(),
            source,
        })?;
        Config::parse(&text, path)
    }

    /// Parses config text; `path` names the file in errors and anchors relative paths.
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let shown = path.display().to_string();
        // Relative feed paths and the store resolve against the file's directory,
        // which must therefore be absolute (a bare "feeds.toml" has an empty parent).
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let path = absolute.as_path();
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let (line, col) = e.span().map(|s| line_col(text, s.start)).unwrap_or((1, 1));
            ConfigError::Invalid {
                path: shown.clone(),
                problems: vec![Problem {
                    line,
                    col,
                    message: tidy_message(e.message()),
                }],
            }
        })?;
        let base = path.parent().unwrap_or(Path::new("."));
        let mut v = Validator {
            text,
            problems: Vec::new(),
        };
        let settings = v.settings(raw.settings.unwrap_or_default(), base);
        let mut names = HashSet::new();
        let feeds: Vec<FeedConfig> = raw
            .feed
            .into_iter()
            .filter_map(|f| v.feed(f, base, settings.interval, &mut names))
            .collect();
        let mut notify_names = HashSet::new();
        let notify: Vec<NotifyConfig> = raw
            .notify
            .into_iter()
            .filter_map(|n| v.notify(n, &mut notify_names))
            .collect();
        if v.problems.is_empty() {
            Ok(Config {
                path: path.to_path_buf(),
                settings,
                feeds,
                notify,
            })
        } else {
            v.problems.sort_by_key(|p| (p.line, p.col));
            Err(ConfigError::Invalid {
                path: shown,
                problems: v.problems,
            })
        }
    }
}

/// Rewrites serde's "unknown field `x`, expected ..." as `unknown key "x" (expected ...)`.
fn tidy_message(msg: &str) -> String {
    let msg = msg.trim();
    if let Some(rest) = msg.strip_prefix("unknown field `") {
        if let Some((key, tail)) = rest.split_once('`') {
            let tail = tail.trim_start_matches(',').trim();
            return if tail.is_empty() {
                format!("unknown key \"{key}\"")
            } else {
                format!("unknown key \"{key}\" ({tail})")
            };
        }
    }
    msg.to_string()
}

/// 1-based line and column (in characters) of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

struct Validator<'a> {
    text: &'a str,
    problems: Vec<Problem>,
}

impl Validator<'_> {
    fn report<T>(&mut self, at: &Spanned<T>, message: String) {
        let (line, col) = line_col(self.text, at.span().start);
        self.problems.push(Problem { line, col, message });
    }

    fn duration(&mut self, v: Option<Spanned<String>>, key: &str, default: Duration) -> Duration {
        let Some(v) = v else { return default };
        match humantime::parse_duration(v.get_ref()) {
            Ok(d) if d.is_zero() => {
                self.report(&v, format!("{key} must be greater than zero"));
                default
            }
            Ok(d) => d,
            Err(e) => {
                self.report(
                    &v,
                    format!("{key}: {e} (write a duration such as \"30m\" or \"2h\")"),
                );
                default
            }
        }
    }

    fn positive(&mut self, v: Option<Spanned<i64>>, key: &str, default: u64) -> u64 {
        let Some(v) = v else { return default };
        match u64::try_from(*v.get_ref()) {
            Ok(n) if n > 0 => n,
            _ => {
                self.report(&v, format!("{key} must be a positive whole number"));
                default
            }
        }
    }

    fn settings(&mut self, raw: RawSettings, base: &Path) -> Settings {
        let listen = match raw.listen {
            None => SocketAddr::from(([127, 0, 0, 1], 7878)),
            Some(v) => match v.get_ref().parse::<SocketAddr>() {
                Ok(a)
                    if !a.ip().is_loopback()
                        && raw.api_token.as_deref().is_none_or(str::is_empty) =>
                {
                    self.report(&v, format!("listen: {a} is not a loopback address; set api_token to expose the API"));
                    a
                }
                Ok(a) => a,
                Err(_) => {
                    self.report(
                        &v,
                        format!(
                            "listen: \"{}\" is not an address such as \"127.0.0.1:7878\"",
                            v.get_ref()
                        ),
                    );
                    SocketAddr::from(([127, 0, 0, 1], 7878))
                }
            },
        };
        let store = raw.store.map_or_else(
            || PathBuf::from("slipwatch-data"),
            |s| PathBuf::from(s.into_inner()),
        );
        Settings {
            store: base.join(store),
            interval: self.duration(raw.interval, "interval", Duration::from_secs(30 * 60)),
            listen,
            user_agent: raw
                .user_agent
                .unwrap_or_else(|| DEFAULT_USER_AGENT.to_string()),
            concurrency: self.positive(raw.concurrency, "concurrency", 8) as usize,
            per_host_connections: self.positive(raw.per_host_connections, "per_host_connections", 2)
                as usize,
            global_connections: self.positive(raw.global_connections, "global_connections", 16)
                as usize,
            max_interval: self.duration(
                raw.max_interval,
                "max_interval",
                Duration::from_secs(24 * 3600),
            ),
            allow_private_networks: raw.allow_private_networks,
            api_token: raw.api_token.filter(|t| !t.is_empty()),
            quiet_first: raw.quiet_first,
            connect_timeout: self.duration(
                raw.connect_timeout,
                "connect_timeout",
                Duration::from_secs(10),
            ),
            timeout: self.duration(raw.timeout, "timeout", Duration::from_secs(30)),
            max_feed_bytes: self.positive(raw.max_feed_bytes, "max_feed_bytes", 10 << 20),
            max_page_bytes: self.positive(raw.max_page_bytes, "max_page_bytes", 5 << 20),
            max_items_per_feed: self.positive(raw.max_items_per_feed, "max_items_per_feed", 100)
                as usize,
            cache_bytes: self.positive(raw.cache_bytes, "cache_bytes", 64 << 20),
        }
    }

    fn feed(
        &mut self,
        raw: RawFeed,
        base: &Path,
        default_interval: Duration,
        names: &mut HashSet<String>,
    ) -> Option<FeedConfig> {
        let before = self.problems.len();
        let name = raw.name.get_ref().trim().to_string();
        if name.is_empty() {
            self.report(&raw.name, "feed name must not be empty".to_string());
        } else if !names.insert(name.clone()) {
            self.report(&raw.name, format!("duplicate feed name \"{name}\""));
        }
        let source = self.source(&raw.url, base);
        let interval = self.duration(raw.interval, "interval", default_interval);
        if let Some(sel) = &raw.article_selector {
            if let Err(e) = crate::article::check_selector(sel.get_ref()) {
                self.report(sel, format!("article_selector is not valid CSS: {e}"));
            }
        }
        if self.problems.len() > before {
            return None;
        }
        Some(FeedConfig {
            name,
            source: source?,
            interval,
            article_selector: raw.article_selector.map(Spanned::into_inner),
            fetch_articles: raw.fetch_articles,
            group: raw.group.filter(|g| !g.trim().is_empty()),
            user_agent: raw.user_agent,
        })
    }

    fn source(&mut self, url: &Spanned<String>, base: &Path) -> Option<Source> {
        let s = url.get_ref().trim();
        if s.is_empty() {
            self.report(url, "url must not be empty".to_string());
            return None;
        }
        if !s.contains("://") {
            return Some(Source::File(base.join(s)));
        }
        match Url::parse(s) {
            Ok(u) if u.scheme() == "http" || u.scheme() == "https" => {
                if u.host_str().is_none_or(str::is_empty) {
                    self.report(url, format!("url \"{s}\" has no host"));
                    return None;
                }
                Some(Source::Http(u))
            }
            Ok(u) if u.scheme() == "file" => match u.to_file_path() {
                Ok(p) => Some(Source::File(p)),
                Err(()) => {
                    self.report(url, format!("url \"{s}\" is not a usable file path"));
                    None
                }
            },
            Ok(u) => {
                self.report(
                    url,
                    format!(
                        "url scheme \"{}\" is not supported (use http, https or file)",
                        u.scheme()
                    ),
                );
                None
            }
            Err(e) => {
                self.report(url, format!("url \"{s}\" is not valid: {e}"));
                None
            }
        }
    }
}

impl Validator<'_> {
    fn notify(&mut self, raw: RawNotify, names: &mut HashSet<String>) -> Option<NotifyConfig> {
        let before = self.problems.len();
        let name = raw.name.get_ref().trim().to_string();
        if name.is_empty() || name.contains('\0') {
            self.report(&raw.name, "notify name must not be empty".to_string());
        } else if !names.insert(name.clone()) {
            self.report(&raw.name, format!("duplicate notify name \"{name}\""));
        }
        let target = match (raw.url, raw.command) {
            (Some(u), None) => match Url::parse(u.get_ref().trim()) {
                Ok(url) if matches!(url.scheme(), "http" | "https") => {
                    Some(NotifyTarget::Webhook(url))
                }
                _ => {
                    self.report(
                        &u,
                        format!("notify url \"{}\" is not an http(s) URL", u.get_ref()),
                    );
                    None
                }
            },
            (None, Some(c)) if c.get_ref().first().is_some_and(|p| !p.trim().is_empty()) => {
                Some(NotifyTarget::Command(c.into_inner()))
            }
            (None, Some(c)) => {
                self.report(
                    &c,
                    "notify command must name a program: [\"/path/to/program\", \"arg\"]"
                        .to_string(),
                );
                None
            }
            _ => {
                self.report(
                    &raw.name,
                    format!("notify \"{name}\" needs exactly one of url or command"),
                );
                None
            }
        };
        if let Some(s) = &raw.secret {
            if s.get_ref().is_empty() {
                self.report(
                    s,
                    "secret must not be empty (leave it out to send unsigned)".to_string(),
                );
            }
        }
        let backoff = self.duration(raw.backoff, "backoff", Duration::from_secs(30));
        let timeout = self.duration(raw.timeout, "timeout", Duration::from_secs(10));
        let max_attempts = self
            .positive(raw.max_attempts, "max_attempts", 12)
            .min(1000) as u32;
        if self.problems.len() > before {
            return None;
        }
        Some(NotifyConfig {
            name,
            target: target?,
            secret: raw.secret.map(Spanned::into_inner),
            backoff,
            max_attempts,
            timeout,
        })
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
