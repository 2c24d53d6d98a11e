//! Conformance: every script in `tests/conformance/` runs against the model and against a
//! real Redis 7 cluster on loopback, and every reply must match once node ids are mapped to
//! the script's names.

mod common;

use common::{Conn, RealCluster};
use slotscope_model::args::is;
use slotscope_model::script::{self, expand, LineKind, LineResult, Replayer};
use slotscope_model::Reply;
use std::path::{Path, PathBuf};
use std::time::Duration;

const INFO_KEYS: &[&str] = &[
    "cluster_state",
    "cluster_slots_assigned",
    "cluster_slots_ok",
    "cluster_slots_pfail",
    "cluster_slots_fail",
    "cluster_known_nodes",
    "cluster_size",
    "cluster_current_epoch",
    "cluster_my_epoch",
];

fn scripts() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/conformance");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
}

fn bulk_text(reply: &Reply) -> Option<String> {
    match reply {
        Reply::Bulk(b) => Some(String::from_utf8_lossy(b).into_owned()),
        _ => None,
    }
}

/// Removes what legitimately differs between two runs: timings, dict order, offsets.
fn normalize(argv: &[Vec<u8>], reply: Reply) -> Reply {
    let sub = |w: &str| argv.len() >= 2 && is(&argv[0], "cluster") && is(&argv[1], w);
    if sub("nodes") {
        if let Some(text) = bulk_text(&reply) {
            let lines: Vec<String> = text
                .lines()
                .map(|l| {
                    let mut f: Vec<&str> = l.split(' ').collect();
                    if f.len() > 5 {
                        f[4] = "0";
                        f[5] = "0";
                    }
                    f.join(" ")
                })
                .collect();
            return Reply::Bulk(format!("{}\n", lines.join("\n")).into_bytes().into());
        }
    }
    if sub("info") {
        if let Some(text) = bulk_text(&reply) {
            let kept: Vec<&str> = text
                .lines()
                .filter(|l| INFO_KEYS.iter().any(|k| l.split(':').next() == Some(k)))
                .collect();
            return Reply::Bulk(format!("{}\r\n", kept.join("\r\n")).into_bytes().into());
        }
    }
    if sub("slots") || sub("shards") {
        if let Reply::Array(mut items) = reply {
            for item in &mut items {
                zero_offsets(item);
            }
            items.sort_by_key(|i| i.to_transcript());
            return Reply::Array(items);
        }
    }
    reply
}

fn zero_offsets(reply: &mut Reply) {
    if let Reply::Array(items) = reply {
        for i in 0..items.len() {
            if items[i] == Reply::bulk("replication-offset") {
                if let Some(v) = items.get_mut(i + 1) {
                    *v = Reply::Integer(0);
                }
            }
            zero_offsets(&mut items[i]);
        }
    }
}

/// The transcript with each node id replaced by `$NAME`; CLUSTER NODES lines come in the
/// server's dict order, so they are sorted after the ids are named.
fn named(argv: &[Vec<u8>], text: String, ids: &[(String, String)]) -> String {
    let text = ids.iter().fold(text, |t, (name, id)| {
        t.replace(id.as_str(), &format!("${name}"))
    });
    if argv.len() >= 2 && is(&argv[0], "cluster") && is(&argv[1], "nodes") {
        let mut lines: Vec<&str> = text.lines().collect();
        if lines.len() > 1 {
            lines[1..].sort();
        }
        return lines.join("\n");
    }
    text
}

fn same(argv: &[Vec<u8>], model: &str, real: &str) -> bool {
    if model == real {
        return true;
    }
    // PTTL counts down in real time; a few milliseconds' difference is the same reply.
    if argv.first().is_some_and(|a| is(a, "pttl")) {
        let num = |s: &str| {
            s.strip_prefix("(integer) ")
                .and_then(|n| n.parse::<i64>().ok())
        };
        if let (Some(m), Some(r)) = (num(model), num(real)) {
            return m > 0 && r > 0 && (m - r).abs() <= 1000;
        }
    }
    false
}

