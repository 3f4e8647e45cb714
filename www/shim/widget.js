/**
 * One widget's life: its shadow DOM (built once, its parts named in the state),
 * the options and child JSON it reads, setting up (the wasm and its locale pack
 * loaded, the Rust Widget built), `update()` and `destroy()`, and `render()`,
 * the programmatic entry point of the embed contract.
 */
import { MAX_SPEC_CHARS, record } from "bering-wire";
import { page, newWidgetState, CLAIM, OPTION_KEYS, STATE_ATTRIBUTE } from "./state.js";
import { element, messageOf } from "./dom.js";
import { loadWasm, loadMore, headStart, prerequisite, loadTimeout, withTimeout, sayStatic, Widget, needs } from "./load.js";
import { byRuler, resizes, scheduleDraw, drawNow, stopGrowIn } from "./draw.js";
import { describe } from "./words.js";
import { wireInteraction } from "./interaction.js";
import { fail, onTrap, showMessage, rejectWaiting, writeState } from "./settle.js";
import { DATA_SCRIPT, OWN_STATIC, followPageTheme, holdPlace, shadowOf, staticFallbackUrl } from "./place.js";
import { forgetPageDark, pageDark, pixelRatioOf, readStyle, schemeOf } from "./environment.js";

/** Options as the Rust side reads them: known keys only, every value text, as one text record. */
function optionText(element, overrides) {
  return record(optionStrings(element, overrides));
}

function optionStrings(element, overrides) {
  const merged = {};
  const fromAttributes = { ...element.dataset, chart: element.dataset.beringChart };
  for (const key of OPTION_KEYS) {
    const value = Object.hasOwn(overrides, key) ? overrides[key] : fromAttributes[key];
    if (value !== undefined && value !== null) merged[key] = String(value);
  }
  return merged;
}

/**
 * The child JSON spec: `{present: false}` or `{present: true, value, chars}` (Rust
 * checks its size and every field); throws a readable Error for what only the page sees.
 */
function readSpec(element) {
  const scripts = element.querySelectorAll(DATA_SCRIPT);
  if (scripts.length > 1) {
    throw new Error(`Chart data: the element holds ${scripts.length} JSON <script> children; give it one chart specification, in <script type="application/json">.`);
  }
  const script = scripts[0];
  // A chart the editor's snippet marks as custom whose data is gone (a CMS that strips
  // scripts) is not the story's default chart: its static chart stays (setUp).
  if (!script) return { present: false, value: undefined, chars: 0, missing: element.hasAttribute("data-bering-custom") };
  // Data with another JSON type (text/json, say) is a newsroom's figures all the same: drawing
  // the story's default chart in their place would publish the wrong ones without a word.
  if (script.type.split(";")[0].trim().toLowerCase() !== "application/json") {
    throw new Error(`Chart data: the child <script> has type="${script.type}"; give it type="application/json".`);
  }
  const text = script.textContent ?? "";
  // Too long to parse: Rust's size check says so once the module is in.
  if (text.length > MAX_SPEC_CHARS) return { present: true, value: null, chars: text.length };
  if (!text.trim()) {
    throw new Error('Chart data: the child <script type="application/json"> is empty; remove it for the default chart or give a chart specification.');
  }
  try {
    return { present: true, value: JSON.parse(text), chars: text.length };
  } catch (error) {
    throw new Error(`Chart data: the child <script type="application/json"> is not valid JSON (${error.message}).`);
  }
}

