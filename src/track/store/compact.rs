//! Schema 3's binary records: a version byte, then postcard.
//!
//! The store owns these structs rather than encoding the model's types directly:
//! postcard is not self-describing, so serde attributes such as
//! `skip_serializing_if` would break decoding, and a model field added later must not
//! silently change what is on disk. Each record starts with `VERSION`; a record type
//! that gains a field bumps its own version and decodes the older one with the
//! field's default: sightings and releases are at `VERSION_REFS`, whose cursors name
//! the record's own key by reference. A JSON value starts with `{` or `[`, which no
//! version byte is, so a record left in schema 2's JSON is told apart by its first
//! byte.
//!
//! Sightings live under `t/<release>\0<order key>`: the order key is what
//! `diff::order` sorts by (publication time, URL, role, first seen, date, release,
//! id), so a release's
//! sightings come out of sled already in timeline order. The article a sighting was
//! read from (URL, feed, publication time, sentences) is stored once, under `a/`.

use chrono::{DateTime, Utc};
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::StoreError;
use crate::model::{Direction, Period, Role};

/// The version byte every schema-3 record starts with.
pub const VERSION: u8 = 1;

/// Sightings and releases written since their cursors name their own key by
/// reference (`AfterRef`): the cursor after a sighting is that sighting itself in
/// the usual case, and a release's tail is its last sighting, so writing the key
/// out again took a third of each record.
pub const VERSION_REFS: u8 = 2;

/// A record's bytes: the version byte, then postcard.
pub fn encode<T: Serialize>(v: &T) -> Vec<u8> {
    encode_as(VERSION, v)
}

/// Decodes a record written by `encode`; anything else is `Corrupt`.
pub fn decode<T: DeserializeOwned>(key: &[u8], bytes: &[u8]) -> Result<T, StoreError> {
    match bytes.split_first() {
        Some((&VERSION, rest)) => postcard_of(key, rest),
        Some((v, _)) => Err(corrupt(key, format!("unknown record version {v}"))),
        None => Err(corrupt(key, "empty record".into())),
    }
}

fn corrupt(key: &[u8], reason: String) -> StoreError {
    StoreError::Corrupt {
        key: String::from_utf8_lossy(key).into_owned(),
        reason,
    }
}

fn postcard_of<T: DeserializeOwned>(key: &[u8], rest: &[u8]) -> Result<T, StoreError> {
    postcard::from_bytes(rest).map_err(|e| corrupt(key, e.to_string()))
}

fn encode_as<T: Serialize>(version: u8, v: &T) -> Vec<u8> {
    let mut out = vec![version];
    // Serialising our own plain structs into a Vec cannot fail.
    if let Ok(bytes) = postcard::to_allocvec(v) {
        out.extend_from_slice(&bytes);
    }
    out
}

/// Whether stored bytes are schema 2's JSON rather than a binary record.
pub fn is_json(bytes: &[u8]) -> bool {
    matches!(bytes.first(), Some(b'{' | b'['))
}

/// A point in time, exactly (seconds and nanoseconds), in a few bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp(pub i64, pub u32);

impl From<DateTime<Utc>> for Stamp {
    fn from(t: DateTime<Utc>) -> Stamp {
        Stamp(t.timestamp(), t.timestamp_subsec_nanos())
    }
}

impl Stamp {
    pub fn time(self, key: &[u8]) -> Result<DateTime<Utc>, StoreError> {
        DateTime::from_timestamp(self.0, self.1).ok_or_else(|| StoreError::Corrupt {
            key: String::from_utf8_lossy(key).into_owned(),
            reason: format!("time {}.{} is out of range", self.0, self.1),
        })
    }

    /// Twelve bytes that sort as the times do.
    fn sortable(self, out: &mut Vec<u8>) {
        out.extend_from_slice(&((self.0 as u64) ^ (1 << 63)).to_be_bytes());
        out.extend_from_slice(&self.1.to_be_bytes());
    }

    fn from_sortable(b: &[u8]) -> Option<Stamp> {
        let secs = u64::from_be_bytes(b.get(..8)?.try_into().ok()?) ^ (1 << 63);
        let nanos = u32::from_be_bytes(b.get(8..12)?.try_into().ok()?);
        Some(Stamp(secs as i64, nanos))
    }
}

/// A period as its label (`Period::from_label` gives the rest back).
pub fn label(p: &Option<Period>) -> Option<String> {
    p.as_ref().map(|p| p.label.clone())
}

pub fn period(key: &[u8], label: &Option<String>) -> Result<Option<Period>, StoreError> {
    label
        .as_deref()
        .map(|l| {
            Period::from_label(l).ok_or_else(|| StoreError::Corrupt {
                key: String::from_utf8_lossy(key).into_owned(),
                reason: format!("{l:?} is not a period"),
            })
        })
        .transpose()
}

