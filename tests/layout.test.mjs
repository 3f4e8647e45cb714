// Layout at container widths 280, 320, 640, 960 and 1200 px: the canvas is exactly as
// wide as the container (on first load and after a resize), stays inside it, and the
// widget is ready.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, call, assertClean, onePage } from './browser.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const WIDTHS = [280, 320, 640, 960, 1200];

for (const chart of ['length', 'cost', 'context']) {
  for (const w of WIDTHS) {
    test(`${chart} at ${w}px`, async () => {
      const p = await openPage(env, onePage({ chart, width: w }));
      try {
        const info = await call(p, 'info', '#c');
        assert.equal(info.state, 'ready', `state (message: ${info.message})`);
        assert.equal(info.hostWidth, w, 'host width');
        assert.equal(parseFloat(info.canvas.styleWidth), w, 'canvas CSS width');
        assert.equal(info.canvas.rectWidth, w, 'canvas laid-out width');
        assert.equal(info.canvas.width, w, 'canvas backing width at dpr 1');
        assert.ok(info.canvas.rectLeft >= 0 && info.canvas.rectRight <= w, 'canvas inside its container');
        assert.ok(info.canvas.height > 0, 'canvas height');
        assertClean(p);
      } finally {
        await p.close();
      }
    });
  }

  test(`${chart}: resized through every width`, async () => {
    const p = await openPage(env, onePage({ chart, width: 640 }));
    try {
      for (const w of WIDTHS) {
        await p.page.evaluate((px) => { document.getElementById('box').style.width = `${px}px`; }, w);
        await p.page.waitForFunction((px) => parseFloat(window.__beringTest.canvas('#c')?.style.width) === px, w, { timeout: 10_000 });
        const info = await call(p, 'info', '#c');
        assert.equal(info.state, 'ready', `${w}px: state`);
        assert.equal(info.canvas.width, w, `${w}px: canvas backing width`);
      }
      assertClean(p);
    } finally {
      await p.close();
    }
  });
}
