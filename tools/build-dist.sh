#!/usr/bin/env bash
# Builds dist/: the release wasm, its wasm-bindgen glue (one run, so the two
# always match), the dead table slots pointed at a trap (tools/prune-table.mjs),
# wasm-opt -Oz from npm's binaryen, short import and runtime export names
# (tools/shorten-names.mjs), the locale packs, static fallback SVGs, optional
# stylesheet and the shim's generated module (bering-render), the shim bundled from
# www/shim/ with the glue (tools/build-shim.mjs: esbuild, then terser), the
# editor's build of the core (--features editor, dist/editor/), the pages in www/ to dist/, then dist/pkg.json with sizes and SRI hashes
# (tools/pkg.mjs). Every step writes a new file; none is rewritten in place.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

# std is rebuilt from rust-src with the immediate-abort panic strategy: a
# panic becomes a bare trap (as panic = "abort" already made it, but without
# the message formatting std would otherwise carry; no panic locations either), which
# takes about 7 KB gzip off the wasm. These are unstable flags, so this one
# build runs with RUSTC_BOOTSTRAP=1 on the stable toolchain; host builds and
# tests do not. Without the reference-types and multi-value features,
# wasm-bindgen keeps JS objects in a glue-side slab instead of an externref
# table with its own allocator: 0.4 KB gzip less in all.
# wasm-ld writes its link map (every data object's address and size) for tools/split-data.mjs;
# a build whose map is gone, or older than its module (linked without it), is linked again.
# (split-data.mjs also checks the map against the module, byte for byte.)
mkdir -p build
# Its own target folder, as the editor's has: the build scripts of the host's proc-macro crates
# (proc-macro2's) run again whenever RUSTC_BOOTSTRAP changes, so sharing target/ with the host
# builds (bering-render, cargo test), which do not set it, compiled the wasm crate and the
# host's proc-macro crates again at every `make dist`.
LINKED=target/embed/wasm32-unknown-unknown/release/bering_chart.wasm
if [ ! -f build/bering_chart.map ] || { [ -f "$LINKED" ] && [ "$(stat -c %Y build/bering_chart.map)" -lt "$(( $(stat -c %Y "$LINKED") - 2 ))" ]; }; then
  rm -f "$LINKED" target/embed/wasm32-unknown-unknown/release/deps/bering_chart*.wasm
fi
RUSTC_BOOTSTRAP=1 RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Ctarget-feature=-reference-types,-multivalue -Clink-arg=--Map=$PWD/build/bering_chart.map" \
  cargo build --quiet --release --target wasm32-unknown-unknown --lib --target-dir target/embed -Zbuild-std=std,panic_abort
rm -rf build/pkg && mkdir -p build/pkg
wasm-bindgen --target web --no-typescript --out-dir build/pkg "$LINKED"
cp build/pkg/bering_chart_bg.wasm build/bering_chart_bg.wasm
# The table slots of js-sys's closure invokers and JSPI waker, which nothing can call,
# pointed at one trap so wasm-opt drops those 48 functions: -0.28 KB gzip.
node tools/prune-table.mjs build/pkg/bering_chart_bg.wasm build/pkg/bering_chart_bg.pruned.wasm
# --converge repeats -Oz until it stops shrinking; --low-memory-unused lets it fold
# addresses into load/store offsets, which holds for Rust's layout (the stack sits in
# the first MB and grows down from its top; nothing lives in the lowest 1 KB): -0.45 KB gzip.
wasm-opt -Oz --converge --low-memory-unused --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
  --strip-debug --strip-producers build/pkg/bering_chart_bg.pruned.wasm -o build/pkg/bering_chart_bg.opt.wasm

# One-letter import names and wasm-bindgen runtime export names, in the module and its glue
# together (new files beside them); the glue's unused imports and the exports it never reads dropped.
node tools/shorten-names.mjs build/pkg/bering_chart.js build/pkg/bering_chart_bg.opt.wasm \
  build/pkg/bering_chart.short.js build/pkg/bering_chart_bg.short.wasm build/wasm-names.json

