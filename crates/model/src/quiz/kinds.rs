//! The question generators, one function per [`Kind`]. Each picks a step (or a key) at random,
//! asks the model for the right answer at that step, and builds plausible wrong options.

use super::{assemble, Kind, Question, Rng, Subject};
use crate::keyspace::Bytes;
use crate::phase::Phase;
use crate::reply::{quote, Reply};
use crate::slot::{crc16, hash_tag, Slot};
use crate::{NodeIdx, Timeline};

/// How many random picks a generator makes before it gives up on a scenario.
const TRIES: usize = 24;

/// How many later steps a what-if question replays.
const WHAT_IF_WINDOW: usize = 40;

/// Asks one question of `kind`.
pub(super) fn ask(kind: Kind, t: &Timeline, rng: &mut Rng) -> Option<Question> {
    (0..TRIES).find_map(|_| match kind {
        Kind::Route => route(t, rng),
        Kind::SetSlotTarget => setslot_target(t, rng),
        Kind::KeysOnNode => keys_on_node(t, rng),
        Kind::KeySlot => key_slot(t, rng),
        Kind::NextCommand => next_command(t, rng),
        Kind::WhatIfSkipped => what_if_skipped(t, rng),
        Kind::ViewOwner => view_owner(t, rng),
    })
}

fn name(t: &Timeline, n: NodeIdx) -> String {
    t.names()
        .get(n.get())
        .cloned()
        .unwrap_or_else(|| "?".into())
}

/// "step 3 (`B> CLUSTER SETSLOT …`)", or "the start".
fn step_ref(t: &Timeline, i: usize) -> String {
    if i == 0 {
        "the start".into()
    } else {
        let label = &t.steps()[i].label;
        match label.char_indices().nth(60) {
            Some((cut, _)) => format!("step {i} (`{}…`)", &label[..cut]),
            None => format!("step {i} (`{label}`)"),
        }
    }
}

/// A step with a focus slot, and that slot; never a step inside one of the script's MULTI
/// blocks, where commands are only queued and the state is about to change.
fn focused_step(t: &Timeline, rng: &mut Rng) -> Option<(usize, Slot)> {
    let i = rng.below(t.len());
    let cluster = &t.steps()[i].cluster;
    let queuing = (0..cluster.nodes().len() as u8).any(|n| {
        cluster
            .connection(cluster.script_conn(NodeIdx(n)))
            .is_some_and(|c| c.multi.is_some())
    });
    if queuing {
        return None;
    }
    Some((i, t.focus_at(i).or_else(|| t.focus_at(t.len() - 1))?))
}

/// The keys of `slot` anywhere in the cluster at step `i`.
fn keys_of_slot(t: &Timeline, i: usize, slot: Slot) -> Vec<Bytes> {
    let mut keys: Vec<Bytes> = Vec::new();
    for node in t.steps()[i].cluster.nodes() {
        for k in node.keys.keys_in_slot(slot) {
            if !keys.contains(k) {
                keys.push(k.clone());
            }
        }
    }
    keys
}

