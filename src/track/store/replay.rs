//! The incremental timeline: a release's new sightings are replayed from where the
//! timeline stood just before them, not from its first sighting.
//!
//! Every stored sighting keeps the replay's cursor after it (`compact::After`) and
//! whether it moved the date. New sightings go in at their place in publication
//! order; the replay starts from the cursor stored with the sighting before them and
//! walks on through later sightings, rewriting the stored cursors that change, until
//! it reaches a sighting whose stored cursor it reproduces: from there on the old
//! replay and the new one read the same sightings from the same cursor. An article
//! newer than everything (the usual case) costs the release record and the sightings
//! its cursor points at, whatever the release's history.

use std::collections::HashMap;

use super::compact::{self, After, ArticleRec, OrderKey, ReleaseRec, SightingRec, Stamp};
use super::{Store, StoreError};
use crate::model::{Direction, Period, Role, Sighting};
use crate::track::diff::{self, Cursor, Seen};

/// One sighting as the replay reads it.
#[derive(Debug, Clone)]
pub(super) struct Node {
    pub at: OrderKey,
    pub rec: SightingRec,
    pub date: Option<Period>,
    pub role: Role,
    pub first_seen: Stamp,
    pub published: Stamp,
}

impl Seen for Node {
    fn date(&self) -> Option<&Period> {
        self.date.as_ref()
    }
    fn role(&self) -> Role {
        self.role
    }
    fn moved(&self) -> Option<Direction> {
        self.rec.moved
    }
    fn same_version(&self, other: &Self) -> bool {
        self.rec.article == other.rec.article && self.first_seen == other.first_seen
    }
}

impl Node {
    pub fn new(key: &[u8], at: OrderKey, rec: SightingRec) -> Result<Node, StoreError> {
        let (published, role, first_seen, _) = at.parts().ok_or_else(|| corrupt(key, "bad key"))?;
        Ok(Node {
            date: compact::period(key, &rec.date)?,
            at,
            rec,
            role,
            first_seen,
            published,
        })
    }

    /// The full sighting, given its release and its article.
    pub fn sighting(&self, release: &str, a: &ArticleRec) -> Result<Sighting, StoreError> {
        let key = compact::sighting_key(release, &self.at);
        let id = self.at.parts().map(|p| p.3.to_string()).unwrap_or_default();
        let sentence = a.sentences.get(self.rec.sentence as usize);
        Ok(Sighting {
            id,
            release: release.to_string(),
            subject: self.rec.subject.clone(),
            date: self.date.clone(),
            role: self.role,
            moved: self.rec.moved,
            confidence: self.rec.confidence,
            region: self.rec.region.clone(),
            url: a.url.clone(),
            feed: self.rec.feed.clone().unwrap_or_else(|| a.feed.clone()),
            published: self.published.time(&key)?,
            sentence: sentence
                .cloned()
                .ok_or_else(|| corrupt(&key, "no such sentence"))?,
            first_seen: self.first_seen.time(&key)?,
        })
    }
}

fn corrupt(key: &[u8], reason: &str) -> StoreError {
    StoreError::Corrupt {
        key: String::from_utf8_lossy(key).into_owned(),
        reason: reason.into(),
    }
}

/// The stored form of a cursor.
pub(super) fn after_of(c: &Cursor<Node>) -> After {
    let current = c.current.as_ref().map(|n| n.at.clone());
    let dated_is_current = match (&c.current, &c.last_dated) {
        (Some(a), Some(b)) => a.at == b.at,
        _ => false,
    };
    After {
        current,
        dated: c
            .last_dated
            .as_ref()
            .filter(|_| !dated_is_current)
            .map(|n| n.at.clone()),
        dated_is_current,
    }
}

/// One move the replay found.
pub(super) struct Found {
    pub from: Option<Node>,
    pub to: Node,
    pub direction: Direction,
}

impl Store {
    /// A stored sighting's node, by order key.
    pub(super) fn node(&self, release: &str, at: &OrderKey) -> Result<Node, StoreError> {
        let key = compact::sighting_key(release, at);
        let v = self
            .db
            .get(&key)?
            .ok_or_else(|| corrupt(&key, "a cursor points at a missing sighting"))?;
        Node::new(&key, at.clone(), compact::decode(&key, &v)?)
    }

