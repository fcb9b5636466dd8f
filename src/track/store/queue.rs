//! The notify queue: a delivery per target for every new change (`q/` keys), queued
//! in the commit's batch, and each target's delivery state (`n/` keys).

use std::collections::BTreeMap;

use super::records::{queue_key, Delivery, NotifyRoute, NotifyState, QueueKey};
use super::{decode, encode, Store, StoreError};
use crate::model::Change;

impl NotifyRoute {
    fn keeps(&self, c: &Change) -> bool {
        self.only.as_ref().is_none_or(|w| w.matches_change(c))
    }
}

impl Store {
    /// Sets the notify targets that every change recorded from now on is queued for.
    /// An empty list (the default) queues nothing: a first seeding run calls nothing.
    pub fn set_notify_targets(&self, names: Vec<String>) {
        self.set_notify_routes(
            names
                .into_iter()
                .map(|name| NotifyRoute { name, only: None })
                .collect(),
        );
    }

    /// As `set_notify_targets`, each target with the changes it keeps.
    pub fn set_notify_routes(&self, routes: Vec<NotifyRoute>) {
        *self
            .notify_targets
            .write()
            .unwrap_or_else(|p| p.into_inner()) = routes;
    }

    pub(super) fn enqueue(&self, batch: &mut sled::Batch, changes: &[Change]) {
        let targets = self
            .notify_targets
            .read()
            .unwrap_or_else(|p| p.into_inner());
        for route in targets.iter() {
            // Unconfirmed changes are kept for `changes --all`, never sent.
            for c in changes.iter().filter(|c| c.confirmed && route.keeps(c)) {
                let target = &route.name;
                let d = Delivery {
                    target: target.clone(),
                    change: c.clone(),
                    attempts: 0,
                    next_attempt: c.detected_at,
                    last_error: None,
                };
                batch.insert(queue_key(target, c), encode(&d));
            }
        }
    }

    /// Every queued delivery, per target in detection order.
    pub fn deliveries(&self) -> Result<Vec<(QueueKey, Delivery)>, StoreError> {
        self.db
            .scan_prefix("q/")
            .map(|kv| {
                let (k, v) = kv?;
                Ok((QueueKey(k.to_vec()), decode(&k, &v)?))
            })
            .collect()
    }

    /// Records the outcome of one attempt atomically: the delivery leaves the queue
    /// (`None`: sent or given up) or is rewritten for its retry, and the target's state
    /// is updated.
    pub fn finish_attempt(
        &self,
        key: &QueueKey,
        retry: Option<&Delivery>,
        target: &str,
        state: &NotifyState,
    ) -> Result<(), StoreError> {
        let mut batch = sled::Batch::default();
        match retry {
            Some(d) => batch.insert(key.0.clone(), encode(d)),
            None => batch.remove(key.0.clone()),
        }
        batch.insert(format!("n/{target}").into_bytes(), encode(state));
        self.db.apply_batch(batch)?;
        Ok(())
    }

    /// Drops a queued delivery whose target is no longer configured.
    pub fn forget_delivery(&self, key: &QueueKey) -> Result<(), StoreError> {
        self.db.remove(&key.0)?;
        Ok(())
    }

    pub fn notify_state(&self, target: &str) -> Result<NotifyState, StoreError> {
        Ok(self
            .get(format!("n/{target}").as_bytes())?
            .unwrap_or_default())
    }

    /// Deliveries waiting, per target.
    pub fn queue_lengths(&self) -> Result<BTreeMap<String, usize>, StoreError> {
        let mut out = BTreeMap::new();
        for kv in self.db.scan_prefix("q/") {
            let (k, _) = kv?;
            let rest = &k[2..];
            let end = rest.iter().position(|b| *b == 0).unwrap_or(rest.len());
            *out.entry(String::from_utf8_lossy(&rest[..end]).into_owned())
                .or_insert(0) += 1;
        }
        Ok(out)
    }
}
