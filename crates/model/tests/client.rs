//! The smart client: for every redirection case, its hops are exactly what the nodes answer
//! when the same commands are typed at them one by one; and the console survives any bytes.
// Test code goes into no bundle: it may sort and unwrap (the rules in /clippy.toml).
#![allow(clippy::disallowed_methods)]

use proptest::prelude::*;
use slotscope_model::console::{self, Outcome};
use slotscope_model::script;
use slotscope_model::{Reply, Timeline};

const SETUP: &str = "cluster A B C
A> SET key1{page270} v1
A> SET key2{page270} v2
";

/// The client's trace of the last line of `prefix + request`.
fn trace_of(prefix: &str, request: &str) -> slotscope_model::client::Trace {
    let t = Timeline::from_script(&format!("{prefix}client> {request}\n")).unwrap();
    *t.steps().last().unwrap().trace.clone().unwrap()
}

/// Replays `prefix`, then each hop typed at its node, and checks every reply is the hop's.
fn hops_match_the_nodes(prefix: &str, request: &str) -> slotscope_model::client::Trace {
    let trace = trace_of(prefix, request);
    let mut text = prefix.to_string();
    for hop in &trace.hops {
        text.push_str(&format!(
            "{}> {}
",
            hop.name,
            hop.command()
        ));
    }
    let t = Timeline::from_script(&text).unwrap();
    let typed = &t.steps()[t.len() - trace.hops.len()..];
    for (hop, step) in trace.hops.iter().zip(typed) {
        assert_eq!(Some(&hop.reply), step.reply.as_ref(), "{}", step.label);
    }
    trace
}

fn names(trace: &slotscope_model::client::Trace) -> Vec<String> {
    trace
        .hops
        .iter()
        .map(|h| {
            format!(
                "{} {}",
                h.name,
                String::from_utf8_lossy(&h.argv[0]).to_uppercase()
            )
        })
        .collect()
}

#[test]
fn served_where_the_map_says() {
    let t = hops_match_the_nodes(SETUP, "GET key1{page270}");
    assert_eq!(names(&t), ["A GET"]);
    assert_eq!(t.reply, Reply::bulk("v1"));
    assert_eq!((t.moved, t.ask, t.tryagain), (0, 0, 0));
}

#[test]
fn moved_updates_the_map_and_retries() {
    // The client learns the map first; then the slot moves and everyone agrees.
    let prefix = format!(
        "{SETUP}client> GET key1{{page270}}
B> CLUSTER SETSLOT 1234 IMPORTING $A
A> CLUSTER SETSLOT 1234 MIGRATING $B
A> MIGRATE 127.0.0.1 7002 \"\" 0 5000 KEYS key1{{page270}} key2{{page270}}
B> CLUSTER SETSLOT 1234 NODE $B
A> CLUSTER SETSLOT 1234 NODE $B
C> CLUSTER SETSLOT 1234 NODE $B
wait
"
    );
    let t = hops_match_the_nodes(&prefix, "GET key1{page270}");
    assert_eq!(names(&t), ["A GET", "B GET"]);
    assert_eq!((t.moved, t.ask), (1, 0));
    assert_eq!(t.reply, Reply::bulk("v1"));
    // The map changed: the next request goes straight to B.
    let after = Timeline::from_script(&format!(
        "{prefix}client> GET key1{{page270}}\nclient> GET key2{{page270}}\n"
    ))
    .unwrap();
    assert_eq!(
        names(after.steps().last().unwrap().trace.as_ref().unwrap()),
        ["B GET"]
    );
}

#[test]
fn ask_sends_asking_once_and_keeps_the_map() {
    let prefix = format!(
        "{SETUP}B> CLUSTER SETSLOT 1234 IMPORTING $A
A> CLUSTER SETSLOT 1234 MIGRATING $B
A> MIGRATE 127.0.0.1 7002 \"\" 0 5000 KEYS key1{{page270}}
"
    );
    let t = hops_match_the_nodes(&prefix, "GET key1{page270}");
    assert_eq!(names(&t), ["A GET", "B ASKING", "B GET"]);
    assert_eq!((t.moved, t.ask), (0, 1));
    assert_eq!(t.reply, Reply::bulk("v1"));
    let again = Timeline::from_script(&format!(
        "{prefix}client> GET key1{{page270}}\nclient> GET key2{{page270}}\n"
    ))
    .unwrap();
    assert_eq!(
        names(again.steps().last().unwrap().trace.as_ref().unwrap()),
        ["A GET"]
    );
}

