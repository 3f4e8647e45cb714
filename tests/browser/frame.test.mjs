// The iframe embed (dist/frame.html) and its parents, in real headless Chromium, with
// the frame on a second origin (another port) from the parent page:
// - the real Pym.js 1.3.2 (npm) as the parent, then embed/bering-frame.js: the iframe's
//   height matches the frame's content within 2 px at 960 px and after shrinking to 360 px;
// - once settled the frame sends no more messages when nothing changes;
// - bering-frame.js ignores messages from other windows or origins, a null source,
//   bad heights and navigateTo (height unchanged, no navigation, no dialog);
// - bering-frame.js titles every managed iframe, each differently.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { setup, openPage, assertClean, DIST, PAGES, REPO } from './browser.mjs';
import { startServer } from '../../tools/serve.mjs';

const PYM_DIST = path.join(REPO, 'node_modules', 'pym.js', 'dist');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Origin A: the parent pages (+ Pym.js); B (setup()'s server): frame.html and the poster
// page; C: a third origin. All serve dist/ and tests/browser/pages/.
let env, parentServer, thirdServer, parentEnv, B, C;
before(async () => {
  env = await setup();
  parentServer = await startServer({
    root: DIST, port: 0, host: '127.0.0.1', gzip: false,
    mounts: { '/tests/browser/pages/': PAGES, '/vendor/pym/': PYM_DIST },
  });
  thirdServer = await startServer({ root: DIST, port: 0, host: '127.0.0.1', gzip: false, mounts: { '/tests/browser/pages/': PAGES } });
  parentEnv = { browser: env.browser, url: parentServer.url };
  B = env.url;
  C = thirdServer.url;
  assert.notEqual(new URL(B).origin, new URL(parentServer.url).origin);
  assert.notEqual(new URL(C).origin, new URL(B).origin);
});
after(async () => {
  await parentServer?.close();
  await thirdServer?.close();
  await env?.close();
});

function parentPage(page, params) {
  const q = new URLSearchParams();
  for (const [k, v] of params) q.append(k, v);
  return `/tests/browser/pages/${page}?${q}`;
}

/** The Playwright Frame of the iframe `selector` once it shows a document whose URL matches `re`. */
async function frameOf(p, selector, re) {
  const handle = await p.page.waitForSelector(selector, { state: 'attached' });
  const frame = await handle.contentFrame();
  await frame.waitForURL(re);
  await frame.waitForLoadState('load');
  return frame;
}

async function chartSettled(frame, state = 'ready') {
  await frame.waitForFunction((s) => document.getElementById('chart')?.getAttribute('data-bering-state') === s,
    state, { timeout: 20_000 });
}

/** Sizes seen from inside the frame and from the parent. */
async function measure(p, selector, frame) {
  const inside = await frame.evaluate(() => {
    const el = document.getElementById('chart');
    const canvas = el.shadowRoot?.querySelector('canvas');
    return {
      state: el.getAttribute('data-bering-state'),
      content: el.getBoundingClientRect().bottom + scrollY,
      htmlHeight: document.documentElement.getBoundingClientRect().height,
      viewportWidth: document.documentElement.clientWidth,
      chartWidth: el.getBoundingClientRect().width,
      canvasWidth: canvas && !canvas.hidden ? parseFloat(canvas.style.width) : null,
      canvasBottom: canvas && !canvas.hidden ? canvas.getBoundingClientRect().bottom + scrollY : null,
    };
  });
  const outside = await p.page.$eval(selector, (f) => ({
    clientHeight: f.clientHeight, clientWidth: f.clientWidth,
    heightAttr: f.getAttribute('height'), styleHeight: f.style.height,
  }));
  return { inside, outside };
}

/** Wait (generously) until the iframe's height matches the frame's content within 2 px, then assert it. */
async function heightsMatch(p, selector, frame, what) {
  let m;
  for (const deadline = Date.now() + 15_000; Date.now() < deadline; await sleep(100)) {
    m = await measure(p, selector, frame);
    if (Math.abs(m.outside.clientHeight - m.inside.content) <= 2
        && m.inside.canvasWidth === Math.floor(m.inside.chartWidth)) break;
  }
  const info = `${what}: ${JSON.stringify(m)}`;
  assert.equal(m.inside.state, 'ready', info);
  assert.ok(m.inside.content > 100, `the chart has a real height; ${info}`);
  assert.ok(Math.abs(m.outside.clientHeight - m.inside.content) <= 2, `iframe height matches the content; ${info}`);
  assert.ok(m.outside.clientHeight >= m.inside.canvasBottom - 2, `the canvas is not cut off; ${info}`);
  // The widget fills the frame's width and was drawn at that width.
  assert.equal(m.inside.chartWidth, m.inside.viewportWidth, `widget fills the frame width; ${info}`);
  assert.equal(m.inside.canvasWidth, Math.floor(m.inside.chartWidth), `canvas drawn at the frame width; ${info}`);
  assert.equal(m.inside.viewportWidth, m.outside.clientWidth, info);
  return m;
}

/** Messages the parent received from the frame stop once settled: 0 new over ~1 s. */
async function quietWhenSettled(p, frame, count) {
  await sleep(500);
  const n0 = await count();
  await frame.evaluate(() => window.__beringTest.frames(10));
  await sleep(1000);
  const n1 = await count();
  assert.ok(n0 >= 1, 'the frame sent its height');
  assert.equal(n1, n0, `the frame sent ${n1 - n0} messages while nothing changed`);
}

async function frameClean(frame) {
  assert.deepEqual(await frame.evaluate(() => window.__beringTest.csp), [], 'no CSP violations in frame.html');
}

test('Pym.js 1.3.2 parent, frame on another origin: iframe height follows the content at 960 and 360 px', async () => {
  const frameUrl = `${B}/frame.html?chart=length`;
  const p = await openPage(parentEnv, parentPage('frame-pym.html', [['frame', frameUrl]]), { width: 960 });
  try {
    const frame = await frameOf(p, '#box iframe', /\/frame\.html\?/);
    await chartSettled(frame);
    assert.match(frame.url(), /[?&]childId=box(&|$)/, 'Pym.js passed childId');
    const wide = await heightsMatch(p, '#box iframe', frame, 'at 960 px');
    assert.equal(wide.outside.clientWidth, 960);
    assert.equal(wide.outside.heightAttr, `${wide.outside.clientHeight}px`, 'Pym.js set the height attribute');
    await quietWhenSettled(p, frame, () => p.page.evaluate(() => window.__frameMessages.length));

    const messages = await p.page.evaluate(() => window.__frameMessages);
    assert.ok(messages.every((m) => m.origin === new URL(B).origin));
    assert.ok(messages.some((m) => m.data === `pymxPYMxboxxPYMxheightxPYMx${wide.outside.clientHeight}`), 'Pym.js string format');
    assert.ok(messages.some((m) => m.data?.['bering-chart-height'] === wide.outside.clientHeight), 'object format');

    await p.page.setViewportSize({ width: 360, height: 900 });
    const narrow = await heightsMatch(p, '#box iframe', frame, 'at 360 px');
    assert.equal(narrow.outside.clientWidth, 360);
    assert.notEqual(narrow.inside.content, wide.inside.content, 'the height changed with the width (else this proves little)');
    await quietWhenSettled(p, frame, () => p.page.evaluate(() => window.__frameMessages.length));
    assert.equal(await frame.title(), 'Chart: Bering Strait tunnel (length)');
    await frameClean(frame);
    assertClean(p);
  } finally {
    await p.close();
  }
});

test('bering-frame.js parent, frame on another origin: iframe height follows the content at 960 and 360 px', async () => {
  const frameUrl = `${B}/frame.html?chart=context&units=km`;
  const p = await openPage(parentEnv, parentPage('frame-parent.html', [['frame', frameUrl]]), { width: 960 });
  try {
    const frame = await frameOf(p, '#f0', /\/frame\.html\?/);
    await chartSettled(frame);
    const wide = await heightsMatch(p, '#f0', frame, 'at 960 px');
    assert.equal(wide.outside.clientWidth, 960);
    assert.equal(wide.outside.styleHeight, `${wide.outside.clientHeight}px`, 'bering-frame.js set style.height');
    const count = () => p.page.evaluate(() => window.__frameMessages.f0.length);
    await quietWhenSettled(p, frame, count);
    const messages = await p.page.evaluate(() => window.__frameMessages.f0);
    assert.ok(messages.every((m) => typeof m.data === 'object'), 'no Pym.js strings without childId');

    await p.page.setViewportSize({ width: 360, height: 900 });
    const narrow = await heightsMatch(p, '#f0', frame, 'at 360 px');
    assert.equal(narrow.outside.clientWidth, 360);
    assert.notEqual(narrow.inside.content, wide.inside.content, 'the height changed with the width (else this proves little)');
    await quietWhenSettled(p, frame, count);
    await frameClean(frame);
    assertClean(p);
  } finally {
    await p.close();
  }
});

test('frame.html: query parameters reach the widget; an error state is sized too', async () => {
  const dark = `${B}/frame.html?chart=cost&currency=GBP&gbp-per-usd=0.79&locale=en-GB&theme=dark`;
  const bad = `${B}/frame.html?chart=cost&currency=GBP`;
  const p = await openPage(parentEnv, parentPage('frame-parent.html', [['frame', dark], ['frame', bad]]), { width: 640 });
  try {
    const f0 = await frameOf(p, '#f0', /\/frame\.html\?/);
    await chartSettled(f0);
    assert.equal(await f0.evaluate(() => window.__beringTest.modeColour('#chart')), '#16181d', 'theme=dark');
    await heightsMatch(p, '#f0', f0, 'dark GBP cost chart');

    const f1 = await frameOf(p, '#f1', /\/frame\.html\?/);
    await chartSettled(f1, 'error');
    const info = await f1.evaluate(() => window.__beringTest.info('#chart'));
    assert.ok(info.messageVisible, `error message shown: ${JSON.stringify(info)}`);
    // currency=GBP reached the widget (it asks for the rate); #f0 being ready shows gbp-per-usd did.
    assert.match(info.message, /gbp-per-usd|GBP|pound|£/i, info.message);
    let m;
    for (const deadline = Date.now() + 10_000; Date.now() < deadline; await sleep(100)) {
      m = await measure(p, '#f1', f1);
      if (Math.abs(m.outside.clientHeight - m.inside.content) <= 2) break;
    }
    // The error box may be shorter than bering-frame.js's 50 px minimum.
    assert.ok(Math.abs(m.outside.clientHeight - Math.max(50, m.inside.content)) <= 2, JSON.stringify(m));
    await frameClean(f0);
    await frameClean(f1);
    assertClean(p, { allowConsole: true });
  } finally {
    await p.close();
  }
});

// An iframe trial (stop 45): a CMS that escaped the code's & twice ("&amp;amp;units=km") left
// "amp;units" in the query, which frame.html ignored without a word: the chart came in miles.
test('frame.html reads a query whose & a CMS escaped twice, and names a parameter it does not know', async () => {
  const twice = `${B}/frame.html?chart=length&amp;units=km&amp;amp;colour=red`;
  const p = await openPage(parentEnv, parentPage('frame-parent.html', [['frame', twice]]), { width: 640 });
  try {
    const f0 = await frameOf(p, '#f0', /\/frame\.html\?/);
    await chartSettled(f0);
    const text = await f0.evaluate(() => document.getElementById('chart').shadowRoot.querySelector('.bering-text').textContent);
    assert.match(text, /\d km/, 'units=km reached the chart');
    const warnings = p.consoleMessages.filter((m) => m.startsWith('warning:'));
    assert.equal(warnings.length, 1, JSON.stringify(warnings));
    assert.match(warnings[0], /"amp;amp;colour"/, 'the warning names the parameter as written');
  } finally {
    await p.close();
  }
});

test('bering-frame.js ignores foreign, sourceless, malformed and navigateTo messages and never navigates', async () => {
  const poster = `${B}/tests/browser/pages/frame-poster.html?chart=length&childId=poster`;
  const p = await openPage(parentEnv, parentPage('frame-parent.html', [
    ['frame', poster],                               // #f0: managed, origin B
    ['other', `${C}/tests/browser/pages/frame-poster.html`], // #u0: unmanaged, third origin
    ['other', `${B}/tests/browser/pages/frame-poster.html`], // #u1: unmanaged, same origin as #f0
  ]), { width: 800 });
  const navigations = [];
  const dialogs = [];
  p.page.on('framenavigated', (f) => { if (f === p.page.mainFrame()) navigations.push(f.url()); });
  p.page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  const startUrl = p.page.url();
  const heights = () => p.page.evaluate(() => window.__heights.f0);
  const waitHeight = (h) => p.page.waitForFunction((want) => document.getElementById('f0').style.height === want, h,
    { timeout: 10_000 });
  try {
    const f0 = await frameOf(p, '#f0', /frame-poster\.html/);
    const u0 = await frameOf(p, '#u0', /frame-poster\.html/);
    const u1 = await frameOf(p, '#u1', /frame-poster\.html/);
    const post = (frame, data) => frame.evaluate((d) => parent.postMessage(d, '*'), data);

    // Positive control: the managed frame's own well-formed message is applied.
    await post(f0, { 'bering-chart-height': 300 });
    await waitHeight('300px');
    assert.deepEqual(await heights(), ['300px']);

    // Another origin, another window of the same origin, the parent itself, a null source.
    await post(u0, { 'bering-chart-height': 9999 });
    await post(u1, { 'bering-chart-height': 9999 });
    await p.page.evaluate(() => window.postMessage({ 'bering-chart-height': 9999 }, '*'));
    await p.page.evaluate((origin) => {
      window.dispatchEvent(new MessageEvent('message', { data: { 'bering-chart-height': 9999 }, origin, source: null }));
    }, new URL(B).origin);
    // From the managed frame: bad heights and navigateTo.
    const bad = [
      { 'bering-chart-height': 'NaN' }, { 'bering-chart-height': Number.NaN }, { 'bering-chart-height': -5 },
      { 'bering-chart-height': 1e9 }, { 'bering-chart-height': '400' }, { 'bering-chart-height': Infinity },
      { 'bering-chart-height': null }, { 'bering-chart-height': 49 }, { 'bering-chart-height': 10001 },
      { 'bering-chart-height': [400] }, [400], 400, '400', '{"bering-chart-height":400}',
      { 'bering-chart-height': 400, navigateTo: 'javascript:alert(1)' },
      { navigateTo: `${C}/tests/browser/pages/frame-poster.html` },
      'pymxPYMxposterxPYMxnavigateToxPYMxjavascript:alert(1)',
      `pymxPYMxposterxPYMxnavigateToxPYMx${C}/tests/browser/pages/frame-poster.html`,
    ];
    for (const data of bad) await post(f0, data);
    await sleep(300);
    // Sentinel from the same window: once it is applied, everything above was handled.
    await post(f0, { 'bering-chart-height': 321 });
    await waitHeight('321px');
    assert.deepEqual(await heights(), ['300px', '321px'], 'nothing but the two good messages changed the height');

    // The managed iframe's own window, navigated to another origin: origin check.
    await f0.evaluate((url) => { location.href = url; }, `${C}/tests/browser/pages/frame-poster.html`);
    await f0.waitForURL(new RegExp(`^${C}/`));
    await f0.waitForLoadState('load');
    await post(f0, { 'bering-chart-height': 9999 });
    await sleep(500);
    await f0.evaluate((url) => { location.href = url; }, poster);
    await f0.waitForURL(new RegExp(`^${B}/`));
    await f0.waitForLoadState('load');
    await post(f0, { 'bering-chart-height': 333 });
    await waitHeight('333px');
    assert.deepEqual(await heights(), ['300px', '321px', '333px'], 'a message from another origin in the iframe was ignored');

    assert.equal((await p.page.$eval('#f0', (f) => f.clientHeight)), 333);
    assert.deepEqual(navigations, [], 'the parent page did not navigate');
    assert.deepEqual(dialogs, [], 'no dialog opened');
    assert.equal(p.page.url(), startUrl);
    assertClean(p);
  } finally {
    await p.close();
  }
});

test('bering-frame.js gives each managed iframe a distinct title, keeps existing ones, adds nothing to window', async () => {
  const poster = (chart) => `${B}/tests/browser/pages/frame-poster.html?chart=${chart}`;
  const p = await openPage(parentEnv, parentPage('frame-parent.html', [
    ['frame', poster('length')], ['frame', poster('length')], ['frame', poster('cost')],
    ['titled', poster('length')], ['other', poster('length')],
  ]), { width: 800 });
  try {
    await p.page.waitForFunction(() => ['f0', 'f1', 'f2'].every((id) => document.getElementById(id).title));
    const titles = await p.page.evaluate(() => Object.fromEntries(
      [...document.querySelectorAll('iframe')].map((f) => [f.id, f.getAttribute('title')])));
    assert.match(titles.f0, /length/);
    assert.match(titles.f1, /length/);
    assert.match(titles.f2, /cost/);
    assert.equal(new Set([titles.f0, titles.f1, titles.f2]).size, 3, `distinct titles: ${JSON.stringify(titles)}`);
    assert.equal(titles.t0, 'Kept title', 'an existing title is kept');
    assert.equal(titles.u0, null, 'an iframe without data-bering-frame is left alone');

    // An iframe added later is managed too.
    await p.page.evaluate((src) => {
      const f = document.createElement('iframe');
      f.id = 'late';
      f.setAttribute('data-bering-frame', '');
      f.src = src;
      document.body.append(f);
    }, poster('length'));
    await p.page.waitForFunction(() => document.getElementById('late').title !== '');
    const late = await p.page.$eval('#late', (f) => f.title);
    assert.ok(![titles.f0, titles.f1, titles.f2].includes(late), `late title ${late} is distinct`);

    const globals = await p.page.evaluate(() => window.__beringTest.newGlobals()
      .filter((n) => !/^\d+$/.test(n) && !['__frameMessages', '__heights'].includes(n)));  // indices = child frames
    assert.deepEqual(globals, [], 'bering-frame.js adds nothing to window');
    assertClean(p);
  } finally {
    await p.close();
  }
});

test('AMP: inside an amp-iframe, frame.html asks AMP for its height ({sentinel: "amp", type: "embed-size", height})', async () => {
  const frameUrl = `${B}/frame.html?chart=cost`;
  const p = await openPage(parentEnv, parentPage('frame-amp.html', [['frame', frameUrl]]), { width: 960 });
  try {
    const frame = await frameOf(p, '#amp', /\/frame\.html\?/);
    await chartSettled(frame);
    const wide = await heightsMatch(p, '#amp', frame, 'at 960 px');
    const amp = () => p.page.evaluate(() => window.__ampMessages.filter((m) => m.data?.sentinel === 'amp'));
    const sent = await amp();
    assert.ok(sent.length >= 1, 'the frame asked AMP for a height');
    for (const m of sent) {
      assert.equal(m.origin, new URL(B).origin);
      assert.deepEqual(Object.keys(m.data).sort(), ['height', 'sentinel', 'type']);
      assert.equal(m.data.type, 'embed-size');
      assert.ok(Number.isInteger(m.data.height), `a whole number of px: ${m.data.height}`);
    }
    assert.equal(sent.at(-1).data.height, wide.outside.clientHeight, 'the last request is the content height');
    await p.page.setViewportSize({ width: 360, height: 900 });
    const narrow = await heightsMatch(p, '#amp', frame, 'at 360 px');
    assert.notEqual(narrow.inside.content, wide.inside.content, 'the height changed with the width');
    assert.equal((await amp()).at(-1).data.height, narrow.outside.clientHeight);
    await frameClean(frame);
    assertClean(p);
  } finally {
    await p.close();
  }
});
