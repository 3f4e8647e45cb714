// Bad input is reported in the widget, not thrown at the page: an unknown chart, unknown
// units and a child spec that is not JSON each give state=error, a visible
// .bering-message naming the problem and a bering-chart:error event, while the good
// widgets on the same page become ready. The GBP cost chart needs data-gbp-per-usd.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, call, assertClean, withPage } from './browser.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

function errorEvents(p) {
  return p.page.evaluate(() => window.__beringTest.events.filter((e) => e.type === 'bering-chart:error'));
}

test('bad attributes and bad JSON: error in the box, neighbours ready', async () => {
  await withPage(env, '/tests/browser/pages/errors.html', async (p) => {
    const bad = {
      'bad-chart': /pie|data-bering-chart/i,
      'bad-units': /furlongs|data-units/i,
      'bad-json': /not valid JSON/,
      'null-json': /the JSON must be an object/,
      'array-json': /the JSON must be an object/,
      'empty-json': /is empty/,
      // Data under another JSON type is the newsroom's all the same: refused with why, never
      // ignored for the story's default chart.
      'typo-json': /^Chart data: the child <script> has type="text\/json"; give it type="application\/json"\.$/,
      'negative-value': /"bars\[0\]\.value" is -3; values must be 0 or more/,
      'string-value': /"bars\[0\]\.value" must be a number, not text "NaN"/,
      'bad-theme': /data-theme="sepia" is not allowed/,
      'slip-rate': /^data-gbp-per-usd="7\.9" is not allowed: use pounds per US dollar, a number from 0\.2 to 2, e\.g\. "0\.79"\.$/,
      // (No lookup by the page's strings reaches an object's prototype: the shim's head start
      // looked the chart up in a plain object, and failed with a TypeError before the wasm spoke.)
      'proto-chart': /^data-bering-chart="__proto__" is not allowed: use "length", "cost" or "context"\.$/,
      'constructor-chart': /^data-bering-chart="constructor" is not allowed: use "length", "cost" or "context"\.$/,
    };
    const events = await errorEvents(p);
    for (const [id, re] of Object.entries(bad)) {
      const info = await call(p, 'info', `#${id}`);
      assert.equal(info.state, 'error', `#${id}: state`);
      assert.ok(info.message && info.message.trim().length > 0, `#${id}: message text`);
      assert.match(info.message, re, `#${id}: message names the problem`);
      assert.ok(info.messageVisible, `#${id}: message is visible`);
      const mine = events.filter((e) => e.id === id);
      assert.equal(mine.length, 1, `#${id}: one bering-chart:error event`);
      assert.ok(mine[0].bubbles && mine[0].composed, `#${id}: error event bubbles and is composed`);
      assert.ok(typeof mine[0].detail?.message === 'string' && mine[0].detail.message.length > 0,
        `#${id}: error detail.message`);
    }
    for (const id of ['good-length', 'good-cost', 'good-custom', 'charset-json']) {
      const info = await call(p, 'info', `#${id}`);
      assert.equal(info.state, 'ready', `#${id}: state (message: ${info.message})`);
      assert.equal(info.canvases, 1, `#${id}: canvas`);
      assert.ok(!info.messageVisible, `#${id}: no message shown`);
      assert.equal(events.filter((e) => e.id === id).length, 0, `#${id}: no error event`);
    }
    // Text from data is drawn, never parsed: no element was created from it.
    const parsed = await p.page.evaluate(() => {
      const root = document.getElementById('good-custom').shadowRoot;
      return { img: root.querySelectorAll('img, b').length, label: root.querySelector('canvas').getAttribute('aria-label'),
        description: root.getElementById(root.querySelector('canvas').getAttribute('aria-describedby')).textContent };
    });
    assert.equal(await p.page.evaluate(() => document.getElementById('charset-json').shadowRoot.querySelector('canvas').getAttribute('aria-label')), 'With a charset', 'JSON with a charset parameter is read');
    assert.equal(parsed.img, 0);
    assert.equal(parsed.label, '<b>Not bold</b>', 'the title, as text');
    assert.match(parsed.description, /<img src=x onerror=alert\(1\)> 3 km/);
    // Bad input must not surface as an uncaught error (console messages are allowed).
    assertClean(p, { allowConsole: true });
  });
});

test('GBP cost chart: missing rate is an error, a given rate is ready', async () => {
  await withPage(env, '/tests/browser/pages/gbp.html', async (p) => {
    const noRate = await call(p, 'info', '#no-rate');
    assert.equal(noRate.state, 'error', '#no-rate: state');
    assert.match(noRate.message ?? '', /rate|gbp-per-usd/i, '#no-rate: message explains the missing rate');
    assert.ok(noRate.messageVisible, '#no-rate: message visible');
    const events = await errorEvents(p);
    assert.equal(events.filter((e) => e.id === 'no-rate').length, 1, '#no-rate: bering-chart:error event');

    const withRate = await call(p, 'info', '#with-rate');
    assert.equal(withRate.state, 'ready', `#with-rate: state (message: ${withRate.message})`);
    assert.equal(withRate.canvases, 1);
    assertClean(p, { allowConsole: true });
  });
});
