//! Release identity across articles: a normalised key, and matching a subject
//! against releases already known to the store.
//!
//! The key folds case, punctuation, accents (ASCII only) and a leading article;
//! writes Roman numerals II–XX and number words as digits; writes "Season 2",
//! "Season Two" and "S2" alike as `s2` (likewise "Part"/"Vol."/"Volume" →
//! `part`/`vol`); and treats "soundtrack"/"original soundtrack" as `ost`. It
//! keeps every other word, so "Our Blues" (the drama) and "Our Blues OST" stay
//! distinct releases.

/// Words that mean the same release noun.
fn canon_word(w: &str) -> &str {
    match w {
        "soundtrack" | "soundtracks" => "ost",
        "volume" | "vol" => "vol",
        "pt" | "part" => "part",
        "season" | "series" | "s" => "s",
        "and" => "&",
        other => other,
    }
}

fn roman_or_word(w: &str) -> Option<&'static str> {
    Some(match w {
        "ii" | "two" | "second" => "2",
        "iii" | "three" | "third" => "3",
        "iv" | "four" | "fourth" => "4",
        "v" | "five" | "fifth" => "5",
        "vi" | "six" | "sixth" => "6",
        "vii" | "seven" | "seventh" => "7",
        "viii" | "eight" | "eighth" => "8",
        "ix" | "nine" | "ninth" => "9",
        "x" | "ten" | "tenth" => "10",
        "xi" | "eleven" => "11",
        "xii" | "twelve" => "12",
        "xiii" => "13",
        "xiv" => "14",
        "xv" => "15",
        "xvi" => "16",
        "xvii" => "17",
        "xviii" => "18",
        "xix" => "19",
        "xx" => "20",
        "one" | "first" => "1",
        _ => return None,
    })
}

/// Splits into lowercase alphanumeric words, splitting letters from digits
/// ("S2" → "s", "2"), with "&" kept as a word. The words are written one after
/// another into `buf` and returned as byte spans of it: the key is asked for
/// every candidate title, and one buffer is far cheaper than a `String` a word.
fn words(subject: &str, buf: &mut String) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    // Where the current word began in `buf`; it is empty when this is `buf.len()`.
    let mut cur = buf.len();
    let mut cur_digit = false;
    // Letters added since the word began or since its last dot.
    let mut run = 0;
    let flush = |cur: &mut usize, buf: &String, out: &mut Vec<(usize, usize)>| {
        if *cur < buf.len() {
            out.push((*cur, buf.len()));
            *cur = buf.len();
        }
    };
    for c in subject.chars() {
        let c = fold_accent(c);
        if c.is_alphanumeric() {
            let d = c.is_ascii_digit();
            if cur < buf.len() && d != cur_digit {
                flush(&mut cur, buf, &mut out);
            }
            if cur == buf.len() {
                run = 0;
            }
            cur_digit = d;
            buf.extend(c.to_lowercase());
            run += 1;
        } else if c == '.' && run == 1 && !cur_digit {
            // A dotted abbreviation is one word: "U.K." → "uk", like "UK";
            // "S.T.A.L.K.E.R." → "stalker".
            run = 0;
            continue;
        } else if c == '\'' || c == '\u{2019}' {
            // Apostrophes join: "Dal-rae's" → "dalraes" would be too lossy; drop them.
            continue;
        } else {
            flush(&mut cur, buf, &mut out);
            if c == '&' {
                buf.push('&');
                flush(&mut cur, buf, &mut out);
            }
        }
    }
    flush(&mut cur, buf, &mut out);
    out
}

fn fold_accent(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
        'ú' | 'ù' | 'û' | 'ü' => 'u',
        'ñ' => 'n',
        'ç' => 'c',
        other => other,
    }
}

