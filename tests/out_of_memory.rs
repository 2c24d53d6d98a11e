//! wasm-bindgen-test: an allocation the browser cannot grant ends in the panic panel with its
//! message, not in a silent dead page (a binary of its own: the instance stays broken).
// Test code may unwrap: the bundle rules (clippy.toml) are for the bundle.
#![allow(clippy::disallowed_methods)]
#![cfg(target_arch = "wasm32")]

mod support;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn running_out_of_memory_shows_the_panic_panel() {
    slotscope_web::install_panic_hook();
    // Gigabyte after gigabyte, past wasm32's 4 GB address space.
    gloo::timers::callback::Timeout::new(0, || {
        let mut kept: Vec<Vec<u8>> = Vec::new();
        for _ in 0..6 {
            kept.push(Vec::with_capacity(1_000_000_000));
        }
        gloo::console::log!(kept.len());
    })
    .forget();
    let panel = support::panic_panel().await;
    let text = panel
        .expect("no panic message on the page")
        .text_content()
        .unwrap_or_default();
    assert!(text.contains("out of memory"), "{text}");
}
