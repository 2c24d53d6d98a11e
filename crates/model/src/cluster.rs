//! The whole model cluster: its nodes, client connections (each with its own ASKING flag,
//! READONLY flag and MULTI queue), the cluster bus, the clock, the smart client's state and
//! Valkey's slot migration jobs. [`Cluster::execute`] is the single door every command goes
//! through: lookup and arity, the transaction commands, routing, then the command's own
//! module. [`Cluster::wait`] delivers gossip until the views agree (a script's `wait`).

use crate::command::{Cmd, Lookup, Routed};
use crate::event::Event;
use crate::gossip::{self, BusMessage, MessageKind};
use crate::limits::CLUSTER_NODES;
use crate::node::{Node, PeerView, Role, View};
use crate::node_id::{NodeId, NodeIdx};
use crate::reply::Reply;
use crate::route::{route, Request};
use crate::slot::{Slot, SLOT_COUNT};
use std::collections::VecDeque;
use std::sync::Arc;

/// The model clock's start, in milliseconds (any fixed instant keeps runs reproducible).
pub const CLOCK_START_MS: u64 = 1_700_000_000_000;

/// A handle to one client connection.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ConnId(pub usize);

/// One client connection to one node, with its per-connection flags.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Connection {
    /// The node it is connected to.
    pub node: NodeIdx,
    /// `ASKING` was the previous command (a one-shot flag).
    pub asking: bool,
    /// `READONLY` was sent.
    pub readonly: bool,
    /// The commands queued since `MULTI`, if a transaction is open.
    pub multi: Option<Vec<Vec<Vec<u8>>>>,
    /// A queued command failed, so `EXEC` will abort.
    pub multi_failed: bool,
}

impl Connection {
    fn new(node: NodeIdx) -> Connection {
        Connection {
            node,
            asking: false,
            readonly: false,
            multi: None,
            multi_failed: false,
        }
    }
}

/// The result of one command: the reply and what else happened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// The reply the client reads.
    pub reply: Reply,
    /// Side effects worth showing.
    pub events: Vec<Event>,
}

/// What `wait` did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WaitReport {
    /// Heartbeat rounds run.
    pub rounds: usize,
    /// Messages delivered.
    pub delivered: usize,
    /// Whether every node now has the same owners and epochs.
    pub agreed: bool,
    /// What the deliveries did.
    pub events: Vec<Event>,
}

/// Why a cluster could not be created.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreateError(pub String);

/// A model Redis Cluster of masters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cluster {
    /// Shared between snapshots until a step changes a node.
    nodes: Arc<Vec<Arc<Node>>>,
    ids: Arc<Vec<NodeId>>,
    /// Shared between snapshots until a step changes a connection.
    conns: Arc<Vec<Connection>>,
    /// Shared between snapshots until a step changes it.
    bus: Arc<VecDeque<BusMessage>>,
    now: u64,
    server: Server,
    jobs: Arc<Vec<crate::atomic::SlotJob>>,
    /// The smart client of `client>` lines (see [`crate::client`]).
    pub(crate) client: crate::client::SmartClient,
}

/// Which server the model behaves as.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Server {
    /// Redis 7.0: the behaviour the conformance tests check.
    #[default]
    Redis7,
    /// Valkey 9.0: Redis 7's behaviour plus atomic slot migration (`CLUSTER MIGRATESLOTS`).
    Valkey9,
}

impl Cluster {
    /// Creates masters named and addressed as given, with slots split and configEpochs set
    /// exactly as `redis-cli --cluster create` does, after gossip has converged.
    pub fn create(nodes: &[(String, String)]) -> Result<Cluster, CreateError> {
        Cluster::create_with_outsiders(nodes, &[])
    }

