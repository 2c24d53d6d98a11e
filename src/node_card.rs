//! One master as a card: its name, address, configEpoch, the focus slot's state in its own
//! view, and the focus slot's keys that it holds.

use slotscope_model::{Node, Slot, SlotState};
use yew::prelude::*;

/// The card's inputs.
#[derive(Properties, PartialEq, Clone)]
pub struct NodeCardProps {
    /// The node, as of the current step.
    pub node: Node,
    /// The names of all nodes, by index, to name owners and peers.
    pub names: Vec<String>,
    /// The slot the scenario is about.
    pub slot: Option<Slot>,
}

/// The text and CSS class of a slot state badge.
pub fn badge(state: SlotState, names: &[String]) -> (String, &'static str) {
    let name = |i: usize| names.get(i).cloned().unwrap_or_else(|| "?".into());
    match state {
        SlotState::Owned => ("owned".into(), "owned"),
        SlotState::Migrating { to } => (format!("MIGRATING to {}", name(to.get())), "migrating"),
        SlotState::Importing { from } => {
            (format!("IMPORTING from {}", name(from.get())), "importing")
        }
        SlotState::NotOwned { owner: Some(o) } => {
            (format!("not owned (owner: {})", name(o.get())), "not-owned")
        }
        SlotState::NotOwned { owner: None } => ("not owned (unassigned)".into(), "not-owned"),
    }
}

/// A master's card.
#[function_component(NodeCard)]
pub fn node_card(props: &NodeCardProps) -> Html {
    let node = &props.node;
    let slot_html = props.slot.map(|slot| {
        let (label, class) = badge(node.slot_state(slot), &props.names);
        let keys: Vec<String> = node
            .keys
            .keys_in_slot(slot)
            .map(|k| String::from_utf8_lossy(k).into_owned())
            .collect();
        html! {
            <div class="focus-slot">
                <div class="slot-line">
                    {format!("slot {slot}: ")}
                    <span class={classes!("badge", class)} data-testid="slot-state">{label}</span>
                </div>
                <ul class="keys" aria-label={format!("keys of slot {slot} on {}", node.name)} data-testid="keys">
                    { for keys.iter().map(|k| html! { <li class="key-token">{k}</li> }) }
                    if keys.is_empty() { <li class="no-keys">{"no keys"}</li> }
                </ul>
            </div>
        }
    });
    html! {
        <article class="node-card" data-node={node.name.clone()} aria-label={format!("master {}", node.name)}>
            <header>
                <h3>{&node.name}</h3>
                <span class="addr">{&node.addr}</span>
            </header>
            <dl class="facts">
                <dt>{"id"}</dt><dd><code>{node.id.short()}{"…"}</code></dd>
                <dt>{"configEpoch"}</dt><dd data-testid="epoch">{node.config_epoch()}</dd>
                <dt>{"keys"}</dt><dd>{node.keys.len()}</dd>
            </dl>
            { slot_html.unwrap_or_default() }
        </article>
    }
}
