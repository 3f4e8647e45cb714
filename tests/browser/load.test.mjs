// Load (issue 5): 100 widgets on one page (the wasm fetched and compiled once,
// widgets near the viewport set up first, those far below only when scrolled
// near, then all ready); a resize storm (one container's width changed 50 times
// a second for 5 s: at most one draw per animation frame, no "ResizeObserver
// loop" error); 1,000 render/update/destroy cycles through the programmatic API
// (JS heap and wasm memory back within 10% after a warm-up, no canvas, listener
// or shadow content left); declarative widgets added to and removed from the
// page (nothing kept for the detached elements). And what a load costs the main
// thread (issue 15): a two-chart page's drawing canvas emptied once its bitmaps are
// made (its pixels would push V8 towards a major GC in the grow-in), and the shim's
// functions compiled off the main thread (V8's compile hint); on a long page, the charts far
// off screen not painted until near the viewport, shown at once after a jump, nothing moving,
// every one printed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { setup, openPage, settled, assertClean, DIST, generated, testPage, COLOURS } from './browser.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

function page(body, shim) {
  return testPage(body, { title: 'load test', shim });
}


/** Counts WebAssembly compilations, keeps the instance's memory, records window errors. */
function instrument(context) {
  return context.addInitScript(() => {
    const T = window.__beringTest;
    T.compiles = 0;
    T.windowErrors = [];
    addEventListener('error', (e) => T.windowErrors.push(String(e.message)));
    const W = WebAssembly;
    const wrap = (name, isCompile) => {
      const original = W[name];
      W[name] = function (...args) {
        if (isCompile(args[0])) T.compiles += 1;
        const result = original.apply(this, args);
        Promise.resolve(result).then((r) => {
          const instance = r instanceof W.Instance ? r : r?.instance;
          const memory = instance && Object.values(instance.exports).find((v) => v instanceof W.Memory);
          if (memory) T.memory = memory;
        }, () => {});
        return result;
      };
    };
    wrap('compile', () => true);
    wrap('compileStreaming', () => true);
    wrap('instantiate', (source) => !(source instanceof W.Module));
    wrap('instantiateStreaming', () => true);
  });
}

const CHARTS = ['length', 'cost', 'context'];

