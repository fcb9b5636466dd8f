//! Present: every byte people and their tools read: the CLI's tables and JSON, the
//! Atom feed, the iCalendar feed, chat payloads, the dashboard, OPML, and `poll`'s
//! progress bar.
//!
//! Renderers are pure functions: they take the time as an argument and never touch
//! the network, the disk or the clock (`tests/outputs.rs` reads their sources).

// The CLI's output: tables and JSON, dates for people, colour, the progress bar.
pub mod color;
pub mod human;
pub mod json;
pub mod progress;
pub mod report;

// Documents: the Atom feed, the calendar, chat payloads, the dashboard page, OPML,
// the `/metrics` text, and the escaping they share; `agenda` picks what is coming.
pub mod agenda;
pub mod atom;
pub mod calendar;
pub mod chat;
pub mod dashboard;
pub mod markup;
pub mod opml;
pub mod prometheus;
