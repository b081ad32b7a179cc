#!/usr/bin/env bash
# Lighthouse on phone (mobile preset: simulated slow 4G, 4x CPU slowdown) in
# Debian's chromium, for the sign-in page, the orders list and order entry:
# performance, total blocking time, LCP, FCP, accessibility. Figures, not a
# test. Each page is measured $LH_RUNS times (default 3; runs on this
# machine vary by ±5 points) and the run with the median score is shown,
# with the range. Needs the release build (make build) and a server in demo mode on
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
runs=${LH_RUNS:-3}
for page in "sign-in|/login|" "orders list|/orders|$cookie" "order entry|/orders/new|$cookie"; do
  IFS='|' read -r name path auth <<<"$page"
  headers='{}'; [ -n "$auth" ] && headers="{\"Cookie\":\"$auth\"}"
  outs=()
  for i in $(seq 1 "$runs"); do
    out=$(mktemp); outs+=("$out")
    CHROME_PATH=/usr/bin/chromium "$lh/node_modules/.bin/lighthouse" "$base$path" --quiet --form-factor=mobile \
      --only-categories=performance,accessibility --extra-headers="$headers" \
      --chrome-flags="--headless --no-sandbox --disable-gpu" --output=json --output-path="$out" >/dev/null 2>&1 || true
  done
  python3 - "$name" "${outs[@]}" <<'PY'
import json, sys
name, rows = sys.argv[1], []
for path in sys.argv[2:]:
    try:
        r = json.load(open(path))
        c, a = r["categories"], r["audits"]
        rows.append((c["performance"]["score"] * 100, a["total-blocking-time"]["numericValue"], a["largest-contentful-paint"]["numericValue"] / 1000,
                     a["first-contentful-paint"]["numericValue"] / 1000, c["accessibility"]["score"] * 100))
    except Exception:
        pass  # a run that failed to load the page has no score
rows.sort()
p, tbt, lcp, fcp, acc = rows[(len(rows) - 1) // 2]
print(f"| {name} | {p:.0f} ({rows[0][0]:.0f}–{rows[-1][0]:.0f}, {len(rows)} runs) | {tbt:.0f} ms | {lcp:.1f} s | {fcp:.1f} s | {acc:.0f} |")
PY
  rm -f "${outs[@]}"
done
