// The embed's two wasm modules (issue 15, tools/split-wasm.mjs): the first drawing of a
// default chart needs the shim and the primary module only; the second module (custom data,
// the data table, CSV, tooltips, other languages' words) is fetched after that drawing, or
// beside the primary when a chart needs it at once; an interaction that comes before it is
// answered when it arrives; and when it cannot load, the default charts stay drawn and the
// console and the boxes that needed it say why.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, generated, testPage, assertClean } from './browser.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const MORE = '**/embed/bering_chart_more.wasm';
const CUSTOM = '<script type="application/json">{"title": "Two tunnels", "bars": [{"label": "A", "value": 2}, {"label": "B", "value": 1}]}</script>';

/** The wall-clock time (ms) of the page's first `bering-chart:draw`, to set beside its requests'. */
const firstDrawAt = (p) => p.page.evaluate(() => {
  const draw = window.__beringTest.events.find((e) => e.type === 'bering-chart:draw');
  return draw ? performance.timeOrigin + draw.t : null;
});

function recordRequests(context) {
  const requests = [];
  context.on('request', (r) => requests.push({ path: new URL(r.url()).pathname, at: Date.now() }));
  return requests;
}

const states = (p, ids) => p.page.evaluate((list) => list.map((id) => document.getElementById(id).getAttribute('data-bering-state')), ids);

