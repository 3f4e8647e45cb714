// The channels that run no script (issue 14), checked in the real browser:
// - a PNG's text lines sit where Chromium sets the same SVG's, within 2 px (resvg and Chromium round the SVG's `dy="0.5ex"` apart);
// - every PNG make dist wrote (fallbacks at 1x and 2x, share cards, newsletter images)
//   decodes at the pixel size index.json lists (its CSS size x its scale), and its
//   bars, measured in its pixels, are proportional to the values: lie factor 1.00 +- 0.02;
// - the share pages' meta tags (canonical, Open Graph, Twitter card), their live
//   widget over the static image and their data table;
// - the generator's snippets for AMP, the newsletter, Apple News and the share page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { setup, openPage, settled, assertClean, COLOURS, DIST } from './browser.mjs';

const index = JSON.parse(readFileSync(path.join(DIST, 'fallback', 'index.json'), 'utf8'));
const pngs = Object.entries(index).filter(([, e]) => e.format === 'png');

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

test('every PNG decodes at its listed pixel size, with its bars to scale (lie factor 1.00 +- 0.02)', async () => {
  assert.ok(pngs.length >= 400, `make dist wrote ${pngs.length} PNGs`);
  const p = await openPage(env, '/tests/browser/pages/one.html', { waitForSettled: false });
  try {
    const measured = await p.page.evaluate(async ([list, colours]) => {
      const out = [];
      for (const [name, entry] of list) {
        const image = new Image();
        image.src = `/fallback/${name}`;
        await image.decode();
        const canvas = new OffscreenCanvas(image.naturalWidth, image.naturalHeight);
        const ctx = canvas.getContext('2d');
        ctx.drawImage(image, 0, 0);
        const { data, width, height } = ctx.getImageData(0, 0, canvas.width, canvas.height);
        const rgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
        const bg = rgb(colours[entry.theme].background);
        const targets = [colours[entry.theme].primary, colours[entry.theme].other].map(rgb);
        // The share of a pixel a bar covers (its anti-aliased end), from the channel where bar and background differ most.
        const coverage = (i, bar) => {
          const c = [0, 1, 2].reduce((a, k) => (Math.abs(bar[k] - bg[k]) > Math.abs(bar[a] - bg[a]) ? k : a), 0);
          return Math.min(1, Math.max(0, (data[i + c] - bg[c]) / (bar[c] - bg[c])));
        };
        // Each bar: the longest run of its colour in its band of rows, plus the share of the next pixel.
        const bars = [];
        let inBar = false;
        for (let y = 0; y < height; y++) {
          let best = 0;
          for (const bar of targets) {
            let run = 0;
            for (let x = 0; x <= width; x++) {
              const i = (y * width + x) * 4;
              if (x < width && [0, 1, 2].every((k) => Math.abs(data[i + k] - bar[k]) <= 2)) { run++; continue; }
              if (run > 4) best = Math.max(best, run + (x < width ? coverage(i, bar) : 0));
              run = 0;
            }
          }
          if (best > 0 && !inBar) bars.push(best);
          else if (best > 0) bars[bars.length - 1] = Math.max(bars[bars.length - 1], best);
          inBar = best > 0;
        }
        const corner = [...data.slice(0, 3)];
        out.push({ name, naturalWidth: image.naturalWidth, naturalHeight: image.naturalHeight, bars, corner });
      }
      return out;
    }, [pngs, COLOURS]);
    const worst = { lie: 1, name: '' };
    for (const m of measured) {
      const entry = index[m.name];
      assert.equal(m.naturalWidth, entry.pixelWidth, m.name);
      assert.equal(m.naturalHeight, entry.pixelHeight, m.name);
      if (entry.purpose !== 'share-card') {
        assert.equal(m.naturalWidth, Math.round(entry.width * entry.scale), `${m.name}: CSS width x scale`);
        assert.equal(m.naturalHeight, Math.round(entry.height * entry.scale), `${m.name}: CSS height x scale`);
      } else {
        assert.deepEqual([m.naturalWidth, m.naturalHeight], [1200, 630], m.name);
      }
      const bg = COLOURS[entry.theme].background;
      assert.deepEqual(m.corner, [1, 3, 5].map((i) => parseInt(bg.slice(i, i + 2), 16)), `${m.name}: the theme's background`);
      assert.equal(m.bars.length, entry.values.length, `${m.name}: one bar per value (${m.bars})`);
      m.bars.forEach((px, i) => {
        const lie = (px / m.bars[0]) / (entry.values[i] / entry.values[0]);
        if (Math.abs(lie - 1) > Math.abs(worst.lie - 1)) Object.assign(worst, { lie, name: `${m.name} bar ${i + 1}` });
        assert.ok(Math.abs(lie - 1) <= 0.02, `${m.name}: bar ${i + 1} is ${px.toFixed(2)} px against ${m.bars[0].toFixed(2)} px: lie factor ${lie.toFixed(4)}`);
      });
    }
    console.log(`# ${measured.length} PNGs; the largest lie factor off 1: ${worst.lie.toFixed(4)} (${worst.name})`);
  } finally {
    await p.close();
  }
});

