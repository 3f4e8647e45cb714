// Embed-code generator on the preview page (dist/index.html): reads the form in
// <section id="generator">, keeps one live widget (render/update from the shim)
// in sync with it, and writes copy-ready snippets for every channel (script embed
// with SRI, iframe, Pym.js, <noscript>, AMP, newsletter image, Apple News figure,
// share page) from pkg.json and fallback/index.json. Text reaches the
// DOM only through textContent/value; every attribute value is HTML-escaped.

import { IMG_STYLE, attrs, baseProblem, fetchJson, frameSize, jsString, pageBase, reservingStyle, shareBase, shimIntegrity, staticBlock, staticImage, withSlash } from "./snippet.js";

const DEFAULTS = { units: "mi", currency: "USD", locale: "en-US", theme: "auto" };
const PYM_URL = "https://pym.nprapps.org/pym.v1.min.js";

const $ = (id) => document.getElementById(id);
const form = $("gen-form");
const previewBox = $("gen-preview");
const problem = $("gen-problem");
const dataNote = $("gen-data-note");
const codes = {
  script: $("gen-code-script"),
  iframe: $("gen-code-iframe"),
  pym: $("gen-code-pym"),
  noscript: $("gen-code-noscript"),
  amp: $("gen-code-amp"),
  newsletter: $("gen-code-newsletter"),
  applenews: $("gen-code-applenews"),
  share: $("gen-code-share"),
};
const AMP_IFRAME_SCRIPT = "https://cdn.ampproject.org/v0/amp-iframe-0.1.js";



/** A URL usable as one srcset candidate (whitespace and commas would split it). */
function srcsetUrl(url) {
  return url.replace(/\s/g, (c) => encodeURIComponent(c)).replace(/,/g, "%2C");
}

/** The form's current choices. */
function readForm() {
  const f = new FormData(form);
  const text = (name) => String(f.get(name) ?? "").trim();
  return {
    chart: text("chart") || "length",
    units: text("units") || DEFAULTS.units,
    currency: text("currency") || DEFAULTS.currency,
    gbpPerUsd: $("gen-rate").value.trim(),
    locale: text("locale") || DEFAULTS.locale,
    theme: text("theme") || DEFAULTS.theme,
    width: Number(text("width")) || 640,
    base: $("gen-base").value.trim() || pageBase(),
  };
}

/** The base URL as typed, with a trailing slash. */
function baseOf(choice) {
  return withSlash(choice.base);
}

/**
 * The embed's options as [name, value] pairs, defaults left out, in data-attribute
 * order; names are the data attributes without `data-` (also the frame's query names).
 */
function optionPairs(choice) {
  const pairs = [["chart", choice.chart]];
  if (choice.units !== DEFAULTS.units) pairs.push(["units", choice.units]);
  if (choice.currency !== DEFAULTS.currency) {
    pairs.push(["currency", choice.currency]);
    if (choice.gbpPerUsd) pairs.push(["gbp-per-usd", choice.gbpPerUsd]);
  }
  if (choice.locale !== DEFAULTS.locale) pairs.push(["locale", choice.locale]);
  if (choice.theme !== DEFAULTS.theme) pairs.push(["theme", choice.theme]);
  return pairs;
}

/** Options for render()/update(): every key present, undefined = the default. */
function widgetOptions(choice) {
  return {
    chart: choice.chart,
    units: choice.units,
    currency: choice.currency,
    gbpPerUsd: choice.currency === "GBP" && choice.gbpPerUsd ? choice.gbpPerUsd : undefined,
    locale: choice.locale,
    theme: choice.theme,
  };
}


// ---- data from pkg.json and fallback/index.json ------------------------------------

const data = { pkg: null, fallback: null, problems: [] };

async function loadData() {
  const [pkg, fallback] = await Promise.allSettled([fetchJson("pkg.json"), fetchJson("fallback/index.json")]);
  data.problems = [];
  if (pkg.status === "fulfilled" && pkg.value && typeof pkg.value === "object") data.pkg = pkg.value;
  else data.problems.push(`pkg.json could not be read (${pkg.reason?.message ?? "not an object"}): the script embed has no integrity attribute.`);
  if (fallback.status === "fulfilled" && fallback.value && typeof fallback.value === "object") data.fallback = fallback.value;
  else data.problems.push(`fallback/index.json could not be read (${fallback.reason?.message ?? "not an object"}): the snippets have no static chart.`);
}

function integrity() {
  return shimIntegrity(data.pkg);
}

/**
 * The index.json entry (with its `name`) of a file showing the chosen chart in `theme`,
 * `format` and `purpose` (at `width` and `scale` where given), or null. A pound chart has
 * no static twin: its figures follow the page's own rate. Files are found by what
 * index.json says they show (bering-render names them; no rule is copied here).
 */
