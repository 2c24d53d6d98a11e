//! Execution table: one row per step, generated from the timeline; a click on a row's step
//! number seeks there.

use super::window;
use crate::state::player::TimelineRef;
use slotscope_model::tables::{execution_table, ExecutionRow};
use std::rc::Rc;
use yew::prelude::*;

/// The table's inputs.
#[derive(Properties, PartialEq, Clone)]
pub struct TableProps {
    /// The timeline.
    pub timeline: TimelineRef,
    /// The step shown.
    pub cursor: usize,
    /// Seek to a step.
    pub on_seek: Callback<usize>,
}

/// The execution table mode.
#[function_component(ExecutionTable)]
pub fn execution_table_view(props: &TableProps) -> Html {
    let rows: Rc<Vec<ExecutionRow>> = use_memo(props.timeline.clone(), |t| execution_table(t));
    let range = window(rows.len(), props.cursor, 80);
    html! {
        <div class="table-wrap">
            if range.start > 0 { <p class="elided">{format!("… {} earlier rows", range.start)}</p> }
            <table class="exec-table" data-testid="exec-table">
                <caption>{"One row per step, about the slot that step handles"}</caption>
                <thead><tr>
                    <th scope="col">{"Step"}</th>
                    <th scope="col">{"Action"}</th>
                    <th scope="col">{"Slot state on source"}</th>
                    <th scope="col">{"Slot state on target"}</th>
                    <th scope="col">{"Keys migrated"}</th>
                    <th scope="col">{"Result"}</th>
                </tr></thead>
                <tbody>
                    { for rows[range.clone()].iter().map(|r| {
                        let current = r.step == props.cursor;
                        let on_seek = props.on_seek.clone();
                        let step = r.step;
                        html! {
                            <tr class={classes!(current.then_some("current"))} aria-current={current.then_some("step")} data-step={step.to_string()}
                                onclick={let s = on_seek.clone(); Callback::from(move |_| s.emit(step))}>
                                <th scope="row"><button type="button" class="linklike" aria-label={format!("Go to step {step}")}
                                    onclick={Callback::from(move |e: MouseEvent| { e.stop_propagation(); on_seek.emit(step) })}>{step}</button></th>
                                <td><code>{&r.action}</code></td>
                                <td>{&r.source_state}</td>
                                <td>{&r.target_state}</td>
                                <td>{&r.keys_migrated}</td>
                                <td>{&r.result}</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            if range.end < rows.len() { <p class="elided">{format!("… {} later rows", rows.len() - range.end)}</p> }
        </div>
    }
}
