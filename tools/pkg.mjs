// tools/pkg.mjs: writes dist/pkg.json = the checked-in pkg.json plus, for every
// file it lists (paths relative to dist/), its size in bytes, its gzip size
// (zlib level 9), its brotli size (quality 11) and its Subresource Integrity hash
// (sha384-<base64>), and four sums of the embed's own files: "criticalPath", what a page
// must fetch before the first live drawing of a default chart (the shim, with
// wasm-bindgen's glue inlined, and the primary wasm module); "embedTotal", all a page
// with default charts loads (the same and the "more" wasm module and script, fetched after that
// drawing; the "model" and "input" modules and the locale packs, which only pages in pounds,
// in other languages or with custom data load, are not counted); "modelCriticalPath", what a
// page in pounds fetches before its first drawing (the shim, the primary and the "model"
// module; a page in another language fetches its pack too); "customCriticalPath", what a page
// with custom data fetches before its first drawing (the shim, the primary and the "input"
// module); and "allFiles", the shim, the "more" script and the four modules.
// Exits 1 with a message if a listed file is missing.
//
// Usage: node tools/pkg.mjs [--dist DIR] [--check-critical KB] [--check-total KB]
//   --check-critical KB  also exit 1 when criticalPath.gzip > KB * 1024 (make test);
//   --check-total KB     also exit 1 when embedTotal.gzip > KB * 1024 (make test).
// Node 20, no dependencies. Paths default to the repository this file is in.