test('100 widgets: compiled once, lazy below the fold, all ready once scrolled', async () => {
  // The generated snippet: the element with its static <img>, which reserves the chart's height.
  const index = JSON.parse(readFileSync(path.join(DIST, 'fallback', 'index.json'), 'utf8'));
  const body = Array.from({ length: 100 }, (_, i) => {
    const chart = CHARTS[i % 3];
    const km = i % 2 === 1 && chart !== 'cost';
    const file = `${chart}${km ? '-km' : ''}.svg`;
    const { width, height } = index[file];
    return `<div style="width:640px"><div id="w${i}" data-bering-chart="${chart}"${km ? ' data-units="km"' : ''}>`
      + `<img src="/fallback/${file}" width="${width}" height="${height}" alt="" style="width:100%;height:auto;display:block"></div></div>`;
  }).join('\n');
  const wasmRequests = [];
  const p = await openPage(env, '/tests/generated/hundred.html', {
    waitForSettled: false,
    prepare: async (context) => {
      await generated(context, 'hundred', page(body));
      await instrument(context);
      context.on('request', (r) => { if (r.url().endsWith('/bering_chart_bg.wasm')) wasmRequests.push(r.url()); });
    },
  });
  try {
    const near = () => p.page.evaluate(() => [...document.querySelectorAll('[data-bering-chart]')]
      .filter((el) => el.getBoundingClientRect().top < 3 * innerHeight).map((el) => el.id));
    // Those within three screen heights settle, and are ready.
    await p.page.waitForFunction(() => [...document.querySelectorAll('[data-bering-chart]')]
      .filter((el) => el.getBoundingClientRect().top < 3 * innerHeight)
      .every((el) => el.getAttribute('data-bering-state') === 'ready'), null, { timeout: 20_000 });
    await p.page.evaluate(() => window.__beringTest.frames(30));
    const first = await near();
    assert.ok(first.length >= 4, `widgets in the first three screen heights: ${first.length}`);
    const view = await p.page.evaluate(() => [...document.querySelectorAll('[data-bering-chart]')].map((el) => ({
      id: el.id, top: el.getBoundingClientRect().top, state: el.getAttribute('data-bering-state'),
    })));
    for (const w of view.filter((v) => v.top < 3 * 900)) assert.equal(w.state, 'ready', `#${w.id} at ${w.top} px`);
    // The observer's margin is three screen heights beyond the viewport; well past it, nothing is set up.
    const far = view.filter((v) => v.top > 5 * 900);
    assert.ok(far.length >= 50, `at least 50 widgets far below the fold (${far.length})`);
    for (const w of far) assert.equal(w.state, null, `#${w.id} at ${w.top} px has no state until scrolled near`);

    // Scroll down a screen at a time to the bottom; every widget becomes ready.
    for (;;) {
      const done = await p.page.evaluate(() => {
        scrollBy(0, innerHeight);
        return scrollY + innerHeight >= document.documentElement.scrollHeight - 1;
      });
      await p.page.evaluate(() => window.__beringTest.frames(2));
      if (done) break;
    }
    await settled(p, 30_000);
    const states = await p.page.evaluate(() => [...document.querySelectorAll('[data-bering-chart]')].map((el) => el.getAttribute('data-bering-state')));
    assert.equal(states.length, 100);
    assert.deepEqual([...new Set(states)], ['ready'], 'all 100 ready');
    const counts = await p.page.evaluate(() => ({
      compiles: window.__beringTest.compiles,
      ready: window.__beringTest.events.filter((e) => e.type === 'bering-chart:ready').length,
      wasmEntries: performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.wasm')).length,
    }));
    assert.equal(wasmRequests.length, 1, `one request for the module: ${JSON.stringify(wasmRequests)}`);
    assert.equal(counts.wasmEntries, 2, 'each of the two modules fetched once');
    assert.equal(counts.compiles, 2, 'each of the two modules compiled once');
    assert.equal(counts.ready, 100, 'one ready event each');
    assertClean(p);
  } finally {
    await p.close();
  }
});

