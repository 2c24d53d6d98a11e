//! `redis-cli --cluster check`, as it reads the cluster: each node's claim on its own slots,
//! whether the nodes agree, open slots, and coverage. The report has redis-cli's wording.

use crate::cluster::Cluster;
use crate::node::Role;
use crate::node_id::NodeIdx;
use crate::slot::{ranges, Slot, SLOT_COUNT};

fn slot_list(slots: &[Slot], bracket: bool) -> String {
    ranges(slots.iter().copied())
        .into_iter()
        .map(|(a, b)| {
            let r = if a == b {
                a.to_string()
            } else {
                format!("{a}-{b}")
            };
            if bracket {
                format!("[{r}]")
            } else {
                r
            }
        })
        .collect::<Vec<_>>()
        .join(if bracket { "," } else { " " })
}

/// The configuration signature one node reports: every master with slots in its view, as
/// `id:ranges`, sorted.
fn signature(cluster: &Cluster, viewer: NodeIdx) -> String {
    let view = &cluster.node(viewer).view;
    let mut configs: Vec<String> = (0..cluster.nodes().len())
        .map(|i| NodeIdx(i as u8))
        .filter(|&n| view.peers[n.get()].known)
        .filter_map(|n| {
            let slots = view.slots_of(n);
            (!slots.is_empty())
                .then(|| format!("{}:{}", cluster.id_of(n), slot_list(&slots, false)))
        })
        .collect();
    crate::sort::sort(&mut configs);
    configs.join("|")
}

/// The report of `redis-cli --cluster check <entry>`, without colours, one line each.
pub fn report(cluster: &Cluster, entry: NodeIdx) -> Vec<String> {
    let view = &cluster.node(entry).view;
    let mut order = vec![entry];
    order.extend(
        (0..cluster.nodes().len())
            .map(|i| NodeIdx(i as u8))
            .filter(|&n| n != entry && view.peers[n.get()].known),
    );
    let masters: Vec<NodeIdx> = order
        .iter()
        .copied()
        .filter(|&n| cluster.node(n).view.peers[n.get()].role == Role::Master)
        .collect();
    let own = |n: NodeIdx| cluster.node(n).view.slots_of(n);
    let mut out = Vec::new();
    let mut keys = 0;
    for &n in &masters {
        let node = cluster.node(n);
        keys += node.keys.len();
        out.push(format!(
            "{} ({}...) -> {} keys | {} slots | 0 slaves.",
            node.addr,
            node.id.short(),
            node.keys.len(),
            own(n).len()
        ));
    }
    out.push(format!("[OK] {keys} keys in {} masters.", masters.len()));
    out.push(format!(
        "{} keys per slot on average.",
        super::ratio_two_decimals(keys as u64, SLOT_COUNT as u64)
    ));
    out.push(format!(
        ">>> Performing Cluster Check (using node {})",
        cluster.node(entry).addr
    ));
    for &n in &masters {
        let node = cluster.node(n);
        out.push(format!("M: {} {}", node.id, node.addr));
        let slots = own(n);
        out.push(format!(
            "   slots:{} ({} slots) master",
            slot_list(&slots, true),
            slots.len()
        ));
    }
    let signatures: Vec<String> = order.iter().map(|&n| signature(cluster, n)).collect();
    if signatures.iter().all(|s| *s == signatures[0]) {
        out.push("[OK] All nodes agree about slots configuration.".into());
    } else {
        out.push("[ERR] Nodes don't agree about configuration!".into());
    }
    out.push(">>> Check for open slots...".into());
    let mut open: Vec<Slot> = Vec::new();
    for &n in &masters {
        let v = &cluster.node(n).view;
        let migrating: Vec<Slot> = v
            .open_slots()
            .into_iter()
            .filter(|&s| v.migrating_to(s).is_some())
            .collect();
        let importing: Vec<Slot> = v
            .open_slots()
            .into_iter()
            .filter(|&s| v.importing_from(s).is_some())
            .collect();
        let addr = &cluster.node(n).addr;
        let join = |s: &[Slot]| {
            s.iter()
                .map(|x| x.to_string())
                .collect::<Vec<_>>()
                .join(",")
        };
        if !migrating.is_empty() {
            out.push(format!(
                "[WARNING] Node {addr} has slots in migrating state {}.",
                join(&migrating)
            ));
        }
        if !importing.is_empty() {
            out.push(format!(
                "[WARNING] Node {addr} has slots in importing state {}.",
                join(&importing)
            ));
        }
        open.extend(migrating);
        open.extend(importing);
    }
    crate::sort::sort(&mut open);
    open.dedup();
    if !open.is_empty() {
        let list: Vec<String> = open.iter().map(|s| s.to_string()).collect();
        out.push(format!(
            "[WARNING] The following slots are open: {}.",
            list.join(",")
        ));
    }
    out.push(">>> Check slots coverage...".into());
    let mut covered = vec![false; SLOT_COUNT];
    for &n in &masters {
        for s in own(n) {
            covered[s.index()] = true;
        }
    }
    if covered.iter().all(|&c| c) {
        out.push(format!("[OK] All {SLOT_COUNT} slots covered."));
    } else {
        out.push(format!(
            "[ERR] Not all {SLOT_COUNT} slots are covered by nodes."
        ));
    }
    out
}
