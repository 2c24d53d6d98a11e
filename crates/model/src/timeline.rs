//! A scenario as a list of steps, each with the model snapshot after it (RaftScope's
//! checkpoints): stepping back, scrubbing and deep links are an index into the list, and a
//! fork ([`Timeline::fork_lines`]) discards the future. A timeline also exports itself as a
//! script ([`Timeline::to_script`]) and knows each step's focus slot. A step keeps only its
//! label; [`Step::argv`] splits it again on demand, and [`Timeline::narration`] makes a
//! command step's sentence from the snapshots before and after it.

use crate::cluster::Cluster;
use crate::command::{lookup, Cmd, Keyed, Lookup, Routed};
use crate::event::Event;
use crate::limits::{TIMELINE_STEPS, TIMELINE_VALUE_BYTES};
use crate::narrate;
use crate::node_id::NodeIdx;
use crate::phase::Phase;
use crate::reply::Reply;
use crate::script::{self, Line, LineKind, LineResult, Replayer, ScriptError};
use crate::slot::Slot;

/// One step of a timeline.
#[derive(Clone, Debug)]
pub struct Step {
    /// What ran, as the script writes it (`C> CLUSTER SETSLOT 1234 IMPORTING $A`), or `Start`.
    pub label: String,
    /// The node the command ran on, for command steps.
    pub node: Option<NodeIdx>,
    /// The reply, for command steps.
    pub reply: Option<Reply>,
    /// Side effects: moved keys, lost keys, epoch bumps.
    pub events: Vec<Event>,
    /// The phase marker, if the step belongs to one.
    pub phase: Option<Phase>,
    /// What the step says, for the steps whose words cannot be made again from the snapshots
    /// (the start, `wait`, `sleep`, `note`, client requests). A command's narration is made
    /// on demand by [`Timeline::narration`], so a step does not keep it.
    said: Option<String>,
    /// The slot this step is about: the one its command names, else the previous step's.
    pub focus: Option<Slot>,
    /// The whole model after this step. Clones share structure, so this is cheap.
    pub cluster: Cluster,
    /// The smart client's hops, for `client>` steps.
    pub trace: Option<Box<crate::client::Trace>>,
}

impl Step {
    /// The arguments after `$NAME` expansion, for command and client steps (empty for the
    /// others). A step keeps only its text: this splits the label again, as the replayer did.
    pub fn argv(&self) -> Vec<Vec<u8>> {
        let Some((_, command)) = self.label.split_once('>') else {
            return Vec::new();
        };
        if self.reply.is_none() {
            return Vec::new();
        }
        let c = &self.cluster;
        let id_of = |name: &str| c.find(name).map(|n| c.id_of(n).to_string());
        crate::args::split_args(command)
            .unwrap_or_default()
            .iter()
            .map(|a| script::expand(a, &id_of))
            .collect()
    }

    /// What to show above or beside the step's narration: its label, but only `note` for a
    /// note, whose text is already its narration.
    pub fn heading(&self) -> &str {
        match self.label.strip_prefix("note ") {
            Some(_) if self.node.is_none() => "note",
            _ => &self.label,
        }
    }

    /// A step that is not a command (the start, a `wait`, a `sleep` or a `note`).
    fn plain(
        label: String,
        narration: String,
        phase: Option<Phase>,
        events: Vec<Event>,
        cluster: Cluster,
    ) -> Step {
        Step {
            label,
            node: None,
            reply: None,
            events,
            phase,
            said: Some(narration),
            focus: None,
            cluster,
            trace: None,
        }
    }
}

/// A scenario's steps. The app's player keeps its own cursor (stepping is changing an index
/// into [`Timeline::steps`]); the timeline's [`cursor`](Timeline::cursor) only says where a
/// fork's first new step is.
#[derive(Clone, Debug)]
pub struct Timeline {
    steps: Vec<Step>,
    cursor: usize,
    focus: Option<Slot>,
    names: Vec<String>,
    /// The script lines that build the starting state (the cluster line included).
    prelude: Vec<String>,
    /// The bytes the steps after step 0 created ([`Timeline::kept_bytes`]), within
    /// [`TIMELINE_VALUE_BYTES`].
    bytes: usize,
}