test('resize storm: at most one draw per frame, no ResizeObserver loop error', async () => {
  const html = page(`
<div id="box" style="width:640px"><div id="storm" data-bering-chart="context"></div></div>
<div style="width:640px"><div id="calm" data-bering-chart="cost"></div></div>`);
  const p = await openPage(env, '/tests/generated/storm.html', {
    prepare: async (context) => { await generated(context, 'storm', html); await instrument(context); },
  });
  try {
    await p.page.evaluate(() => window.__beringTest.frames(40));
    const res = await p.page.evaluate(() => new Promise((resolve) => {
      const T = window.__beringTest;
      const box = document.getElementById('box');
      let frames = 0;
      let running = true;
      const tick = () => { frames += 1; if (running) requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
      // The frame count at each draw of #storm: two draws with the same count shared a frame.
      const drawFrames = [];
      const onDraw = (e) => { if (e.target.id === 'storm') drawFrames.push(frames); };
      document.addEventListener('bering-chart:draw', onDraw);
      const t0 = performance.now();
      let k = 0;
      // 250 changes, one every 20 ms or as fast as a busy machine runs the timer (at most 30 s).
      const end = () => {
        clearInterval(timer);
        clearTimeout(cap);
        running = false;
        const t1 = performance.now();
        const draws = T.events.filter((e) => e.type === 'bering-chart:draw' && e.t >= t0 && e.t <= t1);
        document.removeEventListener('bering-chart:draw', onDraw);
        resolve({
          frames, changes: k, ms: t1 - t0,
          storm: draws.filter((e) => e.id === 'storm').length,
          calm: draws.filter((e) => e.id === 'calm').length,
          widths: [...new Set(draws.filter((e) => e.id === 'storm').map((e) => e.detail.width))].length,
          doubles: drawFrames.length - new Set(drawFrames).size,
          errors: T.windowErrors,
          state: T.state('#storm'),
        });
      };
      const timer = setInterval(() => {
        k += 1;
        box.style.width = `${320 + ((k * 37) % 320)}px`;
        if (k === 250) end();
      }, 20);
      const cap = setTimeout(end, 30_000);
    }));
    assert.equal(res.changes, 250, `the width changed ${res.changes} times in ${Math.round(res.ms)} ms`);
    assert.ok(res.storm > 0 && res.widths > 10, `the chart followed the width (${res.storm} draws, ${res.widths} widths)`);
    assert.ok(res.storm <= res.frames, `draws ${res.storm} <= animation frames ${res.frames}`);
    assert.equal(res.doubles, 0, 'never two draws of one widget in one frame');
    assert.equal(res.calm, 0, 'the other widget was not redrawn');
    assert.equal(res.state, 'ready');
    assert.deepEqual(res.errors.filter((m) => /ResizeObserver/.test(m)), [], 'no ResizeObserver loop error event');
    assert.deepEqual(res.errors, []);
    assert.deepEqual(p.consoleMessages.filter((m) => /ResizeObserver/.test(m)), [], 'no ResizeObserver message in the console');
    assertClean(p);
  } finally {
    await p.close();
  }
});

/** JS heap in use after a full garbage collection (CDP), and the wasm memory size. */
async function memory(p, cdp) {
  await p.page.evaluate(() => { window.__beringTest.events.length = 0; });
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize').value;
  const wasm = await p.page.evaluate(() => window.__beringTest.memory?.buffer.byteLength ?? null);
  return { heap, wasm };
}

/** Event listeners on window, document and an element (CDP DOMDebugger). */
async function listeners(p, cdp, expressions) {
  const out = {};
  for (const expression of expressions) {
    const { result } = await cdp.send('Runtime.evaluate', { expression });
    const { listeners: list } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId });
    out[expression] = list.length;
    await cdp.send('Runtime.releaseObject', { objectId: result.objectId });
  }
  return out;
}

test('1,000 render/update/destroy cycles: memory back within 10%, nothing left behind', async () => {
  const p = await openPage(env, '/tests/generated/cycles.html', {
    waitForSettled: false,
    prepare: async (context) => {
      await generated(context, 'cycles', page('<div id="box" style="width:640px"><div id="host"></div></div>', ''));
      await instrument(context);
    },
  });
  try {
    // No grow-in animation: render() resolves on the first frame.
    await p.page.emulateMedia({ reducedMotion: 'reduce' });
    const cdp = await p.context.newCDPSession(p.page);
    await cdp.send('Performance.enable');
    await p.page.evaluate(async () => {
      const { render } = await import('/embed/bering-chart.js');
      const host = document.getElementById('host');
      const charts = ['length', 'cost', 'context'];
      const themes = ['dark', 'light'];
      window.__beringTest.cycles = async (n) => {
        for (let i = 0; i < n; i++) {
          const handle = await render(host, { chart: charts[i % 3], units: i % 2 ? 'km' : 'mi' });
          handle.update({ theme: themes[i % 2] });
          // Every 10th cycle draws the update before destroying it.
          if (i % 10 === 0) await window.__beringTest.frames(1);
          handle.destroy();
        }
      };
    });
    const ms0 = Date.now();
    // A warm-up of 300 cycles: V8's heap steps up once in the first few hundred (code, inline
    // caches) by up to 10% here, then stays flat (after 1,050, 2,050 and 3,050 cycles: 1,364,
    // 1,368 and 1,374 KiB in a one-off probe at stop 43); from 50 the check was a coin toss at 10%.
    await p.page.evaluate(() => window.__beringTest.cycles(300));
    const before = await memory(p, cdp);
    const listenersBefore = await listeners(p, cdp, ['window', 'document', "document.getElementById('host')"]);
    await p.page.evaluate(() => window.__beringTest.cycles(1000));
    const after = await memory(p, cdp);
    const listenersAfter = await listeners(p, cdp, ['window', 'document', "document.getElementById('host')"]);
    const ms = Date.now() - ms0;
    const left = await p.page.evaluate(() => {
      const host = document.getElementById('host');
      const roots = [...document.querySelectorAll('*')].map((el) => el.shadowRoot).filter(Boolean);
      return {
        canvases: document.querySelectorAll('canvas').length + roots.reduce((n, r) => n + r.querySelectorAll('canvas').length, 0),
        shadowChildren: [...(host.shadowRoot?.childNodes ?? [])].map((node) => node.nodeName),
        state: host.getAttribute('data-bering-state'),
        errors: window.__beringTest.windowErrors,
      };
    });
    const growth = (after.heap - before.heap) / before.heap;
    console.log(`# cycles: ${ms} ms; JS heap ${Math.round(before.heap / 1024)} -> ${Math.round(after.heap / 1024)} KiB (${(growth * 100).toFixed(1)}%); `
      + `wasm memory ${before.wasm} -> ${after.wasm} bytes; listeners ${JSON.stringify(listenersBefore)} -> ${JSON.stringify(listenersAfter)}`);
    assert.ok(Math.abs(growth) <= 0.10, `JS heap ${before.heap} -> ${after.heap} bytes (${(growth * 100).toFixed(1)}%)`);
    assert.ok(before.wasm > 0, 'the wasm memory was found (WebAssembly.Memory export of the instance)');
    assert.ok(after.wasm <= before.wasm * 1.10, `wasm memory ${before.wasm} -> ${after.wasm} bytes`);
    assert.deepEqual(listenersAfter, listenersBefore, 'no listener left on window, document or the element');
    assert.equal(left.canvases, 0, 'no canvas left in the document or any shadow root');
    assert.deepEqual(left.shadowChildren, ['SLOT'], 'no shadow content after destroy but the slot that shows the element\'s own children');
    assert.equal(left.state, null, 'no state after destroy');
    assert.deepEqual(left.errors, []);
    assertClean(p);
  } finally {
    await p.close();
  }
});

