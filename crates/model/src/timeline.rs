//! A scenario as a list of steps, each with the model snapshot after it (RaftScope's
//! checkpoints): stepping back, scrubbing and deep links are an index into the list.

use crate::cluster::Cluster;
use crate::event::Event;
use crate::narrate;
use crate::node_id::NodeIdx;
use crate::phase::Phase;
use crate::reply::Reply;
use crate::script::{self, LineKind, LineResult, Replayer, ScriptError};
use crate::slot::Slot;

/// The most steps a timeline may hold.
pub const MAX_STEPS: usize = 10_000;

/// One step of a timeline.
#[derive(Clone, Debug)]
pub struct Step {
    /// The script line number that made this step (0 for the starting state).
    pub line: usize,
    /// The node the command ran on, for command steps.
    pub node: Option<NodeIdx>,
    /// What ran, as the script writes it (`C> CLUSTER SETSLOT 1234 IMPORTING $A`), or `Start`.
    pub label: String,
    /// The arguments after `$NAME` expansion, for command steps.
    pub argv: Vec<Vec<u8>>,
    /// The reply, for command steps.
    pub reply: Option<Reply>,
    /// Side effects: moved keys, lost keys, epoch bumps.
    pub events: Vec<Event>,
    /// The phase marker, if the step belongs to one.
    pub phase: Option<Phase>,
    /// One sentence: what happened and why.
    pub narration: String,
    /// The whole model after this step. Clones share structure, so this is cheap.
    pub cluster: Cluster,
}

/// A scenario's steps, with a cursor.
#[derive(Clone, Debug)]
pub struct Timeline {
    steps: Vec<Step>,
    cursor: usize,
    focus: Option<Slot>,
}

impl Timeline {
    /// Builds the timeline of a script: the lines up to a `start` line (if any) make the
    /// starting state, step 0; every later command, `wait` or `sleep` is one step.
    pub fn from_script(text: &str) -> Result<Timeline, ScriptError> {
        let parsed = script::parse(text)?;
        let mut replayer = Replayer::new(&parsed)?;
        let start_at = parsed
            .lines
            .iter()
            .find(|l| l.kind == LineKind::Start)
            .map_or(0, |l| l.number);
        let mut steps = Vec::new();
        let mut focus = None;
        for line in parsed.lines.iter().filter(|l| l.number < start_at) {
            replayer.run(line);
        }
        steps.push(Step {
            line: 0,
            node: None,
            label: "Start".into(),
            argv: Vec::new(),
            reply: None,
            events: Vec::new(),
            phase: None,
            narration: "The starting state: every node agrees who owns each slot.".into(),
            cluster: replayer.cluster.clone(),
        });
        for line in parsed.lines.iter().filter(|l| l.number > start_at) {
            if matches!(line.kind, LineKind::Comment | LineKind::Start) {
                continue;
            }
            if steps.len() >= MAX_STEPS {
                return Err(ScriptError {
                    line: line.number,
                    message: format!("a timeline holds at most {MAX_STEPS} steps"),
                });
            }
            let before = replayer.cluster.clone();
            let result = replayer.run(line);
            let after = replayer.cluster.clone();
            let label = line.text.trim().to_string();
            let step = match result {
                LineResult::Command {
                    node,
                    argv,
                    outcome,
                } => {
                    if focus.is_none() {
                        focus = focus_of(&argv);
                    }
                    Step {
                        line: line.number,
                        node: Some(node),
                        narration: narrate::command(
                            &before,
                            &after,
                            node,
                            &argv,
                            &outcome.reply,
                            &outcome.events,
                        ),
                        phase: Phase::of_command(&argv).filter(|_| !outcome.reply.is_error()),
                        label,
                        argv,
                        reply: Some(outcome.reply),
                        events: outcome.events,
                        cluster: after,
                    }
                }
                LineResult::Wait(report) => Step {
                    line: line.number,
                    node: None,
                    label,
                    argv: Vec::new(),
                    reply: None,
                    narration: narrate::wait(&after, &report),
                    events: report.events,
                    phase: Some(Phase::Gossip),
                    cluster: after,
                },
                LineResult::Sleep(ms) => Step {
                    line: line.number,
                    node: None,
                    label,
                    argv: Vec::new(),
                    reply: None,
                    narration: format!("{ms} ms pass; keys whose TTL ran out expire."),
                    events: Vec::new(),
                    phase: None,
                    cluster: after,
                },
                LineResult::Comment => continue,
            };
            steps.push(step);
        }
        Ok(Timeline {
            steps,
            cursor: 0,
            focus,
        })
    }

    /// The steps.
    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    /// The number of steps, the starting state included.
    pub fn len(&self) -> usize {
        self.steps.len()
    }

    /// Whether there are no steps (never true: step 0 always exists).
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    /// The current step's index.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// The current step.
    pub fn current(&self) -> &Step {
        &self.steps[self.cursor]
    }

    /// Jumps to step `i`, clamped to the last step.
    pub fn seek(&mut self, i: usize) -> &Step {
        self.cursor = i.min(self.steps.len() - 1);
        self.current()
    }

    /// Moves one step forward, if there is one.
    // A player's `next`, not an iterator's: it clamps at the end and never returns `None`.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> &Step {
        self.seek(self.cursor + 1)
    }

    /// Moves one step back, if there is one.
    pub fn prev(&mut self) -> &Step {
        self.seek(self.cursor.saturating_sub(1))
    }

    /// The slot the scenario is about: the first slot a SETSLOT names, or the first key's slot.
    pub fn focus_slot(&self) -> Option<Slot> {
        self.focus
    }
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
