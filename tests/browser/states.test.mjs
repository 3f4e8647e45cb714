// Every default chart (length, cost, context) reaches data-bering-state=ready in light
// and dark themes and in mi and km, fires one bering-chart:ready event (bubbling,
// composed) and paints the theme's background; theme=auto follows prefers-color-scheme.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, call, assertClean, onePage, COLOURS, withPage } from './browser.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const CHARTS = ['length', 'cost', 'context'];
const THEMES = ['light', 'dark'];
const UNITS = ['mi', 'km'];

test('all charts x themes x units become ready', async () => {
  await withPage(env, '/tests/browser/pages/charts.html', async (p) => {
    for (const chart of CHARTS) for (const theme of THEMES) for (const units of UNITS) {
      const id = `${chart}-${theme}-${units}`;
      const info = await call(p, 'info', `#${id}`);
      assert.equal(info.state, 'ready', `${id}: state (message: ${info.message})`);
      assert.ok(info.hasShadow, `${id}: open shadow root`);
      assert.equal(info.canvases, 1, `${id}: one canvas`);
      assert.equal(info.canvas.role, 'img', `${id}: canvas role`);
      assert.ok(info.canvas.label && info.canvas.label.trim().length > 0, `${id}: canvas aria-label`);
      assert.ok(info.canvas.width > 0 && info.canvas.height > 0, `${id}: canvas has pixels`);
      assert.equal(await call(p, 'modeColour', `#${id}`), COLOURS[theme].background, `${id}: background colour`);
      const runs = await call(p, 'longestRuns', `#${id}`, [COLOURS[theme].primary, COLOURS[theme].other]);
      assert.ok(runs[COLOURS[theme].primary].run > 0, `${id}: primary bar colour present`);
      assert.ok(runs[COLOURS[theme].other].run > 0, `${id}: other bar colour present`);
    }
    const events = await p.page.evaluate(() => window.__beringTest.events.filter((e) => e.type === 'bering-chart:ready'));
    for (const chart of CHARTS) for (const theme of THEMES) for (const units of UNITS) {
      const id = `${chart}-${theme}-${units}`;
      const mine = events.filter((e) => e.id === id);
      assert.equal(mine.length, 1, `${id}: exactly one bering-chart:ready event`);
      assert.ok(mine[0].bubbles && mine[0].composed, `${id}: ready event bubbles and is composed`);
      assert.equal(mine[0].detail?.chart, chart, `${id}: ready detail.chart`);
      assert.equal(mine[0].detail?.width, 640, `${id}: ready detail.width`);
      assert.ok(mine[0].detail?.height > 0, `${id}: ready detail.height`);
    }
    assertClean(p);
  });
});

for (const scheme of ['light', 'dark']) {
  test(`theme auto follows prefers-color-scheme: ${scheme}`, async () => {
    for (const chart of CHARTS) {
      const p = await openPage(env, onePage({ chart }), { colorScheme: scheme });
      try {
        assert.equal(await call(p, 'state', '#c'), 'ready', `${chart}`);
        assert.equal(await call(p, 'modeColour', '#c'), COLOURS[scheme].background, `${chart}: background`);
        assertClean(p);
      } finally {
        await p.close();
      }
    }
  });
}
