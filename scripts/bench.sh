#!/usr/bin/env bash
# The benchmarks of docs/benchmarks.md: the rules (criterion), the server-side confirm on SQLite and PostgreSQL,
# and the browser figures (release build in headless Chromium). Figures are printed, never asserted.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export PATH="$HOME/.cargo/bin:$root/end2end/node_modules/.bin:$PATH"
bash scripts/setup.sh test

cargo bench -p rules --bench check

TEST_POSTGRES_URL="$(bash scripts/postgres.sh start)"
export TEST_POSTGRES_URL REQUIRE_POSTGRES=1
trap 'bash scripts/postgres.sh stop' EXIT
cargo bench -p server --bench confirm
cargo bench -p server --bench history
cargo bench -p server --bench users
cargo bench -p delivery --bench deliver

cargo leptos build --release
echo "release wasm + JS, brotli -q 11:"
for f in target/site/pkg/*.wasm target/site/pkg/*.js; do
  printf '  %-40s %8d bytes, %8d brotli\n' "$(basename "$f")" "$(stat -c %s "$f")" "$(brotli -c -q 11 "$f" | wc -c)"
done
total=$(cat target/site/pkg/*.wasm target/site/pkg/*.js | brotli -c -q 11 | wc -c)
echo "  together: $total bytes brotli"
(cd end2end && SERVER_BIN="$root/target/release/server" npx playwright test --config playwright.bench.config.ts)
