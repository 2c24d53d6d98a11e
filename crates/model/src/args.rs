//! Argument handling shared by commands and scripts: Redis's integer parsing and
//! redis-cli's way of splitting a line into arguments.

/// Parses an integer exactly as Redis's `string2ll` does: no sign but `-`, no leading zeros,
/// no spaces, and within `i64`.
pub fn parse_i64(arg: &[u8]) -> Option<i64> {
    let s = std::str::from_utf8(arg).ok()?;
    let digits = s.strip_prefix('-').unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if digits.len() > 1 && digits.starts_with('0') {
        return None;
    }
    if s == "-0" {
        return None;
    }
    s.parse().ok()
}

/// Case-insensitive comparison of an argument with an ASCII word.
pub fn is(arg: &[u8], word: &str) -> bool {
    arg.eq_ignore_ascii_case(word.as_bytes())
}

/// Why a line could not be split into arguments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SplitError;

/// Splits a line as redis-cli does (`sdssplitargs`): whitespace separates arguments, double
/// quotes allow `\n`, `\r`, `\t`, `\b`, `\a`, `\\`, `\"` and `\xHH`, single quotes allow `\'`,
/// and a closing quote must be followed by a space or the end of the line.
pub fn split_args(line: &str) -> Result<Vec<Vec<u8>>, SplitError> {
    let bytes = line.as_bytes();
    let mut args = Vec::new();
    let mut i = 0;
    loop {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= bytes.len() {
            return Ok(args);
        }
        let mut cur = Vec::new();
        let mut in_dq = false;
        let mut in_sq = false;
        loop {
            let c = bytes.get(i).copied();
            if in_dq {
                match c {
                    None => return Err(SplitError),
                    Some(b'\\') if hex_escape(bytes, i).is_some() => {
                        cur.push(hex_escape(bytes, i).unwrap_or_default());
                        i += 3;
                    }
                    Some(b'\\') if i + 1 < bytes.len() => {
                        i += 1;
                        cur.push(match bytes[i] {
                            b'n' => b'\n',
                            b'r' => b'\r',
                            b't' => b'\t',
                            b'b' => 8,
                            b'a' => 7,
                            other => other,
                        });
                    }
                    Some(b'"') => {
                        if bytes.get(i + 1).is_some_and(|b| !b.is_ascii_whitespace()) {
                            return Err(SplitError);
                        }
                        i += 1;
                        break;
                    }
                    Some(other) => cur.push(other),
                }
            } else if in_sq {
                match c {
                    None => return Err(SplitError),
                    Some(b'\\') if bytes.get(i + 1) == Some(&b'\'') => {
                        i += 1;
                        cur.push(b'\'');
                    }
                    Some(b'\'') => {
                        if bytes.get(i + 1).is_some_and(|b| !b.is_ascii_whitespace()) {
                            return Err(SplitError);
                        }
                        i += 1;
                        break;
                    }
                    Some(other) => cur.push(other),
                }
            } else {
                match c {
                    None => break,
                    Some(b) if b.is_ascii_whitespace() => break,
                    Some(b'"') => in_dq = true,
                    Some(b'\'') => in_sq = true,
                    Some(other) => cur.push(other),
                }
            }
            i += 1;
        }
        args.push(cur);
    }
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// The byte of a `\xHH` escape starting at `i`, if there is one.
fn hex_escape(bytes: &[u8], i: usize) -> Option<u8> {
    if bytes.get(i + 1) != Some(&b'x') {
        return None;
    }
    Some(hex(*bytes.get(i + 2)?)? * 16 + hex(*bytes.get(i + 3)?)?)
}

/// Quotes an argument so that `split_args` gives it back unchanged.
pub fn quote_arg(arg: &[u8]) -> String {
    let plain = !arg.is_empty()
        && arg
            .iter()
            .all(|&b| b.is_ascii_graphic() && b != b'"' && b != b'\'' && b != b'\\');
    if plain {
        String::from_utf8_lossy(arg).into_owned()
    } else {
        crate::reply::quote(arg)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_like_string2ll() {
        assert_eq!(parse_i64(b"0"), Some(0));
        assert_eq!(parse_i64(b"-5"), Some(-5));
        assert_eq!(parse_i64(b"16384"), Some(16384));
        for bad in [
            "",
            "-",
            "-0",
            "01",
            "+1",
            " 1",
            "1.5",
            "abc",
            "99999999999999999999",
        ] {
            assert_eq!(parse_i64(bad.as_bytes()), None, "{bad:?}");
        }
    }

    #[test]
    fn splits_like_redis_cli() {
        let a = split_args(r#"MIGRATE 127.0.0.1 7002 "" 0 5000 KEYS key1 key2"#).unwrap();
        assert_eq!(a[3], b"");
        assert_eq!(a.len(), 9);
        let q = split_args(r#"SET k "a b\n\x41" 'it\'s'"#).unwrap();
        assert_eq!(q[2], b"a b\nA");
        assert_eq!(q[3], b"it's");
        assert!(split_args(r#"GET "abc"#).is_err());
        assert!(split_args(r#"GET "a"b"#).is_err());
        assert!(split_args("GET 'x").is_err());
        assert_eq!(split_args("   ").unwrap().len(), 0);
    }

    #[test]
    fn quote_arg_round_trips() {
        for arg in [&b""[..], b"plain", b"with space", b"q\"uote", b"\xff\x00"] {
            let line = quote_arg(arg);
            assert_eq!(split_args(&line).unwrap(), vec![arg.to_vec()], "{line}");
        }
    }
}
