//! Scores the extractor on corpora in the releases schema
//! (`../shared/testdata/releases/README.md`): one gold entry per work whose upcoming
//! date the text states, with the replaced date and the direction when it moved.
//!
//! Mentions: current (subject, date label) pairs, matched one-to-one; a predicted
//! subject matches when its [`release_key`] (alone, or with its region appended)
//! equals the key of the gold subject or of one of its aliases. Moves: only confirmed
//! predicted moves count, as only those reach the user; a gold move is exact when a
//! predicted one names the work with the same new date and, where gold states it, the
//! same old date. In `announce` and `negative` cases every confirmed move is false.
//! Predicted labels are compared in the schema's terms ([`schema_label`]).

use super::corpus::{match_mentions, Predicted, Score};
use crate::extract::{extract, release_key, Context};
use crate::model::{Extraction, Role};
use chrono::DateTime;
use serde::Deserialize;

/// One gold entry.
#[derive(Debug, Clone, Deserialize)]
pub struct Gold {
    pub subject: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub date: Option<String>,
    #[serde(default)]
    pub previous: Option<String>,
    #[serde(default)]
    pub direction: Option<String>,
}

/// One case.
#[derive(Debug, Clone, Deserialize)]
pub struct Case {
    pub id: String,
    pub published: String,
    #[serde(default)]
    pub title: Option<String>,
    pub text: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub expect: Vec<Gold>,
}

impl Case {
    /// Odd-numbered ids tune, even ones are held back: the split fixed once, by id.
    pub fn tunes(&self) -> bool {
        tunes(&self.id)
    }

    fn moves(&self) -> impl Iterator<Item = &Gold> {
        self.expect.iter().filter(|g| g.direction.is_some())
    }
}

/// The split fixed once, by id, for cases and timelines alike: odd-numbered ids
/// tune, even ones (and ids without a number) are held back.
pub fn tunes(id: &str) -> bool {
    let digits: String = id.chars().filter(char::is_ascii_digit).collect();
    digits.parse::<u32>().is_ok_and(|n| n % 2 == 1)
}

/// Parses a JSON Lines corpus (cases or timelines); a bad line is an error naming
/// its file and line.
pub fn parse<T: serde::de::DeserializeOwned>(text: &str, file: &str) -> Result<Vec<T>, String> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| serde_json::from_str(l).map_err(|e| format!("{file}:{}: {e}", i + 1)))
        .collect()
}

/// Reads and parses the corpus file at `path`; an unreadable file or a bad line is
/// an error naming it.
pub fn read<T: serde::de::DeserializeOwned>(path: &std::path::Path) -> Result<Vec<T>, String> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| format!("{name}: {e}"))?;
    parse(&text, &name)
}

/// Runs the extractor on one case (an unreadable publication time reads nothing).
pub fn run(case: &Case) -> Extraction {
    let Ok(published) = DateTime::parse_from_rfc3339(&case.published) else {
        return Extraction::default();
    };
    let ctx = Context {
        published,
        title: case.title.as_deref(),
        hints: &[],
    };
    extract(&case.text, &ctx)
}

/// A predicted label in the schema's terms: the schema files a half year ("early
/// 2024", "first half of 2023") under its year, where the engine says `2024-H1`.
pub fn schema_label(label: &str) -> String {
    match label.split_once('-') {
        Some((year, "H1" | "H2")) => year.to_string(),
        _ => label.to_string(),
    }
}

fn gold_keys(g: &Gold) -> Vec<String> {
    std::iter::once(&g.subject)
        .chain(&g.aliases)
        .map(|s| release_key(s))
        .filter(|k| !k.is_empty())
        .collect()
}

fn pred_keys(subject: &str, region: Option<&str>) -> Vec<String> {
    let mut v = vec![release_key(subject)];
    if let Some(r) = region {
        v.push(release_key(&format!("{subject} {r}")));
    }
    v
}

type GoldEntry<'a> = (Vec<String>, Option<String>, &'a str);

