//! [`SlotMap`]: a persistent map from slot to value, shared between snapshots.
//!
//! A radix tree of seven levels with four branches each (14 bits of slot number). A clone
//! copies one pointer; a change copies the seven small nodes on the path to its slot and
//! nothing else, so a timeline step that touches one slot of a node costs a few hundred
//! bytes, however many keys there are. (Four branches measured smallest: eight or sixteen
//! copy more bytes per change than the extra levels cost.)

use crate::slot::Slot;
use std::sync::Arc;

const BITS: usize = 2;
const FAN: usize = 1 << BITS;
/// The root's level: enough levels of `BITS` bits for the 14 bits of a slot number.
const TOP: usize = 14_usize.div_ceil(BITS) - 1;

#[derive(Clone)]
enum Tree<V> {
    Branch([Option<Arc<Tree<V>>>; FAN]),
    Leaf([Option<Arc<V>>; FAN]),
}

impl<V> Tree<V> {
    fn empty(level: usize) -> Tree<V> {
        if level == 0 {
            Tree::Leaf(std::array::from_fn(|_| None))
        } else {
            Tree::Branch(std::array::from_fn(|_| None))
        }
    }

    fn is_empty(&self) -> bool {
        match self {
            Tree::Branch(kids) => kids.iter().all(Option::is_none),
            Tree::Leaf(values) => values.iter().all(Option::is_none),
        }
    }
}

/// A persistent map from [`Slot`] to `V`; see the module documentation.
pub struct SlotMap<V> {
    root: Option<Arc<Tree<V>>>,
}

impl<V> Clone for SlotMap<V> {
    fn clone(&self) -> Self {
        SlotMap {
            root: self.root.clone(),
        }
    }
}

impl<V> Default for SlotMap<V> {
    fn default() -> Self {
        SlotMap { root: None }
    }
}

fn branch_index(i: usize, level: usize) -> usize {
    (i >> (level * BITS)) & (FAN - 1)
}

impl<V: Clone> SlotMap<V> {
    /// The value of a slot.
    pub fn get(&self, slot: Slot) -> Option<&V> {
        self.get_arc(slot).map(|v| &**v)
    }

    /// The value of a slot, shared: snapshots holding the same `Arc` hold the same value.
    fn get_arc(&self, slot: Slot) -> Option<&Arc<V>> {
        let i = slot.index();
        let mut tree = self.root.as_deref()?;
        let mut level = TOP;
        loop {
            match tree {
                Tree::Branch(kids) => tree = kids[branch_index(i, level)].as_deref()?,
                Tree::Leaf(values) => return values[branch_index(i, 0)].as_ref(),
            }
            level = level.saturating_sub(1);
        }
    }

    /// Gives `f` the slot's value to change (`None` if absent; leaving `None` removes it).
    /// Copies only the path to the slot, and only where a snapshot still shares it.
    pub fn update<R>(&mut self, slot: Slot, f: impl FnOnce(&mut Option<V>) -> R) -> R {
        fn walk<V: Clone, R>(
            node: &mut Option<Arc<Tree<V>>>,
            level: usize,
            i: usize,
            f: impl FnOnce(&mut Option<V>) -> R,
        ) -> R {
            let tree = Arc::make_mut(node.get_or_insert_with(|| Arc::new(Tree::empty(level))));
            let r = match tree {
                Tree::Branch(kids) => walk(&mut kids[branch_index(i, level)], level - 1, i, f),
                Tree::Leaf(values) => {
                    let cell = &mut values[branch_index(i, 0)];
                    let mut value = cell.take().map(Arc::unwrap_or_clone);
                    let r = f(&mut value);
                    *cell = value.map(Arc::new);
                    r
                }
            };
            if tree.is_empty() {
                *node = None;
            }
            r
        }
        walk(&mut self.root, TOP, slot.index(), f)
    }

    /// Sets a slot's value.
    pub fn insert(&mut self, slot: Slot, value: V) {
        self.update(slot, |v| *v = Some(value));
    }

    /// Removes a slot's value; copies nothing when there is none.
    pub fn remove(&mut self, slot: Slot) {
        if self.get(slot).is_some() {
            self.update(slot, |v| *v = None);
        }
    }