/// "Which reply does X give to GET k at step i?"
fn route(t: &Timeline, rng: &mut Rng) -> Option<Question> {
    let (i, slot) = focused_step(t, rng)?;
    let key = rng.pick(&keys_of_slot(t, i, slot))?.clone();
    let cluster = &t.steps()[i].cluster;
    let count = cluster.nodes().len();
    let x = NodeIdx(rng.below(count) as u8);
    let get = |n: NodeIdx| {
        let mut c = cluster.clone();
        let conn = c.connect(n);
        c.execute(conn, &[b"GET".to_vec(), key.to_vec()]).reply
    };
    let reply = get(x);
    let mut wrong: Vec<String> = (0..count as u8)
        .map(NodeIdx)
        .filter(|&n| n != x)
        .map(|n| get(n).to_transcript())
        .collect();
    wrong.push(Reply::Nil.to_transcript());
    for node in cluster.nodes().iter().filter(|n| n.me != x) {
        let addr = node.addr.clone();
        wrong.push(
            Reply::Moved {
                slot,
                addr: addr.to_string(),
            }
            .to_transcript(),
        );
        wrong.push(
            Reply::Ask {
                slot,
                addr: addr.to_string(),
            }
            .to_transcript(),
        );
    }
    let xn = &cluster.node(x);
    let state = xn.slot_state(slot).label(t.names());
    let k = quote(&key);
    let explanation = match &reply {
        Reply::Bulk(_) => format!(
            "In {}'s own view slot {slot} is {state}, and it has {k}, so it serves the value.",
            xn.name
        ),
        Reply::Nil => format!(
            "In {}'s own view slot {slot} is {state}, so it answers for the slot itself; it does not \
             hold {k}, so the reply is nil. A client cannot tell this from a key that never existed.",
            xn.name
        ),
        Reply::Moved { .. } => format!(
            "In {}'s own view slot {slot} is {state} and belongs to {}. A GET without ASKING is \
             redirected for good with MOVED: the client updates its slot map.",
            xn.name,
            xn.view.owner(slot).map_or("nobody".into(), |o| name(t, o))
        ),
        Reply::Ask { .. } => format!(
            "{} is {state} and no longer holds {k}, so it answers ASK: send ASKING, then the command, \
             to the importing node, this once, without changing the slot map.",
            xn.name
        ),
        other => format!("{} answers {}.", xn.name, other.to_transcript()),
    };
    assemble(
        rng,
        Subject::Route {
            step: i,
            node: x,
            key: key.to_vec(),
        },
        format!(
            "After {}, a client sends `GET {k}` to {} (without ASKING). What does {} reply?",
            step_ref(t, i),
            xn.name,
            xn.name
        ),
        reply.to_transcript(),
        wrong,
        explanation,
        i,
    )
}

/// "Which node gets SETSLOT MIGRATING/IMPORTING, with whose id?"
fn setslot_target(t: &Timeline, rng: &mut Rng) -> Option<Question> {
    let i = rng.below(t.len());
    let step = &t.steps()[i];
    let phase = step.phase?;
    if !matches!(phase, Phase::Importing | Phase::Migrating) || step.reply != Some(Reply::ok()) {
        return None;
    }
    let on = step.node?;
    let argv = step.argv();
    let named = step.cluster.by_id(argv.get(4)?)?;
    let slot = String::from_utf8_lossy(argv.get(2)?).into_owned();
    let action = if phase == Phase::Migrating {
        "MIGRATING"
    } else {
        "IMPORTING"
    };
    let (source, target) = if phase == Phase::Migrating {
        (on, named)
    } else {
        (named, on)
    };
    let (s, g) = (name(t, source), name(t, target));
    let option = |to: &str, id: &str| format!("to {to}, with {id}'s id");
    let right = option(&name(t, on), &name(t, named));
    let wrong = vec![
        option(&name(t, named), &name(t, on)),
        option(&name(t, on), &name(t, on)),
        option(&name(t, named), &name(t, named)),
    ];
    assemble(
        rng,
        Subject::SetSlot { step: i },
        format!(
            "Slot {slot} moves from {s} to {g}. Which node gets `CLUSTER SETSLOT {slot} {action} <id>`, \
             and whose id does it carry?"
        ),
        right,
        wrong,
        format!(
            "MIGRATING goes to the source ({s}) and names where the keys go: the target's id ({g}). \
             IMPORTING goes to the target ({g}) and names where they come from: the source's id ({s}). \
             The learning material's sample swaps the ids, and Redis 7 checks neither: both swapped \
             commands still reply OK, so the mistake only shows up later."
        ),
        i,
    )
}

