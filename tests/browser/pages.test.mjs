// Every fixture page in tests/browser/pages loads without uncaught page errors (and, except the
// bad-input pages, without console errors); the shim puts nothing on window; under the
// contract's CSP (script-src 'self' 'wasm-unsafe-eval') the widgets are ready with no
// policy violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { setup, openPage, call, assertClean, PAGES, withPage } from './browser.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const BAD_INPUT_PAGES = new Set(['errors.html', 'gbp.html']);

// The frame-* pages need a second origin and the Pym.js vendor mount: frame.test.mjs covers them.
for (const file of readdirSync(PAGES).filter((f) => f.endsWith('.html') && !f.startsWith('frame-')).sort()) {
  test(`no uncaught errors: ${file}`, async () => {
    const p = await openPage(env, `/tests/browser/pages/${file}`);
    try {
      await p.page.evaluate(() => window.__beringTest.frames(3));
      assertClean(p, { allowConsole: BAD_INPUT_PAGES.has(file) });
    } finally {
      await p.close();
    }
  });
}

test('nothing on window', async () => {
  await withPage(env, '/tests/browser/pages/charts.html', async (p) => {
    assert.deepEqual(await p.page.evaluate(() => window.__beringTest.newGlobals()), []);
    assertClean(p);
  });
});

test('works under the contract CSP', async () => {
  await withPage(env, '/tests/browser/pages/csp.html', async (p) => {
    for (const id of ['length', 'cost']) {
      assert.equal(await call(p, 'state', `#${id}`), 'ready', `#${id}`);
    }
    assert.deepEqual(await p.page.evaluate(() => window.__beringTest.csp), [], 'CSP violations');
    assertClean(p);
  });
});
