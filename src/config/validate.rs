//! One validation pass over the raw config: every semantic problem (bad URL,
//! duplicate name, zero interval, bad selector) is collected with its place, and
//! defaults fill what the file leaves out.

use std::collections::HashSet;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use toml::Spanned;
use url::Url;

use super::raw::{RawFeed, RawNotify, RawSettings, RawWatch};
use super::{
    ChatFormat, FeedConfig, NotifyConfig, NotifyTarget, Problem, Settings, Source, WatchConfig,
    DEFAULT_USER_AGENT,
};

/// 1-based line and column (in characters) of a byte offset.
pub(super) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

pub(super) struct Validator<'a> {
    pub text: &'a str,
    pub problems: Vec<Problem>,
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

    pub(super) fn settings(&mut self, raw: RawSettings, base: &Path) -> Settings {
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
            keep_items: self.duration(
                raw.keep_items,
                "keep_items",
                Duration::from_secs(180 * 24 * 3600),
            ),
            max_feed_bytes: self.positive(raw.max_feed_bytes, "max_feed_bytes", 10 << 20),
            max_page_bytes: self.positive(raw.max_page_bytes, "max_page_bytes", 5 << 20),
            max_items_per_feed: self.positive(raw.max_items_per_feed, "max_items_per_feed", 100)
                as usize,
            cache_bytes: self.positive(raw.cache_bytes, "cache_bytes", 64 << 20),
        }
    }

    pub(super) fn feed(
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
    pub(super) fn notify(
        &mut self,
        raw: RawNotify,
        names: &mut HashSet<String>,
    ) -> Option<NotifyConfig> {
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
        let format = self.chat_format(raw.format, target.as_ref());
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
            format,
            all: raw.all,
        })
    }

    /// A webhook's `format`; commands take only `json`, and ntfy needs a topic.
    fn chat_format(
        &mut self,
        raw: Option<Spanned<String>>,
        target: Option<&NotifyTarget>,
    ) -> ChatFormat {
        let Some(raw) = raw else {
            return ChatFormat::Json;
        };
        let format = match raw.get_ref().trim() {
            "json" => ChatFormat::Json,
            "slack" => ChatFormat::Slack,
            "discord" => ChatFormat::Discord,
            "ntfy" => ChatFormat::Ntfy,
            other => {
                self.report(
                    &raw,
                    format!("format \"{other}\" is not one of json, slack, discord, ntfy"),
                );
                return ChatFormat::Json;
            }
        };
        match target {
            Some(NotifyTarget::Command(_)) if format != ChatFormat::Json => self.report(
                &raw,
                "format applies to webhooks; a command gets the change as JSON".to_string(),
            ),
            Some(NotifyTarget::Webhook(url))
                if format == ChatFormat::Ntfy && super::ntfy_topic(url).is_none() =>
            {
                self.report(
                    &raw,
                    format!("ntfy url \"{url}\" names no topic (write https://ntfy.sh/your-topic)"),
                )
            }
            _ => {}
        }
        format
    }

    pub(super) fn watch(
        &mut self,
        raw: RawWatch,
        names: &mut HashSet<String>,
    ) -> Option<WatchConfig> {
        let before = self.problems.len();
        let name = raw.name.get_ref().trim().to_string();
        if crate::extract::release_key(&name).is_empty() {
            self.report(
                &raw.name,
                "watch name must contain a letter or digit".to_string(),
            );
        } else if !names.insert(name.to_lowercase()) {
            self.report(&raw.name, format!("duplicate watch name \"{name}\""));
        }
        let mut aliases = Vec::new();
        for a in raw.aliases {
            let alias = a.get_ref().trim().to_string();
            if crate::extract::release_key(&alias).is_empty() {
                self.report(&a, "alias must contain a letter or digit".to_string());
            } else {
                aliases.push(alias);
            }
        }
        if self.problems.len() > before {
            return None;
        }
        Some(WatchConfig {
            name,
            aliases,
            kind: raw
                .kind
                .map(|k| k.trim().to_string())
                .filter(|k| !k.is_empty()),
        })
    }
}
