//! The wasm entry point: hydrates the page the server rendered, so it becomes interactive.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Signing in and out answer with a redirect. The app has no client-side router (app::pages), so the browser
    // follows it with a page load.
    let _ = leptos::server_fn::redirect::set_redirect_hook(|location: &str| {
        if let Some(window) = web_sys::window() {
            let _ = window.location().set_href(location);
        }
    });
    leptos::mount::hydrate_body(app::App);
    // Marks the page as interactive: browser tests wait for it, since a click before hydration is lost.
    if let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) {
        let _ = body.set_attribute("data-hydrated", "true");
    }
}
