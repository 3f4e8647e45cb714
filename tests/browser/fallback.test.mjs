// Static fallback, print and "Get the data" (issue 3), in headless Chromium:
// - every way WebAssembly can fail to run (no WebAssembly, the module
//   404s, the wrong MIME type, a module other than the one built (integrity),
//   a CSP without 'wasm-unsafe-eval', a stalled load)
//   ends in state `fallback` with the static chart visible and one console
//   message naming the cause;
// - upgrading the generated snippet's static <img> to the canvas shifts nothing
//   (cumulative layout shift 0, same height) at 640 and 320 px;
// - print shows the live chart (redrawn at print resolution), with the screen's words;
// - the CSV download has the figures, qualifiers, source, a BOM and neutralised formulas;
// - the fallback SVG files draw bars in the same proportions as the canvas.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { setup, openPage, DIST, generated, withPage, testPage } from './browser.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const index = () => JSON.parse(readFileSync(path.join(DIST, 'fallback', 'index.json'), 'utf8'));

function escapeAttr(text) {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The generated snippet for a default chart: element + static <img> reserving its size. */
function snippet(id, chart, file, extra = '') {
  const entry = index()[file];
  return `<div id="${id}" data-bering-chart="${chart}" data-load-timeout="1500" ${extra}>`
    + `<img src="/fallback/${file}" width="${entry.width}" height="${entry.height}" alt="${escapeAttr(entry.description)}"`
    + ' style="width:100%;height:auto;display:block"></div>';
}

function page(body) {
  return testPage(body, { title: 'fallback test', after: '<p>Text after the charts, which must not move.</p>\n' });
}

const FAILURE_PAGE = page(`
<div style="width:640px"><div id="plain" data-bering-chart="length" data-load-timeout="1500"></div></div>
<div style="width:640px">${snippet('snippet', 'cost', 'cost.svg')}</div>
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
      await p.page.waitForFunction(() => ['plain', 'snippet'].every((id) => {
        const host = document.getElementById(id);
        const image = host.shadowRoot.querySelector('.bering-static img') ?? host.querySelector(':scope > img');
        return image && image.complete && image.naturalWidth > 0;
      }), null, { timeout: 10_000 }).catch(() => {});
      const view = await p.page.evaluate(() => {
        const shown = (el) => !!el && el.getBoundingClientRect().height > 0 && getComputedStyle(el).display !== 'none';
        const out = {};
        for (const id of ['plain', 'snippet', 'custom']) {
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
        out.events = window.__beringTest.events.filter((e) => e.type === 'bering-chart:error').map((e) => [e.id, e.detail?.state, e.detail?.message]);
        return out;
      });
      for (const id of ['plain', 'snippet', 'custom']) assert.equal(view[id].state, 'fallback', `#${id} state (${view[id].message})`);
      assert.ok(view.plain.imageShown && view.plain.imageLoaded, `#plain shows its built-in static chart: ${JSON.stringify(view.plain)}`);
      assert.match(view.plain.imageSrc, /\/fallback\/length\.svg$/);
      assert.ok(view.snippet.imageShown && view.snippet.imageLoaded, `#snippet keeps the snippet's static chart: ${JSON.stringify(view.snippet)}`);
      assert.ok(!view.plain.canvasShown && !view.snippet.canvasShown, 'no canvas is shown');
      assert.ok(!view.plain.messageShown && !view.snippet.messageShown, 'a static chart is shown instead of a message');
      assert.ok(view.custom.messageShown, 'custom data has no static chart: the reason is shown in the box');
      assert.match(view.custom.message, failure.cause);
      for (const id of ['plain', 'snippet', 'custom']) {
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
    const html = page(`<div style="width:${width}px">${snippet('a', 'length', `length${suffix}.svg`)}</div>
<div style="width:${width}px">${snippet('b', 'cost', `cost-dark${suffix}.svg`, 'data-theme="dark"')}</div>`);
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

test('print shows the live chart, redrawn at print resolution, in the words and figures of the screen (GBP, km, German)', async () => {
  const html = page(`<div style="width:640px"><div id="plain" data-bering-chart="context" data-units="km"></div></div>
<div style="width:640px">${snippet('snippet', 'length', 'length.svg')}</div>
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
  assert.deepEqual(everyFile, Object.keys(all).sort(), 'index.json lists every file, PNGs too');
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
  }
});
