//! The `#script=` encoding of share links: a small LZ77 compressor and URL-safe base64, with
//! hard limits so that a hostile link can neither panic nor allocate without bound.

use slotscope_model::limits::{LINK_ENCODED_BYTES, LINK_SCRIPT_BYTES};

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const MIN_MATCH: usize = 4;
const MAX_MATCH: usize = 255 + MIN_MATCH;
const WINDOW: usize = 1 << 15;
const HASH_BITS: u32 = 13;

/// Why a link's script could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// Longer than [`LINK_ENCODED_BYTES`] or, decoded, than [`LINK_SCRIPT_BYTES`].
    TooLong,
    /// Not an encoding this build wrote.
    Malformed,
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::TooLong => write!(f, "the script in the link is too long"),
            DecodeError::Malformed => write!(f, "the script in the link is damaged"),
        }
    }
}

fn push_varint(out: &mut Vec<u8>, mut n: usize) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn read_varint(input: &[u8], at: &mut usize) -> Option<usize> {
    let mut n: usize = 0;
    for shift in (0..28).step_by(7) {
        let b = *input.get(*at)?;
        *at += 1;
        n |= ((b & 0x7F) as usize) << shift;
        if b < 0x80 {
            return Some(n);
        }
    }
    None
}

fn hash(bytes: &[u8]) -> usize {
    let v = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
    (v.wrapping_mul(2_654_435_761) >> (32 - HASH_BITS)) as usize
}

/// LZ77: tokens of literal runs (`len << 1`) and matches (`(len - 4) << 1 | 1`, offset).
fn compress(input: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut table = vec![usize::MAX; 1 << HASH_BITS];
    // Earlier positions with the same hash, newest first (a hash chain).
    let mut chain = vec![usize::MAX; input.len()];
    let mut literals_from = 0;
    let mut i = 0;
    let flush = |out: &mut Vec<u8>, from: usize, to: usize| {
        if to > from {
            push_varint(out, (to - from) << 1);
            out.extend_from_slice(&input[from..to]);
        }
    };
    while i + MIN_MATCH <= input.len() {
        let (len, from) = longest_match(input, i, &table, &chain);
        let mut insert = |at: usize| {
            if at + MIN_MATCH <= input.len() {
                let h = hash(&input[at..]);
                chain[at] = table[h];
                table[h] = at;
            }
        };
        if len >= MIN_MATCH {
            flush(&mut out, literals_from, i);
            push_varint(&mut out, ((len - MIN_MATCH) << 1) | 1);
            push_varint(&mut out, i - from);
            for at in i..i + len {
                insert(at);
            }
            i += len;
            literals_from = i;
        } else {
            insert(i);
            i += 1;
        }
    }
    flush(&mut out, literals_from, input.len());
    out
}

/// The longest earlier match for the bytes at `i`, walking at most 32 links of the chain.
fn longest_match(input: &[u8], i: usize, table: &[usize], chain: &[usize]) -> (usize, usize) {
    let mut best = (0, 0);
    let mut candidate = table[hash(&input[i..])];
    for _ in 0..32 {
        if candidate == usize::MAX || i - candidate > WINDOW {
            break;
        }
        let len = input[candidate..]
            .iter()
            .zip(&input[i..])
            .take(MAX_MATCH)
            .take_while(|(a, b)| a == b)
            .count();
        if len > best.0 {
            best = (len, candidate);
        }
        candidate = chain[candidate];
    }
    best
}

fn decompress(input: &[u8]) -> Result<Vec<u8>, DecodeError> {
    let mut out: Vec<u8> = Vec::new();
    let mut at = 0;
    while at < input.len() {
        let token = read_varint(input, &mut at).ok_or(DecodeError::Malformed)?;
        if token & 1 == 0 {
            let len = token >> 1;
            // The encoder never writes an empty literal run.
            if len == 0 {
                return Err(DecodeError::Malformed);
            }
            let bytes = input.get(at..at + len).ok_or(DecodeError::Malformed)?;
            out.extend_from_slice(bytes);
            at += len;
        } else {
            let len = (token >> 1) + MIN_MATCH;
            let offset = read_varint(input, &mut at).ok_or(DecodeError::Malformed)?;
            if len > MAX_MATCH || offset == 0 || offset > out.len() {
                return Err(DecodeError::Malformed);
            }
            let start = out.len() - offset;
            for k in 0..len {
                out.push(out[start + k]);
            }
        }
        if out.len() > LINK_SCRIPT_BYTES {
            return Err(DecodeError::TooLong);
        }
    }
    Ok(out)
}

