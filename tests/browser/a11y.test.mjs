// Accessibility of the widget (issue 4), in real headless Chromium:
// - axe-core (npm, injected from node_modules; it checks inside open shadow roots) with the
//   tags wcag2a, wcag2aa, wcag21a, wcag21aa, wcag22aa and best-practice finds 0 violations
//   on the preview page (dist/index.html, with the generator), the frame page
//   (dist/frame.html?chart=length|cost|context) and a host page with every chart
//   (tests/browser/pages/a11y.html), each in light and dark;
// - the canvas's accessible name (Chromium's accessibility tree) is the title and its
//   description has every figure; the hidden data table has every figure, qualifier and
//   the source line, with caption and th scope;
// - keyboard: Tab from the element before reaches the canvas, arrows/Home/End move the
//   focus (tooltip and live text name the bar, a ring in the text colour is drawn around
//   it), Escape hides the tooltip, leaving clears the ring; pointer hover shows the tooltip;
// - motion: under prefers-reduced-motion the first frame is final (no grow-in),
//   otherwise the canvas is drawn once and covers grow the bars in (400 ms), then ready;
// - data-theme auto follows prefers-color-scheme live; forced colours stay legible;
//   the house style (--bering-accent, --bering-bg) is read at every drawing;
// - text follows the reader's default font size (set through CDP Page.setFontSizes).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { setup, openPage, settled, call, assertClean, COLOURS, REPO, withPage, testPage, generated } from './browser.mjs';

const AXE_SOURCE = readFileSync(path.join(REPO, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
// Served from the page's own origin (a route), so pages with a strict CSP (frame.html) run it too.
const AXE_PATH = '/__axe/axe.min.js';
const withAxe = (context) => context.route(`**${AXE_PATH}`,
  (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: AXE_SOURCE }));

/** Every chart variant the host page can show, with its figures as spoken and as shown (en-US). */
const VARIANTS = {
  length: {
    spoken: ['70 miles', '51 miles'], shown: ['70 mi', '51 mi'], qualifiers: ['', ''],
  },
  'length:km': {
    spoken: ['112.7 kilometers', '82.1 kilometers'], shown: ['112.7 km', '82.1 km'], qualifiers: ['', ''],
  },
  cost: {
    spoken: ['under 8 billion US dollars', 'over 65 billion US dollars'],
    shown: ['under $8bn', 'over $65bn'], qualifiers: ['under', 'over'],
  },
  'cost:GBP:0.79': {
    spoken: ['under 6.3 billion pounds sterling', 'over 51.4 billion pounds sterling'],
    shown: ['under £6.3bn', 'over £51.4bn'], qualifiers: ['under', 'over'],
  },
  context: {
    spoken: ['70 miles', '35.5 miles', '33.5 miles', '31.3 miles'],
    shown: ['70 mi', '35.5 mi', '33.5 mi', '31.3 mi'], qualifiers: ['', '', '', ''],
  },
  'context:km': {
    spoken: ['112.7 kilometers', '57.1 kilometers', '53.9 kilometers', '50.5 kilometers'],
    shown: ['112.7 km', '57.1 km', '53.9 km', '50.5 km'], qualifiers: ['', '', '', ''],
  },
};
const ALL = Object.keys(VARIANTS).join(',');
const idOf = (variant) => variant.replaceAll(':', '-').replaceAll('.', '');
const SOURCE = 'Source: Kirill Dmitriev on X, 16 Oct 2025; The Independent';
/** Text colour of the themes (the focus ring's colour); src/theme.rs. */
const TEXT = { light: '#1b1b1b', dark: '#eceff4' };

/** No-break and narrow no-break spaces as plain spaces, for comparing text. */
const plain = (s) => s.replace(/[\u00a0\u202f]/g, ' ');

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

function host(variants, params = {}) {
  const q = new URLSearchParams({ charts: variants, ...params });
  return `/tests/browser/pages/a11y.html?${q}`;
}

/** Wait until every widget of the page (and frame.html's #chart) is ready. */
async function allReady(p) {
  await settled(p);
  await p.page.waitForFunction(() => {
    const els = [...document.querySelectorAll('[data-bering-chart], #chart')];
    return els.length > 0 && els.every((el) => el.getAttribute('data-bering-state') === 'ready');
  }, null, { timeout: 20_000 }).catch(async (err) => {
    const states = await p.page.evaluate(() => [...document.querySelectorAll('[data-bering-chart], #chart')]
      .map((el) => `${el.id}=${el.getAttribute('data-bering-state')}`));
    throw new Error(`not every chart became ready: ${states.join(', ')}; ${err.message}`);
  });
}

function formatViolations(violations) {
  return violations.map((v) => `- ${v.id} (${v.impact}): ${v.help} [${v.helpUrl}]\n`
    + v.nodes.map((n) => `    ${JSON.stringify(n.target)}: ${(n.failureSummary ?? '').replace(/\s*\n\s*/g, ' | ')}\n`
      + `      ${n.html.slice(0, 200)}`).join('\n')).join('\n');
}

async function runAxe(p) {
  await p.page.addScriptTag({ url: AXE_PATH });
  return p.page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }), AXE_TAGS);
}

// --- 1. axe-core -------------------------------------------------------------------------

