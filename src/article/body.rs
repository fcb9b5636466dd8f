//! Main-text selection: container scoring, the choice of the article's elements,
//! and the blocks kept inside them.

use super::dom::{Flat, NONE};
use super::furniture::class_weight;

fn link_density(text: usize, link: usize) -> f64 {
    if text == 0 {
        0.0
    } else {
        link as f64 / text as f64
    }
}

fn tag_base(tag: &str) -> f64 {
    match tag {
        "div" | "article" | "section" | "main" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}

fn paragraph_like(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "pre" | "td" | "blockquote" | "li" | "h2" | "h3" | "h4" | "dd"
    )
}

/// Readability-style container scores: paragraphs vote for nearby ancestors, then each
/// score is scaled by (1 - link density). Returns the scores and which were scored.
pub fn scores(flat: &Flat, bad: &[bool]) -> (Vec<f64>, Vec<bool>) {
    let n = flat.els.len();
    let mut score: Vec<f64> = vec![0.0; n];
    let mut init: Vec<bool> = vec![false; n];
    for b in &flat.blocks {
        if b.owner == NONE || bad.get(b.owner).copied().unwrap_or(true) || b.chars < 25 {
            continue;
        }
        let Some(owner) = flat.els.get(b.owner) else {
            continue;
        };
        if matches!(
            owner.tag,
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" | "caption" | "legend" | "summary"
        ) {
            continue;
        }
        let commas = b
            .text
            .chars()
            .filter(|c| matches!(c, ',' | '，' | '、'))
            .count();
        let content = 1.0 + commas as f64 + (b.chars as f64 / 100.0).min(3.0);
        let mut at = if paragraph_like(owner.tag) {
            owner.parent
        } else {
            b.owner
        };
        let mut level = 0usize;
        while at != NONE && level < 5 {
            let Some(e) = flat.els.get(at) else { break };
            if !init[at] {
                init[at] = true;
                score[at] = tag_base(e.tag) + class_weight(&e.class_id);
            }
            let div = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f64 * 3.0,
            };
            score[at] += content / div;
            at = e.parent;
            level += 1;
        }
    }
    for i in 0..n {
        if init[i] {
            let e = &flat.els[i];
            score[i] *= 1.0 - link_density(e.text_len, e.link_len);
        }
    }
    (score, init)
}

/// Chooses the elements whose text is the article. Returns the chosen element ranges.
pub fn choose(flat: &Flat, bad: &[bool]) -> Vec<usize> {
    let (score, init) = scores(flat, bad);
    let c = Candidates {
        flat,
        bad,
        score,
        init,
    };
    let Some((best, best_score)) = c.best() else {
        return Vec::new();
    };
    let top = c.shared_ancestor(best, best_score);
    let best_score = c.score[top].max(best_score);
    let top = c.article_body(c.climb(top, best_score));
    let parent = flat.els[top].parent;
    if parent == NONE {
        return vec![top];
    }
    let mut chosen = c.siblings(top, parent);
    c.add_same_boxes(top, &mut chosen);
    chosen
}

/// The scored elements of a page, for `choose`.
struct Candidates<'f, 'a> {
    flat: &'f Flat<'a>,
    bad: &'f [bool],
    score: Vec<f64>,
    init: Vec<bool>,
}

impl Candidates<'_, '_> {
    /// The best-scoring element outside the furniture, and its score.
    fn best(&self) -> Option<(usize, f64)> {
        let mut best = NONE;
        let mut best_score = 0.0;
        for i in 0..self.flat.els.len() {
            if self.init[i] && !self.bad[i] && self.score[i] > best_score {
                best_score = self.score[i];
                best = i;
            }
        }
        (best != NONE).then_some((best, best_score))
    }

