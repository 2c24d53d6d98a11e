//! Replies, as a Redis 7 server sends them, and their transcript form (redis-cli's look).

use crate::slot::Slot;
use std::fmt::Write as _;

/// One RESP2 reply.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reply {
    /// A status reply such as `+OK` or `+NOKEY`.
    Status(std::borrow::Cow<'static, str>),
    /// An error reply, without the leading `-` (for example `ERR syntax error`).
    Error(String),
    /// `-MOVED <slot> <ip:port>`: the slot belongs to another node, in the answering node's view.
    Moved {
        /// The slot of the command's keys.
        slot: Slot,
        /// The address of the node the client should use from now on.
        addr: String,
    },
    /// `-ASK <slot> <ip:port>`: ask once at that node, after `ASKING`; the slot is moving there.
    Ask {
        /// The slot of the command's keys.
        slot: Slot,
        /// The address of the importing node.
        addr: String,
    },
    /// An integer reply.
    Integer(i64),
    /// A bulk string.
    Bulk(crate::bytes::Bytes),
    /// The null bulk string.
    Nil,
    /// An array of replies.
    Array(Vec<Reply>),
}

impl Reply {
    /// `+OK`.
    pub fn ok() -> Reply {
        Reply::Status("OK".into())
    }

    /// An `ERR`-prefixed error.
    pub fn err(msg: impl AsRef<str>) -> Reply {
        Reply::Error(format!("ERR {}", msg.as_ref()))
    }

    /// A bulk string from text.
    pub fn bulk(s: impl AsRef<[u8]>) -> Reply {
        Reply::Bulk(s.as_ref().into())
    }

    /// Whether this is an error of any kind, redirections included.
    pub fn is_error(&self) -> bool {
        matches!(
            self,
            Reply::Error(_) | Reply::Moved { .. } | Reply::Ask { .. }
        )
    }

    /// The error text as Redis sends it after the `-`, if this is an error.
    pub fn error_text(&self) -> Option<String> {
        match self {
            Reply::Error(e) => Some(e.clone()),
            Reply::Moved { slot, addr } => Some(format!("MOVED {slot} {addr}")),
            Reply::Ask { slot, addr } => Some(format!("ASK {slot} {addr}")),
            _ => None,
        }
    }

    /// The reply in the transcript's form, one or more lines without a trailing newline.
    pub fn to_transcript(&self) -> String {
        match self {
            Reply::Bulk(b) if b.contains(&b'\n') => {
                let text = String::from_utf8_lossy(b);
                let mut out = String::from("(bulk, multi-line)");
                for line in text.trim_end_matches('\n').split('\n') {
                    let _ = write!(out, "\n    | {}", line.trim_end_matches('\r'));
                }
                out
            }
            _ => {
                let mut out = String::new();
                format_tty(self, "", &mut out);
                out.trim_end_matches('\n').to_string()
            }
        }
    }
}

/// redis-cli's TTY formatting, including its prefixes for nested arrays.
fn format_tty(reply: &Reply, prefix: &str, out: &mut String) {
    match reply {
        Reply::Status(s) => {
            let _ = writeln!(out, "+{s}");
        }
        Reply::Integer(i) => {
            let _ = writeln!(out, "(integer) {i}");
        }
        Reply::Nil => out.push_str("(nil)\n"),
        Reply::Bulk(b) => {
            out.push_str(&quote(b));
            out.push('\n');
        }
        Reply::Array(items) if items.is_empty() => out.push_str("(empty array)\n"),
        Reply::Array(items) => {
            let width = items.len().to_string().len();
            let child_prefix = format!("{prefix}{}", " ".repeat(width + 2));
            for (i, item) in items.iter().enumerate() {
                let lead = if i == 0 { "" } else { prefix };
                let _ = write!(out, "{lead}{:>width$}) ", i + 1);
                format_tty(item, &child_prefix, out);
            }
        }
        other => {
            let _ = writeln!(out, "-{}", other.error_text().unwrap_or_default());
        }
    }
}

/// Quotes bytes as redis-cli does (`sdscatrepr`): `"a\"b\n\xc3"`.
pub fn quote(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + 2);
    out.push('"');
    for &b in bytes {
        match b {
            b'\\' => out.push_str("\\\\"),
            b'"' => out.push_str("\\\""),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            7 => out.push_str("\\a"),
            8 => out.push_str("\\b"),
            0x20..=0x7e => out.push(char::from(b)),
            _ => {
                let _ = write!(out, "\\x{b:02x}");
            }
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalar_forms() {
        assert_eq!(Reply::ok().to_transcript(), "+OK");
        assert_eq!(Reply::Integer(5).to_transcript(), "(integer) 5");
        assert_eq!(Reply::Nil.to_transcript(), "(nil)");
        assert_eq!(Reply::bulk("v1").to_transcript(), "\"v1\"");
        assert_eq!(
            Reply::err("syntax error").to_transcript(),
            "-ERR syntax error"
        );
        let slot = Slot::new(9189).unwrap();
        let moved = Reply::Moved {
            slot,
            addr: "127.0.0.1:7103".into(),
        };
        assert_eq!(moved.to_transcript(), "-MOVED 9189 127.0.0.1:7103");
    }

    #[test]
    fn arrays_number_their_items() {
        let r = Reply::Array(vec![Reply::bulk("a"), Reply::bulk("b")]);
        assert_eq!(r.to_transcript(), "1) \"a\"\n2) \"b\"");
        assert_eq!(Reply::Array(vec![]).to_transcript(), "(empty array)");
        let nested = Reply::Array(vec![Reply::Array(vec![
            Reply::Integer(0),
            Reply::Integer(1),
        ])]);
        assert_eq!(
            nested.to_transcript(),
            "1) 1) (integer) 0\n   2) (integer) 1"
        );
        let ten = Reply::Array((0..10).map(Reply::Integer).collect());
        assert!(ten.to_transcript().starts_with(" 1) (integer) 0\n 2)"));
        assert!(ten.to_transcript().ends_with("10) (integer) 9"));
    }

    #[test]
    fn multi_line_bulk() {
        let r = Reply::bulk("a:1\r\nb:2\r\n");
        assert_eq!(
            r.to_transcript(),
            "(bulk, multi-line)\n    | a:1\n    | b:2"
        );
    }

    #[test]
    fn quoting_escapes_like_redis_cli() {
        assert_eq!(quote("é\"\n".as_bytes()), "\"\\xc3\\xa9\\\"\\n\"");
    }
}
