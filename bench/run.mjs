// bench/run.mjs: the bering-chart benchmark (`make bench`, i.e. `node bench/run.mjs`).
// Serves dist/ gzipped (tools/serve.mjs) with the peer pages (bench/peers/) and the
// peers' browser bundles (straight from node_modules) mounted beside it, and loads in
// headless Debian Chromium (playwright-core), in the same run, for n=1 and n=20 pairs:
// our dist/bench.html, the same pair drawn with uPlot, Chart.js and Vega-Lite, and an
// empty page; 7 cold runs each (fresh browser context per run, prefers-reduced-motion:
// reduce), pages interleaved run by run. It reports medians of: bytes on the wire
// (gzip) and decoded, main-thread CPU from navigation to drawn (CDP
// Performance.getMetrics TaskDuration / ScriptDuration, and thread CPU time from a
// `toplevel` trace of the same load), JS heap after GC, time to drawn; for ours also
// the wasm fetch/compile/instantiate times, the wasm linear memory, and the
// redraw-on-resize cost per chart; plus traced and profiled loads of ours (where the
// main thread's time goes), and the built sizes from dist/pkg.json. Writes bench/RESULTS.md and prints it.
// A benchmark, not a test: nothing here asserts on time.
//
// Options (defaults are what `make bench` runs):
//   --runs 7 --n 1,20 --out bench/RESULTS.md --dist dist
//   --pages ours,empty,uplot,chartjs,vegalite   (a subset for quick checks)
//   --resize 20      redraws per chart in the resize test (0: skip it)
//   --no-profile     skip the traced/profiled loads of ours
//   --quick          = --runs 2 (a quick check; the file says so)
//   --shots DIR      also save a screenshot of every page at n=1 into DIR

import { readFileSync, writeFileSync, statSync, existsSync, mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, resolve, relative, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { chromium } from 'playwright-core';
import { startServer } from '../tools/serve.mjs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
let DIST = resolve(REPO, 'dist');
const EMBED = {
  'shim (with the glue inlined)': 'embed/bering-chart.js',
  wasm: 'embed/bering_chart_bg.wasm',
  '"more" wasm module (after the first drawing)': 'embed/bering_chart_more.wasm',
  '"more" script (with the "more" wasm module)': 'embed/bering-chart-more.js',
  '"model" wasm module (pounds and other languages only)': 'embed/bering_chart_model.wasm',
  '"input" wasm module (custom data only)': 'embed/bering_chart_input.wasm',
};
const WASM_MODULES = Object.values(EMBED).filter((f) => f.endsWith('.wasm'));
const PRE_OPT_WASM = resolve(REPO, 'build/bering_chart_bg.wasm');
const VIEWPORT = { width: 1280, height: 900 };
const DSF = 2;
const DRAWN_TIMEOUT_MS = 120_000;
// How the harness waits for a page's `window.__drawn`: a check every 50 ms. Playwright's
// default polls in requestAnimationFrame, which would give every page a main-thread frame
// per vsync until its final chart (a page whose chart is final later, after an animation,
// paid more of the harness's frames than of its own).
const DRAWN_WAIT = { timeout: DRAWN_TIMEOUT_MS, polling: 50 };
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The peers' browser bundles, served from node_modules (never copied into the repo). */
const VENDOR = {
  'chart.js': 'dist', // chart.umd.min.js
  uplot: 'dist', // uPlot.iife.min.js, uPlot.min.css
  vega: 'build', // vega.min.js
  'vega-lite': 'build', // vega-lite.min.js
  'vega-embed': 'build', // vega-embed.min.js
};
const version = (pkg) => JSON.parse(readFileSync(resolve(REPO, 'node_modules', pkg, 'package.json'), 'utf8')).version;

function pageList() {
  return [
    // resize: the pages measured redrawing on resize: their charts, the event each redraw fires, and
    // whether the box whose width changes is the chart's parent or the chart's own element.
    // motion: the reader's prefers-reduced-motion ('allowed', the default of most readers,
    // or 'reduce'); only our page changes with it (its grow-in), so only ours is run in both.
    { id: 'ours', label: 'bering-chart (ours), motion allowed', path: '/bench.html', motion: 'allowed', resize: { selector: '[data-bering-chart]', event: 'bering-chart:draw', box: 'parent' } },
    { id: 'ours-reduced', label: 'bering-chart (ours), reduced motion', path: '/bench.html', motion: 'reduce' },
    // The generator's real script embed, static image included, pasted n times (written by snippetPages).
    { id: 'ours-snippet', label: 'bering-chart (ours), the generator\'s snippet with its static chart (HTML), motion allowed', path: '/generated/snippet.html', pathFor: (n) => `/generated/snippet-${n}.html`, motion: 'allowed' },
    // What the snippet's image costs, by kind (run only when named in --pages; no grow-in in any).
    { id: 'ours-snippet-svg', label: 'ours, the snippet with its SVG image (before its HTML static chart)', path: '/generated/snippet-svg.html', pathFor: (n) => `/generated/snippet-svg-${n}.html`, motion: 'allowed', optIn: true },
    { id: 'ours-snippet-png', label: 'ours, the snippet with its 2x PNG instead of its SVG', path: '/generated/snippet-png.html', pathFor: (n) => `/generated/snippet-png-${n}.html`, motion: 'allowed', optIn: true },
    { id: 'ours-snippet-textless', label: 'ours, the snippet with its SVG without text', path: '/generated/snippet-textless.html', pathFor: (n) => `/generated/snippet-textless-${n}.html`, motion: 'allowed', optIn: true },
    { id: 'ours-snippet-noimage', label: 'ours, the snippet with no image, reduced motion', path: '/generated/snippet-noimage.html', pathFor: (n) => `/generated/snippet-noimage-${n}.html`, motion: 'reduce', optIn: true },
    { id: 'empty', label: 'empty page', path: '/peers/empty.html', motion: 'allowed' },
    { id: 'uplot', label: `uPlot ${version('uplot')} (no animation)`, path: '/peers/uplot.html', motion: 'allowed', resize: { selector: '.bench-box', event: 'bench:draw', box: 'self' } },
    { id: 'chartjs-animated', label: `Chart.js ${version('chart.js')} (its default 1 s animation)`, path: '/peers/chartjs.html', query: 'animation=on', motion: 'allowed' },
    { id: 'chartjs', label: `Chart.js ${version('chart.js')} (animation off)`, path: '/peers/chartjs.html', motion: 'allowed' },
    {
      id: 'vegalite',
      label: `Vega-Lite ${version('vega-lite')} / vega-embed ${version('vega-embed')} (Vega ${version('vega')})`,
      path: '/peers/vegalite.html',
      motion: 'allowed',
    },
  ];
}

/** The address of `page` with ?n=K (and its own query). */
const pageUrl = (base, page, n) => `${base}${page.pathFor ? page.pathFor(n) : page.path}?n=${n}${page.query ? `&${page.query}` : ''}`;

/**
 * Writes `DIR/snippet-<n>.html` for each n: the benchmark page with n pairs pasted as the
 * generator's script embed writes them (theme auto: each element holding its static chart
 * as HTML, `fallback/<chart>-auto.html`, in a box styled to hold the live chart's height,
 * from dist/fallback/index.json), so the page is measured as an article that pasted the
 * snippet. Beside it, the variants that say what a static chart costs (pages run only when
 * named in --pages): `snippet-svg-<n>.html` (the SVG image the snippet held before),
 * `snippet-png-<n>.html` (its 2x PNG), `snippet-textless-<n>.html` (the same SVG without its
 * text, `DIR/<chart>-textless.svg`) and `snippet-noimage-<n>.html` (no static chart).
 */
async function snippetPages(dir, ns) {
  const { staticBlock, staticImage } = await import('../www/snippet.js');
  const index = JSON.parse(readFileSync(resolve(DIST, 'fallback', 'index.json'), 'utf8'));
  const bench = readFileSync(resolve(DIST, 'bench.html'), 'utf8').replaceAll('./', '/');
  mkdirSync(dir, { recursive: true });
  for (const chart of ['length', 'cost']) {
    const svg = readFileSync(resolve(DIST, 'fallback', `${chart}.svg`), 'utf8');
    writeFileSync(resolve(dir, `${chart}-textless.svg`), svg.replace(/<text\b[^>]*>[^<]*<\/text>\n?/g, ''));
  }
  const html = (chart) => readFileSync(resolve(DIST, 'fallback', index[`${chart}.svg`].htmlAuto), 'utf8').trim();
  const image = (src) => (chart) => staticImage(index[`${chart}.svg`], src(chart));
  const statics = {
    '': (chart) => staticBlock(index[`${chart}.svg`], html(chart)),
    '-svg': image((chart) => `/fallback/${chart}.svg`),
    '-png': image((chart) => `/fallback/${chart}@2x.png`),
    '-textless': image((chart) => `/generated/${chart}-textless.svg`),
    '-noimage': () => '',
  };
  for (const n of ns) {
    for (const [variant, staticOf] of Object.entries(statics)) {
      const pair = ['length', 'cost'].map((chart) =>
        `<div class="bench-box"><div data-bering-chart="${chart}" data-loading="eager">${staticOf(chart)}</div></div>`).join('\n');
      const page = bench.replace('<main id="bench-charts"></main>', `<main id="bench-charts">\n${Array(n).fill(pair).join('\n')}\n</main>`);
      writeFileSync(resolve(dir, `snippet${variant}-${n}.html`), page);
    }
  }
}

/** A browser context as the bench's readers have it: `page.motion`, the CPU slow-down applied per tab. */
const contextFor = (browser, page, deviceScaleFactor = DSF) => browser.newContext({
  viewport: VIEWPORT, deviceScaleFactor, reducedMotion: page.motion === 'reduce' ? 'reduce' : 'no-preference',
});
let CPU_SLOWDOWN = 1;
/**
 * `--network NAME`: every tab's network emulated (CDP `Network.emulateNetworkConditions`), so a
 * script arrives in pieces as on a phone's connection instead of all at once over loopback.
 * slow4g is Lighthouse's mobile setting; fast4g a good 4G connection.
 */
const NETWORKS = {
  slow4g: { latency: 150, downloadThroughput: (1600 * 1000) / 8, uploadThroughput: (750 * 1000) / 8 },
  fast4g: { latency: 40, downloadThroughput: (9000 * 1000) / 8, uploadThroughput: (1500 * 1000) / 8 },
};
let NETWORK = null;
async function throttle(cdp) {
  if (CPU_SLOWDOWN > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  if (NETWORK) {
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, ...NETWORKS[NETWORK] });
  }
}

