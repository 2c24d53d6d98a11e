//! Planners: redis-cli's `--cluster` algorithms, turned into scripts: `reshard` (its
//! per-source quota and slot order), `rebalance` (weights, threshold), `add_node` (MEET) and
//! `fix` (open slots, case by case), and `check`, redis-cli's report on a state. A planner
//! runs its commands on a copy of the model as it goes (to read GETKEYSINSLOT, for instance),
//! and records each one as a script line that also runs unchanged against a real cluster.
//! [`Plan::recording`] instead makes each planned line a timeline step as it goes (one pass,
//! not plan then replay), which the million-key benchmark measures.

pub mod add_node;
pub mod check;
pub mod fix;
pub mod rebalance;
pub mod reshard;

use crate::args::{quote_arg, split_args};
use crate::cluster::Cluster;
use crate::node::Role;
use crate::node_id::NodeIdx;
use crate::reply::Reply;
use crate::script::expand;
use crate::timeline::Timeline;

/// redis-cli's `--cluster-pipeline` default: keys per GETKEYSINSLOT and MIGRATE.
pub const PIPELINE: usize = 10;

/// redis-cli's `--cluster-timeout` default for MIGRATE, in milliseconds.
pub const MIGRATE_TIMEOUT_MS: u64 = 60_000;

/// Why a planner refused, in redis-cli's words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanError(pub String);

impl std::fmt::Display for PlanError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A plan being built: the model it runs on, and the script lines so far.
#[derive(Clone, Debug)]
pub struct Plan {
    /// The model, after every line so far.
    pub cluster: Cluster,
    /// The script lines, in order (`NAME> command`, `wait`, or `# comment`). A recording plan
    /// leaves this empty: its lines are its timeline's step labels.
    pub lines: Vec<String>,
    /// When recording, the timeline each line becomes a step of, as it is planned.
    timeline: Option<Box<Timeline>>,
}

impl Plan {
    /// A plan that starts from `cluster`.
    pub fn new(cluster: Cluster) -> Plan {
        Plan {
            cluster,
            lines: Vec::new(),
            timeline: None,
        }
    }

    /// A plan that runs every line as the next step of `timeline` (from its last snapshot),
    /// so planning and building the timeline are one pass, not two. Its lines are the steps'
    /// labels (comments are not steps, and are dropped).
    pub fn recording(timeline: Timeline) -> Plan {
        Plan {
            cluster: timeline.steps()[timeline.len() - 1].cluster.clone(),
            lines: Vec::new(),
            timeline: Some(Box::new(timeline)),
        }
    }

    /// The recorded timeline, for a plan made with [`Plan::recording`].
    pub fn into_timeline(self) -> Option<Timeline> {
        self.timeline.map(|t| *t)
    }

    /// Runs a recorded line as the timeline's next step; its reply, if it made one.
    fn record(&mut self, line: &str) -> Option<Reply> {
        let timeline = self.timeline.as_mut()?;
        let reply = match timeline.push_text(line) {
            Ok(()) => timeline.steps()[timeline.len() - 1].reply.clone(),
            Err(e) => Some(Reply::err(e.message)),
        };
        self.cluster = timeline.steps()[timeline.len() - 1].cluster.clone();
        Some(reply.unwrap_or_else(Reply::ok))
    }

    /// The script name of a node.
    pub fn name(&self, n: NodeIdx) -> String {
        self.cluster.node(n).name.to_string()
    }

    /// Runs `args` on `node` (with `$NAME` expanded) and records the line.
    /// `args` are written as in a script (quoted where needed, `$NAME` for ids).
    pub fn run(&mut self, node: NodeIdx, args: &[String]) -> Reply {
        let text = args.join(" ");
        let line = format!("{}> {text}", self.name(node));
        if let Some(reply) = self.record(&line) {
            return reply;
        }
        self.lines.push(line);
        let cluster = &self.cluster;
        let id_of = |name: &str| cluster.find(name).map(|n| cluster.id_of(n).to_string());
        let argv: Vec<Vec<u8>> = split_args(&text)
            .unwrap_or_default()
            .iter()
            .map(|a| expand(a, &id_of))
            .collect();
        let conn = self.cluster.script_conn(node);
        self.cluster.execute(conn, &argv).reply
    }

    /// Records a `wait` and delivers the cluster-bus messages until the views agree.
    pub fn wait(&mut self) {
        if self.record("wait").is_none() {
            self.lines.push("wait".into());
            self.cluster.wait(crate::limits::WAIT_ROUNDS);
        }
    }

    /// Records a comment line.
    pub fn comment(&mut self, text: &str) {
        if self.timeline.is_none() {
            self.lines.push(format!("# {text}"));
        }
    }

    /// The masters, in node order.
    pub fn masters(&self) -> Vec<NodeIdx> {
        let view = &self.cluster.nodes()[0].view;
        (0..self.cluster.nodes().len())
            .map(|i| NodeIdx(i as u8))
            .filter(|n| view.peers[n.get()].role == Role::Master)
            .collect()
    }

    /// The slots a node owns in its own view, in order.
    pub fn slots_of(&self, n: NodeIdx) -> Vec<crate::slot::Slot> {
        self.cluster.node(n).view.slots_of(n)
    }

