#!/usr/bin/env bash
# Idempotent set-up for a fresh machine of this kind: installs, from the package registries only, everything
# `make run` and `make test` need, and skips what is already there (a second run costs seconds).
#
# Usage: scripts/setup.sh [run|test]   ("run" installs only what serving the app needs)
set -euo pipefail

mode="${1:-test}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

log() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }

# Tools cargo installs go to ~/.cargo/bin: make sure it is on PATH for this script and its callers.
export PATH="$HOME/.cargo/bin:$PATH"

# The cargo tools are built once per machine and then only run on small inputs: a light release profile (no LTO,
# many codegen units, little optimisation) builds them in a fraction of the time of their own release profile.
light_install() {
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=256 CARGO_PROFILE_RELEASE_OPT_LEVEL=1 \
    CARGO_PROFILE_RELEASE_DEBUG=false CARGO_PROFILE_RELEASE_STRIP=true CARGO_PROFILE_RELEASE_INCREMENTAL=false \
    cargo "$@"
}

# --- Debian and npm packages, fetched while cargo compiles (network and disk against CPU) -----------------------
packages() {
  # --- Debian packages -------------------------------------------------------------------------------------------
  need_apt=()
  if [ "$mode" = test ]; then
    command -v chromium >/dev/null || need_apt+=(chromium)
    [ -x /usr/lib/postgresql/15/bin/postgres ] || need_apt+=(postgresql)
    command -v brotli >/dev/null || need_apt+=(brotli)
    command -v mold >/dev/null || need_apt+=(mold)
    # The real SMTP server of the delivery tests (scripts/smtp-sink.py) runs on Debian's Python.
    /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || need_apt+=(python3-aiosmtpd)
  fi
  if [ ${#need_apt[@]} -gt 0 ]; then
    log "installing Debian packages: ${need_apt[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
  fi

  # --- npm: binaryen (a wasm-opt that works; Debian's breaks hydration) and Playwright ---------------------------
  # Kept under end2end/node_modules so the project's package-lock.json pins them.
  if [ ! -x end2end/node_modules/.bin/wasm-opt ] \
    || { [ "$mode" = test ] && [ ! -d end2end/node_modules/@playwright/test ]; } \
    || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
    log "installing npm packages in end2end/"
    (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
  fi

}
packages > >(sed 's/^/[packages] /') 2>&1 &
packages_pid=$!

# --- Rust: the wasm target -------------------------------------------------------------------------------------
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# --- cargo-leptos ----------------------------------------------------------------------------------------------
# Stable 1.95 cannot build cargo-leptos 0.3 (a dependency needs rustc >= 1.96); the machine's nightly can.
CARGO_LEPTOS_VERSION=0.3.11
if ! cargo-leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
  log "installing cargo-leptos $CARGO_LEPTOS_VERSION (about 10 minutes, once)"
  if rustup toolchain list | grep -q '^nightly'; then
    light_install +nightly install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked
  else
    light_install install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked
  fi
fi

# --- wasm-bindgen CLI at exactly the version in Cargo.lock -----------------------------------------------------
wb_version="$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)"
if [ -z "$wb_version" ]; then
  echo "setup: cannot find the wasm-bindgen version in Cargo.lock" >&2
  exit 1
fi
if ! wasm-bindgen --version 2>/dev/null | grep -q " $wb_version\$"; then
  log "installing wasm-bindgen-cli $wb_version (about 2 minutes, once)"
  light_install install wasm-bindgen-cli --version "$wb_version" --force
fi

# --- cargo-fuzz (the bounded fuzz run of the rules; libFuzzer needs the nightly toolchain) ---------------------
CARGO_FUZZ_VERSION=0.13.2
if [ "$mode" = test ] && ! cargo fuzz --version 2>/dev/null | grep -q "$CARGO_FUZZ_VERSION"; then
  log "installing cargo-fuzz $CARGO_FUZZ_VERSION (about 2 minutes, once)"
  light_install +nightly install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked
fi

wait "$packages_pid" || { echo "setup: installing the Debian or npm packages failed (see above)" >&2; exit 1; }
log "ready"