/** The static chart shown while loading, in fallback and in print: the page's own (a child image, or the snippet's HTML block in its `data-bering-static` div), or ours. */
function setStatic(widget) {
  const host = widget.element;
  const builtInUrl = staticFallbackUrl(host, widget.options);
  const hasOwnStatic = host.querySelector(OWN_STATIC) !== null;
  widget.staticShown ||= hasOwnStatic;
  const { staticBox, figure } = widget;
  let awaiting = false;
  let broken = false;
  if (hasOwnStatic) {
    // The page's own static chart shows until the canvas is drawn.
    staticBox.classList.add("slotted");
    if (!staticBox.querySelector("slot")) staticBox.replaceChildren(element("slot"));
    followPageTheme(host, widget.options);
  } else if (builtInUrl) {
    let img = staticBox.querySelector("img");
    if (!img) {
      img = staticBox.appendChild(element("img"));
      img.alt = "";
      // Fetched only when shown (fallback, print): a drawn chart never needs it. Until it has
      // arrived, a fallback keeps the place held for the chart (widget.css): the box shut to
      // nothing when it fell back and opened again when the image came, a shift each time.
      img.loading = "lazy";
      img.onload = img.onerror = () => {
        // (What the image's coming or failing changes: the place held, whether it counts.)
        setStatic(widget);
        // An image that did not come (offline, or the site has no fallback/ folder): a fallback's
        // box says why, as one with no static chart does (it had shut to nothing, with no word).
        if (!widget.hasStatic && widget.message.hidden && widget.element.getAttribute(STATE_ATTRIBUTE) === "fallback") {
          widget.message.hidden = false;
          console.warn(`bering-chart: ${widget.message.textContent}`, widget.element);
        }
      };
    }
    if (img.src !== builtInUrl) img.src = builtInUrl;
    // (An image shown already stays while another loads in its place: no place held then.)
    awaiting = !img.complete && !img.naturalWidth;
    broken = img.complete && !img.naturalWidth;
  } else {
    staticBox.replaceChildren();
  }
  figure.classList.toggle("awaiting", awaiting);
  widget.hasStatic = hasOwnStatic || (builtInUrl !== null && !broken);
  figure.classList.toggle("has-static", widget.hasStatic);
  holdPlace(widget.reserve, host, widget.options);
}

/** Every widget again: its static image (the page's theme may have changed) and a drawing. */
export function redrawAll() {
  forgetPageDark();
  page.widgets.forEach((widget) => {
    setStatic(widget);
    scheduleDraw(widget);
  });
}

/**
 * The page's theme attributes, class or style changed (or the element's own): a widget is drawn
 * again (and its static image chosen again) only where that changes its scheme or house style.
 * A site that toggles a class on `<body>` as the reader scrolls, or on the element as it comes
 * into view, redrew every chart at each toggle, and cut its grow-in short.
 */
export function restyleAll() {
  forgetPageDark();
  const scheme = schemeOf(pageDark());
  page.widgets.forEach((widget) => restyle(widget, scheme));
}

export function restyle(widget, scheme = schemeOf(pageDark())) {
  // (One not drawn, or fallen back, is drawn if it can be, and its static image chosen again;
  // a drawn one also where a class or style changed its zoom or scale.)
  if (!widget.widget || widget.drawnLook !== scheme + record(readStyle(widget)) || pixelRatioOf(widget, widget.drawnWidth) !== widget.drawnRatio) {
    setStatic(widget);
    scheduleDraw(widget);
  }
}

/**
 * Printing: every drawn chart redrawn at print resolution, and back after. A chart not yet
 * set up (far below, where the reader never came) is set up now, and drawn for paper as soon
 * as it is built (see construct): in the microtasks after `beforeprint`, before the page is
 * laid out for print, where what it needs has loaded already.
 */
export function print(on) {
  page.printing = on;
  // (Not one that left the page or stopped being a chart in this task: their release comes.)
  if (on) page.waiting.forEach((host) => {
    if (host.isConnected && host.hasAttribute("data-bering-chart")) setUpWaiting(host);
  });
  // (With those built but waiting for their animation frame, which comes after the print.)
  drawNow([...page.widgets.values()].filter((widget) => widget.draws > 0 || page.due.has(widget)));
}

