//! The app shell: scenario picker, preferences, player bar, narration, the tab bar of modes,
//! the keyboard shortcuts and the play timer. Every panel renders the current step.

use crate::cluster_view::ClusterView;
use crate::controls::Controls;
use crate::modes::flow::ConceptFlow;
use crate::modes::moments::KeyMoments;
use crate::modes::quiz::QuizMode;
use crate::modes::sample::ExecutionSample;
use crate::modes::snapshot::ConceptSnapshot;
use crate::modes::table::ExecutionTable;
use crate::modes::tracker::VariableTracker;
use crate::modes::transcript::FullTranscript;
use crate::modes::{Mode, Open};
use crate::plan_form::PlanForm;
use crate::player::{Action, Player};
use crate::prefs::Prefs;
use gloo::events::{EventListener, EventListenerOptions};
use gloo::timers::callback::Interval;
use slotscope_model::scenario::{by_id, SCENARIOS};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// Whether a key event comes from a text field, where shortcuts must not fire.
fn in_text_field(event: &KeyboardEvent) -> bool {
    event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| {
            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                && el.get_attribute("type").as_deref() != Some("range")
                || el.has_attribute("contenteditable")
        })
}

const SHORTCUTS: &[(&str, &str)] = &[
    ("Space", "play or pause"),
    ("→ / ←", "next or previous step"),
    ("Home / End", "first or last step"),
    ("+ / -", "faster or slower"),
    ("?", "this sheet"),
    ("Esc", "close this sheet"),
];

