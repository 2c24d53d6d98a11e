//! The player's state and its reducer: which scenario is loaded, which step is shown, and
//! whether it plays (Yew's `function_todomvc` pattern: one action enum, one reducer).

use slotscope_model::scenario::{Scenario, SCENARIOS};
use slotscope_model::traffic::same_step;
use slotscope_model::{Step, Timeline};
use std::rc::Rc;
use yew::Reducible;

/// The speeds the player offers, as multiples of one step per second.
pub const SPEEDS: &[f64] = &[0.25, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0];

/// [`SPEEDS`] as written in the menu and in addresses (no float formatting in the bundle).
pub const SPEED_LABELS: &[&str] = &["0.25", "0.5", "1", "1.5", "2", "3", "4"];

/// The speed index of 1×.
const NORMAL_SPEED: usize = 2;

/// A timeline shared between renders; two are equal only if they are the same timeline.
#[derive(Clone, Debug)]
pub struct TimelineRef(pub Rc<Timeline>);

impl PartialEq for TimelineRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for TimelineRef {
    type Target = Timeline;
    fn deref(&self) -> &Timeline {
        &self.0
    }
}

/// A script from a link or a file, played as a scenario.
pub static CUSTOM: Scenario = Scenario {
    id: "custom",
    title: "Your script",
    goal: "A script from a link or a file. Step through it like any scenario; the console and the \
           planners fork it, and the share button links to it.",
    script: String::new,
};

/// What the learner can do to the player.
#[derive(Clone, Debug)]
pub enum Action {
    /// One step forward.
    Next,
    /// One step back.
    Prev,
    /// To the starting state.
    First,
    /// To the last step.
    Last,
    /// To step `n` (clamped).
    Seek(usize),
    /// To the step that shows step `n` of the scenario's script, with the background
    /// requests this timeline has (links from key moments and the material's hints).
    SeekScript(usize),
    /// Play or pause.
    TogglePlay,
    /// The play timer fired: one step forward, or stop at the end.
    Tick,
    /// Choose a speed by its index in [`SPEEDS`].
    SetSpeed(usize),
    /// One speed up.
    Faster,
    /// One speed down.
    Slower,
    /// Open a built-in scenario at its first step.
    Load(&'static Scenario),
    /// Replace the timeline with a fork of it (the cursor goes to the fork's first new step).
    Replace(TimelineRef),
    /// Play a custom script's timeline from its first step.
    Open(TimelineRef),
    /// Replace the whole state (the address changed, by the back button).
    Restore(Box<Player>),
    /// Rebuild a built-in scenario with a background client request after every `n` steps.
    SetTraffic(usize),
}

/// The loaded scenario, its timeline and the current step.
#[derive(Clone, Debug)]
pub struct Player {
    /// The scenario being played.
    pub scenario: &'static Scenario,
    /// Its timeline, shared between renders.
    pub timeline: TimelineRef,
    /// The current step index.
    pub cursor: usize,
    /// The step shown before this one (for animating only what changed).
    pub previous: usize,
    /// Whether the play timer runs.
    pub playing: bool,
    /// The index of the speed in [`SPEEDS`].
    pub speed: usize,
    /// A script error, if the scenario failed to build (never for the built-in ones).
    pub error: Option<String>,
    /// Whether the timeline differs from the scenario's own (forked, or a custom script).
    pub custom: bool,
    /// Background client requests: one after every `traffic` steps (0: none).
    pub traffic: usize,
    /// The indices of the steps those requests added, to keep the learner's place when the
    /// rate changes.
    pub added: Rc<Vec<usize>>,
}

impl Player {
    /// A player at step 0 of a scenario.
    pub fn new(scenario: &'static Scenario) -> Player {
        Player::with_traffic(scenario, 0)
    }

