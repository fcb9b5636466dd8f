//! Main-text selection: boilerplate marking, container scoring, and block filtering.

use super::dom::{Flat, NONE};

/// Class/id fragments that mark page furniture wherever they appear in the name.
const NEGATIVE_PARTS: &[&str] = &[
    "comment",
    "disqus",
    "sidebar",
    "related",
    "share",
    "sharing",
    "social",
    "newsletter",
    "subscri",
    "promo",
    "sponsor",
    "advert",
    "outbrain",
    "taboola",
    "trending",
    "recommend",
    "breadcrumb",
    "cookie",
    "popup",
    "modal",
    "footer",
    "masthead",
    "navbar",
    "menu",
    "pagination",
    "widget",
    "banner",
    "signup",
    "popular",
    "most-read",
    "mostread",
    "read-more",
    "readmore",
    "more-stories",
    "author-bio",
    "caption",
    "byline",
    "toolbar",
    "sr-only",
    "visually-hidden",
    "screen-reader",
    "skip-link",
];

/// Class/id words that mark furniture only as whole words.
const NEGATIVE_WORDS: &[&str] = &[
    "ad",
    "ads",
    "adv",
    "nav",
    "header",
    "meta",
    "aside",
    "hidden",
    "print",
    "rail",
    "credit",
    "credits",
    "tags",
    "tag",
    "hide",
    "bio",
    "date",
    "time",
    "timestamp",
    "author",
    "authors",
    "published",
    "updated",
    "dateline",
    "posted",
    "footnotes",
];

/// Class/id fragments that suggest article content.
const POSITIVE_PARTS: &[&str] = &[
    "article", "body", "content", "entry", "main", "post", "story", "text", "blog", "hentry",
    "prose",
];

fn negative(class_id: &str) -> bool {
    if class_id.is_empty() {
        return false;
    }
    if NEGATIVE_PARTS.iter().any(|p| class_id.contains(p)) {
        return true;
    }
    class_id
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|w| NEGATIVE_WORDS.contains(&w))
}

fn positive(class_id: &str) -> bool {
    POSITIVE_PARTS.iter().any(|p| class_id.contains(p))
}

fn class_weight(class_id: &str) -> f64 {
    let mut w = 0.0;
    if negative(class_id) {
        w -= 25.0;
    }
    if positive(class_id) {
        w += 25.0;
    }
    w
}

fn tag_furniture(tag: &str) -> bool {
    matches!(
        tag,
        "nav" | "aside" | "footer" | "header" | "figure" | "figcaption" | "dialog" | "menu"
    )
}

