//! What the user typed: the clap definitions of every command and flag.
//!
//! Only definitions: what runs is in the command files beside this one. The man page
//! and the shell completions are generated from these.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::present::color;

#[derive(Parser, Debug)]
#[command(
    name = "slipwatch",
    version,
    about = "Watches entertainment news feeds and flags release dates that move",
    after_help = "Examples:\n  slipwatch poll --quiet-first        # first cron run: store, report nothing\n  slipwatch changes --since 7d\n  slipwatch daemon                    # dashboard at http://127.0.0.1:7878/"
)]
pub struct Cli {
    /// Config file [default: ./feeds.toml, then $XDG_CONFIG_HOME/slipwatch/feeds.toml]
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Store directory (overrides `store` in the config)
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// More log output on stderr (-v info, -vv debug); RUST_LOG overrides
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// Colour tables: auto (a terminal, unless NO_COLOR is set), always or never
    #[arg(long, global = true, value_enum, default_value_t = color::When::Auto, value_name = "WHEN")]
    pub color: color::When,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run as a background service: poll feeds on their intervals, serve the read API
    #[command(
        after_help = "Serves the dashboard (/), /changes.atom, /metrics, /healthz and the read API.\n\nExample:\n  slipwatch --config /etc/slipwatch/feeds.toml daemon --listen 127.0.0.1:7878"
    )]
    Daemon {
        /// Address of the read API (overrides `listen` in the config)
        #[arg(long)]
        listen: Option<std::net::SocketAddr>,
    },
    /// Poll every feed once and print the changes found (for cron)
    #[command(
        after_help = "Examples:\n  slipwatch poll --quiet-first    # the first run only records what is there\n  */30 * * * *  cd /srv/slipwatch && slipwatch poll 2>>poll-errors.log"
    )]
    Poll {
        /// Poll only this feed
        #[arg(long)]
        feed: Option<String>,
        #[arg(long)]
        json: bool,
        /// When the store has never been polled, record everything but report and
        /// notify nothing, so a first cron run does not mail a flood
        #[arg(long)]
        quiet_first: bool,
    },
    /// List flagged release-date changes
    #[command(
        after_help = "Examples:\n  slipwatch changes --since 7d --direction later\n  slipwatch changes --release \"our blues\" --json\n  slipwatch changes --format atom > /var/www/changes.atom"
    )]
    Changes {
        /// Only changes detected since a date (2026-05-01, RFC 3339) or a duration ago (7d)
        #[arg(long)]
        since: Option<String>,
        #[arg(long, value_enum)]
        direction: Option<DirectionArg>,
        /// Only releases whose name contains this text
        #[arg(long)]
        release: Option<String>,
        /// Only the newest N
        #[arg(long)]
        limit: Option<usize>,
        /// Unconfirmed changes too (two articles disagree, or the move is only hedged)
        #[arg(long)]
        all: bool,
        /// Same as --format json
        #[arg(long)]
        json: bool,
        /// Output format: text, json, or an Atom feed
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// The Atom feed's own URL (its rel="self" link) [default: http://LISTEN/changes.atom]
        #[arg(long, value_name = "URL")]
        atom_url: Option<String>,
        /// Only releases on the watchlist ([[watch]] in feeds.toml)
        #[arg(long)]
        watched: bool,
    },
    /// List tracked releases with their current dates
    #[command(
        after_help = "Examples:\n  slipwatch releases\n  slipwatch releases blues --json\n  slipwatch releases --watched"
    )]
    Releases {
        query: Option<String>,
        #[arg(long)]
        json: bool,
        /// Only releases on the watchlist
        #[arg(long)]
        watched: bool,
    },
    /// Releases dated in the next days, soonest first, with how their dates moved
    #[command(
        after_help = "Examples:\n  slipwatch upcoming\n  slipwatch upcoming --days 90 --watched\n  slipwatch upcoming --json"
    )]
    Upcoming {
        /// How many days ahead, today included
        #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u32).range(0..=36500))]
        days: u32,
        /// Only releases on the watchlist
        #[arg(long)]
        watched: bool,
        #[arg(long)]
        json: bool,
    },
    /// Print the iCalendar document of /calendar.ics (for cron or static hosting)
    #[command(
        after_help = "Examples:\n  slipwatch calendar > /var/www/releases.ics\n  slipwatch calendar --watched --past-days 30 --future-days 180"
    )]
    Calendar {
        /// Only releases on the watchlist
        #[arg(long)]
        watched: bool,
        /// Days back from today whose releases are included
        #[arg(long, default_value_t = 7, value_parser = clap::value_parser!(u32).range(0..=36500))]
        past_days: u32,
        /// Days ahead of today whose releases are included
        #[arg(long, default_value_t = 365, value_parser = clap::value_parser!(u32).range(0..=36500))]
        future_days: u32,
    },
    /// The watchlist: list, add or remove [[watch]] entries in feeds.toml
    #[command(
        after_help = "Examples:\n  slipwatch watch add \"Grand Theft Auto VI\" --alias \"GTA 6\" --kind game\n  slipwatch watch add IU --kind artist\n  slipwatch watch remove IU\n  slipwatch watch"
    )]
    Watch {
        #[arg(long)]
        json: bool,
        #[command(subcommand)]
        action: Option<WatchAction>,
    },
    /// Show one release's timeline: sightings and changes
    #[command(after_help = "Example:\n  slipwatch show \"Our Blues OST\"")]
    Show {
        release: String,
        #[arg(long)]
        json: bool,
    },
    /// Per-feed health (last success, last error, items, next poll) and notify targets;
    /// import, export or add feeds
    #[command(
        after_help = "Examples:\n  slipwatch feeds\n  slipwatch feeds add https://www.soompi.com/\n  slipwatch feeds import reader-export.opml\n  slipwatch feeds export > feeds.opml"
    )]
    Feeds {
        #[arg(long)]
        json: bool,
        #[command(subcommand)]
        action: Option<FeedsAction>,
    },
    /// Print a shell completion script
    #[command(
        after_help = "Examples:\n  slipwatch completions bash > /etc/bash_completion.d/slipwatch\n  slipwatch completions zsh > \"${fpath[1]}/_slipwatch\""
    )]
    Completions { shell: clap_complete::Shell },
    /// Print the man page (roff), generated from these definitions
    #[command(after_help = "Example:\n  slipwatch man > /usr/local/share/man/man1/slipwatch.1")]
    Man,
    /// Store size, records per kind and bytes per sighting (stop the daemon first)
    #[command(after_help = "Example:\n  slipwatch stats --json")]
    Stats {
        #[arg(long)]
        json: bool,
    },
    /// Write the whole store as JSON Lines (a backup; stop the daemon first)
    #[command(after_help = "Example:\n  slipwatch export > slipwatch-backup.jsonl")]
    Export,
    /// Rebuild a new, empty store from an `export` file
    #[command(
        after_help = "Example:\n  slipwatch --db ./slipwatch-restored import slipwatch-backup.jsonl"
    )]
    Import {
        /// JSON Lines written by `slipwatch export`, or - for stdin
        file: String,
    },
    /// Run date extraction on one article (text, or HTML with --html); needs no store
    #[command(
        after_help = "Examples:\n  slipwatch extract --published 2022-04-21 article.txt\n  slipwatch extract --html --json page.html\n  slipwatch extract --dates --json --published 2022-04-21 article.txt"
    )]
    Extract {
        /// Publication time the dates resolve against [default: the page's, else now]
        #[arg(long)]
        published: Option<String>,
        /// The headline
        #[arg(long)]
        title: Option<String>,
        /// The input is an HTML page: take the article text out first
        #[arg(long)]
        html: bool,
        #[arg(long)]
        json: bool,
        /// List every date expression (text, character span, days, and whether
        /// it became a release date) instead of the mentions
        #[arg(long)]
        dates: bool,
        /// With --dates: every input line is one standalone date phrase
        #[arg(long, requires = "dates")]
        phrases: bool,
        /// File to read, or - for stdin
        #[arg(default_value = "-")]
        file: String,
    },
    /// Show what the article stage takes out of one page (FILE or http(s) URL)
    #[command(
        after_help = "Examples:\n  slipwatch article --json https://example.com/news/some-story\n  slipwatch article --selector \"div.entry-content\" page.html"
    )]
    Article {
        /// CSS selector for the article body, as `article_selector` in feeds.toml
        #[arg(long)]
        selector: Option<String>,
        #[arg(long)]
        json: bool,
        input: String,
    },
}

