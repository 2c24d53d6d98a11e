//! One sentence per step: what happened and why, in the domain's words.

use crate::args::is;
use crate::cluster::{Cluster, WaitReport};
use crate::event::{Event, LossCause};
use crate::node_id::NodeIdx;
use crate::reply::Reply;
use crate::slot::Slot;

fn name(c: &Cluster, n: NodeIdx) -> &str {
    &c.node(n).name
}

fn text(arg: &[u8]) -> String {
    String::from_utf8_lossy(arg).into_owned()
}

fn list(keys: &[String]) -> String {
    match keys.len() {
        0 => "no keys".into(),
        1..=4 => keys.join(", "),
        n => format!("{}, … ({n} keys)", keys[..3].join(", ")),
    }
}

/// Describes the keys lost in `events`, if any, as a sentence to append.
fn losses(after: &Cluster, events: &[Event]) -> String {
    let mut out = String::new();
    for e in events {
        if let Event::KeysLost {
            node,
            slot,
            keys,
            cause,
        } = e
        {
            let keys: Vec<String> = keys.iter().map(|k| text(k)).collect();
            let why = match cause {
                LossCause::DirtySlot => {
                    "a node with a higher configEpoch claimed the slot while it still held them"
                }
                LossCause::BecameReplica => "it gave away its last slot and turned into a replica",
            };
            out.push_str(&format!(
                " DATA LOSS: {} deleted {} of slot {slot}, because {why}.",
                name(after, *node),
                list(&keys)
            ));
        }
    }
    out
}

/// The narration of a command step.
pub fn command(
    before: &Cluster,
    after: &Cluster,
    node: NodeIdx,
    argv: &[Vec<u8>],
    reply: &Reply,
    events: &[Event],
) -> String {
    let n = name(after, node).to_string();
    let lost = losses(after, events);
    if let Some(err) = reply.error_text() {
        return redirect_or_error(after, &n, argv, reply, &err) + &lost;
    }
    let first = argv.first().map(|a| a.as_slice()).unwrap_or_default();
    let sentence = if is(first, "cluster") && argv.len() >= 4 && is(&argv[1], "setslot") {
        setslot(before, after, node, argv)
    } else if is(first, "migrate") {
        migrate(after, &n, reply, events)
    } else if is(first, "asking") {
        format!("{n} notes that this connection sent ASKING: its next command may touch an importing slot.")
    } else if is(first, "cluster") && argv.len() >= 3 && is(&argv[1], "getkeysinslot") {
        match reply {
            Reply::Array(keys) if keys.is_empty() => format!(
                "{n} holds no more keys of slot {}: the MIGRATE loop for this slot ends.",
                text(&argv[2])
            ),
            Reply::Array(keys) => {
                let keys: Vec<String> = keys
                    .iter()
                    .filter_map(|k| match k {
                        Reply::Bulk(b) => Some(text(b)),
                        _ => None,
                    })
                    .collect();
                format!(
                    "{n} still holds {} of slot {}; these go in the next MIGRATE.",
                    list(&keys),
                    text(&argv[2])
                )
            }
            _ => format!("{n} replied {}.", short(reply)),
        }
    } else if is(first, "cluster") && argv.len() >= 3 && is(&argv[1], "countkeysinslot") {
        format!(
            "{n} holds {} key(s) of slot {} (it counts only its own keys, whoever owns the slot).",
            short(reply).trim_start_matches("(integer) "),
            text(&argv[2])
        )
    } else if is(first, "cluster") && argv.len() >= 2 && is(&argv[1], "migrateslots") {
        format!("{n} starts an atomic migration job (Valkey 9): it keeps owning and serving the slots while their keys stream to the target, so clients see no ASK.")
    } else if is(first, "cluster") && argv.len() >= 2 && is(&argv[1], "cancelslotmigrations") {
        format!("{n} cancels its active export jobs before the handover; the target drops what it received, and the slots stay with {n}.")
    } else if is(first, "cluster") && argv.len() >= 2 {
        format!(
            "{n} answered CLUSTER {}.",
            text(&argv[1]).to_ascii_uppercase()
        )
    } else if reply == &Reply::Nil {
        let key = argv.get(1).map(|k| text(k)).unwrap_or_default();
        format!(
            "{n} served {} and answered nil: it has no key {key} (and no reason to redirect).",
            text(first).to_ascii_uppercase()
        )
    } else {
        format!(
            "{n} served {} and replied {}.",
            text(first).to_ascii_uppercase(),
            short(reply)
        )
    };
    sentence + &lost
}

fn short(reply: &Reply) -> String {
    let t = reply.to_transcript();
    if t.lines().count() > 1 || t.len() > 60 {
        match reply {
            Reply::Array(items) => format!("an array of {}", items.len()),
            _ => "a multi-line reply".into(),
        }
    } else {
        t
    }
}