    /// Like [`Cluster::create`], but the nodes named in `outside` are fresh, empty masters that
    /// no one knows yet (and that know no one): `CLUSTER MEET` brings them in.
    pub fn create_with_outsiders(
        nodes: &[(String, String)],
        outside: &[String],
    ) -> Result<Cluster, CreateError> {
        if nodes.is_empty() || nodes.len() > CLUSTER_NODES {
            return Err(CreateError(format!(
                "a cluster needs 1 to {CLUSTER_NODES} masters"
            )));
        }
        for (i, (name, addr)) in nodes.iter().enumerate() {
            if nodes[..i].iter().any(|(n, _)| n == name) {
                return Err(CreateError(format!("node {name} is named twice")));
            }
            if nodes[..i].iter().any(|(_, a)| a == addr) {
                return Err(CreateError(format!("address {addr} is used twice")));
            }
        }
        let joined: Vec<usize> = (0..nodes.len())
            .filter(|&i| !outside.contains(&nodes[i].0))
            .collect();
        if joined.is_empty() {
            return Err(CreateError(
                "at least one master must be in the cluster".into(),
            ));
        }
        let ids: Vec<NodeId> = nodes.iter().map(|(n, _)| NodeId::for_name(n)).collect();
        let mut member_view = View::new(nodes.len());
        for (k, &i) in joined.iter().enumerate() {
            member_view.peers[i] = PeerView {
                config_epoch: k as u64 + 1,
                role: Role::Master,
                known: true,
            };
        }
        member_view.current_epoch = joined.len() as u64;
        for (k, (first, last)) in create_split(joined.len()).into_iter().enumerate() {
            if let (Some(first), Some(last)) = (Slot::new(first), Slot::new(last)) {
                member_view.set_owner_range(first, last, Some(NodeIdx(joined[k] as u8)));
            }
        }
        let nodes: Vec<Node> = nodes
            .iter()
            .enumerate()
            .map(|(i, (name, addr))| {
                let view = if joined.contains(&i) {
                    member_view.clone()
                } else {
                    let mut v = View::new(nodes.len());
                    v.peers[i].known = true;
                    v
                };
                Node {
                    name: name.as_str().into(),
                    id: ids[i].clone(),
                    me: NodeIdx(i as u8),
                    addr: addr.as_str().into(),
                    view,
                    keys: Default::default(),
                }
            })
            .collect();
        let conns = (0..nodes.len())
            .map(|i| Connection::new(NodeIdx(i as u8)))
            .collect();
        Ok(Cluster {
            nodes: Arc::new(nodes.into_iter().map(Arc::new).collect()),
            ids: Arc::new(ids),
            conns: Arc::new(conns),
            bus: Arc::new(VecDeque::new()),
            now: CLOCK_START_MS,
            server: Server::Redis7,
            jobs: Arc::default(),
            client: Default::default(),
        })
    }

    /// Which server the model behaves as.
    pub fn server(&self) -> Server {
        self.server
    }

    /// Makes the model behave as `server`.
    pub fn set_server(&mut self, server: Server) {
        self.server = server;
    }

    /// The atomic slot migration jobs (Valkey 9 only).
    pub fn jobs(&self) -> &[crate::atomic::SlotJob] {
        &self.jobs
    }

    /// The smart client's state (its slot map), as `client>` lines left it.
    pub fn client(&self) -> &crate::client::SmartClient {
        &self.client
    }

    pub(crate) fn jobs_mut(&mut self) -> &mut Vec<crate::atomic::SlotJob> {
        Arc::make_mut(&mut self.jobs)
    }

    /// The nodes, by index.
    pub fn nodes(&self) -> &[Arc<Node>] {
        &self.nodes
    }

    /// One node.
    pub fn node(&self, idx: NodeIdx) -> &Node {
        &self.nodes[idx.get()]
    }

    /// The node with this script name.
    pub fn find(&self, name: &str) -> Option<NodeIdx> {
        self.nodes
            .iter()
            .position(|n| &*n.name == name)
            .map(|i| NodeIdx(i as u8))
    }

    /// The node listening on `host:port` (`localhost` counts as `127.0.0.1`).
    pub fn by_addr(&self, host: &[u8], port: &[u8]) -> Option<NodeIdx> {
        let host = if host.eq_ignore_ascii_case(b"localhost") {
            &b"127.0.0.1"[..]
        } else {
            host
        };
        let mut addr = host.to_vec();
        addr.push(b':');
        addr.extend_from_slice(port);
        self.nodes
            .iter()
            .position(|n| n.addr.as_bytes() == addr.as_slice())
            .map(|i| NodeIdx(i as u8))
    }

    /// The node ids, by index.
    pub fn ids(&self) -> &[NodeId] {
        &self.ids
    }

    /// The persistent connection that scripts use for a node (`A> ...`).
    pub fn script_conn(&self, node: NodeIdx) -> ConnId {
        ConnId(node.get())
    }

    /// Opens a new client connection to a node.
    pub fn connect(&mut self, node: NodeIdx) -> ConnId {
        Arc::make_mut(&mut self.conns).push(Connection::new(node));
        ConnId(self.conns.len() - 1)
    }

    /// A connection's state.
    pub fn connection(&self, conn: ConnId) -> Option<&Connection> {
        self.conns.get(conn.0)
    }