/// Runs one script on both sides; returns the mismatches and the number of replies compared.
fn run_script(path: &Path) -> (Vec<String>, usize) {
    let text = std::fs::read_to_string(path).unwrap();
    let file = path.file_name().unwrap().to_string_lossy().into_owned();
    run_text(&file, &text)
}

/// `redis-cli --cluster check` against the real cluster, without colours.
fn real_check(entry: &str) -> Vec<String> {
    let out = std::process::Command::new("redis-cli")
        .args(["--cluster", "check", entry])
        .output()
        .expect("redis-cli runs");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut clean = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for d in chars.by_ref() {
                if d == 'm' {
                    break;
                }
            }
        } else {
            clean.push(c);
        }
    }
    clean.lines().map(str::to_string).collect()
}

/// A check report with ids named and the parts that come in dict order sorted.
fn normalize_check(lines: Vec<String>, ids: &[(String, String)]) -> Vec<String> {
    let named: Vec<String> = lines
        .into_iter()
        .map(|l| {
            ids.iter().fold(l, |l, (name, id)| {
                l.replace(id.as_str(), &format!("${name}"))
                    .replace(&format!("({}...)", &id[..8]), &format!("(${name}...)"))
            })
        })
        .collect();
    // Per-node summaries, "M:" blocks and per-node warnings: sort each group.
    let mut summaries: Vec<String> = named
        .iter()
        .filter(|l| l.contains(" -> "))
        .cloned()
        .collect();
    summaries.sort();
    let mut blocks: Vec<String> = named
        .iter()
        .enumerate()
        .filter(|(_, l)| l.starts_with("M: "))
        .map(|(i, l)| format!("{l} / {}", named.get(i + 1).map_or("", |s| s.trim())))
        .collect();
    blocks.sort();
    let mut warnings: Vec<String> = named
        .iter()
        .filter(|l| l.starts_with("[WARNING] Node "))
        .cloned()
        .collect();
    warnings.sort();
    let rest: Vec<String> = named
        .iter()
        .filter(|l| {
            !l.contains(" -> ")
                && !l.starts_with("M: ")
                && !l.starts_with("   slots:")
                && !l.starts_with("[WARNING] Node ")
        })
        .cloned()
        .collect();
    summaries
        .into_iter()
        .chain(blocks)
        .chain(warnings)
        .chain(rest)
        .collect()
}

/// Runs a script's text on both sides, naming it `file` in reports.
fn run_text(file: &str, text: &str) -> (Vec<String>, usize) {
    run_text_checked(file, text, false)
}

