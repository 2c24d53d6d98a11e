//! The phases of a slot migration, recognised from the command a step runs.

use crate::args::is;

/// A migration phase, for timeline markers and the concept flow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Phase {
    /// `CLUSTER SETSLOT s IMPORTING <source-id>` on the target.
    Importing,
    /// `CLUSTER SETSLOT s MIGRATING <target-id>` on the source.
    Migrating,
    /// `MIGRATE` moving a batch of keys.
    Migrate,
    /// `CLUSTER SETSLOT s NODE <target-id>`: ownership.
    SetSlotNode,
    /// `CLUSTER SETSLOT s STABLE`: flags cleared.
    Stable,
    /// Cluster-bus messages delivered.
    Gossip,
}

impl Phase {
    /// The phase a command belongs to, if any.
    pub fn of_command(argv: &[Vec<u8>]) -> Option<Phase> {
        let first = argv.first()?;
        if is(first, "migrate") {
            return Some(Phase::Migrate);
        }
        if is(first, "cluster") && argv.len() >= 2 && is(&argv[1], "migrateslots") {
            return Some(Phase::Migrate);
        }
        if !(is(first, "cluster") && argv.len() >= 4 && is(&argv[1], "setslot")) {
            return None;
        }
        let action = &argv[3];
        [
            ("importing", Phase::Importing),
            ("migrating", Phase::Migrating),
            ("node", Phase::SetSlotNode),
            ("stable", Phase::Stable),
        ]
        .into_iter()
        .find(|(word, _)| is(action, word))
        .map(|(_, p)| p)
    }

    /// A short label, as the scrubber's markers show it.
    pub fn label(self) -> &'static str {
        match self {
            Phase::Importing => "IMPORTING",
            Phase::Migrating => "MIGRATING",
            Phase::Migrate => "MIGRATE",
            Phase::SetSlotNode => "SETSLOT NODE",
            Phase::Stable => "STABLE",
            Phase::Gossip => "gossip",
        }
    }
}
