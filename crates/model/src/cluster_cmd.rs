//! The `CLUSTER` subcommands: SETSLOT (its checks in Redis 7.0's order, and its side
//! effects: the epoch bump, the broadcast, a master left without slots turning replica),
//! MEET, ADDSLOTS, DELSLOTS and BUMPEPOCH, the introspection commands (NODES, INFO, SHARDS,
//! SLOTS, MYID, KEYSLOT, COUNTKEYSINSLOT, GETKEYSINSLOT) and HELP; Valkey 9's MIGRATESLOTS
//! family is passed on to `atomic.rs`.

use crate::args::{is, parse_i64};
use crate::cluster::Cluster;
use crate::command::ClusterCmd;
use crate::event::Event;
use crate::gossip;
use crate::node::{Node, Role};
use crate::node_id::NodeIdx;
use crate::reply::Reply;
use crate::slot::{ranges, Slot};
use std::fmt::Write as _;

const NOT_INTEGER: &str = "value is not an integer or out of range";

/// Runs `CLUSTER <sub> ...` on `node`. Arity was checked by the caller.
pub fn run(
    cluster: &mut Cluster,
    node: NodeIdx,
    sub: ClusterCmd,
    argv: &[Vec<u8>],
    events: &mut Vec<Event>,
) -> Reply {
    match sub {
        ClusterCmd::Setslot => setslot(cluster, node, argv, events),
        ClusterCmd::Keyslot => Reply::Integer(i64::from(Slot::of_key(&argv[2]).get())),
        ClusterCmd::Countkeysinslot => match parse_i64(&argv[2]) {
            None => Reply::err(NOT_INTEGER),
            Some(s) => match slot_in_range(s) {
                None => Reply::err("Invalid slot"),
                Some(slot) => Reply::Integer(cluster.node(node).keys.count_in_slot(slot) as i64),
            },
        },
        ClusterCmd::Getkeysinslot => getkeysinslot(cluster.node(node), argv),
        ClusterCmd::Nodes => Reply::Bulk(nodes_text(cluster, node).into_bytes().into()),
        ClusterCmd::Shards => shards(cluster, node),
        ClusterCmd::Slots => slots(cluster, node),
        ClusterCmd::Info => Reply::Bulk(info_text(cluster, node).into_bytes().into()),
        ClusterCmd::Myid => Reply::bulk(cluster.id_of(node).as_str()),
        ClusterCmd::Meet => meet(cluster, node, argv),
        ClusterCmd::Migrateslots => crate::atomic::migrate_slots(cluster, node, argv),
        ClusterCmd::Cancelslotmigrations => crate::atomic::cancel(cluster, node),
        ClusterCmd::Getslotmigrations => crate::atomic::list(cluster, node),
        ClusterCmd::Addslots => add_or_del_slots(cluster, node, true, &argv[2..]),
        ClusterCmd::Delslots => add_or_del_slots(cluster, node, false, &argv[2..]),
        ClusterCmd::Bumpepoch => {
            let n = cluster.node_mut(node);
            match bump_epoch(n) {
                Some(epoch) => {
                    events.push(Event::EpochBumped { node, epoch });
                    Reply::Status(format!("BUMPED {epoch}").into())
                }
                None => Reply::Status(format!("STILL {}", n.config_epoch()).into()),
            }
        }
        ClusterCmd::Help => help(),
    }
}

fn slot_in_range(n: i64) -> Option<Slot> {
    u16::try_from(n).ok().and_then(Slot::new)
}

fn getkeysinslot(node: &Node, argv: &[Vec<u8>]) -> Reply {
    let Some(slot) = parse_i64(&argv[2]) else {
        return Reply::err(NOT_INTEGER);
    };
    let Some(count) = parse_i64(&argv[3]) else {
        return Reply::err(NOT_INTEGER);
    };
    let Some(slot) = slot_in_range(slot).filter(|_| count >= 0) else {
        return Reply::err("Invalid slot or number of keys");
    };
    Reply::Array(
        node.keys
            .keys_in_slot(slot)
            .take(usize::try_from(count).unwrap_or(usize::MAX))
            .map(|k| Reply::Bulk(k.clone()))
            .collect(),
    )
}

