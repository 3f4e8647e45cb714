// Hardening (issue 5), browser half: hostile input, faults and a strict page.
// - Bad input, one table row per case, all on one page of eagerly loaded widgets
//   next to good ones: each row ends in its documented outcome (state `error`
//   with its specific message in the box, one bering-chart:error event and
//   exactly one `bering-chart: <message>` console warning naming the element; or
//   accepted, with the text clamped/kept as documented), every element settles,
//   nothing is thrown at the page and the good widgets stay ready. Text that
//   looks like HTML is inert: no element is ever created from it, it is whole in
//   the caption, description and data table, and no dialog opens.
// - Faults: a wasm trap at run time (simulated by wrapping the wasm instance's
//   `widget_draw` export) sends every widget to `fallback` and nothing calls
//   into the dead instance or throws afterwards; an element removed while the
//   module loads never settles, draws or fires an event (a later trap included)
//   and is set up when put back; two copies ("versions") of the shim set each
//   element up once; the same id twice is fine.
// - A page with Trusted Types and a strict CSP (header) works with no violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { setup, openPage, settled, call, assertClean, DIST, generated, withPage, testPage } from './browser.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const escapeAttr = (text) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** JSON safe inside a <script> element (no `</script` can end it early). */
const scriptJson = (text) => text.replace(/<\//g, '<\\/');

function page(body, { head = '', shim } = {}) {
  return testPage(body, { title: 'hardening test', head, shim });
}


/** Records console.warn calls (text and the element named) and window 'error' events. */
function recordWarnings(context) {
  return context.addInitScript(() => {
    const T = window.__beringTest;
    T.warnings = [];
    T.windowErrors = [];
    T.dialogs = 0;
    const warn = console.warn;
    console.warn = function (...args) {
      T.warnings.push({ text: String(args[0]), id: args[1] instanceof Element ? args[1].id : null });
      return warn.apply(this, args);
    };
    addEventListener('error', (e) => T.windowErrors.push(String(e.message)));
  });
}

// ---------------------------------------------------------------------------
// Bad input

const INJECT = '"><img src=x onerror=alert(1)>';
const bar = (label, value) => ({ label, value });
const spec = (bars, extra = {}) => JSON.stringify({ title: 'T', bars, ...extra });
const deepArray = (n) => '['.repeat(n) + ']'.repeat(n);
const deepObject = (n) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
const thousandBars = spec(Array.from({ length: 1000 }, (_, i) => bar(`B${i}`, i + 1)));
const longLabel = 'L'.repeat(10_000);
const RTL = 'طول النفق 112 كم (עברית 70)';
const EMOJI = '🚄 Tunnel 👩‍👩‍👧‍👦 🇺🇸→🇷🇺';
const COMBINING = 'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǵ̌̚o̸ e\u0301\u0301';

/**
 * One row per case. `attrs`: data attributes (data-bering-chart defaults to length);
 * `json`: the child script's text (none when undefined). Expected: `error` (a RegExp
 * the message in the box must match) or `ready` (with `texts`: what the caption,
 * description and table must hold, whole).
 */
const ROWS = [
  // Attributes
  { name: 'unknown data-bering-chart', attrs: { 'data-bering-chart': 'pie' }, error: /^data-bering-chart="pie" is not allowed: use "length", "cost" or "context"\.$/ },
  { name: 'empty data-bering-chart', attrs: { 'data-bering-chart': '' }, error: /^data-bering-chart is empty: name a chart, "length", "cost" or "context"\.$/ },
  { name: 'blank data-bering-chart', attrs: { 'data-bering-chart': '   ' }, error: /^data-bering-chart is empty/ },
  { name: 'unknown data-units', attrs: { 'data-units': 'furlongs' }, error: /^data-units="furlongs" is not allowed: use "mi" or "km"\.$/ },
  { name: 'unknown data-currency', attrs: { 'data-bering-chart': 'cost', 'data-currency': 'EUR' }, error: /^data-currency="EUR" is not allowed: use "USD" or "GBP"\.$/ },
  { name: 'unknown data-theme', attrs: { 'data-theme': 'sepia' }, error: /^data-theme="sepia" is not allowed: use "auto", "light" or "dark"\.$/ },
  { name: 'malformed data-locale', attrs: { 'data-locale': 'en_US!!' }, error: /^data-locale="en_US!!" is not allowed: use a BCP 47 language tag such as "en-GB"\.$/ },
  { name: 'overlong data-locale', attrs: { 'data-locale': `en-${'abcdefgh-'.repeat(10)}x` }, error: /^data-locale=".*…" is not allowed/ },
  { name: 'malformed data-gbp-per-usd', attrs: { 'data-bering-chart': 'cost', 'data-currency': 'GBP', 'data-gbp-per-usd': 'NaN' }, error: /^data-gbp-per-usd="NaN" is not allowed/ },
  { name: 'well-formed but unsupported data-locale (documented: en-US, one console note)', attrs: { 'data-locale': 'ja-JP' }, ready: true, info: /data-locale="ja-JP" is not supported yet; showing en-US/ },
  { name: 'injection in data-bering-chart (quoted as text)', attrs: { 'data-bering-chart': INJECT }, error: /^data-bering-chart=""><img src=x onerror=alert\(1\)>" is not allowed: use "length", "cost" or "context"\.$/ },
  { name: 'injection in data-units (quoted as text)', attrs: { 'data-units': INJECT }, error: /^data-units=""><img src=x onerror=alert\(1\)>" is not allowed/ },
  // The child JSON
  { name: 'child JSON not JSON', json: '{not json', error: /^Chart data: the child <script type="application\/json"> is not valid JSON \(.+\)\.$/ },
  { name: 'child JSON empty', json: '', error: /^Chart data: the child <script type="application\/json"> is empty; remove it for the default chart or give a chart specification\.$/ },
  { name: 'child JSON blank', json: ' \n\t ', error: /is empty; remove it/ },
  { name: 'child JSON null', json: 'null', error: /^Chart data: the JSON must be an object like / },
  { name: 'child JSON an array', json: '[1, 2]', error: /^Chart data: the JSON must be an object like / },
  { name: 'child JSON a string', json: '"bars"', error: /^Chart data: the JSON must be an object like / },
  { name: 'child JSON 10,000 nested arrays', json: deepArray(10_000), error: /^Chart data: the JSON must be an object like / },
  { name: 'child JSON 10,000 nested objects', json: deepObject(10_000), error: /^Chart data: "a" is not a field; use title, bars, unit, prefix, note, source, sourceUrl, takeaway\.$/ },
  { name: 'bars nested 10,000 levels', json: `{"title":"T","bars":${deepArray(10_000)}}`, error: /^Chart data: "bars\[0\]" must be an object like \{"label": "…", "value": 1\}, not a list\.$/ },
  { name: 'title nested 10,000 levels', json: `{"title":${deepObject(10_000)},"bars":[]}`, error: /^Chart data: "title" must be text, not an object\.$/ },
  { name: 'nesting up to the size limit (49,999 levels)', json: deepArray(49_999), error: /^Chart data: (the JSON must be an object|the child <script type="application\/json"> is not valid JSON)/ },
  // The limit is Rust's (src/input.rs), checked before parsing: invalid JSON gets the size message.
  { name: 'child JSON over the limit (checked before parsing: invalid JSON gets the size message)', json: `{${'x'.repeat(100_000)}`, error: /^Chart data: the JSON holds more than 100,000 characters, the most allowed\.$/ },
  { name: 'valid child JSON over the limit', json: spec([bar('A', 1)], { note: ' '.repeat(100_000) }), error: /^Chart data: the JSON holds more than 100,000 characters, the most allowed\.$/ },
  { name: 'child JSON exactly at the limit (accepted)', json: (() => { const s = spec([bar('A', 1)]); return s + ' '.repeat(100_000 - s.length); })(), ready: true },
  // Wrong types, missing fields
  { name: 'title a number', json: '{"title": 5, "bars": [{"label": "A", "value": 1}]}', error: /^Chart data: "title" must be text, not a number\.$/ },
  { name: 'bars an object', json: '{"title": "T", "bars": {"label": "A", "value": 1}}', error: /^Chart data: "bars" must be a list of bars, not an object\.$/ },
  { name: 'bar a string', json: '{"title": "T", "bars": ["A"]}', error: /^Chart data: "bars\[0\]" must be an object like .*, not text "A"\.$/ },
  { name: 'label a number', json: spec([bar(7, 1)]), error: /^Chart data: "bars\[0\]\.label" must be text, not a number\.$/ },
  { name: 'value true', json: spec([bar('A', true)]), error: /^Chart data: "bars\[0\]\.value" must be a number, not true\/false\.$/ },
  { name: 'value an object', json: spec([bar('A', {})]), error: /^Chart data: "bars\[0\]\.value" must be a number, not an object\.$/ },
  { name: 'value a list', json: spec([bar('A', [1])]), error: /^Chart data: "bars\[0\]\.value" must be a number, not a list\.$/ },
  { name: 'value text "12"', json: spec([bar('A', '12')]), error: /^Chart data: "bars\[0\]\.value" must be a number, not text "12"\.$/ },
  { name: 'unknown field', json: '{"title": "T", "colour": "red", "bars": [{"label": "A", "value": 1}]}', error: /^Chart data: "colour" is not a field; use title, bars, unit, prefix, note, source, sourceUrl, takeaway\.$/ },
  { name: 'unknown bar field', json: '{"title": "T", "bars": [{"label": "A", "value": 1, "color": "red"}]}', error: /^Chart data: "bars\[0\]\.color" is not a field; use label, value, qualifier\.$/ },
  { name: 'missing title', json: '{"bars": [{"label": "A", "value": 1}]}', error: /^Chart data: "title" is missing or empty; give it a text\.$/ },
  { name: 'missing bars', json: '{"title": "T"}', error: /^Chart data: "bars" is missing; give a list of 1 to 12 bars\.$/ },
  { name: 'no bars', json: '{"title": "T", "bars": []}', error: /^Chart data: "bars" is empty; give 1 to 12 bars\.$/ },
  { name: 'missing label', json: '{"title": "T", "bars": [{"value": 1}]}', error: /^Chart data: "bars\[0\]\.label" is missing or empty; give it a text\.$/ },
  { name: 'missing value', json: '{"title": "T", "bars": [{"label": "A"}]}', error: /^Chart data: "bars\[0\]\.value" is missing; give a number\.$/ },
  { name: '1,000 bars', json: thousandBars, error: /^Chart data: "bars" has 1000 bars; at most 12 are allowed\.$/ },
  { name: '13 bars', json: spec(Array.from({ length: 13 }, (_, i) => bar(`B${i}`, 1))), error: /^Chart data: "bars" has 13 bars; at most 12 are allowed\.$/ },
  { name: '12 bars (accepted)', json: spec(Array.from({ length: 12 }, (_, i) => bar(`B${i}`, i + 1))), ready: true },
  // Values
  { name: 'negative value', json: spec([bar('A', -3.5)]), error: /^Chart data: "bars\[0\]\.value" is -3\.5; values must be 0 or more \(bars start at zero\)\.$/ },
  { name: 'zero-only values', json: spec([bar('A', 0), bar('B', 0)]), error: /^Chart data: every bar is 0; at least one value must be above zero\.$/ },
  { name: 'a zero beside a positive value (accepted)', json: spec([bar('A', 0), bar('B', 2)]), ready: true },
  { name: 'value "NaN" string', json: spec([bar('A', 'NaN')]), error: /^Chart data: "bars\[0\]\.value" must be a number, not text "NaN"\.$/ },
  { name: 'value "Infinity" string', json: spec([bar('A', 'Infinity')]), error: /^Chart data: "bars\[0\]\.value" must be a number, not text "Infinity"\.$/ },
  { name: 'value 1e308', json: '{"title": "T", "bars": [{"label": "A", "value": 1e308}]}', error: /^Chart data: "bars\[0\]\.value" is too large; at most 1e15 is allowed\.$/ },
  { name: 'value 1e309 (Infinity after parsing)', json: '{"title": "T", "bars": [{"label": "A", "value": 1e309}]}', error: /^Chart data: "bars\[0\]\.value" is not a finite number\.$/ },
  { name: 'value 1e15 (the largest allowed)', json: '{"title": "T", "bars": [{"label": "A", "value": 1e15}, {"label": "B", "value": 5e-324}]}', ready: true },
  // Text
  { name: 'label of 10,000 characters', json: spec([bar(longLabel, 1)]), error: /^Chart data: "bars\[0\]\.label" is too long \(10000 characters\); at most 200 are allowed\.$/ },
  { name: 'title of 10,000 characters', json: JSON.stringify({ title: longLabel, bars: [bar('A', 1)] }), error: /^Chart data: "title" is too long \(10000 characters\); at most 200 are allowed\.$/ },
  { name: 'note of 10,000 characters', json: spec([bar('A', 1)], { note: longLabel }), error: /^Chart data: "note" is too long \(10000 characters\); at most 500 are allowed\.$/ },
  { name: 'label of 200 characters (accepted, whole in the table)', json: spec([bar('M'.repeat(200), 1)]), ready: true, texts: ['M'.repeat(200)] },
  { name: 'right-to-left text mixed with digits', json: JSON.stringify({ title: RTL, bars: [bar(RTL, 112), bar('مضيق 82', 82)], note: RTL }), ready: true, texts: [RTL, 'مضيق 82'] },
  { name: 'emoji', json: JSON.stringify({ title: EMOJI, bars: [bar(EMOJI, 2), bar('🚢', 1)], unit: '🚆' }), ready: true, texts: [EMOJI, '🚢', '🚆'] },
  { name: 'combining marks', json: JSON.stringify({ title: COMBINING, bars: [bar(COMBINING, 2), bar('B', 1)] }), ready: true, texts: [COMBINING] },
  { name: 'control characters (documented: become spaces, ends trimmed)', json: JSON.stringify({ title: '\u0007Tit\u0000le\u001b', bars: [bar('\tA\u0000B\r\n', 2), bar('C\u007fD', 1)] }), ready: true, texts: ['Tit le', 'A B', 'C D'], absent: ['\u0000', '\u0007', '\u001b', '\u007f'] },
  { name: 'only control characters in a label', json: spec([bar('\u0000\u0007\t', 1)]), error: /^Chart data: "bars\[0\]\.label" is missing or empty; give it a text\.$/ },
  { name: 'lone surrogate in a label (replaced by U+FFFD, accepted)', json: '{"title": "T", "bars": [{"label": "A\\ud800B", "value": 1}]}', ready: true, texts: ['A\uFFFDB'] },
  {
    name: 'HTML/script injection in every text field (inert text)',
    json: JSON.stringify({
      title: INJECT, bars: [bar(INJECT, 3), bar(`${INJECT}2`, 2)], unit: '"><img src=x>', prefix: '<b>',
      note: `${INJECT} <script>alert(2)</script>`, source: `<a href="javascript:alert(3)">${INJECT}</a>`,
    }),
    ready: true,
    texts: [INJECT, `${INJECT}2`, '"><img src=x>', `${INJECT} <script>alert(2)</script>`, `<a href="javascript:alert(3)">${INJECT}</a>`],
  },
  { name: 'injection in a qualifier (error, quoted as text)', json: JSON.stringify({ title: 'T', bars: [{ label: 'A', value: 1, qualifier: INJECT }] }), error: /^Chart data: "bars\[0\]\.qualifier" is ""><img src=x onerror=alert\(1\)>"; use / },
  { name: 'injection longer than the unit limit', json: spec([bar('A', 1)], { unit: INJECT }), error: /^Chart data: "unit" is too long \(30 characters\); at most 16 are allowed\.$/ },
  { name: '__proto__ key in the spec (no pollution)', json: '{"title": "T", "bars": [{"label": "A", "value": 1}], "__proto__": {"polluted": "yes"}}', error: /^Chart data: "__proto__" is not a field; use title, bars, unit, prefix, note, source, sourceUrl, takeaway\.$/ },
];
ROWS.forEach((row, i) => { row.id = `row${i}`; });

const GOOD = ['good-length', 'good-cost', 'good-context', 'good-custom'];

function rowMarkup(row) {
  const attrs = { 'data-bering-chart': 'length', ...row.attrs, 'data-loading': 'eager' };
  const attrText = Object.entries(attrs).map(([k, v]) => `${k}="${escapeAttr(String(v))}"`).join(' ');
  const child = row.json === undefined ? '' : `<script type="application/json">${scriptJson(row.json)}</script>`;
  return `<div style="width:640px"><div id="${row.id}" ${attrText}>${child}</div></div>`;
}

const BAD_INPUT_PAGE = page(`
<div style="width:640px"><div id="good-length" data-bering-chart="length" data-loading="eager"></div></div>
${ROWS.map(rowMarkup).join('\n')}
<div style="width:640px"><div id="good-cost" data-bering-chart="cost" data-loading="eager"></div></div>
<div style="width:640px"><div id="good-context" data-bering-chart="context" data-units="km" data-loading="eager"></div></div>
<div style="width:640px"><div id="good-custom" data-bering-chart="length" data-loading="eager"><script type="application/json">{"title": "Fine", "bars": [{"label": "A", "value": 2}, {"label": "B", "value": 1}]}</script></div></div>`);

/** Everything the row tests look at, gathered once from one page. */
let badInput = null;
async function badInputResults() {
  badInput ??= (async () => {
    const started = Date.now();
    const p = await openPage(env, '/tests/generated/bad-input.html', {
      waitForSettled: false,
      prepare: async (context) => {
        await generated(context, 'bad-input', BAD_INPUT_PAGE);
        await recordWarnings(context);
      },
    });
    const dialogs = [];
    p.page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
    try {
      await settled(p, 30_000);
      // Let grow-in animations finish and anything late happen before looking.
      await p.page.waitForFunction((ids) => ids.every((id) => document.getElementById(id).getAttribute('data-bering-state') === 'ready'), GOOD, { timeout: 10_000 }).catch(() => {});
      await p.page.evaluate(() => window.__beringTest.frames(30));
      const view = await p.page.evaluate(({ ids, good }) => {
        const T = window.__beringTest;
        const out = {};
        for (const id of [...ids, ...good]) {
          const host = document.getElementById(id);
          const root = host.shadowRoot;
          const msg = root?.querySelector('.bering-message');
          const canvas = root?.querySelector('canvas');
          const describedBy = canvas?.getAttribute('aria-describedby');
          // Every element in the shadow root that the shim did not create itself.
          const expected = new Set(['FIGURE', 'FIGCAPTION', 'SPAN', 'CANVAS', 'P', 'TABLE', 'CAPTION', 'THEAD', 'TBODY', 'TR', 'TH', 'TD', 'DIV', 'A', 'SLOT']);
          const foreign = root ? [...root.querySelectorAll('*')]
            .filter((el) => !expected.has(el.tagName) && !(el.tagName === 'IMG' && el.parentElement.classList.contains('bering-static') && /\/fallback\/[a-z-]+\.svg$/.test(el.src)))
            .map((el) => el.outerHTML.slice(0, 80)) : ['no shadow root'];
          const attributes = root ? [...root.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => a.name))
            .filter((n) => /^on/i.test(n)) : [];
          out[id] = {
            state: host.getAttribute('data-bering-state'),
            message: msg?.textContent ?? null,
            messageVisible: !!msg && msg.checkVisibility() && msg.textContent.trim() !== '',
            canvasVisible: !!canvas && canvas.checkVisibility(),
            caption: root?.querySelector('figcaption')?.textContent ?? '',
            label: canvas?.getAttribute('aria-label') ?? null,
            description: describedBy ? root.getElementById(describedBy)?.textContent ?? null : null,
            cells: root ? [...root.querySelectorAll('table th, table td')].map((c) => c.textContent) : [],
            tableCaption: root?.querySelector('table caption')?.textContent ?? '',
            foreign,
            onAttributes: attributes,
            errorEvents: T.events.filter((e) => e.type === 'bering-chart:error' && e.id === id).map((e) => e.detail),
            readyEvents: T.events.filter((e) => e.type === 'bering-chart:ready' && e.id === id).length,
            warnings: T.warnings.filter((w) => w.id === id).map((w) => w.text),
          };
        }
        out.unnamedWarnings = T.warnings.filter((w) => !w.id).map((w) => w.text);
        out.windowErrors = T.windowErrors;
        out.documentInjected = document.querySelectorAll('img[src="x"], img[onerror], b, body > script:not([src])').length;
        out.polluted = ({}).polluted ?? null;
        return out;
      }, { ids: ROWS.map((r) => r.id), good: GOOD });
      return { view, dialogs, pageErrors: [...p.pageErrors], consoleErrors: [...p.consoleErrors], consoleMessages: [...p.consoleMessages], ms: Date.now() - started };
    } finally {
      await p.close();
    }
  })();
  return badInput;
}

for (const row of ROWS) {
  test(`bad input: ${row.name}`, async () => {
    const { view } = await badInputResults();
    const r = view[row.id];
    assert.deepEqual(r.foreign, [], 'no element created from input text in the shadow root');
    assert.deepEqual(r.onAttributes, [], 'no event-handler attribute in the shadow root');
    if (row.error) {
      assert.equal(r.state, 'error', `state (message: ${r.message})`);
      assert.match(r.message, row.error, 'the specific message, in the box');
      assert.ok(r.messageVisible, 'the message is visible');
      assert.ok(!r.canvasVisible, 'no canvas shown');
      assert.equal(r.errorEvents.length, 1, 'one bering-chart:error event');
      assert.deepEqual(r.errorEvents[0], { state: 'error', message: r.message });
      assert.deepEqual(r.warnings, [`bering-chart: ${r.message}`], 'exactly one console warning naming the element');
      assert.equal(r.readyEvents, 0);
    } else {
      assert.equal(r.state, 'ready', `state (message: ${r.message})`);
      assert.ok(r.canvasVisible && !r.messageVisible, 'the canvas, no message');
      assert.equal(r.errorEvents.length, 0);
      assert.equal(r.readyEvents, 1);
      assert.deepEqual(r.warnings, [], 'no console warning');
      const everything = [r.caption, r.label, r.description, r.tableCaption, ...r.cells].join('\n');
      for (const text of row.texts ?? []) {
        assert.ok(everything.includes(text), `${JSON.stringify(text.slice(0, 60))} whole in the accessible text`);
      }
      for (const text of row.absent ?? []) assert.ok(!everything.includes(text), `${JSON.stringify(text)} removed`);
    }
  });
}

test('bad input: injected text is whole in the name, caption, description and table', async () => {
  const { view } = await badInputResults();
  const row = ROWS.find((r) => r.name.startsWith('HTML/script injection'));
  const r = view[row.id];
  assert.equal(r.label, INJECT, 'accessible name: the title as text');
  assert.ok(r.caption.startsWith(INJECT), 'caption starts with the title');
  assert.ok(r.description.startsWith(`${INJECT} `) && r.description.includes(`; ${INJECT}2 `), `description: ${r.description}`);
  assert.equal(r.tableCaption, INJECT);
  assert.equal(r.cells[7], INJECT, 'first row header: the label');
  assert.equal(r.cells[9], '<b> "><img src=x>', 'unit column: prefix and unit');
  assert.equal(r.cells[12], `${INJECT} <script>alert(2)</script>`, 'note column');
  assert.equal(r.cells[13], `<a href="javascript:alert(3)">${INJECT}</a>`, 'source column');
  assert.ok(r.cells[11].startsWith('<b>'), `"as shown" column starts with the prefix: ${r.cells[11]}`);
});

test('bad input: the page survives (settles, good widgets ready, nothing thrown, nothing parsed)', async () => {
  const { view, dialogs, pageErrors, consoleErrors, ms } = await badInputResults();
  for (const id of GOOD) {
    assert.equal(view[id].state, 'ready', `#${id} stays ready (${view[id].message})`);
    assert.deepEqual(view[id].warnings, [], `#${id}: no warning`);
  }
  for (const row of ROWS) assert.ok(['ready', 'error'].includes(view[row.id].state), `${row.name}: settled (${view[row.id].state})`);
  assert.deepEqual(pageErrors, [], 'no uncaught error');
  assert.deepEqual(consoleErrors, [], 'no console error');
  assert.deepEqual(view.windowErrors, [], 'no window error event');
  assert.deepEqual(view.unnamedWarnings, [], 'every warning names its element');
  assert.deepEqual(dialogs, [], 'no dialog opened (no injected script ran)');
  assert.equal(view.documentInjected, 0, 'no element created from input text in the document');
  assert.equal(view.polluted, null, 'Object.prototype not polluted');
  assert.ok(ms < 40_000, `bad-input page took ${ms} ms`);
});

test('bad input: the unsupported locale is one console note, not a warning', async () => {
  const { view, consoleMessages } = await badInputResults();
  const row = ROWS.find((r) => r.info);
  const notes = consoleMessages.filter((m) => m.startsWith('info: bering-chart: ') && row.info.test(m));
  assert.equal(notes.length, 1, `one console note: ${JSON.stringify(consoleMessages.filter((m) => m.startsWith('info')))}`);
  assert.deepEqual(view[row.id].warnings, []);
});

test('render() rejects bad options with the box message; the prototype stays clean', async () => {
  await withPage(env, '/tests/generated/bad-render.html', {
    waitForSettled: false,
    prepare: (context) => generated(context, 'bad-render', page('<div style="width:640px"><div id="host"></div></div>', { shim: '' })),
  }, async (p) => {
    const res = await p.page.evaluate(async () => {
      const { render } = await import('/embed/bering-chart.js');
      const host = document.getElementById('host');
      const out = {};
      try { await render(host, JSON.parse('{"chart": "length", "__proto__": {"theme": "sepia"}}')); out.first = 'resolved'; } catch (e) { out.first = e.message; }
      out.state = host.getAttribute('data-bering-state');
      try { await render(host, { units: '<img src=x onerror=alert(1)>' }); out.second = 'resolved'; } catch (e) { out.second = e.message; }
      out.message = host.shadowRoot.querySelector('.bering-message').textContent;
      out.imgs = host.shadowRoot.querySelectorAll('img:not(.bering-static img)').length;
      out.polluted = [({}).theme, ({}).polluted, Object.prototype.hasOwnProperty.call(Object.prototype, 'theme')];
      out.stateAfter = host.getAttribute('data-bering-state');
      return out;
    });
    assert.equal(res.first, 'resolved', 'an own "__proto__" option is ignored');
    assert.equal(res.state, 'ready');
    assert.equal(res.second, 'data-units="<img src=x onerror=alert(1)>" is not allowed: use "mi" or "km".');
    assert.equal(res.message, res.second);
    assert.equal(res.stateAfter, 'error');
    assert.equal(res.imgs, 0);
    assert.deepEqual(res.polluted, [undefined, undefined, false]);
    assertClean(p, { allowConsole: true });
  });
});

// ---------------------------------------------------------------------------
// Faults

const THREE = `
<div style="width:640px" id="box1"><div id="w1" data-bering-chart="length"></div></div>
<div style="width:640px"><div id="w2" data-bering-chart="cost"></div></div>
<div style="width:640px"><div id="w3" data-bering-chart="context"></div></div>
<div style="width:640px"><div id="w4" data-bering-chart="length"><script type="application/json">{"title": "Custom", "bars": [{"label": "A", "value": 2}, {"label": "B", "value": 1}]}</script></div></div>`;

/**
 * An init script that makes the wasm instance's `widget_draw` export trap (throw a
 * WebAssembly.RuntimeError, as a Rust panic/unreachable would) on its 3rd call
 * (`when` "third", counting in __beringTest.drawCalls) or once the test sets
 * __beringTest.trapNow (`when` "flag"). The glue, inlined in the shim, calls the
 * exports of the instance WebAssembly.instantiate gives it. Every call of any of its
 * exports from the task after the trap on is listed in __beringTest.callsAfterTrap.
 */
function trapWasmDraw(context, when) {
  return context.addInitScript((mode) => {
    const real = WebAssembly.instantiate;
    WebAssembly.instantiate = async function (...args) {
      const result = await real.apply(this, args);
      const instance = result instanceof WebAssembly.Instance ? result : result.instance;
      // (The embed's secondary modules have no draw of their own: they are left as they are.)
      const draw = instance.exports.widget_draw;
      if (!draw) return result;
      let n = 0;
      let trapped = false;
      const trapping = (...a) => {
        const T = window.__beringTest;
        T.drawCalls = ++n;
        if (mode === 'third' ? n === 3 : T.trapNow) {
          // (The glue's own cleanup right after the throw, in the same task, is not counted.)
          setTimeout(() => { trapped = true; });
          throw new WebAssembly.RuntimeError('unreachable');
        }
        return draw(...a);
      };
      const exports = { ...instance.exports, widget_draw: trapping };
      for (const [name, value] of Object.entries(exports)) {
        if (typeof value !== 'function' || name === 'widget_draw') continue;
        exports[name] = (...a) => {
          if (trapped) (window.__beringTest.callsAfterTrap ??= []).push(name);
          return value(...a);
        };
      }
      // The same shape as the real call's: an instance for a module, both for bytes.
      return result instanceof WebAssembly.Instance ? { exports } : { instance: { exports }, module: result.module };
    };
  }, when);
}

test('a wasm trap at run time: every widget falls back, nothing calls the dead instance or throws', async () => {
  const p = await openPage(env, '/tests/generated/trap.html', {
    prepare: async (context) => {
      await generated(context, 'trap', page(THREE));
      await recordWarnings(context);
      // The 3rd call of draw (any widget) traps.
      await trapWasmDraw(context, 'third');
    },
  });
  try {
    await p.page.evaluate(() => window.__beringTest.frames(10));
    const first = await p.page.evaluate(() => ({
      states: ['w1', 'w2', 'w3', 'w4'].map((id) => document.getElementById(id).getAttribute('data-bering-state')),
      calls: window.__beringTest.drawCalls,
      message: document.getElementById('w4').shadowRoot.querySelector('.bering-message').textContent,
      canvases: ['w1', 'w2', 'w3', 'w4'].map((id) => document.getElementById(id).shadowRoot.querySelector('canvas').checkVisibility()),
    }));
    assert.deepEqual(first.states, ['fallback', 'fallback', 'fallback', 'fallback'], 'every widget falls back');
    assert.equal(first.calls, 3, 'draw was not called again after the trap');
    assert.equal(first.message, 'The chart stopped working (unreachable).');
    assert.deepEqual(first.canvases, [false, false, false, false], 'no canvas shown');
    // Resizes, pointer, keyboard and a new widget: none may reach the dead instance or throw.
    await p.page.setViewportSize({ width: 900, height: 700 });
    await p.page.evaluate(() => { document.getElementById('box1').style.width = '400px'; });
    await p.page.mouse.move(100, 100);
    await p.page.keyboard.press('Tab');
    await p.page.keyboard.press('ArrowDown');
    await p.page.evaluate(() => {
      const el = document.createElement('div');
      el.id = 'w5';
      el.setAttribute('data-bering-chart', 'length');
      el.setAttribute('data-loading', 'eager');
      document.body.append(el);
    });
    await p.page.waitForFunction(() => document.getElementById('w5').getAttribute('data-bering-state') === 'fallback', null, { timeout: 5_000 });
    await p.page.evaluate(() => window.__beringTest.frames(10));
    // The charts' wasm Widgets, let go at the trap, are collected: nothing frees them through
    // the dead instance then (the glue's FinalizationRegistry did).
    // (A registry of the test's own, on an object let go as they were, says when the
    // collection and its finalizers have run.)
    await p.page.evaluate(() => {
      window.gcProbe = new FinalizationRegistry(() => { window.gcDone = true; });
      window.gcProbe.register({}, 0);
    });
    const cdp = await p.page.context().newCDPSession(p.page);
    for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
    await p.page.waitForFunction(() => window.gcDone, null, { timeout: 10_000 });
    await p.page.evaluate(() => window.__beringTest.frames(5));
    const later = await p.page.evaluate(() => ({
      afterTrap: window.__beringTest.callsAfterTrap ?? [],
      calls: window.__beringTest.drawCalls,
      states: ['w1', 'w2', 'w3', 'w4', 'w5'].map((id) => document.getElementById(id).getAttribute('data-bering-state')),
      errors: window.__beringTest.windowErrors,
      ready: window.__beringTest.events.filter((e) => e.type === 'bering-chart:ready').length,
    }));
    // render() again on a chart that stopped says why at once (it never settled before).
    const again = await p.page.evaluate(async () => {
      const { render } = await import('/embed/bering-chart.js');
      return window.__beringTest.settledWithin(render(document.getElementById('w1'), { theme: 'dark' }), 3000);
    });
    assert.equal(again, 'The chart stopped working (unreachable).', 'render() again on a dead chart');
    // After the trap: render() of a new element, and a custom chart whose stripped JSON comes
    // back, each say why at once (neither could be drawn; before, the first never settled).
    const after = await p.page.evaluate(async () => {
      const { render } = await import('/embed/bering-chart.js');
      const within = (promise) => window.__beringTest.settledWithin(promise, 3000);
      const fresh = document.createElement('div');
      const stripped = document.createElement('div');
      stripped.setAttribute('data-bering-custom', '');
      document.body.append(fresh, stripped);
      const first = await within(render(fresh, { chart: 'cost' }));
      const gone = await within(render(stripped, { chart: 'length' }));
      stripped.insertAdjacentHTML('beforeend', '<script type="application/json">{"bars":[{"label":"A","value":1}]}<\/script>');
      const back = await within(render(stripped, { chart: 'length' }));
      return { first, gone, back, state: stripped.getAttribute('data-bering-state'), message: stripped.shadowRoot.querySelector('.bering-message').textContent };
    });
    assert.equal(after.first, 'The chart stopped working on this page.');
    assert.match(after.gone, /holds no <script/);
    assert.deepEqual([after.back, after.state, after.message], ['The chart stopped working on this page.', 'fallback', 'The chart stopped working on this page.']);
    assert.equal(later.calls, 3, 'no call into the dead instance after resizing');
    assert.deepEqual(later.afterTrap, [], 'no export of the dead instance called after the trap, nor when its Widgets are collected');
    assert.deepEqual(later.states, ['fallback', 'fallback', 'fallback', 'fallback', 'fallback']);
    assert.equal(later.ready, 0, 'no widget reported ready');
    assert.deepEqual(later.errors, []);
    assertClean(p);
  } finally {
    await p.close();
  }
});

test('a trap while a language\'s words and the model module still load: once they come, nothing calls the dead instance', async () => {
  const html = page(`<div style="width:640px" id="box"><div id="a" data-bering-chart="length"></div></div>
<div style="width:640px"><div id="de" data-bering-chart="length" data-locale="de-DE"></div></div>`);
  let release;
  const p = await openPage(env, '/tests/generated/trap-inflight.html', {
    waitForSettled: false,
    prepare: async (context) => {
      await generated(context, 'trap-inflight', html);
      await trapWasmDraw(context, 'flag');
      const gate = new Promise((resolve) => { release = resolve; });
      for (const file of ['locale/de.json', 'bering_chart_model.wasm']) {
        await context.route(`**/embed/${file}`, async (route) => { await gate; await route.continue(); });
      }
    },
  });
  try {
    await p.page.waitForFunction(() => document.getElementById('a').getAttribute('data-bering-state') === 'ready', null, { timeout: 10_000 });
    // The next drawing traps (a new width), while the German chart waits for its words.
    await p.page.evaluate(() => { window.__beringTest.trapNow = true; document.getElementById('box').style.width = '500px'; });
    await p.page.waitForFunction(() => document.getElementById('a').getAttribute('data-bering-state') === 'fallback', null, { timeout: 5_000 });
    await p.page.evaluate(() => window.__beringTest.frames(3));
    const words = p.page.waitForResponse('**/embed/locale/de.json');
    const model = p.page.waitForResponse('**/embed/bering_chart_model.wasm');
    release();
    await Promise.all([words, model]);
    await p.page.evaluate(() => window.__beringTest.frames(10));
    await p.page.waitForTimeout(300);
    const after = await p.page.evaluate(() => ({
      afterTrap: window.__beringTest.callsAfterTrap ?? [],
      states: ['a', 'de'].map((id) => document.getElementById(id).getAttribute('data-bering-state')),
    }));
    assert.deepEqual(after.afterTrap, [], 'the words are not installed, nor anything called, through the dead instance');
    // (Nor said off or in en-US: every chart has said that it stopped working.)
    assert.deepEqual(p.consoleMessages.filter((m) => / off because|words .* could not load/.test(m)), []);
    assert.deepEqual(after.states, ['fallback', 'fallback']);
    assert.deepEqual(p.pageErrors, []);
  } finally {
    await p.close();
  }
});

test('a trap in a chart\'s own first drawing, and one while another chart still loads: both render() promises reject, none is left pending', async () => {
  const wasm = readFileSync(path.join(DIST, 'embed', 'bering_chart_input.wasm'));
  const p = await openPage(env, '/tests/generated/trap-first.html', {
    prepare: async (context) => {
      await generated(context, 'trap-first', page('<div style="width:640px"><div id="w1" data-bering-chart="length"></div></div>'));
      // draw traps once the test sets __beringTest.trapNow.
      await trapWasmDraw(context, 'flag');
      // Custom data's module comes late: its chart is still loading when the other traps.
      await context.route('**/embed/bering_chart_input.wasm', async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 1500));
        await route.fulfill({ status: 200, contentType: 'application/wasm', body: wasm }).catch(() => {});
      });
    },
  });
  try {
    const res = await p.page.evaluate(async () => {
      const { render } = await import('/embed/bering-chart.js');
      const within = (promise) => window.__beringTest.settledWithin(promise, 4000);
      const loading = document.createElement('div');
      loading.innerHTML = '<script type="application/json">{"bars": [{"label": "A", "value": 1}]}<\/script>';
      const fresh = document.createElement('div');
      document.body.append(loading, fresh);
      const waiting = render(loading, { chart: 'length' });
      window.__beringTest.trapNow = true;
      const [first, other] = await Promise.all([within(render(fresh, { chart: 'cost' })), within(waiting)]);
      return { first, other, states: [fresh, loading].map((el) => el.getAttribute('data-bering-state')) };
    });
    assert.equal(res.first, 'The chart stopped working (unreachable).', 'the chart whose drawing trapped');
    assert.equal(res.other, 'The chart stopped working (unreachable).', 'the chart still loading then');
    assert.deepEqual(res.states, ['fallback', 'fallback']);
    assert.deepEqual(p.pageErrors, []);
  } finally {
    await p.close();
  }
});

