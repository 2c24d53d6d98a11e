//! A panic shows a message with a reset link, not a dead page (in a real headless Chromium,
//! wasm-bindgen-test). Its own test binary: after a panic the wasm instance counts as
//! panicking for good, which the other browser tests must not inherit.
// Test code may unwrap and sort: the bundle rules (clippy.toml) are for the bundle.
#![allow(clippy::disallowed_methods)]
#![cfg(target_arch = "wasm32")]

mod support;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The app's hook survives the mount: Yew replaces a hook set with `std::panic::set_hook`
/// by its own, which only logs, when it mounts an app.
#[wasm_bindgen_test]
async fn a_panic_shows_a_message_and_a_reset_link() {
    slotscope_web::install_panic_hook();
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    slotscope_web::mount(root);
    yew::scheduler::flush().await;
    // The panic ends only this timer's callback (its wasm call traps); the page lives on.
    gloo::timers::callback::Timeout::new(0, || panic!("a test panic")).forget();
    let panel = support::panic_panel().await;
    let panel = panel.expect("no panic message on the page");
    let text = panel.text_content().unwrap_or_default();
    assert!(
        text.contains("internal error") && text.contains("a test panic"),
        "{text}"
    );
    assert_eq!(panel.get_attribute("role").as_deref(), Some("alert"));
    let link = panel
        .query_selector("a[href]")
        .unwrap()
        .expect("no reset link");
    // The link starts afresh and forgets what the app stored (the app clears it on load).
    let href = link.get_attribute("href").unwrap_or_default();
    assert!(href.ends_with("?reset=1"), "{href}");
}
