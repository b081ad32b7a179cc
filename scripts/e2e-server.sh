#!/usr/bin/env bash
# Starts the release server for the Playwright suite (end2end/) on a fresh
# SQLite database at 127.0.0.1:3100. The server seeds the demo data itself on
# its first start. Playwright runs this from end2end/; paths are resolved from
# this script's own location so it works from anywhere.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
data=${KEYPORT_E2E_DIR:-/tmp/keyport-e2e}
server="$root/target/release/server"
site="$root/target/site"

if [[ ! -x "$server" ]]; then
  echo "e2e-server: $server not found; build the release first (make build)" >&2
  exit 1
fi
if [[ ! -f "$site/pkg/keyport.wasm" ]]; then
  echo "e2e-server: $site/pkg/keyport.wasm not found; build the release first (make build)" >&2
  exit 1
fi

rm -rf "$data"
mkdir -p "$data"

exec "$server" \
  --database-url "sqlite://$data/e2e.db" \
  --data-dir "$data" \
  --listen 127.0.0.1:3100 \
  --site-root "$site" \
  --demo \
  --log-level "${KEYPORT_LOG:-warn}"