# Four modules from the one build: the primary (what the first drawing of a default chart
# needs); "more" (the table, CSV, tooltips, the figures in words), which the shim loads
# after that drawing; "model" (the charts built by the model: pounds, other languages; and
# the locale packs' installer), which only a page in pounds or another language loads; and
# "input" (custom chart data, with its own copy of the model), which only a page with custom
# data loads; each of those two before its chart's first drawing. They share one memory, table and stack; the primary keeps every function its
# exports reach, so nothing in it can call into the others before they are there.
# The read-only data only the others read is written by them, not the primary (tools/split-data.mjs).
node tools/split-wasm.mjs --data-map build/bering_chart.map "$LINKED" build/pkg/bering_chart_bg.short.wasm build/pkg/bering_chart_bg.first.wasm \
  build/pkg/bering_chart_more.wasm=widget_readMore,widget_barAt,widget_barCount \
  build/pkg/bering_chart_model.wasm=widget_withModel,installLocalePack \
  build/pkg/bering_chart_input.wasm=widget_withSpec

rm -rf dist && mkdir -p dist/embed
cp build/pkg/bering_chart_bg.first.wasm dist/embed/bering_chart_bg.wasm
cp build/pkg/bering_chart_more.wasm dist/embed/bering_chart_more.wasm
cp build/pkg/bering_chart_model.wasm dist/embed/bering_chart_model.wasm
cp build/pkg/bering_chart_input.wasm dist/embed/bering_chart_input.wasm
# The locale packs (German, French and Russian words), from the same Rust catalog.
cargo run --quiet --release --bin bering-render -- --locales dist/embed/locale
# Static fallbacks: the same core, natively, to SVG and (resvg) PNG at 1x and 2x, the
# share cards and newsletter images, and the optional stylesheet that holds each
# default chart's height before any script runs.
cargo run --quiet --release --bin bering-render -- --all dist/fallback
cargo run --quiet --release --bin bering-render -- --stylesheet dist/embed/bering-chart.css
# What the shim must know of the core (chart names, static files, style fields, held heights).
mkdir -p build/generated
cargo run --quiet --release --bin bering-render -- --wire build/generated/wire.js
# The shim: www/shim/*.js bundled with the glue and the generated modules (SRI hashes, CSS).
node tools/build-shim.mjs build/pkg/bering_chart.short.js build/generated/wire.js \
  dist/embed/bering_chart_bg.wasm dist/embed/bering_chart_more.wasm dist/embed/bering_chart_model.wasm dist/embed/bering_chart_input.wasm \
  dist/embed/locale dist/embed/bering-chart.js
# The iframe parent script, minified (its source stays in www/embed/).
terser www/embed/bering-frame.js --compress --mangle --comments false --output dist/embed/bering-frame.js
# The editor's build of the same crate (the preview page's editor only; the embed's wasm
# above is built without the feature and does not grow). Its own target folder, so
# switching the feature never rebuilds the embed's.
RUSTC_BOOTSTRAP=1 RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Ctarget-feature=-reference-types,-multivalue" \
  cargo build --quiet --release --target wasm32-unknown-unknown --lib --features editor --target-dir target/editor -Zbuild-std=std,panic_abort
rm -rf build/editor && mkdir -p build/editor dist/editor
wasm-bindgen --target web --no-typescript --out-dir build/editor target/editor/wasm32-unknown-unknown/release/bering_chart.wasm
wasm-opt -Oz --low-memory-unused --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
  --strip-debug --strip-producers build/editor/bering_chart_bg.wasm -o dist/editor/bering_chart_bg.wasm
terser build/editor/bering_chart.js --module --compress --mangle --comments false --output dist/editor/bering_chart.js
find www -maxdepth 1 -type f -exec cp {} dist/ \;
# The share page of each default chart (dist/charts/), its og:image the share card.
# BASE_URL is where dist/ is published: canonical links and og:image are absolute.
node tools/share-pages.mjs dist "${BASE_URL:-http://127.0.0.1:8000/}"
node tools/pkg.mjs
echo "dist: built $(du -sh dist | cut -f1) in dist/"
