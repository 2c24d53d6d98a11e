//! The execution table and the variable tracker, generated from any timeline: one row per
//! step, and one column per step, about the timeline's focus slot.

use crate::event::Event;
use crate::node::SlotState;
use crate::node_id::NodeIdx;
use crate::slot::Slot;
use crate::slot_map::SlotMap;
use crate::timeline::{Step, Timeline};

/// The two nodes a migration is between.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Roles {
    /// The slot.
    pub slot: Slot,
    /// The node that owns the slot at the start.
    pub source: NodeIdx,
    /// The node the slot moves to (the importing node, else the migrating flag's target, else
    /// the final owner).
    pub target: NodeIdx,
}

impl Roles {
    /// The roles at every step, following the slot each step is about. One pass over the
    /// steps: a slot's target is the first node seen importing it (or the node its source
    /// migrates to) at a step about that slot, else its final owner.
    pub fn per_step(timeline: &Timeline) -> Vec<Option<Roles>> {
        let steps = timeline.steps();
        let start = &steps[0].cluster;
        let mut targets: SlotMap<NodeIdx> = SlotMap::default();
        for (i, step) in steps.iter().enumerate() {
            let Some(slot) = timeline.focus_at(i) else {
                continue;
            };
            if targets.get(slot).is_some() {
                continue;
            }
            let seen = step
                .cluster
                .nodes()
                .iter()
                .find_map(|n| match n.slot_state(slot) {
                    SlotState::Importing { .. } => Some(n.me),
                    SlotState::Migrating { to } if to != n.me => Some(to),
                    _ => None,
                });
            if let Some(t) = seen {
                targets.insert(slot, t);
            }
        }
        let last = &steps[steps.len() - 1].cluster;
        // A few owner lookups per step (each O(1)), so no cache per slot.
        (0..steps.len())
            .map(|i| {
                let slot = timeline.focus_at(i)?;
                let source = start
                    .nodes()
                    .iter()
                    .find(|n| n.view.owner(slot) == Some(n.me))?
                    .me;
                let target = targets.get(slot).copied().or_else(|| {
                    last.nodes()
                        .iter()
                        .find(|n| n.view.owner(slot) == Some(n.me) && n.me != source)
                        .map(|n| n.me)
                });
                Some(Roles {
                    slot,
                    source,
                    target: target.unwrap_or(source),
                })
            })
            .collect()
    }
}

/// One row of the execution table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExecutionRow {
    /// The step index.
    pub step: usize,
    /// What ran.
    pub action: String,
    /// The slot's state on the source after the step.
    pub source_state: String,
    /// The slot's state on the target after the step.
    pub target_state: String,
    /// The keys this step moved, or `None`.
    pub keys_migrated: String,
    /// The reply, or what a gossip step did.
    pub result: String,
}

fn keys_moved(step: &Step) -> Vec<String> {
    step.events
        .iter()
        .filter_map(|e| match e {
            Event::KeyMoved { key, .. } => Some(String::from_utf8_lossy(key).into_owned()),
            _ => None,
        })
        .collect()
}

/// The execution table: one row per step, starting state included, about the slot each
/// step handles.
pub fn execution_table(timeline: &Timeline) -> Vec<ExecutionRow> {
    let names = timeline.names();
    let roles = Roles::per_step(timeline);
    timeline
        .steps()
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let c = &step.cluster;
            let moved = keys_moved(step);
            let state = |r: Option<Roles>, source: bool| {
                r.map_or_else(
                    || "—".to_string(),
                    |r| {
                        let n = if source { r.source } else { r.target };
                        c.node(n).slot_state(r.slot).label(names)
                    },
                )
            };
            ExecutionRow {
                step: i,
                action: step.heading().to_string(),
                source_state: state(roles[i], true),
                target_state: state(roles[i], false),
                keys_migrated: if moved.is_empty() {
                    "None".into()
                } else {
                    moved.join(", ")
                },
                result: match &step.reply {
                    Some(r) => r.to_transcript().lines().next().unwrap_or("").to_string(),
                    None => timeline.narration(i),
                },
            }
        })
        .collect()
}

