//! The quiz tab: the material's three questions, with answers checked against what real
//! Redis does. (Generated questions and saved progress come with the quiz issue.)

use yew::prelude::*;

struct Question {
    text: &'static str,
    options: [&'static str; 4],
    answer: usize,
    explanation: &'static str,
}

const QUESTIONS: &[Question] = &[
    Question {
        text: "At which step does the source stop owning the slot?",
        options: ["Step 3", "Step 5", "Step 4", "Step 6"],
        answer: 1,
        explanation: "In the material's table, step 5 (SETSLOT NODE) changes ownership. In real Redis the \
                      source stops owning the slot when it runs SETSLOT NODE itself, or when gossip brings it \
                      the target's claim with a higher configEpoch, whichever comes first.",
    },
    Question {
        text: "After migrating keys, where are they located?",
        options: ["Still on source node", "On both source and target nodes", "Only on target node", "Deleted from both nodes"],
        answer: 2,
        explanation: "MIGRATE deletes each key from the source once the target acknowledged it (unless COPY), so \
                      the keys are only on the target, even though the source still owns the slot.",
    },
    Question {
        text: "If we skipped setting IMPORTING on the target, what would likely happen?",
        options: ["Target node rejects incoming keys", "Keys migrate successfully anyway", "Source node refuses to migrate keys", "Slot ownership updates immediately"],
        answer: 0,
        explanation: "The target answers MOVED to the RESTORE-ASKING, and MIGRATE reports \"Target instance replied \
                      with error: MOVED …\". The keys stay on the source; nothing is lost.",
    },
];

/// The quiz mode.
#[function_component(Quiz)]
pub fn quiz() -> Html {
    let chosen = use_state(|| [None::<usize>; 3]);
    html! {
        <div class="quiz">
            { for QUESTIONS.iter().enumerate().map(|(qi, q)| {
                let pick = chosen[qi];
                html! {
                    <fieldset class="question">
                        <legend>{format!("{}. {}", qi + 1, q.text)}</legend>
                        { for q.options.iter().enumerate().map(|(oi, o)| {
                            let chosen = chosen.clone();
                            let id = format!("q{qi}o{oi}");
                            html! {
                                <div class="option">
                                    <input type="radio" id={id.clone()} name={format!("q{qi}")} checked={pick == Some(oi)}
                                        onchange={Callback::from(move |_| { let mut c = *chosen; c[qi] = Some(oi); chosen.set(c); })} />
                                    <label for={id}>{format!("{} {o}", ["A", "B", "C", "D"][oi])}</label>
                                </div>
                            }
                        }) }
                        <p class="result" aria-live="polite">
                            if let Some(p) = pick {
                                <strong>{ if p == q.answer { "Right. " } else { "Not quite. " } }</strong>
                                {q.explanation}
                            }
                        </p>
                    </fieldset>
                }
            }) }
        </div>
    }
}
