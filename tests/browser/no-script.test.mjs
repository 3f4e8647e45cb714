// When no script runs (issue 15's "nothing worse for readers", on pages not written for the
// widget), in headless Chromium: the optional stylesheet (embed/bering-chart.css) shows each
// plain default chart's static file in the place it holds.
// - The module pasted as a classic <script src> (a CMS that writes its own tag or strips
//   `type`) is a syntax error: after the element's data-load-timeout, the box shows its static
//   chart (its language, units and theme), fetched only then; pounds and custom data, which no
//   static file shows, stay as they were; the held height does not change.
// - Scripting off: the static chart at once, the 320 px file in a phone's viewport, with the
//   chart's words as its alternative text.
// - The shim running: no static file is fetched, however short the timeout.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, settled, generated, testPage, COLOURS } from './browser.mjs';

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

/** The longest horizontal run of `hex` (±3 a channel) in a PNG, decoded in `decoder` (a page with the test helpers). */
async function longestRun(decoder, png, hex) {
  return decoder.evaluate(async ([shot, colour]) => {
    const { data, width, height } = await window.__beringTest.screenshotPixels(shot);
    const t = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16));
    let best = 0;
    for (let y = 0; y < height; y++) {
      for (let x = 0, run = 0; x < width; x++) {
        const i = (y * width + x) * 4;
        run = t.every((v, k) => Math.abs(data[i + k] - v) <= 3) ? run + 1 : 0;
        best = Math.max(best, run);
      }
    }
    return best;
  }, [png.toString('base64'), hex]);
}

test('pasted as a classic script, each plain default chart shows its static file after its load timeout', async () => {
  const box = (inner) => `<div style="width:640px;margin-bottom:8px">${inner}</div>`;
  const html = testPage([
    box('<div id="len" data-bering-chart="length" data-load-timeout="1500"></div>'),
    box('<div id="ctx" data-bering-chart="context" data-units="km" data-locale="de-DE" data-theme="dark" data-load-timeout="1500"></div>'),
    box('<div id="gbp" data-bering-chart="cost" data-currency="GBP" data-load-timeout="1500"></div>'),
    box(`<div id="custom" data-bering-chart="cost" data-load-timeout="1500">${CUSTOM}</div>`),
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
    const heights = () => p.page.evaluate(() => ['len', 'ctx', 'gbp'].map((id) => document.getElementById(id).getBoundingClientRect().height));
    const held = await heights();
    assert.ok(errors.some((message) => /outside a module|export/.test(message)), `the classic script is a syntax error: ${JSON.stringify(errors)}`);
    await p.page.waitForFunction(() => ['len', 'ctx'].every((id) => getComputedStyle(document.getElementById(id), '::before').backgroundImage.includes('/fallback/')));
    const seen = await befores(p.page, ['len', 'ctx', 'gbp', 'custom']);
    assert.match(seen.len.image, /\/fallback\/length\.svg"\)$/);
    assert.match(seen.ctx.image, /\/fallback\/context-de-DE-km-dark\.svg"\)$/);
    assert.equal(seen.gbp.image, 'none', 'pounds: no static file shows them');
    assert.equal(seen.custom.content, 'none', 'custom data holds no place and shows no file');
    // Fetched only once shown: not before the element's timeout.
    await p.page.waitForFunction(() => performance.getEntriesByType('resource').filter((e) => e.name.includes('/fallback/') && e.responseEnd > 0).length === 2);
    const fetched = await p.page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.includes('/fallback/'))
      .map((e) => ({ name: e.name.split('/').pop(), at: e.startTime })));
    assert.deepEqual(fetched.map((f) => f.name).sort(), ['context-de-DE-km-dark.svg', 'length.svg']);
    fetched.forEach((f) => assert.ok(f.at >= 1490, `${f.name} fetched at ${f.at.toFixed(0)} ms, not before the 1500 ms timeout`));
    await p.page.evaluate(() => window.__beringTest.frames(3));
    assert.deepEqual(await heights(), held, 'the static files show in the places held for the charts');
    const lengthShot = await p.page.locator('#len').screenshot();
    const contextShot = await p.page.locator('#ctx').screenshot({ path: 'build/screenshots/no-script-classic-context.png' });
    // (Not fullPage: Playwright's full-page capture makes the pseudo-elements anew, and their delay starts again.)
    await p.page.screenshot({ path: 'build/screenshots/no-script-classic.png' });
    assert.ok(await longestRun(p.page, lengthShot, COLOURS.light.primary) > 100, 'the length chart\'s tunnel bar shows');
    assert.ok(await longestRun(p.page, contextShot, COLOURS.dark.primary) > 20, 'the dark context chart\'s bar shows');
    assert.ok(await longestRun(p.page, contextShot, COLOURS.dark.background) > 300, 'on its dark background');
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
    assert.ok(await longestRun(decoder.page, shot, COLOURS.light.primary) > 60, 'the tunnel bar shows');
    const cdp = await context.newCDPSession(page);
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const names = nodes.map((node) => node.name?.value ?? '').filter(Boolean);
    assert.ok(names.some((name) => name.includes('The proposed Bering Strait tunnel') && name.includes('70 miles')), `its words are in the accessibility tree: ${names.join(' | ')}`);
  } finally {
    await context.close();
    await decoder.close();
  }
});

test('with the shim running, no static file is fetched, however short the timeout', async () => {
  const html = testPage('<div style="width:640px"><div id="len" data-bering-chart="length" data-load-timeout="300"></div></div>', { head: STYLESHEET });
  const p = await openPage(env, '/tests/generated/script-runs.html', { prepare: (context) => generated(context, 'script-runs', html) });
  try {
    await settled(p);
    await p.page.waitForTimeout(600);
    const seen = await befores(p.page, ['len']);
    assert.equal(seen.len.content, 'none', 'a claimed element has no ::before');
    const fetched = await p.page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.includes('/fallback/')).map((e) => e.name));
    assert.deepEqual(fetched, []);
    assert.equal(await p.page.evaluate(() => document.getElementById('len').getAttribute('data-bering-state')), 'ready');
  } finally {
    await p.close();
  }
});
