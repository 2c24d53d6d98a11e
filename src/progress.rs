//! The learner's quiz progress, kept in localStorage through `gloo-storage` with a schema
//! version. Anything unreadable (corrupt, old or foreign) is discarded with a quiet notice.

use gloo::storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The storage key.
pub const KEY: &str = "slotscope.quiz";

/// The schema version this build writes and reads.
pub const VERSION: u32 = 1;

/// The most answers kept; the oldest question ids go first (they sort by set).
const MAX_ANSWERS: usize = 500;

/// Score, streak and the option chosen for each answered question.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// The schema version.
    pub version: u32,
    /// Questions answered right at the first try.
    pub score: u32,
    /// Questions answered.
    pub answered: u32,
    /// Right answers in a row, now.
    pub streak: u32,
    /// The longest streak so far.
    pub best_streak: u32,
    /// The chosen option, by question id (`material:1`, `walkthrough:42:3`).
    pub answers: BTreeMap<String, u8>,
}

impl Progress {
    /// Empty progress at the current version.
    pub fn new() -> Progress {
        Progress {
            version: VERSION,
            ..Progress::default()
        }
    }

    /// Loads the saved progress. The notice says when something unreadable was discarded.
    pub fn load() -> (Progress, Option<&'static str>) {
        let raw = LocalStorage::raw().get_item(KEY).ok().flatten();
        if raw.is_none() {
            return (Progress::new(), None);
        }
        match LocalStorage::get::<Progress>(KEY) {
            Ok(p) if p.version == VERSION && p.is_sane() => (p, None),
            _ => {
                LocalStorage::delete(KEY);
                (
                    Progress::new(),
                    Some("Saved quiz progress from another version could not be read, so it starts afresh."),
                )
            }
        }
    }

    /// Whether the numbers agree with each other (a hand-edited store may not).
    fn is_sane(&self) -> bool {
        self.score <= self.answered && self.streak <= self.best_streak
    }

    /// Saves; a full or blocked storage only means progress is not kept.
    pub fn save(&self) {
        if LocalStorage::set(KEY, self).is_err() {
            gloo::console::warn!("SlotScope could not save quiz progress");
        }
    }

    /// Records the first answer to question `id`; later answers to it change nothing.
    pub fn answer(&mut self, id: &str, option: usize, right: bool) {
        if self.answers.contains_key(id) {
            return;
        }
        if self.answers.len() >= MAX_ANSWERS {
            if let Some(first) = self.answers.keys().next().cloned() {
                self.answers.remove(&first);
            }
        }
        self.answers.insert(id.to_string(), option.min(255) as u8);
        self.answered += 1;
        if right {
            self.score += 1;
            self.streak += 1;
            self.best_streak = self.best_streak.max(self.streak);
        } else {
            self.streak = 0;
        }
    }

    /// Clears everything, in storage too.
    pub fn reset() -> Progress {
        LocalStorage::delete(KEY);
        Progress::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_count_once() {
        let mut p = Progress::new();
        p.answer("material:1", 1, true);
        p.answer("material:1", 2, false);
        p.answer("material:2", 0, false);
        p.answer("material:3", 0, true);
        assert_eq!((p.score, p.answered, p.streak, p.best_streak), (2, 3, 1, 1));
        assert_eq!(p.answers.get("material:1"), Some(&1));
    }
}
