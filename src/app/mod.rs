//! The app shell: one component that holds the player, the mode and the preferences, and
//! composes the shell's hooks (play timer, shortcuts, address sync, embed reports) and parts
//! (masthead, player bar, step card, tab bar, panel, tools). Embedded, it shows only the
//! chosen panels. The page reads controls, step, tabs and panel, then the tools that change
//! the timeline, so the step and the cluster fit a laptop's or a projector's first screen.

mod controls;
mod hooks;
mod masthead;
mod sheet;
mod tabs;

use crate::platform::history;
use crate::state::open::player_for;
use crate::state::player::{Action, Player};
use crate::state::prefs::Prefs;
use crate::state::url::{Embed, Start};
use crate::tools::console::Console;
use crate::tools::lesson::LessonTools;
use crate::tools::plan_form::PlanForm;
use crate::views::{Mode, Open};
use controls::Controls;
use hooks::ROOT_ID;
use slotscope_model::scenario::by_id;
use tabs::Panels;
use yew::prelude::*;

/// The root component.
#[function_component(App)]
pub fn app() -> Html {
    let start = use_memo((), |_| {
        let start = Start::from_location();
        // Before anything reads storage: the panic panel's "Reset SlotScope".
        if start.reset {
            crate::platform::storage::clear_all();
        }
        start
    });
    let initial = use_memo((), {
        let start = start.clone();
        move |_| player_for(&start)
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
    let shared = use_state(|| None::<String>);
    let embed = start.embed.clone();

    let sheet = sheet::use_sheet(&help);
    use_effect_with(*prefs, |p| p.apply());
    hooks::use_play_timer(&player);
    sheet::use_shortcuts(player.dispatcher(), help.clone());
    let address = hooks::use_address_sync(
        &player,
        &mode,
        prefs.theme,
        *quiz_seed,
        embed.as_ref(),
        &notices,
    );
    hooks::use_embed_reports(embed.is_some(), &player);

    let panels = panels(&player, &mode, &quiz_seed);
    let now = step_card(&player);
    let dispatch = {
        let d = player.dispatcher();
        Callback::from(move |a: Action| d.dispatch(a))
    };
    let t = player.timeline.clone();
    let controls = html! {
        <Controls timeline={t.clone()} cursor={player.cursor} playing={player.playing} speed={player.speed} dispatch={dispatch.clone()} />
    };
    let notice_bar = notice_bar(&notices);

    if let Some(e) = &embed {
        return embedded(
            &player,
            e,
            &address.full_app,
            notice_bar,
            controls,
            now,
            &panels,
        );
    }

    let share = masthead::share(&address.here, address.too_long, &shared);
    let title = if player.custom && player.scenario.id != "custom" {
        format!("{} (changed)", player.scenario.title)
    } else {
        player.scenario.title.to_string()
    };
    html! {
        <div class="app" id={ROOT_ID}>
            { masthead::masthead(&player, &prefs, &help, share) }
            if let Some(link) = &*shared { { masthead::shared_link(link) } }
            { notice_bar }
            <main>
                <section class="scenario" aria-labelledby="scenario-title">
                    <h2 id="scenario-title">{title}</h2>
                    <p class="goal">{player.scenario.goal}</p>
                    if let Some(e) = &player.error { <p class="error" role="alert">{e}</p> }
                </section>
                { controls }
                { now }
                { tabs::tab_bar(&mode) }
                <section id="panel" role="tabpanel" aria-labelledby={format!("tab-{}", mode.id())} class={classes!("panel", format!("mode-{}", mode.id()))}>
                    { panels.view(*mode) }
                </section>
                // The tools that change the timeline come after the view of it, so the step and
                // the cluster stay on the first screen, on a projector too.
                <Console timeline={t.clone()} cursor={player.cursor} dispatch={dispatch.clone()} />
                <PlanForm timeline={t.clone()} cursor={player.cursor} dispatch={dispatch.clone()} />
                <LessonTools timeline={t} scenario={player.scenario.id} {dispatch} />
            </main>
            { sheet }
        </div>
    }
}

/// Embedded in a documentation page: a link to the full app, then only the chosen panels
/// (and the player bar, unless `controls=0`).
fn embedded(
    player: &Player,
    e: &Embed,
    full_app: &str,
    notice_bar: Option<Html>,
    controls: Html,
    now: Html,
    panels: &Panels,
) -> Html {
    html! {
        <div class="app embed" id={ROOT_ID}>
            <a class="full-app" href={history::link(full_app)} target="_blank" rel="noopener">{"Open full app ↗"}</a>
            <h1 class="visually-hidden">{format!("SlotScope: {}", player.scenario.title)}</h1>
            { notice_bar }
            if e.controls { { controls } }
            { now }
            { for e.panels.iter().map(|&m| html! {
                <section class={classes!("panel", format!("mode-{}", m.id()))} aria-label={m.title()} data-panel={m.id()}>
                    { panels.view(m) }
                </section>
            }) }
        </div>
    }
}

/// The panels of the current step, with the callbacks that move the player.
fn panels<'a>(
    player: &'a UseReducerHandle<Player>,
    mode: &UseStateHandle<Mode>,
    quiz_seed: &UseStateHandle<u64>,
) -> Panels<'a> {
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
                d.dispatch(Action::SeekScript(step));
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
            // A step of a named scenario is a step of its script; one of this timeline is
            // already an index into it.
            d.dispatch(if o.scenario.is_some() {
                Action::SeekScript(o.step)
            } else {
                Action::Seek(o.step)
            });
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
    Panels {
        player,
        quiz_seed: **quiz_seed,
        on_seek,
        on_open,
        on_open_at,
        on_traffic,
        on_seed,
    }
}

/// The current step: its command, its reply and its narration (a live region).
fn step_card(player: &Player) -> Html {
    let step = player.step();
    html! {
        <section class="now" aria-label="current step">
            <code class="command" data-testid="command">{step.heading()}</code>
            if let Some(reply) = &step.reply {
                <pre class="reply" data-testid="reply">{reply.to_transcript()}</pre>
            }
            <p class="narration" aria-live="polite" data-testid="narration">{player.timeline.narration(player.cursor)}</p>
        </section>
    }
}

/// The notices about the address (what was ignored), with a button that dismisses them.
fn notice_bar(notices: &UseStateHandle<Vec<String>>) -> Option<Html> {
    let dismiss = {
        let notices = notices.clone();
        Callback::from(move |_| notices.set(Vec::new()))
    };
    (!notices.is_empty()).then(|| {
        html! {
            <div class="notices" role="status" data-testid="url-notice">
                <ul>{ for notices.iter().map(|n| html! { <li>{n}</li> }) }</ul>
                <button type="button" class="linklike" onclick={dismiss}>{"Dismiss"}</button>
            </div>
        }
    })
}
