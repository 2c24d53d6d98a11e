//! Embed mode's messages to the host page: `{type: "slotscope:resize", height}` whenever the
//! app's height changes, and `{type: "slotscope:step", scenario, step, total, label}` on every
//! step. They go to `window.parent` only when the app runs in a frame.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The host window, when the app runs inside a frame.
fn host() -> Option<web_sys::Window> {
    let window = gloo::utils::window();
    let parent = window.parent().ok().flatten()?;
    (!js_sys::Object::is(&parent, &window)).then_some(parent)
}

/// Posts `{type, ...fields}` to the host, if there is one.
fn post(kind: &str, fields: &[(&str, JsValue)]) {
    let Some(host) = host() else {
        return;
    };
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"type".into(), &kind.into());
    for (k, v) in fields {
        let _ = js_sys::Reflect::set(&message, &(*k).into(), v);
    }
    // The messages carry no secrets (a height, a step), so any host may read them.
    let _ = host.post_message(&message, "*");
}

/// Tells the host which step is shown.
pub fn post_step(scenario: &str, step: usize, total: usize, label: &str) {
    post(
        "slotscope:step",
        &[
            ("scenario", scenario.into()),
            ("step", (step as f64).into()),
            ("total", (total as f64).into()),
            ("label", label.into()),
        ],
    );
}

/// Reports the height of the element with id `root_id` to the host whenever it changes.
#[hook]
pub fn use_resize_reports(enabled: bool, root_id: &'static str) {
    use_effect_with(enabled, move |&enabled| {
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
            if let Some((observer, _report)) = observer {
                observer.disconnect();
            }
        }
    });
}
