//! The transcript `slotscope replay` prints: the script's lines as written, a header naming
//! each node's id and address, and every reply indented under its line (a client request's
//! hops as comments, a `wait`'s rounds and messages).

use super::{parse, Line, LineResult, Replayer, Script, ScriptError};
use crate::cluster::Cluster;
use crate::node_id::NodeIdx;
use std::fmt::Write as _;

/// The transcript lines for the cluster line: the line, then `# A = <id> <ip:port>` per node.
pub fn transcript_header(script: &Script, text_of_cluster_line: &str, cluster: &Cluster) -> String {
    let mut out = format!("{text_of_cluster_line}\n");
    for (i, (name, addr)) in script.nodes.iter().enumerate() {
        let outside = if script.outside.contains(name) {
            " (outside the cluster)"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "# {name} = {} {addr}{outside}",
            cluster.id_of(NodeIdx(i as u8))
        );
    }
    out
}

/// The transcript of one line's result: the line as written, then the reply indented.
pub fn transcript_line(line: &Line, result: &LineResult) -> String {
    let mut out = format!("{}\n", line.text);
    let body = match result {
        LineResult::Comment | LineResult::Sleep(_) | LineResult::Note(_) => return out,
        LineResult::Command { outcome, .. } => outcome.reply.to_transcript(),
        LineResult::Client { trace, .. } => {
            let mut body = String::new();
            for hop in &trace.hops {
                let _ = writeln!(
                    body,
                    "# client -> {}: {} -> {}",
                    hop.name,
                    hop.command(),
                    hop.reply_line()
                );
            }
            body.push_str(&trace.reply.to_transcript());
            body
        }
        LineResult::Wait(r) if r.agreed => format!(
            "# views agree after {} heartbeat round(s), {} message(s)",
            r.rounds, r.delivered
        ),
        LineResult::Wait(r) => format!(
            "# views still disagree after {} heartbeat round(s), {} message(s)",
            r.rounds, r.delivered
        ),
    };
    for l in body.lines() {
        let _ = writeln!(out, "  {l}");
    }
    out
}

/// Parses and replays a whole script; returns the transcript.
pub fn replay(text: &str) -> Result<String, ScriptError> {
    let script = parse(text)?;
    let mut replayer = Replayer::new(&script)?;
    let cluster_text = text
        .lines()
        .nth(script.cluster_line - 1)
        .unwrap_or("cluster");
    let mut out = String::new();
    let (before, after): (Vec<&Line>, Vec<&Line>) = script
        .lines
        .iter()
        .partition(|l| l.number < script.cluster_line);
    for line in before {
        let _ = writeln!(out, "{}", line.text);
    }
    out.push_str(&transcript_header(&script, cluster_text, &replayer.cluster));
    for line in after {
        let result = replayer.run(line);
        out.push_str(&transcript_line(line, &result));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transcript_forms() {
        let t = replay("cluster A B C\nA> SET key1 v1\nC> GET key1\nC> CLUSTER KEYSLOT key1\n")
            .unwrap();
        assert!(
            t.contains("A> SET key1 v1\n  -MOVED 9189 127.0.0.1:7002\n"),
            "{t}"
        );
        assert!(
            t.contains("C> CLUSTER KEYSLOT key1\n  (integer) 9189\n"),
            "{t}"
        );
        assert!(t.starts_with("cluster A B C\n# A = "), "{t}");
    }
}