/// Gold current dates, and the counted predictions: current mentions, the first of
/// each subject and date, with the index of the mention each came from.
fn mention_pairs<'a>(
    case: &'a Case,
    got: &Extraction,
) -> (Vec<GoldEntry<'a>>, Vec<Predicted>, Vec<usize>) {
    let gold = case
        .expect
        .iter()
        .map(|g| (gold_keys(g), g.date.clone(), g.subject.as_str()))
        .collect();
    let (mut pred, mut from): (Vec<Predicted>, Vec<usize>) = (Vec::new(), Vec::new());
    for (i, m) in got.mentions.iter().enumerate() {
        if m.role != Role::Current {
            continue;
        }
        let keys = pred_keys(&m.subject, m.region.as_deref());
        let d = m.date.as_ref().map(|p| schema_label(&p.label));
        if !pred.iter().any(|p| p.0[0] == keys[0] && p.1 == d) {
            pred.push((keys, d, m.subject.clone(), m.confidence));
            from.push(i);
        }
    }
    (gold, pred, from)
}

/// Scores one case into `score`.
pub fn score_case(case: &Case, got: &Extraction, score: &mut Score) {
    let (gold, pred, _) = mention_pairs(case, got);
    match_mentions(&case.id, &gold, &pred, score);
    // Dates alone: a gold date some predicted mention has, whatever its subject.
    score.dates_gold += gold.len();
    score.dates_found += gold
        .iter()
        .filter(|g| pred.iter().any(|p| p.1 == g.1))
        .count();
    score_moves(case, got, score);
}

fn score_moves(case: &Case, got: &Extraction, score: &mut Score) {
    let confirmed: Vec<_> = got.changes.iter().filter(|c| c.confirmed).collect();
    score.unconfirmed += got.changes.len() - confirmed.len();
    let label = |p: &Option<crate::model::Period>| p.as_ref().map(|p| schema_label(&p.label));
    let show = |c: &crate::model::StatedMove| {
        format!("{}:{:?}->{:?}", c.subject, label(&c.from), label(&c.to))
    };
    for c in got.changes.iter().filter(|c| !c.confirmed) {
        score
            .notes
            .push(format!("{} UNCONFIRMED {}", case.id, show(c)));
    }
    if case.moves().next().is_none() {
        score.nonmove_articles += 1;
        score.false_moves += confirmed.len();
        score.false_move_articles += usize::from(!confirmed.is_empty());
        for c in &confirmed {
            score
                .notes
                .push(format!("{} FALSE-MOVE {}", case.id, show(c)));
        }
        return;
    }
    let mut used = vec![false; confirmed.len()];
    for g in case.moves() {
        score.moves_gold += 1;
        let keys = gold_keys(g);
        let of_work: Vec<usize> = (0..confirmed.len())
            .filter(|&i| {
                pred_keys(&confirmed[i].subject, None)
                    .iter()
                    .any(|k| keys.contains(k))
            })
            .collect();
        let exact = of_work.iter().copied().find(|&i| {
            let c = confirmed[i];
            label(&c.to) == g.date && (g.previous.is_none() || label(&c.from) == g.previous)
        });
        if let Some(i) = exact {
            used[i] = true;
            score.moves_exact += 1;
        } else {
            let seen: Vec<String> = confirmed.iter().map(|c| show(c)).collect();
            score.notes.push(format!(
                "{} MOVE-MISS {:?} {:?}->{:?} got {:?}",
                case.id, g.subject, g.previous, g.date, seen
            ));
        }
        if let Some(i) = exact.or(of_work.first().copied()) {
            score.moves_subject_found += 1;
            if g.direction.as_deref() == Some(confirmed[i].direction.as_str()) {
                score.moves_direction_right += 1;
            }
        }
    }
    score.extra_moves += used.iter().filter(|u| !**u).count();
}

/// For each mention of `got`, whether the mention score counts it right (the same
/// one-to-one match as [`score_case`]): `None` for a replaced date or a repeat of an
/// earlier mention, which it does not count. For fitting the confidence.
pub fn mentions_right(case: &Case, got: &Extraction) -> Vec<Option<bool>> {
    let (gold, pred, from) = mention_pairs(case, got);
    let mut scratch = Score::default();
    match_mentions(&case.id, &gold, &pred, &mut scratch);
    let mut out = vec![None; got.mentions.len()];
    for (i, (_, right)) in from.into_iter().zip(scratch.calibration) {
        out[i] = Some(right);
    }
    out
}

