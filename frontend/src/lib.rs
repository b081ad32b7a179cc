#![recursion_limit = "512"]
//! The browser entry point: hydrates the server-rendered page, after
//! fetching the lazy chunks of the route it shows (see `app::shell::routes`).

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_lazy(app::App);
}
