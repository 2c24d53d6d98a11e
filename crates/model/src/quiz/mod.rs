//! The quiz: the learning material's three questions, with hint steps from the model
//! (`material.rs`), and seven kinds of question generated from any timeline (`kinds.rs`,
//! VisuAlgo's training mode). Every answer is computed by the model at the step the question
//! is about, never written down. A seeded [`Rng`] (`rng.rs`) makes a set reproducible, which
//! shared `?quiz=<seed>` links rely on.

mod kinds;
pub mod material;
mod rng;

pub use rng::Rng;

/// The kinds of generated question.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Which reply a node gives to `GET k` at a step.
    Route,
    /// Which node a `CLUSTER SETSLOT … MIGRATING|IMPORTING` goes to, with whose id.
    SetSlotTarget,
    /// How many keys of a slot a node holds after a step.
    KeysOnNode,
    /// Which slot a key hashes to.
    KeySlot,
    /// Which command the scenario runs next.
    NextCommand,
    /// What a later step replies if this step is skipped.
    WhatIfSkipped,
    /// Which node a node believes owns a slot after a step.
    ViewOwner,
}

impl Kind {
    /// Every kind, in the order a fresh set asks them.
    pub const ALL: [Kind; 7] = [
        Kind::Route,
        Kind::SetSlotTarget,
        Kind::KeysOnNode,
        Kind::KeySlot,
        Kind::NextCommand,
        Kind::WhatIfSkipped,
        Kind::ViewOwner,
    ];

    /// A short name, shown above the question.
    pub fn title(self) -> &'static str {
        match self {
            Kind::Route => "Routing",
            Kind::SetSlotTarget => "SETSLOT arguments",
            Kind::KeysOnNode => "Where the keys are",
            Kind::KeySlot => "Hash slots",
            Kind::NextCommand => "The order of commands",
            Kind::WhatIfSkipped => "What if",
            Kind::ViewOwner => "Each node's own view",
        }
    }
}

/// What a question asks about, so that a test can recompute its answer another way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Subject {
    /// `GET key` sent to `node` right after `step`.
    Route {
        /// The step.
        step: usize,
        /// The node asked.
        node: crate::NodeIdx,
        /// The key.
        key: Vec<u8>,
    },
    /// The SETSLOT MIGRATING or IMPORTING command of `step`.
    SetSlot {
        /// The step.
        step: usize,
    },
    /// The keys of `slot` on `node` right after `step`.
    KeysOnNode {
        /// The step.
        step: usize,
        /// The node.
        node: crate::NodeIdx,
        /// The slot.
        slot: crate::Slot,
    },
    /// The slot of `key`.
    KeySlot {
        /// The key.
        key: Vec<u8>,
    },
    /// The command after `step`.
    NextCommand {
        /// The step before the one asked about.
        step: usize,
    },
    /// The reply of step `asked` when step `skipped` is left out.
    WhatIf {
        /// The step left out.
        skipped: usize,
        /// The later step whose reply is asked.
        asked: usize,
    },
    /// The owner of `slot` in `node`'s own view right after `step`.
    ViewOwner {
        /// The step.
        step: usize,
        /// The node.
        node: crate::NodeIdx,
        /// The slot.
        slot: crate::Slot,
    },
}

impl Subject {
    /// The kind of question.
    pub fn kind(&self) -> Kind {
        match self {
            Subject::Route { .. } => Kind::Route,
            Subject::SetSlot { .. } => Kind::SetSlotTarget,
            Subject::KeysOnNode { .. } => Kind::KeysOnNode,
            Subject::KeySlot { .. } => Kind::KeySlot,
            Subject::NextCommand { .. } => Kind::NextCommand,
            Subject::WhatIf { .. } => Kind::WhatIfSkipped,
            Subject::ViewOwner { .. } => Kind::ViewOwner,
        }
    }
}

/// One multiple-choice question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Question {
    /// What it asks about.
    pub kind: Kind,
    /// The question.
    pub text: String,
    /// Four options (fewer only when fewer distinct wrong answers exist), in shuffled order.
    pub options: Vec<String>,
    /// The index of the right option.
    pub answer: usize,
    /// Why the right option is right, in terms of what Redis 7 does.
    pub explanation: String,
    /// The step that shows the answer, for the hint link.
    pub step: usize,
    /// What it asks about.
    pub subject: Subject,
}

/// Builds a question from the right answer and candidate wrong ones: drops duplicates and
/// the right answer from the candidates, keeps up to three, and shuffles.
pub(crate) fn assemble(
    rng: &mut Rng,
    subject: Subject,
    text: String,
    right: String,
    wrong: Vec<String>,
    explanation: String,
    step: usize,
) -> Option<Question> {
    let mut distinct: Vec<String> = Vec::new();
    for w in wrong {
        if w != right && !distinct.contains(&w) {
            distinct.push(w);
        }
    }
    if distinct.is_empty() {
        return None;
    }
    // Keep the first (most plausible) candidate, then draw the rest at random.
    let mut chosen = vec![distinct.remove(0)];
    while chosen.len() < 3 && !distinct.is_empty() {
        chosen.push(distinct.remove(rng.below(distinct.len())));
    }
    let mut options = chosen;
    let answer = rng.below(options.len() + 1);
    options.insert(answer, right);
    Some(Question {
        kind: subject.kind(),
        subject,
        text,
        options,
        answer,
        explanation,
        step,
    })
}

/// `count` questions about `timeline`, reproducible from `seed`: each kind once before any
/// kind repeats, skipping kinds that do not apply to the scenario.
pub fn generate(timeline: &crate::Timeline, seed: u64, count: usize) -> Vec<Question> {
    let mut rng = Rng::new(seed);
    let mut out = Vec::new();
    let mut failures = 0;
    while out.len() < count && failures < 4 * Kind::ALL.len() {
        let mut order = Kind::ALL.to_vec();
        rng.shuffle(&mut order);
        for kind in order {
            if out.len() == count {
                break;
            }
            match kinds::ask(kind, timeline, &mut rng) {
                Some(q) if !out.contains(&q) => out.push(q),
                _ => failures += 1,
            }
        }
    }
    out
}

/// Asks one question of `kind`, if the timeline has something to ask it about.
pub fn ask(kind: Kind, timeline: &crate::Timeline, seed: u64) -> Option<Question> {
    kinds::ask(kind, timeline, &mut Rng::new(seed))
}
