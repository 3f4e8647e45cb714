// When no script runs (issue 15's "nothing worse for readers", on pages not written for the
// widget), in headless Chromium: the optional stylesheet (embed/bering-chart.css) shows each
// plain default chart's static file in the place it holds.
// - The module pasted as a classic <script src> (a CMS that writes its own tag or strips
//   `type`) is a syntax error: after the element's data-load-timeout, the box shows its static
//   chart (its language, units and theme), fetched only then; pounds and custom data, which no
//   static file shows, stay as they were; the held height does not change.
// - Its theme is the element's, else the page's marker on <html> (or <body>), else the reader's
//   scheme; a viewport crossing 480 px changes the file without hiding it again; the delay is the
//   element's positive data-load-timeout, else 10 s.
// - Scripting off: the static chart at once, the 320 px file in a phone's viewport, with the
//   chart's words as its alternative text.
// - The shim running: the stylesheet fetches no static file, however short the timeout.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, generated, testPage, longestRunInPng, COLOURS } from './browser.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const STYLESHEET = '<link rel="stylesheet" href="/embed/bering-chart.css">';
const CUSTOM = '<script type="application/json">{"title":"Two bars","bars":[{"label":"a","value":1},{"label":"b","value":2}]}</script>';

/** The computed `::before` of each id: its image and content. */
const befores = (page, ids) => page.evaluate((list) => Object.fromEntries(list.map((id) => {
  const style = getComputedStyle(document.getElementById(id), '::before');
  return [id, { image: style.backgroundImage, content: style.content }];
})), ids);

test('pasted as a classic script, each plain default chart shows its static file after its load timeout', async () => {
  const box = (inner) => `<div style="width:640px;margin-bottom:8px">${inner}</div>`;
  const html = testPage([
    box('<div id="len" data-bering-chart="length" data-load-timeout="1500"></div>'),
    box('<div id="ctx" data-bering-chart="context" data-units="km" data-locale="de-DE" data-theme="dark" data-load-timeout="1500"></div>'),
    box('<div id="gbp" data-bering-chart="cost" data-currency="GBP" data-load-timeout="1500"></div>'),
    box(`<div id="custom" data-bering-chart="cost" data-load-timeout="1500">${CUSTOM}</div>`),
    // (Its data stripped by a CMS: still custom, so no story chart stands in for it.)
    box('<div id="stripped" data-bering-chart="cost" data-bering-custom data-load-timeout="1500"></div>'),
  ].join('\n'), { head: STYLESHEET, shim: '<script src="/embed/bering-chart.js"></script>' });
  const errors = [];
  const p = await openPage(env, '/tests/generated/classic-script.html', {
    waitForSettled: false,
    prepare: (context) => {
      context.on('weberror', (error) => errors.push(error.error().message));
      return generated(context, 'classic-script', html);
    },
  });
  try {
    // The held height is the reserve's padding alone: the line holding the alternative text adds none.
    const heights = () => p.page.evaluate(() => ['len', 'ctx', 'gbp'].map((id) => {
      const host = document.getElementById(id);
      return [host.getBoundingClientRect().height, parseFloat(getComputedStyle(host, '::before').paddingTop)];
    }));
    const held = await heights();
    held.forEach(([height, padding]) => assert.ok(padding > 200 && Math.abs(height - padding) < 0.5, `held: ${JSON.stringify(held)}`));
    assert.ok(errors.some((message) => /outside a module|export/.test(message)), `the classic script is a syntax error: ${JSON.stringify(errors)}`);
    await p.page.waitForFunction(() => ['len', 'ctx'].every((id) => getComputedStyle(document.getElementById(id), '::before').backgroundImage.includes('/fallback/')));
    const seen = await befores(p.page, ['len', 'ctx', 'gbp', 'custom', 'stripped']);
    assert.equal(seen.len.image, `url("${env.url}/fallback/length.svg")`);
    assert.equal(seen.ctx.image, `url("${env.url}/fallback/context-de-DE-km-dark.svg")`);
    assert.equal(seen.gbp.image, 'none', 'pounds: no static file shows them');
    assert.equal(seen.custom.content, 'none', 'custom data holds no place and shows no file');
    assert.equal(seen.stripped.image, 'none', 'custom data stripped: no file');
    // Fetched only once shown: not before the element's timeout.
    await p.page.waitForFunction(() => performance.getEntriesByType('resource').filter((e) => e.name.includes('/fallback/') && e.responseEnd > 0).length === 2);
    const fetched = await p.page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.includes('/fallback/'))
      .map((e) => ({ name: e.name.split('/').pop(), at: e.startTime })));
    assert.deepEqual(fetched.map((f) => f.name).sort(), ['context-de-DE-km-dark.svg', 'length.svg']);
    // (After the element's timeout, not before it, and not after the default 10 s.)
    fetched.forEach((f) => assert.ok(f.at >= 1490 && f.at < 5000, `${f.name} fetched at ${f.at.toFixed(0)} ms, its timeout 1500 ms`));
    await p.page.evaluate(() => window.__beringTest.frames(3));
    assert.deepEqual(await heights(), held, 'the static files show in the places held for the charts');
    const lengthShot = await p.page.locator('#len').screenshot();
    const contextShot = await p.page.locator('#ctx').screenshot({ path: 'build/screenshots/no-script-classic-context.png' });
    // (Not fullPage: Playwright's full-page capture makes the pseudo-elements anew, and their delay starts again.)
    await p.page.screenshot({ path: 'build/screenshots/no-script-classic.png' });
    assert.ok(await longestRunInPng(p.page, lengthShot, COLOURS.light.primary) > 100, 'the length chart\'s tunnel bar shows');
    assert.ok(await longestRunInPng(p.page, contextShot, COLOURS.dark.primary) > 20, 'the dark context chart\'s bar shows');
    assert.ok(await longestRunInPng(p.page, contextShot, COLOURS.dark.background) > 300, 'on its dark background');
  } finally {
    await p.close();
  }
});

