//! The execution table and the variable tracker, generated from any timeline: one row per
//! step, and one column per step, about the timeline's focus slot.

use crate::event::Event;
use crate::node::SlotState;
use crate::node_id::NodeIdx;
use crate::slot::Slot;
use crate::slot_map::SlotMap;
use crate::timeline::{Step, Timeline};
use std::ops::Range;

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
    /// One cell per step (of the window, for [`variable_tracker_window`]).
    pub cells: Vec<Cell>,
}

/// The variable tracker: the slot in focus, its state and keys on the source, the target and
/// every other node, and the target's configEpoch, one column per step. When one slot moves
/// between the same two nodes throughout, the rows name them.
pub fn variable_tracker(timeline: &Timeline) -> Vec<TrackerRow> {
    variable_tracker_window(timeline, 0..timeline.len())
}

/// What the tracker needs of the whole timeline, computed once per timeline: the roles at
/// every step (one pass over the steps). [`TrackerRoles::window`] then costs only the
/// columns it makes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrackerRoles(Vec<Option<Roles>>);

impl TrackerRoles {
    /// The roles of every step of `timeline`.
    pub fn of(timeline: &Timeline) -> TrackerRoles {
        TrackerRoles(Roles::per_step(timeline))
    }

    /// The tracker's columns `cols` of `timeline` (the timeline these roles are of).
    pub fn window(&self, timeline: &Timeline, cols: Range<usize>) -> Vec<TrackerRow> {
        tracker_rows(timeline, &self.0, cols)
    }
}

/// The keys of a slot that a tracker cell names at most; past them it gives the count.
const KEYS_SHOWN: usize = 10;

/// The variable tracker's columns `cols` only (clamped to the timeline): the page shows a few
/// steps around the cursor, so it computes only those, from roles it keeps per timeline
/// ([`TrackerRoles`]), and a step costs what is on screen, not what is in the timeline. A cell is `changed` against the step before it, inside the window
/// or not.
pub fn variable_tracker_window(timeline: &Timeline, cols: Range<usize>) -> Vec<TrackerRow> {
    TrackerRoles::of(timeline).window(timeline, cols)
}

/// The tracker's rows for `cols`, from the roles at every step.
fn tracker_rows(
    timeline: &Timeline,
    roles: &[Option<Roles>],
    cols: Range<usize>,
) -> Vec<TrackerRow> {
    let names = timeline.names();
    let roles = &roles[..roles.len().min(timeline.len())];
    let Some(first) = roles.iter().flatten().next().copied() else {
        return Vec::new();
    };
    let constant = roles.iter().flatten().all(|r| *r == first);
    let name = |n: NodeIdx| names.get(n.get()).cloned().unwrap_or_default();
    // The first keys in sorted order, without sorting them all: a slot may hold thousands.
    let keys_of = |step: &Step, n: NodeIdx, slot: Slot| {
        let mut first: Vec<&[u8]> = Vec::new();
        let mut count = 0;
        for k in step.cluster.node(n).keys.keys_in_slot(slot) {
            count += 1;
            let at = first.partition_point(|f| *f < k);
            if at < KEYS_SHOWN {
                first.insert(at, k);
                first.truncate(KEYS_SHOWN);
            }
        }
        let names: Vec<String> = first
            .iter()
            .map(|k| String::from_utf8_lossy(k).into_owned())
            .collect();
        match count {
            0 => "None".into(),
            n if n <= KEYS_SHOWN => names.join(", "),
            n => format!(
                "{} and {} more ({n} keys)",
                names.join(", "),
                n - KEYS_SHOWN
            ),
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
    let steps = timeline.steps();
    let cols = cols.start.min(steps.len())..cols.end.min(steps.len());
    let value =
        |get: &Getter, i: usize| roles[i].map_or_else(|| "—".to_string(), |r| get(&steps[i], r));
    rows.into_iter()
        .map(|(variable, get)| {
            let mut prev: Option<String> = cols.start.checked_sub(1).map(|i| value(&get, i));
            let cells = cols
                .clone()
                .map(|i| {
                    let value = value(&get, i);
                    let changed = prev.as_ref().is_some_and(|p| *p != value);
                    prev = Some(value.clone());
                    Cell { value, changed }
                })
                .collect();
            TrackerRow { variable, cells }
        })
        .collect()
}
