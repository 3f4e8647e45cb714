// The host gallery (tests/browser/pages/hosts/): article pages that put the widget where
// real pages do (flex rows, inline-block, float, table cells, fit-content, grid
// tracks, multi-column text, CSS zoom and transforms, page CSS on the element
// itself, copied and cached and saved markup, live attribute changes, hidden tabs,
// iframes whose data- attributes a CMS stripped). On each page every chart must be
// ready, as wide as its container offers (at least 280 px, or the container if
// narrower; never wider than it, never over its neighbours), with bars to scale
// measured from canvas pixels, and no console error or warning. Screenshots of
// every page go to build/screenshots/hosts/ for a person to look at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { setup, openPage, call, settled, assertClean, COLOURS, REPO, DIST, PAGES, withPage, testPage, generated } from './browser.mjs';
import { startServer } from '../../tools/serve.mjs';

const SHOTS = path.join(REPO, 'build', 'screenshots', 'hosts');
mkdirSync(SHOTS, { recursive: true });

const MI_KM = 1.609344;
/** First bar : the longest other bar, by chart (light theme colours). */
const RATIO = { length: 70 / 51, cost: 8 / 65, context: (70 * MI_KM) / 57.1 };

let env;
let cdn;
before(async () => {
  env = await setup();
  // A second origin serving dist/, as a CDN would (for the iframe page).
  cdn = await startServer({ root: DIST, port: 0, host: '127.0.0.1', gzip: false, mounts: { '/tests/browser/pages/': PAGES } });
});
after(async () => {
  await env?.close();
  await cdn?.close();
});

/** Console warnings and errors, and uncaught errors: there must be none. */
function assertQuiet(p, what) {
  assertClean(p);
  const noisy = p.consoleMessages.filter((m) => /^(warning|error):/.test(m));
  assert.deepEqual(noisy, [], `${what}: no console warnings or errors`);
}

/** Geometry of widget `sel`: its box, its container's content box, its canvas. */
function geometry(p, sel, containerSel) {
  return p.page.evaluate(([s, c]) => {
    const host = document.querySelector(s);
    const box = (el) => {
      const r = el.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height };
    };
    const container = c ? document.querySelector(c) : host.parentElement;
    const cs = getComputedStyle(container);
    const inner = box(container);
    inner.left += parseFloat(cs.paddingLeft) + parseFloat(cs.borderLeftWidth);
    inner.right -= parseFloat(cs.paddingRight) + parseFloat(cs.borderRightWidth);
    inner.width = inner.right - inner.left;
    const canvas = host.shadowRoot?.querySelector('canvas');
    const figure = host.shadowRoot?.querySelector('figure');
    return {
      state: host.getAttribute('data-bering-state'),
      host: box(host), container: inner,
      figure: figure ? box(figure) : null,
      figureRects: figure ? figure.getClientRects().length : 0,
      canvas: canvas ? { ...box(canvas), width: canvas.width, height: canvas.height, hidden: canvas.hidden } : null,
      ratio: devicePixelRatio,
    };
  }, [sel, containerSel ?? null]);
}

/** The chart's bars measured in canvas pixels are in the ratio of its values (2%). */
async function assertToScale(p, sel, chart, what) {
  const { primary, other } = COLOURS.light;
  const runs = await call(p, 'longestRuns', sel, [primary, other], 2);
  const ratio = runs[primary].run / runs[other].run;
  assert.ok(runs[primary].run >= 4 && runs[other].run >= 4, `${what}: both bars found (${JSON.stringify(runs)})`);
  const off = Math.abs(ratio / RATIO[chart] - 1);
  assert.ok(off <= 0.02, `${what}: bar ratio ${ratio.toFixed(4)}, want ${RATIO[chart].toFixed(4)}`);
}

/**
 * Ready, within its container (exactly its width when `fills`), at least
 * min(280, container) wide, drawn at its own width, bars to scale.
 */
async function assertWidget(p, sel, chart, { container = null, fills = true, what = sel } = {}) {
  const g = await geometry(p, sel, container);
  assert.equal(g.state, 'ready', `${what}: state`);
  assert.ok(g.canvas && !g.canvas.hidden, `${what}: canvas shown`);
  const cw = g.container.width;
  assert.ok(g.host.width >= Math.min(280, cw) - 0.5, `${what}: ${g.host.width} px wide, at least min(280, ${cw})`);
  assert.ok(g.host.left >= g.container.left - 0.5 && g.host.right <= g.container.right + 0.5,
    `${what}: [${g.host.left}, ${g.host.right}] inside its container [${g.container.left}, ${g.container.right}]`);
  if (fills) assert.ok(Math.abs(g.host.width - cw) <= 1, `${what}: ${g.host.width} px wide, its container offers ${cw}`);
  assert.ok(Math.abs(g.canvas.right - g.canvas.left - g.figure.width) <= 1, `${what}: the canvas spans the chart (${g.canvas.right - g.canvas.left} of ${g.figure.width})`);
  await assertToScale(p, sel, chart, what);
  return g;
}

