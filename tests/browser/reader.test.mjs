// What the reader sees is right: the live chart takes the static image's place
// with no grow-in and no shift (screenshots at the swap, DPR 1 and 2); without an
// image the bars grow in (screenshots through it, played slowed); the host
// page's dark theme (class, attribute, color-scheme) is followed live, and so
// are its --bering-* colours; a late house web font is laid out again; an
// English chart on an RTL page reads left to right; a pound chart keeps the
// dollar figures' ratio (from pixels); a fallback never shows a static chart
// of other figures or words, and shows ours in a page's dark theme set only in
// its CSS (in a print before the first drawing too). Screenshots go to build/screenshots/reader/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { setup, openPage, call, settled, assertClean, generated, COLOURS, REPO, DIST, withPage, testPage } from './browser.mjs';

const SHOTS = path.join(REPO, 'build', 'screenshots', 'reader');
mkdirSync(SHOTS, { recursive: true });

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const index = () => JSON.parse(readFileSync(path.join(DIST, 'fallback', 'index.json'), 'utf8'));

function page(body, { head = '', htmlAttributes = '' } = {}) {
  return testPage(body, { title: 'reader test', head, htmlAttributes, bodyStyle: 'margin:0;padding:16px;font:16px serif', after: '<p>Text after the charts.</p>\n' });
}

/** Holds back the wasm until release() is called. */
async function holdWasm(context) {
  let release;
  const gate = new Promise((resolve) => { release = resolve; });
  await context.route('**/embed/bering_chart_bg.wasm', async (route) => {
    await gate;
    await route.continue();
  });
  return () => release();
}

/**
 * From a PNG screenshot of one chart: each bar colour's longest run (length,
 * row, start) and the rows holding dark text, read in the page from the image.
 */
function analyse(p, png, colours) {
  return p.page.evaluate(async ([data, targets]) => {
    const { data: px, width, height } = await window.__beringTest.screenshotPixels(data);
    const rgb = (h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
    const runs = targets.map(() => ({ run: 0, y: -1, x0: -1 }));
    const ink = [];
    for (let y = 0; y < height; y++) {
      const cur = targets.map(() => 0);
      let dark = 0;
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 4;
        if (px[i] < 90 && px[i + 1] < 90 && px[i + 2] < 90) dark++;
        targets.forEach((t, k) => {
          const [r, g, b] = rgb(t);
          if (Math.abs(px[i] - r) <= 3 && Math.abs(px[i + 1] - g) <= 3 && Math.abs(px[i + 2] - b) <= 3) {
            cur[k]++;
            if (cur[k] > runs[k].run) runs[k] = { run: cur[k], y, x0: x - cur[k] + 1 };
          } else cur[k] = 0;
        });
      }
      ink.push(dark);
    }
    // Rows where a line of text starts (ink after a blank row).
    const starts = ink.flatMap((n, y) => (n > 0 && (y === 0 || ink[y - 1] === 0) ? [y] : []));
    return { runs, starts, width, height };
  }, [png.toString('base64'), colours]);
}

