#!/usr/bin/env bash
# make bench-shipments: shipment figures on each engine, on a fresh demo
# database (scripts/bench-shipments.py): carrier webhook ingest (events/s,
# signed calls from 4 processes), open event streams held with the memory
# each costs, and the time from a webhook call to the event on every open
# stream. Reports figures; asserts nothing.
#   BENCH_ENGINES (default "sqlite postgres"), BENCH_STREAMS (default 5000),
#   BENCH_EVENTS (webhook calls, default 4000)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
port=3220
base=http://127.0.0.1:$port
# every stream is a socket on both ends
ulimit -n "$(ulimit -Hn)"
mkdir -p data/bench
for engine in ${BENCH_ENGINES:-sqlite postgres}; do
  case $engine in
    sqlite) rm -f data/bench/shipments.db*; url="sqlite://$root/data/bench/shipments.db" ;;
    postgres)
      admin="${KEYPORT_BENCH_PG_ADMIN:-postgres://postgres@127.0.0.1:5432}"
      psql "$admin/postgres" -qc "DROP DATABASE IF EXISTS keyport_bench_shipments" -c "CREATE DATABASE keyport_bench_shipments"
      url="$admin/keyport_bench_shipments" ;;
  esac
  ./target/release/server --database-url "$url" --listen 127.0.0.1:$port --site-root target/site --demo --log-level error &
  pid=$!
  trap 'kill $pid 2>/dev/null' EXIT
  for _ in $(seq 1 300); do curl -sf $base/readyz >/dev/null && break; sleep 0.1; done
  echo "== $engine"
  echo "figure|value|how"
  python3 scripts/bench-shipments.py "$base" "$pid" "${BENCH_STREAMS:-5000}" "${BENCH_EVENTS:-4000}"
  kill $pid; wait $pid 2>/dev/null || true
  trap - EXIT
done
