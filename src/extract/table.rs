//! Rows of a release table: a line that is a work's name, a dash or colon, and
//! its old and new dates ("Animal – August 11- December 1"), as articles about a
//! calendar shake-up list them. Pure: reads one sentence's tokens.

use super::temporal::{Scanner, TimeExpr};
use crate::model::Period;
use std::ops::Range;

/// One row: the work, and its dates with their token spans in the order written:
/// the replaced date (if the row gives two or more, the one before the last) and
/// the date now in force.
pub(crate) struct Row {
    pub name: String,
    pub from: Option<(Period, Range<usize>)>,
    pub to: (Period, Range<usize>),
}

/// Longest name a row may open with, in tokens.
const NAME_TOKENS: usize = 14;

/// The sentence as a table row, if it is one: an optional bullet, a name that
/// opens with a capital, a dash or colon, then one to three dates joined by
/// dashes or commas (a dash-joined pair of full dates, "November 24- December
/// 1", which the date grammar reads as one range, is two), and nothing after
/// them but a stop.
pub(crate) fn row(sc: &Scanner<'_>, exprs: &[TimeExpr]) -> Option<Row> {
    let first = exprs.first()?;
    let start = usize::from(sc.p(0, '-') || sc.p(0, '*') || sc.p(0, '\u{2022}'));
    let sep = first.toks.start.checked_sub(1)?;
    if sep <= start || sep - start > NAME_TOKENS || !(sc.p(sep, '-') || sc.p(sep, ':')) {
        return None;
    }
    let stop = |k: usize| sc.p(k, '.') || sc.p(k, '!') || sc.p(k, '?');
    // "Japan – August 11": a country or platform heads a row of regional
    // dates, not a work's.
    let place = sc.region_at(start).is_some();
    if !sc.tok(start).is_some_and(|t| t.cap) || place || (start..sep).any(stop) {
        return None;
    }
    let mut dates: Vec<(Period, Range<usize>)> = Vec::new();
    let mut at = first.toks.start;
    for (i, e) in exprs.iter().enumerate() {
        let joined = i == 0 || (e.toks.start == at + 1 && (sc.p(at, '-') || sc.p(at, ',')));
        if !joined {
            return None;
        }
        // "November 24- December 1": a range whose second end names its month.
        let split = e
            .toks
            .clone()
            .find(|&k| sc.p(k, '-'))
            .filter(|&dash| sc.month_at(dash + 1).is_some());
        match split {
            Some(dash) => {
                dates.push((Period::day(e.first), e.toks.start..dash));
                dates.push((Period::day(e.last), dash + 1..e.toks.end));
            }
            None => dates.push((e.period.clone(), e.toks.clone())),
        }
        at = e.toks.end;
    }
    if !(at..sc.toks.len()).all(stop) || dates.len() > 3 {
        return None;
    }
    let name = sc.name(start, sep);
    if name.is_empty() {
        return None;
    }
    let to = dates.pop()?;
    Some(Row {
        name,
        from: dates.pop(),
        to,
    })
}