test('an element removed while the module loads: no errors, no state change afterwards', async () => {
  const wasm = readFileSync(path.join(DIST, 'embed', 'bering_chart_bg.wasm'));
  const p = await openPage(env, '/tests/generated/removed.html', {
    waitForSettled: false,
    prepare: async (context) => {
      await generated(context, 'removed', page(`
<div style="width:640px"><div id="keep" data-bering-chart="length"></div></div>
<div style="width:640px" id="gone-box"><div id="gone" data-bering-chart="cost"></div></div>
<div style="width:640px"><div id="gone-custom" data-bering-chart="length"><script type="application/json">{"title": "T", "bars": [{"label": "A", "value": 1}]}</script></div></div>`));
      await context.route('**/embed/bering_chart_bg.wasm', async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 1500));
        await route.fulfill({ status: 200, contentType: 'application/wasm', body: wasm }).catch(() => {});
      });
    },
  });
  try {
    await p.page.waitForFunction(() => ['keep', 'gone', 'gone-custom'].every((id) => document.getElementById(id).getAttribute('data-bering-state') === 'loading'));
    await p.page.evaluate(() => {
      const T = window.__beringTest;
      T.gone = [document.getElementById('gone'), document.getElementById('gone-custom')];
      T.flips = [];
      for (const el of T.gone) {
        new MutationObserver((records) => T.flips.push(...records.map((r) => `${el.id}: ${r.attributeName}=${el.getAttribute(r.attributeName)}`)))
          .observe(el, { attributes: true });
        for (const type of ['bering-chart:ready', 'bering-chart:error', 'bering-chart:draw']) el.addEventListener(type, () => T.flips.push(`${el.id}: ${type}`));
      }
      for (const el of T.gone) el.remove();
    });
    await p.page.waitForFunction(() => document.getElementById('keep').getAttribute('data-bering-state') === 'ready', null, { timeout: 15_000 });
    await p.page.evaluate(() => window.__beringTest.frames(30));
    const res = await p.page.evaluate(() => {
      const T = window.__beringTest;
      return {
        flips: T.flips,
        states: T.gone.map((el) => el.getAttribute('data-bering-state')),
        drawn: T.gone.map((el) => !!el.shadowRoot.querySelector('figure.drawn')),
      };
    });
    // Documented: a widget whose element left the page is released (its state removed, so
    // that putting it back sets it up afresh); it never settles, draws or fires an event.
    assert.deepEqual(res.flips.filter((f) => !/: data-bering-(state|claimed)=null$/.test(f)), [], 'no state flip or event on the detached elements');
    for (const state of res.states) assert.ok(state === 'loading' || state === null, `detached element state ${state}`);
    assert.deepEqual(res.drawn, [false, false]);
    assertClean(p);
  } finally {
    await p.close();
  }
});

