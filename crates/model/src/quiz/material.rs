//! The learning material's three quiz questions, with their options as the material gives
//! them. The hint steps and the numbers in the explanations come from the walkthrough's
//! timeline, so they follow the model, not the text.

use crate::phase::Phase;
use crate::reply::Reply;
use crate::{SlotState, Timeline};

/// Where a hint points: a mode of the app at a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HintView {
    /// The execution table.
    Table,
    /// The variable tracker.
    Tracker,
}

/// One of the material's questions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MaterialQuestion {
    /// The question.
    pub text: &'static str,
    /// The material's four options.
    pub options: [&'static str; 4],
    /// The index of the right option.
    pub answer: usize,
    /// The material's hint, reworded for the app.
    pub hint: &'static str,
    /// The view and step that answer it.
    pub hint_at: (HintView, usize),
    /// What real Redis 7 does, with the step numbers of this timeline.
    pub explanation: String,
    /// A what-if scenario that shows the answer, by scenario id.
    pub what_if: Option<&'static str>,
}

/// The three questions, about the walkthrough's timeline (`None` if it has no migration).
pub fn questions(t: &Timeline) -> Option<Vec<MaterialQuestion>> {
    let steps = t.steps();
    let find = |phase: Phase| {
        steps
            .iter()
            .position(|s| s.phase == Some(phase) && s.reply == Some(Reply::ok()))
    };
    let importing = find(Phase::Importing)?;
    let migrate = find(Phase::Migrate)?;
    let slot = t.focus_at(importing)?;
    let source = steps[0]
        .cluster
        .nodes()
        .iter()
        .find(|n| n.view.owner(slot) == Some(n.me))?
        .me;
    let names = t.names();
    let src = &names[source.get()];
    let stops = steps.iter().position(|s| {
        !matches!(
            s.cluster.node(source).slot_state(slot),
            SlotState::Owned | SlotState::Migrating { .. }
        )
    })?;
    let after = &steps[migrate].cluster;
    let where_keys: Vec<String> = after
        .nodes()
        .iter()
        .map(|n| format!("{} holds {}", n.name, n.keys.count_in_slot(slot)))
        .collect();
    Some(vec![
        MaterialQuestion {
            text: "At which step does the source node stop owning the slot?",
            options: ["Step 3", "Step 5", "Step 4", "Step 6"],
            answer: 1,
            hint: "Check the source's slot state in the execution table.",
            hint_at: (HintView::Table, stops),
            explanation: format!(
                "Step 5 of the material's table, SETSLOT NODE. Real Redis is more precise: MIGRATING does \
                 not end ownership, and {src} stops owning slot {slot} when SETSLOT NODE reaches {src} \
                 itself, or when gossip brings the target's claim with a higher configEpoch, whichever \
                 comes first. Here that is step {stops}, `{}`.",
                steps[stops].label
            ),
            what_if: None,
        },
        MaterialQuestion {
            text: "After migrating keys, where are the keys located?",
            options: [
                "Still on source node",
                "On both source and target nodes",
                "Only on target node",
                "Deleted from both nodes",
            ],
            answer: 2,
            hint: "Look at the keys of the slot on the source and on the target after the MIGRATE step.",
            hint_at: (HintView::Tracker, migrate),
            explanation: format!(
                "Only on the target. MIGRATE deletes each key on the source once the target has acknowledged \
                 it (unless COPY is given), even though the source still owns the slot. After step {migrate}, \
                 {}.",
                where_keys.join(", ")
            ),
            what_if: None,
        },
        MaterialQuestion {
            text: "If we skipped setting IMPORTING on the target node, what would likely happen?",
            options: [
                "Target node rejects incoming keys",
                "Keys migrate successfully anyway",
                "Source node refuses to migrate keys",
                "Slot ownership updates immediately",
            ],
            answer: 0,
            hint: "Look at the IMPORTING step in the execution table, then play the what-if.",
            hint_at: (HintView::Table, importing),
            explanation: "The target rejects them, though not with a refusal of its own: it answers the \
                          RESTORE-ASKING with MOVED, because it does not own the slot and is not importing \
                          it. MIGRATE then fails with \"ERR Target instance replied with error: MOVED …\", and \
                          the keys stay on the source: nothing is lost, but nothing moves."
                .into(),
            what_if: Some("whatif-no-importing"),
        },
    ])
}
