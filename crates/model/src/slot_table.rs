//! [`SlotTable`]: the owner of every slot in one node's view, one byte per slot, in a
//! three-level copy-on-write tree (16 × 16 leaves of 64 slots) shared between snapshots.
//!
//! Why a second tree beside [`SlotMap`](crate::slot_map::SlotMap): the two hold opposite
//! shapes of data. A `SlotMap<V>` is sparse and generic: seven levels of four branches, an
//! `Arc` per value and nothing for an absent slot, which suits the migrating and importing
//! flags and the per-slot key lists, set on a few slots. The owner table is dense and tiny:
//! every slot has an owner (or none), which fits a byte, so the whole table is 16 KiB of
//! 64-byte leaves. As a `SlotMap` it would cost an `Arc` and a pointer per slot and seven
//! hops per lookup; as one flat array every change would copy all 16 KiB. Here a change copies
//! two small levels and one leaf, a clone copies one pointer, a bus message carries the
//! sender's table as a shared snapshot instead of a bitmap, and comparing two tables skips
//! the leaves they still share (`wait` compares every view after every round).

use crate::node_id::NodeIdx;
use std::sync::Arc;

/// Slots per copy-on-write leaf of a [`SlotTable`] (one byte each).
pub(crate) const CHUNK: usize = 64;

/// Branches per level of a [`SlotTable`]: 16 × 16 leaves of 64 slots.
const FAN: usize = 16;

/// A leaf: the owners of 64 consecutive slots.
type Leaf = [u8; CHUNK];

/// The middle level: 16 leaves, 1024 slots.
type Mid = [Arc<Leaf>; FAN];

/// The owner of every slot, in a three-level tree shared between snapshots: a clone copies
/// one pointer, and a change copies the two small levels above its leaf and the 64-byte leaf
/// (one byte per slot: 0 for no owner, else index + 1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SlotTable {
    top: Arc<[Arc<Mid>; FAN]>,
}

/// An owner as its byte: 0 for none, else the node's index + 1.
fn encode(owner: Option<NodeIdx>) -> u8 {
    owner.map_or(0, |n| n.0 + 1)
}

/// The owner a byte stands for.
fn decode(byte: u8) -> Option<NodeIdx> {
    byte.checked_sub(1).map(NodeIdx)
}

impl SlotTable {
    pub(crate) fn new() -> SlotTable {
        // Every leaf starts as the same shared empty leaf; the first write copies the path.
        let leaf = Arc::new([0; CHUNK]);
        let mid: Arc<Mid> = Arc::new(std::array::from_fn(|_| leaf.clone()));
        SlotTable {
            top: Arc::new(std::array::from_fn(|_| mid.clone())),
        }
    }

    fn leaf(&self, i: usize) -> &Leaf {
        &self.top[i / (FAN * CHUNK)][(i / CHUNK) % FAN]
    }

    /// The leaf holding slot `i`, for writing: copies the path where a snapshot shares it.
    fn leaf_mut(&mut self, i: usize) -> &mut Leaf {
        let mid = Arc::make_mut(&mut Arc::make_mut(&mut self.top)[i / (FAN * CHUNK)]);
        Arc::make_mut(&mut mid[(i / CHUNK) % FAN])
    }

    pub(crate) fn get(&self, i: usize) -> Option<NodeIdx> {
        decode(self.leaf(i)[i % CHUNK])
    }

    pub(crate) fn set(&mut self, i: usize, owner: Option<NodeIdx>) {
        if self.get(i) == owner {
            return;
        }
        self.leaf_mut(i)[i % CHUNK] = encode(owner);
    }

    /// Binds slots `from..=to` (within one chunk) to `owner`; returns the old owner of each
    /// slot that changed.
    pub(crate) fn fill(
        &mut self,
        from: usize,
        to: usize,
        owner: Option<NodeIdx>,
    ) -> Vec<Option<NodeIdx>> {
        let byte = encode(owner);
        let changed: Vec<Option<NodeIdx>> = self.leaf(from)[from % CHUNK..=to % CHUNK]
            .iter()
            .filter(|&&old| old != byte)
            .map(|&old| decode(old))
            .collect();
        if !changed.is_empty() {
            self.leaf_mut(from)[from % CHUNK..=to % CHUNK].fill(byte);
        }
        changed
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = Option<NodeIdx>> + '_ {
        self.top
            .iter()
            .flat_map(|mid| mid.iter())
            .flat_map(|leaf| leaf.iter().map(|&byte| decode(byte)))
    }

    /// Whether the slots bound to `a` here are exactly those bound to `b` in `other`.
    /// Chunks both tables still share are equal without being read.
    pub(crate) fn same_slots(&self, a: NodeIdx, other: &SlotTable, b: NodeIdx) -> bool {
        let (a, b) = (encode(Some(a)), encode(Some(b)));
        let same_leaf = |x: &Arc<Leaf>, y: &Arc<Leaf>| {
            (a == b && Arc::ptr_eq(x, y))
                || x.iter().zip(y.iter()).all(|(p, q)| (*p == a) == (*q == b))
        };
        self.top.iter().zip(other.top.iter()).all(|(x, y)| {
            (a == b && Arc::ptr_eq(x, y)) || x.iter().zip(y.iter()).all(|(l, m)| same_leaf(l, m))
        })
    }
}
