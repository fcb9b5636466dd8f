//! The command line: what the user typed -> ready objects -> library calls -> output.
//!
//! `main.rs` only sets up logging and calls [`run`]; exit codes are decided here:
//! 0 ran, 1 the work failed (every feed failed, the store failed), 2 usage or config.

pub mod client;
pub mod feeds;

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{anyhow, Context as _};
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use clap::{Parser, Subcommand, ValueEnum};

use crate::cli::client::Reader;
use crate::config::{Config, ConfigError};
use crate::ingest::charset;
use crate::ingest::fetch::{Fetched, Fetcher};
use crate::model::Direction;
use crate::pipeline::{self, Engine};
use crate::present::report;
use crate::track::store::{ChangeFilter, Store, StoreError};
use crate::{article, extract};

/// Largest input `extract` and `article` read from a file or stdin.
const MAX_INPUT: u64 = 64 << 20;

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
    #[arg(long, global = true, value_enum, default_value_t = crate::present::color::When::Auto, value_name = "WHEN")]
    pub color: crate::present::color::When,
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
        /// Same as --format json
        #[arg(long)]
        json: bool,
        /// Output format: text, json, or an Atom feed
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// The Atom feed's own URL (its rel="self" link) [default: http://LISTEN/changes.atom]
        #[arg(long, value_name = "URL")]
        atom_url: Option<String>,
    },
    /// List tracked releases with their current dates
    #[command(after_help = "Examples:\n  slipwatch releases\n  slipwatch releases blues --json")]
    Releases {
        query: Option<String>,
        #[arg(long)]
        json: bool,
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
        after_help = "Examples:\n  slipwatch extract --published 2022-04-21 article.txt\n  slipwatch extract --html --json page.html"
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

/// An error with the exit code it maps to.
pub struct Failure {
    pub code: u8,
    pub error: anyhow::Error,
}

impl<E: Into<anyhow::Error>> From<E> for Failure {
    fn from(e: E) -> Self {
        let error = e.into();
        let code = if error.downcast_ref::<ConfigError>().is_some() {
            2
        } else {
            1
        };
        Failure { code, error }
    }
}

fn usage(msg: String) -> Failure {
    Failure {
        code: 2,
        error: anyhow!(msg),
    }
}

/// Finds the config file: `--config`, else ./feeds.toml, else the XDG location.
fn config_path(explicit: Option<&Path>) -> Result<PathBuf, Failure> {
    if let Some(p) = explicit {
        return Ok(p.to_path_buf());
    }
    let local = PathBuf::from("feeds.toml");
    if local.exists() {
        return Ok(local);
    }
    let xdg = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")));
    if let Some(p) = xdg
        .map(|d| d.join("slipwatch/feeds.toml"))
        .filter(|p| p.exists())
    {
        return Ok(p);
    }
    Err(usage(
        "no config: pass --config, or create ./feeds.toml or $XDG_CONFIG_HOME/slipwatch/feeds.toml"
            .into(),
    ))
}

fn load_config(cli: &Cli) -> Result<Config, Failure> {
    let mut c = Config::load(&config_path(cli.config.as_deref())?)?;
    if let Some(db) = &cli.db {
        c.settings.store = db.clone();
    }
    Ok(c)
}

/// Parses `--since`: a date, an RFC 3339 time, or a duration back from `now`.
pub fn parse_since(s: &str, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc));
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some(d.and_hms_opt(0, 0, 0)?.and_utc());
    }
    let d = humantime::parse_duration(s).ok()?;
    Some(now - chrono::Duration::from_std(d).ok()?)
}

