//! Fuzzes the script parser and replayer for ten seconds with random text built from
//! script-like fragments and raw bytes: every input gives a transcript or an error that
//! names a line, and nothing panics.

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use slotscope_model::script;
use std::time::{Duration, Instant};

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
fn script_parser_survives_ten_seconds_of_fuzz() {
    let text = prop::collection::vec(fragment(), 0..24).prop_map(|parts| parts.concat());
    let mut runner = TestRunner::deterministic();
    let start = Instant::now();
    let mut inputs = 0u64;
    let mut parsed = 0u64;
    while start.elapsed() < Duration::from_secs(10) {
        let input = text.new_tree(&mut runner).expect("a value").current();
        match script::replay(&input) {
            Ok(t) => {
                parsed += 1;
                assert!(t.lines().count() >= 1);
            }
            Err(e) => assert!(e.line <= input.lines().count(), "{e} for {input:?}"),
        }
        inputs += 1;
    }
    eprintln!("script fuzz: {inputs} inputs in 10 s, {parsed} replayed, the rest refused with a line number");
    assert!(inputs > 100);
}
