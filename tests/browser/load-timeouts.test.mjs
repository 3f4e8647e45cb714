// Each chart's own load timeout (`data-load-timeout`), in headless Chromium, with the wasm
// modules held back by the test:
// - a chart with a short timeout falls back alone: the others on the page wait their own
//   timeouts and draw once the modules come (in pounds too, from the "model" module);
// - an update whose options need a module still loading waits the chart's own timeout, and an
//   update that built the chart meanwhile lets that wait go;
// - a chart that turns custom while the "input" module is held falls back at its timeout,
//   saying why (no missing export called);
// - a chart that gave up loads again at its next render() or update, and draws (and one
//   with no room by then falls back: its first drawing's watchdog does not hold it);
// - a language's slow words: a short timeout shows the static chart in that language;
// - a page that updates a waiting chart often does not hold it in loading;
// - each reason is said once in the console, and nothing is said off for the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, generated, testPage } from './browser.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const box = (id, attributes, inner = '') => `<div style="width:640px"><div id="${id}" ${attributes}>${inner}</div></div>`;
const GBP = 'data-currency="GBP" data-gbp-per-usd="0.79"';

/**
 * `html` opened as /tests/generated/<name>.html (not waited for), each of `files` (under
 * /embed/) held until `release()` is called: `{ p, release }`.
 */
async function openHolding(name, html, files) {
  let release;
  const gate = new Promise((resolve) => { release = resolve; });
  const p = await openPage(env, `/tests/generated/${name}.html`, {
    waitForSettled: false,
    prepare: async (context) => {
      await generated(context, name, html);
      for (const file of files) {
        await context.route(`**/embed/${file}`, async (route) => { await gate; await route.continue(); });
      }
    },
  });
  return { p, release };
}

const states = (p, ids) => p.page.evaluate((list) => list.map((id) => document.getElementById(id).getAttribute('data-bering-state')), ids);
const words = (p, id) => p.page.evaluate((which) => document.getElementById(which).shadowRoot.textContent, id);
const message = (p, id) => p.page.evaluate((which) => document.getElementById(which).shadowRoot.querySelector('.bering-message').textContent, id);
/** render() on an element from the page, as a page's own script calls it: how it settles within `ms`. */
const renderAgain = (p, id, options = {}, ms = 8000) => p.page.evaluate(async ([which, opts, wait]) => {
  const { render } = await import('/embed/bering-chart.js');
  return window.__beringTest.settledWithin(render(document.getElementById(which), opts), wait);
}, [id, options, ms]);
const waitFor = (p, ids, state, timeout = 10_000) => p.page.waitForFunction(([list, s]) => list.every((id) => document.getElementById(id).getAttribute('data-bering-state') === s), [ids, state], { timeout });
/**
 * A 500 ms load timeout, set on charts once they are ready: given from the start, it would
 * bound their first wait for the primary module too, which a busy machine can take longer for.
 */
const shortTimeout = (p, ids) => p.page.evaluate((list) => list.forEach((id) => document.getElementById(id).setAttribute('data-load-timeout', '500')), ids);
const causes = (p) => p.consoleMessages.filter((m) => m.includes('showing the static charts because'));

