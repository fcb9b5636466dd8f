//! `--json` output: pretty for a terminal, one array item per line for a program,
//! and stored JSON printed as it is (`JsonArray`) in exactly the same layout.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use serde::Serialize;

/// Whether `--json` output is laid out for a person (a terminal) or for a program.
static PRETTY_JSON: AtomicBool = AtomicBool::new(true);

/// Chooses the JSON layout for the whole process: pretty (serde_json's layout, two
/// spaces per level) for a terminal; otherwise compact with one array item per line,
/// which `jq`, `grep` and `head` read as well, in a quarter fewer bytes.
pub fn set_pretty_json(pretty: bool) {
    PRETTY_JSON.store(pretty, Ordering::Relaxed);
}

/// Writes JSON in the chosen layout, followed by a newline.
pub fn json<T: Serialize>(out: &mut dyn Write, v: &T) -> io::Result<()> {
    json_laid_out(out, v, Layout::chosen())
}

fn json_laid_out<T: Serialize>(out: &mut dyn Write, v: &T, layout: Layout) -> io::Result<()> {
    if layout == Layout::Pretty {
        serde_json::to_writer_pretty(&mut *out, v)?;
        return writeln!(out);
    }
    let compact = serde_json::to_vec(v)?;
    let mut buf = Vec::with_capacity(compact.len() + compact.len() / 256 + 4);
    top_level_lines(&compact, &mut buf);
    buf.push(b'\n');
    out.write_all(&buf)
}

/// Prints an array of values already encoded as compact JSON (as the store holds
/// them) exactly as `json` prints the decoded values, in either layout. `changes
/// --json` uses it to skip a decode and a re-encode; items go out as they come,
/// through a 64 KiB buffer.
pub struct JsonArray<'a> {
    out: &'a mut dyn Write,
    buf: Vec<u8>,
    items: usize,
    layout: Layout,
}

impl<'a> JsonArray<'a> {
    pub fn new(out: &'a mut dyn Write) -> JsonArray<'a> {
        JsonArray::with_layout(out, Layout::chosen())
    }

    fn with_layout(out: &'a mut dyn Write, layout: Layout) -> JsonArray<'a> {
        JsonArray {
            out,
            buf: Vec::with_capacity(64 << 10),
            items: 0,
            layout,
        }
    }

    /// Adds one compact JSON value.
    pub fn push(&mut self, item: &[u8]) -> io::Result<()> {
        let first = self.items == 0;
        self.items += 1;
        match self.layout {
            Layout::Pretty => {
                self.buf
                    .extend_from_slice(if first { b"[\n  " } else { b",\n  " });
                pretty_from_compact(item, 1, &mut self.buf);
            }
            Layout::Lines => {
                self.buf
                    .extend_from_slice(if first { b"[\n" } else { b",\n" });
                self.buf.extend_from_slice(item);
            }
        }
        if self.buf.len() > 60 << 10 {
            self.out.write_all(&self.buf)?;
            self.buf.clear();
        }
        Ok(())
    }

    /// Closes the array (`[]` when empty) and writes what is left.
    pub fn finish(mut self) -> io::Result<()> {
        self.buf
            .extend_from_slice(if self.items == 0 { b"[]\n" } else { b"\n]\n" });
        self.out.write_all(&self.buf)
    }
}

/// How JSON is spread over lines.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Layout {
    /// serde_json's `PrettyFormatter`: every member on its own line, two spaces a level.
    Pretty,
    /// Compact, but a top-level array puts each item on its own line.
    Lines,
}

impl Layout {
    /// The layout `set_pretty_json` chose for this process.
    fn chosen() -> Layout {
        if PRETTY_JSON.load(Ordering::Relaxed) {
            Layout::Pretty
        } else {
            Layout::Lines
        }
    }
}

/// Appends compact JSON `src` as it is, except that a top-level array that is not
/// empty gets a line break after `[`, after each of its own commas and before `]`.
fn top_level_lines(src: &[u8], out: &mut Vec<u8>) {
    if src.first() != Some(&b'[') || src.get(1) == Some(&b']') {
        out.extend_from_slice(src);
        return;
    }
    let mut depth = 0usize;
    let mut i = 0;
    while i < src.len() {
        match src[i] {
            b'"' => {
                let end = string_end(src, i);
                out.extend_from_slice(&src[i..end]);
                i = end;
                continue;
            }
            b'{' | b'[' => {
                depth += 1;
                out.push(src[i]);
                if depth == 1 {
                    out.push(b'\n');
                }
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    out.push(b'\n');
                }
                out.push(src[i]);
            }
            b',' if depth == 1 => out.extend_from_slice(b",\n"),
            b => out.push(b),
        }
        i += 1;
    }
}

