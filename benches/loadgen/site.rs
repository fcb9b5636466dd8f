//! The synthetic news site: deterministic feeds and 1–3 KB article pages, generated
//! on request from (seed, feed, item), so serving 100,000 pages holds none in memory.
//!
//! Article `g = feed * items + item` names release `g % R` (R = a quarter of all
//! articles), so each release is reported by about four articles a month apart. A
//! third of the releases move at every report after the first: most reports say so
//! ("has been pushed back to ..."), some just state the new date, some move earlier.

use std::fmt::Write as _;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

const ADJECTIVES: [&str; 50] = [
    "Midnight",
    "Silver",
    "Crimson",
    "Hollow",
    "Golden",
    "Quiet",
    "Broken",
    "Electric",
    "Velvet",
    "Frozen",
    "Burning",
    "Distant",
    "Savage",
    "Gentle",
    "Hidden",
    "Lonely",
    "Scarlet",
    "Wicked",
    "Radiant",
    "Restless",
    "Shattered",
    "Emerald",
    "Iron",
    "Paper",
    "Neon",
    "Wild",
    "Silent",
    "Painted",
    "Endless",
    "Northern",
    "Southern",
    "Bitter",
    "Sacred",
    "Fallen",
    "Rising",
    "Lost",
    "Secret",
    "Stolen",
    "Twisted",
    "Violet",
    "Ashen",
    "Brave",
    "Cobalt",
    "Dusty",
    "Faded",
    "Glass",
    "Hungry",
    "Ivory",
    "Jade",
    "Lucky",
];
const NOUNS: [&str; 50] = [
    "Harbor",
    "Echoes",
    "Kingdom",
    "Orchard",
    "Horizon",
    "Garden",
    "Empire",
    "Lantern",
    "River",
    "Mirror",
    "Circus",
    "Throne",
    "Letters",
    "Summer",
    "Winter",
    "Island",
    "Highway",
    "Signal",
    "Tide",
    "Canyon",
    "Meadow",
    "Station",
    "Palace",
    "Forest",
    "Shadow",
    "Compass",
    "Voyage",
    "Anthem",
    "Frontier",
    "Cathedral",
    "Reverie",
    "Tempest",
    "Serenade",
    "Mosaic",
    "Labyrinth",
    "Carnival",
    "Oracle",
    "Sanctuary",
    "Prairie",
    "Citadel",
    "Ember",
    "Falcon",
    "Glacier",
    "Hymn",
    "Junction",
    "Kite",
    "Lullaby",
    "Monsoon",
    "Nocturne",
    "Odyssey",
];
const SUFFIXES: [&str; 16] = [
    "",
    " Rising",
    " Reborn",
    " Forever",
    " Unbound",
    " Legacy",
    " Nights",
    " Chronicles",
    " Awakening",
    " Redux",
    " Ascent",
    " Requiem",
    " Saga",
    " Eclipse",
    " Frontier",
    " Dawn",
];
const AUTHORS: [&str; 8] = [
    "Ana Lee",
    "Marcus Hale",
    "Jin-woo Park",
    "Sofia Romero",
    "Dev Patel",
    "Claire Dubois",
    "Tomás Ortega",
    "Hana Kim",
];
const FILLER: [&str; 16] = [
    "The project has been in development for several years, with early footage screened for buyers at a trade event last spring.",
    "Producers said the team spent months on location, and post-production was handled by a studio that has worked on several award winners.",
    "Fans reacted quickly on social media, where the announcement trended within an hour of the first teaser going live.",
    "The cast includes a mix of established names and newcomers, several of whom auditioned through an open casting call.",
    "Industry analysts expect a strong opening, pointing to the success of the previous instalment and a crowded but winnable season.",
    "A spokesperson declined to comment on the budget, but sources close to the production describe it as one of the largest of the year.",
    "The soundtrack features original songs written for the project, and a lead single is expected ahead of the premiere.",
    "Critics who attended an early screening praised the visuals, though some noted that the second half drags in places.",
    "The director described the story as a personal one, drawn from childhood memories and conversations with family members.",
    "Marketing will ramp up over the coming weeks with posters, interviews and a second trailer, according to the distributor.",
    "Pre-orders open next week at major retailers, with a limited edition that includes an art book and behind-the-scenes footage.",
    "The announcement came during a livestream that drew hundreds of thousands of viewers across several platforms.",
    "Several international distributors have already acquired rights, and subtitled versions are planned for most markets.",
    "The team thanked fans for their patience and promised more news in the weeks to come.",
    "Merchandise, including apparel and collectible figures, will be available through the official store.",
    "Tickets for the premiere event sold out within minutes, prompting organisers to add a second screening.",
];

