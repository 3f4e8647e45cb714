/**
 * Everything the chart says as page text: the caption (title, takeaway), the
 * canvas's name and description, the figures for a copy of the page, the data
 * and source links, and the visually hidden data table (built once the chart is
 * final, when the browser is idle). All of it comes from Rust's JSON (`read(PART.texts)`, `read(PART.table)`), read by
 * name, and reaches the DOM only as textContent and attributes.
 */
import { PART } from "bering-wire";
import { page, STATE_ATTRIBUTE } from "./state.js";
import { element } from "./dom.js";

export function describe(widget) {
  const words = JSON.parse(widget.widget.read(PART.texts, 0));
  widget.figures.textContent = words.figures;
  widget.chartName = words.chart;
  widget.figure.lang = words.lang;
  widget.caption.replaceChildren(element("span", "", words.title), document.createTextNode(words.takeaway ? ` ${words.takeaway}` : ""));
  widget.canvas.setAttribute("aria-label", words.title);
  widget.description.textContent = words.description;
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
  widget.tableData = widget.widget.read(PART.table, 0);
  widget.tableTitle = words.title;
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
 */
export function queueTable(widget) {
  if (widget.tableQueued || !widget.tableData) return;
  if (page.growing.size) {
    page.tablesWaiting.add(widget);
    return;
  }
  widget.tableQueued = true;
  idleAfterFrame(() => {
    widget.tableQueued = false;
    buildTable(widget);
  });
}

/** The data table from the last words `describe` got, unless the widget is gone. */
function buildTable(widget) {
  const data = widget.tableData;
  widget.tableData = null;
  if (!data || page.widgets.get(widget.element) !== widget) return;
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
