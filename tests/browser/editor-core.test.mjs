// The editor's build of the core (dist/editor/, `--features editor`): the same
// validator as the embed's (every recorded message of tests/snapshots/messages.json,
// word for word), a spreadsheet paste read into bars with messages at their cells,
// and a custom chart's static SVG as tall as the embed draws it at that width.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { setup, generated, withPage, testPage, REPO, DIST, settled } from './browser.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const cases = JSON.parse(readFileSync(path.join(REPO, 'tests', 'snapshots', 'messages.json'), 'utf8'));
const SPEC = { title: 'Two proposals', bars: [{ label: 'Bering Strait tunnel', value: 70, qualifier: 'about' }, { label: 'Another tunnel, proposed elsewhere', value: 33.5 }], unit: 'mi', source: 'Editor test' };

test('the editor build is its own module: the embed does not load it', () => {
  const editor = statSync(path.join(DIST, 'editor', 'bering_chart_bg.wasm')).size;
  const embed = statSync(path.join(DIST, 'embed', 'bering_chart_bg.wasm')).size;
  assert.ok(editor > embed, `the editor's wasm (${editor} B) carries more than the embed's (${embed} B)`);
  assert.doesNotMatch(readFileSync(path.join(DIST, 'embed', 'bering-chart.js'), 'utf8'), /editor\//);
});

test('editor core: the embed\'s messages, a paste read into bars, and an SVG as tall as the live chart', async () => {
  const body = `<div style="width:640px"><div id="live" data-bering-chart="length" data-loading="eager"><script type="application/json">${JSON.stringify(SPEC)}</script></div></div>
<script type="module">
  import init, { readPaste, checkSpec, renderSvg, missingLocalePack, installLocalePack } from "/editor/bering_chart.js";
  await init();
  // The editor installs a language's words as the embed does, from the same pack files.
  const words = async (tag) => {
    const name = missingLocalePack(tag);
    if (name) installLocalePack(await (await fetch("/embed/locale/" + name + ".json")).json());
  };
  window.__editor = { readPaste, checkSpec, renderSvg, words };
</script>`;
  await withPage(env, '/tests/generated/editor-core.html', {
    waitForSettled: false,
    prepare: (context) => generated(context, 'editor-core', testPage(body, { title: 'editor core' })),
  }, async (p) => {
    await p.page.waitForFunction(() => window.__editor);
    // One validator: the editor says what the embed says.
    for (const { json, message } of cases) {
      const said = await p.page.evaluate((text) => window.__editor.checkSpec({ chart: 'length' }, JSON.parse(text), text.length), json);
      assert.equal(said, message, json);
    }
    assert.equal(await p.page.evaluate((spec) => window.__editor.checkSpec({ chart: 'length' }, spec, 100), SPEC), '');
    // A block as Google Sheets copies it, German numbers and words.
    await p.page.evaluate(() => window.__editor.words('de-DE'));
    const pasted = JSON.parse(await p.page.evaluate(() => window.__editor.readPaste('Tunnel\tLänge\nGeplant\tetwa 112,7\nMeerenge\t82,1\nKaputt\tzwölf\n', 'de-DE')));
    assert.deepEqual(pasted.header, { cells: ['Tunnel', 'Länge'] });
    assert.deepEqual(pasted.bars.map((b) => [b.label, b.value, b.qualifier, b.row]), [['Geplant', 112.7, 'about', 2], ['Meerenge', 82.1, '', 3], ['Kaputt', null, '', 4]]);
    assert.deepEqual(pasted.problems.map((e) => [e.row, e.column]), [[4, 2]]);
    assert.match(pasted.problems[0].message, /"zwölf" is not a number; write it as 12\.345,5 in de-DE\./);
    // The static image of a custom chart has the live chart's height at that width.
    await settled(p);
    const live = await p.page.evaluate(() => document.getElementById('live').getBoundingClientRect().height);
    const svg = await p.page.evaluate((spec) => window.__editor.renderSvg({ chart: 'length' }, spec, JSON.stringify(spec).length, 640, false), SPEC);
    const height = Number(/^<svg width="640" height="(\d+)"/.exec(svg)?.[1]);
    assert.equal(height, live, 'the SVG is as tall as the drawn chart');
    assert.match(svg, /<title id="t">Two proposals<\/title>/);
    await assert.rejects(p.page.evaluate(() => window.__editor.renderSvg({ chart: 'length' }, { title: 'T', bars: [] }, 20, 640, false)), /"bars" is empty/);
  });
});
