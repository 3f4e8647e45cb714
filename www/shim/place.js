/**
 * The widget's place on the page before it draws: the shadow root and its
 * stylesheet from the moment the element is claimed (its `:host` rules give the
 * element a box whatever the page's CSS), the height it holds until it draws
 * (from the layout's table, `RESERVE`, one rule per chart in the stylesheet), and the static chart it may show (the
 * page's child image through a slot, or our own file where one shows exactly
 * what the options ask for).
 */
import CSS from "bering-css";
import { CHARTS, RESERVE, STATIC_LOCALES, fallbackName } from "bering-wire";
import { page, HERE } from "./state.js";
import { element } from "./dom.js";
import { darkScheme, pageDark } from "./environment.js";

function styleSheet() {
  if (!page.sheet) {
    page.sheet = new CSSStyleSheet();
    // Each held height as a rule, parsed once: one calc() per widget, set inline, cost
    // 0.2 ms of style parsing per widget.
    const holds = Object.entries(RESERVE).map(([key, steps]) => `.bering-reserve[data-hold="${key}"]{padding-top:${heightCss(steps)}}`);
    page.sheet.replaceSync(CSS + holds.join(""));
  }
  return page.sheet;
}

/**
 * The element's open shadow root with our stylesheet (`div:empty { display: none }`
 * is common, so a chart set up lazily must have a box to be seen by). Until the
 * chart is built it shows the element's own children (a static image) through a
 * slot, and the place held for the chart.
 */
export function shadowOf(host) {
  const root = host.shadowRoot ?? host.attachShadow({ mode: "open" });
  // (A destroyed widget left only a slot: claimed again, it starts as a new one.)
  if (!root.querySelector(".bering-reserve")) root.replaceChildren(element("slot"), element("div", "bering-reserve"));
  root.adoptedStyleSheets = [styleSheet()];
  return root;
}

const option = (host, overrides, key, attribute) => String(overrides[key] ?? host.getAttribute(attribute) ?? "");

/** A page's own static chart among an element's children: an image, or the snippet's HTML block. */
export const OWN_STATIC = ":scope > img, :scope > picture, :scope > [data-bering-static]";

/**
 * An element's child JSON: any JSON type (but the structured data of `…+json` types such as
 * `application/ld+json`), so that a mistyped one is refused rather than ignored (readSpec).
 */
export const DATA_SCRIPT = ':scope > script[type*="json" i]:not([type*="+json" i])';

/**
 * Holds a default chart's place until it draws: its height at the box's width, from
 * the layout (`RESERVE`), for the element's units. A chart with its own image (which
 * reserves its own height), custom data (whose height only the core knows) or an
 * unknown name holds none. Other locales and pounds take the en-US height, the closest
 * known before their words arrive. (The snippet's static chart, an image or an HTML
 * block in its `data-bering-static` div, holds its own.)
 */
export function holdPlace(reserve, host, overrides) {
  if (!reserve) return;
  const chart = option(host, overrides, "chart", "data-bering-chart");
  const own = host.querySelector(`${OWN_STATIC}, ${DATA_SCRIPT}`);
  const km = option(host, overrides, "units", "data-units") === "km";
  const key = own ? null : [`${chart}-km`, chart].find((name) => (km || name === chart) && Object.hasOwn(RESERVE, name));
  reserve.hidden = !key;
  if (key) reserve.dataset.hold = key;
  else delete reserve.dataset.hold;
}

/**
 * `[first, width, height, …]` as one CSS length of the box's width (`100%` in padding),
 * the same as src/reserve.rs writes: each step a clamp, 0 below its width, its whole
 * difference from its width on (layout widths are multiples of 1/64 px).
 */
function heightCss([first, ...steps]) {
  let css = `calc(${first}px`;
  for (let i = 0, last = first; i < steps.length; last = steps[i + 1], i += 2) {
    css += ` ${steps[i + 1] > last ? "+" : "-"} clamp(0px, (100% - ${steps[i] - 0.01}px) * 100000, ${Math.abs(steps[i + 1] - last)}px)`;
  }
  return `${css})`;
}

/**
 * The snippet's static HTML block (theme auto: its colours `light-dark()` pairs, under its own
 * `color-scheme: light dark`, which follows the reader's scheme) takes the page's theme, as the
 * live chart will: a page made dark by a class or attribute shows it dark from the shim's first
 * task, not light until the canvas is drawn. A theme set on the element (light, dark) is its file's.
 */
export function followPageTheme(host, overrides) {
  const block = host.querySelector(":scope > [data-bering-static] > div");
  const theme = option(host, overrides, "theme", "data-theme");
  if (!block || theme === "light" || theme === "dark") return;
  // Where the page agrees with the reader's scheme, the block's own value stays (so no style recalculation).
  const dark = pageDark();
  block.style.colorScheme = dark === darkScheme.matches ? "light dark" : dark ? "dark" : "light";
}

/**
 * The built-in static chart for a default chart (no child JSON), themed and in
 * the right units and language; null where no static file shows exactly what the
 * options ask for (custom data, pounds, a language without its own files): a
 * fallback then says what could not load rather than show other figures or words.
 */
export function staticFallbackUrl(host, overrides) {
  // (A custom chart has none: the story's chart would stand in for its own, its data stripped too.)
  if (host.hasAttribute("data-bering-custom") || host.querySelector(DATA_SCRIPT)) return null;
  const chart = option(host, overrides, "chart", "data-bering-chart");
  if (!CHARTS.includes(chart)) return null;
  // The files' languages are exact tags (any case); en-US has no suffix.
  const tag = option(host, overrides, "locale", "data-locale").toLowerCase();
  const locale = ["", "en", "en-us"].includes(tag) ? "en-US" : STATIC_LOCALES.find((known) => known.toLowerCase() === tag);
  if (locale === undefined) return null;
  if (chart === "cost" && !["", "USD"].includes(option(host, overrides, "currency", "data-currency"))) return null;
  const km = chart !== "cost" && option(host, overrides, "units", "data-units") === "km";
  const theme = option(host, overrides, "theme", "data-theme");
  const dark = theme === "dark" || (theme !== "light" && pageDark());
  return new URL(`../fallback/${fallbackName(chart, locale, km, dark)}`, HERE).href;
}
