//! The address bar as the app's state: the player a [`Start`] asks for, and writing the state
//! back with `history.replaceState` (steps) or `pushState` (scenario and mode changes).

use crate::player::{Player, TimelineRef};
use crate::url::Start;
use slotscope_model::scenario::{by_id, SCENARIOS};
use std::rc::Rc;
use wasm_bindgen::JsValue;

/// The player an address asks for, and notices for what could not be honoured.
pub fn player_for(start: &Start) -> (Player, Vec<String>) {
    let mut notices = Vec::new();
    let mut player = match &start.script {
        // The same limits as a loaded script (size, steps).
        Some(text) => {
            match crate::lesson::load(text) {
                Ok(t) => Player::custom(TimelineRef(Rc::new(t))),
                Err(e) => {
                    notices.push(format!("The script in the link does not run ({e}), so the default scenario is shown."));
                    Player::default()
                }
            }
        }
        None => Player::new(start.scenario.and_then(by_id).unwrap_or(&SCENARIOS[0])),
    };
    if let Some(step) = start.step {
        let last = player.last();
        if step > last {
            notices.push(format!(
                "Step {step} is past the end, so the last step, {last}, is shown."
            ));
        }
        player.cursor = step.min(last);
        player.previous = player.cursor;
    }
    if let Some(speed) = start.speed {
        player.speed = speed;
    }
    (player, notices)
}

/// Writes `address` (a query and maybe a fragment) over the current history entry, or as a
/// new one when `push`.
pub fn write(address: &str, push: bool) {
    let window = gloo::utils::window();
    let Ok(history) = window.history() else {
        return;
    };
    let path = window.location().pathname().unwrap_or_default();
    let url = format!("{path}{address}");
    let current = window
        .location()
        .href()
        .ok()
        .zip(window.location().origin().ok())
        .map(|(href, origin)| href[origin.len().min(href.len())..].to_string());
    if current.as_deref() == Some(url.as_str()) {
        return;
    }
    let _ = if push {
        history.push_state_with_url(&JsValue::NULL, "", Some(&url))
    } else {
        history.replace_state_with_url(&JsValue::NULL, "", Some(&url))
    };
}

/// The absolute link to `address` on this page.
pub fn link(address: &str) -> String {
    let location = gloo::utils::window().location();
    format!(
        "{}{}{address}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default()
    )
}
