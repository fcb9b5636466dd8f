#!/usr/bin/env python3
"""The shape of src/: the import graph, its circles, large files and long functions.

    python3 contrib/layout.py [SRC_DIR] [--with-tests]

Prints (a) the import graph between top-level modules and folders of src/, from
`crate::` and `super::` paths (`use` lines and paths inline in code; comments and
strings are stripped first), (b) every import circle (strongly connected component)
at the top level and between files, (c) files over 600 lines not counting their
`#[cfg(test)]` modules, and (d) functions over 80 lines (from the `fn` line to the
closing brace, found by brace matching on the stripped text).

Code inside `#[cfg(test)]` modules is left out of the graph unless `--with-tests` is
given; the edges only tests add are listed on their own. `src/main.rs` is a separate
crate: its `slipwatch::` paths count as `crate::` ones. Python 3 standard library only.
"""

import os
import re
import sys
from collections import defaultdict

MAX_FILE_LINES = 600
MAX_FN_LINES = 80


def strip(text):
    """`text` with comments, strings and char literals blanked out (newlines kept)."""
    out = []
    i, n = 0, len(text)

    def blank(s):
        return "".join(c if c == "\n" else " " for c in s)

    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(blank(text[i:j]))
            i = j
        elif text.startswith("/*", i):
            depth, j = 1, i + 2
            while j < n and depth:
                if text.startswith("/*", j):
                    depth, j = depth + 1, j + 2
                elif text.startswith("*/", j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            out.append(blank(text[i:j]))
            i = j
        elif re.match(r'(?:b|c)?r#*"', text[i : i + 260]) and not _ident_before(text, i):
            m = re.match(r'(?:b|c)?r(#*)"', text[i:])
            close = '"' + m.group(1)
            end = text.find(close, i + m.end())
            end = n if end < 0 else end + len(close)
            out.append(text[i : i + m.end()] + blank(text[i + m.end() : end - len(close)]) + close)
            i = end
        elif c == '"' or (c in "bc" and text.startswith('"', i + 1) and not _ident_before(text, i)):
            start = i + (1 if c == '"' else 2)
            j = start
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append(text[i:start] + blank(text[start:j]) + '"')
            i = j + 1
        elif c == "'":
            # A char literal ('a', '\n', '\u{1F600}', b'x') or a lifetime ('a).
            m = re.match(r"'(\\(?:u\{[0-9a-fA-F]*\}|x..|.)|[^\\'\n])'", text[i:])
            if m:
                out.append("'" + " " * (m.end() - 2) + "'")
                i += m.end()
            else:
                out.append(c)
                i += 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def _ident_before(text, i):
    return i > 0 and (text[i - 1].isalnum() or text[i - 1] == "_")


def match_brace(code, open_at):
    """The index of the `}` closing the `{` at `open_at`."""
    depth = 0
    for j in range(open_at, len(code)):
        if code[j] == "{":
            depth += 1
        elif code[j] == "}":
            depth -= 1
            if depth == 0:
                return j
    return len(code) - 1


def test_ranges(code):
    """(start, end) offsets of `#[cfg(test)]` items with a body, and names of
    `#[cfg(test)] mod name;` declarations (files that are test code)."""
    ranges, files = [], []
    for m in re.finditer(r"#\s*\[\s*cfg\s*\(\s*test\s*\)\s*\]", code):
        rest = re.match(r"(\s*#\s*\[[^\]]*\])*\s*(pub(\([^)]*\))?\s+)?mod\s+(\w+)\s*([;{])", code[m.end() :])
        if not rest:
            continue
        if rest.group(5) == ";":
            files.append(rest.group(4))
            continue
        brace = m.end() + rest.end() - 1
        ranges.append((m.start(), match_brace(code, brace)))
    return ranges, files


def line_of(code, offset):
    return code.count("\n", 0, offset) + 1


class File:
    def __init__(self, root, path):
        self.path = path
        rel = os.path.relpath(path, root)
        parts = rel[:-3].split(os.sep)
        if parts[-1] in ("mod", "lib"):
            parts = parts[:-1]
        if parts == ["main"]:
            self.module, self.crate_name = ("main",), "slipwatch"
        else:
            self.module, self.crate_name = tuple(parts), "crate"
        self.rel = rel
        with open(path, encoding="utf-8") as f:
            self.text = f.read()
        self.code = strip(self.text)
        self.tests, self.test_files = test_ranges(self.code)
        self.is_test = False

    def in_test(self, offset):
        return self.is_test or any(a <= offset <= b for a, b in self.tests)

    def lines(self):
        return self.text.count("\n") + (0 if self.text.endswith("\n") else 1)

    def non_test_lines(self):
        if self.is_test:
            return 0
        total = self.lines()
        for a, b in self.tests:
            total -= line_of(self.code, b) - line_of(self.code, a) + 1
        return total


TOKEN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|::|[{},;*]|\S")


def use_paths(code, crate_name, children):
    """(offset, [segments]) for every path starting `crate::`/`super::`/`self::` or
    with the name of a child module (`body::choose` in article/mod.rs), with `use`
    trees (`crate::{a, b::{c, d}}`) expanded."""
    toks = [(m.start(), m.group()) for m in TOKEN.finditer(code)]
    out = []
    i = 0
    roots = {crate_name, "crate", "super", "self"} | set(children)
    while i < len(toks):
        off, t = toks[i]
        prev = toks[i - 1][1] if i else ""
        if t in roots and i + 1 < len(toks) and toks[i + 1][1] == "::" and prev not in ("::", "."):
            paths, i = parse_tree(toks, i)
            for p in paths:
                if p[0] == crate_name:
                    p = ["crate"] + p[1:]
                elif p[0] in children:
                    p = ["self"] + p
                out.append((off, p))
        else:
            i += 1
    return out


def parse_tree(toks, i):
    """Parses a path or use tree starting at toks[i]; returns (paths, next index)."""
    prefix = []
    while i < len(toks):
        t = toks[i][1]
        if re.match(r"[A-Za-z_]\w*$", t):
            prefix.append(t)
            i += 1
            if i < len(toks) and toks[i][1] == "::":
                i += 1
                continue
            return [prefix], i
        if t == "{":
            paths, i = [], i + 1
            while i < len(toks) and toks[i][1] != "}":
                if toks[i][1] == ",":
                    i += 1
                    continue
                sub, i = parse_tree(toks, i)
                paths.extend(prefix + s for s in sub)
                while i < len(toks) and toks[i][1] not in (",", "}"):
                    i += 1  # `as name`
            return paths or [prefix], i + 1
        if t == "*":
            return [prefix], i + 1
        return [prefix], i
    return [prefix], i


def load(root):
    files = {}
    for d, _, names in os.walk(root):
        for n in sorted(names):
            if n.endswith(".rs"):
                f = File(root, os.path.join(d, n))
                files[f.module] = f
    # `#[cfg(test)] mod tests;` makes tests.rs (or tests/mod.rs) test code.
    for f in list(files.values()):
        for name in f.test_files:
            child = files.get(f.module + (name,))
            if child:
                child.is_test = True
    return files


def resolve(module, segs, modules):
    """The file module a path names, seen from `module`: the longest known prefix."""
    if segs[0] == "crate":
        base, rest = (), segs[1:]
    elif segs[0] == "self":
        base, rest = module, segs[1:]
    else:
        base, rest = module, segs
        while rest and rest[0] == "super":
            base, rest = base[:-1], rest[1:]
    full = tuple(base) + tuple(rest)
    for k in range(len(full), -1, -1):
        if full[:k] in modules:
            return full[:k]
    return None


INLINE_MOD = re.compile(r"\bmod\s+([A-Za-z_]\w*)\s*\{")


def inline_mods(code):
    """(start, end, name) of every inline `mod name { ... }`."""
    return [(m.start(), match_brace(code, m.end() - 1), m.group(1)) for m in INLINE_MOD.finditer(code)]


def graphs(files, with_tests):
    top, per_file = defaultdict(set), defaultdict(set)
    top_test, file_test = defaultdict(set), defaultdict(set)
    for f in files.values():
        mods = inline_mods(f.code)
        children = set(re.findall(r"\bmod\s+([A-Za-z_]\w*)\s*[;{]", f.code))
        for off, segs in use_paths(f.code, f.crate_name, children):
            inner = tuple(name for a, b, name in mods if a <= off <= b)
            target = resolve(f.module + inner, segs, files)
            if target is None or target == f.module:
                continue
            testy = f.in_test(off)
            src_top, dst_top = f.module[:1] or ("lib",), target[:1] or ("lib",)
            if testy and not with_tests:
                if dst_top != src_top:
                    top_test[src_top[0]].add(dst_top[0])
                file_test[f.rel].add(files[target].rel)
                continue
            if dst_top != src_top:
                top[src_top[0]].add(dst_top[0])
            per_file[f.rel].add(files[target].rel)
    return top, per_file, top_test, file_test


def sccs(graph):
    """Strongly connected components with more than one node (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]
    nodes = set(graph) | {v for vs in graph.values() for v in vs}

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(nodes):
        if v not in index:
            visit(v)
    return sorted(out)


FN = re.compile(r"\bfn\s+([A-Za-z_]\w*)")


def functions(f):
    """(name, first line, lines, in test code) of every fn with a body."""
    code, out = f.code, []
    for m in FN.finditer(code):
        depth, j = 0, m.end()
        while j < len(code):
            c = code[j]
            if c in "([":
                depth += 1
            elif c in ")]":
                depth -= 1
            elif depth == 0 and c in "{;":
                break
            j += 1
        if j >= len(code) or code[j] == ";":
            continue
        end = match_brace(code, j)
        first, last = line_of(code, m.start()), line_of(code, end)
        out.append((m.group(1), first, last - first + 1, f.in_test(m.start())))
    return out


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    with_tests = "--with-tests" in argv
    root = args[0] if args else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src")
    root = os.path.normpath(root)
    files = load(root)
    top, per_file, top_test, file_test = graphs(files, with_tests)

    print(f"# layout of {root}" + (" (test code included)" if with_tests else ""))
    print("\n## (a) imports between top-level modules and folders")
    for src in sorted(set(top) | {m[0] for m in files if m} | {"lib"}):
        print(f"{src:<10} -> {', '.join(sorted(top.get(src, ()))) or '-'}")
    extra = {s: sorted(d - top.get(s, set())) for s, d in top_test.items()}
    extra = {s: d for s, d in extra.items() if d}
    if extra:
        print("only in #[cfg(test)] code:")
        for s in sorted(extra):
            print(f"{s:<10} -> {', '.join(extra[s])}")

    print("\n## (b) import circles")
    circles = sccs(top)
    print("top level: " + ("; ".join(" <-> ".join(c) for c in circles) if circles else "none"))
    fc = sccs(per_file)
    print("between files: " + ("none" if not fc else ""))
    for c in fc:
        print("  " + " <-> ".join(c))
    if not with_tests:
        merged = defaultdict(set)
        for g in (per_file, file_test):
            for k, vs in g.items():
                merged[k] |= vs
        new = [c for c in sccs(merged) if c not in fc]
        if new:
            print("with test code, also:")
            for c in new:
                print("  " + " <-> ".join(c))

    print(f"\n## (c) files over {MAX_FILE_LINES} lines (not counting #[cfg(test)] modules)")
    big = [(f.non_test_lines(), f.lines(), f.rel) for f in files.values()]
    big = sorted((b for b in big if b[0] > MAX_FILE_LINES), reverse=True)
    for n, total, rel in big:
        print(f"{n:>6}  {rel}  ({total} with tests)")
    if not big:
        print("none")

    print(f"\n## (d) functions over {MAX_FN_LINES} lines")
    long_fns = []
    for f in files.values():
        for name, first, n, testy in functions(f):
            if n > MAX_FN_LINES:
                long_fns.append((n, f"{f.rel}:{first}", name, testy))
    for n, where, name, testy in sorted(long_fns, reverse=True):
        print(f"{n:>6}  {where}  {name}" + ("  [test]" if testy else ""))
    if not long_fns:
        print("none")


if __name__ == "__main__":
    main(sys.argv[1:])
