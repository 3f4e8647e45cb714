/**
 * How a widget settles: its state attribute and event, the message in its box
 * (and the console) for bad input or a chart that cannot run, and the trap
 * that takes every widget of the page to its fallback at once.
 */
import { page, STATE_ATTRIBUTE } from "./state.js";
import { messageOf, restyle } from "./dom.js";
import { hideTooltip } from "./interaction.js";

/** The state last written on each element (a morphing framework may take the attribute away). */
const written = new WeakMap();

/** Writes the element's state attribute (`null`: none). */
export function writeState(host, state) {
  written.set(host, state);
  if (state) host.setAttribute(STATE_ATTRIBUTE, state);
  else host.removeAttribute(STATE_ATTRIBUTE);
}

/**
 * Puts a chart's state attribute back where the page took it away or changed it: a morphing
 * framework (Turbo 8's morph, idiomorph, morphdom) removes the attributes its new HTML lacks,
 * and the shadow DOM shows the static chart or the held place by it (and the page reads it).
 */
export function keepState(host) {
  const state = written.get(host);
  if (state && host.getAttribute(STATE_ATTRIBUTE) !== state) host.setAttribute(STATE_ATTRIBUTE, state);
}

export function settle(widget, state, detail) {
  writeState(widget.element, state);
  const type = state === "ready" ? "bering-chart:ready" : "bering-chart:error";
  widget.element.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true, detail }));
}

export function showMessage(widget, state, text) {
  // The box says why now: the watchdog, which would say "no room to draw", is done.
  clearTimeout(widget.watchdog);
  widget.watchdog = undefined;
  widget.canvas.hidden = true;
  widget.textBox.hidden = true;
  restyle(widget.figure, { height: "" });
  // (No drawing shows now: the print rules for one, and the static chart's, follow.)
  widget.figure.classList.remove("drawn");
  widget.links.hidden = true;
  hideTooltip(widget);
  // A fallback with a static chart shows the chart; the reason went to the console once.
  const quiet = state === "fallback" && widget.hasStatic;
  widget.message.hidden = quiet;
  widget.message.textContent = text;
  if (!quiet) console.warn(`bering-chart: ${text}`, widget.element);
  // (Every render() waiting for it rejects with the same words: before the event, so that a
  // render() its listener calls waits for what comes next.)
  rejectWaiting(widget, text);
  settle(widget, state, { state, message: text });
}

/** Bad input: the message in the box, and render() rejects with it. */
export const fail = (widget, error) => showMessage(widget, "error", messageOf(error));

/** Every render() still waiting for the widget rejects with `text`. */
export function rejectWaiting(widget, text) {
  widget.reject?.(new Error(text));
  widget.resolve = widget.reject = null;
}

/** A wasm trap aborts the shared instance: every widget falls back, none calls it again. */
export function onTrap(error) {
  page.wasm.dead = true;
  const text = `The chart stopped working (${messageOf(error)}).`;
  for (const widget of page.widgets.values()) {
    widget.widget = null;
    // (None of these charts will draw now: their render()s reject.)
    showMessage(widget, "fallback", text);
  }
}
