// Resizing the container redraws the widget: the canvas follows the new width, a
// bering-chart:draw event fires, and 20 width changes in one task cause at most 2
// redraws (batched to one per animation frame).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, call, assertClean, onePage, withPage } from './browser.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

async function canvasWidthBecomes(p, w) {
  await p.page.waitForFunction((want) => {
    const c = window.__beringTest.canvas('#c');
    return c && parseFloat(c.style.width) === want;
  }, w, { timeout: 10_000 }).catch(async () => {
    const info = await call(p, 'info', '#c');
    throw new Error(`canvas CSS width did not become ${w}: ${JSON.stringify(info)}`);
  });
}

for (const chart of ['length', 'cost', 'context']) {
  test(`resize redraws: ${chart}`, async () => {
    const p = await openPage(env, onePage({ chart, width: 640 }));
    try {
      assert.equal(await call(p, 'state', '#c'), 'ready');
      const before = await call(p, 'info', '#c');
      assert.equal(parseFloat(before.canvas.styleWidth), 640);
      const draws0 = await call(p, 'draws', 'c');
      assert.ok(draws0 >= 1, 'initial draw event');

      await p.page.evaluate(() => { document.getElementById('box').style.width = '400px'; });
      await canvasWidthBecomes(p, 400);
      const after = await call(p, 'info', '#c');
      assert.equal(after.canvas.width, 400, 'backing store width at dpr 1');
      assert.equal(after.state, 'ready');
      const draws1 = await call(p, 'draws', 'c');
      assert.ok(draws1 > draws0, `a bering-chart:draw event fired on resize (${draws0} -> ${draws1})`);
      const last = await p.page.evaluate(() => window.__beringTest.events.filter((e) => e.type === 'bering-chart:draw').at(-1));
      assert.equal(last.detail?.width, 400, 'draw detail.width');
      assert.equal(last.detail?.height, after.figureHeight, 'draw detail.height is the whole chart\'s');
      assert.equal(last.detail?.draws, draws1, 'draw detail.draws counts redraws of the element');

      // 20 synchronous width changes in one task (forcing layout each time).
      await p.page.evaluate(() => window.__beringTest.frames(3));
      const draws2 = await call(p, 'draws', 'c');
      await p.page.evaluate(() => {
        const box = document.getElementById('box');
        for (let i = 0; i < 20; i++) {
          box.style.width = `${300 + i * 10}px`;
          void box.offsetWidth;
        }
      });
      await canvasWidthBecomes(p, 490);
      await p.page.evaluate(() => window.__beringTest.frames(6));
      const draws3 = await call(p, 'draws', 'c');
      assert.ok(draws3 - draws2 >= 1, 'the burst caused a redraw');
      assert.ok(draws3 - draws2 <= 2, `the burst caused ${draws3 - draws2} redraws, want at most 2`);
      assert.equal((await call(p, 'info', '#c')).canvas.width, 490);
      assertClean(p);
    } finally {
      await p.close();
    }
  });
}

// A page that reacts to our events by changing widths (or making widgets) must not get
// "ResizeObserver loop" errors: the shim draws a new width in its observer's callback, and
// announces the drawing (events, ready, the render() promise) in a task after that frame.
test('a page that resizes the chart from its draw event gets no ResizeObserver loop error', async () => {
  await withPage(env, onePage({ chart: 'length', width: 640 }), async (p) => {
    const result = await p.page.evaluate(async () => {
      const errors = [];
      addEventListener('error', (e) => errors.push(String(e.message)));
      const box = document.getElementById('box');
      const widths = [600, 520, 480, 440, 400];
      const drawn = [];
      await new Promise((resolve) => {
        document.addEventListener('bering-chart:draw', (e) => {
          drawn.push(e.detail.width);
          const next = widths.shift();
          if (next === undefined) resolve();
          else box.style.width = `${next}px`;
        });
        box.style.width = '620px';
      });
      await window.__beringTest.frames(3);
      return { errors, drawn };
    });
    assert.deepEqual(result.errors, [], 'no error events');
    assert.deepEqual(result.drawn, [620, 600, 520, 480, 440, 400], 'each width drawn once, in order');
    assertClean(p);
  });
});