/// The root component.
#[function_component(App)]
pub fn app() -> Html {
    let player = use_reducer(Player::default);
    let start = use_memo((), |_| crate::url::Start::from_location());
    let mode = use_state(|| start.mode.unwrap_or(Mode::Animation));
    let quiz_seed = use_state(|| start.quiz_seed.unwrap_or(1));
    let prefs = use_state(Prefs::load);
    let help = use_state(|| false);

    use_effect_with(*prefs, |p| p.apply());

    // The play timer: one step per 1 / speed seconds.
    {
        let dispatch = player.dispatcher();
        use_effect_with((player.playing, player.speed), move |&(playing, speed)| {
            let interval = playing.then(|| {
                let ms = (1000.0 / crate::player::SPEEDS[speed]) as u32;
                let d = dispatch.clone();
                Interval::new(ms, move || d.dispatch(Action::Tick))
            });
            move || drop(interval)
        });
    }

    // Keyboard shortcuts, anywhere but in a text field.
    {
        let dispatch = player.dispatcher();
        let help = help.clone();
        use_effect_with((), move |_| {
            let options = EventListenerOptions::enable_prevent_default();
            let document = gloo::utils::document();
            let listener =
                EventListener::new_with_options(&document, "keydown", options, move |event| {
                    let Some(event) = event.dyn_ref::<KeyboardEvent>() else {
                        return;
                    };
                    if in_text_field(event)
                        || event.alt_key()
                        || event.ctrl_key()
                        || event.meta_key()
                    {
                        return;
                    }
                    let action = match event.key().as_str() {
                        " " => Action::TogglePlay,
                        "ArrowRight" => Action::Next,
                        "ArrowLeft" => Action::Prev,
                        "Home" => Action::First,
                        "End" => Action::Last,
                        "+" | "=" => Action::Faster,
                        "-" | "_" => Action::Slower,
                        "?" => {
                            help.set(true);
                            event.prevent_default();
                            return;
                        }
                        "Escape" => {
                            help.set(false);
                            return;
                        }
                        _ => return,
                    };
                    event.prevent_default();
                    dispatch.dispatch(action);
                });
            move || drop(listener)
        });
    }

    let dispatch = {
        let d = player.dispatcher();
        Callback::from(move |a: Action| d.dispatch(a))
    };
    let on_seek = {
        let d = player.dispatcher();
        Callback::from(move |i: usize| d.dispatch(Action::Seek(i)))
    };
    let on_open = {
        let d = player.dispatcher();
        let mode = mode.clone();
        Callback::from(move |(id, step): (&'static str, usize)| {
            if let Some(s) = by_id(id) {
                d.dispatch(Action::Load(s));
                d.dispatch(Action::Seek(step));
                mode.set(Mode::Animation);
            }
        })
    };
    let on_open_at = {
        let d = player.dispatcher();
        let mode = mode.clone();
        let current = player.scenario.id;
        Callback::from(move |o: Open| {
            if let Some(s) = o.scenario.filter(|&id| id != current).and_then(by_id) {
                d.dispatch(Action::Load(s));
            }
            d.dispatch(Action::Seek(o.step));
            mode.set(o.mode);
        })
    };
    let on_seed = {
        let quiz_seed = quiz_seed.clone();
        Callback::from(move |s: u64| quiz_seed.set(s))
    };
    let on_pick = {
        let d = player.dispatcher();
        Callback::from(move |e: Event| {
            if let Some(s) = crate::controls::target_value(&e).and_then(|v| by_id(&v)) {
                d.dispatch(Action::Load(s));
            }
        })
    };
    let toggle_theme = {
        let prefs = prefs.clone();
        Callback::from(move |_| {
            let p = Prefs {
                theme: prefs.theme.next(),
                ..*prefs
            };
            p.save();
            prefs.set(p);
        })
    };
    let toggle_classroom = {
        let prefs = prefs.clone();
        Callback::from(move |_| {
            let p = Prefs {
                classroom: !prefs.classroom,
                ..*prefs
            };
            p.save();
            prefs.set(p);
        })
    };
    let open_help = {
        let help = help.clone();
        Callback::from(move |_| help.set(true))
    };
    let close_help = {
        let help = help.clone();
        Callback::from(move |_| help.set(false))
    };

    let step = player.step();
    let t = player.timeline.clone();
    let panel = match *mode {
        Mode::Animation => {
            html! { <ClusterView timeline={t.clone()} cursor={player.cursor} previous={player.previous} /> }
        }
        Mode::Flow => html! { <ConceptFlow timeline={t.clone()} cursor={player.cursor} /> },
        Mode::Sample => {
            html! { <ExecutionSample timeline={t.clone()} cursor={player.cursor} on_seek={on_seek.clone()} /> }
        }
        Mode::Table => {
            html! { <ExecutionTable timeline={t.clone()} cursor={player.cursor} on_seek={on_seek.clone()} /> }
        }
        Mode::Tracker => {
            html! { <VariableTracker timeline={t.clone()} cursor={player.cursor} on_seek={on_seek.clone()} /> }
        }
        Mode::Moments => html! { <KeyMoments on_open={on_open.clone()} /> },
        Mode::Quiz => html! {
            <QuizMode timeline={t.clone()} scenario={player.scenario.id} seed={*quiz_seed} on_seed={on_seed} on_open={on_open_at} />
        },
        Mode::Snapshot => html! { <ConceptSnapshot /> },
        Mode::Transcript => {
            html! { <FullTranscript timeline={t.clone()} cursor={player.cursor} /> }
        }
    };

    html! {
        <div class="app">
            <header class="masthead">
                <div class="brand">
                    <h1>{"SlotScope"}</h1>
                    <p class="tagline">{"Watch a Redis Cluster move hash slots, one command at a time."}</p>
                </div>
                <div class="prefs">
                    <label class="picker">{"Scenario "}
                        <select onchange={on_pick} data-testid="scenario-picker">
                            { for SCENARIOS.iter().map(|s| html! {
                                <option value={s.id} selected={s.id == player.scenario.id}>{s.title}</option>
                            }) }
                        </select>
                    </label>
                    <button type="button" onclick={toggle_theme} data-testid="theme-toggle">{prefs.theme.label()}</button>
                    <button type="button" onclick={toggle_classroom} aria-pressed={prefs.classroom.to_string()}>{"Classroom"}</button>
                    <button type="button" onclick={open_help} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">{"?"}</button>
                </div>
            </header>
            <main>
                <section class="scenario" aria-labelledby="scenario-title">
                    <h2 id="scenario-title">{player.scenario.title}</h2>
                    <p class="goal">{player.scenario.goal}</p>
                    if let Some(e) = &player.error { <p class="error" role="alert">{e}</p> }
                </section>
                <Controls timeline={t.clone()} cursor={player.cursor} playing={player.playing} speed={player.speed} dispatch={dispatch.clone()} />
                <PlanForm timeline={t.clone()} cursor={player.cursor} dispatch={dispatch} />
                <section class="now" aria-label="current step">
                    <code class="command" data-testid="command">{&step.label}</code>
                    if let Some(reply) = &step.reply {
                        <pre class="reply" data-testid="reply">{reply.to_transcript()}</pre>
                    }
                    <p class="narration" aria-live="polite" data-testid="narration">{&step.narration}</p>
                </section>
                <nav class="tabs" aria-label="modes">
                    <ul role="tablist">
                        { for Mode::ALL.iter().map(|&m| {
                            let selected = *mode == m;
                            let set = { let mode = mode.clone(); Callback::from(move |_| mode.set(m)) };
                            html! {
                                <li role="presentation">
                                    <button type="button" role="tab" id={format!("tab-{}", m.id())} aria-selected={selected.to_string()}
                                        aria-controls="panel" tabindex={if selected { "0" } else { "-1" }} onclick={set}>{m.title()}</button>
                                </li>
                            }
                        }) }
                    </ul>
                </nav>
                <section id="panel" role="tabpanel" aria-labelledby={format!("tab-{}", mode.id())} class={classes!("panel", format!("mode-{}", mode.id()))}>
                    { panel }
                </section>
            </main>
            if *help {
                <div class="sheet-backdrop">
                    <div class="sheet" role="dialog" aria-modal="true" aria-labelledby="sheet-title">
                        <h2 id="sheet-title">{"Keyboard shortcuts"}</h2>
                        <dl>
                            { for SHORTCUTS.iter().map(|(k, v)| html! { <><dt><kbd>{*k}</kbd></dt><dd>{*v}</dd></> }) }
                        </dl>
                        <p>{"Shortcuts do nothing while you type in a text field."}</p>
                        <button type="button" onclick={close_help}>{"Close"}</button>
                    </div>
                </div>
            }
        </div>
    }
}
