//! Change buckets: each `c/` record holds up to `CAPACITY` changes in detection order.
//!
//! sled pays per record read more than per byte: a leaf page holds at most 16
//! records and is rebuilt from its log fragments on every read, so 100,000
//! one-change records cost about 22,000 reads. Four changes per record cut the
//! records fourfold. New changes wait one per record under `d/` and move into a
//! bucket four at a time, so each change is written about twice. Larger buckets
//! read faster still but make sled rewrite larger pages: at 16 per bucket the
//! 100,000-change benchmark store grew from 419 MiB to 1.5 GiB, and sled's start-up
//! time grows with the log; at 4 it is 639 MiB (`benches/loadgen`).
//!
//! A bucket is a JSON array whose items are compact JSON, one per line:
//! `[{…},\n{…}]`. Compact JSON never holds a raw newline (serde_json escapes control
//! characters in strings), so the items can be handed out as they are stored
//! without decoding them.

use crate::model::Change;

/// Changes per bucket.
pub const CAPACITY: usize = 4;

/// Whether a store key holds a bucket (`c/` merged, `d/` single).
pub fn is_bucket_key(key: &[u8]) -> bool {
    key.starts_with(b"c/") || key.starts_with(b"d/")
}

/// A bucket's stored bytes.
pub fn encode(items: &[Change]) -> Vec<u8> {
    let mut out = Vec::with_capacity(items.len() * 768 + 2);
    out.push(b'[');
    for (i, c) in items.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(b",\n");
        }
        // Serialising our own plain structs to JSON cannot fail.
        let _ = serde_json::to_writer(&mut out, c);
    }
    out.push(b']');
    out
}

/// The compact JSON of each change in a stored bucket, oldest first; `None` when the
/// bytes are not a bucket.
pub fn items(v: &[u8]) -> Option<Vec<&[u8]>> {
    let inner = v.strip_prefix(b"[")?.strip_suffix(b"]")?;
    let mut out = Vec::with_capacity(CAPACITY);
    let mut rest = inner;
    while !rest.is_empty() {
        let (item, next) = match memchr::memchr(b'\n', rest) {
            Some(i) => (&rest[..i], &rest[i + 1..]),
            None => (rest, &rest[rest.len()..]),
        };
        out.push(item.strip_suffix(b",").unwrap_or(item));
        rest = next;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(id: &str, sentence: &str) -> Change {
        let mut c = crate::model::fixtures::our_blues();
        c.id = id.into();
        c.evidence.after.sentence = sentence.into();
        c
    }

    #[test]
    fn items_come_back_as_the_compact_json_of_each_change() {
        for n in 0..=CAPACITY {
            let list: Vec<Change> = (0..n)
                .map(|i| change(&format!("id{i}"), "line\nbreak, \"quoted\" ,\n]"))
                .collect();
            let bytes = encode(&list);
            let back: Vec<Change> = serde_json::from_slice(&bytes).unwrap();
            assert_eq!(back, list, "a bucket is a JSON array of the changes");
            let raw = items(&bytes).unwrap();
            assert_eq!(raw.len(), n);
            for (r, c) in raw.iter().zip(&list) {
                assert_eq!(*r, serde_json::to_vec(c).unwrap().as_slice());
            }
        }
    }

    #[test]
    fn bytes_that_are_not_a_bucket_are_refused() {
        assert!(items(b"{\"id\":\"x\"}").is_none());
        assert!(items(b"").is_none());
        assert_eq!(items(b"[]").unwrap().len(), 0);
    }
}
