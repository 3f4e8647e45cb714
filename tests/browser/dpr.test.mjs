// High-DPI: with deviceScaleFactor 1.5, 2 and 3 the canvas backing store is
// round(CSS size x DPR) in both directions, and the draw event reports the ratio.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, call, assertClean, onePage, withPage } from './browser.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

for (const dpr of [2, 3, 1.5]) {
  for (const chart of ['length', 'cost', 'context']) {
    test(`deviceScaleFactor ${dpr}: ${chart}`, async () => {
      const p = await openPage(env, onePage({ chart, width: 640 }), { deviceScaleFactor: dpr });
      try {
        const info = await call(p, 'info', '#c');
        assert.equal(info.state, 'ready');
        const c = info.canvas;
        const cssW = parseFloat(c.styleWidth);
        const cssH = parseFloat(c.styleHeight);
        assert.equal(cssW, 640, 'canvas CSS width');
        assert.equal(c.rectWidth, cssW, 'laid-out width matches style width');
        assert.equal(c.rectHeight, cssH, 'laid-out height matches style height');
        assert.ok(cssH > 0, 'canvas CSS height');
        assert.equal(c.width, Math.round(cssW * dpr), `canvas.width = ${dpr} x CSS width`);
        assert.equal(c.height, Math.round(cssH * dpr), `canvas.height = ${dpr} x CSS height`);
        const draws = await p.page.evaluate(() => window.__beringTest.events.filter((e) => e.type === 'bering-chart:draw'));
        assert.ok(draws.length >= 1, 'a bering-chart:draw event fired');
        assert.equal(draws.at(-1).detail?.pixelRatio, dpr, 'draw detail.pixelRatio');
        assertClean(p);
      } finally {
        await p.close();
      }
    });
  }
}

// The reader moves the window to a screen with another pixel ratio (or zooms):
// the widget redraws at the new ratio without any resize of its container.
test('pixel ratio change redraws at the new ratio', async () => {
  await withPage(env, onePage({ chart: 'length', width: 640 }), async (p) => {
    assert.equal((await call(p, 'info', '#c')).canvas.width, 640);
    const cdp = await p.page.context().newCDPSession(p.page);
    const viewport = p.page.viewportSize();
    // Chromium re-evaluates media queries on a viewport change; the 640 px container
    // does not change, so only the pixel-ratio listener can trigger the redraw.
    await cdp.send('Emulation.setDeviceMetricsOverride', { width: viewport.width - 20, height: viewport.height, deviceScaleFactor: 2, mobile: false });
    await p.page.waitForFunction(() => window.__beringTest.canvas('#c').width === 1280, null, { timeout: 10_000 });
    const info = await call(p, 'info', '#c');
    assert.equal(parseFloat(info.canvas.styleWidth), 640, 'CSS width unchanged');
    assert.equal(info.canvas.height, Math.round(parseFloat(info.canvas.styleHeight) * 2));
    const last = await p.page.evaluate(() => window.__beringTest.events.filter((e) => e.type === 'bering-chart:draw').at(-1));
    assert.equal(last.detail.pixelRatio, 2);
    assertClean(p);
  });
});
