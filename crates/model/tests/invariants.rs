//! Property tests: random sequences of valid and invalid commands never panic, converged
//! views give every slot one owner, and keys only vanish or appear where real Redis would
//! make them (and then an event says so).
// Test code goes into no bundle: it may sort and unwrap (the rules in /clippy.toml).
#![allow(clippy::disallowed_methods)]

use proptest::prelude::*;
use slotscope_model::event::Event;
use slotscope_model::{Cluster, NodeIdx, Reply};
use std::collections::BTreeSet;

const KEYS: &[&str] = &["key1", "{key1}:b", "{key1}:c", "foo", "{foo}:x", "bar", "x"];
const SLOTS: &[&str] = &["9189", "12182", "5061", "16383", "abc", "-1", "16384"];
const ACTIONS: &[&str] = &["IMPORTING", "MIGRATING", "NODE", "STABLE", "BOGUS"];

/// One random step: a command on a node's connection, or a `wait`.
#[derive(Clone, Debug)]
enum Op {
    Command(u8, Vec<String>),
    Wait,
}

fn node_ref(ids: &[String], i: usize) -> String {
    // Mostly real ids, sometimes junk, so both paths run.
    ids.get(i).cloned().unwrap_or_else(|| "deadbeef".into())
}

fn command(ids: Vec<String>) -> impl Strategy<Value = Vec<String>> {
    let key = prop::sample::select(KEYS).prop_map(String::from);
    let slot = prop::sample::select(SLOTS).prop_map(String::from);
    let action = prop::sample::select(ACTIONS).prop_map(String::from);
    let ids2 = ids.clone();
    prop_oneof![
        (slot.clone(), action, 0..4usize).prop_map(move |(s, a, n)| {
            let mut v = vec!["CLUSTER".into(), "SETSLOT".into(), s, a.clone()];
            if a != "STABLE" {
                v.push(node_ref(&ids, n));
            }
            v
        }),
        (
            0..3usize,
            prop::collection::vec(key.clone(), 1..4),
            any::<bool>(),
            any::<bool>()
        )
            .prop_map(move |(t, keys, copy, replace)| {
                let port = ["7001", "7002", "7003"][t].to_string();
                let mut v = vec![
                    "MIGRATE".into(),
                    "127.0.0.1".into(),
                    port,
                    String::new(),
                    "0".into(),
                    "5000".into(),
                ];
                if copy {
                    v.push("COPY".into());
                }
                if replace {
                    v.push("REPLACE".into());
                }
                v.push("KEYS".into());
                v.extend(keys);
                v
            }),
        key.clone().prop_map(|k| vec!["GET".into(), k]),
        (key.clone(), "[a-z]{0,3}").prop_map(|(k, v)| vec!["SET".into(), k, v]),
        prop::collection::vec(key.clone(), 1..4).prop_map(|ks| {
            let mut v = vec!["DEL".to_string()];
            v.extend(ks);
            v
        }),
        prop::collection::vec(key.clone(), 1..4).prop_map(|ks| {
            let mut v = vec!["MGET".to_string()];
            v.extend(ks);
            v
        }),
        Just(vec!["ASKING".to_string()]),
        slot.prop_map(|s| vec!["CLUSTER".into(), "GETKEYSINSLOT".into(), s, "10".into()]),
        (key, 0..3usize).prop_map(move |(k, n)| vec![
            "CLUSTER".into(),
            "SETSLOT".into(),
            "9189".into(),
            "NODE".into(),
            node_ref(&ids2, n),
            k
        ]),
        prop::collection::vec("[ -~]{0,8}", 0..5),
    ]
}

fn ops(ids: Vec<String>) -> impl Strategy<Value = Vec<Op>> {
    let op = prop_oneof![
        8 => (0..3u8, command(ids)).prop_map(|(n, c)| Op::Command(n, c)),
        1 => Just(Op::Wait),
    ];
    prop::collection::vec(op, 1..40)
}

fn fresh() -> Cluster {
    let nodes: Vec<(String, String)> = ["A", "B", "C"]
        .iter()
        .enumerate()
        .map(|(i, n)| (n.to_string(), format!("127.0.0.1:{}", 7001 + i)))
        .collect();
    Cluster::create(&nodes).unwrap()
}

