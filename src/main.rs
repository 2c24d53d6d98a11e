//! The entry point Trunk builds: mount the app.

fn main() {
    slotscope_web::start();
}
