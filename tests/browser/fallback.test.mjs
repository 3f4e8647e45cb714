// Static fallback, print and "Get the data" (issue 3), in headless Chromium:
// - every way WebAssembly can fail to run (no WebAssembly, the module
//   404s, the wrong MIME type, a module other than the one built (integrity),
//   a CSP without 'wasm-unsafe-eval', a stalled load)
//   ends in state `fallback` with the static chart visible (the built-in image, the
//   snippet's image, or the generator's snippet's HTML block) and one console
//   message naming the cause;
// - the generator's snippet's HTML static chart is untouched by an article's rules for
//   div and span (the same boxes, fonts and colours as on a plain page);
//   with its styles stripped by a CMS, its lines read as text in order until the chart draws;
//   (the HTML snippet's own upgrade is measured in shift.test.mjs; a child div that is
//   not the snippet's leaves the built-in static chart in place);
// - upgrading a snippet's static <img> to the canvas shifts nothing
//   (cumulative layout shift 0, same height) at 640 and 320 px;
// - print shows the live chart (redrawn at print resolution), with the screen's words;
// - the CSV download has the figures, qualifiers, source, a BOM and neutralised formulas;
// - the fallback SVG files, and their HTML twins, draw bars in the same proportions as the canvas.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setup, openPage, settled, DIST, REPO, COLOURS, generated, withPage, testPage, longestRunInPng, assertClean, onePage } from './browser.mjs';
import { staticBlock } from '../../www/snippet.js';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const index = () => JSON.parse(readFileSync(path.join(DIST, 'fallback', 'index.json'), 'utf8'));

function escapeAttr(text) {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A load timeout for pages whose module fails (1.5 s), or none (0) for those whose charts must
 * become ready: a chart's timeout also bounds its wait for the module, which a busy machine
 * can take half a second to load.
 */
const timeoutAttribute = (ms) => (ms ? ` data-load-timeout="${ms}"` : '');

/** The generated snippet for a default chart: element + static <img> reserving its size. */
function snippet(id, chart, file, extra = '', timeout = 1500) {
  const entry = index()[file];
  return `<div id="${id}" data-bering-chart="${chart}"${timeoutAttribute(timeout)} ${extra}>`
    + `<img src="/fallback/${file}" width="${entry.width}" height="${entry.height}" alt="${escapeAttr(entry.description)}"`
    + ' style="width:100%;height:auto;display:block"></div>';
}

/** The generator's script embed: element + its static chart as HTML (the theme auto twin), in its height-holding box. */
function htmlSnippet(id, chart, file, timeout = 1500) {
  const entry = index()[file];
  const html = readFileSync(path.join(DIST, 'fallback', entry.htmlAuto), 'utf8').trim();
  return `<div id="${id}" data-bering-chart="${chart}"${timeoutAttribute(timeout)}>${staticBlock(entry, html)}</div>`;
}

function page(body, options = {}) {
  return testPage(body, { ...options, title: 'fallback test', after: '<p>Text after the charts, which must not move.</p>\n' });
}

const FAILURE_PAGE = page(`
<div style="width:640px"><div id="plain" data-bering-chart="length" data-load-timeout="1500"></div></div>
<div style="width:640px">${snippet('snippet', 'cost', 'cost.svg')}</div>
<div style="width:640px">${htmlSnippet('html', 'length', 'length.svg')}</div>
<div style="width:640px"><div id="stray" data-bering-chart="length" data-load-timeout="1500"><div class="cms-wrapper"></div></div></div>
<div style="width:640px"><div id="custom" data-bering-chart="length" data-load-timeout="1500"><script type="application/json">{"title": "T", "bars": [{"label": "A", "value": 1}]}</script></div></div>`);


const wasmBytes = () => readFileSync(path.join(DIST, 'embed', 'bering_chart_bg.wasm'));

const FAILURES = {
  'no WebAssembly': {
    cause: /this browser has no WebAssembly/,
    prepare: (context) => context.addInitScript(() => { delete window.WebAssembly; }),
  },
  'module 404': {
    cause: /bering_chart_bg\.wasm answered HTTP 404/,
    prepare: (context) => context.route('**/embed/bering_chart_bg.wasm', (r) => r.fulfill({ status: 404, body: 'not here' })),
  },
  'wrong MIME type': {
    cause: /served as "text\/html"; it must be "application\/wasm"/,
    prepare: (context) => context.route('**/embed/bering_chart_bg.wasm', (r) => r.fulfill({ status: 200, contentType: 'text/html', body: wasmBytes() })),
  },
  'not a wasm module': {
    cause: /bering_chart_bg\.wasm is not the file this script was built with \(its integrity hash differs\)/,
    prepare: (context) => context.route('**/embed/bering_chart_bg.wasm', (r) => r.fulfill({ status: 200, contentType: 'application/wasm', body: '<!doctype html><p>SPA 404 page' })),
  },
  'another (valid) wasm module than the one built': {
    cause: /bering_chart_bg\.wasm is not the file this script was built with \(its integrity hash differs\)/,
    // The smallest valid module: the magic number and version.
    prepare: (context) => context.route('**/embed/bering_chart_bg.wasm', (r) => r.fulfill({ status: 200, contentType: 'application/wasm', body: Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]) })),
  },
  'CSP without wasm-unsafe-eval': {
    cause: /Content-Security-Policy does not allow WebAssembly: add 'wasm-unsafe-eval' to script-src/,
    csp: "script-src 'self'",
  },
  'a load that stalls': {
    cause: /loading the chart module did not finish within 1500 ms/,
    prepare: (context) => context.route('**/embed/bering_chart_bg.wasm', () => { /* never answers */ }),
  },
};

