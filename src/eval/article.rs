//! Scoring for the article-extraction corpus in `shared/testdata/extraction`, shared by the quality test and the eval example.
//!
//! The metric follows the corpus README: texts become multisets of consecutive
//! 4-token windows over `\w+` tokens; precision is averaged over pages with a
//! non-empty prediction, recall over all pages, and F1 comes from the two means.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

/// One page of the corpus with its hand-made article body.
pub struct Page {
    pub id: String,
    pub html: String,
    pub truth: String,
}

/// Where the corpus lives relative to a crate directory (`../shared/testdata/extraction`).
pub fn corpus_dir(manifest_dir: &str) -> PathBuf {
    Path::new(manifest_dir).join("../shared/testdata/extraction")
}

/// Loads every page (gunzipped, decoded as UTF-8, lossy) with its ground truth, sorted by id.
pub fn load_corpus(dir: &Path) -> Result<Vec<Page>, String> {
    let gt_path = dir.join("ground-truth.json");
    let gt_text =
        std::fs::read_to_string(&gt_path).map_err(|e| format!("{}: {e}", gt_path.display()))?;
    let gt: serde_json::Value =
        serde_json::from_str(&gt_text).map_err(|e| format!("{}: {e}", gt_path.display()))?;
    let gt = gt.as_object().ok_or("ground-truth.json is not an object")?;
    let mut pages = Vec::with_capacity(gt.len());
    for (id, entry) in gt {
        let truth = entry
            .get("articleBody")
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string();
        let path = dir.join("html").join(format!("{id}.html.gz"));
        let file = std::fs::File::open(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(file)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        let html = String::from_utf8_lossy(&bytes).into_owned();
        pages.push(Page {
            id: id.clone(),
            html,
            truth,
        });
    }
    pages.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(pages)
}

/// `\w+` tokens: maximal runs of alphanumeric characters and underscores.
pub fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let word = c.is_alphanumeric() || c == '_';
        match (word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(&text[s..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

fn shingles<'a>(toks: &[&'a str]) -> HashMap<Vec<&'a str>, usize> {
    let mut map = HashMap::new();
    if toks.is_empty() {
        return map;
    }
    if toks.len() < 4 {
        map.insert(toks.to_vec(), 1);
        return map;
    }
    for w in toks.windows(4) {
        *map.entry(w.to_vec()).or_insert(0) += 1;
    }
    map
}

/// Per-page comparison result.
#[derive(Debug, Clone, Copy)]
pub struct PageScore {
    /// `None` when the prediction is empty.
    pub precision: Option<f64>,
    pub recall: f64,
}

impl PageScore {
    pub fn f1(&self) -> f64 {
        let p = self.precision.unwrap_or(0.0);
        if p + self.recall == 0.0 {
            0.0
        } else {
            2.0 * p * self.recall / (p + self.recall)
        }
    }
}

/// Scores one predicted text against its ground truth.
pub fn score_page(predicted: &str, truth: &str) -> PageScore {
    let pt = tokens(predicted);
    let tt = tokens(truth);
    let ps = shingles(&pt);
    let ts = shingles(&tt);
    let mut tp = 0usize;
    for (k, n) in &ps {
        if let Some(m) = ts.get(k) {
            tp += (*n).min(*m);
        }
    }
    let np: usize = ps.values().sum();
    let nt: usize = ts.values().sum();
    let recall = if nt == 0 { 0.0 } else { tp as f64 / nt as f64 };
    let precision = if np == 0 {
        None
    } else {
        Some(tp as f64 / np as f64)
    };
    PageScore { precision, recall }
}

/// Corpus-level figures.
#[derive(Debug, Clone, Copy)]
pub struct Summary {
    pub f1: f64,
    pub precision: f64,
    pub recall: f64,
    /// Share of pages whose own F1 is at least 0.9.
    pub share_090: f64,
    pub pages: usize,
}

/// Combines per-page scores the way the benchmark does.
pub fn summarize(scores: &[PageScore]) -> Summary {
    let with_output: Vec<f64> = scores.iter().filter_map(|s| s.precision).collect();
    let precision = if with_output.is_empty() {
        0.0
    } else {
        with_output.iter().sum::<f64>() / with_output.len() as f64
    };
    let n = scores.len().max(1) as f64;
    let recall = scores.iter().map(|s| s.recall).sum::<f64>() / n;
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    let share_090 = scores.iter().filter(|s| s.f1() >= 0.9).count() as f64 / n;
    Summary {
        f1,
        precision,
        recall,
        share_090,
        pages: scores.len(),
    }
}
