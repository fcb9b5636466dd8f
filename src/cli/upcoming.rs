//! `slipwatch upcoming` and `slipwatch calendar`: what is coming, from the store when
//! it is free, else through the daemon (`client`).

use std::io::Write;

use chrono::{Duration, Utc};

use super::args::Cli;
use super::client::Reader;
use super::setup::{load_config, Failure};
use crate::present::{agenda, report};
use crate::serve::agenda::{watchlist, Window};
use crate::track::store::ChangeFilter;

/// `slipwatch upcoming`: releases dated in the next `days` days, soonest first.
pub(super) async fn upcoming(
    cli: &Cli,
    days: u32,
    watched: bool,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let config = load_config(cli)?;
    let only = watchlist(&config, watched);
    let reader = Reader::open(&config).await?;
    let releases = reader.releases_watched(&config, None, watched).await?;
    let changes = reader
        .changes(&ChangeFilter {
            watched: only,
            ..ChangeFilter::default()
        })
        .await?;
    reader.close()?;
    let now = Utc::now();
    let today = now.date_naive();
    let list = agenda::window(
        &releases,
        &changes,
        today,
        today + Duration::days(i64::from(days)),
    );
    if json {
        let items: Vec<agenda::Item> = list.iter().map(agenda::item).collect();
        report::json(out, &items)?;
    } else {
        report::upcoming(out, &list, now)?;
    }
    Ok(())
}

/// `slipwatch calendar`: the document `/calendar.ics` serves.
pub(super) async fn calendar(
    cli: &Cli,
    window: &Window,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let config = load_config(cli)?;
    let reader = Reader::open(&config).await?;
    let doc = reader.calendar(&config, window).await?;
    reader.close()?;
    out.write_all(doc.as_bytes())?;
    Ok(())
}
