// bench.js: builds the benchmark page (see bench.html). Reads ?n=K (default 1,
// clamped to 1..200), adds K copies of the default pair of widgets
// (<div data-bering-chart="length"> and <div data-bering-chart="cost">, each in
// a 640px-wide box), and once all 2K have settled (ready, error or fallback, via
// the bering-chart:ready / bering-chart:error events or data-bering-state) calls
// performance.mark('drawn') and sets window.__drawn = performance.now(),
// window.__benchErrors (elements in error) and window.__benchStates (counts); after the
// frame that paints them, performance.mark('painted') and a call to bench/run.mjs's binding.
performance.mark('bench-start');

const MAX_N = 200;
const CHARTS = ['length', 'cost'];
const SETTLED = new Set(['ready', 'error', 'fallback']);

function readN() {
  const raw = Number.parseInt(new URLSearchParams(location.search).get('n') ?? '', 10);
  if (!Number.isFinite(raw)) return 1;
  return Math.min(MAX_N, Math.max(1, raw));
}

const n = readN();
const root = document.getElementById('bench-charts');
const status = document.getElementById('bench-status');
const elements = [];
const members = new Set(); // the same elements, for quick membership checks
const frag = document.createDocumentFragment();
// A page that already holds its charts (bench/run.mjs's generator-snippet page: each element
// with its static image, pasted as the generator writes it) is measured as it is.
const pasted = [...root.querySelectorAll('[data-bering-chart]')];
for (const el of pasted) {
  elements.push(el);
  members.add(el);
}
// The first chart the reader sees there is the static chart: an image's, the first image LCP reports.
// Chrome's LCP skips an image of under 0.05 bits per pixel, and a gzipped SVG chart has about
// 0.03, so the image's paint is also taken here: the frame after it arrives, or (when it had
// arrived before this script ran) its response end or the first contentful paint, if later.
const imagePaints = [];
const arrivedBefore = [];
for (const img of pasted.flatMap((el) => [...el.querySelectorAll('img')])) {
  if (img.complete) arrivedBefore.push(img);
  else img.addEventListener('load', () => requestAnimationFrame((t) => imagePaints.push(t)), { once: true });
}
// The generator's snippet holds its static chart as HTML (its data-bering-static div): parsed with the page, it
// paints in the page's first contentful paint.
const htmlStatic = pasted.some((el) => el.querySelector(':scope > [data-bering-static]'));
function imagePainted() {
  const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0;
  if (htmlStatic) return fcp || undefined;
  const arrived = arrivedBefore.map((img) => performance.getEntriesByName(img.currentSrc)[0])
    .filter(Boolean).map((response) => Math.max(response.responseEnd, fcp));
  const paints = [...imagePaints, ...arrived];
  return paints.length ? Math.min(...paints) : undefined;
}
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.element?.tagName === 'IMG' && window.__firstVisible === undefined) window.__firstVisible = entry.startTime;
  }
}).observe({ type: 'largest-contentful-paint', buffered: true });
for (let i = 0; !pasted.length && i < n; i++) {
  for (const chart of CHARTS) {
    const box = document.createElement('div');
    box.className = 'bench-box';
    const el = document.createElement('div');
    el.setAttribute('data-bering-chart', chart);
    // Every copy is drawn, on screen or not: the page measures drawing them all.
    el.setAttribute('data-loading', 'eager');
    box.append(el);
    frag.append(box);
    elements.push(el);
    members.add(el);
  }
}

// Settled state of each element: from its event (authoritative) or its attribute.
const settled = new Map();
let done = false;

function finish() {
  if (done || settled.size < elements.length) return;
  done = true;
  performance.mark('drawn');
  const drawn = performance.now();
  const states = { ready: 0, error: 0, fallback: 0 };
  for (const s of settled.values()) states[s] = (states[s] ?? 0) + 1;
  window.__benchErrors = states.error;
  window.__benchStates = states;
  window.__drawn = drawn;
  window.__imagePainted = imagePainted();
  markPainted();
  mo.disconnect();
  status.textContent = `n=${n}: ${elements.length} charts settled in ${drawn.toFixed(1)} ms ` +
    `(ready ${states.ready}, error ${states.error}, fallback ${states.fallback})`;
  if (states.error) {
    const first = elements.find((el) => settled.get(el) === 'error');
    console.warn('bench: errored charts:', states.error, first?.shadowRoot?.textContent?.trim());
  }
}

// The frame that paints the settled charts, then a task after it: performance.mark('painted')
// (bench/run.mjs counts main-thread CPU up to this mark), then bench/run.mjs's binding.
function markPainted() {
  requestAnimationFrame(() => setTimeout(() => {
    performance.mark('painted');
    window.__benchPainted?.(''); // bench/run.mjs's CDP binding
  }));
}

function note(el, state) {
  if (!members.has(el) || settled.has(el) || !SETTLED.has(state)) return;
  settled.set(el, state);
  finish();
}

document.addEventListener('bering-chart:ready', (e) => {
  // e.target is the host element (events from inside its shadow root are retargeted).
  const el = e.target;
  note(el, el.getAttribute?.('data-bering-state') === 'fallback' ? 'fallback' : 'ready');
});
document.addEventListener('bering-chart:error', (e) => {
  const el = e.target;
  note(el, el.getAttribute?.('data-bering-state') === 'fallback' ? 'fallback' : 'error');
});
// Belt and braces: a state attribute that settles without an event still counts.
const mo = new MutationObserver((records) => {
  for (const r of records) note(r.target, r.target.getAttribute('data-bering-state'));
});
mo.observe(root, { subtree: true, attributes: true, attributeFilter: ['data-bering-state'] });

root.append(frag);
status.textContent = `n=${n}: drawing ${elements.length} charts…`;
