#!/usr/bin/env bash
# make bench-changes: change-request figures on each engine, on a fresh demo
# database: the preview and the approval of a 200-line order, and the
# versions view with a 200-line diff (scripts/bench-changes.py). Reports
# figures; asserts nothing.  BENCH_ENGINES (default "sqlite postgres"),
# BENCH_SECONDS (default 10).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
port=3210
base=http://127.0.0.1:$port
command -v wrk >/dev/null || { echo "bench needs wrk (apt-get install wrk)"; exit 1; }
mkdir -p data/bench
for engine in ${BENCH_ENGINES:-sqlite postgres}; do
  case $engine in
    sqlite) rm -f data/bench/changes.db*; url="sqlite://$root/data/bench/changes.db" ;;
    postgres)
      admin="${KEYPORT_BENCH_PG_ADMIN:-postgres://postgres@127.0.0.1:5432}"
      psql "$admin/postgres" -qc "DROP DATABASE IF EXISTS keyport_bench_changes" -c "CREATE DATABASE keyport_bench_changes"
      url="$admin/keyport_bench_changes" ;;
  esac
  ./target/release/server --database-url "$url" --listen 127.0.0.1:$port --site-root target/site --demo --log-level warn &
  pid=$!
  trap 'kill $pid 2>/dev/null' EXIT
  for _ in $(seq 1 300); do curl -sf $base/readyz >/dev/null && break; sleep 0.1; done
  echo "== $engine"
  echo "figure|p50 ms (or req/s)|p99 ms|how"
  python3 scripts/bench-changes.py "$base" "${BENCH_SECONDS:-10}"
  kill $pid; wait $pid 2>/dev/null || true
  trap - EXIT
done