/// `CLUSTER SETSLOT <slot> IMPORTING|MIGRATING|STABLE|NODE [id]`, with Redis 7.0's checks in
/// their order and its side effects (epoch bump, broadcast, turning into a replica).
fn setslot(cluster: &mut Cluster, me: NodeIdx, argv: &[Vec<u8>], events: &mut Vec<Event>) -> Reply {
    if !cluster.node(me).is_master() {
        return Reply::err("Please use SETSLOT only with masters.");
    }
    let Some(slot) = parse_i64(&argv[2]).and_then(slot_in_range) else {
        return Reply::err("Invalid or out of range slot");
    };
    let action = &argv[3];
    let id_arg = argv.get(4).map(|a| String::from_utf8_lossy(a).into_owned());
    // MIGRATING, IMPORTING and NODE name a peer: it must be known, then a master, in this
    // view. NODE words the unknown-node error differently.
    let peer = |c: &Cluster, unknown: &str| -> Result<NodeIdx, Reply> {
        let n = argv
            .get(4)
            .and_then(|id| c.by_id(id))
            .filter(|&n| c.node(me).knows(n))
            .ok_or_else(|| {
                Reply::err(format!("{unknown} {}", id_arg.clone().unwrap_or_default()))
            })?;
        if c.node(me).view.peers[n.get()].role != Role::Master {
            return Err(Reply::err("Target node is not a master"));
        }
        Ok(n)
    };
    let owner = cluster.node(me).view.owner(slot);
    if is(action, "migrating") && argv.len() == 5 {
        if owner != Some(me) {
            return Reply::err(format!("I'm not the owner of hash slot {slot}"));
        }
        match peer(cluster, "I don't know about node") {
            Ok(to) => cluster.node_mut(me).view.set_migrating(slot, Some(to)),
            Err(e) => return e,
        }
    } else if is(action, "importing") && argv.len() == 5 {
        if owner == Some(me) {
            return Reply::err(format!("I'm already the owner of hash slot {slot}"));
        }
        match peer(cluster, "I don't know about node") {
            Ok(from) => cluster.node_mut(me).view.set_importing(slot, Some(from)),
            Err(e) => return e,
        }
    } else if is(action, "stable") && argv.len() == 4 {
        let view = &mut cluster.node_mut(me).view;
        view.set_importing(slot, None);
        view.set_migrating(slot, None);
    } else if is(action, "node") && argv.len() == 5 {
        return match peer(cluster, "Unknown node") {
            Ok(to) => setslot_node(cluster, me, slot, to, events),
            Err(e) => e,
        };
    } else {
        return Reply::err(
            "Invalid CLUSTER SETSLOT action or number of arguments. Try CLUSTER HELP",
        );
    }
    Reply::ok()
}

fn setslot_node(
    cluster: &mut Cluster,
    me: NodeIdx,
    slot: Slot,
    to: NodeIdx,
    events: &mut Vec<Event>,
) -> Reply {
    let node = cluster.node_mut(me);
    let keys_here = node.keys.count_in_slot(slot);
    let was_mine = node.view.owner(slot) == Some(me);
    if was_mine && to != me && keys_here != 0 {
        return Reply::err(format!(
            "Can't assign hashslot {slot} to a different node while I still hold keys for this hash slot."
        ));
    }
    if keys_here == 0 {
        node.view.set_migrating(slot, None);
    }
    node.view.set_owner(slot, Some(to));
    if was_mine && to != me && node.view.slot_count(me) == 0 {
        gossip::become_replica(node, to, events);
    }
    if to == me && node.view.importing_from(slot).is_some() {
        if let Some(epoch) = bump_epoch(node) {
            events.push(Event::EpochBumped { node: me, epoch });
        }
        node.view.set_importing(slot, None);
        cluster.broadcast_pong(me);
    }
    Reply::ok()
}

/// `clusterBumpConfigEpochWithoutConsensus`: take a new epoch unless mine is already the
/// highest (and not 0). Returns the new epoch, if it changed.
fn bump_epoch(node: &mut Node) -> Option<u64> {
    let mine = node.config_epoch();
    if mine != 0 && mine == node.view.max_epoch() {
        return None;
    }
    node.view.current_epoch += 1;
    let epoch = node.view.current_epoch;
    let me = node.me;
    node.view.peers[me.get()].config_epoch = epoch;
    Some(epoch)
}

