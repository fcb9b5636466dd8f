//! Behaviour of the article stage on small hand-written entertainment pages in `tests/fixtures/article/`.

use slipwatch::article::{check_selector, extract_article};

fn fixture(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/article")
        .join(name);
    match std::fs::read_to_string(&path) {
        Ok(s) => s,
        Err(e) => panic!("fixture {}: {e}", path.display()),
    }
}

#[test]
fn related_and_trending_blocks_are_left_out() {
    let a = extract_article(&fixture("related_block.html"), None);
    assert!(
        a.text.contains("will now launch on March 12, 2027"),
        "{}",
        a.text
    );
    assert!(a.text.contains("Pre-orders stay open"), "{}", a.text);
    assert!(a.text.contains("It is the second delay"), "{}", a.text);
    for leak in [
        "June 5, 2026",
        "August 21, 2026",
        "February 3, 2027",
        "October 9, 2026",
        "Trending",
        "Related",
        "Share on Social",
        "All rights reserved",
        "Home",
    ] {
        assert!(!a.text.contains(leak), "leaked {leak:?} into:\n{}", a.text);
    }
}

#[test]
fn long_article_split_over_p_and_div_keeps_every_paragraph() {
    let a = extract_article(&fixture("long_split.html"), None);
    let words = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve",
    ];
    let mut last = 0;
    for w in words {
        let needle = format!("Paragraph {w}:");
        let at = a.text.find(&needle);
        assert!(at.is_some(), "missing {needle} in:\n{}", a.text);
        let at = at.unwrap_or(0);
        assert!(at >= last, "{needle} out of order");
        last = at;
    }
    assert_eq!(a.text.matches("Paragraph ").count(), 12);
    assert!(!a.text.contains("Advertisement"), "{}", a.text);
    assert!(!a.text.contains("Privacy"), "{}", a.text);
    // Paragraphs are separated by blank lines.
    assert_eq!(a.text.split("\n\n").count(), 12, "{}", a.text);
}

#[test]
fn json_ld_article_body_is_used_when_markup_is_poor() {
    let a = extract_article(&fixture("jsonld_body.html"), None);
    assert_eq!(a.source, "json-ld");
    assert!(
        a.text.starts_with("The band confirmed on Monday"),
        "{}",
        a.text
    );
    assert!(
        a.text.contains("opens in Lisbon on October 3, 2026"),
        "{}",
        a.text
    );
    assert!(
        a.text.contains("\n\nTickets go on general sale"),
        "{}",
        a.text
    );
    assert!(!a.text.contains("enable JavaScript"), "{}", a.text);
    assert_eq!(
        a.title.as_deref(),
        Some("Thunder Road Live tour adds autumn dates")
    );
    assert_eq!(a.byline.as_deref(), Some("Priya Natarajan"));
    assert_eq!(
        a.published.map(|d| d.to_rfc3339()).as_deref(),
        Some("2026-09-14T08:00:00-04:00")
    );
    assert_eq!(
        a.modified.map(|d| d.to_rfc3339()).as_deref(),
        Some("2026-09-15T10:20:00-04:00")
    );
}

#[test]
fn article_selector_wins_over_heuristics() {
    let html = fixture("selector.html");
    let heuristic = extract_article(&html, None);
    assert!(
        heuristic.text.contains("Editors' picks"),
        "fixture no longer tests the override"
    );
    let a = extract_article(&html, Some("div.review-text"));
    assert_eq!(a.selector_matched, Some(true));
    assert_eq!(a.source, "selector");
    assert_eq!(
        a.text,
        "Harbor Lights is a gentle film that takes its time.\n\nIt opens in cinemas on May 1."
    );
    let missing = extract_article(&html, Some("div.no-such-thing"));
    assert_eq!(missing.selector_matched, Some(false));
    assert!(
        missing.text.contains("Editors' picks"),
        "falls back to heuristics"
    );
    let none = extract_article(&html, None);
    assert_eq!(none.selector_matched, None);
}

