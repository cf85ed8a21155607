#!/usr/bin/env bash
# The wasm bundle's size as the browser downloads it, without building the release server: the frontend in the
# wasm-release profile, wasm-bindgen at the Cargo.lock version, binaryen's wasm-opt -Oz (as cargo-leptos does in
# release), then brotli at quality 11. Prints the wasm, the JS and their sum, in bytes.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export PATH="$HOME/.cargo/bin:$root/end2end/node_modules/.bin:$PATH"
out="$root/target/bundle-size"
rm -rf "$out" && mkdir -p "$out"
cargo build -q -p frontend --lib --target wasm32-unknown-unknown --profile wasm-release
wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name bulk-import \
  target/wasm32-unknown-unknown/wasm-release/frontend.wasm
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int -o "$out/bulk-import.wasm" "$out/bulk-import_bg.wasm"
wasm=$(brotli -c -q 11 "$out/bulk-import.wasm" | wc -c)
js=$(brotli -c -q 11 "$out/bulk-import.js" | wc -c)
echo "wasm $(wc -c < "$out/bulk-import.wasm") bytes, brotli $wasm; js brotli $js; wasm + js brotli $((wasm + js))"
