//! localStorage and sessionStorage, as plain strings (no JSON machinery in the bundle), and
//! only when the browser offers them: a sandboxed frame or a strict privacy mode blocks
//! storage, and an access that throws must not take the page down.

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

/// The tab's sessionStorage, when the browser lets the page use it.
fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

/// The script of a timeline too long for a link, kept for this tab under its fingerprint
/// (`slotscope.session.<hex>`), so a reload and Back and Forward bring it back. At most
/// [`SESSION_SCRIPTS`] are kept; the oldest go first.
pub fn keep_script(fingerprint: &str, script: &str) -> bool {
    let Some(s) = session() else {
        return false;
    };
    let key = format!("{PREFIX}session.{fingerprint}");
    let mut order: Vec<String> = s
        .get_item(ORDER_KEY)
        .ok()
        .flatten()
        .unwrap_or_default()
        .split(',')
        .filter(|k| !k.is_empty() && *k != key)
        .map(String::from)
        .collect();
    // A full storage keeps what it has: the address says then that the timeline was not
    // kept (the other kept timelines belong to other history entries).
    if s.set_item(&key, script).is_err() {
        return false;
    }
    order.push(key);
    while order.len() > SESSION_SCRIPTS {
        let _ = s.remove_item(&order.remove(0));
    }
    s.set_item(ORDER_KEY, &order.join(",")).is_ok()
}

/// The script kept for this tab under `fingerprint`, if it still is.
pub fn kept_script(fingerprint: &str) -> Option<String> {
    session()?
        .get_item(&format!("{PREFIX}session.{fingerprint}"))
        .ok()?
}

/// How many long timelines a tab keeps.
const SESSION_SCRIPTS: usize = 4;

/// The keys of the kept scripts, oldest first.
const ORDER_KEY: &str = "slotscope.session.order";

/// Removes every key the app stores (quiz progress, theme, classroom size, the tab's long
/// timelines), and no other page's keys.
pub fn clear_all() {
    for s in [local(), session()].into_iter().flatten() {
        let keys: Vec<String> = (0..s.length().unwrap_or(0))
            .filter_map(|i| s.key(i).ok().flatten())
            .filter(|k| k.starts_with(PREFIX))
            .collect();
        for k in keys {
            let _ = s.remove_item(&k);
        }
    }
}