/// Runs a parsed command line. Output errors from a closed stdout end quietly.
pub async fn run(cli: Cli) -> Result<(), Failure> {
    use std::io::IsTerminal;
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    crate::present::color::set(crate::present::color::decide(
        cli.color,
        no_color,
        io::stdout().is_terminal(),
    ));
    crate::present::report::set_pretty_json(io::stdout().is_terminal());
    // Rust's stdout flushes at every newline: pretty JSON of 100,000 changes was 3.4
    // million write(2) calls. One buffer, flushed below, writes it in 64 KiB pieces.
    let mut out = io::BufWriter::with_capacity(64 << 10, io::stdout().lock());
    let result = dispatch(&cli, &mut out).await;
    match result {
        Err(f)
            if f.error
                .downcast_ref::<io::Error>()
                .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe) =>
        {
            Ok(())
        }
        other => other.and_then(|()| {
            out.flush()
                .or_else(|e| {
                    if e.kind() == io::ErrorKind::BrokenPipe {
                        Ok(())
                    } else {
                        Err(e)
                    }
                })
                .map_err(Failure::from)
        }),
    }
}

async fn dispatch(cli: &Cli, out: &mut dyn Write) -> Result<(), Failure> {
    match &cli.command {
        Command::Daemon { listen } => daemon(cli, *listen).await,
        Command::Poll {
            feed,
            json,
            quiet_first,
        } => poll(cli, feed.as_deref(), *json, *quiet_first, out).await,
        Command::Changes {
            since,
            direction,
            release,
            limit,
            json,
            format,
            atom_url,
        } => {
            let since = match since {
                Some(s) => Some(parse_since(s, Utc::now()).ok_or_else(|| usage(format!("--since {s:?}: give a date (2026-05-01), an RFC 3339 time or a duration (7d)")))?),
                None => None,
            };
            let filter = ChangeFilter {
                since,
                direction: direction.map(|d| match d {
                    DirectionArg::Earlier => Direction::Earlier,
                    DirectionArg::Later => Direction::Later,
                }),
                release: release.clone(),
                limit: *limit,
            };
            let config = load_config(cli)?;
            let reader = match Reader::open(&config).await? {
                Reader::Local(store) if *json || matches!(format, Format::Json) => {
                    // The stored JSON printed as it is: no decode and re-encode.
                    let mut array = report::JsonArray::new(out);
                    store.changes_json(&filter, |v| array.push(v).map_err(Failure::from))?;
                    array.finish()?;
                    store.close_for_exit()?;
                    return Ok(());
                }
                reader => reader,
            };
            let list = reader.changes(&filter).await?;
            reader.close()?;
            match (*json, format) {
                (true, _) | (false, Format::Json) => report::json(out, &list)?,
                (false, Format::Text) => report::changes(out, &list, Utc::now())?,
                (false, Format::Atom) => {
                    let self_url = atom_url.clone().unwrap_or_else(|| {
                        format!("http://{}/changes.atom", config.settings.listen)
                    });
                    out.write_all(
                        crate::present::atom::render(
                            &list,
                            &crate::present::atom::FeedMeta {
                                self_url: &self_url,
                                generated: Utc::now(),
                            },
                        )
                        .as_bytes(),
                    )?
                }
            }
            Ok(())
        }
        Command::Releases { query, json } => {
            let config = load_config(cli)?;
            let list = Reader::open(&config)
                .await?
                .releases(query.as_deref())
                .await?;
            if *json {
                report::json(out, &list)?
            } else {
                report::releases(out, &list, Utc::now())?
            }
            Ok(())
        }
        Command::Show { release, json } => {
            let config = load_config(cli)?;
            let Some(h) = Reader::open(&config).await?.history(release).await? else {
                return Err(Failure {
                    code: 1,
                    error: anyhow!("no release matches {release:?}; see `slipwatch releases`"),
                });
            };
            if *json {
                report::json(out, &h)?
            } else {
                report::history(out, &h, Utc::now())?
            }
            Ok(())
        }
        Command::Feeds {
            json,
            action: Some(action),
        } => crate::cli::feeds::run(cli, action, *json, out).await,
        Command::Feeds { json, action: None } => {
            let config = load_config(cli)?;
            let reader = Reader::open(&config).await?;
            let list = reader.feeds(&config).await?;
            if *json {
                report::json(out, &list)?
            } else {
                report::feeds(out, &list, Utc::now())?;
                report::notify(out, &reader.notifiers(&config).await?, Utc::now())?;
            }
            Ok(())
        }
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            // Generated into memory: clap_complete panics on a write error (`| head`).
            let mut script = Vec::new();
            clap_complete::generate(*shell, &mut cmd, "slipwatch", &mut script);
            out.write_all(&script)?;
            Ok(())
        }
        Command::Export => {
            let config = load_config(cli)?;
            let store = Store::open(&config.settings.store, config.settings.cache_bytes)?;
            let stats = crate::track::backup::export(&store, out)?;
            if stats.unreadable > 0 {
                eprintln!(
                    "slipwatch: {} unreadable records were left out",
                    stats.unreadable
                );
            }
            Ok(())
        }
        Command::Import { file } => {
            let config = load_config(cli)?;
            let store = Store::open(&config.settings.store, config.settings.cache_bytes)?;
            let n = if file == "-" {
                crate::track::backup::import(&store, &mut io::stdin().lock(), "<stdin>")?
            } else {
                let f = std::fs::File::open(file).with_context(|| format!("reading {file}"))?;
                crate::track::backup::import(&store, &mut io::BufReader::new(f), file)?
            };
            eprintln!(
                "slipwatch: imported {n} records into {}",
                config.settings.store.display()
            );
            Ok(())
        }
        Command::Man => {
            let cmd = <Cli as clap::CommandFactory>::command();
            clap_mangen::Man::new(cmd).render(out)?;
            Ok(())
        }
        Command::Extract {
            published,
            title,
            html,
            json,
            file,
        } => extract_cmd(
            published.as_deref(),
            title.as_deref(),
            *html,
            *json,
            file,
            out,
        ),
        Command::Article {
            selector,
            json,
            input,
        } => article_cmd(selector.as_deref(), *json, input, out).await,
    }
}