/// Where a sighting sits in its release's timeline: `diff::order`'s sort key as bytes.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct OrderKey(pub Vec<u8>);

impl OrderKey {
    /// The key of a sighting: what `diff::order` sorts by, in the same order.
    pub fn of(s: &crate::model::Sighting) -> Self {
        Self::new(
            s.published,
            &s.url,
            s.role,
            s.first_seen,
            s.date.as_ref(),
            &s.release,
            &s.id,
        )
    }

    pub fn new(
        published: DateTime<Utc>,
        url: &str,
        role: Role,
        first_seen: DateTime<Utc>,
        date: Option<&Period>,
        release: &str,
        id: &str,
    ) -> Self {
        let mut k = Vec::with_capacity(48 + url.len() + release.len() + id.len());
        Stamp::from(published).sortable(&mut k);
        // A URL holds no NUL; the terminator sorts "a" before "ab" as strings do.
        k.extend(url.bytes().filter(|b| *b != 0));
        k.push(0);
        k.push(matches!(role, Role::Current) as u8);
        Stamp::from(first_seen).sortable(&mut k);
        // Then the date: dated before undated, finer before coarser, earlier first.
        let day = |d: chrono::NaiveDate| {
            ((chrono::Datelike::num_days_from_ce(&d) as u32) ^ (1 << 31)).to_be_bytes()
        };
        match date {
            Some(p) => {
                k.push(0);
                k.push(p.precision as u8);
                k.extend_from_slice(&day(p.start));
                k.extend_from_slice(&day(p.end));
                k.extend(p.label.bytes().filter(|b| *b != 0));
                k.push(0);
            }
            None => k.push(1),
        }
        k.extend(release.bytes().filter(|b| *b != 0));
        k.push(0);
        k.extend_from_slice(id.as_bytes());
        OrderKey(k)
    }

    /// The publication time and URL: what one article's sightings share.
    pub fn article_prefix(&self) -> &[u8] {
        let end = self
            .0
            .get(12..)
            .and_then(|b| b.iter().position(|x| *x == 0));
        &self.0[..end.map_or(self.0.len(), |e| 13 + e)]
    }

    /// (published, role, first seen, id), or `None` when the bytes are not a key.
    pub fn parts(&self) -> Option<(Stamp, Role, Stamp, &str)> {
        let b = &self.0;
        let published = Stamp::from_sortable(b.get(..12)?)?;
        let nul = 12 + b.get(12..)?.iter().position(|x| *x == 0)?;
        let role = match b.get(nul + 1)? {
            0 => Role::Previous,
            1 => Role::Current,
            _ => return None,
        };
        let first_seen = Stamp::from_sortable(b.get(nul + 2..nul + 14)?)?;
        // Skip the date (flag; precision, two days and a label when dated) and the
        // release, each text field ended by a NUL.
        let mut at = nul + 14;
        if *b.get(at)? == 0 {
            at += 1 + 1 + 8;
            at += b.get(at..)?.iter().position(|x| *x == 0)? + 1;
        } else {
            at += 1;
        }
        at += b.get(at..)?.iter().position(|x| *x == 0)? + 1;
        let id = std::str::from_utf8(b.get(at..)?).ok()?;
        Some((published, role, first_seen, id))
    }
}

/// `t/<release>\0`: where a release's sightings start.
pub fn timeline_prefix(release: &str) -> Vec<u8> {
    format!("t/{release}\0").into_bytes()
}

pub fn sighting_key(release: &str, at: &OrderKey) -> Vec<u8> {
    let mut k = timeline_prefix(release);
    k.extend_from_slice(&at.0);
    k
}

/// The article id: a digest of its URL.
pub fn article_key(url: &str) -> Vec<u8> {
    let h = Sha256::digest(url.as_bytes());
    format!("a/{}", crate::ingest::feed::hex(&h[..8])).into_bytes()
}

/// The cursor a replay stood at after a sighting, as order keys (see `diff::Cursor`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct After {
    pub current: Option<OrderKey>,
    /// `None` also when it is `current` (the usual case): stored once.
    pub dated: Option<OrderKey>,
    pub dated_is_current: bool,
}

/// A cursor key as stored: by reference when it is the record's own key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
enum KeyRef {
    Absent,
    Own,
    Key(OrderKey),
}

impl KeyRef {
    fn of(k: &Option<OrderKey>, own: &OrderKey) -> KeyRef {
        match k {
            None => KeyRef::Absent,
            Some(k) if k == own => KeyRef::Own,
            Some(k) => KeyRef::Key(k.clone()),
        }
    }

    fn resolve(self, own: &OrderKey) -> Option<OrderKey> {
        match self {
            KeyRef::Absent => None,
            KeyRef::Own => Some(own.clone()),
            KeyRef::Key(k) => Some(k),
        }
    }
}

