//! Scores the article extractor on `../shared/testdata/extraction` and prints F1, precision, recall and share ≥ 0.9.
//!
//! Usage: `cargo run --release --example article_eval [-- --worst N] [--dump FILE] [--page ID-PREFIX]`.
//! `--worst N` lists the N lowest-scoring pages; `--dump FILE` writes every output as
//! JSON in the benchmark's `{"<id>": {"articleBody": ...}}` shape.

use slipwatch::article::extract_article;
use slipwatch::eval::{corpus_dir, load_corpus, score_page, summarize};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let worst = args
        .iter()
        .position(|a| a == "--worst")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse::<usize>().ok())
        .unwrap_or(0);
    let dump = args
        .iter()
        .position(|a| a == "--dump")
        .and_then(|i| args.get(i + 1));
    let dir = corpus_dir(env!("CARGO_MANIFEST_DIR"));
    let pages = match load_corpus(&dir) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("corpus not available ({e}); nothing to score");
            std::process::exit(2);
        }
    };
    if let Some(id) = args
        .iter()
        .position(|a| a == "--page")
        .and_then(|i| args.get(i + 1))
    {
        for p in pages.iter().filter(|p| p.id.starts_with(id.as_str())) {
            let a = extract_article(&p.html, None);
            let s = score_page(&a.text, &p.truth);
            println!(
                "{} F1 {:.3} P {:.3} R {:.3} source {}",
                p.id,
                s.f1(),
                s.precision.unwrap_or(0.0),
                s.recall,
                a.source
            );
            print!("{}", slipwatch::article::explain(&p.html));
            println!("----- extracted\n{}\n----- truth\n{}", a.text, p.truth);
        }
        return;
    }
    let mut scores = Vec::with_capacity(pages.len());
    let mut out = serde_json::Map::new();
    let mut rows = Vec::new();
    for p in &pages {
        let a = extract_article(&p.html, None);
        let s = score_page(&a.text, &p.truth);
        rows.push((
            s.f1(),
            s.precision.unwrap_or(0.0),
            s.recall,
            p.id.clone(),
            a.source,
        ));
        scores.push(s);
        if dump.is_some() {
            out.insert(p.id.clone(), serde_json::json!({ "articleBody": a.text }));
        }
    }
    let sum = summarize(&scores);
    println!(
        "pages {}  F1 {:.4}  precision {:.4}  recall {:.4}  share(F1>=0.9) {:.3}",
        sum.pages, sum.f1, sum.precision, sum.recall, sum.share_090
    );
    if worst > 0 {
        rows.sort_by(|a, b| a.0.total_cmp(&b.0));
        for (f, p, r, id, src) in rows.iter().take(worst) {
            println!("{f:.3} P {p:.3} R {r:.3} {src:9} {id}");
        }
    }
    if let Some(path) = dump {
        let text = serde_json::Value::Object(out).to_string();
        if let Err(e) = std::fs::write(path, text) {
            eprintln!("cannot write {path}: {e}");
        }
    }
}