    fn cursor(&self, release: &str, a: &After) -> Result<Cursor<Node>, StoreError> {
        let current = a
            .current
            .as_ref()
            .map(|k| self.node(release, k))
            .transpose()?;
        let last_dated = match (&a.dated, a.dated_is_current) {
            (_, true) => current.clone(),
            (Some(k), false) => Some(self.node(release, k)?),
            (None, false) => None,
        };
        Ok(Cursor {
            current,
            last_dated,
        })
    }

    /// Replays `fresh` (new sightings of `release`, in order) into the stored timeline,
    /// putting the new and rewritten sighting records and the release record in
    /// `batch`. The result equals `diff::timeline` over every sighting of the release
    /// (the property test `incremental_timeline_equals_a_full_replay` checks it).
    pub(super) fn replay(
        &self,
        batch: &mut sled::Batch,
        release: &str,
        fresh: Vec<Node>,
    ) -> Result<Vec<Found>, StoreError> {
        let rkey = format!("r/{release}").into_bytes();
        // A schema-2 (JSON) record is being converted: its timeline starts afresh.
        let old: Option<ReleaseRec> = match self.db.get(&rkey)? {
            Some(v) if compact::is_json(&v) => None,
            Some(v) => Some(compact::decode(&rkey, &v)?),
            None => None,
        };
        let first = match fresh.first() {
            Some(f) => f.at.clone(),
            None => return Err(corrupt(&rkey, "nothing to replay")),
        };
        let appends = old.as_ref().is_none_or(|r| first > r.last);
        let (mut cursor, later) = match (&old, appends) {
            (Some(r), true) => (self.cursor(release, &r.tail)?, None),
            (None, _) => (Cursor::default(), None),
            (Some(_), false) => {
                let start = compact::sighting_key(release, &first);
                let before = self
                    .db
                    .range(compact::timeline_prefix(release)..start.clone())
                    .next_back()
                    .transpose()?;
                let cursor = match before {
                    Some((k, v)) => {
                        let rec: SightingRec = compact::decode(&k, &v)?;
                        self.cursor(release, &rec.after)?
                    }
                    None => Cursor::default(),
                };
                let mut end = compact::timeline_prefix(release);
                end.pop();
                end.push(1);
                (cursor, Some(self.db.range(start..end)))
            }
        };
        let fresh_count = fresh.len() as u64;
        let newest_fresh = fresh.last().map(|f| f.at.clone());
        let walked = walk(batch, release, &mut cursor, fresh, later)?;
        let release_rec = self.next_release(old, &cursor, &walked, newest_fresh, fresh_count);
        batch.insert(rkey, compact::encode(&release_rec));
        Ok(walked.found)
    }

    /// The release record after a replay.
    fn next_release(
        &self,
        old: Option<ReleaseRec>,
        cursor: &Cursor<Node>,
        walked: &Walked,
        newest_fresh: Option<OrderKey>,
        fresh: u64,
    ) -> ReleaseRec {
        let mut r = old.unwrap_or_else(|| ReleaseRec {
            name: String::new(),
            date: None,
            as_of: Stamp(0, 0),
            sightings: 0,
            changes: 0,
            tail: After::default(),
            last: OrderKey(Vec::new()),
        });
        if !walked.converged {
            r.tail = after_of(cursor);
            if let Some(cur) = &cursor.current {
                r.name.clone_from(&cur.rec.subject);
                r.date.clone_from(&cur.rec.date);
            }
        }
        if let Some(n) = newest_fresh.filter(|n| *n > r.last) {
            r.last = n;
        }
        if let Some((published, ..)) = r.last.parts() {
            r.as_of = published;
        }
        r.sightings += fresh;
        r.changes = r.changes.saturating_add_signed(walked.delta);
        r
    }