/// The identity key of a release name.
pub fn release_key(subject: &str) -> String {
    let mut buf = String::with_capacity(subject.len());
    let spans = words(subject, &mut buf);
    let raw: Vec<&str> = spans.iter().filter_map(|&(a, b)| buf.get(a..b)).collect();
    // Each key word as (head, tail), written together: "s" + "2" for "Season 2",
    // so no word needs a `String` of its own.
    let mut out: Vec<(&str, &str)> = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let w = raw[i];
        // "original soundtrack" → "ost"; "o.s.t." → "ost".
        if w == "original" && raw.get(i + 1).is_some_and(|n| n.starts_with("soundtrack")) {
            i += 1;
            continue;
        }
        if w == "o" && raw.get(i + 1) == Some(&"s") && raw.get(i + 2) == Some(&"t") {
            out.push(("ost", ""));
            i += 3;
            continue;
        }
        let canon = canon_word(w);
        let numbered = matches!(canon, "s" | "part" | "vol");
        if numbered {
            if let Some(next) = raw.get(i + 1) {
                let n = roman_or_word(next).or_else(|| {
                    next.chars()
                        .all(|c| c.is_ascii_digit())
                        .then(|| next.trim_start_matches('0'))
                });
                if let Some(n) = n {
                    out.push((canon, n));
                    i += 2;
                    continue;
                }
            }
            // "series"/"season" without a number stays a word.
            out.push((w, ""));
            i += 1;
            continue;
        }
        // Roman numerals only after the first word ("VI" in "Grand Theft Auto VI",
        // not the pronoun "I" or a title that starts with "X").
        let num = if i > 0 {
            roman_or_word(w)
                .filter(|_| !matches!(w, "one" | "first" | "second" | "third" | "fourth" | "fifth"))
        } else {
            None
        };
        match num {
            Some(n) => out.push((n, "")),
            None => out.push((canon, "")),
        }
        i += 1;
    }
    if out.len() > 1 && matches!(out[0], ("the" | "a" | "an", "")) {
        out.remove(0);
    }
    let mut key = String::with_capacity(buf.len() + out.len());
    for (k, (head, tail)) in out.iter().enumerate() {
        if k > 0 {
            key.push(' ');
        }
        key.push_str(head);
        key.push_str(tail);
    }
    key
}

/// A release the store already knows: its key and any alias keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Known {
    pub key: String,
    pub aliases: Vec<String>,
}

/// Finds the known release a subject names: an exact key or alias match, else
/// a known key that equals the subject's key with a leading artist/brand word
/// removed ("BTS Proof" → "proof") or added. Returns the index into `known`.
pub fn match_known(subject: &str, known: &[Known]) -> Option<usize> {
    let key = release_key(subject);
    if key.is_empty() {
        return None;
    }
    if let Some(i) = known
        .iter()
        .position(|k| k.key == key || k.aliases.contains(&key))
    {
        return Some(i);
    }
    known.iter().position(|k| {
        let longer_ends_with = |a: &str, b: &str| {
            a.len() > b.len() && a.ends_with(b) && a.as_bytes()[a.len() - b.len() - 1] == b' '
        };
        (longer_ends_with(&key, &k.key) || longer_ends_with(&k.key, &key))
            && k.key.contains(" ost") == key.contains(" ost")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: &str, b: &str) {
        assert_eq!(release_key(a), release_key(b), "{a} vs {b}");
    }
    fn differ(a: &str, b: &str) {
        assert_ne!(release_key(a), release_key(b), "{a} vs {b}");
    }

    #[test]
    fn dotted_abbreviations_key_like_plain_ones() {
        same("Gladiator II (U.K.)", "Gladiator II UK");
        same("S.T.A.L.K.E.R. 2", "STALKER 2");
        differ("Vol.2", "Vol 3");
    }

    #[test]
    fn key_folds_case_punctuation_and_articles() {
        same("The Our Blues OST", "our blues OST");
        same("'Our Blues' OST", "Our Blues soundtrack");
        same("Our Blues Original Soundtrack", "Our Blues OST");
    }

    #[test]
    fn key_unifies_numerals_and_seasons() {
        same("Grand Theft Auto VI", "Grand Theft Auto 6");
        same("Squid Game Season 3", "Squid Game S3");
        same(
            "Sword of the Ninth Moon season two",
            "Sword of the Ninth Moon Season 2",
        );
        same("Hoshi no Kakera Vol. 1", "Hoshi no Kakera Volume 1");
    }

    #[test]
    fn related_but_distinct_works_stay_apart() {
        differ("Our Blues", "Our Blues OST");
        differ("Squid Game Season 2", "Squid Game Season 3");
        differ("Dune", "Dune: Part Two");
    }

    #[test]
    fn match_known_tolerates_artist_prefix() {
        let known = vec![Known {
            key: release_key("Proof"),
            aliases: vec![],
        }];
        assert_eq!(match_known("BTS Proof", &known), Some(0));
        assert_eq!(match_known("Proof", &known), Some(0));
        assert_eq!(match_known("Butter", &known), None);
    }
}
