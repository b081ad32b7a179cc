#!/usr/bin/env bash
# Installs what Keyport needs to build (and, with --test, to test) on a fresh
# machine, from package registries only: crates.io, npm, Debian. Each step is
# skipped when its tool is already there at the right version, so running it
# again costs seconds.
#
#   scripts/setup.sh          build tools: wasm32 target, cargo-leptos,
#                             wasm-bindgen CLI (= Cargo.lock), wasm-opt, brotli
#   scripts/setup.sh --test   also chromium, Playwright (npm), PostgreSQL
#   scripts/setup.sh --bench  also wrk, sqlite3 and psql for `make bench`
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
want_test=${1:-}

CARGO_LEPTOS_VERSION=0.3.10
SCHEMATHESIS_VERSION=4.32.5
say() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }

apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "apt-get install ${missing[*]}"
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

# Rust: the browser target.
if command -v rustup >/dev/null && ! rustup target list --installed | grep -q wasm32-unknown-unknown; then
  say "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# cargo-leptos, built so that it never downloads tools itself.
if [ "$(cargo leptos --version 2>/dev/null | awk '{print $2}')" != "$CARGO_LEPTOS_VERSION" ]; then
  say "cargo install cargo-leptos $CARGO_LEPTOS_VERSION (about 20 minutes, once)"
  cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked --features no_downloads
fi

# wasm-bindgen CLI: exactly the version of the wasm-bindgen crate in Cargo.lock.
wbg=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/"/,"",$3); print $3; exit}' Cargo.lock 2>/dev/null || true)
if [ -z "$wbg" ]; then
  cargo generate-lockfile >/dev/null 2>&1 || true
  wbg=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/"/,"",$3); print $3; exit}' Cargo.lock)
fi
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wbg" ]; then
  say "cargo install wasm-bindgen-cli $wbg"
  cargo install wasm-bindgen-cli --version "$wbg"
fi

# wasm-opt from npm's binaryen (pinned in scripts/tools/package-lock.json).
if [ ! -x scripts/tools/node_modules/.bin/wasm-opt ]; then
  say "npm ci (binaryen for wasm-opt)"
  (cd scripts/tools && npm ci --no-audit --no-fund --loglevel=error)
fi

# brotli: precompressed static files.
command -v brotli >/dev/null || apt_install brotli

if [ "$want_test" = "--test" ]; then
  # Debian's chromium for the browser tests (Playwright never downloads one).
  # chromium, and a CJK font so Chinese pages render (and screenshot) as text
  apt_install chromium fonts-wqy-microhei
  if [ ! -d end2end/node_modules/@playwright/test ]; then
    say "npm ci (Playwright, without browser download)"
    (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
  fi
  # schemathesis (PyPI), pinned, in the project's own virtualenv: it holds
  # the API document to what the service does (scripts/api-fuzz.sh).
  if [ "$(scripts/tools/venv/bin/st --version 2>/dev/null | awk '{print $NF}')" != "$SCHEMATHESIS_VERSION" ]; then
    say "pip install schemathesis $SCHEMATHESIS_VERSION"
    command -v python3 >/dev/null || apt_install python3 python3-venv
    python3 -m venv scripts/tools/venv 2>/dev/null || { apt_install python3-venv; python3 -m venv scripts/tools/venv; }
    scripts/tools/venv/bin/pip install -q "schemathesis==$SCHEMATHESIS_VERSION"
  fi
  # PostgreSQL: the store's tests run on both engines. Use the server on
  # 127.0.0.1:5432 when there is one; otherwise install and start Debian's.
  pg_up() { (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; }
  if ! pg_up; then
    apt_install postgresql
    ver=$(ls /etc/postgresql | sort -n | tail -1)
    hba=/etc/postgresql/$ver/main/pg_hba.conf
    if ! grep -q "keyport-tests" "$hba"; then
      say "PostgreSQL $ver: trust auth on 127.0.0.1 for tests"
      printf '# keyport-tests\nhost all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\n' | cat - "$hba" > "$hba.new" && mv "$hba.new" "$hba"
    fi
    pg_ctlcluster --skip-systemctl-redirect "$ver" main start || pg_ctlcluster "$ver" main start
    for _ in $(seq 1 30); do pg_up && break; sleep 1; done
  fi
fi
if [ "$want_test" = "--bench" ]; then
  apt_install wrk sqlite3 postgresql-client
fi
say "tools ready"
