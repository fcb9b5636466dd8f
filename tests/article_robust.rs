//! The article stage must not panic, overflow the stack or stall on hostile input.

use std::time::{Duration, Instant};

use slipwatch::article::{check_selector, extract_article};

/// Runs `f` on a thread with a small stack, so unbounded recursion shows up as a crash.
fn on_small_stack<F: FnOnce() + Send + 'static>(f: F) {
    let handle = std::thread::Builder::new().stack_size(256 * 1024).spawn(f);
    match handle {
        Ok(h) => assert!(h.join().is_ok(), "extraction panicked"),
        Err(e) => panic!("cannot spawn thread: {e}"),
    }
}

#[test]
fn deep_nesting_does_not_overflow() {
    on_small_stack(|| {
        let depth = 100_000;
        for tag in ["div", "span", "i", "section", "p", "li", "a", "table"] {
            let mut html = String::with_capacity(depth * 12);
            html.push_str("<html><body>");
            for _ in 0..depth {
                html.push_str(&format!("<{tag} class=c>"));
            }
            html.push_str("The premiere moved to September 9, and the studio confirmed it on Tuesday morning.");
            for _ in 0..depth {
                html.push_str(&format!("</{tag}>"));
            }
            html.push_str("</body></html>");
            let start = Instant::now();
            let a = extract_article(&html, Some("div.c"));
            assert!(start.elapsed() < Duration::from_secs(60), "{tag}: too slow");
            let _ = a.to_json();
        }
        // Unclosed nesting, no end tags at all.
        let html = "<div><p><b>x ".repeat(50_000);
        let _ = extract_article(&html, None);
    });
}

#[test]
fn broken_markup_does_not_panic() {
    let cases = [
        "",
        " ",
        "<",
        "</",
        "<<<>>>",
        "<html",
        "</div></div></body></html>",
        "<p>unclosed <b>bold <i>italic <a href='x'>link",
        "<script>never closed",
        "<style>p{}</style><p>text",
        "<div class=\"a\" id=b class=c>dup attrs</div>",
        "<table><tr><td>cell<td>cell2</table></td></tr>",
        "<p>\u{0}nul\u{0}</p>",
        "<svg><p>foreign</p></svg><math><mi>x</mi></math>",
        "<template><p>inside template</p></template><p>outside</p>",
        "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"articleBody\":",
        "<script type=\"application/ld+json\">[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]</script>",
        "<meta property=\"article:published_time\" content=\"9999-99-99T99:99\"><time datetime=\"\">",
        "<br><br><br><hr><img><img alt>",
        "<p>“unclosed quote and ” a closing one “Title” and \"Other Title\" and \"</p>",
        "<i></i><em> </em><cite>\u{200b}</cite>",
        "\u{feff}<!DOCTYPE html><!-- comment --><p>text</p>",
    ];
    for c in cases {
        let a = extract_article(c, None);
        let _ = a.to_json();
        let _ = extract_article(c, Some("p"));
        let _ = extract_article(c, Some(":not("));
    }
}

#[test]
fn huge_page_finishes() {
    let para = "<p>The long-delayed adaptation now opens on 14 March 2027, according to the distributor, which also moved the sequel.</p>\n";
    let side = "<div class=\"related\"><a href=\"/x\">Other film out 1 June 2026</a></div>\n";
    let mut html = String::from("<html><body><article>");
    while html.len() < 20_000_000 {
        html.push_str(para);
        html.push_str(side);
    }
    html.push_str("</article></body></html>");
    let start = Instant::now();
    let a = extract_article(&html, None);
    let took = start.elapsed();
    println!("20 MB page: {took:?}, {} chars of text", a.text.len());
    assert!(a.text.contains("14 March 2027"));
    assert!(!a.text.contains("1 June 2026"));
    assert!(took < Duration::from_secs(120), "took {took:?}");
}

#[test]
fn random_markup_does_not_panic() {
    let pieces = [
        "<div>",
        "</div>",
        "<p>",
        "</p>",
        "<a href=x>",
        "</a>",
        "<i>",
        "</i>",
        "<em>",
        "<br>",
        "<article>",
        "</article>",
        "<aside class=related>",
        "</aside>",
        "<nav>",
        "<ul><li>",
        "</li></ul>",
        "<table><tr><td>",
        "<script>",
        "</script>",
        "<style>",
        "<!--",
        "-->",
        "<![CDATA[",
        "]]>",
        "<h1>",
        "</h1>",
        "&amp;",
        "&#x0;",
        "&#99999999;",
        "&bogus;",
        "“",
        "”",
        "\"",
        "'",
        "<",
        ">",
        "=",
        "/",
        " ",
        "\n",
        "Premiere on 5 May 2026, ",
        "words words words, more words. ",
        "é",
        "日本語",
        "<div class=\"content article-body\">",
        "<div class=sidebar hidden>",
        "<div style=\"display:none\">",
        "<time datetime=2026-01-01>",
        "<meta property=og:title content=T>",
        "<script type=application/ld+json>{\"articleBody\":\"x\"}</script>",
    ];
    let selectors = [
        None,
        Some("div"),
        Some("article p"),
        Some("[class~=content]"),
        Some("::"),
    ];
    let mut rng = fastrand::Rng::with_seed(0x5eed_a11e);
    for round in 0..400 {
        let len = rng.usize(0..200);
        let mut html = String::new();
        for _ in 0..len {
            if let Some(p) = pieces.get(rng.usize(0..pieces.len())) {
                html.push_str(p);
            }
        }
        let sel = selectors[round % selectors.len()];
        if let Some(s) = sel {
            let _ = check_selector(s);
        }
        let a = extract_article(&html, sel);
        let _ = a.to_json();
        // Random cut points, including inside multi-byte characters' neighbours.
        let cut = html
            .char_indices()
            .map(|(i, _)| i)
            .nth(rng.usize(0..=html.chars().count()));
        if let Some(cut) = cut {
            let _ = extract_article(&html[..cut], sel);
        }
    }
}
