//! The state a page address asks for: `?quiz=<seed>` opens the quiz with that set. Every value
//! is parsed defensively; anything unreadable is ignored.

use crate::modes::Mode;

/// The longest query string read; the rest is ignored.
const MAX_QUERY: usize = 4096;

/// What the address asks for at start-up.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Start {
    /// The mode to open.
    pub mode: Option<Mode>,
    /// The quiz seed.
    pub quiz_seed: Option<u64>,
}

impl Start {
    /// Parses a query string (with or without its `?`).
    pub fn parse(query: &str) -> Start {
        let mut start = Start::default();
        for (key, value) in pairs(query) {
            if key == "quiz" {
                if let Ok(seed) = value.parse::<u64>() {
                    start.quiz_seed = Some(seed);
                    start.mode = Some(Mode::Quiz);
                }
            }
        }
        start
    }

    /// The state the page's own address asks for.
    pub fn from_location() -> Start {
        let query = gloo::utils::window()
            .location()
            .search()
            .unwrap_or_default();
        Start::parse(&query)
    }
}

/// The `key=value` pairs of a query string, percent-decoded, capped at [`MAX_QUERY`] bytes.
pub fn pairs(query: &str) -> Vec<(String, String)> {
    let query = query.strip_prefix('?').unwrap_or(query);
    let mut end = query.len().min(MAX_QUERY);
    while !query.is_char_boundary(end) {
        end -= 1;
    }
    query[..end]
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect()
}

/// Percent-decoding (`+` is a space); malformed escapes are kept as they are.
pub fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h << 4 | l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quiz_seed_opens_the_quiz() {
        let s = Start::parse("?quiz=42");
        assert_eq!((s.mode, s.quiz_seed), (Some(Mode::Quiz), Some(42)));
        assert_eq!(Start::parse("?quiz=-1"), Start::default());
        assert_eq!(Start::parse("quiz=%34%32x"), Start::default());
    }

    #[test]
    fn decoding_survives_junk() {
        assert_eq!(decode("a%20b+c"), "a b c");
        assert_eq!(decode("%"), "%");
        assert_eq!(decode("%4"), "%4");
        assert_eq!(decode("%zz"), "%zz");
        assert_eq!(decode("%e2%82%ac"), "€");
        assert_eq!(pairs(&"x".repeat(100_000)).len(), 1);
        assert_eq!(
            pairs("é=1&&b"),
            vec![("é".into(), "1".into()), ("b".into(), "".into())]
        );
    }
}
