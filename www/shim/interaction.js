/**
 * Interaction: a focus ring moved between the bars with the arrow keys (and
 * Home/End), a tooltip (value, qualifier, share of the other bar) placed by the
 * bar's row, spoken through the live region; Escape hides it; hovering or
 * touching a bar shows the same. The listeners are here from the start; what answers
 * them is the "more" script's (more.js), with the words and the geometry from the
 * wasm's "more" module: an interaction that comes before they have arrived asks for
 * them, and is answered when they are in (the key's default action is still prevented at once).
 */
import { page } from "./state.js";
import { scheduleDraw } from "./draw.js";
import { loadMore } from "./load.js";

/** Runs `then(more)` once the "more" script and module work (at once when they do), unless the widget is gone. */
function withMore(widget, then) {
  if (page.wasm.moreReady) return then(page.later);
  loadMore().then(() => {
    if (widget.widget && page.widgets.get(widget.element) === widget) then(page.later);
  }, () => {});
}

export function hideTooltip(widget) {
  if (widget.tooltip) widget.tooltip.hidden = true;
  widget.tipIndex = -1;
}

/** What each key does to the bar in focus: a step, or to the first (-Infinity) or last (Infinity). */
const STEPS = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1, Home: -Infinity, End: Infinity };

export function wireInteraction(widget) {
  const { canvas } = widget;
  canvas.addEventListener("keydown", (event) => {
    if (!widget.widget) return;
    if (event.key === "Escape") {
      hideTooltip(widget);
      return;
    }
    const by = STEPS[event.key];
    if (by === undefined) return;
    event.preventDefault();
    withMore(widget, (more) => more.step(widget, by));
  });
  canvas.addEventListener("focus", () => {
    if (widget.widget && widget.focus < 0) withMore(widget, (more) => {
      if (widget.focus < 0 && widget.root.activeElement === canvas) more.focusBar(widget, 0);
    });
  });
  canvas.addEventListener("blur", () => {
    widget.focus = -1;
    hideTooltip(widget);
    widget.live.textContent = "";
    scheduleDraw(widget);
  });
  let waiting = null;
  const point = (event) => {
    if (!widget.widget) return;
    if (!page.wasm.moreReady) {
      // The last pointer event before the "more" module arrived is answered when it has (and
      // after a failure, a later one asks again).
      if (!waiting) loadMore().then(() => point(waiting), () => { waiting = null; });
      waiting = event;
      return;
    }
    waiting = null;
    page.later.point(widget, event);
  };
  canvas.addEventListener("pointermove", point);
  canvas.addEventListener("pointerdown", point);
  canvas.addEventListener("pointerleave", () => {
    if (widget.focus >= 0) page.later?.placeTooltip(widget, widget.focus);
    else hideTooltip(widget);
  });
}
