// Shared helpers for the browser tests (tests/*.test.mjs, run by
// `node --test --test-concurrency=1 tests/`): launch Debian's Chromium through
// playwright-core, serve dist/ (plus tests/browser/pages/ at /tests/browser/pages/) with
// tools/serve.mjs, open pages with per-page error collection, and read the
// widget's canvas pixels from inside its open shadow root; serve generated pages.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../tools/serve.mjs';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// BERING_DIST overrides the served folder (e.g. to test another build).
export const DIST = path.resolve(REPO, process.env.BERING_DIST ?? 'dist');
export const PAGES = path.join(REPO, 'tests', 'browser', 'pages');

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Exact colours from the shim contract (interfaces.md). */
export const COLOURS = {
  light: { background: '#ffffff', primary: '#0b5cad', other: '#8a8a8a' },
  dark: { background: '#16181d', primary: '#5ea8ff', other: '#8d96a3' },
};

export const SETTLED_STATES = ['ready', 'error', 'fallback'];

/** Start Chromium and the static server. Call env.close() in after(). */
export async function setup() {
  const shim = path.join(DIST, 'embed', 'bering-chart.js');
  if (!existsSync(shim)) throw new Error(`${shim} is missing: run \`make dist\` first`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  let server;
  try {
    server = await startServer({
      root: DIST, port: 0, host: '127.0.0.1', gzip: false,
      mounts: { '/tests/browser/pages/': PAGES },
    });
  } catch (err) {
    await browser.close();
    throw err;
  }
  return {
    browser,
    server,
    url: server.url,
    async close() {
      await browser.close().catch(() => {});
      await server.close();
    },
  };
}

// Runs in every page before its own scripts: records every bering-chart:* event,
// CSP violations and the window's own property names, and provides pixel helpers.
// Everything lives under one name, window.__beringTest, which the globals check ignores.
function initScript() {
  const T = {
    events: [],
    csp: [],
    globalsBefore: Object.getOwnPropertyNames(window),
  };
  Object.defineProperty(window, '__beringTest', { value: T, enumerable: false });
  const idOf = (el) => (el && el.id) || (el && el.getAttribute && el.getAttribute('data-bering-chart')) || '?';
  for (const type of ['bering-chart:ready', 'bering-chart:error', 'bering-chart:draw']) {
    document.addEventListener(type, (e) => {
      let detail = null;
      try { detail = JSON.parse(JSON.stringify(e.detail ?? null)); } catch { detail = String(e.detail); }
      T.events.push({ type, id: idOf(e.target), bubbles: e.bubbles, composed: e.composed, detail, t: performance.now() });
    }, true);
  }
  document.addEventListener('securitypolicyviolation', (e) => {
    T.csp.push(`${e.violatedDirective} ${e.blockedURI}`);
  }, true);

  const hex = (r, g, b) => '#' + [r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('');
  const rgb = (h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
  // "#outer >>> #inner": #inner in #outer's (open) shadow root.
  T.host = (sel) => {
    const el = sel.split(' >>> ').reduce((found, part, i) => (i === 0 ? document : found?.shadowRoot)?.querySelector(part) ?? null, null);
    if (!el) throw new Error(`no element ${sel}`);
    return el;
  };
  T.canvas = (sel) => T.host(sel).shadowRoot?.querySelector('canvas') ?? null;
  T.state = (sel) => T.host(sel).getAttribute('data-bering-state');
  // Settled, and a ready widget's hidden data table built (the shim builds it when the browser is idle).
  T.allSettled = (states) => [...document.querySelectorAll('[data-bering-chart]')]
    .every((el) => states.includes(el.getAttribute('data-bering-state'))
      && (el.getAttribute('data-bering-state') !== 'ready' || (el.shadowRoot?.querySelector('table')?.rows.length ?? 0) > 0));
  T.info = (sel) => {
    const host = T.host(sel);
    const c = T.canvas(sel);
    const r = c?.getBoundingClientRect();
    const msg = host.shadowRoot?.querySelector('.bering-message');
    return {
      state: host.getAttribute('data-bering-state'),
      hostWidth: host.clientWidth,
      hasShadow: !!host.shadowRoot,
      canvases: host.shadowRoot ? host.shadowRoot.querySelectorAll('canvas').length : 0,
      figures: host.shadowRoot ? host.shadowRoot.querySelectorAll('figure.bering').length : 0,
      canvas: c ? {
        width: c.width, height: c.height,
        styleWidth: c.style.width, styleHeight: c.style.height,
        rectWidth: r.width, rectHeight: r.height, rectLeft: r.left, rectRight: r.right,
        role: c.getAttribute('role'), label: c.getAttribute('aria-label'),
      } : null,
      // The whole chart: the canvas holds the bars, the text above and below is page text.
      figureHeight: host.shadowRoot?.querySelector('figure.bering')?.getBoundingClientRect().height ?? null,
      message: msg ? msg.textContent : null,
      messageVisible: msg ? msg.checkVisibility() && msg.textContent.trim() !== '' : false,
    };
  };
  // A copy of the canvas pixels (works whatever context the chart draws with).
  T.pixels = (sel) => {
    const src = T.canvas(sel);
    if (!src) throw new Error(`no canvas in ${sel}`);
    const c = document.createElement('canvas');
    c.width = src.width; c.height = src.height;
    const ctx = c.getContext('2d', { willReadFrequently: true });
    ctx.drawImage(src, 0, 0);
    return ctx.getImageData(0, 0, c.width, c.height);
  };
  // The pixels of a PNG screenshot (base64), or of the rectangle [x, y, w, h] of it.
  T.screenshotPixels = async (base64, [x = 0, y = 0, w, h] = []) => {
    const img = new Image();
    img.src = `data:image/png;base64,${base64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.naturalWidth; c.height = img.naturalHeight;
    const ctx = c.getContext('2d', { willReadFrequently: true });
    ctx.drawImage(img, 0, 0);
    return ctx.getImageData(x, y, w ?? c.width, h ?? c.height);
  };
  // For each colour: the longest horizontal run of pixels within +-tol per channel.
  T.longestRuns = (sel, colours, tol = 2) => {
    const { data, width, height } = T.pixels(sel);
    const targets = colours.map(rgb);
    const best = colours.map(() => ({ run: 0, y: -1, x0: -1 }));
    for (let y = 0; y < height; y++) {
      const cur = colours.map(() => 0);
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 4;
        for (let k = 0; k < targets.length; k++) {
          const [r, g, b] = targets[k];
          if (data[i + 3] === 255 && Math.abs(data[i] - r) <= tol && Math.abs(data[i + 1] - g) <= tol
              && Math.abs(data[i + 2] - b) <= tol) {
            cur[k]++;
            if (cur[k] > best[k].run) best[k] = { run: cur[k], y, x0: x - cur[k] + 1 };
          } else cur[k] = 0;
        }
      }
    }
    return Object.fromEntries(colours.map((c, k) => [c, best[k]]));
  };
  // The most common colour of the canvas (its background).
  T.modeColour = (sel) => {
    const { data } = T.pixels(sel);
    const counts = new Map();
    for (let i = 0; i < data.length; i += 4) {
      const key = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    let top = 0, n = -1;
    for (const [k, v] of counts) if (v > n) { n = v; top = k; }
    return hex(top >> 16, (top >> 8) & 255, top & 255);
  };
  T.draws = (id) => T.events.filter((e) => e.type === 'bering-chart:draw' && e.id === id).length;
  // How a promise (a render()) settles within `ms`: 'resolved', its error's message, or 'pending after <ms> ms'.
  T.settledWithin = (promise, ms) => Promise.race([
    promise.then(() => 'resolved', (error) => error.message),
    new Promise((resolve) => { setTimeout(() => resolve(`pending after ${ms} ms`), ms); }),
  ]);
  T.frames = (n) => new Promise((resolve) => {
    let k = 0;
    const f = () => (++k >= n ? resolve() : requestAnimationFrame(f));
    requestAnimationFrame(f);
  });
  T.newGlobals = () => {
    const before = new Set(T.globalsBefore);
    return Object.getOwnPropertyNames(window).filter((n) => !before.has(n) && n !== '__beringTest');
  };
}

/**
 * Open `pagePath` (e.g. '/tests/browser/pages/one.html?chart=length') in a fresh browser
 * context (after `prepare(context)`, if given). Returns
 * { page, context, pageErrors, consoleErrors, consoleMessages, close }.
 */
export async function openPage(env, pagePath, {
  width = 1280, height = 900, deviceScaleFactor = 1, colorScheme = 'light', waitForSettled = true,
  prepare = null, waitUntil = 'load', isMobile = false,
} = {}) {
  const context = await env.browser.newContext({ viewport: { width, height }, deviceScaleFactor, colorScheme, isMobile, hasTouch: isMobile });
  await context.addInitScript(initScript);
  // prepare(context): routes or init scripts a test needs before the page loads.
  if (prepare) await prepare(context);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const pageErrors = [];
  const consoleErrors = [];
  const consoleMessages = [];
  page.on('pageerror', (err) => pageErrors.push(String(err?.stack ?? err)));
  page.on('console', (msg) => {
    consoleMessages.push(`${msg.type()}: ${msg.text()}`);
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  const resp = await page.goto(env.url + pagePath, { waitUntil });
  assert.equal(resp?.status(), 200, `GET ${pagePath}`);
  const p = { page, context, pageErrors, consoleErrors, consoleMessages, close: () => context.close() };
  if (waitForSettled) await settled(p);
  return p;
}

/** Opens `pagePath` as openPage does, runs `body(p)`, and closes the page whatever happens. */
export async function withPage(env, pagePath, options, body) {
  if (typeof options === 'function') [body, options] = [options, {}];
  const p = await openPage(env, pagePath, options);
  try {
    return await body(p);
  } finally {
    await p.close();
  }
}

/**
 * The longest horizontal run of `hex` (within ±3 a channel) in a PNG (a Buffer: a screenshot or
 * a printed page), decoded in `decoder`, a page opened with the test helpers.
 */
export function longestRunInPng(decoder, png, hex) {
  return decoder.evaluate(async ([shot, colour]) => {
    const { data, width, height } = await window.__beringTest.screenshotPixels(shot);
    const t = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16));
    let best = 0;
    for (let y = 0; y < height; y++) {
      for (let x = 0, run = 0; x < width; x++) {
        const i = (y * width + x) * 4;
        run = t.every((v, k) => Math.abs(data[i + k] - v) <= 3) ? run + 1 : 0;
        best = Math.max(best, run);
      }
    }
    return best;
  }, [png.toString('base64'), hex]);
}

/** The shim's script tag, as the README's embed has it. */
export const SHIM_TAG = '<script type="module" src="/embed/bering-chart.js"></script>';

/**
 * A test page around `body`: the page's title, extra `head` markup, attributes on
 * `<html>`, the body's style, markup `after` the body, and the shim's tag (or
 * another, or none).
 */
export function testPage(body, { title = 'test page', head = '', htmlAttributes = '', bodyStyle = 'margin:0;font:16px sans-serif', after = '', shim = SHIM_TAG } = {}) {
  return `<!doctype html><html lang="en"${htmlAttributes ? ` ${htmlAttributes}` : ''}><head><meta charset="utf-8"><link rel="icon" href="data:,">
<title>${title}</title>${head}</head><body style="${bodyStyle}">${body}
${after}${shim}</body></html>`;
}

/**
 * Serve `html` at /tests/generated/<name>.html (with optional headers) in this
 * browser context; returns that path, for openPage.
 */
export async function generated(context, name, html, headers = {}) {
  await context.route(`**/tests/generated/${name}.html`, (route) => route.fulfill({
    status: 200, contentType: 'text/html; charset=utf-8', body: html, headers,
  }));
  return `/tests/generated/${name}.html`;
}

/** Wait until every [data-bering-chart] element on the page has a settled state. */
export async function settled(p, timeout = 20_000) {
  try {
    // A chart far down the page is set up only when it comes near the viewport (each holds
    // its height, so a long page is long): like a reader, scroll to each one still waiting,
    // then back to where the page was.
    await p.page.waitForFunction((s) => {
      const T = window.__beringTest;
      if (T.allSettled(s)) {
        if (T.scrolledFrom) window.scrollTo(...T.scrolledFrom);
        T.scrolledFrom = null;
        return true;
      }
      const waiting = [...document.querySelectorAll('[data-bering-chart]')]
        .find((el) => !el.hasAttribute('data-bering-state') && el.checkVisibility());
      if (waiting) {
        T.scrolledFrom ??= [window.scrollX, window.scrollY];
        waiting.scrollIntoView({ block: 'center' });
      }
      return false;
    }, SETTLED_STATES, { timeout, polling: 100 });
  } catch (err) {
    const states = await p.page.evaluate(() => [...document.querySelectorAll('[data-bering-chart]')]
      .map((el) => `${el.id || el.getAttribute('data-bering-chart')}=${el.getAttribute('data-bering-state')}`))
      .catch(() => []);
    throw new Error(`charts did not settle within ${timeout} ms: ${states.join(', ')}; `
      + `page errors: ${JSON.stringify(p.pageErrors)}; console errors: ${JSON.stringify(p.consoleErrors)}`);
  }
}

/** Evaluate window.__beringTest[name](...args) in the page. */
export function call(p, name, ...args) {
  return p.page.evaluate(([n, a]) => window.__beringTest[n](...a), [name, args]);
}

/** No uncaught errors (and, unless allowConsole, no console errors) on the page. */
export function assertClean(p, { allowConsole = false } = {}) {
  assert.deepEqual(p.pageErrors, [], 'uncaught page errors');
  if (!allowConsole) assert.deepEqual(p.consoleErrors, [], 'console errors');
}

/** Build a /tests/browser/pages/one.html URL for a single widget. */
export function onePage(params = {}) {
  const q = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]));
  return `/tests/browser/pages/one.html?${q}`;
}
