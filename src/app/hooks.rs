//! The shell's hooks: the play timer, the address bar kept in step with what is shown (and
//! Back and Forward), and the reports to an embedding page.

use crate::platform::{embed, history, storage};
use crate::state::codec;
use crate::state::player::{Action, Player, SPEEDS};
use crate::state::prefs::Theme;
use crate::state::url::{Embed, Start, Written};
use crate::views::Mode;
use gloo::events::EventListener;
use gloo::timers::callback::Interval;
use yew::prelude::*;

/// The element the embed's height is measured on.
pub const ROOT_ID: &str = "slotscope";

/// Plays: one step per 1 / speed seconds while the player is playing.
#[hook]
pub fn use_play_timer(player: &UseReducerHandle<Player>) {
    let dispatch = player.dispatcher();
    use_effect_with((player.playing, player.speed), move |&(playing, speed)| {
        let interval = playing.then(|| {
            let ms = (1000.0 / SPEEDS[speed]) as u32;
            Interval::new(ms, move || dispatch.dispatch(Action::Tick))
        });
        move || drop(interval)
    });
}

/// The address of what is shown, as [`use_address_sync`] keeps it.
pub struct Address {
    /// The query and fragment of this page's state.
    pub here: String,
    /// The same state in the full app (no embed options), for "Open full app".
    pub full_app: String,
    /// A changed timeline too long for a link.
    pub too_long: bool,
}

/// Writes the state into the address bar (a step replaces the entry, a new scenario or mode
/// pushes one), and on Back and Forward restores the state the address names: the address is
/// the state.
#[hook]
pub fn use_address_sync(
    player: &UseReducerHandle<Player>,
    mode: &UseStateHandle<Mode>,
    theme: Theme,
    quiz_seed: u64,
    embed: Option<&Embed>,
    notices: &UseStateHandle<Vec<String>>,
) -> Address {
    // The encoded script of a custom timeline, computed once per timeline; one too long for
    // a link is kept in this tab instead, under its fingerprint, so a reload and Back and
    // Forward still bring it back.
    let script_code = use_memo((player.timeline.clone(), player.custom), |(t, custom)| {
        if !custom {
            return (None, None);
        }
        let script = t.to_script();
        match codec::encode(&script) {
            Some(code) => (Some(code), None),
            None => {
                let fingerprint = format!("{:x}", t.fingerprint());
                let kept = storage::keep_script(&fingerprint, &script);
                (None, kept.then_some(fingerprint))
            }
        }
    });
    let written = Written {
        // A changed scenario keeps its id beside its script, so its link reopens it as
        // "… (changed)".
        scenario: (player.scenario.id != "custom").then_some(player.scenario.id),
        step: player.cursor,
        mode: **mode,
        speed: player.speed,
        // A custom timeline's requests are in its script already.
        traffic: if player.custom { 0 } else { player.traffic },
        theme: Some(theme),
        quiz_seed,
        embed,
        script: script_code.0.as_deref(),
        session: script_code.1.as_deref(),
    };
    let here = written.to_address();
    let full_app = Written {
        embed: None,
        ..written
    }
    .to_address();
    let last_key = use_mut_ref(|| None::<(&'static str, bool, Mode)>);
    {
        let key = (player.scenario.id, player.custom, **mode);
        let last_key = last_key.clone();
        use_effect_with(here.clone(), move |address| {
            let push = last_key.borrow().is_some_and(|k| k != key);
            *last_key.borrow_mut() = Some(key);
            history::write(address, push);
        });
    }
    {
        let dispatch = player.dispatcher();
        let mode = mode.clone();
        let notices = notices.clone();
        use_effect_with((), move |_| {
            let window = gloo::utils::window();
            let listener = EventListener::new(&window, "popstate", move |_| {
                let start = Start::from_location();
                let (p, said) = crate::state::open::player_for(&start);
                // What Back or Forward could not bring back (a timeline no longer kept).
                notices.set([start.notices, said].concat());
                *last_key.borrow_mut() = None;
                dispatch.dispatch(Action::Restore(Box::new(p)));
                mode.set(start.mode.unwrap_or(Mode::Animation));
            });
            move || drop(listener)
        });
    }
    Address {
        here,
        full_app,
        too_long: player.custom && script_code.0.is_none(),
    }
}

/// Embedded: tells the host the app's height whenever it changes, and the step shown.
#[hook]
pub fn use_embed_reports(enabled: bool, player: &UseReducerHandle<Player>) {
    embed::use_resize_reports(enabled, ROOT_ID);
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
