//! The modes of the tab bar, each a view of the same timeline at the same step: the animated
//! cluster (`animation/`) and the learning material's other eight modes.

pub mod animation;
pub mod flow;
pub mod moments;
pub mod quiz;
pub mod sample;
pub mod snapshot;
pub mod table;
pub mod tracker;
pub mod transcript;

/// One mode of the tab bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mode {
    /// The animated cluster.
    Animation,
    /// The concept flow diagram.
    Flow,
    /// The commands and their replies.
    Sample,
    /// One row per step.
    Table,
    /// Values per step.
    Tracker,
    /// The insights.
    Moments,
    /// The quiz.
    Quiz,
    /// The summary card.
    Snapshot,
    /// Every step as prose.
    Transcript,
}

impl Mode {
    /// Every mode, in tab order.
    pub const ALL: [Mode; 9] = [
        Mode::Animation,
        Mode::Flow,
        Mode::Sample,
        Mode::Table,
        Mode::Tracker,
        Mode::Moments,
        Mode::Quiz,
        Mode::Snapshot,
        Mode::Transcript,
    ];

    /// The tab's name.
    pub fn title(self) -> &'static str {
        match self {
            Mode::Animation => "Animation",
            Mode::Flow => "Concept flow",
            Mode::Sample => "Execution sample",
            Mode::Table => "Execution table",
            Mode::Tracker => "Variable tracker",
            Mode::Moments => "Key moments",
            Mode::Quiz => "Quiz",
            Mode::Snapshot => "Concept snapshot",
            Mode::Transcript => "Full transcript",
        }
    }

    /// A short id for URLs and element ids.
    pub fn id(self) -> &'static str {
        match self {
            Mode::Animation => "animation",
            Mode::Flow => "flow",
            Mode::Sample => "sample",
            Mode::Table => "table",
            Mode::Tracker => "tracker",
            Mode::Moments => "moments",
            Mode::Quiz => "quiz",
            Mode::Snapshot => "snapshot",
            Mode::Transcript => "transcript",
        }
    }

    /// The mode with this id.
    pub fn from_id(id: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.id() == id)
    }

    /// The tab a key moves to from this one in the tab bar, as the ARIA tabs pattern has it:
    /// the arrows to the next or previous tab, round the ends; Home and End to the first and
    /// last. Other keys move nothing.
    pub fn moved_by(self, key: &str) -> Option<Mode> {
        let n = Mode::ALL.len();
        let i = Mode::ALL.iter().position(|&m| m == self)?;
        let to = match key {
            "ArrowRight" => (i + 1) % n,
            "ArrowLeft" => (i + n - 1) % n,
            "Home" => 0,
            "End" => n - 1,
            _ => return None,
        };
        Some(Mode::ALL[to])
    }
}

/// A request to show a mode at a step, of another scenario or of the current timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Open {
    /// The scenario to load first, by id; `None` keeps the current timeline.
    pub scenario: Option<&'static str>,
    /// The step to seek to.
    pub step: usize,
    /// The mode to show.
    pub mode: Mode,
}

/// The indices of at most `2 * radius + 1` steps around `cursor`, for long timelines.
pub fn window(len: usize, cursor: usize, radius: usize) -> std::ops::Range<usize> {
    let start = cursor.saturating_sub(radius);
    let end = (cursor + radius + 1).min(len);
    let start = start.min(end.saturating_sub(2 * radius + 1));
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_stay_inside() {
        assert_eq!(window(10, 0, 2), 0..3);
        assert_eq!(window(10, 9, 2), 5..10);
        assert_eq!(window(3, 1, 5), 0..3);
        assert_eq!(window(100, 50, 2), 48..53);
    }

    #[test]
    fn keys_move_round_the_tab_bar() {
        assert_eq!(Mode::Animation.moved_by("ArrowRight"), Some(Mode::Flow));
        assert_eq!(
            Mode::Transcript.moved_by("ArrowRight"),
            Some(Mode::Animation)
        );
        assert_eq!(
            Mode::Animation.moved_by("ArrowLeft"),
            Some(Mode::Transcript)
        );
        assert_eq!(Mode::Quiz.moved_by("Home"), Some(Mode::Animation));
        assert_eq!(Mode::Flow.moved_by("End"), Some(Mode::Transcript));
        assert_eq!(Mode::Flow.moved_by("ArrowDown"), None);
        assert_eq!(Mode::Flow.moved_by(" "), None);
    }

    #[test]
    fn ids_round_trip() {
        for m in Mode::ALL {
            assert_eq!(Mode::from_id(m.id()), Some(m));
        }
    }
}
