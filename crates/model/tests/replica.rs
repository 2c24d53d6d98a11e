//! A master that gives away its last slot turns into a replica of the new owner
//! (`cluster-allow-replica-migration yes`), and then refuses SETSLOT.
// Test code goes into no bundle: it may sort and unwrap (the rules in /clippy.toml).
#![allow(clippy::disallowed_methods)]

use slotscope_model::args::split_args;
use slotscope_model::event::Event;
use slotscope_model::{Cluster, NodeIdx};

fn run(c: &mut Cluster, node: u8, line: &str) -> String {
    let argv = split_args(line).unwrap();
    let conn = c.script_conn(NodeIdx(node));
    c.execute(conn, &argv).reply.to_transcript()
}

#[test]
fn giving_away_the_last_slot_makes_a_replica() {
    let nodes = vec![
        ("A".to_string(), "127.0.0.1:7001".to_string()),
        ("B".to_string(), "127.0.0.1:7002".to_string()),
    ];
    let mut c = Cluster::create(&nodes).unwrap();
    let a = c.id_of(NodeIdx(0)).to_string();
    let b_slots = c.node(NodeIdx(1)).view.slots_of(NodeIdx(1));
    let (last, rest) = b_slots.split_last().unwrap();
    for s in rest {
        assert_eq!(
            run(&mut c, 1, &format!("CLUSTER SETSLOT {s} NODE {a}")),
            "+OK"
        );
    }
    assert!(c.node(NodeIdx(1)).is_master());
    let conn = c.script_conn(NodeIdx(1));
    let out = c.execute(
        conn,
        &conn_argv(&format!("CLUSTER SETSLOT {last} NODE {a}")),
    );
    assert_eq!(out.reply.to_transcript(), "+OK");
    assert!(out.events.iter().any(|e| matches!(
        e,
        Event::BecameReplica {
            node: NodeIdx(1),
            of: NodeIdx(0)
        }
    )));
    assert!(!c.node(NodeIdx(1)).is_master());
    assert_eq!(
        run(&mut c, 1, &format!("CLUSTER SETSLOT {last} NODE {a}")),
        "-ERR Please use SETSLOT only with masters."
    );
    let nodes_text = run(&mut c, 1, "CLUSTER NODES");
    assert!(
        nodes_text.contains(&format!("myself,slave {a}")),
        "{nodes_text}"
    );
    // Gossip tells A; A then refuses B as a migration target.
    c.wait(10);
    let b = c.id_of(NodeIdx(1)).to_string();
    assert_eq!(
        run(&mut c, 0, &format!("CLUSTER SETSLOT 0 MIGRATING {b}")),
        "-ERR Target node is not a master"
    );
}

fn conn_argv(line: &str) -> Vec<Vec<u8>> {
    split_args(line).unwrap()
}