const AXE_PAGES = [
  ['preview page', '/index.html'],
  ['frame page, length', '/frame.html?chart=length'],
  ['frame page, cost', '/frame.html?chart=cost'],
  ['frame page, context', '/frame.html?chart=context'],
];
for (const scheme of ['light', 'dark']) {
  const pages = [...AXE_PAGES, ['host page with every chart', host(ALL, { theme: scheme })]];
  for (const [name, pagePath] of pages) {
    test(`axe: 0 violations on the ${name} (${scheme})`, async () => {
      const p = await openPage(env, pagePath, { colorScheme: scheme, prepare: withAxe });
      try {
        await allReady(p);
        const results = await runAxe(p);
        assert.equal(results.violations.length, 0,
          `${pagePath} (${scheme}): axe violations:\n${formatViolations(results.violations)}`);
        // axe looked inside the widgets' shadow roots (targets there are [host, inner] paths).
        const shadowChecked = results.passes.some((rule) => rule.nodes.some((n) => Array.isArray(n.target[0])));
        assert.ok(shadowChecked, `${pagePath}: axe checked no node inside a shadow root`);
        assertClean(p);
      } finally {
        await p.close();
      }
    });
  }
}

for (const scheme of ['light', 'dark']) {
  test(`axe: 0 violations on the editor holding a pasted block with messages at its cells (${scheme})`, async () => {
    const p = await openPage(env, '/index.html', { colorScheme: scheme, prepare: withAxe, height: 1000 });
    try {
      await allReady(p);
      await p.page.evaluate(() => {
        const field = document.getElementById('ed-paste');
        const data = new DataTransfer();
        data.setData('text/plain', 'Label\tValue\nTunnel\t70\nStrait\tfifty-one\n');
        field.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
      });
      await p.page.waitForSelector('#ed-rows .ed-cell-problem');
      await p.page.waitForSelector('#ed-message:not([hidden])');
      const results = await runAxe(p);
      assert.equal(results.violations.length, 0, `editor (${scheme}): axe violations:\n${formatViolations(results.violations)}`);
      const checkedCells = results.passes.some((rule) => rule.nodes.some((n) => String(n.target).includes('ed-rows')));
      assert.ok(checkedCells, 'axe checked the bars table');
    } finally {
      await p.close();
    }
  });
}

test('axe: 0 violations on a host page in German, Russian and French', async () => {
  for (const [locale, scheme] of [['de-DE', 'light'], ['ru-RU', 'dark'], ['fr-FR', 'light']]) {
    const p = await openPage(env, host(ALL, { locale, theme: scheme }), { colorScheme: scheme, prepare: withAxe });
    try {
      await allReady(p);
      const results = await runAxe(p);
      assert.equal(results.violations.length, 0, `${locale}: axe violations:\n${formatViolations(results.violations)}`);
      assertClean(p);
    } finally {
      await p.close();
    }
  }
});

// --- 2. Name, description, table ----------------------------------------------------------

/** What a widget's shadow root says, as text. */
function readWidget(p, id) {
  return p.page.evaluate((sel) => {
    const root = document.querySelector(sel).shadowRoot;
    const canvas = root.querySelector('canvas');
    const describedBy = canvas.getAttribute('aria-describedby');
    const description = describedBy ? root.getElementById(describedBy) : null;
    const table = root.querySelector('table');
    return {
      figureLang: root.querySelector('figure.bering')?.getAttribute('lang'),
      caption: root.querySelector('figure.bering > figcaption')?.textContent ?? null,
      role: canvas.getAttribute('role'),
      tabIndex: canvas.tabIndex,
      label: canvas.getAttribute('aria-label'),
      describedBy,
      description: description?.textContent ?? null,
      tableCaption: table?.caption?.textContent ?? null,
      colHeaders: [...(table?.querySelectorAll('thead th') ?? [])].map((th) => [th.scope, th.textContent]),
      rows: [...(table?.tBodies[0]?.rows ?? [])].map((tr) => [...tr.cells].map((c) => ({
        tag: c.tagName.toLowerCase(), scope: c.getAttribute('scope'), text: c.textContent,
      }))),
      tooltipRole: root.querySelector('.bering-tooltip')?.getAttribute('role'),
      live: root.querySelector('[aria-live]')?.getAttribute('aria-live'),
      link: root.querySelector('a.bering-data')?.textContent,
    };
  }, `#${id}`);
}

/** Chromium's own accessibility tree: name and description of every role=img node. */
async function axImages(p) {
  const cdp = await p.context.newCDPSession(p.page);
  try {
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    return nodes.filter((n) => !n.ignored && n.role?.value === 'image')
      .map((n) => ({ name: n.name?.value ?? '', description: n.description?.value ?? '' }));
  } finally {
    await cdp.detach();
  }
}

// Every chart's hidden data table is in the accessibility tree with its cells, including
// charts far below the fold (a short viewport puts most of them there). Skipping the
// tables' layout with content-visibility: auto was tried: Chromium then drops them from
// the accessibility tree, which this test catches.
test('every data table is in the accessibility tree, on screen or not', async () => {
  await withPage(env, host(ALL), { height: 300 }, async (p) => {
    await allReady(p);
    const below = await p.page.evaluate(() => [...document.querySelectorAll('[data-bering-chart]')]
      .filter((el) => el.getBoundingClientRect().top > window.innerHeight).length);
    assert.ok(below >= 3, `${below} charts below the fold`);
    const cdp = await p.context.newCDPSession(p.page);
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    await cdp.detach();
    const live = nodes.filter((n) => !n.ignored);
    const tables = live.filter((n) => n.role?.value === 'table');
    assert.equal(tables.length, Object.keys(VARIANTS).length, `one table per chart: ${tables.map((t) => t.name?.value).join(' | ')}`);
    const cells = new Set(live.filter((n) => ['cell', 'gridcell', 'rowheader', 'columnheader', 'StaticText'].includes(n.role?.value))
      .map((n) => plain(n.name?.value ?? '')));
    for (const want of Object.values(VARIANTS)) {
      for (const shown of want.shown) assert.ok(cells.has(shown), `a cell reads ${JSON.stringify(shown)}`);
    }
    assertClean(p);
  });
});