/** The shadow DOM of a widget; every part is named in its state. */
function buildNodes(host) {
  const root = shadowOf(host);
  const figure = element("figure", "bering");
  // The place held since the claim, kept until the chart draws (or fails).
  const reserve = root.querySelector(".bering-reserve") ?? element("div", "bering-reserve");
  // As wide as the figure and 0 px high: what the ResizeObserver watches. It sits before the
  // figure, not in it: the canvas and the text lines (content-visibility: auto, which implies
  // contain-intrinsic-size: auto) have their sizes watched by a ResizeObserver of the browser's
  // own, and a drawing that resizes them in our callback must leave them deeper than what we
  // watch, or the page gets "ResizeObserver loop completed with undelivered notifications".
  // Its two pseudo-elements (widget.css) give the widget its intrinsic widths: `::before`, a
  // 280 px box (at most 100%), its least; with `::after`, a grid of 23 tracks of up to 40 px,
  // its most, 1200 px; so a shrink-to-fit host (flex row, inline-block, float, table cell,
  // fit-content, grid auto track) offers it the width available. (One element: it replaced
  // 24 spans whose widths did the same, a third of each widget's nodes, for the page's style
  // passes to walk.)
  const ruler = element("div", "bering-ruler");
  ruler.setAttribute("aria-hidden", "true");
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
  // (The description, the figures for a copy, the table and the tooltip come with the
  // wasm's "more" module: see more.js, extraNodes. The live region is here from the start, so
  // that what it is given later is announced.)
  const live = element("p", "bering-sr bering-nocopy");
  live.setAttribute("aria-live", "polite");
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
  figure.append(reserve, caption, canvas, textBox, staticBox, message, links, live, probe);
  root.replaceChildren(ruler, figure);
  return { root, figure, reserve, ruler, caption, canvas, textBox, live, probe, staticBox, message, links, link, separator, sourceLink };
}

function createWidget(host, overrides) {
  const widget = newWidgetState(host, overrides, buildNodes(host));
  setStatic(widget);
  const { link } = widget;
  link.addEventListener("click", (event) => {
    if (!widget.widget) return;
    if (!page.wasm.moreReady) {
      // The CSV is the "more" module's: a click before it arrived downloads once it has.
      event.preventDefault();
      loadMore().then(() => link.click(), () => {});
      return;
    }
    page.later.csvLink(widget);
  });
  wireInteraction(widget);
  byRuler.set(widget.ruler, widget);
  widget.api = {
    element: host,
    update(options = {}) {
      // A handle kept after destroy() (the element may have a new chart by now) changes nothing.
      if (page.widgets.get(host) !== widget) throw new Error("bering-chart: this chart was destroyed; render() the element again.");
      widget.options = { ...widget.options, ...options };
      setStatic(widget);
      // The child JSON is read again (a page or framework may have changed it): bad JSON puts
      // the box in error, JSON a CMS stripped keeps the static chart.
      if (!readData(widget)) throw new Error(widget.message.textContent);
      // JSON a CMS had stripped, there now (a framework rendered it), or a chart that gave up
      // waiting: what it needs loads first (and where the module did not load or stopped
      // working, the box then says so). One that gave up keeps its fallback on screen meanwhile
      // (its static chart, or its message: the module may still be coming, or stalled).
      if (widget.unloaded) {
        if (widget.unloaded === true) {
          writeState(host, "loading");
          widget.message.hidden = true;
        }
        widget.unloaded = false;
        // (A watchdog armed before, at its first drawing say, is armed afresh when it is built.)
        clearTimeout(widget.watchdog);
        widget.watchdog = widget.deadline = undefined;
        loadAndBuild(host, widget).catch((error) => widget.reject?.(error));
        return;
      }
      // No chart module on this page (it did not load, or stopped working): the box says why
      // (it may have said only that the JSON was bad then), and update (a render() again) throws it.
      if (page.wasm.primaryFailed || page.wasm.dead) {
        sayNoModule(widget);
        throw new Error(widget.message.textContent);
      }
      // New options may need a language's words or the model first: the update applies once
      // they have loaded (or failed), or falls back after the chart's load timeout, as at set-up.
      if (page.wasm.primaryReady && prerequisite(optionText(host, widget.options), widget.spec?.present)) {
        loadAndBuild(host, widget).catch((error) => widget.reject?.(error));
        return;
      }
      // The chart is built again with the new options (a chart whose options were bad
      // gets another chance with them); on bad ones the box says why, and update throws.
      if (page.wasm.primaryReady && widget.spec && !construct(widget)) throw new Error(widget.message.textContent);
    },
    destroy() {
      if (page.widgets.get(host) !== widget) return;
      rejectWaiting(widget, "bering-chart: the chart was destroyed before it was drawn.");
      if (widget.observed) resizes.unobserve(widget.ruler);
      widget.observed = false;
      clearTimeout(widget.watchdog);
      stopGrowIn(widget);
      page.tablesWaiting.delete(widget);
      page.due.delete(widget);
      page.widgets.delete(host);
      freeChart(widget);
      // The element is the page's again (release), and the shown bitmap is let go (a handle
      // the page keeps holds no pixels: the canvas's own size is its empty bitmap's).
      release(host);
      writeState(host, null);
      widget.canvas.width = widget.canvas.height = 1;
      try { widget.shownContext?.transferFromImageBitmap(null); } catch { /* its pixels go with the canvas */ }
    },
  };
  return widget;
}

