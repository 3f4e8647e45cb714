// The programmatic API: render(el, options) resolves to a handle once drawn;
// update({theme:'dark'}) repaints with the dark background; destroy() removes the
// canvas and stops redrawing on resize; render rejects with an Error on bad options
// and still marks the element state=error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, call, assertClean, COLOURS, withPage } from './browser.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

test('render, update, destroy', async () => {
  await withPage(env, '/tests/browser/pages/programmatic.html', { waitForSettled: false }, async (p) => {
    const res = await p.page.evaluate(async () => {
      const { render } = await import('/embed/bering-chart.js');
      const el = document.getElementById('host');
      const h = await render(el, { chart: 'cost', theme: 'light' });
      window.__beringTest.handle = h;
      return { type: typeof h, methods: ['update', 'destroy'].filter((m) => typeof h?.[m] === 'function') };
    });
    assert.equal(res.type, 'object');
    assert.deepEqual(res.methods, ['update', 'destroy']);
    let info = await call(p, 'info', '#host');
    assert.equal(info.state, 'ready');
    assert.equal(info.canvases, 1);
    assert.equal(parseFloat(info.canvas.styleWidth), 640);
    assert.equal(await call(p, 'modeColour', '#host'), COLOURS.light.background);

    await p.page.evaluate(async () => { await window.__beringTest.handle.update({ theme: 'dark' }); });
    await p.page.waitForFunction((bg) => window.__beringTest.modeColour('#host') === bg, COLOURS.dark.background,
      { timeout: 10_000 }).catch(async () => {
      throw new Error(`background did not turn dark; mode colour ${await call(p, 'modeColour', '#host')}`);
    });
    const runs = await call(p, 'longestRuns', '#host', [COLOURS.dark.primary, COLOURS.dark.other]);
    assert.ok(runs[COLOURS.dark.primary].run > 0 && runs[COLOURS.dark.other].run > 0, 'dark bar colours');

    await p.page.evaluate(async () => { await window.__beringTest.handle.destroy(); });
    info = await call(p, 'info', '#host');
    assert.equal(info.canvases, 0, 'destroy removed the canvas');
    const drawsBefore = await call(p, 'draws', 'host');
    await p.page.evaluate(() => { document.getElementById('box').style.width = '400px'; });
    await p.page.evaluate(() => window.__beringTest.frames(6));
    assert.equal(await call(p, 'draws', 'host'), drawsBefore, 'no redraw after destroy');
    assertClean(p);
  });
});

test('render rejects on bad options and sets state error', async () => {
  await withPage(env, '/tests/browser/pages/programmatic.html', { waitForSettled: false }, async (p) => {
    const res = await p.page.evaluate(async () => {
      const { render } = await import('/embed/bering-chart.js');
      const el = document.getElementById('host2');
      try {
        await render(el, { chart: 'pie' });
        return { rejected: false };
      } catch (err) {
        return { rejected: true, isError: err instanceof Error, message: String(err?.message ?? '') };
      }
    });
    assert.ok(res.rejected, 'render rejected');
    assert.ok(res.isError, 'rejected with an Error');
    assert.match(res.message, /pie|chart/i, 'message names the problem');
    const info = await call(p, 'info', '#host2');
    assert.equal(info.state, 'error');
    assert.ok(info.message && info.message.trim().length > 0, 'message shown in the box');
    assertClean(p, { allowConsole: true });
  });
});

