//! Flattens a parsed page into an arena of elements and text blocks, without recursion.

use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node, Selector};

/// Index meaning "no parent".
pub const NONE: usize = usize::MAX;

/// A block at least this long with under a quarter of it in links counts as prose.
const PROSE_MIN_CHARS: usize = 80;
/// Most `<em>`/`<i>` spans open at once whose text we collect (bounds work on nested markup).
const MAX_OPEN_HINTS: usize = 4;
/// Longest hint kept, in bytes.
const MAX_HINT_BYTES: usize = 200;

/// One element of the page, in document (pre-)order.
pub struct El<'a> {
    pub tag: &'a str,
    pub parent: usize,
    /// Index of the last element inside this one (itself when it has no element children).
    pub end: usize,
    /// Lowercased `class` and `id`, space separated.
    pub class_id: String,
    pub el: &'a scraper::node::Element,
    /// Characters of visible text inside, and of that, inside links.
    pub text_len: usize,
    pub link_len: usize,
    /// Count of text blocks inside whose owner is a `<p>`.
    pub p_count: usize,
    /// Characters inside in prose-like blocks (long, few links).
    pub prose: usize,
    /// Images inside.
    pub imgs: usize,
    pub hidden: bool,
    pub selected: bool,
}

/// A run of text between two block boundaries.
pub struct Block {
    /// Innermost block-level element containing the text.
    pub owner: usize,
    pub text: String,
    pub chars: usize,
    pub link_chars: usize,
}

/// An emphasised span and the block it ended in.
pub struct Hint {
    pub block: usize,
    pub text: String,
}

pub struct Flat<'a> {
    pub els: Vec<El<'a>>,
    pub blocks: Vec<Block>,
    pub hints: Vec<Hint>,
}

/// Elements whose whole subtree is never text.
fn is_skipped(tag: &str) -> bool {
    matches!(
        tag,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "iframe"
            | "object"
            | "embed"
            | "canvas"
            | "video"
            | "audio"
            | "select"
            | "textarea"
            | "button"
            | "head"
            | "title"
            | "input"
    )
}

/// Elements that start a new block of text.
pub fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "table"
            | "tbody"
            | "thead"
            | "tfoot"
            | "tr"
            | "td"
            | "th"
            | "caption"
            | "blockquote"
            | "pre"
            | "header"
            | "footer"
            | "nav"
            | "aside"
            | "figure"
            | "figcaption"
            | "form"
            | "fieldset"
            | "legend"
            | "address"
            | "hr"
            | "center"
            | "details"
            | "summary"
            | "body"
            | "html"
            | "dialog"
            | "menu"
            | "hgroup"
    )
}

fn is_hidden(el: &scraper::node::Element) -> bool {
    if el.attr("hidden").is_some() {
        return true;
    }
    if let Some(style) = el.attr("style") {
        let s: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    false
}

struct Builder<'a> {
    flat: Flat<'a>,
    cur: String,
    cur_chars: usize,
    cur_link: usize,
    cur_space: bool,
    /// Open arena elements, innermost last.
    stack: Vec<usize>,
    /// Open block-level arena elements.
    blocks_open: Vec<usize>,
    skip_depth: usize,
    link_depth: usize,
    hint_depth: usize,
    hint_bufs: Vec<String>,
}

impl<'a> Builder<'a> {
    fn flush(&mut self, owner: usize) {
        if self.cur_chars > 0 {
            let text = std::mem::take(&mut self.cur);
            let text = text.trim_end().to_string();
            if self.cur_chars >= PROSE_MIN_CHARS && self.cur_link * 4 < self.cur_chars {
                if let Some(e) = self.flat.els.get_mut(owner) {
                    e.prose += self.cur_chars;
                }
            }
            self.flat.blocks.push(Block {
                owner,
                chars: self.cur_chars,
                link_chars: self.cur_link,
                text,
            });
        } else {
            self.cur.clear();
        }
        self.cur_chars = 0;
        self.cur_link = 0;
        self.cur_space = true;
    }

    /// Appends text with whitespace collapsed; returns the visible characters added.
    fn push_text(&mut self, s: &str) -> usize {
        let mut added = 0;
        for c in s.chars() {
            if c.is_whitespace() {
                if !self.cur_space {
                    self.cur.push(' ');
                    self.cur_space = true;
                }
            } else {
                self.cur.push(c);
                self.cur_space = false;
                added += 1;
            }
        }
        added
    }