/// One cell of the variable tracker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    /// The value after the step.
    pub value: String,
    /// Whether it differs from the previous column.
    pub changed: bool,
}

/// One tracked variable across all steps.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrackerRow {
    /// What is tracked, such as `Slot 1234 on A (source)`.
    pub variable: String,
    /// One cell per step.
    pub cells: Vec<Cell>,
}

/// The variable tracker: the slot in focus, its state and keys on the source, the target and
/// every other node, and the target's configEpoch, one column per step. When one slot moves
/// between the same two nodes throughout, the rows name them.
pub fn variable_tracker(timeline: &Timeline) -> Vec<TrackerRow> {
    let names = timeline.names();
    let roles = Roles::per_step(timeline);
    let Some(first) = roles.iter().flatten().next().copied() else {
        return Vec::new();
    };
    let constant = roles.iter().flatten().all(|r| *r == first);
    let name = |n: NodeIdx| names.get(n.get()).cloned().unwrap_or_default();
    let keys_of = |step: &Step, n: NodeIdx, slot: Slot| {
        let mut keys: Vec<String> = step
            .cluster
            .node(n)
            .keys
            .keys_in_slot(slot)
            .map(|k| String::from_utf8_lossy(k).into_owned())
            .collect();
        crate::sort::sort(&mut keys);
        if keys.is_empty() {
            "None".into()
        } else {
            keys.join(", ")
        }
    };
    type Getter<'a> = Box<dyn Fn(&Step, Roles) -> String + 'a>;
    let mut rows: Vec<(String, Getter)> = Vec::new();
    let (src, dst, slot) = (name(first.source), name(first.target), first.slot);
    if !constant {
        rows.push((
            "Slot in focus (source → target)".into(),
            Box::new(move |_: &Step, r: Roles| {
                format!("{} ({} → {})", r.slot, name(r.source), name(r.target))
            }),
        ));
    }
    let label = |what: &str, who: &str, n: &str| {
        if constant {
            format!("{what} {slot} on {n} ({who})")
        } else {
            format!("{what} on the {who}")
        }
    };
    rows.push((
        label("Slot", "source", &src),
        Box::new(move |s: &Step, r: Roles| {
            s.cluster.node(r.source).slot_state(r.slot).label(names)
        }),
    ));
    rows.push((
        label("Slot", "target", &dst),
        Box::new(move |s: &Step, r: Roles| {
            s.cluster.node(r.target).slot_state(r.slot).label(names)
        }),
    ));
    if constant {
        for i in 0..names.len() {
            let n = NodeIdx(i as u8);
            if n != first.source && n != first.target {
                rows.push((
                    format!("Slot {slot} on {}", name(n)),
                    Box::new(move |s: &Step, r: Roles| {
                        s.cluster.node(n).slot_state(r.slot).label(names)
                    }),
                ));
            }
        }
    }
    rows.push((
        label("Keys of slot", "source", &src),
        Box::new(move |s: &Step, r: Roles| keys_of(s, r.source, r.slot)),
    ));
    rows.push((
        label("Keys of slot", "target", &dst),
        Box::new(move |s: &Step, r: Roles| keys_of(s, r.target, r.slot)),
    ));
    rows.push((
        if constant {
            format!("configEpoch of {dst} (target)")
        } else {
            "configEpoch of the target".into()
        },
        Box::new(move |s: &Step, r: Roles| s.cluster.node(r.target).config_epoch().to_string()),
    ));
    rows.into_iter()
        .map(|(variable, get)| {
            let mut prev: Option<String> = None;
            let cells = timeline
                .steps()
                .iter()
                .zip(&roles)
                .map(|(s, r)| {
                    let value = r.map_or_else(|| "—".to_string(), |r| get(s, r));
                    let changed = prev.as_ref().is_some_and(|p| *p != value);
                    prev = Some(value.clone());
                    Cell { value, changed }
                })
                .collect();
            TrackerRow { variable, cells }
        })
        .collect()
}
