//! Keeps src/'s layout honest: no import circle between its top-level modules and
//! folders (`ingest`, `track`, `pipeline`, `serve`, `cli`, ...).
//!
//! A small lexer, not a parser: comments, strings and `#[cfg(test)]` modules are
//! blanked out, then every `crate::` path (in `use` lines, grouped `crate::{a, b}`, or
//! inline in code) is an edge from the file's top-level module to the path's first
//! name. `contrib/layout.py` prints the same graph, and the circles between files.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type Graph = BTreeMap<String, BTreeSet<String>>;

/// `text` with comments, string and char literals replaced by spaces (newlines kept).
fn strip(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let blank = |out: &mut Vec<u8>, s: &[u8]| {
        out.extend(s.iter().map(|&c| if c == b'\n' { b'\n' } else { b' ' }))
    };
    let ident = |i: usize| i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_');
    let mut i = 0;
    while i < b.len() {
        let rest = &b[i..];
        if rest.starts_with(b"//") {
            let end = rest
                .iter()
                .position(|&c| c == b'\n')
                .map_or(b.len(), |p| i + p);
            blank(&mut out, &b[i..end]);
            i = end;
        } else if rest.starts_with(b"/*") {
            let (mut depth, mut j) = (1, i + 2);
            while j < b.len() && depth > 0 {
                if b[j..].starts_with(b"/*") {
                    depth += 1;
                    j += 2;
                } else if b[j..].starts_with(b"*/") {
                    depth -= 1;
                    j += 2;
                } else {
                    j += 1;
                }
            }
            blank(&mut out, &b[i..j]);
            i = j;
        } else if let (false, Some((open, hashes))) = (ident(i), raw_string_start(rest)) {
            let mut close = vec![b'"'];
            close.extend(std::iter::repeat_n(b'#', hashes));
            let body = i + open;
            let end = b[body..]
                .windows(close.len())
                .position(|w| w == close.as_slice())
                .map_or(b.len(), |p| body + p + close.len());
            blank(&mut out, &b[i..end]);
            i = end;
        } else if b[i] == b'"'
            || (!ident(i) && matches!(b[i], b'b' | b'c') && b.get(i + 1) == Some(&b'"'))
        {
            let mut j = i + if b[i] == b'"' { 1 } else { 2 };
            while j < b.len() && b[j] != b'"' {
                j += if b[j] == b'\\' { 2 } else { 1 };
            }
            let end = (j + 1).min(b.len());
            blank(&mut out, &b[i..end]);
            i = end;
        } else if b[i] == b'\'' {
            // A char literal ('x', '\n', '\u{..}'), not a lifetime ('a).
            let len = char_literal_len(&text[i..]);
            blank(&mut out, &b[i..i + len.max(1)]);
            i += len.max(1);
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// For `r"`, `r#"`, `br##"`, ...: the length of the opening and its `#` count.
fn raw_string_start(s: &[u8]) -> Option<(usize, usize)> {
    let mut i = usize::from(matches!(s.first(), Some(b'b' | b'c')));
    if s.get(i) != Some(&b'r') {
        return None;
    }
    i += 1;
    let hashes = s[i..].iter().take_while(|&&c| c == b'#').count();
    (s.get(i + hashes) == Some(&b'"')).then_some((i + hashes + 1, hashes))
}

/// The length of the char literal opening `s` (a quote), or 0: a lifetime (`'a`).
fn char_literal_len(s: &str) -> usize {
    let b = s.as_bytes();
    if b.get(1) == Some(&b'\\') {
        // '\n', '\'', '\u{1F600}': up to the next quote after the escaped character.
        return b[3.min(b.len())..]
            .iter()
            .take(10)
            .position(|&c| c == b'\'')
            .map_or(0, |p| p + 4);
    }
    match s[1..].chars().next() {
        Some(c) if b.get(1 + c.len_utf8()) == Some(&b'\'') => c.len_utf8() + 2,
        _ => 0,
    }
}

/// `code` (already stripped) without its `#[cfg(test)]` modules.
fn without_test_modules(code: &str) -> String {
    let mut out = code.to_string();
    let mut from = 0;
    while let Some(at) = out[from..].find("#[cfg(test)]").map(|p| from + p) {
        let after = &out[at..];
        let Some(brace) = after.find(['{', ';']) else {
            break;
        };
        let head = &after[..brace];
        if !head.contains("mod ") || after.as_bytes()[brace] == b';' {
            from = at + 1;
            continue;
        }
        let mut depth = 0;
        let mut end = out.len();
        for (k, c) in out[at + brace..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = at + brace + k + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        let blanked: String = out[at..end]
            .chars()
            .map(|c| if c == '\n' { '\n' } else { ' ' })
            .collect();
        out.replace_range(at..end, &blanked);
        from = end;
    }
    out
}

/// The first names of every `crate::` path in `code`, `use crate::{a, b::c}` groups
/// included.
fn crate_paths(code: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let word = |c: char| c.is_alphanumeric() || c == '_';
    let mut rest = code;
    while let Some(p) = rest.find("crate::") {
        let before = rest[..p].chars().next_back();
        rest = &rest[p + "crate::".len()..];
        if before.is_some_and(|c| word(c) || c == '$' || c == ':') {
            continue;
        }
        let after = rest.trim_start();
        if let Some(group) = after.strip_prefix('{') {
            // Only the top level of the group names modules of the crate.
            let mut depth = 0;
            let mut item = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        push_first(&mut found, &item);
                        item.clear();
                    }
                    _ if depth == 0 => item.push(c),
                    _ => {}
                }
            }
            push_first(&mut found, &item);
        } else {
            push_first(&mut found, after);
        }
    }
    found
}

fn push_first(found: &mut BTreeSet<String>, path: &str) {
    let name: String = path
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    if !name.is_empty() && name != "self" {
        found.insert(name);
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The top-level module a file of src/ belongs to: `ingest` for src/ingest/fetch.rs,
/// `pipeline` for src/pipeline.rs; `None` for lib.rs and main.rs.
fn top_module(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?;
    match first.strip_suffix(".rs") {
        Some("lib" | "main") => None,
        Some(name) => Some(name.to_string()),
        None => Some(first.to_string()),
    }
}

fn graph(src: &Path) -> Graph {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let mut g = Graph::new();
    for f in files {
        let Some(from) = top_module(src, &f) else {
            continue;
        };
        let text = std::fs::read_to_string(&f).unwrap();
        let code = without_test_modules(&strip(&text));
        let edges = g.entry(from.clone()).or_default();
        edges.extend(crate_paths(&code).into_iter().filter(|to| *to != from));
    }
    g
}

/// One circle of `g`, as the path that closes it, if there is any.
fn find_circle(g: &Graph) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    fn visit(
        g: &Graph,
        n: &str,
        marks: &mut BTreeMap<String, Mark>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        marks.insert(n.to_string(), Mark::Open);
        path.push(n.to_string());
        for m in g.get(n).into_iter().flatten() {
            match marks.get(m).copied().unwrap_or(Mark::New) {
                Mark::Open => {
                    let start = path.iter().position(|p| p == m).unwrap_or(0);
                    let mut circle = path[start..].to_vec();
                    circle.push(m.clone());
                    return Some(circle);
                }
                Mark::New => {
                    if let Some(c) = visit(g, m, marks, path) {
                        return Some(c);
                    }
                }
                Mark::Done => {}
            }
        }
        path.pop();
        marks.insert(n.to_string(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    for n in g.keys() {
        if marks.get(n).copied().unwrap_or(Mark::New) == Mark::New {
            if let Some(c) = visit(g, n, &mut marks, &mut Vec::new()) {
                return Some(c);
            }
        }
    }
    None
}

#[test]
fn no_import_circle_between_the_top_level_modules_of_src() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let g = graph(&src);
    // The graph is really read: the pipeline stands on the stages it runs.
    for (from, to) in [
        ("pipeline", "ingest"),
        ("pipeline", "track"),
        ("cli", "serve"),
    ] {
        assert!(
            g.get(from).is_some_and(|e| e.contains(to)),
            "expected {from} -> {to} in {g:#?}"
        );
    }
    if let Some(circle) = find_circle(&g) {
        panic!(
            "import circle between top-level modules of src/: {}\n(an observer such as \
             metrics is told about events in types it defines; it does not import what \
             it observes)",
            circle.join(" -> ")
        );
    }
}

#[test]
fn the_lexer_sees_paths_in_code_and_not_in_comments_strings_or_tests() {
    let code = r##"
        use crate::{model::Period, ingest::{fetch, feed}};
        // use crate::cli;
        /* crate::serve /* nested */ crate::present */
        let s = "crate::track"; let r = r#"crate::config"#; let c = '"';
        fn f<'a>(x: &'a str) { crate::pipeline::poll_all(x); }
        #[cfg(test)]
        mod tests { use crate::cli::run; }
    "##;
    let found = crate_paths(&without_test_modules(&strip(code)));
    let want: BTreeSet<String> = ["model", "ingest", "pipeline"]
        .map(String::from)
        .into_iter()
        .collect();
    assert_eq!(found, want);
    let mut g = Graph::new();
    g.entry("a".into()).or_default().insert("b".into());
    g.entry("b".into()).or_default().insert("c".into());
    assert_eq!(find_circle(&g), None);
    g.entry("c".into()).or_default().insert("a".into());
    assert_eq!(find_circle(&g).map(|c| c.join(" ")), Some("a b c a".into()));
}
