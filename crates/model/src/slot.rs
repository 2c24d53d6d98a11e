//! Hash slots: the 16384 buckets that keys map to. [`Slot`], the key-to-slot function
//! (CRC16/XMODEM from a compile-time table, of the key or of its hash tag: the bytes between
//! the first `{` and the next `}`, when not empty), a short tag for every slot ([`tags`]), and
//! the one run-length grouping of slots ([`runs`], [`ranges`] for printing slot sets).

use std::fmt;

/// The number of hash slots in a Redis Cluster.
pub const SLOT_COUNT: usize = 16384;

/// One hash slot, always in `0..16384`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Slot(u16);

impl Slot {
    /// The slot with this number, if it is in range.
    pub fn new(n: u16) -> Option<Slot> {
        (usize::from(n) < SLOT_COUNT).then_some(Slot(n))
    }

    /// The slot's number.
    pub fn get(self) -> u16 {
        self.0
    }

    /// The slot's number as an index into per-slot tables.
    pub fn index(self) -> usize {
        usize::from(self.0)
    }

    /// Every slot, in order.
    pub fn all() -> impl Iterator<Item = Slot> {
        (0..SLOT_COUNT as u16).map(Slot)
    }

    /// The slot a key hashes to: CRC16/XMODEM of the key (or of its hash tag) & 0x3FFF.
    pub fn of_key(key: &[u8]) -> Slot {
        Slot(crc16(hash_tag(key)) & 0x3FFF)
    }
}

impl fmt::Display for Slot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// The part of a key that is hashed: the bytes between the first `{` and the first `}` after
/// it, if that is not empty; otherwise the whole key.
pub fn hash_tag(key: &[u8]) -> &[u8] {
    let Some(open) = key.iter().position(|&b| b == b'{') else {
        return key;
    };
    match key[open + 1..].iter().position(|&b| b == b'}') {
        Some(0) | None => key,
        Some(len) => &key[open + 1..open + 1 + len],
    }
}

/// CRC-16/XMODEM of every byte value, computed at compile time (Redis's `crc16tab`).
const CRC16_TABLE: [u16; 256] = {
    let mut table = [0u16; 256];
    let mut i = 0;
    while i < 256 {
        let mut crc = (i as u16) << 8;
        let mut bit = 0;
        while bit < 8 {
            crc = if crc & 0x8000 != 0 {
                (crc << 1) ^ 0x1021
            } else {
                crc << 1
            };
            bit += 1;
        }
        table[i] = crc;
        i += 1;
    }
    table
};

/// CRC-16/XMODEM (poly 0x1021, init 0, no reflection), as Redis Cluster uses.
pub fn crc16(bytes: &[u8]) -> u16 {
    bytes.iter().fold(0u16, |crc, &b| {
        (crc << 8) ^ CRC16_TABLE[usize::from((crc >> 8) as u8 ^ b)]
    })
}

/// A short hash tag for every slot: `{tag}` makes any key hash to that slot.
///
/// Tags are the first strings, in the order `a`..`z`, `aa`.., that hash to each slot.
pub fn tags() -> Vec<String> {
    let mut tags: Vec<Option<String>> = vec![None; SLOT_COUNT];
    let mut missing = SLOT_COUNT;
    let alphabet = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let mut n: u64 = 0;
    while missing > 0 {
        let mut tag = Vec::new();
        let mut x = n;
        loop {
            tag.push(alphabet[(x % 36) as usize]);
            x /= 36;
            if x == 0 {
                break;
            }
            x -= 1;
        }
        let slot = Slot::of_key(&tag).index();
        if tags[slot].is_none() {
            tags[slot] = Some(String::from_utf8_lossy(&tag).into_owned());
            missing -= 1;
        }
        n += 1;
    }
    tags.into_iter().map(Option::unwrap_or_default).collect()
}