test('a chart with a short load timeout on a slow page falls back alone: the others wait their own timeouts and draw, in pounds too; render() again on one that gave up draws', async () => {
  // The first chart's timeout used to bound the page's module load, and a pounds chart's the
  // "model" module's: one short data-load-timeout made every chart of a slow page fall back.
  const html = testPage([
    box('short', 'data-bering-chart="length" data-load-timeout="500"'),
    box('short-gbp', `data-bering-chart="cost" ${GBP} data-load-timeout="500"`),
    box('long', 'data-bering-chart="cost"'),
    box('long-gbp', `data-bering-chart="cost" ${GBP}`),
  ].join('\n'));
  const { p, release } = await openHolding('own-timeouts', html, ['bering_chart_bg.wasm', 'bering_chart_model.wasm']);
  try {
    await waitFor(p, ['short', 'short-gbp'], 'fallback');
    await p.page.waitForTimeout(300);
    assert.deepEqual(await states(p, ['long', 'long-gbp']), ['loading', 'loading'], 'the charts with the default timeout still wait');
    // render() again while the modules are held: it waits anew (a fresh 500 ms), rather than
    // failing at once, with its static chart on screen meanwhile (not a blank box).
    const early = await p.page.evaluate(async () => {
      const { render } = await import('/embed/bering-chart.js');
      const host = document.getElementById('short');
      const T = window.__beringTest;
      window.again = T.settledWithin(render(host), 8000);
      const image = host.shadowRoot.querySelector('.bering-static img');
      return { state: host.getAttribute('data-bering-state'), staticShown: !!image && image.checkVisibility(), after250: await T.settledWithin(window.again, 250) };
    });
    assert.deepEqual(early, { state: 'fallback', staticShown: true, after250: 'pending after 250 ms' }, 'it waits anew, its fallback on screen');
    // One with no static chart (pounds), rendered again while they are still held: it gives up
    // again, and its box's words are not said again in the console.
    assert.match(await renderAgain(p, 'short-gbp', {}, 5000), /did not finish within 500 ms/);
    const boxSaid = p.consoleMessages.filter((m) => m.includes('bering-chart: The interactive chart could not load'));
    assert.equal(boxSaid.length, 1, `the pounds chart's box said once: ${JSON.stringify(p.consoleMessages)}`);
    release();
    await waitFor(p, ['long', 'long-gbp'], 'ready');
    assert.match(await words(p, 'long-gbp'), /£/, 'the pounds chart is drawn in pounds');
    assert.equal(await states(p, ['short-gbp']).then(([s]) => s), 'fallback', 'a chart that gave up is not upgraded on its own');
    const settled = await p.page.evaluate(() => window.again);
    assert.ok(settled === 'resolved' || /did not finish within 500 ms/.test(settled), `render() again settles: ${settled}`);
    // Once the modules are here, render() again on a chart that gave up draws it.
    assert.equal(await renderAgain(p, 'short-gbp'), 'resolved');
    assert.equal(await renderAgain(p, 'short'), 'resolved');
    assert.deepEqual(await states(p, ['short', 'short-gbp']), ['ready', 'ready']);
    assert.match(await words(p, 'short-gbp'), /£/);
    assert.equal(causes(p).length, 1, `said once: ${JSON.stringify(p.consoleMessages)}`);
    assert.match(causes(p)[0], /loading the chart module did not finish within 500 ms/);
    assert.deepEqual(p.consoleMessages.filter((m) => / off because/.test(m)), [], 'nothing said off for the page');
    assert.deepEqual(p.pageErrors, []);
  } finally {
    await p.close();
  }
});

