//! "Plan from this step": runs one of redis-cli's planners on the current step's cluster and
//! forks the timeline with its commands (RaftScope's fork: the old future is discarded).

use crate::platform::dom::target_value;
use crate::state::player::{Action, TimelineRef};
use crate::tools::disclosure::disclosure;
use slotscope_model::planner::reshard::{reshard, Sources};
use slotscope_model::planner::{fix::fix, rebalance, Plan};
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// The form's inputs.
#[derive(Properties, PartialEq, Clone)]
pub struct PlanFormProps {
    /// The timeline.
    pub timeline: TimelineRef,
    /// The step to plan from.
    pub cursor: usize,
    /// Sends the forked timeline to the player.
    pub dispatch: Callback<Action>,
}

fn select_value(node: &NodeRef) -> String {
    node.cast::<HtmlSelectElement>()
        .map(|s| s.value())
        .unwrap_or_default()
}

/// Plans on the step's cluster; returns the script lines, or redis-cli's refusal.
fn plan_lines(
    t: &TimelineRef,
    cursor: usize,
    planner: &str,
    from: &str,
    to: &str,
    slots: &str,
) -> Result<Vec<String>, String> {
    let cluster = t.steps()[cursor].cluster.clone();
    let node = |name: &str| {
        cluster
            .find(name)
            .ok_or(format!("*** No such node: {name}"))
    };
    let mut plan = Plan::new(cluster.clone());
    match planner {
        "reshard" => {
            let n: usize = slots.trim().parse().map_err(|_| {
                format!(
                    "*** Slots must be a number from 1 to 16384, not '{}'",
                    slots.trim()
                )
            })?;
            let sources = if from == "all" {
                Sources::All
            } else {
                Sources::Nodes(vec![node(from)?])
            };
            reshard(&mut plan, sources, node(to)?, n).map_err(|e| e.0)?;
        }
        "rebalance" => {
            let opts = rebalance::RebalanceOptions {
                use_empty_masters: true,
                ..Default::default()
            };
            rebalance::rebalance(&mut plan, &opts).map_err(|e| e.0)?;
        }
        _ => fix(&mut plan).map_err(|e| e.0)?,
    }
    let mut lines: Vec<String> = plan
        .lines
        .into_iter()
        .filter(|l| !l.starts_with('#'))
        .collect();
    if lines.is_empty() {
        return Err("Nothing to do: the planner found the cluster already as asked.".into());
    }
    lines.push("wait".into());
    Ok(lines)
}

/// The panel, and its form once it has been opened.
#[function_component(PlanForm)]
pub fn plan_form(props: &PlanFormProps) -> Html {
    let opened = use_state(|| false);
    let planner = use_node_ref();
    let from = use_node_ref();
    let to = use_node_ref();
    let slots = use_state(|| "10".to_string());
    let message = use_state(|| None::<String>);
    let is_reshard = use_state(|| true);
    let summary = "Plan a change from this step, as redis-cli --cluster would";
    // The form is built only once the panel has been opened (see crate::tools::disclosure).
    if !*opened {
        return disclosure("plan-form", summary, &opened, Html::default());
    }
    let names: Vec<String> = props.timeline.names().to_vec();
    let onsubmit = {
        let (planner, from, to, slots) = (planner.clone(), from.clone(), to.clone(), slots.clone());
        let (t, cursor, dispatch, message) = (
            props.timeline.clone(),
            props.cursor,
            props.dispatch.clone(),
            message.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let count = (*slots).clone();
            let which = select_value(&planner);
            let result = plan_lines(
                &t,
                cursor,
                &which,
                &select_value(&from),
                &select_value(&to),
                &count,
            )
            .and_then(|lines| {
                t.fork_lines(cursor, &lines)
                    .map_err(|e| e.to_string())
                    .map(|f| (lines.len(), f))
            });
            match result {
                Ok((n, forked)) => {
                    message.set(Some(format!("Planned {n} command(s) with {which} from step {cursor}; the steps after it were replaced.")));
                    dispatch.emit(Action::Replace(TimelineRef(Rc::new(forked))));
                }
                Err(e) => message.set(Some(e)),
            }
        })
    };
    let on_planner = {
        let is_reshard = is_reshard.clone();
        Callback::from(move |e: Event| {
            is_reshard.set(target_value(&e).as_deref() == Some("reshard"));
        })
    };
    let on_slots = {
        let slots = slots.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(v) = target_value(&e) {
                slots.set(v);
            }
        })
    };
    // The first option is marked selected: Yew inserts a list's nodes from the last, and a
    // <select> keeps the first option it got, so unmarked it would start at the last node
    // ("from C to C", which redis-cli refuses).
    let options = |with_all: bool| {
        html! {
            <>
                if with_all { <option value="all" selected=true>{"all"}</option> }
                { for names.iter().enumerate().map(|(i, n)| html! {
                    <option value={n.clone()} selected={!with_all && i == 0}>{n}</option>
                }) }
            </>
        }
    };
    let body = html! {
        <>
            <form onsubmit={onsubmit} data-testid="plan-form">
                <label>{"Planner "}
                    <select ref={planner} onchange={on_planner} data-testid="planner">
                        <option value="reshard" selected=true>{"reshard"}</option>
                        <option value="rebalance">{"rebalance (with empty masters)"}</option>
                        <option value="fix">{"fix (open slots)"}</option>
                    </select>
                </label>
                <label>{"from "}<select ref={from} disabled={!*is_reshard} data-testid="plan-from">{ options(true) }</select></label>
                <label>{"to "}<select ref={to} disabled={!*is_reshard} data-testid="plan-to">{ options(false) }</select></label>
                <label>{"slots "}<input type="text" inputmode="numeric" size="6" value={(*slots).clone()} oninput={on_slots} disabled={!*is_reshard} data-testid="plan-slots" /></label>
                <button type="submit">{"Plan"}</button>
            </form>
            if let Some(m) = &*message { <p class="plan-message" role="status" data-testid="plan-message">{m}</p> }
        </>
    };
    disclosure("plan-form", summary, &opened, body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use slotscope_model::scenario::SCENARIOS;
    use slotscope_model::Timeline;

    fn walkthrough() -> TimelineRef {
        TimelineRef(Rc::new(
            Timeline::from_script(&(SCENARIOS[0].script)()).unwrap(),
        ))
    }

    #[test]
    fn an_open_slot_refuses_a_reshard_and_a_settled_cluster_plans_one() {
        let t = walkthrough();
        let e = plan_lines(&t, 2, "reshard", "A", "C", "2").unwrap_err();
        assert_eq!(e, "*** Please fix your cluster problems before resharding");
        let lines = plan_lines(&t, t.len() - 1, "reshard", "A", "C", "2").unwrap();
        assert_eq!(lines[0], "C> CLUSTER SETSLOT 0 IMPORTING $A");
        assert_eq!(lines.last().map(String::as_str), Some("wait"));
        let forked = t.fork_lines(t.len() - 1, &lines).unwrap();
        assert_eq!(forked.len(), t.len() + lines.len());
        assert!(plan_lines(&t, 0, "reshard", "A", "C", "lots")
            .unwrap_err()
            .contains("must be a number"));
    }
}
