//! Script text to a [`Script`]: the optional `server` line, the `cluster` line (names,
//! addresses, `+` outsiders), then one [`LineKind`] per line. [`parse_line`] parses a single
//! line for the console and the planners. Every error names its line.

use super::{error, Line, LineKind, Script, ScriptError, DEFAULT_FIRST_PORT};
use crate::args::split_args;
use crate::cluster::Server;
use crate::limits;

/// Parses a script. Every malformed line is an error that names the line.
pub fn parse(text: &str) -> Result<Script, ScriptError> {
    if text.len() > limits::SCRIPT_BYTES {
        return Err(error(
            0,
            format!(
                "the script is {} bytes; the limit is {}",
                text.len(),
                limits::SCRIPT_BYTES
            ),
        ));
    }
    let mut nodes: Option<(Vec<(String, String)>, usize)> = None;
    let mut outside = Vec::new();
    let mut server = Server::Redis7;
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
                "redis-7.0" => Server::Redis7,
                "valkey-9.0" => Server::Valkey9,
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
            Ok(ms) if ms <= limits::SLEEP_MS => Ok(LineKind::Sleep(ms)),
            _ => Err(format!(
                "sleep takes milliseconds, from 0 to {}",
                limits::SLEEP_MS
            )),
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

/// The masters of a cluster line, and the names of those outside the cluster.
type ClusterLine = (Vec<(String, String)>, Vec<String>);

/// Parses the `cluster` line's node list.
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
    if nodes.is_empty() || nodes.len() > limits::CLUSTER_NODES {
        return Err(error(
            number,
            format!(
                "a cluster line names 1 to {} masters",
                limits::CLUSTER_NODES
            ),
        ));
    }
    Ok((nodes, outside))
}

/// A node name: a letter, then letters, digits or `_`, at most [`limits::NODE_NAME_BYTES`].
fn valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name.len() <= limits::NODE_NAME_BYTES
}

/// The first `max` characters of `s`, for quoting input in an error.
fn cut(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
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
    fn default_addresses() {
        let s = parse("cluster A B C\nC> CLUSTER SETSLOT 9189 IMPORTING $B\n").unwrap();
        assert_eq!(s.nodes[2], ("C".to_string(), "127.0.0.1:7003".to_string()));
    }
}
