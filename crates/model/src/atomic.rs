//! Valkey 9.0's atomic slot migration (`CLUSTER MIGRATESLOTS`), modelled for contrast with
//! Redis 7's key-by-key migration. Only a cluster whose script says `server valkey-9.0`
//! knows these commands; real Redis 7 answers them with "unknown subcommand".
//!
//! A job snapshots the slots' keys to the target while the source keeps serving them (no
//! ASK window), pauses writes, hands the slots over in one ownership flip with a new epoch,
//! and trims the source. Cancelling before the flip rolls the target back. In the model a
//! job runs to its end at the next `wait`, the moment the cluster gets to work.

use crate::args::{is, parse_i64};
use crate::cluster::Cluster;
use crate::event::Event;
use crate::node_id::{NodeId, NodeIdx};
use crate::reply::Reply;
use crate::slot::Slot;

/// Where a job is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JobState {
    /// Streaming the slots' keys to the target; the source still owns and serves them.
    Snapshot,
    /// The target owns the slots.
    Success,
    /// Cancelled before the handover; the target dropped what it had received.
    Cancelled,
    /// Failed; the slots stayed with the source.
    Failed(String),
}

impl JobState {
    fn label(&self) -> &str {
        match self {
            JobState::Snapshot => "snapshot",
            JobState::Success => "success",
            JobState::Cancelled => "cancelled",
            JobState::Failed(_) => "failed",
        }
    }
}

/// One slot migration job.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SlotJob {
    /// The job's 40-character name.
    pub name: String,
    /// The exporting node.
    pub source: NodeIdx,
    /// The importing node.
    pub target: NodeIdx,
    /// The slots, in order.
    pub slots: Vec<Slot>,
    /// Where it is.
    pub state: JobState,
}

fn slot_arg(a: &[u8]) -> Option<Slot> {
    parse_i64(a)
        .and_then(|n| u16::try_from(n).ok())
        .and_then(Slot::new)
}

/// `CLUSTER MIGRATESLOTS SLOTSRANGE s e [s e ...] NODE <id> [SLOTSRANGE ... NODE ...]` on the
/// source: every job starts, or none does.
pub fn migrate_slots(cluster: &mut Cluster, me: NodeIdx, argv: &[Vec<u8>]) -> Reply {
    let mut planned: Vec<(NodeIdx, Vec<Slot>)> = Vec::new();
    let mut i = 2;
    while i < argv.len() {
        if !is(&argv[i], "slotsrange") {
            return Reply::err("syntax error");
        }
        i += 1;
        let mut slots = Vec::new();
        while i + 1 < argv.len() && !is(&argv[i], "node") {
            let (Some(a), Some(b)) = (slot_arg(&argv[i]), slot_arg(&argv[i + 1])) else {
                return Reply::err("Invalid or out of range slot");
            };
            if a > b {
                return Reply::err(format!(
                    "Invalid SLOTSRANGE: start slot {a} is greater than end slot {b}"
                ));
            }
            slots.extend((a.get()..=b.get()).filter_map(Slot::new));
            i += 2;
        }
        if i + 1 >= argv.len() || !is(&argv[i], "node") || slots.is_empty() {
            return Reply::err("syntax error");
        }
        let id = String::from_utf8_lossy(&argv[i + 1]).into_owned();
        let Some(target) = cluster
            .by_id(&argv[i + 1])
            .filter(|&n| cluster.node(me).knows(n))
        else {
            return Reply::err(format!("I don't know about node {id}"));
        };
        if target == me {
            return Reply::err("Can't migrate slots to myself");
        }
        planned.push((target, slots));
        i += 2;
    }
    let busy: Vec<Slot> = cluster
        .jobs()
        .iter()
        .filter(|j| j.state == JobState::Snapshot)
        .flat_map(|j| j.slots.clone())
        .collect();
    for (_, slots) in &planned {
        for &s in slots {
            if cluster.node(me).view.owner(s) != Some(me) {
                return Reply::err(format!("I'm not the owner of hash slot {s}"));
            }
            if busy.contains(&s) {
                return Reply::err(format!("Slot {s} is already being migrated"));
            }
        }
    }
    for (target, slots) in planned {
        let n = cluster.jobs().len();
        let name = NodeId::for_name(&format!("job-{n}-{}", cluster.now())).to_string();
        cluster.jobs_mut().push(SlotJob {
            name,
            source: me,
            target,
            slots,
            state: JobState::Snapshot,
        });
    }
    Reply::ok()
}

