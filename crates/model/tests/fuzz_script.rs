//! Fuzzes the script parser and replayer with a fixed number of random texts built from
//! script-like fragments and raw bytes, from proptest's deterministic seed: every input gives
//! a transcript or an error that names a line, and nothing panics. The count, not the
//! machine's speed, sets the coverage; a time cap only stops a run that hangs.
// Test code goes into no bundle: it may sort and unwrap (the rules in /clippy.toml).
#![allow(clippy::disallowed_methods)]

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use slotscope_model::limits::TIMELINE_VALUE_BYTES;
use slotscope_model::script;
use slotscope_model::Timeline;
use std::time::{Duration, Instant};

/// How many inputs run: about 3 s in the dev profile on a two-core machine (4 to 5 s while
/// other tests or builds share it).
const CASES: u64 = 80_000;

/// A safety break, far above the expected time: past it the test fails instead of running on.
const TIME_CAP: Duration = Duration::from_secs(120);

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("cluster A B C\n".to_string()),
        Just("cluster A=127.0.0.1:7101 B=127.0.0.1:7102\n".to_string()),
        Just("wait\n".to_string()),
        Just("start\n".to_string()),
        Just("sleep 10\n".to_string()),
        Just("# comment\n".to_string()),
        Just("A> ".to_string()),
        Just("B> ".to_string()),
        Just("CLUSTER SETSLOT 1234 ".to_string()),
        Just("IMPORTING $A\n".to_string()),
        Just("MIGRATE 127.0.0.1 7002 \"\" 0 5000 KEYS k\n".to_string()),
        Just("APPEND {page270}a xxxxxxxxxxxxxxxx\n".to_string()),
        Just("\"".to_string()),
        Just("'".to_string()),
        Just("\\x4".to_string()),
        Just("$".to_string()),
        Just(">".to_string()),
        Just("=".to_string()),
        Just(":".to_string()),
        "[ -~]{0,12}",
        "\\PC{0,6}",
    ]
}

#[test]
fn script_parser_survives_a_fixed_fuzz_run() {
    let text = prop::collection::vec(fragment(), 0..24).prop_map(|parts| parts.concat());
    let mut runner = TestRunner::deterministic();
    let start = Instant::now();
    let mut parsed = 0u64;
    for case in 0..CASES {
        assert!(
            start.elapsed() < TIME_CAP,
            "script fuzz: only {case} of {CASES} inputs ran in {TIME_CAP:?}; something hangs or \
             crawls"
        );
        let input = text
            .new_tree(&mut runner)
            .unwrap_or_else(|e| panic!("no input: {e}"))
            .current();
        match script::replay(&input) {
            Ok(t) => {
                parsed += 1;
                assert!(t.lines().count() >= 1);
            }
            Err(e) => assert!(e.line <= input.lines().count(), "{e} for {input:?}"),
        }
        // One input in 32 also becomes a timeline, which keeps within its byte budget.
        if case % 32 == 0 {
            if let Ok(t) = Timeline::from_script(&input) {
                let kept: usize = t.steps()[1..].iter().map(Timeline::kept_bytes).sum();
                assert!(kept <= TIMELINE_VALUE_BYTES, "{kept} bytes for {input:?}");
            }
        }
    }
    eprintln!(
        "script fuzz: {CASES} inputs in {:?}, {parsed} replayed, the rest refused with a line number",
        start.elapsed()
    );
    // The fragments must reach the replayer, not only the parser's error paths.
    assert!(parsed > 100, "only {parsed} of {CASES} inputs replayed");
}
