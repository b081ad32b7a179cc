#!/usr/bin/env bash
# Lighthouse on phone (mobile preset: simulated slow 4G, 4x CPU slowdown) in
# Debian's chromium, for the sign-in page, the orders list and order entry:
# performance, total blocking time, LCP, FCP, accessibility. Figures, not a
# test. Needs the release build (make build) and a server in demo mode on
# $1 (default http://127.0.0.1:3100, as scripts/e2e-server.sh starts one).
# lighthouse@12 (13 needs Node 22) is installed on first use into
# scripts/tools/lighthouse.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
base=${1:-http://127.0.0.1:3100}
lh="$root/scripts/tools/lighthouse"
if [ ! -x "$lh/node_modules/.bin/lighthouse" ]; then
  mkdir -p "$lh" && (cd "$lh" && npm init -y >/dev/null && npm install --no-audit --no-fund --loglevel=error lighthouse@12.8.2)
fi
cookie=$(curl -s -D - -o /dev/null -H "Origin: $base" -d "email=buyer%40acme.example&password=keyport-demo-2026" "$base/sf/sign_in" |
  tr -d '\r' | awk -F'[ ;]' 'tolower($1)=="set-cookie:" && $2 ~ /kp_session=/ {print $2}')
printf '| page | performance | TBT | LCP | FCP | accessibility |\n|---|---:|---:|---:|---:|---:|\n'
for page in "sign-in|/login|" "orders list|/orders|$cookie" "order entry|/orders/new|$cookie"; do
  IFS='|' read -r name path auth <<<"$page"
  headers='{}'; [ -n "$auth" ] && headers="{\"Cookie\":\"$auth\"}"
  out=$(mktemp)
  CHROME_PATH=/usr/bin/chromium "$lh/node_modules/.bin/lighthouse" "$base$path" --quiet --form-factor=mobile \
    --only-categories=performance,accessibility --extra-headers="$headers" \
    --chrome-flags="--headless --no-sandbox --disable-gpu" --output=json --output-path="$out" >/dev/null 2>&1 || true
  python3 - "$name" "$out" <<'PY'
import json, sys
name, path = sys.argv[1], sys.argv[2]
r = json.load(open(path))
c, a = r["categories"], r["audits"]
print(f"| {name} | {c['performance']['score']*100:.0f} | {a['total-blocking-time']['numericValue']:.0f} ms | {a['largest-contentful-paint']['numericValue']/1000:.1f} s | {a['first-contentful-paint']['numericValue']/1000:.1f} s | {c['accessibility']['score']*100:.0f} |")
PY
  rm -f "$out"
done
