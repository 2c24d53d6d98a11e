//! The console: pick a node (or the smart client), type a command as in redis-cli, and it
//! becomes the next step (the timeline forks at the current step). History with ↑ and ↓,
//! Tab completion, `help`, and `$B` for B's id.

use crate::state::player::{Action, TimelineRef};
use slotscope_model::console::{self, Outcome, CLIENT};
use slotscope_model::limits::CONSOLE_LINE_BYTES;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The most lines the console's log keeps.
const MAX_LOG: usize = 200;

/// The console's inputs.
#[derive(Properties, PartialEq, Clone)]
pub struct ConsoleProps {
    /// The timeline the commands fork.
    pub timeline: TimelineRef,
    /// The current step: commands run after it.
    pub cursor: usize,
    /// Sends the forked timeline to the player.
    pub dispatch: Callback<Action>,
}

/// One exchange in the log.
#[derive(Clone, Debug, PartialEq)]
struct Entry {
    prompt: String,
    input: String,
    output: String,
    error: bool,
}

/// The prompt for a target, as redis-cli shows it (`127.0.0.1:7001>`), with the node's name.
fn prompt(timeline: &TimelineRef, cursor: usize, target: &str) -> String {
    let cluster = &timeline.steps()[cursor.min(timeline.len() - 1)].cluster;
    match cluster.find(target) {
        Some(n) => format!("{target} {}>", cluster.node(n).addr),
        None => format!("{target}>"),
    }
}

/// Runs one typed line after the current step: the reply (with the client's hops) to log, and
/// whether it is an error. A command that ran becomes the next step of a forked timeline.
fn run_line(props: &ConsoleProps, target: &str, text: &str) -> (String, bool) {
    match console::run(&props.timeline, props.cursor, target, text) {
        Ok(Outcome::Forked(t)) => {
            let step = &t.steps()[t.len() - 1];
            let mut out = String::new();
            if let Some(trace) = &step.trace {
                for hop in &trace.hops {
                    out.push_str(&format!(
                        "→ {}: {}  ⇒ {}\n",
                        hop.name,
                        hop.command(),
                        hop.reply_line()
                    ));
                }
            }
            match &step.reply {
                Some(r) => out.push_str(&r.to_transcript()),
                None => out.push_str(&t.narration(t.len() - 1)),
            }
            let error = step.reply.as_ref().is_some_and(|r| r.is_error());
            props
                .dispatch
                .emit(Action::Replace(TimelineRef(Rc::new(t))));
            (out, error)
        }
        Ok(Outcome::Text(s)) => {
            let error = s.starts_with('-');
            (s, error)
        }
        Err(e) => (e, true),
    }
}

/// The history entry ↑ (`up`) or ↓ recalls from `position`, which it moves; past the newest
/// entry, an empty line.
fn recall(history: &[String], position: &mut Option<usize>, up: bool) -> Option<String> {
    if history.is_empty() {
        return None;
    }
    let next = match (up, *position) {
        (true, None) => Some(history.len() - 1),
        (true, Some(p)) => Some(p.saturating_sub(1)),
        (false, Some(p)) if p + 1 < history.len() => Some(p + 1),
        _ => None,
    };
    *position = next;
    Some(next.map_or(String::new(), |p| history[p].clone()))
}

/// Adds `text` to the history (once, if it repeats the newest entry), and leaves recall.
fn remember(history: &mut Vec<String>, position: &mut Option<usize>, text: &str) {
    if history.last().map(String::as_str) != Some(text) {
        history.push(text.to_string());
    }
    *position = None;
}

/// Writes `entry` to the log, which keeps the newest [`MAX_LOG`], and keeps the newest reply
/// in view: the log scrolls to the bottom once Yew has rendered the entry (its render was
/// queued first, on the same queue).
fn append(log: &UseStateHandle<Vec<Entry>>, log_box: &NodeRef, entry: Entry) {
    let mut entries = (**log).clone();
    entries.push(entry);
    let excess = entries.len().saturating_sub(MAX_LOG);
    entries.drain(..excess);
    log.set(entries);
    if let Some(el) = log_box.cast::<web_sys::Element>() {
        wasm_bindgen_futures::spawn_local(async move {
            el.set_scroll_top(el.scroll_height());
        });
    }
}

