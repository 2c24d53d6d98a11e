//! The material's scenario, checked phase by phase against its variable tracker (with the
//! node ids the right way round).
// Test code goes into no bundle: it may sort and unwrap (the rules in /clippy.toml).
#![allow(clippy::disallowed_methods)]

use slotscope_model::scenario::by_id;
use slotscope_model::{Cluster, NodeIdx, Slot, SlotState, Timeline};

const A: NodeIdx = NodeIdx(0);
const B: NodeIdx = NodeIdx(1);

fn keys(c: &Cluster, n: NodeIdx, slot: Slot) -> Vec<String> {
    let mut k: Vec<String> = c
        .node(n)
        .keys
        .keys_in_slot(slot)
        .map(|k| String::from_utf8_lossy(k).into_owned())
        .collect();
    k.sort();
    k
}

#[test]
fn every_phase_leaves_the_materials_states() {
    let t = Timeline::from_script(&(by_id("walkthrough").unwrap().script)()).unwrap();
    let slot = t.focus_slot().unwrap();
    assert_eq!(slot.get(), 1234);
    assert_eq!(Slot::of_key(b"key1{page270}"), slot);
    let both = vec!["key1{page270}".to_string(), "key2{page270}".to_string()];
    let none: Vec<String> = vec![];
    // (step, source state, target state, keys on source, keys on target)
    let expected = [
        (
            0,
            SlotState::Owned,
            SlotState::NotOwned { owner: Some(A) },
            &both,
            &none,
        ),
        (
            1,
            SlotState::Owned,
            SlotState::Importing { from: A },
            &both,
            &none,
        ),
        (
            2,
            SlotState::Migrating { to: B },
            SlotState::Importing { from: A },
            &both,
            &none,
        ),
        (
            3,
            SlotState::Migrating { to: B },
            SlotState::Importing { from: A },
            &none,
            &both,
        ),
        (
            4,
            SlotState::Migrating { to: B },
            SlotState::Owned,
            &none,
            &both,
        ),
        (
            5,
            SlotState::NotOwned { owner: Some(B) },
            SlotState::Owned,
            &none,
            &both,
        ),
    ];
    for (step, source, target, on_source, on_target) in expected {
        let c = &t.steps()[step].cluster;
        assert_eq!(c.node(A).slot_state(slot), source, "source at step {step}");
        assert_eq!(c.node(B).slot_state(slot), target, "target at step {step}");
        assert_eq!(&keys(c, A, slot), on_source, "source keys at step {step}");
        assert_eq!(&keys(c, B, slot), on_target, "target keys at step {step}");
    }
    let last = &t.steps().last().unwrap().cluster;
    assert!(last.views_agree());
    for n in last.nodes() {
        assert_eq!(
            n.view.owner(slot),
            Some(B),
            "{} must agree B owns the slot",
            n.name
        );
    }
    // The target took a new epoch, the highest, so gossip makes its claim win.
    assert_eq!(last.node(B).config_epoch(), 4);
}

#[test]
fn every_step_replies_ok() {
    let t = Timeline::from_script(&(by_id("walkthrough").unwrap().script)()).unwrap();
    for s in &t.steps()[1..] {
        if let Some(r) = &s.reply {
            assert_eq!(r.to_transcript(), "+OK", "{}", s.label);
        }
    }
}

#[test]
fn a_note_says_its_text_once() {
    let t = Timeline::from_script("cluster A B C\nnote Watch slot 1234.\nA> GET k\n").unwrap();
    let note = &t.steps()[1];
    assert_eq!(note.label, "note Watch slot 1234.");
    assert_eq!(note.heading(), "note");
    assert_eq!(t.narration(1), "Watch slot 1234.");
    assert_eq!(t.steps()[2].heading(), "A> GET k");
    let rows = slotscope_model::tables::execution_table(&t);
    assert_eq!(
        (rows[1].action.as_str(), rows[1].result.as_str()),
        ("note", "Watch slot 1234.")
    );
}

/// Key moments link to the steps that show them: the first IMPORTING, MIGRATING and SETSLOT
/// NODE steps of the walkthrough, whose labels name those commands, and to what-ifs that exist.
#[test]
fn key_moments_link_to_the_steps_that_show_them() {
    let walkthrough = by_id("walkthrough").unwrap();
    let t = Timeline::from_script(&(walkthrough.script)()).unwrap();
    let steps: Vec<(usize, &str)> = slotscope_model::moments::MOMENTS
        .iter()
        .map(|m| {
            let step = m.step_in(&t).unwrap();
            (step, t.steps()[step].label.as_str())
        })
        .collect();
    assert_eq!(
        steps,
        [
            (1, "B> CLUSTER SETSLOT 1234 IMPORTING $A"),
            (2, "A> CLUSTER SETSLOT 1234 MIGRATING $B"),
            (4, "B> CLUSTER SETSLOT 1234 NODE $B"),
        ]
    );
    for m in &slotscope_model::moments::MOMENTS {
        for (id, _) in m.what_ifs {
            assert!(by_id(id).is_some(), "{id}");
        }
    }
}