test('an element removed while the module loads is not touched by a later trap either', async () => {
  const wasm = readFileSync(path.join(DIST, 'embed', 'bering_chart_bg.wasm'));
  const p = await openPage(env, '/tests/generated/removed-trap.html', {
    waitForSettled: false,
    prepare: async (context) => {
      await generated(context, 'removed-trap', page(`
<div style="width:640px" id="keep-box"><div id="keep" data-bering-chart="length"></div></div>
<div style="width:640px"><div id="gone" data-bering-chart="cost"></div></div>`));
      // draw traps once the test sets __beringTest.trapNow.
      await trapWasmDraw(context, 'flag');
      await context.route('**/embed/bering_chart_bg.wasm', async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        await route.fulfill({ status: 200, contentType: 'application/wasm', body: wasm }).catch(() => {});
      });
    },
  });
  try {
    await p.page.waitForFunction(() => document.getElementById('gone').getAttribute('data-bering-state') === 'loading');
    await p.page.evaluate(() => {
      const T = window.__beringTest;
      T.gone = document.getElementById('gone');
      T.flips = [];
      new MutationObserver((records) => T.flips.push(...records.map((r) => `${r.attributeName}=${T.gone.getAttribute(r.attributeName)}`)))
        .observe(T.gone, { attributes: true });
      T.gone.remove();
    });
    await p.page.waitForFunction(() => document.getElementById('keep').getAttribute('data-bering-state') === 'ready', null, { timeout: 15_000 });
    await p.page.evaluate(() => { window.__beringTest.trapNow = true; document.getElementById('keep-box').style.width = '400px'; });
    await p.page.waitForFunction(() => document.getElementById('keep').getAttribute('data-bering-state') === 'fallback', null, { timeout: 5_000 });
    await p.page.evaluate(() => window.__beringTest.frames(5));
    // The chart that fell back shows the static chart of the page's theme, there and back.
    const image = () => p.page.evaluate(() => new URL(document.getElementById('keep').shadowRoot.querySelector('.bering-static img').src).pathname);
    const themes = [await image()];
    for (const dark of [true, false]) {
      await p.page.evaluate((on) => document.documentElement.classList.toggle('dark', on), dark);
      await p.page.evaluate(() => window.__beringTest.frames(3));
      themes.push(await image());
    }
    assert.deepEqual(themes, ['/fallback/length.svg', '/fallback/length-dark.svg', '/fallback/length.svg'], 'the fallback follows the page\'s theme');
    const flips = await p.page.evaluate(() => window.__beringTest.flips);
    assert.deepEqual(flips.filter((f) => !['data-bering-state=null', 'data-bering-claimed=null'].includes(f)), [], 'the detached element is left alone (and not kept by the shim)');
    assertClean(p, { allowConsole: true });
  } finally {
    await p.close();
  }
});

