/**
 * bering-chart embed shim (dist/embed/bering-chart.js).
 *
 * Finds every `[data-bering-chart]` element (now and when added later), gives
 * it an open shadow root holding a canvas, and forwards to the wasm `Widget`
 * what only the page knows: options (as strings), the child JSON, the CSS
 * width, devicePixelRatio and the colour-scheme preference. It holds no chart
 * logic: validation, wording, layout and drawing happen in Rust.
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
 */

const OPTION_KEYS = ["chart", "units", "currency", "locale", "theme", "gbpPerUsd"];
/** Largest child JSON accepted, checked before parsing. */
const MAX_SPEC_BYTES = 100_000;
const STATE = "data-bering-state";
/** Give up on the wasm module after this long (override: `data-load-timeout` in ms). */
const DEFAULT_LOAD_TIMEOUT_MS = 10_000;
const HERE = import.meta.url;

const CSS = `
:host { display: block; }
.bering { margin: 0; position: relative; }
canvas { display: block; }
[hidden] { display: none !important; }
::slotted(img), ::slotted(picture), .bering-static img { display: block; width: 100%; height: auto; }
.bering-static { display: none; }
:host([data-bering-state="loading"]) .bering-static, :host([data-bering-state="fallback"]) .bering-static { display: block; }
.bering-message { margin: 0; padding: 10px 12px; border-left: 4px solid #b3261e;
  background: #fdf3f2; color: #5c1410; font: 14px/1.45 system-ui, sans-serif; }
.bering-data { position: absolute; left: var(--bering-pad, 16px); bottom: var(--bering-pad, 16px);
  font: 12px/16px "DejaVu Sans", Verdana, Arial, Helvetica, sans-serif; color: var(--bering-link, #595959); }
.bering-data:focus-visible { outline: 2px solid currentColor; outline-offset: 2px; }
@media print {
  .has-static canvas, .bering-data { display: none !important; }
  .has-static .bering-static { display: block !important; }
}
`;

/** Widgets this copy of the shim manages, by element. */
const handles = new Map();
let wasmReady = null;
let wasmDead = false;
let frameRequested = false;
const dirty = new Set();
const darkScheme = matchMedia("(prefers-color-scheme: dark)");
let sheet = null;

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
    response = await fetch(url);
  } catch (error) {
    throw new LoadFailure(`${url} could not be fetched (${messageOf(error)})`);
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
  let glue;
  try {
    glue = await import("./bering_chart.js");
  } catch (error) {
    throw new LoadFailure(`the glue module ${new URL("./bering_chart.js", HERE)} could not load (${messageOf(error)})`);
  }
  const module = await compileModule();
  try {
    await glue.default({ module_or_path: module });
  } catch (error) {
    const csp = /Content Security Policy|unsafe-eval|wasm-eval/i.test(messageOf(error));
    throw new LoadFailure(csp
      ? "the page's Content-Security-Policy does not allow WebAssembly: add 'wasm-unsafe-eval' to script-src"
      : `the module could not start (${messageOf(error)})`);
  }
  return glue.Widget;
}

