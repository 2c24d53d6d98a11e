//! Background client traffic: while a scenario plays, the smart client reads the keys of the
//! slot being moved, so the learner sees what an application meets during a live reshard.
//! The `client> GET` requests are inserted into the timeline at a chosen rate, with the step
//! indices they take, so that a new rate keeps the learner on the same script step
//! ([`same_step`]).

use crate::args::quote_arg;
use crate::script::ScriptError;
use crate::Timeline;

/// The rates the app offers: one request after every `n` steps (0 is off).
pub const RATES: &[(usize, &str)] = &[
    (0, "off"),
    (4, "1 per 4 steps"),
    (2, "1 per 2 steps"),
    (1, "1 per step"),
];

/// The timeline of `script` with a `client> GET` of a key of the current slot after every
/// `every` steps (none when `every` is 0, or when the slot has no keys).
pub fn with_traffic(script: &str, every: usize) -> Result<Timeline, ScriptError> {
    with_traffic_marked(script, every).map(|(t, _)| t)
}

/// [`with_traffic`], with the indices of the steps it added (in increasing order).
pub fn with_traffic_marked(
    script: &str,
    every: usize,
) -> Result<(Timeline, Vec<usize>), ScriptError> {
    let mut count = 0usize;
    let mut turn = 0usize;
    let mut added = Vec::new();
    let timeline = Timeline::from_script_with(script, &mut |t| {
        if every == 0 {
            return None;
        }
        count += 1;
        if count % every != 0 {
            return None;
        }
        let last = t.len() - 1;
        let slot = t.focus_at(last)?;
        let cluster = &t.steps()[last].cluster;
        let mut keys: Vec<&[u8]> = cluster
            .nodes()
            .iter()
            .flat_map(|n| n.keys.keys_in_slot(slot).map(|k| &k[..]))
            .collect();
        crate::sort::sort(&mut keys);
        keys.dedup();
        if keys.is_empty() {
            return None;
        }
        turn += 1;
        // The request becomes the next step.
        added.push(t.len());
        Some(format!(
            "client> GET {}",
            quote_arg(keys[turn % keys.len()])
        ))
    })?;
    Ok((timeline, added))
}

/// The step that shows, in a timeline whose added requests are at `to`, what step `cursor`
/// showed in the same script's timeline with added requests at `from`: the same script step
/// (an added request stands for the script step before it).
pub fn same_step(cursor: usize, from: &[usize], to: &[usize]) -> usize {
    let script_step = cursor - from.iter().take_while(|&&i| i <= cursor).count();
    let mut step = script_step;
    for &i in to {
        if i > step {
            break;
        }
        step += 1;
    }
    step
}

/// The number of client requests in a timeline.
pub fn requests(t: &Timeline) -> usize {
    t.steps().iter().filter(|s| s.trace.is_some()).count()
}
