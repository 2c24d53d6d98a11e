//! The app shell: scenario picker, preferences, share link, player bar, narration, the tab
//! bar of modes (or, embedded, the chosen panels), the keyboard shortcuts, the play timer and
//! the address bar kept in sync with what is shown.

use crate::client_lane::ClientLane;
use crate::cluster_view::{cluster_view, ClusterViewProps};
use crate::console::Console;
use crate::controls::Controls;
use crate::embed;
use crate::history;
use crate::lesson::LessonTools;
use crate::modes::flow::ConceptFlow;
use crate::modes::moments::{key_moments, MomentsProps};
use crate::modes::quiz::QuizMode;
use crate::modes::sample::{execution_sample, SampleProps};
use crate::modes::snapshot::concept_snapshot;
use crate::modes::table::ExecutionTable;
use crate::modes::tracker::VariableTracker;
use crate::modes::transcript::{full_transcript, TranscriptProps};
use crate::modes::{Mode, Open};
use crate::plan_form::PlanForm;
use crate::player::Action;
use crate::prefs::Prefs;
use crate::url::{Start, Written};
use gloo::events::{EventListener, EventListenerOptions};
use gloo::timers::callback::Interval;
use slotscope_model::scenario::{by_id, SCENARIOS};
use wasm_bindgen::JsCast;
use web_sys::HtmlDialogElement;
use yew::prelude::*;

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

const SHORTCUTS: &[(&str, &str)] = &[
    ("Space", "play or pause"),
    ("→ / ←", "next or previous step"),
    ("Home / End", "first or last step"),
    ("+ / -", "faster or slower"),
    ("?", "this sheet"),
    ("Esc", "close this sheet"),
];

/// The element the embed's height is measured on.
const ROOT_ID: &str = "slotscope";

