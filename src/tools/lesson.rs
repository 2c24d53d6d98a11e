//! Lessons as scripts: load a script (pasted, or from a file) as a scenario, and export the
//! current timeline as a script that replays it, so a teacher can prepare and share a lesson.

use crate::platform::dom::download;
use crate::state::open::load;
use crate::state::player::{Action, TimelineRef};
use crate::tools::disclosure::disclosure;
use slotscope_model::limits::LOADED_SCRIPT_BYTES;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

/// The inputs of the script tools.
#[derive(Properties, PartialEq, Clone)]
pub struct LessonProps {
    /// The timeline to export.
    pub timeline: TimelineRef,
    /// The scenario's id, for the file name.
    pub scenario: &'static str,
    /// Plays a loaded script.
    pub dispatch: Callback<Action>,
}

/// The panel, and its load and export tools once it has been opened.
#[function_component(LessonTools)]
pub fn lesson_tools(props: &LessonProps) -> Html {
    let opened = use_state(|| false);
    let area = use_node_ref();
    let message = use_state(|| None::<(bool, String)>);
    let summary = "Lesson scripts: load one, or export this timeline";
    // The tools are built only once the panel has been opened (see crate::tools::disclosure).
    if !*opened {
        return disclosure("lesson", summary, &opened, Html::default());
    }

    let apply = {
        let dispatch = props.dispatch.clone();
        let message = message.clone();
        Callback::from(move |text: String| match load(&text) {
            Ok(t) => {
                let n = t.len() - 1;
                dispatch.emit(Action::Open(TimelineRef(Rc::new(t))));
                message.set(Some((false, format!("Loaded: {n} step(s)."))));
            }
            Err(e) => message.set(Some((true, format!("Nothing loaded. {e}")))),
        })
    };
    let on_load = {
        let area = area.clone();
        let apply = apply.clone();
        Callback::from(move |_| {
            if let Some(a) = area.cast::<HtmlTextAreaElement>() {
                apply.emit(a.value());
            }
        })
    };
    let on_file = {
        let apply = apply.clone();
        let message = message.clone();
        Callback::from(move |e: Event| {
            let Some(file) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
                .and_then(|i| i.files())
                .and_then(|f| f.get(0))
            else {
                return;
            };
            if file.size() > LOADED_SCRIPT_BYTES as f64 {
                message.set(Some((
                    true,
                    format!(
                        "Nothing loaded. The file is over {} KB.",
                        LOADED_SCRIPT_BYTES / 1024
                    ),
                )));
                return;
            }
            let apply = apply.clone();
            let message = message.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                    Ok(v) => apply.emit(v.as_string().unwrap_or_default()),
                    Err(_) => message.set(Some((
                        true,
                        "Nothing loaded. The file could not be read.".into(),
                    ))),
                }
            });
        })
    };
    let on_export = {
        let timeline = props.timeline.clone();
        let name = format!("slotscope-{}.txt", props.scenario);
        let message = message.clone();
        Callback::from(move |_| {
            let text = timeline.to_script();
            match download(&name, &text) {
                Ok(()) => message.set(Some((
                    false,
                    format!("Exported {} step(s) as {name}.", timeline.len() - 1),
                ))),
                Err(_) => message.set(Some((true, "The browser refused the download.".into()))),
            }
        })
    };

    let body = html! {
        <>
            <label for="script-text">{"Script"}</label>
            <textarea id="script-text" ref={area} rows="6" spellcheck="false" data-testid="script-text"
                placeholder={"cluster A B C\nA> SET key1{page270} v1\nstart\nB> CLUSTER SETSLOT 1234 IMPORTING $A"} />
            <div class="lesson-actions">
                <button type="button" onclick={on_load} data-testid="load-script">{"Load script"}</button>
                <label>{"or a file: "}<input type="file" accept=".txt,text/plain" onchange={on_file} data-testid="script-file" /></label>
                <button type="button" onclick={on_export} data-testid="export-script">{"Export script"}</button>
            </div>
            if let Some((error, m)) = &*message {
                <p class={classes!("lesson-message", error.then_some("error"))} role="status" data-testid="lesson-message">{m}</p>
            }
        </>
    };
    disclosure("lesson", summary, &opened, body)
}
