//! The smallest Yew app with a button: the baseline SlotScope's load time is compared with.

use yew::prelude::*;

#[function_component(Counter)]
fn counter() -> Html {
    let count = use_state(|| 0u32);
    let add = {
        let count = count.clone();
        Callback::from(move |_| count.set(*count + 1))
    };
    html! {
        <main>
            <p data-testid="count">{ *count }</p>
            <button onclick={add}>{"+1"}</button>
        </main>
    }
}

fn main() {
    yew::Renderer::<Counter>::new().render();
}
