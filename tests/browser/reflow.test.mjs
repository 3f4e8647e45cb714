// Reflow (WCAG 1.4.10): at 200% and 400% browser zoom — emulated as a narrower CSS
// viewport at a higher device pixel ratio, which is what zoom does — every chart is
// ready, fills its column without horizontal scrolling, keeps its backing store at
// CSS size x ratio, and its canvas text stays inside the canvas (nothing clipped:
// the layout is drawn at the column's own width).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, call, assertClean } from './browser.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

// A 1280 x 900 window at 100%, 200% and 400% zoom.
for (const zoom of [1, 2, 4]) {
  test(`reflow at ${zoom * 100}% zoom`, async () => {
    const width = Math.floor(1280 / zoom);
    const p = await openPage(env, '/tests/browser/pages/a11y.html?width=' + (width - 32), {
      width, height: Math.floor(900 / zoom), deviceScaleFactor: zoom,
    });
    try {
      const page = await p.page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
        charts: [...document.querySelectorAll('[data-bering-chart]')].map((el) => {
          const canvas = el.shadowRoot.querySelector('canvas');
          const box = canvas.getBoundingClientRect();
          return { state: el.getAttribute('data-bering-state'), cssWidth: box.width, cssHeight: box.height, width: canvas.width, height: canvas.height, right: box.right };
        }),
      }));
      assert.ok(page.scrollWidth <= page.clientWidth, `no horizontal scrolling: ${page.scrollWidth} > ${page.clientWidth}`);
      assert.equal(page.charts.length, 3);
      for (const c of page.charts) {
        assert.equal(c.state, 'ready');
        assert.equal(c.cssWidth, width - 32, 'the chart fills its column');
        assert.ok(c.right <= page.clientWidth);
        assert.equal(c.width, Math.round(c.cssWidth * zoom), 'backing store = CSS width x ratio');
        assert.equal(c.height, Math.round(c.cssHeight * zoom), 'backing store = CSS height x ratio');
      }
      assertClean(p);
    } finally {
      await p.close();
    }
  });
}
