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
    /// A stored sighting: its key, its order key and its record's bytes.
    pub fn decode(key: &[u8], at: OrderKey, bytes: &[u8]) -> Result<Node, StoreError> {
        let rec = compact::decode_sighting(key, bytes, &at)?;
        Node::new(key, at, rec)
    }

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
    pub confirmed: bool,
}

impl Store {
    /// A stored sighting's node, by order key.
    pub(super) fn node(&self, release: &str, at: &OrderKey) -> Result<Node, StoreError> {
        let key = compact::sighting_key(release, at);
        let v = self
            .db
            .get(&key)?
            .ok_or_else(|| corrupt(&key, "a cursor points at a missing sighting"))?;
        Node::decode(&key, at.clone(), &v)
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
            Some(v) => Some(compact::decode_release(&rkey, &v)?),
            None => None,
        };
        let first = match fresh.first() {
            Some(f) => f.at.clone(),
            None => return Err(corrupt(&rkey, "nothing to replay")),
        };
        let (mut cursor, later) = match &old {
            None => (Cursor::default(), None),
            Some(_) => self.resume(release, &first)?,
        };
        let fresh_count = fresh.len() as u64;
        let newest_fresh = fresh.last().map(|f| f.at.clone());
        let walked = walk(batch, release, &mut cursor, fresh, later)?;
        let release_rec = self.next_release(old, &cursor, &walked, newest_fresh, fresh_count);
        batch.insert(rkey, compact::encode_release(&release_rec));
        Ok(walked.found)
    }

    /// Where a replay of sightings starting at `first` begins: the cursor stored
    /// before the article `first` belongs to (its other sightings of the same
    /// publication time are read again, as one article version is judged whole),
    /// and the stored sightings from there on.
    fn resume(
        &self,
        release: &str,
        first: &OrderKey,
    ) -> Result<(Cursor<Node>, Option<sled::Iter>), StoreError> {
        let prefix = compact::timeline_prefix(release);
        let article = first.article_prefix();
        let mut start = compact::sighting_key(release, first);
        let mut before = None;
        for kv in self.db.range(prefix.clone()..start.clone()).rev() {
            let (k, v) = kv?;
            if k[prefix.len()..].starts_with(article) {
                start = k.to_vec();
                continue;
            }
            before = Some((k, v));
            break;
        }
        let cursor = match before {
            Some((k, v)) => {
                let at = OrderKey(k[prefix.len()..].to_vec());
                let rec = compact::decode_sighting(&k, &v, &at)?;
                self.cursor(release, &rec.after)?
            }
            None => Cursor::default(),
        };
        let mut end = prefix;
        end.pop();
        end.push(1);
        Ok((cursor, Some(self.db.range(start..end))))
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
            let node = Node::decode(&k, OrderKey(k[prefix.len()..].to_vec()), &v)?;
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

/// The merged stream of fresh sightings and stored ones, in order.
struct Merge<'a> {
    release: &'a str,
    fresh: std::iter::Peekable<std::vec::IntoIter<Node>>,
    later: Option<sled::Iter>,
    next_old: Option<(sled::IVec, Node)>,
}

impl Merge<'_> {
    fn pull_old(&mut self) -> Result<(), StoreError> {
        let plen = compact::timeline_prefix(self.release).len();
        self.next_old = match self.later.as_mut().and_then(|it| it.next()).transpose()? {
            Some((k, v)) => {
                let at = OrderKey(k[plen..].to_vec());
                let node = Node::decode(&k, at, &v)?;
                Some((k, node))
            }
            None => None,
        };
        Ok(())
    }

    fn peek(&mut self) -> Option<&Node> {
        let old = self.next_old.as_ref().map(|(_, o)| o);
        match (self.fresh.peek(), old) {
            (Some(f), Some(o)) if f.at < o.at => Some(f),
            (_, Some(o)) => Some(o),
            (f, None) => f,
        }
    }

    /// The next sighting, and whether it is stored already.
    fn next(&mut self) -> Result<Option<(Node, bool)>, StoreError> {
        let fresh_first = match (self.fresh.peek(), &self.next_old) {
            (Some(f), Some((_, o))) => f.at < o.at,
            (Some(_), None) => true,
            (None, _) => false,
        };
        if fresh_first {
            return Ok(self.fresh.next().map(|n| (n, false)));
        }
        let Some((_, node)) = self.next_old.take() else {
            return Ok(None);
        };
        self.pull_old()?;
        Ok(Some((node, true)))
    }
}

/// Merges `fresh` into the stored sightings from `later` on and advances `cursor`
/// over them one article version at a time, writing new records and the stored
/// ones whose cursor or step changed, until, past the last fresh sighting, a group
/// of stored ones ends on the cursor they stored.
fn walk(
    batch: &mut sled::Batch,
    release: &str,
    cursor: &mut Cursor<Node>,
    fresh: Vec<Node>,
    later: Option<sled::Iter>,
) -> Result<Walked, StoreError> {
    let mut m = Merge {
        release,
        fresh: fresh.into_iter().peekable(),
        later,
        next_old: None,
    };
    m.pull_old()?;
    let mut w = Walked {
        found: Vec::new(),
        delta: 0,
        converged: false,
    };
    while let Some(first) = m.next()? {
        let mut group = vec![first];
        while m.peek().is_some_and(|n| n.same_version(&group[0].0)) {
            group.extend(m.next()?);
        }
        let nodes: Vec<Node> = group.iter().map(|(n, _)| n.clone()).collect();
        let moved = diff::advance(cursor, &nodes);
        let after = after_of(cursor);
        let all_stored = group.iter().all(|(_, stored)| *stored);
        let mut rejoined = true;
        for (mut node, stored) in group {
            let step = moved.as_ref().is_some_and(|mv| mv.to.at == node.at);
            rejoined &= stored && node.rec.after == after;
            if stored && node.rec.after == after && node.rec.step == step {
                continue;
            }
            w.delta += i64::from(step) - i64::from(stored && node.rec.step);
            node.rec.after = after.clone();
            node.rec.step = step;
            batch.insert(
                compact::sighting_key(release, &node.at),
                compact::encode_sighting(&node.rec, &node.at),
            );
        }
        // Even where the replay rejoins the stored one, this move may now start
        // from a sighting it did not know before (a change to complete).
        w.found.extend(moved.map(|mv| Found {
            from: mv.from,
            to: mv.to,
            direction: mv.direction,
            confirmed: mv.confirmed,
        }));
        if all_stored && rejoined && m.fresh.peek().is_none() {
            w.converged = true;
            break;
        }
    }
    Ok(w)
}

/// A new sighting's record, before the replay fills in its cursor.
pub(super) fn fresh_node(
    s: &Sighting,
    article: &mut ArticleRec,
    article_id: &str,
) -> Result<Node, StoreError> {
    let at = OrderKey::of(s);
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
