# Named steps with their times, printed at the end (also when a step fails): sourced by test.sh and verify.sh.
# `step NAME` starts a step; the EXIT trap prints the table and stops the private PostgreSQL if one was started.
timings=()
current=""
started=0
SECONDS=0
step_label="${step_label:-test}"
finish_step() {
  if [ -n "$current" ]; then
    timings+=("$(printf '%5d s  %s' $((SECONDS - started)) "$current")")
  fi
}
step() {
  finish_step
  current="$*"
  started=$SECONDS
  printf '\n\033[1;32m[%s]\033[0m %s\n' "$step_label" "$*"
}
report() {
  local status=$?
  finish_step
  current=""
  printf '\n\033[1;32m[%s]\033[0m time per step:\n' "$step_label"
  printf '  %s\n' "${timings[@]}"
  printf '  %5d s  in all (%d min %d s)\n' "$SECONDS" $((SECONDS / 60)) $((SECONDS % 60))
  [ -n "${TEST_POSTGRES_URL:-}" ] && bash scripts/postgres.sh stop >/dev/null 2>&1
  return $status
}
trap report EXIT
