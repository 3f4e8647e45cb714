/** Small DOM helpers shared by the shim's modules (text only ever as textContent). */

export function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Inline style values last written, per element of ours. */
const written = new WeakMap();

/** Writes the inline style properties that changed since the last call (a write can cost a style pass). */
export function restyle(node, values) {
  let last = written.get(node);
  if (!last) written.set(node, (last = {}));
  for (const [name, value] of Object.entries(values)) {
    if (last[name] === value) continue;
    last[name] = value;
    node.style.setProperty(name, value);
  }
}

export function messageOf(error) {
  return typeof error === "string" ? error : (error && error.message) || String(error);
}

/**
 * The parts of a widget's shadow DOM that only what the wasm's "more" module makes needs,
 * made when first needed (fewer nodes for the first drawing's style and layout): the
 * canvas's description, the figures for a copy of the page, the data table (in a clipped
 * box: a table ignores the 1 px width and would widen the page) after the text lines, and
 * the tooltip before the live region.
 */
export function extraNodes(widget) {
  if (widget.table) return widget;
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