/// `After` as stored since `VERSION_REFS`, relative to the record's own key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct AfterRef {
    current: KeyRef,
    dated: KeyRef,
    dated_is_current: bool,
}

impl AfterRef {
    fn of(a: &After, own: &OrderKey) -> AfterRef {
        AfterRef {
            current: KeyRef::of(&a.current, own),
            dated: KeyRef::of(&a.dated, own),
            dated_is_current: a.dated_is_current,
        }
    }

    fn resolve(self, own: &OrderKey) -> After {
        After {
            current: self.current.resolve(own),
            dated: self.dated.resolve(own),
            dated_is_current: self.dated_is_current,
        }
    }
}

/// One sighting (`t/` value). Its release, publication time, role, first-seen time
/// and id are in its key; URL, feed and sentence in its article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SightingRec {
    pub subject: String,
    pub date: Option<String>,
    pub moved: Option<Direction>,
    pub confidence: f32,
    pub region: Option<String>,
    /// The article's key without `a/` (16 hex digits).
    pub article: String,
    /// Index into the article's sentences.
    pub sentence: u32,
    /// Set only when it differs from the article's feed.
    pub feed: Option<String>,
    /// The replay's cursor after this sighting.
    pub after: After,
    /// Whether this sighting moved the date (a step of the timeline).
    pub step: bool,
}

/// `SightingRec` as stored since `VERSION_REFS`.
#[derive(Serialize, Deserialize)]
struct SightingDisk {
    subject: String,
    date: Option<String>,
    moved: Option<Direction>,
    confidence: f32,
    region: Option<String>,
    article: String,
    sentence: u32,
    feed: Option<String>,
    after: AfterRef,
    step: bool,
}

/// A sighting record's bytes; `at` is its order key (the cursor refers to it).
pub fn encode_sighting(r: &SightingRec, at: &OrderKey) -> Vec<u8> {
    encode_as(
        VERSION_REFS,
        &SightingDisk {
            subject: r.subject.clone(),
            date: r.date.clone(),
            moved: r.moved,
            confidence: r.confidence,
            region: r.region.clone(),
            article: r.article.clone(),
            sentence: r.sentence,
            feed: r.feed.clone(),
            after: AfterRef::of(&r.after, at),
            step: r.step,
        },
    )
}

/// Decodes a sighting record of either version; `at` is its order key.
pub fn decode_sighting(key: &[u8], bytes: &[u8], at: &OrderKey) -> Result<SightingRec, StoreError> {
    match bytes.split_first() {
        Some((&VERSION_REFS, rest)) => {
            let d: SightingDisk = postcard_of(key, rest)?;
            Ok(SightingRec {
                subject: d.subject,
                date: d.date,
                moved: d.moved,
                confidence: d.confidence,
                region: d.region,
                article: d.article,
                sentence: d.sentence,
                feed: d.feed,
                after: d.after.resolve(at),
                step: d.step,
            })
        }
        _ => decode(key, bytes),
    }
}

/// An article (`a/` value): what its sightings share, and the ids of those sightings,
/// so that processing it again adds nothing.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ArticleRec {
    pub url: String,
    pub feed: String,
    pub published: Option<Stamp>,
    pub sentences: Vec<String>,
    pub ids: Vec<String>,
}

impl ArticleRec {
    /// The index of `sentence`, added when new.
    pub fn sentence_index(&mut self, sentence: &str) -> u32 {
        let i = match self.sentences.iter().position(|s| s == sentence) {
            Some(i) => i,
            None => {
                self.sentences.push(sentence.to_string());
                self.sentences.len() - 1
            }
        };
        u32::try_from(i).unwrap_or(u32::MAX)
    }
}

/// A release (`r/` value): what `releases` shows and where its timeline ends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReleaseRec {
    pub name: String,
    pub date: Option<String>,
    pub as_of: Stamp,
    pub sightings: u64,
    pub changes: u64,
    /// The cursor after the last sighting, and that sighting's order key.
    pub tail: After,
    pub last: OrderKey,
}

/// `ReleaseRec` as stored since `VERSION_REFS`: the tail relative to `last`.
#[derive(Serialize, Deserialize)]
struct ReleaseDisk {
    name: String,
    date: Option<String>,
    as_of: Stamp,
    sightings: u64,
    changes: u64,
    tail: AfterRef,
    last: OrderKey,
}

pub fn encode_release(r: &ReleaseRec) -> Vec<u8> {
    encode_as(
        VERSION_REFS,
        &ReleaseDisk {
            name: r.name.clone(),
            date: r.date.clone(),
            as_of: r.as_of,
            sightings: r.sightings,
            changes: r.changes,
            tail: AfterRef::of(&r.tail, &r.last),
            last: r.last.clone(),
        },
    )
}

