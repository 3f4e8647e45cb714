// The embed's four wasm modules (issue 15, tools/split-wasm.mjs), and the shim's "more" script: the first drawing of a
// default chart needs the shim and the primary module only; the "more" module (the data
// table, CSV, tooltips, the figures in words) and script are fetched after that drawing; the "model"
// module (the model for the charts the primary has none built for: pounds; other languages'
// words) and the "input" module (custom data) only by a page that needs one, before its first
// drawing, started beside the primary when the options say so; an interaction that comes before
// "more" is answered when it arrives; and when a module cannot load, what does not need it stays
// drawn and the console and the boxes that needed it say why.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, generated, testPage, assertClean } from './browser.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const MORE = '**/embed/bering_chart_more.wasm';
const MORE_SCRIPT = '**/embed/bering-chart-more.js';
const MODEL = '**/embed/bering_chart_model.wasm';
const INPUT = '**/embed/bering_chart_input.wasm';
const CUSTOM = '<script type="application/json">{"title": "Two tunnels", "bars": [{"label": "A", "value": 2}, {"label": "B", "value": 1}]}</script>';

/** The wall-clock time (ms) of the page's first `bering-chart:draw`, to set beside its requests'. */
const firstDrawAt = (p) => p.page.evaluate(() => {
  const draw = window.__beringTest.events.find((e) => e.type === 'bering-chart:draw');
  return draw ? performance.timeOrigin + draw.t : null;
});

function recordRequests(context) {
  const requests = [];
  context.on('request', (r) => requests.push({ path: new URL(r.url()).pathname, at: Date.now() }));
  return requests;
}

const states = (p, ids) => p.page.evaluate((list) => list.map((id) => document.getElementById(id).getAttribute('data-bering-state')), ids);

/**
 * Sets `attributes` ([name, value] pairs) on #chart, from then on recording every state it
 * takes (`statesSince`); the state it was in when they were set.
 */
const changeChart = (p, attributes) => p.page.evaluate((pairs) => {
  const chart = document.getElementById('chart');
  window.__states = [];
  new MutationObserver(() => window.__states.push(chart.getAttribute('data-bering-state'))).observe(chart, { attributes: true, attributeFilter: ['data-bering-state'] });
  for (const [name, value] of pairs) chart.setAttribute(name, value);
  return chart.getAttribute('data-bering-state');
}, attributes);
const statesSince = (p) => p.page.evaluate(() => window.__states);

/** Waits for #chart to be ready, and asserts that it never went to `error` on the way. */
async function readyNeverInError(p) {
  await p.page.waitForFunction(() => document.getElementById('chart').getAttribute('data-bering-state') === 'ready');
  const states = await statesSince(p);
  assert.ok(!states.includes('error'), `never in error: ${states}`);
}