test('accessible name is the title; description and data table carry every figure', async () => {
  await withPage(env, host(ALL), async (p) => {
    await allReady(p);
    const images = await axImages(p);
    assert.equal(images.length, Object.keys(VARIANTS).length, `one image per chart in the accessibility tree: ${JSON.stringify(images)}`);
    for (const [index, [variant, want]] of Object.entries(VARIANTS).entries()) {
      const id = idOf(variant);
      const w = await readWidget(p, id);
      assert.equal(w.role, 'img', `${id}: canvas role`);
      assert.equal(w.tabIndex, 0, `${id}: canvas is one tab stop`);
      assert.ok(w.label && w.label.length > 10, `${id}: aria-label ${JSON.stringify(w.label)}`);
      assert.equal(w.figureLang, 'en-US', `${id}: figure lang`);
      assert.ok(w.caption?.startsWith(w.label), `${id}: figcaption starts with the title: ${JSON.stringify(w.caption)}`);
      assert.ok(w.caption.length > w.label.length + 10, `${id}: figcaption has a takeaway: ${JSON.stringify(w.caption)}`);
      assert.ok(w.description, `${id}: aria-describedby=${JSON.stringify(w.describedBy)} resolves inside the shadow root`);
      const description = plain(w.description);
      for (const figure of want.spoken) {
        assert.ok(description.includes(figure), `${id}: description has "${figure}": ${JSON.stringify(w.description)}`);
      }
      // What Chromium hands to screen readers (the tree lists the images in document order).
      assert.equal(images[index].name, w.label, `${id}: accessible name`);
      assert.equal(images[index].description, w.description, `${id}: accessible description`);

      // The data table.
      assert.equal(w.tableCaption, w.label, `${id}: table caption is the title`);
      assert.ok(w.colHeaders.length >= 4 && w.colHeaders.every(([scope]) => scope === 'col'),
        `${id}: column headers with scope=col: ${JSON.stringify(w.colHeaders)}`);
      const columns = w.colHeaders.map(([, text]) => text);
      const col = (name) => {
        const i = columns.indexOf(name);
        assert.ok(i >= 0, `${id}: a "${name}" column in ${JSON.stringify(columns)}`);
        return i;
      };
      assert.equal(w.rows.length, want.shown.length, `${id}: one row per bar`);
      w.rows.forEach((cells, i) => {
        assert.equal(cells[0].tag, 'th', `${id} row ${i}: row header`);
        assert.equal(cells[0].scope, 'row', `${id} row ${i}: row header scope`);
        assert.ok(cells[0].text.length > 0, `${id} row ${i}: label`);
        assert.equal(plain(cells[col('As shown')].text), want.shown[i], `${id} row ${i}: figure as shown`);
        assert.equal(cells[col('Qualifier')].text, want.qualifiers[i], `${id} row ${i}: qualifier`);
        assert.ok(cells[col('Source')].text.startsWith(SOURCE), `${id} row ${i}: source line: ${cells[col('Source')].text}`);
        assert.ok(Number.isFinite(Number(cells[col('Value')].text)), `${id} row ${i}: value ${cells[col('Value')].text}`);
      });
      assert.equal(w.tooltipRole, 'tooltip', `${id}: tooltip role`);
      assert.equal(w.live, 'polite', `${id}: live region`);
      assert.equal(w.link, 'Get the data', `${id}: data link text`);
    }
    assertClean(p);
  });
});

// --- 3. Keyboard and pointer --------------------------------------------------------------

/**
 * Horizontal bands of colour `hex` in the canvas of `sel`: runs of at least 20 device px,
 * stacked on consecutive rows with the same left edge -> [{y0, y1, x0, x1}] (device px).
 */
function bands(p, sel, hex, shot = null) {
  return p.page.evaluate(async ([s, h, png]) => {
    const { data, width, height } = png ? await window.__beringTest.screenshotPixels(png) : window.__beringTest.pixels(s);
    const t = [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
    const out = [];
    let cur = null;
    for (let y = 0; y < height; y++) {
      let x0 = -1;
      let best = [0, -1, -1];
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 4;
        if (Math.abs(data[i] - t[0]) <= 2 && Math.abs(data[i + 1] - t[1]) <= 2 && Math.abs(data[i + 2] - t[2]) <= 2) {
          if (x0 < 0) x0 = x;
          if (x - x0 + 1 > best[0]) best = [x - x0 + 1, x0, x];
        } else x0 = -1;
      }
      if (best[0] >= 20) {
        if (cur && cur.y1 === y - 1 && cur.x0 === best[1]) {
          cur.y1 = y;
          cur.x1 = Math.max(cur.x1, best[2]);
        } else {
          cur = { y0: y, y1: y, x0: best[1], x1: best[2] };
          out.push(cur);
        }
      }
    }
    return out;
  }, [sel, hex, shot]);
}

/** The bars of a light-themed chart, top to bottom (primary colour first, then the others). */
async function barsOf(p, sel, theme = 'light', shot = null) {
  const primary = await bands(p, sel, COLOURS[theme].primary, shot);
  const others = await bands(p, sel, COLOURS[theme].other, shot);
  return [...primary, ...others].sort((a, b) => a.y0 - b.y0);
}

/** Whether a ring in `ringHex` is drawn around `bar`: a line just above and one just below, each wider than the bar. */
function ringAround(ringBands, bar) {
  const covers = (b) => b.x0 <= bar.x0 - 2 && b.x1 >= bar.x1 + 2;
  const above = ringBands.some((b) => covers(b) && b.y1 < bar.y0 && bar.y0 - b.y1 <= 6);
  const below = ringBands.some((b) => covers(b) && b.y0 > bar.y1 && b.y0 - bar.y1 <= 6);
  return above && below;
}

