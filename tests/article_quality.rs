//! Quality bar for the article stage on the shared extraction corpus (skips when the corpus is absent).

use slipwatch::article::extract_article;
use slipwatch::eval::{corpus_dir, load_corpus, score_page, summarize};

/// Bars from issue 4.
const MIN_F1: f64 = 0.960;
const MIN_PRECISION: f64 = 0.95;

#[test]
fn article_quality_meets_bar() {
    let dir = corpus_dir(env!("CARGO_MANIFEST_DIR"));
    if !dir.join("ground-truth.json").exists() {
        println!(
            "SKIPPED article_quality: corpus not found at {}",
            dir.display()
        );
        return;
    }
    let pages = match load_corpus(&dir) {
        Ok(p) => p,
        Err(e) => panic!("corpus present but unreadable: {e}"),
    };
    let scores: Vec<_> = pages
        .iter()
        .map(|p| score_page(&extract_article(&p.html, None).text, &p.truth))
        .collect();
    let s = summarize(&scores);
    println!(
        "article quality: pages {} F1 {:.4} precision {:.4} recall {:.4} share(F1>=0.9) {:.3}",
        s.pages, s.f1, s.precision, s.recall, s.share_090
    );
    assert!(s.f1 >= MIN_F1, "F1 {:.4} below {MIN_F1}", s.f1);
    assert!(
        s.precision >= MIN_PRECISION,
        "precision {:.4} below {MIN_PRECISION}",
        s.precision
    );
}
