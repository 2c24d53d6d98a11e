//! `redis-cli --cluster fix` for open slots (`clusterManagerFixOpenSlot`), case by case. When
//! keys sit on both sides of an interrupted migration, it consolidates on the node with the
//! most keys, which can roll the migration back.

use super::{Plan, PlanError};
use crate::node_id::NodeIdx;
use crate::reply::Reply;
use crate::slot::Slot;

fn words(w: &[&str]) -> Vec<String> {
    w.iter().map(|s| s.to_string()).collect()
}

/// The keys a node holds in a slot, asked the way redis-cli asks (COUNTKEYSINSLOT).
fn count(plan: &mut Plan, node: NodeIdx, slot: Slot) -> i64 {
    match plan.run(
        node,
        &words(&["CLUSTER", "COUNTKEYSINSLOT", &slot.to_string()]),
    ) {
        Reply::Integer(n) => n,
        _ => 0,
    }
}

fn setslot(
    plan: &mut Plan,
    on: NodeIdx,
    slot: Slot,
    action: &str,
    id_of: Option<NodeIdx>,
) -> Result<(), PlanError> {
    let mut args = words(&["CLUSTER", "SETSLOT", &slot.to_string(), action]);
    if let Some(n) = id_of {
        args.push(format!("${}", plan.name(n)));
    }
    let reply = plan.run(on, &args);
    if reply.is_error() {
        return Err(PlanError(format!("[ERR] {}", reply.to_transcript())));
    }
    Ok(())
}

/// The slots any master has open (migrating or importing), in order.
pub fn open_slots(plan: &Plan) -> Vec<Slot> {
    let mut slots: Vec<Slot> = plan
        .masters()
        .into_iter()
        .flat_map(|m| plan.cluster.node(m).view.open_slots())
        .collect();
    crate::sort::sort(&mut slots);
    slots.dedup();
    slots
}

/// Plans `fix`: every open slot, stopping at the first failure, as redis-cli does.
pub fn fix(plan: &mut Plan) -> Result<(), PlanError> {
    let slots = open_slots(plan);
    if slots.is_empty() {
        plan.comment("[OK] No open slot: nothing to fix.");
    }
    for slot in slots {
        fix_open_slot(plan, slot)?;
    }
    Ok(())
}

/// `clusterManagerFixOpenSlot` for one slot.
pub fn fix_open_slot(plan: &mut Plan, slot: Slot) -> Result<(), PlanError> {
    plan.comment(&format!(">>> Fixing open slot {slot}"));
    let masters = plan.masters();
    let mut owners: Vec<NodeIdx> = Vec::new();
    for &n in &masters {
        if plan.cluster.node(n).view.owner(slot) == Some(n) || count(plan, n, slot) > 0 {
            owners.push(n);
        }
    }
    let mut owner = (owners.len() == 1).then(|| owners[0]);
    let mut migrating: Vec<NodeIdx> = Vec::new();
    let mut importing: Vec<NodeIdx> = Vec::new();
    for &n in &masters {
        let view = &plan.cluster.node(n).view;
        let is_migrating = view.migrating_to(slot).is_some();
        let mut is_importing = !is_migrating && view.importing_from(slot).is_some();
        if !is_migrating && !is_importing && Some(n) != owner && count(plan, n, slot) > 0 {
            is_importing = true;
        }
        if is_migrating {
            migrating.push(n);
        } else if is_importing {
            importing.push(n);
        }
    }
    if owner.is_none() {
        // No single clear owner: the node with the most keys becomes the owner.
        let mut best: Option<(NodeIdx, i64)> = None;
        for &n in &masters {
            let k = count(plan, n, slot);
            if best.is_none_or(|(_, b)| k > b) {
                best = Some((n, k));
            }
        }
        let Some((o, _)) = best else {
            return Err(PlanError(
                "[ERR] Can't select a slot owner. Impossible to fix.".into(),
            ));
        };
        plan.comment(&format!(
            "*** Configuring {} as the slot owner",
            plan.name(o)
        ));
        setslot(plan, o, slot, "STABLE", None)?;
        let s = slot.to_string();
        for cmd in [
            vec!["MULTI"],
            vec!["CLUSTER", "DELSLOTS", &s],
            vec!["CLUSTER", "ADDSLOTS", &s],
            vec!["CLUSTER", "BUMPEPOCH"],
            vec!["EXEC"],
        ] {
            plan.run(o, &words(&cmd));
        }
        migrating.retain(|&n| n != o);
        importing.retain(|&n| n != o);
        owner = Some(o);
    }
    let owner = owner.unwrap_or(masters[0]);
    if owners.len() > 1 {
        for &n in owners.iter().filter(|&&n| n != owner) {
            plan.run(n, &words(&["CLUSTER", "DELSLOTS", &slot.to_string()]));
            setslot(plan, n, slot, "NODE", Some(owner))?;
            setslot(plan, n, slot, "IMPORTING", Some(owner))?;
            importing.retain(|&m| m != n);
            importing.push(n);
            migrating.retain(|&m| m != n);
        }
    }
    match (migrating.len(), importing.len()) {
        (1, 1) => {
            plan.comment(&format!(">>> Case 1: Moving slot {slot} from {} to {}", plan.name(migrating[0]), plan.name(importing[0])));
            plan.move_slot(migrating[0], importing[0], slot)
        }
        (0, n) if n > 0 => {
            plan.comment(&format!(">>> Case 2: Moving all the slot keys to its owner {}", plan.name(owner)));
            for n in importing.into_iter().filter(|&n| n != owner) {
                plan.migrate_keys(n, owner, slot)?;
                setslot(plan, n, slot, "STABLE", None)?;
            }
            for n in masters.into_iter().filter(|&n| n != owner) {
                setslot(plan, n, slot, "NODE", Some(owner))?;
            }
            Ok(())
        }
        (1, 0) if plan.cluster.node(migrating[0]).view.owner(slot) == Some(migrating[0])
            || count(plan, migrating[0], slot) == 0 =>
        {
            plan.comment(&format!(">>> Case 4: Closing slot {slot} on {}", plan.name(migrating[0])));
            setslot(plan, migrating[0], slot, "STABLE", None)
        }
        _ => Err(PlanError(format!(
            "[ERR] Sorry, redis-cli can't fix this slot yet (work in progress). Slot is set as migrating in {}, as importing in {}, owner is {}",
            migrating.iter().map(|&n| plan.name(n)).collect::<Vec<_>>().join(","),
            importing.iter().map(|&n| plan.name(n)).collect::<Vec<_>>().join(","),
            plan.cluster.node(owner).addr
        ))),
    }
}
