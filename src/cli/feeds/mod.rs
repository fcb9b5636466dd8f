//! The `feeds import|export|add` subcommands, and the notification pass `poll` makes.
//!
//! Glue between the CLI and `edit`/`opml`/`notify`: reads files, asks for
//! confirmation of nothing (the config is validated before it is replaced), prints
//! through `report`.

pub mod edit;

use std::io::Write;
use std::time::Duration;

use anyhow::Context as _;
use url::Url;

use crate::cli::{config_file, config_for, usage_error, Cli, Failure, FeedsAction};
use crate::pipeline::Engine;
use crate::present::opml;
use crate::present::report;
use edit::NewFeed;

/// How long `poll` spends delivering notifications before it leaves the rest queued.
const POLL_DELIVERY_LIMIT: Duration = Duration::from_secs(30);

pub async fn run(
    cli: &Cli,
    action: &FeedsAction,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    match action {
        FeedsAction::Export => {
            let config = config_for(cli)?;
            out.write_all(opml::export(&config.feeds, "slipwatch feeds").as_bytes())?;
            Ok(())
        }
        FeedsAction::Import { file, dry_run } => {
            let config = config_for(cli)?;
            let text = std::fs::read_to_string(file)
                .with_context(|| format!("reading {}", file.display()))?;
            let found = opml::parse(&text).with_context(|| file.display().to_string())?;
            let plan = edit::plan_import(&config, found);
            if !*dry_run && !plan.add.is_empty() {
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
            let verb = if *dry_run { "would add" } else { "added" };
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
                crate::present::human::plural(plan.add.len() as u64, "feed"),
                config.path.display(),
                plan.skipped.len()
            )?;
            Ok(())
        }
        FeedsAction::Add { url, name, group } => {
            let path = config_file(cli)?;
            let config = config_for(cli)?;
            let input = Url::parse(url)
                .ok()
                .filter(|u| matches!(u.scheme(), "http" | "https"))
                .ok_or_else(|| usage_error(format!("{url:?} is not an http(s) URL")))?;
            let found = edit::discover(&config.settings, &input).await?;
            if let Some(f) = config
                .feeds
                .iter()
                .find(|f| f.source.to_string() == found.url.as_str())
            {
                return Err(usage_error(format!(
                    "{} is already in {} as {:?}",
                    found.url,
                    path.display(),
                    f.name
                )));
            }
            let name = name
                .clone()
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
                group: group.clone(),
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
    }
}

fn write_feeds(path: &std::path::Path, feeds: &[NewFeed]) -> Result<(), Failure> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let edited = edit::append_feeds(&text, path, feeds)?;
    edit::write_config(path, &edited)?;
    Ok(())
}

/// One bounded delivery pass after `poll`: what cannot be sent now stays queued for
/// the next poll (or the daemon).
pub async fn deliver_after_poll(engine: &Engine) {
    if engine.config.notify.is_empty() {
        return;
    }
    let notifier = match crate::serve::notify::Notifier::new(&engine.config) {
        Ok(n) => n,
        Err(e) => {
            eprintln!("slipwatch: notifications stay queued: {e}");
            return;
        }
    };
    match tokio::time::timeout(POLL_DELIVERY_LIMIT, notifier.deliver_due(&engine.store)).await {
        Ok(Ok(_)) => {}
        Ok(Err(e)) => eprintln!("slipwatch: notification queue: {e}"),
        Err(_) => eprintln!("slipwatch: notifications took too long; the rest stay queued"),
    }
    let failing: Vec<String> = engine
        .config
        .notify
        .iter()
        .filter(|n| {
            engine
                .store
                .notify_state(&n.name)
                .is_ok_and(|s| s.consecutive_failures > 0)
        })
        .map(|n| n.name.clone())
        .collect();
    if !failing.is_empty() {
        eprintln!(
            "slipwatch: notify failing, will retry: {}",
            failing.join(", ")
        );
    }
}