    /// When several strong candidates share an ancestor, the article is split across
    /// them (one paragraph per card, say): the ancestor, else `best`.
    fn shared_ancestor(&self, best: usize, best_score: f64) -> usize {
        let (flat, bad, score, init) = (self.flat, self.bad, &self.score, &self.init);
        let n = flat.els.len();
        let mut ranked: Vec<usize> = (0..n)
            .filter(|&i| init[i] && !bad[i] && i != best)
            .collect();
        ranked.sort_by(|&a, &b| score[b].total_cmp(&score[a]));
        let alts: Vec<usize> = ranked
            .into_iter()
            .take(5)
            .filter(|&i| score[i] >= best_score * 0.75)
            .collect();
        if alts.len() >= 3 {
            let mut p = flat.els[best].parent;
            while p != NONE && !matches!(flat.els[p].tag, "body" | "html") {
                let e = &flat.els[p];
                let inside = alts.iter().filter(|&&a| a > p && a <= e.end).count();
                if inside >= 3 {
                    return p;
                }
                p = e.parent;
            }
        }
        best
    }

    /// Climbs from `top` while an ancestor scores close to the best (the text is split
    /// across children).
    fn climb(&self, mut top: usize, best_score: f64) -> usize {
        let (els, score, init) = (&self.flat.els, &self.score, &self.init);
        let mut last = best_score;
        let threshold = best_score / 3.0;
        let mut p = els[top].parent;
        while p != NONE && !matches!(els[p].tag, "body" | "html") {
            if !init[p] {
                p = els[p].parent;
                continue;
            }
            let ps = score[p];
            if ps < threshold {
                break;
            }
            if ps > last {
                top = p;
                break;
            }
            last = ps;
            p = els[p].parent;
        }
        top
    }

    /// Microdata naming the article body is a strong signal: an ancestor of `top`
    /// marked so is preferred over a part of it.
    fn article_body(&self, top: usize) -> usize {
        let els = &self.flat.els;
        let mut p = els[top].parent;
        let mut hops = 0;
        while p != NONE && hops < 8 {
            let e = &els[p];
            if e.el
                .attr("itemprop")
                .is_some_and(|v| v.to_ascii_lowercase().contains("articlebody"))
                && !self.bad[p]
            {
                return p;
            }
            p = e.parent;
            hops += 1;
        }
        top
    }

    /// `top` and those of its siblings (children of `parent`) that score well or are
    /// prose paragraphs.
    fn siblings(&self, top: usize, parent: usize) -> Vec<usize> {
        let (flat, bad, score, init) = (self.flat, self.bad, &self.score, &self.init);
        let n = flat.els.len();
        let top_score = score[top];
        // Last block of each element, for the "ends like a sentence" test.
        let mut last_block: Vec<usize> = vec![NONE; n];
        for (bi, b) in flat.blocks.iter().enumerate() {
            if let Some(slot) = last_block.get_mut(b.owner) {
                *slot = bi;
            }
        }
        let sib_threshold = (top_score * 0.2).max(10.0);
        let mut chosen = Vec::new();
        let mut j = parent + 1;
        let end = flat.els[parent].end;
        while j <= end && j < n {
            let s = &flat.els[j];
            let mut take = j == top;
            if !take && !bad[j] {
                if init[j] && score[j] >= sib_threshold {
                    take = true;
                } else if s.tag == "p" {
                    let ld = link_density(s.text_len, s.link_len);
                    take = (s.text_len > 80 && ld < 0.25)
                        || (s.text_len > 0
                            && ld == 0.0
                            && s.text_len <= 80
                            && ends_sentence(flat, &last_block, j));
                }
            }
            if take {
                chosen.push(j);
            }
            j = s.end + 1;
        }
        chosen
    }

