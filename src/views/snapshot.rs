//! Concept snapshot: a short summary card of the commands and the order rule.

use yew::prelude::*;

/// The concept snapshot mode.
pub fn concept_snapshot() -> Html {
    html! {
        <div class="snapshot">
            <h3>{"Resharding one slot, in order"}</h3>
            <ol>
                <li><strong>{"Target: "}</strong><code>{"CLUSTER SETSLOT <slot> IMPORTING <source-id>"}</code></li>
                <li><strong>{"Source: "}</strong><code>{"CLUSTER SETSLOT <slot> MIGRATING <target-id>"}</code></li>
                <li><strong>{"Source, until empty: "}</strong><code>{"CLUSTER GETKEYSINSLOT <slot> 10"}</code>{", then "}
                    <code>{"MIGRATE <target-ip> <target-port> \"\" 0 60000 KEYS <keys…>"}</code></li>
                <li><strong>{"Target, then source, then every other master: "}</strong><code>{"CLUSTER SETSLOT <slot> NODE <target-id>"}</code></li>
            </ol>
            <h3>{"The order rule"}</h3>
            <ul>
                <li>{"IMPORTING before MIGRATING, so the target is ready for the ASKs."}</li>
                <li>{"Every key moved before SETSLOT NODE, or gossip deletes the keys left behind."}</li>
                <li>{"SETSLOT NODE on the target first: it bumps its configEpoch and tells everyone."}</li>
            </ul>
            <h3>{"What clients see meanwhile"}</h3>
            <ul>
                <li><code>{"-ASK <slot> <target>"}</code>{": the source no longer has the key; ask the target once, after ASKING."}</li>
                <li><code>{"-MOVED <slot> <owner>"}</code>{": the slot belongs elsewhere in this node's view; update the slot map."}</li>
                <li><code>{"-TRYAGAIN"}</code>{": a multi-key command whose keys are split across the two nodes."}</li>
            </ul>
        </div>
    }
}
