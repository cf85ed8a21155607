#!/usr/bin/env bash
# `make test`: installs what is missing, then runs every test: formatting and lints, unit and integration tests
# against SQLite and a private PostgreSQL this script starts (and stops), the rules in wasm, a bounded fuzz run,
# and the browser tests in Chromium (screenshots in end2end/screenshots/). Prints each step's time at the end.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export PATH="$HOME/.cargo/bin:$root/end2end/node_modules/.bin:$PATH"

# shellcheck source=lib/steps.sh
source scripts/lib/steps.sh

step "set-up"
bash scripts/setup.sh test

step "formatting and lints"
cargo fmt --all --check
# The server side (app with `ssr`) and the browser side (app with `hydrate`, in wasm) are linted separately:
# building both feature sets of `app` in one native build is not meaningful.
cargo clippy -p benchkit -p rules -p domain -p service -p storage -p delivery -p app -p server --all-targets -- -D warnings
cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings

step "PostgreSQL for the integration tests"
TEST_POSTGRES_URL="$(bash scripts/postgres.sh start)"
export TEST_POSTGRES_URL REQUIRE_POSTGRES=1

step "unit and integration tests (SQLite, PostgreSQL, a loopback SMTP server)"
# Also builds target/debug/server, which the browser tests below run.
cargo test -p benchkit -p rules -p domain -p service -p storage -p delivery -p app -p server

step "the rules in wasm (same reports as native)"
bash app/rules/scripts/test-wasm.sh

step "fuzzing the rules for ${FUZZ_SECONDS:-60} s"
bash app/rules/fuzz/run.sh "${FUZZ_SECONDS:-60}"

step "browser tests in Chromium"
# Only the wasm bundle and the site's assets: the server is the one `cargo test` just built (the same code, the
# same `--cfg erase_components`), so it is not compiled a second time with other features.
cargo leptos build --frontend-only
(cd end2end && npx playwright test)

step "done"
