//! The quiz tab: the learning material's three questions, then seven questions generated from
//! the current timeline by the model. Answers and the score are saved (see [`crate::state::progress`]).

use crate::state::player::TimelineRef;
use crate::state::progress::Progress;
use crate::views::{Mode, Open};
use slotscope_model::quiz::material::{self, HintView, MaterialQuestion};
use slotscope_model::quiz::{self, Kind, Question, Rng};
use slotscope_model::scenario::by_id;
use slotscope_model::Timeline;
use yew::prelude::*;

/// How many generated questions a set has.
pub const SET_SIZE: usize = 7;

/// The quiz's inputs.
#[derive(Properties, PartialEq, Clone)]
pub struct QuizProps {
    /// The timeline the generated questions are about.
    pub timeline: TimelineRef,
    /// The scenario's id, for the saved answers.
    pub scenario: &'static str,
    /// The seed of the generated set.
    pub seed: u64,
    /// Asks for another set.
    pub on_seed: Callback<u64>,
    /// Opens a mode at a step (a hint, or a what-if).
    pub on_open: Callback<Open>,
}

/// The material's questions, about the walkthrough (built once).
fn material_questions() -> Vec<MaterialQuestion> {
    by_id("walkthrough")
        .and_then(|s| Timeline::from_script(&(s.script)()).ok())
        .and_then(|t| material::questions(&t))
        .unwrap_or_default()
}

/// One question as a fieldset of radio buttons, with its result announced.
struct Asked<'a> {
    id: String,
    legend: String,
    options: Vec<&'a str>,
    answer: usize,
    explanation: &'a str,
    chosen: Option<usize>,
    on_pick: Callback<usize>,
    extra: Html,
}

fn fieldset(q: Asked) -> Html {
    let name = q.id.replace(':', "-");
    html! {
        <fieldset class="question" data-question={q.id.clone()}>
            <legend>{q.legend}</legend>
            { for q.options.iter().enumerate().map(|(oi, o)| {
                let id = format!("{name}-{oi}");
                let pick = q.on_pick.clone();
                let verdict = match q.chosen {
                    Some(_) if oi == q.answer => Some("right"),
                    Some(c) if c == oi => Some("wrong"),
                    _ => None,
                };
                html! {
                    <div class={classes!("option", verdict)}>
                        <input type="radio" id={id.clone()} name={name.clone()} checked={q.chosen == Some(oi)}
                            disabled={q.chosen.is_some_and(|c| c != oi)}
                            onchange={Callback::from(move |_| pick.emit(oi))} />
                        <label for={id}>{format!("{} {o}", (b'A' + oi as u8) as char)}</label>
                    </div>
                }
            }) }
            <div class="result" aria-live="polite" data-testid="result">
                if let Some(c) = q.chosen {
                    <p><strong>{ if c == q.answer { "Right. " } else { "Not quite. " } }</strong>{q.explanation}</p>
                }
            </div>
            { q.extra }
        </fieldset>
    }
}

