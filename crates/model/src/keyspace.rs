//! One node's keys, grouped by slot, with values and optional expiry times.

use crate::slot::Slot;
use imbl::OrdMap;
use std::sync::Arc;

/// Shared immutable bytes: keys and values are cheap to clone into snapshots.
pub type Bytes = Arc<[u8]>;

/// A stored string value and its absolute expiry time, if any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The value.
    pub value: Bytes,
    /// When the key expires, in the model clock's milliseconds.
    pub expire_at: Option<u64>,
    /// The order of creation; per-slot listings show the newest key first, as Redis 7.0 does.
    seq: u64,
}

/// A node's keyspace (db 0), with the per-slot index that `GETKEYSINSLOT` walks.
///
/// Persistent maps make a clone O(1), so every timeline step can keep its own snapshot.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Keyspace {
    entries: OrdMap<Bytes, Entry>,
    by_slot: OrdMap<Slot, OrdMap<u64, Bytes>>,
    next_seq: u64,
}

impl Keyspace {
    /// The entry for a key, expired or not.
    pub fn entry(&self, key: &[u8]) -> Option<&Entry> {
        self.entries.get(key)
    }

    /// The entry for a key, if it exists and has not expired at `now`.
    pub fn live(&self, key: &[u8], now: u64) -> Option<&Entry> {
        self.entries
            .get(key)
            .filter(|e| e.expire_at.is_none_or(|t| t > now))
    }

    /// Stores a value, keeping the key's place in its slot list when it already exists.
    pub fn set(&mut self, key: &[u8], value: Bytes, expire_at: Option<u64>) {
        if let Some(e) = self.entries.get_mut(key) {
            e.value = value;
            e.expire_at = expire_at;
            return;
        }
        let key: Bytes = Arc::from(key);
        let seq = self.next_seq;
        self.next_seq += 1;
        self.by_slot
            .entry(Slot::of_key(&key))
            .or_default()
            .insert(seq, key.clone());
        self.entries.insert(
            key,
            Entry {
                value,
                expire_at,
                seq,
            },
        );
    }

    /// Changes only the expiry time of an existing key.
    pub fn set_expire(&mut self, key: &[u8], expire_at: Option<u64>) {
        if let Some(e) = self.entries.get_mut(key) {
            e.expire_at = expire_at;
        }
    }

    /// Deletes a key; says whether it existed.
    pub fn remove(&mut self, key: &[u8]) -> Option<Entry> {
        let entry = self.entries.remove(key)?;
        let slot = Slot::of_key(key);
        if let Some(list) = self.by_slot.get_mut(&slot) {
            list.remove(&entry.seq);
            if list.is_empty() {
                self.by_slot.remove(&slot);
            }
        }
        Some(entry)
    }

    /// Removes every key whose expiry time has passed; returns them.
    pub fn expire_due(&mut self, now: u64) -> Vec<Bytes> {
        let due: Vec<Bytes> = self
            .entries
            .iter()
            .filter(|(_, e)| e.expire_at.is_some_and(|t| t <= now))
            .map(|(k, _)| k.clone())
            .collect();
        for k in &due {
            self.remove(k);
        }
        due
    }

    /// The number of keys stored in a slot (`CLUSTER COUNTKEYSINSLOT`).
    pub fn count_in_slot(&self, slot: Slot) -> usize {
        self.by_slot.get(&slot).map_or(0, OrdMap::len)
    }

    /// The keys of a slot, newest first, as `CLUSTER GETKEYSINSLOT` lists them.
    pub fn keys_in_slot(&self, slot: Slot) -> impl Iterator<Item = &Bytes> {
        self.by_slot
            .get(&slot)
            .into_iter()
            .flat_map(|list| list.values().rev())
    }

    /// The slots that hold at least one key.
    pub fn slots(&self) -> impl Iterator<Item = Slot> + '_ {
        self.by_slot.keys().copied()
    }

    /// Deletes every key of a slot; returns them, newest first.
    pub fn clear_slot(&mut self, slot: Slot) -> Vec<Bytes> {
        let keys: Vec<Bytes> = self.keys_in_slot(slot).cloned().collect();
        for k in &keys {
            self.remove(k);
        }
        keys
    }

    /// The number of keys (`DBSIZE`).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no keys.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every key and entry, in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&Bytes, &Entry)> {
        self.entries.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(s: &str) -> Bytes {
        Arc::from(s.as_bytes())
    }

    #[test]
    fn slot_listing_is_newest_first_and_overwrite_keeps_place() {
        let mut ks = Keyspace::default();
        ks.set(b"{t}1", b("x"), None);
        ks.set(b"{t}2", b("x"), None);
        ks.set(b"{t}1", b("y"), None);
        let slot = Slot::of_key(b"t");
        let keys: Vec<&[u8]> = ks.keys_in_slot(slot).map(|k| &k[..]).collect();
        assert_eq!(keys, vec![&b"{t}2"[..], &b"{t}1"[..]]);
        assert_eq!(ks.count_in_slot(slot), 2);
        assert_eq!(&ks.entry(b"{t}1").unwrap().value[..], b"y");
    }

    #[test]
    fn remove_and_clear() {
        let mut ks = Keyspace::default();
        ks.set(b"{t}1", b("x"), None);
        ks.set(b"{t}2", b("x"), Some(5));
        assert!(ks.live(b"{t}2", 5).is_none());
        assert!(ks.live(b"{t}2", 4).is_some());
        assert!(ks.remove(b"{t}1").is_some());
        assert_eq!(ks.clear_slot(Slot::of_key(b"t")).len(), 1);
        assert!(ks.is_empty());
        assert_eq!(ks.slots().count(), 0);
    }
}