/// "After step i, how many keys of slot s does T hold?"
fn keys_on_node(t: &Timeline, rng: &mut Rng) -> Option<Question> {
    let (i, slot) = focused_step(t, rng)?;
    let cluster = &t.steps()[i].cluster;
    let counts: Vec<usize> = cluster
        .nodes()
        .iter()
        .map(|n| n.keys.count_in_slot(slot))
        .collect();
    let total: usize = counts.iter().sum();
    if total == 0 {
        return None;
    }
    let x = rng.below(counts.len());
    let right = counts[x];
    let mut wrong: Vec<String> = counts.iter().map(|c| c.to_string()).collect();
    wrong.push(total.to_string());
    wrong.push((right + 1).to_string());
    if right > 0 {
        wrong.push((right - 1).to_string());
    }
    let listing: Vec<String> = cluster
        .nodes()
        .iter()
        .zip(&counts)
        .map(|(n, c)| format!("{} holds {c}", n.name))
        .collect();
    assemble(
        rng,
        Subject::KeysOnNode {
            step: i,
            node: NodeIdx(x as u8),
            slot,
        },
        format!(
            "After {}, how many keys of slot {slot} does {} hold (CLUSTER COUNTKEYSINSLOT {slot} on {})?",
            step_ref(t, i),
            name(t, NodeIdx(x as u8)),
            name(t, NodeIdx(x as u8))
        ),
        right.to_string(),
        wrong,
        format!(
            "After that step {}. Keys stay where they are until MIGRATE moves them; SETSLOT changes \
             flags and ownership, never keys (except that a node deletes the keys of a slot gossip \
             takes from it).",
            listing.join(", ")
        ),
        i,
    )
}

/// "Which slot does this key hash to?"
fn key_slot(t: &Timeline, rng: &mut Rng) -> Option<Question> {
    let key: Vec<u8> = if rng.below(2) == 0 {
        format!("{{user{}}}.following", rng.below(10_000)).into_bytes()
    } else {
        let last = t.len() - 1;
        let keys: Vec<Bytes> = t.steps()[last]
            .cluster
            .all_keys()
            .into_iter()
            .map(|(_, k)| k)
            .collect();
        rng.pick(&keys)?.to_vec()
    };
    let slot = Slot::of_key(&key);
    let tag = hash_tag(&key);
    let whole = crc16(&key) & 0x3FFF;
    let crc = crc16(tag);
    let mut wrong = vec![whole.to_string()];
    if tag.len() != key.len() {
        let start = key.iter().position(|&b| b == b'{').unwrap_or(0);
        let braced = &key[start..(start + tag.len() + 2).min(key.len())];
        wrong.push((crc16(braced) & 0x3FFF).to_string());
    }
    wrong.push(crc.to_string());
    wrong.push(((slot.get() + 1) % 16384).to_string());
    wrong.push((crc % 16383).to_string());
    let k = quote(&key);
    let explanation = if tag.len() == key.len() {
        format!("{k} has no hash tag, so the whole key is hashed: CRC16 = {crc}, and {crc} mod 16384 = {slot}.")
    } else {
        format!(
            "Only the hash tag {} (between the first {{ and the next }}) is hashed: CRC16 = {crc}, and \
             {crc} mod 16384 = {slot}. Keys with the same tag share a slot, so multi-key commands work on them.",
            quote(tag)
        )
    };
    assemble(
        rng,
        Subject::KeySlot { key: key.clone() },
        format!("Which hash slot does the key {k} belong to (CLUSTER KEYSLOT)?"),
        slot.to_string(),
        wrong,
        explanation,
        0,
    )
}

/// "Which command comes next?"
fn next_command(t: &Timeline, rng: &mut Rng) -> Option<Question> {
    if t.len() < 3 {
        return None;
    }
    let i = rng.below(t.len() - 1);
    let steps = t.steps();
    let next = &steps[i + 1];
    next.node?;
    let nearby = [i + 2, i + 3, i.saturating_sub(1), i, i + 4, i + 5];
    let wrong: Vec<String> = nearby
        .iter()
        .filter(|&&j| j >= 1 && j < steps.len() && steps[j].node.is_some())
        .map(|&j| steps[j].label.clone())
        .collect();
    assemble(
        rng,
        Subject::NextCommand { step: i },
        format!(
            "In this scenario, which command comes right after {}?",
            step_ref(t, i)
        ),
        next.label.clone(),
        wrong,
        format!(
            "Step {} runs `{}`. {}",
            i + 1,
            next.label,
            t.narration(i + 1)
        ),
        i + 1,
    )
}

