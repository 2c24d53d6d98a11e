//! The difference between two snapshots: which slot states, owners, epochs and keys changed.
//! The app animates exactly this.

use crate::cluster::Cluster;
use crate::keyspace::Bytes;
use crate::node::SlotState;
use crate::node_id::NodeIdx;
use crate::slot::Slot;

/// One change between two snapshots.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// A slot's state changed on a node (owner, MIGRATING or IMPORTING, in that node's view).
    SlotState {
        /// The node whose view changed.
        node: NodeIdx,
        /// The slot.
        slot: Slot,
        /// Before.
        before: SlotState,
        /// After.
        after: SlotState,
    },
    /// A node's configEpoch or currentEpoch changed.
    Epoch {
        /// The node.
        node: NodeIdx,
        /// Its configEpoch before and after.
        config: (u64, u64),
        /// Its currentEpoch before and after.
        current: (u64, u64),
    },
    /// A key appeared on a node.
    KeyAdded {
        /// The node.
        node: NodeIdx,
        /// The key.
        key: Bytes,
    },
    /// A key left a node.
    KeyRemoved {
        /// The node.
        node: NodeIdx,
        /// The key.
        key: Bytes,
    },
}

/// Every change from `a` to `b`, node by node: slot states in slot order, then epochs, then
/// keys in key order. Both snapshots must come from the same cluster.
pub fn diff(a: &Cluster, b: &Cluster) -> Vec<Change> {
    let mut out = Vec::new();
    for (na, nb) in a.nodes().iter().zip(b.nodes()) {
        let node = na.me;
        if na.view != nb.view {
            for slot in Slot::all() {
                let (before, after) = (na.slot_state(slot), nb.slot_state(slot));
                if before != after {
                    out.push(Change::SlotState {
                        node,
                        slot,
                        before,
                        after,
                    });
                }
            }
            let config = (na.config_epoch(), nb.config_epoch());
            let current = (na.view.current_epoch, nb.view.current_epoch);
            if config.0 != config.1 || current.0 != current.1 {
                out.push(Change::Epoch {
                    node,
                    config,
                    current,
                });
            }
        }
        let mut keys: Vec<Change> = Vec::new();
        for slot in na.keys.touched_slots(&nb.keys) {
            let mut ka: Vec<&Bytes> = na.keys.keys_in_slot(slot).collect();
            let mut kb: Vec<&Bytes> = nb.keys.keys_in_slot(slot).collect();
            crate::sort::sort(&mut ka);
            crate::sort::sort(&mut kb);
            keys.extend(ka.iter().filter(|k| kb.binary_search(k).is_err()).map(|k| {
                Change::KeyRemoved {
                    node,
                    key: (*k).clone(),
                }
            }));
            keys.extend(kb.iter().filter(|k| ka.binary_search(k).is_err()).map(|k| {
                Change::KeyAdded {
                    node,
                    key: (*k).clone(),
                }
            }));
        }
        crate::sort::sort_by(&mut keys, |x, y| change_key(x) < change_key(y));
        out.extend(keys);
    }
    out
}

/// The key a key change is about, for ordering.
fn change_key(change: &Change) -> &[u8] {
    match change {
        Change::KeyAdded { key, .. } | Change::KeyRemoved { key, .. } => key,
        _ => &[],
    }
}