/// Loads the config (for `feeds` subcommands).
pub fn config_for(cli: &Cli) -> Result<Config, Failure> {
    load_config(cli)
}

/// The config file `--config` or the default search names (for editing it).
pub fn config_file(cli: &Cli) -> Result<PathBuf, Failure> {
    config_path(cli.config.as_deref())
}

/// A usage error (exit code 2).
pub fn usage_error(msg: String) -> Failure {
    usage(msg)
}

fn open_engine(config: Config) -> Result<Engine, Failure> {
    let store = Store::open(&config.settings.store, config.settings.cache_bytes)?;
    let fetcher = Fetcher::new(&config.settings)?;
    Ok(Engine {
        config: Arc::new(config),
        store: Arc::new(store),
        fetcher,
    })
}

async fn daemon(cli: &Cli, listen: Option<std::net::SocketAddr>) -> Result<(), Failure> {
    // Handlers first: a SIGTERM during start-up must still end in an orderly stop.
    let stop = shutdown_signal()?;
    let mut config = load_config(cli)?;
    if let Some(l) = listen {
        config.settings.listen = l;
    }
    let addr = config.settings.listen;
    // A CLI read may hold the store for a moment (it opens it when no daemon runs):
    // wait for it rather than fail the start.
    let mut tries = 0;
    let engine = loop {
        match open_engine(config.clone()) {
            Err(f)
                if tries < 50
                    && f.error
                        .downcast_ref::<StoreError>()
                        .is_some_and(|e| matches!(e, StoreError::Locked { .. })) =>
            {
                tries += 1;
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
            other => break other?,
        }
    };
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("cannot listen on {addr}"))?;
    tracing::info!(%addr, feeds = engine.config.feeds.len(), "daemon started");
    crate::serve::daemon::run(engine, listener, stop).await?;
    Ok(())
}

