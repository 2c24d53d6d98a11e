//! Variable tracker: one column per step, generated from the timeline; values that changed
//! at a step are bold and carry a marker, never colour alone.

use crate::state::player::TimelineRef;
use slotscope_model::tables::{TrackerRoles, TrackerRow};
use std::rc::Rc;
use yew::prelude::*;

/// The tracker's inputs.
#[derive(Properties, PartialEq, Clone)]
pub struct TrackerProps {
    /// The timeline.
    pub timeline: TimelineRef,
    /// The step shown.
    pub cursor: usize,
    /// Seek to a step.
    pub on_seek: Callback<usize>,
}

/// The variable tracker mode.
#[function_component(VariableTracker)]
pub fn variable_tracker_view(props: &TrackerProps) -> Html {
    let cols = super::window(props.timeline.len(), props.cursor, 3);
    // Only the columns on screen: a long timeline costs no more than a short one.
    let roles = use_memo(props.timeline.clone(), |t| TrackerRoles::of(t));
    let rows: Rc<Vec<TrackerRow>> = use_memo(
        (props.timeline.clone(), cols.start, cols.end),
        |(t, a, b)| roles.window(t, *a..*b),
    );
    html! {
        <div class="table-wrap">
            <table class="tracker" data-testid="tracker">
                <caption>{format!("Values after each step (steps {} to {} of {})", cols.start, cols.end - 1, props.timeline.len() - 1)}</caption>
                <thead><tr>
                    <th scope="col">{"Variable"}</th>
                    { for cols.clone().map(|i| {
                        let on_seek = props.on_seek.clone();
                        let current = i == props.cursor;
                        html! {
                            <th scope="col" class={classes!(current.then_some("current"))} aria-current={current.then_some("step")}>
                                <button type="button" class="linklike" onclick={Callback::from(move |_| on_seek.emit(i))}>
                                    { if i == 0 { "Start".to_string() } else { format!("After step {i}") } }
                                </button>
                            </th>
                        }
                    }) }
                </tr></thead>
                <tbody>
                    { for rows.iter().map(|r| html! {
                        <tr>
                            <th scope="row">{&r.variable}</th>
                            { for cols.clone().map(|i| {
                                let cell = &r.cells[i - cols.start];
                                html! {
                                    <td class={classes!(cell.changed.then_some("changed"), (i == props.cursor).then_some("current"))}>
                                        if cell.changed { <span class="mark" aria-hidden="true">{"● "}</span> }
                                        {&cell.value}
                                        if cell.changed { <span class="visually-hidden">{" (changed)"}</span> }
                                    </td>
                                }
                            }) }
                        </tr>
                    }) }
                </tbody>
            </table>
            <p class="note">{"● marks a value that changed at that step."}</p>
        </div>
    }
}
