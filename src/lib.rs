//! SlotScope's web app: a thin Yew layer over `slotscope-model`.
//!
//! Everything on screen is derived from the current step of a [`slotscope_model::Timeline`];
//! stepping is an index into its snapshots, never a replay. The folders are the app's roles:
//! `app` the shell, `state` what the app holds and writes down, `views` the modes, `tools`
//! what changes the timeline, `platform` the browser's services. Only [`mount`], [`start`] and
//! [`install_panic_hook`] are public: the browser tests mount the app as the page does.

// Unit tests may unwrap and sort: the bundle rules (clippy.toml) are for the bundle.
#![cfg_attr(test, allow(clippy::disallowed_methods))]

mod app;
mod platform;
mod state;
mod tools;
mod views;

use wasm_bindgen::JsCast;

pub use platform::panic::install_panic_hook;

/// Mounts the app into `root`.
pub fn mount(root: web_sys::Element) -> yew::AppHandle<app::App> {
    yew::Renderer::<app::App>::with_root(root).render()
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
