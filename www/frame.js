/**
 * frame.js: script of the iframe embed page (dist/frame.html).
 *
 * Draws one widget in #chart from the query string (`chart`, `units`,
 * `currency`, `gbp-per-usd`, `locale`, `theme`; Pym.js's `initialWidth`,
 * `parentTitle` and `parentUrl` are ignored: the widget simply fills the
 * frame) and tells the parent window the document's height:
 *   - `{"bering-chart-height": <px>}` (read by embed/bering-frame.js), and
 *   - `pymxPYMx<childId>xPYMxheightxPYMx<px>` (Pym.js 1.3.2) when the query has `childId`,
 *   - `{sentinel: "amp", type: "embed-size", height: <px>}`, AMP's resize request, so
 *     that an `<amp-iframe resizable>` grows to the chart (AMP grants it when the
 *     frame is out of view, or when the reader taps its `overflow` element),
 * from the start (the place the shim holds for a default chart is its drawn height, so
 * a frame out of view, whose chart draws only when scrolled to, is sized already) and then
 * only when the height changes (a ResizeObserver, no polling). A Pym.js `width` message from
 * the parent, or a `{"bering-chart-request": "height"}` from it (bering-frame.js
 * asks when it starts managing the iframe), is answered with the current height.
 * A `{"bering-chart-theme": "dark" | "light"}` from the parent (bering-frame.js)
 * sets the theme of a frame whose query names none, so it follows the page.
 *
 * A custom chart (the editor's iframe code) comes as `spec`: the chart
 * specification's JSON, UTF-8, base64url without padding (RFC 4648 §5), given
 * to the widget as its child JSON, so the shim checks it as in any page. The
 * whole address must stay under 8,000 characters (what servers and CDNs
 * commonly accept in a request line); the editor says when a chart is longer.
 */
import { render, CHARTS } from "./embed/bering-chart.js";
import { fromBase64url } from "./snippet.js";
/** Query parameter -> render() option. */
const PARAMS = {
  chart: "chart", units: "units", currency: "currency",
  "gbp-per-usd": "gbpPerUsd", locale: "locale", theme: "theme",
};
const PYM = "xPYMx";

/** The other parameters a frame's address may carry (Pym.js adds the last three). */
const OTHER_PARAMS = ["spec", "childId", "initialWidth", "parentTitle", "parentUrl"];

// A CMS that escaped the code's "&" twice leaves "amp;units=km": read as "units". A name
// still unknown is said in the console (the chart draws without it).
const query = new URLSearchParams();
for (const [written, value] of new URLSearchParams(location.search)) {
  const name = written.replace(/^(amp;)+/, "");
  if (!Object.hasOwn(PARAMS, name) && !OTHER_PARAMS.includes(name)) console.warn(`bering-chart frame: the address's parameter "${written}" is not one of ${Object.keys(PARAMS).join(", ")}, spec; ignored.`);
  // (The first of a repeated name counts, as URLSearchParams.get has it.)
  if (!query.has(name)) query.set(name, value);
}
const options = {};
for (const [name, key] of Object.entries(PARAMS)) {
  if (query.has(name)) options[key] = query.get(name);
}
const childId = query.get("childId") || null;

const embedded = window.parent !== window;
const element = document.getElementById("chart");

if (CHARTS.includes(options.chart)) document.title = `Chart: Bering Strait tunnel (${options.chart})`;
document.getElementById("frame-heading").textContent = document.title;

let sending = false;
let lastSent = null;

function contentHeight() {
  return Math.ceil(document.documentElement.getBoundingClientRect().height);
}

/** Post the height to the parent if it changed since the last message (or `force`). */
function sendHeight(force = false) {
  if (!sending || !embedded) return;
  const height = contentHeight();
  if (height <= 0 || (!force && height === lastSent)) return;
  lastSent = height;
  window.parent.postMessage({ "bering-chart-height": height }, "*");
  if (childId) window.parent.postMessage(["pym", childId, "height", String(height)].join(PYM), "*");
  window.parent.postMessage({ sentinel: "amp", type: "embed-size", height }, "*");
}