test('declarative widgets added and removed 200 times: nothing kept for the detached elements', async () => {
  const p = await openPage(env, '/tests/generated/churn.html', {
    waitForSettled: false,
    prepare: async (context) => {
      await generated(context, 'churn', page('<div id="box" style="width:640px"></div>'));
      await instrument(context);
    },
  });
  try {
    await p.page.emulateMedia({ reducedMotion: 'reduce' });
    const cdp = await p.context.newCDPSession(p.page);
    await cdp.send('Performance.enable');
    await p.page.evaluate(() => {
      const charts = ['length', 'cost', 'context'];
      window.__beringTest.churn = async (n) => {
        for (let i = 0; i < n; i++) {
          const el = document.createElement('div');
          el.setAttribute('data-bering-chart', charts[i % 3]);
          const ready = new Promise((resolve) => el.addEventListener('bering-chart:ready', resolve, { once: true }));
          document.getElementById('box').append(el);
          await ready;
          el.remove(); // an article swapped out by a single-page app
        }
      };
    });
    await p.page.evaluate(() => window.__beringTest.churn(20));
    const before = await memory(p, cdp);
    await p.page.evaluate(() => window.__beringTest.churn(200));
    const after = await memory(p, cdp);
    const growth = (after.heap - before.heap) / before.heap;
    console.log(`# churn: JS heap ${Math.round(before.heap / 1024)} -> ${Math.round(after.heap / 1024)} KiB (${(growth * 100).toFixed(1)}%); wasm memory ${before.wasm} -> ${after.wasm} bytes`);
    assert.ok(Math.abs(growth) <= 0.10, `JS heap ${before.heap} -> ${after.heap} bytes (${(growth * 100).toFixed(1)}%)`);
    assert.ok(after.wasm <= before.wasm * 1.10, `wasm memory ${before.wasm} -> ${after.wasm} bytes`);
    assertClean(p);
  } finally {
    await p.close();
  }
});