test('a default chart is drawn from the shim and the primary module; the rest comes after, and then answers', async () => {
  let release;
  const gate = new Promise((resolve) => { release = resolve; });
  let requests;
  const p = await openPage(env, '/tests/generated/split-first.html', {
    waitForSettled: false,
    prepare: async (context) => {
      await generated(context, 'split-first', testPage(`
<div style="width:640px"><div id="length" data-bering-chart="length"></div></div>
<div style="width:640px"><div id="cost" data-bering-chart="cost"></div></div>`));
      requests = recordRequests(context);
      await context.route(MORE, async (route) => { await gate; await route.continue(); });
      // Served as built once; any later request gets another script, which must never run
      // (the import takes the module the checked preload fetched).
      let served = 0;
      await context.route(MORE_SCRIPT, async (route) => {
        await gate;
        if (served++ === 0) await route.continue();
        else await route.fulfill({ status: 200, contentType: 'text/javascript', body: 'window.__ran = 1; export const start = () => ({});' });
      });
    },
  });
  try {
    await p.page.waitForFunction(() => ['length', 'cost'].every((id) => document.getElementById(id).getAttribute('data-bering-state') === 'ready'));
    const before = await p.page.evaluate(() => ['length', 'cost'].map((id) => {
      const root = document.getElementById(id).shadowRoot;
      return {
        label: root.querySelector('canvas').getAttribute('aria-label'),
        caption: root.querySelector('figcaption').textContent,
        tableRows: root.querySelector('table')?.rows.length ?? 0,
      };
    }));
    const fetched = (name) => requests.filter((r) => r.path.endsWith(name));
    // Asked for when the browser is idle after the charts are final.
    for (let waited = 0; !fetched('bering_chart_more.wasm').length && waited < 5000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    const firstDraw = await firstDrawAt(p);
    // The critical path: the page, the shim and the primary module, nothing else.
    const beforeDraw = requests.filter((r) => r.at <= firstDraw).map((r) => r.path).filter((path) => path.startsWith('/embed/'));
    assert.deepEqual(beforeDraw.sort(), ['/embed/bering-chart.js', '/embed/bering_chart_bg.wasm'], `fetched before the first drawing: ${beforeDraw}`);
    assert.equal(fetched('bering_chart_more.wasm').length, 1, 'the second module is asked for once the charts are drawn');
    assert.ok(fetched('bering_chart_more.wasm')[0].at >= firstDraw, 'and only after the first drawing');
    assert.equal(fetched('bering-chart-more.js').length, 1, 'the "more" script is asked for with it');
    assert.ok(fetched('bering-chart-more.js')[0].at >= firstDraw, 'the "more" script only after the first drawing');
    // Drawn and named from the primary alone; the table waits for the second module.
    const lengthRuns = await p.page.evaluate(() => window.__beringTest.longestRuns('#length', ['#0b5cad', '#8a8a8a']));
    assert.ok(lengthRuns['#0b5cad'].run > 200 && lengthRuns['#8a8a8a'].run > 150, `both bars drawn: ${JSON.stringify(lengthRuns)}`);
    assert.equal(before[0].label, 'The proposed Bering Strait tunnel against the strait\'s width');
    assert.match(before[1].caption, /Claimed cost of the Bering Strait tunnel/);
    assert.deepEqual(before.map((b) => b.tableRows), [0, 0], 'no data table before the second module');

    // A keyboard reader arrives before the second module: the key's default action is
    // prevented at once, and the tooltip comes with the module.
    await p.page.keyboard.press('Tab');
    const focused = await p.page.evaluate(() => document.activeElement?.id);
    assert.equal(focused, 'length', 'the chart has the focus (its canvas, in its shadow root)');
    const scrolled = await p.page.evaluate(() => scrollY);
    await p.page.keyboard.press('ArrowDown');
    assert.equal(await p.page.evaluate(() => scrollY), scrolled, 'the arrow key did not scroll the page');
    const tooltipShown = () => p.page.evaluate(() => {
      const tip = document.getElementById('length').shadowRoot.querySelector('.bering-tooltip');
      return !tip || tip.hidden ? null : tip.textContent;
    });
    assert.equal(await tooltipShown(), null, 'no tooltip yet');
    release();
    await p.page.waitForFunction(() => document.getElementById('length').shadowRoot.querySelector('.bering-tooltip')?.hidden === false);
    assert.match(await tooltipShown(), /^Bering Strait, width at its narrowest: 51\u00a0mi · 73% of Proposed tunnel$/, 'the focus, then the arrow key, answered in order');
    await p.page.waitForFunction(() => ['length', 'cost'].every((id) => document.getElementById(id).shadowRoot.querySelector('table')?.rows.length === 3));
    assert.equal(fetched('bering_chart_more.wasm').length, 1, 'fetched once for both charts');
    assert.equal(fetched('bering-chart-more.js').length, 1, 'the "more" script too: the import took what the checked preload fetched');
    assert.equal(await p.page.evaluate(() => window.__ran), undefined, 'no other script ran');
    assert.deepEqual(fetched('bering_chart_input.wasm'), [], 'a page of default charts in English never asks for the input module');
    assert.deepEqual(fetched('bering_chart_model.wasm'), [], 'nor for the model module');
    assertClean(p);
  } finally {
    release();
    await p.close();
  }
});

test('every chart the primary draws alone says and shows what it does with every module in: none of its data went to another module', async () => {
  // The read-only data only secondaries read is theirs (tools/split-data.mjs). A string the
  // primary reads but that had gone to one of them would read as zeros here, where the others
  // never arrive, and be right in the page where they do. Each chart the primary draws, and a
  // message it makes: their words (the lines around the canvas, the caption, the canvas's
  // name, the links, the box's message) and their pixels.
  const charts = [];
  for (const chart of ['length', 'cost', 'context']) {
    for (const [units, locale] of [['mi', 'en-US'], ['km', 'en-GB'], ['mi', 'xx-YY']]) charts.push({ chart, units, locale });
  }
  const body = charts.map(({ chart, units, locale }, i) => `<div style="width:560px"><div id="c${i}" data-bering-chart="${chart}" data-units="${units}" data-locale="${locale}"${i % 2 ? ' data-theme="dark"' : ''}></div></div>`).join('\n')
    + '\n<div style="width:560px"><div id="bad" data-bering-chart="length" data-units="furlongs"></div></div>';
  const ids = [...charts.map((_, i) => `c${i}`), 'bad'];
  const look = async (secondariesBlocked) => {
    const p = await openPage(env, `/tests/generated/split-alone-${secondariesBlocked}.html`, {
      waitForSettled: false, height: 600,
      prepare: async (context) => {
        await generated(context, `split-alone-${secondariesBlocked}`, testPage(body));
        // Never answered: the page has the shim and the primary only.
        if (secondariesBlocked) for (const pattern of [MORE, MORE_SCRIPT, MODEL, INPUT]) await context.route(pattern, () => {});
      },
    });
    try {
      // Like a reader, down to each chart (each is set up as it comes near), until each is
      // drawn or in error; with every module in, until each has its data table too.
      await p.page.waitForFunction(([list, whole]) => {
        const waiting = list.map((id) => document.getElementById(id)).find((el) => {
          const state = el.getAttribute('data-bering-state');
          return !(state === 'error' || (state === 'ready' && (!whole || el.shadowRoot.querySelector('table')?.rows.length > 1)));
        });
        waiting?.scrollIntoView({ block: 'center' });
        return !waiting;
      }, [ids, !secondariesBlocked], { polling: 100 });
      return await p.page.evaluate((list) => list.map((id) => {
        const root = document.getElementById(id).shadowRoot;
        const canvas = root.querySelector('canvas');
        let sum = 0;
        if (canvas && !canvas.hidden && canvas.width) {
          const { data } = window.__beringTest.pixels(`#${id}`);
          for (let i = 0; i < data.length; i += 97) sum = (sum * 31 + data[i]) >>> 0;
        }
        return {
          id,
          state: document.getElementById(id).getAttribute('data-bering-state'),
          lines: [...root.querySelectorAll('.bering-line')].map((line) => line.textContent),
          caption: root.querySelector('figcaption')?.textContent,
          name: canvas?.getAttribute('aria-label'),
          links: [...root.querySelectorAll('a')].map((a) => a.textContent),
          message: root.querySelector('[role="alert"], .bering-message')?.textContent ?? '',
          size: canvas ? [canvas.width, canvas.height] : null,
          pixels: sum,
        };
      }), ids);
    } finally {
      await p.close();
    }
  };
  const alone = await look(true);
  const whole = await look(false);
  assert.deepEqual(alone, whole);
  // (What is compared is there to compare.)
  assert.ok(alone.slice(0, -1).every((c) => c.state === 'ready' && c.lines.length >= 3 && c.name && c.links.length && c.pixels), JSON.stringify(alone[0]));
  assert.match(alone.at(-1).message, /data-units="furlongs"/);
});

test('custom data asks for the input module, another language for the model module, beside the primary', async () => {
  for (const [name, markup, wanted] of [
    ['custom', `<div id="chart" data-bering-chart="length">${CUSTOM}</div>`, ['input']],
    ['german', '<div id="chart" data-bering-chart="cost" data-locale="de-DE"></div>', ['model']],
    // The model module holds the packs' installer: custom data in German needs both.
    ['custom in German', `<div id="chart" data-bering-chart="length" data-locale="de-DE">${CUSTOM}</div>`, ['input', 'model']],
    // A cost chart in pounds is the model module's, but custom data is the input module's alone.
    ['custom in pounds', `<div id="chart" data-bering-chart="cost" data-currency="GBP" data-gbp-per-usd="0.79">${CUSTOM}</div>`, ['input']],
  ]) {
    let requests;
    const slug = name.replaceAll(' ', '-');
    const p = await openPage(env, `/tests/generated/split-${slug}.html`, {
      prepare: async (context) => {
        await generated(context, `split-${slug}`, testPage(`<div style="width:640px">${markup}</div>`));
        requests = recordRequests(context);
      },
    });
    try {
      const firstDraw = await firstDrawAt(p);
      for (const module of ['input', 'model']) {
        const asked = requests.filter((r) => r.path.endsWith(`/bering_chart_${module}.wasm`));
        if (!wanted.includes(module)) {
          assert.deepEqual(asked, [], `${name}: no ${module} module`);
          continue;
        }
        assert.equal(asked.length, 1, `${name}: the ${module} module`);
        assert.ok(asked[0].at < firstDraw, `${name}: the ${module} module is asked for before the first drawing`);
      }
      const more = requests.filter((r) => r.path.endsWith('/bering_chart_more.wasm'));
      assert.ok(more.every((r) => r.at >= firstDraw), `${name}: the more module only after it`);
      assert.deepEqual(await states(p, ['chart']), ['ready'], name);
      const shown = await p.page.evaluate(() => document.getElementById('chart').shadowRoot.textContent);
      if (name === 'german') assert.match(shown, /Behauptete Kosten/, 'drawn in German');
      if (name === 'custom in German') assert.match(shown, /Two tunnels[^]*Daten herunterladen/, 'the custom chart, with the German words');
      assertClean(p);
    } finally {
      await p.close();
    }
  }
});

test('English charts in either unit and either spelling, and in a language not spoken, are drawn from the primary; pounds ask for the model module before their first drawing', async () => {
  for (const [name, markup, wantsModel, says] of [
    ['kilometres, en-GB', '<div id="chart" data-bering-chart="length" data-units="km" data-locale="en-GB"></div>', false, /Converted from miles: 1 mile = 1\.609344 km\./],
    ['a language not spoken', '<div id="chart" data-bering-chart="context" data-locale="es-ES"></div>', false, /data-locale="es-ES" is not supported yet/],
    ['pounds', '<div id="chart" data-bering-chart="cost" data-currency="GBP" data-gbp-per-usd="0.79"></div>', true, /converted from US dollars at £0\.79/],
    // The length chart is the same in any currency: pounds on it fetch nothing more.
    ['the length chart in pounds', '<div id="chart" data-bering-chart="length" data-currency="GBP" data-gbp-per-usd="0.79"></div>', false, /Proposed tunnel/],
  ]) {
    let requests;
    const p = await openPage(env, '/tests/generated/split-built.html', {
      prepare: async (context) => {
        await generated(context, 'split-built', testPage(`<div style="width:640px">${markup}</div>`));
        requests = recordRequests(context);
      },
    });
    try {
      const firstDraw = await firstDrawAt(p);
      const model = requests.filter((r) => r.path.endsWith('/bering_chart_model.wasm'));
      assert.deepEqual(await states(p, ['chart']), ['ready'], name);
      if (wantsModel) {
        assert.equal(model.length, 1, name);
        assert.ok(model[0].at < firstDraw, `${name}: the model module is asked for before the first drawing`);
      } else {
        assert.deepEqual(model, [], `${name}: drawn without the model module`);
      }
      assert.deepEqual(requests.filter((r) => r.path.endsWith('/bering_chart_input.wasm')), [], `${name}: never the input module`);
      // (The note on a language not spoken goes to the console.)
      const text = await p.page.evaluate(() => document.getElementById('chart').shadowRoot.textContent);
      assert.match([text, ...p.consoleMessages].join('\n'), says, name);
      const runs = await p.page.evaluate(() => window.__beringTest.longestRuns('#chart', ['#0b5cad', '#8a8a8a']));
      assert.ok(runs['#0b5cad'].run > 20 && runs['#8a8a8a'].run > 20, `${name}: its bars drawn: ${JSON.stringify(runs)}`);
      assertClean(p);
    } finally {
      await p.close();
    }
  }
});

test('pounds and a pack\'s language start the model module, and the pack, beside the primary, not after it', async () => {
  for (const [name, markup, files] of [
    ['pounds', '<div id="chart" data-bering-chart="cost" data-currency="GBP" data-gbp-per-usd="0.79"></div>', ['/embed/bering_chart_model.wasm']],
    ['german', '<div id="chart" data-bering-chart="cost" data-locale="de-DE"></div>', ['/embed/bering_chart_model.wasm', '/embed/locale/de.json']],
  ]) {
    let requests;
    let primaryReleased = Infinity;
    const p = await openPage(env, `/tests/generated/split-head-${name}.html`, {
      prepare: async (context) => {
        await generated(context, `split-head-${name}`, testPage(`<div style="width:640px">${markup}</div>`));
        requests = recordRequests(context);
        // The primary held back 300 ms: what is asked for before it arrives was started beside it.
        await context.route('**/embed/bering_chart_bg.wasm', async (route) => {
          await new Promise((r) => setTimeout(r, 300));
          primaryReleased = Date.now();
          await route.continue();
        });
      },
    });
    try {
      assert.deepEqual(await states(p, ['chart']), ['ready'], name);
      for (const file of files) {
        const asked = requests.filter((r) => r.path === file);
        assert.equal(asked.length, 1, `${name}: ${file} asked for once`);
        assert.ok(asked[0].at < primaryReleased, `${name}: ${file} asked for before the primary arrived`);
      }
      const caption = await p.page.evaluate(() => document.getElementById('chart').shadowRoot.querySelector('figcaption').textContent);
      assert.match(caption, name === 'german' ? /Behauptete Kosten/ : /Claimed cost/, name);
      if (name === 'german') {
        // A second German chart set up later uses the installed words: the pack is not fetched again.
        await p.page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<div style="width:640px"><div id="later" data-bering-chart="length" data-locale="de-DE"></div></div>'));
        await p.page.waitForFunction(() => document.getElementById('later').getAttribute('data-bering-state') === 'ready');
        const later = await p.page.evaluate(() => document.getElementById('later').shadowRoot.querySelector('figcaption').textContent);
        assert.match(later, /Beringstraße/, 'the later chart speaks German');
        assert.equal(requests.filter((r) => r.path === '/embed/locale/de.json').length, 1, 'the pack fetched once');
        assert.ok(!p.consoleMessages.some((m) => m.includes('could not load')), p.consoleMessages.join('\n'));
      }
      assertClean(p);
    } finally {
      await p.close();
    }
  }
});

test('options that change to pounds while the chart loads wait for the model module: the chart is drawn in pounds, never in error', async () => {
  let release;
  const gate = new Promise((resolve) => { release = resolve; });
  const p = await openPage(env, '/tests/generated/split-change.html', {
    waitForSettled: false,
    prepare: async (context) => {
      await generated(context, 'split-change', testPage('<div style="width:640px"><div id="chart" data-bering-chart="cost"></div></div>'));
      await context.route('**/embed/bering_chart_bg.wasm', async (route) => { await gate; await route.continue(); });
    },
  });
  try {
    await p.page.waitForFunction(() => document.getElementById('chart').getAttribute('data-bering-state') === 'loading');
    const seen = await changeChart(p, [['data-gbp-per-usd', '0.79'], ['data-currency', 'GBP']]);
    assert.equal(seen, 'loading');
    release();
    await readyNeverInError(p);
    const text = await p.page.evaluate(() => document.getElementById('chart').shadowRoot.textContent);
    assert.match(text, /converted from US dollars at £0\.79/);
    assertClean(p);
  } finally {
    release();
    await p.close();
  }
});

test('a custom chart changed after the primary arrived, before its input module, waits for that module: never in error', async () => {
  let release;
  const gate = new Promise((resolve) => { release = resolve; });
  const p = await openPage(env, '/tests/generated/split-custom-update.html', {
    waitForSettled: false,
    prepare: async (context) => {
      await generated(context, 'split-custom-update', testPage(`<div style="width:640px"><div id="chart" data-bering-chart="length">${CUSTOM}</div></div>`));
      await context.route(INPUT, async (route) => { await gate; await route.continue(); });
    },
  });
  try {
    // The primary is in (its answer to `needs` is what an update asks first), the input module held back.
    await p.page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('/bering_chart_bg.wasm') && e.responseEnd > 0));
    await p.page.evaluate(() => window.__beringTest.frames(5));
    const seen = await changeChart(p, [['data-theme', 'dark']]);
    assert.equal(seen, 'loading', 'still loading when the attribute changed');
    await p.page.evaluate(() => window.__beringTest.frames(5));
    release();
    await readyNeverInError(p);
    assert.match(await p.page.evaluate(() => document.getElementById('chart').shadowRoot.textContent), /Two tunnels/);
    assertClean(p);
  } finally {
    release();
    await p.close();
  }
});