export async function setUp(host, overrides) {
  host[CLAIM] = true;
  writeState(host, "loading");
  let widget;
  try {
    widget = createWidget(host, overrides);
  } catch (error) {
    // e.g. the element already has a closed shadow root of someone else's.
    writeState(host, "error");
    const text = `bering-chart cannot draw in this element: ${messageOf(error)}`;
    console.warn(text, host);
    host.dispatchEvent(new CustomEvent("bering-chart:error", { bubbles: true, composed: true, detail: { state: "error", message: text } }));
    throw new Error(text);
  }
  page.widgets.set(host, widget);
  const settled = new Promise((resolve, reject) => { widget.resolve = resolve; widget.reject = reject; });
  settled.catch(() => {});

  // Bad JSON: the box says why, and the module loads all the same, for the data put right
  // (a framework may render the script empty until its data comes). Stripped JSON keeps the
  // static chart, and nothing loads until an update finds the JSON (see `unloaded`).
  if (readData(widget) === false) widget.unloaded = true;
  else loadAndBuild(host, widget).catch((error) => widget.reject?.(error));
  return settled;
}

/**
 * Loads what the widget's chart needs (the primary, then the module its data or options need,
 * and a language's words), then builds it. The chart waits for all of it as long as its own
 * load timeout, one deadline (`widget.deadline`, kept by the updates that come while it waits:
 * a page that updates a chart often does not hold it in "loading" for ever); the loads are the
 * page's, and go on for other charts. One that gave up falls back, says why (each reason once
 * in the console), and loads again at its next update. A newer load of the same widget, or an
 * update that built it meanwhile, lets this one go (`widget.loads`).
 */
async function loadAndBuild(host, widget) {
  const load = ++widget.loads;
  const timeout = loadTimeout(host);
  const deadline = (widget.deadline ??= performance.now() + timeout);
  const within = (promise, what) => withTimeout(promise, deadline - performance.now(), what, timeout);
  try {
    // Custom data is read by the wasm's "input" module, fetched beside the primary (and so is
    // the "model" module for the charts it builds for other options, as far as their strings tell).
    headStart(optionStrings(host, widget.options), widget.spec?.present);
    await within(loadWasm(), "loading the chart module");
    // What the options and data need, as they are now (an update meanwhile, with no module to
    // build with, left them for this load): a chart only the "model" or "input" module can
    // build waits for it (one that failed, the box says: construct).
    const needed = widget.loads === load && !page.wasm.dead && prerequisite(optionText(host, widget.options), widget.spec?.present);
    if (needed) await within(needed, "loading the rest of what the chart needs");
  } catch (error) {
    if (widget.loads !== load || page.widgets.get(host) !== widget) return;
    widget.deadline = undefined;
    // (The module stopped working meanwhile: the box says that.)
    if (page.wasm.dead) return sayNoModule(widget);
    // (A chart that gave up waiting loads again at its next update: `unloaded` is "late".)
    if ((widget.unloaded = error.late)) sayStatic(error);
    // The chart drawn before (an update's) goes too, or a redraw would bring it back as
    // `ready` over the message. (Bad or stripped JSON meanwhile: the box says that.) A fallback
    // that says so already is not said again (loading again after it gave up): its render() rejects.
    freeChart(widget);
    const text = couldNotLoadText(error);
    if (host.getAttribute(STATE_ATTRIBUTE) === "fallback" && widget.message.textContent === text) rejectWaiting(widget, text);
    else if (widget.spec) couldNotDraw(widget, text);
    return;
  }
  if (widget.loads !== load || page.widgets.get(host) !== widget) return;
  widget.deadline = undefined;
  if (!host.isConnected) {
    // Removed while loading: forget it, so that putting it back sets it up afresh.
    widget.api.destroy();
    return;
  }
  if (page.wasm.dead) {
    sayNoModule(widget);
    return;
  }
  // (No data: an update while it loaded found bad or stripped JSON, and the box says so.)
  if (widget.spec) construct(widget);
}