/// "If step i were skipped, what would step j reply?"
fn what_if_skipped(t: &Timeline, rng: &mut Rng) -> Option<Question> {
    let steps = t.steps();
    if steps.len() < 3 {
        return None;
    }
    let i = 1 + rng.below(steps.len() - 2);
    let skipped = &steps[i];
    skipped.node?;
    let end = (i + 1 + WHAT_IF_WINDOW).min(steps.len());
    let mut fork = Timeline::from_start(steps[i - 1].cluster.clone(), Vec::new());
    for (m, original) in steps[i + 1..end].iter().enumerate() {
        fork.push_text(&original.label).ok()?;
        let new = &fork.steps()[m + 1];
        let (Some(old_reply), Some(new_reply)) = (&original.reply, &new.reply) else {
            continue;
        };
        if old_reply == new_reply {
            continue;
        }
        let j = i + 1 + m;
        let mut wrong = vec![old_reply.to_transcript()];
        wrong.extend(
            steps[i + 1..end]
                .iter()
                .filter_map(|s| s.reply.as_ref().map(Reply::to_transcript)),
        );
        wrong.push(Reply::ok().to_transcript());
        wrong.push(Reply::Nil.to_transcript());
        return assemble(
            rng,
            Subject::WhatIf {
                skipped: i,
                asked: j,
            },
            format!(
                "Suppose step {i} (`{}`) were skipped and the later commands ran as written. What \
                 would step {j} (`{}`) reply?",
                skipped.label, original.label
            ),
            new_reply.to_transcript(),
            wrong,
            format!(
                "Without step {i}, `{}` replies {} instead of {}. {}",
                original.label,
                new_reply.to_transcript(),
                old_reply.to_transcript(),
                fork.narration(m + 1)
            ),
            i,
        );
    }
    None
}

/// "After step i, which node does X believe owns slot s?"
fn view_owner(t: &Timeline, rng: &mut Rng) -> Option<Question> {
    let (i, slot) = focused_step(t, rng)?;
    let cluster = &t.steps()[i].cluster;
    let owners: Vec<Option<NodeIdx>> = cluster.nodes().iter().map(|n| n.view.owner(slot)).collect();
    // Prefer moments when the nodes disagree; accept agreement one time in four.
    if owners.windows(2).all(|w| w[0] == w[1]) && rng.below(4) != 0 {
        return None;
    }
    let x = NodeIdx(rng.below(owners.len()) as u8);
    let label = |o: Option<NodeIdx>| o.map_or("nobody".into(), |o| name(t, o));
    let right = label(owners[x.get()]);
    let mut wrong: Vec<String> = owners.iter().map(|&o| label(o)).collect();
    wrong.extend((0..t.names().len() as u8).map(|n| name(t, NodeIdx(n))));
    wrong.push("nobody".into());
    let views: Vec<String> = cluster
        .nodes()
        .iter()
        .zip(&owners)
        .map(|(n, &o)| format!("{} says {}", n.name, label(o)))
        .collect();
    let xn = cluster.node(x);
    assemble(
        rng,
        Subject::ViewOwner {
            step: i,
            node: x,
            slot,
        },
        format!(
            "After {}, which node does {} believe owns slot {slot} (its own CLUSTER NODES)?",
            step_ref(t, i),
            xn.name
        ),
        right,
        wrong,
        format!(
            "Each node has its own view: {}. A node learns a new owner from a SETSLOT NODE sent to it, \
             or from gossip that carries a higher configEpoch.",
            views.join(", ")
        ),
        i,
    )
}
