//! The script format that lessons, tests, the console and the planners share, and the
//! replayer that runs a script against the model and writes a transcript.
//!
//! ```text
//! # a comment
//! cluster A=127.0.0.1:7101 B=127.0.0.1:7102 C=127.0.0.1:7103
//! A> SET key1 v1
//! C> CLUSTER SETSLOT 9189 IMPORTING $B
//! wait
//! ```

use crate::args::split_args;
use crate::cluster::{Cluster, Outcome, WaitReport};
use crate::node_id::NodeIdx;
use std::fmt::Write as _;

/// The largest script accepted, in bytes.
pub const MAX_SCRIPT_BYTES: usize = 1 << 20;

/// The most heartbeat rounds one `wait` runs before it gives up on agreement.
pub const WAIT_ROUNDS: usize = 10;

/// The first port of `cluster A B C` (then 7002, 7003, ...).
pub const DEFAULT_FIRST_PORT: u16 = 7001;

/// A script that parsed: the cluster to create and the lines to run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Script {
    /// The masters, as (name, `ip:port`), in order.
    pub nodes: Vec<(String, String)>,
    /// The names written with a leading `+`: empty masters outside the cluster until MEET.
    pub outside: Vec<String>,
    /// The server the script is for (`server valkey-9.0` before the cluster line; Redis 7.0
    /// by default).
    pub server: crate::cluster::Server,
    /// The line number of the `cluster` line.
    pub cluster_line: usize,
    /// The lines after the `cluster` line, comments included.
    pub lines: Vec<Line>,
}

/// One script line after the `cluster` line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// The 1-based line number.
    pub number: usize,
    /// The line as written, without its newline.
    pub text: String,
    /// What it asks for.
    pub kind: LineKind,
}

/// What a script line asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LineKind {
    /// A blank line or a `#` comment.
    Comment,
    /// `NAME> command args...`: a command on NAME's persistent connection. The arguments are
    /// split but `$NAME` is not yet expanded (real and model ids differ).
    Command {
        /// The node's script name.
        node: String,
        /// The split arguments.
        argv: Vec<Vec<u8>>,
    },
    /// `client> command args...`: a request through the smart client, which follows
    /// redirections (see [`crate::client`]).
    Client {
        /// The split arguments (not yet `$NAME`-expanded).
        argv: Vec<Vec<u8>>,
    },
    /// `wait`: deliver cluster-bus messages until the views agree.
    Wait,
    /// `sleep MS`: let time pass (keys with a TTL may expire).
    Sleep(u64),
    /// `start`: everything above is the scenario's starting state (a no-op when replayed).
    Start,
    /// `note TEXT`: a step that changes nothing and says TEXT (a lesson's conclusion).
    Note(String),
}

/// A malformed script line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScriptError {
    /// The 1-based line number (0 for the script as a whole).
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for ScriptError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line == 0 {
            write!(f, "{}", self.message)
        } else {
            write!(f, "line {}: {}", self.line, self.message)
        }
    }
}

fn error(line: usize, message: impl Into<String>) -> ScriptError {
    ScriptError {
        line,
        message: message.into(),
    }
}

fn valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name.len() <= 16
}

/// Parses the `cluster` line's node list.
/// The masters of a cluster line, and the names of those outside the cluster.
type ClusterLine = (Vec<(String, String)>, Vec<String>);

fn parse_cluster_line(rest: &str, number: usize) -> Result<ClusterLine, ScriptError> {
    let mut nodes: Vec<(String, String)> = Vec::new();
    let mut outside = Vec::new();
    for (i, word) in rest.split_whitespace().enumerate() {
        let word = match word.strip_prefix('+') {
            Some(w) => {
                outside.push(w.split('=').next().unwrap_or(w).to_string());
                w
            }
            None => word,
        };
        let (name, addr) = match word.split_once('=') {
            Some((name, addr)) => (name.to_string(), addr.to_string()),
            None => (
                word.to_string(),
                format!("127.0.0.1:{}", u32::from(DEFAULT_FIRST_PORT) + i as u32),
            ),
        };
        if !valid_name(&name) {
            return Err(error(
                number,
                format!("bad node name '{name}': use a letter, then letters, digits or _"),
            ));
        }
        let port = addr.rsplit_once(':').and_then(|(host, p)| {
            (!host.is_empty() && !host.contains(char::is_whitespace))
                .then(|| p.parse::<u16>().ok())
                .flatten()
        });
        if !port.is_some_and(|p| (1..=55535).contains(&p)) {
            return Err(error(
                number,
                format!("bad address '{addr}': use ip:port with a port from 1 to 55535"),
            ));
        }
        if nodes.iter().any(|(n, a)| *n == name || *a == addr) {
            return Err(error(
                number,
                format!("node '{name}' or address '{addr}' appears twice"),
            ));
        }
        nodes.push((name, addr));
    }
    if outside.len() == nodes.len() && !nodes.is_empty() {
        return Err(error(
            number,
            "at least one master must be in the cluster (without +)",
        ));
    }
    if nodes.is_empty() || nodes.len() > crate::cluster::MAX_NODES {
        return Err(error(
            number,
            format!(
                "a cluster line names 1 to {} masters",
                crate::cluster::MAX_NODES
            ),
        ));
    }
    Ok((nodes, outside))
}

