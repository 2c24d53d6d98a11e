//! Component tests in a real headless Chromium (wasm-bindgen-test): mount the app, click the
//! player's buttons, and read the DOM.
// Test code may unwrap and sort: the bundle rules (clippy.toml) are for the bundle.
#![allow(clippy::disallowed_methods)]
#![cfg(target_arch = "wasm32")]

use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh element in the page, with the app mounted in it, at a bare address (the apps of
/// earlier tests wrote their state into it).
async fn mounted() -> Element {
    let window = gloo::utils::window();
    let path = window.location().pathname().unwrap();
    window
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path))
        .unwrap();
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    slotscope_web::mount(root.clone());
    settle().await;
    root
}

/// Waits until Yew has done all the rendering (and the effects) that the last action scheduled.
/// Yew's scheduler yields to the browser every 16 ms, so a fixed sleep could end mid-render.
async fn settle() {
    yew::scheduler::flush().await;
}

fn button(root: &Element, label: &str) -> HtmlElement {
    let buttons = root.query_selector_all("button").unwrap();
    (0..buttons.length())
        .filter_map(|i| buttons.item(i))
        .filter_map(|n| n.dyn_into::<HtmlElement>().ok())
        .find(|b| b.text_content().unwrap_or_default().contains(label))
        .unwrap_or_else(|| panic!("no button labelled {label}"))
}

async fn click(root: &Element, label: &str) {
    button(root, label).click();
    settle().await;
}

fn card(root: &Element, node: &str) -> Element {
    root.query_selector(&format!("[data-node='{node}']"))
        .unwrap()
        .unwrap_or_else(|| panic!("no card for {node}"))
}

fn text_of(el: &Element, selector: &str) -> String {
    el.query_selector(selector)
        .unwrap()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

fn keys_on(root: &Element, node: &str) -> Vec<String> {
    let items = card(root, node).query_selector_all(".key-token").unwrap();
    let mut keys: Vec<String> = (0..items.length())
        .filter_map(|i| items.item(i))
        .filter_map(|n| n.text_content())
        .collect();
    keys.sort();
    keys
}

#[wasm_bindgen_test]
async fn four_steps_give_the_slot_and_keys_to_the_target_and_one_back_undoes_the_last() {
    let root = mounted().await;
    assert_eq!(
        text_of(&card(&root, "A"), "[data-testid=slot-state]"),
        "owned"
    );
    assert_eq!(keys_on(&root, "A"), vec!["key1{page270}", "key2{page270}"]);
    for _ in 0..4 {
        click(&root, "Next step").await;
    }
    assert_eq!(
        text_of(&card(&root, "B"), "[data-testid=slot-state]"),
        "owned"
    );
    assert_eq!(keys_on(&root, "B"), vec!["key1{page270}", "key2{page270}"]);
    assert!(keys_on(&root, "A").is_empty());

    click(&root, "Previous step").await;
    assert_eq!(
        text_of(&card(&root, "B"), "[data-testid=slot-state]"),
        "IMPORTING from A"
    );
    assert_eq!(
        text_of(&card(&root, "A"), "[data-testid=slot-state]"),
        "MIGRATING to B"
    );
    assert_eq!(keys_on(&root, "B"), vec!["key1{page270}", "key2{page270}"]);
    assert!(keys_on(&root, "A").is_empty());
    assert!(text_of(&root, "[data-testid=command]").starts_with("A> MIGRATE"));
}

#[wasm_bindgen_test]
async fn previous_is_disabled_at_the_start() {
    let root = mounted().await;
    assert!(button(&root, "Previous step").has_attribute("disabled"));
    assert_eq!(text_of(&root, "[data-testid=counter]"), "Step 0 of 7");
}

fn click_el(el: &Element) {
    el.clone().dyn_into::<HtmlElement>().unwrap().click();
}

async fn open_tab(root: &Element, name: &str) {
    let tabs = root.query_selector_all("[role=tab]").unwrap();
    let tab = (0..tabs.length())
        .filter_map(|i| tabs.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .find(|t| t.text_content().unwrap_or_default() == name)
        .unwrap_or_else(|| panic!("no tab {name}"));
    click_el(&tab);
    settle().await;
}

#[wasm_bindgen_test]
async fn the_player_plays_and_pauses() {
    let root = mounted().await;
    click(&root, "Play").await;
    assert!(
        button(&root, "Pause")
            .get_attribute("aria-pressed")
            .as_deref()
            == Some("true")
    );
    yew::platform::time::sleep(Duration::from_millis(1300)).await;
    let counter = text_of(&root, "[data-testid=counter]");
    assert_ne!(counter, "Step 0 of 7", "playing advanced the step");
    click(&root, "Pause").await;
    let paused_at = text_of(&root, "[data-testid=counter]");
    yew::platform::time::sleep(Duration::from_millis(1300)).await;
    assert_eq!(text_of(&root, "[data-testid=counter]"), paused_at);
    click(&root, "Last").await;
    assert_eq!(text_of(&root, "[data-testid=counter]"), "Step 7 of 7");
    click(&root, "First").await;
    assert_eq!(text_of(&root, "[data-testid=counter]"), "Step 0 of 7");
}

#[wasm_bindgen_test]
async fn a_click_on_a_table_row_seeks_there() {
    let root = mounted().await;
    open_tab(&root, "Execution table").await;
    let row = root
        .query_selector("tr[data-step='4']")
        .unwrap()
        .expect("row 4");
    click_el(&row);
    settle().await;
    assert_eq!(text_of(&root, "[data-testid=counter]"), "Step 4 of 7");
    let current = root
        .query_selector("tr[aria-current=step]")
        .unwrap()
        .expect("a current row");
    assert_eq!(current.get_attribute("data-step").as_deref(), Some("4"));
    assert!(current.text_content().unwrap_or_default().contains("NODE"));
}

#[wasm_bindgen_test]
async fn the_tracker_marks_changed_values() {
    let root = mounted().await;
    click(&root, "Next step").await;
    click(&root, "Next step").await;
    open_tab(&root, "Variable tracker").await;
    let changed = root.query_selector_all("td.changed").unwrap();
    assert!(changed.length() > 0);
    for i in 0..changed.length() {
        let text = changed.item(i).unwrap().text_content().unwrap_or_default();
        assert!(text.contains('●') && text.contains("(changed)"), "{text}");
    }
    // Step 2 sets MIGRATING on A: that cell is marked, and IMPORTING on B (set at step 1) is not.
    let current: Vec<String> = {
        let cells = root.query_selector_all("td.current").unwrap();
        (0..cells.length())
            .filter_map(|i| cells.item(i))
            .filter_map(|c| c.text_content())
            .collect()
    };
    assert!(current[0].contains("● MIGRATING to B"), "{current:?}");
    assert!(!current[1].contains('●'), "{current:?}");
}

#[wasm_bindgen_test]
fn the_model_sees_open_slots_in_wasm_too() {
    use slotscope_model::planner::Plan;
    let s = &slotscope_model::scenario::SCENARIOS[0];
    let t = slotscope_model::Timeline::from_script(&(s.script)()).unwrap();
    let c = &t.steps()[2].cluster;
    let open: Vec<usize> = c
        .nodes()
        .iter()
        .map(|n| n.view.open_slots().len())
        .collect();
    assert_eq!(open, vec![1, 1, 0], "A migrating, B importing");
    assert!(Plan::new(c.clone()).check().is_err());
}