import { readFileSync, writeFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { brotliCompressSync, gzipSync, constants as zc } from 'node:zlib';
import { dirname, resolve, relative, sep, isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';

// What a page fetches before the first live drawing of a default chart; criticalPath sums these.
export const CRITICAL_FILES = ['embed/bering-chart.js', 'embed/bering_chart_bg.wasm'];
// All the script embed loads on a page of default charts; embedTotal sums these.
export const EMBED_FILES = [...CRITICAL_FILES, 'embed/bering_chart_more.wasm', 'embed/bering-chart-more.js'];
// What a page in pounds fetches before its first drawing; modelCriticalPath sums these.
export const MODEL_CRITICAL_FILES = [...CRITICAL_FILES, 'embed/bering_chart_model.wasm'];
// What a page with custom data fetches before its first drawing; customCriticalPath sums these.
export const CUSTOM_CRITICAL_FILES = [...CRITICAL_FILES, 'embed/bering_chart_input.wasm'];
// The shim, its "more" script and every wasm module; allFiles sums these.
export const ALL_FILES = [...EMBED_FILES, 'embed/bering_chart_model.wasm', 'embed/bering_chart_input.wasm'];

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function fail(msg) {
  console.error(`pkg.mjs: ${msg}`);
  process.exit(1);
}

function parseArgs(argv) {
  const opts = { dist: resolve(REPO, 'dist'), manifest: resolve(REPO, 'pkg.json'), budgets: {} };
  for (let i = 0; i < argv.length; i++) {
    let [flag, val] = argv[i].split(/=(.*)/s, 2);
    const take = () => {
      if (val === undefined) val = argv[++i];
      if (val === undefined || val === '') fail(`${flag} needs a value`);
      return val;
    };
    if (flag === '--dist') opts.dist = resolve(take());
    else if (flag === '--manifest') opts.manifest = resolve(take());
    else if (flag === '--check-critical' || flag === '--check-total') {
      const kb = Number(take());
      if (!Number.isFinite(kb) || kb <= 0) fail(`${flag} wants a positive number of KB, got ${JSON.stringify(val)}`);
      opts.budgets[flag === '--check-critical' ? 'criticalPath' : 'embedTotal'] = kb;
    } else if (flag === '-h' || flag === '--help') {
      console.log('usage: node tools/pkg.mjs [--dist DIR] [--manifest pkg.json] [--check-critical KB] [--check-total KB]');
      process.exit(0);
    } else fail(`unknown argument ${JSON.stringify(argv[i])}`);
  }
  return opts;
}

/** Size, gzip and brotli sizes and SRI hash of one file's contents. */
export function describe(buf) {
  return {
    bytes: buf.length,
    gzip: gzipSync(buf, { level: zc.Z_BEST_COMPRESSION }).length,
    brotli: brotliCompressSync(buf, { params: { [zc.BROTLI_PARAM_QUALITY]: 11 } }).length,
    integrity: 'sha384-' + createHash('sha384').update(buf).digest('base64'),
  };
}

function main() {
  const opts = parseArgs(process.argv.slice(2));

  let manifest;
  try {
    manifest = JSON.parse(readFileSync(opts.manifest, 'utf8'));
  } catch (e) {
    fail(`cannot read ${opts.manifest}: ${e.message}`);
  }
  const files = manifest.files;
  if (!Array.isArray(files) || files.length === 0 || !files.every((f) => typeof f === 'string' && f))
    fail(`${opts.manifest}: "files" must be a non-empty list of paths relative to dist/`);
  if (new Set(files).size !== files.length) fail(`${opts.manifest}: "files" lists a path twice`);

  const built = {};
  const missing = [];
  for (const f of files) {
    const abs = resolve(opts.dist, f);
    const rel = relative(opts.dist, abs);
    if (isAbsolute(f) || rel.startsWith('..' + sep) || rel === '..' || rel.includes('\\'))
      fail(`"files" entry ${JSON.stringify(f)} is not a path inside dist/`);
    let st;
    try {
      st = statSync(abs);
    } catch {
      missing.push(f);
      continue;
    }
    if (!st.isFile()) {
      missing.push(`${f} (not a regular file)`);
      continue;
    }
    built[f] = describe(readFileSync(abs));
  }
  if (missing.length)
    fail(`missing from ${relative(process.cwd(), opts.dist) || '.'}/ (listed in pkg.json "files"):\n  ${missing.join('\n  ')}\n` +
      'run `make dist` first.');

  const notListed = ALL_FILES.filter((f) => !(f in built));
  if (notListed.length) fail(`pkg.json "files" must list the embed files: ${notListed.join(', ')}`);
  const sum = (list) => {
    const total = { files: list, bytes: 0, gzip: 0, brotli: 0 };
    for (const f of list) for (const key of ['bytes', 'gzip', 'brotli']) total[key] += built[f][key];
    return total;
  };
  const criticalPath = sum(CRITICAL_FILES);
  const embedTotal = sum(EMBED_FILES);
  const modelCriticalPath = sum(MODEL_CRITICAL_FILES);
  const customCriticalPath = sum(CUSTOM_CRITICAL_FILES);
  const allFiles = sum(ALL_FILES);

  const out = { ...manifest, built, criticalPath, embedTotal, modelCriticalPath, customCriticalPath, allFiles };
  const outPath = resolve(opts.dist, 'pkg.json');
  writeFileSync(outPath, JSON.stringify(out, null, 2) + '\n');
  const kb = (n) => (n / 1024).toFixed(1);
  const line = (total) => `${total.bytes} B, ${total.gzip} B gzip (${kb(total.gzip)} KB), ${total.brotli} B brotli (${kb(total.brotli)} KB)`;
  console.log(`pkg.mjs: wrote ${relative(process.cwd(), outPath)}: ${files.length} files; ` +
    `critical path ${line(criticalPath)}; embed total ${line(embedTotal)}; ` +
    `in pounds, before the first drawing ${line(modelCriticalPath)}; ` +
    `with custom data, before the first drawing ${line(customCriticalPath)}; all the embed's files ${line(allFiles)}`);

  const names = { criticalPath: 'critical path (before the first drawing)', embedTotal: 'embed total' };
  let over = false;
  for (const [key, budgetKB] of Object.entries(opts.budgets)) {
    const total = out[key];
    const limit = budgetKB * 1024;
    if (total.gzip > limit) {
      const per = total.files.map((f) => `  ${f}: ${built[f].gzip} B gzip`).join('\n');
      console.error(`pkg.mjs: ${names[key]} over its budget: ${total.gzip} B gzip (${kb(total.gzip)} KB) > ${budgetKB} KB (${limit} B)\n${per}`);
      over = true;
    } else console.log(`pkg.mjs: ${names[key]} within budget: ${kb(total.gzip)} KB gzip <= ${budgetKB} KB`);
  }
  if (over) process.exit(1);
}

// Run only when invoked as a script (importing it for describe() has no effects).
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