#[derive(Subcommand, Debug)]
pub enum FeedsAction {
    /// Add the feeds of an OPML file (from a feed reader) to the config
    #[command(after_help = "Example:\n  slipwatch feeds import ~/Downloads/feedly.opml --dry-run")]
    Import {
        file: PathBuf,
        /// Show what would be added without changing the config
        #[arg(long)]
        dry_run: bool,
    },
    /// Print the configured feeds as OPML
    #[command(after_help = "Example:\n  slipwatch feeds export > slipwatch.opml")]
    Export,
    /// Add a feed by its URL or by a page of the site (the feed is discovered)
    #[command(
        after_help = "Examples:\n  slipwatch feeds add https://variety.com/feed/\n  slipwatch feeds add https://www.soompi.com/ --name Soompi --group K-pop"
    )]
    Add {
        url: String,
        /// Feed name [default: the feed's title]
        #[arg(long)]
        name: Option<String>,
        /// Folder for OPML export
        #[arg(long)]
        group: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
pub enum WatchAction {
    /// Print the watchlist
    #[command(after_help = "Example:\n  slipwatch watch list --json")]
    List,
    /// Add a [[watch]] entry (comments and layout of feeds.toml are kept)
    #[command(
        after_help = "Example:\n  slipwatch watch add \"Grand Theft Auto VI\" --alias \"GTA 6\" --kind game"
    )]
    Add {
        /// A release title, an artist or a franchise
        name: String,
        /// Another name it goes by (repeat for more)
        #[arg(long = "alias", value_name = "NAME")]
        aliases: Vec<String>,
        /// What it is: film, album, game, ... (shown, not matched)
        #[arg(long)]
        kind: Option<String>,
    },
    /// Remove the [[watch]] entry with this name (case-insensitive)
    #[command(after_help = "Example:\n  slipwatch watch remove IU")]
    Remove { name: String },
}

/// How `changes` prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
    Atom,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum DirectionArg {
    Earlier,
    Later,
}
