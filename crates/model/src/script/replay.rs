//! [`Replayer`]: runs parsed script lines against a model cluster, one [`LineResult`] per
//! line, expanding `$NAME` to the model's node ids first ([`expand`]; the conformance test
//! expands the same arguments to a real cluster's ids).

use super::{error, Line, LineKind, LineResult, Script, ScriptError};
use crate::cluster::Cluster;
use crate::limits;
use crate::node_id::NodeIdx;

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
            LineKind::Wait => LineResult::Wait(self.cluster.wait(limits::WAIT_ROUNDS)),
            LineKind::Sleep(ms) => {
                self.cluster.advance_clock(*ms);
                LineResult::Sleep(*ms)
            }
            LineKind::Client { argv } => {
                let cluster = &self.cluster;
                let id_of = |name: &str| cluster.find(name).map(|n| cluster.id_of(n).to_string());
                let argv: Vec<Vec<u8>> = argv.iter().map(|a| expand(a, &id_of)).collect();
                let trace = crate::client::request(&mut self.cluster, &argv);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expansion() {
        let id_of = |n: &str| (n == "B").then(|| "bbbb".to_string());
        assert_eq!(expand(b"$B", &id_of), b"bbbb");
        assert_eq!(expand(b"x$B-$Bz$", &id_of), b"xbbbb-$Bz$");
    }
}
