#!/usr/bin/env bash
# Builds dist/: the release wasm, its wasm-bindgen glue (one run, so the two
# always match), wasm-opt -Oz from npm's binaryen, short import names (tools/shorten-imports.mjs), www/embed/* to dist/embed/
# with the glue inlined into the shim (tools/inline-glue.mjs), terser for the JavaScript,
# the pages in www/ to dist/, the static fallback SVGs and heights (bering-svg --all), the locale packs (bering-svg --locales), the optional stylesheet (--stylesheet), then dist/pkg.json with sizes and SRI hashes (tools/pkg.mjs).
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
RUSTC_BOOTSTRAP=1 RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Ctarget-feature=-reference-types,-multivalue" \
  cargo build --quiet --release --target wasm32-unknown-unknown --lib -Zbuild-std=std,panic_abort
rm -rf build/pkg && mkdir -p build/pkg
wasm-bindgen --target web --no-typescript --out-dir build/pkg target/wasm32-unknown-unknown/release/bering_chart.wasm
cp build/pkg/bering_chart_bg.wasm build/bering_chart_bg.wasm
# --converge repeats -Oz until it stops shrinking; --low-memory-unused lets it fold
# addresses into load/store offsets, which holds for Rust's layout (the stack sits in
# the first MB and grows down from its top; nothing lives in the lowest 1 KB): -0.45 KB gzip.
wasm-opt -Oz --converge --low-memory-unused --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
  --strip-debug --strip-producers build/pkg/bering_chart_bg.wasm -o build/pkg/bering_chart_bg.opt.wasm

# One-letter import names, in the module and its glue together.
node tools/shorten-imports.mjs build/pkg/bering_chart.js build/pkg/bering_chart_bg.opt.wasm build/import-names.json

rm -rf dist && mkdir -p dist/embed
cp build/pkg/bering_chart_bg.opt.wasm dist/embed/bering_chart_bg.wasm
cp www/embed/* dist/embed/
# The shim's stylesheet literal without its indentation and spaces around punctuation.
node -e '
  const fs = require("fs"), file = process.argv[1], js = fs.readFileSync(file, "utf8");
  const out = js.replace(/const CSS = `([^`]*)`/, (_, css) => "const CSS = `" + css.replace(/\s*\n\s*/g, " ").replace(/\s*([{};,])\s*/g, "$1").replace(/:\s+/g, ":").trim() + "`");
  if (out === js) throw new Error("no CSS literal found in " + file);
  fs.writeFileSync(file, out);
' dist/embed/bering-chart.js
# The locale packs (German, French, Russian words), from the same Rust catalog.
cargo run --quiet --release --bin bering-svg -- --locales dist/embed/locale
# Static fallbacks: the same core, natively, to SVG (with reserve.json: each default
# chart's height at any width, as CSS), and the optional stylesheet made from it.
cargo run --quiet --release --bin bering-svg -- --all dist/fallback
cargo run --quiet --release --bin bering-svg -- --stylesheet dist/embed/bering-chart.css
# SRI hashes into the shim (the wasm's, and each locale pack's), so the page's
# integrity attribute on the shim covers every file it loads; and the heights it holds.
node -e '
  const fs = require("fs"), crypto = require("crypto");
  const [shim, wasm, locales, reserve] = process.argv.slice(1);
  const sri = (file, algorithm) => `${algorithm}-${crypto.createHash(algorithm).update(fs.readFileSync(file)).digest("base64")}`;
  const packs = Object.fromEntries(["de", "fr", "ru"].map((name) => [name, sri(`${locales}/${name}.json`, "sha256")]));
  let js = fs.readFileSync(shim, "utf8");
  for (const [placeholder, value] of [
    ["const WASM_INTEGRITY = \"\";", `const WASM_INTEGRITY = "${sri(wasm, "sha384")}";`],
    ["const PACK_INTEGRITY = {};", `const PACK_INTEGRITY = ${JSON.stringify(packs)};`],
    ["const RESERVE = {};", `const RESERVE = ${JSON.stringify(JSON.parse(fs.readFileSync(reserve, "utf8")))};`],
  ]) {
    if (js.split(placeholder).length !== 2) throw new Error(`no ${placeholder} in ${shim}`);
    js = js.replace(placeholder, value);
  }
  fs.writeFileSync(shim, js);
' dist/embed/bering-chart.js dist/embed/bering_chart_bg.wasm dist/embed/locale dist/fallback/reserve.json
# The glue inside the shim: a page loads the shim and the wasm, nothing else.
node tools/inline-glue.mjs build/pkg/bering_chart.js dist/embed/bering-chart.js
# Minify the JavaScript a page loads (the readable source stays in www/ and build/pkg/).
terser dist/embed/bering-chart.js --module --compress --mangle --comments false --output dist/embed/bering-chart.js
terser dist/embed/bering-frame.js --compress --mangle --comments false --output dist/embed/bering-frame.js
find www -maxdepth 1 -type f -exec cp {} dist/ \;
node tools/pkg.mjs
echo "dist: built $(du -sh dist | cut -f1) in dist/"
