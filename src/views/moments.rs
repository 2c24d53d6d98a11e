//! Key moments: the material's three insights, each corrected where it is imprecise, with a
//! link to the step or the what-if scenario that shows it. The texts come from the model
//! (`slotscope_model::moments`), the step numbers from the walkthrough's timeline.

use slotscope_model::moments::MOMENTS;
use slotscope_model::scenario::by_id;
use slotscope_model::Timeline;
use yew::prelude::*;

/// The moments' inputs.
pub struct MomentsProps {
    /// Opens a scenario (by id) at a step.
    pub on_open: Callback<(&'static str, usize)>,
}

/// The key moments mode.
pub fn key_moments(props: &MomentsProps) -> Html {
    // The walkthrough's timeline has eight steps: building it costs about a millisecond, and
    // only while this mode is shown.
    let walkthrough = by_id("walkthrough").and_then(|s| Timeline::from_script(&(s.script)()).ok());
    let link = |id: &'static str, step: usize, text: String| {
        let on_open = props.on_open.clone();
        html! { <button type="button" onclick={Callback::from(move |_| on_open.emit((id, step)))}>{text}</button> }
    };
    html! {
        <div class="moments">
            { for MOMENTS.iter().map(|m| html! {
                <article class="moment">
                    <h3>{m.question}</h3>
                    <p><strong>{"The material: "}</strong>{m.material}</p>
                    <p><strong>{"What Redis 7 really does: "}</strong>{m.redis}</p>
                    <p class="moment-links">
                        { for walkthrough.as_ref().and_then(|t| m.step_in(t)).map(|step|
                            link("walkthrough", step, format!("See step {step} of the walkthrough"))) }
                        { for m.what_ifs.iter().map(|&(id, text)| link(id, 0, text.to_string())) }
                    </p>
                </article>
            }) }
        </div>
    }
}