/**
 * One cold load of the bench page (two charts, DPR 2, motion allowed) in a fresh context
 * that `prepare` may set up (init scripts, routes), traced in `categories` (none: not
 * traced); resolves with the trace's events of the page's renderer (or null) and `readout`,
 * what `read` returns in the page once it is drawn. The trace is the whole browser's, and
 * another renderer, with 993 compilations of its own, has turned up in it: only the events
 * of the renderer that loaded the shim are kept.
 */
async function tracedBenchLoad(categories, { prepare = async () => {}, read = () => null } = {}) {
  const context = await env.browser.newContext({ deviceScaleFactor: 2, viewport: { width: 1280, height: 900 } });
  try {
    await prepare(context);
    const tab = await context.newPage();
    if (categories.length) await env.browser.startTracing(tab, { categories });
    await tab.goto(`${env.url}/bench.html?n=1`);
    await tab.waitForFunction(() => window.__drawn !== undefined, null, { timeout: 15000 });
    const readout = await tab.evaluate(read);
    if (!categories.length) return { events: null, readout };
    const all = JSON.parse((await env.browser.stopTracing()).toString()).traceEvents;
    const rendererPids = new Set(all.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args.name === 'CrRendererMain').map((e) => e.pid));
    const renderers = new Set(all.filter((e) => rendererPids.has(e.pid) && JSON.stringify(e.args ?? {}).includes('/embed/bering-chart.js')).map((e) => e.pid));
    assert.equal(renderers.size, 1, `one renderer loaded the shim (${[...renderers]})`);
    const [renderer] = renderers;
    return { events: all.filter((e) => e.pid === renderer), readout };
  } finally {
    await context.close();
  }
}

test('two charts growing in hold no spare pixels: the drawing canvas is emptied once the batch is shown (DPR 2)', async () => {
  // Each chart's pixels count towards V8's heap (a 640 px band at DPR 2 is about 1.3 MB); with
  // the drawing canvas's pixels kept as well, a page of two charts passed the size at which
  // V8 starts a major GC, during the grow-in: about 2 ms of the main thread (issue 15). So
  // the one canvas Rust paints on is emptied after each batch, once its bitmaps are made.
  // Whether V8 then collects is its own heuristic: one cold load in 40 still started one
  // ("fallback for embedder limit", traced on 2026-12-06), and a test asserting none failed
  // once in a fresh clone's `make test`. So this checks the cause, which is ours.
  const { readout } = await tracedBenchLoad([], {
    prepare: (context) => context.addInitScript(() => {
      window.__canvases = [];
      window.__growIns = [];
      const create = Document.prototype.createElement;
      Document.prototype.createElement = function (...args) {
        const node = create.apply(this, args);
        if (String(args[0]).toLowerCase() === 'canvas') window.__canvases.push(node);
        return node;
      };
      document.addEventListener('bering-chart:draw', (e) => window.__growIns.push(e.detail.growIn));
    }),
    read: () => ({
      states: window.__benchStates,
      growIns: window.__growIns,
      shown: window.__canvases.filter((c) => c.isConnected).map((c) => [c.width, c.height]),
      detached: window.__canvases.filter((c) => !c.isConnected).map((c) => [c.width, c.height]),
    }),
  });
  assert.deepEqual(readout.states, { ready: 2, error: 0, fallback: 0 });
  assert.deepEqual(readout.growIns, [400, 400], 'both charts grew in');
  assert.equal(readout.shown.length, 2, 'one shown canvas per chart');
  for (const [width, height] of readout.shown) assert.ok(width === 1280 && height > 100, `a shown canvas holds its chart at DPR 2 (${width}×${height})`);
  assert.equal(readout.detached.length, 1, 'one drawing canvas for the page');
  const [[width, height]] = readout.detached;
  assert.equal(width * height, 0, `the drawing canvas holds no pixels after the batch (${width}×${height})`);
});

