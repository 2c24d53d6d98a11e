//! The tab bar of modes (the ARIA tabs pattern) and the panel switch: which view each mode
//! shows for the current step.

use crate::platform::dom;
use crate::state::player::{Player, TimelineRef};
use crate::views::animation::client_lane::ClientLane;
use crate::views::animation::{cluster_view, ClusterViewProps};
use crate::views::flow::ConceptFlow;
use crate::views::moments::{key_moments, MomentsProps};
use crate::views::quiz::QuizMode;
use crate::views::sample::{execution_sample, SampleProps};
use crate::views::snapshot::concept_snapshot;
use crate::views::table::ExecutionTable;
use crate::views::tracker::VariableTracker;
use crate::views::transcript::{full_transcript, TranscriptProps};
use crate::views::{Mode, Open};
use yew::prelude::*;

/// What the panels need besides the player: the quiz seed and the callbacks that change the
/// step, the scenario or the request rate.
pub struct Panels<'a> {
    /// The player.
    pub player: &'a Player,
    /// The quiz's seed.
    pub quiz_seed: u64,
    /// Goes to a step of this timeline.
    pub on_seek: Callback<usize>,
    /// Opens a step of a built-in scenario (key moments).
    pub on_open: Callback<(&'static str, usize)>,
    /// Opens a mode at a step (quiz hints).
    pub on_open_at: Callback<Open>,
    /// Sets the background-request rate.
    pub on_traffic: Callback<usize>,
    /// Sets the quiz's seed.
    pub on_seed: Callback<u64>,
}

impl Panels<'_> {
    /// The view of mode `m` at the current step.
    pub fn view(&self, m: Mode) -> Html {
        let p = self.player;
        let timeline: TimelineRef = p.timeline.clone();
        let cursor = p.cursor;
        match m {
            Mode::Animation => html! {
                <>
                    { cluster_view(&ClusterViewProps { timeline: timeline.clone(), cursor, previous: p.previous }) }
                    <ClientLane {timeline} {cursor} traffic={p.traffic}
                        on_traffic={self.on_traffic.clone()} can_change={!p.custom} />
                </>
            },
            Mode::Flow => html! { <ConceptFlow {timeline} {cursor} /> },
            Mode::Sample => execution_sample(&SampleProps {
                timeline,
                cursor,
                on_seek: self.on_seek.clone(),
            }),
            Mode::Table => {
                html! { <ExecutionTable {timeline} {cursor} on_seek={self.on_seek.clone()} /> }
            }
            Mode::Tracker => {
                html! { <VariableTracker {timeline} {cursor} on_seek={self.on_seek.clone()} /> }
            }
            Mode::Moments => key_moments(&MomentsProps {
                on_open: self.on_open.clone(),
            }),
            Mode::Quiz => html! {
                <QuizMode {timeline} scenario={p.scenario.id} seed={self.quiz_seed}
                    on_seed={self.on_seed.clone()} on_open={self.on_open_at.clone()} />
            },
            Mode::Snapshot => concept_snapshot(),
            Mode::Transcript => full_transcript(&TranscriptProps { timeline, cursor }),
        }
    }
}

/// The tab bar. The arrows, Home and End select a tab and focus it (only the selected tab is
/// in the Tab order), as the ARIA tabs pattern asks.
pub fn tab_bar(mode: &UseStateHandle<Mode>) -> Html {
    let on_key = {
        let mode = mode.clone();
        Callback::from(move |e: KeyboardEvent| {
            let Some(m) = mode.moved_by(&e.key()) else {
                return;
            };
            e.prevent_default();
            mode.set(m);
            dom::focus(&format!("tab-{}", m.id()));
        })
    };
    html! {
        <nav class="tabs" aria-label="modes">
            <ul role="tablist" onkeydown={on_key}>
                { for Mode::ALL.iter().map(|&m| {
                    let selected = **mode == m;
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
    }
}
