//! Every date expression of a text, for `slipwatch extract --dates`: its text,
//! its span in characters (Unicode scalar values, not bytes), the days it
//! denotes, and whether the engine used it as a release date.
//!
//! Two readings: an article (running text, strict grammar, sentence by
//! sentence, as the extractor reads it) or standalone phrases, one per line
//! (lenient grammar, future-leaning like a calendar assistant: "thanksgiving",
//! "next tuesday"). Pure: no I/O, no clock.

use super::lex::{tokenize, words};
use super::sentence;
use super::temporal::{scan_tokens, Scanner, Tense, TimeExpr};
use super::Context;
use crate::model::{Mention, Period, Precision};
use chrono::Datelike;
use serde::Serialize;

/// How the input is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// Running text: an article.
    Article,
    /// One standalone date phrase per line.
    Phrases,
}

/// One date expression found in the input.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FoundDate {
    /// The expression as written.
    pub text: String,
    /// `[start, end)` in characters of the input.
    pub span: [usize; 2],
    /// Label and precision of the period a release stated so would take;
    /// `start`/`end` are the days the expression denotes (a range for
    /// "July 13-15").
    pub date: Period,
    /// The engine used this date as a release date of some mention.
    pub release: bool,
}

/// Byte spans of the expressions, with their sentence text (articles only).
struct Raw<'t> {
    span: std::ops::Range<usize>,
    expr: TimeExpr,
    sentence: &'t str,
}

fn article_exprs<'t>(text: &'t str, ctx: &Context<'_>) -> Vec<Raw<'t>> {
    let today = ctx.published.date_naive();
    let low = text.to_ascii_lowercase();
    let all = tokenize(text);
    let words = words(&all, &low);
    let mut out = Vec::new();
    for r in sentence::split(&all, &low) {
        let toks = all.get(r.clone()).unwrap_or(&[]);
        let sent = match (toks.first(), toks.last()) {
            (Some(a), Some(b)) => text.get(a.s..b.e).unwrap_or(""),
            _ => "",
        };
        let sc = Scanner {
            toks,
            words: words.get(r.clone()).unwrap_or(&[]),
            low: &low,
            text,
            today,
            tense: sentence::tense(&all, &low, r.clone()),
            strict: true,
        };
        out.extend(scan_tokens(&sc).into_iter().map(|e| Raw {
            span: e.span.clone(),
            expr: e,
            sentence: sent,
        }));
    }
    out
}

fn phrase_exprs<'t>(text: &'t str, ctx: &Context<'_>) -> Vec<Raw<'t>> {
    let today = ctx.published.date_naive();
    let mut out = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let exprs = Scanner::over(line, today, Tense::Future, false, scan_tokens);
        out.extend(exprs.into_iter().map(|e| Raw {
            span: e.span.start + at..e.span.end + at,
            expr: e,
            sentence: "",
        }));
        at += line.len();
    }
    out
}

/// Whether a mention took this date: same sentence and the same period (or,
/// when the engine placed it in another year, the same day of the year).
fn used(raw: &Raw<'_>, mentions: &[Mention]) -> bool {
    let p = &raw.expr.period;
    mentions.iter().any(|m| {
        m.sentence == raw.sentence
            && m.date.as_ref().is_some_and(|d| {
                d.label == p.label
                    || (d.precision == p.precision
                        && d.precision == Precision::Day
                        && (d.start.month(), d.start.day()) == (p.start.month(), p.start.day()))
            })
    })
}

/// Every date expression of `text`, in order. Dates resolve against
/// `ctx.published`.
pub fn dates(text: &str, ctx: &Context<'_>, reading: Reading) -> Vec<FoundDate> {
    if !(1000..=9000).contains(&ctx.published.year()) {
        return Vec::new();
    }
    let (raws, mentions) = match reading {
        Reading::Article => (article_exprs(text, ctx), super::extract(text, ctx).mentions),
        Reading::Phrases => (phrase_exprs(text, ctx), Vec::new()),
    };
    // Byte offsets to character offsets, walking forward once.
    let (mut byte, mut chars) = (0usize, 0usize);
    let mut to_char = |b: usize| -> usize {
        if b >= byte {
            chars += text.get(byte..b).map_or(0, |s| s.chars().count());
        } else {
            chars = text.get(..b).map_or(0, |s| s.chars().count());
        }
        byte = b;
        chars
    };
    raws.iter()
        .map(|r| {
            let span = [to_char(r.span.start), to_char(r.span.end)];
            FoundDate {
                text: text.get(r.span.clone()).unwrap_or("").to_string(),
                span,
                date: Period {
                    label: r.expr.period.label.clone(),
                    precision: r.expr.period.precision,
                    start: r.expr.first,
                    end: r.expr.last,
                },
                release: used(r, &mentions),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;

    fn ctx() -> Context<'static> {
        Context {
            published: DateTime::parse_from_rfc3339("2022-04-21T00:00:00Z").unwrap(),
            title: None,
            hints: &[],
        }
    }

    #[test]
    fn spans_count_characters_not_bytes() {
        let text = "Pokémon Légendes: the film 'Blue Harbor' will be released on April 24, 2022.";
        let found = dates(text, &ctx(), Reading::Article);
        let d = found.first().expect("a date");
        assert_eq!(d.text, "April 24, 2022");
        let chars: Vec<char> = text.chars().collect();
        let s: String = chars[d.span[0]..d.span[1]].iter().collect();
        assert_eq!(s, "April 24, 2022");
        assert!(d.release, "{found:?}");
    }

    #[test]
    fn a_statement_date_is_not_a_release() {
        let text = "On April 19, the studio announced that the film 'Halo Nights' will be \
                    released in theaters on May 6.";
        let found = dates(text, &ctx(), Reading::Article);
        let flags: Vec<(&str, bool)> = found.iter().map(|d| (d.text.as_str(), d.release)).collect();
        assert_eq!(flags, vec![("April 19", false), ("May 6", true)]);
    }

    #[test]
    fn phrases_are_read_one_per_line() {
        let found = dates("thanksgiving\nnext tuesday\n", &ctx(), Reading::Phrases);
        assert_eq!(found.len(), 2);
        assert_eq!(found[1].span, [13, 25]);
        assert_eq!(found[0].date.start.to_string(), "2022-11-24");
    }
}