function fail(msg) {
  console.error(`bench: ${msg}`);
  process.exit(1);
}

function parseArgs(argv) {
  const opts = {
    runs: 7, ns: [1, 20], out: resolve(REPO, 'bench/RESULTS.md'), pages: null, resize: 20, profile: true, shots: null,
    quick: false, compare: null, raw: null,
  };
  for (let i = 0; i < argv.length; i++) {
    let [flag, val] = argv[i].split(/=(.*)/s, 2);
    const take = () => (val !== undefined ? val : argv[++i]) ?? fail(`${flag} needs a value`);
    if (flag === '--runs') opts.runs = Number(take());
    else if (flag === '--n') opts.ns = take().split(',').map(Number);
    else if (flag === '--out') opts.out = resolve(take());
    else if (flag === '--dist') DIST = resolve(take());
    else if (flag === '--pages') opts.pages = take().split(',').map((s) => s.trim()).filter(Boolean);
    else if (flag === '--resize') opts.resize = Number(take());
    else if (flag === '--no-profile') opts.profile = false;
    else if (flag === '--quick') { opts.quick = true; opts.runs = 2; }
    else if (flag === '--shots') opts.shots = resolve(take());
    else if (flag === '--cpu-slowdown') CPU_SLOWDOWN = Number(take());
    else if (flag === '--compare') opts.compare = resolve(take());
    else if (flag === '--network') NETWORK = take();
    else if (flag === '--raw') opts.raw = resolve(take());
    else {
      fail(`unknown argument ${JSON.stringify(argv[i])}; usage: node bench/run.mjs [--runs 7] [--n 1,20] [--out FILE] ` +
        '[--dist DIR] [--pages ours,ours-reduced,ours-snippet,empty,uplot,chartjs-animated,chartjs,vegalite; named only: ours-snippet-svg,ours-snippet-png,ours-snippet-textless,ours-snippet-noimage] [--resize 20] [--no-profile] [--quick] [--shots DIR] [--cpu-slowdown 4] [--network slow4g|fast4g] [--compare DIR] [--raw FILE]');
    }
  }
  if (!Number.isInteger(opts.runs) || opts.runs < 1) fail('--runs must be a positive integer');
  if (NETWORK !== null && !Object.hasOwn(NETWORKS, NETWORK)) fail(`--network wants one of ${Object.keys(NETWORKS).join(', ')}`);
  if (!(CPU_SLOWDOWN >= 1 && CPU_SLOWDOWN <= 20)) fail('--cpu-slowdown wants a number in 1..20 (4: about a mid-range phone)');
  if (!opts.ns.length || !opts.ns.every((n) => Number.isInteger(n) && n >= 1 && n <= 200)) fail('--n wants integers in 1..200');
  if (!Number.isInteger(opts.resize) || opts.resize < 0 || opts.resize > 500) fail('--resize wants an integer in 0..500');
  return opts;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const metricsOf = async (cdp) => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));

/**
 * Instrumentation for our page only, run before any of its scripts: the time of every
 * bering-chart:draw event, and the wasm compile (WebAssembly.compileStreaming, which
 * overlaps the download) and instantiate calls the shim and glue make, with the
 * instance's memory (its size is not part of the JS heap). Microseconds of overhead.
 */
function oursInitScript() {
  const b = { draws: [], compile: null, instantiate: null, memory: null };
  Object.defineProperty(window, '__bench', { value: b });
  window.addEventListener('bering-chart:draw', () => { b.draws.push(performance.now()); }, true);
  const W = WebAssembly;
  const compileStreaming = W.compileStreaming;
  if (compileStreaming) {
    W.compileStreaming = function (source) {
      const start = performance.now();
      return compileStreaming.call(this, source).then((m) => {
        b.compile ??= { start, end: performance.now() };
        return m;
      });
    };
  }
  // The instance the glue gets has its draw export timed (while window.__benchDrawTimes
  // exists: the resize loop's); the glue is inlined in the shim, so this is where to reach it.
  const instantiate = W.instantiate;
  W.instantiate = function (...args) {
    const start = performance.now();
    return instantiate.apply(this, args).then((r) => {
      const instance = r instanceof W.Instance ? r : r.instance;
      // (The first instance is the primary module's; the secondary modules share its memory.)
      b.instantiate ??= { start, end: performance.now() };
      b.memory ??= instance?.exports?.memory ?? null;
      const draw = instance?.exports?.widget_draw;
      if (typeof draw !== 'function') return r;
      const timedDraw = (...a) => {
        const times = window.__benchDrawTimes;
        if (!times) return draw(...a);
        const t = performance.now();
        try { return draw(...a); } finally { times.push(performance.now() - t); }
      };
      const exports = { ...instance.exports, widget_draw: timedDraw };
      // The same shape as the real call's: an instance for a module, both for bytes.
      return r instanceof W.Instance ? { exports } : { instance: { exports }, module: r.module };
    });
  };
}

