#!/usr/bin/env bash
# `make test`: installs what is missing, then runs every test: formatting and lints, unit and integration tests
# against SQLite and a private PostgreSQL this script starts (and stops), the rules in wasm, a bounded fuzz run,
# and the browser tests in Chromium.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export PATH="$HOME/.cargo/bin:$root/end2end/node_modules/.bin:$PATH"
step() { printf '\n\033[1;32m[test]\033[0m %s\n' "$*"; }
SECONDS=0

step "set-up"
bash scripts/setup.sh test

step "formatting and lints"
cargo fmt --all --check
# The server side (app with `ssr`) and the browser side (app with `hydrate`, in wasm) are linted separately:
# building both feature sets of `app` in one native build is not meaningful.
cargo clippy -p rules -p storage -p delivery -p app -p server --all-targets -- -D warnings
cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings

step "PostgreSQL for the integration tests"
TEST_POSTGRES_URL="$(bash scripts/postgres.sh start)"
export TEST_POSTGRES_URL REQUIRE_POSTGRES=1
trap 'bash scripts/postgres.sh stop' EXIT

step "unit and integration tests (SQLite, PostgreSQL, a loopback SMTP server)"
cargo test -p rules -p storage -p delivery -p app -p server

if [ -x app/rules/scripts/test-wasm.sh ]; then
  step "the rules in wasm (same reports as native)"
  bash app/rules/scripts/test-wasm.sh
fi

if [ -x app/rules/fuzz/run.sh ]; then
  step "fuzzing the rules for ${FUZZ_SECONDS:-60} s"
  bash app/rules/fuzz/run.sh "${FUZZ_SECONDS:-60}"
fi

step "browser tests in Chromium"
cargo leptos build
(cd end2end && npx playwright test)

step "all tests passed in $((SECONDS / 60)) min $((SECONDS % 60)) s"
