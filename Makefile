# SlotScope: two commands for a new user.
#   make serve   install what is missing, then serve the app on http://127.0.0.1:8080
#   make test    install what is missing, then run every test
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export TRUNK_OFFLINE := true
export CHROMEDRIVER := /usr/bin/chromedriver

.PHONY: serve test tools test-packages lint test-native test-browser dist size-check test-e2e clean

serve: tools
	trunk serve --offline

test: tools test-packages lint test-native test-browser dist size-check test-e2e
	@echo "All SlotScope tests passed."

tools:
	@scripts/ensure-tools.sh

test-packages:
	@scripts/ensure-test-packages.sh

lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p slotscope-web --all-targets --target wasm32-unknown-unknown -- -D warnings

test-native:
	cargo test -p slotscope-model -p slotscope-cli
	cargo test -p slotscope-web --lib

test-browser:
	cargo test -p slotscope-web --target wasm32-unknown-unknown

# The app, and the same app built for a sub-path (docs/DEPLOY.md), both tested by test-e2e.
dist:
	trunk build --release --offline
	trunk build --release --offline --public-url /docs/slotscope/ --dist dist-sub

# The bundle-size budget (gzip -9 of dist/), a deterministic check.
size-check:
	scripts/size.sh dist

test-e2e:
	npx playwright test

clean:
	cargo clean
	rm -rf dist dist-sub dist-hello test-results playwright-report

# Benchmarks and the size breakdowns (twiggy's raw bytes, scripts/gzip-shares.mjs's gzip bytes)
# print figures; they are not part of make test
# (see docs/PERFORMANCE.md).
.PHONY: bench bench-web size
bench:
	cargo bench -p slotscope-model --bench scale

bench-web: tools test-packages
	trunk build --release --offline
	trunk build --release --offline --dist dist-hello bench/hello/index.html
	node bench/web.mjs
	cargo test --release -p slotscope-web --target wasm32-unknown-unknown --test scale_wasm -- --include-ignored --nocapture

size: tools
	@command -v twiggy >/dev/null || cargo install twiggy --version 0.8.0 --locked
	trunk build --release --offline
	scripts/size.sh --top dist || true
	@# The gzip bytes of each part: a build that keeps v0-mangled names, optimised as Trunk does.
	CARGO_TARGET_DIR=target/size-names RUSTFLAGS="-Csymbol-mangling-version=v0" \
	  cargo build --release --target wasm32-unknown-unknown -p slotscope-web --bin slotscope-web
	wasm-bindgen target/size-names/wasm32-unknown-unknown/release/slotscope-web.wasm \
	  --out-dir target/size-names/bindgen --target web
	wasm-opt -Oz -g --reorder-functions-by-name target/size-names/bindgen/slotscope-web_bg.wasm \
	  -o target/size-names/named.wasm
	node scripts/gzip-shares.mjs target/size-names/named.wasm
