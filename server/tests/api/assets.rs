//! The site's files on the wire: a file precompressed at build time is sent as it is to a browser that accepts
//! its encoding, and `/pkg/` answers say how long they may be kept.

use crate::helpers::*;
use reqwest::header;

#[tokio::test]
async fn a_precompressed_file_is_served_as_built_with_its_cache_policy() {
    let site = tempfile::tempdir().unwrap();
    let pkg = site.path().join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::write(pkg.join("app.js"), "console.log('plain');".repeat(100)).unwrap();
    // Not real brotli: the test proves the server sends the build's file rather than compressing on the fly.
    std::fs::write(pkg.join("app.js.br"), b"made at build time").unwrap();
    std::fs::write(pkg.join("app.js.gz"), b"gzip made at build time").unwrap();
    let root = site.path().to_str().unwrap();
    let t = storage::testing::sqlite().await;
    let app = spawn_with(&t.url, t.backend, &[("LEPTOS_SITE_ROOT", root)]).await;
    let get = |encoding: &'static str| {
        app.client.get(format!("{}/pkg/app.js", app.address)).header(header::ACCEPT_ENCODING, encoding).send()
    };
    let expected_cache = if server::assets::HASHED { "public, max-age=31536000, immutable" } else { "no-cache" };

    let brotli = get("br, gzip").await.unwrap();
    assert_eq!(brotli.status(), 200);
    assert_eq!(brotli.headers()[header::CONTENT_ENCODING], "br");
    assert_eq!(brotli.headers()[header::CACHE_CONTROL], expected_cache);
    assert_eq!(brotli.bytes().await.unwrap().as_ref(), b"made at build time");

    let gzip = get("gzip").await.unwrap();
    assert_eq!(gzip.headers()[header::CONTENT_ENCODING], "gzip");
    assert_eq!(gzip.bytes().await.unwrap().as_ref(), b"gzip made at build time");
}