/// Parses one line that follows the `cluster` line, given the cluster's node names.
/// The error message does not name the line; callers add the number.
pub fn parse_line(text: &str, names: &[String]) -> Result<LineKind, String> {
    let trimmed = text.trim();
    if trimmed.is_empty() || trimmed.starts_with('#') {
        return Ok(LineKind::Comment);
    }
    if trimmed == "cluster" || trimmed.starts_with("cluster ") {
        return Err("only one cluster line is allowed, at the top".into());
    }
    if trimmed == "wait" {
        return Ok(LineKind::Wait);
    }
    if trimmed == "start" {
        return Ok(LineKind::Start);
    }
    if let Some(text) = trimmed.strip_prefix("note ") {
        return Ok(LineKind::Note(text.trim().to_string()));
    }
    if let Some(ms) = trimmed.strip_prefix("sleep ") {
        return match ms.trim().parse::<u64>() {
            Ok(ms) if ms <= 86_400_000 => Ok(LineKind::Sleep(ms)),
            _ => Err("sleep takes milliseconds, from 0 to 86400000".into()),
        };
    }
    let Some((name, command)) = trimmed.split_once('>') else {
        return Err(format!(
            "expected 'NAME> command', 'wait', 'sleep MS', 'start', 'note TEXT' or '# comment', got '{}'",
            cut(trimmed, 60)
        ));
    };
    let name = name.trim();
    if name == "client" && !names.iter().any(|n| n == name) {
        let argv = split_args(command)
            .map_err(|_| "Invalid argument(s): unbalanced quotes".to_string())?;
        if argv.is_empty() {
            return Err("'client>' needs a command".into());
        }
        return Ok(LineKind::Client { argv });
    }
    if !names.iter().any(|n| n == name) {
        return Err(format!(
            "no node named '{}' in the cluster line",
            cut(name, 20)
        ));
    }
    let argv =
        split_args(command).map_err(|_| "Invalid argument(s): unbalanced quotes".to_string())?;
    if argv.is_empty() {
        return Err(format!("'{name}>' needs a command"));
    }
    Ok(LineKind::Command {
        node: name.to_string(),
        argv,
    })
}

/// Parses a script. Every malformed line is an error that names the line.
pub fn parse(text: &str) -> Result<Script, ScriptError> {
    if text.len() > MAX_SCRIPT_BYTES {
        return Err(error(
            0,
            format!(
                "the script is {} bytes; the limit is {MAX_SCRIPT_BYTES}",
                text.len()
            ),
        ));
    }
    let mut nodes: Option<(Vec<(String, String)>, usize)> = None;
    let mut outside = Vec::new();
    let mut server = crate::cluster::Server::Redis7;
    let mut names: Vec<String> = Vec::new();
    let mut lines = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let number = i + 1;
        let trimmed = raw.trim();
        if let Some(name) = trimmed.strip_prefix("server ") {
            if nodes.is_some() {
                return Err(error(
                    number,
                    "the server line must come before the cluster line",
                ));
            }
            server = match name.trim() {
                "redis-7.0" => crate::cluster::Server::Redis7,
                "valkey-9.0" => crate::cluster::Server::Valkey9,
                other => {
                    return Err(error(
                        number,
                        format!(
                            "unknown server '{}': use redis-7.0 or valkey-9.0",
                            cut(other, 20)
                        ),
                    ))
                }
            };
            continue;
        }
        let is_cluster = trimmed == "cluster" || trimmed.starts_with("cluster ");
        if is_cluster && nodes.is_none() {
            let (parsed, out) = parse_cluster_line(&trimmed["cluster".len()..], number)?;
            names = parsed.iter().map(|(n, _)| n.clone()).collect();
            outside = out;
            nodes = Some((parsed, number));
            continue;
        }
        let kind = parse_line(raw, &names).map_err(|m| error(number, m))?;
        if nodes.is_none() && kind != LineKind::Comment {
            return Err(error(number, "the script must start with a cluster line"));
        }
        lines.push(Line {
            number,
            text: raw.to_string(),
            kind,
        });
    }
    let Some((nodes, cluster_line)) = nodes else {
        return Err(error(0, "the script has no cluster line"));
    };
    Ok(Script {
        nodes,
        outside,
        server,
        cluster_line,
        lines,
    })
}

fn cut(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}