for (const [name, failure] of Object.entries(FAILURES)) {
  test(`fallback when ${name}`, async () => {
    let url;
    const p = await openPage(env, '/tests/generated/failure.html', {
      prepare: async (context) => {
        url = await generated(context, 'failure', FAILURE_PAGE, failure.csp ? { 'Content-Security-Policy': failure.csp } : {});
        if (failure.prepare) await failure.prepare(context);
      },
    });
    try {
      // The static images load on their own schedule; wait for them (they must load).
      await p.page.waitForFunction(() => ['plain', 'snippet', 'stray'].every((id) => {
        const host = document.getElementById(id);
        const image = host.shadowRoot.querySelector('.bering-static img') ?? host.querySelector(':scope > img');
        return image && image.complete && image.naturalWidth > 0;
      }), null, { timeout: 10_000 }).catch(() => {});
      const view = await p.page.evaluate(() => {
        const shown = (el) => !!el && el.getBoundingClientRect().height > 0 && getComputedStyle(el).display !== 'none';
        const out = {};
        for (const id of ['plain', 'snippet', 'custom', 'stray']) {
          const host = document.getElementById(id);
          const root = host.shadowRoot;
          const own = root.querySelector('.bering-static img');
          const child = host.querySelector(':scope > img');
          const image = own ?? child;
          out[id] = {
            state: host.getAttribute('data-bering-state'),
            canvasShown: shown(root.querySelector('canvas')),
            imageShown: shown(image),
            imageLoaded: !!image && image.complete && image.naturalWidth > 0,
            imageSrc: image?.getAttribute('src') ?? null,
            messageShown: shown(root.querySelector('.bering-message')),
            message: root.querySelector('.bering-message').textContent,
          };
        }
        const html = document.getElementById('html');
        out.html = {
          state: html.getAttribute('data-bering-state'),
          canvasShown: shown(html.shadowRoot.querySelector('canvas')),
          staticHeight: html.querySelector(':scope > div > [role="img"]').getBoundingClientRect().height,
          messageShown: shown(html.shadowRoot.querySelector('.bering-message')),
        };
        out.events = window.__beringTest.events.filter((e) => e.type === 'bering-chart:error').map((e) => [e.id, e.detail?.state, e.detail?.message]);
        return out;
      });
      for (const id of ['plain', 'snippet', 'custom']) assert.equal(view[id].state, 'fallback', `#${id} state (${view[id].message})`);
      assert.ok(view.plain.imageShown && view.plain.imageLoaded, `#plain shows its built-in static chart: ${JSON.stringify(view.plain)}`);
      assert.match(view.plain.imageSrc, /\/fallback\/length\.svg$/);
      assert.ok(view.snippet.imageShown && view.snippet.imageLoaded, `#snippet keeps the snippet's static chart: ${JSON.stringify(view.snippet)}`);
      assert.ok(!view.plain.canvasShown && !view.snippet.canvasShown, 'no canvas is shown');
      assert.ok(!view.plain.messageShown && !view.snippet.messageShown, 'a static chart is shown instead of a message');
      assert.equal(view.html.state, 'fallback');
      // A child div of the page's own (a CMS's wrapper) is not taken for a static chart.
      assert.ok(view.stray.imageShown && view.stray.imageLoaded && /\/fallback\/length\.svg$/.test(view.stray.imageSrc), `#stray shows the built-in static chart: ${JSON.stringify(view.stray)}`);
      assert.ok(view.html.staticHeight > 200 && !view.html.canvasShown && !view.html.messageShown, `#html keeps the snippet's HTML static chart: ${JSON.stringify(view.html)}`);
      assert.ok(view.custom.messageShown, 'custom data has no static chart: the reason is shown in the box');
      assert.match(view.custom.message, failure.cause);
      for (const id of ['plain', 'snippet', 'html', 'custom', 'stray']) {
        const mine = view.events.filter(([eid]) => eid === id);
        assert.equal(mine.length, 1, `#${id}: one bering-chart:error event`);
        assert.equal(mine[0][1], 'fallback');
        assert.match(mine[0][2], failure.cause);
      }
      const causes = p.consoleMessages.filter((m) => m.includes('showing the static charts because'));
      assert.equal(causes.length, 1, `one console message names the cause: ${JSON.stringify(p.consoleMessages)}`);
      assert.match(causes[0], failure.cause);
      assert.deepEqual(p.pageErrors, [], 'no uncaught errors');
      assert.ok(url);
    } finally {
      await p.close();
    }
  });
}

for (const width of [640, 320]) {
  test(`no layout shift when the ${width} px snippet upgrades to the canvas`, async () => {
    const suffix = width === 640 ? '' : `-${width}`;
    const html = page(`<div style="width:${width}px">${snippet('a', 'length', `length${suffix}.svg`, '', 0)}</div>
<div style="width:${width}px">${snippet('b', 'cost', `cost-dark${suffix}.svg`, 'data-theme="dark"', 0)}</div>`);
    const p = await openPage(env, '/tests/generated/cls.html', {
      prepare: async (context) => {
        await generated(context, 'cls', html);
        await context.addInitScript(() => {
          window.__shifts = [];
          new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shifts.push(entry.value);
          }).observe({ type: 'layout-shift', buffered: true });
        });
      },
    });
    try {
      await p.page.evaluate(() => window.__beringTest.frames(3));
      const result = await p.page.evaluate(() => ({
        states: ['a', 'b'].map((id) => document.getElementById(id).getAttribute('data-bering-state')),
        heights: ['a', 'b'].map((id) => {
          const img = document.getElementById(id).querySelector('img');
          const figure = document.getElementById(id).shadowRoot.querySelector('figure.bering');
          return [img.width * img.naturalHeight / img.naturalWidth, figure.getBoundingClientRect().height];
        }),
        shifts: window.__shifts,
      }));
      assert.deepEqual(result.states, ['ready', 'ready']);
      for (const [reserved, drawn] of result.heights) assert.ok(Math.abs(reserved - drawn) < 0.5, `reserved ${reserved} px, drawn ${drawn} px`);
      const cls = result.shifts.reduce((a, b) => a + b, 0);
      assert.equal(cls, 0, `cumulative layout shift ${cls} (${JSON.stringify(result.shifts)})`);
    } finally {
      await p.close();
    }
  });
}

test('the snippet\'s HTML static chart looks the same on a page whose CSS restyles every div and span', async () => {
  // An article stylesheet of the kind a CMS theme has, and worse: none of it may reach the static
  // chart. (The element itself is the page's to style, as it is for the live chart.)
  const hostile = `<style>
    main { font: italic 19px/2 Georgia, serif; letter-spacing: 0.2em; text-transform: uppercase; word-spacing: 9px; color: #c00; }
    main div:not([data-bering-chart]) { margin: 12px 0 18px; padding: 7px; border: 3px solid red; line-height: 3; background: #ffe; box-sizing: border-box; }
    main span { display: block; font: bold 30px serif; margin: 5px; padding: 2px; position: static; color: green;
      letter-spacing: 3px; text-transform: lowercase; text-decoration: underline; background: yellow; vertical-align: 9px; }
    main div:not([data-bering-chart]) div { height: 40px; min-height: 50px; max-width: 10px; }
  </style>`;
  const body = (dir) => `<main dir="${dir}" style="width:640px">${htmlSnippet('chart', 'length', 'length.svg')}</main>`;
  const boxes = async (name, head, dir = 'ltr', forcedColors = 'none') => {
    const p = await openPage(env, `/tests/generated/${name}.html`, {
      waitForSettled: false,
      prepare: async (context) => {
        await generated(context, name, testPage(body(dir), { title: name, head }));
        // The module never arrives: the static chart stays.
        await context.route('**/embed/bering_chart_bg.wasm', () => { /* never answers */ });
      },
    });
    try {
      await p.page.emulateMedia({ forcedColors });
      await p.page.waitForFunction(() => document.fonts.status === 'loaded');
      const shot = path.join(REPO, 'build', 'screenshots', `static-html-${name}.png`);
      await p.page.locator('#chart').screenshot({ path: shot });
      return await p.page.evaluate(() => {
        const block = document.querySelector('#chart [role="img"]');
        const origin = block.getBoundingClientRect();
        const style = (el) => getComputedStyle(el);
        const host = document.getElementById('chart').getBoundingClientRect();
        return {
          state: document.getElementById('chart').getAttribute('data-bering-state'),
          // The box that holds the live chart's height, in the element: where and how tall.
          holder: [origin.left - host.left, origin.top - host.top, host.height],
          block: [origin.width, origin.height],
          marks: [...block.children].map((el) => {
            const r = el.getBoundingClientRect();
            const s = style(el);
            return [el.localName, r.left - origin.left, r.top - origin.top, r.width, r.height, s.font, s.color, s.backgroundColor, s.letterSpacing, s.textTransform, s.textDecorationLine, s.verticalAlign, el.textContent];
          }),
        };
      });
    } finally {
      await p.close();
    }
  };
  const clean = await boxes('static-clean', '');
  const restyled = await boxes('static-restyled', hostile, 'rtl');
  // High contrast (forced colours) keeps the bars' colours, as it keeps an image's.
  const forced = await boxes('static-forced', '', 'ltr', 'active');
  assert.equal(clean.state, 'loading');
  assert.equal(restyled.state, 'loading');
  assert.ok(clean.marks.length >= 10, `the static chart's marks: ${clean.marks.length}`);
  assert.deepEqual(restyled.block, clean.block, 'the block\'s size');
  assert.deepEqual(restyled.holder, clean.holder, 'the block\'s place in the element, and the height the element holds');
  assert.deepEqual(forced.marks.map((m) => m[7]), clean.marks.map((m) => m[7]), 'forced colours: the same backgrounds');
  assert.deepEqual(forced.marks.map((m) => m[6]), clean.marks.map((m) => m[6]), 'forced colours: the same text colours');
  restyled.marks.forEach((mark, i) => {
    const [name, ...rest] = mark;
    const [, ...want] = clean.marks[i];
    rest.slice(0, 4).forEach((v, k) => assert.ok(Math.abs(v - want[k]) <= 0.5, `${name} ${i} (${mark[12]}): ${['left', 'top', 'width', 'height'][k]} ${v} against ${want[k]}`));
    // (A bar has no text: only its colour counts.)
    const seen = (values) => (name === 'span' ? values.slice(4) : values.slice(6, 7));
    assert.deepEqual(seen(rest), seen(want), `${name} ${i}: font, colours, spacing, case, text`);
  });
});

