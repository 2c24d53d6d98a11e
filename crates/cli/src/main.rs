//! `slotscope`: the command-line face of the model.
//!
//! - `slotscope replay FILE` runs a script against the model and prints the transcript.
//! - `slotscope plan [--start FILE] reshard|rebalance [options]` prints a complete script.
//! - `slotscope scenario [ID]` lists the built-in scenarios, or prints one's script.

use slotscope_model::planner::add_node::add_node;
use slotscope_model::planner::rebalance::{rebalance, RebalanceOptions};
use slotscope_model::planner::reshard::{reshard, Sources};
use slotscope_model::planner::{node_named, Plan};
use slotscope_model::script::LineKind;
use slotscope_model::{scenario, script, Timeline};
use std::process::ExitCode;

const USAGE: &str = "usage:
  slotscope replay FILE                      run a script (FILE may be -) and print the transcript
  slotscope plan [--start FILE] reshard --from X[,Y...|all] --to Z --slots N
  slotscope plan [--start FILE] rebalance [--weight X=w]... [--threshold T] [--use-empty-masters]
  slotscope plan [--start FILE] add-node --new D [--existing A]   (MEET, then rebalance onto D)
  slotscope plan --start FILE fix            repair open slots as redis-cli --cluster fix does
  slotscope scenario [ID]                    list the built-in scenarios, or print one's script
  slotscope check FILE                       replay FILE, then report as redis-cli --cluster check
  slotscope quiz ID [SEED]                   print generated quiz questions about a scenario, with answers";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("replay") if args.len() == 2 => replay(&args[1]),
        Some("plan") => plan(&args[1..]),
        Some("scenario") => scenarios(args.get(1)),
        Some("check") if args.len() == 2 => check(&args[1]),
        Some("quiz") if (2..=3).contains(&args.len()) => quiz(&args[1], args.get(2)),
        Some("-h" | "--help" | "help") => emit(&format!("{USAGE}\n")),
        _ => Err(USAGE.to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("slotscope: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Writes to standard output; a closed pipe (`slotscope ... | head`) ends quietly.
fn emit(text: &str) -> Result<(), String> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(format!("standard output: {e}")),
    }
}

fn read(file: &str) -> Result<String, String> {
    if file == "-" {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
            .map_err(|e| format!("standard input: {e}"))?;
        Ok(text)
    } else {
        std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))
    }
}

fn replay(file: &str) -> Result<(), String> {
    let text = read(file)?;
    let transcript = script::replay(&text).map_err(|e| format!("{file}: {e}"))?;
    emit(&transcript)
}

fn check(file: &str) -> Result<(), String> {
    let text = read(file)?;
    let timeline = Timeline::from_script(&text).map_err(|e| format!("{file}: {e}"))?;
    let last = &timeline.steps()[timeline.len() - 1].cluster;
    let report = slotscope_model::planner::check::report(last, slotscope_model::NodeIdx(0));
    emit(&(report.join("\n") + "\n"))
}

fn scenarios(id: Option<&String>) -> Result<(), String> {
    match id {
        None => {
            let list: String = scenario::SCENARIOS
                .iter()
                .map(|s| format!("{:<22} {}\n", s.id, s.title))
                .collect();
            emit(&list)
        }
        Some(id) => {
            let s = scenario::by_id(id).ok_or_else(|| format!("no scenario '{id}'"))?;
            emit(&(s.script)())
        }
    }
}

/// Prints seven generated questions about a built-in scenario, each with its answer.
fn quiz(id: &str, seed: Option<&String>) -> Result<(), String> {
    let s = scenario::by_id(id).ok_or_else(|| format!("no scenario '{id}'"))?;
    let seed = match seed {
        Some(n) => n
            .parse()
            .map_err(|_| format!("the seed must be a number, not '{n}'"))?,
        None => 1,
    };
    let t = slotscope_model::Timeline::from_script(&(s.script)()).map_err(|e| e.to_string())?;
    let mut out = String::new();
    for (n, q) in slotscope_model::quiz::generate(&t, seed, 7)
        .iter()
        .enumerate()
    {
        out.push_str(&format!("{}. [{}] {}\n", n + 1, q.kind.title(), q.text));
        for (i, o) in q.options.iter().enumerate() {
            let mark = if i == q.answer { '*' } else { ' ' };
            out.push_str(&format!("  {mark} {}) {o}\n", (b'A' + i as u8) as char));
        }
        out.push_str(&format!("  {}\n\n", q.explanation));
    }
    emit(&out)
}

/// The starting script's lines that rebuild its state (comments dropped), with `start` last.
fn prelude(text: &str) -> Result<String, String> {
    let parsed = script::parse(text).map_err(|e| e.to_string())?;
    let mut out = text
        .lines()
        .nth(parsed.cluster_line - 1)
        .unwrap_or("cluster A B C")
        .trim()
        .to_string();
    out.push('\n');
    for line in &parsed.lines {
        if !matches!(
            line.kind,
            LineKind::Comment | LineKind::Start | LineKind::Note(_)
        ) {
            out.push_str(line.text.trim());
            out.push('\n');
        }
    }
    out.push_str("start\n");
    Ok(out)
}

