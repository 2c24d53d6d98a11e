//! The address bar: the app writes its state back with `history.replaceState` (steps) or
//! `pushState` (scenario and mode changes), and makes absolute links to an address.

use wasm_bindgen::JsValue;

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
