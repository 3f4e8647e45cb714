/**
 * Interaction: a focus ring moved between the bars with the arrow keys (and
 * Home/End), a tooltip (value, qualifier, share of the other bar) placed by the
 * bar's row, spoken through the live region; Escape hides it; hovering or
 * touching a bar shows the same. The words and the geometry come from Rust.
 */
import { PART } from "bering-wire";
import { scheduleDraw } from "./draw.js";

/** Shows bar `index`'s tooltip by its row; returns its text ("" when there is none). */
export function placeTooltip(widget, index) {
  const text = widget.widget?.read(PART.tooltip, index) ?? "";
  const row = widget.widget?.read(PART.barRow, index);
  if (!text || !row) {
    hideTooltip(widget);
    return text;
  }
  const { tooltip, figure } = widget;
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
  widget.tooltip.hidden = true;
  widget.tipIndex = -1;
}

/** Keyboard focus moves to bar `index`: ring, tooltip and a spoken update. */
function focusBar(widget, index) {
  widget.focus = index;
  widget.live.textContent = placeTooltip(widget, index);
  scheduleDraw(widget);
}

export function wireInteraction(widget) {
  const { canvas } = widget;
  canvas.addEventListener("keydown", (event) => {
    if (!widget.widget) return;
    const count = widget.widget.barCount();
    const current = widget.focus;
    const next = {
      ArrowDown: current + 1, ArrowRight: current + 1, ArrowUp: current - 1, ArrowLeft: current - 1,
      Home: 0, End: count - 1,
    }[event.key];
    if (event.key === "Escape") {
      hideTooltip(widget);
      return;
    }
    if (next === undefined) return;
    event.preventDefault();
    focusBar(widget, Math.max(0, Math.min(count - 1, next)));
  });
  canvas.addEventListener("focus", () => {
    if (widget.widget && widget.focus < 0) focusBar(widget, 0);
  });
  canvas.addEventListener("blur", () => {
    widget.focus = -1;
    hideTooltip(widget);
    widget.live.textContent = "";
    scheduleDraw(widget);
  });
  const point = (event) => {
    if (!widget.widget) return;
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
