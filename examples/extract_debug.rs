//! Prints what the extractor finds in one text: `cargo run --example
//! extract_debug -- PUBLISHED "TITLE" "TEXT"` (published as YYYY-MM-DD).

use chrono::{DateTime, NaiveDate};
use slipwatch::extract::temporal::dates_in;
use slipwatch::extract::{extract, Context};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(p), Some(title), Some(text)) = (args.get(1), args.get(2), args.get(3)) else {
        eprintln!("usage: extract_debug YYYY-MM-DD TITLE TEXT");
        return;
    };
    let Ok(day) = NaiveDate::parse_from_str(p, "%Y-%m-%d") else {
        return;
    };
    let Ok(published) = DateTime::parse_from_rfc3339(&format!("{p}T12:00:00+00:00")) else {
        return;
    };
    for e in dates_in(text, day) {
        println!(
            "date {:?} -> {} [{}..{}]",
            text.get(e.span.clone()),
            e.period.label,
            e.first,
            e.last
        );
    }
    let x = extract(
        text,
        &Context {
            published,
            title: Some(title),
            hints: &[],
        },
    );
    println!("{x:#?}");
}
