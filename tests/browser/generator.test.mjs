// The embed-code generator on dist/index.html (issue 3), in headless Chromium,
// with the page served under CSP `script-src 'self' 'wasm-unsafe-eval'; style-src 'self'`:
// - the controls drive one live widget (theme dark -> dark background pixels,
//   units km -> km in the canvas's accessible text, width -> canvas width, GBP without a
//   rate -> the widget's error message, then a rate -> drawn again);
// - the script snippet carries the integrity value of dist/pkg.json and
//   crossorigin, writes only non-default attributes, and pasted into a fresh page
//   on the same server it draws a `ready` widget over its static chart (HTML:
//   bering-render's block, with both themes for theme auto) with no layout shift;
//   on a page made dark (or light) by a class, against the reader's scheme, that
//   static chart takes the page's theme while loading and in fallback;
// - the iframe snippet loads frame.html and draws; the Pym.js snippet calls
//   pym.Parent with the same URL; the <noscript> snippet has the real alt text;
// - a base URL holding `"`, `'`, `<`, `>` and `&` is escaped in every snippet;
// - the Copy button copies and says "Copied"; no uncaught page errors anywhere.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { setup, openPage, settled, call, assertClean, COLOURS, DIST, testPage } from './browser.mjs';

const CSP = "script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const pkg = () => JSON.parse(readFileSync(path.join(DIST, 'pkg.json'), 'utf8'));
const fallbackIndex = () => JSON.parse(readFileSync(path.join(DIST, 'fallback', 'index.json'), 'utf8'));

/** Open the preview page (served with the CSP header) and wait for the generator's widget and data. */
async function openGenerator(extra = {}) {
  const p = await openPage(env, '/index.html', {
    waitForSettled: false,
    ...extra,
    prepare: async (context) => {
      await context.route(`${env.url}/index.html`, async (route) => {
        const response = await route.fetch();
        await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': CSP } });
      });
      await addSpoken(context);
      if (extra.prepare) await extra.prepare(context);
    },
  });
  await p.page.waitForFunction(() => document.getElementById('gen-preview')?.getAttribute('data-bering-state') === 'ready');
  await p.page.waitForFunction(() => document.getElementById('gen-code-script').value.includes('integrity=')
    && document.getElementById('gen-code-script').value.includes('role="img"'));
  return p;
}

/**
 * In every page of a context: __beringTest.spoken(sel) = the canvas's accessible name plus
 * its description (aria-describedby inside the shadow root), whichever carries the figures.
 */
