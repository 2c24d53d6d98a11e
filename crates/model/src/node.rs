//! One cluster node: its identity, its keys, and its own [`View`] of the cluster, which is
//! what `clusterState` holds in real Redis: the slot owners in a shared table
//! (`slot_table.rs`), the migrating and importing flags in [`SlotMap`]s, which nodes it
//! knows, their epochs and roles, and per-node slot counts. [`SlotState`] is a slot's state
//! as one node sees it.

use crate::keyspace::Keyspace;
use crate::node_id::{NodeId, NodeIdx};
use crate::slot::{Slot, SLOT_COUNT};
use crate::slot_map::SlotMap;
use crate::slot_table::{SlotTable, CHUNK};
use std::sync::Arc;

/// A node's role, as some node believes it to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// A master, which may own slots.
    Master,
    /// A replica of another node (a master that gave away its last slot becomes one).
    Replica {
        /// The master it replicates.
        of: NodeIdx,
    },
}

/// What one node believes about another (or about itself).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PeerView {
    /// The peer's configEpoch, as last heard.
    pub config_epoch: u64,
    /// The peer's role, as last heard.
    pub role: Role,
    /// Whether this node knows the peer at all (a new node knows only itself until MEET).
    pub known: bool,
}

/// A slot's state on one node, as the learning material names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SlotState {
    /// This node owns the slot and it is not moving.
    Owned,
    /// This node owns the slot and is sending it to `to` (`CLUSTER SETSLOT s MIGRATING <to>`).
    Migrating {
        /// The node the slot is moving to.
        to: NodeIdx,
    },
    /// This node is receiving the slot from `from` (`CLUSTER SETSLOT s IMPORTING <from>`).
    Importing {
        /// The node the slot is coming from.
        from: NodeIdx,
    },
    /// Another node owns the slot, in this node's view (or nobody, when `owner` is `None`).
    NotOwned {
        /// The owner in this node's view.
        owner: Option<NodeIdx>,
    },
}

impl SlotState {
    /// The badge text, naming nodes by `names`: `owned`, `MIGRATING to C`, `IMPORTING from B`,
    /// `not owned`.
    pub fn label(self, names: &[String]) -> String {
        let name = |n: NodeIdx| names.get(n.get()).cloned().unwrap_or_else(|| "?".into());
        match self {
            SlotState::Owned => "owned".into(),
            SlotState::Migrating { to } => format!("MIGRATING to {}", name(to)),
            SlotState::Importing { from } => format!("IMPORTING from {}", name(from)),
            SlotState::NotOwned { .. } => "not owned".into(),
        }
    }
}

/// What a node believes about every node, by index: shared between snapshots until a step
/// writes to it (indexing for a write copies it then).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Peers(Arc<Vec<PeerView>>);

impl std::ops::Deref for Peers {
    type Target = [PeerView];
    fn deref(&self) -> &[PeerView] {
        &self.0
    }
}

impl std::ops::Index<usize> for Peers {
    type Output = PeerView;
    fn index(&self, i: usize) -> &PeerView {
        &self.0[i]
    }
}

impl std::ops::IndexMut<usize> for Peers {
    fn index_mut(&mut self, i: usize) -> &mut PeerView {
        &mut Arc::make_mut(&mut self.0)[i]
    }
}

/// A node's own view of the cluster: what `clusterState` holds in real Redis.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct View {
    /// The highest epoch this node has seen (`cluster_current_epoch`).
    pub current_epoch: u64,
    /// What this node believes about every node, itself included, by index.
    pub peers: Peers,
    owners: SlotTable,
    unassigned: usize,
    counts: Arc<Vec<u16>>,
    not_claiming: SlotMap<()>,
    migrating: SlotMap<NodeIdx>,
    importing: SlotMap<NodeIdx>,
}

impl View {
    /// A view in which no slot is assigned.
    pub fn new(node_count: usize) -> View {
        View {
            current_epoch: 0,
            peers: Peers(Arc::new(vec![
                PeerView {
                    config_epoch: 0,
                    role: Role::Master,
                    known: false,
                };
                node_count
            ])),
            owners: SlotTable::new(),
            unassigned: SLOT_COUNT,
            counts: Arc::new(vec![0; node_count]),
            not_claiming: SlotMap::default(),
            migrating: SlotMap::default(),
            importing: SlotMap::default(),
        }
    }

