/**
 * Everything the chart says as page text: the caption (title, takeaway), the
 * canvas's name, the data and source links; and, once the chart is final and the
 * browser is idle, with the wasm's "more" module, the canvas's description, the
 * figures for a copy of the page and the visually hidden data table. All of it comes
 * from Rust's JSON (`read(PART.texts)`, `readMore(PART.description)`,
 * `readMore(PART.table)`), read by name, and reaches the DOM only as textContent and
 * attributes.
 */
import { PART } from "bering-wire";
import { page, STATE_ATTRIBUTE } from "./state.js";
import { element, extraNodes } from "./dom.js";
import { loadMore } from "./load.js";
import { onTrap } from "./settle.js";

export function describe(widget) {
  const words = JSON.parse(widget.widget.read(PART.texts));
  widget.chartName = words.chart;
  widget.figure.lang = words.lang;
  widget.caption.replaceChildren(element("span", "", words.title), document.createTextNode(words.takeaway ? ` ${words.takeaway}` : ""));
  widget.canvas.setAttribute("aria-label", words.title);
  widget.link.textContent = words.dataLink;
  // Rust lets only https:// addresses through; checked again here, where the link is made.
  const url = words.sourceUrl;
  const safe = URL.canParse(url) && new URL(url).protocol === "https:";
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
  if (page.wasm.moreReady) speak(widget);
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
      buildTable(widget);
    }, () => {});
  });
}

/**
 * The figures in words: the canvas's description, and what a copy of the page carries of
 * the bars (from the "more" module, loaded by then). False after a trap.
 */
function speak(widget) {
  try {
    const spoken = JSON.parse(widget.widget.readMore(PART.description, 0));
    extraNodes(widget);
    widget.description.textContent = spoken.description;
    widget.figures.textContent = spoken.figures;
    return true;
  } catch (error) {
    if (error instanceof WebAssembly.RuntimeError) onTrap(error);
    return false;
  }
}

/**
 * The figures in words and the data table, of the chart's current words, unless the
 * widget is gone.
 */
function buildTable(widget) {
  if (!widget.tableDue || page.widgets.get(widget.element) !== widget || !widget.widget || page.wasm.dead) return;
  widget.tableDue = false;
  let data;
  try {
    data = widget.widget.readMore(PART.table, 0);
  } catch (error) {
    if (error instanceof WebAssembly.RuntimeError) onTrap(error);
    return;
  }
  // (An update after the "more" module arrived was spoken at once, by describe.)
  if (!widget.description?.textContent && !speak(widget)) return;
  const { header, rows } = JSON.parse(data);
  const head = element("tr");
  for (const name of header) {
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
  widget.table.replaceChildren(element("caption", "", widget.tableTitle), thead, body);
}
