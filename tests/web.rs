//! Component tests in a real headless Chromium (wasm-bindgen-test): mount the app, click the
//! player's buttons, and read the DOM.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh element in the page, with the app mounted in it.
async fn mounted() -> Element {
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    slotscope_web::mount(root.clone());
    settle().await;
    root
}

/// Lets Yew's scheduler render.
async fn settle() {
    yew::platform::time::sleep(Duration::from_millis(20)).await;
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
