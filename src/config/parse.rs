//! Config text -> `Config`: the TOML read into the raw shape (a syntax error or an
//! unknown key stops here, with its place), then the validation pass.

use std::collections::HashSet;
use std::path::Path;

use super::raw::RawConfig;
use super::validate::{line_col, Validator};
use super::{Config, ConfigError, FeedConfig, NotifyConfig, Problem, WatchConfig};

impl Config {
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
        let mut watch_names = HashSet::new();
        let watch: Vec<WatchConfig> = raw
            .watch
            .into_iter()
            .filter_map(|w| v.watch(w, &mut watch_names))
            .collect();
        if v.problems.is_empty() {
            Ok(Config {
                path: path.to_path_buf(),
                settings,
                feeds,
                notify,
                watch,
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
