//! feeds.toml edited in place for `feeds import|add`, and which OPML feeds to add.
//!
//! New `[[feed]]` tables are appended with `toml_edit`, so the user's comments, order
//! and formatting survive; the result is validated with `Config::parse` before it is
//! written (to a temporary file renamed over the original), so a bad edit never
//! replaces a good config.

use std::path::Path;

use anyhow::{bail, Context as _};
use toml_edit::{value, ArrayOfTables, DocumentMut, Item, Table};
use url::Url;

use crate::config::Config;
use crate::present::opml;

/// A feed to append.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFeed {
    pub name: String,
    pub url: String,
    pub group: Option<String>,
}

/// What an import would do: the feeds to add and those skipped, with why.
#[derive(Debug, Default)]
pub struct ImportPlan {
    pub add: Vec<NewFeed>,
    pub skipped: Vec<(String, String)>,
}

/// `text` with `feeds` appended as `[[feed]]` tables, everything else untouched.
pub fn append_feeds(text: &str, path: &Path, feeds: &[NewFeed]) -> anyhow::Result<String> {
    let mut doc: DocumentMut = text
        .parse()
        .with_context(|| format!("{}: cannot be edited", path.display()))?;
    let item = doc
        .entry("feed")
        .or_insert(Item::ArrayOfTables(ArrayOfTables::new()));
    let Some(list) = item.as_array_of_tables_mut() else {
        bail!(
            "{}: `feed` is not written as [[feed]] tables; add the feed by hand",
            path.display()
        );
    };
    for f in feeds {
        let mut t = Table::new();
        t.decor_mut().set_prefix("\n");
        t["name"] = value(f.name.clone());
        t["url"] = value(f.url.clone());
        if let Some(g) = &f.group {
            t["group"] = value(g.clone());
        }
        list.push(t);
    }
    let out = doc.to_string();
    Config::parse(&out, path)?;
    Ok(out)
}

/// Writes `text` to `path` through a temporary file in the same directory.
pub fn write_config(path: &Path, text: &str) -> anyhow::Result<()> {
    let tmp = path.with_extension("toml.tmp");
    std::fs::write(&tmp, text).with_context(|| format!("writing {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("replacing {}", path.display()))?;
    Ok(())
}

/// Decides which OPML feeds to add: a URL already configured is skipped, a name
/// already taken gets " (2)", " (3)"...
pub fn plan_import(config: &Config, found: Vec<opml::OpmlFeed>) -> ImportPlan {
    let mut urls: Vec<String> = config.feeds.iter().map(|f| f.source.to_string()).collect();
    let mut names: Vec<String> = config.feeds.iter().map(|f| f.name.clone()).collect();
    let mut plan = ImportPlan::default();
    for f in found {
        let normal = Url::parse(&f.url)
            .map(|u| u.to_string())
            .unwrap_or(f.url.clone());
        if !matches!(
            Url::parse(&f.url)
                .map(|u| u.scheme().to_string())
                .as_deref(),
            Ok("http" | "https")
        ) {
            plan.skipped
                .push((f.name, format!("{} is not an http(s) URL", f.url)));
            continue;
        }
        if urls.contains(&normal) {
            plan.skipped.push((f.name, "already in the config".into()));
            continue;
        }
        let mut name = f.name.clone();
        let mut n = 2;
        while names.contains(&name) {
            name = format!("{} ({n})", f.name);
            n += 1;
        }
        urls.push(normal.clone());
        names.push(name.clone());
        plan.add.push(NewFeed {
            name,
            url: normal,
            group: f.group,
        });
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appending_keeps_comments_and_validates() {
        let text = "# my feeds\n[settings]\ninterval = \"1h\" # hourly\n\n[[feed]]\n# the big one\nname = \"a\"\nurl = \"https://a.example/rss\"\n";
        let out = append_feeds(
            text,
            Path::new("feeds.toml"),
            &[NewFeed {
                name: "b \"quoted\"".into(),
                url: "https://b.example/feed".into(),
                group: Some("K-pop".into()),
            }],
        )
        .unwrap();
        assert!(out.starts_with(text), "{out}");
        let c = Config::parse(&out, Path::new("feeds.toml")).unwrap();
        assert_eq!(c.feeds[1].name, "b \"quoted\"");
        assert_eq!(c.feeds[1].group.as_deref(), Some("K-pop"));
        let dup = append_feeds(
            &out,
            Path::new("feeds.toml"),
            &[NewFeed {
                name: "a".into(),
                url: "https://c.example/".into(),
                group: None,
            }],
        );
        assert!(dup.unwrap_err().to_string().contains("duplicate feed name"));
    }

    #[test]
    fn import_skips_known_urls_and_renames_taken_names() {
        let c = Config::parse(
            "[[feed]]\nname = \"Soompi\"\nurl = \"https://www.soompi.com/feed\"\n",
            Path::new("feeds.toml"),
        )
        .unwrap();
        let f = |name: &str, url: &str| opml::OpmlFeed {
            name: name.into(),
            url: url.into(),
            group: None,
        };
        let plan = plan_import(
            &c,
            vec![
                f("Soompi again", "https://www.soompi.com/feed"),
                f("Soompi", "https://other.example/feed"),
                f("Local", "file:///etc/passwd"),
            ],
        );
        assert_eq!(plan.add.len(), 1);
        assert_eq!(plan.add[0].name, "Soompi (2)");
        assert_eq!(plan.skipped.len(), 2);
    }
}