for (const dpr of [1, 2]) {
  test(`the static image gives way to the live chart with no grow-in and no shift (DPR ${dpr})`, async () => {
    const entry = index()['length.svg'];
    const html = page(`<div style="width:640px"><div id="c" data-bering-chart="length"><img src="/fallback/length.svg" width="${entry.width}" height="${entry.height}" alt="${entry.description.replace(/"/g, '&quot;')}" style="width:100%;height:auto;display:block"></div></div>`);
    let release;
    const p = await openPage(env, '/tests/generated/swap.html', {
      deviceScaleFactor: dpr, waitForSettled: false,
      prepare: async (context) => { await generated(context, 'swap', html); release = await holdWasm(context); },
    });
    try {
      const box = p.page.locator('#c');
      await p.page.waitForFunction(() => document.querySelector('#c > img').complete);
      const before = await box.screenshot({ path: path.join(SHOTS, `swap-static-dpr${dpr}.png`) });
      release();
      // A sequence while the swap happens: every frame the reader sees is the static or the final chart.
      const sequence = [];
      for (let i = 0; i < 6; i++) sequence.push(await box.screenshot());
      await settled(p);
      const afterShot = await box.screenshot({ path: path.join(SHOTS, `swap-live-dpr${dpr}.png`) });
      const { primary, other } = COLOURS.light;
      const a = await analyse(p, before, [primary, other]);
      const b = await analyse(p, afterShot, [primary, other]);
      // "Get the data" is the live chart's own addition, in the blank line the static image keeps for it.
      const linkTop = await p.page.evaluate((r) => {
        const root = document.querySelector('#c').shadowRoot;
        return (root.querySelector('.bering-links').getBoundingClientRect().top - root.querySelector('figure').getBoundingClientRect().top) * r;
      }, dpr);
      b.starts = b.starts.filter((y) => y < linkTop - dpr);
      assert.equal(b.height, a.height, 'the live chart is as tall as the static image');
      for (const k of [0, 1]) {
        assert.ok(Math.abs(a.runs[k].run - b.runs[k].run) <= dpr, `bar ${k}: ${a.runs[k].run} px static, ${b.runs[k].run} px live`);
        assert.ok(Math.abs(a.runs[k].y - b.runs[k].y) <= dpr, `bar ${k}: row ${a.runs[k].y} static, ${b.runs[k].y} live`);
        assert.ok(Math.abs(a.runs[k].x0 - b.runs[k].x0) <= dpr, `bar ${k}: starts at ${a.runs[k].x0} static, ${b.runs[k].x0} live`);
      }
      assert.equal(b.starts.length, a.starts.length, `as many lines of text (${a.starts} / ${b.starts})`);
      a.starts.forEach((y, i) => assert.ok(Math.abs(y - b.starts[i]) <= dpr, `line ${i} starts at ${y} static, ${b.starts[i]} live`));
      for (const [i, shot] of sequence.entries()) {
        const s = await analyse(p, shot, [primary, other]);
        assert.ok(Math.abs(s.runs[0].run - a.runs[0].run) <= dpr, `frame ${i} of the swap shows the whole bar (${s.runs[0].run} of ${a.runs[0].run} px)`);
      }
      const grows = await p.page.evaluate(() => window.__beringTest.events.filter((e) => e.type === 'bering-chart:draw').map((e) => e.detail.growIn));
      assert.deepEqual(grows, [0], 'one drawing, the final one: no grow-in after the static image');
      assertClean(p);
    } finally {
      await p.close();
    }
  });
}

