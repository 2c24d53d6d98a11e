//! Node ids: [`NodeId`], the 40-hex-digit names that cluster nodes know each other by
//! (derived from the node's script name, so stable from run to run), and [`NodeIdx`], a
//! node's index in the cluster's node list, which the model uses everywhere else.

use std::fmt;

/// A node's 40-character lowercase hex id, as `CLUSTER MYID` prints it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NodeId(std::sync::Arc<str>);

impl NodeId {
    /// A stable id derived from a node's name, so that transcripts are reproducible.
    ///
    /// Real nodes pick a random id; the model picks one that looks the same but is the same
    /// on every run.
    pub fn for_name(name: &str) -> NodeId {
        // FNV-1a seeds a splitmix64 stream that yields the 20 bytes of the id.
        let mut seed: u64 = 0xcbf2_9ce4_8422_2325;
        for b in name.bytes() {
            seed ^= u64::from(b);
            seed = seed.wrapping_mul(0x0100_0000_01b3);
        }
        let mut hex = String::with_capacity(40);
        while hex.len() < 40 {
            seed = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = seed;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^= z >> 31;
            hex.push_str(&format!("{z:016x}"));
        }
        hex.truncate(40);
        NodeId(hex.into())
    }

    /// Parses an exact 40-hex-digit id (real Redis accepts no prefixes on the server side).
    pub fn parse(s: &str) -> Option<NodeId> {
        (s.len() == 40 && s.bytes().all(|b| b.is_ascii_hexdigit())).then(|| NodeId(s.into()))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The first eight characters, for compact display.
    pub fn short(&self) -> &str {
        &self.0[..8]
    }
}

impl fmt::Display for NodeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A node's place in the cluster's node list: the model's compact handle for a node.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NodeIdx(pub u8);

impl NodeIdx {
    /// The index as a `usize`, for indexing node lists.
    pub fn get(self) -> usize {
        usize::from(self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_hex_and_distinct() {
        let a = NodeId::for_name("A");
        assert_eq!(a, NodeId::for_name("A"));
        assert_ne!(a, NodeId::for_name("B"));
        assert_eq!(a.as_str().len(), 40);
        assert!(NodeId::parse(a.as_str()).is_some());
        assert!(NodeId::parse(a.short()).is_none());
    }
}