test('an element removed while the module loads and put back afterwards still settles', async () => {
  const wasm = readFileSync(path.join(DIST, 'embed', 'bering_chart_bg.wasm'));
  const p = await openPage(env, '/tests/generated/moved.html', {
    waitForSettled: false,
    prepare: async (context) => {
      await generated(context, 'moved', page(`
<div style="width:640px"><div id="keep" data-bering-chart="length"></div></div>
<div style="width:640px" id="slot"><div id="moved" data-bering-chart="cost"></div></div>`));
      await context.route('**/embed/bering_chart_bg.wasm', async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        await route.fulfill({ status: 200, contentType: 'application/wasm', body: wasm }).catch(() => {});
      });
    },
  });
  try {
    await p.page.waitForFunction(() => document.getElementById('moved').getAttribute('data-bering-state') === 'loading');
    await p.page.evaluate(() => { window.__beringTest.moved = document.getElementById('moved'); window.__beringTest.moved.remove(); });
    await p.page.waitForFunction(() => document.getElementById('keep').getAttribute('data-bering-state') === 'ready', null, { timeout: 15_000 });
    // e.g. a CMS or carousel re-inserting the node once the page has loaded.
    await p.page.evaluate(() => document.getElementById('slot').append(window.__beringTest.moved));
    const state = await p.page.waitForFunction(() => ['ready', 'error', 'fallback'].includes(document.getElementById('moved').getAttribute('data-bering-state')), null, { timeout: 5_000 })
      .then(() => 'settled', () => p.page.evaluate(() => document.getElementById('moved').getAttribute('data-bering-state')));
    assert.equal(state, 'settled', `the re-inserted element must not stay "${state}" forever`);
    assert.equal(await p.page.evaluate(() => document.getElementById('moved').getAttribute('data-bering-state')), 'ready');
    assertClean(p);
  } finally {
    await p.close();
  }
});

