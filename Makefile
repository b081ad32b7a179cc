# Keyport — the two commands that matter:
#   make run    set up what is missing, build in release mode, run the portal (SQLite, demo data)
#   make test   set up what is missing, run every test (unit, both databases, HTTP, browser)
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
export PATH := $(CURDIR)/scripts/tools/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export KEYPORT_TEST_PG ?= postgres://postgres@127.0.0.1:5432/postgres
# one target directory for everything, kept warm between runs
export CARGO_TARGET_DIR ?= $(CURDIR)/target

.PHONY: run test setup setup-test build unit e2e api-fuzz clean-test-dbs bench bench-changes bench-shipments bench-portfolio lint sizes

run: setup build
	./target/release/server --site-root target/site --demo

test: setup-test build unit e2e api-fuzz

setup:
	scripts/setup.sh

setup-test:
	scripts/setup.sh --test

# Release build of the server and the WASM bundle, then precompressed assets.
# Skipped when nothing it is built from changed (cargo-leptos would rerun
# wasm-bindgen and wasm-opt, ~20 s, on every call).
SOURCES := $(shell find app frontend server style public migrations -type f -not -path '*/target/*' 2>/dev/null) Cargo.toml Cargo.lock .cargo/config.toml
build: target/site/.built
target/site/.built: $(SOURCES)
	cargo leptos build --release --split
	scripts/precompress.sh target/site
	touch $@

# Unit, property, store (SQLite and PostgreSQL) and HTTP tests.
unit: clean-test-dbs
	if command -v cargo-nextest >/dev/null; then \
	  cargo nextest run -p app -p server --features app/testing --no-fail-fast; \
	else \
	  cargo test -p app -p server --features app/testing --no-fail-fast; \
	fi

# Browser tests: Debian's chromium against the release build.
e2e:
	cd end2end && npx playwright test

# The API document against the service: schemathesis on the release build.
api-fuzz:
	scripts/api-fuzz.sh

# Databases left behind by an interrupted test run.
clean-test-dbs:
	-psql "$(KEYPORT_TEST_PG)" -Atc "SELECT datname FROM pg_database WHERE datname LIKE 'kp_test_%'" 2>/dev/null \
	  | while read -r db; do psql "$(KEYPORT_TEST_PG)" -qc "DROP DATABASE IF EXISTS $$db WITH (FORCE)" >/dev/null; done

# Benchmarks (figures, not tests): a 1,000,000-order data set on SQLite and
# PostgreSQL, pages, list API and placement at 32 clients. See docs/benchmarks.md.
bench: build
	scripts/setup.sh --bench
	LEPTOS_OUTPUT_NAME=keyport cargo build --release -p server --bin generate
	scripts/bench.sh
	scripts/bench-changes.sh
	scripts/bench-shipments.sh
	scripts/bench-portfolio.sh

# Change-request figures alone (fresh demo databases; no large data set).
bench-changes: build
	scripts/setup.sh --bench
	scripts/bench-changes.sh

bench-shipments: build
	scripts/setup.sh --bench
	scripts/bench-shipments.sh

# The staff portfolio Gantt with 1,000 planned orders (generated), both engines.
bench-portfolio: build
	scripts/setup.sh --bench
	LEPTOS_OUTPUT_NAME=keyport cargo build --release -p server --bin generate
	scripts/bench-portfolio.sh

# Formatting and clippy on both targets (server with its tests, and the browser's).
lint:
	cargo fmt --check
	cargo clippy -p app -p server --features app/testing --all-targets -- -D warnings
	cargo clippy -p app --features hydrate --target wasm32-unknown-unknown -- -D warnings

# Per-route WASM + JS bytes on the wire (a figure, not a test): the release
# build in demo mode, each route opened in a fresh browser context.
sizes: setup-test build
	KEYPORT_E2E_DIR=/tmp/keyport-sizes scripts/e2e-server.sh & pid=$$!; \
	  for _ in $$(seq 1 50); do curl -sf http://127.0.0.1:3100/healthz >/dev/null && break; sleep 0.2; done; \
	  node scripts/bundle-sizes.js http://127.0.0.1:3100; status=$$?; kill $$pid; exit $$status