#[test]
fn tryagain_retries_then_gives_up_after_16() {
    let prefix = format!(
        "{SETUP}B> CLUSTER SETSLOT 1234 IMPORTING $A
A> CLUSTER SETSLOT 1234 MIGRATING $B
A> MIGRATE 127.0.0.1 7002 \"\" 0 5000 KEYS key1{{page270}}
"
    );
    let t = hops_match_the_nodes(&prefix, "MGET key1{page270} key2{page270}");
    assert_eq!(t.tryagain, 17);
    assert_eq!(t.hops.len(), 17);
    assert!(t
        .reply
        .error_text()
        .unwrap()
        .contains("gave up after 16 redirections"));
}

#[test]
fn without_importing_ask_and_moved_ping_pong_until_the_cap() {
    let prefix = format!("{SETUP}A> CLUSTER SETSLOT 1234 MIGRATING $B\n");
    let t = hops_match_the_nodes(&prefix, "SET key3{page270} x");
    let first: Vec<String> = names(&t).into_iter().take(4).collect();
    assert_eq!(first, ["A SET", "B ASKING", "B SET", "A SET"]);
    assert_eq!(t.ask + t.moved, 17);
    assert!(t.reply.error_text().unwrap().contains("gave up"));
}

#[test]
fn errors_that_are_not_redirections_come_straight_back() {
    let t = hops_match_the_nodes(SETUP, "MGET key1{page270} other");
    assert_eq!(t.hops.len(), 1);
    assert!(t.reply.error_text().unwrap().starts_with("CROSSSLOT"));
    let t = hops_match_the_nodes(SETUP, "PING");
    assert_eq!(names(&t), ["A PING"]);
}

#[test]
fn background_traffic_reads_the_moving_slot() {
    let text = (slotscope_model::scenario::by_id("walkthrough")
        .unwrap()
        .script)();
    let plain = Timeline::from_script(&text).unwrap();
    let busy = slotscope_model::traffic::with_traffic(&text, 1).unwrap();
    assert!(slotscope_model::traffic::requests(&busy) >= plain.len() - 1);
    let counts = slotscope_model::client::redirect_counts(&busy);
    let [moved, ask, _] = *counts.last().unwrap();
    assert!(ask >= 1 && moved >= 1, "{counts:?}");
    // The script's own steps still run as written, in order.
    let own: Vec<&str> = busy
        .steps()
        .iter()
        .map(|s| s.label.as_str())
        .filter(|l| !l.starts_with("client>"))
        .collect();
    let want: Vec<&str> = plain.steps().iter().map(|s| s.label.as_str()).collect();
    assert_eq!(own, want);
    // And it exports as a script that replays.
    assert!(script::replay(&busy.to_script()).is_ok());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    /// Random bytes typed at any node, at any step, never panic; a failure changes nothing.
    #[test]
    fn console_survives_any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..200), at in 0usize..8, target in 0usize..5) {
        let t = Timeline::from_script(&(slotscope_model::scenario::by_id("walkthrough").unwrap().script)()).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        let who = ["A", "B", "C", "client", "Z"][target];
        match console::run(&t, at, who, &text) {
            Ok(Outcome::Forked(f)) => prop_assert_eq!(f.len(), at.min(t.len() - 1) + 2),
            Ok(Outcome::Text(_)) | Err(_) => {}
        }
    }
}

#[test]
fn a_new_request_rate_keeps_the_script_step() {
    use slotscope_model::traffic::{same_step, with_traffic_marked};
    let text = (slotscope_model::scenario::by_id("walkthrough")
        .unwrap()
        .script)();
    let rates = [0, 4, 2, 1];
    let built: Vec<_> = rates
        .iter()
        .map(|&r| with_traffic_marked(&text, r).unwrap())
        .collect();
    for (t, added) in &built {
        // The marked steps are exactly the added requests.
        let requests: Vec<usize> = (0..t.len())
            .filter(|i| t.steps()[*i].label.starts_with("client> GET"))
            .collect();
        assert_eq!(added, &requests);
    }
    assert!(built[0].1.is_empty() && built[3].1.len() >= 7);
    // From every step under every rate to every other rate: the same script step, or for an
    // added request the script step before it.
    let script_step = |(t, added): &(Timeline, Vec<usize>), i: usize| {
        let own = (0..=i).rev().find(|j| !added.contains(j)).unwrap();
        t.steps()[own].label.clone()
    };
    for from in &built {
        for to in &built {
            for cursor in 0..from.0.len() {
                let mapped = same_step(cursor, &from.1, &to.1);
                assert!(mapped < to.0.len());
                assert!(!to.1.contains(&mapped));
                assert_eq!(script_step(to, mapped), script_step(from, cursor));
            }
        }
    }
}
