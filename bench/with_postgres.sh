#!/usr/bin/env bash
# Run a command with PAMONG_DATABASE_URL pointing at PostgreSQL: the one already set, or a throwaway
# PostgreSQL 15 cluster started here (the machine's binaries; stopped and removed afterwards).
# Usage: bash bench/with_postgres.sh .venv/bin/python -m bench.attendance [args]
set -Eeuo pipefail
if [ -n "${PAMONG_DATABASE_URL:-}" ]; then exec "$@"; fi

pg_bindir=""
for d in /usr/lib/postgresql/15/bin /usr/local/pgsql/bin; do
  if [ -x "$d/pg_ctl" ] && [ -x "$d/initdb" ]; then pg_bindir=$d; break; fi
done
[ -n "$pg_bindir" ] || { echo "PostgreSQL 15 binaries not found; set PAMONG_DATABASE_URL" >&2; exit 1; }

run_pg() { if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }
root=$(mktemp -d /tmp/pamong-bench-pg.XXXXXX)
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$root"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
cleanup() {
  run_pg "$pg_bindir/pg_ctl" -D "$root/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$root"
}
trap cleanup EXIT
run_pg "$pg_bindir/initdb" -D "$root/data" -U postgres -E UTF8 --auth=trust >"$root/initdb.log" 2>&1
opts="-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$root -c max_connections=100"
opts+=" -c shared_buffers=1GB -c work_mem=64MB -c maintenance_work_mem=256MB -c fsync=off"
opts+=" -c synchronous_commit=off -c full_page_writes=off -c max_wal_size=4GB"
run_pg "$pg_bindir/pg_ctl" -D "$root/data" -l "$root/postgres.log" -w -t 60 -o "$opts" start >/dev/null
run_pg "$pg_bindir/psql" -X -q -h 127.0.0.1 -p "$port" -U postgres -c "CREATE DATABASE pamong_bench" >/dev/null
echo ">> throwaway PostgreSQL on 127.0.0.1:$port (fsync off, as a benchmark scratch database)"
export PAMONG_DATABASE_URL="postgres://postgres@127.0.0.1:$port/pamong_bench"
"$@"