impl Timeline {
    /// Builds the timeline of a script: the lines up to a `start` line (if any) make the
    /// starting state, step 0; every later command, `wait` or `sleep` is one step.
    pub fn from_script(text: &str) -> Result<Timeline, ScriptError> {
        Timeline::from_script_with(text, &mut |_| None)
    }

    /// [`Timeline::from_script`], asking `extra` after every step for one more line to run
    /// (background client requests, for instance).
    pub fn from_script_with(
        text: &str,
        extra: &mut dyn FnMut(&Timeline) -> Option<String>,
    ) -> Result<Timeline, ScriptError> {
        let parsed = script::parse(text)?;
        let mut replayer = Replayer::new(&parsed)?;
        let start_at = parsed
            .lines
            .iter()
            .find(|l| l.kind == LineKind::Start)
            .map_or(0, |l| l.number);
        let mut prelude: Vec<String> = Vec::new();
        if parsed.server == crate::cluster::Server::Valkey9 {
            prelude.push("server valkey-9.0".into());
        }
        prelude.extend(
            text.lines()
                .nth(parsed.cluster_line - 1)
                .map(|l| l.trim().to_string()),
        );
        for line in parsed.lines.iter().filter(|l| l.number < start_at) {
            replayer.run(line);
            if !matches!(line.kind, LineKind::Comment) {
                prelude.push(line.text.trim().to_string());
            }
        }
        let mut timeline = Timeline {
            steps: vec![Step::plain(
                "Start".into(),
                "The starting state: every node agrees who owns each slot.".into(),
                None,
                Vec::new(),
                replayer.cluster,
            )],
            cursor: 0,
            focus: None,
            names: parsed.nodes.iter().map(|(n, _)| n.clone()).collect(),
            prelude,
            bytes: 0,
        };
        // One step per remaining line but comments: reserve them all at once, so a long
        // scenario never holds the old and the new step list together while it grows.
        let lines = parsed
            .lines
            .iter()
            .filter(|l| l.number > start_at && l.kind != LineKind::Comment)
            .count();
        timeline.steps.reserve(lines.min(TIMELINE_STEPS));
        // Each parsed line is dropped as soon as its step exists.
        for line in parsed.lines.into_iter().filter(|l| l.number > start_at) {
            let line = &line;
            let before = timeline.steps.len();
            timeline.push(line)?;
            if timeline.steps.len() > before {
                if let Some(more) = extra(&timeline) {
                    timeline.push_text(&more)?;
                }
            }
        }
        Ok(timeline)
    }

    /// A timeline whose step 0 is `cluster` as it is; `prelude` are the script lines that
    /// would rebuild it (for export). Used to plan from a state built without a script.
    pub fn from_start(cluster: Cluster, prelude: Vec<String>) -> Timeline {
        Timeline {
            names: cluster.nodes().iter().map(|n| n.name.to_string()).collect(),
            steps: vec![Step::plain(
                "Start".into(),
                "The starting state.".into(),
                None,
                Vec::new(),
                cluster,
            )],
            cursor: 0,
            focus: None,
            prelude,
            bytes: 0,
        }
    }

    /// Parses one script line (`A> GET k`, `wait`, …) and appends its step.
    pub fn push_text(&mut self, text: &str) -> Result<(), ScriptError> {
        let number = self.steps.len();
        let kind = script::parse_line(text, &self.names).map_err(|message| ScriptError {
            line: number,
            message,
        })?;
        self.push(&Line {
            number,
            text: text.to_string(),
            kind,
        })
    }