    /// The model clock, in milliseconds.
    pub fn now(&self) -> u64 {
        self.now
    }

    /// Moves the clock forward and expires the keys that are due, on every node.
    pub fn advance_clock(&mut self, ms: u64) {
        self.now = self.now.saturating_add(ms);
        let now = self.now;
        if self.nodes.iter().any(|n| n.keys.has_expiring()) {
            for node in Arc::make_mut(&mut self.nodes) {
                if node.keys.has_expiring() {
                    Arc::make_mut(node).keys.expire_due(now);
                }
            }
        }
    }

    /// Stores a key on a node directly, as if it had always been there (no routing, no
    /// reply): for loading large starting states in benchmarks.
    pub fn seed_key(&mut self, node: NodeIdx, key: &[u8], value: &[u8]) {
        self.node_mut(node).keys.set(key, value.into(), None);
    }

    /// The messages on the bus, oldest first.
    pub fn pending(&self) -> impl Iterator<Item = &BusMessage> {
        self.bus.iter()
    }

    /// Runs one command on a connection. Every input gives a reply; none panics.
    pub fn execute(&mut self, conn: ConnId, argv: &[Vec<u8>]) -> Outcome {
        let mut events = Vec::new();
        let Some(c) = self.conns.get(conn.0).cloned() else {
            return Outcome {
                reply: Reply::err("no such connection"),
                events,
            };
        };
        let asking = c.asking;
        if asking {
            self.conn_mut(conn).asking = false;
        }
        let reply = self.dispatch(conn, c, asking, argv, &mut events);
        Outcome { reply, events }
    }

    fn dispatch(
        &mut self,
        conn: ConnId,
        c: Connection,
        asking: bool,
        argv: &[Vec<u8>],
        events: &mut Vec<Event>,
    ) -> Reply {
        let in_multi = c.multi.is_some();
        let spec = match crate::command::lookup_for(argv, self.server == Server::Valkey9) {
            Lookup::Found(spec) if spec.arity_ok(argv.len()) => spec,
            found => {
                let reply = match found {
                    Lookup::UnknownSubcommand => reject(format!(
                        "unknown subcommand '{}'. Try CLUSTER HELP.",
                        lossy(&argv[1], 128)
                    )),
                    Lookup::Found(spec) => Reply::err(format!(
                        "wrong number of arguments for '{}' command",
                        spec.name
                    )),
                    Lookup::Unknown => unknown_command(argv),
                };
                if in_multi {
                    self.conn_mut(conn).multi_failed = true;
                }
                return reply;
            }
        };
        let routed = match spec.cmd {
            Cmd::Multi if in_multi => return Reply::err("MULTI calls can not be nested"),
            Cmd::Multi => {
                self.conn_mut(conn).multi = Some(Vec::new());
                self.conn_mut(conn).multi_failed = false;
                return Reply::ok();
            }
            Cmd::Exec if !in_multi => return Reply::err("EXEC without MULTI"),
            Cmd::Discard if !in_multi => return Reply::err("DISCARD without MULTI"),
            Cmd::Discard => {
                self.conn_mut(conn).multi = None;
                return Reply::ok();
            }
            Cmd::Exec => {
                let queued = self.conn_mut(conn).multi.take().unwrap_or_default();
                if std::mem::take(&mut self.conn_mut(conn).multi_failed) {
                    return Reply::Error(
                        "EXECABORT Transaction discarded because of previous errors.".into(),
                    );
                }
                let c = self.conns[conn.0].clone();
                let replies = queued
                    .iter()
                    .map(|argv| self.dispatch(conn, c.clone(), false, argv, events))
                    .collect();
                return Reply::Array(replies);
            }
            Cmd::Routed(routed) => routed,
        };
        let request = Request {
            spec,
            argv,
            asking,
            cmd_asking: false,
            readonly: c.readonly,
            now: self.now,
        };
        if let Err(redirect) = route(&self.nodes[c.node.get()], &request, &self.nodes) {
            if in_multi {
                self.conn_mut(conn).multi_failed = true;
            }
            return redirect;
        }
        if self.conns[conn.0].multi.is_some() {
            if let Some(queue) = self.conn_mut(conn).multi.as_mut() {
                queue.push(argv.to_vec());
            }
            return Reply::Status("QUEUED".into());
        }
        self.run(conn, c.node, routed, argv, events)
    }

