//! Terminal colour: on for a terminal, off when piped, under `NO_COLOR`, or with
//! `--color never`; `--color always` forces it.
//!
//! The choice is made once by the CLI ([`set`]) and read by `report` when it writes a
//! table; JSON, Atom, OPML and the man page are never coloured.

use std::sync::atomic::{AtomicBool, Ordering};

use clap::ValueEnum;

static ENABLED: AtomicBool = AtomicBool::new(false);

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum When {
    /// Colour when stdout is a terminal and NO_COLOR is unset
    #[default]
    Auto,
    Always,
    Never,
}

/// Whether to colour: `no_color` is whether `NO_COLOR` is set to a non-empty value.
pub fn decide(when: When, no_color: bool, is_terminal: bool) -> bool {
    match when {
        When::Always => true,
        When::Never => false,
        When::Auto => is_terminal && !no_color,
    }
}

pub fn set(on: bool) {
    ENABLED.store(on, Ordering::Relaxed);
}

pub fn enabled() -> bool {
    ENABLED.load(Ordering::Relaxed)
}

fn paint(code: &str, text: &str) -> String {
    if enabled() {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

pub fn red(text: &str) -> String {
    paint("31", text)
}

pub fn green(text: &str) -> String {
    paint("32", text)
}

pub fn yellow(text: &str) -> String {
    paint("33", text)
}

pub fn bold(text: &str) -> String {
    paint("1", text)
}

pub fn dim(text: &str) -> String {
    paint("2", text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_and_pipes_turn_colour_off_unless_forced() {
        assert!(decide(When::Auto, false, true));
        assert!(!decide(When::Auto, true, true));
        assert!(!decide(When::Auto, false, false));
        assert!(decide(When::Always, true, false));
        assert!(!decide(When::Never, false, true));
    }
}
