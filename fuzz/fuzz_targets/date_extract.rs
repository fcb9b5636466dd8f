//! Fuzz target: text plus an arbitrary publication time -> date extraction. Must never
//! panic and must run in bounded time, whatever the publication date.
//!
//! Input layout, so that seeds stay readable: 4 bytes (i32 LE, days after 2000-01-01),
//! 1 byte (UTC offset in quarter hours, wrapped to -48..=48), then the text as lossy
//! UTF-8. A first line ending in `\n` is also passed as the headline, and `*word*`
//! spans as emphasis hints.
#![no_main]

use chrono::{Duration, FixedOffset, NaiveDate, TimeZone};
use libfuzzer_sys::fuzz_target;
use slipwatch::extract::{extract, Context};

fuzz_target!(|data: &[u8]| {
    if data.len() < 5 {
        return;
    }
    let days = i32::from_le_bytes([data[0], data[1], data[2], data[3]]);
    let quarters = i32::from(data[4] as i8) % 49;
    let text = String::from_utf8_lossy(&data[5..]);

    let epoch = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
    // Days beyond chrono's range (about +-262,000 years) wrap into it.
    let Some(day) = epoch.checked_add_signed(Duration::days(i64::from(days % 95_000_000))) else {
        return;
    };
    let Some(offset) = FixedOffset::east_opt(quarters * 900) else {
        return;
    };
    let Some(published) = offset
        .from_local_datetime(&day.and_hms_opt(9, 30, 0).unwrap())
        .single()
    else {
        return;
    };
    let title = text.split_once('\n').map(|(t, _)| t);
    let hints: Vec<String> = text
        .split('*')
        .skip(1)
        .step_by(2)
        .take(50)
        .map(str::to_owned)
        .collect();
    let ctx = Context {
        published,
        title,
        hints: &hints,
    };
    let _ = extract(&text, &ctx);
});
