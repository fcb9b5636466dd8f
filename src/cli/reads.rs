//! The read commands: `changes`, `releases` and `show`, from the store when it is
//! free, else through the daemon (`client`).

use std::io::Write;

use anyhow::anyhow;
use chrono::{DateTime, NaiveDate, Utc};

use super::args::{Cli, DirectionArg, Format};
use super::client::Reader;
use super::setup::{load_config, usage, Failure};
use crate::model::Direction;
use crate::present::{atom, report};
use crate::serve::agenda;
use crate::track::store::ChangeFilter;

/// Parses `--since`: a date, an RFC 3339 time, or a duration back from `now`.
pub fn parse_since(s: &str, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc));
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some(d.and_hms_opt(0, 0, 0)?.and_utc());
    }
    let d = humantime::parse_duration(s).ok()?;
    Some(now - chrono::Duration::from_std(d).ok()?)
}

/// The filter `changes`' flags ask for.
pub(super) fn change_filter(
    since: Option<&str>,
    direction: Option<DirectionArg>,
    release: Option<String>,
    limit: Option<usize>,
    all: bool,
) -> Result<ChangeFilter, Failure> {
    let since = match since {
        Some(s) => Some(parse_since(s, Utc::now()).ok_or_else(|| {
            usage(format!(
                "--since {s:?}: give a date (2026-05-01), an RFC 3339 time or a duration (7d)"
            ))
        })?),
        None => None,
    };
    Ok(ChangeFilter {
        since,
        direction: direction.map(|d| match d {
            DirectionArg::Earlier => Direction::Earlier,
            DirectionArg::Later => Direction::Later,
        }),
        release,
        limit,
        all,
        watched: None,
    })
}

/// How `changes --format atom` names itself, and whether only watched releases show.
pub(super) struct AtomOptions<'a> {
    pub self_url: Option<&'a str>,
    pub watched: bool,
}

/// `slipwatch changes`: as text, JSON or an Atom feed.
pub(super) async fn changes(
    cli: &Cli,
    mut filter: ChangeFilter,
    json: bool,
    format: Format,
    atom: AtomOptions<'_>,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let config = load_config(cli)?;
    filter.watched = agenda::watchlist(&config, atom.watched);
    let filter = &filter;
    let reader = match Reader::open(&config).await? {
        Reader::Local(store) if json || matches!(format, Format::Json) => {
            // The stored JSON printed as it is: no decode and re-encode.
            let mut array = report::JsonArray::new(out);
            store.changes_json(filter, |v| array.push(v).map_err(Failure::from))?;
            array.finish()?;
            store.close_for_exit()?;
            return Ok(());
        }
        reader => reader,
    };
    let list = reader.changes(filter).await?;
    reader.close()?;
    match (json, format) {
        (true, _) | (false, Format::Json) => report::json(out, &list)?,
        (false, Format::Text) => report::changes(out, &list, Utc::now())?,
        (false, Format::Atom) => {
            let self_url = atom.self_url.map(str::to_string).unwrap_or_else(|| {
                let query = if atom.watched { "?watched=1" } else { "" };
                format!("http://{}/changes.atom{query}", config.settings.listen)
            });
            out.write_all(
                atom::render(
                    &list,
                    &atom::FeedMeta {
                        self_url: &self_url,
                        generated: Utc::now(),
                    },
                )
                .as_bytes(),
            )?
        }
    }
    Ok(())
}

/// `slipwatch releases`: tracked releases with their current dates.
pub(super) async fn releases(
    cli: &Cli,
    query: Option<&str>,
    json: bool,
    watched: bool,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let config = load_config(cli)?;
    let list = Reader::open(&config)
        .await?
        .releases_watched(&config, query, watched)
        .await?;
    if json {
        report::json(out, &list)?
    } else {
        report::releases(out, &list, Utc::now())?
    }
    Ok(())
}

/// `slipwatch show`: one release's sightings and changes.
pub(super) async fn show(
    cli: &Cli,
    release: &str,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let config = load_config(cli)?;
    let Some(h) = Reader::open(&config).await?.history(release).await? else {
        return Err(Failure {
            code: 1,
            error: anyhow!("no release matches {release:?}; see `slipwatch releases`"),
        });
    };
    if json {
        report::json(out, &h)?
    } else {
        report::history(out, &h, Utc::now())?
    }
    Ok(())
}