fn placement(c: &Cluster) -> BTreeSet<(u8, Vec<u8>)> {
    c.all_keys()
        .into_iter()
        .map(|(n, k)| (n.0, k.to_vec()))
        .collect()
}

/// Every key that left or joined a node must be explained by the command or an event.
fn check_keys(
    before: &Cluster,
    after: &Cluster,
    served_on: Option<(u8, &[String])>,
    events: &[Event],
) -> Result<(), String> {
    let (b, a) = (placement(before), placement(after));
    let explained_by_command = |node: u8, key: &[u8]| {
        served_on
            .is_some_and(|(n, argv)| n == node && argv.iter().skip(1).any(|x| x.as_bytes() == key))
    };
    for (node, key) in b.difference(&a) {
        let ok = explained_by_command(*node, key)
            || events.iter().any(|e| match e {
                Event::KeyMoved { from, key: k, .. } => from.0 == *node && &k[..] == key.as_slice(),
                Event::KeysLost { node: n, keys, .. } => {
                    n.0 == *node && keys.iter().any(|k| &k[..] == key.as_slice())
                }
                _ => false,
            });
        if !ok {
            return Err(format!(
                "key {:?} vanished from node {node} unexplained",
                String::from_utf8_lossy(key)
            ));
        }
    }
    for (node, key) in a.difference(&b) {
        let ok = explained_by_command(*node, key)
            || events.iter().any(|e| match e {
                Event::KeyMoved { to, key: k, .. } | Event::KeyCopied { to, key: k, .. } => {
                    to.0 == *node && &k[..] == key.as_slice()
                }
                _ => false,
            });
        if !ok {
            return Err(format!(
                "key {:?} appeared on node {node} unexplained",
                String::from_utf8_lossy(key)
            ));
        }
    }
    Ok(())
}

fn ids() -> Vec<String> {
    fresh().ids().iter().map(|i| i.to_string()).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn random_commands_keep_the_invariants(ops in ops(ids())) {
        let mut cluster = fresh();
        for op in ops {
            let before = cluster.clone();
            match op {
                Op::Command(n, words) => {
                    let argv: Vec<Vec<u8>> = words.iter().map(|w| w.as_bytes().to_vec()).collect();
                    let conn = cluster.script_conn(NodeIdx(n));
                    let out = cluster.execute(conn, &argv);
                    // A served keyed command may change its own keys on its node; a redirect changes nothing.
                    let served = (!matches!(out.reply, Reply::Moved { .. } | Reply::Ask { .. })).then_some((n, words.as_slice()));
                    let is_migrate = words.first().is_some_and(|w| w.eq_ignore_ascii_case("migrate"));
                    let served = if is_migrate { None } else { served };
                    if let Err(e) = check_keys(&before, &cluster, served, &out.events) {
                        return Err(TestCaseError::fail(format!("{e} after {words:?} on {n}: {:?}", out.reply)));
                    }
                    if out.reply.is_error() {
                        // An error reply changes nothing (MIGRATE's partial moves and SETSLOT's
                        // checks excepted: MIGRATE reports what moved as events).
                        if !is_migrate {
                            prop_assert!(before.nodes() == cluster.nodes(), "{words:?} failed but changed state");
                        }
                    }
                }
                Op::Wait => {
                    let report = cluster.wait(10);
                    check_keys(&before, &cluster, None, &report.events).map_err(TestCaseError::fail)?;
                    if report.agreed {
                        let view = &cluster.nodes()[0].view;
                        for owner in view.owners() {
                            prop_assert!(owner.is_some(), "a slot has no owner in a converged view");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(args in prop::collection::vec(prop::collection::vec(any::<u8>(), 0..12), 0..8), n in 0..3u8) {
        let mut cluster = fresh();
        let before = cluster.clone();
        let conn = cluster.script_conn(NodeIdx(n));
        let out = cluster.execute(conn, &args);
        // Bad input gets an error and changes nothing.
        if out.reply.is_error() {
            prop_assert!(before.nodes() == cluster.nodes(), "{args:?} failed but changed state");
        }
        prop_assert!(!out.reply.to_transcript().is_empty());
    }
}
