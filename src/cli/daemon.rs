//! `slipwatch daemon`: the store opened (waiting out a CLI read that holds it), the
//! listen address bound, SIGTERM and SIGINT wired to an orderly stop, then
//! `serve::daemon::run`.

use std::io;
use std::net::SocketAddr;

use anyhow::Context as _;

use super::args::Cli;
use super::setup::{load_config, open_engine, Failure};

/// Runs the daemon until SIGTERM or SIGINT.
pub(super) async fn run(cli: &Cli, listen: Option<SocketAddr>) -> Result<(), Failure> {
    crate::serve::daemon::fix_mmap_threshold();
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
            Err(f) if tries < 50 && f.store_locked() => {
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