/// Marks elements whose subtree is page furniture (computed in document order, so
/// a parent is always decided before its children).
pub fn furniture(flat: &Flat) -> Vec<bool> {
    let total = flat.els.first().map(|e| e.prose).unwrap_or(0).max(1);
    let mut out = vec![false; flat.els.len()];
    for (i, e) in flat.els.iter().enumerate() {
        let inherited = out.get(e.parent).copied().unwrap_or(false);
        if inherited {
            out[i] = true;
            continue;
        }
        if matches!(e.tag, "body" | "html" | "article" | "main") {
            continue;
        }
        let mut bad = e.hidden || tag_furniture(e.tag);
        if !bad && negative(&e.class_id) {
            // A wrapper holding most of the page is layout, not furniture.
            let big = e.prose * 2 > total;
            bad = !big && (!positive(&e.class_id) || e.p_count < 3);
        }
        if !bad {
            if let Some(role) = e.el.attr("role") {
                bad = matches!(
                    role,
                    "navigation" | "complementary" | "banner" | "contentinfo" | "dialog" | "menu"
                );
            }
        }
        out[i] = bad;
    }
    out
}

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
    let n = flat.els.len();
    let (final_score, init) = scores(flat, bad);
    let mut best = NONE;
    let mut best_score = 0.0;
    for i in 0..n {
        if init[i] && !bad[i] && final_score[i] > best_score {
            best_score = final_score[i];
            best = i;
        }
    }
    if best == NONE {
        return Vec::new();
    }
    // When several strong candidates share an ancestor, the article is split across
    // them (one paragraph per card, say): take the ancestor.
    let mut top = best;
    let mut ranked: Vec<usize> = (0..n)
        .filter(|&i| init[i] && !bad[i] && i != best)
        .collect();
    ranked.sort_by(|&a, &b| final_score[b].total_cmp(&final_score[a]));
    let alts: Vec<usize> = ranked
        .into_iter()
        .take(5)
        .filter(|&i| final_score[i] >= best_score * 0.75)
        .collect();
    if alts.len() >= 3 {
        let mut p = flat.els[best].parent;
        while p != NONE && !matches!(flat.els[p].tag, "body" | "html") {
            let e = &flat.els[p];
            let inside = alts.iter().filter(|&&a| a > p && a <= e.end).count();
            if inside >= 3 {
                top = p;
                break;
            }
            p = e.parent;
        }
    }
    let best_score = final_score[top].max(best_score);
    // Climb while an ancestor scores close to the best (the text is split across children).
    let mut last = best_score;
    let threshold = best_score / 3.0;
    let mut p = flat.els[top].parent;
    while p != NONE && !flat.els[p].tag.is_empty() && !matches!(flat.els[p].tag, "body" | "html") {
        if !init[p] {
            p = flat.els[p].parent;
            continue;
        }
        let ps = final_score[p];
        if ps < threshold {
            break;
        }
        if ps > last {
            top = p;
            break;
        }
        last = ps;
        p = flat.els[p].parent;
    }
    // Microdata naming the article body is a strong signal: prefer it over a part of it.
    let mut p = flat.els[top].parent;
    let mut hops = 0;
    while p != NONE && hops < 8 {
        let e = &flat.els[p];
        if e.el
            .attr("itemprop")
            .is_some_and(|v| v.to_ascii_lowercase().contains("articlebody"))
            && !bad[p]
        {
            top = p;
            break;
        }
        p = e.parent;
        hops += 1;
    }
    let top_score = final_score[top];
    let parent = flat.els[top].parent;
    if parent == NONE {
        return vec![top];
    }
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
            if init[j] && final_score[j] >= sib_threshold {
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
    // Articles cut into several boxes with the same tag and class (between ads, say):
    // take the other boxes too, when they hold prose.
    let te = &flat.els[top];
    if !te.class_id.trim().is_empty() {
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
    chosen
}

fn ends_sentence(flat: &Flat, last_block: &[usize], el: usize) -> bool {
    last_block
        .get(el)
        .and_then(|&b| flat.blocks.get(b))
        .is_some_and(|b| b.text.trim_end().ends_with('.'))
}

/// Blocks inside `roots` (element indices, each covering itself..=end) that survive
/// the furniture marks and the link-density filter.
pub fn collect(flat: &Flat, bad: &[bool], roots: &[usize], keep_furniture: bool) -> Vec<usize> {
    let n = flat.els.len();
    // Elements inside the roots that look like link lists are dropped as a whole.
    let mut drop = vec![false; n];
    for &r in roots {
        let Some(re) = flat.els.get(r) else { continue };
        for i in r..=re.end.min(n.saturating_sub(1)) {
            let e = &flat.els[i];
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
            drop[i] = inherited || listy || caption || (!keep_furniture && bad[i]);
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

/// Short lines that label page furniture rather than say anything.
const FURNITURE_LINES: &[&str] = &[
    "advertisement",
    "advert",
    "ad",
    "comments",
    "comment",
    "related",
    "related articles",
    "related stories",
    "related posts",
    "related content",
    "you may also like",
    "you might also like",
    "more",
    "more stories",
    "more from",
    "tags",
    "share",
    "share this",
    "share this article",
    "share this story",
    "read more",
    "read next",
    "don't miss",
    "don’t miss",
    "recommended",
    "trending",
    "trending now",
    "popular",
    "most popular",
    "sponsored",
    "sponsored content",
    "loading",
    "subscribe",
    "sign up",
    "continue reading",
    "skip advert",
    "story continues below advertisement",
    "article continues below advertisement",
];

/// Whether a block inside the chosen content should be dropped: the headline again,
/// an `<h1>`, or a furniture label.
pub fn is_noise_block(flat: &Flat, block: usize, title_forms: &[String]) -> bool {
    let Some(b) = flat.blocks.get(block) else {
        return true;
    };
    if flat.els.get(b.owner).is_some_and(|e| e.tag == "h1") {
        return true;
    }
    if b.chars > 300 {
        return false;
    }
    let folded = super::meta::fold(&b.text);
    if title_forms.contains(&folded) {
        return true;
    }
    let label = folded.trim_matches(|c: char| !c.is_alphanumeric());
    FURNITURE_LINES.contains(&label)
}
