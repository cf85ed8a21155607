#!/usr/bin/env bash
# The rules' wasm benchmark: builds the check to wasm (release, wasm-bindgen --target web), serves the page
# (www/) with PapaParse, and times both in headless Chromium (run.mjs); appends two rows to $BENCH_RESULTS.
# The native check's row is the anchor of the first: when $BENCH_RESULTS has none yet, the native bench runs first.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
cd "$root"
export PATH="$HOME/.cargo/bin:$root/end2end/node_modules/.bin:$PATH"
target="${CARGO_TARGET_DIR:-$root/target}"
export BENCH_RESULTS="${BENCH_RESULTS:-$root/target/bench-results.jsonl}"
mkdir -p "$(dirname "$BENCH_RESULTS")"

native='"what":"read, decode, parse and check the 250-row file (native)"'
if ! grep -qs "$native" "$BENCH_RESULTS"; then
  cargo bench -p rules --bench check
fi

cargo build --release --target wasm32-unknown-unknown -p rules-bench-wasm
wasm-bindgen --target web --no-typescript --out-dir "$here/www/pkg" \
  "$target/wasm32-unknown-unknown/release/rules_bench_wasm.wasm"

modules="$root/end2end/node_modules"
if [ ! -e "$modules/papaparse/papaparse.min.js" ] || [ ! -e "$modules/playwright-core" ]; then
  (cd "$root/end2end" && npm install --no-audit --no-fund)
fi
NODE_PATH="$modules" node "$here/run.mjs" "$here/www" "$modules"
