//! Key moments: the material's three insights, each corrected where it is imprecise, with a
//! link to the step or the what-if scenario that shows it.

use yew::prelude::*;

/// The moments' inputs.
pub struct MomentsProps {
    /// Opens a scenario (by id) at a step.
    pub on_open: Callback<(&'static str, usize)>,
}

struct Moment {
    question: &'static str,
    material: &'static str,
    redis: &'static str,
    links: &'static [(&'static str, &'static str, usize)],
}

const MOMENTS: &[Moment] = &[
    Moment {
        question: "Why set the slot IMPORTING on the target before migrating keys?",
        material: "IMPORTING signals the target to accept keys for that slot.",
        redis: "Right, and more precisely: an importing target serves the slot to clients that send ASKING \
                first, and accepts MIGRATE's RESTORE-ASKING. Without IMPORTING, MIGRATE fails with \
                \"Target instance replied with error: MOVED …\" and the keys stay on the source; a client writing \
                a new key bounces between the source's ASK and the target's MOVED.",
        links: &[
            ("walkthrough", "See step 1 of the walkthrough", 1),
            ("whatif-no-importing", "Play the what-if: IMPORTING skipped", 0),
        ],
    },
    Moment {
        question: "What happens if we migrate keys before setting MIGRATING on the source?",
        material: "The source might not allow key migration, causing errors.",
        redis: "Imprecise. MIGRATE does not need the MIGRATING flag: the keys move. But the source still owns \
                the slot without the flag, so it answers nil for the keys it already sent instead of ASK. \
                To clients the data looks lost, although the target holds it.",
        links: &[
            ("walkthrough", "See step 2 of the walkthrough", 2),
            ("whatif-no-migrating", "Play the what-if: MIGRATING skipped", 0),
        ],
    },
    Moment {
        question: "Why update slot ownership only after migrating all keys?",
        material: "Updating too early could send clients to the wrong node.",
        redis: "Worse than that: the source refuses SETSLOT NODE while it holds keys, but the target accepts it. \
                The target then claims the slot with a higher configEpoch, and when the source hears it by \
                gossip it deletes the keys it still held, silently. Also mind the order among nodes: the \
                target first, then the source (if the source is told first and the target fails, nobody owns \
                the slot).",
        links: &[
            ("walkthrough", "See step 4 of the walkthrough", 4),
            ("whatif-node-early", "Play the what-if: the target takes the slot early", 0),
            ("whatif-stable-midway", "And: STABLE in the middle strands keys", 0),
        ],
    },
];

/// The key moments mode.
pub fn key_moments(props: &MomentsProps) -> Html {
    html! {
        <div class="moments">
            { for MOMENTS.iter().map(|m| html! {
                <article class="moment">
                    <h3>{m.question}</h3>
                    <p><strong>{"The material: "}</strong>{m.material}</p>
                    <p><strong>{"What Redis 7 really does: "}</strong>{m.redis}</p>
                    <p class="moment-links">
                        { for m.links.iter().map(|&(id, text, step)| {
                            let on_open = props.on_open.clone();
                            html! { <button type="button" onclick={Callback::from(move |_| on_open.emit((id, step)))}>{text}</button> }
                        }) }
                    </p>
                </article>
            }) }
        </div>
    }
}
