//! `redis-cli --cluster reshard`: move N slots from some masters to one, lowest-numbered
//! slots first, with redis-cli 7's per-source quota.

use super::{Plan, PlanError};
use crate::node_id::NodeIdx;
use crate::slot::Slot;

/// Where the slots come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Sources {
    /// Every master but the target.
    All,
    /// These masters.
    Nodes(Vec<NodeIdx>),
}

/// `clusterManagerComputeReshardTable`: sources sorted by slot count (most first); each gives
/// `N * its slots / total` slots (f32), rounded up for the first and down for the rest, its
/// lowest-numbered first, until N are planned.
pub fn reshard_table(plan: &Plan, sources: &[NodeIdx], n: usize) -> Vec<(NodeIdx, Slot)> {
    let mut sorted: Vec<(NodeIdx, Vec<Slot>)> =
        sources.iter().map(|&s| (s, plan.slots_of(s))).collect();
    let total: usize = sorted.iter().map(|(_, s)| s.len()).sum();
    crate::sort::sort_by_key(&mut sorted, |e| std::cmp::Reverse(e.1.len()));
    let mut moved = Vec::new();
    if total == 0 {
        return moved;
    }
    for (i, (node, slots)) in sorted.iter().enumerate() {
        let share = n as f32 / total as f32 * slots.len() as f32;
        let max = if i == 0 { share.ceil() } else { share.floor() } as usize;
        for slot in slots.iter().take(max) {
            if moved.len() >= n {
                break;
            }
            moved.push((*node, *slot));
        }
    }
    moved
}

/// Plans `reshard --from <sources> --to <target> --slots <n>`.
pub fn reshard(
    plan: &mut Plan,
    sources: Sources,
    target: NodeIdx,
    n: usize,
) -> Result<(), PlanError> {
    plan.check()?;
    if n == 0 || n > crate::slot::SLOT_COUNT {
        return Err(PlanError(
            "*** Please provide a number of slots between 1 and 16384".into(),
        ));
    }
    let sources = match sources {
        Sources::All => plan
            .masters()
            .into_iter()
            .filter(|&m| m != target)
            .collect(),
        Sources::Nodes(list) => {
            if list.contains(&target) {
                return Err(PlanError(
                    "*** It is not possible to use the target node as source node.".into(),
                ));
            }
            list
        }
    };
    let table = reshard_table(plan, &sources, n);
    plan.comment(&format!(
        "reshard: {} slot(s) to {}, from {}",
        table.len(),
        plan.name(target),
        sources
            .iter()
            .map(|&s| plan.name(s))
            .collect::<Vec<_>>()
            .join(",")
    ));
    for (source, slot) in table {
        plan.move_slot(source, target, slot)?;
    }
    Ok(())
}
