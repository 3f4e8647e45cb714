/**
 * bering-chart embed shim (dist/embed/bering-chart.js).
 *
 * Finds every `[data-bering-chart]` element (now and when added later), gives
 * it an open shadow root holding a canvas, and forwards to the wasm `Widget`
 * what only the page knows: options (as strings), the child JSON, the CSS
 * width, devicePixelRatio and the colour-scheme preference. It holds no chart
 * logic: validation, wording, layout and drawing happen in Rust. The canvas
 * holds the bars; the lines of text around it are set as page text where
 * Rust laid them out. The build inlines wasm-bindgen's glue into this file
 * and writes in the wasm's SRI hash; German, French and Russian words come
 * from `locale/<lang>.json` beside it, fetched once per page when needed.
 *
 * Any host: the shadow root's `:host` rules keep the element a block as wide
 * as its container offers (at least 280 px, or the container if narrower),
 * whatever the page's CSS on it; shrink-to-fit hosts offer it the width
 * available. Copies of the markup are set up afresh (the claim is a property,
 * not an attribute); documented attributes are live.
 *
 * Public interface (shared/embed-contract.md): data attributes, the states in
 * `data-bering-state`, the `bering-chart:ready` / `bering-chart:error` events,
 * and `render(element, options)` -> `{update, destroy}`. Text from data only
 * reaches the DOM through textContent and attributes; nothing goes on window.
 *
 * Static fallback: a child `<img>`/`<picture>` of the element (the generated
 * snippet's) stays visible through a `<slot>` until the canvas is drawn, and
 * stays if WebAssembly cannot run (state `fallback`, one console message
 * naming the cause). Without one, a default chart falls back to
 * `../fallback/<chart>[-km][-dark].svg`. Print shows the static SVG.
 *
 * Accessibility: a figure with a caption (title, takeaway), the canvas as one
 * tab stop (role img, named by the title, described by every figure), a
 * visually hidden data table, arrow keys and pointer over the bars with a
 * tooltip, the reader's font size, colour scheme, forced colours and reduced
 * motion. All words come from Rust (`Widget`), in the chart's locale.
 */

const OPTION_KEYS = ["chart", "units", "currency", "locale", "theme", "gbpPerUsd"];
/** Largest child JSON accepted, checked before parsing. */
const MAX_SPEC_BYTES = 100_000;
const STATE = "data-bering-state";
/**
 * Set on an element (as a property, under a key every copy of this script
 * shares) when a copy takes it: another copy on the page, loaded from another
 * URL, leaves it alone. A property is never serialised or cloned, so a copy of
 * the markup (cloneNode, a restored page cache, saved HTML) is set up afresh,
 * whatever `data-bering-state` it carries.
 */
const CLAIM = Symbol.for("bering-chart.claim");
/** The documented attributes; a change to any of them on a live chart updates it. */
const LIVE_ATTRIBUTES = ["data-bering-chart", "data-units", "data-currency", "data-locale", "data-theme", "data-gbp-per-usd"];
/** Where host pages say they are dark, on `<html>` or `<body>` (with `class`, and `style` for --bering-*). */
const HOST_THEME_ATTRIBUTES = ["data-theme", "data-color-scheme", "data-mode"];
/** Give up on the wasm module after this long (override: `data-load-timeout` in ms). */
/** The languages of the static files besides en-US (src/bin/bering-svg.rs makes them). */
const STATIC_LOCALES = ["en-GB", "de-DE", "fr-FR", "ru-RU"];
const DEFAULT_LOAD_TIMEOUT_MS = 10_000;
/** Length of the bars' grow-in, skipped under prefers-reduced-motion. */
const GROW_MS = 400;
const HERE = import.meta.url;
/**
 * The wasm module's Subresource Integrity hash, written in by the build
 * (tools/build-dist.sh): the page's integrity attribute on this script then
 * covers the module too. Empty (no check) when the shim runs unbuilt.
 */
const WASM_INTEGRITY = "";
/** The locale packs' SRI hashes by name ("de"), written in by the build the same way. */
const PACK_INTEGRITY = {};
/**
 * The height of each default chart in its units at every width, `[first, width, height, …]`
 * (written in by the build from `fallback/reserve.json`, which the Rust layout makes: see
 * src/reserve.rs). It holds the chart's place from the claim until it draws.
 */
const RESERVE = {};
/** Joins the fields of the texts Rust hands over (U+001F, which no chart text holds). */
const FIELD_SEPARATOR = "\x1f";
/** Joins records of such fields (U+001E). */
const RECORD_SEPARATOR = "\x1e";
/** House-style custom properties read from the host element at every drawing (the font last). */
const STYLE_PROPERTIES = ["--bering-text", "--bering-muted", "--bering-bg", "--bering-accent", "--bering-baseline", "--bering-font"];
/** System colours for forced-colors mode, in the order of STYLE_PROPERTIES. */
const FORCED_COLORS = ["CanvasText", "CanvasText", "Canvas", "Highlight", "CanvasText"];
const FONT_INDEX = 5;

