//! The million-key starting state and the plan built on it, shared by the `scale` bench and
//! the `step_memory` example.
// Benchmarks and examples go into no bundle: it may sort and unwrap (the rules in /clippy.toml).
#![allow(clippy::disallowed_methods)]

use slotscope_model::planner::add_node::add_node;
use slotscope_model::planner::rebalance::{rebalance, RebalanceOptions};
use slotscope_model::planner::Plan;
use slotscope_model::{Cluster, NodeIdx, Slot, Timeline};

pub const KEYS: usize = 1_000_000;

/// A 3-master cluster holding 1,000,000 keys spread over every slot, plus an empty D.
pub fn loaded_cluster() -> Cluster {
    let nodes: Vec<(String, String)> = ["A", "B", "C", "D"]
        .iter()
        .enumerate()
        .map(|(i, n)| (n.to_string(), format!("127.0.0.1:{}", 7001 + i)))
        .collect();
    let mut c = Cluster::create_with_outsiders(&nodes, &["D".to_string()]).expect("a cluster");
    let tags = slotscope_model::slot::tags();
    for i in 0..KEYS {
        let slot = i % slotscope_model::slot::SLOT_COUNT;
        let key = format!(
            "{{{}}}:{}",
            tags[slot],
            i / slotscope_model::slot::SLOT_COUNT
        );
        let owner = c
            .node(NodeIdx(0))
            .view
            .owner(Slot::new(slot as u16).expect("in range"));
        c.seed_key(owner.expect("every slot is owned"), key.as_bytes(), b"v");
    }
    c
}

/// Plans add-node + rebalance, recording each planned line as a timeline step as it goes.
pub fn plan_and_build(start: &Cluster) -> Timeline {
    let timeline = Timeline::from_start(start.clone(), vec!["cluster A B C +D".into()]);
    let mut plan = Plan::recording(timeline);
    add_node(&mut plan, NodeIdx(3), NodeIdx(0)).expect("add-node");
    let opts = RebalanceOptions {
        use_empty_masters: true,
        ..Default::default()
    };
    rebalance(&mut plan, &opts).expect("rebalance");
    plan.into_timeline().expect("a recording plan")
}