    /// redis-cli's `check` before a reshard or rebalance: the nodes agree and no slot is open.
    pub fn check(&self) -> Result<(), PlanError> {
        let open = self
            .cluster
            .nodes()
            .iter()
            .any(|n| !n.view.open_slots().is_empty());
        if open || !self.cluster.views_agree() {
            return Err(PlanError(
                "*** Please fix your cluster problems before resharding".into(),
            ));
        }
        Ok(())
    }

    /// `clusterManagerMoveSlot` with the UPDATE option: IMPORTING on the target, MIGRATING on
    /// the source, GETKEYSINSLOT and MIGRATE batches until the slot is empty, then SETSLOT
    /// NODE on the target, the source, and every other master.
    pub fn move_slot(
        &mut self,
        source: NodeIdx,
        target: NodeIdx,
        slot: crate::slot::Slot,
    ) -> Result<(), PlanError> {
        let (src, dst) = (self.name(source), self.name(target));
        let s = slot.to_string();
        let ok = |r: Reply, what: &str| {
            if r.is_error() {
                Err(PlanError(format!(
                    "*** {what} failed: {}",
                    r.to_transcript()
                )))
            } else {
                Ok(())
            }
        };
        let r = self.run(
            target,
            &words(&["CLUSTER", "SETSLOT", &s, "IMPORTING", &format!("${src}")]),
        );
        ok(r, "IMPORTING")?;
        let r = self.run(
            source,
            &words(&["CLUSTER", "SETSLOT", &s, "MIGRATING", &format!("${dst}")]),
        );
        ok(r, "MIGRATING")?;
        self.migrate_keys(source, target, slot)?;
        let node_to = words(&["CLUSTER", "SETSLOT", &s, "NODE", &format!("${dst}")]);
        let r = self.run(target, &node_to);
        ok(r, "SETSLOT NODE on the target")?;
        let r = self.run(source, &node_to);
        if r != Reply::err("Please use SETSLOT only with masters.") {
            ok(r, "SETSLOT NODE on the source")?;
        }
        for other in self.masters() {
            if other != source && other != target {
                let r = self.run(other, &node_to);
                ok(r, "SETSLOT NODE")?;
            }
        }
        Ok(())
    }

    /// `clusterManagerMigrateKeysInSlot`: GETKEYSINSLOT on the source and MIGRATE to the
    /// target, batch by batch, until the slot is empty there.
    pub fn migrate_keys(
        &mut self,
        source: NodeIdx,
        target: NodeIdx,
        slot: crate::slot::Slot,
    ) -> Result<(), PlanError> {
        let s = slot.to_string();
        let addr = self.cluster.node(target).addr.clone();
        let (ip, port) = addr.rsplit_once(':').unwrap_or((&addr, "0"));
        let (ip, port) = (ip.to_string(), port.to_string());
        for _ in 0..crate::slot::SLOT_COUNT {
            let keys = match self.run(
                source,
                &words(&["CLUSTER", "GETKEYSINSLOT", &s, &PIPELINE.to_string()]),
            ) {
                Reply::Array(keys) => keys,
                other => {
                    return Err(PlanError(format!(
                        "*** GETKEYSINSLOT failed: {}",
                        other.to_transcript()
                    )))
                }
            };
            if keys.is_empty() {
                return Ok(());
            }
            let mut args = words(&[
                "MIGRATE",
                &ip,
                &port,
                "\"\"",
                "0",
                &MIGRATE_TIMEOUT_MS.to_string(),
                "KEYS",
            ]);
            args.extend(keys.iter().filter_map(|k| match k {
                Reply::Bulk(b) => Some(quote_arg(b)),
                _ => None,
            }));
            let r = self.run(source, &args);
            if r.is_error() {
                return Err(PlanError(format!(
                    "*** MIGRATE failed: {}",
                    r.to_transcript()
                )));
            }
        }
        Ok(())
    }

    /// The plan as a complete script: `prelude` (the cluster line and the starting state),
    /// then the planned lines.
    pub fn script(&self, prelude: &str) -> String {
        let mut out = prelude.trim_end().to_string();
        out.push('\n');
        for l in &self.lines {
            out.push_str(l);
            out.push('\n');
        }
        out
    }
}

fn words(w: &[&str]) -> Vec<String> {
    w.iter().map(|s| s.to_string()).collect()
}

/// The node named `name`, or an error in redis-cli's style.
pub fn node_named(cluster: &Cluster, name: &str) -> Result<NodeIdx, PlanError> {
    cluster
        .find(name)
        .ok_or_else(|| PlanError(format!("*** No such node: {name}")))
}

/// `x` with two decimals, as C's `%.2f` prints it (ties to even), without Rust's float
/// formatter, which would add kilobytes to the web bundle.
pub(crate) fn two_decimals(x: f64) -> String {
    let hundredths = (x * 100.0).round_ties_even() as i64;
    let sign = if hundredths < 0 { "-" } else { "" };
    let h = hundredths.unsigned_abs();
    format!("{sign}{}.{:02}", h / 100, h % 100)
}

/// `num / den` with two decimals, exactly, as `%.2f` prints it.
pub(crate) fn ratio_two_decimals(num: u64, den: u64) -> String {
    let scaled = u128::from(num) * 100;
    let (mut q, r) = (scaled / u128::from(den), scaled % u128::from(den));
    let twice = 2 * r;
    if twice > u128::from(den) || (twice == u128::from(den) && q % 2 == 1) {
        q += 1;
    }
    format!("{}.{:02}", q / 100, q % 100)
}