    /// An article record, from `cache` or the store.
    pub(super) fn article<'c>(
        &self,
        cache: &'c mut HashMap<String, ArticleRec>,
        id: &str,
    ) -> Result<&'c ArticleRec, StoreError> {
        if !cache.contains_key(id) {
            let key = format!("a/{id}").into_bytes();
            let v = self
                .db
                .get(&key)?
                .ok_or_else(|| corrupt(&key, "a sighting's article is missing"))?;
            cache.insert(id.to_string(), compact::decode(&key, &v)?);
        }
        cache
            .get(id)
            .ok_or_else(|| corrupt(id.as_bytes(), "article cache"))
    }

    /// Every sighting of `release`, in timeline order.
    pub(super) fn sightings_of(&self, release: &str) -> Result<Vec<Sighting>, StoreError> {
        let prefix = compact::timeline_prefix(release);
        let mut articles = HashMap::new();
        let mut out = Vec::new();
        for kv in self.db.scan_prefix(&prefix) {
            let (k, v) = kv?;
            let node = Node::new(
                &k,
                OrderKey(k[prefix.len()..].to_vec()),
                compact::decode(&k, &v)?,
            )?;
            let a = self.article(&mut articles, &node.rec.article)?;
            out.push(node.sighting(release, a)?);
        }
        Ok(out)
    }
}

/// What `walk` did: the moves it found, the change in the number of moves, and
/// whether it rejoined the stored replay (else it ran to the end).
pub(super) struct Walked {
    found: Vec<Found>,
    delta: i64,
    converged: bool,
}

/// Merges `fresh` into the stored sightings from `later` on, advancing `cursor`
/// over both, writing new records and the stored ones whose cursor or step changed,
/// until it reproduces a stored cursor after the last fresh sighting.
fn walk(
    batch: &mut sled::Batch,
    release: &str,
    cursor: &mut Cursor<Node>,
    fresh: Vec<Node>,
    mut later: Option<sled::Iter>,
) -> Result<Walked, StoreError> {
    let mut fresh = fresh.into_iter().peekable();
    let mut next_old = later.as_mut().and_then(|it| it.next()).transpose()?;
    let mut found = Vec::new();
    let mut delta: i64 = 0;
    let mut converged = false;
    loop {
        let take_fresh = match (fresh.peek(), &next_old) {
            (Some(f), Some((k, _))) => compact::sighting_key(release, &f.at) < k.to_vec(),
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        if take_fresh {
            let Some(mut f) = fresh.next() else { break };
            let moved = diff::advance(cursor, &f);
            f.rec.after = after_of(cursor);
            f.rec.step = moved.is_some();
            delta += i64::from(f.rec.step);
            let key = compact::sighting_key(release, &f.at);
            batch.insert(key, compact::encode(&f.rec));
            found.extend(moved.map(|m| Found {
                from: m.from,
                to: f.clone(),
                direction: m.direction,
            }));
            continue;
        }
        let Some((k, v)) = next_old.take() else { break };
        next_old = later.as_mut().and_then(|it| it.next()).transpose()?;
        let at = OrderKey(k[compact::timeline_prefix(release).len()..].to_vec());
        let mut node = Node::new(&k, at, compact::decode(&k, &v)?)?;
        let moved = diff::advance(cursor, &node);
        let after = after_of(cursor);
        let step = moved.is_some();
        let same_after = after == node.rec.after;
        if !same_after || step != node.rec.step {
            delta += i64::from(step) - i64::from(node.rec.step);
            node.rec.after = after;
            node.rec.step = step;
            batch.insert(k.to_vec(), compact::encode(&node.rec));
        }
        // Even where the replay rejoins the stored one, this move may now start
        // from a sighting it did not know before (a change to complete).
        found.extend(moved.map(|m| Found {
            from: m.from,
            to: node.clone(),
            direction: m.direction,
        }));
        if same_after && fresh.peek().is_none() {
            converged = true;
            break;
        }
    }
    Ok(Walked {
        found,
        delta,
        converged,
    })
}

/// A new sighting's record, before the replay fills in its cursor.
pub(super) fn fresh_node(
    s: &Sighting,
    article: &mut ArticleRec,
    article_id: &str,
) -> Result<Node, StoreError> {
    let at = OrderKey::new(s.published, s.role, s.first_seen, &s.id);
    let rec = SightingRec {
        subject: s.subject.clone(),
        date: compact::label(&s.date),
        moved: s.moved,
        confidence: s.confidence,
        region: s.region.clone(),
        article: article_id.to_string(),
        sentence: article.sentence_index(&s.sentence),
        feed: (s.feed != article.feed).then(|| s.feed.clone()),
        after: After::default(),
        step: false,
    };
    let key = compact::sighting_key(&s.release, &at);
    Node::new(&key, at, rec)
}
