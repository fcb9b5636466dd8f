//! Appositions: one work named twice in a row is one work. "The Our Blues OST,
//! a duet titled With You," / "With You, the Our Blues OST," / "Proof (the
//! anthology album)" / "X (Y)". The pair folds into one candidate: the name the
//! headline also carries wins, else the first-named; the other becomes an alias,
//! so a later bare mention of it ("With You will ...") names the same work. A
//! working title and the title it is given ("Bond 25 finally has a title: No
//! Time to Die") fold the same way, the new name kept.
//! Pure: token arithmetic only.

use super::identity::release_key;
use super::subject::{work_noun, Cand};
use super::temporal::Scanner;

/// The working title a name at `at` replaces, as a token range, when the words
/// before the name give it ("Bond 25 finally has a title: No Time to Die").
pub(crate) fn renamed_from(sc: &Scanner<'_>, at: usize) -> Option<(usize, usize)> {
    let a = (at.saturating_sub(6)..at).find(|&a| renames(sc, a, at))?;
    let mut x = a;
    while x > 0 && sc.titleish(x - 1) {
        x -= 1;
    }
    (x < a).then_some((x, a))
}

/// Whether tokens `[a, b)` between two names give the first one its new name:
/// "Bond 25 finally has a title: No Time to Die", "X will be called Y", "X has
/// been renamed Y". A working title and the title it gets are one work.
pub(crate) fn renames(sc: &Scanner<'_>, a: usize, b: usize) -> bool {
    if b <= a || b - a > 6 {
        return false;
    }
    let mut naming = false;
    for k in a..b {
        let w = sc.w(k);
        if matches!(
            w,
            "title" | "titled" | "called" | "named" | "renamed" | "retitled"
        ) {
            naming = true;
        } else if !(sc.p(k, ':')
            || matches!(
                w,
                "will"
                    | "be"
                    | "is"
                    | "was"
                    | "been"
                    | "has"
                    | "gets"
                    | "got"
                    | "finally"
                    | "now"
                    | "officially"
                    | "a"
                    | "an"
                    | "its"
                    | "official"
            ))
        {
            return false;
        }
    }
    naming
}

/// Whether tokens `[a, b)` between two names join them as one work.
fn joins(sc: &Scanner<'_>, a: usize, b: usize, second_end: usize) -> bool {
    if b <= a || b - a > 7 {
        return false;
    }
    // "X (Y)": the second name alone in parentheses.
    if b == a + 1 && sc.p(a, '(') {
        return sc.p(second_end, ')');
    }
    if !sc.p(a, ',') {
        return false;
    }
    let mut k = a + 1;
    let article = matches!(
        sc.w(k),
        "a" | "an" | "the" | "its" | "their" | "her" | "his"
    );
    if !article {
        return false;
    }
    k += 1;
    let mut noun = false;
    while k < b {
        let w = sc.w(k);
        if w.is_empty() || sc.tok(k).is_some_and(|t| t.cap) {
            // "the Our Blues OST" ends the gap at the second name itself.
            return false;
        }
        if work_noun(w) {
            noun = true;
        } else if matches!(w, "titled" | "called" | "named" | "dubbed" | "entitled") {
            if !noun {
                return false;
            }
        } else if noun {
            return false;
        }
        k += 1;
    }
    // "X, a duet titled Y,": a noun between; "Y, the X OST,": the second name
    // closes the apposition with a comma or the clause's verb.
    noun || sc.p(second_end, ',')
}

/// Folds appositive pairs in `cands` (sorted by position); returns (kept, alias)
/// name pairs. `headline` is the headline's subject, when there is one.
pub(crate) fn fold(
    sc: &Scanner<'_>,
    cands: &mut Vec<Cand>,
    headline: Option<&str>,
) -> Vec<(String, String)> {
    // Keyed only once a pair joins: most sentences have none, and `fold` runs
    // for every sentence.
    let mut head_key: Option<String> = None;
    let mut aliases = Vec::new();
    let mut i = 0;
    while i + 1 < cands.len() {
        let (x, y) = (&cands[i], &cands[i + 1]);
        let renamed = renames(sc, x.end, y.at);
        if !renamed && !joins(sc, x.end, y.at, y.end) {
            i += 1;
            continue;
        }
        let head_key =
            &*head_key.get_or_insert_with(|| headline.map(release_key).unwrap_or_default());
        // The new name of a renamed work is the one it goes by.
        let y_heads = renamed
            || !head_key.is_empty()
                && release_key(&y.name) == *head_key
                && release_key(&x.name) != *head_key;
        let (keep, drop) = if y_heads { (i + 1, i) } else { (i, i + 1) };
        let mut merged = cands[keep].clone();
        merged.at = cands[i].at;
        merged.end = cands[i + 1].end;
        merged.strong = cands[i].strong || cands[i + 1].strong;
        // The headline's spelling, without a sentence-initial "The".
        if let Some(h) = headline.filter(|_| release_key(&merged.name) == *head_key) {
            merged.name = h.to_string();
        }
        aliases.push((merged.name.clone(), cands[drop].name.clone()));
        cands[i] = merged;
        cands.remove(i + 1);
        i += 1;
    }
    aliases
}
