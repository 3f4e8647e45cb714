// Locales (issue 4), in real headless Chromium: for en-US, en-GB, de-DE, fr-FR and ru-RU and
// every chart variant (length in mi and km, cost in US$ and in £ at 0.79, context in mi and
// km) on tests/browser/pages/a11y.html, what the widget says (figure lang, accessible name,
// caption, description, data-table cells, tooltip of every bar, data-link text) matches
// tests/snapshots/locale.json exactly (`UPDATE_SNAPSHOTS=1` rewrites it; a missing file
// fails, it is never written by itself). Spot checks per locale: "bn"/"Mrd."/"Md"/"млрд", decimal commas ("112,7"),
// unit names and their placement, translated labels. An unsupported but well-formed tag
// (ja-JP) falls back to en-US with a console.info naming it. Locale packs: fetched once per
// page and only when needed; a pack that fails or does not match leaves the charts in
// en-US with one warning; update({locale}) waits for its pack.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setup, openPage, assertClean, REPO, DIST, withPage } from './browser.mjs';

const SNAPSHOT = path.join(REPO, 'tests', 'snapshots', 'locale.json');
const UPDATE = process.env.UPDATE_SNAPSHOTS === '1';
const LOCALES = ['en-US', 'en-GB', 'de-DE', 'fr-FR', 'ru-RU'];
const VARIANTS = ['length', 'length:km', 'cost', 'cost:GBP:0.79', 'context', 'context:km'];
const idOf = (variant) => variant.replaceAll(':', '-').replaceAll('.', '');
/** No-break and narrow no-break spaces as plain spaces, for the spot checks (snapshots keep them). */
const plain = (s) => s.replace(/[\u00a0\u202f]/g, ' ');

const stored = existsSync(SNAPSHOT) ? JSON.parse(readFileSync(SNAPSHOT, 'utf8')) : {};
const captured = {};

let env;
before(async () => { env = await setup(); });
after(async () => {
  await env?.close();
  if (UPDATE && Object.keys(captured).length > 0) {
    const next = { ...stored, ...captured };
    const ordered = Object.fromEntries(Object.keys(next).sort().map((k) => [k, next[k]]));
    mkdirSync(path.dirname(SNAPSHOT), { recursive: true });
    writeFileSync(SNAPSHOT, `${JSON.stringify(ordered, null, 2)}\n`);
    console.log(`# wrote ${path.relative(REPO, SNAPSHOT)}`);
  }
});

function hostPage(locale) {
  const q = new URLSearchParams({ charts: VARIANTS.join(','), locale, theme: 'light' });
  return `/tests/browser/pages/a11y.html?${q}`;
}

/** Everything a widget says in words; tooltips by focusing the canvas and stepping through the bars. */
function capture(p, id) {
  return p.page.evaluate((sel) => {
    const root = document.querySelector(sel).shadowRoot;
    const canvas = root.querySelector('canvas');
    const table = root.querySelector('table');
    const tip = root.querySelector('.bering-tooltip');
    const rows = [...table.tBodies[0].rows].map((tr) => [...tr.cells].map((c) => c.textContent));
    const tooltips = [];
    canvas.focus();
    for (let i = 0; i < rows.length; i++) {
      tooltips.push(tip.textContent);
      canvas.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    }
    canvas.blur();
    return {
      lang: root.querySelector('figure.bering').getAttribute('lang'),
      name: canvas.getAttribute('aria-label'),
      caption: root.querySelector('figcaption').textContent,
      description: root.getElementById(canvas.getAttribute('aria-describedby')).textContent,
      tableCaption: table.caption.textContent,
      columns: [...table.tHead.rows[0].cells].map((c) => c.textContent),
      rows,
      tooltips,
      link: root.querySelector('a.bering-data').textContent,
    };
  }, `#${id}`);
}

async function captureLocale(locale) {
  const p = await openPage(env, hostPage(locale));
  try {
    const out = {};
    for (const variant of VARIANTS) {
      const id = idOf(variant);
      const state = await p.page.evaluate((sel) => document.querySelector(sel).getAttribute('data-bering-state'), `#${id}`);
      assert.equal(state, 'ready', `${locale} ${variant}: state`);
      out[variant] = await capture(p, id);
    }
    assertClean(p);
    return { out, consoleMessages: p.consoleMessages };
  } finally {
    await p.close();
  }
}

