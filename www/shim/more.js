/**
 * The shim's "more" script (dist/embed/bering-chart-more.js): what answers a reader once
 * the chart is drawn, loaded with the wasm's "more" module and never before the first
 * drawing (load.js, `loadMore`). The tooltip and its placing, the keys' and the pointer's
 * answers, the figures in words, the data table and the CSV link. The shim keeps what must
 * be there from the start: the listeners, which ask for this when a reader comes first.
 *
 * It holds no state: `start` is handed a shim's page and the helpers it uses, and returns
 * the functions for that shim (two copies of the shim on one page may share this module,
 * each with its own page). Its words come from Rust's JSON (`readMore`), read by name, and
 * reach the DOM only as textContent and attributes.
 */
import { PART } from "bering-wire";
import MORE_CSS from "bering-more-css";

/** The narrowest a tooltip beside its row may be (CSS px; narrower, it would be a column of words). */
const BESIDE_MIN = 200;

/** Called once by each shim when this script and the "more" wasm module are both in. */
export function start({ page, scheduleDraw, element, onTrap, hideTooltip, pixelRatioOf }) {
  /** The tooltip's stylesheet (more.css), made once for every shadow root of this shim. */
  let sheet = null;

  /**
   * Sharp again once a transform has settled: a chart first drawn in a dialog or popover that
   * zooms in as it opens (a scale animated or transitioned) was drawn at the scale of that
   * moment, and a transform's change resizes nothing a ResizeObserver sees. When an animation
   * or transition of an element holding a drawn chart ends, the chart is drawn again if its
   * pixel ratio has changed; and once when this script arrives (one may have ended before).
   * (A transform set at once, with neither, is not seen.) Those events stay in the shadow root
   * they happen in (they are not composed): for a chart `render()` put in a component's shadow
   * root, they are heard on each shadow root between it and the document, and
   * an element holds the chart across shadow boundaries, which `contains` ignores.
   */
  // (Up the tree as it is shown: a chart slotted into a component goes through its slot.)
  const up = (node) => node.assignedSlot ?? node.parentNode ?? node.host;
  const holds = (outer, node) => {
    while (node && node !== outer) node = up(node);
    return !!node;
  };
  const sharpen = (target) => page.widgets.forEach((widget) => {
    if (widget.drawnWidth && widget.widget && (!target || holds(target, widget.element)) && pixelRatioOf(widget, widget.drawnWidth) !== widget.drawnRatio) scheduleDraw(widget);
  });
  const heard = new WeakSet();
  const hear = (root) => {
    heard.add(root);
    // (Only a transition of a transform's properties: a theme's colours fade on many elements.)
    for (const type of ["animationend", "transitionend"]) {
      root.addEventListener(type, (event) => {
        if (!event.propertyName || /transform|scale|rotate|translate|zoom/.test(event.propertyName)) sharpen(event.target);
      }, { capture: true, passive: true });
    }
  };
  /** Hears the shadow roots between `widget` and the document (those its slots lead into too). */
  const hearRootsOf = (widget) => {
    for (let node = widget.element; node; node = up(node)) if (node.nodeType === 11 && !heard.has(node)) hear(node);
  };
  hear(document);
  page.widgets.forEach(hearRootsOf);
  sharpen();

  /**
   * The parts of a widget's shadow DOM that only what the wasm's "more" module makes needs,
   * made when first needed (fewer nodes for the first drawing's style and layout): the
   * canvas's description, the figures for a copy of the page, the data table (in a clipped
   * box: a table ignores the 1 px width and would widen the page) after the text lines, and
   * the tooltip before the live region, with its stylesheet.
   */
  function extraNodes(widget) {
    if (widget.table) return widget;
    // (A chart set up after this script arrived: its roots are heard before its first drawing.)
    hearRootsOf(widget);
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(MORE_CSS);
    }
    widget.root.adoptedStyleSheets = [...widget.root.adoptedStyleSheets, sheet];
    const description = element("p", "bering-sr bering-nocopy");
    description.id = "bering-description";
    // The figures in words, for a copy of the page only (the description says them to assistive technology).
    const figures = element("p", "bering-sr");
    figures.setAttribute("aria-hidden", "true");
    const tableBox = element("div", "bering-sr bering-nocopy");
    const table = element("table");
    tableBox.append(table);
    const tooltip = element("div", "bering-tooltip");
    tooltip.setAttribute("role", "tooltip");
    tooltip.hidden = true;
    widget.staticBox.before(figures, description, tableBox);
    widget.live.before(tooltip);
    return Object.assign(widget, { description, figures, table, tooltip });
  }

  /**
   * Shows bar `index`'s tooltip by its row; returns its text ("" when there is none). It goes
   * beside its row, right of all the row draws (label, bar and value) and of all the rows it
   * reaches below draw, where that leaves it BESIDE_MIN px or more: there it covers no bar,
   * label or value (below the last row, it may reach the notes, as it does below that row).
   * Else below the row (over the next row's label, which is less to lose than a bar), but the
   * first bar's above its row where there is room in the figure and the window, over
   * the words before the bars: below, it would hide the bar it is compared with.
   */
  function placeTooltip(widget, index) {
    const text = widget.widget?.readMore(PART.tooltip, index) ?? "";
    const row = widget.widget?.readMore(PART.barRow, index);
    if (!text || !row) {
      hideTooltip(widget);
      return text;
    }
    const { tooltip, figure } = extraNodes(widget);
    tooltip.textContent = text;
    tooltip.hidden = false;
    const { right, top, bottom, end } = JSON.parse(row);
    const { style } = tooltip;
    // Beside it, right of the rows it reaches below too (moved right, it is narrower, and may reach further).
    // (Its width and height are measured where it is put: a box's room depends on its left.)
    let left = end + 8, far, room;
    do {
      room = figure.clientWidth - 4 - left;
      style.left = `${left}px`;
      style.maxWidth = `min(320px,${room}px)`;
      far = left;
      for (let next = index, below; room >= BESIDE_MIN && (below = JSON.parse(widget.widget.readMore(PART.barRow, ++next) || 0)) && below.top < top + tooltip.offsetHeight;) {
        far = Math.max(far, below.end + 8);
      }
    } while (far > left && (left = far));
    const beside = room >= BESIDE_MIN;
    if (!beside) {
      style.maxWidth = "";
      style.left = "0";
      style.left = `${Math.max(4, Math.min(right + 8, figure.clientWidth - tooltip.offsetWidth - 4))}px`;
    }
    const above = top - tooltip.offsetHeight;
    // (Above the figure's top, or above the window's, it would not be seen.)
    style.top = `${beside ? top : index === 0 && above >= 0 && figure.getBoundingClientRect().top + above >= 0 ? above : bottom}px`;
    widget.tipIndex = index;
    return text;
  }

  /** Keyboard focus moves to bar `index`: ring, tooltip and a spoken update. */
  function focusBar(widget, index) {
    widget.focus = index;
    widget.live.textContent = placeTooltip(widget, index);
    scheduleDraw(widget);
  }

  /** A key's step from the bar in focus (or to the first, -Infinity, or last, Infinity). */
  function step(widget, by) {
    const count = widget.widget.barCount();
    const next = Number.isFinite(by) ? widget.focus + by : by < 0 ? 0 : count - 1;
    focusBar(widget, Math.max(0, Math.min(count - 1, next)));
  }

  /** A pointer at `event`: the tooltip of the bar under it, or none. */
  function point(widget, event) {
    // (The offset is in zoomed pixels under a page's CSS zoom, the rows in the chart's own.)
    const index = widget.widget.barAt(event.offsetY / (widget.canvas.currentCSSZoom || 1));
    if (index >= 0) placeTooltip(widget, index);
    else if (widget.focus < 0) hideTooltip(widget);
  }

  /** The "Get the data" link made a download of the chart's CSV. */
  function csvLink(widget) {
    widget.link.download = `bering-chart-${widget.chartName}.csv`;
    widget.link.href = `data:text/csv;charset=utf-8,${encodeURIComponent(widget.widget.readMore(PART.csv, 0))}`;
  }

  /**
   * The figures in words: the canvas's description, and what a copy of the page carries of
   * the bars. False after a trap.
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

  return { placeTooltip, focusBar, step, point, csvLink, speak, buildTable };
}