fn setslot(before: &Cluster, after: &Cluster, node: NodeIdx, argv: &[Vec<u8>]) -> String {
    let n = name(after, node);
    let slot = text(&argv[2]);
    let parsed = crate::args::parse_i64(&argv[2])
        .and_then(|n| u16::try_from(n).ok())
        .and_then(Slot::new);
    let other = argv.get(4).and_then(|id| after.by_id(id));
    let other_name = other.map_or("?".to_string(), |o| name(after, o).to_string());
    let action = &argv[3];
    if is(action, "importing") {
        format!("{n} marks slot {slot} IMPORTING from {other_name}: it will now serve the slot's keys to clients that send ASKING first.")
    } else if is(action, "migrating") {
        format!("{n} marks slot {slot} MIGRATING to {other_name}: it keeps serving the keys it still has, and answers ASK for the ones it no longer has.")
    } else if is(action, "stable") {
        format!("{n} clears the MIGRATING/IMPORTING flags of slot {slot}, on itself only; keys already moved stay where they are.")
    } else if other == Some(node) {
        let old = before.node(node).config_epoch();
        let new = after.node(node).config_epoch();
        if new != old {
            format!("{n} takes slot {slot}, bumps its configEpoch from {old} to {new} and broadcasts a PONG so every node learns the new owner.")
        } else if parsed.is_some_and(|s| before.node(node).view.importing_from(s).is_some()) {
            format!("{n} takes slot {slot}; its configEpoch {new} is already the highest, so it keeps it, and broadcasts a PONG.")
        } else {
            format!("{n} claims slot {slot} for itself, but it was not importing it: no epoch bump and no broadcast.")
        }
    } else {
        format!("{n} records in its own table that {other_name} owns slot {slot} (and clears its MIGRATING flag if it holds no keys there).")
    }
}

fn migrate(after: &Cluster, n: &str, reply: &Reply, events: &[Event]) -> String {
    let moved: Vec<String> = events
        .iter()
        .filter_map(|e| match e {
            Event::KeyMoved { key, .. } => Some(text(key)),
            _ => None,
        })
        .collect();
    let to = events.iter().find_map(|e| match e {
        Event::KeyMoved { to, .. } | Event::KeyCopied { to, .. } => {
            Some(name(after, *to).to_string())
        }
        _ => None,
    });
    match reply {
        Reply::Status(s) if s == "NOKEY" => format!("{n} holds none of those keys, so MIGRATE answers NOKEY and moves nothing."),
        _ if moved.is_empty() => format!("{n} copied the keys with MIGRATE and kept its own."),
        _ => format!(
            "{n} sent {} to {} with MIGRATE; each key is deleted from {n} only once {} acknowledged it.",
            list(&moved),
            to.clone().unwrap_or_default(),
            to.unwrap_or_default()
        ),
    }
}

fn redirect_or_error(
    after: &Cluster,
    n: &str,
    argv: &[Vec<u8>],
    reply: &Reply,
    err: &str,
) -> String {
    let cmd = argv
        .first()
        .map(|a| text(a).to_ascii_uppercase())
        .unwrap_or_default();
    let target = |addr: &str| {
        after
            .nodes()
            .iter()
            .find(|x| &*x.addr == addr)
            .map_or(addr.to_string(), |x| x.name.to_string())
    };
    match reply {
        Reply::Moved { slot, addr } => format!("{n} answers MOVED: in {n}'s own view slot {slot} belongs to {}, so the client must go there.", target(addr)),
        Reply::Ask { slot, addr } => format!("{n} is migrating slot {slot} and no longer has the key, so it sends the client to {} once, with ASK.", target(addr)),
        _ if err.starts_with("TRYAGAIN") => format!("{n} has only some of the keys of a slot in migration, so it answers TRYAGAIN."),
        _ if cmd == "MIGRATE" && err.contains("Target instance replied with error") => format!("MIGRATE failed: {err}. Keys acknowledged before the failure moved anyway; the rest stay on {n}."),
        _ => format!("{n} refused {cmd}: -{err}"),
    }
}

/// The narration of a `wait` step.
pub fn wait(after: &Cluster, report: &WaitReport) -> String {
    let handed: Vec<(NodeIdx, NodeIdx)> = report
        .events
        .iter()
        .filter_map(|e| match e {
            Event::KeyMoved { from, to, .. } => Some((*from, *to)),
            _ => None,
        })
        .collect();
    let mut s = String::new();
    if let Some(&(from, to)) = handed.first() {
        s.push_str(&format!(
            "The atomic job ran: {} key(s) streamed from {} to {}, writes paused, and the slots changed owner in one flip. ",
            handed.len(),
            name(after, from),
            name(after, to)
        ));
    }
    s.push_str(&format!(
        "Gossip: {} cluster-bus message(s) delivered over {} heartbeat round(s).",
        report.delivered, report.rounds
    ));
    for e in &report.events {
        match e {
            Event::SlotsRebound { node, to, count } => s.push_str(&format!(
                " {} now binds {count} slot(s) to {}.",
                name(after, *node),
                name(after, *to)
            )),
            Event::EpochBumped { node, epoch } if !handed.is_empty() => s.push_str(&format!(
                " {} took the slots with configEpoch {epoch}.",
                name(after, *node)
            )),
            Event::EpochBumped { node, epoch } => s.push_str(&format!(
                " {} resolves an epoch collision with configEpoch {epoch}.",
                name(after, *node)
            )),
            Event::BecameReplica { node, of } => s.push_str(&format!(
                " {} became a replica of {}.",
                name(after, *node),
                name(after, *of)
            )),
            _ => {}
        }
    }
    s.push_str(&losses(after, &report.events));
    s.push_str(if report.agreed {
        " All views agree."
    } else {
        " The views still disagree."
    });
    s
}
