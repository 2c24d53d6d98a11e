//! The console: one command typed at a node (or at the smart client) becomes the next step of
//! the timeline, RaftScope's fork. It goes through the same script language as lessons, with
//! limits so that typing can never freeze the page (10,000 steps, 1,000 keys per node, 64 KiB
//! lines: see [`crate::limits`]). Also `help`, derived from the command table, and Tab
//! completion of command names, `CLUSTER` subcommands and `$NAME` ids.

use crate::command::{self, lookup_for, Lookup};
use crate::limits::{CONSOLE_KEYS_PER_NODE, CONSOLE_LINE_BYTES, USER_TIMELINE_STEPS};
use crate::script::{self, LineKind};
use crate::Timeline;

// Old names the web app still uses; they go once it reads `limits` directly.

/// What the console adds under the reply to a command the model does not implement, whether
/// real Redis has it (WATCH) or not (FOO): the reply itself is Redis's unknown-command error.
const UNKNOWN_HINT: &str =
    "(SlotScope models only the commands that help lists; this is not one of them.)";

/// The target a command is typed at: `client` means the smart client.
pub const CLIENT: &str = "client";

/// What a console line gave.
#[derive(Clone, Debug)]
pub enum Outcome {
    /// The command ran: the timeline forked at the step, with the command as the next step.
    Forked(Timeline),
    /// Text to print, the timeline unchanged (help, or a command that is not a command).
    Text(String),
}

/// The `help` text.
pub fn help(names: &[String]) -> String {
    let mut commands: Vec<String> = command::specs().map(|c| c.typed()).collect();
    crate::sort::sort(&mut commands);
    format!(
        "Type a command for the selected node, as in redis-cli; it runs after the current step, and \
         the steps after it are replaced.\n\
         Nodes: {} (or '{CLIENT}' for the smart client, which follows MOVED and ASK).\n\
         $NAME stands for a node's id, as in CLUSTER SETSLOT 1234 IMPORTING $A.\n\
         Also: wait (deliver gossip), sleep MS, help. Keys: ↑ ↓ history, Tab completion.\n\
         Supported commands: {}.",
        names.join(", "),
        commands.join(", ")
    )
}

/// Runs `input` at `target` (a node name or [`CLIENT`]) after step `at` of `timeline`.
/// Errors say what is wrong, and then nothing changes.
pub fn run(timeline: &Timeline, at: usize, target: &str, input: &str) -> Result<Outcome, String> {
    let input = input.trim();
    if input.is_empty() {
        return Err(String::new());
    }
    if input.len() > CONSOLE_LINE_BYTES {
        return Err(format!(
            "(error) the line is {} bytes; the console takes at most {CONSOLE_LINE_BYTES}",
            input.len()
        ));
    }
    if input.eq_ignore_ascii_case("help") {
        return Ok(Outcome::Text(help(timeline.names())));
    }
    // The fork keeps steps 0..=at and adds one: what counts is where it forks, not how long
    // the timeline is after that step (a long plan can still be changed at its start).
    let at = at.min(timeline.len() - 1);
    let last = USER_TIMELINE_STEPS - 1;
    if at >= last {
        return Err(format!(
            "(error) this is step {at}; the console adds steps up to step {last}. Go back to an earlier step, or load a shorter script."
        ));
    }
    let is_plain = |w: &str| input == w || input.starts_with(&format!("{w} "));
    let line = if is_plain("wait") || is_plain("sleep") {
        input.to_string()
    } else {
        format!("{target}> {input}")
    };
    let kind = script::parse_line(&line, timeline.names()).map_err(|e| format!("(error) {e}"))?;
    let argv = match &kind {
        LineKind::Command { argv, .. } | LineKind::Client { argv } => Some(argv),
        _ => None,
    };
    if let Some(argv) = argv {
        // Not a command the model implements: answer as Redis does to a command it does not
        // know, say where the list is, and leave the timeline alone.
        let valkey = timeline.steps()[at].cluster.server() == crate::cluster::Server::Valkey9;
        if !matches!(lookup_for(argv, valkey), Lookup::Found(_)) {
            let mut cluster = timeline.steps()[at].cluster.clone();
            let node = cluster.find(target).unwrap_or(crate::NodeIdx(0));
            let conn = cluster.connect(node);
            let reply = cluster.execute(conn, argv).reply.to_transcript();
            return Ok(Outcome::Text(format!("{reply}\n{UNKNOWN_HINT}")));
        }
    }
    let forked = timeline
        .fork_lines(at, &[line])
        .map_err(|e| format!("(error) {}", e.message))?;
    let after = &forked.steps()[forked.len() - 1].cluster;
    if let Some(node) = after
        .nodes()
        .iter()
        .find(|n| n.keys.len() > CONSOLE_KEYS_PER_NODE)
    {
        return Err(format!(
            "(error) {} would hold {} keys; the console keeps at most {CONSOLE_KEYS_PER_NODE} per node",
            node.name,
            node.keys.len()
        ));
    }
    Ok(Outcome::Forked(forked))
}

