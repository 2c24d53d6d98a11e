//! How a node decides to serve a keyed command or redirect it: Redis 7.0's `getNodeByQuery`,
//! step by step, in its order: an unbound slot and CROSSSLOT while scanning the keys, the
//! cluster down, MIGRATE on an open slot, ASK or TRYAGAIN on a migrating source, ASKING on an
//! importing target, READONLY on a replica, then MOVED.

use crate::command::{Cmd, CommandSpec, Routed};
use crate::node::Node;
use crate::reply::Reply;
use crate::slot::Slot;

/// The facts about one request that routing needs beyond the node itself.
#[derive(Clone, Copy, Debug)]
pub struct Request<'a> {
    /// The command.
    pub spec: &'a CommandSpec,
    /// The arguments, command name included.
    pub argv: &'a [Vec<u8>],
    /// The connection sent `ASKING` just before this command.
    pub asking: bool,
    /// The command carries the CMD_ASKING flag (only RESTORE-ASKING does).
    pub cmd_asking: bool,
    /// The connection sent `READONLY`.
    pub readonly: bool,
    /// The model clock, for expired keys.
    pub now: u64,
}

/// `Ok` to serve the command on this node, or the redirection or error to send instead.
pub fn route(node: &Node, req: &Request, nodes: &[std::sync::Arc<Node>]) -> Result<(), Reply> {
    let positions = req.spec.key_positions(req.argv);
    let Some(&first_pos) = positions.first() else {
        return Ok(());
    };
    let first_key = &req.argv[first_pos];
    let slot = Slot::of_key(first_key);
    let me = node.me;
    // 1-3: CROSSSLOT while scanning the keys; an unbound first slot stops the scan at once.
    let Some(owner) = node.view.owner(slot) else {
        return Err(Reply::Error("CLUSTERDOWN Hash slot not served".into()));
    };
    let migrating = owner == me && node.view.migrating_to(slot).is_some();
    let importing = !migrating && node.view.importing_from(slot).is_some();
    let mut multiple_keys = false;
    let (mut missing, mut existing) = (0, 0);
    for &p in &positions {
        let key = &req.argv[p];
        if key != first_key {
            if Slot::of_key(key) != slot {
                return Err(Reply::Error(
                    "CROSSSLOT Keys in request don't hash to the same slot".into(),
                ));
            }
            multiple_keys = true;
        }
        if migrating || importing {
            if node.keys.live(key, req.now).is_some() {
                existing += 1;
            } else {
                missing += 1;
            }
        }
    }
    // 5: the cluster is down when this node's view leaves a slot unassigned.
    if !node.view.covers_all_slots() {
        return Err(Reply::Error("CLUSTERDOWN The cluster is down".into()));
    }
    let addr = |n: crate::node_id::NodeIdx| {
        nodes
            .get(n.get())
            .map(|x| x.addr.to_string())
            .unwrap_or_default()
    };
    // 6: MIGRATE always runs locally on an open slot.
    if (migrating || importing) && req.spec.cmd == Cmd::Routed(Routed::Migrate) {
        return Ok(());
    }
    // 7: the migrating source: ASK when every key is gone, TRYAGAIN when only some are.
    if migrating && missing > 0 {
        if existing > 0 {
            return Err(tryagain());
        }
        let to = node.view.migrating_to(slot).unwrap_or(me);
        return Err(Reply::Ask {
            slot,
            addr: addr(to),
        });
    }
    // 8: the importing target serves an ASKING client, unless a multi-key request misses keys.
    if importing && (req.asking || req.cmd_asking) {
        if multiple_keys && missing > 0 {
            return Err(tryagain());
        }
        return Ok(());
    }
    // 9: a READONLY replica of the owner serves reads.
    let replica_of_owner =
        node.view.peers[me.get()].role == (crate::node::Role::Replica { of: owner });
    if req.readonly && !req.spec.write && replica_of_owner {
        return Ok(());
    }
    // 10: MOVED to the owner in this node's view.
    if owner != me {
        return Err(Reply::Moved {
            slot,
            addr: addr(owner),
        });
    }
    Ok(())
}

fn tryagain() -> Reply {
    Reply::Error("TRYAGAIN Multiple keys request during rehashing of slot".into())
}