    /// Runs one script line on the last snapshot and appends its step (comments add none).
    pub fn push(&mut self, line: &Line) -> Result<(), ScriptError> {
        if matches!(line.kind, LineKind::Comment | LineKind::Start) {
            return Ok(());
        }
        if self.steps.len() >= TIMELINE_STEPS {
            return Err(ScriptError {
                line: line.number,
                message: format!("a timeline holds at most {TIMELINE_STEPS} steps"),
            });
        }
        let before = &self.steps[self.steps.len() - 1].cluster;
        let mut replayer = Replayer {
            cluster: before.clone(),
        };
        let result = replayer.run(line);
        let after = replayer.cluster;
        let label = line.text.trim().to_string();
        let previous_focus = self.steps[self.steps.len() - 1].focus;
        let mut step = match result {
            LineResult::Command {
                node,
                argv,
                outcome,
            } => {
                if self.focus.is_none() {
                    self.focus = focus_of(&argv);
                }
                Step {
                    focus: slot_of_command(&argv),
                    said: None,
                    phase: Phase::of_command(&argv).filter(|_| !outcome.reply.is_error()),
                    node: Some(node),
                    label,
                    reply: Some(outcome.reply),
                    events: outcome.events,
                    cluster: after,
                    trace: None,
                }
            }
            LineResult::Client { argv, trace } => Step {
                focus: slot_of_command(&argv),
                said: Some(format!(
                    "The application asks for `{}`. {}",
                    label.trim_start_matches("client>").trim(),
                    trace.narrate()
                )),
                phase: None,
                node: trace.hops.last().map(|h| h.node),
                label,
                reply: Some(trace.reply.clone()),
                events: Vec::new(),
                cluster: after,
                trace: Some(Box::new(trace)),
            },
            LineResult::Wait(report) => Step::plain(
                label,
                narrate::wait(&after, &report),
                Some(Phase::Gossip),
                report.events,
                after,
            ),
            LineResult::Sleep(ms) => Step::plain(
                label,
                format!("{ms} ms pass; keys whose TTL ran out expire."),
                None,
                Vec::new(),
                after,
            ),
            LineResult::Note(text) => Step::plain(label, text, None, Vec::new(), after),
            LineResult::Comment => return Ok(()),
        };
        step.focus = step.focus.or(previous_focus);
        let bytes = self.bytes + Timeline::kept_bytes(&step);
        if bytes > TIMELINE_VALUE_BYTES {
            return Err(ScriptError {
                line: line.number,
                message: format!(
                    "the timeline's steps would hold {} MB of values and command lines; a timeline holds at most {} MB (each step keeps its own copy of a value that grows). Use smaller values or fewer steps.",
                    bytes.div_ceil(1 << 20),
                    TIMELINE_VALUE_BYTES >> 20
                ),
            });
        }
        self.bytes = bytes;
        self.steps.push(step);
        Ok(())
    }

    /// The bytes `step` adds to what a timeline keeps: its line, and for an `APPEND` the
    /// length of the value it leaves, which the step's snapshot holds a copy of (other writes
    /// store at most their arguments; MIGRATE and gossip share values between snapshots).
    pub fn kept_bytes(step: &Step) -> usize {
        let grown = match &step.reply {
            Some(Reply::Integer(n)) if *n > 0 => {
                let argv = step.argv();
                let append = Cmd::Routed(Routed::Keyed(Keyed::Append));
                match lookup(&argv) {
                    Lookup::Found(spec) if spec.cmd == append => *n as usize,
                    _ => 0,
                }
            }
            _ => 0,
        };
        step.label.len() + grown
    }

    /// Keeps steps `0..=at` and appends `lines` (script lines, such as a planner's), as one
    /// fork. Nothing changes if any line fails.
    pub fn fork_lines(&self, at: usize, lines: &[String]) -> Result<Timeline, ScriptError> {
        let mut t = self.clone();
        t.steps.truncate(at.min(t.steps.len() - 1) + 1);
        t.bytes = t.steps[1..].iter().map(Timeline::kept_bytes).sum();
        for line in lines {
            t.push_text(line)?;
        }
        t.cursor = (at + 1).min(t.steps.len() - 1);
        Ok(t)
    }