test('the shim is compiled with the script, off the main thread (V8\'s compile hint on its first line)', async () => {
  // `//# allFunctionsCalledOnLoad` has Chrome compile every function of the shim on the thread
  // that streams it; without it, each is compiled on the main thread at its first call
  // (issue 15). Counted against the same shim served without its first line, in one run.
  const shim = readFileSync(path.join(DIST, 'embed', 'bering-chart.js'), 'utf8');
  assert.ok(shim.startsWith('//# allFunctionsCalledOnLoad\n'), 'the hint is the first line of dist/embed/bering-chart.js');
  async function mainThreadCompiles(body) {
    const { events, readout: states } = await tracedBenchLoad(['v8', 'disabled-by-default-v8.compile', 'toplevel'], {
      prepare: (context) => context.route('**/embed/bering-chart.js', (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body })),
      read: () => window.__benchStates,
    });
    assert.deepEqual(states, { ready: 2, error: 0, fallback: 0 });
    const threads = new Map(events.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args.name]));
    return events.filter((e) => e.name === 'V8.CompileCode' && threads.get(`${e.pid}:${e.tid}`) === 'CrRendererMain').length;
  }
  const withHint = await mainThreadCompiles(shim);
  const without = await mainThreadCompiles(shim.slice(shim.indexOf('\n') + 1));
  console.log(`# functions compiled on the main thread: ${withHint} with the hint, ${without} without`);
  assert.ok(withHint < without * 0.6, `${withHint} main-thread compilations with the hint, ${without} without`);
});

/** How many pixels of `png` (a screenshot) are within 3 of `hex` in each channel, counted in the page. */
function pixelsOf(p, png, hex) {
  return p.page.evaluate(async ([data, colour]) => {
    const { data: px } = await window.__beringTest.screenshotPixels(data);
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16));
    let n = 0;
    for (let i = 0; i < px.length; i += 4) {
      if (Math.abs(px[i] - r) <= 3 && Math.abs(px[i + 1] - g) <= 3 && Math.abs(px[i + 2] - b) <= 3) n++;
    }
    return n;
  }, [png.toString('base64'), hex]);
}