test('without a static image the bars grow in (motion allowed): screenshots show each bar longer frame by frame, its value last', async () => {
  const html = page('<div style="width:640px"><div id="c" data-bering-chart="length"></div></div>');
  let release;
  const p = await openPage(env, '/tests/generated/grow.html', {
    waitForSettled: false,
    prepare: async (context) => { await generated(context, 'grow', html); release = await holdWasm(context); },
  });
  try {
    // The grow-in played at a fifth of its speed (2 s), so that screenshots catch it at several points.
    const cdp = await p.page.context().newCDPSession(p.page);
    await cdp.send('Animation.enable');
    await cdp.send('Animation.setPlaybackRate', { playbackRate: 0.2 });
    release();
    await p.page.waitForFunction(() => window.__beringTest.events.some((e) => e.type === 'bering-chart:draw'));
    const box = p.page.locator('#c');
    const shots = [];
    while (shots.length < 40 && await box.getAttribute('data-bering-state') === 'loading') shots.push(await box.screenshot());
    await settled(p);
    const final = await box.screenshot({ path: path.join(SHOTS, 'grow-final.png') });
    const { primary } = COLOURS.light;
    const runs = [];
    for (const shot of shots) runs.push((await analyse(p, shot, [primary])).runs[0].run);
    const { run: end, y: barRow } = (await analyse(p, final, [primary])).runs[0];
    const canvasRun = (await call(p, 'longestRuns', '#c', [primary]))[primary].run;
    assert.ok(Math.abs(end - canvasRun) <= 1, `the final picture is the canvas's: ${end} / ${canvasRun} px`);
    assert.ok(runs.length >= 3, `screenshots during the grow-in: ${runs}`);
    assert.ok(runs[0] < end * 0.7, `the bar starts short: ${runs[0]} of ${end} px`);
    runs.forEach((run, i) => assert.ok(i === 0 || run >= runs[i - 1] - 1, `the bar never shrinks: ${runs}`));
    assert.ok(runs.some((run) => run > end * 0.5 && run < end), `a frame shows it part grown: ${runs}`);
    // "70 mi" sits right of the bar, on its row: no dark ink there until the bar is whole.
    const label = await p.page.evaluate((y) => {
      const r = document.querySelector('#c').getBoundingClientRect();
      return { x: Math.round(r.width * 0.88), w: Math.round(r.width * 0.12), y: y - 10, h: 20 };
    }, barRow);
    const inkRight = async (png) => p.page.evaluate(async ([data, { x, w, y, h }]) => {
      const { data: px } = await window.__beringTest.screenshotPixels(data, [x, y, w, h]);
      let dark = 0;
      for (let i = 0; i < px.length; i += 4) if (px[i] < 90 && px[i + 1] < 90 && px[i + 2] < 90) dark++;
      return dark;
    }, [png.toString('base64'), label]);
    assert.equal(await inkRight(shots[0]), 0, 'no value label while the bar is short');
    assert.ok(await inkRight(final) > 20, 'the value label shows at the end');
    const growIns = await p.page.evaluate(() => window.__beringTest.events.filter((e) => e.type === 'bering-chart:draw').map((e) => e.detail.growIn));
    assert.deepEqual(growIns, [400], 'one drawing, which started the grow-in');
    assertClean(p);
  } finally {
    await p.close();
  }
});

const DARK_BG = COLOURS.dark.background;
const LIGHT_BG = COLOURS.light.background;

for (const [name, toggle, untoggle] of [
  ['a dark class on <html>', "document.documentElement.classList.add('dark')", "document.documentElement.classList.remove('dark')"],
  ['theme-dark on <body>', "document.body.classList.add('theme-dark')", "document.body.classList.remove('theme-dark')"],
  ['data-theme="dark" on <html>', "document.documentElement.dataset.theme = 'dark'", "document.documentElement.dataset.theme = 'light'"],
  ['data-mode="dark" on <body>', "document.body.dataset.mode = 'dark'", "delete document.body.dataset.mode"],
  // Bootstrap 5.3's colour modes.
  ['data-bs-theme="dark" on <html>', "document.documentElement.dataset.bsTheme = 'dark'", "document.documentElement.dataset.bsTheme = 'light'"],
  ['color-scheme: dark on the root', "document.documentElement.style.colorScheme = 'dark'", "document.documentElement.style.colorScheme = ''"],
]) {
  test(`data-theme="auto" follows the host page live: ${name}`, async () => {
    const p = await openPage(env, '/tests/generated/host-theme.html', {
      prepare: (context) => generated(context, 'host-theme', page(`<div style="width:640px"><div id="c" data-bering-chart="length"></div></div>
<div style="width:640px"><div id="light" data-bering-chart="cost" data-theme="light"></div></div>`)),
    });
    try {
      assert.equal(await call(p, 'modeColour', '#c'), LIGHT_BG);
      await p.page.evaluate(toggle);
      await p.page.waitForFunction((bg) => window.__beringTest.modeColour('#c') === bg, DARK_BG, { timeout: 5000 });
      await p.page.evaluate(() => window.__beringTest.frames(3));
      assert.equal(await call(p, 'modeColour', '#light'), LIGHT_BG, 'an explicit data-theme="light" still wins');
      await p.page.screenshot({ path: path.join(SHOTS, `host-theme-${name.replace(/\W+/g, '-')}.png`) });
      await p.page.evaluate(untoggle);
      await p.page.waitForFunction((bg) => window.__beringTest.modeColour('#c') === bg, LIGHT_BG, { timeout: 5000 });
      assertClean(p);
    } finally {
      await p.close();
    }
  });
}

