//! Timeline properties over every built-in scenario: seeking (indexing the steps, as the
//! app's player does) equals replaying, and forking never alters the original timeline.
// Test code goes into no bundle: it may sort and unwrap (the rules in /clippy.toml).
#![allow(clippy::disallowed_methods)]

use proptest::prelude::*;
use slotscope_model::scenario::SCENARIOS;
use slotscope_model::script::{self, Replayer};
use slotscope_model::tables::{execution_table, variable_tracker, variable_tracker_window};
use slotscope_model::{Cluster, Timeline};
use std::sync::OnceLock;

fn timelines() -> &'static Vec<(String, String, Timeline)> {
    static T: OnceLock<Vec<(String, String, Timeline)>> = OnceLock::new();
    T.get_or_init(|| {
        SCENARIOS
            .iter()
            .map(|s| {
                let text = (s.script)();
                let t = Timeline::from_script(&text).unwrap();
                (s.id.to_string(), text, t)
            })
            .collect()
    })
}

/// Replays a script from scratch up to its `n`-th step (step 0 = after the prelude).
fn replay_to(text: &str, n: usize) -> Cluster {
    let parsed = script::parse(text).unwrap();
    let mut r = Replayer::new(&parsed).unwrap();
    let start_at = parsed
        .lines
        .iter()
        .find(|l| l.kind == script::LineKind::Start)
        .map_or(0, |l| l.number);
    let mut steps = 0;
    for line in &parsed.lines {
        let is_step = line.number > start_at
            && !matches!(
                line.kind,
                script::LineKind::Comment | script::LineKind::Start
            );
        if is_step {
            if steps == n {
                break;
            }
            steps += 1;
        }
        r.run(line);
    }
    r.cluster
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn seek_equals_replay(which in 0..SCENARIOS.len(), frac in 0.0f64..=1.0) {
        let (id, text, t) = &timelines()[which];
        let i = ((t.len() - 1) as f64 * frac) as usize;
        let seeked = t.steps()[i].cluster.clone();
        let replayed = replay_to(text, i);
        prop_assert!(seeked.nodes() == replayed.nodes(), "{id}: step {i} differs from a replay");
    }

    #[test]
    fn fork_leaves_the_original_alone(which in 0..SCENARIOS.len(), frac in 0.0f64..=1.0) {
        let (id, _, t) = &timelines()[which];
        let at = ((t.len() - 1) as f64 * frac) as usize;
        let original_labels: Vec<String> = t.steps().iter().map(|s| s.label.clone()).collect();
        let original_last = t.steps().last().unwrap().cluster.clone();
        let forked = t.fork_lines(at, &["B> SET forked yes".to_string()]).unwrap();
        prop_assert_eq!(forked.len(), at + 2);
        prop_assert_eq!(forked.cursor(), at + 1);
        let labels: Vec<String> = t.steps().iter().map(|s| s.label.clone()).collect();
        prop_assert_eq!(labels, original_labels, "{}", id);
        prop_assert!(t.steps().last().unwrap().cluster == original_last);
        prop_assert!(forked.fork_lines(at, &["B> GET \"unbalanced".to_string()]).is_err());
        prop_assert_eq!(forked.len(), at + 2, "a bad fork changes nothing");
    }
}

#[test]
fn tables_have_one_row_and_one_column_per_step() {
    for (id, _, t) in timelines() {
        let rows = execution_table(t);
        assert_eq!(rows.len(), t.len(), "{id}");
        for r in variable_tracker(t) {
            assert_eq!(r.cells.len(), t.len(), "{id}: {}", r.variable);
        }
    }
}

#[test]
fn walkthrough_table_matches_the_material() {
    let t = &timelines()[0].2;
    let rows = execution_table(t);
    let states: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r.source_state.as_str(), r.target_state.as_str()))
        .collect();
    assert_eq!(
        &states[..5],
        &[
            ("owned", "not owned"),
            ("owned", "IMPORTING from A"),
            ("MIGRATING to B", "IMPORTING from A"),
            ("MIGRATING to B", "IMPORTING from A"),
            ("MIGRATING to B", "owned"),
        ]
    );
    assert_eq!(rows[3].keys_migrated, "key1{page270}, key2{page270}");
    let tracker = variable_tracker(t);
    assert!(tracker[0].variable.contains("on A (source)"));
    assert!(tracker[0].cells[2].changed && !tracker[0].cells[3].changed);
}

#[test]
fn export_round_trips() {
    for (id, _, t) in timelines() {
        let again = Timeline::from_script(&t.to_script()).unwrap();
        assert_eq!(again.len(), t.len(), "{id}");
        assert!(
            again.steps().last().unwrap().cluster == t.steps().last().unwrap().cluster,
            "{id}"
        );
    }
}

