#!/usr/bin/env bash
# `make run`: installs what is missing, builds the app and serves it at http://127.0.0.1:3000 on the embedded
# SQLite database (data/portal.db, created on first start). Settings: see the README's table.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export PATH="$HOME/.cargo/bin:$root/end2end/node_modules/.bin:$PATH"
bash scripts/setup.sh run
# Content-named, precompressed (brotli 11, gzip) files: see server/src/assets.rs.
LEPTOS_HASH_FILES=true cargo leptos build --release --precompress
export LEPTOS_SITE_ROOT="${LEPTOS_SITE_ROOT:-target/site}"
exec target/release/server
