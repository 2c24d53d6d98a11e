//! Scale benchmarks (`make bench`): planning and building the timeline of a full rebalance
//! from 3 to 4 masters with 1,000,000 keys, seeking in it, and replaying the conformance
//! scripts. Figures, not pass/fail; see docs/PERFORMANCE.md.
// Benchmarks and examples go into no bundle: it may sort and unwrap (the rules in /clippy.toml).
#![allow(clippy::disallowed_methods)]

mod common;

use common::{loaded_cluster, plan_and_build, KEYS};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use slotscope_model::{script, Timeline};
use std::hint::black_box;
use std::time::{Duration, Instant};

fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| {
                l.split_whitespace()
                    .nth(1)
                    .and_then(|kb| kb.parse::<f64>().ok())
            })
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

fn scale(c: &mut Criterion) {
    let t0 = Instant::now();
    let start = loaded_cluster();
    let load = t0.elapsed();
    let rss_before = peak_rss_mb();
    let t1 = Instant::now();
    let timeline = plan_and_build(&start);
    let once = t1.elapsed();
    let rss_after = peak_rss_mb();
    println!(
        "rebalance 3 -> 4 masters, {KEYS} keys: loading {load:.2?}; plan + timeline {once:.2?}, {} steps; peak RSS {rss_before:.0} MB before, {rss_after:.0} MB after",
        timeline.len()
    );
    let mut group = c.benchmark_group("rebalance-1m-keys");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(30));
    group.bench_function("plan and build the timeline", |b| {
        // The timeline is dropped outside the timing: freeing it is not building it.
        b.iter_with_large_drop(|| plan_and_build(&start))
    });
    group.finish();

    // Seeking is indexing the steps, as the app's player does.
    let t = timeline.clone();
    let len = t.len();
    let mut i = 0usize;
    c.bench_function("seek to any step of that timeline", |b| {
        b.iter(|| {
            i = (i + 7919) % len;
            black_box(t.steps()[black_box(i)].cluster.nodes().len())
        })
    });
}

/// The largest built-in scenario, as the app opens it: plan the script, build the timeline.
/// The browser does the same when the learner picks it; the ratio goes in PERFORMANCE.md.
fn open_scenario(c: &mut Criterion) {
    let scenario = slotscope_model::scenario::by_id("add-node-rebalance").expect("the scenario");
    let mut group = c.benchmark_group("scenario");
    group.sample_size(10);
    group.bench_function("open add-node-rebalance (plan + timeline)", |b| {
        b.iter(|| {
            black_box(
                Timeline::from_script(&(scenario.script)())
                    .expect("it builds")
                    .len(),
            )
        })
    });
    group.finish();
}

fn conformance_replay(c: &mut Criterion) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/conformance");
    let mut scripts: Vec<String> = std::fs::read_dir(dir)
        .expect("the conformance scripts")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .collect();
    scripts.sort();
    let commands: usize = scripts
        .iter()
        .map(|s| s.lines().filter(|l| l.contains("> ")).count())
        .sum();
    let mut group = c.benchmark_group("conformance");
    group.throughput(Throughput::Elements(commands as u64));
    group.bench_function(
        format!("replay all {} scripts ({commands} commands)", scripts.len()),
        |b| {
            b.iter(|| {
                for s in &scripts {
                    black_box(script::replay(s).expect("a conformance script replays"));
                }
            })
        },
    );
    group.finish();
}

criterion_group!(benches, scale, open_scenario, conformance_replay);
criterion_main!(benches);