/// A step keeps only its label; `Step::argv` splits and expands it again. Run on the step
/// before, those arguments must give the step's own reply, in every scenario, and the
/// narration made from the two snapshots must say something.
#[test]
fn a_steps_arguments_rerun_to_its_reply() {
    for (id, _, t) in timelines() {
        let mut checked = 0;
        for (i, step) in t.steps().iter().enumerate().skip(1) {
            let (Some(node), None) = (step.node, &step.trace) else {
                continue;
            };
            let mut before = t.steps()[i - 1].cluster.clone();
            let conn = before.script_conn(node);
            let reply = before.execute(conn, &step.argv()).reply;
            assert_eq!(Some(reply), step.reply, "{id}: step {i} `{}`", step.label);
            assert!(
                t.narration(i).len() > 20,
                "{id}: step {i} has a narration made from its snapshots"
            );
            checked += 1;
        }
        assert!(checked > 0, "{id} has command steps");
    }
}

/// The quiz keys answers by the timeline's fingerprint: the same script gives the same one,
/// and two scripts of the same length (differing before `start`, or in one step) differ.
#[test]
fn fingerprints_tell_scripts_of_the_same_length_apart() {
    let t = |s: &str| Timeline::from_script(s).unwrap();
    let a = t("cluster A B C\nA> SET k1 v\nstart\nA> GET k1\n");
    let b = t("cluster A B C\nA> SET k2 v\nstart\nA> GET k1\n");
    let c = t("cluster A B C\nA> SET k1 v\nstart\nA> GET k2\n");
    assert_eq!(a.len(), b.len());
    assert_eq!(a.len(), c.len());
    assert_eq!(a.fingerprint(), t(&a.to_script()).fingerprint());
    assert_ne!(a.fingerprint(), b.fingerprint());
    assert_ne!(a.fingerprint(), c.fingerprint());
}

/// A window of the tracker is that slice of the whole tracker, `changed` marks included (the
/// first column is compared with the step before the window).
#[test]
fn a_tracker_window_is_a_slice_of_the_tracker() {
    for (id, _, t) in timelines().iter().take(4) {
        let whole = variable_tracker(t);
        let len = t.len();
        for start in [0, 1, len / 2, len.saturating_sub(3)] {
            let end = (start + 7).min(len);
            let window = variable_tracker_window(t, start..end);
            assert_eq!(window.len(), whole.len(), "{id}");
            for (w, r) in window.iter().zip(&whole) {
                assert_eq!(w.variable, r.variable);
                assert_eq!(w.cells, r.cells[start..end], "{id} {start}..{end}");
            }
        }
        assert!(variable_tracker_window(t, len..len + 5)[0].cells.is_empty());
    }
}

/// A slot with thousands of keys: a tracker cell names the first ten in order and counts the
/// rest, and costs the same whatever the timeline's length.
#[test]
fn a_tracker_cell_names_ten_keys_and_counts_the_rest() {
    let mut script = String::from("cluster A B C\n");
    for i in (0..2000).rev() {
        script.push_str(&format!("A> SET k{i:04}{{page270}} v\n"));
    }
    script.push_str("start\nB> CLUSTER SETSLOT 1234 IMPORTING $A\n");
    script.push_str(&"wait\n".repeat(3000));
    let t = Timeline::from_script(&script).unwrap();
    let rows = variable_tracker_window(&t, 1500..1507);
    let keys = rows
        .iter()
        .find(|r| r.variable.starts_with("Keys of slot"))
        .unwrap();
    assert_eq!(keys.cells.len(), 7);
    assert_eq!(
        keys.cells[0].value,
        "k0000{page270}, k0001{page270}, k0002{page270}, k0003{page270}, k0004{page270}, \
         k0005{page270}, k0006{page270}, k0007{page270}, k0008{page270}, k0009{page270} \
         and 1990 more (2000 keys)"
    );
}

/// A value that grows at every step is copied whole into every snapshot: the timeline's byte
/// budget stops it with a message that names the limit, long before gigabytes (a 384,000-byte
/// value appended to 9,990 times would keep 3.8 GB). Forks count what they keep.
#[test]
fn a_growing_value_meets_the_byte_budget() {
    use slotscope_model::limits::TIMELINE_VALUE_BYTES;
    let big = "x".repeat(384_000);
    let script = format!(
        "cluster A B C\nstart\nA> SET {{page270}}a {big}\n{}",
        "A> APPEND {page270}a x\n".repeat(9_990)
    );
    let err = Timeline::from_script(&script).err().unwrap();
    assert!(err.message.contains("at most 64 MB"), "{}", err.message);
    assert!(err.line < 200, "stopped at line {}", err.line);
    // Within the budget, the same shape builds; a fork near the start has room again.
    let small = format!(
        "cluster A B C\nstart\nA> SET {{page270}}a {big}\n{}",
        "A> APPEND {page270}a x\n".repeat(100)
    );
    let t = Timeline::from_script(&small).unwrap();
    let kept: usize = t.steps()[1..].iter().map(Timeline::kept_bytes).sum();
    assert!(kept > 100 * 384_000 && kept < TIMELINE_VALUE_BYTES);
    let forked = t
        .fork_lines(1, &["A> APPEND {page270}a y".to_string()])
        .unwrap();
    assert_eq!(forked.len(), 3);
}
