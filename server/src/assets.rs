//! The site's static files on the wire: how long a browser may keep them. The release build (`make build`) names
//! the wasm, JS and CSS after their content and precompresses them (brotli 11 and gzip, at build time), so a file
//! under `/pkg/` never changes under its name and can be kept for a year; the files of a development build keep
//! their plain names and are revalidated at every load.

use axum::{
    body::Body,
    http::{header, HeaderValue, Request},
    middleware::Next,
    response::Response,
};

/// Whether this server was built by `cargo leptos build` with `LEPTOS_HASH_FILES=true` (cargo-leptos passes the
/// variable to the server's compilation, and cargo rebuilds the server when it changes), so that the page names
/// the hashed files listed in `hash.txt` beside the server's executable.
pub const HASHED: bool = match option_env!("LEPTOS_HASH_FILES") {
    // A slice pattern: comparing `str`s is not possible in a constant.
    Some(value) => matches!(value.as_bytes(), [b't', b'r', b'u', b'e']),
    None => false,
};

/// Content-named files: cached for a year and never revalidated.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Plain names: the browser may keep a copy but asks whether it is still current (a 304 when it is).
const REVALIDATE: &str = "no-cache";

/// Sets `Cache-Control` on the answers for `/pkg/` (the wasm, JS and CSS), unless the answer set one itself.
pub async fn cache_control(request: Request<Body>, next: Next) -> Response {
    let is_pkg = request.uri().path().starts_with("/pkg/");
    let mut response = next.run(request).await;
    if is_pkg && response.status().is_success() && !response.headers().contains_key(header::CACHE_CONTROL) {
        let value = if HASHED { IMMUTABLE } else { REVALIDATE };
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    }
    response
}
