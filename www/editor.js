// Chart editor on the preview page (dist/index.html, section #editor): one
// chart specification edited through the form and the bars table (or a paste
// from a spreadsheet), previewed live at 320, 640 and 960 px in light and dark
// by the real embed, and written out as a script embed that carries the spec
// and its static chart as HTML (the frame codes its SVG image). Everything the
// chart says, every check and the static chart come from the editor's build of
// the same Rust core (editor/bering_chart.js: checkSpec, readPaste, renderSvg,
// renderHtml, heightCss,
// defaultSpec); this file holds the form and the markup only. Text reaches the
// DOM through textContent and value; attribute values are escaped.
import init, { chartCsv, checkSpec, computedTakeaway, defaultSpec, heightCss, installLocalePack, missingLocalePack, readPaste, renderHtml, renderSvg } from "./editor/bering_chart.js";
import { IMG_STYLE, attrs, baseProblem, fetchJson, frameSize, fromBase64url, jsString, pageBase, shareBase, shimIntegrity, staticBlock, staticImage as imageMarkup, toBase64url, withSlash } from "./snippet.js";

const QUALIFIERS = ["", "under", "over", "about", "at least", "at most"];
const PREVIEW_WIDTHS = [320, 640, 960];
const $ = (id) => document.getElementById(id);
const fields = { title: $("ed-title"), prefix: $("ed-prefix"), unit: $("ed-unit"), takeaway: $("ed-takeaway"), note: $("ed-note"), source: $("ed-source"), sourceUrl: $("ed-source-url") };

/** The chart being edited; bars keep the text typed in the value cell too. */
const draft = { locale: "en-US", spec: { title: "", bars: [], unit: "", prefix: "", takeaway: "", note: "", source: "", sourceUrl: "" }, problems: new Map() };

/** The spec as the embed reads it: empty fields left out, values as numbers. */
function specOf() {
  const spec = { title: draft.spec.title, bars: draft.spec.bars.map(({ label, value, qualifier }) => {
    const bar = { label, value: Number.isFinite(value) ? value : null };
    if (qualifier) bar.qualifier = qualifier;
    return bar;
  }) };
  for (const key of ["unit", "prefix", "takeaway", "note", "source", "sourceUrl"]) if (draft.spec[key]?.trim()) spec[key] = draft.spec[key];
  return spec;
}

function options() {
  return { chart: "length", locale: draft.locale };
}

async function words(tag) {
  const name = missingLocalePack(tag);
  if (!name) return;
  const response = await fetch(`embed/locale/${name}.json`);
  if (response.ok) installLocalePack(await response.json());
}

// ---- state that survives: the link, undo and redo, drafts --------------------------

/** The draft as plain data: what a link, the undo history and a saved draft hold. */
function snapshot() {
  return JSON.stringify({ locale: draft.locale, spec: specOf() });
}

/** Puts a snapshot back in the form and the table (the focus, if given, on that row's control). */
function restore(text, focus = null) {
  const saved = JSON.parse(text);
  if (!saved || typeof saved !== "object" || !saved.spec || !Array.isArray(saved.spec.bars)) throw new Error("it holds no chart");
  draft.locale = typeof saved.locale === "string" ? saved.locale : "en-US";
  $("ed-locale").value = draft.locale;
  const spec = saved.spec;
  draft.spec = {
    title: String(spec.title ?? ""), unit: String(spec.unit ?? ""), prefix: String(spec.prefix ?? ""), takeaway: String(spec.takeaway ?? ""),
    note: String(spec.note ?? ""), source: String(spec.source ?? ""), sourceUrl: String(spec.sourceUrl ?? ""),
    bars: spec.bars.map((bar) => ({ label: String(bar?.label ?? ""), value: typeof bar?.value === "number" ? bar.value : NaN, qualifier: String(bar?.qualifier ?? "") })),
  };
  draft.problems.clear();
  for (const [key, input] of Object.entries(fields)) input.value = draft.spec[key];
  renderRows(focus && draft.spec.bars.length ? { row: Math.min(focus.row, draft.spec.bars.length - 1), control: focus.control } : null);
  if (focus && !draft.spec.bars.length) $("ed-add").focus();
}

/*
 * The link of a chart: `#spec=` and the draft (`{locale, spec}`) as JSON, UTF-8, in
 * base64url (RFC 4648 §5, no padding). Browsers keep URLs of 2 MB; links pasted into
 * chat or a CMS are safest under 2,000 characters, which a chart of a dozen short bars fits.
 */