async function shoot(p, name) {
  await p.page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

async function gallery(name, body, options = {}) {
  const p = await openPage(env, `/tests/browser/pages/hosts/${name}.html`, { width: 800, height: 900, ...options });
  try {
    await body(p);
    await shoot(p, name);
    assertQuiet(p, name);
  } finally {
    await p.close();
  }
}

test('flex row: the chart takes the space its neighbours leave, never over them', () => gallery('flex-row', async (p) => {
  const a = await geometry(p, '#a', '#row1');
  // 720 px row, 20 px gap, a 200 px sidebar with 8 px padding.
  assert.ok(Math.abs(a.host.width - 484) <= 1, `#a is ${a.host.width} px, the row leaves 484`);
  await assertWidget(p, '#a', 'length', { container: '#row1', fills: false });
  const b = await assertWidget(p, '#b', 'cost', { container: '#row2', fills: false });
  assert.ok(b.host.width >= 280, `#b beside long text is ${b.host.width} px`);
  const text = await p.page.evaluate(() => document.querySelector('#row2 p').getBoundingClientRect().right);
  assert.ok(text <= b.host.left, 'the text beside #b ends before the chart starts');
}));

test('inline-block wrapper: the chart takes the column width', () => gallery('inline-block', async (p) => {
  await assertWidget(p, '#a', 'length', { container: '.article' });
}));

test('float wrapper: the chart takes the column width (less the float\'s margin)', () => gallery('float', async (p) => {
  const g = await assertWidget(p, '#a', 'length', { container: '.article', fills: false });
  assert.ok(Math.abs(g.host.width - 704) <= 1, `#a is ${g.host.width} px of 720 - 16`);
}));

test('table cells: the chart takes the width of the table, or of the column', () => gallery('table-cell', async (p) => {
  await assertWidget(p, '#a', 'length', { container: '#cell' });
  await assertWidget(p, '#b', 'context', { container: '.article' });
}));

test('fit-content figure: the chart takes the column width, its caption below it', () => gallery('fit-content', async (p) => {
  const g = await assertWidget(p, '#a', 'length', { container: '.article' });
  const caption = await p.page.evaluate(() => document.querySelector('figcaption').getBoundingClientRect().top);
  assert.ok(caption >= g.host.bottom - 0.5, 'the caption is below the chart');
}));

test('grid auto tracks: the chart fills its track', () => gallery('grid-auto', async (p) => {
  await assertWidget(p, '#a', 'length', { container: '.article' });
  const b = await assertWidget(p, '#b', 'cost', { container: '.article', fills: false });
  assert.ok(Math.abs(b.host.width - 500) <= 1, `#b is ${b.host.width} px beside a 200 px track and a 20 px gap`);
}));

test('page CSS making the element flex, grid, inline or hiding empty divs does not make it vanish', () => gallery('element-display', async (p) => {
  await assertWidget(p, '#a', 'length', { container: '.article' });
  await assertWidget(p, '#b', 'cost', { container: '.article' });
  await assertWidget(p, '#c', 'context', { container: '.article' });
  await assertWidget(p, '#d', 'length', { container: '.article' });
}));

test('page CSS on the element (padding, box-sizing, font, line-height, spacing) neither breaks nor widens it', () => gallery('element-css', async (p) => {
  const g = await assertWidget(p, '#a', 'length', { container: '.article' });
  // The page's 20 px padding stays; the chart draws inside it.
  assert.ok(Math.abs(g.figure.width - (g.container.width - 40)) <= 1, `the chart is ${g.figure.width} px inside 20 px of padding`);
  const lines = await p.page.evaluate(() => {
    const root = document.querySelector('#a').shadowRoot;
    const figure = root.querySelector('figure').getBoundingClientRect();
    return [...root.querySelectorAll('.bering-line')].map((l) => {
      const r = l.getBoundingClientRect();
      const cs = getComputedStyle(l);
      return { text: l.textContent, left: r.left - figure.left, right: r.right - figure.left, width: figure.width, spacing: cs.letterSpacing, transform: cs.textTransform };
    });
  });
  assert.ok(lines.length >= 3, 'title, takeaway and source lines are there');
  for (const line of lines) {
    assert.ok(line.left >= 0 && line.right <= line.width + 0.5, `"${line.text}" stays inside the chart (${line.left}..${line.right} of ${line.width})`);
    assert.equal(line.spacing, 'normal', `"${line.text}": the page's letter-spacing does not reach it`);
    assert.equal(line.transform, 'none', `"${line.text}": the page's text-transform does not reach it`);
  }
}));

test('multi-column article: the chart stays in one column, in one piece', () => gallery('columns', async (p) => {
  const g = await assertWidget(p, '#a', 'length', { fills: false, container: '#cols' });
  assert.equal(g.figureRects, 1, 'the chart is one box, not split across columns');
  assert.ok(Math.abs(g.host.width - 344) <= 1, `#a is one column wide (${g.host.width} px of (720 - 32) / 2)`);
  const links = await p.page.evaluate(() => {
    const root = document.querySelector('#a').shadowRoot;
    const f = root.querySelector('figure').getBoundingClientRect();
    const l = root.querySelector('.bering-links').getBoundingClientRect();
    return { inside: l.left >= f.left && l.right <= f.right && l.top >= f.top && l.bottom <= f.bottom };
  });
  assert.ok(links.inside, '"Get the data" stays inside the chart');
}));

for (const dpr of [1, 2]) {
  test(`CSS zoom and transforms: the backing store matches the device pixels (DPR ${dpr})`, () => gallery('zoom', async (p) => {
    for (const sel of ['#a', '#b']) {
      const g = await geometry(p, sel);
      assert.equal(g.state, 'ready', `${sel}: state`);
      const shown = Math.round(g.canvas.right - g.canvas.left) * dpr;
      assert.ok(Math.abs(g.canvas.width - shown) <= 2, `${sel}: backing store ${g.canvas.width} px for ${shown} device px shown`);
      const chart = sel === '#a' ? 'length' : 'cost';
      await assertToScale(p, sel, chart, sel);
    }
    const a = await geometry(p, '#a');
    assert.ok(Math.abs(a.host.width - 720) <= 1, `#a: 480 px wrapper at zoom 1.5 shows ${a.host.width} px`);
  }, { deviceScaleFactor: dpr }));
}

test('a cloneNode(true) copy of a ready chart gets a live widget of its own', () => gallery('clone', async (p) => {
  await assertWidget(p, '#a', 'length', { container: '.article' });
  await p.page.evaluate(() => {
    const copy = document.querySelector('#a').cloneNode(true);
    copy.id = 'copy';
    document.querySelector('#copies').append(copy);
  });
  await settled(p);
  const g = await assertWidget(p, '#copy', 'length', { container: '.article' });
  assert.equal(g.state, 'ready');
  const counts = await p.page.evaluate(() => ['#a', '#copy'].map((s) => document.querySelector(s).shadowRoot.querySelectorAll('canvas').length));
  assert.deepEqual(counts, [1, 1], 'one canvas each');
  const ready = await p.page.evaluate(() => window.__beringTest.events.filter((e) => e.type === 'bering-chart:ready').map((e) => e.id));
  assert.deepEqual(ready.sort(), ['a', 'copy'], 'one ready event each');
}));

test('a restored page cache (body cloned, swapped out, put back) gets live widgets', () => gallery('cached', async (p) => {
  await assertWidget(p, '#a', 'length', { container: '.article' });
  await p.page.evaluate(async () => {
    const snapshot = document.body.cloneNode(true);
    const other = document.createElement('body');
    other.textContent = 'Another page.';
    document.body.replaceWith(other);
    await new Promise((r) => setTimeout(r, 50));
    document.body.replaceWith(snapshot);
  });
  await p.page.waitForFunction(() => document.querySelector('#a').shadowRoot?.querySelector('canvas') && true);
  await settled(p);
  await assertWidget(p, '#a', 'length', { container: '.article' });
  await assertWidget(p, '#b', 'cost', { container: '.article' });
}));

test('saved markup carrying data-bering-state="ready" is set up, not trusted', () => gallery('saved', async (p) => {
  await assertWidget(p, '#a', 'length', { container: '.article' });
  await assertWidget(p, '#b', 'cost', { container: '.article' });
}));

test('attributes are live: units, theme and chart change a ready chart; two child JSON scripts are an error', () => gallery('attributes', async (p) => {
  await assertWidget(p, '#a', 'length', { container: '.article' });
  const words = () => p.page.evaluate(() => document.querySelector('#a').shadowRoot.querySelector('#bering-description').textContent);
  /** Sets an attribute of #a and waits for the redraw it causes. */
  const change = async (name, value) => {
    const before = await call(p, 'draws', 'a');
    await p.page.evaluate(([n, v]) => document.querySelector('#a').setAttribute(n, v), [name, value]);
    await p.page.waitForFunction((k) => window.__beringTest.draws('a') > k, before);
  };
  await change('data-units', 'km');
  assert.match(await words(), /112.7 kilomet/, 'kilometres after data-units="km"');
  await change('data-theme', 'dark');
  assert.equal(await call(p, 'modeColour', '#a'), '#16181d', 'dark after data-theme="dark"');
  await change('data-theme', 'light');
  assert.equal(await call(p, 'modeColour', '#a'), '#ffffff', 'light after data-theme="light"');
  await change('data-bering-chart', 'cost');
  assert.match(await words(), /65 billion/, 'the cost chart after data-bering-chart="cost"');
  await assertToScale(p, '#a', 'cost', '#a after data-bering-chart="cost"');
  // A bad value shows its message, and a good one brings the chart back.
  await p.page.evaluate(() => document.querySelector('#a').setAttribute('data-units', 'furlongs'));
  await p.page.waitForFunction(() => document.querySelector('#a').getAttribute('data-bering-state') === 'error');
  const message = await call(p, 'info', '#a');
  assert.ok(message.messageVisible && /furlongs/.test(message.message), `the box says what is wrong: ${message.message}`);
  await change('data-units', 'mi');
  await p.page.waitForFunction(() => document.querySelector('#a').getAttribute('data-bering-state') === 'ready');
  await assertToScale(p, '#a', 'cost', '#a after data-units="mi"');
  // Two child JSON scripts: an error in the box, naming the problem.
  const two = await call(p, 'info', '#two');
  assert.equal(two.state, 'error');
  assert.ok(two.messageVisible && /holds 2 JSON <script> children/.test(two.message), two.message);
  // The expected warnings: the bad unit and the two scripts, once each.
  const warnings = p.consoleMessages.filter((m) => m.startsWith('warning:'));
  assert.equal(warnings.length, 2, JSON.stringify(warnings));
  p.consoleMessages.length = 0;
}));

test('the child JSON is live: new text, a text node\'s new data, bad JSON and back, the script removed or added: each chart drawn again from it', async () => {
  const spec = (a, b) => JSON.stringify({ title: 'Two tunnels', bars: [{ label: `First ${a}`, value: a }, { label: `Second ${b}`, value: b }], unit: 'km' });
  const html = testPage(`<main class="article" style="width:640px;margin:16px">
<div id="live" data-bering-chart="length"><script type="application/json">${spec(30, 10)}</script></div>
<div id="plain" data-bering-chart="cost"></div></main>`, { title: 'a framework re-rendering its chart data' });
  await withPage(env, '/tests/generated/live-json.html', { prepare: (context) => generated(context, 'live-json', html) }, async (p) => {
    const { primary, other } = COLOURS.light;
    /**
     * Runs `action` in the page and waits for chart `id`'s next drawing and its description to
     * name `label`; then, some frames later, no further drawing came (one change, one drawing).
     */
    const redrawn = async (id, action, label) => {
      const before = await call(p, 'draws', id);
      await p.page.evaluate(action);
      await p.page.waitForFunction(([i, k]) => window.__beringTest.draws(i) > k, [id, before]);
      await p.page.waitForFunction(([i, l]) => document.getElementById(i).getAttribute('data-bering-state') === 'ready'
        && document.getElementById(i).shadowRoot.getElementById('bering-description')?.textContent.includes(l), [id, label]);
      const drawn = await call(p, 'draws', id);
      await call(p, 'frames', 10);
      assert.equal(await call(p, 'draws', id), drawn, `${id}: no more drawings once drawn from the change`);
    };
    const ratio = async (id) => {
      const runs = await call(p, 'longestRuns', `#${id}`, [primary, other], 2);
      return runs[primary].run / runs[other].run;
    };
    await p.page.waitForFunction(() => /First 30/.test(document.getElementById('live').shadowRoot.getElementById('bering-description')?.textContent ?? ''));
    assert.ok(Math.abs(await ratio('live') / 3 - 1) < 0.03, `30 against 10: ${await ratio('live')}`);

    // A framework setting the script's text (React, Vue) ...
    await redrawn('live', `document.querySelector('#live > script').textContent = ${JSON.stringify(spec(12, 48))}`, 'First 12');
    assert.ok(Math.abs(await ratio('live') / 0.25 - 1) < 0.03, `12 against 48, to scale: ${await ratio('live')}`);
    // ... or its text node's data (a virtual DOM patching text in place).
    await redrawn('live', `document.querySelector('#live > script').firstChild.data = ${JSON.stringify(spec(20, 40))}`, 'First 20');
    assert.ok(Math.abs(await ratio('live') / 0.5 - 1) < 0.03, `20 against 40: ${await ratio('live')}`);

    // Bad JSON: the box says so, and a redraw (a new width) does not bring the old chart back.
    await p.page.evaluate(() => { document.querySelector('#live > script').textContent = '{"title": '; });
    await p.page.waitForFunction(() => document.getElementById('live').getAttribute('data-bering-state') === 'error');
    await p.page.evaluate(() => { document.querySelector('.article').style.width = '600px'; });
    await call(p, 'frames', 3);
    const broken = await call(p, 'info', '#live');
    assert.equal(broken.state, 'error', 'still in error after a resize');
    assert.ok(broken.messageVisible && /not valid JSON/.test(broken.message), broken.message);
    assert.equal(await p.page.evaluate(() => document.getElementById('live').shadowRoot.querySelector('canvas').hidden), true, 'no chart of the data that was');
    await redrawn('live', `document.querySelector('#live > script').textContent = ${JSON.stringify(spec(5, 50))}`, 'First 5');

    // The script removed: the element's own chart, the story's length chart.
    await redrawn('live', "document.querySelector('#live > script').remove()", '70');
    assert.ok(Math.abs(await ratio('live') / (70 / 51) - 1) < 0.03, `the story's 70 against 51: ${await ratio('live')}`);
    // A script added to a default chart: drawn from it (the input module fetched then).
    await redrawn('plain', `{ const s = document.createElement('script'); s.type = 'application/json'; s.textContent = ${JSON.stringify(spec(9, 3))}; document.getElementById('plain').append(s); }`, 'First 9');
    assert.ok(Math.abs(await ratio('plain') / 3 - 1) < 0.03, `9 against 3: ${await ratio('plain')}`);
    // Other changes in the element (a translation tool rewriting its static chart) draw nothing again.
    const drawn = await call(p, 'draws', 'plain');
    await p.page.evaluate(() => { const font = document.createElement('font'); font.textContent = 'übersetzt'; document.getElementById('plain').append(font); });
    await call(p, 'frames', 10);
    assert.equal(await call(p, 'draws', 'plain'), drawn, 'a change beside the JSON draws nothing again');
    // A chart made by render() (no data-bering-chart attribute) follows its JSON too.
    await p.page.evaluate(async (json) => {
      const element = document.createElement('div');
      element.id = 'made';
      const script = document.createElement('script');
      script.type = 'application/json';
      script.textContent = json;
      element.append(script);
      document.querySelector('.article').append(element);
      const { render } = await import('/embed/bering-chart.js');
      await render(element, { chart: 'length' });
    }, spec(1, 2));
    await redrawn('made', `document.querySelector('#made > script').textContent = ${JSON.stringify(spec(6, 2))}`, 'First 6');
    assert.ok(Math.abs(await ratio('made') / 3 - 1) < 0.03, `render()'s chart, 6 against 2: ${await ratio('made')}`);
    // The one warning: the bad JSON's.
    const warnings = p.consoleMessages.filter((m) => m.startsWith('warning:'));
    assert.equal(warnings.length, 1, JSON.stringify(warnings));
    assert.deepEqual(p.pageErrors, []);
    await p.page.screenshot({ path: path.join(SHOTS, 'live-json.png') });
  });
});

test('a chart whose JSON is empty at first (a framework waiting for its data), alone on its page, draws once the data is filled in', async () => {
  const html = testPage(`<main style="width:640px;margin:16px"><div id="late" data-bering-chart="length" data-loading="eager"><script type="application/json"></script></div></main>`, { title: 'chart data filled in later' });
  await withPage(env, '/tests/generated/late-json.html', { waitForSettled: false, prepare: (context) => generated(context, 'late-json', html) }, async (p) => {
    await p.page.waitForFunction(() => document.getElementById('late').getAttribute('data-bering-state') === 'error');
    assert.match((await call(p, 'info', '#late')).message, /is empty/);
    // Its module loaded all the same, with no chart to draw yet.
    await p.page.waitForFunction(() => performance.getEntriesByType('resource').some((r) => r.name.endsWith('/bering_chart_bg.wasm')));
    await p.page.evaluate(() => {
      document.querySelector('#late > script').textContent = JSON.stringify({ title: 'Filled in', bars: [{ label: 'Late A', value: 4 }, { label: 'Late B', value: 1 }] });
    });
    await p.page.waitForFunction(() => document.getElementById('late').getAttribute('data-bering-state') === 'ready', null, { timeout: 20_000 });
    const { primary, other } = COLOURS.light;
    const runs = await call(p, 'longestRuns', '#late', [primary, other], 2);
    assert.ok(Math.abs(runs[primary].run / runs[other].run / 4 - 1) < 0.03, `4 against 1: ${JSON.stringify(runs)}`);
    assert.deepEqual(p.pageErrors, []);
  });
});

test('hidden tab and closed <details>: the charts draw when shown, to the right width', () => gallery('hidden', async (p) => {
  const states = await p.page.evaluate(() => ['#a', '#b'].map((s) => document.querySelector(s).getAttribute('data-bering-state')));
  for (const state of states) assert.ok(state === null || state === 'loading', `not settled while hidden (${state})`);
  await p.page.evaluate(() => { document.querySelector('#panel1').hidden = true; document.querySelector('#panel2').hidden = false; });
  await p.page.waitForFunction(() => document.querySelector('#a').getAttribute('data-bering-state') === 'ready');
  await p.page.waitForFunction(() => (document.querySelector('#a').shadowRoot.querySelector('table')?.rows.length ?? 0) > 0);
  await assertWidget(p, '#a', 'length', { container: '.article' });
  await p.page.evaluate(() => { document.querySelector('#more').open = true; });
  await p.page.waitForFunction(() => document.querySelector('#b').getAttribute('data-bering-state') === 'ready');
  await assertWidget(p, '#b', 'cost', { container: '#more' });
}, { waitForSettled: false }));

test("the generator's image snippet in a flex row: the chart fills its share and never covers the text beside it", () => gallery('snippet-flex', async (p) => {
  const g = await assertWidget(p, '#a', 'length', { container: '.article', fills: false });
  assert.ok(Math.abs(g.host.width - 540) <= 1, `#a is ${g.host.width} px of the 720 - 20 - 160 the row leaves`);
  const beside = await p.page.evaluate(() => document.querySelector('#beside').getBoundingClientRect().left);
  assert.ok(g.canvas.right <= beside, `the canvas ends (${g.canvas.right}) before the text beside it starts (${beside})`);
}));

test('a container narrower than 280 px: the chart is exactly as wide as it', () => gallery('narrow', async (p) => {
  const g = await assertWidget(p, '#a', 'length', { container: '#side' });
  assert.ok(Math.abs(g.host.width - 240) <= 1);
}));

test('wrappers sized by their content: 280 px at min-content, 1200 px at max-content or in a float, the page\'s text-indent aside', () => gallery('intrinsic', async (p) => {
  const widths = await p.page.evaluate(() => Object.fromEntries(['least', 'most', 'float', 'indented'].map((id) => {
    const e = document.getElementById(id);
    return [id, [Math.round(e.getBoundingClientRect().width), e.getAttribute('data-bering-state')]];
  })));
  assert.deepEqual(widths, { least: [280, 'ready'], most: [1200, 'ready'], float: [1200, 'ready'], indented: [1200, 'ready'] });
}, { width: 1600 }));

test('iframes without data-bering-frame, from another origin, added later: all resized, console clean', async () => {
  const page = `/tests/browser/pages/hosts/frames.html?cdn=${encodeURIComponent(cdn.url)}`;
  await withPage(env, page, { width: 800, height: 900, waitForSettled: false }, async (p) => {
    const fitted = (id) => p.page.waitForFunction((i) => {
      const f = document.getElementById(i);
      const h = parseFloat(f?.style.height);
      return h > 100 && h !== 300;
    }, id, { timeout: 15_000 });
    await fitted('f0');
    await fitted('f1');
    await p.page.evaluate(() => window.addLater());
    await fitted('f2');
    for (const id of ['f0', 'f1', 'f2']) {
      const frame = p.page.frames().find((f) => f.url().includes(id === 'f0' ? 'chart=length' : id === 'f1' ? 'chart=context' : 'chart=cost'));
      // (The frame sends its held height before its chart draws: wait for the drawing, and its height.)
      await frame.waitForFunction(() => document.getElementById('chart').getAttribute('data-bering-state') === 'ready');
      let inner;
      let outer;
      for (let i = 0; i < 50; i += 1) {
        inner = await frame.evaluate(() => ({ height: Math.ceil(document.documentElement.getBoundingClientRect().height), state: document.getElementById('chart').getAttribute('data-bering-state') }));
        outer = await p.page.evaluate((i) => parseFloat(document.getElementById(i).style.height), id);
        if (outer === inner.height) break;
        await p.page.waitForTimeout(100);
      }
      assert.equal(inner.state, 'ready', `${id}: the chart in the frame is ready`);
      assert.equal(outer, inner.height, `${id}: the iframe is as tall as its content`);
      const title = await p.page.evaluate((i) => document.getElementById(i).title, id);
      assert.match(title, /^Chart/, `${id} got a title`);
    }
    await p.page.screenshot({ path: path.join(SHOTS, 'frames.png'), fullPage: true });
    assertQuiet(p, 'frames');
  });
});

test('a container with no width at all: the widget falls back after its timeout and says why, never stuck loading', async () => {
  await withPage(env, '/tests/browser/pages/hosts/zero.html', { width: 800, height: 900, waitForSettled: false }, async (p) => {
    await p.page.waitForFunction(() => document.querySelector('#a').getAttribute('data-bering-state') === 'fallback', null, { timeout: 15_000 });
    const events = await p.page.evaluate(() => window.__beringTest.events.filter((e) => e.type === 'bering-chart:error').map((e) => e.detail));
    assert.equal(events.length, 1, 'one bering-chart:error event');
    assert.match(events[0].message, /no room to draw: its box is 0 px wide/);
    const warnings = p.consoleMessages.filter((m) => m.startsWith('warning:'));
    assert.equal(warnings.length, 1, JSON.stringify(warnings));
    assert.match(warnings[0], /no room to draw/);
    assertClean(p);
  });
});

test('iframes follow the parent page\'s theme through bering-frame.js (a class toggle on <html>), unless their URL names one', async () => {
  const page = `/tests/browser/pages/hosts/frames.html?cdn=${encodeURIComponent(cdn.url)}`;
  await withPage(env, page, { width: 800, height: 900, waitForSettled: false }, async (p) => {
    const frameOf = (query) => p.page.frames().find((f) => f.url().includes(query));
    await p.page.waitForFunction(() => parseFloat(document.getElementById('f0').style.height) !== 300, null, { timeout: 15_000 });
    const background = (query) => frameOf(query).evaluate(() => window.__beringTest.modeColour('#chart'));
    await frameOf('chart=length').waitForFunction(() => document.getElementById('chart').getAttribute('data-bering-state') === 'ready');
    assert.equal(await background('chart=length'), COLOURS.light.background);
    await p.page.evaluate(() => document.documentElement.classList.add('dark'));
    await frameOf('chart=length').waitForFunction((bg) => window.__beringTest.modeColour('#chart') === bg, COLOURS.dark.background, { timeout: 5000 });
    await p.page.screenshot({ path: path.join(SHOTS, 'frames-dark.png'), fullPage: true });
    await p.page.evaluate(() => document.documentElement.classList.remove('dark'));
    await frameOf('chart=length').waitForFunction((bg) => window.__beringTest.modeColour('#chart') === bg, COLOURS.light.background, { timeout: 5000 });
    assertQuiet(p, 'frames theme');
  });
});

// An iframe trial (stop 45): on a page dark from the start, the frame's chart was drawn light,
// grew in light and turned dark only once render() had resolved (the parent's theme, which came
// before the drawing, waited for the handle); a frame whose render() a timeout had rejected
// stayed light for good.
test('iframes on a page dark from the start are drawn dark the first time', async () => {
  const page = `/tests/browser/pages/hosts/frames.html?dark=1&cdn=${encodeURIComponent(cdn.url)}`;
  await withPage(env, page, {
    width: 800, height: 900, waitForSettled: false,
    prepare: (context) => context.addInitScript(() => {
      window.__drawnColours = [];
      document.addEventListener('bering-chart:draw', () => window.__drawnColours.push(window.__beringTest.modeColour('#chart')), true);
    }),
  }, async (p) => {
    const frameOf = (query) => p.page.frames().find((f) => f.url().includes(query));
    await p.page.waitForFunction(() => parseFloat(document.getElementById('f0').style.height) !== 300, null, { timeout: 15_000 });
    for (const query of ['chart=length', 'chart=context']) {
      await frameOf(query).waitForFunction(() => document.getElementById('chart').getAttribute('data-bering-state') === 'ready');
      const colours = await frameOf(query).evaluate(() => window.__drawnColours);
      const background = COLOURS.dark.background;
      assert.ok(colours.length >= 1 && colours.every((colour) => colour === background), `${query}: every drawing dark: ${colours}`);
    }
    await p.page.screenshot({ path: path.join(SHOTS, 'frames-dark-start.png'), fullPage: true });
    assertQuiet(p, 'frames dark from the start');
  });
});

// The same trial: bering-frame.js run after the frames had loaded (a tag manager) sized them
// but never sent the page's theme (it waited for a load event that had passed).
test('bering-frame.js added after the frames loaded still gives them the page\'s theme', async () => {
  const page = `/tests/browser/pages/hosts/frames.html?dark=1&late=1000&cdn=${encodeURIComponent(cdn.url)}`;
  await withPage(env, page, { width: 800, height: 900, waitForSettled: false }, async (p) => {
    const frameOf = (query) => p.page.frames().find((f) => f.url().includes(query));
    await p.page.waitForFunction(() => parseFloat(document.getElementById('f0').style.height) !== 300, null, { timeout: 15_000 });
    await frameOf('chart=length').waitForFunction((bg) => document.getElementById('chart').getAttribute('data-bering-state') === 'ready'
      && window.__beringTest.modeColour('#chart') === bg, COLOURS.dark.background, { timeout: 5000 });
    assertQuiet(p, 'frames, late script');
  });
});

// The same trial: a frame of another origin out of view gets no animation frames in Chromium,
// so its chart could not draw; after the load timeout the watchdog said "no room to draw: its
// box is 700 px wide" and fell back, and the reader scrolling to it met a static chart swapped
// for the live one, or (in the iframe embed) a chart that stayed in the wrong theme.
test('a chart in a frame of another origin, out of view past its load timeout, draws when scrolled to (no fallback)', async () => {
  const page = `/tests/browser/pages/hosts/offscreen.html?cdn=${encodeURIComponent(cdn.url)}`;
  await withPage(env, page, { width: 800, height: 700, waitForSettled: false }, async (p) => {
    const frame = () => p.page.frames().find((f) => f.url().includes('offscreen-frame.html'));
    await p.page.waitForFunction(() => document.getElementById('frame').src !== '');
    for (let i = 0; i < 100 && !frame(); i += 1) await p.page.waitForTimeout(50);
    await frame().waitForFunction(() => document.getElementById('chart')?.getAttribute('data-bering-state') !== null);
    // Well past the 2 s load timeout (which also bounds the frame's module load), still out of view.
    await p.page.waitForTimeout(4000);
    const before = await frame().evaluate(() => document.getElementById('chart').getAttribute('data-bering-state'));
    await p.page.locator('#frame').scrollIntoViewIfNeeded();
    await frame().waitForFunction(() => document.getElementById('chart').getAttribute('data-bering-state') === 'ready');
    assert.equal(before, 'loading', 'out of view, the chart waits for frames to draw in');
    assertQuiet(p, 'a frame below the fold');
  });
});

// The same trial: frame.html sent its height only once its chart had settled, so an iframe out of
// view kept its pasted height until the reader scrolled to it, then grew in front of them.
test('an iframe embed out of view is given its chart\'s height before the chart draws', async () => {
  const page = `/tests/browser/pages/hosts/offscreen.html?embed=frame&cdn=${encodeURIComponent(cdn.url)}`;
  await withPage(env, page, { width: 800, height: 700, waitForSettled: false }, async (p) => {
    const frame = () => p.page.frames().find((f) => f.url().includes('frame.html'));
    await p.page.waitForFunction(() => document.getElementById('frame').style.height !== '400px', null, { timeout: 10_000 });
    for (let i = 0; i < 100 && !frame(); i += 1) await p.page.waitForTimeout(50);
    const held = await p.page.evaluate(() => parseFloat(document.getElementById('frame').style.height));
    const state = await frame().evaluate(() => document.getElementById('chart').getAttribute('data-bering-state'));
    await p.page.locator('#frame').scrollIntoViewIfNeeded();
    await frame().waitForFunction(() => document.getElementById('chart').getAttribute('data-bering-state') === 'ready');
    await p.page.waitForTimeout(300);
    const drawn = await p.page.evaluate(() => parseFloat(document.getElementById('frame').style.height));
    const content = await frame().evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
    assert.equal(state, 'loading', 'sized while the chart waits out of view');
    // Sized by its parent, the frame never scrolls (see the next test).
    await p.page.waitForTimeout(1300);
    assert.equal(await frame().evaluate(() => document.documentElement.className), '', 'no scrollbar in a sized frame');
    assert.ok(held > 200 && Math.abs(held - drawn) <= 2 && Math.abs(drawn - content) <= 2, `the held height is the drawn one: ${held}, ${drawn}, ${content}`);
    assertQuiet(p, 'an iframe embed below the fold');
  });
});

// The same trial: a CMS that keeps the iframe but strips bering-frame.js left the frame at the
// generator's height for 640 px, its overflow hidden: on a phone the chart's foot and "Get the
// data" were cut off, out of the reader's reach.
test('an iframe no parent sizes lets the reader scroll to what its height cuts off', async () => {
  const page = `/tests/browser/pages/hosts/frames.html?stripped=1&cdn=${encodeURIComponent(cdn.url)}`;
  await withPage(env, page, { width: 800, height: 900, waitForSettled: false }, async (p) => {
    const frameOf = (query) => p.page.frames().find((f) => f.url().includes(query));
    for (let i = 0; i < 100 && !frameOf('chart=context'); i += 1) await p.page.waitForTimeout(50);
    const frame = frameOf('chart=context');
    await frame.waitForFunction(() => document.getElementById('chart').getAttribute('data-bering-state') === 'ready');
    await frame.waitForFunction(() => document.documentElement.classList.contains('scrolls'), null, { timeout: 5000 });
    const view = await frame.evaluate(() => {
      document.scrollingElement.scrollTop = 1e6;
      const link = document.getElementById('chart').shadowRoot.querySelector('a.bering-data');
      return { scrolled: document.scrollingElement.scrollTop, linkBottom: link.getBoundingClientRect().bottom, viewport: innerHeight };
    });
    assert.ok(view.scrolled > 0 && view.linkBottom <= view.viewport, `the reader reaches "Get the data": ${JSON.stringify(view)}`);
    await p.page.locator('iframe').nth(1).screenshot({ path: path.join(SHOTS, 'frames-stripped-scrolled.png') });
    assertQuiet(p, 'a frame no parent sizes');
  });
});

test('a custom chart whose JSON a CMS stripped, alone on its page, loads and draws once a framework puts its JSON back', async () => {
  const html = testPage(`<main style="width:640px;margin:16px"><div id="stripped" data-bering-chart="length" data-bering-custom data-loading="eager"></div></main>`, { title: 'chart data put back later' });
  await withPage(env, '/tests/generated/stripped-json.html', { waitForSettled: false, prepare: (context) => generated(context, 'stripped-json', html) }, async (p) => {
    await p.page.waitForFunction(() => document.getElementById('stripped').getAttribute('data-bering-state') === 'fallback');
    const gone = await call(p, 'info', '#stripped');
    assert.match(gone.message, /holds no <script type="application\/json">/);
    // With no static chart of its own (a CMS stripped that too), the box says why: the story's
    // chart never stands in for it, and the message promises no static chart.
    assert.ok(gone.messageVisible && !/static chart stays/.test(gone.message), gone.message);
    assert.equal(await p.page.evaluate(() => [...document.getElementById('stripped').shadowRoot.querySelectorAll('img')].filter((img) => img.checkVisibility()).length), 0,
      'no built-in image of the story\'s chart');
    await p.page.evaluate(() => window.__beringTest.frames(10));
    assert.equal(await p.page.evaluate(() => performance.getEntriesByType('resource').filter((r) => r.name.endsWith('.wasm')).length), 0,
      'a stripped chart loads no module');
    await p.page.evaluate(() => {
      const script = document.createElement('script');
      script.type = 'application/json';
      script.textContent = JSON.stringify({ title: 'Put back', bars: [{ label: 'Back A', value: 3 }, { label: 'Back B', value: 1 }] });
      document.getElementById('stripped').append(script);
    });
    await p.page.waitForFunction(() => document.getElementById('stripped').getAttribute('data-bering-state') === 'ready', null, { timeout: 20_000 });
    const info = await call(p, 'info', '#stripped');
    assert.equal(info.messageVisible, false, 'the stripped message is gone');
    const { primary, other } = COLOURS.light;
    const runs = await call(p, 'longestRuns', '#stripped', [primary, other], 2);
    assert.ok(Math.abs(runs[primary].run / runs[other].run / 3 - 1) < 0.03, `3 against 1: ${JSON.stringify(runs)}`);
    // The same through render(): it rejects while the JSON is stripped, and resolves once it is back.
    const renders = await p.page.evaluate(async () => {
      const { render } = await import('/embed/bering-chart.js');
      const box = document.createElement('div');
      box.style.width = '640px';
      const el = document.createElement('div');
      el.id = 'rendered';
      el.setAttribute('data-bering-custom', '');
      box.append(el);
      document.querySelector('main').after(box);
      const first = await render(el, { chart: 'length' }).then(() => 'resolved', (error) => error.message);
      el.insertAdjacentHTML('beforeend', '<script type="application/json">{"title":"Rendered back","bars":[{"label":"R A","value":2},{"label":"R B","value":1}]}<\/script>');
      const again = await render(el, { chart: 'length' }).then((chart) => chart.element.id, (error) => `rejected: ${error.message}`);
      return { first, again, state: el.getAttribute('data-bering-state') };
    });
    assert.match(renders.first, /holds no <script type="application\/json">/);
    assert.deepEqual([renders.again, renders.state], ['rendered', 'ready']);
    const rendered = await call(p, 'longestRuns', '#rendered', [primary, other], 2);
    assert.ok(Math.abs(rendered[primary].run / rendered[other].run / 2 - 1) < 0.03, `2 against 1: ${JSON.stringify(rendered)}`);
    assert.deepEqual(p.pageErrors, []);
  });
});

test('an element waiting below the fold that loses data-bering-chart (a CMS or framework taking it back) is the page\'s again: its own children shown, nothing set up when it is scrolled to', async () => {
  const html = testPage(`<div style="height:4000px">Article text</div>
<div style="width:640px"><div id="far" data-bering-chart="length"><p id="own">The page's own words</p></div></div>
<div style="height:400px"></div>`, { title: 'taken back while waiting' });
  await withPage(env, '/tests/generated/taken-back.html', {
    waitForSettled: false,
    prepare: (context) => generated(context, 'taken-back', html),
  }, async (p) => {
    // Claimed and waiting: its place held (the reserve), no state yet.
    await p.page.waitForFunction(() => document.getElementById('far').shadowRoot?.querySelector('.bering-reserve') != null);
    await p.page.evaluate(() => document.getElementById('far').removeAttribute('data-bering-chart'));
    await p.page.evaluate(() => window.__beringTest.frames(2));
    await p.page.evaluate(() => document.getElementById('own').scrollIntoView({ block: 'center' }));
    await p.page.waitForTimeout(1000);
    const res = await p.page.evaluate(() => {
      const far = document.getElementById('far');
      return {
        state: far.getAttribute('data-bering-state'),
        figures: far.shadowRoot?.querySelectorAll('figure').length ?? 0,
        reserve: far.shadowRoot?.querySelector('.bering-reserve') != null,
        sheets: far.shadowRoot?.adoptedStyleSheets.length,
        own: document.getElementById('own').checkVisibility(),
        height: far.getBoundingClientRect().height,
        ownHeight: document.getElementById('own').getBoundingClientRect().height,
      };
    });
    assert.equal(res.state, null, 'never set up');
    assert.equal(res.figures, 0, 'no chart drawn over the page\'s content');
    assert.equal(res.reserve, false, 'no place held for a chart');
    assert.equal(res.sheets, 0, 'none of the widget\'s style left on it');
    assert.equal(res.own, true, 'its own children show');
    assert.ok(Math.abs(res.height - res.ownHeight) < 40, `as tall as its own content: ${JSON.stringify(res)}`);
    assertClean(p);
  });
});

test('a chart first drawn in a dialog that zooms in as it opens (an animated scale), or in a wrapper whose scale transitions: drawn again sharp once the transform settles (DPR 2)', async () => {
  const html = testPage(`<style>
  dialog { width: 600px; padding: 0; border: 0; }
  dialog[open] { animation: pop 2s linear; }
  @keyframes pop { from { transform: scale(0.3); } to { transform: none; } }
  #wrap { width: 600px; transform: scale(0.5); transform-origin: 0 0; transition: transform 0.4s; }
  #wrap.big { transform: none; }
</style>
<dialog id="d"><div id="inside" data-bering-chart="cost"></div></dialog>
<div id="wrap"><div id="scaled" data-bering-chart="length"></div></div>`, { title: 'transforms that settle' });
  await withPage(env, '/tests/generated/settling-transforms.html', {
    deviceScaleFactor: 2, waitForSettled: false,
    prepare: (context) => generated(context, 'settling-transforms', html),
  }, async (p) => {
    // The "more" script is in (the data table made): what follows is its listeners', not its first look.
    await p.page.waitForFunction(() => (document.getElementById('scaled').shadowRoot.querySelector('table')?.rows.length ?? 0) > 0);
    const sharpness = (id) => p.page.evaluate((which) => {
      const canvas = document.getElementById(which).shadowRoot.querySelector('canvas');
      return canvas.width / (parseFloat(canvas.style.width) * 2);
    }, id);
    assert.ok(Math.abs(await sharpness('scaled') - 0.5) < 0.02, 'drawn at the half scale it is shown at');
    // The dialog opens (its chart draws at the animation's first scale), and the wrapper grows.
    // (Its first drawing's pixel ratio, from its event: the grow-in delays `ready`.)
    await p.page.evaluate(() => {
      document.getElementById('inside').addEventListener('bering-chart:draw', (event) => { window.firstRatio ??= event.detail.pixelRatio; });
      document.getElementById('d').showModal();
      document.getElementById('wrap').classList.add('big');
    });
    const early = await p.page.waitForFunction(() => window.firstRatio).then((ratio) => ratio.jsonValue()) / 2;
    await p.page.waitForFunction(() => {
      const canvas = document.getElementById('inside').shadowRoot.querySelector('canvas');
      return Math.abs(canvas.width / (parseFloat(canvas.style.width) * 2) - 1) < 0.02;
    }, null, { timeout: 10_000 }).catch(() => {});
    assert.ok(early < 0.97, `the dialog's chart was first drawn mid-animation, soft: ${early}`);
    assert.ok(Math.abs(await sharpness('inside') - 1) < 0.02, `the dialog's chart is sharp once its animation ended: ${await sharpness('inside')}`);
    await p.page.waitForFunction(() => {
      const canvas = document.getElementById('scaled').shadowRoot.querySelector('canvas');
      return Math.abs(canvas.width / (parseFloat(canvas.style.width) * 2) - 1) < 0.02;
    }, null, { timeout: 10_000 }).catch(() => {});
    assert.ok(Math.abs(await sharpness('scaled') - 1) < 0.02, `the wrapper's chart is sharp once its transition ended: ${await sharpness('scaled')}`);
    // A scale set at once on the element's own style (a reveal script, say): drawn again at it.
    await p.page.evaluate(() => { document.getElementById('scaled').style.transform = 'scale(1.5)'; });
    await p.page.waitForFunction(() => {
      const canvas = document.getElementById('scaled').shadowRoot.querySelector('canvas');
      return Math.abs(canvas.width / (parseFloat(canvas.style.width) * 2) - 1.5) < 0.02;
    }, null, { timeout: 10_000 }).catch(() => {});
    assert.ok(Math.abs(await sharpness('scaled') - 1.5) < 0.02, `drawn at the element's own new scale: ${await sharpness('scaled')}`);
    assertClean(p);
  });
});

test('a chart render() put in a component\'s shadow root (open or closed), or slotted into it, in a dialog there that zooms in as it opens: drawn again sharp once the animation ends (DPR 2)', async () => {
  // The animation's end reaches the document with the component as its target (retargeted):
  // the chart is inside it across the shadow boundary, which Node.contains does not cross.
  // A third component shows a chart of the page's own (light DOM) through a slot in its dialog.
  const html = testPage(`<article-body id="open-one"></article-body><article-body id="closed-one" data-mode="closed"></article-body>
<article-body id="slotted-one" data-slotted><div class="own-chart"></div></article-body>
<script type="module">
  // Long and linear: the wasm is fetched and compiled after the dialogs open (no chart before them on
  // this page), which took 440 ms on a busy CI machine; the first drawing must still come mid-animation.
  const POP = '<style>dialog { width: 600px; padding: 0; border: 0; } dialog[open] { animation: pop 2s linear; } @keyframes pop { from { transform: scale(0.3); } to { transform: none; } }</style>';
  customElements.define('article-body', class extends HTMLElement {
    connectedCallback() {
      const root = this.attachShadow({ mode: this.dataset.mode || 'open' });
      root.innerHTML = POP + (this.hasAttribute('data-slotted') ? '<dialog><slot></slot></dialog>' : '<dialog><div></div></dialog>');
      const chart = this.hasAttribute('data-slotted') ? this.querySelector('.own-chart') : root.querySelector('dialog > div');
      (window.inComponents ??= {})[this.id] = { dialog: root.querySelector('dialog'), chart };
    }
  });
</script>`, { title: 'charts in components that animate' });
  await withPage(env, '/tests/generated/component-dialogs.html', {
    deviceScaleFactor: 2, waitForSettled: false,
    prepare: (context) => generated(context, 'component-dialogs', html),
  }, async (p) => {
    const sharpness = (id) => p.page.evaluate((which) => {
      const canvas = window.inComponents[which].chart.shadowRoot.querySelector('canvas');
      return canvas.width / (parseFloat(canvas.style.width) * 2);
    }, id);
    await p.page.waitForFunction(() => window.inComponents?.['closed-one']);
    // The charts are made while their dialogs are shut, then the dialogs open (drawn mid-animation).
    await p.page.evaluate(async () => {
      const { render } = await import('/embed/bering-chart.js');
      // (Each chart's first drawing's pixel ratio, from its event: later ones are the sharp redraws.)
      window.firstRatio = {};
      for (const [id, { chart }] of Object.entries(window.inComponents)) {
        chart.addEventListener('bering-chart:draw', (event) => { window.firstRatio[id] ??= event.detail.pixelRatio; });
      }
      const charts = Object.values(window.inComponents).map(({ chart }) => render(chart, { chart: 'cost' }));
      await new Promise((done) => setTimeout(done, 100));
      Object.values(window.inComponents).forEach(({ dialog }) => dialog.show());
      await Promise.all(charts);
    });
    for (const id of ['open-one', 'closed-one', 'slotted-one']) {
      const early = await p.page.evaluate((which) => window.firstRatio[which], id) / 2;
      assert.ok(early < 0.97, `${id}: first drawn mid-animation, soft: ${early}`);
    }
    for (const id of ['open-one', 'closed-one', 'slotted-one']) {
      await p.page.waitForFunction((which) => {
        const canvas = window.inComponents[which].chart.shadowRoot.querySelector('canvas');
        return Math.abs(canvas.width / (parseFloat(canvas.style.width) * 2) - 1) < 0.02;
      }, id, { timeout: 10_000 }).catch(() => {});
      assert.ok(Math.abs(await sharpness(id) - 1) < 0.02, `${id}: sharp once the animation ended: ${await sharpness(id)}`);
    }
    assertClean(p);
  });
});

test('a page that writes itself anew (document.open and write, or a new <html> element) after the script ran: its charts are set up and drawn', async () => {
  const html = testPage(`<p>First page</p><div id="first" data-bering-chart="length"></div>`, { title: 'a page written anew' });
  await withPage(env, '/tests/generated/written-anew.html', {
    waitForSettled: false,
    prepare: (context) => generated(context, 'written-anew', html),
  }, async (p) => {
    await p.page.waitForFunction(() => document.getElementById('first')?.getAttribute('data-bering-state') === 'ready');
    // The module has run: the new document's script tag runs nothing again, as for readers.
    await p.page.evaluate(() => {
      document.open();
      document.write('<!doctype html><html lang="en"><head><title>written anew</title></head><body><p>Second page</p><div id="second" data-bering-chart="cost"></div><script type="module" src="/embed/bering-chart.js"><\/script></body></html>');
      document.close();
    });
    await p.page.waitForFunction(() => document.getElementById('second')?.getAttribute('data-bering-state') === 'ready', null, { timeout: 10_000 }).catch(() => {});
    assert.equal(await p.page.evaluate(() => document.getElementById('second')?.getAttribute('data-bering-state')), 'ready', 'the chart of the page written anew is drawn');
    // A framework replacing the root element.
    await p.page.evaluate(() => {
      const root = document.createElement('html');
      root.innerHTML = '<head><title>new root</title></head><body><div id="third" data-bering-chart="context"></div></body>';
      document.replaceChild(root, document.documentElement);
    });
    await p.page.waitForFunction(() => document.getElementById('third')?.getAttribute('data-bering-state') === 'ready', null, { timeout: 10_000 }).catch(() => {});
    assert.equal(await p.page.evaluate(() => document.getElementById('third')?.getAttribute('data-bering-state')), 'ready', 'the chart under a new root element is drawn');
    const height = await p.page.evaluate(() => document.getElementById('third').getBoundingClientRect().height);
    assert.ok(height > 200, `it has its height: ${height}`);
    assert.deepEqual(p.pageErrors, []);
  });
});