test('data-theme="auto" follows the page\'s <meta name="color-scheme">: dark when it names dark only, the reader\'s scheme when it names both', async () => {
  for (const [content, colorScheme, background] of [['dark', 'light', DARK_BG], ['only dark', 'light', DARK_BG], ['light dark', 'light', LIGHT_BG], ['light dark', 'dark', DARK_BG], ['light', 'dark', LIGHT_BG]]) {
    const head = `<meta name="color-scheme" content="${content}">`;
    await withPage(env, '/tests/generated/meta-scheme.html', {
      colorScheme,
      prepare: (context) => generated(context, 'meta-scheme', page('<div style="width:640px"><div id="c" data-bering-chart="length"></div></div>', { head })),
    }, async (p) => {
      assert.equal(await call(p, 'modeColour', '#c'), background, `content="${content}", the reader's scheme ${colorScheme}`);
      assertClean(p);
    });
  }
});

test('a class toggled on <body> or the element that changes neither theme nor house style (a sticky header, a reveal on scroll) redraws nothing and leaves a grow-in running; a dark class still redraws', async () => {
  await withPage(env, '/tests/generated/scroll-class.html', {
    waitForSettled: false,
    prepare: (context) => generated(context, 'scroll-class', page('<div style="width:640px"><div id="c" data-bering-chart="length"></div></div>')),
  }, async (p) => {
    const res = await p.page.evaluate(async () => {
      const T = window.__beringTest;
      const el = document.getElementById('c');
      const drawn = await new Promise((resolve) => el.addEventListener('bering-chart:draw', (e) => resolve({ growIn: e.detail.growIn, at: performance.now() }), { once: true }));
      // The page toggles a class on <body> in the grow-in, a task at a time.
      for (let i = 0; i < 6; i++) {
        document.body.classList.toggle('scrolled');
        await new Promise((resolve) => setTimeout(resolve, 30));
      }
      await new Promise((resolve) => { if (el.getAttribute('data-bering-state') === 'ready') resolve(); else el.addEventListener('bering-chart:ready', resolve, { once: true }); });
      const readyAfter = performance.now() - drawn.at;
      for (let i = 0; i < 6; i++) {
        document.body.classList.toggle('scrolled');
        document.documentElement.style.setProperty('--header-height', `${i}px`);
        // (And the element's own class, as a reveal-on-scroll script sets it.)
        el.classList.toggle('aos-animate');
        await T.frames(2);
      }
      const drawsAfterToggles = T.draws('c');
      document.documentElement.classList.add('dark');
      await T.frames(4);
      return { growIn: drawn.growIn, readyAfter, drawsAfterToggles, drawsAfterDark: T.draws('c'), background: T.modeColour('#c') };
    });
    assert.equal(res.growIn, 400, 'the chart grew in');
    assert.ok(res.readyAfter >= 350, `the grow-in ran its course: ready ${Math.round(res.readyAfter)} ms after the drawing`);
    assert.equal(res.drawsAfterToggles, 1, 'no redraw for a class or style that changes nothing the chart shows');
    assert.equal(res.drawsAfterDark, 2, 'a dark class on <html> redraws');
    assert.equal(res.background, DARK_BG);
    assertClean(p);
  });
});

test('a chart hidden while the page turns dark is dark when shown again, at the same width', async () => {
  await withPage(env, '/tests/generated/hidden-theme.html', {
    prepare: (context) => generated(context, 'hidden-theme', page('<div id="tab" style="width:640px"><div id="c" data-bering-chart="length"></div></div>')),
  }, async (p) => {
    assert.equal(await call(p, 'modeColour', '#c'), LIGHT_BG);
    await p.page.evaluate(async () => {
      document.getElementById('tab').style.display = 'none';
      await window.__beringTest.frames(3);
      document.documentElement.classList.add('dark');
      await window.__beringTest.frames(3);
      document.getElementById('tab').style.display = '';
      await window.__beringTest.frames(4);
    });
    assert.equal(await call(p, 'modeColour', '#c'), DARK_BG, 'dark once shown');
    assertClean(p);
  });
});

