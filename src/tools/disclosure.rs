//! A `<details>` panel whose body is built only once the panel has been opened, and kept from
//! then on. The page's first render, and the render of every step, skip the bodies of panels
//! nobody has opened (their forms hold most of the page's form controls); an opened body keeps
//! what the user typed or chose when the panel is closed and opened again.

use yew::prelude::*;

/// The panel. `opened` is a `use_state(|| false)` of the calling component, which a click on
/// the summary sets (the mouse, Enter or Space: a closed `<details>` opens on its summary's
/// click); the caller builds `body` only while it is set, and passes nothing before.
pub fn disclosure(
    class: &'static str,
    summary: &'static str,
    opened: &UseStateHandle<bool>,
    body: Html,
) -> Html {
    let onclick = {
        let opened = opened.clone();
        Callback::from(move |_| opened.set(true))
    };
    html! {
        <details {class}>
            <summary {onclick}>{summary}</summary>
            { body }
        </details>
    }
}