/// Groups slots, in the order given, into runs `(first, last, value)` of consecutive slots
/// with equal values: a run ends where the next slot is not the one after the run's last, or
/// its value differs. The one run-length grouping of the model and the app: slot sets as
/// Redis prints them ([`ranges`]), `CLUSTER SLOTS`, the smart client's map, and a node's
/// owner table drawn as a few rectangles ([`View::owner_runs`](crate::node::View::owner_runs)).
///
/// ```
/// use slotscope_model::slot::{runs, Slot};
/// let s = |n| Slot::new(n).unwrap();
/// let owners = [(s(0), 'A'), (s(1), 'A'), (s(2), 'B'), (s(5), 'B')];
/// assert_eq!(
///     runs(owners),
///     vec![(s(0), s(1), 'A'), (s(2), s(2), 'B'), (s(5), s(5), 'B')]
/// );
/// ```
pub fn runs<V: PartialEq>(items: impl IntoIterator<Item = (Slot, V)>) -> Vec<(Slot, Slot, V)> {
    let mut out: Vec<(Slot, Slot, V)> = Vec::new();
    for (slot, value) in items {
        match out.last_mut() {
            Some((_, last, v)) if last.0 + 1 == slot.0 && *v == value => *last = slot,
            _ => out.push((slot, slot, value)),
        }
    }
    out
}

/// A set of slots, in order, as the ranges Redis prints: `0-5460 9189 10923-16383`.
pub fn ranges(slots: impl IntoIterator<Item = Slot>) -> Vec<(Slot, Slot)> {
    runs(slots.into_iter().map(|s| (s, ())))
        .into_iter()
        .map(|(first, last, ())| (first, last))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every test vector of the digest, section 1, as real `CLUSTER KEYSLOT` replied.
    const VECTORS: &[(&str, u16)] = &[
        ("123456789", 12739),
        ("key1", 9189),
        ("{key1}:b", 9189),
        ("foo", 12182),
        ("bar", 5061),
        ("hello", 866),
        ("a", 15495),
        ("b", 3300),
        ("", 0),
        ("{}", 15257),
        ("{}a", 10875),
        ("a{}", 6082),
        ("a{}b", 13694),
        ("{}{abc}", 7878),
        ("{abc}def", 7638),
        ("foo{}{bar}", 8363),
        ("{{a}}", 10276),
        ("{{a}", 10276),
        ("{a", 10276),
        ("{a}}", 15495),
        ("}{a}", 15495),
        ("{a}", 15495),
        ("a{a}b", 15495),
        ("x{a}y{b}", 15495),
        ("a}", 5921),
        ("}a{", 11710),
        ("foo{bar}{zap}", 5061),
        ("foo{{bar}}zap", 4015),
        ("{user1000}.following", 3443),
        ("{user1000}.followers", 3443),
        ("user1000", 3443),
        ("{ }", 9314),
        ("{a b}", 9817),
        ("key:{tag}", 8338),
        ("abc{}def", 15860),
        ("é", 10180),
    ];

    #[test]
    fn digest_vectors() {
        for &(key, slot) in VECTORS {
            assert_eq!(Slot::of_key(key.as_bytes()).get(), slot, "key {key:?}");
        }
    }

    #[test]
    fn crc16_check_value() {
        assert_eq!(crc16(b"123456789"), 0x31C3);
    }

    #[test]
    fn ranges_group_neighbours() {
        let s = |n| Slot::new(n).unwrap();
        let r = ranges([s(0), s(1), s(2), s(5), s(7), s(8)]);
        assert_eq!(r, vec![(s(0), s(2)), (s(5), s(5)), (s(7), s(8))]);
    }

    #[test]
    fn every_slot_has_a_tag() {
        let tags = tags();
        for (i, t) in tags.iter().enumerate() {
            assert_eq!(Slot::of_key(t.as_bytes()).index(), i);
            assert!(t.len() <= 4);
        }
    }

    #[test]
    fn out_of_range_slot_is_refused() {
        assert!(Slot::new(16384).is_none());
        assert_eq!(Slot::new(16383).unwrap().get(), 16383);
    }
}