test('an update that needs a module still loading waits the chart\'s own timeout; one that built the chart meanwhile lets the wait go', async () => {
  const html = testPage([
    box('short', 'data-bering-chart="cost"'),
    box('long', 'data-bering-chart="cost"'),
    box('back', 'data-bering-chart="cost"'),
    box('gone', 'data-bering-chart="cost"'),
  ].join('\n'));
  const { p, release } = await openHolding('update-timeouts', html, ['bering_chart_model.wasm']);
  try {
    await waitFor(p, ['short', 'long', 'back', 'gone'], 'ready');
    await shortTimeout(p, ['short', 'back', 'gone']);
    const pounds = { currency: 'GBP', gbpPerUsd: '0.79' };
    // (A drawn chart's render() resolves at once; the update goes on behind it.)
    assert.equal(await renderAgain(p, 'short', pounds), 'resolved');
    assert.equal(await renderAgain(p, 'long', pounds), 'resolved');
    // Pounds asked for, then dollars again before the model came: the chart is built in
    // dollars at once, and the pounds wait, let go, does not fall back at its timeout.
    assert.equal(await renderAgain(p, 'back', pounds), 'resolved');
    assert.equal(await renderAgain(p, 'back', { currency: 'USD' }), 'resolved');
    // Destroyed while it waits: its timeout then changes nothing, and says nothing.
    await p.page.evaluate(async (opts) => {
      const { render } = await import('/embed/bering-chart.js');
      (await render(document.getElementById('gone'), opts)).destroy();
    }, pounds);
    await waitFor(p, ['short'], 'fallback');
    assert.match(await message(p, 'short'), /could not load: loading the rest of what the chart needs did not finish within 500 ms/);
    await p.page.waitForTimeout(500);
    assert.deepEqual(await states(p, ['long', 'back', 'gone']), ['ready', 'ready', null], 'the others are not failed by its timeout');
    assert.doesNotMatch(await words(p, 'long'), /£/, 'the chart waiting for pounds still shows dollars');
    assert.doesNotMatch(await words(p, 'back'), /£/);
    release();
    await p.page.waitForFunction(() => document.getElementById('long').shadowRoot.textContent.includes('£'), null, { timeout: 10_000 });
    assert.deepEqual(await states(p, ['short', 'long', 'back']), ['fallback', 'ready', 'ready']);
    // The chart that gave up loads again at its next update, and draws in pounds.
    assert.equal(await renderAgain(p, 'short'), 'resolved');
    assert.equal(await states(p, ['short']).then(([s]) => s), 'ready');
    assert.match(await words(p, 'short'), /£/);
    assert.doesNotMatch(await words(p, 'back'), /£/, 'the chart asked for dollars last stays in dollars');
    assert.equal(causes(p).length, 1, `said once: ${JSON.stringify(p.consoleMessages)}`);
    assert.deepEqual(p.consoleMessages.filter((m) => / off because/.test(m)), [], 'nothing said off for the page');
    assert.deepEqual(p.pageErrors, []);
  } finally {
    await p.close();
  }
});

test('a chart that turns custom while the input module is held falls back at its own timeout, saying why, and draws its data at its next update', async () => {
  const data = '{"title": "Two tunnels", "bars": [{"label": "Alpha", "value": 2}, {"label": "Beta", "value": 1}]}';
  const html = testPage([
    box('turns', 'data-bering-chart="length"'),
    box('custom', 'data-bering-chart="length"', `<script type="application/json">${data}</script>`),
  ].join('\n'));
  const { p, release } = await openHolding('custom-timeouts', html, ['bering_chart_input.wasm']);
  try {
    await waitFor(p, ['turns'], 'ready');
    await shortTimeout(p, ['turns']);
    // A framework puts data in the chart: it is custom now, and its module is held.
    const settled = p.page.evaluate(async (json) => {
      const host = document.getElementById('turns');
      window.appendedAt = performance.now();
      const script = document.createElement('script');
      script.type = 'application/json';
      script.textContent = json;
      host.append(script);
      const { render } = await import('/embed/bering-chart.js');
      return window.__beringTest.settledWithin(render(host), 5000);
    }, data);
    await waitFor(p, ['turns'], 'fallback');
    assert.match(await message(p, 'turns'), /could not load: loading the rest of what the chart needs did not finish within 500 ms/);
    const waited = await p.page.evaluate(() => window.__beringTest.events.find((e) => e.type === 'bering-chart:error' && e.id === 'turns').t - window.appendedAt);
    assert.ok(waited >= 450, `it waited its timeout for the module: ${waited} ms`);
    assert.equal(await states(p, ['custom']).then(([s]) => s), 'loading', 'the custom chart with the default timeout still waits');
    release();
    await waitFor(p, ['custom'], 'ready');
    assert.match(await words(p, 'custom'), /Two tunnels/);
    assert.equal(await renderAgain(p, 'turns'), 'resolved');
    assert.match(await words(p, 'turns'), /Two tunnels/);
    assert.match(await settled, /^resolved$|did not finish within 500 ms/);
    assert.equal(causes(p).length, 1, `said once: ${JSON.stringify(p.consoleMessages)}`);
    assert.deepEqual(p.consoleMessages.filter((m) => / off because/.test(m)), [], 'nothing said off for the page');
    assert.deepEqual(p.pageErrors, []);
  } finally {
    await p.close();
  }
});

