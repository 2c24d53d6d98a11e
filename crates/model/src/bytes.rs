//! [`Bytes`]: an immutable byte string that keeps short keys and values inline.
//!
//! Most keys and values in lessons and benchmarks are a few bytes long. Keeping up to
//! [`INLINE`] bytes inside the 24-byte value saves an allocation per key, which is most of a
//! million-key keyspace's memory; longer strings are shared behind an `Arc`.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::sync::Arc;

/// The longest byte string stored inline.
pub const INLINE: usize = 22;

/// An immutable byte string; cloning it never copies more than 24 bytes.
#[derive(Clone)]
pub struct Bytes(Repr);

#[derive(Clone)]
enum Repr {
    Inline { len: u8, data: [u8; INLINE] },
    Shared(Arc<[u8]>),
}

impl Bytes {
    /// The bytes.
    pub fn as_slice(&self) -> &[u8] {
        match &self.0 {
            Repr::Inline { len, data } => &data[..usize::from(*len)],
            Repr::Shared(s) => s,
        }
    }
}

impl From<&[u8]> for Bytes {
    fn from(b: &[u8]) -> Bytes {
        if b.len() <= INLINE {
            let mut data = [0u8; INLINE];
            data[..b.len()].copy_from_slice(b);
            Bytes(Repr::Inline {
                len: b.len() as u8,
                data,
            })
        } else {
            Bytes(Repr::Shared(Arc::from(b)))
        }
    }
}

impl From<Vec<u8>> for Bytes {
    fn from(b: Vec<u8>) -> Bytes {
        if b.len() <= INLINE {
            Bytes::from(&b[..])
        } else {
            Bytes(Repr::Shared(Arc::from(b)))
        }
    }
}

impl Deref for Bytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        self.as_slice()
    }
}

impl AsRef<[u8]> for Bytes {
    fn as_ref(&self) -> &[u8] {
        self.as_slice()
    }
}

impl std::borrow::Borrow<[u8]> for Bytes {
    fn borrow(&self) -> &[u8] {
        self.as_slice()
    }
}

impl PartialEq for Bytes {
    fn eq(&self, other: &Bytes) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl Eq for Bytes {}

impl PartialOrd for Bytes {
    fn partial_cmp(&self, other: &Bytes) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Bytes {
    fn cmp(&self, other: &Bytes) -> Ordering {
        self.as_slice().cmp(other.as_slice())
    }
}

impl Hash for Bytes {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_slice().hash(state);
    }
}

impl fmt::Debug for Bytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.as_slice().fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long_strings_round_trip_and_compare_by_content() {
        let short = Bytes::from(&b"key1"[..]);
        let edge = Bytes::from(vec![7u8; INLINE]);
        let long = Bytes::from(vec![7u8; INLINE + 1]);
        assert_eq!(&short[..], b"key1");
        assert_eq!(edge.len(), INLINE);
        assert_eq!(long.len(), INLINE + 1);
        assert!(edge < long);
        assert_eq!(Bytes::from(&long[..]), long.clone());
        assert_eq!(Bytes::from(Vec::new()).len(), 0);
        assert_eq!(std::mem::size_of::<Bytes>(), 24);
    }
}
