# bering-chart build, preview and test entry points.
# `make preview` builds dist/ and serves it on http://127.0.0.1:8000/;
# `make test` runs every test; `make dist` only builds; `make bench` measures.
# Each target installs what it needs (see tools/ensure-deps.sh), and is quick
# when everything is already present.

SHELL := /bin/bash
WASM_TARGET := wasm32-unknown-unknown
WASM_OUT := target/$(WASM_TARGET)/release/bering_chart.wasm
PORT ?= 8000
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)

.PHONY: all deps dist preview test test-size test-host test-browser test-fuzz bench clean

all: dist

deps:
	@bash tools/ensure-deps.sh

dist: deps
	@bash tools/build-dist.sh

preview: dist
	@echo "Preview: http://127.0.0.1:$(PORT)/"
	node tools/serve.mjs --root dist --port $(PORT)

# Size budget of the script embed (shim + glue + wasm), gzip KB: 40 until fitting any
# host layout, live attributes and copies set up afresh took 0.6 KB, and following the
# host's theme and fonts, printing the live chart and a clean copy, and holding each
# default chart's height from the claim (its height table) 1.0 KB more (42,512 B); the typed
# seam (JSON with named fields out, the one generic validator in) 0.8 KB more (43,303 B:
# wasm +1.0 KB, the shim as bundled modules 19 B less); a custom chart's own takeaway 90 B
# (43,393 B); the grow-in drawn once and animated by the compositor (covers over the bars,
# their boxes in the overlay) 0.5 KB more (43,999 B), for motion-allowed CPU from 1.7x to
# about 1.0x uPlot's (bench/RESULTS.md); the shim 0.4 KB more (44,409 B: charts shown as
# ImageBitmaps from one drawing canvas, held heights as stylesheet rules, tables after the
# grow-in), for motion-allowed CPU at 20 pairs about 30 ms less; then 0.28 KB less (44,131 B:
# the function table's dead slots pruned, tools/prune-table.mjs), and 0.49 KB less (43,645 B:
# the widget's six texts read through one export, `read(part, index)`, not six; the house
# style given to `draw`, not set by an export of its own: 43,575 B; tables after the final
# frame: 43,613 B).
EMBED_BUDGET_KB ?= 42.7

test: dist test-size test-host test-fuzz test-browser

test-size:
	node tools/pkg.mjs --check-budget $(EMBED_BUDGET_KB)

test-host:
	cargo test --quiet

test-browser:
	node --test --test-concurrency=1 tests/browser/

# A short run of the spec fuzzer (the 10-minute runs are done while developing).
# (tools/fuzz-short.sh installs cargo-fuzz and g++ when missing, and fails when it cannot.)
test-fuzz:
	bash tools/fuzz-short.sh

# The headline run (bench/RESULTS.md), then the same pages with the CPU slowed 4x, about a
# mid-range phone (bench/RESULTS-cpu4.md; 3 runs, no resize loop or profile, to keep it short).
bench: dist
	node bench/run.mjs
	node bench/run.mjs --cpu-slowdown 4 --n 1,20 --runs 3 --pages ours,ours-reduced,ours-snippet,uplot,chartjs-animated,chartjs \
	  --resize 0 --no-profile --out bench/RESULTS-cpu4.md

clean:
	rm -rf build dist target/$(WASM_TARGET)