test('an update to options the primary has no chart for loads the model module, then draws them', async () => {
  const requests = [];
  const p = await openPage(env, '/tests/generated/split-update.html', {
    prepare: async (context) => {
      await generated(context, 'split-update', testPage('<div style="width:640px"><div id="chart" data-bering-chart="cost"></div></div>'));
      context.on('request', (r) => requests.push(new URL(r.url()).pathname));
    },
  });
  p.requests = requests;
  try {
    const shown = () => p.page.evaluate(() => document.getElementById('chart').shadowRoot.textContent);
    assert.match(await shown(), /as stated by Dmitriev/);
    assert.doesNotMatch(await shown(), /0\.79/);
    assert.ok(!requests.some((path) => path.endsWith('/bering_chart_model.wasm')), 'no model module for dollars');
    const drawsBefore = await p.page.evaluate(() => window.__beringTest.events.filter((e) => e.type === 'bering-chart:draw').length);
    await p.page.evaluate(() => {
      const chart = document.getElementById('chart');
      chart.setAttribute('data-gbp-per-usd', '0.79');
      chart.setAttribute('data-currency', 'GBP');
    });
    await p.page.waitForFunction((n) => window.__beringTest.events.filter((e) => e.type === 'bering-chart:draw').length > n, drawsBefore);
    assert.match(await shown(), /converted from US dollars at £0\.79/);
    assert.ok(p.requests.some((path) => path.endsWith('/bering_chart_model.wasm')), 'the model module came for it');
    assert.ok(!p.requests.some((path) => path.endsWith('/bering_chart_input.wasm')), 'and not the input module');
    assert.deepEqual(await states(p, ['chart']), ['ready']);
    assertClean(p);
  } finally {
    await p.close();
  }
});