/// Tab completion of the word before the cursor (the end of `line`): command names first,
/// `CLUSTER` subcommands second, and `$NAME` node ids anywhere. Returns the completed line
/// and the candidates (more than one when the completion is ambiguous).
pub fn complete(line: &str, names: &[String]) -> (String, Vec<String>) {
    let start = line.rfind(' ').map_or(0, |i| i + 1);
    let (head, word) = line.split_at(start);
    let words_before = head.split_whitespace().count();
    let mut candidates: Vec<String> = if let Some(prefix) = word.strip_prefix('$') {
        names
            .iter()
            .filter(|n| n.starts_with(prefix))
            .map(|n| format!("${n}"))
            .collect()
    } else if words_before == 0 {
        command::COMMANDS
            .iter()
            .map(|c| c.word().to_ascii_uppercase())
            .chain(["WAIT", "SLEEP", "HELP"].map(String::from))
            .filter(|c| c.starts_with(&word.to_ascii_uppercase()))
            .collect()
    } else if words_before == 1 && head.trim().eq_ignore_ascii_case("cluster") {
        command::CLUSTER_SUBCOMMANDS
            .iter()
            .map(|c| c.word().to_ascii_uppercase())
            .filter(|c| c.starts_with(&word.to_ascii_uppercase()))
            .collect()
    } else {
        Vec::new()
    };
    crate::sort::sort(&mut candidates);
    candidates.dedup();
    let completed = match candidates.as_slice() {
        [] => line.to_string(),
        [one] => format!("{head}{one} "),
        many => {
            let common = many.iter().skip(1).fold(many[0].clone(), |acc, c| {
                acc.chars()
                    .zip(c.chars())
                    .take_while(|(a, b)| a == b)
                    .map(|(a, _)| a)
                    .collect()
            });
            if common.len() > word.len() {
                format!("{head}{common}")
            } else {
                line.to_string()
            }
        }
    };
    (completed, candidates)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Vec<String> {
        ["A", "B", "C"].map(String::from).to_vec()
    }

    /// The limit is on where the fork happens: a timeline longer than the limit (a large
    /// plan) can still be changed at an early step, and not at its end.
    #[test]
    fn the_step_limit_counts_from_the_fork() {
        let script = format!(
            "cluster A B C\n{}",
            "wait\n".repeat(USER_TIMELINE_STEPS + 5)
        );
        let long = Timeline::from_script(&script).unwrap();
        assert!(long.len() > USER_TIMELINE_STEPS);
        match run(&long, 0, "A", "SET k v") {
            Ok(Outcome::Forked(t)) => assert_eq!(t.len(), 2),
            other => panic!("refused at step 0: {:?}", other.err()),
        }
        assert!(run(&long, USER_TIMELINE_STEPS - 2, "A", "GET k").is_ok());
        let refused = run(&long, USER_TIMELINE_STEPS - 1, "A", "GET k")
            .err()
            .unwrap();
        assert!(refused.contains("up to step 9999"), "{refused}");
        assert!(run(&long, long.len() - 1, "A", "GET k").is_err());
    }

    #[test]
    fn completion() {
        assert_eq!(complete("MIG", &names()).0, "MIGRATE ");
        assert_eq!(complete("cluster sets", &names()).0, "cluster SETSLOT ");
        assert_eq!(
            complete("CLUSTER SETSLOT 1234 IMPORTING $", &names()).1,
            vec!["$A", "$B", "$C"]
        );
        assert_eq!(
            complete("CLUSTER SETSLOT 1234 IMPORTING $B", &names()).0,
            "CLUSTER SETSLOT 1234 IMPORTING $B "
        );
        let (line, many) = complete("EX", &names());
        assert_eq!((line.as_str(), many.len()), ("EX", 3));
        assert_eq!(complete("P", &names()).0, "P");
        assert_eq!(complete("GET foo", &names()).1, Vec::<String>::new());
    }

    #[test]
    fn the_walkthrough_typed_in() {
        let mut t = Timeline::from_script("cluster A B C\nA> SET key1{page270} v1").unwrap();
        for (node, cmd) in [
            ("B", "CLUSTER SETSLOT 1234 IMPORTING $A"),
            ("A", "CLUSTER SETSLOT 1234 MIGRATING $B"),
            ("A", "MIGRATE 127.0.0.1 7002 \"\" 0 5000 KEYS key1{page270}"),
            ("B", "CLUSTER SETSLOT 1234 NODE $B"),
            ("client", "GET key1{page270}"),
        ] {
            let Ok(Outcome::Forked(next)) = run(&t, t.len() - 1, node, cmd) else {
                panic!("{cmd}");
            };
            t = next;
        }
        assert_eq!(t.len(), 7);
        assert_eq!(
            t.steps()[6].reply.as_ref().unwrap().to_transcript(),
            "\"v1\""
        );
    }

    #[test]
    fn mistakes_change_nothing() {
        let t = Timeline::from_script("cluster A B C").unwrap();
        let Ok(Outcome::Text(s)) = run(&t, 0, "A", "FROB x") else {
            panic!()
        };
        assert!(s.starts_with("-ERR unknown command 'FROB'"), "{s}");
        let Ok(Outcome::Text(s)) = run(&t, 0, "A", "HSET h f v") else {
            panic!()
        };
        assert!(s.contains("not"), "{s}");
        assert!(run(&t, 0, "A", "GET \"x")
            .unwrap_err()
            .contains("unbalanced"));
        assert!(run(&t, 0, "Z", "GET x")
            .unwrap_err()
            .contains("no node named"));
        assert!(matches!(run(&t, 0, "A", "help"), Ok(Outcome::Text(s)) if s.contains("SETSLOT")));
        let big = format!("SET k {}", "x".repeat(CONSOLE_LINE_BYTES));
        assert!(run(&t, 0, "A", &big).is_err());
    }

    /// A command the model lacks gets Redis's unknown-command error whether or not real Redis
    /// has it (WATCH, CLUSTER FORGET) or not (FOO), and the console's one line about `help`.
    #[test]
    fn every_unknown_command_gets_one_message() {
        let t = Timeline::from_script("cluster A B C").unwrap();
        for (typed, reply) in [
            (
                "WATCH k",
                "-ERR unknown command 'WATCH', with args beginning with: 'k' ",
            ),
            (
                "FOO k",
                "-ERR unknown command 'FOO', with args beginning with: 'k' ",
            ),
            (
                "CLUSTER FORGET x",
                "-ERR unknown subcommand 'FORGET'. Try CLUSTER HELP.",
            ),
            (
                "CLUSTER FOO x",
                "-ERR unknown subcommand 'FOO'. Try CLUSTER HELP.",
            ),
        ] {
            let Ok(Outcome::Text(s)) = run(&t, 0, "A", typed) else {
                panic!("{typed}")
            };
            assert_eq!(s, format!("{reply}\n{UNKNOWN_HINT}"));
        }
    }

    #[test]
    fn a_node_holds_at_most_the_limit() {
        let mut t = Timeline::from_script("cluster A").unwrap();
        let mset = |from: usize, n: usize| {
            let pairs: Vec<String> = (from..from + n).map(|i| format!("k{{t}}{i} v")).collect();
            format!("MSET {}", pairs.join(" "))
        };
        let Ok(Outcome::Forked(next)) = run(&t, 0, "A", &mset(0, 1000)) else {
            panic!()
        };
        t = next;
        let e = run(&t, 1, "A", &mset(1000, 1)).unwrap_err();
        assert!(e.contains("at most 1000"), "{e}");
    }
}
