/**
 * Everything the chart says as page text: the caption (title, takeaway), the
 * canvas's name, the data and source links; and, once the chart is final and the
 * browser is idle, with the wasm's "more" module and the "more" script (more.js, which
 * makes them), the canvas's description, the figures for a copy of the page and the
 * visually hidden data table. All of it comes
 * from Rust's JSON (`read(PART.texts)`, `readMore(PART.description)`,
 * `readMore(PART.table)`), read by name, and reaches the DOM only as textContent and
 * attributes.
 */
import { PART } from "bering-wire";
import { page, STATE_ATTRIBUTE } from "./state.js";
import { element } from "./dom.js";
import { loadMore } from "./load.js";

export function describe(widget) {
  const words = JSON.parse(widget.widget.read(PART.texts));
  widget.chartName = words.chart;
  widget.figure.lang = words.lang;
  widget.caption.replaceChildren(element("span", "", words.title), words.takeaway ? ` ${words.takeaway}` : "");
  widget.canvas.setAttribute("aria-label", words.title);
  widget.link.textContent = words.dataLink;
  // Rust lets only https:// addresses through; checked again here, where the link is made.
  // (Not with URL.canParse, which Safari has only from 17.)
  const url = words.sourceUrl;
  let safe = false;
  try { safe = new URL(url).protocol === "https:"; } catch { /* not an address */ }
  widget.sourceLink.hidden = widget.separator.hidden = !safe;
  if (safe) {
    widget.sourceLink.href = url;
    widget.sourceLink.textContent = words.sourceLink;
  } else {
    widget.sourceLink.removeAttribute("href");
  }
  widget.tableTitle = words.title;
  // The figures in words come from the "more" module: at once when it is in (new options
  // change them), else with the table; until then there are none rather than stale ones.
  if (page.wasm.moreReady) page.later.speak(widget);
  else if (widget.description) widget.description.textContent = widget.figures.textContent = "";
  widget.tableDue = true;
  if (widget.element.getAttribute(STATE_ATTRIBUTE) === "ready") queueTable(widget);
  const note = words.localeNote;
  if (note && note !== widget.loggedNote) console.info(`bering-chart: ${note}`, widget.element);
  widget.loggedNote = note;
}

const whenIdle = window.requestIdleCallback
  ? (work) => requestIdleCallback(work, { timeout: 1000 })
  : (work) => setTimeout(work, 50);

/**
 * `work` when the browser is idle after the next frame: the frame that shows the final
 * chart (the end of a grow-in, or the first drawing) is produced first. (A page that
 * produces no frames, hidden, gets it within a second anyway; the timer is cleared once
 * the frame came, so it holds no widget for long.)
 */
function idleAfterFrame(work) {
  let fallback = 0;
  const queue = () => {
    if (fallback === null) return;
    clearTimeout(fallback);
    fallback = null;
    whenIdle(work);
  };
  fallback = setTimeout(queue, 1000);
  requestAnimationFrame(() => setTimeout(queue));
}

/**
 * The hidden data table waits until the chart is final on screen (the frame showing it
 * produced), no grow-in runs on the page, and the browser is idle: about a third of a
 * chart's style and layout work, none of it visible, so it must not delay a chart (or take the main thread during
 * another chart's grow-in). Draw.js queues the waiting ones when the last grow-in ends.
 * Its words come from the wasm's "more" module, loaded then (so the first drawing never
 * waits for it) unless a chart asked for it sooner.
 */
export function queueTable(widget) {
  if (widget.tableQueued || !widget.tableDue) return;
  if (page.growing.size) {
    page.tablesWaiting.add(widget);
    return;
  }
  widget.tableQueued = true;
  idleAfterFrame(() => {
    loadMore().then(() => {
      widget.tableQueued = false;
      page.later.buildTable(widget);
    }, () => {});
  });
}
