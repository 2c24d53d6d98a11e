//! The player bar: first, previous, play/pause, next and last; the speed; the scrubber with
//! a marker for every phase step; and the step counter.

use crate::platform::dom::{cleared_2d, target_value};
use crate::state::player::{Action, TimelineRef, SPEED_LABELS};
use slotscope_model::Phase;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

/// The colour of each phase's marker (shape differs too: height).
pub fn phase_style(p: Phase) -> (&'static str, f64) {
    match p {
        Phase::Importing => ("#0b57a4", 1.0),
        Phase::Migrating => ("#a35d06", 0.85),
        Phase::Migrate => ("#c9a400", 0.55),
        Phase::SetSlotNode => ("#1b6e3a", 1.0),
        Phase::Stable => ("#7a7f87", 0.7),
        Phase::Gossip => ("#9a62c9", 0.4),
    }
}

/// The bar's inputs.
#[derive(Properties, PartialEq, Clone)]
pub struct ControlsProps {
    /// The timeline.
    pub timeline: TimelineRef,
    /// The step shown.
    pub cursor: usize,
    /// Whether it plays.
    pub playing: bool,
    /// The speed index.
    pub speed: usize,
    /// Sends an action to the player.
    pub dispatch: Callback<Action>,
}

fn draw_markers(canvas: &HtmlCanvasElement, timeline: &TimelineRef) {
    let Some(ctx) = cleared_2d(canvas) else {
        return;
    };
    let (w, h) = (f64::from(canvas.width()), f64::from(canvas.height()));
    let last = (timeline.len() - 1).max(1) as f64;
    for (i, phase) in timeline.markers() {
        let (colour, height) = phase_style(phase);
        ctx.set_fill_style_str(colour);
        let x = i as f64 / last * (w - 2.0);
        ctx.fill_rect(x, h * (1.0 - height), 2.0, h * height);
    }
}

/// The player bar.
#[function_component(Controls)]
pub fn controls(props: &ControlsProps) -> Html {
    let last = props.timeline.len() - 1;
    let canvas = use_node_ref();
    {
        let canvas = canvas.clone();
        use_effect_with(props.timeline.clone(), move |t| {
            if let Some(c) = canvas.cast::<HtmlCanvasElement>() {
                draw_markers(&c, t);
            }
        });
    }
    let send = |a: Action| {
        let d = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| d.emit(a.clone()))
    };
    // The scrubber and the speed menu send their new value as a number; anything that does
    // not parse is ignored.
    let on_value = |make: fn(usize) -> Action| {
        let d = props.dispatch.clone();
        Callback::from(move |e: Event| {
            if let Some(n) = target_value(&e).and_then(|v| v.trim().parse::<usize>().ok()) {
                d.emit(make(n));
            }
        })
    };
    let on_scrub = on_value(Action::Seek);
    let on_speed = on_value(Action::SetSpeed);
    // The go-to field always shows the step it went to: invalid text ("abc", "-5", "3.5")
    // is replaced by the current step, a number past the end by the last step.
    let on_goto = {
        let d = props.dispatch.clone();
        let cursor = props.cursor;
        Callback::from(move |e: Event| {
            let Some(field) = e.target_dyn_into::<web_sys::HtmlInputElement>() else {
                return;
            };
            let step = field
                .value()
                .trim()
                .parse::<usize>()
                .ok()
                .map(|n| n.min(last));
            field.set_value(&step.unwrap_or(cursor).to_string());
            if let Some(n) = step {
                d.emit(Action::Seek(n));
            }
        })
    };
    let counts = use_memo(props.timeline.clone(), |t| {
        let mut counts: Vec<(Phase, usize)> = Vec::new();
        for (_, p) in t.markers() {
            match counts.iter_mut().find(|(q, _)| *q == p) {
                Some((_, n)) => *n += 1,
                None => counts.push((p, 1)),
            }
        }
        counts
    });
    html! {
        <section class="player" aria-label="player">
            <div class="buttons">
                <button type="button" onclick={send(Action::First)} disabled={props.cursor == 0} title="First step (Home)">{"◀◀ First"}</button>
                <button type="button" onclick={send(Action::Prev)} disabled={props.cursor == 0} title="Previous step (←)">{"◀ Previous step"}</button>
                <button type="button" class="play" onclick={send(Action::TogglePlay)} aria-pressed={props.playing.to_string()} title="Play or pause (Space)">
                    { if props.playing { "⏸ Pause" } else { "▶ Play" } }
                </button>
                <button type="button" onclick={send(Action::Next)} disabled={props.cursor == last} title="Next step (→)">{"Next step ▶"}</button>
                <button type="button" onclick={send(Action::Last)} disabled={props.cursor == last} title="Last step (End)">{"Last ▶▶"}</button>
                <label class="speed">{"Speed "}
                    <select onchange={on_speed} title="Speed (- and +)">
                        { for SPEED_LABELS.iter().enumerate().map(|(i, s)| html! {
                            <option value={i.to_string()} selected={i == props.speed}>{format!("{s}×")}</option>
                        }) }
                    </select>
                </label>
                <label class="goto">{"Go to step "}
                    <input type="text" inputmode="numeric" size="6" value={props.cursor.to_string()} onchange={on_goto} data-testid="goto" />
                </label>
                <span class="counter" data-testid="counter" aria-live="off">{format!("Step {} of {}", props.cursor, last)}</span>
            </div>
            <div class="scrubber">
                <input type="range" min="0" max={last.to_string()} value={props.cursor.to_string()} oninput={Callback::from(move |e: InputEvent| on_scrub.emit(e.into()))}
                    aria-label="Step" aria-valuetext={format!("Step {} of {}", props.cursor, last)} data-testid="scrubber" />
                <canvas ref={canvas} class="markers" width="1000" height="12" aria-hidden="true"></canvas>
                <ul class="legend" aria-label="phase markers">
                    { for counts.iter().map(|(p, n)| {
                        let (colour, _) = phase_style(*p);
                        html! { <li><span class={classes!("swatch", format!("phase-{}", colour.trim_start_matches('#')))} aria-hidden="true"></span>{format!("{} ×{n}", p.label())}</li> }
                    }) }
                </ul>
            </div>
        </section>
    }
}
