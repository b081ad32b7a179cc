#!/usr/bin/env bash
# Writes .br and .gz beside each built asset; the server sends them to
# browsers that accept them (cheaper than compressing on every request).
set -euo pipefail
site=${1:-target/site}
find "$site" -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' -o -name '*.svg' -o -name '*.webmanifest' \) | while read -r f; do
  brotli -f -q 11 -o "$f.br" "$f"
  gzip -f -k -9 "$f"
done
