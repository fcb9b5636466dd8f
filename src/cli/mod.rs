//! The command line: what the user typed -> ready objects -> library calls -> output.
//!
//! `main.rs` only sets up logging and calls [`run`]; exit codes are decided here:
//! 0 ran, 1 the work failed (every feed failed, the store failed), 2 usage or config.
//!
//! `args` holds the clap definitions (what the user typed), `setup` what every command
//! starts from (the config, the engine, `Failure`); each command or group has a file,
//! and `client` reads through the daemon when it holds the store.

// What the user typed, and what every command starts from.
mod args;
mod setup;

// The commands.
mod backup;
mod daemon;
mod debug;
pub mod feeds;
mod poll;
mod reads;
mod upcoming;
mod watch;

// Reads through the daemon's API while it holds the store.
pub mod client;

use std::io::{self, Write};

use clap_complete::Shell;

pub use args::{Cli, Command, DirectionArg, FeedsAction, Format, WatchAction};
pub use reads::parse_since;
pub use setup::Failure;

use crate::present::{color, report};

/// Runs a parsed command line. Output errors from a closed stdout end quietly.
pub async fn run(cli: Cli) -> Result<(), Failure> {
    use std::io::IsTerminal;
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    color::set(color::decide(
        cli.color,
        no_color,
        io::stdout().is_terminal(),
    ));
    report::set_pretty_json(io::stdout().is_terminal());
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

/// Runs the command the user typed, writing what it prints to `out`.
async fn dispatch(cli: &Cli, out: &mut dyn Write) -> Result<(), Failure> {
    match &cli.command {
        Command::Daemon { listen } => daemon::run(cli, *listen).await,
        Command::Poll {
            feed,
            json,
            quiet_first,
        } => poll::run(cli, feed.as_deref(), *json, *quiet_first, out).await,
        Command::Changes { .. }
        | Command::Releases { .. }
        | Command::Upcoming { .. }
        | Command::Calendar { .. }
        | Command::Show { .. } => read_command(cli, out).await,
        Command::Watch { json, action } => watch::run(cli, action.as_ref(), *json, out),
        Command::Feeds {
            json,
            action: Some(action),
        } => feeds::run(cli, action, *json, out).await,
        Command::Feeds { json, action: None } => feeds::list(cli, *json, out).await,
        Command::Completions { shell } => completions(*shell, out),
        Command::Export => backup::export(cli, out),
        Command::Stats { json } => backup::stats(cli, *json, out),
        Command::Import { file } => backup::import(cli, file),
        Command::Man => man(out),
        Command::Extract {
            published,
            title,
            html,
            json,
            dates,
            phrases,
            file,
        } => debug::extract_cmd(
            published.as_deref(),
            title.as_deref(),
            *html,
            *json,
            debug::DateListing::of(*dates, *phrases),
            file,
            out,
        ),
        Command::Article {
            selector,
            json,
            input,
        } => debug::article_cmd(selector.as_deref(), *json, input, out).await,
    }
}

/// The commands that read the store: changes, releases, upcoming, calendar, show.
async fn read_command(cli: &Cli, out: &mut dyn Write) -> Result<(), Failure> {
    match &cli.command {
        Command::Changes {
            since,
            direction,
            release,
            limit,
            all,
            json,
            format,
            atom_url,
            watched,
        } => {
            let filter =
                reads::change_filter(since.as_deref(), *direction, release.clone(), *limit, *all)?;
            let atom = reads::AtomOptions {
                self_url: atom_url.as_deref(),
                watched: *watched,
            };
            reads::changes(cli, filter, *json, *format, atom, out).await
        }
        Command::Releases {
            query,
            json,
            watched,
        } => reads::releases(cli, query.as_deref(), *json, *watched, out).await,
        Command::Upcoming {
            days,
            watched,
            json,
        } => upcoming::upcoming(cli, *days, *watched, *json, out).await,
        Command::Calendar {
            watched,
            past_days,
            future_days,
        } => {
            let window = crate::serve::agenda::Window {
                past_days: *past_days,
                future_days: *future_days,
                watched: *watched,
            };
            upcoming::calendar(cli, &window, out).await
        }
        Command::Show { release, json } => reads::show(cli, release, *json, out).await,
        // `dispatch` sends only the commands above here.
        _ => Ok(()),
    }
}

/// `slipwatch completions`: a shell's completion script, from the clap definitions.
fn completions(shell: Shell, out: &mut dyn Write) -> Result<(), Failure> {
    let mut cmd = <Cli as clap::CommandFactory>::command();
    // Generated into memory: clap_complete panics on a write error (`| head`).
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "slipwatch", &mut script);
    out.write_all(&script)?;
    Ok(())
}

/// `slipwatch man`: the man page (roff), from the clap definitions.
fn man(out: &mut dyn Write) -> Result<(), Failure> {
    let cmd = <Cli as clap::CommandFactory>::command();
    clap_mangen::Man::new(cmd).render(out)?;
    Ok(())
}