    /// Whether both maps are the very same shared tree.
    pub fn same_as(&self, other: &SlotMap<V>) -> bool {
        match (&self.root, &other.root) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        }
    }

    /// Whether the map has no slot at all.
    pub fn is_empty(&self) -> bool {
        self.root.is_none()
    }

    /// Every slot with a value, in slot order.
    pub fn iter(&self) -> impl Iterator<Item = (Slot, &V)> + '_ {
        let mut out: Vec<(Slot, &V)> = Vec::new();
        fn collect<'a, V>(
            tree: &'a Tree<V>,
            base: usize,
            level: usize,
            out: &mut Vec<(Slot, &'a V)>,
        ) {
            match tree {
                Tree::Branch(kids) => {
                    for (b, kid) in kids.iter().enumerate() {
                        if let Some(kid) = kid {
                            collect(
                                kid,
                                base | (b << (level * BITS)),
                                level.saturating_sub(1),
                                out,
                            );
                        }
                    }
                }
                Tree::Leaf(values) => {
                    for (b, v) in values.iter().enumerate() {
                        if let (Some(v), Some(slot)) = (v, Slot::new((base | b) as u16)) {
                            out.push((slot, v));
                        }
                    }
                }
            }
        }
        if let Some(root) = &self.root {
            collect(root, 0, TOP, &mut out);
        }
        out.into_iter()
    }

    /// The slots whose values are not shared between `self` and `other`: every slot that a
    /// change touched, found without looking inside the subtrees both still share.
    pub fn changed(&self, other: &SlotMap<V>) -> Vec<Slot> {
        fn walk<V: Clone>(
            a: Option<&Arc<Tree<V>>>,
            b: Option<&Arc<Tree<V>>>,
            base: usize,
            level: usize,
            out: &mut Vec<Slot>,
        ) {
            if let (Some(x), Some(y)) = (a, b) {
                if Arc::ptr_eq(x, y) {
                    return;
                }
            }
            for k in 0..FAN {
                let at = base | (k << (level * BITS));
                if level == 0 {
                    let va = leaf_value(a, k);
                    let vb = leaf_value(b, k);
                    let same = match (va, vb) {
                        (Some(x), Some(y)) => Arc::ptr_eq(x, y),
                        (None, None) => true,
                        _ => false,
                    };
                    if !same {
                        out.extend(Slot::new(at as u16));
                    }
                } else {
                    walk(kid(a, k), kid(b, k), at, level - 1, out);
                }
            }
        }
        fn kid<V>(t: Option<&Arc<Tree<V>>>, k: usize) -> Option<&Arc<Tree<V>>> {
            match t.map(|t| &**t) {
                Some(Tree::Branch(kids)) => kids[k].as_ref(),
                _ => None,
            }
        }
        fn leaf_value<V>(t: Option<&Arc<Tree<V>>>, k: usize) -> Option<&Arc<V>> {
            match t.map(|t| &**t) {
                Some(Tree::Leaf(values)) => values[k].as_ref(),
                _ => None,
            }
        }
        let mut out = Vec::new();
        walk(self.root.as_ref(), other.root.as_ref(), 0, TOP, &mut out);
        out
    }

    /// Whether a slot's value is the very same shared value in both maps.
    pub fn shares(&self, other: &SlotMap<V>, slot: Slot) -> bool {
        match (self.get_arc(slot), other.get_arc(slot)) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        }
    }
}

impl<V: Clone + PartialEq> PartialEq for SlotMap<V> {
    fn eq(&self, other: &SlotMap<V>) -> bool {
        match (&self.root, &other.root) {
            (Some(a), Some(b)) if Arc::ptr_eq(a, b) => true,
            _ => self.iter().eq(other.iter()),
        }
    }
}

impl<V: Clone + Eq> Eq for SlotMap<V> {}

impl<V: Clone + std::fmt::Debug> std::fmt::Debug for SlotMap<V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(n: u16) -> Slot {
        Slot::new(n).unwrap()
    }

    #[test]
    fn update_get_iter_and_remove() {
        let mut m: SlotMap<u32> = SlotMap::default();
        for n in [16383u16, 0, 1234, 15, 16] {
            m.update(s(n), |v| *v = Some(u32::from(n)));
        }
        assert_eq!(m.get(s(1234)), Some(&1234));
        assert_eq!(m.get(s(1235)), None);
        let slots: Vec<u16> = m.iter().map(|(k, _)| k.get()).collect();
        assert_eq!(slots, vec![0, 15, 16, 1234, 16383]);
        for n in [16383u16, 0, 1234, 15, 16] {
            m.update(s(n), |v| *v = None);
        }
        assert!(m.root.is_none(), "empty paths are pruned");
    }

    #[test]
    fn clones_share_until_changed_and_changed_finds_exactly_the_touched_slots() {
        let mut a: SlotMap<u32> = SlotMap::default();
        for n in 0..16384u16 {
            a.update(s(n), |v| *v = Some(1));
        }
        let mut b = a.clone();
        assert!(a.changed(&b).is_empty());
        b.update(s(77), |v| *v = Some(2));
        b.update(s(9000), |v| *v = None);
        let changed: Vec<u16> = a.changed(&b).iter().map(|k| k.get()).collect();
        assert_eq!(changed, vec![77, 9000]);
        assert_eq!(a.get(s(77)), Some(&1), "the original is untouched");
        assert!(a.shares(&b, s(78)));
        assert!(!a.shares(&b, s(77)));
    }
}
