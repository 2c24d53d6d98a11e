//! SlotScope's model of a Redis 7 cluster: each node's own view of slot ownership, the
//! migrating and importing flags, keys grouped by slot, the cluster bus, and the exact
//! replies and redirections of real Redis. It has no web dependency.
//!
//! Start at [`Cluster::execute`] for commands and [`script`] for the text format that lessons,
//! tests and the console share. The modules, by what they are about (each file's own
//! documentation has the detail):
//!
//! - slots and storage: [`slot`], [`slot_map`] and the owner table (`slot_table.rs`),
//!   [`bytes`], [`keyspace`], [`sort`];
//! - the cluster: [`node`], [`node_id`], [`cluster`], [`gossip`], [`event`], [`ip`];
//! - commands: [`command`] (the table and [`command::Cmd`]), [`route`], [`keyed`],
//!   [`cluster_cmd`], [`migrate`], [`atomic`], [`reply`], [`args`], and the smart [`client`];
//! - scripts and timelines: [`script`], [`timeline`], [`narrate`], [`phase`], [`tables`],
//!   [`traffic`], [`console`], and every input bound in [`limits`];
//! - teaching: [`scenario`], [`planner`], [`quiz`], [`moments`].

// The unit tests go into no bundle: they may sort and unwrap (the rules in /clippy.toml).
#![cfg_attr(test, allow(clippy::disallowed_methods))]

pub mod args;
pub mod atomic;
pub mod bytes;
pub mod client;
pub mod cluster;
pub mod cluster_cmd;
pub mod command;
pub mod console;
pub mod event;
pub mod gossip;
pub mod ip;
pub mod keyed;
pub mod keyspace;
pub mod limits;
pub mod migrate;
pub mod moments;
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
mod slot_table;
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