/**
 * In a page with `spec` (pageList's `resize`), after drawn: change the width of every
 * chart's 640px box `iterations` times, once per animation frame, alternating 600/640px,
 * and wait each time until every chart has redrawn (its `spec.event`; our shim, and the
 * uPlot page's ResizeObserver, redraw in the frame after the observation). With
 * `control`, the same frames go by with no width change (the cost of the loop itself).
 * In ours, the wasm's draw export is timed around its synchronous call (see oursInitScript).
 */
async function resizeLoop({ iterations, control, spec, timeWasm }) {
  if (timeWasm) window.__benchDrawTimes ??= [];
  const hosts = [...document.querySelectorAll(spec.selector)];
  const boxes = spec.box === 'parent' ? hosts.map((h) => h.parentElement) : hosts;
  const frame = () => new Promise((r) => requestAnimationFrame(r));
  let draws = 0;
  let want = Infinity;
  let wake = null;
  const onDraw = () => {
    draws += 1;
    if (wake && draws >= want) { const w = wake; wake = null; w(); }
  };
  document.addEventListener(spec.event, onDraw);
  const timed0 = window.__benchDrawTimes?.length ?? 0;
  const t0 = performance.now();
  try {
    for (let i = 0; i < iterations; i++) {
      await frame();
      if (control) { await frame(); continue; }
      want = draws + hosts.length;
      const all = new Promise((r, reject) => {
        wake = r;
        setTimeout(() => reject(new Error(`resize ${i}: ${draws} of ${want} redraws after 5 s`)), 5000);
      });
      const width = i % 2 ? 640 : 600;
      for (const box of boxes) box.style.width = `${width}px`;
      await all;
    }
  } finally {
    document.removeEventListener(spec.event, onDraw);
  }
  const times = window.__benchDrawTimes?.slice(timed0) ?? [];
  return { ms: performance.now() - t0, draws, charts: hosts.length, wasmDrawMs: times.reduce((s, x) => s + x, 0), timed: times.length };
}

/**
 * Main-thread time from a trace of the `toplevel` category: the top-level tasks of the
 * measured page's renderer main thread, as wall time (`dur`, what TaskDuration counts) and
 * as thread CPU time (`tdur`: without the time the thread was descheduled, so it holds up
 * better on a loaded machine), and that thread (`thread`, pid:tid). The thread is the one
 * that set the `until` mark, or `thread` (the one a load's trace found, for later traces of
 * the same tab). The trace is the whole browser's, and another renderer can be in it: one
 * with about 180 ms of its own and 993 compilations, seen once in some 70 traced loads, is
 * not the page's, so the busiest thread is not taken for it.
 */
function mainThreadTime(buf, { until = null, thread = null } = {}) {
  const events = JSON.parse(buf.toString('utf8')).traceEvents;
  const names = new Map();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args.name);
  // With `until`, only the tasks that began by that user-timing mark of the page count.
  let cut = Infinity;
  let page = thread;
  if (until) {
    const mark = events.find((e) => e.name === until && String(e.cat).includes('blink.user_timing'));
    if (!mark) throw new Error(`the trace has no performance.mark('${until}')`);
    cut = mark.ts;
    page = `${mark.pid}:${mark.tid}`;
  }
  if (!page) throw new Error('mainThreadTime: neither a mark nor a thread names the page\'s main thread');
  if (names.get(page) !== 'CrRendererMain') throw new Error(`mainThreadTime: ${page} is ${names.get(page) ?? 'not in the trace'}, not a renderer's main thread`);
  const tasks = [];
  for (const e of events) {
    if (e.ph !== 'X' || (e.name !== 'ThreadControllerImpl::RunTask' && e.name !== 'RunTask') || e.ts > cut) continue;
    if (`${e.pid}:${e.tid}` === page) tasks.push(e);
  }
  tasks.sort((a, b) => a.ts - b.ts);
  let end = -Infinity, wall = 0, cpu = 0;
  for (const t of tasks) {
    if (t.ts < end) continue; // nested: already counted in its parent
    wall += t.dur ?? 0;
    cpu += t.tdur ?? 0;
    end = t.ts + (t.dur ?? 0);
  }
  return { wallMs: wall / 1000, cpuMs: cpu / 1000, thread: page };
}

let tracingOn = false;
async function startTrace(browser, tab) {
  await browser.startTracing(tab, { categories: ['toplevel', 'blink.user_timing'] });
  tracingOn = true;
}
async function stopTrace(browser, options) {
  tracingOn = false;
  return mainThreadTime(await browser.stopTracing(), options);
}

/**
 * A promise of the page's call to its `__benchPainted` binding (bench.js and peers/common.js
 * make it with performance.mark('painted')), set up before the navigation: the harness
 * then runs nothing in the page while it loads: no Playwright `waitForFunction` (its first
 * evaluation injects its utility script, whose parse and compile, about 9 ms, would count in
 * every page) and no poll (a poll every 50 ms was a task each, counted against the pages that
 * take longest to their final frame).
 */