test('a host toggle of the --bering-* colours is followed live', async () => {
  const head = '<style>html.brand [data-bering-chart] { --bering-bg: #fffdf7; --bering-accent: #cc0000; }</style>';
  await withPage(env, '/tests/generated/brand.html', {
    prepare: (context) => generated(context, 'brand', page('<div style="width:640px"><div id="c" data-bering-chart="length"></div></div>', { head })),
  }, async (p) => {
    assert.equal(await call(p, 'modeColour', '#c'), LIGHT_BG);
    await p.page.evaluate(() => document.documentElement.classList.add('brand'));
    await p.page.waitForFunction(() => window.__beringTest.modeColour('#c') === '#fffdf7', null, { timeout: 5000 });
    const runs = await call(p, 'longestRuns', '#c', ['#cc0000'], 2);
    assert.ok(runs['#cc0000'].run > 100, 'the accent bar takes the house colour');
    assertClean(p);
  });
});

test('a house web font that arrives after the first drawing is laid out again: no line past the box', async () => {
  const font = readFileSync('/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf');
  const head = `<style>@font-face { font-family: "House Wide"; src: url(/tests/generated/house.ttf); font-display: swap; }
[data-bering-chart] { --bering-font: "House Wide", monospace; }</style>`;
  let release;
  const p = await openPage(env, '/tests/generated/font.html', {
    waitForSettled: false, waitUntil: 'domcontentloaded',
    prepare: async (context) => {
      await generated(context, 'font', page('<div style="width:420px"><div id="c" data-bering-chart="context"></div></div><p style="font-family:\'House Wide\'">x</p>', { head }));
      const gate = new Promise((resolve) => { release = resolve; });
      await context.route('**/tests/generated/house.ttf', async (route) => {
        await gate;
        await route.fulfill({ status: 200, contentType: 'font/ttf', body: font });
      });
    },
  });
  try {
    await settled(p);
    const drawsBefore = await call(p, 'draws', 'c');
    release();
    await p.page.evaluate(() => document.fonts.ready);
    await p.page.waitForFunction((n) => window.__beringTest.draws('c') > n, drawsBefore, { timeout: 5000 });
    await p.page.evaluate(() => window.__beringTest.frames(2));
    const lines = await p.page.evaluate(() => {
      const root = document.querySelector('#c').shadowRoot;
      const f = root.querySelector('figure').getBoundingClientRect();
      return [...root.querySelectorAll('.bering-line')].map((l) => ({ text: l.textContent, right: l.getBoundingClientRect().right - f.left, width: f.width }));
    });
    assert.ok(await p.page.evaluate(() => document.fonts.check('16px "House Wide"')), 'the font has loaded');
    for (const line of lines) assert.ok(line.right <= line.width + 0.5, `"${line.text}" ends at ${line.right} of ${line.width}`);
    await p.page.screenshot({ path: path.join(SHOTS, 'late-font.png') });
    assertClean(p);
  } finally {
    await p.close();
  }
});

test('an English chart on a dir="rtl" page reads left to right', async () => {
  await withPage(env, '/tests/generated/rtl.html', {
    prepare: (context) => generated(context, 'rtl', page('<div style="width:640px"><div id="c" data-bering-chart="length"></div></div>', { htmlAttributes: 'dir="rtl"' })),
  }, async (p) => {
    const look = await p.page.evaluate(() => {
      const root = document.querySelector('#c').shadowRoot;
      const lines = [...root.querySelectorAll('.bering-line')];
      const f = root.querySelector('figure').getBoundingClientRect();
      return {
        direction: getComputedStyle(root.querySelector('canvas')).direction,
        lines: lines.map((l) => ({ text: l.textContent, direction: getComputedStyle(l).direction, left: l.getBoundingClientRect().left - f.left })),
      };
    });
    assert.equal(look.direction, 'ltr', 'the canvas draws its text left to right');
    for (const line of look.lines) assert.equal(line.direction, 'ltr', `"${line.text}" is set left to right`);
    const takeaway = look.lines.find((l) => /longer/.test(l.text));
    assert.ok(takeaway.left < 40, 'the takeaway starts at the left margin');
    // The value label "70 mi" is drawn to the right of its bar, as on an LTR page.
    const { primary } = COLOURS.light;
    const runs = await call(p, 'longestRuns', '#c', [primary], 2);
    assert.ok(runs[primary].x0 < 60, `the bar starts at the left (${runs[primary].x0})`);
    await p.page.screenshot({ path: path.join(SHOTS, 'rtl.png') });
    assertClean(p);
  });
});