/** A column's cells by its header in `columns` position `index` (header names differ per language). */
const column = (w, index) => w.rows.map((r) => plain(r[index]));
const AS_SHOWN = 4;

/** Locale-specific spot checks, on text with plain spaces. */
const CHECKS = {
  'en-US': (s) => {
    assert.equal(s.length.lang, 'en-US');
    assert.deepEqual(column(s['length:km'], AS_SHOWN), ['112.7 km', '82.1 km']);
    assert.match(plain(s['length:km'].description), /112\.7 kilometers/);
    assert.deepEqual(column(s.cost, AS_SHOWN), ['under $8bn', 'over $65bn']);
    assert.match(plain(s.cost.description), /under 8 billion US dollars/);
    assert.match(plain(s.length.caption), /37% longer/);
  },
  'en-GB': (s) => {
    assert.equal(s.length.lang, 'en-GB');
    assert.match(plain(s['length:km'].description), /112\.7 kilometres/, 'British spelling');
    assert.deepEqual(column(s['cost:GBP:0.79'], AS_SHOWN), ['under £6.3bn', 'over £51.4bn']);
    assert.match(plain(s['cost:GBP:0.79'].description), /6.3 billion pounds sterling/);
  },
  'de-DE': (s) => {
    assert.equal(s.length.lang, 'de');
    assert.deepEqual(column(s.cost, AS_SHOWN), ['unter 8 Mrd. $', 'über 65 Mrd. $']);
    assert.match(plain(s.cost.description), /unter 8 Milliarden US-Dollar/);
    assert.deepEqual(column(s['length:km'], AS_SHOWN), ['112,7 km', '82,1 km'], 'decimal comma');
    assert.match(plain(s['length:km'].description), /112,7 Kilometer/);
    assert.match(plain(s.length.caption), /37 % länger/);
    assert.deepEqual(column(s['cost:GBP:0.79'], AS_SHOWN), ['unter 6,3 Mrd. £', 'über 51,4 Mrd. £']);
    assert.equal(s.length.columns[0], 'Bezeichnung');
    assert.equal(s.length.link, 'Daten herunterladen');
    assert.ok(s.length.rows[0][6].startsWith('Quelle:'), 'source line translated');
  },
  'fr-FR': (s) => {
    assert.equal(s.length.lang, 'fr');
    assert.deepEqual(column(s.cost, AS_SHOWN), ['moins de 8 Md$', 'plus de 65 Md$']);
    assert.match(plain(s.cost.description), /moins de 8 milliards de dollars américains/);
    assert.deepEqual(column(s['length:km'], AS_SHOWN), ['112,7 km', '82,1 km'], 'decimal comma');
    assert.match(plain(s['length:km'].description), /112,7 kilomètres/);
    assert.match(plain(s.length.caption), /37 % plus long/);
    assert.equal(s.length.link, 'Télécharger les données');
  },
  'ru-RU': (s) => {
    assert.equal(s.length.lang, 'ru');
    assert.deepEqual(column(s.cost, AS_SHOWN), ['менее 8 млрд $', 'более 65 млрд $']);
    assert.match(plain(s.cost.description), /менее 8 миллиардов долларов США/);
    assert.deepEqual(column(s['length:km'], AS_SHOWN), ['112,7 км', '82,1 км'], 'decimal comma, Cyrillic unit');
    assert.deepEqual(column(s.length, AS_SHOWN), ['70 миль', '51 миля'], 'Russian plural forms');
    assert.match(plain(s['length:km'].description), /112,7 километра/);
    assert.equal(s.length.link, 'Скачать данные');
  },
};

