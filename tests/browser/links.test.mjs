// Links from data (issue 5's security rules): a spec's `sourceUrl` becomes a link
// only when it is an https:// address (opened with rel="noopener noreferrer");
// `javascript:`, `data:`, plain `http:` and addresses carrying markup are
// rejected with a specific message in the box, and never reach an href.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, assertClean, withPage } from './browser.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const spec = (url) => JSON.stringify({ title: 'T', bars: [{ label: 'A', value: 2 }, { label: 'B', value: 1 }], source: 'Source: us', sourceUrl: url });
const cases = {
  good: 'https://www.independent.co.uk/news/world/bering-strait-tunnel',
  js: 'javascript:alert(1)',
  data: 'data:text/html,<script>alert(1)</script>',
  http: 'http://example.org/',
  markup: 'https://x.org/"><img src=x onerror=alert(1)>',
};

function html() {
  const boxes = Object.entries(cases).map(([id, url]) => `<div style="width:640px"><div id="${id}" data-bering-chart="length">`
    + `<script type="application/json">${spec(url).replace(/</g, '\\u003c')}</script></div></div>`).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>links</title></head>
<body>${boxes}<div id="plain" data-bering-chart="cost"></div><script type="module" src="/embed/bering-chart.js"></script></body></html>`;
}

test('only https:// source links from data become links', async () => {
  await withPage(env, '/tests/generated/links.html', {
    prepare: (context) => context.route('**/tests/generated/links.html', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: html() })),
  }, async (p) => {
    const view = await p.page.evaluate((ids) => Object.fromEntries(ids.map((id) => {
      const host = document.getElementById(id);
      const root = host.shadowRoot;
      const source = root.querySelector('a.bering-source');
      return [id, {
        state: host.getAttribute('data-bering-state'),
        message: root.querySelector('.bering-message').textContent,
        href: source.getAttribute('href'),
        text: source.textContent,
        rel: source.rel,
        shown: source.getBoundingClientRect().width > 0,
        hrefs: [...root.querySelectorAll('[href]')].map((a) => a.getAttribute('href')),
      }];
    })), [...Object.keys(cases), 'plain']);
    assert.equal(view.good.state, 'ready');
    assert.equal(view.good.href, cases.good);
    assert.equal(view.good.text, 'Source');
    assert.equal(view.good.rel, 'noopener noreferrer');
    assert.ok(view.good.shown, 'the source link is visible');
    for (const id of ['js', 'data', 'http', 'markup']) {
      assert.equal(view[id].state, 'error', id);
      assert.match(view[id].message, /"sourceUrl" must be an https:\/\/ address/, id);
      assert.ok(view[id].hrefs.every((h) => !/^(javascript|data|http):/i.test(h)), `${id}: no unsafe href ${JSON.stringify(view[id].hrefs)}`);
    }
    assert.equal(view.plain.state, 'ready');
    assert.equal(view.plain.href, null, 'a default chart has no source link');
    assert.ok(!view.plain.shown);
    assertClean(p, { allowConsole: true });
  });
});
