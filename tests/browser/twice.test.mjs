// Including the shim more than once (a ?v=2 copy evaluated separately plus a plain
// duplicate) sets each element up exactly once: one shadow root, one canvas, one ready
// event; an element added later is also set up once; the wasm is fetched once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, call, assertClean, withPage, openPage, generated, testPage } from './browser.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

test('shim included twice: each element set up once', async () => {
  await withPage(env, '/tests/browser/pages/twice.html', async (p) => {
    const shims = await p.page.evaluate(() => performance.getEntriesByType('resource')
      .map((e) => new URL(e.name).pathname + new URL(e.name).search)
      .filter((u) => u.startsWith('/embed/bering-chart.js')));
    assert.ok(shims.includes('/embed/bering-chart.js?v=2'), `the ?v=2 copy was loaded (${shims})`);
    // Let any late duplicate setup happen before counting.
    await p.page.evaluate(() => window.__beringTest.frames(5));
    for (const id of ['a', 'b', 'c']) {
      const info = await call(p, 'info', `#${id}`);
      assert.equal(info.state, 'ready', `#${id} state`);
      assert.ok(info.hasShadow, `#${id} has a shadow root`);
      assert.equal(info.canvases, 1, `#${id}: exactly one canvas`);
      assert.equal(info.figures, 1, `#${id}: exactly one figure`);
    }
    assert.equal(await p.page.evaluate(() => document.querySelectorAll('canvas').length), 0,
      'no canvas in the light DOM');
    const ready = await p.page.evaluate(() => window.__beringTest.events.filter((e) => e.type === 'bering-chart:ready').map((e) => e.id));
    assert.deepEqual(ready.sort(), ['a', 'b', 'c'], 'one ready event per element');

    // An element added after load is found and set up once.
    await p.page.evaluate(() => {
      const el = document.createElement('div');
      el.id = 'd';
      el.setAttribute('data-bering-chart', 'cost');
      document.getElementById('later').append(el);
    });
    await p.page.waitForFunction(() => document.getElementById('d').getAttribute('data-bering-state') === 'ready',
      null, { timeout: 10_000 });
    await p.page.evaluate(() => window.__beringTest.frames(5));
    const d = await call(p, 'info', '#d');
    assert.equal(d.canvases, 1, '#d: exactly one canvas');
    assert.equal(d.figures, 1, '#d: exactly one figure');
    const readyD = await p.page.evaluate(() => window.__beringTest.events.filter((e) => e.type === 'bering-chart:ready' && e.id === 'd').length);
    assert.equal(readyD, 1, '#d: one ready event');

    const wasm = await p.page.evaluate(() => performance.getEntriesByType('resource')
      .filter((e) => new URL(e.name).pathname.endsWith('.wasm')).map((e) => e.name));
    assert.deepEqual(wasm.map((url) => new URL(url).pathname).sort(), ['/embed/bering_chart_bg.wasm', '/embed/bering_chart_more.wasm'],
      `one fetch of each wasm module for the whole page, got ${JSON.stringify(wasm)}`);
    assertClean(p);
  });
});

test('two copies of the shim that each own a chart share the "more" script, and each answers its own reader', async () => {
  const p = await openPage(env, '/tests/generated/twice-own.html', {
    prepare: (context) => generated(context, 'twice-own', testPage(`
<div style="width:640px"><div id="plain" data-bering-chart="length"></div></div>
<div style="width:640px"><div id="versioned"></div></div>
<script type="module">
import { render } from "/embed/bering-chart.js?v=2";
render(document.getElementById("versioned"), { chart: "cost" });
</script>`)),
  });
  try {
    // Each copy's data table is that copy's to build, and each copy's tooltip its own.
    await p.page.waitForFunction(() => ['plain', 'versioned'].every((id) => document.getElementById(id).shadowRoot?.querySelector('table')?.rows.length === 3),
      null, { timeout: 10_000 });
    const tooltips = [];
    for (const id of ['plain', 'versioned']) {
      await p.page.focus(`#${id} canvas`);
      await p.page.keyboard.press('ArrowDown');
      await p.page.waitForFunction((which) => document.getElementById(which).shadowRoot.querySelector('.bering-tooltip')?.hidden === false, id);
      tooltips.push(await p.page.evaluate((which) => document.getElementById(which).shadowRoot.querySelector('.bering-tooltip').textContent, id));
    }
    assert.match(tooltips[0], /^Bering Strait, width at its narrowest/);
    assert.match(tooltips[1], /^“Traditional” cost/);
    const scripts = await p.page.evaluate(() => performance.getEntriesByType('resource')
      .map((e) => new URL(e.name).pathname).filter((path) => path.endsWith('/bering-chart-more.js')));
    assert.equal(scripts.length, 1, 'one "more" script for both copies');
    assertClean(p);
  } finally {
    await p.close();
  }
});