test('a default chart is drawn from the shim and the primary module; the rest comes after, and then answers', async () => {
  let release;
  const gate = new Promise((resolve) => { release = resolve; });
  let requests;
  const p = await openPage(env, '/tests/generated/split-first.html', {
    waitForSettled: false,
    prepare: async (context) => {
      await generated(context, 'split-first', testPage(`
<div style="width:640px"><div id="length" data-bering-chart="length"></div></div>
<div style="width:640px"><div id="cost" data-bering-chart="cost"></div></div>`));
      requests = recordRequests(context);
      await context.route(MORE, async (route) => { await gate; await route.continue(); });
    },
  });
  try {
    await p.page.waitForFunction(() => ['length', 'cost'].every((id) => document.getElementById(id).getAttribute('data-bering-state') === 'ready'));
    const before = await p.page.evaluate(() => ['length', 'cost'].map((id) => {
      const root = document.getElementById(id).shadowRoot;
      return {
        label: root.querySelector('canvas').getAttribute('aria-label'),
        caption: root.querySelector('figcaption').textContent,
        tableRows: root.querySelector('table')?.rows.length ?? 0,
      };
    }));
    const fetched = (name) => requests.filter((r) => r.path.endsWith(name));
    // Asked for when the browser is idle after the charts are final.
    for (let waited = 0; !fetched('bering_chart_more.wasm').length && waited < 5000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    const firstDraw = await firstDrawAt(p);
    // The critical path: the page, the shim and the primary module, nothing else.
    const beforeDraw = requests.filter((r) => r.at <= firstDraw).map((r) => r.path).filter((path) => path.startsWith('/embed/'));
    assert.deepEqual(beforeDraw.sort(), ['/embed/bering-chart.js', '/embed/bering_chart_bg.wasm'], `fetched before the first drawing: ${beforeDraw}`);
    assert.equal(fetched('bering_chart_more.wasm').length, 1, 'the second module is asked for once the charts are drawn');
    assert.ok(fetched('bering_chart_more.wasm')[0].at >= firstDraw, 'and only after the first drawing');
    // Drawn and named from the primary alone; the table waits for the second module.
    const lengthRuns = await p.page.evaluate(() => window.__beringTest.longestRuns('#length', ['#0b5cad', '#8a8a8a']));
    assert.ok(lengthRuns['#0b5cad'].run > 200 && lengthRuns['#8a8a8a'].run > 150, `both bars drawn: ${JSON.stringify(lengthRuns)}`);
    assert.equal(before[0].label, 'The proposed Bering Strait tunnel against the strait\'s width');
    assert.match(before[1].caption, /Claimed cost of the Bering Strait tunnel/);
    assert.deepEqual(before.map((b) => b.tableRows), [0, 0], 'no data table before the second module');

    // A keyboard reader arrives before the second module: the key's default action is
    // prevented at once, and the tooltip comes with the module.
    await p.page.keyboard.press('Tab');
    const focused = await p.page.evaluate(() => document.activeElement?.id);
    assert.equal(focused, 'length', 'the chart has the focus (its canvas, in its shadow root)');
    const scrolled = await p.page.evaluate(() => scrollY);
    await p.page.keyboard.press('ArrowDown');
    assert.equal(await p.page.evaluate(() => scrollY), scrolled, 'the arrow key did not scroll the page');
    const tooltipShown = () => p.page.evaluate(() => {
      const tip = document.getElementById('length').shadowRoot.querySelector('.bering-tooltip');
      return !tip || tip.hidden ? null : tip.textContent;
    });
    assert.equal(await tooltipShown(), null, 'no tooltip yet');
    release();
    await p.page.waitForFunction(() => document.getElementById('length').shadowRoot.querySelector('.bering-tooltip')?.hidden === false);
    assert.match(await tooltipShown(), /^Bering Strait, width at its narrowest: 51\u00a0mi · 73% of Proposed tunnel$/, 'the focus, then the arrow key, answered in order');
    await p.page.waitForFunction(() => ['length', 'cost'].every((id) => document.getElementById(id).shadowRoot.querySelector('table')?.rows.length === 3));
    assert.equal(fetched('bering_chart_more.wasm').length, 1, 'fetched once for both charts');
    assertClean(p);
  } finally {
    release();
    await p.close();
  }
});

test('custom data and another language ask for the second module beside the primary', async () => {
  for (const [name, markup] of [
    ['custom', `<div id="chart" data-bering-chart="length">${CUSTOM}</div>`],
    ['german', '<div id="chart" data-bering-chart="cost" data-locale="de-DE"></div>'],
  ]) {
    let requests;
    const p = await openPage(env, `/tests/generated/split-${name}.html`, {
      prepare: async (context) => {
        await generated(context, `split-${name}`, testPage(`<div style="width:640px">${markup}</div>`));
        requests = recordRequests(context);
      },
    });
    try {
      const firstDraw = await firstDrawAt(p);
      const more = requests.filter((r) => r.path.endsWith('/bering_chart_more.wasm'));
      assert.equal(more.length, 1, name);
      assert.ok(more[0].at < firstDraw, `${name}: the second module is asked for before the first drawing`);
      assert.deepEqual(await states(p, ['chart']), ['ready'], name);
      if (name === 'german') {
        const caption = await p.page.evaluate(() => document.getElementById('chart').shadowRoot.querySelector('figcaption').textContent);
        assert.match(caption, /Behauptete Kosten/, 'drawn in German');
      }
      assertClean(p);
    } finally {
      await p.close();
    }
  }
});

test('when the second module cannot load, default charts stay drawn and the console and the boxes that need it say why', async () => {
  const cases = {
    '404': { route: (r) => r.fulfill({ status: 404, body: 'not here' }), cause: /bering_chart_more\.wasm answered HTTP 404/ },
    'another file': {
      route: (r) => r.fulfill({ status: 200, contentType: 'application/wasm', body: Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]) }),
      cause: /bering_chart_more\.wasm is not the file this script was built with \(its integrity hash differs\)/,
    },
  };
  for (const [name, { route, cause }] of Object.entries(cases)) {
    const p = await openPage(env, '/tests/generated/split-broken.html', {
      waitForSettled: false,
      prepare: async (context) => {
        await generated(context, 'split-broken', testPage(`
<div style="width:640px"><div id="length" data-bering-chart="length"></div></div>
<div style="width:640px"><div id="custom" data-bering-chart="length">${CUSTOM}</div></div>
<div style="width:640px"><div id="german" data-bering-chart="cost" data-locale="de-DE"></div></div>`));
        await context.route(MORE, route);
      },
    });
    try {
      await p.page.waitForFunction(() => ['length', 'custom', 'german'].every((id) => ['ready', 'error', 'fallback'].includes(document.getElementById(id).getAttribute('data-bering-state'))));
      await p.page.evaluate(() => window.__beringTest.frames(10));
      assert.deepEqual(await states(p, ['length', 'custom', 'german']), ['ready', 'fallback', 'ready'], name);
      const custom = await p.page.evaluate(() => document.getElementById('custom').shadowRoot.querySelector('.bering-message').textContent);
      assert.match(custom, /^The interactive chart could not load: /, name);
      assert.match(custom, cause, name);
      const german = await p.page.evaluate(() => document.getElementById('german').shadowRoot.querySelector('figcaption').textContent);
      assert.match(german, /Claimed cost/, `${name}: the German chart speaks en-US without its words`);
      const warnings = p.consoleMessages.filter((m) => m.includes('are off because'));
      assert.equal(warnings.length, 1, `${name}: one console message names the cause: ${JSON.stringify(p.consoleMessages)}`);
      assert.match(warnings[0], cause);
      assert.deepEqual(p.pageErrors, [], `${name}: no uncaught errors`);
    } finally {
      await p.close();
    }
  }
});
