#!/usr/bin/env bash
# Starts the built server for the browser tests: a fresh SQLite database, a known admin, then the server.
# Usage: scripts/e2e-server.sh PORT   (run from end2end/ by Playwright's webServer)
set -euo pipefail
port="${1:-3100}"
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="${SERVER_BIN:-$root/target/debug/server}"
dir="$root/target/e2e"
rm -rf "$dir" && mkdir -p "$dir"
export DATABASE_URL="sqlite://$dir/e2e.db"
export LEPTOS_SITE_ADDR="127.0.0.1:$port"
export LEPTOS_SITE_ROOT="$root/target/site"
export ADMIN_EMAIL="first-admin@example.com"
# No SMTP server: invitations land as .eml files the browser tests read.
export MAIL_DIR="$dir/mail"
export PUBLIC_URL="http://127.0.0.1:$port"
echo "e2e-password-long-enough" | "$bin" create-admin e2e-admin@example.com --password-stdin
exec "$bin"
