//! systemd's readiness protocol (`sd_notify`): `READY=1`, watchdog pings, `STOPPING=1`.
//!
//! Under `Type=notify` systemd passes a datagram socket in `$NOTIFY_SOCKET` (a path,
//! or `@name` in the abstract namespace) and, with `WatchdogSec=`, the ping interval in
//! `$WATCHDOG_USEC`. Everything here is a no-op when the variables are absent, so the
//! daemon behaves the same outside systemd. A dozen lines of std instead of a crate.

use std::os::unix::net::UnixDatagram;
use std::time::Duration;

use tokio::sync::watch;

/// Sends one notification; `false` when not under systemd or the send failed.
pub fn notify(state: &str) -> bool {
    let Some(path) = std::env::var_os("NOTIFY_SOCKET") else {
        return false;
    };
    let Ok(sock) = UnixDatagram::unbound() else {
        return false;
    };
    let bytes = path.as_encoded_bytes();
    let sent = if let Some(name) = bytes.strip_prefix(b"@") {
        abstract_send(&sock, name, state)
    } else {
        sock.send_to(state.as_bytes(), std::path::Path::new(&path))
            .is_ok()
    };
    if !sent {
        tracing::debug!(state, "sd_notify failed");
    }
    sent
}

#[cfg(target_os = "linux")]
fn abstract_send(sock: &UnixDatagram, name: &[u8], state: &str) -> bool {
    use std::os::linux::net::SocketAddrExt;
    std::os::unix::net::SocketAddr::from_abstract_name(name)
        .and_then(|addr| sock.send_to_addr(state.as_bytes(), &addr))
        .is_ok()
}

#[cfg(not(target_os = "linux"))]
fn abstract_send(_: &UnixDatagram, _: &[u8], _: &str) -> bool {
    false
}

/// The watchdog interval systemd asked for, if any (`$WATCHDOG_USEC`, honouring
/// `$WATCHDOG_PID` when it names another process).
pub fn watchdog_interval() -> Option<Duration> {
    if let Ok(pid) = std::env::var("WATCHDOG_PID") {
        if pid.trim() != std::process::id().to_string() {
            return None;
        }
    }
    let usec: u64 = std::env::var("WATCHDOG_USEC").ok()?.trim().parse().ok()?;
    (usec > 0).then(|| Duration::from_micros(usec))
}

/// Pings the watchdog at half its interval until `stop` turns true. The pings come
/// from the daemon's runtime, so a wedged runtime stops them and systemd restarts it.
pub async fn watchdog(mut stop: watch::Receiver<bool>) {
    let Some(every) = watchdog_interval() else {
        return;
    };
    let mut tick = tokio::time::interval(every / 2);
    loop {
        tokio::select! {
            _ = stop.wait_for(|s| *s) => return,
            _ = tick.tick() => {
                notify("WATCHDOG=1");
            }
        }
    }
}