test('the snippet\'s HTML static chart with its styles stripped (a CMS sanitiser) reads as text in order, and the chart draws', async () => {
  const body = `<main style="width:640px">${htmlSnippet('chart', 'length', 'length.svg', 0).replace(/ style="[^"]*"/g, '')}</main>`;
  let release;
  const gate = new Promise((resolve) => { release = resolve; });
  const p = await openPage(env, '/tests/generated/static-stripped.html', {
    waitForSettled: false,
    prepare: async (context) => {
      await generated(context, 'static-stripped', testPage(body, { title: 'stripped' }));
      await context.route('**/embed/bering_chart_bg.wasm', async (route) => { await gate; await route.continue(); });
    },
  });
  try {
    assert.doesNotMatch(await p.page.content(), /<div style=|<span style=/, 'the page has no style attribute in the snippet');
    const before = await p.page.evaluate(() => ({
      state: document.getElementById('chart').getAttribute('data-bering-state'),
      text: document.querySelector('#chart [role="img"]').innerText.replace(/\s+/g, ' ').trim(),
    }));
    assert.equal(before.state, 'loading');
    assert.match(before.text, /^The proposed Bering Strait tunnel against the strait's width The tunnel would be 37% longer than the strait is wide at its narrowest\. Proposed tunnel 70 mi Bering Strait, width at its narrowest 51 mi Source: /);
    release();
    await settled(p);
    const after = await p.page.evaluate(() => ({
      state: document.getElementById('chart').getAttribute('data-bering-state'),
      staticHeight: document.querySelector('#chart [role="img"]').getBoundingClientRect().height,
      canvasWidth: document.getElementById('chart').shadowRoot.querySelector('canvas').getBoundingClientRect().width,
    }));
    assert.deepEqual(after, { state: 'ready', staticHeight: 0, canvasWidth: 640 }, 'the live chart in its place');
  } finally {
    release();
    await p.close();
  }
});

test('print shows the live chart, redrawn at print resolution, in the words and figures of the screen (GBP, km, German)', async () => {
  const html = page(`<div style="width:640px"><div id="plain" data-bering-chart="context" data-units="km"></div></div>
<div style="width:640px">${snippet('snippet', 'length', 'length.svg', '', 0)}</div>
<div style="width:640px"><div id="gbp" data-bering-chart="cost" data-currency="GBP" data-gbp-per-usd="0.79"></div></div>
<div style="width:640px"><div id="de" data-bering-chart="length" data-locale="de-DE"></div></div>`);
  const p = await openPage(env, '/tests/generated/print.html', { prepare: (context) => generated(context, 'print', html) });
  const ids = ['plain', 'snippet', 'gbp', 'de'];
  try {
    const look = () => p.page.evaluate((list) => list.map((id) => {
      const host = document.getElementById(id);
      const root = host.shadowRoot;
      const image = root.querySelector('.bering-static img') ?? host.querySelector(':scope > img');
      const shown = (el) => (el && el.checkVisibility() ? el.getBoundingClientRect().height : 0);
      const canvas = root.querySelector('canvas');
      return {
        id, canvas: shown(canvas), image: shown(image), backing: canvas.width, cssWidth: parseFloat(canvas.style.width),
        words: [...root.querySelectorAll('.bering-line')].filter((l) => l.checkVisibility()).map((l) => l.textContent).join(' | '),
      };
    }), ids);
    const screen = await look();
    for (const s of screen) assert.ok(s.canvas > 0 && s.image === 0, `screen: canvas shown, static hidden ${JSON.stringify(s)}`);
    await p.page.emulateMedia({ media: 'print' });
    await p.page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    const print = await look();
    for (const [i, s] of print.entries()) {
      assert.ok(s.canvas > 0 && s.image === 0, `print: the live chart, no static image ${JSON.stringify(s)}`);
      assert.equal(s.words, screen[i].words, `${s.id}: print says what the screen says`);
      assert.equal(s.backing, Math.round(s.cssWidth * 4), `${s.id}: redrawn at 4 device px per CSS px for paper`);
    }
    assert.match(print[2].words, /£/, 'the GBP chart prints in pounds');
    assert.match(print[3].words, /Tunnel/, 'the German chart prints in German');
    const kmWords = await p.page.evaluate(() => document.getElementById('plain').shadowRoot.querySelector('#bering-description').textContent);
    assert.match(kmWords, /112.7 kilomet/, 'the km chart is drawn in km');
    await p.page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    await p.page.emulateMedia({ media: 'screen' });
    const after = await look();
    for (const [i, s] of after.entries()) assert.equal(s.backing, screen[i].backing, `${s.id}: back to the screen's backing store after print`);
  } finally {
    await p.close();
  }
});

test('print takes the light theme whatever the screen\'s (paper is white, and browsers print no backgrounds): a dark chart, and a chart dark by its page', async () => {
  const html = testPage(`<div style="width:640px"><div id="dark" data-bering-chart="length" data-theme="dark"></div></div>
<div style="width:640px"><div id="auto" data-bering-chart="cost"></div></div>`, { title: 'print dark', htmlAttributes: 'class="dark"' });
  const p = await openPage(env, '/tests/generated/print-dark.html', { prepare: (context) => generated(context, 'print-dark', html) });
  try {
    const look = () => p.page.evaluate(() => ['dark', 'auto'].map((id) => {
      const root = document.getElementById(id).shadowRoot;
      return { id, background: window.__beringTest.modeColour(`#${id}`), title: getComputedStyle(root.querySelector('.bering-line')).color };
    }));
    const screen = await look();
    for (const s of screen) assert.equal(s.background, COLOURS.dark.background, `${s.id}: dark on screen`);
    await p.page.emulateMedia({ media: 'print' });
    await p.page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    const paper = await look();
    for (const s of paper) {
      assert.equal(s.background, COLOURS.light.background, `${s.id}: light on paper`);
      assert.equal(s.title, 'rgb(27, 27, 27)', `${s.id}: its title in the light theme's text colour`);
    }
    await p.page.screenshot({ path: path.join(REPO, 'build', 'screenshots', 'print-dark.png') });
    await p.page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    await p.page.emulateMedia({ media: 'screen' });
    const back = await look();
    for (const s of back) assert.equal(s.background, COLOURS.dark.background, `${s.id}: dark again after printing`);
  } finally {
    await p.close();
  }
});

// The print trial (stop 45): a dark house style (--bering-bg, --bering-text) printed a dark canvas
// under pale text on white paper, and a chart whose bar a reader had focused printed its focus
// mark and the canvas's focus ring.
test('on paper, a dark house style gives way to the light theme (its accent stays), and no focus mark prints', async () => {
  const html = testPage(`<div style="width:640px"><div id="house" data-bering-chart="length" style="--bering-bg:#202020;--bering-text:#f0f0f0;--bering-muted:#c0c0c0;--bering-accent:#ff8800"></div></div>
<div style="width:640px"><div id="focused" data-bering-chart="cost"></div></div>
<div style="width:640px"><div id="twin" data-bering-chart="cost"></div></div>`, { title: 'print house style' });
  const p = await openPage(env, '/tests/generated/print-house.html', { prepare: (context) => generated(context, 'print-house', html) });
  try {
    await p.page.locator('#focused canvas').focus();
    await p.page.keyboard.press('ArrowDown');
    await p.page.waitForFunction(() => window.__beringTest.draws('focused') >= 2);
    const house = () => p.page.evaluate(() => ({
      background: window.__beringTest.modeColour('#house'),
      title: getComputedStyle(document.getElementById('house').shadowRoot.querySelector('.bering-line')).color,
    }));
    assert.deepEqual(await house(), { background: '#202020', title: 'rgb(240, 240, 240)' }, 'the house style on screen');
    await p.page.emulateMedia({ media: 'print' });
    await p.page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    assert.deepEqual(await house(), { background: COLOURS.light.background, title: 'rgb(27, 27, 27)' }, 'the light theme on paper');
    const paper = await p.page.evaluate(() => {
      const same = (a, b) => a.length === b.length && a.every((v, i) => v === b[i]);
      const focused = window.__beringTest.pixels('#focused').data;
      const twin = window.__beringTest.pixels('#twin').data;
      const canvas = document.getElementById('focused').shadowRoot.querySelector('canvas');
      const accent = window.__beringTest.longestRuns('#house', ['#ff8800']);
      return { same: same(focused, twin), outline: getComputedStyle(canvas).outlineStyle, accent };
    });
    assert.ok(paper.same, 'the focused chart prints as its unfocused twin');
    assert.equal(paper.outline, 'none', 'no focus ring on paper');
    assert.ok(paper.accent['#ff8800'].run > 100, `the house accent stays on paper: ${JSON.stringify(paper.accent)}`);
    await p.page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    await p.page.emulateMedia({ media: 'screen' });
    assert.deepEqual(await house(), { background: '#202020', title: 'rgb(240, 240, 240)' }, 'the house style again after printing');
  } finally {
    await p.close();
  }
});

// The print trial: a chart still loading printed an empty place of its height above its static
// image. (In a real print no script runs, so the image that has not come lies over the held place.)
test('a chart still loading prints its static image in its place, not below an empty one', async () => {
  const html = page('<div style="width:640px"><div id="c" data-bering-chart="length"></div></div>');
  let release = () => {};
  const p = await openPage(env, '/tests/generated/print-loading.html', {
    waitForSettled: false,
    prepare: async (context) => {
      await generated(context, 'print-loading', html);
      await context.route('**/embed/bering_chart_bg.wasm', () => { /* never answers */ });
      const gate = new Promise((resolve) => { release = resolve; });
      await context.route('**/fallback/length.svg', async (route) => {
        await gate;
        await route.continue();
      });
    },
  });
  const view = () => p.page.evaluate(() => {
    const root = document.getElementById('c').shadowRoot;
    return {
      reserve: getComputedStyle(root.querySelector('.bering-reserve')).display,
      image: Math.round(root.querySelector('.bering-static img').getBoundingClientRect().height),
      box: Math.round(document.getElementById('c').getBoundingClientRect().height),
    };
  });
  try {
    await p.page.waitForFunction(() => document.getElementById('c').getAttribute('data-bering-state') === 'loading');
    const held = Math.round(await p.page.evaluate(() => document.getElementById('c').getBoundingClientRect().height));
    await p.page.emulateMedia({ media: 'print' });
    const coming = await view();
    assert.ok(held > 200 && coming.reserve === 'block' && coming.box === held, `the place stays held while the image comes: ${held} ${JSON.stringify(coming)}`);
    release();
    await p.page.waitForFunction(() => document.getElementById('c').shadowRoot.querySelector('.bering-static img')?.naturalWidth > 0);
    await p.page.evaluate(() => window.__beringTest.frames(2));
    const shown = await view();
    assert.equal(shown.reserve, 'none', JSON.stringify(shown));
    assert.ok(shown.image > 200 && Math.abs(shown.box - shown.image) <= 1, `the box is its static image: ${JSON.stringify(shown)}`);
  } finally {
    release();
    await p.close();
  }
});

test('a chart that falls back keeps its place until its static image has arrived (the box neither shuts nor opens again)', async () => {
  const html = page('<div style="width:640px"><div id="c" data-bering-chart="length" data-load-timeout="500"></div></div><p id="after">The article goes on.</p>');
  let release = () => {};
  const p = await openPage(env, '/tests/generated/fallback-slow-image.html', {
    waitForSettled: false,
    prepare: async (context) => {
      await generated(context, 'fallback-slow-image', html);
      await context.route('**/embed/bering_chart_bg.wasm', () => { /* never answers */ });
      const gate = new Promise((resolve) => { release = resolve; });
      await context.route('**/fallback/length.svg', async (route) => {
        await gate;
        await route.continue();
      });
    },
  });
  try {
    const top = () => p.page.evaluate(() => document.getElementById('after').getBoundingClientRect().top);
    await p.page.waitForFunction(() => document.getElementById('c').getAttribute('data-bering-state') === 'loading');
    const loading = await top();
    await p.page.waitForFunction(() => document.getElementById('c').getAttribute('data-bering-state') === 'fallback');
    await p.page.evaluate(() => window.__beringTest.frames(3));
    const waiting = await top();
    release();
    await p.page.waitForFunction(() => document.getElementById('c').shadowRoot.querySelector('.bering-static img')?.complete);
    await p.page.evaluate(() => window.__beringTest.frames(3));
    const shown = await top();
    const image = await p.page.evaluate(() => document.getElementById('c').shadowRoot.querySelector('.bering-static img').getBoundingClientRect().height);
    assert.ok(loading > 200, `the place held while loading: ${loading}`);
    assert.equal(waiting, loading, 'falling back, the place stays held while the image loads');
    assert.ok(image > 200, `the image shows: ${image}`);
    assert.ok(Math.abs(shown - loading) <= 2, `the image takes the place held for it: ${loading} then ${shown}`);
  } finally {
    release();
    await p.close();
  }
});

// A deployment trial (stop 45): with the wasm refused at once (served as octet-stream) and the
// static images quick to come, each box was laid out for a frame at the held place plus the
// image under it (the place was let go only in the image's load event, a frame later): a layout
// shift of 0.47 to 0.96 on an article page, where README promises none.
test('falling back at once, the static images take the held places with no layout shift', async () => {
  const html = page(`<div style="width:640px"><div id="a" data-bering-chart="length"></div></div>
<div style="width:640px"><div id="b" data-bering-chart="cost"></div></div>
<div style="width:640px"><div id="c" data-bering-chart="context"></div></div>
<p id="after">The article goes on.</p>`, { head: '<link rel="stylesheet" href="/embed/bering-chart.css">' });
  const p = await openPage(env, '/tests/generated/fallback-octet.html', {
    prepare: async (context) => {
      await generated(context, 'fallback-octet', html);
      await context.addInitScript(() => {
        window.__shifts = [];
        new PerformanceObserver((list) => { for (const entry of list.getEntries()) window.__shifts.push(entry.value); })
          .observe({ type: 'layout-shift', buffered: true });
      });
      const wasm = readFileSync(path.join(DIST, 'embed', 'bering_chart_bg.wasm'));
      await context.route('**/embed/bering_chart_bg.wasm', (route) => route.fulfill({ status: 200, contentType: 'application/octet-stream', body: wasm }));
    },
  });
  try {
    await p.page.waitForFunction(() => ['a', 'b', 'c'].every((id) => document.getElementById(id).shadowRoot.querySelector('.bering-static img')?.naturalWidth > 0));
    await p.page.evaluate(() => window.__beringTest.frames(3));
    const view = await p.page.evaluate(() => ({
      states: ['a', 'b', 'c'].map((id) => document.getElementById(id).getAttribute('data-bering-state')),
      heights: ['a', 'b', 'c'].map((id) => Math.round(document.getElementById(id).getBoundingClientRect().height)),
      images: ['a', 'b', 'c'].map((id) => Math.round(document.getElementById(id).shadowRoot.querySelector('.bering-static img').getBoundingClientRect().height)),
      shift: window.__shifts.reduce((sum, value) => sum + value, 0),
    }));
    assert.deepEqual(view.states, ['fallback', 'fallback', 'fallback']);
    view.images.forEach((image, i) => assert.ok(image > 200 && Math.abs(view.heights[i] - image) <= 1, `each box is its image: ${JSON.stringify(view)}`));
    assert.ok(view.shift < 0.01, `no layout shift: ${JSON.stringify(view)}`);
  } finally {
    await p.close();
  }
});

// The same trial: with the wasm and the static image both gone (offline, or a site that copied
// embed/ without fallback/), the box shut to nothing with no word, in state `fallback`.
test('a fallback whose static image does not come either says why in its box', async () => {
  const html = page('<div style="width:640px"><div id="a" data-bering-chart="length"></div></div><p id="after">The article goes on.</p>');
  const p = await openPage(env, '/tests/generated/fallback-no-image.html', {
    prepare: async (context) => {
      await generated(context, 'fallback-no-image', html);
      await context.route('**/embed/bering_chart_bg.wasm', (route) => route.abort());
      await context.route('**/fallback/*.svg', (route) => route.fulfill({ status: 404, body: '' }));
    },
  });
  try {
    await p.page.waitForFunction(() => {
      const message = document.getElementById('a').shadowRoot.querySelector('.bering-message');
      return !message.hidden || document.getElementById('a').shadowRoot.querySelector('.bering-static img')?.complete;
    });
    await p.page.evaluate(() => window.__beringTest.frames(2));
    const view = await p.page.evaluate(() => {
      const root = document.getElementById('a').shadowRoot;
      const message = root.querySelector('.bering-message');
      return {
        state: document.getElementById('a').getAttribute('data-bering-state'),
        shown: !message.hidden && message.getBoundingClientRect().height > 0,
        message: message.textContent,
      };
    });
    assert.equal(view.state, 'fallback');
    assert.ok(view.shown && /could not load: .*bering_chart_bg\.wasm/.test(view.message), `the reason is in the box: ${JSON.stringify(view)}`);
    assert.ok(p.consoleMessages.some((m) => m.startsWith('warning: bering-chart: ') && m.includes(view.message)), `and in the console: ${JSON.stringify(p.consoleMessages)}`);
  } finally {
    await p.close();
  }
});

// Media types are case-insensitive (RFC 9110); compileStreaming takes "Application/WASM".
test('a wasm module served as "Application/WASM" draws', async () => {
  const html = page('<div style="width:640px"><div id="a" data-bering-chart="length"></div></div>');
  const p = await openPage(env, '/tests/generated/wasm-type-case.html', {
    prepare: async (context) => {
      await generated(context, 'wasm-type-case', html);
      const wasm = readFileSync(path.join(DIST, 'embed', 'bering_chart_bg.wasm'));
      await context.route('**/embed/bering_chart_bg.wasm', (route) => route.fulfill({ status: 200, contentType: 'Application/WASM', body: wasm }));
    },
  });
  try {
    assert.equal(await p.page.evaluate(() => document.getElementById('a').getAttribute('data-bering-state')), 'ready');
  } finally {
    await p.close();
  }
});

// A print trial (stop 45): the live chart is redrawn for paper on beforeprint, in the screen's
// layout, so it kept the screen's width: a column wider than the paper (an article at 1100 px),
// a flex row or a grid cell, narrower on paper than on screen, printed it cut off (both bars of
// the length chart ran to the edge, and looked equal), or shrank the whole article to fit it.
// A chart far below, set up only when the reader comes within three screens of it, printed its
// held place empty (stop 48): the article's print had a blank box where the chart was.
test('a chart the reader never came near prints drawn, not as its empty held place', async () => {
  const filler = Array.from({ length: 200 }, (_, i) => `<p>Paragraph ${i} of the article, long enough to take a line of its own.</p>`).join('');
  const html = page(`<article style="width:640px"><div id="near" data-bering-chart="cost"></div>${filler}<div id="far" data-bering-chart="length"></div></article>`);
  const dir = mkdtempSync(path.join(tmpdir(), 'bering-print-far-'));
  const open = async () => {
    const p = await openPage(env, '/tests/generated/print-far.html', { waitForSettled: false, prepare: (context) => generated(context, 'print-far', html) });
    await p.page.waitForFunction(() => document.getElementById('near').getAttribute('data-bering-state') === 'ready');
    await p.page.evaluate(() => window.__beringTest.frames(3));
    assert.equal(await p.page.evaluate(() => document.getElementById('far').getAttribute('data-bering-state')), null, 'far below: not set up');
    return p;
  };
  // A real print (Chromium's print to PDF fires beforeprint): the tunnel's bar on a page after
  // the first (the near chart, whose bar has the same colour, is on the first).
  let p = await open();
  try {
    await p.page.pdf({ path: path.join(dir, 'page.pdf'), format: 'A4' });
    execFileSync('pdftoppm', ['-png', '-r', '96', '-f', '2', path.join(dir, 'page.pdf'), path.join(dir, 'page')]);
    const runs = [];
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.png')).sort()) {
      runs.push(await longestRunInPng(p.page, readFileSync(path.join(dir, file)), COLOURS.light.primary));
    }
    assert.ok(runs.length >= 4 && Math.max(...runs) > 200, `a printed page after the first shows the tunnel's bar (longest runs ${runs})`);
    assert.equal(await p.page.evaluate(() => document.getElementById('far').getAttribute('data-bering-state')), 'ready');
  } finally {
    await p.close();
    rmSync(dir, { recursive: true, force: true });
  }
  // Drawn in beforeprint's microtasks (no animation frame comes before the print layout; none
  // can run inside this loop of microtasks).
  p = await open();
  try {
    const drawn = await p.page.evaluate(async () => {
      const far = document.getElementById('far');
      let ratio = null;
      far.addEventListener('bering-chart:draw', (e) => { ratio ??= e.detail.pixelRatio; });
      window.dispatchEvent(new Event('beforeprint'));
      for (let i = 0; i < 100 && ratio === null; i++) await Promise.resolve();
      const seen = { ratio, canvas: far.shadowRoot.querySelector('canvas')?.width ?? 0 };
      window.dispatchEvent(new Event('afterprint'));
      return seen;
    });
    assert.ok(drawn.ratio >= 2 && drawn.canvas >= 640 * 2, `drawn for paper at once: ${JSON.stringify(drawn)}`);
    // A chart built but still waiting for its animation frame when printing begins: drawn too.
    const late = await p.page.evaluate(async () => {
      const chart = document.createElement('div');
      chart.setAttribute('data-bering-chart', 'cost');
      chart.setAttribute('data-loading', 'eager');
      document.querySelector('article').prepend(chart);
      let ratio = null;
      chart.addEventListener('bering-chart:draw', (e) => { ratio ??= e.detail.pixelRatio; });
      const caption = () => chart.shadowRoot?.querySelector('figcaption')?.textContent ?? '';
      for (let i = 0; i < 200 && !caption(); i++) await Promise.resolve();
      const before = { built: caption() !== '', ratio };
      window.dispatchEvent(new Event('beforeprint'));
      for (let i = 0; i < 100 && ratio === null; i++) await Promise.resolve();
      const after = { ratio, canvas: chart.shadowRoot.querySelector('canvas')?.width ?? 0 };
      window.dispatchEvent(new Event('afterprint'));
      return { before, after };
    });
    assert.deepEqual(late.before, { built: true, ratio: null }, 'built in microtasks, not drawn yet');
    assert.ok(late.after.ratio >= 2 && late.after.canvas >= 640 * 2, `drawn for paper: ${JSON.stringify(late)}`);
  } finally {
    await p.close();
  }
});