test('with scripting off, the static chart shows at once, the 320 px file on a phone, named by its words', async () => {
  const html = testPage('<div style="margin:0 12px"><div id="len" data-bering-chart="length"></div></div>', { head: STYLESHEET });
  const context = await env.browser.newContext({ viewport: { width: 400, height: 800 }, javaScriptEnabled: false });
  const decoder = await openPage(env, '/tests/browser/pages/one.html?chart=length', { waitForSettled: false });
  try {
    await generated(context, 'no-scripting', html);
    const page = await context.newPage();
    await page.goto(`${env.url}/tests/generated/no-scripting.html`, { waitUntil: 'load' });
    const seen = await befores(page, ['len']);
    assert.match(seen.len.image, /\/fallback\/length-320\.svg"\)$/, 'no timeout is waited for: nothing will run');
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('/fallback/length-320.svg') && e.responseEnd > 0));
    await page.waitForTimeout(100);
    const shot = await page.locator('#len').screenshot({ path: 'build/screenshots/no-script-off-phone.png' });
    assert.ok(await longestRunInPng(decoder.page, shot, COLOURS.light.primary) > 60, 'the tunnel bar shows');
    const cdp = await context.newCDPSession(page);
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const names = nodes.map((node) => node.name?.value ?? '').filter(Boolean);
    assert.ok(names.some((name) => name.includes('The proposed Bering Strait tunnel') && name.includes('70 miles')), `its words are in the accessibility tree: ${names.join(' | ')}`);
  } finally {
    await context.close();
    await decoder.close();
  }
});