test('a PNG sets its text where Chromium sets the SVG\'s: every line\'s ink within 2 px', async () => {
  // Each default chart, in every language and both themes, at 640 px 1x: the PNG (resvg,
  // DejaVu Sans from the font files) against Chromium drawing the same chart's SVG.
  const pairs = Object.entries(index).filter(([name, e]) => e.format === 'svg' && e.width === 640 && e.units === 'mi')
    .map(([name]) => [name, name.replace(/\.svg$/, '.png')]);
  assert.ok(pairs.length >= 30, `${pairs.length} pairs`);
  const p = await openPage(env, '/tests/browser/pages/one.html', { waitForSettled: false });
  try {
    const results = await p.page.evaluate(async (list) => {
      const load = async (src) => {
        const image = new Image();
        image.src = src;
        await image.decode();
        const canvas = new OffscreenCanvas(image.naturalWidth, image.naturalHeight);
        const ctx = canvas.getContext('2d');
        ctx.drawImage(image, 0, 0);
        return ctx.getImageData(0, 0, canvas.width, canvas.height);
      };
      /** The bands of rows with ink (anything far from the background), each with its ink's left and right. */
      const bands = (d) => {
        const bg = [d.data[0], d.data[1], d.data[2]];
        const out = [];
        let band = null;
        for (let y = 0; y <= d.height; y++) {
          let l = Infinity, r = -1;
          for (let x = 0; y < d.height && x < d.width; x++) {
            const i = (y * d.width + x) * 4;
            if (Math.abs(d.data[i] - bg[0]) + Math.abs(d.data[i + 1] - bg[1]) + Math.abs(d.data[i + 2] - bg[2]) > 90) { l = Math.min(l, x); r = Math.max(r, x); }
          }
          if (r >= 0) {
            if (!band) out.push(band = { top: y, bottom: y, left: l, right: r });
            else Object.assign(band, { bottom: y, left: Math.min(band.left, l), right: Math.max(band.right, r) });
          } else band = null;
        }
        return out;
      };
      const out = [];
      for (const [svg, png] of list) out.push({ svg, chromium: bands(await load(`/fallback/${svg}`)), resvg: bands(await load(`/fallback/${png}`)) });
      return out;
    }, pairs);
    for (const { svg, chromium, resvg } of results) {
      assert.equal(resvg.length, chromium.length, `${svg}: as many lines of ink (${JSON.stringify(chromium)} / ${JSON.stringify(resvg)})`);
      chromium.forEach((line, i) => {
        for (const side of ['top', 'bottom', 'left', 'right']) {
          assert.ok(Math.abs(line[side] - resvg[i][side]) <= 2, `${svg}: line ${i + 1} ${side} at ${resvg[i][side]} px in the PNG, ${line[side]} px in Chromium`);
        }
      });
    }
  } finally {
    await p.close();
  }
});

test('the share pages: canonical link, Open Graph and Twitter tags, the live chart over its image, the data table', async () => {
  for (const chart of ['length', 'cost', 'context']) {
    const p = await openPage(env, `/charts/${chart}.html`);
    try {
      await settled(p);
      const tags = await p.page.evaluate(() => {
        const m = (sel) => document.querySelector(sel)?.getAttribute('content') ?? null;
        return {
          canonical: document.querySelector('link[rel=canonical]')?.href,
          title: m('meta[property="og:title"]'), description: m('meta[property="og:description"]'),
          url: m('meta[property="og:url"]'), image: m('meta[property="og:image"]'),
          width: m('meta[property="og:image:width"]'), height: m('meta[property="og:image:height"]'), alt: m('meta[property="og:image:alt"]'),
          card: m('meta[name="twitter:card"]'), twitterImage: m('meta[name="twitter:image"]'),
          state: document.querySelector('[data-bering-chart]').getAttribute('data-bering-state'),
          name: document.querySelector('[data-bering-chart]').shadowRoot.querySelector('canvas')?.getAttribute('aria-label'),
          staticImage: document.querySelector('[data-bering-chart] img')?.getAttribute('src'),
          rows: [...document.querySelectorAll('main > table tbody tr')].map((tr) => tr.cells[0].textContent),
          documentTitle: document.title,
        };
      });
      const card = Object.entries(index).find(([, e]) => e.purpose === 'share-card' && e.chart === chart && e.locale === 'en-US' && e.units === 'mi' && e.theme === 'light');
      assert.ok(card, `${chart}: a share card`);
      const [cardName, entry] = card;
      assert.match(tags.canonical, new RegExp(`^https?://[^/]+/charts/${chart}\\.html$`));
      assert.equal(tags.url, tags.canonical);
      assert.equal(tags.title, entry.title);
      assert.equal(tags.documentTitle, entry.title);
      assert.equal(tags.description, entry.alt, 'og:description is the chart\'s description');
      assert.equal(new URL(tags.image).pathname, `/fallback/${cardName}`);
      assert.deepEqual([tags.width, tags.height], ['1200', '630']);
      assert.equal(tags.alt, entry.alt);
      assert.equal(tags.card, 'summary_large_image');
      assert.equal(tags.twitterImage, tags.image);
      assert.equal(tags.state, 'ready', 'the live chart draws');
      assert.equal(tags.name, entry.title);
      assert.match(tags.staticImage, new RegExp(`^\\.\\./fallback/${chart}\\.svg$`), 'over its static image');
      assert.deepEqual(tags.rows, entry.table.rows.map((row) => row[0]), 'the data table has every bar');
      // The card the tags name is really there, at that size.
      const size = await p.page.evaluate(async (src) => { const i = new Image(); i.src = src; await i.decode(); return [i.naturalWidth, i.naturalHeight]; }, `/fallback/${cardName}`);
      assert.deepEqual(size, [1200, 630]);
      assertClean(p);
    } finally {
      await p.close();
    }
  }
});