/// Registers SIGTERM and SIGINT now and returns a future that resolves on either.
fn shutdown_signal() -> io::Result<impl std::future::Future<Output = ()>> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let mut term = signal(SignalKind::terminate())?;
        let mut int = signal(SignalKind::interrupt())?;
        Ok(async move {
            tokio::select! {
                _ = term.recv() => {}
                _ = int.recv() => {}
            }
        })
    }
    #[cfg(not(unix))]
    {
        Ok(async {
            let _ = tokio::signal::ctrl_c().await;
        })
    }
}

async fn poll(
    cli: &Cli,
    feed: Option<&str>,
    json: bool,
    quiet_first: bool,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let config = load_config(cli)?;
    if let Some(name) = feed {
        if !config.feeds.iter().any(|f| f.name == name) {
            return Err(usage(format!(
                "no feed named {name:?} in {}",
                config.path.display()
            )));
        }
    }
    let polled = config
        .feeds
        .iter()
        .filter(|f| feed.is_none_or(|n| f.name == n))
        .count();
    let mut seeding = false;
    let reports = match open_engine(config.clone()) {
        Ok(engine) => {
            seeding =
                (quiet_first || config.settings.quiet_first) && !engine.store.ever_polled()?;
            if !seeding {
                engine
                    .store
                    .set_notify_targets(config.notify.iter().map(|n| n.name.clone()).collect());
            }
            let names = config
                .feeds
                .iter()
                .filter(|f| feed.is_none_or(|n| f.name == n))
                .map(|f| f.name.clone())
                .collect();
            let bar =
                crate::present::progress::Progress::start(engine.store.clone(), names, Utc::now());
            let r = pipeline::poll_all(&engine, feed).await;
            if let Some(b) = bar {
                b.finish().await;
            }
            crate::cli::feeds::deliver_after_poll(&engine).await;
            engine.store.flush()?;
            r
        }
        Err(f)
            if f.error
                .downcast_ref::<StoreError>()
                .is_some_and(|e| matches!(e, StoreError::Locked { .. })) =>
        {
            // The daemon holds the store: hand it the poll so the work still happens.
            let Reader::Daemon(daemon) = Reader::open(&config).await? else {
                return Err(Failure {
                    code: 1,
                    error: anyhow!("the store was busy; try again"),
                });
            };
            eprintln!("slipwatch: the daemon holds the store; it ran this poll");
            daemon.poll(feed).await?
        }
        Err(f) => return Err(f),
    };
    let mut changes = Vec::new();
    let mut failed = 0;
    for r in reports {
        if let Some(e) = &r.error {
            failed += 1;
            eprintln!(
                "slipwatch: feed {}: {}",
                report::clean(&r.feed),
                report::clean(e)
            );
        }
        changes.extend(r.changes);
    }
    if seeding {
        eprintln!(
            "slipwatch: first poll: recorded {} without reporting them; later polls report moves",
            crate::present::human::plural(changes.len() as u64, "change")
        );
        changes.clear();
    }
    if json {
        report::json(out, &changes)?;
    } else {
        report::changes(out, &changes, Utc::now())?;
    }
    if polled > 0 && failed == polled {
        return Err(Failure {
            code: 1,
            error: anyhow!("every feed failed"),
        });
    }
    Ok(())
}

fn read_input(file: &str) -> Result<Vec<u8>, Failure> {
    let mut bytes = Vec::new();
    if file == "-" {
        io::stdin()
            .take(MAX_INPUT)
            .read_to_end(&mut bytes)
            .context("reading stdin")?;
    } else {
        std::fs::File::open(file)
            .and_then(|f| f.take(MAX_INPUT).read_to_end(&mut bytes))
            .with_context(|| format!("reading {file}"))?;
    }
    Ok(bytes)
}

