//! The `slipwatch` binary: logging, argument parsing, exit codes. Everything else is
//! in the library (`slipwatch::cli`).

use std::process::ExitCode;

use clap::Parser;
use slipwatch::cli::{self, Cli, Command};
use tracing_subscriber::EnvFilter;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let default = match (cli.verbose, matches!(cli.command, Command::Daemon { .. })) {
        (0, false) => "warn",
        (0, true) | (1, _) => "info",
        _ => "debug",
    };
    // `poll` prints one summary line per failed feed; the pipeline's own warning about
    // it would say the same thing again (a doubled cron mail), so it waits for -v.
    let quiet_pipeline = cli.verbose == 0 && matches!(cli.command, Command::Poll { .. });
    let extra = if quiet_pipeline {
        ",slipwatch::pipeline=error"
    } else {
        ""
    };
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new(format!("slipwatch={default}{extra},warn")));
    // Under systemd, journald stamps each line itself and shows no colours.
    let journald = std::env::var_os("JOURNAL_STREAM").is_some();
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(!journald && std::io::IsTerminal::is_terminal(&std::io::stderr()));
    if journald {
        logs.without_time().with_target(false).init();
    } else {
        logs.init();
    }
    // Third-party parsers run under catch_unwind; a caught panic is one log line, not
    // a backtrace on stderr.
    std::panic::set_hook(Box::new(|info| tracing::error!(%info, "panic")));
    // Article extraction and store commits run on the blocking pool, and commits
    // queue on one mutex: with tokio's default cap of 512 threads a 5,000-feed poll
    // kept ~240 threads, each with a stack and a malloc cache. Sixteen keep both
    // cores busy (the loadgen bench measures it).
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(16)
        .build();
    let runtime = match runtime {
        Ok(r) => r,
        Err(e) => {
            eprintln!("slipwatch: cannot start the async runtime: {e}");
            return ExitCode::from(1);
        }
    };
    match runtime.block_on(cli::run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("slipwatch: {:#}", f.error);
            ExitCode::from(f.code)
        }
    }
}