for (const locale of LOCALES) {
  test(`locale ${locale}: snapshot of every chart's words and spot checks`, async () => {
    const { out, consoleMessages } = await captureLocale(locale);
    captured[locale] = out;
    assert.deepEqual(consoleMessages.filter((m) => /not supported/.test(m)), [], `${locale}: no fallback note`);
    for (const variant of VARIANTS) {
      const w = out[variant];
      assert.equal(w.name, w.tableCaption, `${locale} ${variant}: table caption is the name`);
      assert.ok(w.caption.startsWith(w.name), `${locale} ${variant}: caption starts with the title`);
      assert.equal(w.tooltips.length, w.rows.length, `${locale} ${variant}: a tooltip per bar`);
      w.tooltips.forEach((t, i) => assert.ok(t.startsWith(w.rows[i][0]), `${locale} ${variant}: tooltip ${i} names its bar: ${t}`));
      if (!locale.startsWith('en')) {
        // Decimal commas everywhere the reader sees or hears a formatted number
        // (the table's plain "Value" column is machine-readable and exempt).
        for (const text of [w.description, w.caption, ...w.tooltips, ...w.rows.map((r) => r[AS_SHOWN])]) {
          assert.doesNotMatch(text, /\d\.\d/, `${locale} ${variant}: no decimal point in ${JSON.stringify(text)}`);
        }
        assert.notEqual(w.link, 'Get the data', `${locale} ${variant}: link translated`);
      }
      // Spoken text has no group separators a screen reader would split.
      assert.doesNotMatch(w.description, /\d[\s\u00a0\u202f,.]\d{3}(?!\d)/, `${locale} ${variant}: no grouped numbers in the description`);
    }
    CHECKS[locale](out);
    if (UPDATE) return;
    assert.ok(existsSync(SNAPSHOT), `${SNAPSHOT} is missing: the snapshot is checked, never written by itself (UPDATE_SNAPSHOTS=1 writes it)`);
    assert.ok(stored[locale], `${locale}: no snapshot stored; run with UPDATE_SNAPSHOTS=1`);
    for (const variant of VARIANTS) {
      assert.deepEqual(out[variant], stored[locale][variant], `${locale} ${variant}: differs from tests/snapshots/locale.json (UPDATE_SNAPSHOTS=1 rewrites it)`);
    }
  });
}

test('an unsupported locale (ja-JP) falls back to en-US with a console.info naming it', async () => {
  await withPage(env, hostPage('ja-JP'), async (p) => {
    const english = captured['en-US'] ?? stored['en-US'];
    for (const variant of VARIANTS) {
      const w = await capture(p, idOf(variant));
      assert.equal(w.lang, 'en-US', `${variant}: lang`);
      if (english) assert.deepEqual(w, english[variant], `${variant}: the same words as en-US`);
      else assert.equal(w.link, 'Get the data');
    }
    const notes = p.consoleMessages.filter((m) => m.startsWith('info:') && m.includes('ja-JP'));
    assert.equal(notes.length, VARIANTS.length, `one console.info per widget naming ja-JP: ${JSON.stringify(p.consoleMessages)}`);
    assert.match(notes[0], /en-US/, 'the note says what is shown instead');
    assertClean(p);
  });
});

// Locale packs: the wasm carries English only; German, French and Russian words come from
// embed/locale/<lang>.json, fetched once per page and only by pages that need them.

/** Requests for locale packs made by page `p` (as paths). */
function packRequests(context) {
  const seen = [];
  context.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (pathname.includes('/embed/locale/')) seen.push(pathname);
  });
  return seen;
}

test('locale packs: an English page fetches none; a German page fetches de.json once for all its charts', async () => {
  let seen = [];
  const en = await openPage(env, hostPage('en-GB'), { prepare: (context) => { seen = packRequests(context); } });
  try {
    assert.deepEqual(seen, [], 'no pack for English');
  } finally {
    await en.close();
  }
  const de = await openPage(env, hostPage('de-DE'), { prepare: (context) => { seen = packRequests(context); } });
  try {
    assert.deepEqual(seen, ['/embed/locale/de.json'], `one request for ${VARIANTS.length} German charts`);
    const w = await capture(de, idOf('length'));
    assert.equal(w.lang, 'de');
    assertClean(de);
  } finally {
    await de.close();
  }
});

