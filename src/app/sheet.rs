//! The keyboard: the shortcuts the player answers anywhere but in a text field, and the `?`
//! sheet that lists them, a modal `<dialog>`.

use crate::state::player::{Action, Player};
use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::HtmlDialogElement;
use yew::prelude::*;

/// The shortcuts, as the sheet lists them.
const SHORTCUTS: &[(&str, &str)] = &[
    ("Space", "play or pause"),
    ("→ / ←", "next or previous step"),
    ("Home / End", "first or last step"),
    ("+ / -", "faster or slower"),
    ("?", "this sheet"),
    ("Esc", "close this sheet"),
];

/// Whether a key event must not fire a shortcut: an element of the app handled it already
/// (Yew's listeners run first, in the capture phase: the tab bar's arrows), it comes from a
/// text field or from the open shortcuts sheet (whose own Esc closes it), or it is Space on
/// an element that has a use for it.
fn ignores_shortcuts(event: &KeyboardEvent) -> bool {
    if event.default_prevented() {
        return true;
    }
    let Some(el) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return false;
    };
    let tag = el.tag_name();
    matches!(tag.as_str(), "INPUT" | "TEXTAREA" | "SELECT")
            && el.get_attribute("type").as_deref() != Some("range")
        || el.has_attribute("contenteditable")
        || el.closest("dialog[open]").ok().flatten().is_some()
        // Space presses a focused button and opens a summary; from a link it scrolls.
        || event.key() == " " && matches!(tag.as_str(), "BUTTON" | "SUMMARY" | "A")
}

/// The player's action for a key, if it has one.
fn action_for(key: &str) -> Option<Action> {
    Some(match key {
        " " => Action::TogglePlay,
        "ArrowRight" => Action::Next,
        "ArrowLeft" => Action::Prev,
        "Home" => Action::First,
        "End" => Action::Last,
        "+" | "=" => Action::Faster,
        "-" | "_" => Action::Slower,
        _ => return None,
    })
}

/// The keyboard shortcuts, anywhere but in a text field; `?` opens the sheet. Embedded in a
/// frame, the frame's own document only gets keys while the frame has focus, so the host's
/// keys stay the host's.
#[hook]
pub fn use_shortcuts(dispatch: UseReducerDispatcher<Player>, help: UseStateHandle<bool>) {
    use_effect_with((), move |_| {
        let options = EventListenerOptions::enable_prevent_default();
        let document = gloo::utils::document();
        let listener =
            EventListener::new_with_options(&document, "keydown", options, move |event| {
                let Some(event) = event.dyn_ref::<KeyboardEvent>() else {
                    return;
                };
                if ignores_shortcuts(event)
                    || event.alt_key()
                    || event.ctrl_key()
                    || event.meta_key()
                {
                    return;
                }
                let key = event.key();
                if key == "?" {
                    help.set(true);
                } else if let Some(action) = action_for(&key) {
                    dispatch.dispatch(action);
                } else {
                    return;
                }
                event.prevent_default();
            });
        move || drop(listener)
    });
}

/// The shortcuts sheet, open while `help` is set. A modal `<dialog>`: the browser moves focus
/// into it, keeps Tab inside, makes the page behind it inert and gives focus back when it
/// closes. Its content is built only while it is open.
#[hook]
pub fn use_sheet(help: &UseStateHandle<bool>) -> Html {
    let sheet = use_node_ref();
    {
        let sheet = sheet.clone();
        use_effect_with(**help, move |&open| {
            if let Some(d) = sheet.cast::<HtmlDialogElement>() {
                if open && !d.open() {
                    let _ = d.show_modal();
                } else if !open && d.open() {
                    d.close();
                }
            }
        });
    }
    // The dialog closed itself (Esc). Closed by the app (help already false), it still fires
    // `close`: that must not render the whole app a second time.
    let closed = {
        let help = help.clone();
        Callback::from(move |_: Event| {
            if *help {
                help.set(false);
            }
        })
    };
    let close = {
        let help = help.clone();
        Callback::from(move |_| help.set(false))
    };
    html! {
        <dialog ref={sheet} class="sheet" aria-labelledby="sheet-title" onclose={closed}>
            if **help {
                <h2 id="sheet-title">{"Keyboard shortcuts"}</h2>
                <dl>
                    { for SHORTCUTS.iter().map(|(k, v)| html! { <><dt><kbd>{*k}</kbd></dt><dd>{*v}</dd></> }) }
                </dl>
                <p>{"Shortcuts do nothing while you type in a text field."}</p>
                <button type="button" onclick={close}>{"Close"}</button>
            }
        </dialog>
    }
}
