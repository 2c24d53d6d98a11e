//! Execution sample: the scenario's commands with their real replies, the current one
//! highlighted, with the node ids the right way round.

use super::window;
use crate::state::player::TimelineRef;
use yew::prelude::*;

/// The sample's inputs.
pub struct SampleProps {
    /// The timeline.
    pub timeline: TimelineRef,
    /// The step shown.
    pub cursor: usize,
    /// Seek to a step.
    pub on_seek: Callback<usize>,
}

/// The execution sample mode.
pub fn execution_sample(props: &SampleProps) -> Html {
    let t = &props.timeline;
    let ids: Vec<String> = t
        .names()
        .iter()
        .zip(t.steps()[0].cluster.ids())
        .map(|(n, id)| format!("${n} = {}…", id.short()))
        .collect();
    let range = window(t.len(), props.cursor, 60);
    html! {
        <div class="sample">
            <p class="note">
                {"The target gets "}<code>{"CLUSTER SETSLOT <slot> IMPORTING <source-id>"}</code>
                {" and the source gets "}<code>{"CLUSTER SETSLOT <slot> MIGRATING <target-id>"}</code>
                {". The learning material has these ids reversed; real Redis would then refuse or misroute. "}
                {format!("In the commands below, {}.", ids.join(", "))}
            </p>
            if range.start > 0 { <p class="elided">{format!("… {} earlier steps", range.start)}</p> }
            <ol class="commands" start={(range.start).to_string()}>
                { for range.clone().map(|i| {
                    let step = &t.steps()[i];
                    let current = i == props.cursor;
                    let on_seek = props.on_seek.clone();
                    html! {
                        <li class={classes!("command-line", current.then_some("current"))} aria-current={current.then_some("step")}>
                            <button type="button" class="linklike" onclick={Callback::from(move |_| on_seek.emit(i))}
                                aria-label={format!("Go to step {i}")}>{format!("{i}")}</button>
                            <code>{&step.label}</code>
                            if let Some(reply) = &step.reply {
                                <pre class="reply">{reply.to_transcript()}</pre>
                            }
                        </li>
                    }
                }) }
            </ol>
            if range.end < t.len() { <p class="elided">{format!("… {} later steps", t.len() - range.end)}</p> }
        </div>
    }
}