    /// Runs a routed command that routing let through, on `node`.
    fn run(
        &mut self,
        conn: ConnId,
        node: NodeIdx,
        cmd: Routed,
        argv: &[Vec<u8>],
        events: &mut Vec<Event>,
    ) -> Reply {
        match cmd {
            Routed::Asking => {
                self.conn_mut(conn).asking = true;
                Reply::ok()
            }
            Routed::Readonly | Routed::Readwrite => {
                self.conn_mut(conn).readonly = cmd == Routed::Readonly;
                Reply::ok()
            }
            Routed::Ping => match argv.get(1) {
                Some(msg) => Reply::Bulk(msg[..].into()),
                None => Reply::Status("PONG".into()),
            },
            Routed::Echo => Reply::Bulk(argv[1][..].into()),
            Routed::Migrate => crate::migrate::migrate(self, node, argv, events),
            // Only MIGRATE sends it, and not through here (see `Routed::RestoreAsking`).
            Routed::RestoreAsking => unknown_command(argv),
            Routed::Cluster(sub) => crate::cluster_cmd::run(self, node, sub, argv, events),
            Routed::Keyed(cmd) => {
                // Reads leave the keyspace shared; only a write copies the node.
                let mut keys = self.nodes[node.get()].keys.clone();
                let reply = crate::keyed::run(cmd, argv, &mut keys, self.now);
                if !keys.same_as(&self.nodes[node.get()].keys) {
                    self.node_mut(node).keys = keys;
                }
                reply
            }
        }
    }

    /// Mutable access to a node, for the command modules (copies the node list if a
    /// snapshot shares it).
    pub(crate) fn node_mut(&mut self, idx: NodeIdx) -> &mut Node {
        Arc::make_mut(&mut Arc::make_mut(&mut self.nodes)[idx.get()])
    }

    /// Mutable access to a connection (copies the connection list if a snapshot shares it).
    fn conn_mut(&mut self, conn: ConnId) -> &mut Connection {
        &mut Arc::make_mut(&mut self.conns)[conn.0]
    }

    /// Puts a message on the bus. A newer PONG from the same node to the same peer replaces
    /// one still queued: the receiver would read both in order, and the newer one carries the
    /// newer state, so only the newest matters (and long reshards keep a short queue).
    pub(crate) fn send(&mut self, msg: BusMessage) {
        if msg.kind == MessageKind::Pong {
            if let Some(i) = self
                .bus
                .iter()
                .position(|m| m.kind == MessageKind::Pong && m.from == msg.from && m.to == msg.to)
            {
                Arc::make_mut(&mut self.bus)[i] = msg;
                return;
            }
        }
        Arc::make_mut(&mut self.bus).push_back(msg);
    }

    /// Sends a PONG from `from` to every node it knows (`clusterBroadcastPong`).
    pub(crate) fn broadcast_pong(&mut self, from: NodeIdx) {
        let sender = &self.nodes[from.get()];
        let template = BusMessage::heartbeat(sender, from, MessageKind::Pong);
        let peers: Vec<NodeIdx> = (0..self.nodes.len())
            .map(|i| NodeIdx(i as u8))
            .filter(|&to| to != from && sender.knows(to))
            .collect();
        for to in peers {
            self.send(BusMessage {
                to,
                ..template.clone()
            });
        }
    }

    /// Queues one heartbeat round: every node PINGs every node it knows.
    pub fn heartbeat(&mut self) {
        for from in 0..self.nodes.len() {
            let sender = &self.nodes[from];
            let template = BusMessage::heartbeat(sender, NodeIdx(from as u8), MessageKind::Ping);
            let peers: Vec<NodeIdx> = (0..self.nodes.len())
                .map(|i| NodeIdx(i as u8))
                .filter(|&to| to.get() != from && sender.knows(to))
                .collect();
            for to in peers {
                self.send(BusMessage {
                    to,
                    ..template.clone()
                });
            }
        }
    }

    /// `CLUSTER MEET`: `from` greets the node at `to`, which will then know it.
    pub(crate) fn meet(&mut self, from: NodeIdx, to: NodeIdx) {
        let msg = BusMessage::heartbeat(&self.nodes[from.get()], to, MessageKind::Meet);
        self.send(msg);
    }

    /// Delivers the oldest message on the bus; returns it and what it did.
    pub fn deliver_next(&mut self) -> Option<(BusMessage, Vec<Event>)> {
        if self.bus.is_empty() {
            return None;
        }
        let msg = Arc::make_mut(&mut self.bus).pop_front()?;
        let mut events = Vec::new();
        let ids = self.ids.clone();
        let replies = gossip::receive(self.node_mut(msg.to), &msg, &ids, &mut events);
        for reply in replies {
            self.send(reply);
        }
        Some((msg, events))
    }

