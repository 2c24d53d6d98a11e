//! `redis-cli --cluster add-node new existing`: the new, empty master sends `CLUSTER MEET` to
//! an existing node, then gossip spreads the news until every node knows it.

use super::{Plan, PlanError};
use crate::node_id::NodeIdx;

/// Plans `add-node`: `NEW> CLUSTER MEET <existing ip> <existing port>`, then `wait`.
pub fn add_node(plan: &mut Plan, new: NodeIdx, existing: NodeIdx) -> Result<(), PlanError> {
    let node = plan.cluster.node(new);
    if !node.keys.is_empty() || node.view.slot_count(new) > 0 {
        return Err(PlanError(format!(
            "[ERR] Node {} is not empty. Either the node already knows other nodes (check with CLUSTER NODES) or contains some key in database 0.",
            node.addr
        )));
    }
    if node.view.peers.iter().filter(|p| p.known).count() > 1 {
        return Err(PlanError(format!(
            "[ERR] Node {} is already in a cluster",
            node.addr
        )));
    }
    let addr = plan.cluster.node(existing).addr.clone();
    let (ip, port) = addr.rsplit_once(':').unwrap_or((&addr, "0"));
    let args = vec![
        "CLUSTER".to_string(),
        "MEET".into(),
        ip.to_string(),
        port.to_string(),
    ];
    let reply = plan.run(new, &args);
    if reply.is_error() {
        return Err(PlanError(format!(
            "*** MEET failed: {}",
            reply.to_transcript()
        )));
    }
    plan.wait();
    Ok(())
}
