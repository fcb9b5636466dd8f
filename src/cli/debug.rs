//! The commands for looking at one article: `extract` (dates in a text or page) and
//! `article` (what the article stage sees). They need no store and no config.

use std::io::{self, Read, Write};
use std::path::Path;

use anyhow::Context as _;
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

use super::setup::{usage, Failure};
use crate::config::Config;
use crate::ingest::charset;
use crate::ingest::fetch::{Access, Fetched, Fetcher, Request};
use crate::model::Role;
use crate::present::report;
use crate::{article, extract};

/// Largest input `extract` and `article` read from a file or stdin.
const MAX_INPUT: u64 = 64 << 20;

fn read_input(file: &str) -> Result<Vec<u8>, Failure> {
    let mut bytes = Vec::new();
    if file == "-" {
        io::stdin()
            .take(MAX_INPUT)
            .read_to_end(&mut bytes)
            .context("reading stdin")?;
    } else {
        std::fs::File::open(file)
            .and_then(|f| f.take(MAX_INPUT).read_to_end(&mut bytes))
            .with_context(|| format!("reading {file}"))?;
    }
    Ok(bytes)
}

/// What `extract` prints: the mentions, or (`--dates`) every date expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DateListing {
    Mentions,
    Dates(extract::Reading),
}

impl DateListing {
    pub(super) fn of(dates: bool, phrases: bool) -> DateListing {
        match (dates, phrases) {
            (false, _) => DateListing::Mentions,
            (true, false) => DateListing::Dates(extract::Reading::Article),
            (true, true) => DateListing::Dates(extract::Reading::Phrases),
        }
    }
}

/// `extract --dates`: one line per date expression, or `{"dates": [...]}`.
fn print_dates(
    out: &mut dyn Write,
    found: &[extract::FoundDate],
    json: bool,
) -> Result<(), Failure> {
    if json {
        #[derive(serde::Serialize)]
        struct Dates<'a> {
            dates: &'a [extract::FoundDate],
        }
        report::json(out, &Dates { dates: found })?;
        return Ok(());
    }
    for d in found {
        let release = if d.release { "release" } else { "-" };
        writeln!(
            out,
            "{:<12} {} {} {release:<7} [{}..{}] {}",
            d.date.label,
            d.date.start,
            d.date.end,
            d.span[0],
            d.span[1],
            report::clean(&d.text)
        )?;
    }
    Ok(())
}

/// `slipwatch extract`: the dates in one article's text (or page, with `--html`).
pub(super) fn extract_cmd(
    published: Option<&str>,
    title: Option<&str>,
    html: bool,
    json: bool,
    listing: DateListing,
    file: &str,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let bytes = read_input(file)?;
    let given = match published {
        Some(p) => Some(parse_published(p).ok_or_else(|| {
            usage(format!(
                "--published {p:?}: give an RFC 3339 time or a date"
            ))
        })?),
        None => None,
    };
    let (text, page) = if html {
        let a = article::extract_article(&charset::decode_html(&bytes, None), None);
        (a.text.clone(), Some(a))
    } else {
        (String::from_utf8_lossy(&bytes).into_owned(), None)
    };
    let published = given
        .or_else(|| page.as_ref().and_then(|a| a.published))
        .unwrap_or_else(|| Utc::now().fixed_offset());
    let hints = page.as_ref().map(|a| a.hints.clone()).unwrap_or_default();
    let title = title
        .map(str::to_string)
        .or_else(|| page.as_ref().and_then(|a| a.title.clone()));
    let ctx = extract::Context {
        published,
        title: title.as_deref(),
        hints: &hints,
    };
    if let DateListing::Dates(reading) = listing {
        return print_dates(out, &extract::dates(&text, &ctx, reading), json);
    }
    let x = extract::extract(&text, &ctx);
    if json {
        report::json(out, &x)?;
        return Ok(());
    }
    for m in &x.mentions {
        let date = m.date.as_ref().map_or("indefinite", |d| d.label.as_str());
        let role = match m.role {
            Role::Current => "current",
            Role::Previous => "previous",
        };
        writeln!(
            out,
            "{date:<12} {role:<8} {}  ({:.2})  {}",
            report::clean(&m.subject),
            m.confidence,
            report::clean(&m.sentence)
        )?;
    }
    for c in &x.changes {
        let f = c.from.as_ref().map_or("?", |d| d.label.as_str());
        let t = c.to.as_ref().map_or("indefinite", |d| d.label.as_str());
        writeln!(
            out,
            "moved {}: {} {f} -> {t}",
            c.direction.as_str(),
            report::clean(&c.subject)
        )?;
    }
    Ok(())
}

/// An RFC 3339 time, or a bare date taken as midnight UTC.
fn parse_published(s: &str) -> Option<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(s).ok().or_else(|| {
        Some(
            NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .ok()?
                .and_hms_opt(0, 0, 0)?
                .and_utc()
                .fixed_offset(),
        )
    })
}

/// `slipwatch article`: what the article stage takes out of one page or URL.
pub(super) async fn article_cmd(
    selector: Option<&str>,
    json: bool,
    input: &str,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    if let Some(sel) = selector {
        article::check_selector(sel).map_err(|e| usage(format!("--selector: {e}")))?;
    }
    let html = if input.starts_with("http://") || input.starts_with("https://") {
        let url = url::Url::parse(input).map_err(|e| usage(format!("{input}: {e}")))?;
        let settings = Config::parse("", Path::new("feeds.toml"))?.settings;
        match Fetcher::new(&settings)?
            .get(
                &url,
                Request {
                    validators: None,
                    cap: settings.max_page_bytes,
                    access: Access::Any,
                    user_agent: None,
                },
            )
            .await
            .with_context(|| input.to_string())?
        {
            Fetched::Body(b) => charset::decode_html(
                &b.bytes,
                b.content_type.as_deref().and_then(charset::header_charset),
            ),
            Fetched::NotModified(_) => String::new(),
        }
    } else {
        charset::decode_html(&read_input(input)?, None)
    };
    let a = article::extract_article(&html, selector);
    if json {
        report::json(out, &a)?;
        return Ok(());
    }
    writeln!(
        out,
        "title:     {}",
        report::clean(a.title.as_deref().unwrap_or(""))
    )?;
    writeln!(
        out,
        "published: {}",
        a.published.map(|p| p.to_rfc3339()).unwrap_or_default()
    )?;
    if a.selector_matched == Some(false) {
        writeln!(out, "selector:  matched nothing; heuristics used")?;
    }
    writeln!(out)?;
    for para in a.text.split("\n\n") {
        writeln!(out, "{}\n", report::clean(para))?;
    }
    Ok(())
}