/// The root component.
#[function_component(App)]
pub fn app() -> Html {
    let start = use_memo((), |_| Start::from_location());
    let initial = use_memo((), {
        let start = start.clone();
        move |_| history::player_for(&start)
    });
    let player = use_reducer({
        let initial = initial.clone();
        move || initial.0.clone()
    });
    let mode = use_state(|| start.mode.unwrap_or(Mode::Animation));
    let quiz_seed = use_state(|| start.quiz_seed.unwrap_or(1));
    let notices = use_state(|| [start.notices.clone(), initial.1.clone()].concat());
    let prefs = use_state(|| {
        let saved = Prefs::load();
        Prefs {
            theme: start.theme.unwrap_or(saved.theme),
            ..saved
        }
    });
    let help = use_state(|| false);
    let sheet = use_node_ref();
    {
        let sheet = sheet.clone();
        use_effect_with(*help, move |&open| {
            if let Some(d) = sheet.cast::<HtmlDialogElement>() {
                if open && !d.open() {
                    let _ = d.show_modal();
                } else if !open && d.open() {
                    d.close();
                }
            }
        });
    }
    let shared = use_state(|| None::<String>);
    let embed = start.embed.clone();

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

    // Keyboard shortcuts, anywhere but in a text field. Embedded in a frame, the frame's own
    // document only gets keys while the frame has focus, so the host's keys stay the host's.
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
                    if ignores_shortcuts(event)
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
                        _ => return,
                    };
                    event.prevent_default();
                    dispatch.dispatch(action);
                });
            move || drop(listener)
        });
    }

    // The address: the encoded script of a custom timeline (computed once per timeline).
    let script_code = use_memo((player.timeline.clone(), player.custom), |(t, custom)| {
        custom
            .then(|| crate::codec::encode(&t.to_script()))
            .flatten()
    });
    let written = Written {
        scenario: (!player.custom).then_some(player.scenario.id),
        step: player.cursor,
        mode: *mode,
        speed: player.speed,
        theme: Some(prefs.theme),
        quiz_seed: *quiz_seed,
        embed: embed.as_ref(),
        script: script_code.as_deref(),
    };
    let address = written.to_address();
    let full_app = Written {
        embed: None,
        ..written.clone()
    }
    .to_address();
    let last_key = use_mut_ref(|| None::<(&'static str, bool, Mode)>);
    {
        let key = (player.scenario.id, player.custom, *mode);
        let last_key = last_key.clone();
        use_effect_with(address.clone(), move |address| {
            let push = last_key.borrow().is_some_and(|k| k != key);
            *last_key.borrow_mut() = Some(key);
            history::write(address, push);
        });
    }
    // The back and forward buttons: the address is the state.
    {
        let dispatch = player.dispatcher();
        let mode = mode.clone();
        let last_key = last_key.clone();
        use_effect_with((), move |_| {
            let window = gloo::utils::window();
            let listener = EventListener::new(&window, "popstate", move |_| {
                let start = Start::from_location();
                let (p, _) = history::player_for(&start);
                *last_key.borrow_mut() = None;
                dispatch.dispatch(Action::Restore(Box::new(p)));
                mode.set(start.mode.unwrap_or(Mode::Animation));
            });
            move || drop(listener)
        });
    }
    // Embedded: tell the host the height and the step.
    embed::use_resize_reports(embed.is_some(), ROOT_ID);
    {
        let scenario = player.scenario.id;
        let label = player.step().label.clone();
        let total = player.timeline.len();
        use_effect_with(
            (player.cursor, player.timeline.clone()),
            move |(cursor, _)| {
                embed::post_step(scenario, *cursor, total, &label);
            },
        );
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
        let current = (!player.custom).then_some(player.scenario.id);
        Callback::from(move |o: Open| {
            if let Some(s) = o.scenario.filter(|&id| Some(id) != current).and_then(by_id) {
                d.dispatch(Action::Load(s));
            }
            d.dispatch(Action::Seek(o.step));
            mode.set(o.mode);
        })
    };
    let on_traffic = {
        let d = player.dispatcher();
        Callback::from(move |n: usize| d.dispatch(Action::SetTraffic(n)))
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
    let set_prefs = |change: fn(Prefs) -> Prefs| {
        let prefs = prefs.clone();
        Callback::from(move |_| {
            let p = change(*prefs);
            p.save();
            prefs.set(p);
        })
    };
    let toggle_theme = set_prefs(|p| Prefs {
        theme: p.theme.next(),
        ..p
    });
    let toggle_classroom = set_prefs(|p| Prefs {
        classroom: !p.classroom,
        ..p
    });
    let set_help = |open: bool| {
        let help = help.clone();
        Callback::from(move |_| help.set(open))
    };
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
    let share = {
        let shared = shared.clone();
        let link = history::link(&address);
        let too_long = player.custom && script_code.is_none();
        Callback::from(move |_| {
            if too_long {
                shared.set(Some(String::new()));
                return;
            }
            // The clipboard exists only in secure contexts; elsewhere the field below is the way.
            let navigator = gloo::utils::window().navigator();
            let has_clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into())
                .is_ok_and(|c| !c.is_undefined() && !c.is_null());
            if has_clipboard {
                let _ = navigator.clipboard().write_text(&link);
            }
            shared.set(Some(link.clone()));
        })
    };
    let dismiss = {
        let notices = notices.clone();
        Callback::from(move |_| notices.set(Vec::new()))
    };

    let t = player.timeline.clone();
    let panel = |m: Mode| -> Html {
        match m {
            Mode::Animation => html! {
                <>
                    { cluster_view(&ClusterViewProps { timeline: t.clone(), cursor: player.cursor, previous: player.previous }) }
                    <ClientLane timeline={t.clone()} cursor={player.cursor} traffic={player.traffic}
                        on_traffic={on_traffic.clone()} can_change={!player.custom} />
                </>
            },
            Mode::Flow => html! { <ConceptFlow timeline={t.clone()} cursor={player.cursor} /> },
            Mode::Sample => execution_sample(&SampleProps {
                timeline: t.clone(),
                cursor: player.cursor,
                on_seek: on_seek.clone(),
            }),
            Mode::Table => {
                html! { <ExecutionTable timeline={t.clone()} cursor={player.cursor} on_seek={on_seek.clone()} /> }
            }
            Mode::Tracker => {
                html! { <VariableTracker timeline={t.clone()} cursor={player.cursor} on_seek={on_seek.clone()} /> }
            }
            Mode::Moments => key_moments(&MomentsProps {
                on_open: on_open.clone(),
            }),
            Mode::Quiz => html! {
                <QuizMode timeline={t.clone()} scenario={player.scenario.id} seed={*quiz_seed}
                    on_seed={on_seed.clone()} on_open={on_open_at.clone()} />
            },
            Mode::Snapshot => concept_snapshot(),
            Mode::Transcript => full_transcript(&TranscriptProps {
                timeline: t.clone(),
                cursor: player.cursor,
            }),
        }
    };
    // The ARIA tabs pattern: the arrows, Home and End select a tab and focus it (only the
    // selected tab is in the Tab order).
    let on_tab_key = {
        let mode = mode.clone();
        Callback::from(move |e: KeyboardEvent| {
            let Some(m) = mode.moved_by(&e.key()) else {
                return;
            };
            e.prevent_default();
            mode.set(m);
            let tab = gloo::utils::document().get_element_by_id(&format!("tab-{}", m.id()));
            if let Some(tab) = tab.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = tab.focus();
            }
        })
    };
    let step = player.step();
    let now = html! {
        <section class="now" aria-label="current step">
            <code class="command" data-testid="command">{step.heading()}</code>
            if let Some(reply) = &step.reply {
                <pre class="reply" data-testid="reply">{reply.to_transcript()}</pre>
            }
            <p class="narration" aria-live="polite" data-testid="narration">{player.timeline.narration(player.cursor)}</p>
        </section>
    };
    let controls = html! {
        <Controls timeline={t.clone()} cursor={player.cursor} playing={player.playing} speed={player.speed} dispatch={dispatch.clone()} />
    };
    let notice_bar = (!notices.is_empty()).then(|| {
        html! {
            <div class="notices" role="status" data-testid="url-notice">
                <ul>{ for notices.iter().map(|n| html! { <li>{n}</li> }) }</ul>
                <button type="button" class="linklike" onclick={dismiss}>{"Dismiss"}</button>
            </div>
        }
    });

    if let Some(e) = &embed {
        return html! {
            <div class="app embed" id={ROOT_ID}>
                <a class="full-app" href={history::link(&full_app)} target="_blank" rel="noopener">{"Open full app ↗"}</a>
                <h1 class="visually-hidden">{format!("SlotScope: {}", player.scenario.title)}</h1>
                { notice_bar }
                if e.controls { { controls } }
                { now }
                { for e.panels.iter().map(|&m| html! {
                    <section class={classes!("panel", format!("mode-{}", m.id()))} aria-label={m.title()} data-panel={m.id()}>
                        { panel(m) }
                    </section>
                }) }
            </div>
        };
    }

    html! {
        <div class="app" id={ROOT_ID}>
            <header class="masthead">
                <div class="brand">
                    <h1>{"SlotScope"}</h1>
                    <p class="tagline">{"Watch a Redis Cluster move hash slots, one command at a time."}</p>
                </div>
                <div class="prefs">
                    <label class="picker">{"Scenario "}
                        <select onchange={on_pick} data-testid="scenario-picker">
                            if player.custom {
                                <option value="" selected=true>{"Your script (custom)"}</option>
                            }
                            { for SCENARIOS.iter().map(|s| html! {
                                <option value={s.id} selected={!player.custom && s.id == player.scenario.id}>{s.title}</option>
                            }) }
                        </select>
                    </label>
                    <button type="button" onclick={toggle_theme} data-testid="theme-toggle">{prefs.theme.label()}</button>
                    <button type="button" onclick={toggle_classroom} aria-pressed={prefs.classroom.to_string()}>{"Classroom"}</button>
                    <button type="button" onclick={share} data-testid="share">{"Share"}</button>
                    <button type="button" onclick={set_help(true)} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">{"?"}</button>
                </div>
            </header>
            if let Some(link) = &*shared {
                <p class="share" role="status">
                    if link.is_empty() {
                        {"This timeline is too long for a link. Export it as a script instead."}
                    } else {
                        <label>{"Link to this step (copied): "}
                            <input type="text" readonly=true value={link.clone()} data-testid="share-link" />
                        </label>
                    }
                </p>
            }
            { notice_bar }
            <main>
                <section class="scenario" aria-labelledby="scenario-title">
                    <h2 id="scenario-title">{if player.custom && player.scenario.id != "custom" { format!("{} (changed)", player.scenario.title) } else { player.scenario.title.to_string() }}</h2>
                    <p class="goal">{player.scenario.goal}</p>
                    if let Some(e) = &player.error { <p class="error" role="alert">{e}</p> }
                </section>
                { controls }
                { now }
                <nav class="tabs" aria-label="modes">
                    <ul role="tablist" onkeydown={on_tab_key}>
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
                    { panel(*mode) }
                </section>
                // The tools that change the timeline come after the view of it, so the step and
                // the cluster stay on the first screen, on a projector too.
                <Console timeline={t.clone()} cursor={player.cursor} dispatch={dispatch.clone()} />
                <PlanForm timeline={t.clone()} cursor={player.cursor} dispatch={dispatch.clone()} />
                <LessonTools timeline={t.clone()} scenario={player.scenario.id} dispatch={dispatch} />
            </main>
            // A modal <dialog>: the browser moves focus into it, keeps Tab inside, makes the
            // page behind it inert and gives focus back when it closes. Its content is built
            // only while it is open.
            <dialog ref={sheet} class="sheet" aria-labelledby="sheet-title" onclose={closed}>
                if *help {
                    <h2 id="sheet-title">{"Keyboard shortcuts"}</h2>
                    <dl>
                        { for SHORTCUTS.iter().map(|(k, v)| html! { <><dt><kbd>{*k}</kbd></dt><dd>{*v}</dd></> }) }
                    </dl>
                    <p>{"Shortcuts do nothing while you type in a text field."}</p>
                    <button type="button" onclick={set_help(false)}>{"Close"}</button>
                }
            </dialog>
        </div>
    }
}
