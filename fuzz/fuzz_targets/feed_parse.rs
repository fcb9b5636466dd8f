//! Fuzz target: feed bytes -> charset normalisation -> feed parsing. Must never panic.
//!
//! libFuzzer's panic hook aborts even on the panics `feed::parse` catches around
//! feed-rs: a caught parser panic still loses a feed, so it counts as a crash here.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte picks the HTTP charset the fetch layer might have seen.
    let (charset, body) = match data.split_first() {
        Some((b, rest)) => (
            match b % 6 {
                0 => None,
                1 => Some("utf-8"),
                2 => Some("iso-8859-1"),
                3 => Some("utf-16"),
                4 => Some("shift_jis"),
                _ => Some("x-bogus"),
            },
            rest,
        ),
        None => (None, data),
    };
    let bytes = slipwatch::ingest::charset::feed_to_utf8(body, charset);
    let _ = slipwatch::ingest::feed::parse(&bytes, Some("http://example.test/feed/"));
    let _ = slipwatch::ingest::feed::parse(&bytes, None);
});
