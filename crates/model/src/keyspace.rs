//! One node's keys, grouped by slot, with values and optional expiry times.
//!
//! Keys live per slot in a [`SlotMap`], so a snapshot shares every slot a step did not touch.
//! Within a slot, keys sit in creation order in a few shared runs, and are listed newest
//! first, as Redis 7.0's `CLUSTER GETKEYSINSLOT` lists them: `MIGRATE` takes the newest keys
//! first, so the source gives up the tail of a run without copying it, and the target gains
//! a new run per batch. A slot with more than a few runs is compacted into one.

use crate::slot::Slot;
use crate::slot_map::SlotMap;
use std::fmt;
use std::sync::Arc;

pub use crate::bytes::Bytes;

/// A slot whose keys span more runs than this is compacted into one run.
const MAX_RUNS: usize = 8;

/// A stored string value and its absolute expiry time, if any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The value.
    pub value: Bytes,
    /// When the key expires, in the model clock's milliseconds; [`NEVER`] if it does not (a
    /// plain `u64` keeps an entry at 32 bytes, where `Option<u64>` would take 40).
    expire: u64,
}

/// The `expire` of a key without a TTL: past any time a command can name (they stop at
/// `i64::MAX`).
const NEVER: u64 = u64::MAX;

impl Entry {
    fn new(value: Bytes, expire_at: Option<u64>) -> Entry {
        Entry {
            value,
            expire: expire_at.unwrap_or(NEVER),
        }
    }

    /// When the key expires, in the model clock's milliseconds, if it has a TTL.
    pub fn expire_at(&self) -> Option<u64> {
        (self.expire != NEVER).then_some(self.expire)
    }
}

/// A key, its short hash (so a lookup compares bytes only on a likely match) and its entry.
#[derive(Clone)]
struct Item {
    hash: u32,
    key: Bytes,
    entry: Entry,
}

/// FNV-1a, 32 bits: a cheap filter for key comparisons within a slot.
fn short_hash(key: &[u8]) -> u32 {
    key.iter().fold(0x811c_9dc5u32, |h, b| {
        (h ^ u32::from(*b)).wrapping_mul(0x0100_0193)
    })
}

/// A stretch of a slot's keys, oldest first: the first `len` items of a shared vector.
#[derive(Clone)]
struct Run {
    items: Arc<Vec<Item>>,
    len: usize,
}

impl Run {
    fn live(&self) -> &[Item] {
        &self.items[..self.len]
    }

    /// The items, for changing them: copied first if a snapshot shares them.
    fn items_mut(&mut self) -> &mut Vec<Item> {
        let items = Arc::make_mut(&mut self.items);
        items.truncate(self.len);
        items
    }
}

/// The keys of one slot, oldest first.
#[derive(Clone, Default)]
struct SlotKeys {
    runs: Vec<Run>,
    len: usize,
}

impl SlotKeys {
    fn iter(&self) -> impl DoubleEndedIterator<Item = &Item> {
        self.runs.iter().flat_map(Run::live)
    }

    fn find(&self, key: &[u8]) -> Option<(usize, usize)> {
        let hash = short_hash(key);
        self.runs.iter().enumerate().find_map(|(r, run)| {
            run.live()
                .iter()
                .position(|item| item.hash == hash && &item.key[..] == key)
                .map(|p| (r, p))
        })
    }

    fn get(&self, key: &[u8]) -> Option<&Entry> {
        self.find(key).map(|(r, p)| &self.runs[r].items[p].entry)
    }

    fn push(&mut self, key: &[u8], entry: Entry) {
        let item = Item {
            hash: short_hash(key),
            key: Bytes::from(key),
            entry,
        };
        self.len += 1;
        if let Some(last) = self.runs.last_mut() {
            if let Some(items) = Arc::get_mut(&mut last.items) {
                items.truncate(last.len);
                items.push(item);
                last.len += 1;
                return;
            }
        }
        self.runs.push(Run {
            items: Arc::new(vec![item]),
            len: 1,
        });
        if self.runs.len() > MAX_RUNS {
            let all: Vec<Item> = self.iter().cloned().collect();
            self.runs = vec![Run {
                len: all.len(),
                items: Arc::new(all),
            }];
        }
    }

    fn remove(&mut self, key: &[u8]) -> Option<Entry> {
        let (r, p) = self.find(key)?;
        self.len -= 1;
        let run = &mut self.runs[r];
        let entry = if p + 1 == run.len {
            // The newest key of its run: shrink the run, sharing its items.
            run.len -= 1;
            let entry = run.items[p].entry.clone();
            if let Some(items) = Arc::get_mut(&mut run.items) {
                items.truncate(run.len);
            }
            entry
        } else {
            let entry = run.items_mut().remove(p).entry;
            run.len -= 1;
            entry
        };
        if run.len == 0 {
            self.runs.remove(r);
        }
        Some(entry)
    }
}

/// A node's keyspace (db 0), with the per-slot index that `GETKEYSINSLOT` walks.
///
/// A clone is O(1), so every timeline step keeps its own snapshot.
#[derive(Clone, Default)]
pub struct Keyspace {
    slots: SlotMap<SlotKeys>,
    len: usize,
    /// How many keys have an expiry time, so a clock tick with none costs nothing.
    expiring: usize,
}

impl Keyspace {
    /// The entry for a key, expired or not.
    pub fn entry(&self, key: &[u8]) -> Option<&Entry> {
        self.slots.get(Slot::of_key(key))?.get(key)
    }

    /// The entry for a key, if it exists and has not expired at `now`.
    pub fn live(&self, key: &[u8], now: u64) -> Option<&Entry> {
        self.entry(key)
            .filter(|e| e.expire_at().is_none_or(|t| t > now))
    }