function indexEntry(choice, { format, purpose, theme, width, scale }) {
  const index = data.fallback;
  if (!index || (choice.chart === "cost" && choice.currency === "GBP")) return null;
  const units = choice.chart === "cost" ? "mi" : choice.units;
  const found = Object.entries(index).find(([, e]) => e && e.format === format && e.purpose === purpose && e.chart === choice.chart
    && e.units === units && e.locale === choice.locale && e.theme === theme
    && (width === undefined || e.width === width) && (scale === undefined || e.scale === scale));
  return found && Number.isFinite(found[1].height) ? { name: found[0], ...found[1] } : null;
}

/** The static SVG of the chosen chart in the light or dark theme: at the chosen width, else 640 px. */
function fallbackEntry(choice, dark) {
  const theme = dark ? "dark" : "light";
  return indexEntry(choice, { format: "svg", purpose: "fallback", theme, width: choice.width })
    ?? indexEntry(choice, { format: "svg", purpose: "fallback", theme, width: 640 });
}

/** A PNG of the chosen chart in its theme (`purpose`: fallback, share-card or newsletter). */
function pngEntry(choice, purpose, { scale, width } = {}) {
  return indexEntry(choice, { format: "png", purpose, theme: choice.theme === "dark" ? "dark" : "light", width, scale });
}

// ---- snippets ----------------------------------------------------------------------


/**
 * The static chart as markup: an <img> (light or dark theme) or, for theme auto,
 * a <picture> whose dark source follows the reader's colour scheme. "" if unknown.
 * `reserving`: styled to hold the live chart's height at any width (the script embed).
 */
function fallbackMarkup(choice, indent, reserving = false) {
  const base = baseOf(choice);
  const dark = choice.theme === "dark";
  const main = fallbackEntry(choice, dark);
  if (!main) return "";
  const img = staticImage(main, `${base}fallback/${main.name}`, reserving ? reservingStyle(main) : IMG_STYLE);
  if (choice.theme !== "auto") return indent + img;
  const night = fallbackEntry(choice, true);
  if (!night) return indent + img;
  return `${indent}<picture>\n`
    + `${indent}  <source${attrs([
      ["srcset", srcsetUrl(`${base}fallback/${night.name}`)],
      ["media", "(prefers-color-scheme: dark)"],
    ])}>\n`
    + `${indent}  ${img}\n`
    + `${indent}</picture>`;
}

function frameUrl(choice) {
  const query = new URLSearchParams(optionPairs(choice));
  return `${baseOf(choice)}frame.html?${query}`;
}

function chartTitle(choice) {
  // (A title names no currency: the dollar chart's serves a pound one.)
  return fallbackEntry({ ...choice, currency: "USD" }, false)?.title ?? `Bering Strait tunnel chart (${choice.chart})`;
}

function frameHeight(choice) {
  return fallbackEntry({ ...choice, currency: "USD" }, choice.theme === "dark")?.height ?? 400;
}

// ---- the static chart as HTML (src/html.rs: fallback/<stem>.html) ---------------------

/** Each fetched static HTML file by name: its text, null when it could not be read, undefined while it loads. */
const staticHtml = new Map();

/** The static HTML file of `main`, the chosen chart's static SVG entry (for theme auto, the light one with the dark colours), or null. */
function staticHtmlName(choice, main = fallbackEntry(choice, choice.theme === "dark")) {
  const name = choice.theme === "auto" ? main?.htmlAuto : main?.html;
  return typeof name === "string" && /^[\w@.-]+\.html$/.test(name) ? name : null;
}

/** One tag of bering-render's block: its opening div, a bar's div, a line's span, or an end tag. */
const BLOCK_TAG = /<div role="img" aria-label="[^"<>]*" style="[^"<>]*">|<(div|span) style="[^"<>]*">|<\/(div|span)>/y;