fn base64(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | (b as u32) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

fn unbase64(text: &str) -> Result<Vec<u8>, DecodeError> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0;
    for c in text.bytes() {
        let v = ALPHABET
            .iter()
            .position(|&a| a == c)
            .ok_or(DecodeError::Malformed)?;
        acc = acc << 6 | v as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Ok(out)
}

/// A script as `1` + base64url(LZ77(text)), or `None` if it is longer than a link allows.
pub fn encode(script: &str) -> Option<String> {
    if script.len() > LINK_SCRIPT_BYTES {
        return None;
    }
    let encoded = format!("1{}", base64(&compress(script.as_bytes())));
    (encoded.len() <= LINK_ENCODED_BYTES).then_some(encoded)
}

/// The script text of an encoded link.
pub fn decode(encoded: &str) -> Result<String, DecodeError> {
    if encoded.len() > LINK_ENCODED_BYTES {
        return Err(DecodeError::TooLong);
    }
    let body = encoded.strip_prefix('1').ok_or(DecodeError::Malformed)?;
    let bytes = decompress(&unbase64(body)?)?;
    String::from_utf8(bytes).map_err(|_| DecodeError::Malformed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use slotscope_model::scenario::SCENARIOS;

    #[test]
    fn scripts_round_trip_and_shrink() {
        let (mut raw, mut coded) = (0, 0);
        for s in SCENARIOS {
            let text = (s.script)();
            if let Some(e) = encode(&text) {
                assert_eq!(decode(&e).unwrap(), text);
                raw += text.len();
                coded += e.len();
            }
        }
        // Even after base64's 4/3, links are shorter than the scripts.
        assert!(coded * 10 < raw * 8, "{coded} vs {raw}");
        for text in [
            "",
            "a",
            "ab",
            "abcabcabcabcabc",
            "ééé€€€ aaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        ] {
            assert_eq!(decode(&encode(text).unwrap()).unwrap(), text);
        }
    }

    /// Links made today must keep opening: these encodings are fixed. A change to the format
    /// must come with a new version prefix (the leading `1`), never silently.
    #[test]
    fn golden_vectors_keep_old_links_working() {
        let vectors = [
            ("", "1"),
            ("a", "1AmE"),
            ("abcabcabcabcabc", "1BmFiYxED"),
            (
                "cluster A B C\nA> GET k\n",
                "1LmNsdXN0ZXIgQSBCIEMKQT4gR0VUIGsK",
            ),
        ];
        for (text, code) in vectors {
            assert_eq!(encode(text).as_deref(), Some(code), "encoding {text:?}");
            assert_eq!(decode(code).as_deref(), Ok(text), "decoding {code:?}");
        }
    }

    #[test]
    fn junk_is_an_error_not_a_panic() {
        for junk in [
            "",
            "0abc",
            "1!!",
            "1_____",
            "1AAAA",
            "1/w",
            "1gICAgICAgICAgICA",
        ] {
            assert_eq!(decode(junk), Err(DecodeError::Malformed), "{junk:?}");
        }
        assert_eq!(decode(&"1A".repeat(20_000)), Err(DecodeError::TooLong));
        // A tiny link that would expand past the limit: one literal, then long matches.
        let mut bytes = vec![2u8, b'a'];
        for _ in 0..400 {
            push_varint(&mut bytes, (255 << 1) | 1);
            push_varint(&mut bytes, 1);
        }
        assert_eq!(
            decode(&format!("1{}", base64(&bytes))),
            Err(DecodeError::TooLong)
        );
    }

    #[test]
    fn random_bytes_never_panic() {
        let mut x: u64 = 1;
        for n in 0..2000 {
            let text: String = (0..n % 97)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    ALPHABET[(x % 64) as usize] as char
                })
                .collect();
            let _ = decode(&format!("1{text}"));
        }
    }
}