async function paintedBinding(cdp) {
  let called;
  const painted = new Promise((resolve) => { called = resolve; });
  cdp.on('Runtime.bindingCalled', (e) => { if (e.name === '__benchPainted') called(); });
  await cdp.send('Runtime.enable');
  await cdp.send('Runtime.addBinding', { name: '__benchPainted' });
  return () => new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the page did not call __benchPainted within ${DRAWN_WAIT.timeout} ms`)), DRAWN_WAIT.timeout);
    painted.then(() => { clearTimeout(timer); resolve(); });
  });
}

/** One cold page load of `page` with ?n=K in a fresh context; returns raw numbers. */
async function measure(browser, baseUrl, page, n, { resize = 0 } = {}) {
  const ours = page.id === 'ours';
  const context = await contextFor(browser, page);
  try {
    // (The compared build's motion page too: its first visible chart is its first drawing.)
    if (ours || page.id === 'compare') await context.addInitScript(oursInitScript);
    const tab = await context.newPage();
    const problems = [];
    tab.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    tab.on('console', (m) => { if (m.type() === 'error') problems.push(`console.error: ${m.text()}`); });

    const cdp = await context.newCDPSession(tab);
    await throttle(cdp);
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
    // The new tab's about:blank has already run a few tasks: subtract them.
    const before = await metricsOf(cdp);

    const whenPainted = await paintedBinding(cdp);
    await startTrace(browser, tab);
    await tab.goto(pageUrl(baseUrl, page, n), { waitUntil: 'commit' });
    try {
      await whenPainted();
    } catch (e) {
      const states = await tab.evaluate(() => [...document.querySelectorAll('[data-bering-chart]')]
        .map((el) => el.getAttribute('data-bering-state')).join(',')).catch(() => '?');
      throw new Error(`${page.id} n=${n}: no painted mark within ${DRAWN_TIMEOUT_MS / 1000}s (${e.message}; states: ${states.slice(0, 200)})\n` +
        problems.slice(0, 5).join('\n'));
    }
    // The page marks the frame that shows the drawn charts (rAF, then a task after its paint:
    // performance.mark('painted'), then the binding); thread CPU counts the tasks up to that
    // mark, so every page is measured "drawn and painted", and nothing it does later (our
    // tables, built at idle after that frame) counts.
    const cpu = await metricsOf(cdp);
    const threadTime = await stopTrace(browser, { until: 'painted' });
    const page_ = await tab.evaluate(() => {
      const wasm = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/bering_chart_bg.wasm'));
      const b = window.__bench;
      return {
        drawn: window.__drawn,
        firstVisible: window.__firstVisible ?? window.__imagePainted ?? null,
        errors: window.__benchErrors ?? 0,
        states: window.__benchStates ?? null,
        start: performance.getEntriesByName('bench-start')[0]?.startTime ?? null,
        wasm: wasm ? { start: wasm.startTime, responseStart: wasm.responseStart, responseEnd: wasm.responseEnd } : null,
        firstDraw: b?.draws[0] ?? null,
        draws: b?.draws.length ?? null,
        compile: b?.compile ?? null,
        instantiate: b?.instantiate ?? null,
        wasmMemory: b?.memory ? b.memory.buffer.byteLength : null,
        measures: performance.getEntriesByType('measure').map((m) => ({ name: m.name, duration: m.duration })),
      };
    });
    await cdp.send('HeapProfiler.collectGarbage');
    const afterGc = await metricsOf(cdp);

    const reqs = [...requests.values()].filter((r) => r.url.startsWith('http'));
    const failed = reqs.filter((r) => r.failed);
    if (failed.length) problems.push(...failed.map((r) => `request failed: ${r.url}: ${r.failed}`));
    const wasmFetches = reqs.filter((r) => r.url.endsWith('.wasm')).length;
    const w = page_.wasm;
    const result = {
      drawnMs: page_.drawn,
      // The first chart the reader sees: a static image's paint (LCP, or bench.js's own measure when LCP
      // skips the image as low-entropy), else our first drawing or a peer's first render.
      firstVisibleMs: page_.firstVisible ?? page_.firstDraw ?? page_.drawn,
      benchStartMs: page_.start,
      errors: page_.errors,
      states: page_.states,
      wireBytes: reqs.reduce((s, r) => s + r.encoded, 0),
      decodedBytes: reqs.reduce((s, r) => s + r.decoded, 0),
      requests: reqs.length,
      files: reqs.map((r) => ({ path: new URL(r.url).pathname, encoded: r.encoded, decoded: r.decoded })),
      wasmFetches,
      taskMs: (cpu.TaskDuration - before.TaskDuration) * 1000,
      cpuMs: threadTime.cpuMs,
      traceWallMs: threadTime.wallMs,
      scriptMs: (cpu.ScriptDuration - before.ScriptDuration) * 1000,
      layoutMs: (cpu.LayoutDuration + cpu.RecalcStyleDuration - before.LayoutDuration - before.RecalcStyleDuration) * 1000,
      layouts: cpu.LayoutCount - before.LayoutCount,
      styleRecalcs: cpu.RecalcStyleCount - before.RecalcStyleCount,
      nodes: cpu.Nodes,
      taskBeforeMs: before.TaskDuration * 1000,
      heapBytes: afterGc.JSHeapUsedSize,
      wasmMemoryBytes: page_.wasmMemory,
      problems,
    };
    if (ours) {
      const c = page_.compile;
      const inst = page_.instantiate;
      Object.assign(result, {
        wasmFetchMs: w ? w.responseEnd - w.start : null,
        wasmRequestAtMs: w ? w.start : null,
        compileMs: c ? c.end - c.start : null, // compileStreaming: call to resolve (overlaps the download)
        compileAfterBytesMs: c && w ? c.end - w.responseEnd : null, // compiling left after the last byte
        instantiateMs: inst ? inst.end - inst.start : null,
        wasmToFirstDrawMs: w && page_.firstDraw !== null ? page_.firstDraw - w.responseEnd : null,
        firstDrawAtMs: page_.firstDraw,
        shimMeasures: page_.measures,
      });
    }
    if (page.resize && resize > 0) {
      // The uPlot page starts following its boxes' widths now (not during the load measured above).
      await tab.evaluate(() => window.BENCH_RESIZE?.());
      await tab.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      // Control first (same frames, no width change), then the resizes; counters around each.
      const loop = { iterations: resize, spec: page.resize, timeWasm: ours || page.id === 'compare' };
      await startTrace(browser, tab);
      const m0 = await metricsOf(cdp);
      await tab.evaluate(resizeLoop, { ...loop, control: true });
      const m1 = await metricsOf(cdp);
      const t1 = await stopTrace(browser, { thread: threadTime.thread });
      await startTrace(browser, tab);
      const m1b = await metricsOf(cdp);
      const r = await tab.evaluate(resizeLoop, { ...loop, control: false });
      const m2 = await metricsOf(cdp);
      const t2 = await stopTrace(browser, { thread: threadTime.thread });
      const redraws = resize * r.charts;
      const delta = (key) => ((m2[key] - m1b[key]) - (m1[key] - m0[key])) * 1000;
      Object.assign(result, {
        resizeCpuMsPerChart: t1.cpuMs !== null && t2.cpuMs !== null ? (t2.cpuMs - t1.cpuMs) / redraws : null,
        resizeTaskMsPerChart: delta('TaskDuration') / redraws,
        resizeScriptMsPerChart: delta('ScriptDuration') / redraws,
        resizeWasmDrawMsPerChart: r.timed ? r.wasmDrawMs / r.timed : null,
        resizeRedraws: r.draws,
      });
      if (r.draws !== redraws) problems.push(`resize: ${r.draws} redraws, expected ${redraws}`);
    }
    return result;
  } finally {
    if (tracingOn) {
      tracingOn = false;
      await browser.stopTracing().catch(() => {});
    }
    await context.close();
  }
}

/**
 * Main-thread self time by DevTools timeline event on thread `key` ("pid:tid"), in thread
 * CPU time (tts/tdur, wall time where an event has none), and the style/layout work
 * forced from inside script (a read of layout after a write: clientWidth or
 * getComputedStyle after a style change).
 */
function breakdownOf(events, key) {
  const spans = [];
  const open = [];
  for (const e of events) {
    if (`${e.pid}:${e.tid}` !== key) continue;
    if (e.ph === 'X' && e.dur !== undefined) spans.push({ name: e.name, ts: e.ts, end: e.ts + e.dur, cpu: e.tdur ?? e.dur });
    else if (e.ph === 'B') open.push(e);
    else if (e.ph === 'E') {
      const b = open.pop();
      if (b) spans.push({ name: b.name, ts: b.ts, end: e.ts, cpu: b.tts !== undefined && e.tts !== undefined ? e.tts - b.tts : e.ts - b.ts });
    }
  }
  // Self time: each span's time minus its direct children's (sorted by start, longest first).
  spans.sort((a, b) => a.ts - b.ts || b.end - a.end);
  const SCRIPT = new Set(['FunctionCall', 'EvaluateScript', 'v8.evaluateModule', 'FireAnimationFrame', 'EventDispatch',
    'TimerFire', 'RunMicrotasks', 'v8.callFunction', 'v8.run']);
  const FORCED = new Set(['Layout', 'UpdateLayoutTree']);
  const self = new Map();
  const forced = { count: 0, ms: 0 };
  const stack = [];
  let busyUs = 0;
  for (const s of spans) {
    while (stack.length && stack[stack.length - 1].end <= s.ts) stack.pop();
    const parent = stack[stack.length - 1];
    self.set(s.name, (self.get(s.name) ?? 0) + s.cpu);
    if (parent) self.set(parent.name, (self.get(parent.name) ?? 0) - s.cpu);
    else busyUs += s.cpu;
    if (FORCED.has(s.name) && stack.some((a) => SCRIPT.has(a.name))) {
      forced.count += 1;
      forced.ms += s.cpu / 1000;
    }
    stack.push(s);
  }
  const byEvent = [...self.entries()].map(([name, us]) => ({ name, ms: us / 1000 })).filter((x) => x.ms >= 0.05)
    .sort((a, b) => b.ms - a.ms);
  return { byEvent, forced, busyMs: busyUs / 1000 };
}

/**
 * One traced load of `page` (navigation to drawn + 1 frame), and then, with `resize`,
 * a traced resize loop: where the main thread's time goes (see breakdownOf).
 */
async function traceBreakdown(browser, baseUrl, page, n, { resize = 0 } = {}) {
  const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute'];
  const context = await contextFor(browser, page);
  try {
    const tab = await context.newPage();
    const cdp = await context.newCDPSession(tab);
    await throttle(cdp);
    // (The page's binding, not waitForFunction: Playwright's utility script, injected at its first
    // evaluation, cost about 8 ms of the load's main thread in these breakdowns until stop 48.)
    const whenPainted = await paintedBinding(cdp);
    await browser.startTracing(tab, { categories: CATEGORIES });
    tracingOn = true;
    await tab.goto(pageUrl(baseUrl, page, n), { waitUntil: 'commit' });
    await whenPainted();
    tracingOn = false;
    const events = JSON.parse((await browser.stopTracing()).toString('utf8')).traceEvents;
    // The page's renderer main thread: the CrRendererMain that parsed the page's HTML.
    const threads = new Map();
    for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, e.args.name);
    const parse = events.find((e) => e.name === 'ParseHTML' && threads.get(`${e.pid}:${e.tid}`) === 'CrRendererMain' &&
      String(e.args?.beginData?.url ?? '').includes(page.path));
    if (!parse) return null;
    const key = `${parse.pid}:${parse.tid}`;
    const out = { load: breakdownOf(events, key), resize: null };
    if (resize > 0) {
      // (Playwright's utility script injected now, outside the resize loop's trace.)
      await tab.evaluate(() => 0);
      await browser.startTracing(tab, { categories: CATEGORIES });
      tracingOn = true;
      const r = await tab.evaluate(resizeLoop, { iterations: resize, control: false, spec: page.resize, timeWasm: true });
      tracingOn = false;
      const b = breakdownOf(JSON.parse((await browser.stopTracing()).toString('utf8')).traceEvents, key);
      const per = resize * r.charts;
      out.resize = {
        redraws: per,
        busyMs: b.busyMs / per,
        forced: { count: b.forced.count / per, ms: b.forced.ms / per },
        byEvent: b.byEvent.map((x) => ({ name: x.name, ms: x.ms / per })),
      };
    }
    return out;
  } finally {
    if (tracingOn) {
      tracingOn = false;
      await browser.stopTracing().catch(() => {});
    }
    await context.close();
  }
}

/** Sampled CPU profile of the main thread, navigation to drawn: self time by file and by function. */
async function cpuProfile(browser, baseUrl, page, n) {
  const context = await contextFor(browser, page);
  try {
    const tab = await context.newPage();
    const cdp = await context.newCDPSession(tab);
    await throttle(cdp);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    const whenPainted = await paintedBinding(cdp);
    await cdp.send('Profiler.start');
    await tab.goto(pageUrl(baseUrl, page, n), { waitUntil: 'commit' });
    await whenPainted();
    const { profile } = await cdp.send('Profiler.stop');
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const selfUs = new Map();
    profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
    const byFile = new Map();
    const byFn = new Map();
    for (const [id, us] of selfUs) {
      const { functionName, url, lineNumber } = byId.get(id).callFrame;
      const file = url ? (url.startsWith('wasm://') ? 'bering_chart_bg.wasm' : basename(new URL(url).pathname)) : (functionName || '(anonymous)');
      if (file === '(idle)') continue;
      byFile.set(file, (byFile.get(file) ?? 0) + us);
      const fn = `${functionName || '(anonymous)'}${url ? ` (${file}${lineNumber >= 0 && !url.startsWith('wasm://') ? `:${lineNumber + 1}` : ''})` : ''}`;
      byFn.set(fn, (byFn.get(fn) ?? 0) + us);
    }
    const list = (m) => [...m.entries()].map(([name, us]) => ({ name, ms: us / 1000 })).sort((a, b) => b.ms - a.ms);
    return { byFile: list(byFile), byFn: list(byFn).slice(0, 15) };
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
const fmtMs2 = (x) => x.toFixed(2);
const fmtKB = (b) => `${(b / 1024).toFixed(1)} KB`;
const fmtKBn = (b) => (b / 1024).toFixed(1);
const fmtMB = (b) => `${(b / 2 ** 20).toFixed(2)} MB`;
const fmtMBn = (b) => (b / 2 ** 20).toFixed(2);
const fmtRatio = (x) => `${x.toFixed(2)}×`;

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const command = ['node', relative(process.cwd(), fileURLToPath(import.meta.url)) || 'bench/run.mjs', ...process.argv.slice(2)].join(' ');

  const pkgPath = resolve(DIST, 'pkg.json');
  if (!existsSync(resolve(DIST, 'bench.html')) || !existsSync(pkgPath)) fail(`${DIST}/bench.html or pkg.json is missing: run \`make dist\` first`);
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8'));
  if (!pkg.built) fail('dist/pkg.json has no "built" sizes: run `node tools/pkg.mjs` (make dist does)');
  const postOpt = WASM_MODULES.reduce((total, f) => total + statSync(resolve(DIST, f)).size, 0);
  const preOpt = existsSync(PRE_OPT_WASM) ? statSync(PRE_OPT_WASM).size : null;

  const generatedDir = resolve(REPO, 'build', 'bench-generated');
  await snippetPages(generatedDir, opts.ns);
  const mounts = { '/peers/': resolve(REPO, 'bench/peers'), '/generated/': generatedDir };
  for (const [name, dir] of Object.entries(VENDOR)) {
    const path = resolve(REPO, 'node_modules', name, dir);
    if (!existsSync(path)) fail(`node_modules/${name}/${dir} is missing: run \`npm ci\` (make deps does)`);
    mounts[`/vendor/${name}/`] = path;
  }
  let pages = pageList();
  // --compare DIR: the same bench page from another build (an earlier commit's dist/), mounted
  // at /compare/ and run in the same run, both motion modes, to say what a change gained.
  if (opts.compare) {
    if (!existsSync(resolve(opts.compare, 'bench.html'))) fail(`--compare ${opts.compare}: no bench.html there`);
    mounts['/compare/'] = opts.compare;
    const at = pages.findIndex((p) => p.id === 'ours-reduced') + 1;
    pages.splice(at, 0,
      { id: 'compare', label: `the build in ${relative(REPO, opts.compare) || opts.compare}, motion allowed`, path: '/compare/bench.html', motion: 'allowed', resize: pages.find((p) => p.id === 'ours').resize },
      { id: 'compare-reduced', label: `the build in ${relative(REPO, opts.compare) || opts.compare}, reduced motion`, path: '/compare/bench.html', motion: 'reduce' });
  }
  if (opts.pages) {
    const unknown = opts.pages.filter((id) => !pages.some((p) => p.id === id));
    if (unknown.length) fail(`--pages: unknown page ${unknown.join(', ')} (known: ${pages.map((p) => p.id).join(', ')})`);
    pages = pages.filter((p) => opts.pages.includes(p.id) || p.id.startsWith('compare'));
  } else {
    pages = pages.filter((p) => !p.optIn);
  }
  const ours = pages.find((p) => p.id === 'ours');

  const t0 = Date.now();
  const loadBefore = os.loadavg()[0];
  const srv = await startServer({ root: DIST, port: 0, host: '127.0.0.1', gzip: true, mounts });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const results = {}; // results[pageId][n] = [run, ...]
  let info;
  const extra = { trace: {}, profile: {} };
  try {
    if (opts.shots) {
      mkdirSync(opts.shots, { recursive: true });
      for (const page of pages) {
        const context = await contextFor(browser, page, 1);
        const tab = await context.newPage();
        await tab.goto(pageUrl(srv.url, page, 1));
        await tab.waitForFunction(() => typeof window.__drawn === 'number', null, DRAWN_WAIT);
        await tab.screenshot({ path: resolve(opts.shots, `${page.id}.png`), fullPage: true });
        await context.close();
      }
      process.stderr.write(`bench: screenshots in ${relative(process.cwd(), opts.shots) || '.'}\n`);
    }
    // One discarded warm-up load per page (OS file cache, browser process start-up).
    for (const page of pages) await measure(browser, srv.url, page, opts.ns[0]);
    for (const page of pages) results[page.id] = {};
    for (const n of opts.ns) {
      for (const page of pages) results[page.id][n] = [];
      for (let i = 0; i < opts.runs; i++) {
        // Interleave the pages, rotating the order each run, so drift on the machine
        // spreads over all of them.
        const order = pages.map((_, k) => pages[(k + i) % pages.length]);
        for (const page of order) {
          const r = await measure(browser, srv.url, page, n, { resize: page.resize ? opts.resize : 0 });
          results[page.id][n].push(r);
          process.stderr.write(`${page.id} n=${n} run ${i + 1}/${opts.runs}: drawn ${fmtMs(r.drawnMs)} ms, task ${fmtMs(r.taskMs)} ms, ` +
            `heap ${fmtMB(r.heapBytes)}, wire ${fmtInt(r.wireBytes)} B${r.errors ? `, ${r.errors} errored charts` : ''}` +
            `${r.resizeTaskMsPerChart !== undefined ? `, resize ${fmtMs2(r.resizeTaskMsPerChart)} ms/chart` : ''}\n`);
          for (const p of new Set(r.problems)) process.stderr.write(`  ${p}\n`);
        }
      }
    }
    if (ours && opts.profile) {
      for (const n of opts.ns) {
        extra.trace[n] = await traceBreakdown(browser, srv.url, ours, n, { resize: opts.resize });
        extra.profile[n] = await cpuProfile(browser, srv.url, ours, n);
      }
    }
    info = machine(browser.version());
    info.load = `1-min load average ${loadBefore.toFixed(2)} before, ${os.loadavg()[0].toFixed(2)} after the runs`;
  } finally {
    await browser.close();
    await srv.close();
  }
  const elapsed = (Date.now() - t0) / 1000;

  const cols = opts.ns;
  const values = (id, n, key) => (results[id]?.[n] ?? []).map((r) => r[key]).filter((x) => typeof x === 'number' && Number.isFinite(x));
  const med = (id, n, key) => { const xs = values(id, n, key); return xs.length ? median(xs) : null; };
  const cell = (id, n, key, fmt) => {
    const xs = values(id, n, key);
    if (!xs.length) return 'n/a';
    const lo = Math.min(...xs), hi = Math.max(...xs);
    return lo === hi ? fmt(median(xs)) : `${fmt(median(xs))} (${fmt(lo)}–${fmt(hi)})`;
  };
  const pairs = (n) => `${n} pair${n === 1 ? '' : 's'}`;

  // Comparison table: one row per page, medians.
  const n0 = cols[0];
  const cmpCols = [
    { head: 'gzip KB loaded', key: 'wireBytes', ns: [n0], fmt: fmtKBn },
    { head: 'KB decoded', key: 'decodedBytes', ns: [n0], fmt: fmtKBn },
    { head: 'requests', key: 'requests', ns: [n0], fmt: fmtInt },
    ...cols.map((n) => ({ head: `main-thread CPU ms to final chart (TaskDuration), ${pairs(n)}`, key: 'taskMs', ns: [n], fmt: fmtMs })),
    ...cols.map((n) => ({ head: `main-thread thread-CPU ms to final chart, ${pairs(n)}`, key: 'cpuMs', ns: [n], fmt: fmtMs })),
    ...cols.map((n) => ({ head: `JS heap after GC MB, ${pairs(n)}`, key: 'heapBytes', ns: [n], fmt: fmtMBn })),
    ...cols.map((n) => ({ head: `ms to first visible chart, ${pairs(n)}`, key: 'firstVisibleMs', ns: [n], fmt: fmtMs })),
    ...cols.map((n) => ({ head: `ms to final chart, ${pairs(n)}`, key: 'drawnMs', ns: [n], fmt: fmtMs })),
  ];
  const cmpRows = pages.map((p) => `| ${p.label} | ${cmpCols.map((c) => {
    const v = med(p.id, c.ns[0], c.key);
    return v === null ? 'n/a' : c.fmt(v);
  }).join(' | ')} |`);
  const ratioRow = (oursId, otherId, name) => {
    if (!results[oursId] || !results[otherId]) return null;
    return `| **${name}** | ${cmpCols.map((c) => {
      const a = med(oursId, c.ns[0], c.key), b = med(otherId, c.ns[0], c.key);
      return a === null || !b ? 'n/a' : `**${fmtRatio(a / b)}**`;
    }).join(' | ')} |`;
  };
  const comparison = [
    `| page (median of ${opts.runs}) | ${cmpCols.map((c) => c.head).join(' | ')} |`,
    `|---|${cmpCols.map(() => '---:').join('|')}|`,
    ...cmpRows,
    ratioRow('ours', 'uplot', 'ours/uPlot, motion allowed'),
    ratioRow('ours-reduced', 'uplot', 'ours/uPlot, reduced motion'),
    ratioRow('ours-snippet', 'uplot', 'ours (snippet with image)/uPlot, motion allowed'),
    ratioRow('ours', 'chartjs-animated', 'ours/Chart.js, both animated'),
    ratioRow('ours-reduced', 'chartjs', 'ours reduced/Chart.js off'),
    ratioRow('compare', 'uplot', 'the compared build/uPlot, motion allowed'),
    ratioRow('compare-reduced', 'uplot', 'the compared build/uPlot, reduced motion'),
    ratioRow('ours', 'compare', 'ours/the compared build, motion allowed'),
    ratioRow('ours-reduced', 'compare-reduced', 'ours/the compared build, reduced motion'),
  ].filter(Boolean).join('\n');

  // Redraw on resize, on every page that can: the same loop, per chart.
  const resizePages = pages.filter((p) => p.resize && results[p.id]);
  const resizeCols = opts.resize > 0 ? [
    ...cols.map((n) => ({ head: `thread-CPU ms per chart, ${pairs(n)}`, key: 'resizeCpuMsPerChart', n })),
    ...cols.map((n) => ({ head: `TaskDuration ms per chart, ${pairs(n)}`, key: 'resizeTaskMsPerChart', n })),
    ...cols.map((n) => ({ head: `script ms per chart, ${pairs(n)}`, key: 'resizeScriptMsPerChart', n })),
  ] : [];
  const resizeTable = resizeCols.length && resizePages.length ? [
    `| page (median of ${opts.runs}) | ${resizeCols.map((c) => c.head).join(' | ')} |`,
    `|---|${resizeCols.map(() => '---:').join('|')}|`,
    ...resizePages.map((p) => `| ${p.label} | ${resizeCols.map((c) => { const v = med(p.id, c.n, c.key); return v === null ? 'n/a' : fmtMs2(v); }).join(' | ')} |`),
    ...[['ours', 'uplot', 'ours/uPlot'], ['compare', 'uplot', 'the compared build/uPlot'], ['ours', 'compare', 'ours/the compared build']]
      .filter(([a, b]) => results[a] && results[b]).map(([a, b, name]) => `| **${name}** | ${resizeCols.map((c) => {
        const x = med(a, c.n, c.key), y = med(b, c.n, c.key);
        return x === null || !y ? 'n/a' : `**${fmtRatio(x / y)}**`;
      }).join(' | ')} |`),
  ].join('\n') : '';

  // Spread, script and style/layout time of every page.
  const medCell = (id, n, key, fmt) => { const v = med(id, n, key); return v === null ? 'n/a' : fmt(v); };
  const spreadCols = [
    ...cols.map((n) => ({ head: `TaskDuration ms, ${pairs(n)} (min–max)`, f: (id) => cell(id, n, 'taskMs', fmtMs) })),
    ...cols.map((n) => ({ head: `thread-CPU ms, ${pairs(n)} (min–max)`, f: (id) => cell(id, n, 'cpuMs', fmtMs) })),
    ...cols.map((n) => ({ head: `script ms, ${pairs(n)}`, f: (id) => medCell(id, n, 'scriptMs', fmtMs) })),
    ...cols.map((n) => ({ head: `style+layout ms (layouts), ${pairs(n)}`, f: (id) => `${medCell(id, n, 'layoutMs', fmtMs)} (${medCell(id, n, 'layouts', fmtInt)})` })),
    ...cols.map((n) => ({ head: `DOM nodes, ${pairs(n)}`, f: (id) => medCell(id, n, 'nodes', fmtInt) })),
  ];
  const spread = [
    `| page | ${spreadCols.map((c) => c.head).join(' | ')} |`,
    `|---|${spreadCols.map(() => '---:').join('|')}|`,
    ...pages.map((p) => `| ${p.label} | ${spreadCols.map((c) => c.f(p.id)).join(' | ')} |`),
  ].join('\n');

  // What each page loads (first run of the first n).
  const loads = pages.map((p) => {
    const r = results[p.id][n0][0];
    const files = r.files.map((f) => `\`${f.path}\` ${fmtInt(f.encoded)}`).join(', ');
    return `- ${p.label}: ${fmtInt(r.wireBytes)} B on the wire, ${r.requests} requests: ${files}`;
  }).join('\n');

  // Our page in detail (the original table), and the ours-only measurements.
  let oursDetail = '';
  if (results.ours) {
    const row = (label, key, fmt) => `| ${label} | ${cols.map((n) => cell('ours', n, key, fmt)).join(' | ')} |`;
    oursDetail = [
      `| metric (median of ${opts.runs}, min–max) | ${cols.map((n) => `n=${n} (${2 * n} charts)`).join(' | ')} |`,
      `|---|${cols.map(() => '---:').join('|')}|`,
      row('navigation start → `window.__drawn` (ms)', 'drawnMs', fmtMs),
      row('navigation start → bench.js start (ms)', 'benchStartMs', fmtMs),
      row('main-thread TaskDuration, navigation → drawn (ms)', 'taskMs', fmtMs),
      row('main-thread ScriptDuration, navigation → drawn (ms)', 'scriptMs', fmtMs),
      row('main-thread thread CPU time, navigation → drawn (ms, trace `tdur`)', 'cpuMs', fmtMs),
      row('JS heap used after GC', 'heapBytes', fmtMB),
      row('wasm linear memory (not in the JS heap)', 'wasmMemoryBytes', fmtMB),
      row('bytes on the wire (gzip, incl. headers)', 'wireBytes', fmtInt),
      row('bytes decoded (response bodies)', 'decodedBytes', fmtInt),
      row('requests', 'requests', fmtInt),
      row('wasm fetches', 'wasmFetches', fmtInt),
      row('charts in error', 'errors', fmtInt),
      row('wasm: request start (ms from navigation)', 'wasmRequestAtMs', fmtMs),
      row('wasm: fetch, request → last byte (ms)', 'wasmFetchMs', fmtMs),
      row('wasm: `compileStreaming` call → resolved (ms, overlaps the fetch)', 'compileMs', fmtMs),
      row('wasm: compiling left after the last byte (ms)', 'compileAfterBytesMs', fmtMs),
      row('wasm: `WebAssembly.instantiate` (ms)', 'instantiateMs', fmtMs),
      row('wasm last byte → first `bering-chart:draw` (ms)', 'wasmToFirstDrawMs', fmtMs),
      row('first `bering-chart:draw` (ms from navigation)', 'firstDrawAtMs', fmtMs),
      ...(opts.resize > 0 ? [
        row(`redraw on resize: main-thread TaskDuration per chart (ms), ${opts.resize} resizes`, 'resizeTaskMsPerChart', fmtMs2),
        row('redraw on resize: main-thread thread CPU per chart (ms)', 'resizeCpuMsPerChart', fmtMs2),
        row('redraw on resize: of which script per chart (ms)', 'resizeScriptMsPerChart', fmtMs2),
        row('redraw on resize: the wasm draw call per chart (ms)', 'resizeWasmDrawMsPerChart', fmtMs2),
      ] : []),
    ].join('\n');
    const shimMeasures = results.ours[n0][0].shimMeasures ?? [];
    if (shimMeasures.length) oursDetail += `\n\nperformance.measure entries on our page: ${shimMeasures.map((m) => `${m.name} ${fmtMs(m.duration)} ms`).join(', ')}.`;
  }

  const profileText = [];
  if (results.ours && opts.profile) {
    for (const n of cols) {
      const tr = extra.trace[n];
      const pr = extra.profile[n];
      profileText.push(`**${pairs(n)}** (one traced and one profiled extra load, not in the medians; tracing and sampling add overhead):`);
      profileText.push('');
      if (tr) {
        const { load, resize } = tr;
        profileText.push(`- Load, main-thread self time (thread CPU) by trace event, navigation → drawn + 1 frame, ${fmtMs(load.busyMs)} ms busy: ` +
          load.byEvent.slice(0, 12).map((x) => `${x.name} ${fmtMs(x.ms)}`).join(', ') + '.');
        profileText.push(`- Load, style/layout forced from inside script: ${load.forced.count} times, ${fmtMs(load.forced.ms)} ms.`);
        if (resize) {
          profileText.push(`- Resize (${resize.redraws} redraws, no control subtracted), per chart: ${fmtMs2(resize.busyMs)} ms busy: ` +
            resize.byEvent.slice(0, 10).map((x) => `${x.name} ${fmtMs2(x.ms)}`).join(', ') +
            `; forced style/layout ${resize.forced.count.toFixed(1)} times, ${fmtMs2(resize.forced.ms)} ms.`);
        }
      }
      if (pr) {
        profileText.push(`- Load, JS/wasm self time by file (sampled; \`(program)\` is the browser's own work): ${pr.byFile.slice(0, 10).map((x) => `${x.name} ${fmtMs(x.ms)}`).join(', ')}.`);
        profileText.push(`- Load, top functions by self time (a canvas call's own cost shows in the glue's \`__wbg_*\` wrapper that makes it): ${pr.byFn.slice(0, 10).map((x) => `${x.name} ${fmtMs(x.ms)}`).join('; ')}.`);
      }
      profileText.push('');
    }
  }

  const b = pkg.built;
  // Brotli at its highest quality (tools/pkg.mjs), as a CDN that pre-compresses would serve the files.
  const totalRow = (name, total) => `| **${name}** | ${fmtInt(total.bytes)} | ${fmtInt(total.gzip)} (${fmtKB(total.gzip)}) | ${fmtInt(total.brotli)} (${fmtKB(total.brotli)}) |`;
  const sizes = [
    '| file | bytes | gzip -9 | brotli -11 |',
    '|---|---:|---:|---:|',
    ...Object.entries(EMBED).map(([what, f]) => `| ${what}: \`${f}\` | ${fmtInt(b[f].bytes)} | ${fmtInt(b[f].gzip)} | ${fmtInt(b[f].brotli)} |`),
    totalRow('critical path: before the first live drawing of a default chart (the shim and the primary wasm)', pkg.criticalPath),
    totalRow('embed total on a page of default charts (the shim, the primary and "more")', pkg.embedTotal),
    totalRow('in pounds, before the first drawing (the shim, the primary and "model"; another language adds its pack)', pkg.modelCriticalPath),
    totalRow('with custom data, before the first drawing (the shim, the primary and "input")', pkg.customCriticalPath),
    totalRow('all the embed\'s files (the shim, its "more" script and the four modules)', pkg.allFiles),
    `| wasm before wasm-opt and the split (\`build/bering_chart_bg.wasm\`) | ${preOpt === null ? 'n/a (no build/ copy)' : fmtInt(preOpt)} | | |`,
    `| wasm after wasm-opt, split (${WASM_MODULES.map((f) => `\`dist/${f}\``).join(' + ')}) | ${fmtInt(postOpt)} | | |`,
    ...(preOpt === null ? [] : [`| wasm-opt saving | ${fmtInt(preOpt - postOpt)} (${((1 - postOpt / preOpt) * 100).toFixed(1)}%) | | |`]),
  ].join('\n');

  const errored = pages.some((p) => cols.some((n) => results[p.id][n].some((r) => r.errors)));
  const distNote = DIST === resolve(REPO, 'dist') ? '`dist/`' : `\`${DIST}\` (a copy of \`dist/\`)`;
  const md = `<!-- bench/RESULTS.md: written by bench/run.mjs (make bench); do not edit by hand. -->
# bering-chart benchmark results

Command: \`${command}\` (\`make bench\` runs \`node bench/run.mjs\` after \`make dist\`); ${fmtInt(elapsed)} s.
${opts.quick || opts.runs < 7 ? `\n**A quick check: ${opts.runs} run(s) per page, not the 7 of a full run.**\n` : ''}
Machine: ${info.nproc} CPUs (\`nproc\`), ${info.cpuModel}, ${info.memGiB} GiB RAM, ${info.os};
${info.chromium}; playwright-core ${version('playwright-core')}, Node ${info.node}. Date: ${info.date}.
${info.load} (other work on the machine widens the min–max).

Pages: our \`bench.html\` from ${distNote} and \`bench/peers/*.html\` (the same two charts with each
library, bundles served from \`node_modules\`), served by \`tools/serve.mjs\` with gzip on 127.0.0.1;
viewport ${VIEWPORT.width}×${VIEWPORT.height}, deviceScaleFactor ${DSF}, 640 px chart boxes, light theme;
a fresh browser context (cold cache) per run, after one discarded warm-up load per page; pages
interleaved run by run. Motion is allowed (the reader's default) for every page but "ours, reduced
motion" (\`prefers-reduced-motion: reduce\`: our widget then skips its 400 ms grow-in); our bars grow in
only where no static image was shown first. Each peer runs with its own defaults: uPlot has no
animation; Chart.js is run with its default 1 s animation and with animation off. "First visible" is
a page's first drawing (ours: the first frame of the grow-in; the snippet page: its static image's
paint, from LCP or, as Chrome's LCP skips a gzipped SVG chart as low-entropy, from \`bench.js\`: the
frame after the image arrived); "final chart" its last frame (ours:
\`bering-chart:ready\`, after the grow-in; Chart.js animated: its animations' \`onComplete\`).
${CPU_SLOWDOWN > 1 ? `**CPU slowed ${CPU_SLOWDOWN}× (CDP \`Emulation.setCPUThrottlingRate\`), about a mid-range phone at 4×.**\n` : ''}${NETWORK ? `**Network emulated: ${NETWORK} (${NETWORKS[NETWORK].latency} ms round trip, ${(NETWORKS[NETWORK].downloadThroughput * 8) / 1000} kbit/s down; CDP \`Network.emulateNetworkConditions\`).**\n` : ''}
CPU is the renderer main thread's, from navigation to drawn plus the frame that paints it: CDP
\`TaskDuration\` (wall time of its tasks, so it grows when the machine is loaded and the thread is
descheduled) and thread CPU time (the \`tdur\` of its top-level tasks in a \`toplevel\` trace of
the same load, which holds up better under load).

## Peers

${comparison}
${errored ? '\n**Warning: some charts ended in error; the timings above are not meaningful.**\n' : ''}
Ratios are of medians; below 1× ours is lighter or faster. What is measured, how, and the
caveats: \`bench/README.md\`.
${resizeTable ? `
Redraw on resize, per chart (each chart's box alternates 600/640 px ${opts.resize} times, one change per
frame, minus a control loop with no change; see "Ours in detail"; uPlot follows its box with one
ResizeObserver and \`setSize\`, as a responsive embed would):

${resizeTable}
` : ''}
${spread}

