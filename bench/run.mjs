// bench/run.mjs: the bering-chart benchmark (`make bench`, i.e. `node bench/run.mjs`).
// Serves dist/ gzipped (tools/serve.mjs), loads dist/bench.html?n=K in headless
// Debian Chromium (playwright-core) for n=1 and n=20, 7 cold runs each (fresh
// browser context per run), and reports medians of: bytes on the wire and decoded,
// time from navigation start to window.__drawn, main-thread CPU (Task/Script
// duration at drawn), JS heap after GC; plus the built sizes from dist/pkg.json and
// the wasm size before/after wasm-opt. Writes bench/RESULTS.md and prints the table.
// A benchmark, not a test: nothing here asserts on time.
//
// Options (defaults are what `make bench` runs): --runs 7 --n 1,20 --out bench/RESULTS.md --dist dist

import { readFileSync, writeFileSync, statSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, resolve, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { chromium } from 'playwright-core';
import { startServer } from '../tools/serve.mjs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
let DIST = resolve(REPO, 'dist');
const EMBED = {
  shim: 'embed/bering-chart.js',
  glue: 'embed/bering_chart.js',
  wasm: 'embed/bering_chart_bg.wasm',
};
const PRE_OPT_WASM = resolve(REPO, 'build/bering_chart_bg.wasm');
const VIEWPORT = { width: 1280, height: 900 };
const DSF = 2;
const DRAWN_TIMEOUT_MS = 120_000;
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function fail(msg) {
  console.error(`bench: ${msg}`);
  process.exit(1);
}

function parseArgs(argv) {
  const opts = { runs: 7, ns: [1, 20], out: resolve(REPO, 'bench/RESULTS.md') };
  for (let i = 0; i < argv.length; i++) {
    let [flag, val] = argv[i].split(/=(.*)/s, 2);
    const take = () => (val !== undefined ? val : argv[++i]) ?? fail(`${flag} needs a value`);
    if (flag === '--runs') opts.runs = Number(take());
    else if (flag === '--n') opts.ns = take().split(',').map(Number);
    else if (flag === '--out') opts.out = resolve(take());
    else if (flag === '--dist') DIST = resolve(take());
    else fail(`unknown argument ${JSON.stringify(argv[i])}; usage: node bench/run.mjs [--runs 7] [--n 1,20] [--out FILE] [--dist DIR]`);
  }
  if (!Number.isInteger(opts.runs) || opts.runs < 1) fail('--runs must be a positive integer');
  if (!opts.ns.length || !opts.ns.every((n) => Number.isInteger(n) && n >= 1 && n <= 200)) fail('--n wants integers in 1..200');
  return opts;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** One cold page load of bench.html?n=K in a fresh context; returns raw numbers. */
async function measure(browser, baseUrl, n) {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: DSF });
  try {
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console.error: ${m.text()}`); });

    const cdp = await context.newCDPSession(page);
    const requests = new Map(); // requestId -> {url, encoded, decoded, finished, failed}
    const req = (id) => {
      if (!requests.has(id)) requests.set(id, { url: '', encoded: 0, decoded: 0, finished: false, failed: false });
      return requests.get(id);
    };
    cdp.on('Network.requestWillBeSent', (e) => { req(e.requestId).url = e.request.url; });
    cdp.on('Network.dataReceived', (e) => { req(e.requestId).decoded += e.dataLength; });
    cdp.on('Network.loadingFinished', (e) => { const r = req(e.requestId); r.encoded = e.encodedDataLength; r.finished = true; });
    cdp.on('Network.loadingFailed', (e) => { req(e.requestId).failed = `${e.errorText}${e.blockedReason ? ` (${e.blockedReason})` : ''}`; });
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });

    await page.goto(`${baseUrl}/bench.html?n=${n}`, { waitUntil: 'commit' });
    try {
      await page.waitForFunction(() => typeof window.__drawn === 'number', null, { timeout: DRAWN_TIMEOUT_MS });
    } catch (e) {
      const states = await page.evaluate(() => [...document.querySelectorAll('[data-bering-chart]')]
        .map((el) => el.getAttribute('data-bering-state')).join(',')).catch(() => '?');
      throw new Error(`n=${n}: window.__drawn not set within ${DRAWN_TIMEOUT_MS / 1000}s (states: ${states.slice(0, 200)})\n` +
        problems.slice(0, 5).join('\n'));
    }
    // CPU as close to "drawn" as the page lets us get (the page is idle after it).
    const cpu = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
    const page_ = await page.evaluate(() => ({
      drawn: window.__drawn,
      errors: window.__benchErrors ?? 0,
      states: window.__benchStates ?? null,
      start: performance.getEntriesByName('bench-start')[0]?.startTime ?? null,
    }));
    await cdp.send('HeapProfiler.collectGarbage');
    const afterGc = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));

    const reqs = [...requests.values()].filter((r) => r.url.startsWith('http'));
    const failed = reqs.filter((r) => r.failed);
    if (failed.length) problems.push(...failed.map((r) => `request failed: ${r.url}: ${r.failed}`));
    const wasmFetches = reqs.filter((r) => r.url.endsWith('.wasm')).length;
    return {
      drawnMs: page_.drawn,
      benchStartMs: page_.start,
      errors: page_.errors,
      states: page_.states,
      wireBytes: reqs.reduce((s, r) => s + r.encoded, 0),
      decodedBytes: reqs.reduce((s, r) => s + r.decoded, 0),
      requests: reqs.length,
      wasmFetches,
      taskMs: cpu.TaskDuration * 1000,
      scriptMs: cpu.ScriptDuration * 1000,
      heapBytes: afterGc.JSHeapUsedSize,
      problems,
    };
  } finally {
    await context.close();
  }
}

function machine(browserVersion) {
  let cpuModel = 'unknown';
  try {
    cpuModel = readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m)?.[1]?.trim() ?? cpuModel;
  } catch { /* not Linux */ }
  let nproc = String(os.availableParallelism?.() ?? os.cpus().length);
  try { nproc = execFileSync('nproc', { encoding: 'utf8' }).trim(); } catch { /* fall back to Node's count */ }
  return {
    nproc,
    cpuModel,
    memGiB: (os.totalmem() / 2 ** 30).toFixed(1),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    chromium: `Chromium ${browserVersion} (/usr/bin/chromium, headless)`,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  };
}

const fmtInt = (x) => Math.round(x).toLocaleString('en-US');
const fmtMs = (x) => x.toFixed(1);
const fmtKB = (b) => `${(b / 1024).toFixed(1)} KB`;
const fmtMB = (b) => `${(b / 2 ** 20).toFixed(2)} MB`;

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const command = ['node', relative(process.cwd(), fileURLToPath(import.meta.url)) || 'bench/run.mjs', ...process.argv.slice(2)].join(' ');

  const pkgPath = resolve(DIST, 'pkg.json');
  if (!existsSync(resolve(DIST, 'bench.html')) || !existsSync(pkgPath)) fail('dist/bench.html or dist/pkg.json is missing: run `make dist` first');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
  if (!pkg.built) fail('dist/pkg.json has no "built" sizes: run `node tools/pkg.mjs` (make dist does)');
  const postOpt = statSync(resolve(DIST, EMBED.wasm)).size;
  const preOpt = existsSync(PRE_OPT_WASM) ? statSync(PRE_OPT_WASM).size : null;

  const loadBefore = os.loadavg()[0];
  const srv = await startServer({ root: DIST, port: 0, host: '127.0.0.1', gzip: true });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const results = {};
  let info;
  try {
    // One discarded warm-up load (OS file cache, browser process start-up).
    await measure(browser, srv.url, opts.ns[0]);
    for (const n of opts.ns) {
      results[n] = [];
      for (let i = 0; i < opts.runs; i++) {
        const r = await measure(browser, srv.url, n);
        results[n].push(r);
        process.stderr.write(`n=${n} run ${i + 1}/${opts.runs}: drawn ${fmtMs(r.drawnMs)} ms, task ${fmtMs(r.taskMs)} ms, ` +
          `wire ${fmtInt(r.wireBytes)} B${r.errors ? `, ${r.errors} errored charts` : ''}\n`);
        for (const p of new Set(r.problems)) process.stderr.write(`  ${p}\n`);
      }
    }
    info = machine(browser.version());
    info.load = `1-min load average ${loadBefore.toFixed(2)} before, ${os.loadavg()[0].toFixed(2)} after the runs`;
  } finally {
    await browser.close();
    await srv.close();
  }

  // Results table: one row per metric, one column per n (median, with min-max over runs).
  const cols = opts.ns;
  const row = (label, key, fmt) => {
    const cells = cols.map((n) => {
      const xs = results[n].map((r) => r[key]).filter((x) => typeof x === 'number' && Number.isFinite(x));
      if (!xs.length) return 'n/a';
      const lo = Math.min(...xs), hi = Math.max(...xs);
      return lo === hi ? fmt(median(xs)) : `${fmt(median(xs))} (${fmt(lo)}–${fmt(hi)})`;
    });
    return `| ${label} | ${cells.join(' | ')} |`;
  };
  const table = [
    `| metric (median of ${opts.runs}, min–max) | ${cols.map((n) => `n=${n} (${2 * n} charts)`).join(' | ')} |`,
    `|---|${cols.map(() => '---:').join('|')}|`,
    row('navigation start → `window.__drawn` (ms)', 'drawnMs', fmtMs),
    row('navigation start → bench.js start (ms)', 'benchStartMs', fmtMs),
    row('main-thread TaskDuration at drawn (ms)', 'taskMs', fmtMs),
    row('main-thread ScriptDuration at drawn (ms)', 'scriptMs', fmtMs),
    row('JS heap used after GC', 'heapBytes', fmtMB),
    row('bytes on the wire (gzip, incl. headers)', 'wireBytes', fmtInt),
    row('bytes decoded (response bodies)', 'decodedBytes', fmtInt),
    row('requests', 'requests', fmtInt),
    row('wasm fetches', 'wasmFetches', fmtInt),
    row('charts in error', 'errors', fmtInt),
  ].join('\n');

  const b = pkg.built;
  const sizes = [
    '| file | bytes | gzip -9 |',
    '|---|---:|---:|',
    ...Object.entries(EMBED).map(([what, f]) => `| ${what}: \`${f}\` | ${fmtInt(b[f].bytes)} | ${fmtInt(b[f].gzip)} |`),
    `| **embed total** | ${fmtInt(pkg.embedTotal.bytes)} | ${fmtInt(pkg.embedTotal.gzip)} (${fmtKB(pkg.embedTotal.gzip)}) |`,
    `| wasm before wasm-opt (\`build/bering_chart_bg.wasm\`) | ${preOpt === null ? 'n/a (no build/ copy)' : fmtInt(preOpt)} | |`,
    `| wasm after wasm-opt (\`dist/${EMBED.wasm}\`) | ${fmtInt(postOpt)} | |`,
    ...(preOpt === null ? [] : [`| wasm-opt saving | ${fmtInt(preOpt - postOpt)} (${((1 - postOpt / preOpt) * 100).toFixed(1)}%) | |`]),
  ].join('\n');

  const errored = cols.some((n) => results[n].some((r) => r.errors));
  const md = `<!-- bench/RESULTS.md: written by bench/run.mjs (make bench); do not edit by hand. -->
# bering-chart benchmark results

Command: \`${command}\` (what \`make bench\` runs after \`make dist\`)

Machine: ${info.nproc} CPUs (\`nproc\`), ${info.cpuModel}, ${info.memGiB} GiB RAM, ${info.os};
${info.chromium}; playwright-core, Node ${info.node}. Date: ${info.date}.
${info.load} (other work on the machine widens the min–max).

Page: \`dist/bench.html?n=K\` served by \`tools/serve.mjs\` with gzip on 127.0.0.1; viewport
${VIEWPORT.width}×${VIEWPORT.height}, deviceScaleFactor ${DSF}; a fresh browser context (cold cache) per run,
after one discarded warm-up load. Times are from navigation start.

${table}
${errored ? '\n**Warning: some charts ended in error; the timings above are not meaningful.**\n' : ''}
Built sizes (from \`dist/pkg.json\`; gzip level 9, so the wire bytes above, gzipped at the
server's default level and including HTTP headers, differ slightly):

${sizes}
`;
  writeFileSync(opts.out, md);
  console.log(md);
  console.log(`bench: wrote ${relative(process.cwd(), opts.out)}`);
}

main().catch((e) => {
  console.error(`bench: ${e.stack ?? e}`);
  process.exit(1);
});