/// `CLUSTER CANCELSLOTMIGRATIONS`: cancels the active jobs this node exports.
pub fn cancel(cluster: &mut Cluster, me: NodeIdx) -> Reply {
    let mut n = 0;
    for job in cluster.jobs_mut().iter_mut() {
        if job.source == me && job.state == JobState::Snapshot {
            job.state = JobState::Cancelled;
            n += 1;
        }
    }
    Reply::Integer(n)
}

/// `CLUSTER GETSLOTMIGRATIONS`: the jobs this node takes part in.
pub fn list(cluster: &Cluster, me: NodeIdx) -> Reply {
    let name = |n: NodeIdx| cluster.id_of(n).to_string();
    Reply::Array(
        cluster
            .jobs()
            .iter()
            .filter(|j| j.source == me || j.target == me)
            .map(|j| {
                let ranges: Vec<String> = crate::slot::ranges(j.slots.iter().copied())
                    .into_iter()
                    .map(|(a, b)| format!("{a}-{b}"))
                    .collect();
                let message = match &j.state {
                    JobState::Failed(m) => m.clone(),
                    _ => String::new(),
                };
                Reply::Array(vec![
                    Reply::bulk("name"),
                    Reply::bulk(&j.name),
                    Reply::bulk("operation"),
                    Reply::bulk(if j.source == me { "EXPORT" } else { "IMPORT" }),
                    Reply::bulk("slot_ranges"),
                    Reply::bulk(ranges.join(" ")),
                    Reply::bulk("target_node"),
                    Reply::bulk(name(j.target)),
                    Reply::bulk("source_node"),
                    Reply::bulk(name(j.source)),
                    Reply::bulk("state"),
                    Reply::bulk(j.state.label()),
                    Reply::bulk("message"),
                    Reply::bulk(message),
                ])
            })
            .collect(),
    )
}

/// Runs every active job to its end: snapshot, pause, one ownership flip with a new epoch on
/// the target, then the source trims its copy. Called when the cluster gets to work (`wait`).
pub fn run_jobs(cluster: &mut Cluster, events: &mut Vec<Event>) {
    let active: Vec<usize> = (0..cluster.jobs().len())
        .filter(|&i| cluster.jobs()[i].state == JobState::Snapshot)
        .collect();
    for i in active {
        let job = cluster.jobs()[i].clone();
        if job
            .slots
            .iter()
            .any(|&s| cluster.node(job.source).view.owner(s) != Some(job.source))
        {
            cluster.jobs_mut()[i].state =
                JobState::Failed("the source no longer owns the slots".into());
            continue;
        }
        let now = cluster.now();
        let mut moved = Vec::new();
        for &slot in &job.slots {
            let keys: Vec<_> = cluster
                .node(job.source)
                .keys
                .keys_in_slot(slot)
                .cloned()
                .collect();
            for key in keys {
                if let Some(entry) = cluster.node(job.source).keys.live(&key, now).cloned() {
                    cluster.node_mut(job.target).keys.set(
                        &key,
                        entry.value.clone(),
                        entry.expire_at(),
                    );
                    moved.push(key);
                }
            }
        }
        let target = cluster.node_mut(job.target);
        target.view.current_epoch += 1;
        let epoch = target.view.current_epoch;
        let t = job.target;
        target.view.peers[t.get()].config_epoch = epoch;
        for &slot in &job.slots {
            target.view.set_owner(slot, Some(t));
        }
        events.push(Event::EpochBumped { node: t, epoch });
        let source = cluster.node_mut(job.source);
        source.view.peers[t.get()].config_epoch = epoch;
        for &slot in &job.slots {
            source.view.set_owner(slot, Some(t));
        }
        for key in moved {
            source.keys.remove(&key);
            events.push(Event::KeyMoved {
                from: job.source,
                to: job.target,
                key,
            });
        }
        cluster.broadcast_pong(t);
        cluster.jobs_mut()[i].state = JobState::Success;
    }
}