    /// The owner of a slot in this view.
    pub fn owner(&self, slot: Slot) -> Option<NodeIdx> {
        self.owners.get(slot.index())
    }

    /// Binds a slot to a node in this view, and forgets that its owner stopped claiming it.
    pub fn set_owner(&mut self, slot: Slot, owner: Option<NodeIdx>) {
        let old = self.owner(slot);
        if old != owner {
            self.owners.set(slot.index(), owner);
            self.recount(old, owner);
        }
        self.not_claiming.remove(slot);
    }

    /// Moves one slot from `old`'s count (or the unassigned ones) to `new`'s.
    fn recount(&mut self, old: Option<NodeIdx>, new: Option<NodeIdx>) {
        match old {
            Some(o) => Arc::make_mut(&mut self.counts)[o.get()] -= 1,
            None => self.unassigned -= 1,
        }
        match new {
            Some(n) => Arc::make_mut(&mut self.counts)[n.get()] += 1,
            None => self.unassigned += 1,
        }
    }

    /// [`View::set_owner`] for every slot from `first` to `last`, a chunk at a time (creating a
    /// cluster binds all 16384 slots).
    pub fn set_owner_range(&mut self, first: Slot, last: Slot, owner: Option<NodeIdx>) {
        let (mut i, stop) = (first.index(), last.index());
        while i <= stop {
            let end = stop.min((i / CHUNK + 1) * CHUNK - 1);
            let changes = self.owners.fill(i, end, owner);
            for old in changes {
                self.recount(old, owner);
            }
            i = end + 1;
        }
        if !self.not_claiming.is_empty() {
            for slot in (first.get()..=last.get()).filter_map(Slot::new) {
                self.not_claiming.remove(slot);
            }
        }
    }

    /// Whether the recorded owner has stopped claiming the slot, or nobody owns it.
    pub fn is_unclaimed(&self, slot: Slot) -> bool {
        self.owner(slot).is_none() || self.not_claiming.get(slot).is_some()
    }

    /// Records that the slot's owner no longer claims it (it stays bound meanwhile).
    pub fn mark_not_claiming(&mut self, slot: Slot) {
        self.not_claiming.insert(slot, ());
    }

    /// The `migrating_slots_to` entry for a slot.
    pub fn migrating_to(&self, slot: Slot) -> Option<NodeIdx> {
        self.migrating.get(slot).copied()
    }

    /// The `importing_slots_from` entry for a slot.
    pub fn importing_from(&self, slot: Slot) -> Option<NodeIdx> {
        self.importing.get(slot).copied()
    }

    /// Sets or clears `migrating_slots_to` for a slot.
    pub fn set_migrating(&mut self, slot: Slot, to: Option<NodeIdx>) {
        match to {
            Some(n) => self.migrating.insert(slot, n),
            None => self.migrating.remove(slot),
        };
    }

    /// Sets or clears `importing_slots_from` for a slot.
    pub fn set_importing(&mut self, slot: Slot, from: Option<NodeIdx>) {
        match from {
            Some(n) => self.importing.insert(slot, n),
            None => self.importing.remove(slot),
        };
    }

    /// Every slot with a migrating or importing flag (an "open" slot), in order.
    pub fn open_slots(&self) -> Vec<Slot> {
        let mut s: Vec<Slot> = self
            .migrating
            .iter()
            .chain(self.importing.iter())
            .map(|(slot, _)| slot)
            .collect();
        crate::sort::sort(&mut s);
        s.dedup();
        s
    }

    /// Whether both views bind every slot to the same node (shared chunks are not read).
    pub fn same_owners(&self, other: &View) -> bool {
        self.owners == other.owners
    }

    /// The owner table itself, shared: a bus message carries it instead of a bitmap.
    pub(crate) fn owner_table(&self) -> SlotTable {
        self.owners.clone()
    }

