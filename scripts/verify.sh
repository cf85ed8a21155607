#!/usr/bin/env bash
# `make verify`: the reliability campaign at full size (docs/reliability.md), loopback only, every loop bounded,
# about a quarter of an hour on a 2-core machine: hostile input through the rules, `server check`, the confirm and
# the panel; the authorisation matrix; faults (server killed, database stopped, SMTP stalled or slow); load (20
# admins for 2 minutes on SQLite, and on PostgreSQL through two server processes); a flood of sign-ins. It uses
# its own PostgreSQL (port 55440) and browser-test port (3140); the browser tests' database folder (target/e2e) is
# shared with `make test`, so do not run the two at the same time. The figures are printed as the tests run and
# saved in target/verify.log.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export PATH="$HOME/.cargo/bin:$root/end2end/node_modules/.bin:$PATH"
step_label=verify
# shellcheck source=lib/steps.sh
source scripts/lib/steps.sh
export TEST_PG_PORT="${TEST_PG_PORT:-55440}"
log="$root/target/verify.log"

step "set-up"
bash scripts/setup.sh test
mkdir -p target && : > "$log"

step "PostgreSQL"
TEST_POSTGRES_URL="$(bash scripts/postgres.sh start)"
export TEST_POSTGRES_URL REQUIRE_POSTGRES=1 VERIFY=full

step "build the tests and the server"
cargo test --no-run -p service -p server

step "hostile input: rules, server check, the confirm"
cargo test -p server --test verify -- hostile:: 2>&1 | tee -a "$log"

step "authorisation matrix and sign-in throttle"
cargo test -p server --test api -- matrix:: auth:: 2>&1 | tee -a "$log"
cargo test -p service --test throttle 2>&1 | tee -a "$log"

step "faults: server killed, database stopped, SMTP stalled and slow"
cargo test -p server --test verify -- faults:: delivery:: 2>&1 | tee -a "$log"

step "load: 20 admins for 2 minutes, SQLite then PostgreSQL with two servers"
cargo test -p server --test verify -- load:: --nocapture --test-threads=1 2>&1 | tee -a "$log"

step "300 parallel sign-ins: memory and health check"
cargo test -p server --test cli -- flood:: --nocapture 2>&1 | tee -a "$log"

step "hostile files in the browser"
cargo leptos build --frontend-only
(cd end2end && E2E_PORT=3140 npx playwright test tests/hostile.spec.ts) 2>&1 | tee -a "$log"

step "done"
grep -E "^(Sqlite|Postgres), |^300 sign-ins" "$log" || true