test('a morphing framework that strips data-bering-state (Turbo 8, idiomorph, morphdom): the state comes back, and a fallback keeps its static chart', async () => {
  // A morph removes every attribute the server's new HTML lacks; the shadow DOM's rules show a
  // fallback's static chart (and hide the held place) by that attribute.
  const p = await openPage(env, '/tests/generated/morph.html', {
    prepare: async (context) => {
      await generated(context, 'morph', FAILURE_PAGE);
      await context.route('**/embed/bering_chart_bg.wasm', (r) => r.fulfill({ status: 404, body: 'not here' }));
    },
  });
  try {
    await p.page.waitForFunction(() => ['plain', 'snippet'].every((id) => {
      const host = document.getElementById(id);
      const image = host.shadowRoot.querySelector('.bering-static img') ?? host.querySelector(':scope > img');
      return image?.complete && image.naturalWidth > 0;
    }), null, { timeout: 10_000 });
    const view = await p.page.evaluate(async () => {
      const look = () => Object.fromEntries(['plain', 'snippet', 'custom'].map((id) => {
        const host = document.getElementById(id);
        const image = host.shadowRoot.querySelector('.bering-static img') ?? host.querySelector(':scope > img');
        return [id, { state: host.getAttribute('data-bering-state'), imageShown: !!image && image.getBoundingClientRect().height > 0, height: host.getBoundingClientRect().height }];
      }));
      const before = look();
      // What the morph does: the attribute removed from every chart, and one changed.
      for (const id of ['plain', 'snippet', 'custom']) document.getElementById(id).removeAttribute('data-bering-state');
      document.getElementById('plain').setAttribute('data-bering-state', 'ready');
      await window.__beringTest.frames(2);
      return { before, after: look() };
    });
    for (const id of ['plain', 'snippet', 'custom']) assert.equal(view.before[id].state, 'fallback', `#${id}: fallback first`);
    assert.deepEqual(view.after, view.before, 'after the morph: the same states, images shown and heights');
    assert.ok(view.after.plain.imageShown && view.after.snippet.imageShown, 'the static charts still show');
    assert.deepEqual(p.pageErrors, [], 'no uncaught errors');
  } finally {
    await p.close();
  }
  // A chart drawn: its state is back too, and it is drawn as it was.
  await withPage(env, onePage({ chart: 'length', width: 640 }), async (p2) => {
    const state = await p2.page.evaluate(async () => {
      const host = document.getElementById('c');
      const drawsBefore = window.__beringTest.events.filter((e) => e.type === 'bering-chart:draw').length;
      host.removeAttribute('data-bering-state');
      await window.__beringTest.frames(2);
      return { state: host.getAttribute('data-bering-state'), redraws: window.__beringTest.events.filter((e) => e.type === 'bering-chart:draw').length - drawsBefore };
    });
    assert.deepEqual(state, { state: 'ready', redraws: 0 });
    assertClean(p2);
  });
});