function tooltipOf(p, sel) {
  return p.page.evaluate((s) => {
    const root = document.querySelector(s).shadowRoot;
    const tip = root.querySelector('.bering-tooltip');
    const canvas = root.querySelector('canvas').getBoundingClientRect();
    const ratio = root.querySelector('canvas').width / canvas.width;
    return {
      text: tip.textContent, hidden: tip.hidden, visible: tip.checkVisibility(),
      // The tooltip's edges in the canvas's device pixels (as the bars are found).
      top: (tip.getBoundingClientRect().top - canvas.top) * ratio,
      bottom: (tip.getBoundingClientRect().bottom - canvas.top) * ratio,
      left: (tip.getBoundingClientRect().left - canvas.left) * ratio,
      right: (tip.getBoundingClientRect().right - canvas.left) * ratio,
      live: root.querySelector('[aria-live]').textContent,
      labels: [...root.querySelector('table').tBodies[0].rows].map((r) => r.cells[0].textContent),
    };
  }, sel);
}

async function afterRedraw(p, id, action) {
  const before = await call(p, 'draws', id);
  await action();
  await p.page.waitForFunction(([i, n]) => window.__beringTest.draws(i) > n, [id, before]);
  await call(p, 'frames', 2);
}

function focused(p) {
  return p.page.evaluate(() => {
    const a = document.activeElement;
    const inner = a?.shadowRoot?.activeElement;
    return { host: a?.id ?? null, inner: inner ? inner.tagName.toLowerCase() + (inner.className ? `.${inner.className}` : '') : null };
  });
}

test('keyboard: Tab reaches the canvas, arrows move a ring and the tooltip, Escape hides it', async () => {
  await withPage(env, host('length,context', { theme: 'light' }), async (p) => {
    await allReady(p);
    const ring = TEXT.light;
    const bars = await barsOf(p, '#length');
    assert.equal(bars.length, 2, `length: two bars found in the pixels: ${JSON.stringify(bars)}`);
    assert.ok(!ringAround(await bands(p, '#length', ring), bars[0]), 'no ring before focus');

    await p.page.focus('#before');
    await afterRedraw(p, 'length', () => p.page.keyboard.press('Tab'));
    assert.deepEqual(await focused(p), { host: 'length', inner: 'canvas' }, 'Tab from the button reaches the first canvas');
    let tip = await tooltipOf(p, '#length');
    assert.ok(!tip.hidden && tip.visible, 'tooltip shown on focus');
    assert.ok(tip.text.startsWith(tip.labels[0]), `tooltip names bar 0: ${tip.text}`);
    assert.ok(plain(tip.text).includes('70 mi'), `tooltip has the value: ${tip.text}`);
    assert.equal(tip.live, tip.text, 'live region says the same');
    assert.ok(tip.bottom <= bars[0].y0, `the first bar's tooltip placed above it (below, it would hide bar 1): ${tip.top}..${tip.bottom}, bars ${JSON.stringify(bars)}`);
    let rings = await bands(p, '#length', ring);
    assert.ok(ringAround(rings, bars[0]), `ring around bar 0: ${JSON.stringify(rings)} bar ${JSON.stringify(bars[0])}`);
    assert.ok(!ringAround(rings, bars[1]), 'no ring around bar 1');

    await afterRedraw(p, 'length', () => p.page.keyboard.press('ArrowDown'));
    tip = await tooltipOf(p, '#length');
    assert.ok(!tip.hidden && tip.text.startsWith(tip.labels[1]), `ArrowDown: tooltip names bar 1: ${tip.text}`);
    assert.ok(plain(tip.text).includes('51 mi'), `tooltip has bar 1's value: ${tip.text}`);
    assert.ok(tip.top >= bars[1].y1 - 1, `tooltip placed under bar 1's row: top ${tip.top}, bar ${JSON.stringify(bars[1])}`);
    assert.equal(tip.live, tip.text, 'live region follows');
    rings = await bands(p, '#length', ring);
    assert.ok(ringAround(rings, bars[1]), `ring moved to bar 1: ${JSON.stringify(rings)}`);
    assert.ok(!ringAround(rings, bars[0]), 'ring left bar 0');

    await afterRedraw(p, 'length', () => p.page.keyboard.press('ArrowDown'));
    tip = await tooltipOf(p, '#length');
    assert.ok(tip.text.startsWith(tip.labels[1]), `ArrowDown on the last bar stays there: ${tip.text}`);
    await afterRedraw(p, 'length', () => p.page.keyboard.press('ArrowUp'));
    tip = await tooltipOf(p, '#length');
    assert.ok(tip.text.startsWith(tip.labels[0]), `ArrowUp: back to bar 0: ${tip.text}`);
    await afterRedraw(p, 'length', () => p.page.keyboard.press('ArrowRight'));
    tip = await tooltipOf(p, '#length');
    assert.ok(tip.text.startsWith(tip.labels[1]), `ArrowRight: bar 1: ${tip.text}`);
    await afterRedraw(p, 'length', () => p.page.keyboard.press('ArrowLeft'));
    tip = await tooltipOf(p, '#length');
    assert.ok(tip.text.startsWith(tip.labels[0]), `ArrowLeft: bar 0: ${tip.text}`);

    await p.page.keyboard.press('Escape');
    tip = await tooltipOf(p, '#length');
    assert.ok(tip.hidden && !tip.visible, 'Escape hides the tooltip');
    assert.deepEqual(await focused(p), { host: 'length', inner: 'canvas' }, 'Escape keeps the focus');

    // Leaving the chart clears the ring; the next stops are the data link, then the next chart.
    await afterRedraw(p, 'length', () => p.page.keyboard.press('Tab'));
    assert.deepEqual(await focused(p), { host: 'length', inner: 'a.bering-data' }, 'Tab: the data link');
    assert.ok(!ringAround(await bands(p, '#length', ring), bars[0]), 'ring gone after blur');
    assert.ok((await tooltipOf(p, '#length')).hidden, 'tooltip hidden after blur');

    // Home and End on a chart with four bars.
    await afterRedraw(p, 'context', () => p.page.keyboard.press('Tab'));
    assert.deepEqual(await focused(p), { host: 'context', inner: 'canvas' }, 'Tab: the next chart');
    const cbars = await barsOf(p, '#context');
    assert.equal(cbars.length, 4, `context: four bars: ${JSON.stringify(cbars)}`);
    await afterRedraw(p, 'context', () => p.page.keyboard.press('End'));
    tip = await tooltipOf(p, '#context');
    assert.ok(tip.text.startsWith(tip.labels[3]), `End: last bar: ${tip.text}`);
    assert.ok(ringAround(await bands(p, '#context', ring), cbars[3]), 'End: ring around the last bar');
    await afterRedraw(p, 'context', () => p.page.keyboard.press('Home'));
    tip = await tooltipOf(p, '#context');
    assert.ok(tip.text.startsWith(tip.labels[0]), `Home: first bar: ${tip.text}`);
    assert.ok(ringAround(await bands(p, '#context', ring), cbars[0]), 'Home: ring around the first bar');
    assertClean(p);
  });
});


