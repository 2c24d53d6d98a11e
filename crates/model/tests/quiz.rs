//! The quiz's generated answers, recomputed another way: by replaying the script up to the
//! step a question asks about, adding the command that answers it, and reading the reply
//! from the transcript, as a learner would with redis-cli.
// Test code goes into no bundle: it may sort and unwrap (the rules in /clippy.toml).
#![allow(clippy::disallowed_methods)]

use proptest::prelude::*;
use slotscope_model::args::quote_arg;
use slotscope_model::quiz::{self, material, Kind, Question, Subject};
use slotscope_model::scenario::{by_id, SCENARIOS};
use slotscope_model::script;
use slotscope_model::Timeline;
use std::collections::HashSet;
use std::sync::OnceLock;

fn timelines() -> &'static Vec<(&'static str, Timeline)> {
    static T: OnceLock<Vec<(&'static str, Timeline)>> = OnceLock::new();
    T.get_or_init(|| {
        SCENARIOS
            .iter()
            .map(|s| (s.id, Timeline::from_script(&(s.script)()).unwrap()))
            .collect()
    })
}

/// The script of `t` up to step `upto`, leaving out step `skip`, then `extra`.
fn script_to(t: &Timeline, upto: usize, skip: Option<usize>, extra: &[String]) -> String {
    let full = t.to_script();
    let (prelude, steps) = full.split_once("\nstart\n").unwrap();
    let mut out = format!("{prelude}\nstart\n");
    for (n, label) in steps.lines().enumerate().map(|(n, l)| (n + 1, l)) {
        if n > upto {
            break;
        }
        if Some(n) != skip {
            out.push_str(label);
            out.push('\n');
        }
    }
    for line in extra {
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The reply to the script's last line, as the transcript prints it.
fn last_reply(text: &str) -> String {
    let transcript = script::replay(text).unwrap();
    let last = text.trim_end().lines().last().unwrap();
    let at = transcript.rfind(&format!("{last}\n")).unwrap() + last.len() + 1;
    transcript[at..]
        .lines()
        .map(|l| l.strip_prefix("  ").unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The node names by id, from a transcript's header (`# A = <id> <addr>`).
fn ids(transcript: &str) -> Vec<(String, String)> {
    transcript
        .lines()
        .filter_map(|l| l.strip_prefix("# "))
        .filter_map(|l| {
            let (name, rest) = l.split_once(" = ")?;
            Some((rest.split(' ').next()?.to_string(), name.to_string()))
        })
        .collect()
}

/// The owner of `slot` in a `CLUSTER NODES` reply, by name.
fn owner_in_nodes(nodes: &str, slot: u16, names: &[(String, String)]) -> String {
    for line in nodes.lines() {
        let line = line.trim().trim_start_matches("| ");
        let fields: Vec<&str> = line.split(' ').collect();
        for range in fields.iter().skip(8).filter(|r| !r.starts_with('[')) {
            let (a, b) = range.split_once('-').unwrap_or((range, range));
            let (a, b): (u16, u16) = (a.parse().unwrap(), b.parse().unwrap());
            if (a..=b).contains(&slot) {
                let id = fields[0];
                return names.iter().find(|(i, _)| i == id).unwrap().1.clone();
            }
        }
    }
    "nobody".into()
}

/// Recomputes the right answer of `q` by replay and checks the options.
fn check(t: &Timeline, q: &Question) {
    assert!(q.options.len() >= 2 && q.options.len() <= 4, "{q:?}");
    let unique: HashSet<&String> = q.options.iter().collect();
    assert_eq!(unique.len(), q.options.len(), "options repeat: {q:?}");
    let right = &q.options[q.answer];
    let name = |n: slotscope_model::NodeIdx| t.names()[n.get()].clone();
    let expected = match &q.subject {
        Subject::Route { step, node, key } => {
            // PING first: it ends any one-shot ASKING the script's own connection still has.
            let n = name(*node);
            let extra = [format!("{n}> PING"), format!("{n}> GET {}", quote_arg(key))];
            last_reply(&script_to(t, *step, None, &extra))
        }
        Subject::KeysOnNode { step, node, slot } => {
            let extra = [format!("{}> CLUSTER COUNTKEYSINSLOT {slot}", name(*node))];
            last_reply(&script_to(t, *step, None, &extra))
                .trim_start_matches("(integer) ")
                .to_string()
        }
        Subject::KeySlot { key } => {
            let text = format!("cluster A B C\nA> CLUSTER KEYSLOT {}\n", quote_arg(key));
            last_reply(&text)
                .trim_start_matches("(integer) ")
                .to_string()
        }
        Subject::ViewOwner { step, node, slot } => {
            let text = script_to(t, *step, None, &[format!("{}> CLUSTER NODES", name(*node))]);
            let names = ids(&script::replay(&text).unwrap());
            owner_in_nodes(&last_reply(&text), slot.get(), &names)
        }
        Subject::SetSlot { step } => {
            // The rule, from the label as written: `<on>> CLUSTER SETSLOT <s> <ACTION> $<named>`.
            let label = &t.steps()[*step].label;
            let (on, rest) = label.split_once("> ").unwrap();
            let named = rest.rsplit(' ').next().unwrap().trim_start_matches('$');
            let upper = rest.to_ascii_uppercase();
            assert!(upper.contains(" MIGRATING ") || upper.contains(" IMPORTING "));
            format!("to {on}, with {named}'s id")
        }
        Subject::NextCommand { step } => {
            let text = script_to(t, step + 1, None, &[]);
            text.trim_end().lines().last().unwrap().to_string()
        }
        Subject::WhatIf { skipped, asked } => {
            let with = last_reply(&script_to(t, *asked, None, &[]));
            let without = last_reply(&script_to(t, *asked, Some(*skipped), &[]));
            assert_ne!(with, without, "the asked step must change: {q:?}");
            without
        }
    };
    assert_eq!(right, &expected, "{q:#?}");
}

#[test]
fn every_kind_on_every_scenario_matches_a_replay() {
    for (id, t) in timelines() {
        let seeds: u64 = if t.len() > 2_000 { 2 } else { 6 };
        let mut asked = HashSet::new();
        for kind in Kind::ALL {
            for seed in 0..seeds {
                if let Some(q) = quiz::ask(kind, t, seed) {
                    assert_eq!(q.kind, kind);
                    check(t, &q);
                    asked.insert(kind);
                }
            }
        }
        // Every scenario supports most kinds; only the SETSLOT and what-if questions need the
        // right commands in it.
        assert!(asked.len() >= 5, "{id}: only {asked:?}");
    }
}

#[test]
fn a_set_covers_six_kinds_and_a_seed_repeats_it() {
    let (_, walkthrough) = &timelines()[0];
    let a = quiz::generate(walkthrough, 42, 7);
    assert_eq!(a, quiz::generate(walkthrough, 42, 7));
    assert_ne!(a, quiz::generate(walkthrough, 43, 7));
    let kinds: HashSet<Kind> = a.iter().map(|q| q.kind).collect();
    assert!(kinds.len() >= 6, "{kinds:?}");
}

/// One golden question: its kind, hint step, right option's index and the right option.
type GoldenQuestion = (Kind, usize, usize, &'static str);

/// Golden sets: what `?quiz=1` (the default) and `?quiz=42` ask about the walkthrough, as
/// (kind, the step shown for the hint, the right option's index, the right option), recorded
/// from this code. A shared quiz link names only its seed, so a change to the generator, the
/// question kinds or the walkthrough gives every old link other questions: it must fail here.
#[test]
fn golden_sets_for_shared_links() {
    let golden: [(u64, [GoldenQuestion; 7]); 2] = [
        (
            1,
            [
                (
                    Kind::WhatIfSkipped,
                    1,
                    0,
                    "-ERR Target instance replied with error: MOVED 1234 127.0.0.1:7001",
                ),
                (Kind::ViewOwner, 6, 3, "B"),
                (Kind::NextCommand, 6, 0, "C> CLUSTER SETSLOT 1234 NODE $B"),
                (Kind::KeySlot, 0, 3, "14690"),
                (Kind::Route, 7, 0, "-MOVED 1234 127.0.0.1:7002"),
                (Kind::SetSlotTarget, 2, 3, "to A, with B's id"),
                (Kind::KeysOnNode, 4, 2, "0"),
            ],
        ),
        (
            42,
            [
                (Kind::KeysOnNode, 5, 2, "0"),
                (Kind::NextCommand, 6, 2, "C> CLUSTER SETSLOT 1234 NODE $B"),
                (Kind::ViewOwner, 7, 3, "B"),
                (Kind::Route, 0, 0, "-MOVED 1234 127.0.0.1:7001"),
                (Kind::KeySlot, 0, 3, "1234"),
                (Kind::SetSlotTarget, 1, 0, "to B, with A's id"),
                (
                    Kind::WhatIfSkipped,
                    3,
                    1,
                    "-ERR Can't assign hashslot 1234 to a different node while I still hold keys for this hash slot.",
                ),
            ],
        ),
    ];
    let (id, walkthrough) = &timelines()[0];
    assert_eq!(*id, "walkthrough");
    for (seed, expected) in golden {
        let set = quiz::generate(walkthrough, seed, 7);
        let got: Vec<(Kind, usize, usize, &str)> = set
            .iter()
            .map(|q| (q.kind, q.step, q.answer, q.options[q.answer].as_str()))
            .collect();
        assert_eq!(got, expected, "?quiz={seed}");
    }
}

#[test]
fn the_materials_questions_point_at_the_model() {
    let t = Timeline::from_script(&(by_id("walkthrough").unwrap().script)()).unwrap();
    let qs = material::questions(&t).unwrap();
    assert_eq!(qs.len(), 3);
    // The source stops owning at the step where A's badge leaves owned/MIGRATING.
    let (view, at) = qs[0].hint_at;
    assert_eq!(view, material::HintView::Table);
    assert_eq!(t.steps()[at].label, "A> CLUSTER SETSLOT 1234 NODE $B");
    assert_eq!(qs[1].hint_at, (material::HintView::Tracker, 3));
    assert!(
        qs[1].explanation.contains("A holds 0, B holds 2"),
        "{}",
        qs[1].explanation
    );
    assert_eq!(
        t.steps()[qs[2].hint_at.1].label,
        "B> CLUSTER SETSLOT 1234 IMPORTING $A"
    );
    assert!(by_id(qs[2].what_if.unwrap()).is_some());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Any seed, on the small scenarios: every question's answer survives a replay.
    #[test]
    fn any_seed_gives_answers_a_replay_confirms(seed in any::<u64>(), which in 0usize..64) {
        let small: Vec<&(&str, Timeline)> = timelines().iter().filter(|(_, t)| t.len() < 2_000).collect();
        let (_, t) = small[which % small.len()];
        for q in quiz::generate(t, seed, 7) {
            check(t, &q);
        }
    }
}
