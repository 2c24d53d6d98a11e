//! SlotScope's web app: a thin Yew layer over `slotscope-model`.
//!
//! Everything on screen is derived from the current step of a [`slotscope_model::Timeline`];
//! stepping is an index into its snapshots, never a replay.

pub mod app;
pub mod node_card;
pub mod player;

use wasm_bindgen::JsCast;

/// Mounts the app into `root`.
pub fn mount(root: web_sys::Element) -> yew::AppHandle<app::App> {
    yew::Renderer::<app::App>::with_root(root).render()
}

/// Mounts the app into the page's `#app` element, or the body when there is none.
pub fn start() {
    let document = gloo::utils::document();
    let root = document
        .get_element_by_id("app")
        .or_else(|| document.body().map(|b| b.unchecked_into()));
    if let Some(root) = root {
        mount(root);
    }
}