/**
 * Each bar's row as drawn (device px of the canvas): from the bar above's bottom (the canvas's
 * top for the first) to its own bar's bottom, and across from the canvas's left to the last
 * pixel that is not the background there (its label, bar and value).
 */
function rowsInk(p, sel, bars) {
  return p.page.evaluate(([s, list]) => {
    const { data, width } = window.__beringTest.pixels(s);
    const [r, g, b] = [data[0], data[1], data[2]];
    return list.map((bar, i) => {
      const y0 = i ? list[i - 1].y1 + 1 : 0;
      let x1 = bar.x1;
      for (let y = y0; y <= bar.y1; y++) {
        for (let x = width - 1; x > x1; x--) {
          const at = (y * width + x) * 4;
          if (Math.abs(data[at] - r) + Math.abs(data[at + 1] - g) + Math.abs(data[at + 2] - b) > 24) { x1 = x; break; }
        }
      }
      return { y0, y1: bar.y1, x0: 0, x1 };
    });
  }, [sel, bars]);
}

test('a tooltip hides no bar, and no other row\'s label or value: beside its row where there is room, else the first bar\'s above it and the others\' below', async () => {
  // (German's longer labels: a row below may reach further right than the bar's own.)
  for (const { width, locale = 'en-US' } of [{ width: 640 }, { width: 360 }, { width: 640, locale: 'de-DE' }]) {
    await withPage(env, host('length,cost,context', { theme: 'light', width, locale }), async (p) => {
      await allReady(p);
      for (const id of ['length', 'cost', 'context']) {
        const bars = await barsOf(p, `#${id}`);
        assert.equal(bars.length, id === 'context' ? 4 : 2, `${id} in ${locale} at ${width} px: its bars in the pixels: ${JSON.stringify(bars)}`);
        const rows = await rowsInk(p, `#${id}`, bars);
        const meets = (tip, box) => tip.top < box.y1 && tip.bottom > box.y0 && tip.left < box.x1 && tip.right > box.x0;
        await afterRedraw(p, id, () => p.page.evaluate((i) => document.getElementById(i).shadowRoot.querySelector('canvas').focus(), id));
        for (const [index, bar] of bars.entries()) {
          if (index) await afterRedraw(p, id, () => p.page.keyboard.press('ArrowDown'));
          const tip = await tooltipOf(p, `#${id}`);
          const at = `${id} in ${locale} at ${width} px, bar ${index}'s tooltip (${JSON.stringify(tip)})`;
          assert.ok(tip.visible && tip.text.startsWith(tip.labels[index]), at);
          assert.ok(tip.bottom - tip.top > 20, `${at}: it has a height`);
          assert.ok(!meets(tip, bar), `${at} covers its own bar ${JSON.stringify(bar)}`);
          // Where the chart leaves room (every chart at 640 px): no bar, label or value of another row.
          // At 360 px a middle bar's (the context chart's) may still cover part of the next row.
          const covered = rows.filter((row, j) => j !== index && meets(tip, row));
          if (width === 640 || id !== 'context') assert.deepEqual(covered, [], `${at} covers another row`);
          else assert.ok(!bars.some((other, j) => j !== index && meets(tip, other) && tip.left <= other.x0), `${at} hides no bar whole`);
        }
      }
    });
  }
});
test('keyboard focus ring in the dark theme uses the dark text colour', async () => {
  await withPage(env, host('length', { theme: 'dark' }), { colorScheme: 'dark' }, async (p) => {
    await allReady(p);
    const bars = await barsOf(p, '#length', 'dark');
    assert.equal(bars.length, 2, 'two bars');
    await p.page.focus('#before');
    await afterRedraw(p, 'length', () => p.page.keyboard.press('Tab'));
    const rings = await bands(p, '#length', TEXT.dark);
    assert.ok(ringAround(rings, bars[0]), `ring around bar 0 in ${TEXT.dark}: ${JSON.stringify(rings)}`);
    assertClean(p);
  });
});

