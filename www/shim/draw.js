/**
 * Drawing: in batches (every widget's size and style read, then every canvas
 * painted by Rust, then the DOM written: interleaving them would force a style
 * or layout pass per widget), in the next animation frame, or for a new width
 * right in the one ResizeObserver's callback; then the text lines around the
 * canvas, set as page text where Rust laid them out (the overlay's JSON, read
 * by name), and the announcements (events, `ready`, the grow-in's next frame).
 */
import { page, GROW_MS, STATE_ATTRIBUTE } from "./state.js";
import { element, restyle } from "./dom.js";
import { pageDark, readEnvironment } from "./environment.js";
import { placeTooltip } from "./interaction.js";
import { fail, onTrap, settle } from "./settle.js";

/**
 * One ResizeObserver for every widget, on a zero-height ruler as wide as the
 * figure (so our own drawing never resizes what is observed). Only a width
 * change needs a redraw (the height follows from the chart). It draws right
 * there, after the frame's layout and before its paint: no layout is forced,
 * and the new width is on screen in the same frame (one commit, not two). A
 * new widget's first drawing waits for the next animation frame instead, with
 * every widget set up by then (measured faster for many widgets at once).
 */
export const byRuler = new WeakMap();
export const resizes = new ResizeObserver((entries) => {
  const batch = [];
  for (const entry of entries) {
    const widget = byRuler.get(entry.target);
    const width = Math.floor(entry.contentBoxSize?.[0]?.inlineSize ?? entry.contentRect.width);
    if (widget && width !== widget.drawnWidth) {
      page.due.delete(widget);
      batch.push(widget);
    }
  }
  // Events and promises wait for a task after this frame: code of the page that reacts
  // to them (new widgets, other widths) must not run inside the observer's delivery.
  const announcements = drawBatch(batch);
  if (announcements.length) setTimeout(() => announcements.forEach((announceIt) => announceIt()));
});

/** Draws `widget` in the next animation frame, with every other widget due then. */
export function scheduleDraw(widget) {
  page.due.add(widget);
  if (page.frameRequested) return;
  page.frameRequested = true;
  requestAnimationFrame(() => {
    page.frameRequested = false;
    drawNow([...page.due]);
  });
}

/** Draws `batch` at once (taking it off the due list) and makes its announcements. */
export function drawNow(batch) {
  batch.forEach((widget) => page.due.delete(widget));
  drawBatch(batch).forEach((announceIt) => announceIt());
}

/** Reads, paints, then writes, for every widget of `batch`; returns the announcements to make. */
function drawBatch(batch) {
  const dark = batch.length ? pageDark() : false;
  const readings = batch.map((widget) => readEnvironment(widget, dark));
  const painted = batch.map((widget, i) => paint(widget, readings[i]));
  return batch.map((widget, i) => publish(widget, painted[i])).filter(Boolean);
}

/**
 * Draws one widget's canvas (wasm only: no DOM writes, so the next widget's
 * canvas font is set on a clean style and forces no recalculation); returns
 * what `publish` needs, or null.
 */
function paint(widget, reading) {
  if (!widget.widget || page.wasm.dead || !reading) return null;
  const { cssWidth, textScale } = reading;
  if (cssWidth <= 0) return null;
  // The bars grow in only in view (off screen nobody would see it: it would cost the reader's
  // CPU for nothing) and where the reader has not already seen them whole in a static image.
  if (widget.draws === 0 && !reading.reducedMotion && !widget.staticShown && reading.inView) widget.growStart = performance.now();
  const grow = widget.growStart === null ? 1 : Math.min(1, (performance.now() - widget.growStart) / GROW_MS);
  try {
    widget.widget.setStyle(reading.style);
    const cssHeight = widget.widget.draw(cssWidth, reading.pixelRatio, reading.dark, textScale, grow, widget.focus);
    return { cssWidth, cssHeight, grow, pixelRatio: reading.pixelRatio, overlay: JSON.parse(widget.widget.overlay()) };
  } catch (error) {
    if (error instanceof WebAssembly.RuntimeError) onTrap(error);
    else fail(widget, error);
    return null;
  }
}

/** The lines of text above and below the canvas, one element each, placed where Rust laid them out. */
function setLines(box, lines, width) {
  while (box.childElementCount > lines.length) {
    box.lastElementChild.nextSibling?.remove();
    box.lastElementChild.remove();
  }
  lines.forEach(({ align, x, top, font, color, text }, i) => {
    let line = box.children[i];
    if (!line) {
      // Each line is followed by a line break, so a copy of the page keeps the words apart.
      line = box.appendChild(element("p", "bering-line"));
      box.append("\n");
    }
    restyle(line, {
      font, color, top: `${top}px`,
      left: align === "left" ? `${x}px` : "", right: align === "right" ? `${width - x}px` : "",
    });
    if (line.textContent !== text) line.textContent = text;
  });
}

/** Writes one drawing into the DOM; returns its announcement, or null. */
function publish(widget, painted) {
  if (!painted || !widget.widget || page.wasm.dead) return null;
  const { cssWidth, cssHeight, overlay } = painted;
  const { canvas, figure } = widget;
  // The canvas holds the bars; the title, takeaway and notes above and below it are page text.
  restyle(figure, {
    height: `${cssHeight}px`, "background-color": overlay.background,
    "--bering-pad": `${overlay.padding}px`, "--bering-link": overlay.linkColor, "--bering-text-scale": String(overlay.textScale),
  });
  restyle(canvas, { top: `${overlay.canvasTop}px`, width: `${cssWidth}px`, height: `${overlay.canvasHeight}px` });
  canvas.hidden = false;
  setLines(widget.textBox, overlay.lines, cssWidth);
  widget.textBox.hidden = false;
  figure.classList.add("drawn");
  widget.message.hidden = true;
  widget.links.hidden = false;
  widget.draws += 1;
  widget.drawnWidth = cssWidth;
  clearTimeout(widget.watchdog);
  const draws = widget.draws;
  return () => announce(widget, painted, draws);
}

/** After a drawing: its event, the next frame of the grow-in, the tooltip, and `ready` once. */
function announce(widget, painted, draws) {
  if (page.widgets.get(widget.element) !== widget || !widget.widget || page.wasm.dead) return;
  const { cssWidth, cssHeight, grow, pixelRatio } = painted;
  widget.element.dispatchEvent(new CustomEvent("bering-chart:draw", {
    bubbles: true, composed: true,
    detail: { width: cssWidth, height: cssHeight, pixelRatio, draws, grow },
  }));
  if (grow < 1) {
    scheduleDraw(widget);
    return;
  }
  widget.growStart = null;
  if (widget.tipIndex >= 0) placeTooltip(widget, widget.tipIndex);
  if (widget.element.getAttribute(STATE_ATTRIBUTE) !== "ready") {
    settle(widget, "ready", { chart: widget.chartName, width: cssWidth, height: cssHeight });
    widget.resolve?.(widget.api);
    widget.resolve = widget.reject = null;
  }
}