test('a print button of the page (beforeprint and afterprint in one task) leaves every chart drawn for the screen', async () => {
  // window.print() fires both events inside the button's click handler: no bitmap is made in
  // between, so the drawings for paper land after afterprint. A chart built but still waiting
  // for its animation frame was then left drawn for paper (720 px at most, 4 device px a CSS
  // px, light) until its next redraw.
  const html = page('<article style="width:640px"><div id="near" data-bering-chart="cost"></div></article>');
  await withPage(env, '/tests/generated/print-button.html', { prepare: (context) => generated(context, 'print-button', html) }, async (p) => {
    const result = await p.page.evaluate(async () => {
      const T = window.__beringTest;
      const late = document.createElement('div');
      late.id = 'late';
      late.setAttribute('data-bering-chart', 'length');
      late.setAttribute('data-loading', 'eager');
      document.querySelector('article').append(late);
      const caption = () => late.shadowRoot?.querySelector('figcaption')?.textContent ?? '';
      for (let i = 0; i < 200 && !caption(); i++) await Promise.resolve();
      const built = caption() !== '' && late.shadowRoot.querySelector('canvas').hidden;
      const ratios = { near: [], late: [] };
      for (const id of ['near', 'late']) document.getElementById(id).addEventListener('bering-chart:draw', (e) => ratios[id].push(e.detail.pixelRatio));
      // As window.print() does: both events in this task.
      window.dispatchEvent(new Event('beforeprint'));
      window.dispatchEvent(new Event('afterprint'));
      await T.frames(8);
      const shown = (id) => {
        const canvas = T.canvas(`#${id}`);
        return { width: canvas.width, cssWidth: parseFloat(canvas.style.width), state: document.getElementById(id).getAttribute('data-bering-state') };
      };
      return { built, ratios, near: shown('near'), late: shown('late'), dpr: devicePixelRatio };
    });
    assert.ok(result.built, 'the late chart was built but not drawn when printing began');
    assert.ok(result.ratios.late.includes(4), `it was drawn for paper (ratios ${result.ratios.late})`);
    for (const id of ['near', 'late']) {
      const shown = result[id];
      assert.equal(shown.state, 'ready', `${id}: ready`);
      assert.equal(shown.cssWidth, 640, `${id}: as wide as its box`);
      assert.equal(shown.width, Math.round(640 * result.dpr), `${id}: drawn for the screen again (backing ${shown.width} px)`);
      assert.equal(result.ratios[id].at(-1), result.dpr, `${id}: its last drawing at the screen's ratio`);
    }
    assertClean(p);
  });
});

