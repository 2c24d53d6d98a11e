//! localStorage, as plain strings (no JSON machinery in the bundle), and only when the browser
//! offers it: a sandboxed frame or a strict privacy mode blocks storage, and an access that
//! throws must not take the page down.

/// The page's localStorage, when the browser lets the page use it.
fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The string stored under `key`.
pub fn get(key: &str) -> Option<String> {
    local()?.get_item(key).ok()?
}

/// Stores `value` under `key`; false when storage is blocked or full.
pub fn set(key: &str, value: &str) -> bool {
    local().is_some_and(|s| s.set_item(key, value).is_ok())
}

/// Removes `key`.
pub fn remove(key: &str) {
    if let Some(s) = local() {
        let _ = s.remove_item(key);
    }
}

/// The prefix of every key the app stores.
const PREFIX: &str = "slotscope.";

/// Removes every key the app stores (quiz progress, theme, classroom size), and no other
/// page's keys.
pub fn clear_all() {
    let Some(s) = local() else {
        return;
    };
    let keys: Vec<String> = (0..s.length().unwrap_or(0))
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k.starts_with(PREFIX))
        .collect();
    for k in keys {
        let _ = s.remove_item(&k);
    }
}