/** Undo and redo: the last 100 states of the draft. */
const undo = { past: [], future: [], current: null };
const HISTORY_LIMIT = 100;

function record() {
  const now = snapshot();
  if (now === undo.current) return;
  if (undo.current !== null) undo.past.push(undo.current);
  if (undo.past.length > HISTORY_LIMIT) undo.past.shift();
  undo.current = now;
  undo.future = [];
}

function travel(from, to) {
  if (!from.length) return;
  to.push(undo.current);
  undo.current = from.pop();
  // The table is made again: a control of it in focus keeps the focus (its row and kind), so
  // the next Ctrl+Z is the editor's too, not the browser's own undo in another field.
  const active = document.activeElement;
  const row = active?.closest("#ed-rows tr");
  restore(undo.current, row ? { row: row.sectionRowIndex, control: active.dataset.control } : null);
  changed(false);
}

const DRAFTS_KEY = "bering-chart-drafts";

function drafts() {
  try {
    const list = JSON.parse(localStorage.getItem(DRAFTS_KEY) ?? "[]");
    return Array.isArray(list) ? list.filter((d) => d && typeof d.id === "string" && typeof d.state === "string") : [];
  } catch {
    return [];
  }
}

function saveDrafts(list) {
  try {
    localStorage.setItem(DRAFTS_KEY, JSON.stringify(list));
    return true;
  } catch {
    return false;
  }
}

/** The saved drafts, newest first, each with Open and Delete. */
function renderDrafts() {
  const list = $("ed-drafts");
  const items = drafts().map((saved) => {
    const li = document.createElement("li");
    const name = document.createElement("span");
    name.textContent = `${saved.title || "Untitled chart"} (${new Date(saved.saved).toLocaleString()})`;
    li.append(name, " ",
      button("Open", `Open draft ${saved.title || "Untitled chart"}`, "open", () => { restore(saved.state); record(); changed(false); }),
      " ",
      button("Delete", `Delete draft ${saved.title || "Untitled chart"}`, "delete", () => { saveDrafts(drafts().filter((d) => d.id !== saved.id)); renderDrafts(); }));
    return li;
  });
  list.replaceChildren(...items);
  $("ed-drafts-none").hidden = items.length > 0;
}

// ---- the bars table ----------------------------------------------------------------

/** A button named `label` (its `data-control` name `control`, for the focus after a rebuild) doing `action`. */
function button(text, label, control, action) {
  const b = document.createElement("button");
  b.type = "button";
  b.dataset.control = control;
  b.textContent = text;
  b.setAttribute("aria-label", label);
  b.addEventListener("click", action);
  return b;
}

/** Moves bar `from` to `to`; the focus stays on the same control of the moved row. */
function moveBar(from, to, control) {
  const bars = draft.spec.bars;
  if (to < 0 || to >= bars.length) return;
  bars.splice(to, 0, ...bars.splice(from, 1));
  draft.problems.clear();
  renderRows({ row: to, control });
  changed();
}

/**
 * The table of bars. `focus` ({row, control}: a control's `data-control` name) gets the
 * focus back after the rows are rebuilt, so a keyboard user keeps their place.
 */