/// The index just past the JSON string that opens at `start` (or the end of `src`).
fn string_end(src: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    loop {
        match memchr::memchr2(b'"', b'\\', src.get(i..).unwrap_or_default()) {
            Some(p) if src[i + p] == b'\\' => i += p + 2,
            Some(p) => return (i + p + 1).min(src.len()),
            None => return src.len(),
        }
    }
}

/// Appends compact JSON `src` laid out as serde_json's `PrettyFormatter` would, the
/// value starting at nesting `depth`. Strings are copied as they are: both layouts
/// escape alike, and compact JSON has no whitespace outside strings.
fn pretty_from_compact(src: &[u8], depth: usize, out: &mut Vec<u8>) {
    let newline = |out: &mut Vec<u8>, depth: usize| {
        out.push(b'\n');
        out.resize(out.len() + 2 * depth, b' ');
    };
    let mut depth = depth;
    let mut i = 0;
    while i < src.len() {
        let b = src[i];
        match b {
            b'"' => {
                // Strings are most of the bytes: jump between quotes and escapes.
                let end = string_end(src, i);
                out.extend_from_slice(&src[i..end]);
                i = end;
                continue;
            }
            b'{' | b'[' if matches!(src.get(i + 1), Some(b'}' | b']')) => {
                out.extend_from_slice(&src[i..i + 2]);
                i += 2;
                continue;
            }
            b'{' | b'[' => {
                out.push(b);
                depth += 1;
                newline(out, depth);
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                newline(out, depth);
                out.push(b);
            }
            b',' => {
                out.push(b',');
                newline(out, depth);
            }
            b':' => out.extend_from_slice(b": "),
            _ => out.push(b),
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_json_prints_exactly_what_pretty_json_prints() {
        let values = [
            serde_json::json!({"id": "a", "to": null, "n": -1.5, "e": [], "o": {}, "b": true}),
            serde_json::json!({"s": "quote \" backslash \\ brace { [ , : end\\", "u": "Ünïcode → \u{1}"}),
            serde_json::json!({"deep": [[1, 2], {"x": [{"y": []}]}, []], "k": {"l": {"m": "n"}}}),
            serde_json::json!([]),
            serde_json::json!("plain"),
        ];
        let raw: Vec<Vec<u8>> = values
            .iter()
            .map(|v| serde_json::to_vec(v).unwrap())
            .collect();
        for layout in [Layout::Pretty, Layout::Lines] {
            for n in 0..=values.len() {
                let (mut want, mut got) = (Vec::new(), Vec::new());
                json_laid_out(&mut want, &values[..n].to_vec(), layout).unwrap();
                let mut a = JsonArray::with_layout(&mut got, layout);
                for r in &raw[..n] {
                    a.push(r).unwrap();
                }
                a.finish().unwrap();
                assert_eq!(
                    String::from_utf8(got).unwrap(),
                    String::from_utf8(want.clone()).unwrap()
                );
                let parsed: serde_json::Value = serde_json::from_slice(&want).unwrap();
                assert_eq!(parsed, serde_json::Value::from(values[..n].to_vec()));
                if layout == Layout::Lines && n > 0 {
                    // One item per line, between the brackets' own lines.
                    assert_eq!(String::from_utf8(want).unwrap().lines().count(), n + 2);
                }
            }
        }
    }
}