test('printed, each chart fits its box on paper with its bars to scale: a wide column and a grid cell', async () => {
  const html = page(`<div style="width:400px;border-top:8px solid #ff00ff"></div>
<div style="max-width:1100px"><div id="wide" data-bering-chart="length"></div></div>
<div style="display:grid;grid-template-columns:2fr 1fr;gap:16px;max-width:1100px"><div id="cell" data-bering-chart="context"></div><p>A side note in the grid.</p></div>`);
  const dir = mkdtempSync(path.join(tmpdir(), 'bering-print-'));
  try {
    await withPage(env, '/tests/generated/print-fit.html', { prepare: (context) => generated(context, 'print-fit', html) }, async (p) => {
      // Drawn for paper at most 720 px wide (the column is 1100 px on screen), 4 device px a CSS px.
      const backing = await p.page.evaluate(() => {
        window.dispatchEvent(new Event('beforeprint'));
        return new Promise((resolve) => setTimeout(() => {
          const width = document.getElementById('wide').shadowRoot.querySelector('canvas').width;
          window.dispatchEvent(new Event('afterprint'));
          resolve(width);
        }, 100));
      });
      assert.equal(backing, 720 * 4, 'a wide chart drawn 720 px wide for paper');
      await p.page.pdf({ path: path.join(dir, 'page.pdf'), format: 'A4' });
      // Page 1 at 96 dpi: 1 px a CSS px of the paper (A4 is 794 px wide).
      execFileSync('pdftoppm', ['-png', '-r', '96', '-f', '1', '-l', '1', '-singlefile', path.join(dir, 'page.pdf'), path.join(dir, 'page')]);
      const png = readFileSync(path.join(dir, 'page.png')).toString('base64');
      const bars = await p.page.evaluate(async ([shot, colours]) => {
        const { data, width, height } = await window.__beringTest.screenshotPixels(shot);
        const rgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
        const found = [];
        for (const [kind, hex] of Object.entries(colours)) {
          const t = rgb(hex);
          let last = null;
          for (let y = 0; y < height; y++) {
            let run = [0, -1, -1];
            for (let x = 0, x0 = -1; x < width; x++) {
              const i = (y * width + x) * 4;
              if (Math.abs(data[i] - t[0]) <= 3 && Math.abs(data[i + 1] - t[1]) <= 3 && Math.abs(data[i + 2] - t[2]) <= 3) {
                if (x0 < 0) x0 = x;
                if (x - x0 + 1 > run[0]) run = [x - x0 + 1, x0, x];
              } else x0 = -1;
            }
            if (run[0] < 10) continue;
            if (last && last.y1 === y - 1 && Math.abs(last.x0 - run[1]) <= 1) {
              last.y1 = y;
              last.x1 = Math.max(last.x1, run[2]);
            } else found.push(last = { kind, y0: y, y1: y, x0: run[1], x1: run[2] });
          }
        }
        return { width, bars: found.filter((b) => b.y1 - b.y0 >= 4).sort((a, b) => a.y0 - b.y0) };
      }, [png, { primary: COLOURS.light.primary, other: COLOURS.light.other, rule: '#ff00ff' }]);
      const info = JSON.stringify(bars);
      // A 400 px rule (a border: backgrounds do not print) is 400 px on paper: the article is not shrunk to fit a chart.
      const rule = bars.bars.find((b) => b.kind === 'rule');
      assert.ok(rule && Math.abs(rule.x1 - rule.x0 + 1 - 400) <= 2, `the page prints at its own size: ${info}`);
      bars.bars = bars.bars.filter((b) => b.kind !== 'rule');
      // The length chart (2 bars), then the context chart (4), top to bottom.
      assert.equal(bars.bars.length, 6, info);
      const length = (b) => b.x1 - b.x0 + 1;
      const [tunnel, strait, proposed, gotthard] = [bars.bars[0], bars.bars[1], bars.bars[2], bars.bars[3]];
      for (const bar of bars.bars) assert.ok(bar.x1 < bars.width - 30, `every bar ends on the paper, inside its margin: ${info}`);
      assert.ok(Math.abs(length(tunnel) / length(strait) / (70 / 51) - 1) < 0.03, `the length chart's bars to scale: ${info}`);
      assert.ok(Math.abs(length(proposed) / length(gotthard) / (70 / 35.5) - 1) < 0.03, `the context chart's bars to scale: ${info}`);
      // The grid's chart stays in its cell: its bars end left of the note's column.
      assert.ok(proposed.x1 < bars.width * 0.7, `the grid's chart keeps to its cell: ${info}`);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

async function downloadCsv(p, id) {
  const link = p.page.locator(`#${id} a.bering-data`);
  assert.equal(await link.textContent(), 'Get the data');
  const [download] = await Promise.all([p.page.waitForEvent('download'), link.click()]);
  return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
}

test('"Get the data" downloads the figures as CSV', async () => {
  const html = page(`<div style="width:640px"><div id="cost" data-bering-chart="cost"></div></div>
<div style="width:640px"><div id="custom" data-bering-chart="length"><script type="application/json">
{"title": "Formulas", "bars": [{"label": "=HYPERLINK(\\"http://x\\")", "value": 3}, {"label": "@SUM(A1)", "value": 2, "qualifier": "about"}], "source": "+cmd"}
</script></div></div>`);
  await withPage(env, '/tests/generated/csv.html', { prepare: (context) => generated(context, 'csv', html) }, async (p) => {
    const cost = await downloadCsv(p, 'cost');
    assert.equal(cost.name, 'bering-chart-cost.csv');
    assert.ok(cost.text.startsWith('\ufeff'), 'UTF-8 byte-order mark');
    const rows = cost.text.slice(1).trimEnd().split('\r\n');
    assert.equal(rows.length, 3, 'header and two bars');
    assert.equal(rows[0], '"Label","Value","Unit","Qualifier","As shown","Note","Source"');
    assert.match(rows[1], /^"Claimed, with Boring Company technology","8","US\$ bn","under","under \$8bn",/);
    assert.match(rows[2], /^"“Traditional” cost","65","US\$ bn","over","over \$65bn",/);
    assert.match(rows[2], /"Source: Kirill Dmitriev on X, 16 Oct 2025; The Independent"$/);
    const custom = await downloadCsv(p, 'custom');
    const lines = custom.text.slice(1).trimEnd().split('\r\n');
    assert.match(lines[1], /^"'=HYPERLINK\(""http:\/\/x""\)","3",/);
    assert.match(lines[2], /^"'@SUM\(A1\)","2","","about",/);
    assert.match(lines[1], /"'\+cmd"$/);
  });
});

// A deployment trial (stop 45): when the "more" files failed once (a network blip, a deploy
// half done), "Get the data" did nothing for the rest of the page's life.
test('"Get the data" tries the "more" files again when they failed to load before', async () => {
  const html = page('<div style="width:640px"><div id="cost" data-bering-chart="cost"></div></div>');
  let refused = 0;
  await withPage(env, '/tests/generated/csv-retry.html', {
    waitForSettled: false,
    prepare: async (context) => {
      await generated(context, 'csv-retry', html);
      let failing = true;
      await context.exposeBinding('__serveMore', () => { failing = false; });
      await context.route(/\/embed\/(bering-chart-more\.js|bering_chart_more\.wasm)$/, (route) => {
        if (!failing) return route.continue();
        refused += 1;
        return route.fulfill({ status: 503, body: '' });
      });
    },
  }, async (p) => {
    await p.page.waitForFunction(() => document.getElementById('cost').getAttribute('data-bering-state') === 'ready');
    const warned = () => p.consoleMessages.some((m) => m.includes('tooltips and data tables are off'));
    for (let i = 0; i < 100 && !warned(); i += 1) await p.page.waitForTimeout(50);
    assert.ok(warned() && refused > 0, `the first load failed: ${JSON.stringify(p.consoleMessages)}`);
    const failedAt = Date.now();
    // The first try's last request (the script fetched again to say why its preload failed)
    // can come after the warning: its count is taken once no request came for 300 ms.
    let firstTry = -1;
    while (firstTry !== refused) {
      firstTry = refused;
      await p.page.waitForTimeout(300);
    }
    // A reader's keys, pointer and resizes within 5 s of the failure ask nothing more.
    await p.page.locator('#cost canvas').focus();
    await p.page.keyboard.press('ArrowDown');
    await p.page.locator('#cost canvas').hover();
    await p.page.setViewportSize({ width: 1000, height: 800 });
    await p.page.waitForTimeout(300);
    assert.equal(refused, firstTry, 'no request again within 5 s of the failure');
    await p.page.waitForTimeout(Math.max(0, 5200 - (Date.now() - failedAt)));
    await p.page.evaluate(() => window.__serveMore());
    const cost = await downloadCsv(p, 'cost');
    assert.equal(cost.name, 'bering-chart-cost.csv');
    assert.match(cost.text, /"Claimed, with Boring Company technology","8"/);
    // The data table, whose first try failed, is built once the files are in.
    await p.page.waitForFunction(() => document.getElementById('cost').shadowRoot.querySelector('table')?.rows.length === 3);
  });
});

/** Widths of the <rect>s filled with `fill`, in document order. */
function rectWidths(svg, fill) {
  return [...svg.matchAll(/<rect [^>]*>/g)].map((m) => m[0])
    .filter((r) => r.includes(`fill="${fill}"`))
    .map((r) => Number(/ width="([\d.]+)"/.exec(r)[1]));
}

test('fallback SVG files: every variant, accessible text, bars to scale', () => {
  const all = index();
  const entries = Object.fromEntries(Object.entries(all).filter(([, e]) => e.format === 'svg'));
  const files = readdirSync(path.join(DIST, 'fallback')).filter((f) => f.endsWith('.svg')).sort();
  assert.deepEqual(files, Object.keys(entries).sort(), 'index.json lists every SVG');
  const everyFile = readdirSync(path.join(DIST, 'fallback')).filter((f) => f !== 'index.json').sort();
  const htmlFiles = Object.values(entries).flatMap((e) => [e.html, ...(e.theme === 'light' ? [e.htmlAuto] : [])]);
  assert.deepEqual(everyFile, [...Object.keys(all), ...htmlFiles].sort(), 'index.json lists every file, PNGs and each SVG\'s HTML twins too');
  for (const name of ['length.svg', 'cost.svg', 'context.svg', 'length-dark.svg', 'cost-dark.svg', 'context-dark.svg']) {
    assert.ok(files.includes(name), name);
  }
  for (const [file, entry] of Object.entries(entries)) {
    const svg = readFileSync(path.join(DIST, 'fallback', file), 'utf8');
    assert.match(svg, new RegExp(`^<svg width="${entry.width}" height="${entry.height}"`), file);
    assert.match(svg, /<title id="t">[^<]+<\/title><desc id="d">[^<]+<\/desc>/, file);
    const dark = file.includes('-dark');
    const [primary, other] = dark ? ['#5EA8FF', '#8D96A3'] : ['#0B5CAD', '#8A8A8A'];
    const p = rectWidths(svg, primary);
    const o = rectWidths(svg, other);
    const expected = file.startsWith('length') ? [70 / 51] : file.startsWith('cost') ? [8 / 65] : [70 * 1.609344 / 57.1, 70 * 1.609344 / 53.85, 70 * 1.609344 / 50.45];
    assert.equal(p.length, 1, `${file}: one primary bar`);
    assert.equal(o.length, expected.length, `${file}: comparison bars`);
    // To scale within 2%, or within the whole pixel a 1x file rounds each bar's end to
    // (a 20 px bar of a Russian 320 px cost chart is 1 px off 2%).
    o.forEach((w, i) => {
      const wanted = w * expected[i];
      assert.ok(Math.abs(p[0] - wanted) <= Math.max(0.02 * wanted, 1), `${file}: bar ${p[0]} px against ${w} px, ${wanted.toFixed(2)} to scale`);
    });
    // Its HTML twins (the script embed's static chart): the same size, name and text, bars to scale.
    for (const name of [entry.html, ...(dark ? [] : [entry.htmlAuto])]) {
      const html = readFileSync(path.join(DIST, 'fallback', name), 'utf8');
      assert.ok(html.startsWith(`<div role="img" aria-label="${escapeAttr(entry.description).replace(/'/g, '&apos;')}" style="`), name);
      assert.match(html, new RegExp(`aspect-ratio:${entry.width}/${entry.height};`), name);
      assert.equal(/light-dark\(/.test(html), name === entry.htmlAuto, `${name}: both themes only in the auto twin`);
      const barWidths = (fill) => [...html.matchAll(new RegExp(`width:([\\d.]+)cqw;height:[\\d.]+cqw;background:${fill}`, 'g'))].map((m) => Number(m[1]));
      const [hp] = barWidths(primary);
      barWidths(other).forEach((w, i) => assert.ok(Math.abs(hp / (w * expected[i]) - 1) < 0.02, `${name}: bar ${hp} against ${w}`));
      assert.equal(barWidths(other).length, expected.length, `${name}: comparison bars`);
      for (const text of [...svg.matchAll(/<text [^>]*>\n([^\n]*)\n<\/text>/g)].map((m) => m[1])) {
        assert.ok(html.includes(`>${text}</span>`), `${name}: ${text}`);
      }
    }
  }
});
