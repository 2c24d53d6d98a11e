//! `slotscope plan reshard` must issue the same commands, node for node, as real
//! `redis-cli --cluster reshard` with the same arguments. The slow log (with a threshold of
//! 0 µs) on every node records what redis-cli sent it, CLUSTER SETSLOT included (MONITOR
//! hides admin commands); each node's sequence must match the plan's lines for that node.

mod common;

use common::{Conn, RealCluster};
use slotscope_model::args::split_args;
use slotscope_model::planner::reshard::{reshard, Sources};
use slotscope_model::planner::Plan;
use slotscope_model::scenario::fill_slots;
use slotscope_model::script::{self, LineKind};
use slotscope_model::{NodeIdx, Reply, Timeline};
use std::process::{Command, Stdio};

/// The commands a node's slow log holds, oldest first.
fn slowlog(conn: &mut Conn) -> Vec<Vec<String>> {
    let Reply::Array(entries) = conn.cmd(&["SLOWLOG", "GET", "-1"]) else {
        panic!("SLOWLOG GET failed");
    };
    let mut out: Vec<Vec<String>> = entries
        .iter()
        .filter_map(|e| match e {
            Reply::Array(fields) => match fields.get(3) {
                Some(Reply::Array(args)) => Some(
                    args.iter()
                        .map(|a| match a {
                            Reply::Bulk(b) => String::from_utf8_lossy(b).into_owned(),
                            other => other.to_transcript(),
                        })
                        .collect(),
                ),
                _ => None,
            },
            _ => None,
        })
        .collect();
    out.reverse();
    out
}

/// Command names and SETSLOT actions are case-insensitive (redis-cli sends `migrating`).
fn keywords_upper(mut args: Vec<String>) -> Vec<String> {
    let setslot = args
        .get(1)
        .is_some_and(|a| a.eq_ignore_ascii_case("setslot"));
    for (i, a) in args.iter_mut().enumerate() {
        if i < 2 || (setslot && i == 3) {
            *a = a.to_uppercase();
        }
    }
    args
}

fn interesting(args: &[String]) -> bool {
    let up: Vec<String> = args.iter().take(2).map(|a| a.to_uppercase()).collect();
    matches!(up.first().map(String::as_str), Some("MIGRATE"))
        || (up.first().map(String::as_str) == Some("CLUSTER")
            && matches!(
                up.get(1).map(String::as_str),
                Some("SETSLOT" | "GETKEYSINSLOT")
            ))
}

#[test]
fn plan_reshard_matches_redis_cli() {
    common::require_redis();
    let names = ["A", "B", "C"];
    let addrs: Vec<String> = (0..3).map(|i| format!("127.0.0.1:{}", 7201 + i)).collect();
    let cluster_line = format!(
        "cluster {}",
        names
            .iter()
            .zip(&addrs)
            .map(|(n, a)| format!("{n}={a}"))
            .collect::<Vec<_>>()
            .join(" ")
    );
    // Keys in A's first slots, some slots with more than one GETKEYSINSLOT batch.
    let mut prelude = format!("{cluster_line}\n{}", fill_slots("A", 0..6, 3));
    prelude.push_str(&fill_slots("A", 6..8, 12));
    prelude.push_str("start\n");

    // The model's plan.
    let timeline = Timeline::from_script(&prelude).unwrap();
    let mut plan = Plan::new(timeline.steps()[0].cluster.clone());
    reshard(&mut plan, Sources::Nodes(vec![NodeIdx(0)]), NodeIdx(1), 10).unwrap();
    let planned: Vec<String> = plan
        .lines
        .iter()
        .filter(|l| !l.starts_with('#'))
        .cloned()
        .collect();

    // The real cluster, in the same starting state.
    let real = RealCluster::start(&addrs);
    let parsed = script::parse(&prelude).unwrap();
    let mut conns: Vec<Conn> = addrs.iter().map(|a| Conn::open(a)).collect();
    for line in &parsed.lines {
        if let LineKind::Command { node, argv } = &line.kind {
            let i = names.iter().position(|n| n == node).unwrap();
            assert_eq!(conns[i].call(argv), Reply::ok(), "{}", line.text);
        }
    }
    for c in &mut conns {
        assert_eq!(
            c.cmd(&["CONFIG", "SET", "slowlog-max-len", "100000"]),
            Reply::ok()
        );
        assert_eq!(
            c.cmd(&["CONFIG", "SET", "slowlog-log-slower-than", "0"]),
            Reply::ok()
        );
        assert_eq!(c.cmd(&["SLOWLOG", "RESET"]), Reply::ok());
    }
    let status = Command::new("redis-cli")
        .args(["--cluster", "reshard", &addrs[0]])
        .args(["--cluster-from", &real.ids[0], "--cluster-to", &real.ids[1]])
        .args(["--cluster-slots", "10", "--cluster-yes"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "redis-cli --cluster reshard failed");
    let name_ids = |arg: &str| {
        real.ids
            .iter()
            .zip(names)
            .fold(arg.to_string(), |a, (id, n)| {
                a.replace(id.as_str(), &format!("${n}"))
            })
    };
    let mut compared = 0;
    for (i, name) in names.iter().enumerate() {
        let actual: Vec<Vec<String>> = slowlog(&mut conns[i])
            .into_iter()
            .filter(|args| interesting(args))
            .map(|args| keywords_upper(args.iter().map(|a| name_ids(a)).collect()))
            .collect();
        let expected: Vec<Vec<String>> = planned
            .iter()
            .filter_map(|l| l.strip_prefix(&format!("{name}> ")))
            .map(|cmd| {
                keywords_upper(
                    split_args(cmd)
                        .unwrap()
                        .into_iter()
                        .map(|a| String::from_utf8_lossy(&a).into_owned())
                        .collect(),
                )
            })
            .collect();
        for (k, (a, e)) in actual.iter().zip(&expected).enumerate() {
            assert_eq!(a, e, "command {k} on {name} differs");
        }
        assert_eq!(
            actual.len(),
            expected.len(),
            "{name} got a different number of commands"
        );
        compared += actual.len();
    }
    eprintln!(
        "redis-cli reshard: {compared} commands compared node by node, all equal to the plan"
    );
    assert!(compared > 60);
}