test('a long page: charts far off screen are not painted until near the viewport; one jumped to shows whole at once, nothing moves, and all print', async () => {
  // Off screen, each chart's canvas and text lines skip their painting (content-visibility:
  // auto): a page of many charts does not hand every drawing to the compositor at its first
  // frame (issue 15). Their sizes are set, so the page's layout is the same either way.
  const body = Array.from({ length: 24 }, (_, i) => `<div style="width:640px;margin:0 0 16px">`
    + `<div id="w${i}" data-bering-chart="${i % 2 ? 'cost' : 'length'}" data-loading="eager"></div></div>`).join('\n');
  const p = await openPage(env, '/tests/generated/long.html', {
    prepare: async (context) => {
      await generated(context, 'long', page(body));
      await instrument(context);
      // Each shadow root's content-visibility changes, as they happen (the events do not leave it).
      await context.addInitScript(() => {
        const T = window.__beringTest;
        T.skips = [];
        const attach = Element.prototype.attachShadow;
        Element.prototype.attachShadow = function (init) {
          const root = attach.call(this, init);
          root.addEventListener('contentvisibilityautostatechange', (e) => T.skips.push({
            id: this.id, part: e.target.localName === 'canvas' ? 'canvas' : 'lines', skipped: e.skipped,
          }), true);
          return root;
        };
      });
    },
  });
  try {
    await p.page.evaluate(() => window.__beringTest.frames(5));
    const look = () => p.page.evaluate(() => {
      const T = window.__beringTest;
      const skipped = (id, part) => T.skips.filter((s) => s.id === id && s.part === part).at(-1)?.skipped;
      return {
        scrollHeight: document.documentElement.scrollHeight,
        charts: [...document.querySelectorAll('[data-bering-chart]')].map((el) => {
          const rect = el.getBoundingClientRect();
          return {
            id: el.id, top: rect.top + scrollY, height: rect.height, state: el.getAttribute('data-bering-state'),
            canvasSkipped: skipped(el.id, 'canvas'), linesSkipped: skipped(el.id, 'lines'),
            linesShown: el.shadowRoot.querySelector('.bering-line').checkVisibility({ contentVisibilityAuto: true }),
          };
        }),
      };
    });
    const atTop = await look();
    assert.deepEqual([...new Set(atTop.charts.map((c) => c.state))], ['ready'], 'all 24 drawn');
    const [first] = atTop.charts;
    const last = atTop.charts.at(-1);
    assert.ok(last.top > 5 * 900, `the last chart is far below the fold (${last.top} px)`);
    assert.deepEqual([first.canvasSkipped, first.linesSkipped, first.linesShown], [false, false, true], 'the first chart is painted');
    assert.deepEqual([last.canvasSkipped, last.linesSkipped, last.linesShown], [true, true, false], 'the last chart is drawn but not painted');

    // One jump to the last chart (as a link to it would): its bars are on screen at the first screenshot.
    await p.page.evaluate((top) => window.scrollTo(0, top - 10), last.top);
    const shot = await p.page.screenshot({ clip: { x: 0, y: 10, width: 640, height: last.height } });
    const bar = await pixelsOf(p, shot, COLOURS.light.primary);
    assert.ok(bar > 40 * 10, `the last chart's primary bar is painted at once (${bar} px of it)`);
    const atEnd = await look();
    const lastNow = atEnd.charts.at(-1);
    assert.deepEqual([lastNow.canvasSkipped, lastNow.linesSkipped, lastNow.linesShown], [false, false, true], 'the last chart is painted now');
    assert.equal(atEnd.charts[0].canvasSkipped, true, 'and the first, far above, no longer');
    // Nothing moved: every chart where it was, as tall, and the page as long.
    assert.equal(atEnd.scrollHeight, atTop.scrollHeight, 'the page is as long');
    atTop.charts.forEach((c, i) => assert.deepEqual([atEnd.charts[i].top, atEnd.charts[i].height], [c.top, c.height], `#${c.id} did not move`));
    // Printed, every chart is painted, those far off screen too: one image per canvas in the PDF.
    const pdf = (await p.page.pdf({ format: 'A4' })).toString('latin1');
    const images = (pdf.match(/\/Subtype\s*\/Image/g) ?? []).length;
    assert.equal(images, 24, `the printed page holds every chart's canvas (${images} images)`);
    const errors = await p.page.evaluate(() => window.__beringTest.windowErrors);
    assert.deepEqual(errors, [], 'no error events (no ResizeObserver loop)');
    assertClean(p);
  } finally {
    await p.close();
  }
});

test('grow-ins leave no listener behind: the shim holds the same visibilitychange listeners of the document after one chart grew in and after three more did', async () => {
  const p = await openPage(env, '/tests/generated/grown.html', {
    waitForSettled: false,
    prepare: (context) => generated(context, 'grown', page('<div id="box" style="width:640px"></div>')),
  });
  try {
    const cdp = await p.context.newCDPSession(p.page);
    const listeners = async () => {
      const { result } = await cdp.send('Runtime.evaluate', { expression: 'document' });
      const { listeners: all } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId });
      return all.filter((listener) => listener.type === 'visibilitychange').length;
    };
    // Charts added in view one after another (motion allowed: each grows in), each removed once ready.
    const grow = (n) => p.page.evaluate(async (count) => {
      const growIns = [];
      for (let i = 0; i < count; i++) {
        const el = document.createElement('div');
        el.setAttribute('data-bering-chart', 'length');
        el.setAttribute('data-loading', 'eager');
        const drawn = new Promise((resolve) => el.addEventListener('bering-chart:draw', (e) => resolve(e.detail.growIn), { once: true }));
        const ready = new Promise((resolve) => el.addEventListener('bering-chart:ready', resolve, { once: true }));
        document.getElementById('box').append(el);
        growIns.push(await drawn);
        await ready;
        el.remove();
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return growIns;
    }, n);
    assert.deepEqual(await grow(1), [400]);
    const afterOne = await listeners();
    assert.deepEqual(await grow(3), [400, 400, 400], 'each chart grew in');
    assert.equal(await listeners(), afterOne, 'no listener added per grow-in (each kept its chart and element alive)');
    assertClean(p);
  } finally {
    await p.close();
  }
});