test('render again on a chart that could not load rejects with its box\'s message, never hangs (the primary, or custom data\'s input module, answering 404)', async () => {
  for (const [label, pattern, custom] of [['the primary', '**/embed/bering_chart_bg.wasm', false], ['the input module', '**/embed/bering_chart_input.wasm', true]]) {
    await withPage(env, '/tests/browser/pages/programmatic.html', {
      waitForSettled: false,
      prepare: (context) => context.route(pattern, (r) => r.fulfill({ status: 404, body: 'not here' })),
    }, async (p) => {
      const res = await p.page.evaluate(async (withData) => {
        const { render } = await import('/embed/bering-chart.js');
        const el = document.getElementById('host');
        if (withData) {
          const data = document.createElement('script');
          data.type = 'application/json';
          data.textContent = '{"title": "Two tunnels", "bars": [{"label": "A", "value": 2}, {"label": "B", "value": 1}]}';
          el.append(data);
        }
        // What render() settles with, or that it has not within 3 s.
        const settle = (promise) => Promise.race([
          promise.then(() => 'resolved', (error) => `rejected: ${error.message}`),
          new Promise((resolve) => { setTimeout(() => resolve('pending after 3 s'), 3000); }),
        ]);
        const first = await settle(render(el, { chart: 'length' }));
        const again = await settle(render(el, { theme: 'dark' }));
        return { first, again, state: el.getAttribute('data-bering-state'), message: el.shadowRoot.querySelector('.bering-message').textContent };
      }, custom);
      assert.match(res.message, /^The interactive chart could not load: .*answered HTTP 404\.$/, label);
      assert.equal(res.first, `rejected: ${res.message}`, label);
      assert.equal(res.again, `rejected: ${res.message}`, `${label}: render() again`);
      assert.equal(res.state, 'fallback', label);
      await p.page.evaluate(() => window.__beringTest.frames(2));
      assert.deepEqual(p.pageErrors, [], `${label}: no uncaught errors (no rejection left unhandled)`);
    });
  }
});

test('render twice before the chart is drawn: both promises settle with it (the last options win), bad ones reject both', async () => {
  await withPage(env, '/tests/browser/pages/programmatic.html', { waitForSettled: false }, async (p) => {
    const res = await p.page.evaluate(async () => {
      const { render } = await import('/embed/bering-chart.js');
      const settle = (promise) => Promise.race([
        promise.then((handle) => `resolved ${handle.element.id}`, (error) => `rejected: ${error.message}`),
        new Promise((resolve) => { setTimeout(() => resolve('pending after 5 s'), 5000); }),
      ]);
      const host = document.getElementById('host');
      const host2 = document.getElementById('host2');
      const [first, second, bad, good] = await Promise.all([
        settle(render(host, { chart: 'cost' })), settle(render(host, { theme: 'dark' })),
        settle(render(host2, { chart: 'length' })), settle(render(host2, { chart: 'pie' })),
      ]);
      const caption = host.shadowRoot.querySelector('figcaption').textContent;
      return { first, second, bad, good, caption, states: [host, host2].map((h) => h.getAttribute('data-bering-state')), message: host2.shadowRoot.querySelector('.bering-message').textContent };
    });
    assert.deepEqual([res.first, res.second], ['resolved host', 'resolved host']);
    assert.match(res.caption, /Claimed cost/, 'drawn with the first call\'s chart');
    assert.equal(await call(p, 'modeColour', '#host'), COLOURS.dark.background, 'and the second call\'s theme');
    assert.match(res.message, /pie/);
    assert.deepEqual([res.bad, res.good], [`rejected: ${res.message}`, `rejected: ${res.message}`], 'the last options were bad: both reject with the box\'s message');
    assert.deepEqual(res.states, ['ready', 'error']);
    assert.deepEqual(p.pageErrors, []);
  });
});

