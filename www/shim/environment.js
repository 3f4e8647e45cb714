/**
 * What a drawing needs from the page besides the options: the host page's dark
 * theme, the house style (`--bering-*`, or forced colours), the column width,
 * the pixel ratio (zoom and transforms included), the reader's font size and
 * motion preference; and the events that call for a redraw of every widget.
 */
import { STYLE_PROPERTIES, SCHEME_DARK, SCHEME_PAPER } from "bering-wire";
import { page, HOST_THEME_ATTRIBUTES, PRINT_RATIO, PRINT_WIDTH } from "./state.js";

export const darkScheme = matchMedia("(prefers-color-scheme: dark)");
export const reducedMotion = matchMedia("(prefers-reduced-motion: reduce)");
const forcedColors = matchMedia("(forced-colors: active)");
/** Forced colours for the style's colour fields (the font keeps the page's). */
const FORCED = { text: "CanvasText", muted: "CanvasText", background: "Canvas", accent: "Highlight", baseline: "CanvasText" };

/**
 * Whether the host page is dark, for `data-theme="auto"`: a `dark` /
 * `theme-dark` (or `light` / `theme-light`) class, or `data-theme`,
 * `data-color-scheme`, `data-mode` or `data-bs-theme` set to `dark` or `light`, on `<html>` or
 * `<body>`; then the root's `color-scheme` (or, where it has none, the page's
 * `<meta name="color-scheme">`) if it names one scheme only; then
 * the reader's `prefers-color-scheme`. Read once per task: the root's computed
 * style, read after a widget's shadow DOM was built, forces a style pass of the
 * page, which once per widget set up cost 14 ms for 40 charts. A change of theme
 * (classes, attributes, the reader's scheme) redraws every widget, which forgets it first.
 */
export function pageDark() {
  if (darkThisTask === null) {
    darkThisTask = readPageDark();
    setTimeout(forgetPageDark);
  }
  return darkThisTask;
}

let darkThisTask = null;
export function forgetPageDark() {
  darkThisTask = null;
}

function readPageDark() {
  for (const node of [document.documentElement, document.body]) {
    if (!node) continue;
    const classes = node.classList;
    if (classes.contains("dark") || classes.contains("theme-dark")) return true;
    if (classes.contains("light") || classes.contains("theme-light")) return false;
    for (const name of HOST_THEME_ATTRIBUTES) {
      const value = node.getAttribute(name);
      if (value === "dark" || value === "light") return value === "dark";
    }
  }
  // The root's color-scheme, or where it has none, the page's <meta name="color-scheme">.
  let scheme = getComputedStyle(document.documentElement).colorScheme.trim();
  if (scheme === "normal") scheme = document.querySelector('meta[name="color-scheme" i]')?.content.trim().toLowerCase() ?? "";
  if (scheme === "dark" || scheme === "only dark") return true;
  if (scheme === "light" || scheme === "only light") return false;
  return darkScheme.matches;
}

/**
 * A widget's reading of the page: the column width, the reader's default font
 * size (the "medium" keyword ignores the page's own CSS) and the house style
 * (or forced colours), resolved to computed values. Null when it cannot draw.
 */
export function readEnvironment(widget, dark) {
  if (!widget.widget || page.wasm.dead) return null;
  const { probe } = widget;
  const style = readStyle(widget);
  const cssWidth = Math.floor(Math.min(widget.figure.clientWidth, page.printing ? PRINT_WIDTH : Infinity));
  // Only a first drawing asks whether the box is in view (whether it grows in).
  const box = widget.draws ? null : widget.figure.getBoundingClientRect();
  const pixelRatio = pixelRatioOf(widget, cssWidth);
  return {
    // Media queries are read here too: evaluating one can force a layout.
    scheme: schemeOf(dark),
    reducedMotion: reducedMotion.matches,
    // Whether the reader can see the box now: only a chart in view grows in.
    inView: !!box && box.bottom > 0 && box.top < innerHeight,
    cssWidth,
    pixelRatio,
    // The reader's size over 16 px; Rust keeps it within its limits.
    textScale: parseFloat(getComputedStyle(probe).fontSize) / 16 || 1,
    style,
  };
}

/** The scheme a drawing is for: paper's when printing (the light theme: browsers print no backgrounds, and a dark chart printed pale text on white), else the page's. */
export const schemeOf = (dark) => (page.printing ? SCHEME_PAPER : dark ? SCHEME_DARK : 0);

/** The widget's house style (or forced colours), each colour resolved to its computed value. */
export function readStyle(widget) {
  const host = getComputedStyle(widget.element);
  const { probe } = widget;
  const forced = forcedColors.matches;
  const style = {};
  for (const [field, property] of Object.entries(STYLE_PROPERTIES)) {
    const value = forced && FORCED[field] ? FORCED[field] : host.getPropertyValue(property).trim();
    if (field === "font" || !value) {
      style[field] = value;
      continue;
    }
    probe.style.color = "";
    probe.style.color = value;
    style[field] = probe.style.color ? getComputedStyle(probe).color : "";
  }
  return style;
}

/**
 * Device pixels per CSS px of the widget as rendered now (`cssWidth` its layout width):
 * devicePixelRatio times CSS zoom and scale transforms of the page (the ruler's drawn width
 * over its layout width), or paper's when printing.
 */
export function pixelRatioOf(widget, cssWidth) {
  if (page.printing) return PRINT_RATIO;
  const shown = widget.ruler.getBoundingClientRect().width / cssWidth;
  const scale = shown > 0.1 && shown < 10 ? shown : widget.figure.currentCSSZoom || 1;
  return Math.round(devicePixelRatio * scale * 100) / 100;
}

/**
 * Calls `redrawAll` when the pixel ratio, colour scheme, forced colours or fonts
 * change, and `print(on)` around printing.
 */
export function watchEnvironment(redrawAll, print) {
  darkScheme.addEventListener("change", redrawAll);
  // A house web font that arrives after a drawing: lay out again, measured with it.
  document.fonts?.addEventListener("loadingdone", redrawAll);
  // Print the live chart (never a static one of other figures), redrawn sharp for paper.
  addEventListener("beforeprint", () => print(true));
  addEventListener("afterprint", () => print(false));
  forcedColors.addEventListener("change", redrawAll);
  const watchRatio = () => {
    matchMedia(`(resolution: ${devicePixelRatio}dppx)`).addEventListener("change", () => {
      redrawAll();
      watchRatio();
    }, { once: true });
  };
  watchRatio();
}
