//! Concept flow: the material's flow as a diagram, with the current stage highlighted and
//! the "for each slot" loop counting the slots.

use crate::state::player::TimelineRef;
use slotscope_model::Phase;
use yew::prelude::*;

/// The flow's inputs.
#[derive(Properties, PartialEq, Clone)]
pub struct FlowProps {
    /// The timeline.
    pub timeline: TimelineRef,
    /// The step shown.
    pub cursor: usize,
}

/// The stages of the flow, in order; stages 2 to 5 are inside the loop.
const STAGES: &[(&str, &str)] = &[
    (
        "Start",
        "A cluster of masters; every node agrees who owns each slot.",
    ),
    (
        "Identify the slots to move",
        "redis-cli takes each source's lowest-numbered slots.",
    ),
    (
        "IMPORTING on the target",
        "CLUSTER SETSLOT <slot> IMPORTING <source-id>, sent to the target.",
    ),
    (
        "MIGRATING on the source",
        "CLUSTER SETSLOT <slot> MIGRATING <target-id>, sent to the source.",
    ),
    (
        "Migrate the keys",
        "CLUSTER GETKEYSINSLOT, then MIGRATE … KEYS, until the slot is empty.",
    ),
    (
        "SETSLOT NODE",
        "CLUSTER SETSLOT <slot> NODE <target-id>: the target, then the source, then the others.",
    ),
    (
        "Gossip",
        "The target's new configEpoch spreads; every view agrees.",
    ),
    ("Complete", "All selected slots moved."),
];

/// The stage a step belongs to.
pub fn stage_at(timeline: &TimelineRef, cursor: usize) -> usize {
    if cursor == 0 {
        return 0;
    }
    let phase = timeline.steps()[..=cursor]
        .iter()
        .rev()
        .find_map(|s| s.phase);
    let stage = match phase {
        None => 1,
        Some(Phase::Importing) => 2,
        Some(Phase::Migrating) => 3,
        Some(Phase::Migrate) => 4,
        Some(Phase::SetSlotNode) | Some(Phase::Stable) => 5,
        Some(Phase::Gossip) => 6,
    };
    if cursor == timeline.len() - 1 && stage >= 5 {
        7
    } else {
        stage
    }
}

/// The step at which each moved slot first gets IMPORTING, in order.
fn importing_starts(timeline: &TimelineRef) -> Vec<usize> {
    let mut seen = vec![false; slotscope_model::slot::SLOT_COUNT];
    let mut starts = Vec::new();
    for (i, s) in timeline.steps().iter().enumerate() {
        if let (Some(Phase::Importing), Some(slot)) = (s.phase, s.focus) {
            if !std::mem::replace(&mut seen[slot.index()], true) {
                starts.push(i);
            }
        }
    }
    starts
}

/// The concept flow mode.
#[function_component(ConceptFlow)]
pub fn concept_flow(props: &FlowProps) -> Html {
    let current = stage_at(&props.timeline, props.cursor);
    let starts = use_memo(props.timeline.clone(), importing_starts);
    let (started, total) = (starts.partition_point(|&i| i <= props.cursor), starts.len());
    let node = |i: usize| {
        let (title, detail) = STAGES[i];
        let is_current = i == current;
        html! {
            <li class={classes!("flow-stage", is_current.then_some("current"), (i < current).then_some("done"))}
                aria-current={is_current.then_some("step")}>
                <span class="flow-title">{title}{if is_current { " ◀ now" } else { "" }}</span>
                <span class="flow-detail">{detail}</span>
            </li>
        }
    };
    html! {
        <div class="flow">
            <ol class="flow-list">
                { node(0) }
                { node(1) }
                <li class="flow-loop">
                    <span class="flow-title">
                        {"For each slot to move"}
                        if total > 1 { {format!(" (slot {} of {total})", started.max(1))} }
                    </span>
                    <ol class="flow-list inner">
                        { for (2..=5).map(node) }
                    </ol>
                    <span class="flow-repeat" aria-hidden="true">{"↻ repeat for the next slot"}</span>
                </li>
                { node(6) }
                { node(7) }
            </ol>
        </div>
    }
}
