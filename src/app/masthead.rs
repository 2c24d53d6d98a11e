//! The masthead: the title, the scenario picker, the theme and classroom toggles, the Share
//! button and the `?` button; and the line that shows a shared link.

use crate::platform::{dom, history};
use crate::state::player::{Action, Player};
use crate::state::prefs::Prefs;
use slotscope_model::scenario::{by_id, SCENARIOS};
use yew::prelude::*;

/// The masthead of the full app.
pub fn masthead(
    player: &UseReducerHandle<Player>,
    prefs: &UseStateHandle<Prefs>,
    help: &UseStateHandle<bool>,
    share: Callback<MouseEvent>,
) -> Html {
    let on_pick = {
        let d = player.dispatcher();
        Callback::from(move |e: Event| {
            if let Some(s) = dom::target_value(&e).and_then(|v| by_id(&v)) {
                d.dispatch(Action::Load(s));
            }
        })
    };
    let set_prefs = |change: fn(Prefs) -> Prefs| {
        let prefs = prefs.clone();
        Callback::from(move |_| {
            let p = change(*prefs);
            p.save();
            prefs.set(p);
        })
    };
    let toggle_theme = set_prefs(|p| Prefs {
        theme: p.theme.next(),
        ..p
    });
    let toggle_classroom = set_prefs(|p| Prefs {
        classroom: !p.classroom,
        ..p
    });
    let open_help = {
        let help = help.clone();
        Callback::from(move |_| help.set(true))
    };
    html! {
        <header class="masthead">
            <div class="brand">
                <h1>{"SlotScope"}</h1>
                <p class="tagline">{"Watch a Redis Cluster move hash slots, one command at a time."}</p>
            </div>
            <div class="prefs">
                <label class="picker">{"Scenario "}
                    <select onchange={on_pick} data-testid="scenario-picker">
                        if player.custom {
                            <option value="" selected=true>{"Your script (custom)"}</option>
                        }
                        { for SCENARIOS.iter().map(|s| html! {
                            <option value={s.id} selected={!player.custom && s.id == player.scenario.id}>{s.title}</option>
                        }) }
                    </select>
                </label>
                <button type="button" onclick={toggle_theme} data-testid="theme-toggle">{prefs.theme.label()}</button>
                <button type="button" onclick={toggle_classroom} aria-pressed={prefs.classroom.to_string()}>{"Classroom"}</button>
                <button type="button" onclick={share} data-testid="share">{"Share"}</button>
                <button type="button" onclick={open_help} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">{"?"}</button>
            </div>
        </header>
    }
}

/// The Share button's action: copy the link to this step (where the clipboard may be used)
/// and show it, or say that a timeline is too long for a link.
pub fn share(
    address: &str,
    too_long: bool,
    shared: &UseStateHandle<Option<String>>,
) -> Callback<MouseEvent> {
    let shared = shared.clone();
    let link = history::link(address);
    Callback::from(move |_| {
        if too_long {
            shared.set(Some(String::new()));
            return;
        }
        dom::copy(&link);
        shared.set(Some(link.clone()));
    })
}

/// The line under the masthead that shows the shared link (empty: too long for a link).
pub fn shared_link(link: &str) -> Html {
    html! {
        <p class="share" role="status">
            if link.is_empty() {
                {"This timeline is too long for a link: export it as a script to share it. This tab keeps it when you reload."}
            } else {
                <label>{"Link to this step (copied): "}
                    <input type="text" readonly=true value={link.to_string()} data-testid="share-link" />
                </label>
            }
        </p>
    }
}