test('where no script runs, the file follows the element\'s theme, the page\'s, the reader\'s, and the viewport, and the delay is the element\'s positive timeout, else 10 s', async () => {
  const charts = [
    '<div id="auto" data-bering-chart="length" data-load-timeout="200"></div>',
    '<div id="own" data-bering-chart="length" data-theme="light" data-load-timeout="200"></div>',
    '<div id="none" data-bering-chart="length"></div>',
    '<div id="zero" data-bering-chart="length" data-load-timeout="0"></div>',
    '<div id="negative" data-bering-chart="length" data-load-timeout="-5"></div>',
    '<div id="word" data-bering-chart="length" data-load-timeout="soon"></div>',
    '<div id="short" data-bering-chart="length" data-load-timeout="250"></div>',
  ].join('\n');
  const classic = '<script src="/embed/bering-chart.js"></script>';
  const markedDark = testPage(charts, { head: STYLESHEET, htmlAttributes: 'class="dark"', shim: classic });
  const p = await openPage(env, '/tests/generated/classic-themes.html', {
    width: 400, waitForSettled: false, prepare: (context) => generated(context, 'classic-themes', markedDark),
  });
  try {
    const delays = await p.page.evaluate(() => Object.fromEntries(['none', 'zero', 'negative', 'word', 'short']
      .map((id) => [id, getComputedStyle(document.getElementById(id), '::before').animationDelay])));
    assert.deepEqual(delays, { none: '10s', zero: '10s', negative: '10s', word: '10s', short: '0.25s' });
    await p.page.waitForFunction(() => ['auto', 'own'].every((id) => getComputedStyle(document.getElementById(id), '::before').backgroundImage !== 'none'));
    let seen = await befores(p.page, ['auto', 'own']);
    assert.equal(seen.auto.image, `url("${env.url}/fallback/length-dark-320.svg")`, 'the page is dark by its class; a phone\'s viewport');
    assert.equal(seen.own.image, `url("${env.url}/fallback/length-320.svg")`, 'the element\'s own theme first');
    // Wider than 480 px: the file changes at once, with no delay waited again.
    await p.page.setViewportSize({ width: 800, height: 900 });
    seen = await befores(p.page, ['auto', 'own']);
    assert.equal(seen.auto.image, `url("${env.url}/fallback/length-dark.svg")`);
    assert.equal(seen.own.image, `url("${env.url}/fallback/length.svg")`);
  } finally {
    await p.close();
  }
  // No marker on the page: the reader's scheme.
  const unmarked = testPage(charts, { head: STYLESHEET, shim: classic });
  const q = await openPage(env, '/tests/generated/classic-scheme.html', {
    colorScheme: 'dark', waitForSettled: false, prepare: (context) => generated(context, 'classic-scheme', unmarked),
  });
  try {
    await q.page.waitForFunction(() => getComputedStyle(document.getElementById('auto'), '::before').backgroundImage !== 'none');
    const seen = await befores(q.page, ['auto', 'own']);
    assert.equal(seen.auto.image, `url("${env.url}/fallback/length-dark.svg")`);
    assert.equal(seen.own.image, `url("${env.url}/fallback/length.svg")`);
  } finally {
    await q.close();
  }
});

test('with the shim running, the stylesheet fetches no static file, however short the timeout', async () => {
  const html = testPage('<div style="width:640px"><div id="len" data-bering-chart="length" data-load-timeout="300"></div></div>', { head: STYLESHEET });
  const p = await openPage(env, '/tests/generated/script-runs.html', { prepare: (context) => generated(context, 'script-runs', html) });
  try {
    await p.page.waitForTimeout(600);
    const seen = await befores(p.page, ['len']);
    assert.equal(seen.len.content, 'none', 'a claimed element has no ::before');
    // (On a busy machine the shim may fall back within 300 ms and show its own image: not the stylesheet's.)
    const fetched = await p.page.evaluate(() => performance.getEntriesByType('resource')
      .filter((e) => e.name.includes('/fallback/') && e.initiatorType === 'css').map((e) => e.name));
    assert.deepEqual(fetched, []);
  } finally {
    await p.close();
  }
});
