//! The panic panel: should a bug panic anyway, the page shows the message with a reset link
//! instead of dying silently (`tests/panic.rs` checks it in a browser).

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
        // A fresh start that also forgets what the app stored: the stored state may be what
        // made it panic.
        a.set_attribute("href", &format!("{path}?reset=1")).ok();
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
