//! The 1,000,000-key rebalance of `make bench`, built inside headless Chromium, for its ratio
//! to the native figure. A figure, not a test: `make test` skips it (ignored), and
//! `make bench-web` runs it with `--include-ignored`.
// Test code may unwrap and sort: the bundle rules (clippy.toml) are for the bundle.
#![allow(clippy::disallowed_methods)]
#![cfg(target_arch = "wasm32")]

#[path = "../crates/model/benches/common/mod.rs"]
mod common;

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The wasm module's linear memory, in MB.
fn wasm_memory_mb() -> f64 {
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    let buffer: js_sys::ArrayBuffer = memory.buffer().unchecked_into();
    f64::from(buffer.byte_length()) / 1e6
}

#[wasm_bindgen_test]
#[ignore = "a benchmark: make bench-web runs it"]
fn million_key_rebalance_in_the_browser() {
    let t0 = js_sys::Date::now();
    let start = common::loaded_cluster();
    let t1 = js_sys::Date::now();
    let timeline = common::plan_and_build(&start);
    let t2 = js_sys::Date::now();
    console_log!(
        "in Chromium (wasm): rebalance 3 -> 4 masters, {} keys: loading {:.0} ms; plan + timeline {:.0} ms, {} steps; wasm memory {:.0} MB",
        common::KEYS,
        t1 - t0,
        t2 - t1,
        timeline.len(),
        wasm_memory_mb()
    );
}