function addSpoken(context) {
  return context.addInitScript(() => {
    window.__beringTest.spoken = (sel) => {
      const host = document.querySelector(sel);
      const canvas = host?.shadowRoot?.querySelector('canvas');
      if (!canvas) return '';
      const ids = (canvas.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
      return [canvas.getAttribute('aria-label') ?? '',
        ...ids.map((id) => host.shadowRoot.getElementById(id)?.textContent ?? '')].join(' ');
    };
  });
}

const code = (p, which) => p.page.inputValue(`#gen-code-${which}`);

/** Serve `html` at /tests/generated/<name>.html on the dist server's origin in this context. */
async function servePage(context, name, html) {
  await context.route(`${env.url}/tests/generated/${name}.html`, (route) => route.fulfill({
    status: 200, contentType: 'text/html; charset=utf-8', body: html,
  }));
  return `/tests/generated/${name}.html`;
}

function pageWith(body) {
  return testPage(`<div id="column" style="width:640px">\n${body}\n</div>`, { title: 'pasted snippet', bodyStyle: '', shim: '' });
}

/** Run a Pym.js snippet's inline script against a stand-in `pym`; returns the Parent arguments. */
function runPym(snippet) {
  const scripts = [...snippet.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  assert.equal(scripts.length, 1, 'one inline script in the Pym.js snippet');
  const calls = [];
  const pym = { Parent: function Parent(...args) { calls.push(args); } };
  new Function('pym', scripts[0])(pym);
  assert.equal(calls.length, 1);
  return calls[0];
}

/**
 * Parse the snippets inertly (DOMParser: nothing loads or runs) in a blank page of the
 * same context (the generator page's CSP would report the snippets' style attributes).
 */
async function parseSnippets(p) {
  const values = {};
  for (const which of ['script', 'iframe', 'pym', 'noscript']) values[which] = await code(p, which);
  const blank = await p.context.newPage();
  try {
    return await blank.evaluate((v) => {
      const parse = (which) => new DOMParser().parseFromString(`<!doctype html><body>${v[which]}`, 'text/html');
      const s = parse('script');
      const f = parse('iframe');
      const y = parse('pym');
      const n = parse('noscript');
      const attrsOf = (el) => el && Object.fromEntries([...el.attributes].map((a) => [a.name, a.value]));
      return {
        div: attrsOf(s.querySelector('div')),
        divs: s.querySelectorAll('body > div').length,
        img: attrsOf(s.querySelector('img')),
        holder: attrsOf(s.querySelector('[data-bering-chart] > div')),
        block: attrsOf(s.querySelector('[data-bering-chart] > div > div[role="img"]')),
        blockHtml: s.querySelector('[data-bering-chart] > div > div[role="img"]')?.outerHTML ?? null,
        blockTags: [...new Set([...s.querySelectorAll('[data-bering-chart] *')].map((el) => el.localName))].sort(),
        script: attrsOf(s.querySelector('script')),
        iframe: attrsOf(f.querySelector('iframe')),
        frameScript: attrsOf(f.querySelector('script')),
        pymDiv: attrsOf(y.querySelector('div')),
        pymScript: attrsOf(y.querySelector('script[src]')),
        noscriptImg: attrsOf(n.querySelector('noscript img')),
      };
    }, values);
  } finally {
    await blank.close();
  }
}

/** `html` as the browser serialises it once parsed (entities and all), for comparing markup. */
async function parsedHtml(p, html) {
  const blank = await p.context.newPage();
  try {
    return await blank.evaluate((h) => new DOMParser().parseFromString(`<!doctype html><body>${h}`, 'text/html').body.innerHTML, html);
  } finally {
    await blank.close();
  }
}

test('the controls drive the live preview', async () => {
  const p = await openGenerator();
  try {
    let info = await call(p, 'info', '#gen-preview');
    assert.equal(info.canvas.styleWidth, '640px', 'default width 640');
    assert.equal(await call(p, 'modeColour', '#gen-preview'), COLOURS.light.background, 'auto theme in a light scheme');

    await p.page.getByLabel('dark', { exact: true }).check();
    await p.page.waitForFunction((bg) => window.__beringTest.modeColour('#gen-preview') === bg, COLOURS.dark.background)
      .catch(async () => { throw new Error(`preview not dark: ${await call(p, 'modeColour', '#gen-preview')}`); });

    await p.page.getByLabel('kilometres', { exact: true }).check();
    await p.page.waitForFunction(() => /\bkm\b|kilomet/i.test(window.__beringTest.spoken('#gen-preview')))
      .catch(async () => { throw new Error(`no km in ${await call(p, 'spoken', '#gen-preview')}`); });

    await p.page.getByLabel('Column width', { exact: true }).selectOption('320');
    await p.page.waitForFunction(() => window.__beringTest.info('#gen-preview').canvas.styleWidth === '320px');

    await p.page.getByLabel('Chart', { exact: true }).selectOption('context');
    await p.page.waitForFunction(() => /Gotthard/.test(window.__beringTest.spoken('#gen-preview')));

    // GBP on the cost chart without a rate: the widget's own message, and the generator keeps going.
    await p.page.getByLabel('Chart', { exact: true }).selectOption('cost');
    await p.page.getByLabel('GB£', { exact: true }).check();
    await p.page.waitForFunction(() => window.__beringTest.state('#gen-preview') === 'error');
    info = await call(p, 'info', '#gen-preview');
    assert.ok(info.messageVisible, 'error message shown in the widget');
    assert.match(info.message, /gbp-per-usd/);
    assert.ok(await p.page.locator('#gen-problem').isVisible(), 'the generator says the preview shows a problem');
    assert.match(await code(p, 'script'), /data-currency="GBP"/);

    await p.page.getByLabel('Pounds per US dollar', { exact: true }).fill('0.79');
    await p.page.waitForFunction(() => window.__beringTest.state('#gen-preview') === 'ready');
    info = await call(p, 'info', '#gen-preview');
    assert.ok(!info.messageVisible, 'message gone once the rate is set');
    assert.match(await call(p, 'spoken', '#gen-preview'), /£|pound/i);
    assert.ok(!(await p.page.locator('#gen-problem').isVisible()));
    assert.match(await code(p, 'script'), /data-currency="GBP" data-gbp-per-usd="0.79"/);
    assert.equal(await call(p, 'modeColour', '#gen-preview'), COLOURS.dark.background, 'still dark');

    // A bad rate, then back to USD: error, then drawn again (update after an error works).
    await p.page.getByLabel('Pounds per US dollar', { exact: true }).fill('12');
    await p.page.waitForFunction(() => window.__beringTest.state('#gen-preview') === 'error');
    await p.page.getByLabel('US$', { exact: true }).check();
    await p.page.waitForFunction(() => window.__beringTest.state('#gen-preview') === 'ready');
    assert.ok(await p.page.getByLabel('Pounds per US dollar', { exact: true }).isDisabled(), 'rate input off for USD');

    assert.deepEqual(await p.page.evaluate(() => window.__beringTest.csp), [], 'no CSP violations');
    assert.deepEqual(await p.page.evaluate(() => window.__beringTest.newGlobals()), [], 'nothing added to window');
    assertClean(p);
  } finally {
    await p.close();
  }
});

test('the first render failing (bad options while loading) does not stick', async () => {
  // Choose GBP without a rate on the cost chart before the wasm has loaded: the first
  // render fails; choosing USD afterwards must still draw.
  let release;
  const gate = new Promise((resolve) => { release = resolve; });
  const p = await openPage(env, '/index.html', {
    waitForSettled: false,
    prepare: async (context) => {
      await addSpoken(context);
      await context.route(`${env.url}/embed/bering_chart_bg.wasm`, async (route) => {
        await gate;
        await route.continue();
      });
    },
  });
  try {
    await p.page.getByLabel('Chart', { exact: true }).selectOption('cost');
    await p.page.getByLabel('GB£', { exact: true }).check();
    release();
    await p.page.waitForFunction(() => window.__beringTest.state('#gen-preview') === 'error');
    await p.page.getByLabel('US$', { exact: true }).check();
    await p.page.waitForFunction(() => window.__beringTest.state('#gen-preview') === 'ready');
    assert.match(await call(p, 'spoken', '#gen-preview'), /\$|dollar/i);
    assertClean(p);
  } finally {
    release();
    await p.close();
  }
});

test('script snippet: integrity, crossorigin, only non-default attributes, and it works when pasted', async () => {
  const p = await openGenerator();
  try {
    const integrity = pkg().built['embed/bering-chart.js'].integrity;
    let snippet = await code(p, 'script');
    assert.ok(snippet.includes(`integrity="${integrity}"`), `integrity from dist/pkg.json in:\n${snippet}`);
    assert.match(snippet, /crossorigin="anonymous"/);
    let s = await parseSnippets(p);
    assert.equal(s.divs, 1);
    assert.deepEqual(Object.keys(s.div), ['data-bering-chart'], 'defaults are not written');
    assert.equal(s.div['data-bering-chart'], 'length');
    const base = `${env.url}/`;
    assert.equal(s.script.src, `${base}embed/bering-chart.js`);
    assert.equal(s.script.type, 'module');
    // The static chart is bering-render's HTML block, as written (theme auto: its colours
    // follow the reader's scheme), in a box holding the live chart's height; no image.
    const entry = fallbackIndex()['length.svg'];
    const file = (name) => parsedHtml(p, readFileSync(path.join(DIST, 'fallback', name), 'utf8').trim());
    assert.equal(s.img, null, 'no <img> in the script snippet');
    assert.equal(entry.htmlAuto, 'length-auto.html');
    assert.equal(s.blockHtml, await file(entry.htmlAuto));
    assert.equal(s.block['aria-label'], entry.description);
    assert.match(s.block.style, new RegExp(`aspect-ratio:${entry.width}/${entry.height};`));
    assert.match(s.block.style, /color-scheme:light dark;background:#FFFFFF;background:light-dark\(#FFFFFF,#16181D\)/);
    assert.ok(s.holder.style.includes(`--bering-h:${entry.reserve};`), s.holder.style);
    assert.deepEqual(s.blockTags, ['div', 'span'], 'boxes and lines of text only');
    assert.ok('data-bering-static' in s.holder, 'marked for the shim as the page\'s own static chart');

    await p.page.getByLabel('kilometres', { exact: true }).check();
    await p.page.getByLabel('dark', { exact: true }).check();
    await p.page.getByLabel('Locale', { exact: true }).selectOption('de-DE');
    await p.page.getByLabel('Column width', { exact: true }).selectOption('320');
    // (The image until the chosen chart's HTML file is in.)
    await p.page.waitForFunction(() => /role="img" aria-label="Geplanter[^"]*" style="[^"]*aspect-ratio:320\//.test(document.getElementById('gen-code-script').value));
    s = await parseSnippets(p);
    assert.deepEqual(s.div, { 'data-bering-chart': 'length', 'data-units': 'km', 'data-locale': 'de-DE', 'data-theme': 'dark' });
    // The German chart's own static file: its words, its numbers, its height.
    const km = fallbackIndex()['length-de-DE-km-dark-320.svg'];
    assert.match(km.description, /Geplanter Tunnel 112,7 Kilometer/);
    assert.equal(s.blockHtml, await file(km.html));
    assert.doesNotMatch(s.block.style, /light-dark/, 'a fixed theme has its own colours only');
    assert.match(s.block.style, new RegExp(`aspect-ratio:320/${km.height};`));
    assert.equal(s.block['aria-label'], km.description);
    snippet = await code(p, 'script');

    // Paste it into a fresh page on the same server.
    const context = p.context;
    const url = await servePage(context, 'paste-script', pageWith(snippet).replace('width:640px', 'width:320px'));
    const q = await context.newPage();
    const errors = [];
    q.on('pageerror', (e) => errors.push(String(e)));
    await q.goto(env.url + url);
    await q.waitForFunction(() => document.querySelector('[data-bering-chart]')?.getAttribute('data-bering-state') === 'ready');
    // The figures in words come with the wasm's "more" module, when the browser is idle after the drawing.
    await q.waitForFunction(() => /\bkm\b|kilomet/i.test(window.__beringTest.spoken('[data-bering-chart]'))).catch(() => {});
    const pasted = await q.evaluate(() => {
      const el = document.querySelector('[data-bering-chart]');
      const block = el.querySelector(':scope > div > [role="img"]');
      const canvas = el.shadowRoot.querySelector('canvas');
      return {
        staticText: block.textContent,
        staticHidden: block.getBoundingClientRect().height === 0,
        label: window.__beringTest.spoken('[data-bering-chart]'),
        canvasWidth: canvas.style.width,
        hostHeight: el.getBoundingClientRect().height,
      };
    });
    assert.match(pasted.staticText, /112,7\skm/, 'the static chart in its words');
    assert.ok(pasted.staticHidden, 'the drawn chart replaces the static one');
    assert.match(pasted.label, /\bkm\b|kilomet/i);
    assert.equal(pasted.canvasWidth, '320px');
    assert.deepEqual(errors, []);
    assertClean(p);
  } finally {
    await p.close();
  }
});

test('the pasted default snippet (theme auto: its HTML block in both themes) reserves the chart\'s height: no layout shift', async () => {
  const g = await openGenerator();
  let snippet;
  try {
    snippet = await code(g, 'script');
    assert.match(snippet, /light-dark\(/);
  } finally {
    await g.close();
  }
  let release;
  const gate = new Promise((resolve) => { release = resolve; });
  const html = pageWith(snippet).replace('</body>', '<p id="after">Text after the chart, which must not move.</p></body>');
  const p = await openPage(env, '/tests/generated/paste-cls.html', {
    waitForSettled: false,
    prepare: async (context) => {
      await servePage(context, 'paste-cls', html);
      await context.route(`${env.url}/embed/bering_chart_bg.wasm`, async (route) => { await gate; await route.continue(); });
    },
  });
  try {
    await p.page.evaluate(() => {
      window.__beringTest.shift = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (!e.hadRecentInput) window.__beringTest.shift += e.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await p.page.waitForFunction(() => document.fonts.status === 'loaded');
    const before = await p.page.evaluate(() => ({
      state: document.querySelector('[data-bering-chart]').getAttribute('data-bering-state'),
      staticHeight: document.querySelector('[data-bering-chart] [role="img"]').getBoundingClientRect().height,
      after: document.getElementById('after').getBoundingClientRect().top,
    }));
    assert.equal(before.state, 'loading', 'the static chart shows while the module loads');
    assert.ok(before.staticHeight > 200, `the static chart is shown (${before.staticHeight} px tall)`);
    release();
    await settled(p);
    await p.page.evaluate(() => window.__beringTest.frames(3));
    const now = await p.page.evaluate(() => ({
      state: document.querySelector('[data-bering-chart]').getAttribute('data-bering-state'),
      after: document.getElementById('after').getBoundingClientRect().top,
      shift: window.__beringTest.shift,
    }));
    assert.equal(now.state, 'ready');
    assert.ok(Math.abs(now.after - before.after) <= 1, `text below moved from ${before.after} to ${now.after}`);
    assert.equal(now.shift, 0, 'cumulative layout shift');
    assertClean(p);
  } finally {
    release();
    await p.close();
  }
});

test('the pasted theme-auto snippet on a page made dark by a class: its static chart is dark while loading, as the live chart, and follows the class', async () => {
  const g = await openGenerator();
  let snippet;
  try {
    snippet = await code(g, 'script');
  } finally {
    await g.close();
  }
  let release;
  const gate = new Promise((resolve) => { release = resolve; });
  const html = testPage(`<div id="column" style="width:640px">\n${snippet}\n</div>`,
    { title: 'dark by class', htmlAttributes: 'class="dark"', bodyStyle: 'background:#111;color:#eee', shim: '' });
  // The reader's scheme is light: only the page's class says dark.
  const p = await openPage(env, '/tests/generated/paste-dark-class.html', {
    waitForSettled: false,
    colorScheme: 'light',
    prepare: async (context) => {
      await servePage(context, 'paste-dark-class', html);
      await context.route(`${env.url}/embed/bering_chart_bg.wasm`, async (route) => { await gate; await route.continue(); });
    },
  });
  const rgb = (hex) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
  const shownStatic = () => p.page.evaluate(() => {
    const block = document.querySelector('[data-bering-chart] [data-bering-static] > div');
    const bar = block.querySelector('div');
    return {
      state: document.querySelector('[data-bering-chart]').getAttribute('data-bering-state'),
      height: block.getBoundingClientRect().height,
      background: getComputedStyle(block).backgroundColor,
      bar: getComputedStyle(bar).backgroundColor,
    };
  });
  try {
    await p.page.waitForFunction((dark) => {
      const block = document.querySelector('[data-bering-chart] [data-bering-static] > div');
      return block && getComputedStyle(block).backgroundColor === dark;
    }, rgb(COLOURS.dark.background));
    const dark = await shownStatic();
    assert.equal(dark.state, 'loading', 'the static chart shows while the module loads');
    assert.ok(dark.height > 200, `the static chart is shown (${dark.height} px tall)`);
    assert.equal(dark.bar, rgb(COLOURS.dark.primary), 'the static chart\'s first bar in the dark theme');
    // The page's theme goes light, then dark again, while the module still loads.
    await p.page.evaluate(() => document.documentElement.classList.remove('dark'));
    await p.page.waitForFunction((light) => getComputedStyle(document.querySelector('[data-bering-static] > div')).backgroundColor === light, rgb(COLOURS.light.background));
    const light = await shownStatic();
    assert.equal(light.bar, rgb(COLOURS.light.primary), 'light again without the class');
    await p.page.evaluate(() => document.documentElement.classList.add('dark'));
    await p.page.waitForFunction((d) => getComputedStyle(document.querySelector('[data-bering-static] > div')).backgroundColor === d, rgb(COLOURS.dark.background));
    release();
    await settled(p);
    assert.equal(await p.page.evaluate(() => document.querySelector('[data-bering-chart]').getAttribute('data-bering-state')), 'ready');
    assert.equal(await call(p, 'modeColour', '[data-bering-chart]'), COLOURS.dark.background, 'the live chart is dark too');
    assertClean(p);
  } finally {
    release();
    await p.close();
  }
  // The other way round: a reader's dark scheme, a page made light by its class.
  const lightPage = html.replace('class="dark"', 'class="light"').replace('background:#111;color:#eee', 'background:#fff;color:#111');
  const q = await openPage(env, '/tests/generated/paste-light-class.html', {
    waitForSettled: false,
    colorScheme: 'dark',
    prepare: async (context) => {
      await servePage(context, 'paste-light-class', lightPage);
      await context.route(`${env.url}/embed/bering_chart_bg.wasm`, async (route) => { await route.abort(); });
    },
  });
  try {
    await q.page.waitForFunction(() => document.querySelector('[data-bering-chart]').getAttribute('data-bering-state') === 'fallback');
    const shown = await q.page.evaluate(() => getComputedStyle(document.querySelector('[data-bering-static] > div')).backgroundColor);
    assert.equal(shown, rgb(COLOURS.light.background), 'the static chart (shown in fallback) follows the light page, not the dark scheme');
  } finally {
    await q.close();
  }
});

test('iframe and Pym.js snippets point at frame.html; noscript has the real alt', async (t) => {
  const p = await openGenerator();
  try {
    await p.page.getByLabel('Chart', { exact: true }).selectOption('cost');
    await p.page.getByLabel('GB£', { exact: true }).check();
    await p.page.getByLabel('Pounds per US dollar', { exact: true }).fill('0.79');
    await p.page.getByLabel('Locale', { exact: true }).selectOption('en-GB');
    await p.page.waitForFunction(() => window.__beringTest.state('#gen-preview') === 'ready');
    const s = await parseSnippets(p);
    const base = `${env.url}/`;
    const frameUrl = `${base}frame.html?chart=cost&currency=GBP&gbp-per-usd=0.79&locale=en-GB`;
    const entry = fallbackIndex()['cost-en-GB.svg'];
    assert.equal(s.iframe.src, frameUrl);
    assert.ok('data-bering-frame' in s.iframe);
    assert.equal(s.iframe.title, entry.title);
    assert.equal(s.iframe.loading, 'lazy');
    assert.equal(s.iframe.style, `width:100%;border:0;height:${entry.height}px`);
    // The size as attributes too, for a CMS that strips style (an iframe trial, stop 45).
    assert.equal(s.iframe.width, '100%');
    assert.equal(s.iframe.height, String(entry.height));
    assert.equal(s.frameScript.src, `${base}embed/bering-frame.js`);
    assert.ok('async' in s.frameScript);
    assert.match(await code(p, 'iframe'), /frame\.html\?chart=cost&amp;currency=GBP&amp;/, '& escaped in the attribute');

    const pym = await code(p, 'pym');
    assert.deepEqual(runPym(pym), ['bering-cost', frameUrl, { title: entry.title }]);
    assert.equal(s.pymDiv.id, 'bering-cost');
    assert.equal(s.pymScript.src, 'https://pym.nprapps.org/pym.v1.min.js');

    // Pounds at the page's rate have no static twin: no image of dollar figures anywhere.
    assert.equal(await code(p, 'noscript'), '');
    assert.doesNotMatch(await code(p, 'script'), /<img|fallback\/|role="img"/);
    assert.match(await p.page.locator('#gen-data-note').textContent(), /pound chart has no static image/);
    await p.page.getByLabel('US$', { exact: true }).check();
    const dollars = await parseSnippets(p);
    assert.equal(dollars.noscriptImg.src, `${base}fallback/cost-en-GB.svg`);
    assert.equal(dollars.noscriptImg.alt, entry.description);
    assert.ok(dollars.noscriptImg.alt.length > 40, 'a real description');
    assert.equal(dollars.noscriptImg.style, 'width:100%;height:auto;display:block', 'no reservation without a live chart');
    assert.match(await code(p, 'noscript'), /^<noscript><picture>[\s\S]*<\/picture><\/noscript>$/);
    await p.page.getByLabel('GB£', { exact: true }).check();

    if (!existsSync(path.join(DIST, 'frame.html'))) {
      t.skip('dist/frame.html is not built');
      return;
    }
    const url = await servePage(p.context, 'paste-iframe', pageWith(await code(p, 'iframe')));
    const q = await p.context.newPage();
    const errors = [];
    q.on('pageerror', (e) => errors.push(String(e)));
    const frameResponse = q.waitForResponse((r) => r.url() === frameUrl);
    await q.goto(env.url + url);
    assert.equal((await frameResponse).status(), 200, 'frame.html loads');
    const frame = q.frames().find((f) => f.url() === frameUrl);
    assert.ok(frame, 'the iframe navigated to the snippet URL');
    await frame.waitForFunction(() => document.querySelector('[data-bering-state]')?.getAttribute('data-bering-state') === 'ready');
    // The figures in words come with the data table, when the browser is idle after the drawing.
    await frame.waitForFunction(() => window.__beringTest.spoken('[data-bering-state]').includes('billion'));
    assert.match(await frame.evaluate(() => window.__beringTest.spoken('[data-bering-state]')), /£|pound/i);
    assert.deepEqual(errors, []);
    // Pasted into a CMS that strips style (and the script): the column's width, the chart's height, no border.
    const stripped = await servePage(p.context, 'paste-iframe-unstyled', pageWith((await code(p, 'iframe')).replace(/ style="[^"]*"/, '').replace(/<script[^>]*><\/script>/, '')));
    await q.goto(env.url + stripped);
    const box = await q.evaluate(() => {
      const iframe = document.querySelector('iframe');
      return { width: iframe.offsetWidth, height: iframe.offsetHeight, column: document.getElementById('column').clientWidth };
    });
    assert.deepEqual(box, { width: 640, height: entry.height, column: 640 }, 'sized by its attributes');
    assertClean(p);
  } finally {
    await p.close();
  }
});

test('a base URL with " \' < > & is escaped in every snippet', async () => {
  const p = await openGenerator();
  try {
    const base = `https://cdn.example.org/a"b'c<d>e&f=g/v1/`;
    await p.page.locator('#gen-base').fill(base);
    await p.page.getByLabel('dark', { exact: true }).check();
    await p.page.waitForFunction(() => document.getElementById('gen-code-script').value.includes('cdn.example.org')
      && document.getElementById('gen-code-script').value.includes('role="img"')
      && !document.getElementById('gen-code-script').value.includes('light-dark'));
    const script = await code(p, 'script');
    assert.ok(script.includes('src="https://cdn.example.org/a&quot;b&#39;c&lt;d&gt;e&amp;f=g/v1/embed/bering-chart.js"'), script);
    for (const which of ['script', 'iframe', 'pym', 'noscript']) {
      const text = await code(p, which);
      assert.ok(!text.includes('a"b'), `${which}: raw quote`);
      assert.ok(!text.includes('<d>'), `${which}: raw angle brackets`);
    }
    const s = await parseSnippets(p);
    assert.equal(s.script.src, `${base}embed/bering-chart.js`);
    assert.equal(s.img, null, 'the script snippet\'s static chart is inline HTML: no address');
    assert.ok(s.block, 'its static chart');
    assert.equal(s.iframe.src, `${base}frame.html?chart=length&theme=dark`);
    assert.equal(s.frameScript.src, `${base}embed/bering-frame.js`);
    assert.equal(s.noscriptImg.src, `${base}fallback/length-dark.svg`);
    const [, pymUrl] = runPym(await code(p, 'pym'));
    assert.equal(pymUrl, `${base}frame.html?chart=length&theme=dark`);
    // A base without the trailing slash gets one.
    await p.page.locator('#gen-base').fill('https://cdn.example.org/bering-chart/v1');
    await p.page.waitForFunction(() => document.getElementById('gen-code-script').value
      .includes('https://cdn.example.org/bering-chart/v1/embed/bering-chart.js'));
    assertClean(p);
  } finally {
    await p.close();
  }
});

test('Copy puts the snippet on the clipboard and says so', async () => {
  const p = await openGenerator({
    prepare: (context) => context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.url }),
  });
  try {
    const section = p.page.locator('.gen-snippet').filter({ has: p.page.locator('#gen-code-iframe') });
    await section.getByRole('button', { name: 'Copy' }).click();
    await section.locator('.gen-copied', { hasText: 'Copied' }).waitFor({ state: 'visible' });
    const copied = await p.page.evaluate(() => navigator.clipboard.readText());
    assert.equal(copied, await code(p, 'iframe'));
    assertClean(p);
  } finally {
    await p.close();
  }
});

test('the rest of the preview page still draws', async () => {
  const p = await openGenerator();
  try {
    await settled(p);
    const states = await p.page.evaluate(() => [...document.querySelectorAll('[data-bering-chart]')]
      .map((el) => el.getAttribute('data-bering-state')));
    assert.ok(states.length >= 18);
    assert.ok(states.every((s) => s === 'ready'), states.join());
    assertClean(p);
  } finally {
    await p.close();
  }
});
