#!/usr/bin/env bash
# make bench-portfolio: staff's portfolio Gantt with 1,000 planned orders on
# each engine — the server-rendered page (HTML with the SVG chart) and
# GET /api/v1/plans — at 32 clients. Reports figures; asserts nothing.
#   BENCH_ENGINES (default "sqlite postgres"), BENCH_SECONDS (default 10),
#   BENCH_RUNS (default 3: the median is reported)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
secs=${BENCH_SECONDS:-10}
runs=${BENCH_RUNS:-3}
port=3203
base=http://127.0.0.1:$port
command -v wrk >/dev/null || { echo "bench needs wrk (apt-get install wrk)"; exit 1; }
mkdir -p data/bench

for engine in ${BENCH_ENGINES:-sqlite postgres}; do
  # a fresh data set each time: the generator's orders, planned by the demo seed
  case $engine in
    sqlite) rm -f data/bench/portfolio.db*; url="sqlite://$root/data/bench/portfolio.db" ;;
    postgres)
      url="${KEYPORT_BENCH_PG:-postgres://postgres@127.0.0.1:5432/keyport_bench_portfolio}"
      psql "${url%/*}/postgres" -qc "DROP DATABASE IF EXISTS ${url##*/} WITH (FORCE)" -c "CREATE DATABASE ${url##*/}" ;;
  esac
  # orders over 18 months in every status; those past confirmation get their
  # promise (the generator leaves it open) and so, from the demo seed, a plan
  ./target/release/generate --database-url "$url" --orders 2400 --accounts 20 >/dev/null
  promise="UPDATE orders SET promised_date = requested_date WHERE status NOT IN ('draft', 'submitted', 'cancelled', 'rejected')"
  if [ "$engine" = sqlite ]; then sqlite3 "$root/data/bench/portfolio.db" "$promise"; else psql "$url" -qc "$promise"; fi
  ./target/release/server --database-url "$url" --listen 127.0.0.1:$port --site-root target/site --files data/bench/files --demo --log-level warn >/dev/null &
  pid=$!
  trap 'kill $pid 2>/dev/null' EXIT
  for _ in $(seq 1 300); do curl -sf $base/readyz >/dev/null && break; sleep 0.1; done
  cookie=$(curl -s -D - -o /dev/null -H "Origin: $base" -d "email=planner%40keyport.example&password=keyport-demo-2026" $base/sf/sign_in | tr -d '\r' | awk -F'[ ;]' 'tolower($1)=="set-cookie:" && $2 ~ /^kp_session=/ {print $2}')
  token=$(curl -s $base/api/v1/auth/token -H 'content-type: application/json' -d '{"email":"planner@keyport.example","password":"keyport-demo-2026","name":"bench"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
  # the widest window (400 days), ending a quarter ahead: every plan of the last year
  from=$(date -u -d '-310 days' +%F); to=$(date -u -d '+90 days' +%F)
  query="zoom=month&from=$from&to=$to"
  drawn=$(curl -s "$base/api/v1/plans?$query" -H "authorization: Bearer $token" | python3 -c 'import json,sys; p=json.load(sys.stdin); print(len(p["rows"]), p["matching"])')
  html=$(curl -s "$base/console/plans?$query" -H "Cookie: $cookie" -H 'Accept: text/html' | wc -c)
  echo "== $engine: bars drawn / matching: $drawn; page $html bytes of HTML"
  median() { sort -t'|' -k1,1 -g | awk -v n="$runs" 'NR == int((n + 1) / 2)'; }
  for target in "portfolio page|/console/plans?$query|cookie" "portfolio API|/api/v1/plans?$query|token" "portfolio page (default window)|/console/plans|cookie"; do
    IFS='|' read -r name path auth <<<"$target"
    if [ "$auth" = cookie ]; then h="Cookie: $cookie"; else h="Authorization: Bearer $token"; fi
    wrk -t2 -c32 -d2s -H "Accept: text/html" -H "$h" "$base$path" >/dev/null
    results=""
    for _ in $(seq 1 "$runs"); do
      out=$(wrk -t2 -c32 -d${secs}s --latency -H "Accept: text/html" -H "$h" "$base$path")
      rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
      p50=$(awk '$1=="50%" {print $2}' <<<"$out"); p99=$(awk '$1=="99%" {print $2}' <<<"$out")
      errors=$(awk '/Non-2xx/ {print $5}' <<<"$out")
      results+="$rps|$p50|$p99|${errors:-0}"$'\n'
    done
    IFS='|' read -r rps p50 p99 errors <<<"$(printf '%s' "$results" | median)"
    printf '%-8s %-32s %8s req/s  p50 %8s  p99 %8s  non-2xx %s  (median of %s runs)\n' "$engine" "$name" "$rps" "$p50" "$p99" "$errors" "$runs"
  done
  kill $pid; wait $pid 2>/dev/null || true; trap - EXIT
done