test('a handle kept after destroy() changes nothing: its update() throws and its destroy() leaves the element\'s new chart drawn; render() of a non-element rejects and says so', async () => {
  await withPage(env, '/tests/browser/pages/programmatic.html', { waitForSettled: false }, async (p) => {
    const res = await p.page.evaluate(async () => {
      const { render } = await import('/embed/bering-chart.js');
      const el = document.getElementById('host');
      const old = await render(el, { chart: 'length' });
      old.destroy();
      const fresh = await render(el, { chart: 'cost' });
      let updated;
      try {
        old.update({ theme: 'dark' });
        updated = 'no error';
      } catch (error) {
        updated = error.message;
      }
      old.destroy();
      await window.__beringTest.frames(3);
      const reasons = [];
      for (const host of [null, undefined, '#host', document.createTextNode('x')]) {
        try {
          const pending = render(host);
          reasons.push(await pending.then(() => 'resolved', (error) => `${error.name}: ${error.message}`));
        } catch (error) {
          reasons.push(`threw ${error.message}`);
        }
      }
      return { updated, reasons, same: fresh === old, state: el.getAttribute('data-bering-state'), caption: el.shadowRoot.querySelector('figcaption')?.textContent };
    });
    assert.equal(res.same, false);
    assert.equal(res.updated, 'bering-chart: this chart was destroyed; render() the element again.');
    assert.equal(res.state, 'ready', 'the new chart stays');
    assert.match(res.caption, /Claimed cost/);
    assert.equal(await call(p, 'modeColour', '#host'), COLOURS.light.background, 'the old handle\'s update did not reach it');
    assert.deepEqual(res.reasons, [
      'TypeError: bering-chart: render() takes an element, not null.',
      'TypeError: bering-chart: render() takes an element, not undefined.',
      'TypeError: bering-chart: render() takes an element, not string.',
      'TypeError: bering-chart: render() takes an element, not object.',
    ]);
    const runs = await call(p, 'longestRuns', '#host', [COLOURS.light.primary, COLOURS.light.other]);
    assert.ok(runs[COLOURS.light.primary].run > 0, 'the new chart\'s bars are drawn');
    assert.deepEqual(p.pageErrors, []);
  });
});

// Discovery looks through the document, not into other components' shadow roots: a component
// that puts a chart in its own shadow root calls render() on it (README, "Programmatic use").
test('render() draws a chart in another component\'s shadow root, and redraws it at a new width', async () => {
  await withPage(env, '/tests/browser/pages/programmatic.html', { waitForSettled: false }, async (p) => {
    await p.page.evaluate(async () => {
      const { render } = await import('/embed/bering-chart.js');
      customElements.define('test-article', class extends HTMLElement {
        connectedCallback() {
          const root = this.attachShadow({ mode: 'open' });
          const box = document.createElement('div');
          box.id = 'inner-box';
          box.style.width = '640px';
          const chart = document.createElement('div');
          chart.id = 'inner';
          box.append(chart);
          root.append(box);
          this.drawn = render(chart, { chart: 'length' });
        }
      });
      const article = document.createElement('test-article');
      article.id = 'article';
      document.body.append(article);
      await article.drawn;
    });
    const inner = '#article >>> #inner';
    let info = await call(p, 'info', inner);
    assert.equal(info.state, 'ready');
    assert.equal(parseFloat(info.canvas.styleWidth), 640);
    assert.equal(info.canvas.width, Math.round(640 * (await p.page.evaluate(() => devicePixelRatio))));
    const runs = await call(p, 'longestRuns', inner, [COLOURS.light.primary, COLOURS.light.other]);
    const ratio = runs[COLOURS.light.other].run / runs[COLOURS.light.primary].run;
    assert.ok(Math.abs(ratio - 51 / 70) < 0.02, `both bars drawn to scale (51 mi against 70): ${JSON.stringify(runs)}`);
    await p.page.evaluate(() => { document.getElementById('article').shadowRoot.getElementById('inner-box').style.width = '400px'; });
    await p.page.waitForFunction((sel) => parseFloat(window.__beringTest.canvas(sel).style.width) === 400, inner, { timeout: 10_000 });
    info = await call(p, 'info', inner);
    assert.equal(info.state, 'ready');
    assert.equal(info.hostWidth, 400);
    assertClean(p);
  });
});

