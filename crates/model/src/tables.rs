//! The execution table and the variable tracker, generated from any timeline: one row per
//! step, and one column per step, about the timeline's focus slot.

use crate::event::Event;
use crate::node::SlotState;
use crate::node_id::NodeIdx;
use crate::slot::Slot;
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
    /// Finds the focus slot's source and target, if the timeline has a focus slot.
    pub fn of(timeline: &Timeline) -> Option<Roles> {
        let slot = timeline.focus_slot()?;
        let start = &timeline.steps()[0].cluster;
        let source = start
            .nodes()
            .iter()
            .find(|n| n.view.owner(slot) == Some(n.me))?
            .me;
        let target = timeline
            .steps()
            .iter()
            .find_map(|s| {
                s.cluster
                    .nodes()
                    .iter()
                    .find_map(|n| match n.slot_state(slot) {
                        SlotState::Importing { .. } => Some(n.me),
                        SlotState::Migrating { to } if to != n.me => Some(to),
                        _ => None,
                    })
            })
            .or_else(|| {
                let last = &timeline.steps().last()?.cluster;
                last.nodes()
                    .iter()
                    .find(|n| n.view.owner(slot) == Some(n.me) && n.me != source)
                    .map(|n| n.me)
            })
            .unwrap_or(source);
        Some(Roles {
            slot,
            source,
            target,
        })
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

/// The execution table: one row per step, starting state included.
pub fn execution_table(timeline: &Timeline) -> Vec<ExecutionRow> {
    let Some(roles) = Roles::of(timeline) else {
        return Vec::new();
    };
    let names = timeline.names();
    timeline
        .steps()
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let c = &step.cluster;
            let moved = keys_moved(step);
            ExecutionRow {
                step: i,
                action: step.label.clone(),
                source_state: c.node(roles.source).slot_state(roles.slot).label(names),
                target_state: c.node(roles.target).slot_state(roles.slot).label(names),
                keys_migrated: if moved.is_empty() {
                    "None".into()
                } else {
                    moved.join(", ")
                },
                result: match &step.reply {
                    Some(r) => r.to_transcript().lines().next().unwrap_or("").to_string(),
                    None => step.narration.clone(),
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

/// The variable tracker: the focus slot's state and keys on every node, and the target's
/// configEpoch, one column per step.
pub fn variable_tracker(timeline: &Timeline) -> Vec<TrackerRow> {
    let Some(roles) = Roles::of(timeline) else {
        return Vec::new();
    };
    let names = timeline.names();
    let role = |n: NodeIdx| {
        if n == roles.source {
            " (source)"
        } else if n == roles.target {
            " (target)"
        } else {
            ""
        }
    };
    let mut order: Vec<NodeIdx> = vec![roles.source];
    if roles.target != roles.source {
        order.push(roles.target);
    }
    let others: Vec<NodeIdx> = (0..names.len())
        .map(|i| NodeIdx(i as u8))
        .filter(|n| !order.contains(n))
        .collect();
    order.extend(others);
    let slot = roles.slot;
    type Getter<'a> = Box<dyn Fn(&Step) -> String + 'a>;
    let mut rows: Vec<(String, Getter)> = Vec::new();
    for &n in &order {
        rows.push((
            format!("Slot {slot} state on {}{}", names[n.get()], role(n)),
            Box::new(move |s: &Step| s.cluster.node(n).slot_state(slot).label(names)),
        ));
    }
    for &n in &order {
        rows.push((
            format!("Keys of slot {slot} on {}{}", names[n.get()], role(n)),
            Box::new(move |s: &Step| {
                let mut keys: Vec<String> = s
                    .cluster
                    .node(n)
                    .keys
                    .keys_in_slot(slot)
                    .map(|k| String::from_utf8_lossy(k).into_owned())
                    .collect();
                keys.sort();
                if keys.is_empty() {
                    "None".into()
                } else {
                    keys.join(", ")
                }
            }),
        ));
    }
    let target = roles.target;
    rows.push((
        format!("configEpoch of {}{}", names[target.get()], role(target)),
        Box::new(move |s: &Step| s.cluster.node(target).config_epoch().to_string()),
    ));
    rows.into_iter()
        .map(|(variable, get)| {
            let mut prev: Option<String> = None;
            let cells = timeline
                .steps()
                .iter()
                .map(|s| {
                    let value = get(s);
                    let changed = prev.as_ref().is_some_and(|p| *p != value);
                    prev = Some(value.clone());
                    Cell { value, changed }
                })
                .collect();
            TrackerRow { variable, cells }
        })
        .collect()
}