/** After the redraw a width change causes (ResizeObserver -> animation frame), re-send. */
function resendAfterRedraw() {
  requestAnimationFrame(() => requestAnimationFrame(() => sendHeight(true)));
}

function startSending() {
  sending = true;
  sendHeight(true);
  new ResizeObserver(() => {
    sendHeight();
    checkCut();
  }).observe(document.documentElement);
}

element.addEventListener("bering-chart:draw", () => sendHeight());

/**
 * A frame that cuts its chart a second after its last size change, and whose parent has said
 * nothing to it (a CMS stripped bering-frame.js, or the page has no resizer), lets the reader
 * scroll to the rest. A parent that speaks (bering-frame.js's height request or theme, Pym.js's
 * width) sizes the frame, which then never scrolls: a scrollbar would narrow the chart and draw
 * it again (a resizer a tag manager adds late takes a scrollbar shown before away at once).
 * Opened on its own, the page scrolls as any page.
 */
let cutCheck;
let parentSpoke = false;
function checkCut() {
  if (!embedded) return;
  clearTimeout(cutCheck);
  cutCheck = setTimeout(() => document.documentElement.classList.toggle("scrolls", !parentSpoke && contentHeight() > innerHeight + 1), 1000);
}
function sizedByParent() {
  parentSpoke = true;
  document.documentElement.classList.remove("scrolls");
}
// (The frame's own size changes: the parent resized it. Its content's: startSending's observer.)
if (embedded) addEventListener("resize", checkCut);
else document.documentElement.classList.add("scrolls");

window.addEventListener("message", (event) => {
  if (!embedded || event.source !== window.parent) return;
  const data = event.data;
  if (typeof data === "string") {
    const prefix = childId ? ["pym", childId, "width", ""].join(PYM) : null;
    if (prefix && data.startsWith(prefix) && /^\d+(\.\d+)?$/.test(data.slice(prefix.length))) {
      sizedByParent();
      resendAfterRedraw();
    }
  } else if (data && typeof data === "object" && data["bering-chart-request"] === "height") {
    sizedByParent();
    sendHeight(true);
  } else if (data && typeof data === "object" && followsParent && (data["bering-chart-theme"] === "dark" || data["bering-chart-theme"] === "light")) {
    sizedByParent();
    // The parent page's theme (from bering-frame.js), for a frame whose URL names none. A
    // render() again updates a chart not drawn yet too (the last options win), so a frame on a
    // dark page is drawn dark the first time, and one whose render() was rejected is redrawn.
    // (Once for each change: the frame hears it at its load and with its first height answer.)
    if (!unreadable && data["bering-chart-theme"] !== parentTheme) {
      parentTheme = data["bering-chart-theme"];
      render(element, { theme: parentTheme }).catch(() => {});
    }
  }
});

/** The parent page's theme last applied. */
let parentTheme = null;

/** A frame whose URL names no theme (or `auto`) follows the parent page's. */
const followsParent = !options.theme || options.theme === "auto";

let unreadable = null;
if (query.has("spec")) {
  try {
    const script = document.createElement("script");
    script.type = "application/json";
    script.textContent = fromBase64url(query.get("spec"));
    element.append(script);
  } catch (error) {
    unreadable = error;
  }
}

if (unreadable) {
  // Nothing to draw: say so in the frame, and tell the parent the height of the message.
  const message = document.createElement("p");
  message.setAttribute("role", "alert");
  message.className = "frame-problem";
  message.textContent = `The chart's data in this frame's address could not be read (${unreadable.message}); copy the embed code again.`;
  element.replaceWith(message);
  startSending();
} else {
  // (A chart that cannot draw: the shim shows the message in the box and sets data-bering-state.)
  render(element, options).catch(() => {});
  startSending();
}
