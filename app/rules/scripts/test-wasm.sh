#!/usr/bin/env bash
# Runs the rules' shared tests compiled to wasm32 in Node (wasm-bindgen-test-runner, installed by scripts/setup.sh
# at the Cargo.lock version), so the browser's build of the rules is proven to give the native build's reports.
set -euo pipefail
cd "$(dirname "$0")/../../.."
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
cargo test -p rules --target wasm32-unknown-unknown --test same_everywhere
