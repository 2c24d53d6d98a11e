//! The built-in scenarios: a title, a goal and a script each, either a file in
//! `crates/model/scenarios/*.txt` (the walkthrough, the what-ifs, Valkey's atomic migration)
//! or made by a planner when opened (a 100-slot reshard, add-node with a rebalance, the fix
//! of an interrupted migration).

use crate::node_id::NodeIdx;
use crate::planner::reshard::{reshard, Sources};
use crate::planner::Plan;

/// One built-in scenario.
#[derive(Clone, Copy, Debug)]
pub struct Scenario {
    /// A short id for URLs, such as `walkthrough`.
    pub id: &'static str,
    /// The title shown in the picker.
    pub title: &'static str,
    /// One paragraph: what the learner will see and why it matters.
    pub goal: &'static str,
    /// Builds the script (some scenarios are planned when they are opened).
    pub script: fn() -> String,
}

/// Every built-in scenario; the first is the default.
pub const SCENARIOS: &[Scenario] = &[
    Scenario {
        id: "walkthrough",
        title: "The material's walkthrough: move slot 1234 from A to B",
        goal: "Slot 1234 holds key1 and key2 on master A. Move it to master B in the four phases: \
               IMPORTING on the target, MIGRATING on the source, MIGRATE of the keys, then SETSLOT NODE \
               on the target, the source and the other master. Watch each node's own view of the slot, \
               and where the keys are, after every command.",
        script: || include_str!("../scenarios/walkthrough.txt").to_string(),
    },
    Scenario {
        id: "reshard-100",
        title: "Reshard 100 slots from A to B, as redis-cli does",
        goal: "redis-cli --cluster reshard --cluster-from A --cluster-to B --cluster-slots 100 moves A's \
               lowest-numbered slots one at a time: IMPORTING, MIGRATING, GETKEYSINSLOT and MIGRATE in \
               batches of 10 until the slot is empty, then SETSLOT NODE on B, A and C. B's configEpoch \
               jumps on the first slot only.",
        script: reshard_100,
    },
    Scenario {
        id: "add-node-rebalance",
        title: "Add a fourth master and rebalance",
        goal: "Master D starts empty and outside the cluster. CLUSTER MEET brings it in and gossip tells \
               everyone; then redis-cli's rebalance (with --cluster-use-empty-masters) gives it a quarter \
               of the slots, 4096 of them, one slot at a time, from A, B and C. D's configEpoch goes from \
               0 to the highest on its first slot.",
        script: add_node_rebalance,
    },
    Scenario {
        id: "interrupted-fix",
        title: "A migration interrupted halfway, then repaired with fix",
        goal: "The resharding tool dies after moving two of slot 1234's five keys: the slot stays open on \
               both sides and multi-key commands get TRYAGAIN. redis-cli --cluster fix then consolidates \
               on the node with the most keys, which is the source: it takes the slot back with a new \
               configEpoch and moves the two keys home. The migration is rolled back, not finished.",
        script: interrupted_fix,
    },
    Scenario {
        id: "atomic-valkey9",
        title: "Atomic slot migration (Valkey 9.0 behaviour)",
        goal: "Valkey 9.0, not Redis 7: CLUSTER MIGRATESLOTS moves slot 1234 from A to B as one job. A keeps \
               serving every key while the snapshot streams (no ASK, no TRYAGAIN), then ownership flips once \
               with a new epoch and A trims its copy. A second job, cancelled before the handover, rolls back.",
        script: || include_str!("../scenarios/atomic.txt").to_string(),
    },
    Scenario {
        id: "whatif-no-importing",
        title: "What if: IMPORTING is skipped",
        goal: "The target never sets IMPORTING. MIGRATE fails with the target's MOVED, wrapped in an \
               error, and a client writing a new key bounces between ASK and MOVED.",
        script: || include_str!("../scenarios/whatif-no-importing.txt").to_string(),
    },
    Scenario {
        id: "whatif-no-migrating",
        title: "What if: MIGRATING is skipped",
        goal: "The source never sets MIGRATING. MIGRATE still moves the keys, but the source answers nil \
               for them instead of ASK, so the data looks lost.",
        script: || include_str!("../scenarios/whatif-no-migrating.txt").to_string(),
    },
    Scenario {
        id: "whatif-node-early",
        title: "What if: the target takes the slot while the source still has keys",
        goal: "SETSLOT NODE on the target comes before the last MIGRATE. Gossip carries the target's \
               higher configEpoch to the source, and the source deletes the keys it still held.",
        script: || include_str!("../scenarios/whatif-node-early.txt").to_string(),
    },
    Scenario {
        id: "whatif-stable-midway",
        title: "What if: STABLE in the middle of a migration",
        goal: "Both sides clear their flags halfway. The key already moved is stranded on the target, \
               which does not own its slot: the owner answers nil and the target answers MOVED.",
        script: || include_str!("../scenarios/whatif-stable-midway.txt").to_string(),
    },
];