/**
 * Reads the element's child JSON into `widget.spec`: true, or, with the box saying why, false
 * when it was stripped and undefined when it is bad (then `widget.spec` is null, and a chart
 * drawn from the data before is freed: a redraw would show it again).
 */
function readData(widget) {
  let error = null;
  try {
    widget.spec = readSpec(widget.element);
    if (!widget.spec.missing) return true;
  } catch (thrown) {
    error = thrown;
  }
  freeChart(widget);
  widget.spec = null;
  if (error) return fail(widget, error);
  const text = `Chart data: the element is marked data-bering-custom but holds no <script type="application/json"> (a page editor may strip scripts)${widget.hasStatic ? "; its static chart stays" : ""}.`;
  // (Said once: an update finding it still stripped says nothing new.)
  if (widget.message.textContent !== text) {
    if (widget.hasStatic) console.warn(`bering-chart: ${text}`, widget.element);
    couldNotDraw(widget, text);
  }
  return false;
}

/** Lets go of the widget's wasm chart: a redraw cannot show it again. */
function freeChart(widget) {
  try { widget.widget?.free(); } catch { /* a dead instance has nothing left to free */ }
  widget.widget = null;
}

/** What the box says when a module its chart needs did not load. */
const couldNotLoadText = (error) => `The interactive chart could not load: ${messageOf(error)}.`;

/**
 * The box says why no chart module works on this page, unless it says so already: the module
 * stopped working (a box that fell back for the trap keeps the trap's own words; one set up
 * after it says so now), or did not load (a box may have said only that its JSON was bad
 * then). Its render() rejects.
 */
function sayNoModule(widget) {
  if (page.wasm.dead) {
    if (widget.element.getAttribute(STATE_ATTRIBUTE) !== "fallback") couldNotDraw(widget, "The chart stopped working on this page.");
    return;
  }
  const text = couldNotLoadText(page.wasm.primaryFailed);
  if (widget.message.textContent !== text) couldNotDraw(widget, text);
}

/** The chart falls back (to its static chart, where it has one) and says why: `text`; its render()s reject. */
const couldNotDraw = (widget, text) => showMessage(widget, "fallback", text);

/** The one canvas Rust paints every chart on, opaque (the chart paints its whole background: cheaper to copy). */
function drawingCanvas() {
  const canvas = element("canvas");
  canvas.getContext("2d", { alpha: false });
  return canvas;
}

/**
 * Builds the wasm Widget (again, on an update: the old one is freed) and schedules its
 * drawing; false on bad input. A default chart the primary has built is the primary's;
 * the charts `needs` names the "model" module for are that module's, and custom data the
 * "input" module's, loaded by then.
 */