/// Decodes a release record of either version.
pub fn decode_release(key: &[u8], bytes: &[u8]) -> Result<ReleaseRec, StoreError> {
    match bytes.split_first() {
        Some((&VERSION_REFS, rest)) => {
            let d: ReleaseDisk = postcard_of(key, rest)?;
            Ok(ReleaseRec {
                tail: d.tail.resolve(&d.last),
                name: d.name,
                date: d.date,
                as_of: d.as_of,
                sightings: d.sightings,
                changes: d.changes,
                last: d.last,
            })
        }
        _ => decode(key, bytes),
    }
}

/// A processed feed item (`i/` value).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemRec {
    pub fingerprint: String,
    pub url: Option<String>,
    pub processed_at: Stamp,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn order_keys_sort_as_diff_order_does() {
        let t = |s: i64, n: u32| DateTime::from_timestamp(s, n).unwrap();
        let day = Period::from_label("2026-05-01");
        let month = Period::from_label("2026-05");
        let later = Period::from_label("2026-06-01");
        let k = |p, u, r, f, d: Option<&Period>, id| OrderKey::new(p, u, r, f, d, "x", id);
        let keys = [
            k(t(-5, 0), "u", Role::Current, t(0, 0), day.as_ref(), "b"),
            k(t(0, 0), "a", Role::Current, t(0, 0), None, "c"),
            k(t(0, 0), "ab", Role::Previous, t(9, 0), month.as_ref(), "z"),
            k(t(0, 0), "ab", Role::Current, t(1, 0), None, "a"),
            k(t(0, 0), "ab", Role::Current, t(1, 5), day.as_ref(), "z"),
            k(t(0, 0), "ab", Role::Current, t(1, 5), later.as_ref(), "a"),
            k(t(0, 0), "ab", Role::Current, t(1, 5), month.as_ref(), "a"),
            k(t(0, 0), "ab", Role::Current, t(1, 5), None, "a"),
            k(t(0, 1), "a", Role::Previous, t(0, 0), None, "a"),
        ];
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(sorted, keys);
        let (p, r, f, id) = keys[4].parts().unwrap();
        assert_eq!(
            (p, r, f, id),
            (Stamp(0, 0), Role::Current, Stamp(1, 5), "z")
        );
        assert_eq!(keys[7].parts().unwrap().3, "a");
    }

    #[test]
    fn a_cursor_naming_its_own_sighting_is_stored_by_reference_and_old_records_still_read() {
        let t = Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap();
        let day = Period::from_label("2026-05-01");
        let own = OrderKey::new(
            t,
            "http://x.test/a",
            Role::Current,
            t,
            day.as_ref(),
            "r",
            "i",
        );
        let other = OrderKey::new(t, "http://x.test/b", Role::Current, t, None, "r", "j");
        let rec = SightingRec {
            subject: "R".into(),
            date: Some("2026-05-01".into()),
            moved: None,
            confidence: 0.9,
            region: None,
            article: "0123456789abcdef".into(),
            sentence: 0,
            feed: None,
            after: After {
                current: Some(own.clone()),
                dated: Some(other.clone()),
                dated_is_current: false,
            },
            step: true,
        };
        let new = encode_sighting(&rec, &own);
        let old = encode(&rec);
        assert_eq!(new[0], VERSION_REFS);
        assert!(
            new.len() + own.0.len() <= old.len() + 2,
            "the own key is not written out"
        );
        assert_eq!(decode_sighting(b"t/r", &new, &own).unwrap(), rec);
        assert_eq!(decode_sighting(b"t/r", &old, &own).unwrap(), rec);
        let release = ReleaseRec {
            name: "R".into(),
            date: None,
            as_of: Stamp(1, 2),
            sightings: 3,
            changes: 1,
            tail: rec.after.clone(),
            last: own.clone(),
        };
        for bytes in [encode_release(&release), encode(&release)] {
            assert_eq!(decode_release(b"r/r", &bytes).unwrap(), release);
        }
        assert!(decode_sighting(b"t/r", &new[..new.len() - 3], &own).is_err());
    }

    #[test]
    fn a_record_round_trips_and_json_is_refused() {
        let rec = ItemRec {
            fingerprint: "fp".into(),
            url: None,
            processed_at: Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap().into(),
        };
        let bytes = encode(&rec);
        assert_eq!(bytes[0], VERSION);
        assert_eq!(decode::<ItemRec>(b"i/x", &bytes).unwrap(), rec);
        assert!(decode::<ItemRec>(b"i/x", b"{\"fingerprint\":\"fp\"}").is_err());
        assert!(decode::<ItemRec>(b"i/x", &bytes[..3]).is_err());
        assert!(is_json(b"{}") && !is_json(&bytes));
    }
}