/// `CLUSTER ADDSLOTS|DELSLOTS slot...`: every slot is checked before any changes.
fn add_or_del_slots(cluster: &mut Cluster, me: NodeIdx, add: bool, args: &[Vec<u8>]) -> Reply {
    // Redis checks every argument's range and state first, then looks for repeats.
    let mut slots: Vec<Slot> = Vec::new();
    for a in args {
        let Some(slot) = parse_i64(a).and_then(slot_in_range) else {
            return Reply::err("Invalid or out of range slot");
        };
        let owner = cluster.node(me).view.owner(slot);
        if add && owner.is_some() {
            return Reply::err(format!("Slot {slot} is already busy"));
        }
        if !add && owner.is_none() {
            return Reply::err(format!("Slot {slot} is already unassigned"));
        }
        slots.push(slot);
    }
    for (i, slot) in slots.iter().enumerate() {
        if slots[..i].contains(slot) {
            return Reply::err(format!("Slot {slot} specified multiple times"));
        }
    }
    let view = &mut cluster.node_mut(me).view;
    for slot in slots {
        if add {
            // ADDSLOTS closes an importing slot: this node is now its real owner.
            view.set_importing(slot, None);
            view.set_owner(slot, Some(me));
        } else {
            view.set_owner(slot, None);
        }
    }
    Reply::ok()
}

/// The text of `CLUSTER NODES` as `node` sees the cluster, one line per node, itself first.
pub fn nodes_text(cluster: &Cluster, me: NodeIdx) -> String {
    let view = &cluster.node(me).view;
    let mut order: Vec<NodeIdx> = vec![me];
    order.extend(
        (0..cluster.nodes().len())
            .map(|i| NodeIdx(i as u8))
            .filter(|&n| n != me),
    );
    let mut out = String::new();
    for n in order {
        let node = cluster.node(n);
        let peer = &view.peers[n.get()];
        let (role, master) = match peer.role {
            Role::Master => ("master".to_string(), "-".to_string()),
            Role::Replica { of } => ("slave".to_string(), cluster.id_of(of).to_string()),
        };
        let flags = if n == me {
            format!("myself,{role}")
        } else {
            role
        };
        let _ = write!(
            out,
            "{} {}@{} {} {} 0 0 {} connected",
            node.id,
            node.addr,
            u32::from(node.port()) + 10000,
            flags,
            master,
            peer.config_epoch
        );
        for (a, b) in ranges(view.slots_of(n)) {
            if a == b {
                let _ = write!(out, " {a}");
            } else {
                let _ = write!(out, " {a}-{b}");
            }
        }
        if n == me {
            for slot in view.open_slots() {
                if let Some(to) = view.migrating_to(slot) {
                    let _ = write!(out, " [{slot}->-{}]", cluster.id_of(to));
                } else if let Some(from) = view.importing_from(slot) {
                    let _ = write!(out, " [{slot}-<-{}]", cluster.id_of(from));
                }
            }
        }
        out.push('\n');
    }
    out
}

/// The lines of `CLUSTER INFO` that the model keeps: state, slots, nodes, size and epochs.
pub fn info_text(cluster: &Cluster, me: NodeIdx) -> String {
    let node = cluster.node(me);
    let view = &node.view;
    let counts = view.slot_counts();
    let assigned: usize = counts.iter().sum();
    let size = counts.iter().filter(|&&c| c > 0).count();
    let state = if view.covers_all_slots() {
        "ok"
    } else {
        "fail"
    };
    let my_epoch = match view.peers[me.get()].role {
        Role::Master => node.config_epoch(),
        Role::Replica { of } => view.peers[of.get()].config_epoch,
    };
    format!(
        "cluster_state:{state}\r\ncluster_slots_assigned:{assigned}\r\ncluster_slots_ok:{assigned}\r\n\
         cluster_slots_pfail:0\r\ncluster_slots_fail:0\r\ncluster_known_nodes:{}\r\n\
         cluster_size:{size}\r\ncluster_current_epoch:{}\r\ncluster_my_epoch:{my_epoch}\r\n",
        view.peers.iter().filter(|p| p.known).count(),
        view.current_epoch
    )
}

