//! Full transcript: every step's narration as prose, the current paragraph highlighted, and
//! a print stylesheet for handouts.

use super::window;
use crate::state::player::TimelineRef;
use yew::prelude::*;

/// The transcript's inputs.
pub struct TranscriptProps {
    /// The timeline.
    pub timeline: TimelineRef,
    /// The step shown.
    pub cursor: usize,
}

/// The full transcript mode.
pub fn full_transcript(props: &TranscriptProps) -> Html {
    let t = &props.timeline;
    let range = window(t.len(), props.cursor, 150);
    html! {
        <div class="transcript">
            if range.start > 0 { <p class="elided">{format!("… {} earlier steps", range.start)}</p> }
            { for range.clone().map(|i| {
                let step = &t.steps()[i];
                let current = i == props.cursor;
                html! {
                    <p class={classes!("transcript-step", current.then_some("current"))} aria-current={current.then_some("step")}>
                        <span class="step-no">{format!("Step {i}. ")}</span>
                        if i > 0 { <code>{step.heading()}</code>{" — "} }
                        {t.narration(i)}
                    </p>
                }
            }) }
            if range.end < t.len() { <p class="elided">{format!("… {} later steps", t.len() - range.end)}</p> }
        </div>
    }
}
