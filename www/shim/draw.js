/**
 * Drawing: in batches (every widget's size and style read, then every chart
 * painted by Rust, then the DOM written: interleaving them would force a style
 * or layout pass per widget), in the next animation frame, or for a new width
 * right in the one ResizeObserver's callback; then the text lines around the
 * canvas, set as page text where Rust laid them out (the overlay's JSON, read
 * by name), and the announcements (events, `ready`), and the grow-in (covers the compositor animates).
 *
 * Rust paints every chart on one detached canvas of the page (`page.drawing`); each
 * drawing is copied from it at once as an ImageBitmap (`createImageBitmap`, whose promise
 * resolves in the microtasks after the task: the writes wait for it, still before the
 * frame's style and layout) and handed to the widget's shown canvas (a `bitmaprenderer`).
 * A shown 2D canvas would be copied for the compositor again at every later frame of the
 * page's (Chromium re-produces every 2D canvas while any animation runs: a grow-in cost 40
 * canvases 50 ms), and 40 canvases of their own cost 40 backing stores to allocate; an
 * ImageBitmap is handed over once. (Through an OffscreenCanvas and `transferToImageBitmap`,
 * as until issue 15, each drawing cost one more 1.3 MB buffer at 2x: about 0.4 ms a chart.)
 */
import { PART, record } from "bering-wire";
import { page, GROW_MS, GROW_EASING, GROWN_AT, STATE_ATTRIBUTE } from "./state.js";
import { element, restyle } from "./dom.js";
import { pageDark, readEnvironment } from "./environment.js";
import { queueTable } from "./words.js";
import { fail, onTrap, settle } from "./settle.js";

/**
 * One ResizeObserver for every widget, on a zero-height ruler as wide as the
 * figure, before it in the shadow root (so our own drawing never resizes what is
 * observed, and what it resizes is deeper: see buildNodes). Only a width
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
  drawBatch(batch).then((announcements) => {
    if (announcements.length) setTimeout(() => announcements.forEach((announceIt) => announceIt()));
  });
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
  drawBatch(batch).then((announcements) => announcements.forEach((announceIt) => announceIt()));
}

/**
 * Reads, paints, then writes, for every widget of `batch`; resolves with the announcements
 * to make. The writes wait for the drawings' bitmaps, which resolve in the microtasks right
 * after this task (so still before this frame's style, layout and paint).
 */
function drawBatch(batch) {
  const dark = batch.length ? pageDark() : false;
  const readings = batch.map((widget) => readEnvironment(widget, dark));
  const painted = batch.map((widget, i) => paint(widget, readings[i]));
  // (A bitmap that could not be made, out of memory, leaves its widget as it was: the next drawing tries again.)
  const bitmaps = painted.map((drawing) => drawing?.bitmap.catch((error) => {
    console.warn(`bering-chart: a drawing could not be shown (${error?.message ?? error}).`);
    return null;
  }));
  // The drawing canvas's pixels are copied by now: without them, a page of two charts almost
  // always stays under the heap size at which V8 starts a major GC (about 2 ms of the main
  // thread, measured; V8 still starts one in about one cold load in 40).
  if (page.drawing) page.drawing.width = 0;
  return Promise.all(bitmaps).then((shown) =>
    batch.map((widget, i) => publish(widget, shown[i] && { ...painted[i], bitmap: shown[i] })).filter(Boolean));
}

/**
 * Draws one widget's canvas (wasm only: no DOM writes, so the next widget's
 * canvas font is set on a clean style and forces no recalculation); returns
 * what `publish` needs, or null.
 */
