//! The learner's quiz progress, kept in localStorage (see [`crate::platform::storage`]) as one line
//! with a schema version: `slotscope-quiz/1;score;answered;streak;best;id=option,id=option`.
//! Anything unreadable (corrupt, old or foreign) is discarded with a quiet notice.

/// The storage key.
pub const KEY: &str = "slotscope.quiz";

/// The schema version this build writes and reads.
pub const VERSION: u32 = 1;

/// The prefix of a stored value, up to the version.
const TAG: &str = "slotscope-quiz/";

/// The most answers kept; the oldest go first.
const MAX_ANSWERS: usize = 500;

/// The largest counter a stored value may hold: more answers than a learner can give, far
/// below where a `u32` would overflow.
const MAX_COUNT: u32 = 10_000_000;

/// Score, streak and the option chosen for each answered question.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// Questions answered right at the first try.
    pub score: u32,
    /// Questions answered.
    pub answered: u32,
    /// Right answers in a row, now.
    pub streak: u32,
    /// The longest streak so far.
    pub best_streak: u32,
    /// The chosen option, by question id (`material:1`, `walkthrough:5e1f…:42:3`: scenario, timeline fingerprint, seed, number).
    pub answers: Vec<(String, u8)>,
}

impl Progress {
    /// Empty progress.
    pub fn new() -> Progress {
        Progress::default()
    }

    /// The stored form.
    pub fn encode(&self) -> String {
        let answers: Vec<String> = self
            .answers
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        format!(
            "{TAG}{VERSION};{};{};{};{};{}",
            self.score,
            self.answered,
            self.streak,
            self.best_streak,
            answers.join(",")
        )
    }

    /// Reads the stored form; `None` for anything this version did not write.
    pub fn decode(text: &str) -> Option<Progress> {
        let rest = text.strip_prefix(TAG)?;
        let mut fields = rest.splitn(6, ';');
        let version: u32 = fields.next()?.parse().ok()?;
        if version != VERSION {
            return None;
        }
        let mut number = || {
            fields
                .next()?
                .parse::<u32>()
                .ok()
                .filter(|&n| n <= MAX_COUNT)
        };
        let (score, answered, streak, best_streak) = (number()?, number()?, number()?, number()?);
        let mut answers: Vec<(String, u8)> = Vec::new();
        for pair in fields
            .next()?
            .split(',')
            .filter(|p| !p.is_empty())
            .take(MAX_ANSWERS)
        {
            let (id, option) = pair.split_once('=')?;
            let option: u8 = option.parse().ok().filter(|&o| o < 4)?;
            let valid = !id.is_empty()
                && id.len() <= 80
                && id
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-:_".contains(&b));
            if !valid {
                return None;
            }
            answers.push((id.to_string(), option));
        }
        let p = Progress {
            score,
            answered,
            streak,
            best_streak,
            answers,
        };
        (p.score <= p.answered && p.streak <= p.best_streak && p.best_streak <= p.answered)
            .then_some(p)
    }

    /// Loads the saved progress. The notice says when something unreadable was discarded.
    pub fn load() -> (Progress, Option<&'static str>) {
        let Some(raw) = crate::platform::storage::get(KEY) else {
            return (Progress::new(), None);
        };
        match Progress::decode(&raw) {
            Some(p) => (p, None),
            None => {
                crate::platform::storage::remove(KEY);
                (
                    Progress::new(),
                    Some("Saved quiz progress from another version could not be read, so it starts afresh."),
                )
            }
        }
    }

    /// The progress stored now, if storage has a readable one (another tab may have written
    /// it since this one loaded).
    pub fn stored() -> Option<Progress> {
        Progress::decode(&crate::platform::storage::get(KEY)?)
    }

    /// Saves; a full or blocked storage only means progress is not kept.
    pub fn save(&self) {
        if !crate::platform::storage::set(KEY, &self.encode()) {
            gloo::console::warn!("SlotScope could not save quiz progress");
        }
    }

    /// The option chosen for question `id`, if answered.
    pub fn chosen(&self, id: &str) -> Option<usize> {
        self.answers
            .iter()
            .find(|(k, _)| k == id)
            .map(|&(_, v)| v as usize)
    }

    /// Records the first answer to question `id`; later answers to it change nothing.
    pub fn answer(&mut self, id: &str, option: usize, right: bool) {
        if self.chosen(id).is_some() {
            return;
        }
        if self.answers.len() >= MAX_ANSWERS {
            self.answers.remove(0);
        }
        self.answers.push((id.to_string(), option.min(3) as u8));
        // Saturating: no stored or long-lived counter can overflow.
        self.answered = self.answered.saturating_add(1);
        if right {
            self.score = self.score.saturating_add(1);
            self.streak = self.streak.saturating_add(1);
            self.best_streak = self.best_streak.max(self.streak);
        } else {
            self.streak = 0;
        }
    }

    /// Clears everything, in storage too.
    pub fn reset() -> Progress {
        crate::platform::storage::remove(KEY);
        Progress::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_count_once_and_round_trip() {
        let mut p = Progress::new();
        p.answer("material:1", 1, true);
        p.answer("material:1", 2, false);
        p.answer("material:2", 0, false);
        p.answer("walkthrough:7:42:3", 3, true);
        assert_eq!((p.score, p.answered, p.streak, p.best_streak), (2, 3, 1, 1));
        assert_eq!(Progress::decode(&p.encode()), Some(p));
    }

    #[test]
    fn foreign_or_broken_values_are_refused() {
        for bad in [
            "",
            "{\"version\":1}",
            "slotscope-quiz/2;0;0;0;0;",
            "slotscope-quiz/1;0;0;0",
            "slotscope-quiz/1;5;1;0;0;",
            "slotscope-quiz/1;0;1;0;0;a=9",
            "slotscope-quiz/1;0;1;0;0;<img>=1",
            "slotscope-quiz/1;-1;1;0;0;",
            "slotscope-quiz/1;4294967295;4294967295;4294967295;4294967295;",
            "slotscope-quiz/1;0;10000001;0;0;",
        ] {
            assert_eq!(Progress::decode(bad), None, "{bad}");
        }
        assert!(Progress::decode("slotscope-quiz/1;1;2;1;1;material:1=1,material:2=0").is_some());
    }

    #[test]
    fn counters_saturate() {
        let mut p = Progress {
            score: u32::MAX,
            answered: u32::MAX,
            streak: u32::MAX,
            best_streak: u32::MAX,
            answers: Vec::new(),
        };
        p.answer("material:1", 1, true);
        assert_eq!(
            (p.score, p.answered, p.best_streak),
            (u32::MAX, u32::MAX, u32::MAX)
        );
    }
}
