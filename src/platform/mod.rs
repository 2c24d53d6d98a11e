//! The browser's services, each behind a small safe API: localStorage, the history and the
//! address bar, messages to an embedding page, DOM helpers, and the panic panel. Nothing here
//! knows the model.

pub mod dom;
pub mod embed;
pub mod history;
pub mod panic;
pub mod storage;