/// Dates are written the way news sites write them: "March 6, 2026".
fn spoken(d: NaiveDate) -> String {
    d.format("%B %-d, %Y").to_string()
}

/// The name of release `r`: 40,000 distinct names before they repeat.
pub fn title_for(r: usize) -> String {
    let a = ADJECTIVES[r % ADJECTIVES.len()];
    let n = NOUNS[(r / ADJECTIVES.len()) % NOUNS.len()];
    let s = SUFFIXES[(r / (ADJECTIVES.len() * NOUNS.len())) % SUFFIXES.len()];
    format!("{a} {n}{s}")
}

/// The generated site, shared by the server's handlers.
#[derive(Clone)]
pub struct Site {
    pub seed: u64,
    pub feeds: usize,
    pub items: usize,
    pub base: String,
    /// Articles about the one hot release (`HOT_TITLE`), spread over every feed; 0
    /// for none.
    pub hot: usize,
}

/// The hot release: one game reported by thousands of articles over two years.
pub const HOT_TITLE: &str = "Starfall Odyssey";

/// One article, as the feed and the page describe it.
struct Story {
    headline: String,
    teaser: String,
    published: DateTime<Utc>,
    sentence: String,
}

impl Site {
    fn total(&self) -> usize {
        self.feeds * self.items
    }

    fn releases(&self) -> usize {
        (self.total() / 4).max(1)
    }

    fn rng(&self, g: usize) -> fastrand::Rng {
        fastrand::Rng::with_seed(self.seed ^ (g as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15))
    }

    /// Whether article `g` is about the hot release: every `total / hot`-th one.
    pub fn is_hot(&self, g: usize) -> bool {
        self.hot > 0 && g % (self.total() / self.hot).max(1) == 0
    }

    /// An article about the hot release, published at a pseudo-random minute of its
    /// two years of news (so feeds and polls read them in no particular order). The
    /// date moves three times: each quarter of those years states its own.
    fn hot_story(&self, g: usize) -> Story {
        let mut rng = self.rng(g);
        let life = 730 * 24 * 60;
        let minute = rng.u64(..life);
        let era = (minute * 4 / life) as i64;
        let epoch = Utc.with_ymd_and_hms(2025, 6, 1, 8, 0, 0).unwrap();
        let date =
            spoken(NaiveDate::from_ymd_opt(2026, 11, 19).unwrap() + Duration::days(120 * era));
        let sentence = match (era, rng.u8(..3)) {
            (0, _) => format!("{HOT_TITLE} launches on {date} for PC and consoles."),
            (_, 0) => format!("{HOT_TITLE} has been delayed to {date}."),
            (_, 1) => format!("{HOT_TITLE} has been pushed back to {date}."),
            _ => format!("The game {HOT_TITLE} launches on {date} for PC and consoles."),
        };
        Story {
            headline: format!("{HOT_TITLE}: what we know so far"),
            teaser: FILLER[rng.usize(..FILLER.len())].to_string(),
            published: epoch + Duration::minutes(minute as i64),
            sentence,
        }
    }