test('the generator offers each channel: AMP, newsletter image, Apple News figure, share page', async () => {
  const p = await openPage(env, '/index.html', { height: 1000 });
  try {
    await p.page.selectOption('#gen-chart', 'cost');
    await p.page.selectOption('#gen-width', '640');
    await p.page.waitForFunction(() => document.getElementById('gen-code-newsletter').value.includes('newsletter'));
    const code = (id) => p.page.inputValue(`#gen-code-${id}`);
    const newsletter = await code('newsletter');
    const entry = index['cost-newsletter@2x.png'];
    assert.match(newsletter, /^<img src="http:\/\/[^"]+\/fallback\/cost-newsletter@2x\.png" width="600" height="(\d+)" alt="([^"]+)"/);
    assert.equal(Number(/height="(\d+)"/.exec(newsletter)[1]), entry.height);
    assert.ok(newsletter.includes(`alt="${entry.alt.replace(/"/g, '&quot;').replace(/'/g, '&#39;')}"`), 'the description as alt');

    const apple = JSON.parse(await code('applenews'));
    assert.equal(apple.role, 'figure');
    assert.match(apple.URL, /\/fallback\/cost-960@2x\.png$/);
    assert.match(apple.caption, /^Claimed cost of the Bering Strait tunnel\. Source: /);
    assert.equal(apple.accessibilityCaption, index['cost-960@2x.png'].alt);

    assert.match(await code('share'), /^http:\/\/[^/]+\/charts\/cost\.html$/);

    const amp = await code('amp');
    assert.match(amp, /^<script async custom-element="amp-iframe" src="https:\/\/cdn\.ampproject\.org\/v0\/amp-iframe-0\.1\.js"><\/script>\n<amp-iframe /);
    assert.match(amp, / src="http:\/\/[^"]+\/frame\.html\?chart=cost"/);
    assert.match(amp, / layout="responsive" sandbox="allow-scripts allow-same-origin" resizable /);
    assert.match(amp, /<div overflow tabindex="0" role="button" aria-label="Show the whole chart">/);
    assert.match(amp, /<amp-img placeholder layout="fill" src="http:\/\/[^"]+\/fallback\/cost\.png" alt="[^"]+"><\/amp-img>/);
    assert.match(amp, new RegExp(` width="640" height="${index['cost.png'].height}"`));
    // Every code follows the choices; each has a labelled copy button.
    await p.page.selectOption('#gen-locale', 'de-DE');
    await p.page.check('input[name="theme"][value="dark"]');
    await p.page.waitForFunction(() => document.getElementById('gen-code-newsletter').value.includes('cost-de-DE-dark-newsletter@2x.png'));
    assert.match(await code('amp'), /fallback\/cost-de-DE-dark\.png/);
    assert.match(await p.page.locator('#gen-data-note').textContent(), /share page shows the default chart/);
    for (const id of ['amp', 'newsletter', 'applenews', 'share']) {
      assert.equal(await p.page.locator(`button[data-copy][aria-controls="gen-code-${id}"]`).count(), 1, `${id}: a copy button`);
    }
    // A pound chart has no image: the image codes are empty and the note says why.
    await p.page.check('input[name="currency"][value="GBP"]');
    await p.page.waitForFunction(() => document.getElementById('gen-code-newsletter').value === '');
    assert.equal(await code('applenews'), '');
    assert.match(await p.page.locator('#gen-data-note').textContent(), /newsletter and Apple News codes, which need an image, are empty/);
    assertClean(p);
  } finally {
    await p.close();
  }
});
