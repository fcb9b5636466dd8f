//! Hand-written tokenizer: words, numbers (with ordinal suffixes) and punctuation,
//! with byte spans into the original text and a few layout flags.
//!
//! Words are compared through an ASCII-lowercased copy of the text, which keeps
//! byte offsets identical to the original, so no per-token allocation is needed.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    /// A run of ASCII digits; `num` holds its value (saturating).
    Num,
    /// One punctuation character (curly quotes and dashes are normalised).
    Punct(char),
}

/// One token with its byte span.
#[derive(Debug, Clone, Copy)]
pub struct Tok {
    pub s: usize,
    pub e: usize,
    pub kind: Kind,
    pub num: u32,
    /// Digits in a number token.
    pub ndig: u8,
    /// A number written with an ordinal suffix ("24th").
    pub ord: bool,
    /// First character is uppercase.
    pub cap: bool,
    /// No whitespace between this token and the previous one.
    pub glued: bool,
    /// A line break between this token and the previous one.
    pub nl: bool,
}

impl Tok {
    pub fn is_num(&self) -> bool {
        self.kind == Kind::Num
    }
    pub fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct(c)
    }
}

fn norm_punct(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' | '`' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{2033}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        other => other,
    }
}

/// Splits `text` into tokens. Never fails; unknown characters become punctuation.
pub fn tokenize(text: &str) -> Vec<Tok> {
    let bytes = text.as_bytes();
    let mut toks = Vec::with_capacity(text.len() / 4);
    let mut i = 0;
    let mut space = true;
    let mut nl = false;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_whitespace() {
            if b == b'\n' {
                nl = true;
            }
            space = true;
            i += 1;
            continue;
        }
        let start = i;
        let mut tok = Tok {
            s: start,
            e: start,
            kind: Kind::Word,
            num: 0,
            ndig: 0,
            ord: false,
            cap: false,
            glued: !space && !toks.is_empty(),
            nl,
        };
        if b.is_ascii_digit() {
            let mut v: u32 = 0;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                v = v
                    .saturating_mul(10)
                    .saturating_add(u32::from(bytes[i] - b'0'));
                i += 1;
            }
            tok.kind = Kind::Num;
            tok.num = v;
            tok.ndig = u8::try_from(i - start).unwrap_or(u8::MAX);
            // Ordinal suffix directly attached: 1st 2nd 3rd 4th.
            if i + 1 < bytes.len() {
                let suf = [
                    bytes[i].to_ascii_lowercase(),
                    bytes[i + 1].to_ascii_lowercase(),
                ];
                let is_suf = matches!(&suf, b"st" | b"nd" | b"rd" | b"th");
                let after_alpha = bytes.get(i + 2).is_some_and(|c| c.is_ascii_alphabetic());
                if is_suf && !after_alpha {
                    tok.ord = true;
                    i += 2;
                }
            }
        } else {
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            if c.is_alphabetic() {
                tok.cap = c.is_uppercase();
                while i < bytes.len() {
                    // ASCII letters without decoding a char (for ASCII,
                    // `is_alphabetic` is `is_ascii_alphabetic`).
                    if bytes[i].is_ascii() {
                        if !bytes[i].is_ascii_alphabetic() {
                            break;
                        }
                        i += 1;
                        continue;
                    }
                    let Some(c) = text[i..].chars().next() else {
                        break;
                    };
                    if !c.is_alphabetic() {
                        break;
                    }
                    i += c.len_utf8();
                }
            } else if c.is_whitespace() {
                // Non-ASCII whitespace (no-break space and friends).
                space = true;
                i += c.len_utf8();
                continue;
            } else {
                tok.kind = Kind::Punct(norm_punct(c));
                i += c.len_utf8();
            }
        }
        tok.e = i;
        toks.push(tok);
        space = false;
        nl = false;
    }
    toks
}

/// The lowercase word of each token of `toks` (spans into `low`, the
/// ASCII-lowercased text), "" for numbers and punctuation.
pub fn words<'a>(toks: &[Tok], low: &'a str) -> Vec<&'a str> {
    toks.iter()
        .map(|t| {
            if t.is_word() {
                low.get(t.s..t.e).unwrap_or("")
            } else {
                ""
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_ordinals_words_and_glued_letters() {
        let t = tokenize("Apr. 24th, 14april 2018Q4");
        let kinds: Vec<Kind> = t.iter().map(|t| t.kind).collect();
        assert_eq!(kinds.len(), 9);
        assert!(t[2].ord && t[2].num == 24);
        assert!(t[5].glued && t[5].is_word());
        assert!(t[7].glued && t[8].glued);
    }

    #[test]
    fn normalises_curly_quotes_and_dashes() {
        let t = tokenize("\u{2018}x\u{2019} \u{2013}");
        assert!(t[0].is_punct('\'') && t[2].is_punct('\'') && t[3].is_punct('-'));
    }
}