    fn story(&self, g: usize) -> Story {
        if self.is_hot(g) {
            return self.hot_story(g);
        }
        let r = g % self.releases();
        let k = g / self.releases();
        let mut rng = self.rng(g);
        let title = title_for(r);
        let epoch = Utc.with_ymd_and_hms(2025, 6, 1, 8, 0, 0).unwrap();
        let published =
            epoch + Duration::days(30 * k as i64) + Duration::minutes((r % 1440) as i64);
        let base = NaiveDate::from_ymd_opt(2026, 3, 6).unwrap()
            + Duration::days(((r * 7919) % 600) as i64);
        let mover = r % 3 == 0 && k > 0;
        let earlier = mover && r % 7 == 0;
        let shift = if earlier {
            -14 * k as i64
        } else if mover {
            21 * k as i64
        } else {
            0
        };
        let date = spoken(base + Duration::days(shift));
        let sentence = if mover && rng.u8(..4) != 0 {
            match (earlier, rng.u8(..3)) {
                (true, _) => format!("{title} has been moved up to {date}."),
                (false, 0) => format!("{title} has been pushed back to {date}."),
                (false, 1) => format!("{title} has been delayed to {date}."),
                _ => format!("{title} has been postponed to {date}."),
            }
        } else {
            match r % 5 {
                0 => format!("{title} will hit theaters on {date}."),
                1 => format!("The film {title} opens in theaters on {date}."),
                2 => format!("The album {title} drops on {date}."),
                3 => format!("The game {title} launches on {date} for PC and consoles."),
                _ => format!("The drama {title} premieres on {date} on tvN."),
            }
        };
        let headline = if mover {
            format!("{title} release date changes again")
        } else {
            format!("{title} gets a release date")
        };
        let teaser = FILLER[rng.usize(..FILLER.len())].to_string();
        Story {
            headline,
            teaser,
            published,
            sentence,
        }
    }

    fn article_url(&self, g: usize) -> String {
        format!("{}/a/{}/{}.html", self.base, g / self.items, g % self.items)
    }

    /// The RSS 2.0 document of feed `f`, or `None` past the last feed.
    pub fn feed(&self, f: usize) -> Option<String> {
        if f >= self.feeds {
            return None;
        }
        let mut s = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>Site {f} News</title><link>{}/</link><description>Entertainment news, site {f}</description>\n",
            self.base
        );
        for i in 0..self.items {
            let g = f * self.items + i;
            let st = self.story(g);
            let _ = writeln!(
                s,
                "<item><title>{}</title><link>{}</link><guid isPermaLink=\"false\">site-{f}-{i}</guid><pubDate>{}</pubDate><description>{}</description></item>",
                st.headline,
                self.article_url(g),
                st.published.to_rfc2822(),
                st.teaser
            );
        }
        s.push_str("</channel></rss>\n");
        Some(s)
    }

    /// The page of item `i` of feed `f`: navigation, the article, a sidebar, a footer.
    pub fn page(&self, f: usize, i: usize) -> Option<String> {
        if f >= self.feeds || i >= self.items {
            return None;
        }
        let g = f * self.items + i;
        let st = self.story(g);
        let mut rng = self.rng(g ^ 0x55);
        let author = AUTHORS[rng.usize(..AUTHORS.len())];
        let mut s = format!(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{h} | Site {f}</title><meta property=\"og:title\" content=\"{h}\"><meta property=\"article:published_time\" content=\"{p}\"><link rel=\"stylesheet\" href=\"/site.css\"></head><body>\n<header><nav><a href=\"/\">Home</a> <a href=\"/film\">Film</a> <a href=\"/tv\">TV</a> <a href=\"/music\">Music</a> <a href=\"/games\">Games</a></nav></header>\n<main><article><h1>{h}</h1><p class=\"byline\">By {author} · {d}</p>\n<p>{lead} {sentence}</p>\n",
            h = st.headline,
            p = st.published.to_rfc3339(),
            d = st.published.format("%B %-d, %Y"),
            lead = st.teaser,
            sentence = st.sentence,
        );
        for _ in 0..rng.usize(2..=9) {
            let _ = writeln!(s, "<p>{}</p>", FILLER[rng.usize(..FILLER.len())]);
        }
        s.push_str("</article><aside><h3>Trending</h3><ul>");
        for _ in 0..3 {
            let other = title_for(rng.usize(..self.releases()));
            let _ = write!(s, "<li><a href=\"/tag/{}\">{other}</a></li>", other.len());
        }
        let _ = writeln!(
            s,
            "</ul></aside></main>\n<footer><p>© 2026 Site {f}. All rights reserved.</p></footer></body></html>"
        );
        Some(s)
    }
}