test('the shim loaded twice and in two versions: each element set up once', async () => {
  const html = page(`
<div style="width:640px"><div id="a" data-bering-chart="length"></div></div>
<div style="width:640px"><div id="b" data-bering-chart="cost" data-loading="eager"></div></div>
<div style="width:640px"><div id="c" data-bering-chart="length"><script type="application/json">{"title": "T", "bars": [{"label": "A", "value": 2}, {"label": "B", "value": 1}]}</script></div></div>
<div style="width:640px" id="later"></div>`, {
    head: '<script type="module" src="/v2/embed/bering-chart.js"></script>',
    shim: '<script type="module" src="/embed/bering-chart.js"></script><script type="module" src="/embed/bering-chart.js"></script><script type="module" src="/v2/embed/bering-chart.js"></script>',
  });
  const requests = [];
  const p = await openPage(env, '/tests/generated/versions.html', {
    prepare: async (context) => {
      await generated(context, 'versions', html);
      // "Version 2": the same files served from another path (a separate module instance).
      await context.route('**/v2/**', (route) => {
        const url = new URL(route.request().url());
        return route.fulfill({ path: path.join(DIST, url.pathname.replace(/^\/v2\//, '')) });
      });
      context.on('request', (r) => requests.push(new URL(r.url()).pathname));
    },
  });
  try {
    await p.page.evaluate(() => window.__beringTest.frames(10));
    await p.page.evaluate(() => {
      const el = document.createElement('div');
      el.id = 'd';
      el.setAttribute('data-bering-chart', 'context');
      document.getElementById('later').append(el);
    });
    await p.page.waitForFunction(() => document.getElementById('d').getAttribute('data-bering-state') === 'ready', null, { timeout: 10_000 });
    await p.page.evaluate(() => window.__beringTest.frames(10));
    const res = await p.page.evaluate(async () => {
      const T = window.__beringTest;
      const out = {};
      for (const id of ['a', 'b', 'c', 'd']) {
        const root = document.getElementById(id).shadowRoot;
        out[id] = {
          state: document.getElementById(id).getAttribute('data-bering-state'),
          figures: root.querySelectorAll('figure').length,
          canvases: root.querySelectorAll('canvas').length,
          ready: T.events.filter((e) => e.type === 'bering-chart:ready' && e.id === id).length,
        };
      }
      // The other copy's render() on an element this one manages: a documented rejection.
      const v2 = await import('/v2/embed/bering-chart.js');
      const v1 = await import('/embed/bering-chart.js');
      out.copies = v1.render !== v2.render;
      out.rejections = [];
      for (const render of [v1.render, v2.render]) {
        try { await render(document.getElementById('a'), {}); out.rejections.push('resolved'); } catch (e) { out.rejections.push(e.message); }
      }
      out.errors = T.events.filter((e) => e.type === 'bering-chart:error').length;
      return out;
    });
    assert.ok(requests.includes('/v2/embed/bering-chart.js') && requests.includes('/embed/bering-chart.js'), 'both versions loaded');
    assert.ok(res.copies, 'two separate module instances');
    for (const id of ['a', 'b', 'c', 'd']) {
      assert.deepEqual(res[id], { state: 'ready', figures: 1, canvases: 1, ready: 1 }, `#${id}`);
    }
    assert.equal(res.errors, 0);
    // One copy owns #a; the other refuses it with the documented message.
    assert.equal(res.rejections.filter((r) => r === 'resolved').length, 1, JSON.stringify(res.rejections));
    assert.ok(res.rejections.includes('bering-chart: this element is already managed by another copy of the script.'), JSON.stringify(res.rejections));
    assertClean(p);
  } finally {
    await p.close();
  }
});

test('the same id twice on the page: both ready', async () => {
  await withPage(env, '/tests/generated/dup.html', {
    prepare: (context) => generated(context, 'dup', page(`
<div style="width:640px"><div id="dup" data-bering-chart="length"></div></div>
<div style="width:640px"><div id="dup" data-bering-chart="cost" data-theme="dark"></div></div>`)),
  }, async (p) => {
    const res = await p.page.evaluate(() => [...document.querySelectorAll('[id="dup"]')].map((el) => {
      const root = el.shadowRoot;
      const canvas = root.querySelector('canvas');
      return { state: el.getAttribute('data-bering-state'), described: root.getElementById(canvas.getAttribute('aria-describedby'))?.textContent.length > 0, label: canvas.getAttribute('aria-label') };
    }));
    assert.equal(res.length, 2);
    assert.deepEqual(res.map((r) => r.state), ['ready', 'ready']);
    assert.ok(res.every((r) => r.described), 'each canvas is described within its own shadow root');
    assert.notEqual(res[0].label, res[1].label, 'two different charts');
    assertClean(p);
  });
});

// ---------------------------------------------------------------------------
// Strict page

test('Trusted Types and a strict CSP: all widgets ready, no violation', async () => {
  const csp = "require-trusted-types-for 'script'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<title>strict page</title><link rel="stylesheet" href="/tests/generated/strict.css"></head><body>
<div class="box"><div id="length" data-bering-chart="length"></div></div>
<div class="box"><div id="cost" data-bering-chart="cost" data-theme="dark"></div></div>
<div class="box"><div id="context" data-bering-chart="context" data-units="km"></div></div>
<div class="box"><div id="custom" data-bering-chart="length"><script type="application/json">{"title": "<b>T</b>", "bars": [{"label": "A", "value": 2}, {"label": "B", "value": 1}]}</script></div></div>
<div class="box"><div id="bad" data-bering-chart="length" data-units="furlongs"></div></div>
<script type="module" src="/embed/bering-chart.js"></script></body></html>`;
  const p = await openPage(env, '/tests/generated/strict.html', {
    prepare: async (context) => {
      await generated(context, 'strict', html, { 'Content-Security-Policy': csp });
      await context.route('**/tests/generated/strict.css', (route) => route.fulfill({
        status: 200, contentType: 'text/css', body: 'body { margin: 0; font: 16px sans-serif; } .box { width: 640px; }',
      }));
    },
  });
  try {
    await p.page.evaluate(() => window.__beringTest.frames(30));
    // Interact too: tooltip, focus ring, data link.
    await p.page.hover('#length canvas');
    await p.page.keyboard.press('Tab');
    await p.page.keyboard.press('ArrowDown');
    await p.page.evaluate(() => window.__beringTest.frames(5));
    const res = await p.page.evaluate(() => ({
      states: ['length', 'cost', 'context', 'custom', 'bad'].map((id) => document.getElementById(id).getAttribute('data-bering-state')),
      csp: window.__beringTest.csp,
      width: document.querySelector('.box').getBoundingClientRect().width,
      tt: typeof window.trustedTypes?.createPolicy === 'function',
    }));
    assert.equal(res.width, 640, 'the page stylesheet applied');
    assert.ok(res.tt, 'Trusted Types are supported, so the header is enforced');
    assert.deepEqual(res.states, ['ready', 'ready', 'ready', 'ready', 'error']);
    assert.deepEqual(res.csp, [], 'no securitypolicyviolation event');
    assert.deepEqual(p.consoleMessages.filter((m) => /Content Security Policy|TrustedHTML|TrustedScript|Trusted Type/i.test(m)), [], 'no CSP console report');
    assertClean(p);
  } finally {
    await p.close();
  }
});

for (const [name, csp] of [
  ['with strict-dynamic', "script-src 'nonce-b3r1ng' 'strict-dynamic' 'wasm-unsafe-eval'; object-src 'none'; base-uri 'none'"],
  ['alone', "script-src 'nonce-b3r1ng' 'wasm-unsafe-eval'; object-src 'none'; base-uri 'none'"],
]) {
  test(`a nonce-based CSP ${name}: the shim's "more" script loads by its hash, answers the reader, and leaves no node in the page`, async () => {
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<title>nonce page</title></head><body style="margin:0;font:16px sans-serif">
<div style="width:640px"><div id="length" data-bering-chart="length"></div></div>
<div style="width:640px"><div id="cost" data-bering-chart="cost"></div></div>
<script type="module" nonce="b3r1ng" src="/embed/bering-chart.js"></script></body></html>`;
    const p = await openPage(env, '/tests/generated/nonce.html', {
      prepare: (context) => generated(context, 'nonce', html, { 'Content-Security-Policy': csp }),
    });
    try {
      // The data tables are the "more" script's work (with the "more" wasm module).
      await p.page.waitForFunction(() => ['length', 'cost'].every((id) => document.getElementById(id).shadowRoot.querySelector('table')?.rows.length === 3));
      await p.page.keyboard.press('Tab');
      await p.page.keyboard.press('ArrowDown');
      await p.page.waitForFunction(() => document.getElementById('length').shadowRoot.querySelector('.bering-tooltip')?.hidden === false);
      const res = await p.page.evaluate(() => ({
        states: ['length', 'cost'].map((id) => document.getElementById(id).getAttribute('data-bering-state')),
        tooltip: document.getElementById('length').shadowRoot.querySelector('.bering-tooltip').textContent,
        // The tooltip's stylesheet comes with the "more" script (more.css), adopted by the shadow root.
        tooltipStyle: (({ position, backgroundColor }) => ({ position, backgroundColor }))(getComputedStyle(document.getElementById('length').shadowRoot.querySelector('.bering-tooltip'))),
        links: document.querySelectorAll('link').length,
        csp: window.__beringTest.csp,
      }));
      assert.deepEqual(res.states, ['ready', 'ready']);
      assert.match(res.tooltip, /^Bering Strait, width at its narrowest: 51\u00a0mi/);
      assert.deepEqual(res.tooltipStyle, { position: 'absolute', backgroundColor: 'rgb(27, 27, 27)' }, 'the tooltip styled by the "more" script\'s sheet');
      assert.equal(res.links, 1, 'the preload link is gone once loaded (the page\'s icon link stays)');
      assert.deepEqual(res.csp, [], 'no securitypolicyviolation event');
      assert.deepEqual(p.consoleMessages.filter((m) => / (are|is) off because/.test(m)), [], 'nothing is off');
      // The sheet's print rule: no tooltip on paper. (Its forced-colours border is not checked:
      // in forced colours the browser gives every border the system's text colour anyway.)
      const tipDisplay = () => p.page.evaluate(() => getComputedStyle(document.getElementById('length').shadowRoot.querySelector('.bering-tooltip')).display);
      await p.page.emulateMedia({ media: 'print' });
      assert.equal(await tipDisplay(), 'none', 'print: no tooltip');
      await p.page.emulateMedia({ media: 'screen' });
      assert.equal(await tipDisplay(), 'block', 'on screen again: the tooltip');
      assertClean(p);
    } finally {
      await p.close();
    }
  });
}
