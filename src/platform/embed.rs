//! Embed mode's messages to the host page: `{type: "slotscope:resize", height}` whenever the
//! app's height changes, and `{type: "slotscope:step", scenario, step, total}` on every step.
//! They go to `window.parent` only when the app runs in a frame.
//!
//! A step's label can hold what the learner typed, so it goes only to a host that named its
//! origin: the app posts `slotscope:ready`, `embed.js` answers `slotscope:host` from the host
//! page (the browser sets the message's origin, which no page can forge), and from then on
//! the app posts to that origin alone, with the label. Without that answer, the messages go to
//! any parent, and carry no label.

use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The host page's origin, once it answered, and the last step posted (to post it again then).
#[derive(Default)]
struct Host {
    origin: Option<String>,
    last: Option<(String, usize, usize, String)>,
}

thread_local! {
    static HOST: RefCell<Host> = RefCell::default();
}

/// The host window, when the app runs inside a frame.
fn host() -> Option<web_sys::Window> {
    let window = gloo::utils::window();
    let parent = window.parent().ok().flatten()?;
    (!js_sys::Object::is(&parent, &window)).then_some(parent)
}

/// Posts `{type, ...fields}` to the host, if there is one: to its origin once known, else to
/// any origin.
fn post(kind: &str, fields: &[(&str, JsValue)]) {
    let Some(host) = host() else {
        return;
    };
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"type".into(), &kind.into());
    for (k, v) in fields {
        let _ = js_sys::Reflect::set(&message, &(*k).into(), v);
    }
    let origin = HOST.with(|h| h.borrow().origin.clone());
    let _ = host.post_message(&message, origin.as_deref().unwrap_or("*"));
}

/// Posts a step; the label only to a host whose origin is known.
fn post_step_message(scenario: &str, step: usize, total: usize, label: &str) {
    let known = HOST.with(|h| h.borrow().origin.is_some());
    let mut fields = vec![
        ("scenario", JsValue::from(scenario)),
        ("step", (step as f64).into()),
        ("total", (total as f64).into()),
    ];
    if known {
        fields.push(("label", label.into()));
    }
    post("slotscope:step", &fields);
}

/// Tells the host which step is shown.
pub fn post_step(scenario: &str, step: usize, total: usize, label: &str) {
    HOST.with(|h| h.borrow_mut().last = Some((scenario.into(), step, total, label.into())));
    post_step_message(scenario, step, total, label);
}

/// Learns the host's origin from its `slotscope:host` message (sent by the parent window
/// only), then posts the current step again, with its label.
fn on_message(event: &web_sys::MessageEvent) {
    let from_parent = match (event.source(), host()) {
        (Some(source), Some(parent)) => js_sys::Object::is(&source, &parent),
        _ => false,
    };
    let kind = js_sys::Reflect::get(&event.data(), &"type".into())
        .ok()
        .and_then(|t| t.as_string());
    let origin = event.origin();
    // An opaque origin ("null") cannot be posted to.
    if !from_parent || kind.as_deref() != Some("slotscope:host") || origin == "null" {
        return;
    }
    let last = HOST.with(|h| {
        let mut h = h.borrow_mut();
        h.origin = Some(origin);
        h.last.clone()
    });
    if let Some((scenario, step, total, label)) = last {
        post_step_message(&scenario, step, total, &label);
    }
}

/// Embedded: reports the height of the element with id `root_id` to the host whenever it
/// changes, and asks the host for its origin.
#[hook]
pub fn use_resize_reports(enabled: bool, root_id: &'static str) {
    use_effect_with(enabled, move |&enabled| {
        let listener = enabled.then(|| {
            let window = gloo::utils::window();
            gloo::events::EventListener::new(&window, "message", |e| {
                if let Some(e) = e.dyn_ref::<web_sys::MessageEvent>() {
                    on_message(e);
                }
            })
        });
        if enabled {
            post("slotscope:ready", &[]);
        }
        let observer = enabled
            .then(|| {
                let element = gloo::utils::document().get_element_by_id(root_id)?;
                let report = Closure::<dyn FnMut()>::new(move || {
                    let Some(el) = gloo::utils::document().get_element_by_id(root_id) else {
                        return;
                    };
                    let height = el.get_bounding_client_rect().height().ceil();
                    post("slotscope:resize", &[("height", height.into())]);
                });
                let observer =
                    web_sys::ResizeObserver::new(report.as_ref().unchecked_ref()).ok()?;
                observer.observe(&element);
                Some((observer, report))
            })
            .flatten();
        move || {
            drop(listener);
            if let Some((observer, _report)) = observer {
                observer.disconnect();
            }
        }
    });
}