    /// Stores a value, keeping the key's place in its slot list when it already exists.
    pub fn set(&mut self, key: &[u8], value: Bytes, expire_at: Option<u64>) {
        let entry = Entry::new(value, expire_at);
        let added = usize::from(expire_at.is_some());
        let (created, removed) = self.slots.update(Slot::of_key(key), |keys| {
            let keys = keys.get_or_insert_with(SlotKeys::default);
            match keys.find(key) {
                Some((r, p)) => {
                    let old = std::mem::replace(&mut keys.runs[r].items_mut()[p].entry, entry);
                    (false, usize::from(old.expire_at().is_some()))
                }
                None => {
                    keys.push(key, entry);
                    (true, 0)
                }
            }
        });
        self.len += usize::from(created);
        self.expiring = self.expiring + added - removed;
    }

    /// Changes only the expiry time of an existing key.
    pub fn set_expire(&mut self, key: &[u8], expire_at: Option<u64>) {
        if let Some(entry) = self.entry(key).cloned() {
            self.set(key, entry.value, expire_at);
        }
    }

    /// Deletes a key; says whether it existed.
    pub fn remove(&mut self, key: &[u8]) -> Option<Entry> {
        let slot = Slot::of_key(key);
        self.entry(key)?;
        let entry = self.slots.update(slot, |keys| {
            let entry = keys.as_mut().and_then(|k| k.remove(key));
            if keys.as_ref().is_some_and(|k| k.len == 0) {
                *keys = None;
            }
            entry
        })?;
        self.len -= 1;
        self.expiring -= usize::from(entry.expire_at().is_some());
        Some(entry)
    }

    /// Removes every key whose expiry time has passed; returns them.
    pub fn expire_due(&mut self, now: u64) -> Vec<Bytes> {
        if self.expiring == 0 {
            return Vec::new();
        }
        let due: Vec<Bytes> = self
            .iter()
            .filter(|(_, e)| e.expire_at().is_some_and(|t| t <= now))
            .map(|(k, _)| k.clone())
            .collect();
        for k in &due {
            self.remove(k);
        }
        due
    }

    /// The number of keys stored in a slot (`CLUSTER COUNTKEYSINSLOT`).
    pub fn count_in_slot(&self, slot: Slot) -> usize {
        self.slots.get(slot).map_or(0, |k| k.len)
    }

    /// The keys of a slot, newest first, as `CLUSTER GETKEYSINSLOT` lists them.
    pub fn keys_in_slot(&self, slot: Slot) -> impl Iterator<Item = &Bytes> {
        self.slots
            .get(slot)
            .into_iter()
            .flat_map(|keys| keys.iter().rev().map(|item| &item.key))
    }

    /// The slots that hold at least one key, in order.
    pub fn slots(&self) -> impl Iterator<Item = Slot> + '_ {
        self.slots.iter().map(|(slot, _)| slot)
    }

    /// Deletes every key of a slot; returns them, newest first.
    pub fn clear_slot(&mut self, slot: Slot) -> Vec<Bytes> {
        let keys: Vec<Item> = match self.slots.get(slot) {
            Some(k) => k.iter().rev().cloned().collect(),
            None => return Vec::new(),
        };
        self.slots.update(slot, |k| *k = None);
        self.len -= keys.len();
        self.expiring -= keys
            .iter()
            .filter(|i| i.entry.expire_at().is_some())
            .count();
        keys.into_iter().map(|i| i.key).collect()
    }

    /// The number of keys (`DBSIZE`).
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there are no keys.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Every key and entry: slot by slot, oldest first within a slot.
    pub fn iter(&self) -> impl Iterator<Item = (&Bytes, &Entry)> {
        self.slots
            .iter()
            .flat_map(|(_, keys)| keys.iter().map(|item| (&item.key, &item.entry)))
    }

    /// Gives back the spare capacity of a slot's newest run (after a batch of keys arrived),
    /// unless a snapshot already shares it. Changes no key.
    pub fn trim(&mut self, slot: Slot) {
        let spare = self
            .slots
            .get(slot)
            .and_then(|k| k.runs.last())
            .is_some_and(|run| {
                Arc::strong_count(&run.items) == 1 && run.items.capacity() > run.len
            });
        if spare {
            self.slots.update(slot, |keys| {
                if let Some(run) = keys.as_mut().and_then(|k| k.runs.last_mut()) {
                    if let Some(items) = Arc::get_mut(&mut run.items) {
                        items.truncate(run.len);
                        items.shrink_to_fit();
                    }
                }
            });
        }
    }

    /// Whether any key has an expiry time.
    pub fn has_expiring(&self) -> bool {
        self.expiring > 0
    }

    /// Whether `other` is this very keyspace, shared (a cheap test that nothing changed).
    pub fn same_as(&self, other: &Keyspace) -> bool {
        self.len == other.len && self.expiring == other.expiring && self.slots.same_as(&other.slots)
    }

    /// The slots whose keys may differ between two snapshots of the same node: those a step
    /// touched. Slots both snapshots still share are skipped without being read.
    pub fn touched_slots(&self, other: &Keyspace) -> Vec<Slot> {
        self.slots.changed(&other.slots)
    }
}

impl PartialEq for Keyspace {
    fn eq(&self, other: &Keyspace) -> bool {
        self.same_as(other) || (self.len == other.len && self.iter().eq(other.iter()))
    }
}

impl Eq for Keyspace {}

impl fmt::Debug for Keyspace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(s: &str) -> Bytes {
        Bytes::from(s.as_bytes())
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
