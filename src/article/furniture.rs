//! Page furniture: navigation, asides, hidden parts, related-story boxes and their
//! labels, picture credits; marked by tag, role, class/id words and label text.

use super::dom::{Flat, NONE};
use super::meta::fold;

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

pub fn class_weight(class_id: &str) -> f64 {
    let mut w = 0.0;
    if negative(class_id) {
        w -= 10.0;
    }
    if positive(class_id) {
        w += 10.0;
    }
    w
}

fn tag_furniture(tag: &str) -> bool {
    matches!(
        tag,
        "nav" | "aside" | "footer" | "header" | "figure" | "figcaption" | "dialog" | "menu"
    )
}

/// Marks page furniture. Returns, per element, whether the element itself looks like
/// furniture (`own`), and whether it or any ancestor does (`inherited`).
pub fn furniture(flat: &Flat) -> (Vec<bool>, Vec<bool>) {
    let total = flat.els.first().map(|e| e.prose).unwrap_or(0).max(1);
    let mut own = vec![false; flat.els.len()];
    let mut inherited = vec![false; flat.els.len()];
    for (i, e) in flat.els.iter().enumerate() {
        let mut bad = false;
        if !matches!(e.tag, "body" | "html" | "article" | "main") {
            bad = e.hidden || tag_furniture(e.tag);
            if !bad && negative(&e.class_id) {
                // A wrapper holding most of the page is layout, not furniture.
                let big = e.prose * 2 > total;
                bad = !big && (!positive(&e.class_id) || e.p_count < 3);
            }
            if !bad {
                if let Some(role) = e.el.attr("role") {
                    bad = matches!(
                        role,
                        "navigation"
                            | "complementary"
                            | "banner"
                            | "contentinfo"
                            | "dialog"
                            | "menu"
                    );
                }
            }
        }
        own[i] = bad;
    }
    mark_labelled_boxes(flat, total, &mut own);
    for (i, e) in flat.els.iter().enumerate() {
        let from_parent = inherited.get(e.parent).copied().unwrap_or(false);
        inherited[i] = own[i] || from_parent;
    }
    (own, inherited)
}

/// Marks boxes that open with a furniture label ("Trending", "More from ..."): from
/// each label block, climb to the first ancestor holding more than the label, and
/// mark it when the label is its first text and it holds under half the page's prose.
fn mark_labelled_boxes(flat: &Flat, total_prose: usize, own: &mut [bool]) {
    let n = flat.els.len();
    // First block inside each element, in document order.
    let mut first_block = vec![NONE; n];
    for (bi, b) in flat.blocks.iter().enumerate() {
        if let Some(slot) = first_block.get_mut(b.owner) {
            if *slot == NONE {
                *slot = bi;
            }
        }
    }
    for i in (1..n).rev() {
        let p = flat.els[i].parent;
        if p < n && first_block[i] < first_block[p] {
            first_block[p] = first_block[i];
        }
    }
    for (bi, b) in flat.blocks.iter().enumerate() {
        if b.chars > 60 || !is_furniture_label(&b.text) {
            continue;
        }
        let mut at = b.owner;
        let mut hops = 0;
        let mut marked = false;
        while let Some(e) = flat.els.get(at) {
            if hops > 6 || matches!(e.tag, "body" | "html" | "main" | "article") {
                break;
            }
            if e.text_len > b.chars + 20 {
                if first_block[at] == bi && e.prose * 2 <= total_prose {
                    own[at] = true;
                    marked = true;
                }
                break;
            }
            at = e.parent;
            hops += 1;
        }
        if !marked {
            mark_lists_after_heading(flat, b.owner, own);
        }
    }
}

/// A label heading set among the article's own paragraphs ("<h3>More Stories</h3>
/// <ul>...</ul>"): the lists and boxes without prose that follow it, up to the next
/// heading, belong to the label.
fn mark_lists_after_heading(flat: &Flat, heading: usize, own: &mut [bool]) {
    let Some(h) = flat.els.get(heading) else {
        return;
    };
    if !matches!(h.tag, "h2" | "h3" | "h4" | "h5" | "h6") {
        return;
    }
    let Some(parent) = flat.els.get(h.parent) else {
        return;
    };
    let mut j = h.end + 1;
    while j <= parent.end {
        let Some(s) = flat.els.get(j) else { break };
        if matches!(s.tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6") {
            break;
        }
        if matches!(s.tag, "ul" | "ol" | "div" | "section" | "table" | "dl") && s.prose == 0 {
            if let Some(slot) = own.get_mut(j) {
                *slot = true;
            }
        } else if s.text_len > 0 {
            break;
        }
        j = s.end + 1;
    }
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
    "related news",
    "latest news",
    "latest",
    "most read",
    "more news",
    "top stories",
    "recommended for you",
    "recommended stories",
    "trending stories",
    "popular now",
    "what to read next",
    "around the web",
    "from the web",
    "you may like",
    "editor's picks",
    "editors' picks",
    "watch next",
    "up next",
    "further reading",
    "iklan",
    "publicidade",
    "publicidad",
    "pubblicità",
    "anzeige",
    "werbung",
    "publicité",
    "реклама",
    "광고",
    "広告",
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
    let folded = fold(&b.text);
    if title_forms.contains(&folded) {
        return true;
    }
    is_furniture_label(&folded) || is_credit_or_counter(&folded)
}

/// Picture credits ("© Jane Doe ...") and slide counters ("Image 2 of 5", "1/6").
fn is_credit_or_counter(folded: &str) -> bool {
    if folded.len() < 200 && (folded.starts_with('©') || folded.starts_with("(c) ")) {
        return true;
    }
    let rest = ["image ", "photo ", "slide ", "picture ", "foto "]
        .iter()
        .find_map(|p| folded.strip_prefix(p))
        .unwrap_or(folded);
    let parts: Vec<&str> = rest
        .split(|c: char| c.is_whitespace() || c == '/')
        .filter(|w| !w.is_empty())
        .collect();
    match parts.as_slice() {
        [a, b] => {
            a.chars().all(|c| c.is_ascii_digit())
                && b.chars().all(|c| c.is_ascii_digit())
                && rest.contains('/')
        }
        [a, "of" | "de" | "di" | "von", b] => {
            a.chars().all(|c| c.is_ascii_digit()) && b.chars().all(|c| c.is_ascii_digit())
        }
        _ => false,
    }
}

/// Openings of labels such as "More from Variety" or "Popular on IndieWire".
const FURNITURE_PREFIXES: &[&str] = &[
    "more from ",
    "more on ",
    "more in ",
    "popular on ",
    "trending on ",
    "also on ",
    "latest from ",
    "most popular ",
    "related:",
    "read more:",
    "see also:",
];

/// Whether a short text is a label for page furniture (Related, Trending, ...).
pub fn is_furniture_label(text: &str) -> bool {
    let folded = fold(text);
    let label = folded.trim_matches(|c: char| !c.is_alphanumeric());
    let words = label.split_whitespace().count();
    // "Top Stories", "Related Articles", "More Great WIRED Stories", "Recent Posts".
    let list_title = words <= 5
        && ["stories", "articles", "posts", "headlines"]
            .iter()
            .any(|w| label.ends_with(w));
    FURNITURE_LINES.contains(&label)
        || list_title
        || (label.split_whitespace().count() <= 6
            && FURNITURE_PREFIXES.iter().any(|p| folded.starts_with(p)))
}
