//! The JSON that schema 2 stored, made from schema-3 records: what `export` writes,
//! so that a backup reads as every earlier one did and imports into any version.

use std::collections::HashMap;

use super::compact::{self, ArticleRec, OrderKey};
use super::replay::Node;
use super::upkeep::decode_item;
use super::{reads, Store, StoreError};

/// Articles held while exporting; dropped whole when this many are cached.
const ARTICLE_CACHE: usize = 8192;

/// The export's view of one record.
pub enum Legacy {
    /// Export this key and value as they are.
    AsIs,
    /// Export this key and JSON value instead.
    Json(Vec<u8>, Vec<u8>),
    /// Leave it out: folded into other records (`a/`), or nothing to show yet.
    Skip,
}

impl Store {
    /// How record `k` appears in a schema-2 export. `articles` caches article records
    /// between calls.
    pub(crate) fn legacy(
        &self,
        k: &[u8],
        v: &[u8],
        articles: &mut HashMap<String, ArticleRec>,
    ) -> Result<Legacy, StoreError> {
        let json = |value: &dyn erased::Json| value.to_json();
        Ok(match k.get(..2) {
            Some(b"m/") if k == b"m/schema" => Legacy::Json(k.to_vec(), b"2".to_vec()),
            Some(b"a/") => Legacy::Skip,
            Some(b"i/") if !compact::is_json(v) => {
                Legacy::Json(k.to_vec(), json(&decode_item(k, v)?))
            }
            Some(b"r/") if !compact::is_json(v) => match reads::release_of(k, v)? {
                Some(r) => Legacy::Json(k.to_vec(), json(&r)),
                None => Legacy::Skip,
            },
            Some(b"t/") => {
                let rest = &k[2..];
                let cut = rest.iter().position(|b| *b == 0).unwrap_or(rest.len());
                let release = String::from_utf8_lossy(&rest[..cut]).into_owned();
                let at = OrderKey(rest.get(cut + 1..).unwrap_or_default().to_vec());
                let node = Node::decode(k, at, v)?;
                if articles.len() >= ARTICLE_CACHE {
                    articles.clear();
                }
                let s = node.sighting(&release, self.article(articles, &node.rec.article)?)?;
                let key = format!("s/{release}\0{}", s.id).into_bytes();
                Legacy::Json(key, json(&s))
            }
            _ => Legacy::AsIs,
        })
    }
}

/// Serialising to JSON through one object-safe method.
mod erased {
    pub trait Json {
        fn to_json(&self) -> Vec<u8>;
    }

    impl<T: serde::Serialize> Json for T {
        fn to_json(&self) -> Vec<u8> {
            // Serialising our own plain structs to JSON cannot fail.
            serde_json::to_vec(self).unwrap_or_default()
        }
    }
}