fn node_map(cluster: &Cluster, n: NodeIdx, role: &str) -> Reply {
    let node = cluster.node(n);
    let ip = node.addr.rsplit_once(':').map_or("", |(ip, _)| ip);
    Reply::Array(vec![
        Reply::bulk("id"),
        Reply::bulk(node.id.as_str()),
        Reply::bulk("port"),
        Reply::Integer(i64::from(node.port())),
        Reply::bulk("ip"),
        Reply::bulk(ip),
        Reply::bulk("endpoint"),
        Reply::bulk(ip),
        Reply::bulk("role"),
        Reply::bulk(role),
        Reply::bulk("replication-offset"),
        Reply::Integer(0),
        Reply::bulk("health"),
        Reply::bulk("online"),
    ])
}

/// `CLUSTER SHARDS`: ownership only, one shard per master.
fn shards(cluster: &Cluster, me: NodeIdx) -> Reply {
    let view = &cluster.node(me).view;
    let shards = (0..cluster.nodes().len())
        .map(|i| NodeIdx(i as u8))
        .filter(|&n| view.peers[n.get()].role == Role::Master && view.peers[n.get()].known)
        .map(|n| {
            let slots = ranges(view.slots_of(n))
                .into_iter()
                .flat_map(|(a, b)| {
                    [
                        Reply::Integer(i64::from(a.get())),
                        Reply::Integer(i64::from(b.get())),
                    ]
                })
                .collect();
            let mut nodes = vec![node_map(cluster, n, "master")];
            for (i, p) in view.peers.iter().enumerate() {
                if p.role == (Role::Replica { of: n }) {
                    nodes.push(node_map(cluster, NodeIdx(i as u8), "replica"));
                }
            }
            Reply::Array(vec![
                Reply::bulk("slots"),
                Reply::Array(slots),
                Reply::bulk("nodes"),
                Reply::Array(nodes),
            ])
        })
        .collect();
    Reply::Array(shards)
}

/// `CLUSTER SLOTS`: one entry per contiguous range of one owner.
fn slots(cluster: &Cluster, me: NodeIdx) -> Reply {
    let runs = cluster.node(me).view.owner_runs();
    let owned = runs.into_iter().filter_map(|(first, last, owner)| {
        let node = cluster.node(owner?);
        let ip = node.addr.rsplit_once(':').map_or("", |(ip, _)| ip);
        Some(Reply::Array(vec![
            Reply::Integer(i64::from(first.get())),
            Reply::Integer(i64::from(last.get())),
            Reply::Array(vec![
                Reply::bulk(ip),
                Reply::Integer(i64::from(node.port())),
                Reply::bulk(node.id.as_str()),
                Reply::Array(vec![]),
            ]),
        ]))
    });
    Reply::Array(owned.collect())
}

/// `CLUSTER MEET ip port [cport]`: greet the node at that address. An address where no node
/// listens is accepted too (the real handshake then times out quietly).
fn meet(cluster: &mut Cluster, me: NodeIdx, argv: &[Vec<u8>]) -> Reply {
    let ip = String::from_utf8_lossy(&argv[2]).into_owned();
    let port_text = String::from_utf8_lossy(&argv[3]).into_owned();
    let Some(port) = parse_i64(&argv[3]) else {
        return Reply::err(format!("Invalid TCP base port specified: {port_text}"));
    };
    if let Some(cport) = argv.get(4) {
        if parse_i64(cport).is_none() {
            return Reply::err(format!(
                "Invalid TCP bus port specified: {}",
                String::from_utf8_lossy(cport)
            ));
        }
    }
    if !crate::ip::is_ip(&argv[2]) || !(1..=65535).contains(&port) {
        return Reply::err(format!("Invalid node address specified: {ip}:{port_text}"));
    }
    if let Some(to) = cluster.by_addr(&argv[2], &argv[3]) {
        if to != me && !cluster.node(me).knows(to) {
            cluster.meet(me, to);
        }
    }
    Reply::ok()
}

fn help() -> Reply {
    let lines = [
        "CLUSTER <subcommand> [<arg> [value] [opt] ...]. SlotScope models these subcommands:",
        "COUNTKEYSINSLOT <slot>",
        "GETKEYSINSLOT <slot> <count>",
        "INFO",
        "KEYSLOT <key>",
        "MYID",
        "NODES",
        "SETSLOT <slot> (IMPORTING <node-id>|MIGRATING <node-id>|STABLE|NODE <node-id>)",
        "SHARDS",
        "SLOTS",
    ];
    Reply::Array(lines.iter().map(Reply::bulk).collect())
}
