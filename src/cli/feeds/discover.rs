//! The feed behind what `feeds add` was given: the URL itself when it is a feed, else
//! a feed the page advertises, else one at a common path.

use anyhow::{anyhow, bail, Context as _};
use url::Url;

use crate::config::Settings;
use crate::ingest::charset;
use crate::ingest::feed;
use crate::ingest::fetch::{Access, Fetched, Fetcher, Request};
use crate::present::opml;

/// A feed found for what the user gave: its URL and title.
#[derive(Debug, Clone)]
pub struct Found {
    pub url: Url,
    pub title: Option<String>,
}

async fn fetch_text(
    fetcher: &Fetcher,
    url: &Url,
    cap: u64,
) -> anyhow::Result<(Vec<u8>, Option<String>, String)> {
    match fetcher
        .get(
            url,
            Request {
                validators: None,
                cap,
                // The user named this site; it may well be on their own network.
                access: Access::Any,
                user_agent: None,
            },
        )
        .await
        .with_context(|| url.to_string())?
    {
        Fetched::Body(b) => Ok((b.bytes, b.content_type, b.url)),
        Fetched::NotModified(_) => Err(anyhow!("{url}: unexpected 304")),
    }
}

fn as_feed(bytes: &[u8], ctype: Option<&str>, at: &str) -> Option<Option<String>> {
    let utf8 = charset::feed_to_utf8(bytes, ctype.and_then(charset::header_charset));
    feed::parse(&utf8, Some(at)).ok().map(|f| f.title)
}

/// Finds the feed behind `input`: the URL itself when it is a feed, else a feed the
/// page advertises, else one at a common path.
pub async fn discover(settings: &Settings, input: &Url) -> anyhow::Result<Found> {
    let fetcher = Fetcher::new(settings)?;
    let (bytes, ctype, at) = fetch_text(&fetcher, input, settings.max_page_bytes).await?;
    if let Some(title) = as_feed(&bytes, ctype.as_deref(), &at) {
        return Ok(Found {
            url: Url::parse(&at).unwrap_or_else(|_| input.clone()),
            title,
        });
    }
    let base = Url::parse(&at).unwrap_or_else(|_| input.clone());
    let html = charset::decode_html(&bytes, ctype.as_deref().and_then(charset::header_charset));
    let mut tried = Vec::new();
    for candidate in opml::discover(&html, &base) {
        tried.push(candidate.to_string());
        let Ok((bytes, ctype, at)) =
            fetch_text(&fetcher, &candidate, settings.max_feed_bytes).await
        else {
            continue;
        };
        if let Some(title) = as_feed(&bytes, ctype.as_deref(), &at) {
            return Ok(Found {
                url: candidate,
                title,
            });
        }
    }
    bail!(
        "{input} is not a feed and no feed was found (tried {})",
        tried.join(", ")
    )
}
