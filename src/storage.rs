//! localStorage, through `gloo-storage`, as plain strings (no JSON machinery in the bundle),
//! and only when the browser offers it: a sandboxed frame or a strict privacy mode blocks
//! storage, and gloo's `raw()` would then throw and take the page down.

use gloo::storage::{LocalStorage, Storage};

/// Whether localStorage can be used at all.
fn available() -> bool {
    web_sys::window().is_some_and(|w| matches!(w.local_storage(), Ok(Some(_))))
}

/// The string stored under `key`.
pub fn get(key: &str) -> Option<String> {
    available()
        .then(|| LocalStorage::raw().get_item(key).ok().flatten())
        .flatten()
}

/// Stores `value` under `key`; false when storage is blocked or full.
pub fn set(key: &str, value: &str) -> bool {
    available() && LocalStorage::raw().set_item(key, value).is_ok()
}

/// Removes `key`.
pub fn remove(key: &str) {
    if available() {
        let _ = LocalStorage::raw().remove_item(key);
    }
}