#[test]
fn invalid_selector_is_reported_and_ignored() {
    assert!(check_selector("div.review-text > p").is_ok());
    assert!(check_selector("div[").is_err());
    let a = extract_article(&fixture("selector.html"), Some("div["));
    assert_eq!(a.selector_matched, Some(false));
    assert!(!a.text.is_empty());
}

#[test]
fn metadata_is_read() {
    let a = extract_article(&fixture("metadata.html"), None);
    assert_eq!(
        a.title.as_deref(),
        Some("Novo filme de Clara Souza ganha data")
    );
    assert_eq!(a.byline.as_deref(), Some("Marcos Lima"));
    assert_eq!(
        a.published.map(|d| d.to_rfc3339()).as_deref(),
        Some("2026-07-20T14:00:00-03:00")
    );
    assert_eq!(
        a.modified.map(|d| d.to_rfc3339()).as_deref(),
        Some("2026-07-21T09:00:00-03:00")
    );
    assert_eq!(
        a.canonical.as_deref(),
        Some("https://telaviva.example/cinema/clara-souza-data")
    );
    assert_eq!(a.lang.as_deref(), Some("pt-BR"));
    assert!(
        a.text.contains("chega aos cinemas em 9 de outubro de 2026"),
        "{}",
        a.text
    );

    let b = extract_article(&fixture("related_block.html"), None);
    assert_eq!(
        b.title.as_deref(),
        Some("Starfall Odyssey slips to March 2027")
    );
    assert_eq!(b.byline.as_deref(), Some("Dana Whitlock"));
    assert_eq!(
        b.published.map(|d| d.to_rfc3339()).as_deref(),
        Some("2026-10-02T09:30:00+00:00")
    );
    assert_eq!(
        b.canonical.as_deref(),
        Some("https://pixelledger.example/news/starfall-odyssey-delay")
    );
    assert_eq!(b.lang.as_deref(), Some("en-US"));
}

#[test]
fn time_element_gives_the_date_when_nothing_else_does() {
    let html = r#"<html><body><article><h1>Short news</h1>
        <p>Posted <time datetime="2026-05-04T10:00:00+02:00">4 May</time></p>
        <p>The sequel to the hit animated film arrives in cinemas next summer, the studio said in a short statement to the press on Monday.</p>
        </article></body></html>"#;
    let a = extract_article(html, None);
    assert_eq!(
        a.published.map(|d| d.to_rfc3339()).as_deref(),
        Some("2026-05-04T10:00:00+02:00")
    );
    assert_eq!(a.title.as_deref(), Some("Short news"));
}

#[test]
fn hints_hold_emphasised_and_quoted_titles() {
    let a = extract_article(&fixture("metadata.html"), None);
    assert!(a.hints.iter().any(|h| h == "Maré Alta"), "{:?}", a.hints);
    assert!(
        a.hints.iter().any(|h| h == "Casa de Vidro"),
        "{:?}",
        a.hints
    );
    let b = extract_article(&fixture("related_block.html"), None);
    assert!(
        b.hints.iter().any(|h| h == "Starfall Odyssey"),
        "{:?}",
        b.hints
    );
    let html = r#"<html><body><article>
        <p>The finale of “Night Shift Diaries” has moved to next spring, the network said, and the spin-off is on hold until the writers finish the main series.</p>
        <p>Meanwhile the network's other drama keeps its autumn slot, executives added, with no change to the episode count or to its planned launch date.</p>
        </article></body></html>"#;
    let c = extract_article(html, None);
    assert!(
        c.hints.iter().any(|h| h == "Night Shift Diaries"),
        "{:?}",
        c.hints
    );
}

#[test]
fn json_output_has_the_fields() {
    let a = extract_article(&fixture("related_block.html"), None);
    let v = a.to_json();
    assert_eq!(v["title"], "Starfall Odyssey slips to March 2027");
    assert_eq!(v["published"], "2026-10-02T09:30:00Z");
    assert!(v["text"]
        .as_str()
        .is_some_and(|t| t.contains("March 12, 2027")));
    assert!(v.get("hints").is_some() && v.get("canonical").is_some() && v.get("byline").is_some());
}
