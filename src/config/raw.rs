//! The shape of feeds.toml as serde reads it: every key optional where it has a
//! default, unknown keys refused, places kept (`Spanned`) for error messages.

use serde::Deserialize;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawConfig {
    #[serde(default)]
    pub settings: Option<RawSettings>,
    #[serde(default)]
    pub feed: Vec<RawFeed>,
    #[serde(default)]
    pub notify: Vec<RawNotify>,
    #[serde(default)]
    pub watch: Vec<RawWatch>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawWatch {
    pub name: Spanned<String>,
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    pub kind: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawNotify {
    pub name: Spanned<String>,
    pub url: Option<Spanned<String>>,
    pub command: Option<Spanned<Vec<String>>>,
    pub secret: Option<Spanned<String>>,
    pub backoff: Option<Spanned<String>>,
    pub max_attempts: Option<Spanned<i64>>,
    pub timeout: Option<Spanned<String>>,
    pub format: Option<Spanned<String>>,
    #[serde(default)]
    pub all: bool,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSettings {
    pub store: Option<Spanned<String>>,
    pub interval: Option<Spanned<String>>,
    pub listen: Option<Spanned<String>>,
    pub user_agent: Option<String>,
    pub concurrency: Option<Spanned<i64>>,
    pub per_host_connections: Option<Spanned<i64>>,
    pub global_connections: Option<Spanned<i64>>,
    pub max_interval: Option<Spanned<String>>,
    #[serde(default)]
    pub allow_private_networks: bool,
    pub api_token: Option<String>,
    #[serde(default)]
    pub quiet_first: bool,
    pub connect_timeout: Option<Spanned<String>>,
    pub timeout: Option<Spanned<String>>,
    pub max_feed_bytes: Option<Spanned<i64>>,
    pub max_page_bytes: Option<Spanned<i64>>,
    pub max_items_per_feed: Option<Spanned<i64>>,
    pub keep_items: Option<Spanned<String>>,
    pub cache_bytes: Option<Spanned<i64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFeed {
    pub name: Spanned<String>,
    pub url: Spanned<String>,
    pub interval: Option<Spanned<String>>,
    pub article_selector: Option<Spanned<String>>,
    #[serde(default = "yes")]
    pub fetch_articles: bool,
    pub group: Option<String>,
    pub user_agent: Option<String>,
}

pub(super) fn yes() -> bool {
    true
}