test('pointer: hovering a bar shows its tooltip; leaving hides it; rows are >= 24 px', async () => {
  await withPage(env, host('length', { theme: 'light' }), async (p) => {
    await allReady(p);
    const bars = await barsOf(p, '#length');
    assert.equal(bars.length, 2);
    for (const bar of bars) assert.ok(bar.y1 - bar.y0 + 1 >= 24, `bar height >= 24 px: ${JSON.stringify(bar)}`);
    const rect = await p.page.evaluate(() => {
      const r = document.querySelector('#length').shadowRoot.querySelector('canvas').getBoundingClientRect();
      return { left: r.left, top: r.top, bottom: r.bottom };
    });
    const centre = (bar) => [rect.left + (bar.x0 + bar.x1) / 2, rect.top + (bar.y0 + bar.y1) / 2];
    let tip = await tooltipOf(p, '#length');
    assert.ok(tip.hidden, 'no tooltip before hovering');
    await p.page.mouse.move(...centre(bars[1]));
    tip = await tooltipOf(p, '#length');
    assert.ok(!tip.hidden && tip.visible && tip.text.startsWith(tip.labels[1]), `hover bar 1: ${JSON.stringify(tip)}`);
    await p.page.mouse.move(...centre(bars[0]), { steps: 3 });
    tip = await tooltipOf(p, '#length');
    assert.ok(!tip.hidden && tip.text.startsWith(tip.labels[0]), `hover bar 0: ${tip.text}`);
    await p.page.mouse.move(rect.left + 5, rect.bottom + 200, { steps: 3 });
    tip = await tooltipOf(p, '#length');
    assert.ok(tip.hidden, 'leaving the canvas hides the tooltip');
    assertClean(p);
  });
});

// A page's CSS zoom (accessibility overlays and text-size widgets set it): the pointer's
// offset in the canvas is in zoomed pixels, the rows in the chart's own.
for (const zoom of [0.8, 1.5]) {
  test(`pointer under CSS zoom ${zoom} on the element: each bar's own tooltip`, async () => {
    await withPage(env, host('cost,context', { theme: 'light', style: `zoom:${zoom}` }), async (p) => {
      await allReady(p);
      for (const sel of ['#cost', '#context']) {
        // The bars where the reader sees them: a screenshot of the canvas as shown, one pixel a
        // client pixel (deviceScaleFactor 1). (A copy of the canvas by drawImage is scaled by the zoom.)
        const rect = await p.page.evaluate((s) => {
          const r = document.querySelector(s).shadowRoot.querySelector('canvas').getBoundingClientRect();
          return { x: r.left, y: r.top, width: r.width, height: r.height };
        }, sel);
        const shot = (await p.page.screenshot({ clip: rect })).toString('base64');
        const bars = await barsOf(p, sel, 'light', shot);
        assert.ok(bars.length >= 2, `${sel}: bars found`);
        for (const [index, bar] of bars.entries()) {
          await p.page.mouse.move(rect.x + (bar.x0 + bar.x1) / 2, rect.y + (bar.y0 + bar.y1) / 2, { steps: 2 });
          const tip = await tooltipOf(p, sel);
          assert.ok(!tip.hidden && tip.text.startsWith(tip.labels[index]), `${sel} at zoom ${zoom}, bar ${index} (${tip.labels[index]}): ${tip.hidden ? 'no tooltip' : tip.text}`);
        }
      }
      assertClean(p);
    });
  });
}

// --- 4. Motion ----------------------------------------------------------------------------

/** Records, at the first draw of #length, the longest run of the light primary colour. */
const firstFrameProbe = (context) => context.addInitScript(() => {
  document.addEventListener('bering-chart:draw', (e) => {
    const T = window.__beringTest;
    if (e.target.id !== 'length' || T.firstRun !== undefined) return;
    T.firstRun = T.longestRuns('#length', ['#0b5cad'])['#0b5cad'].run;
  });
});

function motionEvents(p) {
  return p.page.evaluate(() => window.__beringTest.events.filter((e) => e.id === 'length'
    && e.type !== 'bering-chart:error').map((e) => ({ type: e.type, growIn: e.detail?.growIn, t: e.t })));
}

test('reduced motion: the first drawn frame is final (no draw before ready starts a grow-in)', async () => {
  await withPage(env, host('length', { theme: 'light' }), { prepare: firstFrameProbe }, async (p) => {
    await p.page.emulateMedia({ reducedMotion: 'reduce' });
    await p.page.reload();
    await allReady(p);
    assert.ok(await p.page.evaluate(() => matchMedia('(prefers-reduced-motion: reduce)').matches), 'reduce emulated');
    const events = await motionEvents(p);
    const ready = events.findIndex((e) => e.type === 'bering-chart:ready');
    assert.ok(ready > 0, `a ready event after a draw: ${JSON.stringify(events)}`);
    const draws = events.slice(0, ready).filter((e) => e.type === 'bering-chart:draw');
    assert.ok(draws.length >= 1, 'drawn before ready');
    assert.deepEqual(draws.map((e) => e.growIn), draws.map(() => 0), `no grow-in: ${JSON.stringify(draws)}`);
    const finalRun = (await call(p, 'longestRuns', '#length', ['#0b5cad']))['#0b5cad'].run;
    const firstRun = await p.page.evaluate(() => window.__beringTest.firstRun);
    assert.ok(finalRun > 100, `primary bar drawn: ${finalRun}`);
    assert.equal(firstRun, finalRun, 'the first frame shows the primary bar at its full length');
    assertClean(p);
  });
});