    /// An element opens: a new arena element, and a block boundary where it is one.
    fn open(
        &mut self,
        node: ego_tree::NodeRef<'a, Node>,
        el: &'a scraper::node::Element,
        selector: Option<&Selector>,
    ) {
        if self.skip_depth > 0 {
            self.skip_depth += 1;
            return;
        }
        let tag = el.name();
        if is_skipped(tag) {
            self.skip_depth = 1;
            return;
        }
        let parent = self.stack.last().copied().unwrap_or(NONE);
        let idx = self.flat.els.len();
        let mut class_id = String::new();
        if let Some(c) = el.attr("class") {
            class_id.push_str(&c.to_lowercase());
        }
        if let Some(i) = el.attr("id") {
            class_id.push(' ');
            class_id.push_str(&i.to_lowercase());
        }
        let selected = match selector {
            Some(sel) => ElementRef::wrap(node).is_some_and(|er| sel.matches(&er)),
            None => false,
        };
        self.flat.els.push(El {
            tag,
            parent,
            end: idx,
            class_id,
            el,
            text_len: 0,
            link_len: 0,
            p_count: 0,
            prose: 0,
            imgs: usize::from(tag == "img"),
            hidden: is_hidden(el),
            selected,
        });
        self.stack.push(idx);
        if tag == "br" {
            let owner = self.blocks_open.last().copied().unwrap_or(NONE);
            self.flush(owner);
        } else if is_block(tag) {
            let owner = self.blocks_open.last().copied().unwrap_or(NONE);
            self.flush(owner);
            self.blocks_open.push(idx);
        } else if tag == "img" {
            // Images separate words the way a browser shows them.
            if !self.cur_space {
                self.cur.push(' ');
                self.cur_space = true;
            }
        }
        if tag == "a" {
            self.link_depth += 1;
        }
        if matches!(tag, "em" | "i" | "cite") {
            self.hint_depth += 1;
            if self.hint_bufs.len() < MAX_OPEN_HINTS {
                self.hint_bufs.push(String::new());
            }
        }
    }

    /// Text: into the current block, the innermost element's counts, and open hints.
    fn text(&mut self, t: &str) {
        if self.skip_depth > 0 {
            return;
        }
        let added = self.push_text(t);
        self.cur_chars += added;
        if self.link_depth > 0 {
            self.cur_link += added;
        }
        if let Some(&top) = self.stack.last() {
            if let Some(e) = self.flat.els.get_mut(top) {
                e.text_len += added;
                if self.link_depth > 0 {
                    e.link_len += added;
                }
            }
        }
        for h in self.hint_bufs.iter_mut() {
            if h.len() < MAX_HINT_BYTES {
                h.push_str(t);
            }
        }
    }

    /// An element closes: its hint and block end, and its counts go to its parent.
    fn close(&mut self, el: &scraper::node::Element) {
        if self.skip_depth > 0 {
            self.skip_depth -= 1;
            return;
        }
        let tag = el.name();
        let Some(idx) = self.stack.pop() else {
            return;
        };
        if tag == "a" {
            self.link_depth = self.link_depth.saturating_sub(1);
        }
        if matches!(tag, "em" | "i" | "cite") {
            if self.hint_depth <= self.hint_bufs.len() {
                if let Some(h) = self.hint_bufs.pop() {
                    let h = h.split_whitespace().collect::<Vec<_>>().join(" ");
                    if !h.is_empty() {
                        let block = self.flat.blocks.len();
                        self.flat.hints.push(Hint { block, text: h });
                    }
                }
            }
            self.hint_depth = self.hint_depth.saturating_sub(1);
        }
        if is_block(tag) {
            self.flush(idx);
            self.blocks_open.pop();
        }
        let last = self.flat.els.len().saturating_sub(1);
        let (text_len, link_len, p_count, prose, imgs, parent) = match self.flat.els.get_mut(idx) {
            Some(e) => {
                e.end = last;
                (e.text_len, e.link_len, e.p_count, e.prose, e.imgs, e.parent)
            }
            None => return,
        };
        if let Some(p) = self.flat.els.get_mut(parent) {
            p.text_len += text_len;
            p.link_len += link_len;
            p.prose += prose;
            p.imgs += imgs;
            p.p_count += p_count + usize::from(tag == "p" && text_len > 0);
        }
    }
}

/// Walks the parsed page once, with explicit stacks only.
pub fn flatten<'a>(doc: &'a Html, selector: Option<&Selector>) -> Flat<'a> {
    let mut b = Builder {
        flat: Flat {
            els: Vec::new(),
            blocks: Vec::new(),
            hints: Vec::new(),
        },
        cur: String::new(),
        cur_chars: 0,
        cur_link: 0,
        cur_space: true,
        stack: Vec::new(),
        blocks_open: Vec::new(),
        skip_depth: 0,
        link_depth: 0,
        hint_depth: 0,
        hint_bufs: Vec::new(),
    };
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => b.open(node, el, selector),
                Node::Text(t) => b.text(t),
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(el) = node.value() {
                    b.close(el);
                }
            }
        }
    }
    b.flush(NONE);
    b.flat
}
