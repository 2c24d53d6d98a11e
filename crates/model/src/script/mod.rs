//! The script format that lessons, tests, the console and the planners share:
//!
//! ```text
//! # a comment
//! server valkey-9.0          (optional, before the cluster line; Redis 7.0 by default)
//! cluster A=127.0.0.1:7101 B=127.0.0.1:7102 C=127.0.0.1:7103 +D
//! A> SET key1 v1
//! C> CLUSTER SETSLOT 9189 IMPORTING $B
//! client> GET key1
//! wait
//! sleep 100
//! start
//! note The slot has moved.
//! ```
//!
//! `NAME>` runs a command on that node's connection, `client>` sends it through the smart
//! client, `wait` delivers gossip until the views agree, `sleep MS` moves the clock, `start`
//! ends the starting state, and `note TEXT` is a step that only speaks. `$NAME` in an
//! argument stands for that node's id; a `+NAME` on the cluster line is a master outside the
//! cluster until `CLUSTER MEET`.
//!
//! The types are here; the work is in three files: `parse.rs` (text to [`Script`], one line
//! at a time for the console), `replay.rs` ([`Replayer`]: lines against a model cluster, with
//! `$NAME` expansion) and `transcript.rs` (what `slotscope replay` prints).

mod parse;
mod replay;
mod transcript;

pub use parse::{parse, parse_line};
pub use replay::{expand, Replayer};
pub use transcript::{replay, transcript_header, transcript_line};

use crate::cluster::{Outcome, Server, WaitReport};
use crate::node_id::NodeIdx;

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
    pub server: Server,
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

/// A [`ScriptError`] on `line` (0 for the script as a whole).
fn error(line: usize, message: impl Into<String>) -> ScriptError {
    ScriptError {
        line,
        message: message.into(),
    }
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
