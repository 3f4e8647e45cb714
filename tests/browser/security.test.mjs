// Security rules (issue 5), one test each:
// - no HTML-parsing sink (innerHTML, outerHTML, insertAdjacentHTML, document.write,
//   setHTMLUnsafe, createContextualFragment, DOMParser) and no eval / new Function
//   in the built files (dist/embed/*.js, dist/*.js, dist/*.html) or in www/;
// - at run time, text from data never reaches such a sink: a page full of
//   HTML-looking data (and interaction with it) calls none of them;
// - nothing added to window (or to the built-in prototypes) by the shim, used
//   declaratively and through render();
// - no prototype-polluting merges: `__proto__` / `constructor` keys in data
//   attributes, render() options and the child JSON change no prototype;
// - no link from text: with no sourceUrl the only link in a widget is "Get the data"
//   (a data:text/csv URL). sourceUrl (https: only) is tested in tests/links.test.mjs,
//   the frame parent's origin + source checks in tests/frame.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { setup, openPage, assertClean, DIST, REPO, generated, withPage, testPage } from './browser.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });


function page(body, shim) {
  return testPage(body, { title: 'security test', shim });
}

const FORBIDDEN = {
  innerHTML: /\binnerHTML\b/,
  outerHTML: /\bouterHTML\b/,
  insertAdjacentHTML: /\binsertAdjacentHTML\b/,
  'document.write': /\bdocument\s*\.\s*write(ln)?\b/,
  setHTMLUnsafe: /\bsetHTMLUnsafe\b/,
  createContextualFragment: /\bcreateContextualFragment\b/,
  parseFromString: /\bparseFromString\b/,
  srcdoc: /\bsrcdoc\b/,
  'eval(': /(^|[^\w$.])eval\s*\(/,
  'new Function': /\bnew\s+Function\s*\(/,
  'Function(': /(^|[^\w$.])Function\s*\(/,
  'string timer': /\bset(Timeout|Interval)\s*\(\s*["'`]/,
};

function files(dir, test) {
  return existsSync(dir) ? readdirSync(dir).filter(test).map((f) => path.join(dir, f)) : [];
}

test('the patterns find what they look for', () => {
  const positives = {
    innerHTML: 'a.innerHTML=b', outerHTML: 'x.outerHTML = y', insertAdjacentHTML: 'e.insertAdjacentHTML("beforeend",s)',
    'document.write': 'document.writeln(s)', 'eval(': ';eval (s)', 'new Function': 'new Function("a","return a")',
    'Function(': 'return Function("return this")()', 'string timer': 'setTimeout("alert(1)",0)',
    setHTMLUnsafe: 'r.setHTMLUnsafe(s)', createContextualFragment: 'r.createContextualFragment(s)',
    parseFromString: 'new DOMParser().parseFromString(s,"text/html")', srcdoc: 'f.srcdoc=s',
  };
  for (const [name, re] of Object.entries(FORBIDDEN)) assert.match(positives[name], re, name);
  for (const harmless of ['retrieval(x)', 'o.eval(x)', 'isFunction(x)', 'typeof f=="function"']) {
    for (const [name, re] of Object.entries(FORBIDDEN)) assert.doesNotMatch(harmless, re, `${name} on ${harmless}`);
  }
});

test('no HTML-parsing sink, eval or new Function in the built files or www/', () => {
  const built = [
    ...files(path.join(DIST, 'embed'), (f) => f.endsWith('.js')),
    ...files(DIST, (f) => f.endsWith('.js') || f.endsWith('.html')),
  ];
  const sources = [
    ...files(path.join(REPO, 'www', 'embed'), (f) => f.endsWith('.js')),
    ...files(path.join(REPO, 'www'), (f) => f.endsWith('.js') || f.endsWith('.html')),
  ];
  assert.ok(built.some((f) => f.endsWith(path.join('embed', 'bering-chart.js'))), 'the shim is among the built files');
  const shim = readFileSync(path.join(DIST, 'embed', 'bering-chart.js'), 'utf8');
  assert.match(shim, /widget_draw/, 'the glue (inlined in the shim) is among the scanned files');
  const found = [];
  for (const file of [...built, ...sources]) {
    const text = readFileSync(file, 'utf8');
    for (const [name, re] of Object.entries(FORBIDDEN)) {
      const m = re.exec(text);
      if (m) found.push(`${path.relative(REPO, file)}: ${name} at …${text.slice(Math.max(0, m.index - 40), m.index + 40)}…`);
    }
  }
  assert.deepEqual(found, []);
});

const HOSTILE = '"><img src=x onerror=alert(1)><script>alert(2)</script>';
const HOSTILE_PAGE = page(`
<div style="width:640px"><div id="length" data-bering-chart="length"></div></div>
<div style="width:640px"><div id="cost" data-bering-chart="cost" data-theme="dark"></div></div>
<div style="width:640px"><div id="custom" data-bering-chart="length"><script type="application/json">${JSON.stringify({
  title: HOSTILE.slice(0, 60), bars: [{ label: HOSTILE, value: 3 }, { label: 'B', value: 2 }], note: HOSTILE, source: HOSTILE,
}).replace(/<\//g, '<\\/')}</script></div></div>
<div style="width:640px"><div id="bad" data-bering-chart="length" data-units="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"></div></div>
<div style="width:640px" id="later"></div>`);

test('at run time no text reaches an HTML-parsing or code sink', async () => {
  const p = await openPage(env, '/tests/generated/sinks.html', {
    prepare: async (context) => {
      await generated(context, 'sinks', HOSTILE_PAGE);
      await context.addInitScript(() => {
        const T = window.__beringTest;
        T.sinks = [];
        // Calls from Playwright's own evaluation machinery (UtilityScript) are not the page's.
        const note = (name) => {
          const stack = new Error().stack.split('\n').slice(2).join(' | ');
          if (/\/embed\//.test(stack) || !/UtilityScript/.test(stack)) T.sinks.push(`${name}: ${stack}`);
        };
        const setter = (proto, prop) => {
          const d = Object.getOwnPropertyDescriptor(proto, prop);
          if (!d?.set) return;
          Object.defineProperty(proto, prop, { ...d, set(v) { note(prop); return d.set.call(this, v); } });
        };
        const method = (proto, name) => {
          const f = proto?.[name];
          if (typeof f !== 'function') return;
          proto[name] = function (...a) { note(name); return f.apply(this, a); };
        };
        setter(Element.prototype, 'innerHTML');
        setter(Element.prototype, 'outerHTML');
        setter(ShadowRoot.prototype, 'innerHTML');
        setter(HTMLIFrameElement.prototype, 'srcdoc');
        method(Element.prototype, 'insertAdjacentHTML');
        method(Element.prototype, 'setHTMLUnsafe');
        method(ShadowRoot.prototype, 'setHTMLUnsafe');
        method(Document.prototype, 'write');
        method(Document.prototype, 'writeln');
        method(Range.prototype, 'createContextualFragment');
        method(DOMParser.prototype, 'parseFromString');
        const evil = window.eval;
        window.eval = function (s) { note('eval'); return evil(s); };
        const F = Function;
        F.prototype.constructor = new Proxy(F, {
          apply(t, self, a) { note('Function'); return Reflect.apply(t, self, a); },
          construct(t, a) { note('new Function'); return Reflect.construct(t, a); },
        });
        window.Function = F.prototype.constructor;
      });
    },
  });
  const dialogs = [];
  p.page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  try {
    await p.page.evaluate(() => window.__beringTest.frames(30));
    // Interact: tooltip, keyboard focus, the data link, a later widget, render/update/destroy.
    await p.page.hover('#custom canvas');
    await p.page.focus('#custom canvas');
    await p.page.keyboard.press('ArrowDown');
    await p.page.keyboard.press('End');
    await p.page.evaluate(() => {
      document.addEventListener('click', (e) => e.preventDefault(), { once: true }); // no download needed
      document.getElementById('custom').shadowRoot.querySelector('a.bering-data').dispatchEvent(new MouseEvent('click', { cancelable: true, bubbles: true, composed: true }));
    });
    await p.page.evaluate(async () => {
      const { render } = await import('/embed/bering-chart.js');
      const el = document.createElement('div');
      document.getElementById('later').append(el);
      const h = await render(el, { chart: 'context', theme: 'dark' });
      h.update({ units: 'km' });
      await window.__beringTest.frames(2);
      h.destroy();
    });
    const res = await p.page.evaluate(() => ({
      sinks: window.__beringTest.sinks,
      states: ['length', 'cost', 'custom', 'bad'].map((id) => document.getElementById(id).getAttribute('data-bering-state')),
      links: [...document.querySelectorAll('[data-bering-chart]')].flatMap((el) => [...(el.shadowRoot?.querySelectorAll('a') ?? [])])
        .map((a) => a.getAttribute('href')),
      injected: [document, ...[...document.querySelectorAll('*')].map((el) => el.shadowRoot).filter(Boolean)]
        .reduce((n, root) => n + root.querySelectorAll('img[src="x"], img[onerror], script:not([src]):not([type="application/json"])').length, 0),
    }));
    assert.deepEqual(res.states, ['ready', 'ready', 'ready', 'error']);
    assert.deepEqual(res.sinks, [], 'no HTML or code sink was called');
    assert.equal(res.injected, 0, 'no element created from data');
    assert.deepEqual(dialogs, []);
    // No link made from text: the data download ('#' until clicked, then data:text/csv) and
    // a source link only for an https:// sourceUrl (none here; tests/links.test.mjs has the rest).
    for (const href of res.links) assert.ok(href === null || href === '#' || href.startsWith('data:text/csv;'), `link ${href?.slice(0, 40)}`);
    assert.ok(res.links.some((h) => h?.startsWith('data:text/csv;')), 'the clicked data link is a CSV data URL');
    assertClean(p);
  } finally {
    await p.close();
  }
});

test('nothing added to window or to the built-in prototypes', async () => {
  const p = await openPage(env, '/tests/generated/globals.html', {
    prepare: async (context) => {
      await generated(context, 'globals', HOSTILE_PAGE);
      await context.addInitScript(() => {
        const T = window.__beringTest;
        T.protos = () => Object.fromEntries([
          ['Object', Object.prototype], ['Array', Array.prototype], ['Function', Function.prototype],
          ['String', String.prototype], ['Promise', Promise.prototype], ['EventTarget', EventTarget.prototype],
          ['Node', Node.prototype], ['Element', Element.prototype], ['HTMLElement', HTMLElement.prototype],
          ['HTMLCanvasElement', HTMLCanvasElement.prototype], ['CanvasRenderingContext2D', CanvasRenderingContext2D.prototype],
          ['ShadowRoot', ShadowRoot.prototype], ['Document', Document.prototype], ['document', document],
          ['WebAssembly', WebAssembly], ['console', console], ['JSON', JSON], ['Math', Math],
        ].map(([name, o]) => [name, [...Object.getOwnPropertyNames(o), ...Object.getOwnPropertySymbols(o).map(String)].sort()]));
        T.protosBefore = T.protos();
        T.symbolsBefore = Object.getOwnPropertySymbols(window).map(String);
      });
    },
  });
  try {
    await p.page.evaluate(() => window.__beringTest.frames(10));
    await p.page.hover('#length canvas');
    await p.page.evaluate(async () => {
      const { render } = await import('/embed/bering-chart.js');
      const h = await render(document.getElementById('later'), { chart: 'cost' });
      h.update({ theme: 'dark' });
      h.destroy();
    });
    const res = await p.page.evaluate(() => {
      const T = window.__beringTest;
      const now = T.protos();
      const changed = Object.keys(now).filter((k) => JSON.stringify(now[k]) !== JSON.stringify(T.protosBefore[k]))
        .map((k) => `${k}: +${now[k].filter((n) => !T.protosBefore[k].includes(n))} -${T.protosBefore[k].filter((n) => !now[k].includes(n))}`);
      return {
        names: T.newGlobals().filter((n) => !/^\d+$/.test(n)),
        symbols: Object.getOwnPropertySymbols(window).map(String).filter((s) => !T.symbolsBefore.includes(s)),
        changed,
        states: [...document.querySelectorAll('[data-bering-chart]')].map((el) => el.getAttribute('data-bering-state')),
      };
    });
    assert.deepEqual(res.states, ['ready', 'ready', 'ready', 'error']);
    assert.deepEqual(res.names, [], 'no new window property');
    assert.deepEqual(res.symbols, [], 'no new window symbol');
    assert.deepEqual(res.changed, [], 'no built-in prototype changed');
    assertClean(p);
  } finally {
    await p.close();
  }
});

test('no prototype-polluting merges: __proto__ and constructor keys change nothing', async () => {
  await withPage(env, '/tests/generated/pollution.html', {
    prepare: (context) => generated(context, 'pollution', page(`
<div style="width:640px"><div id="attr" data-bering-chart="length" data-__proto__="polluted" data-constructor="x"></div></div>
<div style="width:640px"><div id="spec" data-bering-chart="length"><script type="application/json">{"title": "T", "bars": [{"label": "A", "value": 1, "__proto__": {"polluted": "yes"}}]}</script></div></div>
<div style="width:640px"><div id="api"></div></div>`)),
  }, async (p) => {
    const res = await p.page.evaluate(async () => {
      const { render } = await import('/embed/bering-chart.js');
      const out = {};
      const el = document.getElementById('api');
      const h = await render(el, JSON.parse('{"chart": "cost", "__proto__": {"polluted": "yes", "theme": "dark"}, "constructor": {"prototype": {"polluted": "yes"}}}'));
      h.update(JSON.parse('{"__proto__": {"polluted": "yes"}, "units": "km"}'));
      await window.__beringTest.frames(3);
      out.apiState = el.getAttribute('data-bering-state');
      out.apiBackground = window.__beringTest.modeColour('#api');
      out.states = ['attr', 'spec'].map((id) => document.getElementById(id).getAttribute('data-bering-state'));
      out.specMessage = document.getElementById('spec').shadowRoot.querySelector('.bering-message').textContent;
      out.polluted = [({}).polluted, ({}).theme, Object.prototype.polluted, [].polluted, (() => {}).polluted];
      h.destroy();
      return out;
    });
    assert.deepEqual(res.polluted, [undefined, undefined, undefined, undefined, undefined], 'Object.prototype untouched');
    assert.equal(res.apiState, 'ready');
    assert.equal(res.apiBackground, '#ffffff', 'an inherited-looking "theme" in __proto__ is not an option');
    assert.equal(res.states[0], 'ready', 'data-__proto__ / data-constructor attributes are ignored');
    assert.equal(res.states[1], 'error');
    assert.equal(res.specMessage, 'Chart data: "bars[0].__proto__" is not a field; use label, value, qualifier.');
    assertClean(p, { allowConsole: true });
  });
});
