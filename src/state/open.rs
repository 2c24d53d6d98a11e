//! What the app opens: the player an address asks for, and a script brought by hand (a
//! paste, a file or a `#script=` link), within the limits of a loaded script.

use crate::state::player::{Player, TimelineRef};
use crate::state::url::Start;
use slotscope_model::limits::{LOADED_SCRIPT_BYTES, USER_TIMELINE_STEPS};
use slotscope_model::scenario::{by_id, SCENARIOS};
use slotscope_model::script::{self, LineKind};
use slotscope_model::Timeline;
use std::rc::Rc;

/// The timeline of a script typed or loaded by hand, within the limits, or why not.
pub fn load(text: &str) -> Result<Timeline, String> {
    if text.len() > LOADED_SCRIPT_BYTES {
        return Err(format!(
            "The script is {} KB; scripts are limited to {} KB.",
            text.len().div_ceil(1024),
            LOADED_SCRIPT_BYTES / 1024
        ));
    }
    let parsed = script::parse(text).map_err(|e| e.to_string())?;
    // The steps after step 0: every line after `start` (every line, without one), but
    // comments. The page numbers them 1 to USER_TIMELINE_STEPS - 1.
    let start_at = parsed
        .lines
        .iter()
        .find(|l| l.kind == LineKind::Start)
        .map_or(0, |l| l.number);
    let steps = parsed
        .lines
        .iter()
        .filter(|l| l.number > start_at && !matches!(l.kind, LineKind::Comment))
        .count();
    let most = USER_TIMELINE_STEPS - 1;
    if steps > most {
        return Err(format!(
            "The script has {steps} steps; a loaded script may have at most {most} (steps 1 to {most} after the start)."
        ));
    }
    Timeline::from_script(text).map_err(|e| e.to_string())
}

/// The player an address asks for, and notices for what could not be honoured.
pub fn player_for(start: &Start) -> (Player, Vec<String>) {
    let mut notices = Vec::new();
    // A timeline too long for a link, kept by this tab (see `storage::keep_script`).
    let kept = start
        .session
        .as_deref()
        .map(crate::platform::storage::kept_script);
    if kept == Some(None) && start.script.is_none() {
        notices.push(
            "The timeline of this address was kept only in the tab that made it, so the default scenario is shown. Export a long timeline as a script to share it."
                .to_string(),
        );
    }
    // A link's script keeps to a loaded script's limits (size, steps); one this tab kept was
    // made here, by the console or the plan form, and only has to replay.
    let timeline = match (&start.script, kept.flatten()) {
        (Some(text), _) => Some(load(text)),
        (None, Some(text)) => Some(Timeline::from_script(&text).map_err(|e| e.to_string())),
        (None, None) => None,
    };
    let mut player = match timeline {
        Some(Ok(t)) => {
            let mut player = Player::custom(TimelineRef(Rc::new(t)));
            // The scenario the script changed, if the address names one.
            if let Some(changed) = start.scenario.and_then(by_id) {
                player.scenario = changed;
            }
            player
        }
        Some(Err(e)) => {
            notices.push(format!(
                "The script in the link does not run ({e}), so the default scenario is shown."
            ));
            Player::default()
        }
        None => Player::with_traffic(
            start.scenario.and_then(by_id).unwrap_or(&SCENARIOS[0]),
            start.traffic.unwrap_or(0),
        ),
    };
    if let Some(step) = start.step {
        let last = player.last();
        if step > last {
            notices.push(format!(
                "Step {step} is past the end, so the last step, {last}, is shown."
            ));
        }
        player.cursor = step.min(last);
        player.previous = player.cursor;
    }
    if let Some(speed) = start.speed {
        player.speed = speed;
    }
    (player, notices)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loading_keeps_to_the_limits() {
        assert_eq!(load("cluster A B C\nA> GET k\n").unwrap().len(), 2);
        let most = format!("cluster A\n{}", "wait\n".repeat(USER_TIMELINE_STEPS - 1));
        assert_eq!(load(&most).unwrap().len(), USER_TIMELINE_STEPS);
        let long = format!("cluster A\n{}", "wait\n".repeat(USER_TIMELINE_STEPS));
        assert!(load(&long)
            .unwrap_err()
            .contains("at most 9999 (steps 1 to 9999 after the start)"));
        let big = format!("cluster A\n# {}\n", "x".repeat(LOADED_SCRIPT_BYTES));
        assert!(load(&big).unwrap_err().contains("limited to 512 KB"));
        assert!(load("cluster A\nB> GET k\n")
            .unwrap_err()
            .contains("line 2"));
    }
}