function paint(widget, reading) {
  if (!widget.widget || page.wasm.dead || !reading) return null;
  const { cssWidth, textScale } = reading;
  if (cssWidth <= 0) {
    // Hidden (no box): shown again, even at its old width, it is drawn again, as what it
    // shows (a theme, say) may have changed meanwhile.
    widget.drawnWidth = 0;
    return null;
  }
  // The bars grow in only in view (off screen nobody would see it: it would cost the reader's
  // CPU for nothing) and where the reader has not already seen them whole in a static image.
  // The canvas is drawn once, final; the grow-in is the compositor's (see startGrowIn).
  const growing = widget.draws === 0 && !reading.reducedMotion && !widget.staticShown && reading.inView && document.visibilityState === "visible" && !page.printing;
  let look;
  try {
    const style = record(reading.style);
    look = reading.scheme + style;
    // (No focus mark on paper.)
    const cssHeight = widget.widget.draw(cssWidth, reading.pixelRatio, reading.scheme, textScale, page.printing ? -1 : widget.focus, style);
    // The drawing canvas is copied now (the next widget draws on it): its bitmap comes after.
    // (`look`, the scheme and style drawn with, is what the page's restyling is compared with.)
    return { cssWidth, cssHeight, growing, paper: page.printing, bitmap: createImageBitmap(page.drawing), pixelRatio: reading.pixelRatio, look, overlay: JSON.parse(widget.widget.read(PART.overlay)) };
  } catch (error) {
    if (error instanceof WebAssembly.RuntimeError) onTrap(error);
    else {
      // What failed is not tried again as it was (the observer's first notification, or a
      // restyle, would say it twice): a new width, ratio, theme or style tries again.
      widget.drawnWidth = cssWidth;
      widget.drawnRatio = reading.pixelRatio;
      widget.drawnLook = look;
      fail(widget, error);
    }
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
  // A redraw (new width, focus, theme) during the grow-in shows the final chart at once.
  stopGrowIn(widget);
  // The canvas holds the bars; the title, takeaway and notes above and below it are page text.
  // (Its width and shape also scale the drawing to its box on paper: widget.css. Written with
  // every drawing, not only paper's: print media without beforeprint, as a screenshot tool
  // emulates it, would otherwise find none and lay the figure out 0 px tall.)
  restyle(figure, {
    height: `${cssHeight}px`, "--bering-w": `${cssWidth}px`, "--bering-h": `${cssHeight}px`, "background-color": overlay.background,
    "--bering-pad": `${overlay.padding}px`, "--bering-link": overlay.linkColor, "--bering-text-scale": String(overlay.textScale),
  });
  restyle(canvas, { top: `${overlay.canvasTop}px`, width: `${cssWidth}px`, height: `${overlay.canvasHeight}px` });
  // The backing store is the drawing's (CSS size × pixel ratio), its attributes too.
  const { bitmap } = painted;
  if (canvas.width !== bitmap.width) canvas.width = bitmap.width;
  if (canvas.height !== bitmap.height) canvas.height = bitmap.height;
  (widget.shownContext ??= canvas.getContext("bitmaprenderer")).transferFromImageBitmap(bitmap);
  canvas.hidden = false;
  setLines(widget.textBox, overlay.lines, cssWidth);
  widget.textBox.hidden = false;
  figure.classList.add("drawn");
  widget.message.hidden = true;
  widget.links.hidden = false;
  widget.draws += 1;
  widget.drawnWidth = cssWidth;
  widget.drawnHeight = cssHeight;
  widget.drawnRatio = painted.pixelRatio;
  widget.drawnLook = painted.look;
  if (painted.growing) startGrowIn(widget, overlay);
  // A drawing for paper that came after printing ended (a page's own print button fires
  // `afterprint` in the same task as `beforeprint`, before any bitmap is made) is drawn again
  // for the screen: `print(false)` found that chart not drawn yet, and passed it by.
  if (painted.paper && !page.printing) scheduleDraw(widget);
  // (Drawn: the watchdog is done, and armed afresh by the next build, an update's.)
  clearTimeout(widget.watchdog);
  widget.watchdog = undefined;
  const draws = widget.draws;
  return () => announce(widget, painted, draws);
}

/**
 * The grow-in, drawn by the compositor: the canvas already holds the final chart,
 * and one cover per bar, in the chart's background colour over the bar and its
 * value label, shrinks towards its right edge (a transform) so that the bar shows
 * as it grows, with the same ease-out as its length; the value label then fades
 * in (opacity) where the cover stays. No frame of it runs script or repaints the
 * canvas. `ready` waits for its end. A page hidden before the drawing gets none (see paint).
 *
 * The animations are HOLD_FACTOR times longer than the grow-in, which is their first
 * 1/HOLD_FACTOR (then they hold their last frame), and the grow-in ends when their time
 * reaches GROW_MS, seen from a timer: Blink runs main-thread frames in the last few
 * frames before an animation ends (three at 60 Hz, about 0.5 ms each, measured), and
 * here none ends while it is shown. The time is the animation's own, so a page or
 * DevTools that slows animations slows the end too.
 */
const HOLD_FACTOR = 25;
function startGrowIn(widget, overlay) {
  const box = (widget.coverBox ??= widget.figure.insertBefore(element("div", "bering-covers"), widget.textBox));
  box.style.top = `${overlay.canvasTop}px`;
  const animations = overlay.covers.map(([left, top, width, height, bar]) => {
    const cover = box.appendChild(element("div"));
    restyle(cover, { left: `${left}px`, top: `${top}px`, width: `${width}px`, height: `${height}px`, background: overlay.background });
    const grown = `scaleX(${Math.max(0, 1 - bar / width)})`;
    return cover.animate([
      { transform: "scaleX(1)", opacity: 1, easing: GROW_EASING },
      { transform: grown, opacity: 1, offset: GROWN_AT / HOLD_FACTOR },
      { transform: grown, opacity: 0, offset: 1 / HOLD_FACTOR },
      { transform: grown, opacity: 0 },
    ], { duration: GROW_MS * HOLD_FACTOR, fill: "forwards" });
  });
  widget.growth = animations;
  page.growing.add(widget);
  const end = () => {
    if (widget.growth === animations) endGrowIn(widget);
  };
  const [first] = animations;
  if (!first) return end();
  // From the animations' start (`ready`), a check when the grow-in should be over, then
  // again for what is left (the animation time can run slower than the timer's).
  // (A cancelled animation has no time: `end` then finds the grow-in over already.)
  const check = () => {
    const left = GROW_MS - (first.currentTime ?? GROW_MS);
    if (left > 0) setTimeout(check, Math.max(left, 16));
    else end();
  };
  first.ready.then(() => setTimeout(check, GROW_MS), () => {});
}

/** The grow-in is over: the final chart is on screen, and `ready`. */
function endGrowIn(widget) {
  stopGrowIn(widget);
  settleDrawn(widget);
}

// A hidden page runs no animation frames: a grow-in under way when it is hidden shows the
// final chart at once. (One listener for the page: one per grow-in kept its widget, and the
// element, until the page was next hidden.)
document.addEventListener("visibilitychange", () => page.growing.forEach(endGrowIn));

/** Ends a grow-in at once (its covers gone): the canvas under them is final. Waiting tables go on after the last. */
export function stopGrowIn(widget) {
  if (!widget.growth) return;
  const animations = widget.growth;
  widget.growth = null;
  animations.forEach((animation) => animation.cancel());
  widget.coverBox.replaceChildren();
  page.growing.delete(widget);
  if (!page.growing.size) {
    const waiting = [...page.tablesWaiting];
    page.tablesWaiting.clear();
    waiting.forEach(queueTable);
  }
}

/** After a drawing: its event, then (once no grow-in runs) the tooltip and `ready` once. */
function announce(widget, painted, draws) {
  if (page.widgets.get(widget.element) !== widget || !widget.widget || page.wasm.dead) return;
  const { cssWidth, cssHeight, pixelRatio } = painted;
  widget.element.dispatchEvent(new CustomEvent("bering-chart:draw", {
    bubbles: true, composed: true,
    detail: { width: cssWidth, height: cssHeight, pixelRatio, draws, growIn: widget.growth ? GROW_MS : 0 },
  }));
  if (!widget.growth) settleDrawn(widget);
}

/** The chart is final on screen: its tooltip placed, and `ready` (once). */
function settleDrawn(widget) {
  if (page.widgets.get(widget.element) !== widget || !widget.widget || page.wasm.dead) return;
  if (widget.tipIndex >= 0) page.later.placeTooltip(widget, widget.tipIndex);
  if (widget.element.getAttribute(STATE_ATTRIBUTE) !== "ready") {
    settle(widget, "ready", { chart: widget.chartName, width: widget.drawnWidth, height: widget.drawnHeight });
    widget.resolve?.(widget.api);
    widget.resolve = widget.reject = null;
  }
  queueTable(widget);
}
