//! SlotScope's model of a Redis 7 cluster: each node's own view of slot ownership, the
//! migrating and importing flags, keys grouped by slot, the cluster bus, and the exact
//! replies and redirections of real Redis. It has no web dependency.
//!
//! Start at [`Cluster::execute`] for commands and [`script`] for the text format that lessons,
//! tests and the console share.

pub mod args;
pub mod atomic;
pub mod bytes;
pub mod client;
pub mod cluster;
pub mod cluster_cmd;
pub mod command;
pub mod console;
pub mod diff;
pub mod event;
pub mod gossip;
pub mod ip;
pub mod keyed;
pub mod keyspace;
pub mod migrate;
pub mod narrate;
pub mod node;
pub mod node_id;
pub mod phase;
pub mod planner;
pub mod quiz;
pub mod reply;
pub mod route;
pub mod scenario;
pub mod script;
pub mod slot;
pub mod slot_map;
pub mod sort;
pub mod tables;
pub mod timeline;
pub mod traffic;

pub use cluster::{Cluster, ConnId, Outcome};
pub use event::Event;
pub use node::{Node, SlotState};
pub use node_id::{NodeId, NodeIdx};
pub use phase::Phase;
pub use reply::Reply;
pub use slot::Slot;
pub use timeline::{Step, Timeline};