function renderRows(focus = null) {
  const body = $("ed-rows");
  body.replaceChildren();
  draft.spec.bars.forEach((bar, i) => {
    const tr = document.createElement("tr");
    const n = i + 1;
    const label = document.createElement("input");
    label.value = bar.label;
    label.maxLength = 200;
    label.setAttribute("aria-label", `Bar ${n} label`);
    label.dataset.control = "label";
    label.addEventListener("input", () => { bar.label = label.value; changed(); });
    const value = document.createElement("input");
    value.inputMode = "decimal";
    value.value = bar.typed ?? (Number.isFinite(bar.value) ? String(bar.value) : "");
    value.setAttribute("aria-label", `Bar ${n} value`);
    value.dataset.control = "value";
    value.addEventListener("input", () => {
      // Read as a pasted cell is: in the chart's locale (a decimal comma in German), and
      // a qualifier typed before the number ("over 65") sets the bar's qualifier.
      bar.typed = value.value;
      const result = JSON.parse(readPaste(`x\t${value.value}`, draft.locale));
      const read = result.bars[0];
      // A currency sign or unit typed with the number ("$8bn") fills an empty prefix or unit;
      // one that is not the chart's ("65m" in a chart in bn) leaves the value unread, as a
      // paste does: its bar would not be to scale.
      const clash = clashingAffix(result);
      if (!clash) adoptAffixes(result);
      bar.value = read && read.value !== null && !clash ? read.value : NaN;
      // What is wrong with the value says so at its cell, as a paste's problem does (without the paste's row).
      const problem = clash
        ? `"${value.value}" is in ${result[clash]}, and the chart in ${draft.spec[clash]}; give it in ${draft.spec[clash]}.`
        : result.problems.find((p) => p.column === 2)?.message.replace(/^Row 1: /, "");
      if (problem) draft.problems.set(`${i}:1`, problem);
      else draft.problems.delete(`${i}:1`);
      showProblem(value, `${i}:1`);
      if (read?.qualifier && read.value !== null) {
        bar.qualifier = read.qualifier;
        qualifier.value = read.qualifier;
      }
      changed();
    });
    const qualifier = document.createElement("select");
    qualifier.setAttribute("aria-label", `Bar ${n} qualifier`);
    qualifier.dataset.control = "qualifier";
    for (const q of QUALIFIERS) qualifier.append(new Option(q || "none", q, false, q === bar.qualifier));
    qualifier.addEventListener("change", () => { bar.qualifier = qualifier.value; changed(); });
    const order = document.createElement("td");
    order.append(
      button("↑", `Move bar ${n} up`, "up", () => moveBar(i, i - 1, "up")),
      button("↓", `Move bar ${n} down`, "down", () => moveBar(i, i + 1, "down")),
      button("✕", `Remove bar ${n}`, "remove", () => {
        draft.spec.bars.splice(i, 1);
        draft.problems.clear();
        // The focus goes to the row that took this one's place, or "Add a bar" when none did.
        renderRows(draft.spec.bars.length ? { row: Math.min(i, draft.spec.bars.length - 1), control: "remove" } : null);
        if (!draft.spec.bars.length) $("ed-add").focus();
        changed();
      }),
    );
    // Alt+ArrowUp / Alt+ArrowDown in a row move it, for the keyboard.
    tr.addEventListener("keydown", (event) => {
      if (!event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
      event.preventDefault();
      moveBar(i, event.key === "ArrowUp" ? i - 1 : i + 1, event.target.dataset.control);
    });
    const cells = [label, value, qualifier].map((control, column) => {
      const td = document.createElement("td");
      td.append(control);
      showProblem(control, `${i}:${column}`);
      return td;
    });
    tr.append(...cells, order);
    body.append(tr);
  });
  const control = focus && body.children[focus.row]?.querySelector(`[data-control="${focus.control ?? "label"}"]`);
  if (control) {
    control.focus();
    if (control.tagName === "INPUT") control.setSelectionRange(control.value.length, control.value.length);
  }
}

/**
 * The value cells read again, as typed, when the chart's unit, currency or locale changed: those
 * marked with a problem (a refused "65m" may be the chart's unit now), and with `withAffixes` also
 * those read already whose own unit or currency sign is no longer the chart's ("65m", read as 65
 * while the unit was m, would be 65bn once it is bn: it is refused instead). Other accepted cells
 * are left as they were read: "1,500" typed in English stays 1500 in a chart made German since,
 * and a qualifier picked after typing "over 65" stays picked.
 */
function rereadValues(withAffixes = false) {
  for (const cell of document.querySelectorAll('#ed-rows [data-control="value"]')) {
    const own = withAffixes && cell.value.trim() ? JSON.parse(readPaste(`x\t${cell.value}`, draft.locale)) : {};
    if (clashingAffix(own) || cell.getAttribute("aria-invalid") === "true") cell.dispatchEvent(new Event("input"));
  }
}

/** Marks `control` (in its cell) with the problem `draft.problems` holds at `key` ("row:column"), or clears its mark. */
function showProblem(control, key) {
  const problem = draft.problems.get(key);
  control.parentElement.querySelector(".ed-cell-problem")?.remove();
  if (!problem) {
    control.removeAttribute("aria-invalid");
    control.removeAttribute("aria-describedby");
    return;
  }
  const note = document.createElement("span");
  note.className = "ed-cell-problem";
  note.id = `ed-problem-${key.replace(":", "-")}`;
  note.textContent = problem;
  control.setAttribute("aria-invalid", "true");
  control.setAttribute("aria-describedby", note.id);
  control.parentElement.append(note);
}

// ---- paste -------------------------------------------------------------------------

/** The spec's fields a value's own currency sign and unit fill in (see adoptAffixes). */
const AFFIXES = ["prefix", "unit"];

/** The field ("prefix" or "unit") in which a value read with its own (`read`, from readPaste) is not the chart's, if any. */
const clashingAffix = (read) => AFFIXES.find((key) => read[key] && draft.spec[key] && read[key] !== draft.spec[key]);

/** The currency sign and unit a paste's values were written with ("$8bn": "$", "bn") become the chart's. */
function adoptAffixes(result) {
  for (const key of AFFIXES) if (result[key]) fields[key].value = draft.spec[key] = result[key];
}

/** A spreadsheet block becomes the bars; every cell that could not be read says so in place. */
function pasted(text) {
  if (openSpec(text)) return;
  const result = JSON.parse(readPaste(text, draft.locale));
  adoptAffixes(result);
  draft.problems.clear();
  const rowOf = new Map(result.bars.map((bar, i) => [bar.row, i]));
  for (const problem of result.problems) {
    const index = rowOf.get(problem.row);
    if (index !== undefined) draft.problems.set(`${index}:${Math.min(problem.column, 3) - 1}`, problem.message);
  }
  draft.spec.bars = result.bars.map((bar) => ({
    label: bar.label,
    value: bar.value ?? NaN,
    qualifier: bar.qualifier,
    // What could not be read stays as it was typed, next to its message.
    typed: bar.value === null ? bar.typed : undefined,
  }));
  const list = $("ed-paste-problems");
  list.replaceChildren(...result.problems.map((problem) => {
    const li = document.createElement("li");
    li.textContent = problem.message;
    return li;
  }));
  renderRows();
  changed();
}

/** The most bars a chart has (the core's limit, which its checks name). */
const MAX_BARS = 12;

/**
 * A chart's spec pasted as JSON (the "JSON (the spec)" download, or a script embed's JSON)
 * opens that chart, in the editor's locale; true if `text` was one. Anything else is cells.
 */
function openSpec(text) {
  const trimmed = text.trim();
  if (!trimmed.startsWith("{")) return false;
  let spec;
  try {
    spec = JSON.parse(trimmed);
  } catch {
    return false;
  }
  if (!spec || !Array.isArray(spec.bars)) return false;
  if (spec.bars.length > MAX_BARS) {
    const li = document.createElement("li");
    li.textContent = `This spec has ${spec.bars.length} bars; a chart has at most ${MAX_BARS}, so it was not opened.`;
    $("ed-paste-problems").replaceChildren(li);
    return true;
  }
  restore(JSON.stringify({ locale: draft.locale, spec }));
  $("ed-paste-problems").replaceChildren();
  changed();
  return true;
}

// ---- preview and embed code --------------------------------------------------------

let frame = 0;
let recording = true;
/** Everything that follows from the draft, once per animation frame (an undo or redo is not recorded). */
function changed(remember = true) {
  recording &&= remember;
  if (frame) return;
  frame = requestAnimationFrame(() => {
    frame = 0;
    if (recording) record();
    recording = true;
    refresh();
  });
}

function chartElement(spec, theme) {
  const host = document.createElement("div");
  host.setAttribute("data-bering-chart", "length");
  host.setAttribute("data-loading", "eager");
  host.setAttribute("data-theme", theme);
  if (draft.locale !== "en-US") host.setAttribute("data-locale", draft.locale);
  const script = document.createElement("script");
  script.type = "application/json";
  script.textContent = JSON.stringify(spec);
  host.append(script);
  return host;
}

function refresh() {
  const spec = specOf();
  const text = JSON.stringify(spec);
  const message = checkSpec(options(), spec, text.length);
  // A value the editor could not read is missing from the chart: the message says why, as
  // its cell does, not only that it is missing.
  const unread = /"bars\[(\d+)\]\.value" is missing/.exec(message ?? "");
  const cellProblem = unread && draft.problems.get(`${unread[1]}:1`);
  $("ed-message").hidden = !message;
  if (!message) $("ed-download-problem").hidden = true;
  $("ed-message").textContent = cellProblem ? `Bar ${Number(unread[1]) + 1}'s value: ${cellProblem.replace(/^Row \d+: /, "")}` : message;
  // Which takeaway the chart shows: the editor's own, or the one the core computes.
  const computed = message ? "" : computedTakeaway(options(), spec, text.length);
  $("ed-takeaway-status").textContent = spec.takeaway
    ? `In use: yours. (Computed from the numbers it would be: “${computed}”)`
    : `In use: computed from the numbers: “${computed}”`;
  const preview = $("ed-preview");
  preview.replaceChildren(...PREVIEW_WIDTHS.flatMap((width) => ["light", "dark"].map((theme) => {
    const slot = document.createElement("div");
    slot.className = `ed-slot ed-${theme}`;
    const caption = document.createElement("p");
    caption.textContent = `${width} px, ${theme}`;
    const box = document.createElement("div");
    box.style.width = `${width}px`;
    box.append(chartElement(spec, theme));
    slot.append(caption, box);
    return slot;
  })));
  // One static image serves every code (the core draws it once per frame).
  const image = message ? null : staticImage(spec, text);
  $("ed-code-script").value = image ? scriptSnippet(spec, text, image) : "";
  const frame = image ? frameSnippets(spec, text, image) : null;
  $("ed-code-iframe").value = frame?.iframe ?? "";
  $("ed-code-pym").value = frame?.pym ?? "";
  $("ed-code-noscript").value = frame?.noscript ?? "";
  const unreachable = baseProblem(codeBase());
  $("ed-base-note").hidden = !unreachable;
  $("ed-base-note").textContent = unreachable;
  $("ed-iframe-note").hidden = !frame?.tooLong;
  $("ed-iframe-note").textContent = frame?.tooLong
    ? `This chart's frame address is ${frame.url.length.toLocaleString("en-US")} characters, over the 8,000 servers commonly accept: use the script embed, or shorten its words.`
    : "";
  // The whole chart lives in the address: a link reopens exactly this chart.
  window.history.replaceState(null, "", `#spec=${toBase64url(snapshot())}`);
  $("ed-undo").disabled = undo.past.length === 0;
  $("ed-redo").disabled = undo.future.length === 0;
}

/** Character data as src/svg.rs escapes it, back to text (never parsed as markup). */
function xmlText(escaped) {
  const entities = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'" };
  return escaped.replace(/&(amp|lt|gt|quot|apos);/g, (entity) => entities[entity]);
}

/** The draft's static SVG at the chosen width, with its size, its `data:` URL and its description, and the same chart as HTML. */
function staticImage(spec, text) {
  const width = Number($("ed-width").value) || 640;
  const svg = renderSvg(options(), spec, text.length, width, false);
  return {
    svg, width,
    html: renderHtml(options(), spec, text.length, width),
    height: Number(/^<svg width="\d+" height="(\d+)"/.exec(svg)?.[1]),
    src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`,
    description: xmlText(/<desc id="d">([^<]*)<\/desc>/.exec(svg)?.[1] ?? ""),
  };
}

/** The folder the codes load the embed from (the field's, else this page's), with a trailing slash. */
function codeBase() {
  return withSlash($("ed-base").value.trim() || pageBase());
}

/** The shim's SRI hash from pkg.json (read once at start), or null. */
let shimHash = null;

/** The frame's address for the draft: the options and `spec` as base64url of its JSON. */
function frameUrl(text) {
  const query = new URLSearchParams({ chart: "length" });
  if (draft.locale !== "en-US") query.set("locale", draft.locale);
  query.set("spec", toBase64url(text));
  return `${codeBase()}frame.html?${query}`;
}

/** The iframe, Pym.js and <noscript> codes of the draft. */
function frameSnippets(spec, text, { src, width, height, description }) {
  const url = frameUrl(text);
  const base = codeBase();
  const title = spec.title || "Chart";
  const iframe = `<iframe${attrs([["src", url], ["title", title], ["loading", "lazy"], ["data-bering-frame", true], ...frameSize(height)])}></iframe>\n`
    + `<script${attrs([["src", `${base}embed/bering-frame.js`], ["async", true]])}></script>`;
  const pym = `<div id="bering-custom"></div>\n<script src="https://pym.nprapps.org/pym.v1.min.js"></script>\n`
    + `<script>new pym.Parent("bering-custom", ${jsString(url)}, {title: ${jsString(title)}});</script>`;
  const img = imageMarkup({ width, height, alt: description }, src, IMG_STYLE);
  return { iframe, pym, noscript: `<noscript>${img}</noscript>`, url, tooLong: url.length > 8000 };
}

/** The script embed of the draft: the spec inline, its static chart as HTML (in a box holding its height) and the shim. */
function scriptSnippet(spec, text, { html, width, height }) {
  const reserve = heightCss(options(), spec, text.length);
  const base = codeBase();
  // data-bering-custom: should a CMS strip the script, the shim keeps this chart's static
  // HTML and says why, rather than draw the story's length chart in its place.
  const element = attrs([["data-bering-chart", "length"], ["data-bering-custom", true], ...(draft.locale !== "en-US" ? [["data-locale", draft.locale]] : [])]);
  const json = text.replace(/</g, "\\u003c");
  return `<div${element}>\n  <script type="application/json">${json}</script>\n  ${staticBlock({ reserve, width, height }, html)}\n</div>\n`
    + `<script${attrs([["type", "module"], ["src", `${base}embed/bering-chart.js`], ...(shimHash ? [["integrity", shimHash], ["crossorigin", "anonymous"]] : [])])}></script>`;
}

// ---- downloads ---------------------------------------------------------------------

/** A file name from the chart's title: lower case, words joined by hyphens. */
function fileStem() {
  const stem = draft.spec.title.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-+|-+$/g, "").slice(0, 60);
  return stem || "bering-chart";
}

function save(blob, name) {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

/** The draft checked, as `{spec, text}`, or null (and the downloads say why there is no file). */
function checked() {
  const spec = specOf();
  const text = JSON.stringify(spec);
  const message = checkSpec(options(), spec, text.length);
  $("ed-download-problem").hidden = !message;
  $("ed-download-problem").textContent = message ? `No file: the chart cannot be drawn as it is. ${$("ed-message").textContent || message}` : "";
  return message ? null : { spec, text };
}

/** The SVG (its `data:` URL) drawn into a canvas at `scale` device px per CSS px, as a PNG. */
async function png(src, width, height, scale) {
  const image = new Image();
  image.src = src;
  await image.decode();
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  canvas.getContext("2d").drawImage(image, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("the browser made no PNG"))), "image/png"));
}

function wireDownloads() {
  $("ed-download-svg").addEventListener("click", () => {
    const ok = checked();
    if (ok) save(new Blob([staticImage(ok.spec, ok.text).svg], { type: "image/svg+xml" }), `${fileStem()}.svg`);
  });
  for (const scale of [1, 2]) {
    $(`ed-download-png${scale}`).addEventListener("click", async () => {
      const ok = checked();
      if (!ok) return;
      const { src, width, height } = staticImage(ok.spec, ok.text);
      save(await png(src, width, height, scale), `${fileStem()}${scale === 2 ? "@2x" : ""}.png`);
    });
  }
  $("ed-download-csv").addEventListener("click", () => {
    const ok = checked();
    if (ok) save(new Blob([chartCsv(options(), ok.spec, ok.text.length)], { type: "text/csv;charset=utf-8" }), `${fileStem()}.csv`);
  });
  $("ed-download-json").addEventListener("click", () => {
    const ok = checked();
    if (ok) save(new Blob([`${JSON.stringify(ok.spec, null, 2)}\n`], { type: "application/json" }), `${fileStem()}.json`);
  });
}

// ---- the form ----------------------------------------------------------------------

function fillForm() {
  for (const [key, input] of Object.entries(fields)) input.value = draft.spec[key] ?? "";
  renderRows();
}

async function start(which) {
  await words(draft.locale);
  if (which === "blank") {
    draft.spec = { title: "", bars: [{ label: "", value: NaN, qualifier: "" }, { label: "", value: NaN, qualifier: "" }], unit: "", prefix: "", takeaway: "", note: "", source: "", sourceUrl: "" };
  } else {
    const options = { chart: which, locale: draft.locale, units: $("ed-units").value, currency: $("ed-currency").value };
    if (options.currency === "GBP") options.gbpPerUsd = $("ed-rate").value.trim();
    let spec;
    try {
      spec = JSON.parse(defaultSpec(options));
    } catch (error) {
      $("ed-message").hidden = false;
      $("ed-message").textContent = `Cannot start from that chart: ${error}`;
      return;
    }
    draft.spec = { sourceUrl: "", takeaway: "", ...spec, bars: spec.bars.map((bar) => ({ ...bar })) };
  }
  draft.problems.clear();
  fillForm();
  changed();
}

async function main() {
  await init();
  for (const [key, input] of Object.entries(fields)) {
    input.addEventListener("input", () => {
      draft.spec[key] = input.value;
      // A value refused for its unit or currency may be the chart's now ("65m" once the unit is m),
      // and one read with its own may be the chart's no longer.
      if (AFFIXES.includes(key) && input.value) rereadValues(true);
      changed();
    });
  }
  $("ed-add").addEventListener("click", () => {
    draft.spec.bars.push({ label: "", value: NaN, qualifier: "" });
    renderRows({ row: draft.spec.bars.length - 1, control: "label" });
    changed();
  });
  $("ed-start-button").addEventListener("click", () => start($("ed-start").value));
  $("ed-locale").addEventListener("change", async () => {
    draft.locale = $("ed-locale").value;
    await words(draft.locale);
    rereadValues();
    changed();
  });
  $("ed-width").addEventListener("change", changed);
  // One base URL for the page: the generator's field follows this one (and this one the generator's).
  shareBase($("ed-base"), "gen-base");
  // (Not changed(false): that would drop an edit waiting to be recorded in this frame; the
  // base is no part of the chart, so recording finds nothing new.)
  $("ed-base").addEventListener("input", () => changed());
  // The script embed carries the shim's SRI hash, as the generator's does (pkg.json fetched once for both).
  fetchJson("pkg.json").then((pkg) => {
    shimHash = shimIntegrity(pkg);
    if (shimHash) changed();
  }, () => {});
  $("ed-paste").addEventListener("paste", (event) => {
    const text = event.clipboardData?.getData("text/plain");
    if (!text) return;
    event.preventDefault();
    $("ed-paste").value = text;
    pasted(text);
  });
  $("ed-paste").addEventListener("change", () => { if ($("ed-paste").value.trim()) pasted($("ed-paste").value); });
  $("ed-undo").addEventListener("click", () => travel(undo.past, undo.future));
  $("ed-redo").addEventListener("click", () => travel(undo.future, undo.past));
  $("editor").addEventListener("keydown", (event) => {
    if (!(event.ctrlKey || event.metaKey) || event.target.id === "ed-paste") return;
    const key = event.key.toLowerCase();
    if (key === "z" && !event.shiftKey) travel(undo.past, undo.future);
    else if (key === "y" || (key === "z" && event.shiftKey)) travel(undo.future, undo.past);
    else return;
    event.preventDefault();
  });
  $("ed-save").addEventListener("click", () => {
    const saved = { id: `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`, title: draft.spec.title, saved: Date.now(), state: snapshot() };
    const ok = saveDrafts([saved, ...drafts()].slice(0, 50));
    $("ed-saved").textContent = ok ? "Saved in this browser." : "This browser does not let the page save drafts.";
    renderDrafts();
  });
  renderDrafts();
  wireDownloads();
  // A chart's link pasted into the address bar of this tab changes only its hash: open that
  // chart (an undoable step), rather than keep the old one and write it over the link.
  window.addEventListener("hashchange", async () => {
    if (!location.hash.startsWith("#spec=")) return;
    try {
      // (A link that does not decode throws before anything of the chart is changed.)
      restore(fromBase64url(location.hash.slice("#spec=".length)));
    } catch (error) {
      $("ed-link-problem").hidden = false;
      $("ed-link-problem").textContent = `The link does not hold a chart this editor can open (${error.message}); the chart you had stays.`;
      changed(); // (the address back to the chart shown)
      return;
    }
    $("ed-link-problem").hidden = true;
    try {
      await words(draft.locale);
    } finally {
      changed();
    }
  });
  if (location.hash.startsWith("#spec=")) {
    try {
      restore(fromBase64url(location.hash.slice("#spec=".length)));
      await words(draft.locale);
      record();
      changed(false);
      return;
    } catch (error) {
      $("ed-link-problem").hidden = false;
      $("ed-link-problem").textContent = `The link does not hold a chart this editor can open (${error.message}); the editor starts from the length chart instead.`;
    }
  }
  await start("length");
}

main().catch((error) => {
  $("ed-message").hidden = false;
  $("ed-message").textContent = `The editor could not start: ${error.message}`;
});