test('a browser without URL.canParse, checkVisibility or module preload (Safari 16): charts draw, the source link and the "more" script (table, tooltip) work, a chart with no room falls back; a CSP without blob: scripts turns the "more" parts off, said once', async () => {
  // (The test page's own helpers use checkVisibility: this test reads states and nodes itself.)
  const oldBrowser = () => {
    delete URL.canParse;
    delete Element.prototype.checkVisibility;
    const supports = DOMTokenList.prototype.supports;
    DOMTokenList.prototype.supports = function (token) {
      return token === 'modulepreload' ? false : supports.call(this, token);
    };
  };
  const body = `<div style="width:640px"><div id="c" data-bering-chart="length" data-loading="eager"><script type="application/json">{"title": "Two tunnels", "bars": [{"label": "A", "value": 2}, {"label": "B", "value": 1}], "source": "A study", "sourceUrl": "https://example.org/study"}</script></div></div>
<div style="width:0"><div id="z" data-bering-chart="cost" data-loading="eager" data-load-timeout="3000"></div></div>`;
  for (const csp of [null, "script-src 'self' 'wasm-unsafe-eval'"]) {
    const p = await openPage(env, '/tests/generated/old-browser.html', {
      waitForSettled: false,
      prepare: async (context) => {
        await generated(context, 'old-browser', page(body), csp ? { 'Content-Security-Policy': csp } : {});
        await context.addInitScript(oldBrowser);
      },
    });
    try {
      await p.page.waitForFunction(() => ['c', 'z'].every((id) => document.getElementById(id).getAttribute('data-bering-state') !== 'loading'
        && document.getElementById(id).hasAttribute('data-bering-state')), null, { timeout: 10_000 });
      const states = await p.page.evaluate(() => ['c', 'z'].map((id) => document.getElementById(id).getAttribute('data-bering-state')));
      assert.deepEqual(states, ['ready', 'fallback'], `${csp ?? 'no CSP'}: the chart drew, the one with no room fell back`);
      const why = await p.page.evaluate(() => window.__beringTest.events.find((e) => e.type === 'bering-chart:error' && e.id === 'z')?.detail?.message);
      assert.match(why ?? '', /no room to draw/, 'for want of room (its timeout is long enough for the module)');
      const source = await p.page.evaluate(() => {
        const link = document.getElementById('c').shadowRoot.querySelector('.bering-source');
        return { hidden: link.hidden, href: link.href };
      });
      assert.equal(source.hidden, false);
      assert.equal(source.href, 'https://example.org/study');
      if (!csp) {
        await p.page.waitForFunction(() => (document.getElementById('c').shadowRoot.querySelector('table')?.rows.length ?? 0) > 0, null, { timeout: 10_000 });
        await p.page.keyboard.press('Tab');
        await p.page.waitForFunction(() => {
          const tip = document.getElementById('c').shadowRoot.querySelector('.bering-tooltip');
          return tip && !tip.hidden && tip.textContent.length > 0;
        }, null, { timeout: 10_000 });
        assert.deepEqual(p.consoleErrors, []);
      } else {
        // The "more" parts load once the chart is ready and the browser idle: wait for their
        // failure to be said (10 s at most), then a few frames for a second saying.
        for (let i = 0; i < 100 && !p.consoleMessages.some((m) => /tooltips and data tables are off/.test(m)); i += 1) await p.page.waitForTimeout(100);
        await p.page.evaluate(() => window.__beringTest.frames(10));
        const off = p.consoleMessages.filter((m) => /tooltips and data tables are off/.test(m));
        assert.equal(off.length, 1, JSON.stringify(p.consoleMessages));
        assert.match(off[0], /bering-chart-more\.js could not run from a blob: URL, as this browser needs/);
        assert.equal(await p.page.evaluate(() => document.getElementById('c').getAttribute('data-bering-state')), 'ready', 'the chart stays');
      }
      assert.deepEqual(p.pageErrors, []);
    } finally {
      await p.close();
    }
  }
});
