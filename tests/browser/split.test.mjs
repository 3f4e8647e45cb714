// The embed's three wasm modules (issue 15, tools/split-wasm.mjs): the first drawing of a
// default chart needs the shim and the primary module only; the "more" module (the data
// table, CSV, tooltips, the figures in words) is fetched after that drawing; the "input"
// module (custom data, other languages' words) only by a page that needs it, beside the
// primary; an interaction that comes before "more" is answered when it arrives; and when a
// module cannot load, what does not need it stays drawn and the console and the boxes that
// needed it say why.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, generated, testPage, assertClean } from './browser.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const MORE = '**/embed/bering_chart_more.wasm';
const INPUT = '**/embed/bering_chart_input.wasm';
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
    assert.deepEqual(fetched('bering_chart_input.wasm'), [], 'a page of default charts in English never asks for the input module');
    assertClean(p);
  } finally {
    release();
    await p.close();
  }
});

test('custom data and another language ask for the input module beside the primary', async () => {
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
      const input = requests.filter((r) => r.path.endsWith('/bering_chart_input.wasm'));
      assert.equal(input.length, 1, name);
      assert.ok(input[0].at < firstDraw, `${name}: the input module is asked for before the first drawing`);
      const more = requests.filter((r) => r.path.endsWith('/bering_chart_more.wasm'));
      assert.ok(more.every((r) => r.at >= firstDraw), `${name}: the more module only after it`);
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

test('when a secondary module cannot load, what does not need it stays drawn, and the console and the boxes that need it say why', async () => {
  const broken = {
    '404': { route: (r) => r.fulfill({ status: 404, body: 'not here' }), cause: (file) => new RegExp(`${file}\\.wasm answered HTTP 404`) },
    'another file': {
      route: (r) => r.fulfill({ status: 200, contentType: 'application/wasm', body: Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]) }),
      cause: (file) => new RegExp(`${file}\\.wasm is not the file this script was built with \\(its integrity hash differs\\)`),
    },
  };
  for (const [module, pattern, file] of [['more', MORE, 'bering_chart_more'], ['input', INPUT, 'bering_chart_input']]) {
    for (const [name, { route, cause }] of Object.entries(broken)) {
      const label = `${module}, ${name}`;
      const p = await openPage(env, '/tests/generated/split-broken.html', {
        waitForSettled: false,
        prepare: async (context) => {
          await generated(context, 'split-broken', testPage(`
<div style="width:640px"><div id="length" data-bering-chart="length"></div></div>
<div style="width:640px"><div id="custom" data-bering-chart="length">${CUSTOM}</div></div>
<div style="width:640px"><div id="german" data-bering-chart="cost" data-locale="de-DE"></div></div>`));
          await context.route(pattern, route);
        },
      });
      try {
        await p.page.waitForFunction(() => ['length', 'custom', 'german'].every((id) => ['ready', 'error', 'fallback'].includes(document.getElementById(id).getAttribute('data-bering-state'))));
        // (The more module is asked for when the browser is idle after the drawings: its warning comes then.)
        const off = module === 'more' ? 'tooltips and data tables are off because' : 'custom data and other languages are off because';
        for (let waited = 0; !p.consoleMessages.some((m) => m.includes(off)) && waited < 5000; waited += 50) await new Promise((r) => setTimeout(r, 50));
        await p.page.evaluate(() => window.__beringTest.frames(10));
        const caption = (id) => p.page.evaluate((which) => document.getElementById(which).shadowRoot.querySelector('figcaption').textContent, id);
        if (module === 'input') {
          assert.deepEqual(await states(p, ['length', 'custom', 'german']), ['ready', 'fallback', 'ready'], label);
          const custom = await p.page.evaluate(() => document.getElementById('custom').shadowRoot.querySelector('.bering-message').textContent);
          assert.match(custom, /^The interactive chart could not load: /, label);
          assert.match(custom, cause(file), label);
          assert.match(await caption('german'), /Claimed cost/, `${label}: the German chart speaks en-US without its words`);
        } else {
          // Custom data and German need only the input module: all three are drawn, in their words.
          assert.deepEqual(await states(p, ['length', 'custom', 'german']), ['ready', 'ready', 'ready'], label);
          assert.match(await caption('german'), /Behauptete Kosten/, `${label}: drawn in German`);
          const tables = await p.page.evaluate(() => ['length', 'custom', 'german'].map((id) => document.getElementById(id).shadowRoot.querySelector('table')?.rows.length ?? 0));
          assert.deepEqual(tables, [0, 0, 0], `${label}: no data table without the more module`);
        }
        const warnings = p.consoleMessages.filter((m) => m.includes('are off because'));
        assert.equal(warnings.length, 1, `${label}: one console message names the cause: ${JSON.stringify(p.consoleMessages)}`);
        assert.match(warnings[0], new RegExp(off));
        assert.match(warnings[0], cause(file));
        assert.deepEqual(p.pageErrors, [], `${label}: no uncaught errors`);
      } finally {
        await p.close();
      }
    }
  }
});