    /// The slots bound to a node in this view, in order.
    pub fn slots_of(&self, node: NodeIdx) -> Vec<Slot> {
        Slot::all()
            .filter(|&s| self.owner(s) == Some(node))
            .collect()
    }

    /// The number of slots bound to each node, by index.
    pub fn slot_counts(&self) -> Vec<usize> {
        self.counts.iter().map(|&c| usize::from(c)).collect()
    }

    /// The number of slots bound to one node.
    pub fn slot_count(&self, node: NodeIdx) -> usize {
        self.counts.get(node.get()).map_or(0, |&c| usize::from(c))
    }

    /// The highest configEpoch known, or the current epoch if that is higher.
    pub fn max_epoch(&self) -> u64 {
        self.peers
            .iter()
            .map(|p| p.config_epoch)
            .max()
            .unwrap_or(0)
            .max(self.current_epoch)
    }

    /// Whether every slot is bound to some node (`cluster_state:ok` with full coverage).
    pub fn covers_all_slots(&self) -> bool {
        self.unassigned == 0
    }

    /// The owner table, slot by slot.
    pub fn owners(&self) -> impl Iterator<Item = Option<NodeIdx>> + '_ {
        self.owners.iter()
    }

    /// The owner table as runs `(first, last, owner)` of consecutive slots with one owner,
    /// in slot order (see [`crate::slot::runs`]): `CLUSTER SLOTS`, and the app's slot strip.
    pub fn owner_runs(&self) -> Vec<(Slot, Slot, Option<NodeIdx>)> {
        crate::slot::runs(Slot::all().zip(self.owners()))
    }
}

/// A master of the model cluster.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    /// The short name the scripts use, such as `A` (shared by every snapshot).
    pub name: Arc<str>,
    /// The node's 40-hex id.
    pub id: NodeId,
    /// The node's own index in the cluster's node list.
    pub me: NodeIdx,
    /// The client address, `ip:port` (shared by every snapshot).
    pub addr: Arc<str>,
    /// What this node believes about the cluster.
    pub view: View,
    /// This node's keys (db 0).
    pub keys: Keyspace,
}

impl Node {
    /// Whether this node knows `n` (itself included).
    pub fn knows(&self, n: NodeIdx) -> bool {
        self.view.peers.get(n.get()).is_some_and(|p| p.known)
    }

    /// Whether this node believes it is a master.
    pub fn is_master(&self) -> bool {
        self.view.peers[self.me.get()].role == Role::Master
    }

    /// This node's own configEpoch.
    pub fn config_epoch(&self) -> u64 {
        self.view.peers[self.me.get()].config_epoch
    }

    /// The port of the client address.
    pub fn port(&self) -> u16 {
        self.addr
            .rsplit(':')
            .next()
            .and_then(|p| p.parse().ok())
            .unwrap_or(0)
    }

    /// The state of a slot on this node.
    pub fn slot_state(&self, slot: Slot) -> SlotState {
        let me = self.me;
        let owner = self.view.owner(slot);
        if let Some(from) = self.view.importing_from(slot) {
            return SlotState::Importing { from };
        }
        if owner == Some(me) {
            return match self.view.migrating_to(slot) {
                Some(to) => SlotState::Migrating { to },
                None => SlotState::Owned,
            };
        }
        SlotState::NotOwned { owner }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_binds_exactly_like_slot_by_slot() {
        let s = |n: u16| Slot::new(n).unwrap();
        let mut one = View::new(3);
        let mut range = View::new(3);
        for (first, last, owner) in [
            (0u16, 5460u16, Some(NodeIdx(0))),
            (5461, 16383, Some(NodeIdx(1))),
            (100, 300, Some(NodeIdx(2))),
            (255, 257, None),
            (16383, 16383, Some(NodeIdx(0))),
        ] {
            one.mark_not_claiming(s(first));
            range.mark_not_claiming(s(first));
            for n in first..=last {
                one.set_owner(s(n), owner);
            }
            range.set_owner_range(s(first), s(last), owner);
            assert_eq!(range, one);
            assert_eq!(range.slot_counts(), one.slot_counts());
            assert!(!range.is_unclaimed(s(first)) || owner.is_none());
        }
    }
}