test('an update with bad options lets the chart drawn before go: a redraw (new width, page theme) keeps the message, never brings the old figures back as ready; good options draw again', async () => {
  await withPage(env, '/tests/browser/pages/programmatic.html', { waitForSettled: false }, async (p) => {
    const res = await p.page.evaluate(async () => {
      const T = window.__beringTest;
      const { render } = await import('/embed/bering-chart.js');
      const el = document.getElementById('host');
      const handle = await render(el, { chart: 'length' });
      let threw = '';
      try {
        handle.update({ units: 'furlongs' });
      } catch (error) {
        threw = error.message;
      }
      const readies = () => T.events.filter((e) => e.type === 'bering-chart:ready' && e.id === 'host').length;
      const readyBefore = readies();
      // What redraws a chart: a new width, the page's theme, printing.
      document.getElementById('box').style.width = '500px';
      await T.frames(6);
      document.documentElement.classList.add('dark');
      await T.frames(6);
      dispatchEvent(new Event('beforeprint'));
      dispatchEvent(new Event('afterprint'));
      await T.frames(6);
      const during = { ...T.info('#host'), canvasShown: T.canvas('#host').checkVisibility(), readyAfter: readies() - readyBefore };
      await render(el, { units: 'km' });
      return { threw, during, after: T.info('#host'), shownAfter: T.canvas('#host').checkVisibility() };
    });
    assert.match(res.threw, /furlongs/);
    assert.equal(res.during.state, 'error', 'still in error after the redraws');
    assert.ok(res.during.messageVisible, 'the message stays');
    assert.equal(res.during.canvasShown, false, 'no old chart shown');
    assert.equal(res.during.readyAfter, 0, 'no ready event for the old figures');
    assert.equal(res.after.state, 'ready', 'render() with good options draws again');
    assert.equal(res.shownAfter, true, 'its canvas shown again');
    assert.deepEqual(p.pageErrors, []);
  });
});

test('a chart with no room to draw: render() rejects at the timeout, saying why; one hidden then is looked at again once shown', async () => {
  await withPage(env, '/tests/browser/pages/programmatic.html', { waitForSettled: false }, async (p) => {
    const res = await p.page.evaluate(async () => {
      const { render } = await import('/embed/bering-chart.js');
      const within = window.__beringTest.settledWithin;
      // The module loads first, for a chart with the default timeout: a chart's timeout
      // bounds its wait for the module too, and 500 ms is too short for a busy machine's load.
      document.body.insertAdjacentHTML('beforeend', '<div style="width:640px"><div id="warm"></div></div>');
      await render(document.getElementById('warm'), { chart: 'length' });
      document.body.insertAdjacentHTML('beforeend', `
        <div style="width:0"><div id="zero" data-load-timeout="500"></div></div>
        <div id="tab" style="display:none"><div style="width:0"><div id="later" data-load-timeout="500"></div></div></div>
        <div id="tab2" style="display:none"><div style="width:640px"><div id="roomy" data-load-timeout="500"></div></div></div>`);
      const zero = await within(render(document.getElementById('zero'), { chart: 'length' }), 3000);
      const laterDrawn = render(document.getElementById('later'), { chart: 'cost' });
      const hidden = await within(laterDrawn, 1200);
      const stateHidden = document.getElementById('later').getAttribute('data-bering-state');
      document.getElementById('tab').style.display = 'block';
      const shown = await within(laterDrawn, 3000);
      // A hidden one with room, shown after its timeout, draws.
      const roomyDrawn = render(document.getElementById('roomy'), { chart: 'length' });
      await new Promise((resolve) => { setTimeout(resolve, 1200); });
      document.getElementById('tab2').style.display = 'block';
      const roomy = await within(roomyDrawn, 3000);
      return { zero, hidden, stateHidden, shown, roomy, state: document.getElementById('later').getAttribute('data-bering-state') };
    });
    assert.equal(res.zero, 'The chart has no room to draw: its box is 0 px wide.');
    assert.equal(res.hidden, 'pending after 1200 ms', 'a hidden chart waits');
    assert.equal(res.stateHidden, 'loading');
    assert.equal(res.shown, 'The chart has no room to draw: its box is 0 px wide.', 'shown with no room, it says so');
    assert.equal(res.state, 'fallback');
    assert.equal(res.roomy, 'resolved', 'a hidden chart with room draws once shown');
    assert.deepEqual(p.pageErrors, []);
  });
});