/// The quiz mode.
#[function_component(QuizMode)]
pub fn quiz_mode(props: &QuizProps) -> Html {
    let loaded = use_memo((), |_| Progress::load());
    let progress = use_state(|| loaded.0.clone());
    let notice = use_state(|| loaded.1);
    let materials = use_memo((), |_| material_questions());
    let generated: std::rc::Rc<Vec<Question>> =
        use_memo((props.timeline.clone(), props.seed), |(t, seed)| {
            quiz::generate(t, *seed, SET_SIZE)
        });

    let answer = |id: String, right: usize| {
        let progress = progress.clone();
        Callback::from(move |option: usize| {
            // Merge on write: start from what is stored now, so answers given in another tab
            // since this one loaded are kept (with storage blocked, from this tab's own).
            let mut p = Progress::stored().unwrap_or_else(|| (*progress).clone());
            p.answer(&id, option, option == right);
            p.save();
            progress.set(p);
        })
    };
    let open = |o: Open| {
        let on_open = props.on_open.clone();
        Callback::from(move |_| on_open.emit(o))
    };
    let chosen = |id: &str| progress.chosen(id);

    let material_view = materials.iter().enumerate().map(|(n, q)| {
        let id = format!("material:{}", n + 1);
        let (view, step) = q.hint_at;
        let (mode, where_) = match view {
            HintView::Table => (Mode::Table, "execution table"),
            HintView::Tracker => (Mode::Tracker, "variable tracker"),
        };
        let hint = open(Open { scenario: Some("walkthrough"), step, mode });
        let what_if = q.what_if.and_then(by_id).filter(|_| chosen(&id).is_some());
        let extra = html! {
            <p class="hint">
                <strong>{"Hint: "}</strong>{q.hint}{" "}
                <button type="button" class="linklike" onclick={hint}>{format!("Open the {where_} at step {step}")}</button>
                if let Some(s) = what_if {
                    {" "}
                    <button type="button" data-testid="what-if" onclick={open(Open { scenario: Some(s.id), step: 0, mode: Mode::Animation })}>
                        {format!("Play it: {}", s.title)}
                    </button>
                }
            </p>
        };
        fieldset(Asked {
            legend: format!("{}. {}", n + 1, q.text),
            options: q.options.to_vec(),
            answer: q.answer,
            explanation: &q.explanation,
            chosen: chosen(&id),
            on_pick: answer(id.clone(), q.answer),
            extra,
            id,
        })
    });

    // Answers belong to this timeline: keyed by its script's fingerprint, not its length, so
    // two custom scripts of the same length never share them.
    let set = format!(
        "{}:{:x}:{}",
        props.scenario,
        props.timeline.fingerprint(),
        props.seed
    );
    let generated_view = generated.iter().enumerate().map(|(n, q)| {
        let id = format!("{set}:{}", n + 1);
        let extra = if q.kind == Kind::KeySlot {
            Html::default()
        } else {
            let show = open(Open { scenario: None, step: q.step, mode: Mode::Animation });
            html! {
                <p class="hint">
                    <button type="button" class="linklike" onclick={show}>{format!("Hint: show step {}", q.step)}</button>
                </p>
            }
        };
        fieldset(Asked {
            legend: format!("{}. {} — {}", n + 4, q.kind.title(), q.text),
            options: q.options.iter().map(String::as_str).collect(),
            answer: q.answer,
            explanation: &q.explanation,
            chosen: chosen(&id),
            on_pick: answer(id.clone(), q.answer),
            extra,
            id,
        })
    });

    let new_set = {
        let on_seed = props.on_seed.clone();
        let seed = props.seed;
        Callback::from(move |_| on_seed.emit(Rng::new(seed).next_u64() % 1_000_000))
    };
    let reset = {
        let progress = progress.clone();
        let notice = notice.clone();
        Callback::from(move |_| {
            progress.set(Progress::reset());
            notice.set(Some("Progress reset."));
        })
    };
    let p = &*progress;
    html! {
        <div class="quiz">
            <div class="quiz-bar">
                <p class="score" data-testid="score">
                    {format!("Score {} of {} · streak {} (best {})", p.score, p.answered, p.streak, p.best_streak)}
                </p>
                <button type="button" onclick={new_set} data-testid="new-questions">{"New questions"}</button>
                <button type="button" onclick={reset} data-testid="reset-progress">{"Reset progress"}</button>
            </div>
            <p class="notice" role="status" data-testid="quiz-notice">{ notice.unwrap_or_default() }</p>
            <h3>{"The learning material's questions"}</h3>
            { for material_view }
            <h3>{format!("Questions about this scenario (set {}, link with ?quiz={})", props.seed, props.seed)}</h3>
            if generated.is_empty() {
                <p>{"This timeline is too short to ask about. Step through a scenario first."}</p>
            }
            { for generated_view }
        </div>
    }
}
