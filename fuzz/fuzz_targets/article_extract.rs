//! Fuzz target: page bytes -> lossy UTF-8 -> article extraction, with and without a
//! selector. The article stage must never panic and must run in bounded time.
#![no_main]

use libfuzzer_sys::fuzz_target;

const SELECTORS: &[&str] = &[
    "div.entry-content",
    "article",
    "#content p",
    "main > div:nth-child(2)",
    "[itemprop=articleBody]",
    "div[",
];

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    let _ = slipwatch::article::extract_article(&html, None);
    let pick = data.first().map_or(0, |b| usize::from(*b)) % SELECTORS.len();
    let _ = slipwatch::article::extract_article(&html, Some(SELECTORS[pick]));
});
