//! Key moments: the learning material's three insights, each corrected where it is imprecise,
//! with a link to the step of the walkthrough that shows it and links to what-if scenarios.
//! The step comes from the walkthrough's timeline ([`Moment::step_in`]: the first step of the
//! moment's phase that succeeded), as the quiz's hints do, so it follows the model, not the
//! text.

use crate::phase::Phase;
use crate::reply::Reply;
use crate::Timeline;

/// One insight: the question, the material's answer, what Redis really does, the phase of
/// the walkthrough that shows it, and what-if scenarios that show what breaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Moment {
    /// The question.
    pub question: &'static str,
    /// The material's answer.
    pub material: &'static str,
    /// What Redis 7 really does.
    pub redis: &'static str,
    /// The phase whose first step shows it.
    pub shows: Phase,
    /// What-if scenarios, by id, with the text of their links.
    pub what_ifs: &'static [(&'static str, &'static str)],
}

impl Moment {
    /// The step of `walkthrough` (the walkthrough scenario's timeline) that shows this
    /// moment: the first step of its phase that succeeded.
    pub fn step_in(&self, walkthrough: &Timeline) -> Option<usize> {
        walkthrough
            .steps()
            .iter()
            .position(|s| s.phase == Some(self.shows) && s.reply == Some(Reply::ok()))
    }
}

/// The three moments.
pub const MOMENTS: [Moment; 3] = [
    Moment {
        question: "Why set the slot IMPORTING on the target before migrating keys?",
        material: "IMPORTING signals the target to accept keys for that slot.",
        redis: "Right, and more precisely: an importing target serves the slot to clients that send \
                ASKING first, and accepts MIGRATE's RESTORE-ASKING. Without IMPORTING, MIGRATE fails \
                with \"Target instance replied with error: MOVED …\" and the keys stay on the source; a \
                client writing a new key bounces between the source's ASK and the target's MOVED.",
        shows: Phase::Importing,
        what_ifs: &[("whatif-no-importing", "Play the what-if: IMPORTING skipped")],
    },
    Moment {
        question: "What happens if we migrate keys before setting MIGRATING on the source?",
        material: "The source might not allow key migration, causing errors.",
        redis: "Imprecise. MIGRATE does not need the MIGRATING flag: the keys move. But the source still \
                owns the slot without the flag, so it answers nil for the keys it already sent instead \
                of ASK. To clients the data looks lost, although the target holds it.",
        shows: Phase::Migrating,
        what_ifs: &[("whatif-no-migrating", "Play the what-if: MIGRATING skipped")],
    },
    Moment {
        question: "Why update slot ownership only after migrating all keys?",
        material: "Updating too early could send clients to the wrong node.",
        redis: "Worse than that: the source refuses SETSLOT NODE while it holds keys, but the target \
                accepts it. The target then claims the slot with a higher configEpoch, and when the \
                source hears it by gossip it deletes the keys it still held, silently. Also mind the \
                order among nodes: the target first, then the source (if the source is told first and \
                the target fails, nobody owns the slot).",
        shows: Phase::SetSlotNode,
        what_ifs: &[
            (
                "whatif-node-early",
                "Play the what-if: the target takes the slot early",
            ),
            ("whatif-stable-midway", "And: STABLE in the middle strands keys"),
        ],
    },
];