function construct(widget) {
  // (A load still waited for, of options before these, is let go.)
  widget.loads++;
  widget.deadline = undefined;
  const { spec } = widget;
  const canvas = (page.drawing ??= drawingCanvas());
  const options = optionText(widget.element, widget.options);
  let built;
  try {
    // The primary builds the default charts it has built (see `needs`); the "model" module,
    // once here, the rest; the "input" module custom ones. One that failed to load says so
    // again (an update after it failed), rather than calling an export it never gave.
    const { model, input } = page.wasm;
    // (`needs` is asked again only when the model module has come or failed: a default
    // chart's construct makes no second call.)
    const need = spec.present ? "input" : (model.partReady || model.partFailed) && needs(options);
    const failed = need === "input" ? input.partFailed : need === "model" && model.partFailed;
    if (failed) {
      freeChart(widget);
      couldNotDraw(widget, couldNotLoadText(failed));
      return false;
    }
    built = spec.present ? Widget.withSpec(canvas, options, spec.value, spec.chars)
      : need && model.partReady ? Widget.withModel(canvas, options)
        : new Widget(canvas, options);
  } catch (error) {
    if (error instanceof WebAssembly.RuntimeError) {
      onTrap(error);
    } else {
      // Bad options or data: the chart drawn before goes too, or a redraw (a new width, a
      // theme) would bring it back as `ready` over the message.
      freeChart(widget);
      fail(widget, error);
    }
    return false;
  }
  freeChart(widget);
  widget.widget = built;
  describe(widget);
  if (!widget.observed) {
    widget.observed = true;
    resizes.observe(widget.ruler);
  }
  // The first drawing comes in the next animation frame, with every widget set up by then
  // (the observer's first notification, later in that frame, then finds it drawn).
  // (When printing, at once: no animation frame comes before the page is laid out for paper.)
  if (page.printing) drawNow([widget]);
  else scheduleDraw(widget);
  // Never stuck in "loading" on screen: a chart that is shown but has had no room to
  // draw by the load timeout falls back, says why, and its render() rejects. A hidden one
  // (a closed tab, a hidden page) is looked at again a timeout later, until it is shown, and
  // so is one whose drawing's animation frame has not come (a frame of another origin out
  // of view gets none in Chromium: it draws when scrolled to).
  const drawsBefore = widget.draws;
  const watch = () => {
    // (Done, unless armed again below: the next build arms its own.)
    widget.watchdog = undefined;
    // (Not a chart let go since: one that failed, or gave up, or a trap's.)
    if (page.widgets.get(widget.element) !== widget || widget.draws > drawsBefore || !widget.widget) return;
    // (No checkVisibility before Safari 17.4: there, an element in a box that is not shown has no boxes.)
    const host = widget.element;
    if (document.visibilityState !== "visible" || page.due.has(widget) || !(host.checkVisibility ? host.checkVisibility() : host.getClientRects().length)) {
      widget.watchdog = setTimeout(watch, loadTimeout(host));
      return;
    }
    const text = `The chart has no room to draw: its box is ${widget.figure.clientWidth} px wide.`;
    if (widget.hasStatic) console.warn(`bering-chart: ${text}`, widget.element);
    couldNotDraw(widget, text);
  };
  widget.watchdog ??= setTimeout(watch, loadTimeout(widget.element));
  return true;
}

/**
 * Draws a chart in `host` and resolves with `{element, update, destroy}` once drawn;
 * rejects with the message shown in the box on bad input (or when its module did not
 * load, it stopped working, or the chart had no room to draw by its load timeout), and
 * with a TypeError when `host` is not an element.
 */
export function render(host, options = {}) {
  if (host?.nodeType !== 1) return Promise.reject(new TypeError(`bering-chart: render() takes an element, not ${host === null ? "null" : typeof host}.`));
  const existing = page.widgets.get(host);
  if (existing) {
    const drawn = existing.widget !== null;
    const settled = drawn ? Promise.resolve(existing.api)
      : new Promise((resolve, reject) => {
        // Every render() still waiting for this chart settles with it (the last options win).
        const { resolve: resolveBefore, reject: rejectBefore } = existing;
        existing.resolve = (api) => { resolveBefore?.(api); resolve(api); };
        existing.reject = (error) => { rejectBefore?.(error); reject(error); };
      });
    try {
      existing.api.update(options);
    } catch (error) {
      // (A chart not drawn yet: its waiting renders, this one's too, reject with why.)
      existing.reject?.(error);
      return drawn ? Promise.reject(error) : settled;
    }
    return settled;
  }
  if (host[CLAIM] && !page.waiting.has(host)) {
    return Promise.reject(new Error("bering-chart: this element is already managed by another copy of the script."));
  }
  unwait(host);
  return setUp(host, options);
}

/** Widgets far from the viewport wait; these are set up when one comes near (discovery.js sets it). */
export const nearViewport = new IntersectionObserver((entries) => {
  for (const entry of entries) {
    // (Only one still waiting: an entry queued before render(), or its release, sets nothing up.)
    if (entry.isIntersecting && page.waiting.has(entry.target)) setUpWaiting(entry.target);
  }
}, { rootMargin: "300% 0px" });

/** A host that waited (to come near the viewport) set up now. */
function setUpWaiting(host) {
  unwait(host);
  setUp(host, {}).catch(() => {});
}

export function unwait(host) {
  nearViewport.unobserve(host);
  page.waiting.delete(host);
}

/**
 * An element that is no chart now (destroyed, or removed or its attribute gone while it
 * waited): the page's again, its own children shown through a slot, none of our style on it.
 */
export function release(host) {
  unwait(host);
  delete host[CLAIM];
  const root = host.shadowRoot;
  if (!root) return;
  root.replaceChildren(element("slot"));
  root.adoptedStyleSheets = [];
}
