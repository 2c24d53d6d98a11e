//! The app shell: the scenario's title and goal, the player controls, the narration and
//! the cluster of node cards, all derived from the current step.

use crate::node_card::NodeCard;
use crate::player::{Action, Player};
use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Whether a key event comes from a text field, where shortcuts must not fire.
fn in_text_field(event: &KeyboardEvent) -> bool {
    event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| {
            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || el.has_attribute("contenteditable")
        })
}

/// The root component.
#[function_component(App)]
pub fn app() -> Html {
    let player = use_reducer(Player::default);

    {
        let player = player.clone();
        use_effect_with((), move |_| {
            let options = EventListenerOptions::enable_prevent_default();
            let document = gloo::utils::document();
            let listener =
                EventListener::new_with_options(&document, "keydown", options, move |event| {
                    let Some(event) = event.dyn_ref::<KeyboardEvent>() else {
                        return;
                    };
                    if in_text_field(event)
                        || event.alt_key()
                        || event.ctrl_key()
                        || event.meta_key()
                    {
                        return;
                    }
                    let action = match event.key().as_str() {
                        "ArrowRight" => Action::Next,
                        "ArrowLeft" => Action::Prev,
                        "Home" => Action::First,
                        "End" => Action::Last,
                        _ => return,
                    };
                    event.prevent_default();
                    player.dispatch(action);
                });
            move || drop(listener)
        });
    }

    let step = player.step();
    let cluster = &step.cluster;
    let names: Vec<String> = cluster.nodes().iter().map(|n| n.name.clone()).collect();
    let slot = player.timeline.focus_slot();
    let onprev = {
        let player = player.clone();
        Callback::from(move |_| player.dispatch(Action::Prev))
    };
    let onnext = {
        let player = player.clone();
        Callback::from(move |_| player.dispatch(Action::Next))
    };
    let last = player.last();
    html! {
        <main class="app">
            <header class="masthead">
                <h1>{"SlotScope"}</h1>
                <p class="tagline">{"Watch a Redis Cluster move a hash slot, one command at a time."}</p>
            </header>
            <section class="scenario" aria-labelledby="scenario-title">
                <h2 id="scenario-title">{player.scenario.title}</h2>
                <p class="goal">{player.scenario.goal}</p>
                if let Some(e) = &player.error { <p class="error" role="alert">{e}</p> }
            </section>
            <section class="player" aria-label="player">
                <button type="button" onclick={onprev} disabled={player.cursor == 0}>{"◀ Previous step"}</button>
                <span class="counter" data-testid="counter">{format!("Step {} of {}", player.cursor, last)}</span>
                <button type="button" onclick={onnext} disabled={player.cursor == last}>{"Next step ▶"}</button>
            </section>
            <section class="now" aria-label="current step">
                <code class="command" data-testid="command">{&step.label}</code>
                if let Some(reply) = &step.reply {
                    <pre class="reply" data-testid="reply">{reply.to_transcript()}</pre>
                }
                <p class="narration" aria-live="polite" data-testid="narration">{&step.narration}</p>
            </section>
            <section class="cluster" aria-label="cluster">
                { for cluster.nodes().iter().map(|n| html! {
                    <NodeCard node={n.clone()} names={names.clone()} slot={slot} />
                }) }
            </section>
        </main>
    }
}