test('a pound cost chart keeps the dollar figures\' ratio, measured from pixels; its note names the reported £6bn', async () => {
  await withPage(env, '/tests/generated/gbp.html', {
    prepare: (context) => generated(context, 'gbp', page('<div style="width:960px"><div id="c" data-bering-chart="cost" data-currency="GBP" data-gbp-per-usd="0.79"></div></div>')),
  }, async (p) => {
    const { primary, other } = COLOURS.light;
    const runs = await call(p, 'longestRuns', '#c', [primary, other], 2);
    const ratio = runs[other].run / runs[primary].run;
    assert.ok(Math.abs(ratio / (65 / 8) - 1) <= 0.02, `bars ${runs[other].run}:${runs[primary].run} = ${ratio.toFixed(3)}, the dollar figures' 8.125`);
    const words = await p.page.evaluate(() => [...document.querySelector('#c').shadowRoot.querySelectorAll('.bering-line')].map((l) => l.textContent).join(' '));
    assert.match(words, /reported the claim as £6bn/);
    assertClean(p);
  });
});

test('when the wasm cannot load, a chart with no matching static image says so instead of showing other figures', async () => {
  const html = page(`<div style="width:640px"><div id="gbp" data-bering-chart="cost" data-currency="GBP" data-gbp-per-usd="0.79" data-load-timeout="1500"></div></div>
<div style="width:640px"><div id="at" data-bering-chart="length" data-locale="de-AT" data-load-timeout="1500"></div></div>
<div style="width:640px"><div id="de" data-bering-chart="length" data-locale="de-DE" data-load-timeout="1500"></div></div>
<div style="width:640px"><div id="km" data-bering-chart="length" data-units="km" data-load-timeout="1500"></div></div>`);
  const p = await openPage(env, '/tests/generated/nowasm.html', {
    prepare: async (context) => {
      await generated(context, 'nowasm', html);
      await context.route('**/embed/bering_chart_bg.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
    },
  });
  try {
    // Pounds at the page's rate, and a language variant with no file of its own (de-AT).
    for (const id of ['gbp', 'at']) {
      const info = await call(p, 'info', `#${id}`);
      assert.equal(info.state, 'fallback', id);
      assert.ok(info.messageVisible && /could not load/.test(info.message), `${id}: a message in the box (${info.message})`);
      const image = await p.page.evaluate((i) => document.getElementById(i).shadowRoot.querySelector('.bering-static img'), id);
      assert.equal(image, null, `${id}: no static chart of other figures or words`);
    }
    const shown = (id) => p.page.evaluate((i) => {
      const img = document.getElementById(i).shadowRoot.querySelector('.bering-static img');
      return img && img.checkVisibility() ? new URL(img.src).pathname : null;
    }, id);
    assert.equal(await shown('km'), '/fallback/length-km.svg', 'a km chart falls back to its own km static chart');
    assert.equal(await shown('de'), '/fallback/length-de-DE.svg', 'a German chart falls back to its German static chart');
    assert.match(readFileSync(path.join(DIST, 'fallback', 'length-de-DE.svg'), 'utf8'), /Geplanter Tunnel/);
    await p.page.screenshot({ path: path.join(SHOTS, 'fallback-no-match.png') });
  } finally {
    await p.close();
  }
});

test('our static chart takes a page\'s dark theme set only in its CSS, when a reader sees it: in a fallback, and in a print before the first drawing', async () => {
  // The page is dark by its root's color-scheme alone (no class, no attribute); the reader's scheme is light.
  // (No short load timeout: the print part holds the module back across several steps, then lets it draw.)
  const html = page('<div style="width:640px"><div id="c" data-bering-chart="length"></div></div>', { head: '<style>:root { color-scheme: dark }</style>' });
  const shown = (p) => p.page.evaluate(() => {
    const img = document.getElementById('c').shadowRoot.querySelector('.bering-static img');
    return img && img.checkVisibility() ? new URL(img.src).pathname : null;
  });
  const fallback = await openPage(env, '/tests/generated/css-dark-nowasm.html', {
    prepare: async (context) => {
      await generated(context, 'css-dark-nowasm', html);
      await context.route('**/embed/bering_chart_bg.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
    },
  });
  try {
    assert.equal((await call(fallback, 'info', '#c')).state, 'fallback');
    assert.equal(await shown(fallback), '/fallback/length-dark.svg', 'the fallback shows the dark static chart');
    await fallback.page.screenshot({ path: path.join(SHOTS, 'fallback-css-dark.png') });
  } finally {
    await fallback.close();
  }
  let release = () => {};
  const printed = await openPage(env, '/tests/generated/css-dark-print.html', {
    waitForSettled: false,
    prepare: async (context) => {
      await generated(context, 'css-dark-print', html);
      release = await holdWasm(context);
    },
  });
  try {
    await printed.page.waitForFunction(() => document.getElementById('c').shadowRoot?.querySelector('.bering-static img'));
    assert.equal((await call(printed, 'info', '#c')).state, 'loading');
    await printed.page.emulateMedia({ media: 'print' });
    await printed.page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    assert.equal(await shown(printed), '/fallback/length-dark.svg', 'a print before the first drawing shows the dark static chart');
    await printed.page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    await printed.page.emulateMedia({ media: 'screen' });
    release();
    await settled(printed);
    assert.equal(await call(printed, 'modeColour', '#c'), DARK_BG, 'the live chart is dark too');
    assertClean(printed);
  } finally {
    release();
    await printed.close();
  }
});

test('copying the whole page gives the chart\'s words once each, separated', async () => {
  const html = page(`<p>Before the charts.</p>
<div style="width:320px"><div id="a" data-bering-chart="length"></div></div>
<div style="width:640px"><div id="b" data-bering-chart="cost" data-currency="GBP" data-gbp-per-usd="0.79"></div></div>`);
  await withPage(env, '/tests/generated/copy.html', { prepare: (context) => generated(context, 'copy', html) }, async (p) => {
    await p.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.url });
    await p.page.keyboard.press('Control+A');
    await p.page.keyboard.press('Control+C');
    const text = await p.page.evaluate(() => navigator.clipboard.readText());
    const flat = text.replace(/\s+/g, ' ');
    const once = (needle, what) => {
      const n = flat.split(needle).length - 1;
      assert.equal(n, 1, `${what} "${needle}" is in the copy ${n} times: ${JSON.stringify(text)}`);
    };
    once("The proposed Bering Strait", 'the length title');
    once('37% longer than the strait', 'the length takeaway');
    once('Proposed tunnel 70 miles; Bering Strait, width at its narrowest 51 miles.', 'the length figures');
    once('Claimed cost of the Bering', 'the cost title');
    once('about one eighth (12%)', 'the cost takeaway');
    once('6.3 billion pounds sterling', 'the cost figures');
    assert.equal(flat.split('Source: Kirill Dmitriev on X').length - 1, 2, 'each source line once');
    // Words at the chart's line breaks stay apart.
    for (const glued of [/[a-z][A-Z]/, /\.[A-Z£]/]) {
      const m = text.replace(/Get the data|Boring Company/g, ' ').match(glued);
      assert.equal(m, null, `no glued words (${m?.[0]}) in ${JSON.stringify(text)}`);
    }
    assertClean(p);
  });
});
