//! Duckling date phrases through `extract::dates` in phrase reading, the
//! function behind `slipwatch extract --dates --phrases`: at least 90% of the
//! non-holiday lines and 80% of the holiday lines resolve to the exact
//! expected day range, and the real binary prints the documented JSON with
//! character spans. Reads ../shared/testdata/dates and skips when it is
//! absent. `cargo run --release --example dates_eval -- -v` lists every miss.
//!
//! Where we disagree with the corpus on purpose (its quirks, see its README):
//! - Seasons: "this season", "this summer", "current summer", "this winter",
//!   "last season", "past/previous seasons", "next season". Duckling uses
//!   solstice/equinox dates (and is inconsistent between phrases); we use the
//!   meteorological seasons of `Period::season` (summer = June–August), and we
//!   do not resolve a bare "season".
//! - "end of the year", "EOY", "end of 2012" (8 lines): Duckling gives
//!   September–December; we give Q4, a period our model has.
//! - "all week", "rest of the week": Duckling ends the week on Saturday; our
//!   weeks run Monday–Sunday.
//! - "the week of october 6th": Duckling gives the week starting Monday Oct 7
//!   although Oct 6 is a Sunday; we give the ISO week that contains Oct 6.
//! - "boss's" alone: Duckling reads it as Boss's Day; we need "day".
//! - Not implemented: "18th Dec for 10 days" (3 lines), "the (second) closest
//!   Monday to Oct 5th", "at this time", "in 14 a.d.", bare latent "the week".
//! - Holidays: the remaining misses are Islamic dates outside the observed
//!   2000–2035 tables, where the tabular Islamic calendar we compute is a day
//!   (once two) later than Duckling's observed dates. We do not shift the
//!   calendar to fit them.

use serde_json::Value;
use slipwatch::eval::dates::{parse_lines, score_line, DateLine};
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

fn lines() -> Option<Vec<DateLine>> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/testdata/dates/duckling_en_dates.jsonl");
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(parse_lines(&text)),
        Err(_) => {
            eprintln!(
                "SKIP: {} not found; Duckling date test not run",
                path.display()
            );
            None
        }
    }
}

fn share(holiday: bool, min_lines: usize, bar: f64) {
    let Some(lines) = lines() else { return };
    let outcomes: Vec<_> = lines
        .iter()
        .filter(|l| l.holiday.is_some() == holiday)
        .map(score_line)
        .collect();
    let right = outcomes.iter().filter(|o| o.ok).count();
    let share = right as f64 / outcomes.len().max(1) as f64;
    assert!(
        outcomes.len() > min_lines,
        "only {} lines read",
        outcomes.len()
    );
    assert!(
        share >= bar,
        "holiday={holiday}: share {share:.3} ({right}/{}) below {bar}",
        outcomes.len()
    );
}

#[test]
fn duckling_non_holiday_lines_resolve_at_least_90_percent() {
    share(false, 300, 0.90);
}

#[test]
fn duckling_holiday_lines_resolve_at_least_80_percent() {
    share(true, 200, 0.80);
}

fn run_dates(args: &[&str], input: &str) -> Value {
    let mut child = Command::new(env!("CARGO_BIN_EXE_slipwatch"))
        .args(["extract", "--dates", "--json"])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("run slipwatch");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write stdin");
    let out = child.wait_with_output().expect("wait");
    assert!(out.status.success(), "exit {:?}", out.status);
    serde_json::from_slice(&out.stdout).expect("JSON")
}

/// The text a `[start, end)` character span picks out of `input`.
fn by_chars(input: &str, span: &Value) -> String {
    let s = span[0].as_u64().expect("start") as usize;
    let e = span[1].as_u64().expect("end") as usize;
    input.chars().skip(s).take(e - s).collect()
}

#[test]
fn binary_lists_duckling_phrases_with_character_spans() {
    let Some(lines) = lines() else { return };
    let wanted = [
        "thanksgiving 2014",
        "Chanukah 2018",
        "the day after tomorrow",
        "Ramadan 2018",
        "last easter",
    ];
    let picked: Vec<&DateLine> = wanted
        .iter()
        .filter_map(|w| lines.iter().find(|l| l.text == *w))
        .collect();
    assert_eq!(picked.len(), wanted.len(), "lines missing from the corpus");
    // Non-ASCII text first, so byte and character offsets differ.
    let input: String = std::iter::once("— café —\n".to_string())
        .chain(picked.iter().map(|l| format!("{}\n", l.text)))
        .collect();
    let v = run_dates(&["--phrases", "--published", "2013-02-12"], &input);
    let dates = v["dates"].as_array().expect("dates array");
    for line in &picked {
        let d = dates
            .iter()
            .find(|d| d["text"] == line.text.as_str())
            .unwrap_or_else(|| panic!("{} not listed: {v}", line.text));
        assert_eq!(by_chars(&input, &d["span"]), line.text);
        let want = slipwatch::eval::dates::expected(line).expect("expected range");
        assert_eq!(d["date"]["start"], want.0.to_string(), "{}", line.text);
        assert_eq!(d["date"]["end"], want.1.to_string(), "{}", line.text);
        assert!(d["date"]["label"].is_string() && d["date"]["precision"].is_string());
        assert_eq!(d["release"], false);
    }
}

#[test]
fn binary_marks_the_release_date_of_an_article() {
    let input = "Über-Studio Kōei said on Tuesday that the game 'Rise of the Rōnin' \
                 will be released on March 22, 2024.";
    let v = run_dates(&["--published", "2023-12-05"], input);
    let dates = v["dates"].as_array().expect("dates array");
    let d = dates
        .iter()
        .find(|d| d["text"] == "March 22, 2024")
        .unwrap_or_else(|| panic!("no March 22, 2024: {v}"));
    assert_eq!(by_chars(input, &d["span"]), "March 22, 2024");
    assert_eq!(d["date"]["label"], "2024-03-22");
    assert_eq!(d["release"], true);
}