/** Whether `text` is bering-render's static HTML: those tags only, text between them, no URL in a style. */
function isStaticHtml(text) {
  if (!text.startsWith('<div role="img" ') || !text.endsWith("</div>") || /url\(|expression\(|@import/i.test(text)) return false;
  for (let at = text.indexOf("<"); at >= 0; at = text.indexOf("<", at + 1)) {
    BLOCK_TAG.lastIndex = at;
    if (!BLOCK_TAG.test(text)) return false;
  }
  return true;
}

/** Fetches the chosen chart's static HTML once; the script embed is written again when it is in, if still chosen. */
function fetchStaticHtml(choice) {
  const name = staticHtmlName(choice);
  if (!name || staticHtml.has(name)) return;
  staticHtml.set(name, undefined);
  fetch(new URL(`fallback/${name}`, location.href))
    .then((response) => (response.ok ? response.text() : null))
    .catch(() => null)
    .then((text) => {
      const trimmed = typeof text === "string" ? text.trim() : "";
      staticHtml.set(name, isStaticHtml(trimmed) ? trimmed : null);
      // (Only the script embed holds it; the other codes, and a selection in them, stay.)
      const now = readForm();
      if (staticHtmlName(now) === name) codes.script.value = scriptSnippet(now);
    });
}

/**
 * The static chart of the script embed: the HTML block (cheaper for a page than an SVG
 * image, which the browser lays out as a document of its own), in a box styled to hold
 * the live chart's height; the image until the HTML file is in, or where it is missing.
 */
function staticMarkup(choice, indent) {
  const main = fallbackEntry(choice, choice.theme === "dark");
  const html = staticHtml.get(staticHtmlName(choice, main));
  if (!html || !main) return fallbackMarkup(choice, indent, true);
  return indent + staticBlock(main, html);
}

export function scriptSnippet(choice) {
  const base = baseOf(choice);
  const element = attrs(optionPairs(choice).map(([name, value]) =>
    [name === "chart" ? "data-bering-chart" : `data-${name}`, value]));
  const image = staticMarkup(choice, "  ");
  const sri = integrity();
  const script = attrs([
    ["type", "module"],
    ["src", `${base}embed/bering-chart.js`],
    ...(sri ? [["integrity", sri], ["crossorigin", "anonymous"]] : []),
  ]);
  return `<div${element}>${image ? `\n${image}\n` : ""}</div>\n<script${script}></script>`;
}

export function iframeSnippet(choice) {
  return `<iframe${attrs([
    ["data-bering-frame", true],
    ["src", frameUrl(choice)],
    ["title", chartTitle(choice)],
    ...frameSize(frameHeight(choice)),
    ["loading", "lazy"],
  ])}></iframe>\n<script${attrs([["src", `${baseOf(choice)}embed/bering-frame.js`], ["async", true]])}></script>`;
}

export function pymSnippet(choice) {
  const id = `bering-${choice.chart}`;
  return `<div${attrs([["id", id]])}></div>\n`
    + `<script${attrs([["src", PYM_URL]])}></script>\n`
    + `<script>new pym.Parent(${jsString(id)}, ${jsString(frameUrl(choice))}, {title: ${jsString(chartTitle(choice))}});</script>`;
}

export function noscriptSnippet(choice) {
  const image = fallbackMarkup(choice, "");
  return image ? `<noscript>${image}</noscript>` : "";
}

/** `<amp-iframe>` of the frame, resizable (frame.html sends AMP's embed-size), the PNG its placeholder. */
export function ampSnippet(choice) {
  const base = baseOf(choice);
  const png = pngEntry(choice, "fallback", { scale: 1, width: choice.width }) ?? pngEntry(choice, "fallback", { scale: 1, width: 640 });
  const width = png?.width ?? choice.width;
  const height = png?.height ?? frameHeight(choice);
  return `<script${attrs([["async", true], ["custom-element", "amp-iframe"], ["src", AMP_IFRAME_SCRIPT]])}></script>\n`
    + `<amp-iframe${attrs([
      ["src", frameUrl(choice)], ["title", chartTitle(choice)], ["width", String(width)], ["height", String(height)],
      ["layout", "responsive"], ["sandbox", "allow-scripts allow-same-origin"], ["resizable", true], ["frameborder", "0"],
    ])}>\n`
    + `  <div${attrs([["overflow", true], ["tabindex", "0"], ["role", "button"], ["aria-label", "Show the whole chart"]])}>Show the whole chart</div>\n`
    + (png ? `  <amp-img${attrs([["placeholder", true], ["layout", "fill"], ["src", `${base}fallback/${png.name}`], ["alt", png.alt]])}></amp-img>\n` : "")
    + "</amp-iframe>";
}

/** The newsletter `<img>`: 600 CSS px, the PNG at 2×, its description as alt. */
export function newsletterSnippet(choice) {
  const png = pngEntry(choice, "newsletter");
  if (!png) return "";
  return `<img${attrs([
    ["src", `${baseOf(choice)}fallback/${png.name}`], ["width", String(png.width)], ["height", String(png.height)], ["alt", png.alt],
    ["style", "display:block;width:100%;max-width:600px;height:auto;border:0"],
  ])}>`;
}

/** An Apple News Format `figure` component (JSON): the 2× PNG, caption and accessibility caption. */
export function appleNewsSnippet(choice) {
  const png = pngEntry(choice, "fallback", { scale: 2, width: 960 }) ?? pngEntry(choice, "fallback", { scale: 2 });
  if (!png) return "";
  const card = pngEntry(choice, "share-card");
  const caption = [png.title, card?.source].filter(Boolean).join(". ");
  return JSON.stringify({ role: "figure", URL: `${baseOf(choice)}fallback/${png.name}`, caption, accessibilityCaption: png.alt }, null, 2);
}

/** The share page of the chart (one per default chart, in en-US and miles). */
export function shareSnippet(choice) {
  return `${baseOf(choice)}charts/${encodeURIComponent(choice.chart)}.html`;
}

function writeSnippets(choice) {
  fetchStaticHtml(choice);
  codes.script.value = scriptSnippet(choice);
  codes.iframe.value = iframeSnippet(choice);
  codes.pym.value = pymSnippet(choice);
  codes.noscript.value = noscriptSnippet(choice);
  codes.amp.value = ampSnippet(choice);
  codes.newsletter.value = newsletterSnippet(choice);
  codes.applenews.value = appleNewsSnippet(choice);
  codes.share.value = shareSnippet(choice);
  const notes = [...data.problems];
  const unreachable = baseProblem(choice.base);
  if (unreachable) notes.unshift(unreachable);
  if (choice.locale !== "en-US" || (choice.chart !== "cost" && choice.units !== "mi") || choice.currency !== "USD") {
    notes.push("The share page shows the default chart (US English, miles, dollars); the other codes follow your choices.");
  }
  if (choice.chart === "cost" && choice.currency === "GBP") {
    notes.push("A pound chart has no static image (its figures follow your rate), so these snippets carry none: "
      + "readers see the chart when the script has run, and a short message where it cannot run; "
      + "the newsletter and Apple News codes, which need an image, are empty.");
  }
  dataNote.textContent = notes.join(" ");
  dataNote.hidden = notes.length === 0;
}

// ---- live preview ------------------------------------------------------------------

let renderFn = null;
/** "idle" | "starting" | "live" (drawn once: update() works) | "failed" (never drawn). */
let status = "idle";
let handle = null;
let latest = null;

function restart(options) {
  const wasFailed = status === "failed";
  status = "starting";
  (async () => {
    if (wasFailed) {
      // The first render never drew, so update() has no widget to talk to: start again.
      try {
        (await renderFn(previewBox, {})).destroy();
      } catch { /* nothing to tidy */ }
    }
    try {
      handle = await renderFn(previewBox, options);
      status = "live";
    } catch {
      // The widget shows why (an error message, or the static chart when wasm cannot run).
      status = "failed";
    }
    if (latest !== options) applyPreview(latest);
  })();
}

function applyPreview(options) {
  latest = options;
  if (!renderFn) return;
  try {
    if (status === "live") handle.update(options);
    else if (status === "idle" || status === "failed") restart(options);
    // While starting, the latest options are applied when the first render settles.
  } catch {
    // Bad options: the widget shows the message; the next valid change redraws it.
  }
}

previewBox.addEventListener("bering-chart:error", (event) => {
  problem.textContent = event.detail?.state === "fallback"
    ? "The interactive chart could not load here, so the preview shows the static chart."
    : "The preview shows a problem (above): the code below would show the same message until the options are fixed.";
  problem.hidden = false;
});
previewBox.addEventListener("bering-chart:draw", () => {
  problem.textContent = "";
  problem.hidden = true;
});

// ---- wiring ------------------------------------------------------------------------

let appliedKey = null;

function refresh() {
  const choice = readForm();
  $("gen-rate").disabled = choice.currency !== "GBP";
  previewBox.style.width = `${choice.width}px`;
  writeSnippets(choice);
  // "input" and "change" both fire for most controls: update the widget once per real change.
  const options = widgetOptions(choice);
  const key = JSON.stringify(options);
  if (key === appliedKey) return;
  appliedKey = key;
  applyPreview(options);
}

async function copy(button) {
  const target = $(button.getAttribute("aria-controls"));
  const note = button.parentElement.querySelector(".gen-copied");
  if (!target || !note) return;
  try {
    await navigator.clipboard.writeText(target.value);
    note.textContent = "Copied";
  } catch {
    target.focus();
    target.select();
    note.textContent = "Selected: press Ctrl+C (⌘C on a Mac) to copy";
  }
  clearTimeout(note.timer);
  note.timer = setTimeout(() => { note.textContent = ""; }, 4000);
}

// One base URL for the page: the editor's field follows this one, and this one the editor's.
shareBase($("gen-base"), "ed-base");
form.addEventListener("input", refresh);
form.addEventListener("change", refresh);
form.addEventListener("submit", (event) => event.preventDefault());
for (const button of document.querySelectorAll("#generator button[data-copy]")) {
  button.addEventListener("click", () => copy(button));
}

refresh();
loadData().then(() => writeSnippets(readForm()), () => {});
import("./embed/bering-chart.js").then((shim) => {
  renderFn = shim.render;
  applyPreview(latest);
}, (error) => {
  problem.textContent = `The chart script could not load, so there is no preview (${error?.message ?? error}).`;
  problem.hidden = false;
});
