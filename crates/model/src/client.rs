//! A smart cluster client, as redis-py's or Jedis's: it keeps its own slot map, sends each
//! request to the node the map names, and follows redirections: on `MOVED` it updates the
//! map and retries; on `ASK` it sends `ASKING` then the command to the importing node, once,
//! without touching the map; on `TRYAGAIN` it backs off and retries. It gives up after
//! [`CLIENT_REDIRECTS`] redirections. [`request`] returns every hop ([`Trace`], [`Hop`]);
//! [`redirect_counts`] adds up the redirections of a timeline's requests for the app.

use crate::cluster::{Cluster, ConnId};
use crate::command::{lookup_for, Lookup};
use crate::limits::CLIENT_REDIRECTS;
use crate::reply::Reply;
use crate::slot::{Slot, SLOT_COUNT};
use crate::NodeIdx;
use std::sync::Arc;

/// The client's state: its slot map and its connections.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SmartClient {
    /// The node the client believes owns each slot (empty until the first request).
    map: Arc<Vec<Option<NodeIdx>>>,
    /// The client's own connection to each node, opened on first use.
    conns: Arc<Vec<Option<ConnId>>>,
}

impl SmartClient {
    /// The owner of `slot` in the client's map.
    pub fn owner(&self, slot: Slot) -> Option<NodeIdx> {
        self.map.get(slot.index()).copied().flatten()
    }

    /// Whether the client has loaded its map yet.
    pub fn is_ready(&self) -> bool {
        !self.map.is_empty()
    }

    /// The map as ranges `(first, last, owner)`, for display.
    pub fn ranges(&self) -> Vec<(Slot, Slot, Option<NodeIdx>)> {
        crate::slot::runs(Slot::all().zip(self.map.iter().copied()))
    }
}

/// What happened to one request on the wire.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hop {
    /// The node the client sent to.
    pub node: NodeIdx,
    /// That node's name.
    pub name: String,
    /// What it sent.
    pub argv: Vec<Vec<u8>>,
    /// What came back.
    pub reply: Reply,
}

/// The hops of one request, its final reply, and how many redirections of each kind it met.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Trace {
    /// Every command sent, in order.
    pub hops: Vec<Hop>,
    /// The reply the application gets.
    pub reply: Reply,
    /// MOVED replies met.
    pub moved: u32,
    /// ASK replies met.
    pub ask: u32,
    /// TRYAGAIN replies met.
    pub tryagain: u32,
}

/// The node an `ip:port` names.
fn node_at(cluster: &Cluster, addr: &str) -> Option<NodeIdx> {
    let (host, port) = addr.rsplit_once(':')?;
    cluster.by_addr(host.as_bytes(), port.as_bytes())
}

/// Sends `argv` through the cluster's smart client, following redirections, and returns its
/// trace (a script's `client>` line).
pub fn request(cluster: &mut Cluster, argv: &[Vec<u8>]) -> Trace {
    let mut trace = Trace {
        hops: Vec::new(),
        reply: Reply::Nil,
        moved: 0,
        ask: 0,
        tryagain: 0,
    };
    if !cluster.client.is_ready() {
        // Like a client's start-up CLUSTER SLOTS: the first node's view of the owners.
        cluster.client.map = Arc::new(cluster.nodes()[0].view.owners().collect());
        debug_assert_eq!(cluster.client.map.len(), SLOT_COUNT);
    }
    let valkey = cluster.server() == crate::cluster::Server::Valkey9;
    let slot = match lookup_for(argv, valkey) {
        Lookup::Found(spec) => spec
            .key_positions(argv)
            .first()
            .and_then(|&p| argv.get(p))
            .map(|k| Slot::of_key(k)),
        _ => None,
    };
    let mut target = slot
        .and_then(|s| cluster.client.owner(s))
        .unwrap_or(NodeIdx(0));
    let mut asking = false;
    let mut redirects = 0;
    loop {
        let conn = conn_to(cluster, target);
        if asking {
            let reply = cluster.execute(conn, &[b"ASKING".to_vec()]).reply;
            trace.hops.push(Hop {
                node: target,
                name: cluster.node(target).name.to_string(),
                argv: vec![b"ASKING".to_vec()],
                reply,
            });
        }
        let reply = cluster.execute(conn, argv).reply;
        trace.hops.push(Hop {
            node: target,
            name: cluster.node(target).name.to_string(),
            argv: argv.to_vec(),
            reply: reply.clone(),
        });
        let next = match &reply {
            Reply::Moved { slot, addr } => {
                trace.moved += 1;
                let node = node_at(cluster, addr);
                if let Some(n) = node {
                    Arc::make_mut(&mut cluster.client.map)[slot.index()] = Some(n);
                }
                node.map(|n| (n, false))
            }
            Reply::Ask { addr, .. } => {
                trace.ask += 1;
                node_at(cluster, addr).map(|n| (n, true))
            }
            Reply::Error(e) if e.starts_with("TRYAGAIN") => {
                trace.tryagain += 1;
                Some((target, false))
            }
            _ => None,
        };
        let Some((node, ask)) = next else {
            trace.reply = reply;
            return trace;
        };
        if redirects == CLIENT_REDIRECTS {
            trace.reply = Reply::err(format!(
                "client gave up after {CLIENT_REDIRECTS} redirections (last reply: {})",
                reply.to_transcript().trim_start_matches('-')
            ));
            return trace;
        }
        redirects += 1;
        target = node;
        asking = ask;
    }
}

