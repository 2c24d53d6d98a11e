//! The client lane: a smart client beside the cluster. It shows the client's own slot map,
//! the hops of its latest request (MOVED, ASK and TRYAGAIN followed one by one), the running
//! counts of each redirection, and the rate of background requests.

use crate::state::player::TimelineRef;
use slotscope_model::client::redirect_counts;
use slotscope_model::traffic::RATES;
use yew::prelude::*;

/// The most map ranges shown before "and N more".
const MAX_RANGES: usize = 8;

/// The lane's inputs.
#[derive(Properties, PartialEq, Clone)]
pub struct ClientLaneProps {
    /// The timeline.
    pub timeline: TimelineRef,
    /// The step shown.
    pub cursor: usize,
    /// Background requests: one after every `traffic` steps (0: off).
    pub traffic: usize,
    /// Changes the rate.
    pub on_traffic: Callback<usize>,
    /// Whether the rate can change (built-in scenarios only).
    pub can_change: bool,
}

/// The client lane.
#[function_component(ClientLane)]
pub fn client_lane(props: &ClientLaneProps) -> Html {
    // Once per timeline: the running counts, and the latest client request at or before each
    // step (so playing a long scenario never scans back through it).
    let memo = use_memo(props.timeline.clone(), |t| {
        let mut latest = None;
        let requests: Vec<Option<usize>> = t
            .steps()
            .iter()
            .enumerate()
            .map(|(i, s)| {
                if s.trace.is_some() {
                    latest = Some(i);
                }
                latest
            })
            .collect();
        (redirect_counts(t), requests)
    });
    let (counts, requests) = &*memo;
    let steps = props.timeline.steps();
    let cursor = props.cursor.min(steps.len() - 1);
    let [moved, ask, tryagain] = counts[cursor];
    let latest = requests[cursor];
    let names = props.timeline.names();
    let client = steps[cursor].cluster.client();
    let focus = props.timeline.focus_at(cursor);
    let on_rate = {
        let cb = props.on_traffic.clone();
        Callback::from(move |e: Event| {
            if let Some(v) = crate::platform::dom::target_value(&e).and_then(|v| v.parse().ok()) {
                cb.emit(v);
            }
        })
    };
    let ranges = client.ranges();
    html! {
        <section class="client-lane" aria-labelledby="client-title" data-testid="client-lane">
            <h3 id="client-title">{"Client"}</h3>
            <p class="redirects" data-testid="redirect-counts">
                {format!("So far: MOVED {moved} · ASK {ask} · TRYAGAIN {tryagain}")}
            </p>
            <label class="traffic">{"Background requests "}
                <select onchange={on_rate} disabled={!props.can_change} data-testid="traffic">
                    { for RATES.iter().map(|&(n, label)| html! {
                        <option value={n.to_string()} selected={n == props.traffic}>{label}</option>
                    }) }
                </select>
            </label>
            if let Some(i) = latest {
                <div class="hops" data-testid="hops">
                    <p class="hops-title">{format!("Request at step {i}: {}", steps[i].label.trim_start_matches("client>").trim())}</p>
                    <ol>
                        { for steps[i].trace.iter().flat_map(|t| t.hops.iter()).map(|hop| {
                            let kind = match &hop.reply {
                                slotscope_model::Reply::Moved { .. } => "moved",
                                slotscope_model::Reply::Ask { .. } => "ask",
                                r if r.error_text().is_some_and(|e| e.starts_with("TRYAGAIN")) => "tryagain",
                                r if r.is_error() => "error",
                                _ => "served",
                            };
                            html! {
                                <li class={classes!("hop", kind)}>
                                    <span class="hop-to">{format!("→ {}", hop.name)}</span>
                                    <code>{hop.command()}</code>
                                    <span class="hop-reply">{format!("⇒ {}", hop.reply_line())}</span>
                                </li>
                            }
                        }) }
                    </ol>
                    if let Some(r) = &steps[i].reply {
                        <p class="hops-result">{format!("The application gets: {}", r.to_transcript())}</p>
                    }
                </div>
            } else {
                <p class="hops-none">{"No client request yet. Turn on background requests, or type at 'client' in the console."}</p>
            }
            <table class="client-map">
                <caption>{"The client's slot map"}</caption>
                <thead><tr><th scope="col">{"Slots"}</th><th scope="col">{"Node"}</th></tr></thead>
                <tbody>
                    if ranges.is_empty() {
                        <tr><td colspan="2">{"not loaded yet (the first request loads it)"}</td></tr>
                    }
                    { for ranges.iter().enumerate().filter(|(i, (a, b, _))| {
                        // The first ranges, and always the one holding the slot in focus.
                        *i < MAX_RANGES || focus.is_some_and(|f| *a <= f && f <= *b)
                    }).map(|(_, (a, b, owner))| {
                        let here = focus.is_some_and(|f| *a <= f && f <= *b);
                        let who = owner.map_or("?".to_string(), |o| names.get(o.get()).cloned().unwrap_or_default());
                        html! {
                            <tr class={classes!(here.then_some("current"))}>
                                <td>{ if a == b { a.to_string() } else { format!("{a}–{b}") } }</td>
                                <td>{who}</td>
                            </tr>
                        }
                    }) }
                    if ranges.len() > MAX_RANGES {
                        <tr><td colspan="2">{format!("{} ranges in all", ranges.len())}</td></tr>
                    }
                </tbody>
            </table>
        </section>
    }
}
