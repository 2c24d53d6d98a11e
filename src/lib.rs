//! SlotScope's web app: a thin Yew layer over `slotscope-model`.
//!
//! Everything on screen is derived from the current step of a [`slotscope_model::Timeline`];
//! stepping is an index into its snapshots, never a replay.

pub mod app;
pub mod client_lane;
pub mod cluster_view;
pub mod codec;
pub mod console;
pub mod controls;
pub mod disclosure;
pub mod embed;
pub mod history;
pub mod lesson;
pub mod modes;
pub mod plan_form;
pub mod player;
pub mod prefs;
pub mod progress;
pub mod slot_strip;
pub mod storage;
pub mod url;

use wasm_bindgen::JsCast;

/// Mounts the app into `root`.
pub fn mount(root: web_sys::Element) -> yew::AppHandle<app::App> {
    yew::Renderer::<app::App>::with_root(root).render()
}

/// Shows a panic as a message with a reset link, instead of a dead page.
fn show_panic(message: &str) {
    let document = gloo::utils::document();
    let Ok(panel) = document.create_element("div") else {
        return;
    };
    panel.set_id("panic");
    panel.set_attribute("role", "alert").ok();
    let text = format!("SlotScope stopped because of an internal error: {message}");
    if let Ok(p) = document.create_element("p") {
        p.set_text_content(Some(&text));
        panel.append_child(&p).ok();
    }
    if let Ok(a) = document.create_element("a") {
        a.set_text_content(Some("Reset SlotScope"));
        let path = gloo::utils::window()
            .location()
            .pathname()
            .unwrap_or_else(|_| "/".into());
        a.set_attribute("href", &path).ok();
        panel.append_child(&a).ok();
    }
    if let Some(body) = document.body() {
        body.append_child(&panel).ok();
    }
}

/// Makes a panic show [`show_panic`]'s message, and log it to the console. Through Yew's
/// `set_custom_panic_hook`: Yew replaces a hook set with `std::panic::set_hook` by its own,
/// which only logs, when the app mounts.
pub fn install_panic_hook() {
    yew::set_custom_panic_hook(Box::new(|info| {
        show_panic(&info.to_string());
        gloo::console::error!(info.to_string());
    }));
}

/// Installs the panic hook and mounts the app into the page's `#app` element.
pub fn start() {
    install_panic_hook();
    let document = gloo::utils::document();
    let root = document
        .get_element_by_id("app")
        .or_else(|| document.body().map(|b| b.unchecked_into()));
    if let Some(root) = root {
        mount(root);
    }
}
