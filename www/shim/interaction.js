/**
 * Interaction: a focus ring moved between the bars with the arrow keys (and
 * Home/End), a tooltip (value, qualifier, share of the other bar) placed by the
 * bar's row, spoken through the live region; Escape hides it; hovering or
 * touching a bar shows the same. The words and the geometry come from Rust, in the
 * wasm's "more" module: an interaction that comes before it has arrived asks for it,
 * and is answered when it is in (the key's default action is still prevented at once).
 */
import { PART } from "bering-wire";
import { page } from "./state.js";
import { scheduleDraw } from "./draw.js";
import { loadMore } from "./load.js";
import { extraNodes } from "./dom.js";

/** Runs `then` once the "more" module works (at once when it does), unless the widget is gone. */
function withMore(widget, then) {
  if (page.wasm.moreReady) return then();
  loadMore().then(() => {
    if (widget.widget && page.widgets.get(widget.element) === widget) then();
  }, () => {});
}

/** Shows bar `index`'s tooltip by its row; returns its text ("" when there is none). */
export function placeTooltip(widget, index) {
  if (!page.wasm.moreReady) return "";
  const text = widget.widget?.readMore(PART.tooltip, index) ?? "";
  const row = widget.widget?.readMore(PART.barRow, index);
  if (!text || !row) {
    hideTooltip(widget);
    return text;
  }
  const { tooltip, figure } = extraNodes(widget);
  tooltip.textContent = text;
  tooltip.hidden = false;
  const { right, bottom } = JSON.parse(row);
  const maxLeft = figure.clientWidth - tooltip.offsetWidth - 4;
  tooltip.style.left = `${Math.max(4, Math.min(right + 8, maxLeft))}px`;
  tooltip.style.top = `${bottom}px`;
  widget.tipIndex = index;
  return text;
}

export function hideTooltip(widget) {
  if (widget.tooltip) widget.tooltip.hidden = true;
  widget.tipIndex = -1;
}

/** Keyboard focus moves to bar `index`: ring, tooltip and a spoken update. */
function focusBar(widget, index) {
  widget.focus = index;
  widget.live.textContent = placeTooltip(widget, index);
  scheduleDraw(widget);
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
    const step = STEPS[event.key];
    if (step === undefined) return;
    event.preventDefault();
    withMore(widget, () => {
      const count = widget.widget.barCount();
      const next = Number.isFinite(step) ? widget.focus + step : step < 0 ? 0 : count - 1;
      focusBar(widget, Math.max(0, Math.min(count - 1, next)));
    });
  });
  canvas.addEventListener("focus", () => {
    if (widget.widget && widget.focus < 0) withMore(widget, () => {
      if (widget.focus < 0 && widget.root.activeElement === canvas) focusBar(widget, 0);
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
      // The last pointer event before the "more" module arrived is answered when it has.
      if (!waiting) withMore(widget, () => point(waiting));
      waiting = event;
      return;
    }
    waiting = null;
    const index = widget.widget.barAt(event.offsetY);
    if (index >= 0) placeTooltip(widget, index);
    else if (widget.focus < 0) hideTooltip(widget);
  };
  canvas.addEventListener("pointermove", point);
  canvas.addEventListener("pointerdown", point);
  canvas.addEventListener("pointerleave", () => {
    if (widget.focus >= 0) placeTooltip(widget, widget.focus);
    else hideTooltip(widget);
  });
}