/// Replaces `$NAME` in an argument with NAME's id, for every name `id_of` knows.
pub fn expand(arg: &[u8], id_of: &dyn Fn(&str) -> Option<String>) -> Vec<u8> {
    let mut out = Vec::with_capacity(arg.len());
    let mut i = 0;
    while i < arg.len() {
        if arg[i] == b'$' {
            let end = arg[i + 1..]
                .iter()
                .position(|b| !(b.is_ascii_alphanumeric() || *b == b'_'))
                .map_or(arg.len(), |p| i + 1 + p);
            let name = std::str::from_utf8(&arg[i + 1..end]).unwrap_or("");
            if let Some(id) = id_of(name) {
                out.extend_from_slice(id.as_bytes());
                i = end;
                continue;
            }
        }
        out.push(arg[i]);
        i += 1;
    }
    out
}

/// The result of one script line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LineResult {
    /// A comment: nothing ran.
    Comment,
    /// A request went through the smart client.
    Client {
        /// The arguments after `$NAME` expansion.
        argv: Vec<Vec<u8>>,
        /// Its hops and final reply.
        trace: crate::client::Trace,
    },
    /// A command ran on a node.
    Command {
        /// The node.
        node: NodeIdx,
        /// The arguments after `$NAME` expansion.
        argv: Vec<Vec<u8>>,
        /// The reply and side effects.
        outcome: Outcome,
    },
    /// `wait` delivered messages.
    Wait(WaitReport),
    /// `sleep` moved the clock.
    Sleep(u64),
    /// `note` said something.
    Note(String),
}

/// Runs script lines against a model cluster.
#[derive(Clone, Debug)]
pub struct Replayer {
    /// The model cluster.
    pub cluster: Cluster,
}

impl Replayer {
    /// Creates the script's cluster.
    pub fn new(script: &Script) -> Result<Replayer, ScriptError> {
        Cluster::create_with_outsiders(&script.nodes, &script.outside)
            .map(|mut cluster| {
                cluster.set_server(script.server);
                Replayer { cluster }
            })
            .map_err(|e| error(script.cluster_line, e.0))
    }

    /// Runs one line.
    pub fn run(&mut self, line: &Line) -> LineResult {
        match &line.kind {
            LineKind::Comment | LineKind::Start => LineResult::Comment,
            LineKind::Note(text) => LineResult::Note(text.clone()),
            LineKind::Wait => LineResult::Wait(self.cluster.wait(WAIT_ROUNDS)),
            LineKind::Sleep(ms) => {
                self.cluster.advance_clock(*ms);
                LineResult::Sleep(*ms)
            }
            LineKind::Client { argv } => {
                let cluster = &self.cluster;
                let id_of = |name: &str| cluster.find(name).map(|n| cluster.id_of(n).to_string());
                let argv: Vec<Vec<u8>> = argv.iter().map(|a| expand(a, &id_of)).collect();
                let trace = self.cluster.client_request(&argv);
                LineResult::Client { argv, trace }
            }
            LineKind::Command { node, argv } => {
                let idx = self.cluster.find(node).unwrap_or(NodeIdx(0));
                let cluster = &self.cluster;
                let id_of = |name: &str| cluster.find(name).map(|n| cluster.id_of(n).to_string());
                let argv: Vec<Vec<u8>> = argv.iter().map(|a| expand(a, &id_of)).collect();
                let conn = self.cluster.script_conn(idx);
                let outcome = self.cluster.execute(conn, &argv);
                LineResult::Command {
                    node: idx,
                    argv,
                    outcome,
                }
            }
        }
    }
}

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
    fn parse_errors_name_the_line() {
        let e = parse("cluster A B\nA> GET \"x\n").unwrap_err();
        assert_eq!(e.line, 2);
        let e = parse("# hi\nA> GET x\n").unwrap_err();
        assert_eq!(e.line, 2);
        let e = parse("cluster A B\nZ> GET x\n").unwrap_err();
        assert!(e.message.contains("no node named 'Z'"));
        assert_eq!(parse("cluster A=1.2.3.4:0").unwrap_err().line, 1);
        assert_eq!(parse("cluster A A").unwrap_err().line, 1);
        assert_eq!(parse("cluster A\nbogus").unwrap_err().line, 2);
        assert_eq!(parse("").unwrap_err().line, 0);
    }

    #[test]
    fn default_addresses_and_expansion() {
        let s = parse("cluster A B C\nC> CLUSTER SETSLOT 9189 IMPORTING $B\n").unwrap();
        assert_eq!(s.nodes[2], ("C".to_string(), "127.0.0.1:7003".to_string()));
        let id_of = |n: &str| (n == "B").then(|| "bbbb".to_string());
        assert_eq!(expand(b"$B", &id_of), b"bbbb");
        assert_eq!(expand(b"x$B-$Bz$", &id_of), b"xbbbb-$Bz$");
    }

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