test('a drawing the canvas refused (a canvas-blocking extension, say) keeps its message: the load timeout does not replace it with "no room to draw"', async () => {
  await withPage(env, '/tests/browser/pages/programmatic.html', { waitForSettled: false }, async (p) => {
    const res = await p.page.evaluate(async () => {
      const { render } = await import('/embed/bering-chart.js');
      const T = window.__beringTest;
      document.body.insertAdjacentHTML('beforeend', '<div style="width:640px"><div id="warm"></div></div>');
      await render(document.getElementById('warm'), { chart: 'length' });
      // From now on the canvas refuses to draw text, as some privacy extensions make it.
      const fillText = CanvasRenderingContext2D.prototype.fillText;
      CanvasRenderingContext2D.prototype.fillText = () => { throw new Error('canvas blocked'); };
      document.body.insertAdjacentHTML('beforeend', '<div style="width:640px"><div id="refused" data-load-timeout="500"></div></div>');
      const host = document.getElementById('refused');
      const rejected = await T.settledWithin(render(host, { chart: 'cost' }), 3000);
      const at = () => ({ state: host.getAttribute('data-bering-state'), message: host.shadowRoot.querySelector('.bering-message').textContent, errors: T.events.filter((e) => e.type === 'bering-chart:error' && e.id === 'refused').length });
      const first = at();
      // Past the chart's load timeout (500 ms).
      await new Promise((resolve) => { setTimeout(resolve, 1200); });
      CanvasRenderingContext2D.prototype.fillText = fillText;
      return { rejected, first, later: at(), warm: document.getElementById('warm').getAttribute('data-bering-state') };
    });
    assert.equal(res.first.state, 'error');
    assert.ok(res.first.message.length > 0 && !/no room/.test(res.first.message), `the box says the drawing failed: ${res.first.message}`);
    assert.equal(res.rejected, res.first.message, 'render() rejected with it');
    assert.deepEqual(res.later, res.first, 'after the timeout: the same state and message, no other error event');
    assert.equal(res.warm, 'ready', 'the other chart is unaffected');
    assert.deepEqual(p.pageErrors, []);
  });
});

test('a chart drawn, then given bad options, then good ones in a box with no room: render() rejects at the timeout, saying why (it stayed pending)', async () => {
  await withPage(env, '/tests/browser/pages/programmatic.html', { waitForSettled: false }, async (p) => {
    const res = await p.page.evaluate(async () => {
      const { render } = await import('/embed/bering-chart.js');
      const within = window.__beringTest.settledWithin;
      document.body.insertAdjacentHTML('beforeend', '<div id="column" style="width:640px"><div id="once"></div></div>');
      const host = document.getElementById('once');
      await render(host, { chart: 'length' });
      host.setAttribute('data-load-timeout', '500');
      const bad = await within(render(host, { chart: 'no-such-chart' }), 3000);
      document.getElementById('column').style.width = '0';
      const good = await within(render(host, { chart: 'cost' }), 3000);
      return { bad, good, state: host.getAttribute('data-bering-state') };
    });
    assert.match(res.bad, /no-such-chart/);
    assert.equal(res.good, 'The chart has no room to draw: its box is 0 px wide.');
    assert.equal(res.state, 'fallback');
    assert.deepEqual(p.pageErrors, []);
  });
});

test('a chart never drawn, with no room, given bad data before its timeout, then good data after it: render() rejects at the timeout, saying why (it stayed pending)', async () => {
  await withPage(env, '/tests/browser/pages/programmatic.html', { waitForSettled: false }, async (p) => {
    const res = await p.page.evaluate(async () => {
      const { render } = await import('/embed/bering-chart.js');
      const within = window.__beringTest.settledWithin;
      const data = (json) => `<script type="application/json">${json}<\/script>`;
      const good = data('{"title": "T", "bars": [{"label": "A", "value": 2}, {"label": "B", "value": 1}]}');
      // (The modules first, for a chart with the default timeout.)
      document.body.insertAdjacentHTML('beforeend', `<div style="width:640px"><div id="warm">${good}</div></div><div style="width:0"><div id="never" data-load-timeout="500">${good}</div></div>`);
      await render(document.getElementById('warm'), { chart: 'length' });
      const host = document.getElementById('never');
      const first = render(host, { chart: 'length' });
      first.catch(() => {});
      // Built, not drawn (no room): its data turns bad before its timeout, and is put right after it.
      await new Promise((resolve) => { setTimeout(resolve, 100); });
      host.innerHTML = data('{"bars": [');
      const bad = await within(render(host), 3000);
      await new Promise((resolve) => { setTimeout(resolve, 800); });
      host.innerHTML = good;
      const again = await within(render(host), 3000);
      return { bad, again, state: host.getAttribute('data-bering-state') };
    });
    assert.match(res.bad, /not valid JSON/);
    assert.equal(res.again, 'The chart has no room to draw: its box is 0 px wide.');
    assert.equal(res.state, 'fallback');
    assert.deepEqual(p.pageErrors, []);
  });
});