    /// The timeline as a script: the starting state, a `start` line, then one line per step.
    pub fn to_script(&self) -> String {
        let mut out = self.prelude.join("\n");
        out.push_str("\nstart\n");
        for step in &self.steps[1..] {
            out.push_str(&step.label);
            out.push('\n');
        }
        out
    }

    /// A 64-bit FNV-1a hash of the script that replays this timeline ([`Timeline::to_script`]:
    /// its prelude and every step's line), without building that text. Two timelines of
    /// different scripts differ here even with the same number of steps, so the quiz keys its
    /// answers by it.
    pub fn fingerprint(&self) -> u64 {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        let lines = self.prelude.iter().map(String::as_str).chain(["start"]);
        for line in lines.chain(self.steps[1..].iter().map(|s| s.label.as_str())) {
            for &b in line.as_bytes().iter().chain(b"\n") {
                hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
            }
        }
        hash
    }

    /// The steps.
    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    /// One sentence for step `i`: what happened and why. A command's is made from the
    /// snapshots before and after it; other steps keep theirs.
    pub fn narration(&self, i: usize) -> String {
        let Some(step) = self.steps.get(i) else {
            return String::new();
        };
        if let Some(said) = &step.said {
            return said.clone();
        }
        let before = i.checked_sub(1).and_then(|b| self.steps.get(b));
        match (before, step.node, &step.reply) {
            (Some(before), Some(node), Some(reply)) => narrate::command(
                &before.cluster,
                &step.cluster,
                node,
                &step.argv(),
                reply,
                &step.events,
            ),
            _ => String::new(),
        }
    }

    /// The node names, by index.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The number of steps, the starting state included.
    pub fn len(&self) -> usize {
        self.steps.len()
    }

    /// Whether there are no steps (never true: step 0 always exists).
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    /// The first new step of a fork ([`Timeline::fork_lines`]), where the player goes when it
    /// swaps the fork in; 0 for a timeline built from a script.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// The slot the scenario is about: the first slot a SETSLOT names.
    pub fn focus_slot(&self) -> Option<Slot> {
        self.focus
    }

    /// The slot step `i` is about (see [`Step::focus`]), else the scenario's focus slot.
    pub fn focus_at(&self, i: usize) -> Option<Slot> {
        self.steps.get(i).and_then(|s| s.focus).or(self.focus)
    }

    /// The steps that carry a phase marker, for the scrubber.
    pub fn markers(&self) -> impl Iterator<Item = (usize, Phase)> + '_ {
        self.steps
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.phase.map(|p| (i, p)))
    }
}

/// The slot a command is about: the slot of a CLUSTER SETSLOT, GETKEYSINSLOT or
/// COUNTKEYSINSLOT, or the slot of the first key of a keyed command.
fn slot_of_command(argv: &[Vec<u8>]) -> Option<Slot> {
    use crate::args::is;
    if let Some(s) = focus_of(argv) {
        return Some(s);
    }
    if argv.len() >= 3
        && is(&argv[0], "cluster")
        && (is(&argv[1], "getkeysinslot") || is(&argv[1], "countkeysinslot"))
    {
        return crate::args::parse_i64(&argv[2])
            .and_then(|n| u16::try_from(n).ok())
            .and_then(Slot::new);
    }
    if let crate::command::Lookup::Found(spec) = crate::command::lookup(argv) {
        if let Some(&p) = spec.key_positions(argv).first() {
            return Some(Slot::of_key(&argv[p]));
        }
    }
    None
}

fn focus_of(argv: &[Vec<u8>]) -> Option<Slot> {
    use crate::args::{is, parse_i64};
    if argv.len() >= 3 && is(&argv[0], "cluster") && is(&argv[1], "setslot") {
        return parse_i64(&argv[2])
            .and_then(|n| u16::try_from(n).ok())
            .and_then(Slot::new);
    }
    None
}
