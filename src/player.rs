//! The player's state and its reducer: which scenario is loaded and which step is shown.

use slotscope_model::scenario::{Scenario, SCENARIOS};
use slotscope_model::{Step, Timeline};
use std::rc::Rc;
use yew::Reducible;

/// What the learner can do to the player.
#[derive(Clone, Debug, PartialEq, Eq)]
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
}

/// The loaded scenario, its timeline and the current step.
#[derive(Clone, Debug)]
pub struct Player {
    /// The scenario being played.
    pub scenario: &'static Scenario,
    /// Its timeline, shared between renders.
    pub timeline: Rc<Timeline>,
    /// The current step index.
    pub cursor: usize,
    /// A script error, if the scenario failed to build (never for the built-in ones).
    pub error: Option<String>,
}

impl Player {
    /// A player at step 0 of a scenario.
    pub fn new(scenario: &'static Scenario) -> Player {
        match Timeline::from_script(&(scenario.script)()) {
            Ok(t) => Player {
                scenario,
                timeline: Rc::new(t),
                cursor: 0,
                error: None,
            },
            Err(e) => Player {
                scenario,
                timeline: Rc::new(fallback_timeline()),
                cursor: 0,
                error: Some(e.to_string()),
            },
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
    // A constant that always parses: no user input reaches this `expect`.
    Timeline::from_script("cluster A B C").expect("the fallback cluster always builds")
}

impl Default for Player {
    fn default() -> Player {
        Player::new(&SCENARIOS[0])
    }
}

impl PartialEq for Player {
    fn eq(&self, other: &Player) -> bool {
        Rc::ptr_eq(&self.timeline, &other.timeline) && self.cursor == other.cursor
    }
}

impl Reducible for Player {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let target = match action {
            Action::Next => self.cursor + 1,
            Action::Prev => self.cursor.saturating_sub(1),
            Action::First => 0,
            Action::Last => self.last(),
            Action::Seek(n) => n,
        }
        .min(self.last());
        if target == self.cursor {
            return self;
        }
        let mut next = (*self).clone();
        next.cursor = target;
        Rc::new(next)
    }
}