/** The Widget class, once per page; rejects with a LoadFailure, logged once. */
function loadWasm(timeoutMs) {
  wasmReady ??= withTimeout(instantiate(), timeoutMs, "loading the chart module").catch((error) => {
    const failure = error instanceof LoadFailure ? error : new LoadFailure(messageOf(error));
    console.warn(`bering-chart: showing the static charts because ${failure.message}.`);
    throw failure;
  });
  return wasmReady;
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
  const script = element.querySelector(':scope > script[type="application/json"]');
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
  handle.link.hidden = true;
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

function scheduleDraw(handle) {
  dirty.add(handle);
  if (frameRequested) return;
  frameRequested = true;
  requestAnimationFrame(() => {
    frameRequested = false;
    const batch = [...dirty];
    dirty.clear();
    for (const h of batch) drawNow(h);
  });
}

function drawNow(handle) {
  if (!handle.widget || wasmDead) return;
  const cssWidth = Math.floor(handle.figure.clientWidth);
  if (cssWidth <= 0) return;
  let cssHeight;
  try {
    cssHeight = handle.widget.draw(cssWidth, devicePixelRatio, darkScheme.matches);
  } catch (error) {
    if (error instanceof WebAssembly.RuntimeError) return onTrap(error);
    return fail(handle, error);
  }
  const { canvas, figure } = handle;
  canvas.style.width = `${cssWidth}px`;
  canvas.style.height = `${cssHeight}px`;
  canvas.hidden = false;
  handle.message.hidden = true;
  handle.link.hidden = false;
  figure.style.setProperty("--bering-pad", `${handle.widget.padding()}px`);
  figure.style.setProperty("--bering-link", handle.widget.linkColor());
  handle.draws += 1;
  handle.drawnWidth = cssWidth;
  handle.element.dispatchEvent(new CustomEvent("bering-chart:draw", {
    bubbles: true, composed: true,
    detail: { width: cssWidth, height: cssHeight, pixelRatio: devicePixelRatio, draws: handle.draws },
  }));
  if (handle.element.getAttribute(STATE) !== "ready") {
    settle(handle, "ready", { chart: handle.widget.chartName(), width: cssWidth, height: cssHeight });
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

function describe(handle) {
  handle.canvas.setAttribute("aria-label", handle.widget.description());
}

/** Redraw everything when the pixel ratio or the colour scheme changes. */
function watchEnvironment() {
  const redrawAll = () => handles.forEach((handle) => scheduleDraw(handle));
  darkScheme.addEventListener("change", redrawAll);
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
 * the right units; null for custom data, which has no static rendering.
 */
function staticFallbackUrl(element, overrides) {
  if (element.querySelector(':scope > script[type="application/json"]')) return null;
  const option = (key, attribute) => String(overrides[key] ?? element.getAttribute(attribute) ?? "");
  const chart = option("chart", "data-bering-chart");
  if (!["length", "cost", "context"].includes(chart)) return null;
  const km = chart !== "cost" && option("units", "data-units") === "km";
  const theme = option("theme", "data-theme");
  const dark = theme === "dark" || (theme !== "light" && darkScheme.matches);
  return new URL(`../fallback/${chart}${km ? "-km" : ""}${dark ? "-dark" : ""}.svg`, HERE).href;
}

function createHandle(element, overrides) {
  const root = element.shadowRoot ?? element.attachShadow({ mode: "open" });
  root.adoptedStyleSheets = [styleSheet()];
  const figure = document.createElement("figure");
  figure.className = "bering";
  const canvas = document.createElement("canvas");
  canvas.setAttribute("role", "img");
  canvas.hidden = true;
  const staticBox = document.createElement("div");
  staticBox.className = "bering-static";
  const ownStatic = staticFallbackUrl(element, overrides);
  const hasChildImage = element.querySelector(":scope > img, :scope > picture") !== null;
  if (hasChildImage) {
    staticBox.append(document.createElement("slot"));
  } else if (ownStatic) {
    const img = document.createElement("img");
    img.alt = "";
    img.src = ownStatic;
    staticBox.append(img);
  }
  const hasStatic = hasChildImage || ownStatic !== null;
  figure.classList.toggle("has-static", hasStatic);
  const message = document.createElement("p");
  message.className = "bering-message";
  message.setAttribute("role", "alert");
  message.hidden = true;
  const link = document.createElement("a");
  link.className = "bering-data";
  link.textContent = "Get the data";
  link.href = "#";
  link.hidden = true;
  figure.append(canvas, staticBox, message, link);
  root.replaceChildren(figure);

  const handle = { element, root, figure, canvas, message, link, hasStatic, widget: null, options: { ...overrides }, draws: 0, observer: null };
  link.addEventListener("click", () => {
    if (!handle.widget) return;
    link.download = `bering-chart-${handle.widget.chartName()}.csv`;
    link.href = `data:text/csv;charset=utf-8,${encodeURIComponent(handle.widget.csv())}`;
  });
  handle.api = {
    element,
    update(options = {}) {
      handle.options = { ...handle.options, ...options };
      if (!handle.widget) return;
      try {
        handle.widget.setOptions(optionStrings(element, handle.options));
      } catch (error) {
        if (error instanceof WebAssembly.RuntimeError) return onTrap(error);
        fail(handle, error);
        throw new Error(messageOf(error));
      }
      describe(handle);
      scheduleDraw(handle);
    },
    destroy() {
      handle.observer?.disconnect();
      dirty.delete(handle);
      handles.delete(element);
      try { handle.widget?.free(); } catch { /* a dead instance has nothing left to free */ }
      handle.widget = null;
      root.replaceChildren();
      element.removeAttribute(STATE);
    },
  };
  return handle;
}

async function setUp(element, overrides) {
  element.setAttribute(STATE, "loading");
  let handle;
  try {
    handle = createHandle(element, overrides);
  } catch (error) {
    // e.g. the element already has a closed shadow root of someone else's.
    element.setAttribute(STATE, "error");
    const text = `bering-chart cannot draw in this element: ${messageOf(error)}`;
    console.warn(text, element);
    element.dispatchEvent(new CustomEvent("bering-chart:error", { bubbles: true, composed: true, detail: { state: "error", message: text } }));
    throw new Error(text);
  }
  handles.set(element, handle);
  const settled = new Promise((resolve, reject) => { handle.resolve = resolve; handle.reject = reject; });
  settled.catch(() => {});

  let spec;
  try {
    spec = readSpec(element);
  } catch (error) {
    fail(handle, error);
    return settled;
  }
  let Widget;
  try {
    Widget = await loadWasm(loadTimeout(element));
  } catch (error) {
    if (handles.get(element) !== handle) return settled;
    showMessage(handle, "fallback", `The interactive chart could not load: ${messageOf(error)}.`);
    handle.reject?.(new Error(handle.message.textContent));
    return settled;
  }
  if (!element.isConnected || handles.get(element) !== handle) return settled;
  if (wasmDead) {
    showMessage(handle, "fallback", "The chart stopped working on this page.");
    return settled;
  }
  try {
    handle.widget = new Widget(handle.canvas, optionStrings(element, handle.options), spec.present, spec.value);
  } catch (error) {
    if (error instanceof WebAssembly.RuntimeError) onTrap(error);
    else fail(handle, error);
    return settled;
  }
  describe(handle);
  // Only a width change needs a redraw: the height follows from the chart itself.
  handle.observer = new ResizeObserver(() => {
    if (Math.floor(handle.figure.clientWidth) !== handle.drawnWidth) scheduleDraw(handle);
  });
  handle.observer.observe(handle.figure);
  scheduleDraw(handle);
  return settled;
}

/**
 * Draws a chart in `element` and resolves with `{element, update, destroy}` once drawn;
 * rejects with the message shown in the box on bad input.
 */
export function render(element, options = {}) {
  const existing = handles.get(element);
  if (existing) {
    existing.api.update(options);
    return Promise.resolve(existing.api);
  }
  if (element.hasAttribute(STATE)) {
    return Promise.reject(new Error("bering-chart: this element is already managed by another copy of the script."));
  }
  return setUp(element, options);
}

function claim(element) {
  if (element.hasAttribute(STATE)) return;
  setUp(element, {}).catch(() => {});
}

function scan(node) {
  if (node.nodeType !== Node.ELEMENT_NODE) return;
  if (node.hasAttribute("data-bering-chart")) claim(node);
  for (const element of node.querySelectorAll("[data-bering-chart]")) claim(element);
}

watchEnvironment();
scan(document.documentElement);
new MutationObserver((records) => {
  for (const record of records) record.addedNodes.forEach(scan);
}).observe(document.documentElement, { childList: true, subtree: true });
