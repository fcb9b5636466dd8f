//! Scores the extractor on the release corpus (`tests/corpus/releases.jsonl`).
//!
//! **Mentions** are compared as (subject, date) pairs, role ignored, each side
//! deduplicated. A predicted pair matches a gold one when the date labels are
//! equal (both `null` for an indefinite date) and the predicted subject's
//! [`release_key`] equals the key of the gold subject or of one of its listed
//! aliases. Matching is one-to-one. Precision = matched / predicted, recall =
//! matched / gold.
//!
//! **Moves**: a gold move is *found exactly* when a predicted move names the
//! same work (same subject rule, with the aliases of the gold mentions of that
//! subject) and has both `from` and `to` labels equal. *Direction accuracy* is
//! the share of gold moves with a subject-matched predicted move whose direction
//! is right. *False moves* counts predicted moves in articles with no gold move.

use crate::extract::{extract, release_key, Context};
use crate::model::Extraction;
use chrono::DateTime;
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
pub struct GoldMention {
    pub subject: String,
    pub date: Option<String>,
    pub role: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldMove {
    pub subject: String,
    pub from: Option<String>,
    pub to: Option<String>,
    pub direction: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct Expect {
    #[serde(default)]
    pub mentions: Vec<GoldMention>,
    #[serde(default)]
    pub moves: Vec<GoldMove>,
}

/// One corpus case.
#[derive(Debug, Clone, Deserialize)]
pub struct Case {
    pub id: String,
    #[serde(default)]
    pub kind: String,
    pub published: String,
    pub title: Option<String>,
    pub text: String,
    pub expect: Expect,
    #[serde(default)]
    pub tags: Vec<String>,
}

/// Totals over a corpus.
#[derive(Debug, Clone, Default)]
pub struct Score {
    pub predicted: usize,
    pub gold: usize,
    pub matched: usize,
    pub moves_gold: usize,
    pub moves_exact: usize,
    pub moves_subject_found: usize,
    pub moves_direction_right: usize,
    pub nonmove_articles: usize,
    pub false_moves: usize,
    /// Non-move articles with at least one false move.
    pub false_move_articles: usize,
    /// Confirmed moves in move articles that match no gold move.
    pub extra_moves: usize,
    /// Stated moves the engine left unconfirmed (not counted as moves).
    pub unconfirmed: usize,
    pub cases: usize,
    /// Gold dates, and those some predicted mention has (subject ignored).
    pub dates_gold: usize,
    pub dates_found: usize,
    /// Where mentions went wrong (counts only, so the held-back half can be
    /// read without its text): a gold mention missed while a wrong prediction
    /// carries its date (the subject was wrong) or with its date nowhere among
    /// the predictions; a wrong prediction whose date some missed gold mention
    /// has, or whose date is in no missed gold mention (a date that is not a
    /// release date of the article, or resolved wrong).
    pub missed_subject: usize,
    pub missed_date: usize,
    pub wrong_subject: usize,
    pub wrong_date: usize,
    /// The wrong predictions of `wrong_date`, by what gold says of their work: a
    /// missed gold mention of the same work has another date in the same year
    /// (a coarser or finer reading, or another day) or in another year; the work's
    /// gold mentions all matched (a date of the work that is no release date of
    /// it); or no gold mention names the work at all.
    pub wrong_label_same_year: usize,
    pub wrong_label_other_year: usize,
    pub extra_date: usize,
    pub unknown_work: usize,
    /// Each predicted mention's confidence and whether it was right.
    pub calibration: Vec<(f32, bool)>,
    /// Per-case problems, for reading.
    pub notes: Vec<String>,
}

impl Score {
    pub fn precision(&self) -> f64 {
        self.matched as f64 / self.predicted.max(1) as f64
    }
    pub fn recall(&self) -> f64 {
        self.matched as f64 / self.gold.max(1) as f64
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    pub fn moves_exact_share(&self) -> f64 {
        self.moves_exact as f64 / self.moves_gold.max(1) as f64
    }
    pub fn direction_accuracy(&self) -> f64 {
        self.moves_direction_right as f64 / self.moves_subject_found.max(1) as f64
    }
    pub fn false_move_rate(&self) -> f64 {
        self.false_moves as f64 / self.nonmove_articles.max(1) as f64
    }
    pub fn date_recall(&self) -> f64 {
        self.dates_found as f64 / self.dates_gold.max(1) as f64
    }
    /// Expected calibration error: over the tenths of confidence, the share of
    /// mentions in each times the gap between its mean confidence and its share
    /// right. 0 is perfect; a constant 0.9 on mentions a third of which are right
    /// scores about 0.57.
    pub fn calibration_error(&self) -> f64 {
        let n = self.calibration.len().max(1) as f64;
        bands(&self.calibration)
            .iter()
            .map(|b| b.count as f64 / n * (b.mean - b.right).abs())
            .sum()
    }

    /// Mentions by confidence, in tenths: (band low, band high, count, share right).
    pub fn calibration_table(&self) -> Vec<(f32, f32, usize, f64)> {
        bands(&self.calibration)
            .iter()
            .map(|b| (b.lo, b.hi, b.count, b.right))
            .collect()
    }
}

/// One tenth of confidence: its bounds, the mentions in it, their mean confidence
/// and the share of them right.
#[derive(Debug, Clone, Copy, Default)]
pub struct Band {
    pub lo: f32,
    pub hi: f32,
    pub count: usize,
    pub mean: f64,
    pub right: f64,
}

/// (confidence, right) pairs by tenths of confidence; 1.0 falls in the last.
pub fn bands(pairs: &[(f32, bool)]) -> [Band; 10] {
    let mut out = [Band::default(); 10];
    let mut right = [0usize; 10];
    for (i, b) in out.iter_mut().enumerate() {
        b.lo = i as f32 / 10.0;
        b.hi = (i + 1) as f32 / 10.0;
    }
    for &(c, ok) in pairs {
        let i = ((c * 10.0) as usize).min(9);
        out[i].count += 1;
        out[i].mean += f64::from(c);
        right[i] += usize::from(ok);
    }
    for (b, r) in out.iter_mut().zip(right) {
        if b.count > 0 {
            b.mean /= b.count as f64;
            b.right = r as f64 / b.count as f64;
        }
    }
    out
}

/// Parses the corpus JSONL, skipping malformed lines.
pub fn parse_cases(text: &str) -> Vec<Case> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect()
}

/// Runs the extractor on one case.
pub fn run_case(case: &Case) -> Option<Extraction> {
    let published = DateTime::parse_from_rfc3339(&case.published).ok()?;
    let ctx = Context {
        published,
        title: case.title.as_deref(),
        hints: &[],
    };
    Some(extract(&case.text, &ctx))
}

fn keys_for(subject: &str, aliases: &[String]) -> Vec<String> {
    let mut v = vec![release_key(subject)];
    v.extend(aliases.iter().map(|a| release_key(a)));
    v
}

/// A predicted mention: its subject's keys, date label, name and confidence.
pub(crate) type Predicted = (Vec<String>, Option<String>, String, f32);

/// Matches predicted (subject, date) pairs to gold ones, one to one: a prediction
/// matches when the labels agree and one of its keys is among the gold keys. Counts
/// into `score` (and its calibration and notes); returns which gold pairs matched.
pub(crate) fn match_mentions(
    id: &str,
    gold: &[(Vec<String>, Option<String>, &str)],
    pred: &[Predicted],
    score: &mut Score,
) -> Vec<bool> {
    let mut used = vec![false; gold.len()];
    let mut hits: Vec<bool> = Vec::with_capacity(pred.len());
    for p in pred {
        let hit = (0..gold.len())
            .find(|&i| !used[i] && gold[i].1 == p.1 && p.0.iter().any(|k| gold[i].0.contains(k)));
        score.calibration.push((p.3, hit.is_some()));
        hits.push(hit.is_some());
        match hit {
            Some(i) => {
                used[i] = true;
                score.matched += 1;
            }
            None => score.notes.push(format!("{id} FP  {:?} {:?}", p.2, p.1)),
        }
    }
    let mut wrong: Vec<&Option<String>> = Vec::new();
    for (p, h) in pred.iter().zip(&hits) {
        if !h {
            wrong.push(&p.1);
        }
    }
    let missed: Vec<&Option<String>> = gold
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(g, _)| &g.1)
        .collect();
    for (g, u) in gold.iter().zip(&used) {
        if !u {
            score.notes.push(format!("{id} FN  {:?} {:?}", g.2, g.1));
            if wrong.contains(&&g.1) {
                score.missed_subject += 1;
            } else {
                score.missed_date += 1;
            }
        }
    }
    for (p, h) in pred.iter().zip(&hits) {
        if *h {
            continue;
        }
        if missed.contains(&&p.1) {
            score.wrong_subject += 1;
            continue;
        }
        score.wrong_date += 1;
        let same_work = |i: &usize| p.0.iter().any(|k| gold[*i].0.contains(k));
        fn year(l: &Option<String>) -> Option<&str> {
            l.as_deref().and_then(|l| l.get(..4))
        }
        let other = (0..gold.len())
            .filter(|i| !used[*i] && same_work(i))
            .map(|i| &gold[i].1);
        let (count, why) = if other.clone().any(|l| year(l) == year(&p.1)) {
            (&mut score.wrong_label_same_year, "same year")
        } else if other.clone().next().is_some() {
            (&mut score.wrong_label_other_year, "other year")
        } else if (0..gold.len()).any(|i| same_work(&i)) {
            (&mut score.extra_date, "extra date")
        } else {
            (&mut score.unknown_work, "unknown work")
        };
        *count += 1;
        score
            .notes
            .push(format!("{id} WD  {why}: {:?} {:?}", p.2, p.1));
    }
    score.predicted += pred.len();
    score.gold += gold.len();
    used
}

/// Scores one case into `score`; only confirmed moves count, as only they reach a user.
pub fn score_case(case: &Case, got: &Extraction, score: &mut Score) {
    let unconfirmed = got.changes.iter().filter(|c| !c.confirmed).count();
    score.unconfirmed += unconfirmed;
    for c in got.changes.iter().filter(|c| !c.confirmed) {
        let label = |p: &Option<crate::model::Period>| p.as_ref().map(|p| p.label.clone());
        score.notes.push(format!(
            "{} UNCONFIRMED {:?} {:?}->{:?}",
            case.id,
            c.subject,
            label(&c.from),
            label(&c.to)
        ));
    }
    let confirmed;
    let got = if unconfirmed == 0 {
        got
    } else {
        confirmed = Extraction {
            mentions: got.mentions.clone(),
            changes: got
                .changes
                .iter()
                .filter(|c| c.confirmed)
                .cloned()
                .collect(),
        };
        &confirmed
    };
    // Gold pairs, deduplicated.
    let mut gold: Vec<(Vec<String>, Option<String>, String)> = Vec::new();
    for m in &case.expect.mentions {
        let keys = keys_for(&m.subject, &m.aliases);
        if !gold.iter().any(|g| g.0[0] == keys[0] && g.1 == m.date) {
            gold.push((keys, m.date.clone(), m.subject.clone()));
        }
    }
    let mut pred: Vec<Predicted> = Vec::new();
    for m in &got.mentions {
        let k = release_key(&m.subject);
        let d = m.date.as_ref().map(|p| p.label.clone());
        if !pred.iter().any(|p| p.0[0] == k && p.1 == d) {
            pred.push((vec![k], d, m.subject.clone(), m.confidence));
        }
    }
    let gold: Vec<(Vec<String>, Option<String>, &str)> = gold
        .iter()
        .map(|g| (g.0.clone(), g.1.clone(), g.2.as_str()))
        .collect();
    match_mentions(&case.id, &gold, &pred, score);
    score_moves(case, got, score);
}

/// The move half of [`score_case`]: exact moves, direction, false moves.
fn score_moves(case: &Case, got: &Extraction, score: &mut Score) {
    if case.expect.moves.is_empty() {
        score.nonmove_articles += 1;
        score.false_moves += got.changes.len();
        score.false_move_articles += usize::from(!got.changes.is_empty());
        for c in &got.changes {
            score.notes.push(format!(
                "{} FALSE-MOVE {:?} {:?}->{:?}",
                case.id,
                c.subject,
                c.from.as_ref().map(|p| &p.label),
                c.to.as_ref().map(|p| &p.label)
            ));
        }
        return;
    }
    for gm in &case.expect.moves {
        score.moves_gold += 1;
        let main = release_key(&gm.subject);
        let mut keys = vec![main.clone()];
        for m in case
            .expect
            .mentions
            .iter()
            .filter(|m| release_key(&m.subject) == main)
        {
            keys.extend(m.aliases.iter().map(|a| release_key(a)));
        }
        let cands: Vec<_> = got
            .changes
            .iter()
            .filter(|c| keys.contains(&release_key(&c.subject)))
            .collect();
        let label = |p: &Option<crate::model::Period>| p.as_ref().map(|p| p.label.clone());
        let exact = cands
            .iter()
            .any(|c| label(&c.from) == gm.from && label(&c.to) == gm.to);
        if exact {
            score.moves_exact += 1;
        } else {
            let got_s: Vec<String> = got
                .changes
                .iter()
                .map(|c| format!("{}:{:?}->{:?}", c.subject, label(&c.from), label(&c.to)))
                .collect();
            score.notes.push(format!(
                "{} MOVE-MISS {:?} {:?}->{:?} got {:?}",
                case.id, gm.subject, gm.from, gm.to, got_s
            ));
        }
        if let Some(c) = cands
            .iter()
            .find(|c| label(&c.from) == gm.from && label(&c.to) == gm.to)
            .or(cands.first())
        {
            score.moves_subject_found += 1;
            if c.direction.as_str() == gm.direction {
                score.moves_direction_right += 1;
            }
        }
    }
}

/// Scores a whole corpus.
pub fn score_all(cases: &[Case]) -> Score {
    let mut score = Score::default();
    for c in cases {
        score.cases += 1;
        let got = run_case(c).unwrap_or_default();
        score_case(c, &got, &mut score);
    }
    score
}
