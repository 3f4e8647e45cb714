// Pieces of embed markup shared by the generator (generator.js), the chart
// editor (editor.js) and the iframe page (frame.js): HTML-escaped attributes, a
// JavaScript string safe inside <script>, the image style that holds the live
// chart's height at any width, the static chart as HTML in a box of that style,
// and the base64url of a custom chart's JSON.

/** The plain image style of a static chart (no live chart follows: <noscript>). */
export const IMG_STYLE = "width:100%;height:auto;display:block";

export function escapeHtml(value) {
  return String(value).replace(/[&<>"']/g, (c) => ({
    "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;",
  })[c]);
}

/** A double-quoted JavaScript string that is safe inside an HTML <script> element. */
export function jsString(value) {
  return JSON.stringify(String(value))
    .replace(/</g, "\\u003c").replace(/>/g, "\\u003e")
    .replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

/** ` name="value"` for each pair (value `true`: the bare attribute), every value escaped. */
export function attrs(list) {
  return list.map(([name, value]) => (value === true ? ` ${name}` : ` ${name}="${escapeHtml(value)}"`)).join("");
}

/**
 * The script embed's image style: the box is as tall as the live chart at any width.
 * `reserve` (from src/reserve.rs: fallback/index.json, or the editor's build) is the
 * chart's height as a CSS length of the box's width; the image is never wider than
 * makes it that tall, and padding below it makes up the rest in a narrower box. At the
 * image's own width it is the whole image with no padding.
 */
export function reservingStyle({ reserve, width, height }) {
  if (typeof reserve !== "string" || !/^calc\([-+*%.,() 0-9a-z]*\)$/.test(reserve)) return IMG_STYLE;
  return `display:block;box-sizing:content-box;--bering-h:${reserve};`
    + `width:min(100%, var(--bering-h) * ${width} / ${height});height:auto;`
    + `padding-bottom:max(0px, var(--bering-h) - 100% * ${height} / ${width})`;
}

/**
 * The static chart's `<img>` for its fallback/index.json entry at `src`: its size, its
 * description as alt text, and the script embed's reserving style (or `style`).
 */
export function staticImage(entry, src, style = reservingStyle(entry)) {
  return `<img${attrs([
    ["src", src], ["width", String(entry.width)], ["height", String(entry.height)],
    ["alt", entry.alt ?? entry.description ?? entry.title ?? ""], ["style", style],
  ])}>`;
}

/**
 * The script embed's static chart as HTML: bering-render's block for the `entry`
 * (fallback/<stem>.html, src/html.rs: positioned boxes and lines of text, which a page
 * lays out for a fraction of what an SVG image costs it), in a box styled as the
 * image would be, to hold the live chart's height at any width.
 */
export function staticBlock(entry, html) {
  // `data-bering-static` tells the shim it is the page's own static chart. (Its box model is
  // reset first: an article's rules for div, margins and borders, would change its height.)
  return `<div${attrs([
    ["data-bering-static", true],
    ["style", `margin:0;padding:0;border:0;float:none;height:auto;max-height:none;max-width:none;min-height:0;${reservingStyle(entry)}`],
  ])}>${html}</div>`;
}

/** Text as UTF-8 in base64url (RFC 4648 §5, no padding): a custom chart in a link or a frame's address. */
export function toBase64url(text) {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** `toBase64url`'s text back; throws when `code` is not base64url of UTF-8. */
export function fromBase64url(code) {
  if (!/^[A-Za-z0-9_-]*$/.test(code)) throw new Error("it holds characters base64url does not use");
  const base64 = code.replace(/-/g, "+").replace(/_/g, "/");
  const binary = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
  return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/*
 * Where the codes load the embed from: the base URL (the folder holding embed/), one for the
 * page's generator and editor, remembered in this browser (a newsroom serves the embed from
 * one address), and a note when readers could not load a code written with it.
 */
const BASE_KEY = "bering-chart-base";

/** The base URL this browser remembers, or "". */
function rememberedBase() {
  try {
    return localStorage.getItem(BASE_KEY) ?? "";
  } catch {
    return "";
  }
}

/** Remembers `base` (an empty one forgets). */
function rememberBase(base) {
  try {
    if (base) localStorage.setItem(BASE_KEY, base);
    else localStorage.removeItem(BASE_KEY);
  } catch { /* a browser that keeps nothing: the field still holds it */ }
}

/**
 * An iframe code's size, `height` px tall and as wide as its column: as style, and again as
 * attributes (with no border) for a CMS that strips style (a 300 px box with a border then).
 */
export const frameSize = (height) => [
  ["style", `width:100%;border:0;height:${height}px`], ["width", "100%"], ["height", String(height)], ["frameborder", "0"],
];

/** This page's folder: the base URL when none is given. */
export const pageBase = () => new URL(".", location.href).href;

/** `base` with a trailing slash (not normalised: it is escaped where written). */
export const withSlash = (base) => (base.endsWith("/") ? base : `${base}/`);

/**
 * Makes `field` one of the page's base URL fields: it starts with the base this browser
 * remembers (else this page's folder), remembers what is typed, and the field `twinId` (the
 * generator's or the editor's) follows it, with an input event of its own.
 */
export function shareBase(field, twinId) {
  field.value = rememberedBase() || pageBase();
  field.addEventListener("input", () => {
    const base = field.value.trim();
    rememberBase(base === pageBase() ? "" : base);
    const twin = document.getElementById(twinId);
    if (twin && twin.value !== field.value) {
      twin.value = field.value;
      twin.dispatchEvent(new Event("input", { bubbles: true }));
    }
  });
}

/** A JSON file of the page's folder, fetched once for the page (the generator and the editor share pkg.json). */
const fetched = new Map();
export function fetchJson(path) {
  if (!fetched.has(path)) {
    fetched.set(path, fetch(new URL(path, location.href)).then((response) => {
      if (!response.ok) throw new Error(`${path} answered HTTP ${response.status}`);
      return response.json();
    }));
  }
  return fetched.get(path);
}

/** The shim's SRI hash in pkg.json's `built`, or null. */
export function shimIntegrity(pkg) {
  const value = pkg?.built?.["embed/bering-chart.js"]?.integrity;
  return typeof value === "string" && value ? value : null;
}

/**
 * What is wrong for readers with codes that load from `base`, or "" (an https address of a
 * site). A root-relative base (`/static/bering-chart/`) serves the site's own pages, but not
 * the codes read elsewhere (a newsletter, Apple News, AMP), which need a full address.
 */
export function baseProblem(base) {
  if (/^\/(?!\/)/.test(base)) {
    return `The base URL "${base}" works on your own site's pages only: the newsletter, Apple News and AMP codes, read elsewhere, need its full https address.`;
  }
  let url;
  try {
    url = new URL(base);
  } catch {
    return `The base URL "${base}" is not an address: give the full address of the folder holding embed/, such as https://cdn.example.org/bering-chart/v1/.`;
  }
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const local = url.protocol === "file:" || host === "localhost" || host.endsWith(".localhost") || host === "0.0.0.0" || host === "::1"
    || /^(127|10)\.\d+\.\d+\.\d+$/.test(host) || /^192\.168\.\d+\.\d+$/.test(host) || /^172\.(1[6-9]|2\d|3[01])\.\d+\.\d+$/.test(host)
    || /^(fc|fd|fe80)[0-9a-f]*:/i.test(host);
  if (local) {
    return `These codes load the chart from ${url.protocol === "file:" ? "a file on this computer" : url.host}, which readers cannot reach (this computer, or a private network): set the base URL to the address where your site serves these files.`;
  }
  if (url.protocol === "http:") return "These codes load the chart over http: pages served over https refuse it, and AMP needs https. Serve the files over https.";
  if (url.protocol !== "https:") return `The base URL "${base}" is not a web address: give the https address of the folder holding embed/.`;
  return "";
}