/// Scores every case given.
pub fn score_all<'a>(cases: impl IntoIterator<Item = &'a Case>) -> Score {
    let mut score = Score::default();
    for c in cases {
        score.cases += 1;
        score_case(c, &run(c), &mut score);
    }
    score
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case(line: &str) -> Case {
        serde_json::from_str(line).unwrap()
    }

    #[test]
    fn the_archetype_scores_one_exact_move_and_its_mention() {
        let c = case(
            r#"{"id":"t1","published":"2022-04-21T12:00:00Z","title":"Our Blues OST preponed","text":"The Our Blues OST by Jimin and Ha Sung Woon has been preponed by a day. It will now premiere on April 24, 2022.","kind":"change","expect":[{"subject":"Our Blues OST","aliases":["the OST"],"date":"2022-04-24","previous":"2022-04-25","direction":"earlier"}]}"#,
        );
        let s = score_all([&c]);
        assert_eq!((s.gold, s.matched), (1, 1), "{:?}", s.notes);
        assert_eq!((s.moves_gold, s.moves_exact), (1, 1), "{:?}", s.notes);
        assert_eq!(s.moves_direction_right, 1);
    }

    #[test]
    fn a_missed_mention_is_told_apart_by_where_its_date_went() {
        // Gold: Blue Harbor on May 3 and Iron Bell on June 9. The text gives May 3
        // to another film (a wrong subject), never dates Iron Bell, and dates a
        // film that gold does not list (a wrong date).
        let c = case(
            r#"{"id":"t2","published":"2024-04-01T12:00:00Z","text":"'Northwind' will be released on May 3, 2024. 'Quiet Lake' will be released on July 19, 2024.","kind":"announce","expect":[{"subject":"Blue Harbor","date":"2024-05-03"},{"subject":"Iron Bell","date":"2024-06-09"}]}"#,
        );
        let s = score_all([&c]);
        assert_eq!((s.gold, s.matched, s.predicted), (2, 0, 2), "{:?}", s.notes);
        assert_eq!((s.missed_subject, s.missed_date), (1, 1), "{:?}", s.notes);
        assert_eq!((s.wrong_subject, s.wrong_date), (1, 1), "{:?}", s.notes);
        // "Quiet Lake" is in no gold mention.
        assert_eq!((s.unknown_work, s.extra_date), (1, 0), "{:?}", s.notes);
    }

    #[test]
    fn a_wrong_date_is_told_apart_by_what_gold_says_of_its_work() {
        // Gold: Northwind on May 3 and Quiet Lake on July 19, 2025. The text dates
        // Northwind twice (one date gold lacks, beside the one it has) and Quiet
        // Lake to another year.
        let c = case(
            r#"{"id":"t4","published":"2024-04-01T12:00:00Z","text":"'Northwind' will be released on May 3, 2024. 'Northwind' will be released on June 9, 2024. 'Quiet Lake' will be released on July 19, 2024.","kind":"announce","expect":[{"subject":"Northwind","date":"2024-05-03"},{"subject":"Quiet Lake","date":"2025-07-19"}]}"#,
        );
        let s = score_all([&c]);
        assert_eq!((s.matched, s.wrong_date), (1, 2), "{:?}", s.notes);
        assert_eq!(
            (s.extra_date, s.wrong_label_other_year),
            (1, 1),
            "{:?}",
            s.notes
        );
        assert_eq!(
            (s.wrong_label_same_year, s.unknown_work),
            (0, 0),
            "{:?}",
            s.notes
        );
    }

    #[test]
    fn a_half_year_is_scored_as_the_schemas_year() {
        let c = case(
            r#"{"id":"t3","published":"2023-09-01T12:00:00Z","text":"'Northwind' will be released in the first half of 2024.","kind":"announce","expect":[{"subject":"Northwind","date":"2024"}]}"#,
        );
        let got = run(&c);
        assert_eq!(
            got.mentions
                .first()
                .and_then(|m| m.date.as_ref())
                .map(|d| d.label.as_str()),
            Some("2024-H1")
        );
        let s = score_all([&c]);
        assert_eq!((s.gold, s.matched), (1, 1), "{:?}", s.notes);
        assert_eq!(schema_label("2024-H2"), "2024");
        assert_eq!(schema_label("2024-05"), "2024-05");
    }

    #[test]
    fn a_move_in_a_negative_case_is_false_and_ids_split_by_parity() {
        let c = case(
            r#"{"id":"rb014","published":"2022-04-21T12:00:00Z","text":"The Our Blues OST has been preponed by a day. It will now premiere on April 24, 2022.","kind":"negative","expect":[]}"#,
        );
        let s = score_all([&c]);
        assert_eq!(s.nonmove_articles, 1);
        assert_eq!(s.false_move_articles, 1);
        assert!(!c.tunes());
        assert!(parse::<Case>("{\"id\":\"x\"}\n", "f.jsonl")
            .unwrap_err()
            .starts_with("f.jsonl:1:"));
    }
}
