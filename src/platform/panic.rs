//! The panic panel: should a bug panic anyway, the page shows the message with a reset link
//! instead of dying silently (`tests/panic.rs` checks it in a browser).

/// Shows a panic as a message with a reset link, instead of a dead page.
fn show_panic(message: &str) {
    let document = gloo::utils::document();
    let Ok(panel) = document.create_element("div") else {
        return;
    };
    panel.set_id("panic");
    panel.set_attribute("role", "alert").ok();
    let text = format!("SlotScope stopped because of an internal error: {message}");
    if let Ok(p) = document.create_element("p") {
        p.set_text_content(Some(&text));
        panel.append_child(&p).ok();
    }
    if let Ok(a) = document.create_element("a") {
        a.set_text_content(Some("Reset SlotScope"));
        let path = gloo::utils::window()
            .location()
            .pathname()
            .unwrap_or_else(|_| "/".into());
        // A fresh start that also forgets what the app stored: the stored state may be what
        // made it panic.
        a.set_attribute("href", &format!("{path}?reset=1")).ok();
        panel.append_child(&a).ok();
    }
    if let Some(body) = document.body() {
        body.append_child(&panel).ok();
    }
}

/// Makes a panic show [`show_panic`]'s message, and log it to the console. Through Yew's
/// `set_custom_panic_hook`: Yew replaces a hook set with `std::panic::set_hook` by its own,
/// which only logs, when the app mounts.
pub fn install_panic_hook() {
    yew::set_custom_panic_hook(Box::new(|info| {
        show_panic(&info.to_string());
        gloo::console::error!(info.to_string());
    }));
}

/// The global allocator: the system's, except that an allocation the browser cannot grant
/// panics with its size, so the panic panel says what happened. (Without it, wasm's default
/// for a failed allocation is a bare `unreachable` trap: a dead page with no message.) With
/// `panic = "abort"`, as in every wasm build, the panic never unwinds out of the allocator.
#[cfg(target_arch = "wasm32")]
mod out_of_memory {
    use std::alloc::{GlobalAlloc, Layout, System};

    /// [`System`], with a message when memory runs out.
    struct Guarded;

    /// Panics with what could not be allocated.
    fn failed(size: usize) -> ! {
        panic!("out of memory: the browser refused {size} more bytes")
    }

    // SAFETY: every method forwards to `System` with the same arguments and returns its
    // result; a null result panics (with panic = "abort": no unwinding) instead of returning.
    unsafe impl GlobalAlloc for Guarded {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            let p = unsafe { System.alloc(layout) };
            if p.is_null() {
                failed(layout.size());
            }
            p
        }

        unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
            let p = unsafe { System.alloc_zeroed(layout) };
            if p.is_null() {
                failed(layout.size());
            }
            p
        }

        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            unsafe { System.dealloc(ptr, layout) }
        }

        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            let p = unsafe { System.realloc(ptr, layout, new_size) };
            if p.is_null() {
                failed(new_size);
            }
            p
        }
    }

    #[global_allocator]
    static ALLOCATOR: Guarded = Guarded;
}