test('when a secondary module cannot load, what does not need it stays drawn, and the console and the boxes that need it say why', async () => {
  const broken = {
    '404': { route: (r) => r.fulfill({ status: 404, body: 'not here' }), cause: (file) => new RegExp(`${file} answered HTTP 404`) },
    'another file': {
      route: (r) => (r.request().url().endsWith('.js')
        // Another script, which must never run: the preload's hash check refuses it.
        ? r.fulfill({ status: 200, contentType: 'text/javascript', body: 'window.__ran = 1; export const start = () => {};' })
        : r.fulfill({ status: 200, contentType: 'application/wasm', body: Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]) })),
      cause: (file) => new RegExp(`${file} is not the file this script was built with \\(its integrity hash differs\\)`),
    },
  };
  for (const [module, pattern, file] of [
    ['more', MORE, 'bering_chart_more\\.wasm'], ['more', MORE_SCRIPT, 'bering-chart-more\\.js'],
    ['model', MODEL, 'bering_chart_model\\.wasm'], ['input', INPUT, 'bering_chart_input\\.wasm'],
  ]) {
    for (const [name, { route, cause }] of Object.entries(broken)) {
      const label = `${file}, ${name}`;
      const p = await openPage(env, '/tests/generated/split-broken.html', {
        waitForSettled: false,
        prepare: async (context) => {
          await generated(context, 'split-broken', testPage(`
<div style="width:640px"><div id="length" data-bering-chart="length"></div></div>
<div style="width:640px"><div id="custom" data-bering-chart="length">${CUSTOM}</div></div>
<div style="width:640px"><div id="german" data-bering-chart="cost" data-locale="de-DE"></div></div>
<div style="width:640px"><div id="pounds" data-bering-chart="cost" data-currency="GBP" data-gbp-per-usd="0.79"></div></div>`));
          await context.route(pattern, route);
        },
      });
      try {
        await p.page.waitForFunction(() => ['length', 'custom', 'german', 'pounds'].every((id) => ['ready', 'error', 'fallback'].includes(document.getElementById(id).getAttribute('data-bering-state'))));
        // (The more module is asked for when the browser is idle after the drawings: its warning comes then.)
        const off = { more: 'tooltips and data tables are off because', model: 'pounds and other languages are off because', input: 'custom data is off because' }[module];
        for (let waited = 0; !p.consoleMessages.some((m) => m.includes(off)) && waited < 5000; waited += 50) await new Promise((r) => setTimeout(r, 50));
        await p.page.evaluate(() => window.__beringTest.frames(10));
        const caption = (id) => p.page.evaluate((which) => document.getElementById(which).shadowRoot.querySelector('figcaption').textContent, id);
        if (module !== 'more') {
          // Custom data is the input module's to build, pounds the model module's: the box of the
          // one whose module is missing says why it is not drawn; the other is drawn.
          const missing = module === 'input' ? 'custom' : 'pounds';
          assert.deepEqual(await states(p, ['length', 'custom', 'german', 'pounds']), ['length', 'custom', 'german', 'pounds'].map((id) => (id === missing ? 'fallback' : 'ready')), label);
          const message = await p.page.evaluate((which) => document.getElementById(which).shadowRoot.querySelector('.bering-message').textContent, missing);
          assert.match(message, /^The interactive chart could not load: /, `${label}: ${missing}`);
          assert.match(message, cause(file), `${label}: ${missing}`);
          // Without the model module (the packs' installer) the German chart speaks en-US.
          assert.match(await caption('german'), module === 'model' ? /Claimed cost/ : /Behauptete Kosten/, `${label}: the German chart`);
          // New options for that chart (its update builds it again) get the same answer, not an
          // error from the export its module never gave.
          await p.page.evaluate((which) => document.getElementById(which).setAttribute('data-theme', 'dark'), missing);
          await p.page.evaluate(() => window.__beringTest.frames(5));
          const updated = await p.page.evaluate((which) => document.getElementById(which).shadowRoot.querySelector('.bering-message').textContent, missing);
          assert.equal(updated, message, `${label}: ${missing} after an update`);
          assert.deepEqual(await states(p, [missing]), ['fallback'], `${label}: ${missing} after an update`);
        } else {
          // Custom data, German and pounds need only the model and input modules: all are drawn, in their words.
          assert.deepEqual(await states(p, ['length', 'custom', 'german', 'pounds']), ['ready', 'ready', 'ready', 'ready'], label);
          assert.match(await caption('german'), /Behauptete Kosten/, `${label}: drawn in German`);
          const tables = await p.page.evaluate(() => ['length', 'custom', 'german'].map((id) => document.getElementById(id).shadowRoot.querySelector('table')?.rows.length ?? 0));
          assert.deepEqual(tables, [0, 0, 0], `${label}: no data table without the more module`);
        }
        const warnings = p.consoleMessages.filter((m) => / (are|is) off because/.test(m));
        assert.equal(warnings.length, 1, `${label}: one console message names the cause: ${JSON.stringify(p.consoleMessages)}`);
        assert.match(warnings[0], new RegExp(off));
        assert.match(warnings[0], cause(file));
        assert.deepEqual(p.pageErrors, [], `${label}: no uncaught errors`);
        assert.equal(await p.page.evaluate(() => window.__ran), undefined, `${label}: no other script ran`);
      } finally {
        await p.close();
      }
    }
  }
});