fn value<'a>(args: &'a [String], i: &mut usize, flag: &str) -> Result<&'a str, String> {
    *i += 1;
    args.get(*i)
        .map(String::as_str)
        .ok_or_else(|| format!("{flag} needs a value"))
}

fn plan(args: &[String]) -> Result<(), String> {
    let mut i = 0;
    let mut start = "cluster A B C\n".to_string();
    if args.first().map(String::as_str) == Some("--start") {
        start = read(value(args, &mut i, "--start")?)?;
        i += 1;
    }
    let prelude = prelude(&start)?;
    let timeline = Timeline::from_script(&prelude).map_err(|e| e.to_string())?;
    let cluster = timeline.steps()[0].cluster.clone();
    let mut plan = Plan::new(cluster.clone());
    let planner = args.get(i).map(String::as_str).ok_or(USAGE)?;
    let rest = &args[i + 1..];
    let mut j = 0;
    match planner {
        "reshard" => {
            let (mut from, mut to, mut slots) = (None, None, None);
            while j < rest.len() {
                match rest[j].as_str() {
                    "--from" => from = Some(value(rest, &mut j, "--from")?.to_string()),
                    "--to" => to = Some(value(rest, &mut j, "--to")?.to_string()),
                    "--slots" => slots = Some(value(rest, &mut j, "--slots")?.to_string()),
                    other => return Err(format!("reshard: unknown option {other}")),
                }
                j += 1;
            }
            let (Some(from), Some(to), Some(slots)) = (from, to, slots) else {
                return Err("reshard needs --from, --to and --slots".into());
            };
            let to = node_named(&cluster, &to).map_err(|e| e.to_string())?;
            let sources = if from == "all" {
                Sources::All
            } else {
                Sources::Nodes(
                    from.split(',')
                        .map(|n| node_named(&cluster, n).map_err(|e| e.to_string()))
                        .collect::<Result<_, _>>()?,
                )
            };
            let n: usize = slots
                .parse()
                .map_err(|_| format!("--slots: not a number: {slots}"))?;
            reshard(&mut plan, sources, to, n).map_err(|e| e.to_string())?;
        }
        "rebalance" => {
            let mut opts = RebalanceOptions::default();
            while j < rest.len() {
                match rest[j].as_str() {
                    "--weight" => {
                        let w = value(rest, &mut j, "--weight")?;
                        let (name, weight) =
                            w.split_once('=').ok_or("--weight takes NAME=WEIGHT")?;
                        let node = node_named(&cluster, name).map_err(|e| e.to_string())?;
                        let weight: f32 = weight
                            .parse()
                            .map_err(|_| format!("--weight: not a number: {weight}"))?;
                        opts.weights.push((node, weight));
                    }
                    "--threshold" => {
                        let t = value(rest, &mut j, "--threshold")?;
                        opts.threshold = t
                            .parse()
                            .map_err(|_| format!("--threshold: not a number: {t}"))?;
                    }
                    "--use-empty-masters" => opts.use_empty_masters = true,
                    other => return Err(format!("rebalance: unknown option {other}")),
                }
                j += 1;
            }
            rebalance(&mut plan, &opts).map_err(|e| e.to_string())?;
        }
        "add-node" => {
            let (mut new, mut existing) = (None, None);
            while j < rest.len() {
                match rest[j].as_str() {
                    "--new" => new = Some(value(rest, &mut j, "--new")?.to_string()),
                    "--existing" => existing = Some(value(rest, &mut j, "--existing")?.to_string()),
                    other => return Err(format!("add-node: unknown option {other}")),
                }
                j += 1;
            }
            let new = node_named(
                &cluster,
                &new.ok_or("add-node needs --new NAME (a +NAME node of the start script)")?,
            )
            .map_err(|e| e.to_string())?;
            let existing = match existing {
                Some(e) => node_named(&cluster, &e).map_err(|e| e.to_string())?,
                None => cluster
                    .nodes()
                    .iter()
                    .find(|n| n.me != new && n.view.slot_count(n.me) > 0)
                    .map(|n| n.me)
                    .ok_or("add-node: no existing master to meet")?,
            };
            add_node(&mut plan, new, existing).map_err(|e| e.to_string())?;
            let opts = RebalanceOptions {
                use_empty_masters: true,
                ..Default::default()
            };
            rebalance(&mut plan, &opts).map_err(|e| e.to_string())?;
        }
        "fix" => {
            if let Some(other) = rest.first() {
                return Err(format!("fix: unknown option {other}"));
            }
            slotscope_model::planner::fix::fix(&mut plan).map_err(|e| e.to_string())?;
        }
        other => {
            return Err(format!(
                "unknown planner '{other}' (reshard, rebalance, add-node or fix)"
            ))
        }
    }
    emit(&(plan.script(&prelude) + "wait\n"))
}
