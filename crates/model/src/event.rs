//! Events: what a step did that a before/after comparison alone cannot tell: keys moved or
//! copied by MIGRATE, keys lost (and why: a dirty slot, a master turned replica), epoch
//! bumps, slots rebound after gossip, and a master that became a replica.

use crate::keyspace::Bytes;
use crate::node_id::NodeIdx;
use crate::slot::Slot;

/// Why keys were lost.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LossCause {
    /// Gossip gave the slot to a node with a higher configEpoch while this node still held
    /// keys in it, so Redis deleted them ("dirty slot").
    DirtySlot,
    /// The node turned into a replica and resynchronised, replacing its keys.
    BecameReplica,
}

/// Something that happened during one command or one message delivery.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    /// MIGRATE moved a key: the target acknowledged it and the source deleted it.
    KeyMoved {
        /// The source node.
        from: NodeIdx,
        /// The target node.
        to: NodeIdx,
        /// The key.
        key: Bytes,
    },
    /// MIGRATE (with COPY, or with a failed SELECT) stored a key on the target and kept it on the source.
    KeyCopied {
        /// The source node.
        from: NodeIdx,
        /// The target node.
        to: NodeIdx,
        /// The key.
        key: Bytes,
    },
    /// Keys deleted as a side effect, where real Redis loses data too.
    KeysLost {
        /// The node that deleted them.
        node: NodeIdx,
        /// Their slot.
        slot: Slot,
        /// The keys.
        keys: Vec<Bytes>,
        /// Why.
        cause: LossCause,
    },
    /// A node took a new configEpoch.
    EpochBumped {
        /// The node.
        node: NodeIdx,
        /// Its new configEpoch.
        epoch: u64,
    },
    /// A node rebound slots to another node after hearing its claim.
    SlotsRebound {
        /// The node whose view changed.
        node: NodeIdx,
        /// The new owner.
        to: NodeIdx,
        /// How many slots.
        count: usize,
    },
    /// A master left without slots became a replica.
    BecameReplica {
        /// The node.
        node: NodeIdx,
        /// Its new master.
        of: NodeIdx,
    },
}
