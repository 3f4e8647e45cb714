// The chart editor on the preview page (www/editor.js, over the editor's build of
// the core): a spreadsheet block pasted (a real paste event) becomes bars drawn to
// scale in the live preview (canvas pixels); a cell that cannot be read gets its
// message at that cell, and what was typed stays; the script embed it writes,
// pasted into another page, draws the same chart, and its static chart (HTML, its
// text escaped) holds the live chart's height before the wasm arrives.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { setup, openPage, withPage, generated, testPage, settled, COLOURS, REPO } from './browser.mjs';

const SHOTS = path.join(REPO, 'build', 'screenshots', 'editor');
mkdirSync(SHOTS, { recursive: true });

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

/** Opens the preview page with the editor started (its six previews drawn). */
function openEditor() {
  return openPage(env, '/index.html', { waitForSettled: false, height: 1000 });
}
const previewsDrawn = (p) => p.page.waitForFunction(() => {
  const charts = [...document.querySelectorAll('#ed-preview [data-bering-chart]')];
  return charts.length === 6 && charts.every((el) => el.getAttribute('data-bering-state') === 'ready');
});

/** Pastes `text` into the editor's paste field as a real paste event (what Chromium dispatches on Ctrl+V). */
function paste(p, text) {
  return p.page.evaluate((t) => {
    const field = document.getElementById('ed-paste');
    field.focus();
    const data = new DataTransfer();
    data.setData('text/plain', t);
    field.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

/** The bars of a preview canvas, top to bottom: the length in device px of each colour run. */
function barLengths(p, selector) {
  return p.page.evaluate(([sel, colours]) => {
    const host = document.querySelector(sel);
    const canvas = host.shadowRoot.querySelector('canvas');
    const copy = document.createElement('canvas');
    copy.width = canvas.width; copy.height = canvas.height;
    const ctx = copy.getContext('2d');
    ctx.drawImage(canvas, 0, 0);
    const { data, width, height } = ctx.getImageData(0, 0, copy.width, copy.height);
    const targets = colours.map((hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)));
    const rows = [];
    for (let y = 0; y < height; y++) {
      let best = 0;
      for (const [r, g, b] of targets) {
        let run = 0;
        for (let x = 0; x < width; x++) {
          const i = (y * width + x) * 4;
          if (Math.abs(data[i] - r) <= 2 && Math.abs(data[i + 1] - g) <= 2 && Math.abs(data[i + 2] - b) <= 2) best = Math.max(best, ++run);
          else run = 0;
        }
      }
      rows.push(best);
    }
    // A bar is a band of rows with a long run; its length is the band's longest run.
    const bars = [];
    let inBar = false;
    rows.forEach((run) => {
      if (run > 2 && !inBar) { bars.push(run); inBar = true; } else if (run > 2) bars[bars.length - 1] = Math.max(bars[bars.length - 1], run);
      else inBar = false;
    });
    return bars;
  }, [selector, [COLOURS.light.primary, COLOURS.light.other]]);
}

/** The editor's script embed of the default chart retitled `title`. */
async function scriptEmbedTitled(title) {
  const p = await openEditor();
  try {
    await previewsDrawn(p);
    await p.page.fill('#ed-title', title);
    // (The spec inline writes < as \u003c.)
    await p.page.waitForFunction((t) => document.getElementById('ed-code-script').value.includes(t), title.replace(/</g, '\\u003c'));
    return await p.page.evaluate(() => document.getElementById('ed-code-script').value);
  } finally {
    await p.close();
  }
}

const LIGHT_640 = '#ed-preview .ed-slot:nth-child(3) [data-bering-chart]';

test('a spreadsheet block pasted into the editor becomes bars drawn to scale', async () => {
  const p = await openEditor();
  try {
    await previewsDrawn(p);
    await paste(p, 'Tunnel\tLength (mi)\nBering Strait tunnel\tabout 70\nChannel Tunnel\t31.4\nSeikan\t33.5\nGotthard Base\t35.5\n');
    await p.page.waitForFunction(() => document.querySelectorAll('#ed-rows tr').length === 4);
    await previewsDrawn(p);
    await p.page.waitForFunction((sel) => /Gotthard Base/.test(document.querySelector(sel)?.shadowRoot?.getElementById('bering-description')?.textContent ?? ''), LIGHT_640);
    const lengths = await barLengths(p, LIGHT_640);
    const values = [70, 31.4, 33.5, 35.5];
    assert.equal(lengths.length, 4, `four bars drawn (${lengths})`);
    lengths.forEach((length, i) => {
      const wanted = lengths[0] * values[i] / values[0];
      assert.ok(Math.abs(length - wanted) <= Math.max(1, 0.02 * wanted), `bar ${i + 1}: ${length} px, ${wanted.toFixed(1)} to scale`);
    });
    const rows = await p.page.evaluate(() => [...document.querySelectorAll('#ed-rows tr')].map((tr) => [...tr.querySelectorAll('input, select')].map((c) => c.value)));
    assert.deepEqual(rows[0], ['Bering Strait tunnel', '70', 'about']);
    assert.equal(await p.page.locator('#ed-paste-problems li').count(), 0);
    await p.page.locator('#ed-preview').screenshot({ path: path.join(SHOTS, 'pasted.png') });
    assert.deepEqual(p.pageErrors, []);
  } finally {
    await p.close();
  }
});

test('small and precise figures pasted keep their digits: in the rows, the chart\'s words, the table and the snippet', async () => {
  const p = await openEditor();
  try {
    await previewsDrawn(p);
    await paste(p, 'Gas\tShare (%)\nArgon\t0.934\nCarbon dioxide\t0.0417\nNeon\t0.001818\n');
    await p.page.waitForFunction(() => document.querySelectorAll('#ed-rows tr').length === 3);
    const rows = await p.page.evaluate(() => [...document.querySelectorAll('#ed-rows tr')].map((tr) => tr.querySelectorAll('input')[1].value));
    assert.deepEqual(rows, ['0.934', '0.0417', '0.001818'], 'as typed (three decimals made the last two 0.042 and 0.002)');
    await previewsDrawn(p);
    await p.page.waitForFunction((sel) => /Neon/.test(document.querySelector(sel)?.shadowRoot?.getElementById('bering-description')?.textContent ?? ''), LIGHT_640);
    const said = await p.page.evaluate((sel) => {
      const root = document.querySelector(sel).shadowRoot;
      return { words: root.getElementById('bering-description').textContent, table: [...root.querySelectorAll('table tbody tr')].map((tr) => tr.textContent) };
    }, LIGHT_640);
    // Four decimals at most: 0.001818 is written 0.0018 (two decimals made it 0).
    for (const figure of ['0.934', '0.0417', '0.0018']) {
      assert.ok(said.words.includes(figure), `${figure} in the chart's words: ${said.words}`);
      assert.ok(said.table.some((row) => row.includes(figure)), `${figure} in the table: ${said.table}`);
    }
    const snippet = await p.page.evaluate(() => document.getElementById('ed-code-script').value);
    assert.match(snippet, /"value":\s*0\.001818\b/, 'the published data keeps every digit');
    assert.deepEqual(p.pageErrors, []);
  } finally {
    await p.close();
  }
});

test('a cell that cannot be read gets its message at that cell, and keeps what was typed', async () => {
  const p = await openEditor();
  try {
    await previewsDrawn(p);
    await p.page.selectOption('#ed-locale', 'de-DE');
    // (The locale applied first: its change reads the value cells again.)
    await p.page.waitForFunction(() => document.querySelector('#ed-preview [data-bering-chart][data-locale="de-DE"]'));
    await paste(p, 'Geplant\t112,7\nMeerenge\tzweiundachtzig\nAnderer\t40\tfast\n');
    await p.page.waitForFunction(() => document.querySelectorAll('#ed-rows tr').length === 3);
    const cells = await p.page.evaluate(() => [...document.querySelectorAll('#ed-rows tr')].map((tr) => [...tr.querySelectorAll('input, select')].map((c) => ({
      value: c.value, invalid: c.getAttribute('aria-invalid'),
      message: c.getAttribute('aria-describedby') ? document.getElementById(c.getAttribute('aria-describedby'))?.textContent : null,
    }))));
    assert.equal(cells[0][1].value, '112.7', 'a German decimal comma read');
    assert.equal(cells[1][1].value, 'zweiundachtzig', 'what could not be read stays as typed');
    assert.equal(cells[1][1].invalid, 'true');
    assert.match(cells[1][1].message, /^Row 2: "zweiundachtzig" is not a number; write it as 12\.345,5 in de-DE\.$/);
    assert.equal(cells[2][2].invalid, 'true', 'the qualifier cell of row 3');
    assert.match(cells[2][2].message, /"fast" is not a qualifier/);
    assert.equal(cells[0][1].invalid, null, 'good cells are not marked');
    // The bar with no value cannot draw: the message above the previews says why, as its cell does
    // (the previews' boxes say what the embed would).
    await p.page.waitForFunction(() => !document.getElementById('ed-message').hidden);
    assert.equal(await p.page.locator('#ed-message').textContent(), 'Bar 2\'s value: "zweiundachtzig" is not a number; write it as 12.345,5 in de-DE.');
    assert.deepEqual(p.pageErrors, []);
  } finally {
    await p.close();
  }
});

test('a currency sign and unit pasted with the numbers become the chart\'s; a mix of units, or a value below zero, is refused at its cell', async () => {
  const p = await openEditor();
  const cellsOf = () => p.page.evaluate(() => [...document.querySelectorAll('#ed-rows tr')].map((tr) => {
    const input = tr.querySelectorAll('input')[1];
    const note = input.getAttribute('aria-describedby');
    return { value: input.value, invalid: input.getAttribute('aria-invalid'), message: note ? document.getElementById(note)?.textContent : null };
  }));
  try {
    await previewsDrawn(p);
    await paste(p, 'Claimed\tunder $8bn\nTraditional\tover $65bn\n');
    await p.page.waitForFunction(() => document.getElementById('ed-unit').value === 'bn');
    assert.equal(await p.page.inputValue('#ed-prefix'), '$', 'the currency sign is the prefix');
    assert.equal(await p.page.locator('#ed-paste-problems li').count(), 0);
    await previewsDrawn(p);
    await p.page.waitForFunction((sel) => /Traditional/.test(document.querySelector(sel)?.shadowRoot?.getElementById('bering-description')?.textContent ?? ''), LIGHT_640);
    const words = await p.page.evaluate((sel) => document.querySelector(sel).shadowRoot.getElementById('bering-description').textContent, LIGHT_640);
    assert.ok(words.includes('under $8bn') && words.includes('over $65bn'), `the chart writes the figures as pasted: ${words}`);
    await p.page.locator('#ed-preview .ed-slot:nth-child(3)').screenshot({ path: path.join(SHOTS, 'pasted-units.png') });
    const lengths = await barLengths(p, LIGHT_640);
    assert.equal(lengths.length, 2);
    assert.ok(Math.abs(lengths[0] / lengths[1] - 8 / 65) < 0.02, `8 and 65 to scale: ${lengths}`);

    // Millions beside billions would be drawn a thousand times too long: that cell is refused.
    await paste(p, 'A\t$8bn\nB\t65m\nC\t\u22123\n');
    await p.page.waitForFunction(() => document.querySelectorAll('#ed-paste-problems li').length === 2);
    const cells = await cellsOf();
    assert.deepEqual(cells.map((c) => c.value), ['8', '65m', '-3'], 'a refused cell stays as typed; a value below zero is read');
    assert.equal(cells[1].invalid, 'true');
    assert.equal(cells[1].message, 'Row 2: "65m" is in m, and row 1 in bn; give every value in one unit.');
    assert.equal(cells[2].invalid, 'true');
    assert.equal(cells[2].message, 'Row 3: "\u22123" is below zero; a bar starts at zero, so give 0 or more.');
    assert.equal(cells[0].invalid, null);
    await p.page.locator('#ed-rows').screenshot({ path: path.join(SHOTS, 'pasted-mixed-units.png') });

    // Typed into a value cell: the chart's unit is bn, so "65m" is not read as 65.
    await paste(p, 'A\t$8bn\nB\t$65bn\n');
    await p.page.waitForFunction(() => document.querySelectorAll('#ed-rows tr').length === 2 && !document.querySelector('#ed-paste-problems li'));
    await previewsDrawn(p);
    await p.page.fill('#ed-rows tr:nth-child(2) input[data-control="value"]', '65m');
    await p.page.waitForFunction(() => !document.getElementById('ed-message').hidden);
    assert.equal(await p.page.locator('#ed-message').textContent(), 'Bar 2\'s value: "65m" is in m, and the chart in bn; give it in bn.',
      'the message above the previews says why the value is missing, as its cell does');
    let typed = (await cellsOf())[1];
    assert.equal(typed.invalid, 'true', 'the cell is marked as the user types');
    assert.equal(typed.message, '"65m" is in m, and the chart in bn; give it in bn.');
    // The chart's unit made m: the cell is read again, and is the chart's unit now.
    await p.page.fill('#ed-unit', 'm');
    typed = (await cellsOf())[1];
    assert.deepEqual([typed.invalid, typed.message], [null, null], 'a refused cell is read again when the unit becomes its own');
    // Read as 65 in m, the cell would be 65bn once the unit is bn: it is read again, and refused.
    await p.page.waitForFunction(() => /"value":\s*65\b/.test(document.getElementById('ed-code-script').value));
    await p.page.fill('#ed-unit', 'bn');
    typed = (await cellsOf())[1];
    assert.deepEqual([typed.invalid, typed.message], ['true', '"65m" is in m, and the chart in bn; give it in bn.'],
      'a value read with its own unit is read again when the chart\'s unit changes');
    await p.page.waitForFunction(() => /give it in bn/.test(document.getElementById('ed-message').textContent));
    assert.doesNotMatch(await p.page.evaluate(() => document.getElementById('ed-code-script').value), /"value":\s*65\b/,
      'the embed code does not hold 65 in bn');
    await p.page.locator('#ed-rows').screenshot({ path: path.join(SHOTS, 'unit-changed-refused.png') });
    await p.page.fill('#ed-rows tr:nth-child(2) input[data-control="value"]', '65m');
    await p.page.waitForFunction(() => /give it in bn/.test(document.getElementById('ed-message').textContent));
    await p.page.fill('#ed-rows tr:nth-child(2) input[data-control="value"]', 'sixty');
    typed = (await cellsOf())[1];
    assert.equal(typed.message, '"sixty" is not a number; write it as 12,345.5.');
    await p.page.waitForFunction(() => /sixty/.test(document.getElementById('ed-message').textContent));
    assert.equal(await p.page.locator('#ed-message').textContent(), 'Bar 2\'s value: "sixty" is not a number; write it as 12,345.5.');
    await p.page.fill('#ed-rows tr:nth-child(2) input[data-control="value"]', '');
    await p.page.waitForFunction(() => /no value/.test(document.getElementById('ed-message').textContent));
    assert.equal(await p.page.locator('#ed-message').textContent(), 'Bar 2\'s value: there is no value; give a number.');
    await p.page.fill('#ed-rows tr:nth-child(2) input[data-control="value"]', '.5bn');
    await p.page.waitForFunction(() => document.getElementById('ed-message').hidden);
    typed = (await cellsOf())[1];
    assert.deepEqual([typed.invalid, typed.message], [null, null], 'a good value clears the mark');
    assert.equal(await p.page.evaluate(() => document.activeElement?.dataset.control), 'value', 'the focus stays in the cell');
    assert.match(await p.page.evaluate(() => document.getElementById('ed-code-script').value), /"value":\s*0\.5\b/, 'a bare fraction is read');
    // A qualifier typed with the value, then changed in its menu, stays as picked when the unit changes.
    await p.page.fill('#ed-rows tr:nth-child(2) input[data-control="value"]', 'over 65');
    assert.equal(await p.page.locator('#ed-rows tr:nth-child(2) select[data-control="qualifier"]').inputValue(), 'over');
    await p.page.selectOption('#ed-rows tr:nth-child(2) select[data-control="qualifier"]', '');
    await p.page.fill('#ed-unit', 'bn ');
    await p.page.fill('#ed-unit', 'bn');
    assert.equal(await p.page.locator('#ed-rows tr:nth-child(2) select[data-control="qualifier"]').inputValue(), '', 'the qualifier picked stays');
    assert.deepEqual(p.pageErrors, []);
  } finally {
    await p.close();
  }
});

test('the script embed of a custom chart draws in another page, its static HTML holding the live height', async () => {
  const snippet = await scriptEmbedTitled('Two tunnels, one edited chart <b>&</b>');
  assert.doesNotMatch(snippet, /<img/, 'the static chart is HTML, not an image');
  assert.match(snippet, /<div data-bering-static style="[^"]*--bering-h:calc\([^"]*"><div role="img" aria-label="[^"]+" style="[^"]*aspect-ratio:640\/\d+;[^"]*light-dark\(/);
  assert.ok(snippet.includes('>Two tunnels, one edited chart &lt;b&gt;&amp;&lt;/b&gt;</span>'), 'the title as escaped text');
  let release;
  const gate = new Promise((resolve) => { release = resolve; });
  const html = testPage(`<div style="width:640px">${snippet.replace(/<script type="module"[^>]*><\/script>/, '')}</div><p id="after">After.</p>`, { title: 'pasted custom chart' });
  await withPage(env, '/tests/generated/editor-paste.html', {
    waitForSettled: false,
    prepare: async (context) => {
      await generated(context, 'editor-paste', html);
      await context.route('**/embed/bering_chart_bg.wasm', async (route) => { await gate; await route.continue(); });
    },
  }, async (q) => {
    await q.page.waitForFunction(() => document.fonts.status === 'loaded');
    const before = await q.page.evaluate(() => document.querySelector('[data-bering-chart]').getBoundingClientRect().height);
    const shown = await q.page.evaluate(() => ({
      state: document.querySelector('[data-bering-chart]').getAttribute('data-bering-state'),
      height: document.querySelector('[data-bering-chart] [role="img"]').getBoundingClientRect().height,
      title: document.querySelector('[data-bering-chart] [role="img"] span').textContent,
    }));
    assert.equal(shown.state, 'loading');
    assert.ok(shown.height > 150, `the static chart shows while the module loads (${shown.height} px)`);
    assert.equal(shown.title, 'Two tunnels, one edited chart <b>&</b>', 'its title, as text');
    release();
    await settled(q);
    const now = await q.page.evaluate(() => ({
      height: document.querySelector('[data-bering-chart]').getBoundingClientRect().height,
      name: document.querySelector('[data-bering-chart]').shadowRoot.querySelector('canvas').getAttribute('aria-label'),
    }));
    assert.equal(now.name, 'Two tunnels, one edited chart <b>&</b>', 'the same chart draws there');
    assert.ok(Math.abs(now.height - before) <= 1, `the static chart held ${before} px, the chart drew ${now.height} px`);
    assert.deepEqual(q.pageErrors, []);
  });
  release();
});

test('the whole chart lives in the address: a link reopens it, a broken one says so', async () => {
  let link;
  const p = await openEditor();
  try {
    await previewsDrawn(p);
    await p.page.fill('#ed-title', 'A chart sent as a link — ünïcödé');
    await p.page.selectOption('#ed-locale', 'fr-FR');
    await p.page.waitForFunction(() => location.hash.startsWith('#spec=') && document.querySelector('#ed-preview [data-locale="fr-FR"]'));
    link = await p.page.evaluate(() => location.href);
  } finally {
    await p.close();
  }
  assert.match(link, /#spec=[A-Za-z0-9_-]+$/, 'base64url');
  const linkPath = link.slice(link.indexOf('/index.html'));
  await withPage(env, linkPath, { waitForSettled: false }, async (q) => {
    await previewsDrawn(q);
    assert.equal(await q.page.inputValue('#ed-title'), 'A chart sent as a link — ünïcödé');
    assert.equal(await q.page.inputValue('#ed-locale'), 'fr-FR');
    const name = await q.page.evaluate((sel) => document.querySelector(sel).shadowRoot.querySelector('canvas').getAttribute('aria-label'), LIGHT_640);
    assert.equal(name, 'A chart sent as a link — ünïcödé', 'the same chart draws');
  });
  await withPage(env, '/index.html#spec=not-a-chart%%', { waitForSettled: false }, async (q) => {
    await previewsDrawn(q);
    const problem = q.page.locator('#ed-link-problem');
    assert.ok(await problem.isVisible(), 'the broken link gets a message, not a blank page');
    assert.match(await problem.textContent(), /does not hold a chart this editor can open/);
    assert.deepEqual(q.pageErrors, []);
  });
});

test('undo and redo cover the last 50 edits at least, with the buttons and the keyboard', async () => {
  const p = await openEditor();
  try {
    await previewsDrawn(p);
    for (let i = 1; i <= 60; i++) {
      await p.page.fill('#ed-title', `Edit ${i}`);
      await p.page.evaluate(() => window.__beringTest.frames(1));
    }
    for (let i = 0; i < 50; i++) await p.page.click('#ed-undo');
    assert.equal(await p.page.inputValue('#ed-title'), 'Edit 10', 'fifty edits undone');
    await p.page.click('#ed-redo');
    assert.equal(await p.page.inputValue('#ed-title'), 'Edit 11');
    await p.page.focus('#ed-note');
    await p.page.keyboard.press('Control+Shift+Z');
    assert.equal(await p.page.inputValue('#ed-title'), 'Edit 12', 'redo from the keyboard');
    await p.page.keyboard.press('Control+Z');
    assert.equal(await p.page.inputValue('#ed-title'), 'Edit 11', 'undo from the keyboard');
    await previewsDrawn(p);
    assert.deepEqual(p.pageErrors, []);
  } finally {
    await p.close();
  }
});

test('drafts are kept in the browser, listed to reopen or delete', async () => {
  const p = await openEditor();
  try {
    await previewsDrawn(p);
    await p.page.fill('#ed-title', 'A saved draft');
    await p.page.evaluate(() => window.__beringTest.frames(2));
    await p.page.click('#ed-save');
    assert.match(await p.page.locator('#ed-saved').textContent(), /Saved in this browser/);
    await p.page.goto(`${env.url}/index.html`);
    await previewsDrawn(p);
    assert.equal(await p.page.locator('#ed-drafts li').count(), 1);
    assert.match(await p.page.locator('#ed-drafts li').textContent(), /A saved draft/);
    assert.notEqual(await p.page.inputValue('#ed-title'), 'A saved draft', 'a fresh page starts from the default chart');
    await p.page.getByRole('button', { name: 'Open draft A saved draft' }).click();
    assert.equal(await p.page.inputValue('#ed-title'), 'A saved draft');
    await p.page.getByRole('button', { name: 'Delete draft A saved draft' }).click();
    assert.equal(await p.page.locator('#ed-drafts li').count(), 0);
    assert.ok(await p.page.locator('#ed-drafts-none').isVisible());
    assert.deepEqual(p.pageErrors, []);
  } finally {
    await p.close();
  }
});

test('downloads: the chart as SVG, PNG at 1x and 2x, its CSV and its spec, named after it', async () => {
  const p = await openEditor();
  try {
    await previewsDrawn(p);
    await p.page.fill('#ed-title', 'Tunnels: Bering & Channel');
    await p.page.evaluate(() => window.__beringTest.frames(2));
    const grab = async (id) => {
      const [download] = await Promise.all([p.page.waitForEvent('download'), p.page.click(`#${id}`)]);
      const file = await download.path();
      return { name: download.suggestedFilename(), bytes: readFileSync(file) };
    };
    const svg = await grab('ed-download-svg');
    assert.equal(svg.name, 'tunnels-bering-channel.svg');
    const text = svg.bytes.toString('utf8');
    const [, width, height] = /^<svg width="(\d+)" height="(\d+)"/.exec(text).map(Number);
    assert.equal(width, 640);
    assert.match(text, /<title id="t">Tunnels: Bering &amp; Channel<\/title>/);
    for (const [id, scale, name] of [['ed-download-png1', 1, 'tunnels-bering-channel.png'], ['ed-download-png2', 2, 'tunnels-bering-channel@2x.png']]) {
      const file = await grab(id);
      assert.equal(file.name, name);
      assert.equal(file.bytes.subarray(1, 4).toString('latin1'), 'PNG');
      // IHDR: width and height, big-endian, at bytes 16 and 20.
      assert.deepEqual([file.bytes.readUInt32BE(16), file.bytes.readUInt32BE(20)], [width * scale, height * scale], `${name} size`);
      writeFileSync(path.join(SHOTS, name), file.bytes);
    }
    const csv = await grab('ed-download-csv');
    assert.equal(csv.name, 'tunnels-bering-channel.csv');
    assert.equal(csv.bytes.subarray(0, 3).toString('hex'), 'efbbbf', 'UTF-8 with BOM');
    assert.match(csv.bytes.toString('utf8'), /Proposed tunnel/);
    const json = await grab('ed-download-json');
    assert.equal(json.name, 'tunnels-bering-channel.json');
    const spec = JSON.parse(json.bytes.toString('utf8'));
    assert.equal(spec.title, 'Tunnels: Bering & Channel');
    assert.equal(spec.bars.length, 2);
    // The spec pasted back into the paste field opens that chart (not 30-odd rows of its lines).
    await p.page.fill('#ed-title', 'Something else');
    await p.page.fill('#ed-rows tr:nth-child(1) [data-control="label"]', 'Renamed');
    await p.page.evaluate(() => window.__beringTest.frames(2));
    await paste(p, json.bytes.toString('utf8'));
    assert.equal(await p.page.inputValue('#ed-title'), 'Tunnels: Bering & Channel', 'the spec reopened');
    assert.equal(await p.page.locator('#ed-rows tr').count(), 2, 'its two bars');
    assert.equal(await p.page.inputValue('#ed-rows tr:nth-child(1) [data-control="label"]'), spec.bars[0].label);
    assert.equal(await p.page.locator('#ed-paste-problems li').count(), 0, 'no problem reported');
    await p.page.click('#ed-undo');
    assert.equal(await p.page.inputValue('#ed-title'), 'Something else', 'opening it is one undoable step');
    // A spec of more bars than a chart has is not opened (its rows would be made first), and says why.
    const many = JSON.stringify({ title: 'Too many', bars: Array.from({ length: 13 }, (_, i) => ({ label: `Bar ${i}`, value: i + 1 })) });
    await paste(p, many);
    assert.match(await p.page.textContent('#ed-paste-problems'), /13 bars; a chart has at most 12/);
    assert.equal(await p.page.inputValue('#ed-title'), 'Something else', 'the chart as it was');
    assert.deepEqual(p.pageErrors, []);
  } finally {
    await p.close();
  }
});

test('the iframe embed of a custom chart draws it in the frame, sized by the parent; a broken address says so', async () => {
  let codes;
  const p = await openEditor();
  try {
    await previewsDrawn(p);
    await p.page.fill('#ed-title', 'A framed chart');
    await p.page.waitForFunction(() => document.getElementById('ed-code-iframe').value.includes('title="A framed chart"'));
    codes = await p.page.evaluate(() => ({
      iframe: document.getElementById('ed-code-iframe').value,
      pym: document.getElementById('ed-code-pym').value,
      noscript: document.getElementById('ed-code-noscript').value,
    }));
  } finally {
    await p.close();
  }
  assert.match(codes.iframe, /^<iframe src="[^"]+\/frame\.html\?chart=length&amp;spec=[A-Za-z0-9_-]+" title="A framed chart" loading="lazy" data-bering-frame style="width:100%;border:0;height:(\d+)px" width="100%" height="\1" frameborder="0"><\/iframe>/);
  assert.match(codes.pym, /new pym\.Parent\("bering-custom", "[^"]+frame\.html\?chart=length&spec=/);
  assert.match(codes.noscript, /^<noscript><img src="data:image\/svg\+xml;charset=utf-8,[^"]+" width="640" height="\d+" alt="[^"]{20,}" style="width:100%;height:auto;display:block"><\/noscript>$/);
  const html = testPage(`<div style="width:640px">${codes.iframe}</div>`, { title: 'framed custom chart', shim: '' });
  await withPage(env, '/tests/generated/editor-frame.html', { waitForSettled: false, prepare: (context) => generated(context, 'editor-frame', html) }, async (q) => {
    const frame = await (await q.page.waitForSelector('iframe')).contentFrame();
    await frame.waitForFunction(() => document.getElementById('chart')?.getAttribute('data-bering-state') === 'ready');
    assert.equal(await frame.evaluate(() => document.getElementById('chart').shadowRoot.querySelector('canvas').getAttribute('aria-label')), 'A framed chart');
    await q.page.waitForFunction(() => {
      const iframe = document.querySelector('iframe');
      const inner = iframe.contentDocument.documentElement.getBoundingClientRect().height;
      return Math.abs(iframe.getBoundingClientRect().height - Math.ceil(inner)) <= 1;
    });
    assert.deepEqual(q.pageErrors, []);
  });
  await withPage(env, '/frame.html?chart=length&spec=%25%25not-base64', { waitForSettled: false }, async (q) => {
    await q.page.waitForSelector('.frame-problem');
    assert.match(await q.page.locator('.frame-problem').textContent(), /could not be read \(it holds characters base64url does not use\)/);
  });
});

test('the takeaway is computed from the numbers unless the editor writes its own, and says which is in use', async () => {
  const p = await openEditor();
  try {
    await previewsDrawn(p);
    const status = () => p.page.locator('#ed-takeaway-status').textContent();
    const shown = () => p.page.evaluate((sel) => [...document.querySelector(sel).shadowRoot.querySelectorAll('.bering-line')].map((l) => l.textContent).join(' '), LIGHT_640);
    assert.match(await status(), /^In use: computed from the numbers: “Proposed tunnel is 37% more than Bering Strait, width at its narrowest\.”$/);
    await p.page.fill('#ed-takeaway', 'The tunnel is longer than the strait is wide.');
    await p.page.waitForFunction(() => /^In use: yours/.test(document.getElementById('ed-takeaway-status').textContent));
    await previewsDrawn(p);
    await p.page.waitForFunction((sel) => /The tunnel is longer than the strait is wide\./.test(document.querySelector(sel)?.shadowRoot?.textContent ?? ''), LIGHT_640);
    assert.match(await shown(), /The tunnel is longer than the strait is wide\./, 'the preview shows the own takeaway');
    assert.match(await p.page.inputValue('#ed-code-script'), /"takeaway":"The tunnel is longer than the strait is wide\."/);
    await p.page.fill('#ed-takeaway', '');
    await p.page.waitForFunction(() => /^In use: computed/.test(document.getElementById('ed-takeaway-status').textContent));
    assert.deepEqual(p.pageErrors, []);
  } finally {
    await p.close();
  }
});

/** Presses Tab (only the keyboard) until `selector` has the focus; fails after `limit` presses. */
async function tabTo(p, selector, limit = 300) {
  for (let i = 0; i < limit; i++) {
    if (await p.page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await p.page.keyboard.press('Tab');
  }
  assert.fail(`Tab never reached ${selector}`);
}
const focused = (p) => p.page.evaluate(() => ({
  name: document.activeElement.getAttribute('aria-label') ?? document.activeElement.id,
  value: document.activeElement.value,
}));

test('the editor works with the keyboard alone: start, type, reorder, remove and add rows, the focus kept', async () => {
  const p = await openEditor();
  try {
    await previewsDrawn(p);
    await p.page.evaluate(() => document.activeElement?.blur());
    await tabTo(p, '#ed-start');
    for (let i = 0; i < 3; i++) await p.page.keyboard.press('ArrowDown');
    assert.equal(await p.page.inputValue('#ed-start'), 'blank', 'the select moves with the arrow keys');
    await tabTo(p, '#ed-start-button');
    await p.page.keyboard.press('Enter');
    await tabTo(p, '#ed-title');
    await p.page.keyboard.type('Typed with the keyboard');
    await tabTo(p, '[aria-label="Bar 1 label"]');
    await p.page.keyboard.type('Tunnel');
    await p.page.keyboard.press('Tab');
    await p.page.keyboard.type('70');
    await tabTo(p, '[aria-label="Bar 2 label"]');
    await p.page.keyboard.type('Strait');
    await p.page.keyboard.press('Tab');
    await p.page.keyboard.type('51');
    await p.page.keyboard.press('Alt+ArrowUp');
    assert.deepEqual(await focused(p), { name: 'Bar 1 value', value: '51' }, 'Alt+Up moved the row; the focus moved with it');
    await tabTo(p, '[aria-label="Remove bar 2"]');
    await p.page.keyboard.press('Enter');
    assert.deepEqual(await focused(p), { name: 'Remove bar 1', value: '' }, 'after a removal the focus stays in the table');
    await tabTo(p, '#ed-add');
    await p.page.keyboard.press('Enter');
    assert.deepEqual(await focused(p), { name: 'Bar 2 label', value: '' }, 'a new row takes the focus');
    await p.page.keyboard.type('Claimed');
    await p.page.keyboard.press('Tab');
    await p.page.keyboard.type('over 65');
    assert.equal(await p.page.inputValue('[aria-label="Bar 2 qualifier"]'), 'over', 'a qualifier typed before the number is read');
    await p.page.evaluate(() => window.__beringTest.frames(2));
    await previewsDrawn(p);
    const described = await p.page.evaluate((sel) => document.querySelector(sel).shadowRoot.querySelector('#bering-description').textContent, LIGHT_640);
    assert.match(described, /Strait/);
    assert.match(described, /Claimed/);
    assert.doesNotMatch(described, /Tunnel/, 'the removed row is gone from the chart');
    const bars = await barLengths(p, LIGHT_640);
    assert.equal(bars.length, 2);
    assert.ok(Math.abs(bars[1] / bars[0] - 65 / 51) < 0.02, `bars to scale: ${bars}`);
    await p.page.keyboard.press('Control+Z');
    assert.notEqual(await p.page.inputValue('[aria-label="Bar 2 value"]'), 'over 65', 'undo from the keyboard');
    // Every control of the editor is reachable with Tab and has a name.
    await p.page.evaluate(() => document.activeElement?.blur());
    const seen = new Set();
    for (let i = 0; i < 400; i++) {
      await p.page.keyboard.press('Tab');
      const info = await p.page.evaluate(() => {
        const outer = document.activeElement;
        if (!outer.closest('#editor')) return null;
        // A preview chart's focus sits in its shadow root (the canvas, its links).
        const el = outer.shadowRoot?.activeElement ?? outer;
        const labelled = el.labels?.length || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby')
          || (['BUTTON', 'A', 'SUMMARY'].includes(el.tagName) && el.textContent.trim());
        return { id: el.id || el.getAttribute('aria-label') || el.outerHTML.slice(0, 80), labelled: !!labelled };
      });
      if (!info) continue;
      assert.ok(info.labelled, `${info.id} has a name`);
      seen.add(info.id);
    }
    for (const id of ['ed-start', 'ed-units', 'ed-currency', 'ed-locale', 'ed-source-url', 'Bar 1 qualifier', 'Move bar 2 up', 'ed-paste', 'ed-save', 'ed-code-script', 'ed-download-png2']) {
      assert.ok(seen.has(id), `Tab reaches ${id}: ${[...seen].join(', ')}`);
    }
    assert.deepEqual(p.pageErrors, []);
  } finally {
    await p.close();
  }
});

test('a default chart starts in the chosen units and currency; values are typed in the chart\'s locale', async () => {
  const p = await openEditor();
  try {
    await previewsDrawn(p);
    await p.page.selectOption('#ed-units', 'km');
    await p.page.selectOption('#ed-start', 'length');
    await p.page.click('#ed-start-button');
    assert.equal(await p.page.inputValue('[aria-label="Bar 1 value"]'), '112.654', '70 miles in km');
    assert.equal(await p.page.inputValue('#ed-unit'), 'km');
    await p.page.selectOption('#ed-currency', 'GBP');
    await p.page.selectOption('#ed-start', 'cost');
    await p.page.click('#ed-start-button');
    assert.match(await p.page.locator('#ed-message').textContent(), /exchange rate/, 'pounds without a rate say so');
    await p.page.fill('#ed-rate', '0.79');
    await p.page.click('#ed-start-button');
    assert.equal(await p.page.inputValue('#ed-prefix'), '£');
    assert.equal(await p.page.inputValue('[aria-label="Bar 1 value"]'), '6.32', '$8bn at 0.79');
    await p.page.selectOption('#ed-locale', 'de-DE');
    await p.page.fill('[aria-label="Bar 1 value"]', '6,5');
    await p.page.evaluate(() => window.__beringTest.frames(2));
    await previewsDrawn(p);
    // The figures in words come with the wasm's "more" module, when the browser is idle after the drawing.
    await p.page.waitForFunction((sel) => /6,5/.test(document.querySelector(sel)?.shadowRoot?.getElementById('bering-description')?.textContent ?? ''), LIGHT_640)
      .catch(() => {});
    const described = await p.page.evaluate((sel) => document.querySelector(sel).shadowRoot.querySelector('#bering-description')?.textContent, LIGHT_640);
    assert.match(described ?? '', /6,5/, `a decimal comma in German: ${described}`);
    assert.ok(await p.page.locator('#ed-message').isHidden(), 'the chart draws: no message');
    assert.deepEqual(p.pageErrors, []);
  } finally {
    await p.close();
  }
});

test('a custom chart whose data a CMS stripped keeps its own static chart and says why, never the story\'s chart in its place', async () => {
  const snippet = await scriptEmbedTitled('A chart a CMS stripped');
  assert.match(snippet, /^<div data-bering-chart="length" data-bering-custom>/, 'the snippet marks its element as custom');
  // What a CMS that strips scripts (WordPress for most authors) keeps of it, on a page whose template loads the shim.
  const stripped = snippet.replace(/<script[^>]*>[\s\S]*?<\/script>/g, '');
  assert.doesNotMatch(stripped, /<script/);
  const html = testPage(`<div style="width:640px">${stripped}</div><p id="after">After.</p>`, { title: 'custom chart, its data stripped' });
  await withPage(env, '/tests/generated/editor-stripped.html', {
    waitForSettled: false,
    prepare: (context) => generated(context, 'editor-stripped', html),
  }, async (q) => {
    await settled(q);
    const view = () => q.page.evaluate(async () => {
      const host = document.querySelector('[data-bering-chart]');
      const image = host.querySelector(':scope > div > [role="img"]');
      const canvas = host.shadowRoot.querySelector('canvas');
      const { render } = await import('/embed/bering-chart.js');
      return {
        state: host.getAttribute('data-bering-state'),
        image: image.checkVisibility() ? image.getBoundingClientRect().height : 0,
        title: image.querySelector('span').textContent,
        canvas: canvas.checkVisibility(),
        drawn: window.__beringTest.events.filter((e) => e.type === 'bering-chart:draw').length,
        again: await render(host, { theme: 'dark' }).then(() => 'resolved', (error) => error.message),
      };
    });
    const first = await view();
    const reason = 'Chart data: the element is marked data-bering-custom but holds no <script type="application/json"> (a page editor may strip scripts); its static chart stays.';
    assert.deepEqual({ ...first, image: first.image > 150 }, { state: 'fallback', image: true, title: 'A chart a CMS stripped', canvas: false, drawn: 0, again: reason }, 'its own static chart, not the length chart');
    // An attribute change (as a page's theme script might make) changes nothing.
    await q.page.evaluate(() => document.querySelector('[data-bering-chart]').setAttribute('data-units', 'km'));
    await q.page.evaluate(() => window.__beringTest.frames(5));
    const later = await view();
    assert.deepEqual([later.state, later.canvas, later.drawn], ['fallback', false, 0]);
    assert.equal(q.consoleMessages.filter((m) => m.includes(reason)).length, 1, 'the console says why, once');
    await q.page.screenshot({ path: path.join(SHOTS, 'custom-stripped.png') });
    assert.deepEqual(q.pageErrors, []);
  });
});

test('a custom chart falls back to its own static chart and prints like a default one', async () => {
  const snippet = await scriptEmbedTitled('A custom chart on paper');
  const html = testPage(`<div style="width:640px">${snippet.replace(/<script type="module"[^>]*><\/script>/, '')}</div>`, { title: 'custom chart, fallback and print' });
  const look = (q) => q.page.evaluate(() => {
    const host = document.querySelector('[data-bering-chart]');
    const root = host.shadowRoot;
    const image = host.querySelector(':scope > div > [role="img"]');
    const shown = (el) => (el && el.checkVisibility() ? el.getBoundingClientRect().height : 0);
    const canvas = root.querySelector('canvas');
    return {
      state: host.getAttribute('data-bering-state'), image: shown(image), title: image.querySelector('span').textContent,
      canvas: shown(canvas), backing: canvas?.width, cssWidth: parseFloat(canvas?.style.width), message: shown(root.querySelector('.bering-message')),
      words: [...root.querySelectorAll('.bering-line')].filter((l) => l.checkVisibility()).map((l) => l.textContent).join(' | '),
    };
  });
  // The wasm does not arrive: the reader keeps this chart's own static chart, no message.
  await withPage(env, '/tests/generated/editor-fallback.html', {
    waitForSettled: false,
    prepare: async (context) => {
      await generated(context, 'editor-fallback', html);
      await context.route('**/embed/bering_chart_bg.wasm', (r) => r.fulfill({ status: 404, body: 'not here' }));
    },
  }, async (q) => {
    await settled(q);
    const view = await look(q);
    assert.equal(view.state, 'fallback');
    assert.ok(view.image > 150 && view.title === 'A custom chart on paper', `its own static chart shows: ${JSON.stringify(view)}`);
    assert.equal(view.canvas, 0);
    assert.equal(view.message, 0, 'a static chart, not a message');
    assert.equal(q.consoleMessages.filter((m) => /bering_chart_bg\.wasm answered HTTP 404/.test(m)).length, 1, 'the console names the cause');
    await q.page.screenshot({ path: path.join(SHOTS, 'custom-fallback.png') });
  });
  // It draws, then prints as the live chart at paper resolution, in the screen's words.
  await withPage(env, '/tests/generated/editor-print.html', {
    waitForSettled: false,
    prepare: (context) => generated(context, 'editor-print', html),
  }, async (q) => {
    await settled(q);
    const screen = await look(q);
    assert.equal(screen.state, 'ready');
    assert.match(screen.words, /A custom chart on paper/);
    await q.page.emulateMedia({ media: 'print' });
    await q.page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    const print = await look(q);
    assert.ok(print.canvas > 0 && print.image === 0, `print: the live chart, not the static one ${JSON.stringify(print)}`);
    assert.equal(print.words, screen.words, 'print says what the screen says');
    assert.equal(print.backing, Math.round(print.cssWidth * 4), 'redrawn at 4 device px per CSS px');
    await q.page.pdf({ path: path.join(SHOTS, 'custom-print.pdf') });
    assert.deepEqual(q.pageErrors, []);
  });
});

test('the codes load from the base URL the page is given (one for the generator and the editor, remembered); the script embed has its SRI; a local or http address is flagged', async () => {
  const p = await openEditor();
  try {
    await previewsDrawn(p);
    const integrity = JSON.parse(readFileSync(path.join(REPO, 'dist', 'pkg.json'), 'utf8')).built['embed/bering-chart.js'].integrity;
    await p.page.waitForFunction((sri) => document.getElementById('ed-code-script').value.includes(sri), integrity);
    const script = await p.page.inputValue('#ed-code-script');
    assert.match(script, / crossorigin="anonymous"/, 'crossorigin, for the integrity to be checked across origins');
    // The preview server's own address: the codes would load from this computer.
    const note = p.page.locator('#ed-base-note');
    assert.ok(await note.isVisible(), 'a code that loads from 127.0.0.1 is flagged');
    assert.match(await note.textContent(), /127\.0\.0\.1:\d+, which readers cannot reach/);
    assert.match(await p.page.textContent('#gen-data-note'), /readers cannot reach/, 'the generator says so too');
    // The site's address, typed in the editor: every editor code, and the generator's, use it.
    const cdn = 'https://cdn.example.org/bering-chart/v1';
    await p.page.fill('#ed-base', cdn);
    await p.page.waitForFunction(() => document.getElementById('ed-code-script').value.includes('https://cdn.example.org/bering-chart/v1/embed/bering-chart.js'));
    assert.ok(await note.isHidden(), 'an https address of a site is not flagged');
    assert.match(await p.page.inputValue('#ed-code-iframe'), /src="https:\/\/cdn\.example\.org\/bering-chart\/v1\/frame\.html\?chart=length&amp;spec=/);
    assert.match(await p.page.inputValue('#ed-code-iframe'), /src="https:\/\/cdn\.example\.org\/bering-chart\/v1\/embed\/bering-frame\.js"/);
    assert.match(await p.page.inputValue('#ed-code-pym'), /https:\/\/cdn\.example\.org\/bering-chart\/v1\/frame\.html/);
    assert.equal(await p.page.inputValue('#gen-base'), cdn, 'the generator\'s field follows');
    await p.page.waitForFunction(() => document.getElementById('gen-code-script').value.includes('https://cdn.example.org/bering-chart/v1/embed/bering-chart.js'));
    // Remembered in this browser: the page opened again starts with it.
    await p.page.reload();
    await previewsDrawn(p);
    assert.equal(await p.page.inputValue('#ed-base'), cdn);
    assert.equal(await p.page.inputValue('#gen-base'), cdn);
    await p.page.waitForFunction(() => document.getElementById('ed-code-script').value.includes('https://cdn.example.org/bering-chart/v1/embed/bering-chart.js'));
    // Typed in the generator, followed by the editor; http is flagged.
    await p.page.fill('#gen-base', 'http://news.example.org/embeds/');
    await p.page.waitForFunction(() => document.getElementById('ed-code-script').value.includes('http://news.example.org/embeds/embed/bering-chart.js'));
    assert.equal(await p.page.inputValue('#ed-base'), 'http://news.example.org/embeds/');
    assert.match(await note.textContent(), /over http/);
    // A staging server on the newsroom's private network, and a root-relative base.
    await p.page.fill('#ed-base', 'http://192.168.1.20/embeds/');
    await p.page.waitForFunction(() => /192\.168\.1\.20, which readers cannot reach/.test(document.getElementById('ed-base-note').textContent));
    await p.page.fill('#ed-base', '/static/bering-chart/');
    await p.page.waitForFunction(() => document.getElementById('ed-code-script').value.includes('src="/static/bering-chart/embed/bering-chart.js"'));
    assert.match(await note.textContent(), /own site's pages only: the newsletter, Apple News and AMP codes/);
    assert.deepEqual(p.pageErrors, []);
  } finally {
    await p.close();
  }
});

test('undo in the bars table keeps the focus there: the next Ctrl+Z is the editor\'s, not the browser\'s own undo in another field', async () => {
  const p = await openEditor();
  try {
    await previewsDrawn(p);
    const sourceBefore = await p.page.inputValue('#ed-source-url');
    await p.page.fill('#ed-source-url', 'https://example.org/source');
    await p.page.evaluate(() => window.__beringTest.frames(2));
    const label = '#ed-rows tr:nth-child(2) [data-control="label"]';
    const before = await p.page.inputValue(label);
    await p.page.fill(label, `${before} (edited)`); // (one edit, the focus left in the cell)
    await p.page.evaluate(() => window.__beringTest.frames(2));
    await p.page.keyboard.press('Control+Z');
    const inTable = () => p.page.evaluate(() => {
      const el = document.activeElement;
      return el?.closest('#ed-rows tr') ? { row: el.closest('tr').sectionRowIndex, control: el.dataset.control } : { id: el?.id ?? null };
    });
    assert.deepEqual(await inTable(), { row: 1, control: 'label' }, 'the focus stays on the row\'s label');
    assert.equal(await p.page.inputValue(label), before, 'the typing undone');
    await p.page.keyboard.press('Control+Z');
    assert.deepEqual(await inTable(), { row: 1, control: 'label' }, 'still there after a second undo');
    assert.equal(await p.page.inputValue('#ed-source-url'), sourceBefore, 'the edit before (the source link) undone by the editor');
    assert.ok(await p.page.isEnabled('#ed-redo'), 'redo stays: no edit of the browser\'s came between');
    await p.page.keyboard.press('Control+Shift+Z');
    assert.equal(await p.page.inputValue('#ed-source-url'), 'https://example.org/source');
    assert.deepEqual(p.pageErrors, []);
  } finally {
    await p.close();
  }
});

test('a chart\'s link opened in the tab that has the editor opens that chart (an undoable step), and is not written over', async () => {
  const p = await openEditor();
  try {
    await previewsDrawn(p);
    await p.page.fill('#ed-title', 'A colleague\'s chart');
    await p.page.evaluate(() => window.__beringTest.frames(2));
    const link = await p.page.evaluate(() => location.hash);
    await p.page.fill('#ed-title', 'My chart');
    await p.page.waitForFunction((old) => location.hash !== old, link);
    await p.page.evaluate((hash) => { location.hash = hash; }, link);
    await p.page.waitForFunction(() => document.getElementById('ed-title').value === 'A colleague\'s chart');
    await p.page.evaluate(() => window.__beringTest.frames(3));
    assert.equal(await p.page.evaluate(() => location.hash), link, 'the link stays in the address');
    await previewsDrawn(p);
    assert.equal(await p.page.evaluate((sel) => document.querySelector(sel).shadowRoot.querySelector('canvas').getAttribute('aria-label'), LIGHT_640), 'A colleague\'s chart', 'the preview draws it');
    await p.page.click('#ed-undo');
    assert.equal(await p.page.inputValue('#ed-title'), 'My chart', 'undo goes back to the chart before');
    // A broken link leaves the chart as it was, and says so.
    await p.page.evaluate(() => { location.hash = '#spec=broken%%'; });
    await p.page.waitForFunction(() => !document.getElementById('ed-link-problem').hidden);
    assert.match(await p.page.textContent('#ed-link-problem'), /the chart you had stays/);
    assert.equal(await p.page.inputValue('#ed-title'), 'My chart');
    assert.deepEqual(p.pageErrors, []);
  } finally {
    await p.close();
  }
});

test('a download of a chart that cannot be drawn makes no file and says why, by the buttons', async () => {
  const p = await openEditor();
  try {
    await previewsDrawn(p);
    await p.page.fill('#ed-rows tr:nth-child(1) [data-control="value"]', '');
    await p.page.waitForFunction(() => !document.getElementById('ed-message').hidden);
    let downloads = 0;
    p.page.on('download', () => { downloads += 1; });
    await p.page.click('#ed-download-csv');
    const problem = p.page.locator('#ed-download-problem');
    assert.ok(await problem.isVisible(), 'the reason shows by the buttons');
    assert.match(await problem.textContent(), /^No file: the chart cannot be drawn as it is\. .+/);
    await p.page.fill('#ed-rows tr:nth-child(1) [data-control="value"]', '70');
    await p.page.waitForFunction(() => document.getElementById('ed-message').hidden);
    assert.ok(await problem.isHidden(), 'gone once the chart draws');
    const [download] = await Promise.all([p.page.waitForEvent('download'), p.page.click('#ed-download-csv')]);
    assert.match(download.suggestedFilename(), /\.csv$/);
    assert.equal(downloads, 1, 'no file for the chart that could not be drawn');
    assert.deepEqual(p.pageErrors, []);
  } finally {
    await p.close();
  }
});

test('the chart\'s own CSV pasted back gives its bars again: labels, values, qualifiers, currency and unit (a note with a semicolon too)', async () => {
  const p = await openEditor();
  try {
    await previewsDrawn(p);
    await p.page.selectOption('#ed-start', 'cost');
    await p.page.click('#ed-start-button');
    await p.page.waitForFunction(() => /\$/.test(document.getElementById('ed-prefix').value));
    await p.page.fill('#ed-note', 'Transit Costs Project; company filings');
    await p.page.evaluate(() => window.__beringTest.frames(2));
    const rowsOf = () => p.page.evaluate(() => [...document.querySelectorAll('#ed-rows tr')].map((tr) => [
      tr.querySelector('[data-control="label"]').value, tr.querySelector('[data-control="value"]').value, tr.querySelector('[data-control="qualifier"]').value]));
    const before = await rowsOf();
    assert.equal(before.length, 2);
    const [download] = await Promise.all([p.page.waitForEvent('download'), p.page.click('#ed-download-csv')]);
    const csv = readFileSync(await download.path(), 'utf8');
    assert.match(csv, /Transit Costs Project; company filings/, 'the note, semicolon and all, is in the CSV');
    await p.page.click('#ed-add');
    await p.page.fill('#ed-rows tr:nth-child(1) [data-control="label"]', 'Changed');
    await p.page.evaluate(() => window.__beringTest.frames(2));
    await paste(p, csv);
    assert.deepEqual(await rowsOf(), before, 'the bars as they were');
    assert.equal(await p.page.locator('#ed-paste-problems li').count(), 0, `no problem: ${await p.page.textContent('#ed-paste-problems')}`);
    assert.match(await p.page.inputValue('#ed-prefix'), /\$/);
    await p.page.waitForFunction(() => document.getElementById('ed-message').hidden);
    assert.deepEqual(p.pageErrors, []);
  } finally {
    await p.close();
  }
});