/// The scenario with this id.
pub fn by_id(id: &str) -> Option<&'static Scenario> {
    SCENARIOS.iter().find(|s| s.id == id)
}

/// Writes `MSET` lines that put `per_slot` keys in each of `slots`, on their owner `node`.
pub fn fill_slots(node: &str, slots: std::ops::Range<u16>, per_slot: usize) -> String {
    let tags = crate::slot::tags();
    let mut out = String::new();
    for s in slots {
        let tag = &tags[usize::from(s)];
        out.push_str(node);
        out.push_str("> MSET");
        for i in 1..=per_slot {
            out.push_str(&format!(" {{{tag}}}:k{i} v{i}"));
        }
        out.push('\n');
    }
    out
}

/// Plans, after `prelude`, what `plan` does; a failure becomes a `note` step that says so.
fn planned(
    prelude: String,
    plan: impl FnOnce(&mut Plan) -> Result<(), crate::planner::PlanError>,
) -> String {
    let Ok(timeline) = crate::timeline::Timeline::from_script(&prelude) else {
        return prelude;
    };
    let mut p = Plan::new(timeline.steps()[0].cluster.clone());
    match plan(&mut p) {
        Ok(()) => p.script(&prelude) + "wait\n",
        Err(e) => format!("{prelude}note The plan failed: {e}\n"),
    }
}

fn add_node_rebalance() -> String {
    let mut prelude = String::from(
        "# One key in every eighth slot, on its owner; D is new and empty.\ncluster A B C +D\n",
    );
    let owners = crate::cluster::create_split(3);
    for (i, (first, last)) in owners.iter().enumerate() {
        let name = ["A", "B", "C"][i];
        let tags = crate::slot::tags();
        let keys: Vec<String> = (*first..=*last)
            .filter(|s| s % 8 == 0)
            .map(|s| format!("{{{}}}:k v", tags[usize::from(s)]))
            .collect();
        for chunk in keys.chunks(1) {
            prelude.push_str(&format!("{name}> SET {}\n", chunk.join(" ")));
        }
    }
    prelude.push_str("start\n");
    planned(prelude, |p| {
        crate::planner::add_node::add_node(p, NodeIdx(3), NodeIdx(0))?;
        let opts = crate::planner::rebalance::RebalanceOptions {
            use_empty_masters: true,
            ..Default::default()
        };
        crate::planner::rebalance::rebalance(p, &opts)
    })
}

fn interrupted_fix() -> String {
    let before = include_str!("../scenarios/interrupted.txt");
    let Ok(timeline) = crate::timeline::Timeline::from_script(before) else {
        return before.to_string();
    };
    let mut plan = Plan::new(timeline.steps()[timeline.len() - 1].cluster.clone());
    let mut out = before.to_string();
    out.push_str("# redis-cli --cluster fix, command by command:\n");
    match crate::planner::fix::fix(&mut plan) {
        Ok(()) => {
            for l in &plan.lines {
                out.push_str(l);
                out.push('\n');
            }
            out.push_str(
                "wait\nA> GET key1{page270}\nB> GET key1{page270}\nA> CLUSTER COUNTKEYSINSLOT 1234\n\
                 note What happened: fix saw keys on both A (3) and B (2), so it made the node with the most keys, A, \
                 the owner (with a new configEpoch) and moved B's keys back. Nothing was lost, but the migration was \
                 rolled back: run the reshard again to move the slot.\n",
            );
        }
        Err(e) => out.push_str(&format!("note The fix failed: {e}\n")),
    }
    out
}

fn reshard_100() -> String {
    let mut prelude =
        String::from("# Two keys in each of slots 0-99, on their owner A.\ncluster A B C\n");
    prelude.push_str(&fill_slots("A", 0..100, 2));
    prelude.push_str("start\n");
    planned(prelude, |p| {
        reshard(p, Sources::Nodes(vec![NodeIdx(0)]), NodeIdx(1), 100)
    })
}