const CSS = `
:host { display: block !important; box-sizing: border-box !important; min-width: min(280px, 100%) !important;
  max-width: 100% !important; break-inside: avoid !important; flex: 1 1 280px; }
:host([hidden]) { display: none !important; }
:host::before, :host::after { content: none !important; }
.drawn > .bering-reserve, :host([data-bering-state="error"]) .bering-reserve, :host([data-bering-state="fallback"]) .bering-reserve { display: none; }
.bering { margin: 0; position: relative; width: 100%; box-sizing: border-box; break-inside: avoid; direction: ltr;
  font: 16px/normal sans-serif; letter-spacing: normal; word-spacing: normal; text-transform: none; text-indent: 0;
  text-align: left; text-shadow: none; white-space: normal; writing-mode: horizontal-tb; }
canvas { display: block; position: absolute; left: 0; top: 0; }
.bering-ruler { height: 0; overflow: hidden; line-height: 0; }
.bering-ruler span { display: inline-block; width: 40px; }
.bering-ruler span:first-child { width: 280px; max-width: 100%; }
.bering-text { position: absolute; inset: 0; pointer-events: none; white-space: pre-line; }
.bering-nocopy { user-select: none; }
.bering-line { position: absolute; margin: 0; white-space: pre; pointer-events: auto; }
canvas:focus { outline: none; }
canvas:focus-visible { outline: 3px solid var(--bering-link, #595959); outline-offset: 2px; }
[hidden] { display: none !important; }
::slotted(img), ::slotted(picture), .bering-static img { display: block; width: 100%; height: auto; }
.bering-static { display: none; }
:host([data-bering-state="loading"]) .bering:not(.drawn) .bering-static.slotted, :host([data-bering-state="fallback"]) .bering-static { display: block; }
.bering-message { margin: 0; padding: 10px 12px; border-left: 4px solid #b3261e;
  background: #fdf3f2; color: #5c1410; font: 14px/1.45 system-ui, sans-serif; }
.bering-links { position: absolute; left: var(--bering-pad, 16px); bottom: var(--bering-pad, 16px);
  font: 12px/24px "DejaVu Sans", Verdana, Arial, Helvetica, sans-serif; color: var(--bering-link, #595959);
  font-size: calc(12px * var(--bering-text-scale, 1)); line-height: calc(24px * var(--bering-text-scale, 1)); }
.bering-links a { color: inherit; }
.bering-links a:focus-visible { outline: 2px solid currentColor; outline-offset: 2px; }
.bering-tooltip { position: absolute; z-index: 1; max-width: min(320px, 90%); padding: 6px 8px; border-radius: 4px;
  background: #1b1b1b; color: #ffffff; border: 1px solid #ffffff; pointer-events: none;
  font: 13px/1.35 "DejaVu Sans", Verdana, Arial, Helvetica, sans-serif; }
.bering-sr { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
  clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; border: 0; }
.bering-probe { position: absolute; visibility: hidden; font-size: medium; forced-color-adjust: none; }
@media (forced-colors: active) { .bering-tooltip { border-color: CanvasText; } }
@media print {
  .bering-links, .bering-tooltip { display: none !important; }
  .has-static:not(.drawn) .bering-static { display: block !important; }
}
`;

/** Widgets this copy of the shim manages, by element. */
const handles = new Map();
let wasmReady = null;
let wasmDead = false;
let frameRequested = false;
const dirty = new Set();
const darkScheme = matchMedia("(prefers-color-scheme: dark)");
/** Device pixels per CSS px while printing: the live chart is redrawn this sharp on beforeprint. */
const PRINT_RATIO = 4;
let printing = false;

/**
 * Whether the host page is dark, for `data-theme="auto"`: a `dark` /
 * `theme-dark` (or `light` / `theme-light`) class, or `data-theme`,
 * `data-color-scheme` or `data-mode` set to `dark` or `light`, on `<html>` or
 * `<body>`; then the root's `color-scheme` if it names one scheme only; then
 * the reader's `prefers-color-scheme`.
 */
function pageDark() {
  for (const node of [document.documentElement, document.body]) {
    if (!node) continue;
    const classes = node.classList;
    if (classes.contains("dark") || classes.contains("theme-dark")) return true;
    if (classes.contains("light") || classes.contains("theme-light")) return false;
    for (const name of HOST_THEME_ATTRIBUTES) {
      const value = node.getAttribute(name);
      if (value === "dark" || value === "light") return value === "dark";
    }
  }
  const scheme = getComputedStyle(document.documentElement).colorScheme.trim();
  if (scheme === "dark" || scheme === "only dark") return true;
  if (scheme === "light" || scheme === "only light") return false;
  return darkScheme.matches;
}
const reducedMotion = matchMedia("(prefers-reduced-motion: reduce)");
const forcedColors = matchMedia("(forced-colors: active)");
let sheet = null;
/** The wasm Widget class, once the module has loaded. */
let WidgetClass = null;
/** The wasm-bindgen module once loaded (Widget and the locale-pack functions). */
let chartModule = null;
/** Locale packs being fetched, by name ("de"), and those that failed (never retried). */
const packsLoading = new Map();
const packsFailed = new Set();

