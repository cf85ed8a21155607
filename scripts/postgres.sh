#!/usr/bin/env bash
# Starts (or stops) a private PostgreSQL server for the tests, on loopback only, from Debian's packages.
# Prints the admin connection URL on standard output. Idempotent: a running server is reused.
# Usage: scripts/postgres.sh start|stop
set -euo pipefail
action="${1:-start}"
port="${TEST_PG_PORT:-55432}"
data="${TEST_PG_DATA:-/tmp/bulk-import-pg-$port}"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
if [ -z "$bin" ]; then
  echo "postgres.sh: PostgreSQL is not installed (run scripts/setup.sh)" >&2
  exit 1
fi

# The server refuses to run as root: run it as the postgres user the Debian package creates.
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$action" in
  start)
    if [ ! -f "$data/PG_VERSION" ]; then
      mkdir -p "$data"
      [ "$(id -u)" = 0 ] && chown postgres:postgres "$data"
      as_pg "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if ! as_pg "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
      # fsync off: test data is disposable, and this makes the suite much faster on slow disks.
      as_pg "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
        -o "-p $port -c listen_addresses=127.0.0.1 -k $data -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        start >/dev/null
    fi
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    as_pg "$bin/pg_ctl" -D "$data" -m fast stop >/dev/null 2>&1 || true
    ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
