//! Prints mention precision/recall/F1, moves found exactly, direction accuracy
//! and false moves over the release corpus. Run:
//! `cargo run --release --example extract_eval` (add `-- -v` to list errors,
//! `-- --case ID` to show one case, `-- --text DAY TITLE TEXT` to try any text).

use slipwatch::eval::corpus::{parse_cases, score_all};
use std::path::PathBuf;

fn main() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/releases.jsonl");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("corpus not found at {}", path.display());
        std::process::exit(1);
    };
    let cases = parse_cases(&text);
    // `-- --text YYYY-MM-DD TITLE TEXT` runs the extractor on any text.
    let argv: Vec<String> = std::env::args().collect();
    if let Some(i) = argv.iter().position(|a| a == "--text") {
        let (Some(day), Some(title), Some(body)) =
            (argv.get(i + 1), argv.get(i + 2), argv.get(i + 3))
        else {
            eprintln!("usage: extract_eval --text YYYY-MM-DD TITLE TEXT");
            return;
        };
        let Ok(published) = chrono::DateTime::parse_from_rfc3339(&format!("{day}T12:00:00+00:00"))
        else {
            eprintln!("bad date {day}");
            return;
        };
        if let Ok(d) = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d") {
            for e in slipwatch::extract::temporal::dates_in(body, d) {
                println!(
                    "date {:?} -> {} [{}..{}]",
                    body.get(e.span.clone()),
                    e.period.label,
                    e.first,
                    e.last
                );
            }
        }
        let ctx = slipwatch::extract::Context {
            published,
            title: Some(title),
            hints: &[],
        };
        println!("{:#?}", slipwatch::extract::extract(body, &ctx));
        return;
    }
    // `-- --case ID` shows one case: text, expectations and output.
    let args: Vec<String> = std::env::args().collect();
    if let Some(id) = args
        .iter()
        .position(|a| a == "--case")
        .and_then(|i| args.get(i + 1))
    {
        for c in cases.iter().filter(|c| c.id.starts_with(id.as_str())) {
            println!("== {} {} | {:?}\n{}\n", c.id, c.published, c.title, c.text);
            for m in &c.expect.mentions {
                println!("  GOLD {:?} {:?} {}", m.subject, m.date, m.role);
            }
            for m in &c.expect.moves {
                println!(
                    "  GOLD MOVE {:?} {:?} -> {:?} {}",
                    m.subject, m.from, m.to, m.direction
                );
            }
            let got = slipwatch::eval::corpus::run_case(c).unwrap_or_default();
            for m in &got.mentions {
                println!(
                    "  GOT  {:?} {:?} {:?} conf={} region={:?}\n       <{}>",
                    m.subject,
                    m.date.as_ref().map(|d| &d.label),
                    m.role,
                    m.confidence,
                    m.region,
                    m.sentence
                );
            }
            for m in &got.changes {
                println!(
                    "  GOT MOVE {:?} {:?} -> {:?} {:?}",
                    m.subject,
                    m.from.as_ref().map(|d| &d.label),
                    m.to.as_ref().map(|d| &d.label),
                    m.direction
                );
            }
        }
        return;
    }
    let s = score_all(&cases);
    if std::env::args().any(|a| a == "-v") {
        for n in &s.notes {
            println!("{n}");
        }
    }
    println!("cases: {}", cases.len());
    println!(
        "mentions: precision {:.3}  recall {:.3}  F1 {:.3}  ({} matched, {} predicted, {} gold)",
        s.precision(),
        s.recall(),
        s.f1(),
        s.matched,
        s.predicted,
        s.gold
    );
    println!(
        "moves found exactly: {:.3} ({}/{})",
        s.moves_exact_share(),
        s.moves_exact,
        s.moves_gold
    );
    println!(
        "direction accuracy: {:.3} ({}/{} gold moves with a predicted move for the work)",
        s.direction_accuracy(),
        s.moves_direction_right,
        s.moves_subject_found
    );
    println!(
        "false moves per non-move article: {:.3} ({} in {} articles)",
        s.false_move_rate(),
        s.false_moves,
        s.nonmove_articles
    );
}