fn extract_cmd(
    published: Option<&str>,
    title: Option<&str>,
    html: bool,
    json: bool,
    file: &str,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let bytes = read_input(file)?;
    let given = match published {
        Some(p) => Some(parse_published(p).ok_or_else(|| {
            usage(format!(
                "--published {p:?}: give an RFC 3339 time or a date"
            ))
        })?),
        None => None,
    };
    let (text, page) = if html {
        let a = article::extract_article(&charset::decode_html(&bytes, None), None);
        (a.text.clone(), Some(a))
    } else {
        (String::from_utf8_lossy(&bytes).into_owned(), None)
    };
    let published = given
        .or_else(|| page.as_ref().and_then(|a| a.published))
        .unwrap_or_else(|| Utc::now().fixed_offset());
    let hints = page.as_ref().map(|a| a.hints.clone()).unwrap_or_default();
    let title = title
        .map(str::to_string)
        .or_else(|| page.as_ref().and_then(|a| a.title.clone()));
    let ctx = extract::Context {
        published,
        title: title.as_deref(),
        hints: &hints,
    };
    let x = extract::extract(&text, &ctx);
    if json {
        report::json(out, &x)?;
        return Ok(());
    }
    for m in &x.mentions {
        let date = m.date.as_ref().map_or("indefinite", |d| d.label.as_str());
        let role = match m.role {
            crate::model::Role::Current => "current",
            crate::model::Role::Previous => "previous",
        };
        writeln!(
            out,
            "{date:<12} {role:<8} {}  ({:.2})  {}",
            report::clean(&m.subject),
            m.confidence,
            report::clean(&m.sentence)
        )?;
    }
    for c in &x.changes {
        let f = c.from.as_ref().map_or("?", |d| d.label.as_str());
        let t = c.to.as_ref().map_or("indefinite", |d| d.label.as_str());
        writeln!(
            out,
            "moved {}: {} {f} -> {t}",
            c.direction.as_str(),
            report::clean(&c.subject)
        )?;
    }
    Ok(())
}

/// An RFC 3339 time, or a bare date taken as midnight UTC.
fn parse_published(s: &str) -> Option<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(s).ok().or_else(|| {
        Some(
            NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .ok()?
                .and_hms_opt(0, 0, 0)?
                .and_utc()
                .fixed_offset(),
        )
    })
}

async fn article_cmd(
    selector: Option<&str>,
    json: bool,
    input: &str,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    if let Some(sel) = selector {
        article::check_selector(sel).map_err(|e| usage(format!("--selector: {e}")))?;
    }
    let html = if input.starts_with("http://") || input.starts_with("https://") {
        let url = url::Url::parse(input).map_err(|e| usage(format!("{input}: {e}")))?;
        let settings = Config::parse("", Path::new("feeds.toml"))?.settings;
        match Fetcher::new(&settings)?
            .get(
                &url,
                crate::ingest::fetch::Request {
                    validators: None,
                    cap: settings.max_page_bytes,
                    access: crate::ingest::fetch::Access::Any,
                    user_agent: None,
                },
            )
            .await
            .with_context(|| input.to_string())?
        {
            Fetched::Body(b) => charset::decode_html(
                &b.bytes,
                b.content_type.as_deref().and_then(charset::header_charset),
            ),
            Fetched::NotModified(_) => String::new(),
        }
    } else {
        charset::decode_html(&read_input(input)?, None)
    };
    let a = article::extract_article(&html, selector);
    if json {
        report::json(out, &a)?;
        return Ok(());
    }
    writeln!(
        out,
        "title:     {}",
        report::clean(a.title.as_deref().unwrap_or(""))
    )?;
    writeln!(
        out,
        "published: {}",
        a.published.map(|p| p.to_rfc3339()).unwrap_or_default()
    )?;
    if a.selector_matched == Some(false) {
        writeln!(out, "selector:  matched nothing; heuristics used")?;
    }
    writeln!(out)?;
    for para in a.text.split("\n\n") {
        writeln!(out, "{}\n", report::clean(para))?;
    }
    Ok(())
}
