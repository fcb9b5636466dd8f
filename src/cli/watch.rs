//! `slipwatch watch [list|add|remove]`: the `[[watch]]` entries of feeds.toml.
//!
//! Edited in place with `toml_edit` like `feeds add`: comments and layout are kept,
//! and the result is validated before it replaces the file (`feeds::edit`).

use std::io::Write;
use std::path::Path;

use anyhow::{bail, Context as _};
use toml_edit::{value, Array, ArrayOfTables, DocumentMut, Item, Table};

use super::args::{Cli, WatchAction};
use super::feeds::edit::write_config;
use super::setup::{config_path, load_config, Failure};
use crate::config::{Config, WatchConfig};
use crate::present::report;

/// `slipwatch watch`: list by default, or add or remove an entry.
pub(super) fn run(
    cli: &Cli,
    action: Option<&WatchAction>,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    match action {
        None | Some(WatchAction::List) => {
            let config = load_config(cli)?;
            if json {
                report::json(out, &report::watch_views(&config.watch))?;
            } else {
                report::watchlist(out, &config.watch)?;
            }
            Ok(())
        }
        Some(WatchAction::Add {
            name,
            aliases,
            kind,
        }) => {
            let path = config_path(cli.config.as_deref())?;
            let text = read(&path)?;
            let entry = WatchConfig {
                name: name.trim().to_string(),
                aliases: aliases.clone(),
                kind: kind.clone(),
            };
            write_config(&path, &add_watch(&text, &path, &entry)?)?;
            writeln!(out, "watching \"{}\" (in {})", entry.name, path.display())?;
            Ok(())
        }
        Some(WatchAction::Remove { name }) => {
            let path = config_path(cli.config.as_deref())?;
            let text = read(&path)?;
            write_config(&path, &remove_watch(&text, &path, name)?)?;
            writeln!(out, "stopped watching \"{name}\" (in {})", path.display())?;
            Ok(())
        }
    }
}

fn read(path: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
}

/// The `[[watch]]` tables of a document, created when there are none.
fn watch_tables<'d>(
    doc: &'d mut DocumentMut,
    path: &Path,
) -> anyhow::Result<&'d mut ArrayOfTables> {
    let item = doc
        .entry("watch")
        .or_insert(Item::ArrayOfTables(ArrayOfTables::new()));
    match item.as_array_of_tables_mut() {
        Some(list) => Ok(list),
        None => bail!(
            "{}: `watch` is not written as [[watch]] tables; edit it by hand",
            path.display()
        ),
    }
}

/// `text` with `entry` appended as a `[[watch]]` table, everything else untouched.
/// A duplicate name is refused by the validation, with its line.
pub fn add_watch(text: &str, path: &Path, entry: &WatchConfig) -> anyhow::Result<String> {
    let mut doc: DocumentMut = text
        .parse()
        .with_context(|| format!("{}: cannot be edited", path.display()))?;
    let list = watch_tables(&mut doc, path)?;
    let mut t = Table::new();
    t.decor_mut().set_prefix("\n");
    t["name"] = value(entry.name.clone());
    if !entry.aliases.is_empty() {
        t["aliases"] = value(entry.aliases.iter().collect::<Array>());
    }
    if let Some(k) = &entry.kind {
        t["kind"] = value(k.clone());
    }
    list.push(t);
    let out = doc.to_string();
    Config::parse(&out, path)?;
    Ok(out)
}

/// `text` without the `[[watch]]` entry named `name` (case-insensitive).
pub fn remove_watch(text: &str, path: &Path, name: &str) -> anyhow::Result<String> {
    let mut doc: DocumentMut = text
        .parse()
        .with_context(|| format!("{}: cannot be edited", path.display()))?;
    let wanted = name.trim().to_lowercase();
    let list = watch_tables(&mut doc, path)?;
    let found = list.iter().position(|t| {
        t.get("name")
            .and_then(Item::as_str)
            .is_some_and(|n| n.trim().to_lowercase() == wanted)
    });
    let Some(i) = found else {
        bail!("{}: no [[watch]] entry is named {name:?}", path.display());
    };
    list.remove(i);
    if list.is_empty() {
        doc.remove("watch");
    }
    let out = doc.to_string();
    Config::parse(&out, path)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adding_and_removing_keeps_comments() {
        let text = "# mine\n[settings]\ninterval = \"1h\" # hourly\n\n[[feed]]\nname = \"a\"\nurl = \"https://a.example/rss\"\n";
        let p = Path::new("feeds.toml");
        let gta = WatchConfig {
            name: "Grand Theft Auto VI".into(),
            aliases: vec!["GTA 6".into()],
            kind: Some("game".into()),
        };
        let added = add_watch(text, p, &gta).unwrap();
        assert!(added.starts_with(text), "{added}");
        let c = Config::parse(&added, p).unwrap();
        assert_eq!(c.watch, vec![gta.clone()]);
        let dup = add_watch(&added, p, &gta).unwrap_err().to_string();
        assert!(dup.contains("duplicate watch name"), "{dup}");
        let removed = remove_watch(&added, p, "grand theft auto vi").unwrap();
        assert_eq!(removed.trim_end(), text.trim_end());
        assert!(remove_watch(text, p, "IU").is_err());
    }
}