/** Why WebAssembly could not run, in words for the console and the event detail. */
class LoadFailure extends Error {}

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new LoadFailure(`${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function compileModule() {
  if (typeof WebAssembly !== "object" || typeof WebAssembly.compileStreaming !== "function") {
    throw new LoadFailure("this browser has no WebAssembly");
  }
  const url = new URL("./bering_chart_bg.wasm", HERE);
  let response;
  try {
    response = await fetch(url, WASM_INTEGRITY ? { integrity: WASM_INTEGRITY } : {});
  } catch (error) {
    // A failed integrity check hides the response: fetch it again, unchecked, to say why.
    const unchecked = WASM_INTEGRITY ? await fetch(url).catch(() => null) : null;
    if (!unchecked) throw new LoadFailure(`${url} could not be fetched (${messageOf(error)})`);
    response = unchecked;
    if (response.ok) throw new LoadFailure(`${url} is not the file this script was built with (its integrity hash differs)`);
  }
  if (!response.ok) throw new LoadFailure(`${url} answered HTTP ${response.status}`);
  const type = (response.headers.get("content-type") || "").split(";")[0].trim();
  if (type !== "application/wasm") {
    throw new LoadFailure(`${url} is served as "${type || "no type"}"; it must be "application/wasm"`);
  }
  try {
    return await WebAssembly.compileStreaming(response);
  } catch (error) {
    if (/Content Security Policy|unsafe-eval|wasm-eval/i.test(messageOf(error))) {
      throw new LoadFailure("the page's Content-Security-Policy does not allow WebAssembly: add 'wasm-unsafe-eval' to script-src");
    }
    throw new LoadFailure(`${url} is not a valid WebAssembly module (${messageOf(error)})`);
  }
}

async function instantiate() {
  // Fetch and compile the module while the glue loads, not after. (The build inlines the
  // glue into this file, tools/inline-glue.mjs: then this import is a plain call.)
  const compiling = compileModule();
  compiling.catch(() => {});
  let glue;
  try {
    glue = await import("./bering_chart.js");
  } catch (error) {
    throw new LoadFailure(`the glue module ${new URL("./bering_chart.js", HERE)} could not load (${messageOf(error)})`);
  }
  const module = await compiling;
  try {
    await glue.default({ module_or_path: module });
  } catch (error) {
    const csp = /Content Security Policy|unsafe-eval|wasm-eval/i.test(messageOf(error));
    throw new LoadFailure(csp
      ? "the page's Content-Security-Policy does not allow WebAssembly: add 'wasm-unsafe-eval' to script-src"
      : `the module could not start (${messageOf(error)})`);
  }
  return glue;
}

/** The wasm-bindgen module, once per page; rejects with a LoadFailure, logged once. */
function loadWasm(timeoutMs) {
  wasmReady ??= withTimeout(instantiate(), timeoutMs, "loading the chart module").catch((error) => {
    const failure = error instanceof LoadFailure ? error : new LoadFailure(messageOf(error));
    console.warn(`bering-chart: showing the static charts because ${failure.message}.`);
    throw failure;
  });
  return wasmReady;
}

/**
 * The locale pack that charts in `tag` need, fetched once per page from
 * `locale/<name>.json` beside this script and handed to Rust, which checks it;
 * null when none is needed or it failed before. The promise settles when the
 * pack is installed or has failed: charts in that language then speak en-US
 * and say why (one console warning).
 */
function localePack(tag) {
  const name = tag ? chartModule.missingLocalePack(tag) : "";
  if (!name || packsFailed.has(name)) return null;
  if (!packsLoading.has(name)) {
    const url = new URL(`./locale/${name}.json`, HERE);
    const integrity = PACK_INTEGRITY[name];
    const loading = fetch(url, integrity ? { integrity } : {})
      .then((response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return response.json();
      })
      .then((pack) => chartModule.installLocalePack(String(pack.lang), String(pack.catalog), pack.texts.join(FIELD_SEPARATOR)))
      .catch((error) => {
        packsFailed.add(name);
        const built = integrity ? " or are not the ones this script was built with" : "";
        console.warn(`bering-chart: the ${name} words (${url}) could not load${built} (${messageOf(error)}); those charts show en-US.`);
      })
      .finally(() => packsLoading.delete(name));
    packsLoading.set(name, loading);
  }
  return packsLoading.get(name);
}

function loadTimeout(element) {
  const ms = Number(element.getAttribute("data-load-timeout"));
  return Number.isFinite(ms) && ms > 0 ? ms : DEFAULT_LOAD_TIMEOUT_MS;
}

function styleSheet() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  }
  return sheet;
}

/** Options as the Rust side expects them: known keys only, every value a string. */
function optionStrings(element, overrides) {
  const merged = {};
  const fromAttributes = { ...element.dataset, chart: element.dataset.beringChart };
  for (const key of OPTION_KEYS) {
    const value = Object.hasOwn(overrides, key) ? overrides[key] : fromAttributes[key];
    if (value !== undefined && value !== null) merged[key] = String(value);
  }
  return merged;
}

/** The child JSON spec: `{present: false}` or `{present: true, value}`; throws a readable Error. */
function readSpec(element) {
  const scripts = element.querySelectorAll(':scope > script[type="application/json"]');
  if (scripts.length > 1) {
    throw new Error(`Chart data: the element holds ${scripts.length} <script type="application/json"> children; give it one chart specification.`);
  }
  const script = scripts[0];
  if (!script) return { present: false, value: undefined };
  const text = script.textContent ?? "";
  if (text.length > MAX_SPEC_BYTES) {
    throw new Error(`Chart data: the child <script type="application/json"> holds ${text.length} characters; at most ${MAX_SPEC_BYTES} are allowed.`);
  }
  if (!text.trim()) {
    throw new Error('Chart data: the child <script type="application/json"> is empty; remove it for the default chart or give a chart specification.');
  }
  try {
    return { present: true, value: JSON.parse(text) };
  } catch (error) {
    throw new Error(`Chart data: the child <script type="application/json"> is not valid JSON (${error.message}).`);
  }
}

function messageOf(error) {
  return typeof error === "string" ? error : (error && error.message) || String(error);
}

function settle(handle, state, detail) {
  handle.element.setAttribute(STATE, state);
  const type = state === "ready" ? "bering-chart:ready" : "bering-chart:error";
  handle.element.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true, detail }));
}

function showMessage(handle, state, text) {
  handle.canvas.hidden = true;
  handle.textBox.hidden = true;
  restyle(handle.figure, { height: "" });
  handle.links.hidden = true;
  hideTooltip(handle);
  // A fallback with a static chart shows the chart; the reason went to the console once.
  const quiet = state === "fallback" && handle.hasStatic;
  handle.message.hidden = quiet;
  handle.message.textContent = text;
  if (!quiet) console.warn(`bering-chart: ${text}`, handle.element);
  settle(handle, state, { state, message: text });
}

/** A wasm trap aborts the shared instance: every widget falls back, none calls it again. */
function onTrap(error) {
  wasmDead = true;
  for (const handle of handles.values()) {
    handle.widget = null;
    showMessage(handle, "fallback", `The chart stopped working (${messageOf(error)}).`);
  }
}

/**
 * One ResizeObserver for every widget, on a zero-height ruler as wide as the
 * figure (so our own drawing never resizes what is observed). Only a width
 * change needs a redraw (the height follows from the chart). It draws right
 * there, after the frame's layout and before its paint: no layout is forced,
 * and the new width is on screen in the same frame (one commit, not two). A
 * new widget's first drawing waits for the next animation frame instead, with
 * every widget set up by then (measured faster for many widgets at once).
 */
const byRuler = new WeakMap();
const resizes = new ResizeObserver((entries) => {
  const batch = [];
  for (const entry of entries) {
    const handle = byRuler.get(entry.target);
    const width = Math.floor(entry.contentBoxSize?.[0]?.inlineSize ?? entry.contentRect.width);
    if (handle && width !== handle.drawnWidth) {
      dirty.delete(handle);
      batch.push(handle);
    }
  }
  // Events and promises wait for a task after this frame: code of the page that reacts
  // to them (new widgets, other widths) must not run inside the observer's delivery.
  const announcements = drawBatch(batch);
  if (announcements.length) setTimeout(() => announcements.forEach((announceIt) => announceIt()));
});

/** Draws `handle` in the next animation frame, with every other widget due then. */
function scheduleDraw(handle) {
  dirty.add(handle);
  if (frameRequested) return;
  frameRequested = true;
  requestAnimationFrame(() => {
    frameRequested = false;
    drawNow([...dirty]);
  });
}

/** Draws `batch` at once (taking it off the due list) and makes its announcements. */
function drawNow(batch) {
  batch.forEach((handle) => dirty.delete(handle));
  drawBatch(batch).forEach((announceIt) => announceIt());
}

/**
 * Reads every widget's size and style, then paints every canvas, then writes the
 * DOM: interleaving them would force a style or layout pass per widget. Returns
 * the announcements to make.
 */
function drawBatch(batch) {
  const dark = batch.length ? pageDark() : false;
  const readings = batch.map((handle) => readEnvironment(handle, dark));
  const painted = batch.map((h, i) => paint(h, readings[i]));
  return batch.map((h, i) => publish(h, painted[i])).filter(Boolean);
}

/**
 * What a drawing needs from the page: the column width, the reader's default
 * font size (the "medium" keyword ignores the page's own CSS) and the house
 * style (or forced colours), resolved to computed values.
 */
function readEnvironment(handle, dark) {
  if (!handle.widget || wasmDead) return null;
  const host = getComputedStyle(handle.element);
  const { probe } = handle;
  const forced = forcedColors.matches;
  const style = STYLE_PROPERTIES.map((name, i) => {
    const value = forced && i < FONT_INDEX ? FORCED_COLORS[i] : host.getPropertyValue(name).trim();
    if (i === FONT_INDEX || !value) return value;
    probe.style.color = "";
    probe.style.color = value;
    return probe.style.color ? getComputedStyle(probe).color : "";
  });
  const cssWidth = Math.floor(handle.figure.clientWidth);
  // Device pixels per CSS px as rendered: devicePixelRatio times CSS zoom and scale
  // transforms of the page (the ruler's drawn width over its layout width).
  const shown = handle.ruler.getBoundingClientRect().width / cssWidth;
  const scale = shown > 0.1 && shown < 10 ? shown : handle.figure.currentCSSZoom || 1;
  return {
    // Media queries are read here too: evaluating one can force a layout.
    dark,
    reducedMotion: reducedMotion.matches,
    cssWidth,
    pixelRatio: printing ? PRINT_RATIO : Math.round(devicePixelRatio * scale * 100) / 100,
    textScale: Math.min(2, Math.max(1, parseFloat(getComputedStyle(probe).fontSize) / 16 || 1)),
    style,
  };
}

/**
 * Draws one widget's canvas (wasm only: no DOM writes, so the next widget's
 * canvas font is set on a clean style and forces no recalculation); returns
 * what `publish` needs, or null.
 */
function paint(handle, reading) {
  if (!handle.widget || wasmDead || !reading) return null;
  const { cssWidth, textScale } = reading;
  if (cssWidth <= 0) return null;
  // The bars grow in only where the reader has not already seen them whole in a static image.
  if (handle.draws === 0 && !reading.reducedMotion && !handle.staticShown) handle.growStart = performance.now();
  const grow = handle.growStart === null ? 1 : Math.min(1, (performance.now() - handle.growStart) / GROW_MS);
  try {
    handle.widget.setStyle(reading.style.join(FIELD_SEPARATOR));
    const cssHeight = handle.widget.draw(cssWidth, reading.pixelRatio, reading.dark, textScale, grow, handle.focus);
    return { cssWidth, cssHeight, textScale, grow, pixelRatio: reading.pixelRatio, overlay: handle.widget.overlay() };
  } catch (error) {
    if (error instanceof WebAssembly.RuntimeError) onTrap(error);
    else fail(handle, error);
    return null;
  }
}

/**
 * The lines of text above and below the canvas, one element each, placed where
 * Rust laid them out (records of: l|r, x, top, font with line height, colour, text).
 */
function setLines(box, lines, width) {
  while (box.childElementCount > lines.length) {
    box.lastElementChild.nextSibling?.remove();
    box.lastElementChild.remove();
  }
  lines.forEach((record, i) => {
    const [side, x, top, font, color, text] = record.split(FIELD_SEPARATOR);
    let line = box.children[i];
    if (!line) {
      // Each line is followed by a line break, so a copy of the page keeps the words apart.
      line = box.appendChild(element("p", "bering-line"));
      box.append("\n");
    }
    restyle(line, {
      font, color, top: `${top}px`,
      left: side === "l" ? `${x}px` : "", right: side === "r" ? `${width - Number(x)}px` : "",
    });
    if (line.textContent !== text) line.textContent = text;
  });
}

/** Inline style values last written, per element of ours. */
const written = new WeakMap();

/** Writes the inline style properties that changed since the last call (a write can cost a style pass). */
function restyle(node, values) {
  let last = written.get(node);
  if (!last) written.set(node, (last = {}));
  for (const [name, value] of Object.entries(values)) {
    if (last[name] === value) continue;
    last[name] = value;
    node.style.setProperty(name, value);
  }
}

/**
 * After every widget of the frame is painted: sizes, text and links. Returns
 * the announcement (events, state) to make next, or nothing.
 */
function publish(handle, painted) {
  if (!painted || !handle.widget || wasmDead) return null;
  const { cssWidth, cssHeight, textScale } = painted;
  const { canvas, figure } = handle;
  // The canvas holds the bars; the title, takeaway and notes above and below it are page text.
  const [head, ...lines] = painted.overlay.split(RECORD_SEPARATOR);
  const [canvasTop, canvasHeight, padding, linkColor, background] = head.split(FIELD_SEPARATOR);
  restyle(figure, {
    height: `${cssHeight}px`, "background-color": background,
    "--bering-pad": `${padding}px`, "--bering-link": linkColor, "--bering-text-scale": String(textScale),
  });
  restyle(canvas, { top: `${canvasTop}px`, width: `${cssWidth}px`, height: `${canvasHeight}px` });
  canvas.hidden = false;
  setLines(handle.textBox, lines, cssWidth);
  handle.textBox.hidden = false;
  figure.classList.add("drawn");
  handle.message.hidden = true;
  handle.links.hidden = false;
  handle.draws += 1;
  handle.drawnWidth = cssWidth;
  clearTimeout(handle.watchdog);
  const draws = handle.draws;
  return () => announce(handle, painted, draws);
}

/** After a drawing: its event, the next frame of the grow-in, the tooltip, and `ready` once. */
function announce(handle, painted, draws) {
  if (handles.get(handle.element) !== handle || !handle.widget || wasmDead) return;
  const { cssWidth, cssHeight, grow, pixelRatio } = painted;
  handle.element.dispatchEvent(new CustomEvent("bering-chart:draw", {
    bubbles: true, composed: true,
    detail: { width: cssWidth, height: cssHeight, pixelRatio, draws, grow },
  }));
  if (grow < 1) {
    scheduleDraw(handle);
    return;
  }
  handle.growStart = null;
  if (handle.tipIndex >= 0) placeTooltip(handle, handle.tipIndex);
  if (handle.element.getAttribute(STATE) !== "ready") {
    settle(handle, "ready", { chart: handle.chartName, width: cssWidth, height: cssHeight });
    handle.resolve?.(handle.api);
    handle.resolve = handle.reject = null;
  }
}

function fail(handle, error) {
  const text = messageOf(error);
  showMessage(handle, "error", text);
  handle.reject?.(new Error(text));
  handle.resolve = handle.reject = null;
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Everything the chart says, as text: caption, name, description, data table, link. */
function describe(handle) {
  const [lang, name, title, takeaway, description, dataLinkText, url, sourceLinkText, note, figures] = handle.widget.texts().split(FIELD_SEPARATOR);
  handle.figures.textContent = figures;
  handle.chartName = name;
  handle.figure.lang = lang;
  handle.caption.replaceChildren(element("span", "", title), document.createTextNode(takeaway ? ` ${takeaway}` : ""));
  handle.canvas.setAttribute("aria-label", title);
  handle.description.textContent = description;
  handle.link.textContent = dataLinkText;
  // Rust lets only https:// addresses through; checked again here, where the link is made.
  const safe = URL.canParse(url) && new URL(url).protocol === "https:";
  handle.sourceLink.hidden = handle.separator.hidden = !safe;
  if (safe) {
    handle.sourceLink.href = url;
    handle.sourceLink.textContent = sourceLinkText;
  } else {
    handle.sourceLink.removeAttribute("href");
  }
  // The hidden data table waits until the browser is idle: about a third of a chart's
  // style and layout work, none of it visible, so it need not delay the chart.
  const tableDue = handle.tableCells === undefined || handle.tableCells === null;
  handle.tableCells = handle.widget.table();
  handle.tableTitle = title;
  if (tableDue) whenIdle(() => buildTable(handle));
  if (note && note !== handle.loggedNote) console.info(`bering-chart: ${note}`, handle.element);
  handle.loggedNote = note;
}

const whenIdle = window.requestIdleCallback
  ? (work) => requestIdleCallback(work, { timeout: 1000 })
  : (work) => setTimeout(work, 50);

/** The data table from the last words `describe` got, unless the widget is gone. */
function buildTable(handle) {
  const text = handle.tableCells;
  handle.tableCells = null;
  if (!text || handles.get(handle.element) !== handle) return;
  const cells = text.split(FIELD_SEPARATOR);
  const columns = cells.splice(0, 7);
  const rows = [];
  while (cells.length) rows.push(cells.splice(0, columns.length));
  const head = element("tr");
  for (const name of columns) {
    const th = element("th", "", name);
    th.scope = "col";
    head.append(th);
  }
  const body = element("tbody");
  for (const row of rows) {
    const tr = element("tr");
    row.forEach((text, col) => {
      const cell = element(col === 0 ? "th" : "td", "", text);
      if (col === 0) cell.scope = "row";
      tr.append(cell);
    });
    body.append(tr);
  }
  const thead = element("thead");
  thead.append(head);
  handle.table.replaceChildren(element("caption", "", handle.tableTitle), thead, body);
}

function placeTooltip(handle, index) {
  const text = handle.widget?.tooltip(index);
  const row = handle.widget?.barRow(index);
  if (!text || !row || row.length < 4) return hideTooltip(handle);
  const { tooltip, figure } = handle;
  tooltip.textContent = text;
  tooltip.hidden = false;
  const [, , right, bottom] = row;
  const maxLeft = figure.clientWidth - tooltip.offsetWidth - 4;
  tooltip.style.left = `${Math.max(4, Math.min(right + 8, maxLeft))}px`;
  tooltip.style.top = `${bottom}px`;
  handle.tipIndex = index;
}

function hideTooltip(handle) {
  handle.tooltip.hidden = true;
  handle.tipIndex = -1;
}

/** Keyboard focus moves to bar `index`: ring, tooltip and a spoken update. */
function focusBar(handle, index) {
  handle.focus = index;
  placeTooltip(handle, index);
  handle.live.textContent = handle.widget.tooltip(index) ?? "";
  scheduleDraw(handle);
}

function wireInteraction(handle) {
  const { canvas } = handle;
  canvas.addEventListener("keydown", (event) => {
    if (!handle.widget) return;
    const count = handle.widget.barCount();
    const current = handle.focus;
    const next = {
      ArrowDown: current + 1, ArrowRight: current + 1, ArrowUp: current - 1, ArrowLeft: current - 1,
      Home: 0, End: count - 1,
    }[event.key];
    if (event.key === "Escape") {
      hideTooltip(handle);
      return;
    }
    if (next === undefined) return;
    event.preventDefault();
    focusBar(handle, Math.max(0, Math.min(count - 1, next)));
  });
  canvas.addEventListener("focus", () => {
    if (handle.widget && handle.focus < 0) focusBar(handle, 0);
  });
  canvas.addEventListener("blur", () => {
    handle.focus = -1;
    hideTooltip(handle);
    handle.live.textContent = "";
    scheduleDraw(handle);
  });
  const point = (event) => {
    if (!handle.widget) return;
    const index = handle.widget.barAt(event.offsetY);
    if (index >= 0) placeTooltip(handle, index);
    else if (handle.focus < 0) hideTooltip(handle);
  };
  canvas.addEventListener("pointermove", point);
  canvas.addEventListener("pointerdown", point);
  canvas.addEventListener("pointerleave", () => {
    if (handle.focus >= 0) placeTooltip(handle, handle.focus);
    else hideTooltip(handle);
  });
}

function redrawAll() {
  handles.forEach((handle) => {
    handle.setStatic();
    scheduleDraw(handle);
  });
}

/** Redraw everything when the pixel ratio, colour scheme, forced colours or fonts change, and for print. */
function watchEnvironment() {
  darkScheme.addEventListener("change", redrawAll);
  // A house web font that arrives after a drawing: lay out again, measured with it.
  document.fonts?.addEventListener("loadingdone", redrawAll);
  // Print the live chart (never a static one of other figures), redrawn sharp for paper.
  const print = (on) => () => {
    printing = on;
    drawNow([...handles.values()].filter((handle) => handle.draws > 0));
  };
  addEventListener("beforeprint", print(true));
  addEventListener("afterprint", print(false));
  forcedColors.addEventListener("change", redrawAll);
  const watchRatio = () => {
    matchMedia(`(resolution: ${devicePixelRatio}dppx)`).addEventListener("change", () => {
      redrawAll();
      watchRatio();
    }, { once: true });
  };
  watchRatio();
}

/**
 * The built-in static chart for a default chart (no child JSON), themed and in
 * the right units; null where no static file shows exactly what the options
 * ask for (custom data, pounds, a locale other than en-US): a fallback then
 * says what could not load rather than show other figures or words.
 */
function staticFallbackUrl(host, overrides) {
  if (host.querySelector(':scope > script[type="application/json"]')) return null;
  const option = (key, attribute) => String(overrides[key] ?? host.getAttribute(attribute) ?? "");
  const chart = option("chart", "data-bering-chart");
  if (!["length", "cost", "context"].includes(chart)) return null;  // The files' languages (exact tags; en-US has no suffix): a chart in another has no static twin.
  const tag = option("locale", "data-locale").toLowerCase();
  const locale = ["", "en", "en-us"].includes(tag) ? "" : STATIC_LOCALES.find((known) => known.toLowerCase() === tag);
  if (locale === undefined) return null;
  if (chart === "cost" && !["", "USD"].includes(option("currency", "data-currency"))) return null;
  const km = chart !== "cost" && option("units", "data-units") === "km";
  const theme = option("theme", "data-theme");
  const dark = theme === "dark" || (theme !== "light" && pageDark());
  return new URL(`../fallback/${chart}${locale && `-${locale}`}${km ? "-km" : ""}${dark ? "-dark" : ""}.svg`, HERE).href;
}

/**
 * The element's open shadow root with our stylesheet, from the moment it is
 * claimed: its `:host` rules give the element a box whatever the page's CSS
 * (`div:empty { display: none }` is common), so a chart set up lazily is seen
 * coming near the viewport. Until the chart is built it shows the element's
 * own children (a static image) through a slot.
 */
function shadowOf(host) {
  let root = host.shadowRoot;
  root ??= host.attachShadow({ mode: "open" });
  // (A destroyed widget left its root empty: claimed again, it starts as a new one.)
  if (!root.firstChild) root.append(element("slot"), element("div", "bering-reserve"));
  root.adoptedStyleSheets = [styleSheet()];
  return root;
}

/**
 * Holds a default chart's place until it draws: its height at the box's width, from
 * the layout (`RESERVE`), for the element's units. A chart with its own image (which
 * reserves its own height), custom data (whose height only the core knows) or an
 * unknown name holds none. Other locales and pounds take the en-US height, the closest
 * known before their words arrive.
 */
function holdPlace(reserve, host, overrides) {
  if (!reserve) return;
  const option = (key, attribute) => String(overrides[key] ?? host.getAttribute(attribute) ?? "");
  const chart = option("chart", "data-bering-chart");
  const own = host.querySelector(':scope > img, :scope > picture, :scope > script[type="application/json"]');
  const steps = own ? null : (option("units", "data-units") === "km" && RESERVE[`${chart}-km`]) || RESERVE[chart];
  reserve.hidden = !steps;
  reserve.style.paddingTop = steps ? heightCss(steps) : "";
}

/**
 * `[first, width, height, …]` as one CSS length of the box's width (`100%` in padding),
 * the same as src/reserve.rs writes: each step a clamp, 0 below its width, its whole
 * difference from its width on (layout widths are multiples of 1/64 px).
 */
function heightCss([first, ...steps]) {
  let css = `calc(${first}px`;
  for (let i = 0, last = first; i < steps.length; last = steps[i + 1], i += 2) {
    css += ` ${steps[i + 1] > last ? "+" : "-"} clamp(0px, (100% - ${steps[i] - 0.01}px) * 100000, ${Math.abs(steps[i + 1] - last)}px)`;
  }
  return `${css})`;
}

function createHandle(host, overrides) {
  const root = shadowOf(host);
  const figure = element("figure", "bering");
  // The place held since the claim, kept until the chart draws (or fails).
  const reserve = root.querySelector(".bering-reserve") ?? element("div", "bering-reserve");
  // As wide as the figure and 0 px high: what the ResizeObserver watches.
  // Its empty boxes (280 px, then 23 of 40 px) give the widget its intrinsic widths: at least
  // 280 px (or the container's width, if less), at most 1200 px; so a shrink-to-fit host
  // (flex row, inline-block, float, table cell, fit-content, grid auto track) offers it the
  // width available.
  const ruler = element("div", "bering-ruler");
  ruler.setAttribute("aria-hidden", "true");
  for (let i = 0; i < 24; i++) ruler.append(element("span"));
  // What assistive technology reads (caption, description, table, live region) is left out
  // of a copy of the page, which takes the visible lines and the figures once instead.
  const caption = element("figcaption", "bering-sr bering-nocopy");
  const canvas = element("canvas");
  canvas.setAttribute("role", "img");
  canvas.setAttribute("aria-describedby", "bering-description");
  canvas.tabIndex = 0;
  canvas.hidden = true;
  // The text around the canvas, as drawn (the caption and description say it to assistive technology).
  const textBox = element("div", "bering-text");
  textBox.setAttribute("aria-hidden", "true");
  textBox.hidden = true;
  const description = element("p", "bering-sr bering-nocopy");
  description.id = "bering-description";
  // The table sits in a clipped box: a table itself ignores the 1 px width and would widen the page.
  const tableBox = element("div", "bering-sr bering-nocopy");
  const table = element("table");
  tableBox.append(table);
  const tooltip = element("div", "bering-tooltip");
  tooltip.setAttribute("role", "tooltip");
  tooltip.hidden = true;
  const live = element("p", "bering-sr bering-nocopy");
  live.setAttribute("aria-live", "polite");
  // The figures in words, for a copy of the page only (the description says them to assistive technology).
  const figures = element("p", "bering-sr");
  figures.setAttribute("aria-hidden", "true");
  const probe = element("span", "bering-probe");
  probe.setAttribute("aria-hidden", "true");
  const staticBox = element("div", "bering-static");
  const message = element("p", "bering-message");
  message.setAttribute("role", "alert");
  message.hidden = true;
  const links = element("div", "bering-links");
  links.hidden = true;
  const link = element("a", "bering-data", "Get the data");
  link.href = "#";
  const separator = element("span", "", " · ");
  separator.setAttribute("aria-hidden", "true");
  const sourceLink = element("a", "bering-source");
  sourceLink.rel = "noopener noreferrer";
  sourceLink.target = "_blank";
  links.append(link, separator, sourceLink);
  figure.append(reserve, ruler, caption, canvas, textBox, figures, description, tableBox, staticBox, message, links, tooltip, live, probe);
  root.replaceChildren(figure);

  const handle = {
    element: host, root, figure, ruler, caption, canvas, textBox, figures, description, table, tooltip, live, probe, message, links, link, separator, sourceLink, hasStatic: false,
    widget: null, options: { ...overrides }, draws: 0, observed: false, focus: -1, tipIndex: -1, growStart: null,
    /** Whether the reader saw the chart whole in the page's static image (then no grow-in). */
    staticShown: false,
    /** The timer that falls back if a shown chart never gets room to draw. */
    watchdog: undefined,
    /** The static chart shown while loading, in fallback and in print: the page's child image, or our own. */
    setStatic() {
      const ownStatic = staticFallbackUrl(host, handle.options);
      const hasChildImage = host.querySelector(":scope > img, :scope > picture") !== null;
      handle.staticShown ||= hasChildImage;
      if (hasChildImage) {
        // The page's own static chart shows until the canvas is drawn.
        staticBox.classList.add("slotted");
        if (!staticBox.querySelector("slot")) staticBox.replaceChildren(element("slot"));
      } else if (ownStatic) {
        const img = staticBox.querySelector("img") ?? staticBox.appendChild(element("img"));
        img.alt = "";
        // Fetched only when shown (fallback, print): a drawn chart never needs it.
        img.loading = "lazy";
        if (img.src !== ownStatic) img.src = ownStatic;
      } else {
        staticBox.replaceChildren();
      }
      handle.hasStatic = hasChildImage || ownStatic !== null;
      holdPlace(reserve, host, handle.options);
      figure.classList.toggle("has-static", handle.hasStatic);
    },
  };
  handle.setStatic();
  link.addEventListener("click", () => {
    if (!handle.widget) return;
    link.download = `bering-chart-${handle.chartName}.csv`;
    link.href = `data:text/csv;charset=utf-8,${encodeURIComponent(handle.widget.csv())}`;
  });
  wireInteraction(handle);
  byRuler.set(ruler, handle);
  handle.api = {
    element: host,
    update(options = {}) {
      handle.options = { ...handle.options, ...options };
      handle.setStatic();
      // A new language may need its words first; the update applies once they are in.
      const pack = chartModule && !wasmDead ? localePack(optionStrings(host, handle.options).locale) : null;
      if (pack) {
        pack.then(() => { if (handles.get(host) === handle) handle.api.update(); });
        return;
      }
      if (!handle.widget) {
        // A chart whose options were bad gets another chance with the new ones.
        if (WidgetClass && handle.spec && !wasmDead && !construct(handle)) throw new Error(handle.message.textContent);
        return;
      }
      try {
        handle.widget.setOptions(optionStrings(host, handle.options));
      } catch (error) {
        if (error instanceof WebAssembly.RuntimeError) return onTrap(error);
        fail(handle, error);
        throw new Error(messageOf(error));
      }
      describe(handle);
      scheduleDraw(handle);
    },
    destroy() {
      handle.reject?.(new Error("bering-chart: the chart was destroyed before it was drawn."));
      handle.resolve = handle.reject = null;
      if (handle.observed) resizes.unobserve(handle.ruler);
      handle.observed = false;
      clearTimeout(handle.watchdog);
      dirty.delete(handle);
      handles.delete(host);
      try { handle.widget?.free(); } catch { /* a dead instance has nothing left to free */ }
      handle.widget = null;
      root.replaceChildren();
      host.removeAttribute(STATE);
      delete host[CLAIM];
    },
  };
  return handle;
}

async function setUp(host, overrides) {
  host[CLAIM] = true;
  host.setAttribute(STATE, "loading");
  let handle;
  try {
    handle = createHandle(host, overrides);
  } catch (error) {
    // e.g. the element already has a closed shadow root of someone else's.
    host.setAttribute(STATE, "error");
    const text = `bering-chart cannot draw in this element: ${messageOf(error)}`;
    console.warn(text, host);
    host.dispatchEvent(new CustomEvent("bering-chart:error", { bubbles: true, composed: true, detail: { state: "error", message: text } }));
    throw new Error(text);
  }
  handles.set(host, handle);
  const settled = new Promise((resolve, reject) => { handle.resolve = resolve; handle.reject = reject; });
  settled.catch(() => {});

  let spec;
  try {
    spec = readSpec(host);
  } catch (error) {
    fail(handle, error);
    return settled;
  }
  handle.spec = spec;
  try {
    chartModule = await loadWasm(loadTimeout(host));
    WidgetClass = chartModule.Widget;
    const pack = wasmDead ? null : localePack(optionStrings(host, handle.options).locale);
    if (pack) await withTimeout(pack, loadTimeout(host), "loading the locale pack").catch(() => {});
  } catch (error) {
    if (handles.get(host) !== handle) return settled;
    showMessage(handle, "fallback", `The interactive chart could not load: ${messageOf(error)}.`);
    handle.reject?.(new Error(handle.message.textContent));
    return settled;
  }
  if (handles.get(host) !== handle) return settled;
  if (!host.isConnected) {
    // Removed while loading: forget it, so that putting it back sets it up afresh.
    handle.api.destroy();
    return settled;
  }
  if (wasmDead) {
    showMessage(handle, "fallback", "The chart stopped working on this page.");
    return settled;
  }
  construct(handle);
  return settled;
}

/** Builds the wasm Widget for a handle and schedules its drawing; false on bad input. */
function construct(handle) {
  try {
    handle.widget = new WidgetClass(handle.canvas, optionStrings(handle.element, handle.options), handle.spec.present, handle.spec.value);
  } catch (error) {
    if (error instanceof WebAssembly.RuntimeError) onTrap(error);
    else fail(handle, error);
    return false;
  }
  describe(handle);
  if (!handle.observed) {
    handle.observed = true;
    resizes.observe(handle.ruler);
  }
  // The first drawing comes in the next animation frame, with every widget set up by then
  // (the observer's first notification, later in that frame, then finds it drawn).
  scheduleDraw(handle);
  // Never stuck in "loading" on screen: a chart that is shown but has had no room to
  // draw by the load timeout falls back and says why (a hidden one waits to be shown).
  handle.watchdog ??= setTimeout(() => {
    if (handles.get(handle.element) !== handle || handle.draws > 0 || handle.element.getAttribute(STATE) !== "loading") return;
    if (document.visibilityState !== "visible" || !handle.element.checkVisibility()) return;
    const text = `The chart has no room to draw: its box is ${handle.figure.clientWidth} px wide.`;
    if (handle.hasStatic) console.warn(`bering-chart: ${text}`, handle.element);
    showMessage(handle, "fallback", text);
  }, loadTimeout(handle.element));
  return true;
}

/**
 * Draws a chart in `element` and resolves with `{element, update, destroy}` once drawn;
 * rejects with the message shown in the box on bad input.
 */
export function render(host, options = {}) {
  const existing = handles.get(host);
  if (existing) {
    const drawn = existing.widget !== null;
    const settled = drawn ? Promise.resolve(existing.api)
      : new Promise((resolve, reject) => { existing.resolve = resolve; existing.reject = reject; });
    try {
      existing.api.update(options);
    } catch (error) {
      return Promise.reject(error);
    }
    return settled;
  }
  if (host[CLAIM] && !waiting.has(host)) {
    return Promise.reject(new Error("bering-chart: this element is already managed by another copy of the script."));
  }
  nearViewport.unobserve(host);
  waiting.delete(host);
  return setUp(host, options);
}

/**
 * Widgets far below (or above) the fold are set up when they come within three
 * screen heights of the viewport; `data-loading="eager"` sets one up at once.
 */
const waiting = new Set();
const nearViewport = new IntersectionObserver((entries) => {
  for (const entry of entries) {
    if (!entry.isIntersecting) continue;
    nearViewport.unobserve(entry.target);
    waiting.delete(entry.target);
    if (!handles.has(entry.target)) setUp(entry.target, {}).catch(() => {});
  }
}, { rootMargin: "300% 0px" });

function claim(host) {
  if (host[CLAIM]) return;
  host[CLAIM] = true;
  // A state in the markup is a copy's or a saved page's, not this element's.
  host.removeAttribute(STATE);
  try {
    holdPlace(shadowOf(host).querySelector(".bering-reserve"), host, {});
  } catch {
    // Someone else's closed shadow root: setting up says so in the box's place.
  }
  if (host.getAttribute("data-loading") === "eager") {
    setUp(host, {}).catch(() => {});
  } else {
    waiting.add(host);
    nearViewport.observe(host);
  }
}

function scan(node) {
  if (node.nodeType !== Node.ELEMENT_NODE) return;
  if (node.hasAttribute("data-bering-chart")) claim(node);
  for (const found of node.querySelectorAll("[data-bering-chart]")) claim(found);
}

watchEnvironment();
scan(document.documentElement);
/**
 * A widget whose element left the document (and did not come back by the next
 * task, as a moved element does) is destroyed: no observers or wasm memory
 * stay behind on pages that remove charts without calling destroy().
 */
function releaseRemoved() {
  for (const [host, handle] of handles) if (!host.isConnected) handle.api.destroy();
  for (const host of waiting) {
    if (host.isConnected) continue;
    nearViewport.unobserve(host);
    waiting.delete(host);
    delete host[CLAIM];
  }
}

/**
 * A documented attribute changed: a live chart updates as `update()` would (its
 * static image too), one that lost `data-bering-chart` is taken down, and an
 * element that gained it is set up. A chart's own `class` or `style` (house
 * style) redraws it.
 */
function attributeChanged(host, name) {
  const handle = handles.get(host);
  if (name === "class" || name === "style") {
    if (handle) scheduleDraw(handle);
    return;
  }
  if (!host.hasAttribute("data-bering-chart")) {
    if (handle && handle.options.chart === undefined) handle.api.destroy();
    return;
  }
  if (!handle) return claim(host);
  try {
    handle.api.update();
  } catch {
    // The box shows what is wrong, and the console says it once.
  }
}

new MutationObserver((records) => {
  let removed = false;
  let pageStyled = false;
  for (const record of records) {
    const { target } = record;
    // On <html> or <body>, any of the watched attributes may change the page's theme or --bering-* style.
    if (record.type === "attributes" && (target === document.documentElement || target === document.body)) pageStyled = true;
    else if (record.type === "attributes") attributeChanged(target, record.attributeName);
    record.addedNodes.forEach(scan);
    removed ||= record.removedNodes.length > 0;
  }
  if (pageStyled) redrawAll();
  if (removed && handles.size + waiting.size > 0) setTimeout(releaseRemoved, 0);
}).observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: [...LIVE_ATTRIBUTES, ...HOST_THEME_ATTRIBUTES, "class", "style"] });