/// [`run_text`], and with `check`, compares `redis-cli --cluster check` with the model's
/// reading of its final state.
fn run_text_checked(file: &str, text: &str, check: bool) -> (Vec<String>, usize) {
    let parsed = script::parse(text).unwrap_or_else(|e| panic!("{file}: {e}"));
    if parsed.server != slotscope_model::cluster::Server::Redis7 {
        // No real Valkey 9 here: these scripts show modelled Valkey behaviour only.
        eprintln!(
            "{file}: skipped, written for {:?}, not Redis 7",
            parsed.server
        );
        return (Vec::new(), 0);
    }
    let addrs: Vec<String> = parsed.nodes.iter().map(|(_, a)| a.clone()).collect();
    let outside: Vec<usize> = parsed
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, (n, _))| parsed.outside.contains(n))
        .map(|(i, _)| i)
        .collect();
    let real = RealCluster::start_with_outsiders(&addrs, &outside);
    let mut model = Replayer::new(&parsed).unwrap();
    let names: Vec<String> = parsed.nodes.iter().map(|(n, _)| n.clone()).collect();
    let real_ids: Vec<(String, String)> = names
        .iter()
        .cloned()
        .zip(real.ids.iter().cloned())
        .collect();
    let model_ids: Vec<(String, String)> = names
        .iter()
        .enumerate()
        .map(|(i, n)| (n.clone(), model.cluster.ids()[i].to_string()))
        .collect();
    let mut conns: Vec<Conn> = addrs.iter().map(|a| Conn::open(a)).collect();
    let mut mismatches = Vec::new();
    let mut compared = 0;
    for line in &parsed.lines {
        match (&line.kind, model.run(line)) {
            (
                LineKind::Command { node, argv },
                LineResult::Command {
                    outcome,
                    argv: model_argv,
                    ..
                },
            ) => {
                let i = names.iter().position(|n| n == node).unwrap();
                let real_of = |name: &str| {
                    real_ids
                        .iter()
                        .find(|(n, _)| n == name)
                        .map(|(_, id)| id.clone())
                };
                let real_argv: Vec<Vec<u8>> = argv.iter().map(|a| expand(a, &real_of)).collect();
                let real_reply = normalize(&real_argv, conns[i].call(&real_argv));
                let model_reply = normalize(&model_argv, outcome.reply);
                let m = named(argv, model_reply.to_transcript(), &model_ids);
                let r = named(argv, real_reply.to_transcript(), &real_ids);
                compared += 1;
                if !same(argv, &m, &r) {
                    mismatches.push(format!(
                        "{file}:{}: {}\n  model: {}\n  real:  {}",
                        line.number,
                        line.text.trim(),
                        m.replace('\n', "\n         "),
                        r.replace('\n', "\n         ")
                    ));
                }
            }
            (LineKind::Wait, LineResult::Wait(report)) => {
                let agreed = real.wait_agree(Duration::from_secs(10));
                compared += 1;
                if agreed != report.agreed {
                    mismatches.push(format!(
                        "{file}:{}: wait: the model's views agree = {}, the real cluster's = {agreed}",
                        line.number, report.agreed
                    ));
                }
            }
            (LineKind::Sleep(ms), _) => std::thread::sleep(Duration::from_millis(*ms)),
            _ => {}
        }
    }
    if check {
        let model_report =
            slotscope_model::planner::check::report(&model.cluster, slotscope_model::NodeIdx(0));
        let m = normalize_check(model_report, &model_ids);
        let r = normalize_check(real_check(&addrs[0]), &real_ids);
        compared += 1;
        if m != r {
            mismatches.push(format!(
                "{file}: redis-cli --cluster check differs\n  model: {}\n  real:  {}",
                m.join("\n         "),
                r.join("\n         ")
            ));
        }
    }
    (mismatches, compared)
}

#[test]
fn every_script_matches_real_redis() {
    common::require_redis();
    let files = scripts();
    assert!(!files.is_empty(), "no conformance scripts found");
    let mut all = Vec::new();
    let mut total = 0;
    for path in &files {
        let (mismatches, compared) = run_script(path);
        eprintln!(
            "{}: {compared} replies compared, {} mismatches",
            path.file_name().unwrap().to_string_lossy(),
            mismatches.len()
        );
        total += compared;
        all.extend(mismatches);
    }
    eprintln!(
        "conformance: {} scripts, {total} replies compared, {} mismatches",
        files.len(),
        all.len()
    );
    assert!(
        all.is_empty(),
        "the model differs from real Redis:\n{}",
        all.join("\n")
    );
}

#[test]
fn every_builtin_scenario_matches_real_redis() {
    common::require_redis();
    let mut all = Vec::new();
    let mut total = 0;
    for s in slotscope_model::scenario::SCENARIOS {
        let (mismatches, compared) = run_text_checked(s.id, &(s.script)(), true);
        eprintln!(
            "scenario {}: {compared} replies compared, {} mismatches",
            s.id,
            mismatches.len()
        );
        total += compared;
        all.extend(mismatches);
    }
    eprintln!(
        "scenarios: {total} replies compared, {} mismatches",
        all.len()
    );
    assert!(
        all.is_empty(),
        "a built-in scenario differs from real Redis:\n{}",
        all.join("\n")
    );
}
