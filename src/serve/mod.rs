//! Serve: the background service and what it answers on its listen address.
//!
//! `daemon` runs the poll loop, the API server and the notifier until told to stop;
//! `api` and `web` answer over HTTP (gather, then render through `present`);
//! `agenda` reads what is coming (for `upcoming` and the calendar); `notify` delivers
//! queued changes; `sdnotify` talks to systemd.

pub mod daemon;

// What the listen address answers: the read API, and the pages for people and tools.
pub mod agenda;
pub mod api;
pub mod web;

// Telling the outside: webhooks and commands, and systemd.
pub mod notify;
pub mod sdnotify;
