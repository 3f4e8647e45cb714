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

// The canvas holds the bars, their labels and values; the title and takeaway above it
// and the note and source below it are page text, placed where the Rust layout put them
// (the same as in the static SVG), hidden from assistive technology (the caption and
// description say them), inside the chart's box and clear of the canvas.
for (const w of [320, 640, 1200]) {
  test(`the text around the canvas is page text where the layout put it (${w}px)`, async () => {
    const p = await openPage(env, onePage({ chart: 'context', width: w }));
    try {
      const seen = await p.page.evaluate(() => {
        const root = document.getElementById('c').shadowRoot;
        const figure = root.querySelector('figure.bering').getBoundingClientRect();
        const canvas = root.querySelector('canvas').getBoundingClientRect();
        const box = root.querySelector('.bering-text');
        const lines = [...box.children].map((line) => {
          const r = line.getBoundingClientRect();
          return { text: line.textContent, top: r.top - figure.top, bottom: r.bottom - figure.top, left: r.left - figure.left,
            right: r.right - figure.left, visible: line.checkVisibility(), color: getComputedStyle(line).color };
        });
        return {
          hidden: box.getAttribute('aria-hidden'),
          figure: { height: figure.height, width: figure.width },
          canvas: { top: canvas.top - figure.top, bottom: canvas.bottom - figure.top },
          lines,
          caption: root.querySelector('figcaption').textContent,
        };
      });
      assert.equal(seen.hidden, 'true', 'aria-hidden: the caption and description carry the words');
      assert.ok(seen.lines.length >= 4, `title, takeaway, note and source lines: ${JSON.stringify(seen.lines.map((l) => l.text))}`);
      assert.ok(seen.caption.startsWith(seen.lines[0].text.trim()), `the first line starts the title: ${seen.lines[0].text}`);
      assert.ok(seen.lines.some((l) => l.text.startsWith('Source:')), 'the source line');
      assert.ok(seen.canvas.top > 0 && seen.canvas.bottom < seen.figure.height, 'text above and below the canvas');
      for (const line of seen.lines) {
        assert.ok(line.visible, `${line.text}: visible`);
        assert.ok(line.left >= 0 && line.right <= seen.figure.width + 0.5, `${line.text}: inside the chart's width (${line.left}..${line.right})`);
        assert.ok(line.top >= 0 && line.bottom <= seen.figure.height, `${line.text}: inside the chart's height`);
        assert.ok(line.bottom <= seen.canvas.top + 0.5 || line.top >= seen.canvas.bottom - 0.5, `${line.text}: clear of the canvas`);
        assert.notEqual(line.color, 'rgba(0, 0, 0, 0)', `${line.text}: coloured`);
      }
      for (let i = 1; i < seen.lines.length; i++) {
        assert.ok(seen.lines[i].top >= seen.lines[i - 1].bottom - 0.5, `lines in order, not overlapping: ${seen.lines[i - 1].text} / ${seen.lines[i].text}`);
      }
      assertClean(p);
    } finally {
      await p.close();
    }
  });
}