test('destroy() gives the element back to the page: its own children show again, and the canvas a kept handle reaches holds no pixels', async () => {
  await withPage(env, '/tests/browser/pages/programmatic.html', { waitForSettled: false }, async (p) => {
    const res = await p.page.evaluate(async () => {
      const { render } = await import('/embed/bering-chart.js');
      const el = document.getElementById('host');
      el.innerHTML = '<p id="own">The page\'s own words</p>';
      const handle = await render(el, { chart: 'length' });
      const own = document.getElementById('own');
      const shownWhileLive = own.checkVisibility();
      const canvas = el.shadowRoot.querySelector('canvas');
      // What the canvas shows, as a copy of it sees it.
      const shownPixels = async () => { const bitmap = await createImageBitmap(canvas); return bitmap.width * bitmap.height; };
      const pixelsBefore = await shownPixels();
      handle.destroy();
      await window.__beringTest.frames(2);
      const afterDestroy = { shown: own.checkVisibility(), height: own.getBoundingClientRect().height, pixels: await shownPixels(), sheets: el.shadowRoot.adoptedStyleSheets.length, display: getComputedStyle(el).display };
      // And set up again, it is a chart again.
      await render(el, { chart: 'cost' });
      return { shownWhileLive, pixelsBefore, afterDestroy, again: el.getAttribute('data-bering-state'), ownAgain: own.checkVisibility() };
    });
    assert.equal(res.shownWhileLive, false, 'the chart shows in place of the element\'s children');
    assert.ok(res.pixelsBefore > 0);
    assert.equal(res.afterDestroy.shown, true, 'its own children show after destroy()');
    assert.ok(res.afterDestroy.height > 0);
    assert.ok(res.afterDestroy.pixels <= 1, `the shown canvas let its pixels go: ${res.afterDestroy.pixels} left`);
    assert.equal(res.afterDestroy.sheets, 0, 'none of the widget\'s style left on the element');
    assert.equal(res.again, 'ready');
    assert.equal(res.ownAgain, false);
    assert.deepEqual(p.pageErrors, []);
  });
});

test('a chart whose JSON was empty while its module failed to load: once the JSON is filled in, the box says the module did not load (not that the JSON is empty)', async () => {
  await withPage(env, '/tests/browser/pages/programmatic.html', {
    waitForSettled: false,
    prepare: (context) => context.route('**/embed/bering_chart_bg.wasm', (r) => r.fulfill({ status: 404, body: 'not here' })),
  }, async (p) => {
    const res = await p.page.evaluate(async () => {
      document.body.insertAdjacentHTML('beforeend', '<div style="width:640px"><div id="late" data-bering-chart="length" data-loading="eager"><script type="application/json"></script></div></div>');
      const el = document.getElementById('late');
      const message = () => el.shadowRoot.querySelector('.bering-message').textContent;
      await new Promise((resolve) => { const check = () => (el.getAttribute('data-bering-state') === 'error' ? resolve() : setTimeout(check, 20)); check(); });
      const first = message();
      // The primary's failure: one console warning says so.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      el.querySelector('script').textContent = '{"title": "Filled in", "bars": [{"label": "A", "value": 1}]}';
      await window.__beringTest.frames(3);
      return { first, state: el.getAttribute('data-bering-state'), message: message() };
    });
    assert.match(res.first, /is empty/);
    assert.equal(res.state, 'fallback');
    assert.match(res.message, /^The interactive chart could not load: .*bering_chart_bg\.wasm answered HTTP 404\.$/);
    assert.deepEqual(p.pageErrors, []);
  });
});
