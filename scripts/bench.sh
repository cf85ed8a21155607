#!/usr/bin/env bash
# `make bench`: every benchmark of docs/benchmarks.md in one run, release builds only, each figure beside its anchor
# measured in the same run. The benchmarks append rows to target/bench/results.jsonl (app/benchkit); at the end
# scripts/bench-table.py prints one table and rewrites the figures part of docs/benchmarks.md. Figures are never
# asserted. The portals of 10,000 and 1,000,000 users are built on the first run and kept (target/bench/data for
# SQLite, databases of the bench's own PostgreSQL on port ${BENCH_PG_PORT:-55433}), so a second run reuses them.
#
# Usage: scripts/bench.sh [STEP...]   (steps: rules wasm confirm rosters users delivery fleet browser; default: all)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export PATH="$HOME/.cargo/bin:$root/end2end/node_modules/.bin:$PATH"
step_label=bench
# shellcheck source=lib/steps.sh
source scripts/lib/steps.sh

steps=("$@")
[ ${#steps[@]} -eq 0 ] && steps=(rules wasm confirm rosters users delivery fleet browser)
wants() { local s; for s in "${steps[@]}"; do [ "$s" = "$1" ] && return 0; done; return 1; }

step "set-up"
bash scripts/setup.sh test
mkdir -p target/bench
export BENCH_RESULTS="$root/target/bench/results.jsonl"
: >"$BENCH_RESULTS"
# The bench's own PostgreSQL (loopback, the test server's settings), kept running between steps and its data kept
# between runs. It is stopped at the end by the step report.
export TEST_PG_PORT="${BENCH_PG_PORT:-55433}"
TEST_POSTGRES_URL="$(bash scripts/postgres.sh start)"
export TEST_POSTGRES_URL REQUIRE_POSTGRES=1

step "release builds (benchmarks; the site with content-named, precompressed files)"
# One build of every benchmark, then each binary is run directly: `cargo bench -p one --bench x` would unify
# features differently and build much of the tree a second time.
cargo bench --no-run -p rules -p server -p delivery --message-format=json-render-diagnostics \
  | python3 -c '
import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m.get("executable") and "bench" in m["target"]["kind"]:
        print(m["target"]["name"], m["executable"])
' >target/bench/binaries.txt
# Before each measuring step: what the previous one wrote goes to the disk first (PostgreSQL's checkpoint, then the
# kernel's dirty pages), so its writeback does not run during the next step's timings. The fleet step leaves
# millions of rows behind it, and the browser step measured 1.8× slower while they were being written.
settle() {
  psql -q "$TEST_POSTGRES_URL" -c CHECKPOINT >/dev/null || true
  sync
}
bench() {
  local exe
  exe="$(awk -v n="$1" '$1 == n { print $2 }' target/bench/binaries.txt)"
  [ -n "$exe" ] || { echo "bench: no benchmark named $1" >&2; return 1; }
  "$exe" --bench
}
if wants browser; then
  LEPTOS_HASH_FILES=true cargo leptos build --release --precompress
fi

if wants rules; then
  step "the rules, natively (250 rows against the csv crate alone)"
  settle
  bench check
fi
if wants wasm && [ -x app/rules/bench-wasm/run.sh ]; then
  step "the rules in wasm, in Chromium, against PapaParse"
  settle
  bash app/rules/bench-wasm/run.sh
fi
if wants confirm; then
  step "the confirm at 10,000 and 1,000,000 users (SQLite, PostgreSQL)"
  settle
  bench confirm
fi
if wants rosters; then
  step "rosters at 10,000 and 1,000,000 users: the preview's look-up, updates, a sync and its undo"
  settle
  bench rosters
fi
if wants users; then
  step "the Users list at a million users (SQLite, PostgreSQL)"
  settle
  bench users
fi
if wants delivery; then
  step "invitations to the loopback SMTP sink, against Python's smtplib"
  settle
  bench deliver
fi
if wants fleet; then
  step "memory, and one then two server processes under 20 admins (PostgreSQL)"
  settle
  bench fleet
fi
if wants browser; then
  step "the browser: the grid, the bundle on the wire, Lighthouse (release server, Chromium)"
  settle
  (cd end2end && SERVER_BIN="$root/target/release/server" npx playwright test --config playwright.bench.config.ts)
fi

step "the table (docs/benchmarks.md)"
commit="$(git rev-parse --short HEAD)"
dirty="$(git status --porcelain --untracked-files=no | grep -q . && echo ' plus uncommitted changes' || true)"
python3 scripts/bench-table.py "$BENCH_RESULTS" docs/benchmarks.md \
  --header "Measured by \`make bench\` on $(date -u +%Y-%m-%d) at commit $commit$dirty, on the project's machine kind ($(nproc) cores), release builds."