// The built shim fetches each pack with its SRI hash: anything but the built file fails that
// check first (the browser does not say more than "Failed to fetch").
const NOT_BUILT = /the de words \(.*de\.json\) could not load or are not the ones this script was built with/;
const builtPack = () => JSON.parse(readFileSync(path.join(DIST, 'embed', 'locale', 'de.json'), 'utf8'));
for (const [what, fulfil, cause] of [
  ['answers 404', { status: 404, body: 'not here' }, NOT_BUILT],
  ['is not JSON', { status: 200, contentType: 'application/json', body: '<html>' }, NOT_BUILT],
  ['was made for another build', { status: 200, contentType: 'application/json', body: JSON.stringify({ lang: 'de', catalog: '00000000', texts: ['x'] }) }, NOT_BUILT],
  ['says something else (one label changed)', { status: 200, contentType: 'application/json',
    body: JSON.stringify({ ...builtPack(), texts: builtPack().texts.map((t) => (t === 'Geplanter Tunnel' ? 'Ein anderer Tunnel' : t)) }) }, NOT_BUILT],
]) {
  test(`a locale pack that ${what}: the charts speak en-US, say why, and are ready`, async () => {
    const p = await openPage(env, hostPage('de-DE'), {
      prepare: (context) => context.route('**/embed/locale/de.json', (route) => route.fulfill(fulfil)),
    });
    try {
      const english = captured['en-US'] ?? stored['en-US'];
      for (const variant of VARIANTS) {
        const state = await p.page.evaluate((sel) => document.querySelector(sel).getAttribute('data-bering-state'), `#${idOf(variant)}`);
        assert.equal(state, 'ready', `${variant}: drawn`);
        const w = await capture(p, idOf(variant));
        assert.equal(w.lang, 'en-US', `${variant}: lang`);
        if (english) assert.deepEqual(w, english[variant], `${variant}: the en-US words`);
      }
      const warnings = p.consoleMessages.filter((m) => m.startsWith('warning:') && m.includes('de.json'));
      assert.equal(warnings.length, 1, `one warning for the page: ${JSON.stringify(p.consoleMessages)}`);
      assert.match(warnings[0], cause);
      const notes = p.consoleMessages.filter((m) => m.startsWith('info:') && m.includes('did not load'));
      assert.equal(notes.length, VARIANTS.length, 'each chart notes that it shows en-US');
      // The browser itself logs the failed fetch or integrity check as console errors; nothing else may.
      assert.ok(p.consoleErrors.every((m) => /404|integrity/.test(m)), `console errors: ${JSON.stringify(p.consoleErrors)}`);
      assertClean(p, { allowConsole: true });
    } finally {
      await p.close();
    }
  });
}

test('update({locale}) to a new language loads its pack, then the chart speaks it', async () => {
  let seen = [];
  const p = await openPage(env, '/tests/browser/pages/programmatic.html', { waitForSettled: false, prepare: (context) => { seen = packRequests(context); } });
  try {
    const words = await p.page.evaluate(async () => {
      const { render } = await import('/embed/bering-chart.js');
      const el = document.getElementById('host');
      const handle = await render(el, { chart: 'length', theme: 'light' });
      const caption = () => el.shadowRoot.querySelector('figcaption').textContent;
      const before = caption();
      handle.update({ locale: 'ru-RU' });
      const started = performance.now();
      while (!/Тоннель/.test(caption()) && performance.now() - started < 10_000) await new Promise((r) => setTimeout(r, 20));
      // The hidden data table follows when the browser is idle.
      const header = () => el.shadowRoot.querySelector('table th')?.textContent;
      while (header() !== 'Название' && performance.now() - started < 10_000) await new Promise((r) => setTimeout(r, 20));
      return { before, after: caption(), lang: el.shadowRoot.querySelector('figure').lang, header: header() };
    });
    assert.match(words.before, /^The proposed Bering Strait tunnel/);
    assert.match(words.after, /^Предлагаемый тоннель/);
    assert.equal(words.lang, 'ru');
    assert.equal(words.header, 'Название', 'the data table in Russian too');
    assert.deepEqual(seen, ['/embed/locale/ru.json']);
    assertClean(p);
  } finally {
    await p.close();
  }
});
