//! The built-in scenarios: a title, a goal and a script each.

/// One built-in scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scenario {
    /// A short id for URLs, such as `walkthrough`.
    pub id: &'static str,
    /// The title shown in the picker.
    pub title: &'static str,
    /// One paragraph: what the learner will see and why it matters.
    pub goal: &'static str,
    /// The script.
    pub script: &'static str,
}

/// Every built-in scenario; the first is the default.
pub const SCENARIOS: &[Scenario] = &[Scenario {
    id: "walkthrough",
    title: "The material's walkthrough: move slot 1234 from A to B",
    goal: "Slot 1234 holds key1 and key2 on master A. Move it to master B in the four phases: \
           IMPORTING on the target, MIGRATING on the source, MIGRATE of the keys, then SETSLOT NODE \
           on the target, the source and the other master. Watch each node's own view of the slot, \
           and where the keys are, after every command.",
    script: include_str!("../scenarios/walkthrough.txt"),
}];

/// The scenario with this id.
pub fn by_id(id: &str) -> Option<&'static Scenario> {
    SCENARIOS.iter().find(|s| s.id == id)
}
