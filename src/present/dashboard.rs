//! The daemon's read-only web page at `/`: latest changes, upcoming releases, and a
//! timeline chart per moved release, as one server-rendered HTML page with inline CSS
//! and SVG. No JavaScript, no build step; readable on a phone.
//!
//! A pure function over data: the caller passes the time, so the page is testable.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use chrono::{DateTime, NaiveDate, Utc};

use super::human;
use super::markup::{escape, safe_href};
use crate::model::{Change, Direction, Evidence, Period, Release, Role, Sighting};
use crate::track::store::ReleaseHistory;

/// What the page shows.
pub struct Page<'a> {
    /// Newest first.
    pub changes: &'a [Change],
    pub releases: &'a [Release],
    /// Histories of the releases whose timelines are drawn.
    pub histories: &'a [ReleaseHistory],
    /// Feeds configured, and how many failed their last poll.
    pub feeds: usize,
    pub failing_feeds: usize,
    /// The keys of watched releases, shown first; `None`: there is no watchlist.
    pub watched: Option<&'a BTreeSet<String>>,
    pub now: DateTime<Utc>,
}

const STYLE: &str = r#"
:root{--bg:#fafaf7;--fg:#1d1d1f;--muted:#6b6b70;--card:#fff;--line:#e3e3e0;--earlier:#0a7a3d;--later:#b3261e;--accent:#2856c8}
@media (prefers-color-scheme:dark){:root{--bg:#151517;--fg:#ececef;--muted:#a0a0a8;--card:#1f1f23;--line:#34343a;--earlier:#5ad18b;--later:#ff8a80;--accent:#8fb0ff}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:56rem;margin:0 auto;padding:1rem}
header{display:flex;flex-wrap:wrap;align-items:baseline;gap:.5rem 1rem;margin-bottom:.5rem}
h1{font-size:1.5rem;margin:0}
h2{font-size:1.15rem;margin:1.6rem 0 .6rem;border-bottom:1px solid var(--line);padding-bottom:.25rem}
h3{font-size:1rem;margin:0 0 .25rem}
a{color:var(--accent)}
.muted{color:var(--muted);font-size:.9rem}
.card{background:var(--card);border:1px solid var(--line);border-radius:.6rem;padding:.75rem .9rem;margin:.6rem 0}
.move{font-size:1.1rem;font-weight:600;margin:.1rem 0}
.badge{display:inline-block;border-radius:1rem;padding:0 .55rem;font-size:.8rem;font-weight:700;color:#fff;vertical-align:middle}
.earlier .badge{background:var(--earlier)}.later .badge{background:var(--later)}
.earlier .move{color:var(--earlier)}.later .move{color:var(--later)}
blockquote{margin:.35rem 0;padding:.1rem .6rem;border-left:3px solid var(--line);font-size:.92rem}
ul.cal{list-style:none;margin:0;padding:0}
ul.cal li{display:flex;gap:.75rem;padding:.4rem 0;border-bottom:1px solid var(--line)}
ul.cal .day{min-width:4.5rem;font-weight:600}
svg{width:100%;max-width:36rem;height:auto;display:block}
svg .grid{stroke:var(--line)}svg text{fill:var(--muted);font-size:13px}
svg .step{fill:none;stroke:var(--accent);stroke-width:2}
svg .pt{fill:var(--accent)}svg .pt.moved{fill:var(--later)}
svg .span{fill:var(--accent);opacity:.25}
footer{margin:2rem 0 1rem;color:var(--muted);font-size:.85rem}
"#;

/// The whole page.
pub fn render(p: &Page) -> String {
    let mut out = String::with_capacity(16 * 1024);
    out.push_str("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<title>slipwatch: release dates that moved</title>\n");
    out.push_str("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"slipwatch changes\" href=\"changes.atom\">\n");
    let _ = writeln!(out, "<style>{STYLE}</style></head><body><main>");
    let _ = writeln!(
        out,
        "<header><h1>slipwatch</h1><span class=\"muted\">{} tracked · {} · {}{}</span></header>",
        human::plural(p.releases.len() as u64, "release"),
        human::plural(p.changes.len() as u64, "recent change"),
        human::plural(p.feeds as u64, "feed"),
        if p.failing_feeds > 0 {
            format!(", {} failing", p.failing_feeds)
        } else {
            String::new()
        }
    );
    watched(&mut out, p);
    changes(&mut out, p);
    upcoming(&mut out, p);
    timelines(&mut out, p);
    let _ = writeln!(
        out,
        "<footer>Rendered {} UTC · <a href=\"changes.atom\">Atom feed</a> · <a href=\"metrics\">metrics</a> · <a href=\"healthz\">health</a></footer>",
        p.now.format("%Y-%m-%d %H:%M")
    );
    out.push_str("</main></body></html>\n");
    out
}

fn source(out: &mut String, label: &str, e: &Evidence, today: NaiveDate) {
    let name = escape(&e.feed);
    let link = match safe_href(&e.url) {
        Some(h) => format!("<a href=\"{h}\">{name}</a>"),
        None => name,
    };
    let _ = writeln!(
        out,
        "<blockquote><span class=\"muted\">{label} · {link} · {}</span><br>{}</blockquote>",
        human::short_day(e.published.date_naive(), today),
        escape(&e.sentence)
    );
}

fn changes(out: &mut String, p: &Page) {
    out.push_str("<section id=\"changes\"><h2>Latest changes</h2>\n");
    if p.changes.is_empty() {
        out.push_str("<p class=\"muted\">No release date has moved yet.</p>\n");
    }
    let today = p.now.date_naive();
    // Watched releases' changes first, each group newest first.
    let mut list: Vec<&Change> = p.changes.iter().collect();
    list.sort_by_key(|c| !p.watched.is_some_and(|w| w.contains(&c.key)));
    for c in list {
        let (class, arrow) = match c.direction {
            Direction::Earlier => ("earlier", "← earlier"),
            Direction::Later => ("later", "later →"),
        };
        let _ = writeln!(
            out,
            "<article class=\"card {class}\" id=\"c-{}\"><h3>{} <span class=\"badge\">{arrow}</span></h3>\n<p class=\"move\">{}</p>\n<p class=\"muted\">{} · detected {}</p>",
            escape(&c.id),
            escape(&c.release),
            escape(&human::move_text(c.from.as_ref(), c.to.as_ref())),
            escape(&human::delta(c.delta_days, c.direction)),
            human::ago(c.detected_at, p.now)
        );
        if c.evidence.one_sentence() {
            source(out, "states both dates", &c.evidence.after, today);
        } else {
            if let Some(b) = &c.evidence.before {
                source(out, "before", b, today);
            }
            source(out, "after", &c.evidence.after, today);
        }
        out.push_str("</article>\n");
    }
    out.push_str("</section>\n");
}

/// The watched releases, soonest first, before everything else.
fn watched(out: &mut String, p: &Page) {
    let Some(watched) = p.watched else {
        return;
    };
    let today = p.now.date_naive();
    let mut mine: Vec<&Release> = p
        .releases
        .iter()
        .filter(|r| watched.contains(&r.key))
        .collect();
    mine.sort_by_key(|r| (r.date.as_ref().map_or(NaiveDate::MAX, |d| d.start), &r.name));
    out.push_str("<section id=\"watched\"><h2>Watching</h2>\n");
    if mine.is_empty() {
        out.push_str("<p class=\"muted\">No tracked release matches the watchlist yet.</p>\n");
    }
    out.push_str("<ul class=\"cal\">\n");
    for r in mine {
        let (day, rel) = match &r.date {
            Some(d) if d.precision == crate::model::Precision::Day => (
                human::short_day(d.start, today),
                human::relative_day(d.start, today),
            ),
            Some(d) => (human::period(d), human::relative_day(d.start, today)),
            None => ("no date".to_string(), "postponed".to_string()),
        };
        let _ = writeln!(
            out,
            "<li><span class=\"day\">{}</span><span>★ {}{}<br><span class=\"muted\">{}</span></span></li>",
            escape(&day),
            escape(&r.name),
            if r.changes > 0 {
                format!(" · moved {}", human::plural(r.changes as u64, "time"))
            } else {
                String::new()
            },
            escape(&rel),
        );
    }
    out.push_str("</ul></section>\n");
}

fn upcoming(out: &mut String, p: &Page) {
    let today = p.now.date_naive();
    let mut soon: Vec<&Release> = p
        .releases
        .iter()
        .filter(|r| r.date.as_ref().is_some_and(|d| d.end >= today))
        .collect();
    soon.sort_by(|a, b| {
        let key = |r: &Release| r.date.as_ref().map(|d| (d.start, d.end));
        key(a).cmp(&key(b)).then(a.name.cmp(&b.name))
    });
    out.push_str("<section id=\"upcoming\"><h2>Upcoming releases</h2>\n");
    if soon.is_empty() {
        out.push_str("<p class=\"muted\">No tracked release is dated in the future.</p>\n");
    }
    let mut month = String::new();
    for r in soon.iter().take(60) {
        let Some(d) = &r.date else { continue };
        let m = d.start.format("%B %Y").to_string();
        if m != month {
            if !month.is_empty() {
                out.push_str("</ul>\n");
            }
            let _ = writeln!(out, "<h3>{m}</h3><ul class=\"cal\">");
            month = m;
        }
        let day = if d.precision == crate::model::Precision::Day {
            human::short_day(d.start, today)
        } else {
            human::period(d)
        };
        let _ = writeln!(
            out,
            "<li><span class=\"day\">{}</span><span>{}{}<br><span class=\"muted\">{}</span></span></li>",
            escape(&day),
            escape(&r.name),
            if r.changes > 0 {
                format!(" · moved {}", human::plural(r.changes as u64, "time"))
            } else {
                String::new()
            },
            escape(&human::relative_day(d.start, today)),
        );
    }
    if !month.is_empty() {
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
}

fn timelines(out: &mut String, p: &Page) {
    if p.histories.is_empty() {
        return;
    }
    out.push_str("<section id=\"timelines\"><h2>Timelines</h2>\n");
    for h in p.histories {
        let _ = writeln!(
            out,
            "<div class=\"card\"><h3>{}</h3><p class=\"muted\">Announced date (up) against when it was reported (across)</p>\n{}</div>",
            escape(&h.release.name),
            timeline_svg(h, p.now.date_naive())
        );
    }
    out.push_str("</section>\n");
}

// Narrow enough that labels stay legible when a phone scales the chart down.
const W: f64 = 440.0;
const H: f64 = 200.0;
const LEFT: f64 = 100.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 14.0;
const BOTTOM: f64 = 30.0;

/// One release's announced date over time: a step line from report to report, a dot
/// per report (red when that report moved the date), a band for vague periods.
pub fn timeline_svg(h: &ReleaseHistory, today: NaiveDate) -> String {
    let pts: Vec<_> = h
        .sightings
        .iter()
        .filter(|s| s.role == Role::Current)
        .filter_map(|s| s.date.as_ref().map(|d| (s, d)))
        .collect();
    let (Some(first), Some(last)) = (pts.first(), pts.last()) else {
        return String::new();
    };
    let x0 = first.0.published.timestamp() as f64;
    let chart = Chart {
        x0,
        x1: (last.0.published.timestamp() as f64).max(x0 + 86400.0),
        lo: pts
            .iter()
            .map(|(_, d)| day(d.start))
            .fold(f64::MAX, f64::min)
            - 1.0,
        hi: pts.iter().map(|(_, d)| day(d.end)).fold(f64::MIN, f64::max) + 1.0,
    };
    let mut svg = format!(
        "<svg viewBox=\"0 0 {W} {H}\" role=\"img\" aria-label=\"{} release date over time\">\n",
        escape(&h.release.name)
    );
    axes(&mut svg, &chart, last.0.published.timestamp() as f64, today);
    step_line(&mut svg, &chart, &pts);
    dots(&mut svg, &chart, &pts, h, today);
    svg.push_str("</svg>");
    svg
}

/// A day as a number on the chart's date axis.
fn day(d: NaiveDate) -> f64 {
    d.to_epoch_days() as f64
}

/// The chart's ranges: report times (seconds) across, announced days up.
struct Chart {
    x0: f64,
    x1: f64,
    lo: f64,
    hi: f64,
}

impl Chart {
    fn x(&self, t: f64) -> f64 {
        LEFT + (t - self.x0) / (self.x1 - self.x0) * (W - LEFT - RIGHT - 20.0)
    }

    fn y(&self, d: f64) -> f64 {
        TOP + (self.hi - d) / (self.hi - self.lo).max(1.0) * (H - TOP - BOTTOM)
    }
}

/// The earliest and latest announced day up the side, the first and last report along
/// the bottom.
fn axes(svg: &mut String, c: &Chart, last_report: f64, today: NaiveDate) {
    for (v, anchor) in [(c.hi - 1.0, "top"), (c.lo + 1.0, "bottom")] {
        let label = NaiveDate::from_epoch_days(v as i32)
            .map(|d| human::short_day(d, today))
            .unwrap_or_default();
        let _ = writeln!(
            svg,
            "<line class=\"grid\" x1=\"{LEFT}\" x2=\"{}\" y1=\"{y:.1}\" y2=\"{y:.1}\"/><text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\" data-edge=\"{anchor}\">{}</text>",
            W - RIGHT,
            LEFT - 6.0,
            c.y(v) + 4.0,
            escape(&label),
            y = c.y(v),
        );
    }
    for (t, anchor) in [(c.x0, "start"), (last_report, "end")] {
        let label = DateTime::from_timestamp(t as i64, 0)
            .map(|d| human::short_day(d.date_naive(), today))
            .unwrap_or_default();
        let _ = writeln!(
            svg,
            "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"{anchor}\">reported {}</text>",
            c.x(t),
            H - 8.0,
            escape(&label)
        );
    }
}

/// The announced date as a step line from report to report, on to the right edge.
fn step_line(svg: &mut String, c: &Chart, pts: &[(&Sighting, &Period)]) {
    let mut path = String::new();
    for (i, (s, d)) in pts.iter().enumerate() {
        let (px, py) = (c.x(s.published.timestamp() as f64), c.y(day(d.start)));
        if i == 0 {
            let _ = write!(path, "M{px:.1},{py:.1}");
        } else {
            let _ = write!(path, " H{px:.1} V{py:.1}");
        }
    }
    let _ = write!(path, " H{:.1}", W - RIGHT);
    let _ = writeln!(svg, "<path class=\"step\" d=\"{path}\"/>");
}

/// A dot per report (a band behind it for a vague period), red when it moved the date.
fn dots(
    svg: &mut String,
    c: &Chart,
    pts: &[(&Sighting, &Period)],
    h: &ReleaseHistory,
    today: NaiveDate,
) {
    for (s, d) in pts {
        let px = c.x(s.published.timestamp() as f64);
        if d.end > d.start {
            let _ = writeln!(
                svg,
                "<rect class=\"span\" x=\"{:.1}\" y=\"{:.1}\" width=\"8\" height=\"{:.1}\"/>",
                px - 4.0,
                c.y(day(d.end)),
                (c.y(day(d.start)) - c.y(day(d.end))).max(1.0)
            );
        }
        let moved = h.changes.iter().any(|ch| ch.evidence.after.url == s.url);
        let _ = writeln!(
            svg,
            "<circle class=\"pt{}\" cx=\"{px:.1}\" cy=\"{:.1}\" r=\"5\"><title>{}: {} ({})</title></circle>",
            if moved { " moved" } else { "" },
            c.y(day(d.start)),
            escape(&human::short_day(s.published.date_naive(), today)),
            escape(&human::period(d)),
            escape(&s.feed)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Period;

    fn release(name: &str, label: &str) -> Release {
        Release {
            key: name.to_lowercase(),
            name: name.into(),
            date: Period::from_label(label),
            as_of: Utc::now(),
            sightings: 1,
            changes: 0,
        }
    }

    #[test]
    fn upcoming_releases_are_listed_by_month_and_past_ones_left_out() {
        let now = DateTime::parse_from_rfc3339("2026-11-24T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let releases = [
            release("Film <B>", "2027-01-15"),
            release("Album A", "2026-11-27"),
            release("Old Show", "2022-04-24"),
            release("Game C", "2027-Q1"),
        ];
        let html = render(&Page {
            changes: &[],
            releases: &releases,
            histories: &[],
            feeds: 1,
            failing_feeds: 0,
            watched: None,
            now,
        });
        let nov = html.find("<h3>November 2026</h3>").unwrap();
        let jan = html.find("<h3>January 2027</h3>").unwrap();
        assert!(nov < html.find("Album A").unwrap() && html.find("Album A").unwrap() < jan);
        assert!(html.contains("in 3 days"));
        assert!(html.contains("Film &lt;B&gt;") && html.contains("Q1 2027"));
        assert!(!html.contains("Old Show"));
        assert!(html.contains("No release date has moved yet"));
        assert!(html.contains("name=\"viewport\"") && !html.contains("<script"));
    }
}
