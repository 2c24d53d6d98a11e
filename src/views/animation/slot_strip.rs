//! A strip of all 16384 slots, coloured by owner in one node's view, drawn on a canvas from
//! a few ranges (never one element per slot). Open slots stand out as tall markers.

use crate::platform::dom::cleared_2d;
use slotscope_model::node::View;
use slotscope_model::slot::SLOT_COUNT;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

/// Owner colours, by node index (they read on light and dark backgrounds alike).
pub const OWNER_COLOURS: &[&str] = &[
    "#3b7dd8", "#e07b39", "#3f9d5a", "#9a62c9", "#c9455a", "#2aa5a0", "#b59a2c", "#7a7f87",
];

/// The strip's inputs.
#[derive(Properties, PartialEq, Clone)]
pub struct SlotStripProps {
    /// The node's view.
    pub view: View,
    /// Node names, by index.
    pub names: Vec<String>,
    /// The accessible name of the strip.
    pub label: String,
}

/// Runs of equal owners: (first slot, last slot, owner index).
fn owner_ranges(view: &View) -> Vec<(usize, usize, Option<usize>)> {
    view.owner_runs()
        .into_iter()
        .map(|(a, b, o)| (a.index(), b.index(), o.map(|n| n.get())))
        .collect()
}

fn draw(canvas: &HtmlCanvasElement, ranges: &[(usize, usize, Option<usize>)], open: &[usize]) {
    let Some(ctx) = cleared_2d(canvas) else {
        return;
    };
    let (w, h) = (f64::from(canvas.width()), f64::from(canvas.height()));
    let x = |slot: usize| slot as f64 * w / SLOT_COUNT as f64;
    for (a, b, owner) in ranges {
        let colour = owner.map_or("#bdbdbd", |i| OWNER_COLOURS[i % OWNER_COLOURS.len()]);
        ctx.set_fill_style_str(colour);
        ctx.fill_rect(x(*a), 4.0, (x(b + 1) - x(*a)).max(1.0), h - 8.0);
    }
    ctx.set_fill_style_str("#d0021b");
    for s in open {
        ctx.fill_rect(x(*s) - 1.0, 0.0, 3.0, h);
    }
}

/// The strip.
#[function_component(SlotStrip)]
pub fn slot_strip(props: &SlotStripProps) -> Html {
    let canvas = use_node_ref();
    let ranges = owner_ranges(&props.view);
    let open: Vec<usize> = props.view.open_slots().iter().map(|s| s.index()).collect();
    {
        let canvas = canvas.clone();
        let ranges = ranges.clone();
        let open = open.clone();
        use_effect(move || {
            if let Some(c) = canvas.cast::<HtmlCanvasElement>() {
                draw(&c, &ranges, &open);
            }
        });
    }
    let name = |o: Option<usize>| {
        o.and_then(|i| props.names.get(i).cloned())
            .unwrap_or_else(|| "nobody".into())
    };
    let summary: Vec<String> = ranges
        .iter()
        .take(12)
        .map(|(a, b, o)| {
            if a == b {
                format!("{a}: {}", name(*o))
            } else {
                format!("{a}-{b}: {}", name(*o))
            }
        })
        .collect();
    let more = ranges.len().saturating_sub(12);
    let description = format!(
        "{}. {}{}{}",
        props.label,
        summary.join(", "),
        if more > 0 {
            format!(", and {more} more ranges")
        } else {
            String::new()
        },
        if open.is_empty() {
            String::new()
        } else {
            let list: Vec<String> = open.iter().map(|s| s.to_string()).collect();
            format!(". Open slots: {}", list.join(", "))
        }
    );
    html! {
        <canvas class="strip" ref={canvas} width="640" height="18" role="img" aria-label={description}></canvas>
    }
}
