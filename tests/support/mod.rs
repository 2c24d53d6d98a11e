//! Shared by the browser tests whose instance ends broken (`panic.rs`, `out_of_memory.rs`).

use std::time::Duration;

/// The panic panel, once it is on the page (polled every 20 ms, for at most two seconds).
pub async fn panic_panel() -> Option<web_sys::Element> {
    for _ in 0..100 {
        yew::platform::time::sleep(Duration::from_millis(20)).await;
        if let Some(panel) = gloo::utils::document().get_element_by_id("panic") {
            return Some(panel);
        }
    }
    None
}
