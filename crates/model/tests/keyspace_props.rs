//! The shared, run-based keyspace against the plainest possible model of it: one list of
//! keys in creation order. Snapshots taken along the way must never change afterwards.
// Test code goes into no bundle: it may sort and unwrap (the rules in /clippy.toml).
#![allow(clippy::disallowed_methods)]

use proptest::prelude::*;
use slotscope_model::keyspace::{Bytes, Keyspace};
use slotscope_model::Slot;

#[derive(Clone, Debug)]
enum Op {
    Set(u8, u8, bool),
    Remove(u8),
    RemoveNewest(u8),
    ClearSlot(u8),
    Snapshot,
    Expire(u8),
}

/// Keys in three slots (by hash tag), so runs fill, split and share.
fn key(k: u8) -> Vec<u8> {
    format!("{{{}}}{}", ["a", "b", "c"][usize::from(k % 3)], k / 3).into_bytes()
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0u8..30, any::<u8>(), any::<bool>()).prop_map(|(k, v, e)| Op::Set(k, v, e)),
        2 => (0u8..30).prop_map(Op::Remove),
        3 => (0u8..3).prop_map(Op::RemoveNewest),
        1 => (0u8..3).prop_map(Op::ClearSlot),
        3 => Just(Op::Snapshot),
        1 => (0u8..40).prop_map(Op::Expire),
    ]
}

type Plain = Vec<(Vec<u8>, Vec<u8>, Option<u64>)>;

fn slot_of(tag: u8) -> Slot {
    Slot::of_key(&key(tag))
}

fn listing(ks: &Keyspace, slot: Slot) -> Vec<Vec<u8>> {
    ks.keys_in_slot(slot).map(|k| k.to_vec()).collect()
}

fn plain_listing(plain: &Plain, slot: Slot) -> Vec<Vec<u8>> {
    plain
        .iter()
        .rev()
        .filter(|(k, _, _)| Slot::of_key(k) == slot)
        .map(|(k, _, _)| k.clone())
        .collect()
}

fn agrees(ks: &Keyspace, plain: &Plain) -> Result<(), TestCaseError> {
    prop_assert_eq!(ks.len(), plain.len());
    for tag in 0..3 {
        let slot = slot_of(tag);
        prop_assert_eq!(listing(ks, slot), plain_listing(plain, slot));
        prop_assert_eq!(ks.count_in_slot(slot), plain_listing(plain, slot).len());
    }
    for (k, v, e) in plain {
        let entry = ks.entry(k).expect("the key is there");
        prop_assert_eq!(&entry.value[..], &v[..]);
        prop_assert_eq!(entry.expire_at(), *e);
    }
    Ok(())
}

proptest! {
    #[test]
    fn keyspace_matches_a_plain_list_and_snapshots_never_change(ops in prop::collection::vec(op(), 1..120)) {
        let mut ks = Keyspace::default();
        let mut plain: Plain = Vec::new();
        let mut snapshots: Vec<(Keyspace, Plain)> = Vec::new();
        for op in ops {
            match op {
                Op::Set(k, v, e) => {
                    let (k, v) = (key(k), vec![v]);
                    let expire = e.then_some(u64::from(v[0]));
                    ks.set(&k, Bytes::from(&v[..]), expire);
                    match plain.iter_mut().find(|(pk, _, _)| *pk == k) {
                        Some(item) => { item.1 = v; item.2 = expire; }
                        None => plain.push((k, v, expire)),
                    }
                }
                Op::Remove(k) => {
                    let k = key(k);
                    let had = plain.iter().position(|(pk, _, _)| *pk == k);
                    prop_assert_eq!(ks.remove(&k).is_some(), had.is_some());
                    if let Some(i) = had { plain.remove(i); }
                }
                Op::RemoveNewest(tag) => {
                    let newest = listing(&ks, slot_of(tag)).first().cloned();
                    if let Some(k) = newest {
                        prop_assert!(ks.remove(&k).is_some());
                        plain.retain(|(pk, _, _)| *pk != k);
                    }
                }
                Op::ClearSlot(tag) => {
                    let slot = slot_of(tag);
                    let cleared: Vec<Vec<u8>> = ks.clear_slot(slot).iter().map(|k| k.to_vec()).collect();
                    prop_assert_eq!(cleared, plain_listing(&plain, slot));
                    plain.retain(|(pk, _, _)| Slot::of_key(pk) != slot);
                }
                Op::Snapshot => snapshots.push((ks.clone(), plain.clone())),
                Op::Expire(now) => {
                    let now = u64::from(now) * 8;
                    let mut due: Vec<Vec<u8>> = ks.expire_due(now).iter().map(|k| k.to_vec()).collect();
                    let mut expected: Vec<Vec<u8>> = plain.iter().filter(|(_, _, e)| e.is_some_and(|t| t <= now)).map(|(k, _, _)| k.clone()).collect();
                    due.sort();
                    expected.sort();
                    prop_assert_eq!(due, expected);
                    plain.retain(|(_, _, e)| !e.is_some_and(|t| t <= now));
                }
            }
            agrees(&ks, &plain)?;
        }
        for (snapshot, plain) in &snapshots {
            agrees(snapshot, plain)?;
        }
    }
}