What each page loads (${pairs(n0)}; bytes on the wire, gzip bodies + headers):

${loads}
${results.ours ? `
## Ours in detail

${oursDetail}

Redraw on resize: after drawn, each chart's 640 px box alternates 600/640 px ${opts.resize} times, one
change per animation frame, waiting each time for every chart's \`bering-chart:draw\`; the same loop
with no width change is run first as a control. CPU per chart = (TaskDuration, or thread CPU time, of
the resize loop − that of the control loop) / (${opts.resize} × charts): ResizeObserver, style, layout, the shim's
JS, the wasm draw, the compositor commit and the rest of the frame. The wasm draw call is timed around its
synchronous call (performance.now(), coarsened to 0.1 ms with jitter in a non-isolated page, so
only its mean over many calls means anything).
${profileText.length ? `
## Where our main-thread time goes

${profileText.join('\n')}` : ''}` : ''}
## Built sizes

From \`pkg.json\`; gzip level 9, so the wire bytes above (gzipped at the server's default level,
plus HTTP headers) differ slightly:

${sizes}
`;
  writeFileSync(opts.out, md);
  // --raw FILE: every load's numbers in run order (results[page][n][run]), for looking at the noise.
  if (opts.raw) writeFileSync(opts.raw, JSON.stringify({ date: info.date, load: info.load, runs: opts.runs, results }, null, 1));
  console.log(md);
  console.log(`bench: wrote ${relative(process.cwd(), opts.out)} in ${fmtInt(elapsed)} s`);
}

main().catch((e) => {
  console.error(`bench: ${e.stack ?? e}`);
  process.exit(1);
});
