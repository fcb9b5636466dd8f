//! The watchlist: which releases the user follows, from the `[[watch]]` entries.
//!
//! A watch names a release, an artist or a franchise. It matches a release whose key
//! or name holds the watch's name (or an alias) as whole words, read the way release
//! keys are made (`extract::release_key`: case, punctuation and "original soundtrack"
//! folded). That is `releases QUERY`'s substring test made to respect word edges, so a
//! watch "IU" does not catch "Stadium Tour".
//!
//! Release names rarely carry their artist ("IU will release her new album The
//! Winning" dates a release named "The Winning"), so a watch also matches a release
//! when a sentence that dated it names the watch: that is how an artist's watch
//! catches their next album. Matching reads only names and sentences, so it keeps
//! working for releases first seen after the watch was added.
//!
//! Pure: no I/O, no clock; imports `config` (the entries), `extract` (the keys) and
//! `model`.

use crate::config::WatchConfig;
use crate::extract::release_key;
use crate::model::Change;

/// The watch entries, ready to match.
#[derive(Debug, Clone, Default)]
pub struct Watchlist {
    entries: Vec<Entry>,
}

#[derive(Debug, Clone)]
struct Entry {
    name: String,
    /// The words of the name and of each alias, as release keys spell them.
    phrases: Vec<Vec<String>>,
}

/// Lower-case words; an apostrophe ends one ("IU's" holds "iu").
fn words(s: &str) -> Vec<String> {
    s.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// A name's words as written and as its release key spells them.
fn spellings(s: &str) -> [Vec<String>; 2] {
    [words(&release_key(s)), words(s)]
}

/// Whether `needle` occurs in `hay` as a run of whole words.
fn holds(hay: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

impl Watchlist {
    pub fn new(watch: &[WatchConfig]) -> Watchlist {
        let entries = watch
            .iter()
            .map(|w| Entry {
                name: w.name.clone(),
                phrases: std::iter::once(&w.name)
                    .chain(&w.aliases)
                    .flat_map(|n| spellings(n))
                    .filter(|p| !p.is_empty())
                    .collect(),
            })
            .collect();
        Watchlist { entries }
    }

    /// No `[[watch]]` entries: everything behaves as if everything were watched.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The name of the first watch matching a release: its key, its name, or one of
    /// the sentences that dated it.
    pub fn which(&self, key: &str, name: &str, sentences: &[&str]) -> Option<&str> {
        let mut texts = vec![words(key)];
        texts.extend(spellings(name));
        texts.extend(sentences.iter().map(|s| words(s)));
        self.entries
            .iter()
            .find(|e| e.phrases.iter().any(|p| texts.iter().any(|t| holds(t, p))))
            .map(|e| e.name.as_str())
    }

    pub fn matches(&self, key: &str, name: &str, sentences: &[&str]) -> bool {
        self.which(key, name, sentences).is_some()
    }

    /// Whether a change's release is watched, by its names or its evidence.
    pub fn matches_change(&self, c: &Change) -> bool {
        let mut sentences = vec![c.evidence.after.sentence.as_str()];
        sentences.extend(c.evidence.before.as_ref().map(|b| b.sentence.as_str()));
        self.matches(&c.key, &c.release, &sentences)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(entries: &[(&str, &[&str])]) -> Watchlist {
        let config: Vec<WatchConfig> = entries
            .iter()
            .map(|(name, aliases)| WatchConfig {
                name: name.to_string(),
                aliases: aliases.iter().map(|a| a.to_string()).collect(),
                kind: None,
            })
            .collect();
        Watchlist::new(&config)
    }

    #[test]
    fn an_artist_watch_matches_whole_words_only() {
        let w = list(&[("IU", &[])]);
        assert_eq!(
            w.which(&release_key("IU's The Winning"), "IU's The Winning", &[]),
            Some("IU")
        );
        assert!(!w.matches(&release_key("Stadium Tour"), "Stadium Tour", &[]));
        assert!(!w.matches(
            "the winning",
            "The Winning",
            &["The stadium tour will open on May 2."]
        ));
    }

    #[test]
    fn a_sentence_naming_the_artist_matches_a_release_without_them_in_its_name() {
        let w = list(&[("IU", &[])]);
        let said = "IU will release her new album The Winning on December 20, 2026.";
        assert!(!w.matches("the winning", "The Winning", &[]));
        assert!(w.matches("the winning", "The Winning", &[said]));
        let mut c = crate::model::fixtures::our_blues();
        assert!(!w.matches_change(&c));
        c.evidence.after.sentence = said.into();
        assert!(w.matches_change(&c));
    }

    #[test]
    fn an_alias_matches_where_the_name_does_not() {
        let w = list(&[("Grand Theft Auto VI", &["GTA 6"])]);
        assert!(w.matches(&release_key("GTA 6"), "GTA 6", &[]));
        assert!(w.matches(
            &release_key("Grand Theft Auto VI trailer"),
            "Grand Theft Auto VI trailer",
            &[]
        ));
        assert!(!w.matches(&release_key("GTA Online"), "GTA Online", &[]));
    }

    #[test]
    fn soundtrack_spellings_fold_like_release_keys() {
        let w = list(&[("Our Blues Original Soundtrack", &[])]);
        assert!(w.matches("our blues ost", "Our Blues OST", &[]));
        assert!(list(&[]).is_empty() && !list(&[]).matches("our blues ost", "Our Blues OST", &[]));
    }
}