    /// Articles cut into several boxes with the same tag and class (between ads, say):
    /// the other boxes too, when they hold prose.
    fn add_same_boxes(&self, top: usize, chosen: &mut Vec<usize>) {
        let (flat, bad) = (self.flat, self.bad);
        let n = flat.els.len();
        let te = &flat.els[top];
        if te.class_id.trim().is_empty() {
            return;
        }
        // `chosen` is sorted and its ranges are disjoint: walk both in order.
        let ranges: Vec<(usize, usize)> = chosen.iter().map(|&c| (c, flat.els[c].end)).collect();
        let mut extra = Vec::new();
        let mut k = 0;
        let mut i = 0;
        while i < n {
            while k < ranges.len() && ranges[k].1 < i {
                k += 1;
            }
            if let Some(&(cs, ce)) = ranges.get(k) {
                if i >= cs {
                    // Inside a chosen range: skip it.
                    i = ce + 1;
                    continue;
                }
            }
            let e = &flat.els[i];
            let holds_chosen = ranges.get(k).is_some_and(|&(cs, _)| cs <= e.end);
            if !holds_chosen
                && !bad[i]
                && e.tag == te.tag
                && e.class_id == te.class_id
                && e.prose >= 100
            {
                extra.push(i);
                i = e.end + 1;
                continue;
            }
            i += 1;
        }
        chosen.extend(extra);
        chosen.sort_unstable();
    }
}

fn ends_sentence(flat: &Flat, last_block: &[usize], el: usize) -> bool {
    last_block
        .get(el)
        .and_then(|&b| flat.blocks.get(b))
        .is_some_and(|b| b.text.trim_end().ends_with('.'))
}

/// Blocks inside `roots` (element indices, each covering itself..=end) that survive
/// the furniture marks and the link-density filter.
///
/// Furniture is judged inside each root only (`own` marks), so a root the caller
/// chose is never dropped for what its ancestors look like.
pub fn collect(flat: &Flat, own: &[bool], roots: &[usize]) -> Vec<usize> {
    let n = flat.els.len();
    // Elements inside the roots that look like link lists are dropped as a whole.
    let mut drop = vec![false; n];
    // Whether an element is, or is inside, an <article> within the root.
    let mut in_article = vec![false; n];
    for &r in roots {
        let Some(re) = flat.els.get(r) else { continue };
        for i in r..=re.end.min(n.saturating_sub(1)) {
            let e = &flat.els[i];
            let parent_in_article = i != r && in_article.get(e.parent).copied().unwrap_or(false);
            in_article[i] = parent_in_article || e.tag == "article";
            // An <article> inside an article is another story or a comment (HTML's
            // own definition), not more of this one.
            let nested_story = e.tag == "article" && parent_in_article;
            let inherited = i != r && drop.get(e.parent).copied().unwrap_or(false);
            let listy = i != r
                && matches!(e.tag, "ul" | "ol" | "div" | "section" | "table" | "dl")
                && e.text_len > 0
                && link_density(e.text_len, e.link_len) > 0.5;
            // A small box around a picture is its caption or credit.
            let caption = i != r
                && matches!(e.tag, "div" | "section" | "span" | "table")
                && e.imgs > 0
                && e.p_count == 0
                && e.text_len < 150;
            let furniture = i != r && own.get(i).copied().unwrap_or(false);
            drop[i] = inherited || listy || caption || furniture || nested_story;
        }
    }
    let mut out = Vec::new();
    let mut ri = 0;
    let mut sorted: Vec<(usize, usize)> = roots
        .iter()
        .filter_map(|&r| flat.els.get(r).map(|e| (r, e.end)))
        .collect();
    sorted.sort();
    for (bi, b) in flat.blocks.iter().enumerate() {
        if b.owner == NONE {
            continue;
        }
        while ri < sorted.len() && sorted[ri].1 < b.owner {
            ri += 1;
        }
        let Some(&(start, end)) = sorted.get(ri) else {
            break;
        };
        if b.owner < start || b.owner > end {
            continue;
        }
        if drop.get(b.owner).copied().unwrap_or(true) {
            continue;
        }
        if b.chars > 0 && link_density(b.chars, b.link_chars) > 0.5 {
            continue;
        }
        out.push(bi);
    }
    out
}

/// Prose-like blocks (long, few links) outside the furniture, in reading order: the
/// fallback when the chosen container holds little of the page's prose.
pub fn prose_blocks(flat: &Flat, bad: &[bool]) -> Vec<usize> {
    flat.blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| {
            b.chars >= 80
                && b.link_chars * 4 < b.chars
                && !bad.get(b.owner).copied().unwrap_or(true)
        })
        .map(|(i, _)| i)
        .collect()
}