test('a language whose words are slow: a chart with a short timeout falls back to its static chart in that language, one with the default timeout draws in it', async () => {
  const html = testPage([
    box('short', 'data-bering-chart="length" data-locale="de-DE" data-load-timeout="500"'),
    box('long', 'data-bering-chart="length" data-locale="de-DE"'),
  ].join('\n'));
  const { p, release } = await openHolding('pack-timeouts', html, ['locale/de.json']);
  try {
    await waitFor(p, ['short'], 'fallback');
    // (Its words, or on a busy machine the primary module, which its 500 ms bound too.)
    assert.match(await message(p, 'short'), /did not finish within 500 ms/);
    const image = await p.page.evaluate(() => {
      const img = document.getElementById('short').shadowRoot.querySelector('.bering-static img');
      return img && img.checkVisibility() ? new URL(img.src).pathname : null;
    });
    assert.equal(image, '/fallback/length-de-DE.svg', 'its German static chart shows');
    assert.equal(await states(p, ['long']).then(([s]) => s), 'loading');
    release();
    await waitFor(p, ['long'], 'ready');
    assert.match(await words(p, 'long'), /Der geplante Tunnel unter der Beringstraße/, 'the chart that waited speaks German');
    assert.deepEqual(p.consoleMessages.filter((m) => /words .* could not load| off because/.test(m)), [], 'the words are not said failed');
    assert.deepEqual(p.pageErrors, []);
  } finally {
    await p.close();
  }
});

test('a chart that gave up and loads again at render(), with no room to draw by then, falls back at its timeout saying so: its render() settles', async () => {
  const html = testPage([
    box('c', 'data-bering-chart="cost"'),
    box('gbp', `data-bering-chart="cost" ${GBP}`),
  ].join('\n'));
  const { p, release } = await openHolding('retry-no-room', html, ['bering_chart_model.wasm']);
  try {
    await waitFor(p, ['c'], 'ready');
    await shortTimeout(p, ['c']);
    assert.equal(await renderAgain(p, 'c', { currency: 'GBP', gbpPerUsd: '0.79' }), 'resolved');
    await waitFor(p, ['c'], 'fallback');
    release();
    // (The "model" module is here once the pounds chart with the default timeout is drawn.)
    await waitFor(p, ['gbp'], 'ready');
    // Its column is closed to nothing meanwhile; render() again loads it, and it has no room.
    await p.page.evaluate(() => { document.getElementById('c').parentElement.style.width = '0'; });
    const settled = await renderAgain(p, 'c', {}, 5000);
    assert.match(settled, /no room to draw/, `render() rejects, saying why: ${settled}`);
    assert.equal(await states(p, ['c']).then(([s]) => s), 'fallback');
    assert.deepEqual(p.pageErrors, []);
  } finally {
    await p.close();
  }
});

test('a page that updates a waiting chart often does not hold it in loading: its timeout counts from the first update that waits', async () => {
  const html = testPage(box('often', 'data-bering-chart="cost"'));
  const { p } = await openHolding('often-timeouts', html, ['bering_chart_model.wasm']);
  try {
    await waitFor(p, ['often'], 'ready');
    await shortTimeout(p, ['often']);
    // Pounds at a new rate every 150 ms for 3 s, each needing the "model" module, held.
    const firstFallback = await p.page.evaluate(async () => {
      const { render } = await import('/embed/bering-chart.js');
      const host = document.getElementById('often');
      const start = performance.now();
      for (let i = 0; i < 20; i++) {
        render(host, { currency: 'GBP', gbpPerUsd: (0.7 + i / 100).toFixed(2) }).catch(() => {});
        await new Promise((resolve) => { setTimeout(resolve, 150); });
      }
      const event = window.__beringTest.events.find((e) => e.type === 'bering-chart:error' && e.id === 'often' && e.detail?.state === 'fallback' && e.t > start);
      return event ? event.t - start : null;
    });
    assert.ok(firstFallback !== null && firstFallback < 1500, `fell back about 500 ms after the first update, not after the last (at 3 s): ${firstFallback} ms`);
    assert.deepEqual(p.pageErrors, []);
  } finally {
    await p.close();
  }
});