    /// A player at step 0 of a scenario, with background client requests.
    pub fn with_traffic(scenario: &'static Scenario, traffic: usize) -> Player {
        let script = (scenario.script)();
        let (timeline, added, error) =
            match slotscope_model::traffic::with_traffic_marked(&script, traffic) {
                Ok((t, added)) => (t, added, None),
                Err(e) => (fallback_timeline(), Vec::new(), Some(e.to_string())),
            };
        Player {
            scenario,
            timeline: TimelineRef(Rc::new(timeline)),
            cursor: 0,
            previous: 0,
            playing: false,
            speed: NORMAL_SPEED,
            error,
            custom: false,
            traffic,
            added: Rc::new(added),
        }
    }

    /// A player at step 0 of a custom script's timeline.
    pub fn custom(timeline: TimelineRef) -> Player {
        Player {
            scenario: &CUSTOM,
            timeline,
            cursor: 0,
            previous: 0,
            playing: false,
            speed: NORMAL_SPEED,
            error: None,
            custom: true,
            traffic: 0,
            added: Rc::default(),
        }
    }

    /// The current step.
    pub fn step(&self) -> &Step {
        &self.timeline.steps()[self.cursor]
    }

    /// The index of the last step.
    pub fn last(&self) -> usize {
        self.timeline.len() - 1
    }
}

/// A bare three-master cluster, shown with the error when a scenario does not build.
fn fallback_timeline() -> Timeline {
    // A constant that always parses: no user input reaches this arm. (Not `Result::expect`,
    // which would bring the error's `Debug` formatting into the bundle.)
    match Timeline::from_script("cluster A B C") {
        Ok(t) => t,
        Err(_) => unreachable!("the fallback cluster always builds"),
    }
}

impl Default for Player {
    fn default() -> Player {
        Player::new(&SCENARIOS[0])
    }
}

impl PartialEq for Player {
    fn eq(&self, other: &Player) -> bool {
        self.timeline == other.timeline
            && self.cursor == other.cursor
            && self.playing == other.playing
            && self.speed == other.speed
    }
}

impl Reducible for Player {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let stops_play = matches!(
            action,
            Action::Prev | Action::First | Action::Seek(_) | Action::SeekScript(_) | Action::Last
        );
        let mut next = (*self).clone();
        let last = self.last();
        match action {
            Action::Next => next.cursor = (self.cursor + 1).min(last),
            Action::Prev => next.cursor = self.cursor.saturating_sub(1),
            Action::First => next.cursor = 0,
            Action::Last => next.cursor = last,
            Action::Seek(n) => next.cursor = n.min(last),
            Action::SeekScript(n) => next.cursor = same_step(n, &[], &self.added).min(last),
            Action::TogglePlay => {
                next.playing = !self.playing;
                if next.playing && self.cursor == last {
                    next.cursor = 0;
                }
            }
            Action::Tick => {
                if self.cursor < last {
                    next.cursor = self.cursor + 1;
                }
                next.playing = next.cursor < last;
            }
            Action::SetSpeed(i) => next.speed = i.min(SPEEDS.len() - 1),
            Action::Faster => next.speed = (self.speed + 1).min(SPEEDS.len() - 1),
            Action::Slower => next.speed = self.speed.saturating_sub(1),
            Action::Replace(timeline) => {
                next.cursor = timeline.cursor();
                next.timeline = timeline;
                next.playing = false;
                next.custom = true;
            }
            Action::Restore(player) => return Rc::new(*player),
            Action::Open(timeline) => {
                let mut fresh = Player::custom(timeline);
                fresh.speed = self.speed;
                return Rc::new(fresh);
            }
            Action::SetTraffic(n) if !self.custom => {
                let mut fresh = Player::with_traffic(self.scenario, n);
                fresh.speed = self.speed;
                // The same step of the script, now with the new rate's requests around it
                // (within the new timeline, should it be the fallback).
                fresh.cursor = same_step(self.cursor, &self.added, &fresh.added).min(fresh.last());
                fresh.previous = fresh.cursor;
                return Rc::new(fresh);
            }
            Action::SetTraffic(_) => return self,
            Action::Load(scenario) => {
                let mut fresh = Player::with_traffic(scenario, self.traffic);
                fresh.speed = self.speed;
                return Rc::new(fresh);
            }
        }
        if stops_play {
            next.playing = false;
        }
        next.previous = self.cursor;
        if next == *self {
            return self;
        }
        Rc::new(next)
    }
}