test('when the "more" module and script both cannot load, the console says so once, and the charts stay drawn', async () => {
  const p = await openPage(env, '/tests/generated/split-both.html', {
    waitForSettled: false,
    prepare: async (context) => {
      await generated(context, 'split-both', testPage(`
<div style="width:640px"><div id="length" data-bering-chart="length"></div></div>
<div style="width:640px"><div id="cost" data-bering-chart="cost"></div></div>`));
      for (const pattern of [MORE, MORE_SCRIPT]) await context.route(pattern, (r) => r.fulfill({ status: 404, body: 'not here' }));
    },
  });
  try {
    await p.page.waitForFunction(() => ['length', 'cost'].every((id) => document.getElementById(id).getAttribute('data-bering-state') === 'ready'));
    const off = () => p.consoleMessages.filter((m) => m.includes('tooltips and data tables are off because'));
    for (let waited = 0; !off().length && waited < 5000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    // Both failures have come in by then (a reader's key tries the files again, and fails again: said once).
    await p.page.keyboard.press('Tab');
    await p.page.keyboard.press('ArrowDown');
    await p.page.evaluate(() => window.__beringTest.frames(10));
    assert.equal(off().length, 1, `one console message: ${JSON.stringify(p.consoleMessages)}`);
    assert.match(off()[0], /answered HTTP 404/);
    assert.deepEqual(await states(p, ['length', 'cost']), ['ready', 'ready']);
    assert.deepEqual(p.pageErrors, [], 'no uncaught errors');
  } finally {
    await p.close();
  }
});