test('motion allowed: the canvas is drawn once, final; the grow-in is 400 ms of compositor animation, and ready follows its end', async () => {
  await withPage(env, host('length', { theme: 'light' }), { prepare: firstFrameProbe }, async (p) => {
    await allReady(p);
    assert.ok(!(await p.page.evaluate(() => matchMedia('(prefers-reduced-motion: reduce)').matches)), 'no reduce');
    const events = (await p.page.evaluate(() => window.__beringTest.events.filter((e) => e.id === 'length' && e.type !== 'bering-chart:error')
      .map((e) => ({ type: e.type, growIn: e.detail?.growIn, t: e.t }))));
    const ready = events.findIndex((e) => e.type === 'bering-chart:ready');
    assert.equal(events.filter((e) => e.type === 'bering-chart:ready').length, 1, 'one ready event');
    const draws = events.slice(0, ready).filter((e) => e.type === 'bering-chart:draw');
    assert.equal(draws.length, 1, `one drawing before ready: ${JSON.stringify(events)}`);
    assert.equal(draws[0].growIn, 400, 'the drawing starts a 400 ms grow-in');
    const waited = events[ready].t - draws[0].t;
    // (The upper bound only says ready is not held back for seconds: a busy machine can delay a timer.)
    assert.ok(waited >= 350 && waited <= 5000, `ready comes when the grow-in ends: ${Math.round(waited)} ms after the drawing`);
    // The canvas already held the final bar at its first drawing.
    const firstRun = await p.page.evaluate(() => window.__beringTest.firstRun);
    const finalRun = (await call(p, 'longestRuns', '#length', ['#0b5cad']))['#0b5cad'].run;
    assert.ok(finalRun > 100 && firstRun === finalRun, `the canvas is final from the start: ${firstRun} / ${finalRun} px`);
    // Nothing of the grow-in is left: no cover, no animation.
    const left = await p.page.evaluate(() => {
      const root = document.querySelector('#length').shadowRoot;
      return { covers: root.querySelectorAll('.bering-covers > *').length, animations: root.getAnimations().length };
    });
    assert.deepEqual(left, { covers: 0, animations: 0 });
    assertClean(p);
  });
});

test('motion allowed: only a chart in view grows in; one set up below the fold is drawn final, its data table built after the grow-in', async () => {
  const html = testPage(`<div style="width:640px"><div id="near" data-bering-chart="length"></div></div>
<div style="height:1500px"></div>
<div style="width:640px"><div id="far" data-bering-chart="cost"></div></div>`, { title: 'grow-in in view only' });
  await withPage(env, '/tests/generated/grow-in-view.html', {
    height: 800,
    prepare: async (context) => {
      await generated(context, 'grow-in-view', html);
      await context.addInitScript(() => {
        window.__grows = { near: [], far: [] };
        addEventListener('bering-chart:draw', (e) => window.__grows[e.target.id]?.push(e.detail.growIn), true);
        // When each chart is ready, and when its data table first has rows (checked every frame).
        window.__at = {};
        addEventListener('bering-chart:ready', (e) => { window.__at[`${e.target.id}-ready`] = performance.now(); }, true);
        const watch = () => {
          for (const id of ['near', 'far']) {
            const rows = document.getElementById(id)?.shadowRoot?.querySelector('table')?.rows.length ?? 0;
            if (rows && !window.__at[`${id}-table`]) window.__at[`${id}-table`] = performance.now();
          }
          requestAnimationFrame(watch);
        };
        requestAnimationFrame(watch);
      });
    },
  }, async (p) => {
    await p.page.waitForFunction(() => ['near', 'far'].every((id) => document.getElementById(id).getAttribute('data-bering-state') === 'ready'));
    const grows = await p.page.evaluate(() => window.__grows);
    assert.deepEqual(grows.near, [400], `the chart in view grows in: ${grows.near}`);
    assert.deepEqual(grows.far, [0], 'the chart below the fold was drawn once, final, with no grow-in');
    // The far chart is ready at once, but its table waits for the grow-in on screen to end.
    await p.page.waitForFunction(() => window.__at['near-table'] && window.__at['far-table'], null, { timeout: 5000 });
    const at = await p.page.evaluate(() => window.__at);
    assert.ok(at['far-ready'] < at['near-ready'] - 200, `the far chart was ready first: ${JSON.stringify(at)}`);
    assert.ok(at['far-table'] >= at['near-ready'] - 20, `the far chart's table came after the grow-in: ${JSON.stringify(at)}`);
    assertClean(p);
  });
});

// --- 5. Colour scheme, forced colours, house style -----------------------------------------

const CHARTS3 = ['length', 'cost', 'context'];

test('data-theme auto follows prefers-color-scheme live, without reload', async () => {
  await withPage(env, host('length,cost,context'), { colorScheme: 'light' }, async (p) => {
    await allReady(p);
    await p.page.evaluate(() => { window.__sameDocument = true; });
    for (const id of CHARTS3) assert.equal(await call(p, 'modeColour', `#${id}`), COLOURS.light.background, `${id}: light`);
    for (const scheme of ['dark', 'light']) {
      const before = await Promise.all(CHARTS3.map((id) => call(p, 'draws', id)));
      await p.page.emulateMedia({ colorScheme: scheme });
      await p.page.waitForFunction(([ids, n]) => ids.every((id, i) => window.__beringTest.draws(id) > n[i]), [CHARTS3, before]);
      await call(p, 'frames', 2);
      for (const id of CHARTS3) {
        assert.equal(await call(p, 'modeColour', `#${id}`), COLOURS[scheme].background, `${id}: ${scheme} background`);
        const runs = await call(p, 'longestRuns', `#${id}`, [COLOURS[scheme].primary]);
        assert.ok(runs[COLOURS[scheme].primary].run > 50, `${id}: ${scheme} primary bar`);
        assert.equal(await call(p, 'state', `#${id}`), 'ready', `${id}: still ready`);
      }
    }
    assert.equal(await p.page.evaluate(() => window.__sameDocument), true, 'no reload');
    assertClean(p);
  });
});

