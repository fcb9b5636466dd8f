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
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new(format!("slipwatch={default},warn")));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
    let runtime = match tokio::runtime::Runtime::new() {
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