    /// Delivers the pending messages, then heartbeat rounds, until a round changes nothing
    /// (at most `max_rounds`). This is the script's `wait`.
    pub fn wait(&mut self, max_rounds: usize) -> WaitReport {
        let mut report = WaitReport {
            rounds: 0,
            delivered: 0,
            agreed: false,
            events: Vec::new(),
        };
        let drain = |cluster: &mut Cluster, report: &mut WaitReport| {
            // Each delivery can answer with at most one message per peer, so this is bounded.
            let limit = 64 * cluster.nodes.len() * cluster.nodes.len() + cluster.bus.len();
            for _ in 0..limit {
                let Some((_, events)) = cluster.deliver_next() else {
                    break;
                };
                report.delivered += 1;
                report.events.extend(events);
            }
        };
        crate::atomic::run_jobs(self, &mut report.events);
        drain(self, &mut report);
        while report.rounds < max_rounds {
            let before = self.nodes.clone();
            self.heartbeat();
            drain(self, &mut report);
            report.rounds += 1;
            if self.nodes == before {
                break;
            }
        }
        report.agreed = self.views_agree();
        report
    }

    /// Whether every node has the same slot owners, roles, configEpochs and known nodes in its view.
    pub fn views_agree(&self) -> bool {
        let first = &self.nodes[0].view;
        self.nodes
            .iter()
            .all(|n| n.view.peers == first.peers && n.view.same_owners(first))
    }

    /// Every key on every node, with the node, for invariant checks and the UI.
    pub fn all_keys(&self) -> Vec<(NodeIdx, crate::keyspace::Bytes)> {
        self.nodes
            .iter()
            .flat_map(|n| n.keys.iter().map(move |(k, _)| (n.me, k.clone())))
            .collect()
    }

    /// The id the bus uses for tie-breaks, and that `$NAME` expands to.
    pub fn id_of(&self, node: NodeIdx) -> &NodeId {
        &self.ids[node.get()]
    }

    /// The node with this exact id.
    pub fn by_id(&self, id: &[u8]) -> Option<NodeIdx> {
        self.ids
            .iter()
            .position(|i| i.as_str().as_bytes() == id)
            .map(|i| NodeIdx(i as u8))
    }
}

/// How `redis-cli --cluster create` splits the slots among `n` masters (its float cursor).
pub fn create_split(n: usize) -> Vec<(u16, u16)> {
    let per_node = SLOT_COUNT as f32 / n as f32;
    let mut cursor = 0.0f32;
    let mut first: i64 = 0;
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let mut last = (cursor + per_node - 1.0).round() as i64;
        if last > SLOT_COUNT as i64 || i == n - 1 {
            last = SLOT_COUNT as i64 - 1;
        }
        if last < first {
            last = first;
        }
        out.push((first as u16, last as u16));
        first = last + 1;
        cursor += per_node;
    }
    out
}

/// Text of an argument for an error message, cut to `max` bytes.
fn lossy(arg: &[u8], max: usize) -> String {
    String::from_utf8_lossy(&arg[..arg.len().min(max)]).into_owned()
}

/// An error as `rejectCommandFormat` sends it: newlines become spaces.
fn reject(msg: String) -> Reply {
    Reply::err(msg.replace(['\r', '\n'], " "))
}

/// Redis's reply to a command it does not know, which the model gives to every command it
/// does not implement: real Redis may have it (WATCH, HSET) or not (FOO), and a message that
/// told the two apart would need the whole of Redis's command table. Redis 7.0's own text,
/// so the conformance test compares it with a real server's; the console adds a line that
/// points at `help`.
fn unknown_command(argv: &[Vec<u8>]) -> Reply {
    let mut args = String::new();
    for a in argv.iter().skip(1) {
        if args.len() >= 128 {
            break;
        }
        let room = 128 - args.len();
        args.push_str(&format!("'{}' ", lossy(a, room)));
    }
    let name = argv.first().map(|a| lossy(a, 128)).unwrap_or_default();
    reject(format!(
        "unknown command '{name}', with args beginning with: {args}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_splits_like_redis_cli() {
        assert_eq!(
            create_split(3),
            vec![(0, 5460), (5461, 10922), (10923, 16383)]
        );
        assert_eq!(create_split(1), vec![(0, 16383)]);
        let four = create_split(4);
        assert_eq!(four[0], (0, 4095));
        assert_eq!(four[3].1, 16383);
    }
}
