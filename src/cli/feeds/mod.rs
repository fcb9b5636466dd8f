//! `slipwatch feeds`: per-feed health and notify targets; `feeds import|export|add`.
//!
//! Glue between the CLI and `edit` (feeds.toml edited in place), `discover` (the feed
//! behind a page) and `opml`: reads files, asks for confirmation of nothing (the
//! config is validated before it is replaced), prints through `report`.

pub mod discover;
pub mod edit;

use std::io::Write;
use std::path::Path;

use anyhow::Context as _;
use chrono::Utc;
use url::Url;

use super::args::{Cli, FeedsAction};
use super::client::Reader;
use super::setup::{config_path, load_config, usage, Failure};
use crate::present::{human, opml, report};
use edit::NewFeed;

/// `slipwatch feeds`: each feed's health, then the notify targets.
pub(super) async fn list(cli: &Cli, json: bool, out: &mut dyn Write) -> Result<(), Failure> {
    let config = load_config(cli)?;
    let reader = Reader::open(&config).await?;
    let list = reader.feeds(&config).await?;
    if json {
        report::json(out, &list)?
    } else {
        report::feeds(out, &list, Utc::now())?;
        report::notify(out, &reader.notifiers(&config).await?, Utc::now())?;
    }
    Ok(())
}

/// `slipwatch feeds import|export|add`.
pub(super) async fn run(
    cli: &Cli,
    action: &FeedsAction,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    match action {
        FeedsAction::Export => {
            let config = load_config(cli)?;
            out.write_all(opml::export(&config.feeds, "slipwatch feeds").as_bytes())?;
            Ok(())
        }
        FeedsAction::Import { file, dry_run } => import(cli, file, *dry_run, json, out),
        FeedsAction::Add { url, name, group } => {
            add(cli, url, name.as_deref(), group.as_deref(), json, out).await
        }
    }
}

/// Adds the feeds of an OPML file that are not configured yet.
fn import(
    cli: &Cli,
    file: &Path,
    dry_run: bool,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let config = load_config(cli)?;
    let text =
        std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
    let found = opml::parse(&text).with_context(|| file.display().to_string())?;
    let plan = edit::plan_import(&config, found);
    if !dry_run && !plan.add.is_empty() {
        write_feeds(&config.path, &plan.add)?;
    }
    if json {
        let v = serde_json::json!({
            "added": plan.add.iter().map(|f| serde_json::json!({"name": f.name, "url": f.url, "group": f.group})).collect::<Vec<_>>(),
            "skipped": plan.skipped.iter().map(|(n, why)| serde_json::json!({"name": n, "reason": why})).collect::<Vec<_>>(),
            "dry_run": dry_run,
        });
        report::json(out, &v)?;
        return Ok(());
    }
    let verb = if dry_run { "would add" } else { "added" };
    for f in &plan.add {
        writeln!(
            out,
            "{verb}: {}  {}{}",
            report::clean(&f.name),
            report::clean(&f.url),
            f.group
                .as_deref()
                .map(|g| format!("  [{}]", report::clean(g)))
                .unwrap_or_default()
        )?;
    }
    for (name, why) in &plan.skipped {
        writeln!(
            out,
            "skipped: {}  ({})",
            report::clean(name),
            report::clean(why)
        )?;
    }
    writeln!(
        out,
        "{verb} {} to {}, skipped {}",
        human::plural(plan.add.len() as u64, "feed"),
        config.path.display(),
        plan.skipped.len()
    )?;
    Ok(())
}

/// Adds the feed at `url`, or the one its page leads to.
async fn add(
    cli: &Cli,
    url: &str,
    name: Option<&str>,
    group: Option<&str>,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let path = config_path(cli.config.as_deref())?;
    let config = load_config(cli)?;
    let input = Url::parse(url)
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https"))
        .ok_or_else(|| usage(format!("{url:?} is not an http(s) URL")))?;
    let found = discover::discover(&config.settings, &input).await?;
    if let Some(f) = config
        .feeds
        .iter()
        .find(|f| f.source.to_string() == found.url.as_str())
    {
        return Err(usage(format!(
            "{} is already in {} as {:?}",
            found.url,
            path.display(),
            f.name
        )));
    }
    let name = name
        .map(str::to_string)
        .or(found
            .title
            .clone()
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty()))
        .or(found.url.host_str().map(str::to_string))
        .unwrap_or_else(|| found.url.to_string());
    let feed = NewFeed {
        name,
        url: found.url.to_string(),
        group: group.map(str::to_string),
    };
    write_feeds(&path, std::slice::from_ref(&feed))?;
    if json {
        report::json(
            out,
            &serde_json::json!({"name": feed.name, "url": feed.url, "group": feed.group}),
        )?;
    } else {
        writeln!(
            out,
            "added {:?}  {}  to {}",
            feed.name,
            feed.url,
            path.display()
        )?;
    }
    Ok(())
}

fn write_feeds(path: &Path, feeds: &[NewFeed]) -> Result<(), Failure> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let edited = edit::append_feeds(&text, path, feeds)?;
    edit::write_config(path, &edited)?;
    Ok(())
}