/// The console panel.
#[function_component(Console)]
pub fn console_panel(props: &ConsoleProps) -> Html {
    let target = use_state(|| "A".to_string());
    let history = use_mut_ref(Vec::<String>::new);
    let position = use_mut_ref(|| None::<usize>);
    let log = use_state(Vec::<Entry>::new);
    let candidates = use_state(Vec::<String>::new);
    let input = use_node_ref();
    let log_box = use_node_ref();

    let names = props.timeline.names().to_vec();
    let targets: Vec<String> = names.iter().cloned().chain([CLIENT.to_string()]).collect();
    let current = if targets.contains(&target) {
        (*target).clone()
    } else {
        names[0].clone()
    };

    let onkeydown = {
        let props = props.clone();
        let input = input.clone();
        let log = log.clone();
        let candidates = candidates.clone();
        let current = current.clone();
        let log_box = log_box.clone();
        Callback::from(move |e: KeyboardEvent| {
            let Some(field) = input.cast::<HtmlInputElement>() else {
                return;
            };
            match e.key().as_str() {
                "Enter" => {
                    e.prevent_default();
                    let text = field.value();
                    if text.trim().is_empty() {
                        return;
                    }
                    // A line over the limit is refused: kept neither in the history nor whole
                    // in the log, so a huge paste costs no memory.
                    let too_long = text.len() > CONSOLE_LINE_BYTES;
                    if !too_long {
                        remember(&mut history.borrow_mut(), &mut position.borrow_mut(), &text);
                    }
                    let (output, error) = run_line(&props, &current, &text);
                    let input = if too_long {
                        let head: String = text.chars().take(80).collect();
                        format!("{head}…")
                    } else {
                        text
                    };
                    let entry = Entry {
                        prompt: prompt(&props.timeline, props.cursor, &current),
                        input,
                        output,
                        error,
                    };
                    append(&log, &log_box, entry);
                    candidates.set(Vec::new());
                    field.set_value("");
                }
                "ArrowUp" | "ArrowDown" => {
                    e.prevent_default();
                    let up = e.key() == "ArrowUp";
                    if let Some(text) = recall(&history.borrow(), &mut position.borrow_mut(), up) {
                        field.set_value(&text);
                    }
                }
                // Tab completes only what there is to complete, and only once: on an empty
                // line, with Shift, or when it would change nothing, focus moves on as usual
                // (no keyboard trap).
                "Tab" if !e.shift_key() && !field.value().trim().is_empty() => {
                    let (line, found) = console::complete(&field.value(), props.timeline.names());
                    let shown = if found.len() > 1 { found } else { Vec::new() };
                    if line == field.value() && shown == *candidates {
                        return;
                    }
                    e.prevent_default();
                    field.set_value(&line);
                    candidates.set(shown);
                }
                "Escape" => candidates.set(Vec::new()),
                _ => {}
            }
        })
    };

    html! {
        <section class="console" aria-labelledby="console-title">
            <h2 id="console-title">{"Console"}</h2>
            <p class="console-help">{"Type a command at a node, or at the client; it runs after this step. Type help for the list."}</p>
            <div class="console-targets" role="group" aria-label="Send commands to">
                { for targets.iter().map(|t| {
                    let pressed = *t == current;
                    let set = { let target = target.clone(); let t = t.clone(); Callback::from(move |_| target.set(t.clone())) };
                    html! { <button type="button" aria-pressed={pressed.to_string()} onclick={set} data-testid={format!("console-target-{t}")}>{t}</button> }
                }) }
            </div>
            <div class="console-log" ref={log_box} role="log" aria-live="polite" aria-label="Console output" data-testid="console-log">
                { for log.iter().map(|e| html! {
                    <div class={classes!("console-entry", e.error.then_some("error"))}>
                        <div class="console-in"><span class="prompt">{&e.prompt}</span>{" "}{&e.input}</div>
                        <pre class="console-out">{&e.output}</pre>
                    </div>
                }) }
            </div>
            <div class="console-line">
                <label for="console-input" class="prompt">{prompt(&props.timeline, props.cursor, &current)}</label>
                <input id="console-input" ref={input} type="text" aria-label="Command" autocomplete="off" spellcheck="false"
                    {onkeydown} data-testid="console-input" />
            </div>
            if !candidates.is_empty() {
                <p class="console-candidates" data-testid="console-candidates">{candidates.join("  ")}</p>
            }
        </section>
    }
}
