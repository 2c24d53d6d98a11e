//! The animation mode: one card per master, each showing its own view of the cluster (a plain
//! function returning `Html`, as are the other views without hooks: a component costs about
//! 300 B of gzip). Keys that MIGRATE moved in this step travel in; keys that gossip deleted
//! vanish with a marker; gossip steps pulse. Below the cards, the client lane.

pub mod client_lane;
pub mod slot_strip;

use crate::state::player::TimelineRef;
use slot_strip::SlotStrip;
use slotscope_model::event::{Event, LossCause};
use slotscope_model::node::Role;
use slotscope_model::{Node, NodeIdx, Slot, SlotState, Step};
use yew::prelude::*;

/// The most key tokens a card shows before it says "and N more".
const MAX_TOKENS: usize = 24;

/// The inputs of the cluster view.
pub struct ClusterViewProps {
    /// The timeline.
    pub timeline: TimelineRef,
    /// The step shown.
    pub cursor: usize,
    /// The step shown before, to animate only a single step forward.
    pub previous: usize,
}

/// The CSS class of a slot state badge; each has its own pattern, not only a colour.
pub fn badge_class(state: SlotState) -> &'static str {
    match state {
        SlotState::Owned => "owned",
        SlotState::Migrating { .. } => "migrating",
        SlotState::Importing { .. } => "importing",
        SlotState::NotOwned { .. } => "not-owned",
    }
}

fn text(key: &[u8]) -> String {
    String::from_utf8_lossy(key).into_owned()
}

/// What this step did to one node's keys.
#[derive(Default)]
struct KeyMotion {
    arrived: Vec<String>,
    departed: Vec<String>,
    lost: Vec<(String, LossCause)>,
}

fn motion(step: &Step, node: NodeIdx, animate: bool) -> KeyMotion {
    let mut m = KeyMotion::default();
    for e in &step.events {
        match e {
            Event::KeyMoved { from, to, key } if animate => {
                if *to == node {
                    m.arrived.push(text(key));
                }
                if *from == node {
                    m.departed.push(text(key));
                }
            }
            Event::KeyCopied { to, key, .. } if animate && *to == node => m.arrived.push(text(key)),
            Event::KeysLost {
                node: n,
                keys,
                cause,
                ..
            } if *n == node => {
                m.lost.extend(keys.iter().map(|k| (text(k), *cause)));
            }
            _ => {}
        }
    }
    m
}

/// One master's card.
fn card(
    node: &Node,
    names: &[String],
    slot: Option<Slot>,
    step: &Step,
    animate: bool,
    index: usize,
) -> Html {
    let m = motion(step, node.me, animate);
    let role = match node.view.peers[node.me.get()].role {
        Role::Master => "master".to_string(),
        Role::Replica { of } => format!(
            "replica of {}",
            names.get(of.get()).cloned().unwrap_or_default()
        ),
    };
    let owned = node.view.slot_count(node.me);
    let gossip = step.phase == Some(slotscope_model::Phase::Gossip);
    let heard: Vec<String> = step
        .events
        .iter()
        .filter_map(|e| match e {
            Event::SlotsRebound { node: n, to, count } if *n == node.me => Some(format!(
                "heard {} (configEpoch {}) claim {count} slot(s), and took its word",
                names.get(to.get()).cloned().unwrap_or_default(),
                node.view.peers[to.get()].config_epoch
            )),
            _ => None,
        })
        .collect();
    let focus = slot.map(|slot| {
        let state = node.slot_state(slot);
        let keys: Vec<String> = node.keys.keys_in_slot(slot).map(|k| text(k)).collect();
        let shown = keys.len().min(MAX_TOKENS);
        html! {
            <div class="focus-slot">
                <div class="slot-line">
                    <span class="slot-name">{format!("slot {slot}")}</span>
                    <span class={classes!("badge", badge_class(state))} data-testid="slot-state">{state.label(names)}</span>
                </div>
                <ul class="keys" aria-label={format!("keys of slot {slot} on {}", node.name)} data-testid="keys">
                    { for keys[..shown].iter().map(|k| {
                        let arriving = m.arrived.contains(k);
                        html! { <li class={classes!("key-token", arriving.then_some("arriving"), (index % 2 == 1 && arriving).then_some("from-left"))}>{k}</li> }
                    }) }
                    { for m.departed.iter().filter(|k| !keys.contains(k)).map(|k| html! {
                        <li class="key-token departing" aria-hidden="true">{k}</li>
                    }) }
                    { for m.lost.iter().filter(|(_, _)| animate).map(|(k, _)| html! {
                        <li class="key-token lost-token"><span aria-hidden="true">{"✖ "}</span><s>{k}</s></li>
                    }) }
                    if keys.len() > shown { <li class="more">{format!("and {} more", keys.len() - shown)}</li> }
                    if keys.is_empty() { <li class="no-keys">{"no keys"}</li> }
                </ul>
            </div>
        }
    });
    html! {
        <article class={classes!("node-card", gossip.then_some("pulse"))} data-node={node.name.to_string()} aria-label={format!("{} {}", role, node.name)}>
            <header>
                <h3>{&node.name}</h3>
                <span class="addr">{&node.addr}</span>
            </header>
            <dl class="facts">
                <dt>{"role"}</dt><dd>{role}</dd>
                <dt>{"configEpoch"}</dt><dd data-testid="epoch">{node.config_epoch()}</dd>
                <dt>{"owns"}</dt><dd>{format!("{owned} slots")}</dd>
                <dt>{"keys"}</dt><dd data-testid="key-count">{node.keys.len()}</dd>
            </dl>
            <SlotStrip view={node.view.clone()} names={names.to_vec()} label={format!("{}'s view of the 16384 slots", node.name)} />
            { focus.unwrap_or_default() }
            if !m.lost.is_empty() {
                <p class="lost" role="status" data-testid="lost">
                    <span aria-hidden="true">{"✖ "}</span>
                    {format!("lost: {}", m.lost.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>().join(", "))}
                    {match m.lost[0].1 {
                        LossCause::DirtySlot => " (gossip gave the slot away while it still held them)",
                        LossCause::BecameReplica => " (it became a replica)",
                    }}
                </p>
            }
            if !heard.is_empty() {
                <p class="heard">{heard.join("; ")}</p>
            }
        </article>
    }
}

/// The animation mode.
pub fn cluster_view(props: &ClusterViewProps) -> Html {
    let t = &props.timeline;
    let step = &t.steps()[props.cursor];
    let names = t.names().to_vec();
    let slot = t.focus_at(props.cursor);
    let animate = props.cursor == props.previous + 1;
    let pending = step.cluster.pending().count();
    html! {
        <div class="cluster-view">
            <div class="cluster" aria-label="cluster">
                { for step.cluster.nodes().iter().enumerate().map(|(i, n)| card(n, &names, slot, step, animate, i)) }
            </div>
            <p class="bus" data-testid="bus">
                if pending > 0 {
                    {format!("Cluster bus: {pending} message(s) queued, not yet delivered (a wait step delivers them).")}
                } else {
                    {"Cluster bus: no message queued."}
                }
            </p>
        </div>
    }
}
