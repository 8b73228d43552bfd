#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL cluster:
#   test/pg/with-postgres.sh npx vitest run test/e2e
# Installs postgresql with apt-get when no server binaries are found (CI is Debian, as root), starts a
# cluster on a free local port in a temporary folder, creates a database, exports
# TEST_DATABASE_URL=postgres://…, runs the command, then stops the cluster and deletes the folder.
# The command's exit code is the script's exit code.
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: $0 COMMAND [ARGS...]" >&2
  exit 2
fi

find_bindir() {
  if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
    pg_config --bindir
    return 0
  fi
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
      echo "$d"
      return 0
    fi
  done
  return 1
}

BINDIR="$(find_bindir || true)"
if [ -z "$BINDIR" ]; then
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "with-postgres: no PostgreSQL server binaries found; install postgresql (initdb, pg_ctl) first" >&2
    exit 1
  fi
  echo "with-postgres: installing postgresql with apt-get" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends postgresql >&2
  BINDIR="$(find_bindir)"
fi

# initdb refuses to run as root: as root the cluster belongs to the postgres user (created by the package).
RUN_AS=()
if [ "$(id -u)" -eq 0 ]; then
  if ! id postgres >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin postgres
  fi
  RUN_AS=(runuser -u postgres --)
fi

PORT="$(node -e 'const s=require("node:net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();})')"
WORKDIR="$(mktemp -d "${TMPDIR:-/tmp}/qb-b24-pg.XXXXXX")"
PGDATA="$WORKDIR/data"
if [ "${#RUN_AS[@]}" -gt 0 ]; then chown postgres "$WORKDIR"; fi

cleanup() {
  "${RUN_AS[@]}" "$BINDIR/pg_ctl" -D "$PGDATA" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$WORKDIR"
}
trap cleanup EXIT

"${RUN_AS[@]}" "$BINDIR/initdb" -D "$PGDATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$WORKDIR/initdb.log" 2>&1 \
  || "${RUN_AS[@]}" "$BINDIR/initdb" -D "$PGDATA" -U postgres --auth=trust --encoding=UTF8 --no-locale >"$WORKDIR/initdb.log" 2>&1 \
  || { cat "$WORKDIR/initdb.log" >&2; exit 1; }
# Throwaway cluster: durability off makes the suite faster; many test apps each hold a small pool, and the scale-out
# bench's 200 companies hold one pooled connection each in each of its 2 processes (400 plus a few).
"${RUN_AS[@]}" "$BINDIR/pg_ctl" -D "$PGDATA" -l "$WORKDIR/server.log" -w -t 60 \
  -o "-p $PORT -k $WORKDIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=500" \
  start >/dev/null || { cat "$WORKDIR/server.log" >&2; exit 1; }

"$BINDIR/createdb" -h 127.0.0.1 -p "$PORT" -U postgres connector_test
export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/connector_test"
echo "with-postgres: PostgreSQL $("$BINDIR/postgres" --version | awk '{print $3}') at $TEST_DATABASE_URL" >&2

set +e
"$@"
STATUS=$?
set -e
exit "$STATUS"
