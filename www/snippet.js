// Pieces of embed markup shared by the generator (generator.js) and the chart
// editor (editor.js): HTML-escaped attributes, a JavaScript string safe inside
// <script>, and the image style that holds the live chart's height at any width.

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