/** WCAG contrast ratio of two '#rrggbb' colours. */
function contrast(a, b) {
  const lum = (hex) => {
    const [r, g, b2] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
      .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b2;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

for (const theme of ['light', 'dark']) {
  test(`forced colours (data-theme ${theme}): redraws with the system colours, text contrasts with the background`, async () => {
    const p = await openPage(env, host('length,cost,context', { theme }), { colorScheme: theme });
    try {
      await allReady(p);
      const before = await Promise.all(CHARTS3.map((id) => call(p, 'draws', id)));
      await p.page.emulateMedia({ forcedColors: 'active' });
      await p.page.waitForFunction(([ids, n]) => ids.every((id, i) => window.__beringTest.draws(id) > n[i]), [CHARTS3, before]);
      await call(p, 'frames', 2);
      const system = await p.page.evaluate(() => {
        const probe = document.createElement('span');
        probe.style.cssText = 'forced-color-adjust: none; color: CanvasText; background-color: Canvas';
        document.body.append(probe);
        const s = getComputedStyle(probe);
        const hex = (rgb) => '#' + rgb.match(/\d+/g).slice(0, 3).map((v) => Number(v).toString(16).padStart(2, '0')).join('');
        const out = { text: hex(s.color), bg: hex(s.backgroundColor), forced: matchMedia('(forced-colors: active)').matches };
        probe.remove();
        return out;
      });
      assert.ok(system.forced, 'forced colours emulated');
      for (const id of CHARTS3) {
        assert.equal(await call(p, 'state', `#${id}`), 'ready', `${id}: still ready`);
        const bg = await call(p, 'modeColour', `#${id}`);
        assert.equal(bg, system.bg, `${id}: background is the system Canvas colour`);
        const textPixels = await p.page.evaluate(([sel, hex]) => {
          const { data } = window.__beringTest.pixels(sel);
          const t = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
          let n = 0;
          for (let i = 0; i < data.length; i += 4) if (data[i] === t[0] && data[i + 1] === t[1] && data[i + 2] === t[2]) n++;
          return n;
        }, [`#${id}`, system.text]);
        assert.ok(textPixels > 500, `${id}: text drawn in CanvasText (${system.text}): ${textPixels} pixels`);
        const ratio = contrast(system.text, bg);
        assert.ok(ratio >= 4.5, `${id}: text ${system.text} on ${bg}: contrast ${ratio.toFixed(2)}`);
      }
      // Back to normal colours.
      const again = await Promise.all(CHARTS3.map((id) => call(p, 'draws', id)));
      await p.page.emulateMedia({ forcedColors: 'none' });
      await p.page.waitForFunction(([ids, n]) => ids.every((id, i) => window.__beringTest.draws(id) > n[i]), [CHARTS3, again]);
      await call(p, 'frames', 2);
      for (const id of CHARTS3) {
        assert.equal(await call(p, 'modeColour', `#${id}`), COLOURS[theme].background, `${id}: theme colours again`);
      }
      assertClean(p);
    } finally {
      await p.close();
    }
  });
}

test('house style: --bering-accent and --bering-bg on the host, read at every drawing', async () => {
  await withPage(env, host('length', { theme: 'light', style: '--bering-accent: #c00' }), async (p) => {
    await allReady(p);
    let runs = await call(p, 'longestRuns', '#length', ['#cc0000', COLOURS.light.primary, COLOURS.light.other]);
    assert.ok(runs['#cc0000'].run > 100, `primary bar in #cc0000: ${JSON.stringify(runs)}`);
    assert.equal(runs[COLOURS.light.primary].run, 0, 'no default primary colour left');
    assert.ok(runs[COLOURS.light.other].run > 50, 'the other bar keeps its colour');
    const barLength = runs['#cc0000'].run;

    // Changed later, picked up at the next drawing (a width change causes one).
    await afterRedraw(p, 'length', () => p.page.evaluate(() => {
      const el = document.querySelector('#length');
      el.style.setProperty('--bering-accent', 'rgb(0, 128, 0)');
      el.style.setProperty('--bering-bg', '#fafafa');
      el.parentElement.style.width = '600px';
    }));
    runs = await call(p, 'longestRuns', '#length', ['#008000', '#cc0000']);
    assert.ok(runs['#008000'].run > 100, `primary bar now #008000: ${JSON.stringify(runs)}`);
    assert.ok(runs['#008000'].run < barLength, 'narrower chart, shorter bar');
    assert.equal(runs['#cc0000'].run, 0, 'old accent gone');
    assert.equal(await call(p, 'modeColour', '#length'), '#fafafa', '--bering-bg is the background');
    assertClean(p);
  });
});

// --- 6. The reader's font size ------------------------------------------------------------

test("text follows the reader's default font size (Chromium's standard font size, via CDP)", async () => {
  await withPage(env, host('length', { theme: 'light' }), async (p) => {
    await allReady(p);
    const measure = () => p.page.evaluate(() => {
      const root = document.querySelector('#length').shadowRoot;
      return {
        height: root.querySelector('figure.bering').getBoundingClientRect().height,
        link: parseFloat(getComputedStyle(root.querySelector('a.bering-data')).fontSize),
        medium: parseFloat(getComputedStyle(root.querySelector('.bering-probe')).fontSize),
      };
    });
    const normal = await measure();
    assert.equal(normal.medium, 16, 'default font size 16 px');
    const cdp = await p.context.newCDPSession(p.page);
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: 24 } });
    await p.page.reload();
    await allReady(p);
    const large = await measure();
    assert.equal(large.medium, 24, 'default font size now 24 px');
    assert.ok(large.height > normal.height * 1.2, `chart taller with larger text: ${normal.height} -> ${large.height}`);
    assert.ok(Math.abs(large.link - normal.link * 1.5) < 0.5, `data link text scaled: ${normal.link} -> ${large.link}`);
    await cdp.detach();
    assertClean(p);
  });
});
