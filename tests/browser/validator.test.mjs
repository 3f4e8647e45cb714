// One validator: every bad specification of tests/snapshots/messages.json (which
// tests/validator.rs holds to the host reader's messages) shows, in the browser,
// exactly the host's message in the widget's box; and the page's other widgets draw.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { setup, call, generated, REPO, withPage, testPage } from './browser.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const cases = JSON.parse(readFileSync(path.join(REPO, 'tests', 'snapshots', 'messages.json'), 'utf8'));

test('the browser gives the host\'s message for the same bad chart data, word for word', async () => {
  assert.ok(cases.length >= 10, 'the recorded cases');
  const escape = (text) => text.replace(/</g, '\\u003c');
  const boxes = cases.map(({ json }, i) => `<div id="c${i}" data-bering-chart="length" data-loading="eager"><script type="application/json">${escape(json)}</script></div>`);
  const html = testPage(`<div style="width:640px">${boxes.join('\n')}<div id="good" data-bering-chart="cost" data-loading="eager"></div></div>`, { title: 'validator' });
  await withPage(env, '/tests/generated/validator.html', { prepare: (context) => generated(context, 'validator', html) }, async (p) => {
    for (const [i, { json, message }] of cases.entries()) {
      const info = await call(p, 'info', `#c${i}`);
      assert.equal(info.state, 'error', json);
      assert.equal(info.message, message, `the box's message for ${json}`);
      assert.ok(info.messageVisible, `the message shows for ${json}`);
    }
    assert.equal((await call(p, 'info', '#good')).state, 'ready', 'bad data in one widget leaves the others drawing');
    const warned = p.consoleMessages.filter((m) => m.startsWith('warning: bering-chart: Chart data:'));
    assert.equal(warned.length, cases.length, 'one console message each');
  });
});
