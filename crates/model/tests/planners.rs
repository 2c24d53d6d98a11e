//! The planners' decisions, natively: redis-cli's quotas and thresholds, and fix's rollback.
// Test code goes into no bundle: it may sort and unwrap (the rules in /clippy.toml).
#![allow(clippy::disallowed_methods)]

use slotscope_model::planner::fix::{fix, open_slots};
use slotscope_model::planner::rebalance::{rebalance, RebalanceOptions};
use slotscope_model::planner::reshard::{reshard_table, Sources};
use slotscope_model::planner::{reshard::reshard, Plan};
use slotscope_model::scenario::by_id;
use slotscope_model::{NodeIdx, Slot, Timeline};

fn plan_from(script: &str) -> Plan {
    let t = Timeline::from_script(script).unwrap();
    Plan::new(t.steps()[t.len() - 1].cluster.clone())
}

#[test]
fn reshard_quota_rounds_up_for_the_first_source_only() {
    let plan = plan_from("cluster A B C");
    // 10 slots from A (5461) and B (5462): B has more and goes first; 10 * 5462 / 10923 is
    // 5.0005, rounded up to 6, and A's 4.9995 is rounded down to 4, as in the digest's example.
    let table = reshard_table(&plan, &[NodeIdx(0), NodeIdx(1)], 10);
    let from_b: Vec<u16> = table
        .iter()
        .filter(|(n, _)| *n == NodeIdx(1))
        .map(|(_, s)| s.get())
        .collect();
    let from_a: Vec<u16> = table
        .iter()
        .filter(|(n, _)| *n == NodeIdx(0))
        .map(|(_, s)| s.get())
        .collect();
    assert_eq!(from_b, vec![5461, 5462, 5463, 5464, 5465, 5466]);
    assert_eq!(from_a, vec![0, 1, 2, 3]);
}

#[test]
fn reshard_refuses_open_slots_and_the_target_as_source() {
    let mut plan = plan_from("cluster A B C\nA> CLUSTER SETSLOT 0 MIGRATING $B");
    let e = reshard(&mut plan, Sources::All, NodeIdx(1), 5).unwrap_err();
    assert_eq!(
        e.0,
        "*** Please fix your cluster problems before resharding"
    );
    let mut plan = plan_from("cluster A B C");
    let e = reshard(&mut plan, Sources::Nodes(vec![NodeIdx(1)]), NodeIdx(1), 5).unwrap_err();
    assert_eq!(
        e.0,
        "*** It is not possible to use the target node as source node."
    );
}

#[test]
fn rebalance_says_when_nothing_is_needed_and_follows_weights() {
    let mut plan = plan_from("cluster A B C");
    rebalance(&mut plan, &RebalanceOptions::default()).unwrap();
    assert_eq!(
        plan.lines,
        vec!["# *** No rebalancing needed! All nodes are within the 2.00% threshold."]
    );
    let mut plan = plan_from("cluster A B C");
    let opts = RebalanceOptions {
        weights: vec![(NodeIdx(0), 2.0)],
        ..Default::default()
    };
    rebalance(&mut plan, &opts).unwrap();
    // Expected: A 8192, B and C 4096 each.
    let counts: Vec<usize> = plan
        .cluster
        .nodes()
        .iter()
        .map(|n| n.view.slot_count(n.me))
        .collect();
    assert_eq!(counts, vec![8192, 4096, 4096]);
}

#[test]
fn fix_rolls_an_interrupted_migration_back_to_the_side_with_more_keys() {
    let t = Timeline::from_script(&(by_id("interrupted-fix").unwrap().script)()).unwrap();
    let last = &t.steps()[t.len() - 1].cluster;
    let slot = Slot::new(1234).unwrap();
    assert!(last.views_agree());
    for n in last.nodes() {
        assert_eq!(
            n.view.owner(slot),
            Some(NodeIdx(0)),
            "{} must see A as the owner",
            n.name
        );
        assert!(n.view.open_slots().is_empty());
    }
    assert_eq!(last.node(NodeIdx(0)).keys.count_in_slot(slot), 5);
    assert_eq!(last.node(NodeIdx(1)).keys.count_in_slot(slot), 0);
    // Fixing a healthy cluster does nothing.
    let mut plan = plan_from("cluster A B C");
    assert!(open_slots(&plan).is_empty());
    fix(&mut plan).unwrap();
    assert_eq!(plan.lines.len(), 1);
}

#[test]
fn a_recording_plan_builds_the_same_timeline_as_planning_then_replaying() {
    // 25 keys in each of A's first 3 slots: MIGRATE batches of 10, 10 and 5.
    let tags = slotscope_model::slot::tags();
    let mut start = String::from("cluster A B C\n");
    for tag in &tags[..3] {
        let pairs: Vec<String> = (0..25).map(|i| format!("{{{tag}}}{i} v")).collect();
        start.push_str(&format!("A> MSET {}\n", pairs.join(" ")));
    }
    start.push_str("start");
    let start = start.as_str();
    let t = Timeline::from_script(start).unwrap();
    let mut two_pass = plan_from(start);
    reshard(
        &mut two_pass,
        Sources::Nodes(vec![NodeIdx(0)]),
        NodeIdx(1),
        40,
    )
    .unwrap();
    let mut replayed = t.clone();
    for line in two_pass.lines.iter().filter(|l| !l.starts_with('#')) {
        replayed.push_text(line).unwrap();
    }
    let mut one_pass = Plan::recording(t);
    reshard(
        &mut one_pass,
        Sources::Nodes(vec![NodeIdx(0)]),
        NodeIdx(1),
        40,
    )
    .unwrap();
    assert!(
        one_pass.lines.is_empty(),
        "a recording plan's lines are its steps"
    );
    let recorded = one_pass.into_timeline().unwrap();
    let labels: Vec<&str> = recorded.steps()[1..]
        .iter()
        .map(|s| s.label.as_str())
        .collect();
    let planned: Vec<&str> = two_pass
        .lines
        .iter()
        .map(String::as_str)
        .filter(|l| !l.starts_with('#'))
        .collect();
    assert_eq!(labels, planned);
    assert_eq!(recorded.len(), replayed.len());
    let migrates = recorded
        .steps()
        .iter()
        .filter(|s| s.label.contains("MIGRATE"))
        .count();
    assert_eq!(
        migrates, 9,
        "three batches for each of the three slots with keys"
    );
    for (i, (a, b)) in recorded.steps().iter().zip(replayed.steps()).enumerate() {
        assert_eq!(a.label, b.label);
        assert_eq!(a.reply, b.reply);
        assert_eq!(recorded.narration(i), replayed.narration(i));
        assert_eq!(a.cluster, b.cluster);
    }
}
