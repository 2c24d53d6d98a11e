//! Where a timeline's memory goes: the bytes each kind of step keeps, counted by a wrapping
//! allocator (docs/PERFORMANCE.md quotes it).
//!
//! `cargo run --release -p slotscope-model --example step_memory` profiles the add-node +
//! rebalance scenario; add `million` for the 1,000,000-key rebalance of the `scale` bench.
// Benchmarks and examples go into no bundle: it may sort and unwrap (the rules in /clippy.toml).
#![allow(clippy::disallowed_methods)]

#[path = "../benches/common/mod.rs"]
mod common;

use slotscope_model::Timeline;
use std::alloc::{GlobalAlloc, Layout, System};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicIsize, Ordering::Relaxed};

/// The system allocator, counting the bytes live and the peak.
struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);

fn count(delta: isize) {
    let now = LIVE.fetch_add(delta, Relaxed) + delta;
    PEAK.fetch_max(now, Relaxed);
}

// SAFETY: every call is passed straight to `System`, which upholds the contract.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size() as isize);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        count(-(layout.size() as isize));
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, size: usize) -> *mut u8 {
        count(size as isize - layout.size() as isize);
        unsafe { System.realloc(ptr, layout, size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn mb(bytes: isize) -> f64 {
    bytes as f64 / 1e6
}

/// The kind of a script line: its node and command, without slot numbers or keys.
fn kind(line: &str) -> String {
    let words = if line.contains("SETSLOT") { 5 } else { 3 };
    let head: Vec<&str> = line.split_whitespace().take(words).collect();
    head.join(" ")
        .chars()
        .filter(|c| !c.is_ascii_digit())
        .collect()
}

/// Appends `lines` to `t` one by one, adding up the bytes each kind of step keeps.
fn per_kind<'a>(t: &mut Timeline, lines: impl Iterator<Item = &'a str>) {
    let mut kinds: BTreeMap<String, (usize, isize)> = BTreeMap::new();
    for line in lines.filter(|l| !l.starts_with('#')) {
        let before = LIVE.load(Relaxed);
        t.push_text(line).expect("a planned line runs");
        let entry = kinds.entry(kind(line)).or_default();
        entry.0 += 1;
        entry.1 += LIVE.load(Relaxed) - before;
    }
    println!("{:>7} {:>10} {:>8}  kind", "steps", "MB", "B/step");
    for (k, (n, bytes)) in kinds {
        println!("{n:>7} {:>10.1} {:>8}  {k}", mb(bytes), bytes / n as isize);
    }
}

fn main() {
    let million = std::env::args().nth(1).as_deref() == Some("million");
    let (start, lines) = if million {
        let start = common::loaded_cluster();
        println!(
            "{} keys loaded: {:.1} MB",
            common::KEYS,
            mb(LIVE.load(Relaxed))
        );
        let t = common::plan_and_build(&start);
        println!(
            "plan + timeline, one pass: {} steps, {:.1} MB live, peak {:.1} MB",
            t.len(),
            mb(LIVE.load(Relaxed)),
            mb(PEAK.load(Relaxed))
        );
        let lines = t.to_script();
        (Timeline::from_start(start, Vec::new()), lines)
    } else {
        let scenario = slotscope_model::scenario::by_id("add-node-rebalance").expect("it exists");
        let script = (scenario.script)();
        let t = Timeline::from_script(&script).expect("it builds");
        println!(
            "add-node-rebalance: {} steps, {:.1} MB live, peak {:.1} MB",
            t.len(),
            mb(LIVE.load(Relaxed)),
            mb(PEAK.load(Relaxed))
        );
        let at = script.find("\nstart\n").map_or(0, |i| i + 1);
        let prelude = Timeline::from_script(&script[..at]).expect("the prelude builds");
        (prelude, script[at..].to_string())
    };
    let mut t = start;
    per_kind(&mut t, lines.lines().skip_while(|l| *l != "start").skip(1));
}