/// The client's connection to `node`, opened on first use.
fn conn_to(cluster: &mut Cluster, node: NodeIdx) -> ConnId {
    if cluster.client.conns.len() <= node.get() {
        Arc::make_mut(&mut cluster.client.conns).resize(node.get() + 1, None);
    }
    if let Some(c) = cluster.client.conns[node.get()] {
        return c;
    }
    let c = cluster.connect(node);
    Arc::make_mut(&mut cluster.client.conns)[node.get()] = Some(c);
    c
}

impl Hop {
    /// What was sent, as a script or redis-cli would write it (`GET "a b"`).
    pub fn command(&self) -> String {
        let args: Vec<String> = self
            .argv
            .iter()
            .map(|a| crate::args::quote_arg(a))
            .collect();
        args.join(" ")
    }

    /// The first line of the reply's transcript form.
    pub fn reply_line(&self) -> String {
        let reply = self.reply.to_transcript();
        reply.lines().next().unwrap_or("").to_string()
    }
}

impl Trace {
    /// One sentence per hop: where the request went, what came back, what the client did.
    pub fn narrate(&self) -> String {
        let mut parts = Vec::new();
        for (i, hop) in self.hops.iter().enumerate() {
            if hop.argv.len() == 1 && crate::args::is(&hop.argv[0], "asking") {
                continue;
            }
            let first = if i == 0 {
                "The client sent it to"
            } else {
                "then"
            };
            let what = match &hop.reply {
                Reply::Moved { slot, addr } => format!(
                    "{first} {}, which answered MOVED: slot {slot} lives at {addr} now, so the client \
                     updated its slot map and retried there",
                    hop.name
                ),
                Reply::Ask { addr, .. } => format!(
                    "{first} {}, which answered ASK: that key is already at {addr}, so the client sent \
                     ASKING and the command there, once, leaving its map alone",
                    hop.name
                ),
                Reply::Error(e) if e.starts_with("TRYAGAIN") => format!(
                    "{first} {}, which answered TRYAGAIN (the keys are split between two nodes \
                     mid-migration), so the client backed off and retried",
                    hop.name
                ),
                other => format!("{first} {}, which replied {}", hop.name, other.to_transcript()),
            };
            parts.push(what);
        }
        let mut out = parts.join("; ");
        if self
            .reply
            .error_text()
            .is_some_and(|e| e.contains("client gave up"))
        {
            out.push_str(&format!(
                "; after {CLIENT_REDIRECTS} redirections the client gave up"
            ));
        }
        out.push('.');
        out
    }
}

/// The MOVED, ASK and TRYAGAIN counts of the client's requests up to each step, for the
/// timeline's counters: `counts[i]` sums steps `0..=i`.
pub fn redirect_counts(timeline: &crate::Timeline) -> Vec<[u32; 3]> {
    let mut sum = [0u32; 3];
    timeline
        .steps()
        .iter()
        .map(|s| {
            if let Some(t) = &s.trace {
                sum[0] += t.moved;
                sum[1] += t.ask;
                sum[2] += t.tryagain;
            }
            sum
        })
        .collect()
}
