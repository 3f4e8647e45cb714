/**
 * Loading: the wasm once per page, in four modules of one build (tools/split-wasm.mjs):
 * the primary, all that the first drawing of a default chart needs; "more" (the table,
 * CSV, tooltips, the figures in words), loaded after the first drawing or as soon as a
 * reader asks for one of them, with the shim's "more" script (more.js), which answers the
 * reader with them; "model" (the model that builds the charts the primary has none built
 * for, and the locale packs' installer), which only a page with pounds or another language
 * loads; and "input" (custom chart data, with its own copy of the model), which only a page
 * with custom data loads: each before that chart's first drawing.
 * Each is fetched with its SRI hash (the "more" script too) and compiled while it
 * downloads, every failure named. (The "more" files, after a failure, are tried again when
 * next asked for: see loadMore.)
 * A locale pack is loaded once per page when a chart needs one (with its SRI hash too).
 * The hashes come from the build (`build/generated/integrity.js`), so the page's
 * integrity attribute on the shim covers every file it loads.
 */
import { imports, started, addExports, installLocalePack, needs } from "bering-glue";
import { WASM_INTEGRITY, MORE_INTEGRITY, MORE_SCRIPT_INTEGRITY, MODEL_INTEGRITY, INPUT_INTEGRITY, PACK_INTEGRITY } from "bering-integrity";
import { MODEL_FIRST } from "bering-wire";
import { page, HERE, DEFAULT_LOAD_TIMEOUT_MS, RETRY_MORE_MS } from "./state.js";
import { element, messageOf } from "./dom.js";
import { scheduleDraw } from "./draw.js";
import { onTrap } from "./settle.js";
import { hideTooltip } from "./interaction.js";
import { pixelRatioOf } from "./environment.js";
import { queueTable } from "./words.js";

/** Why WebAssembly could not run, in words for the console and the event detail. */
export class LoadFailure extends Error {}

/**
 * `promise`, or a LoadFailure (`late`) once `ms` have passed: "`what` did not finish within
 * `total` ms" (the whole of the caller's timeout, of which `ms` may be what is left).
 */
export function withTimeout(promise, ms, what, total = ms) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new LoadFailure(`${what} did not finish within ${total} ms`), { late: "late" })), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const CSP_WORDS = /Content Security Policy|unsafe-eval|wasm-eval/i;
const CSP_MESSAGE = "the page's Content-Security-Policy does not allow WebAssembly: add 'wasm-unsafe-eval' to script-src";

/** The media type `response` is served as ("" for none). */
const servedType = (response) => (response.headers.get("content-type") || "").split(";")[0].trim().toLowerCase();

/**
 * `url` fetched with its SRI hash, answered with a success; else a LoadFailure that says
 * why (a failed hash check hides the response: it is fetched again, unchecked, to tell).
 */
async function checkedFetch(url, integrity) {
  let response;
  try {
    response = await fetch(url, { integrity });
  } catch (error) {
    response = await fetch(url).catch(() => null);
    if (!response) throw new LoadFailure(`${url} could not be fetched (${messageOf(error)})`);
    if (response.ok) throw new LoadFailure(`${url} is not the file this script was built with (its integrity hash differs)`);
  }
  if (!response.ok) throw new LoadFailure(`${url} answered HTTP ${response.status}`);
  return response;
}

async function compileModule(file, integrity) {
  if (typeof WebAssembly !== "object" || typeof WebAssembly.compileStreaming !== "function") {
    throw new LoadFailure("this browser has no WebAssembly");
  }
  const url = new URL(`./${file}`, HERE);
  const response = await checkedFetch(url, integrity);
  const type = servedType(response);
  if (type !== "application/wasm") {
    throw new LoadFailure(`${url} is served as "${type || "no type"}"; it must be "application/wasm"`);
  }
  try {
    return await WebAssembly.compileStreaming(response);
  } catch (error) {
    if (CSP_WORDS.test(messageOf(error))) throw new LoadFailure(CSP_MESSAGE);
    throw new LoadFailure(`${url} is not a valid WebAssembly module (${messageOf(error)})`);
  }
}

async function instantiate(module, importObject) {
  try {
    return await WebAssembly.instantiate(module, importObject);
  } catch (error) {
    throw new LoadFailure(CSP_WORDS.test(messageOf(error)) ? CSP_MESSAGE : `the module could not start (${messageOf(error)})`);
  }
}

async function startPrimary() {
  const module = await compileModule("bering_chart_bg.wasm", WASM_INTEGRITY);
  const instance = await instantiate(module, imports);
  started(instance, module);
  return instance.exports;
}

/** The glue's Widget and `needs` (widget.js builds charts with them once the primary is in). */
export { Widget, needs } from "bering-glue";

/**
 * The wasm-bindgen module, once per page, with no timeout of its own: each chart waits for it
 * as long as its own load timeout (widget.js, `loadAndBuild`), so one chart's short
 * `data-load-timeout` does not make every chart of a slow page fall back. Rejects with a
 * LoadFailure, logged once, when it cannot load.
 */
export function loadWasm() {
  page.wasm.loading ??= startPrimary().then((exports) => {
    page.wasm.primaryReady = true;
    return exports;
  }, (error) => {
    const failure = error instanceof LoadFailure ? error : new LoadFailure(messageOf(error));
    page.wasm.primaryFailed = failure;
    sayStatic(failure);
    throw failure;
  });
  return page.wasm.loading;
}

/** Says why charts show their static chart, once for the page for each reason (`page.said`). */
export function sayStatic({ message }) {
  if (!page.said.has(message)) {
    page.said.add(message);
    console.warn(`bering-chart: showing the static charts because ${message}.`);
  }
}

/**
 * A secondary module (`file`), fetched and compiled beside the primary, then instantiated
 * once the primary is: it imports the primary's memory, table, stack and functions (`p`),
 * and its exports join the glue's. Rejects with a LoadFailure (a failure of the primary is
 * the primary's to name).
 */
function loadSecondary(file, integrity, timeoutMs) {
  let compiling = compileModule(file, integrity);
  if (timeoutMs) compiling = withTimeout(compiling, timeoutMs, "loading the rest of the chart module");
  compiling.catch(() => {});
  return loadWasm().then((p) => compiling.then(async (module) => {
    // (Not joined to an instance that trapped meanwhile: nothing may call it.)
    if (page.wasm.dead) throw new LoadFailure("the chart stopped working");
    const instance = await instantiate(module, { ...imports, p });
    addExports(instance.exports);
  }));
}

/**
 * Says once in the console what stays `off` because of `error` (of a secondary part), once
 * the primary is in (a primary that did not load has said why), and rethrows it.
 */
function sayOff(off) {
  return (error) => {
    const failure = error instanceof LoadFailure ? error : new LoadFailure(messageOf(error));
    // (Nothing after a trap: every chart has said that it stopped working.)
    page.wasm.loading.then(() => page.wasm.dead || console.warn(`bering-chart: ${off} because ${failure.message}.`), () => {});
    throw failure;
  };
}

/**
 * The "more" script (bering-chart-more.js, more.js), checked against its SRI hash as the
 * wasm is: a `<link rel="modulepreload" integrity>` fetches and checks it into the page's
 * module map, and `import()` then takes that module rather than fetching it again (an
 * `import()` alone can carry no hash). The link is removed once it has loaded or failed.
 * A CSP lets it in as it lets the shim in from the same origin or host, as a script the shim
 * adds under `'strict-dynamic'`, or by the nonce the link carries: that of the shim's own tag,
 * else of the page's first script that has one.
 */
function loadMoreScript() {
  const url = new URL("./bering-chart-more.js", HERE).href;
  const link = document.createElement("link");
  // Safari before 17 has no module preload (its link would neither load nor fail): there the
  // script is fetched with its hash and run from a blob: URL of the bytes checked (a CSP that
  // allows no blob: scripts refuses it, and what it answers is off, said once).
  if (!link.relList.supports("modulepreload")) {
    return checkedFetch(url, MORE_SCRIPT_INTEGRITY).then((response) => response.blob()).then((bytes) => {
      const blobUrl = URL.createObjectURL(new Blob([bytes], { type: "text/javascript" }));
      return import(blobUrl).catch(() => {
        throw new LoadFailure(`${url} could not run from a blob: URL, as this browser needs (the page's Content-Security-Policy may not allow it)`);
      }).finally(() => URL.revokeObjectURL(blobUrl));
    });
  }
  link.rel = "modulepreload";
  link.href = url;
  link.integrity = MORE_SCRIPT_INTEGRITY;
  const scripts = [...document.scripts];
  link.nonce = (scripts.find((script) => script.src === HERE) ?? scripts.find((script) => script.nonce))?.nonce ?? "";
  const checked = new Promise((resolve) => {
    link.onload = resolve;
    // The preload says only that it failed: fetched again to say why (the file itself
    // right, it was refused as a script).
    link.onerror = () => resolve(checkedFetch(url, MORE_SCRIPT_INTEGRITY).then((response) => {
      throw new LoadFailure(`${url} was refused as a script: it is served as "${servedType(response) || "no type"}", or the page's Content-Security-Policy does not allow it`);
    }));
  });
  (document.head ?? document.documentElement).append(link);
  return checked.finally(() => link.remove()).then(() => import(url));
}

/**
 * The "more" module and script, once per page: `readMore`, `barAt` and `barCount` work
 * from then on (`page.wasm.moreReady`), and what answers a reader (`page.later`). What
 * needs them is off while either cannot load (one console warning), and they are tried
 * again when next asked for (a reader's key, pointer or click, a new chart), at most every
 * RETRY_MORE_MS: a network blip or a deploy half done turned the tooltips, tables and
 * "Get the data" off for the page's life. (A module that loaded is kept.)
 */
export function loadMore(timeoutMs = DEFAULT_LOAD_TIMEOUT_MS) {
  page.wasm.more ??= Promise.all([
    // (A stalled fetch is given up at the timeout, and fetched afresh when tried again.)
    page.wasm.moreModule ??= loadSecondary("bering_chart_more.wasm", MORE_INTEGRITY, timeoutMs).catch((error) => {
      page.wasm.moreModule = null;
      throw error;
    }),
    withTimeout(loadMoreScript(), timeoutMs, "loading the rest of the chart script"),
  ]).then(([, script]) => {
    page.later = script.start({ page, scheduleDraw, element, onTrap, hideTooltip, pixelRatioOf });
    page.wasm.moreReady = true;
    // (After a failure, the tables of the charts drawn meanwhile.)
    if (page.wasm.moreOff) page.widgets.forEach((widget) => {
      widget.tableQueued = false;
      if (widget.draws) queueTable(widget);
    });
  }, (error) => {
    setTimeout(() => { page.wasm.more = null; }, RETRY_MORE_MS);
    if (page.wasm.moreOff) throw error;
    page.wasm.moreOff = true;
    sayOff("tooltips and data tables are off")(error);
  });
  return page.wasm.more;
}

/**
 * A module a page loads only for some charts, once per page, with no timeout of its own (each
 * chart waits its own): `page.wasm[name]`: `partLoading`, a promise; `partReady` once its
 * exports work, `partFailed`, the error, if they never will.
 */
function loadPart(name, integrity, off) {
  const part = page.wasm[name];
  part.partLoading ??= loadSecondary(`bering_chart_${name}.wasm`, integrity).catch(sayOff(off)).then(
    () => { part.partReady = true; },
    (error) => { part.partFailed = error; throw error; },
  );
  return part.partLoading;
}

/**
 * The "model" module: `Widget.withModel` and `installLocalePack` work from then on. Without
 * it, other languages speak en-US and a chart in pounds says what did not load.
 */
export const loadModel = () => loadPart("model", MODEL_INTEGRITY, "pounds and other languages are off");

/** The "input" module: `Widget.withSpec` works from then on. A custom chart that cannot have it shows why. */
export const loadInput = () => loadPart("input", INPUT_INTEGRITY, "custom data is off");

/**
 * A head start: custom data's "input" module loads beside the primary, not after it, and so do
 * the "model" module and the pack for a chart whose option strings the generated module lists
 * (`MODEL_FIRST`: the cost chart in pounds, a language whose words are the pack of its name; a
 * `custom` chart's own module, "input", builds it in pounds: it needs "model" only for a pack). Only a head start: `needs`
 * decides once the primary is here, so a wrong guess costs a fetch, never a chart.
 */
export function headStart({ chart, currency, locale = "" }, custom) {
  // (Nothing after a trap: a pack is installed through the primary.)
  if (page.wasm.dead) return;
  if (custom) loadInput().catch(() => {});
  const language = locale.split("-")[0].toLowerCase();
  if (MODEL_FIRST.language.includes(language)) localePack(language);
  // (Own keys only: a chart named "constructor" is the wasm's to refuse, not the prototype's.)
  else if (!custom && Object.hasOwn(MODEL_FIRST.currency, chart) && MODEL_FIRST.currency[chart].includes(currency)) loadModel().catch(() => {});
}

/**
 * What the chart of `options` (the options record) needs loaded before its wasm Widget
 * is built, as the wasm says (`needs`): a locale pack, or the "model" module alone, whose
 * model builds the charts the primary has none built for (a pack needs that module too:
 * `localePack` loads it). A `custom` chart is built by the "input" module, whatever `needs`
 * says: that one (an update can come before it has arrived).
 * A promise that settles, never rejecting, once both have loaded or failed (the chart then
 * speaks en-US, or its box says what did not load); null when nothing more can load. (It has
 * no timeout: the chart's own bounds it.)
 */
export function prerequisite(options, custom) {
  const need = needs(options);
  const pack = need && need !== "model" ? localePack(need) : null;
  const part = page.wasm[custom ? "input" : "model"];
  const loading = (custom || need) && !part.partReady && !part.partFailed ? (custom ? loadInput : loadModel)().catch(() => {}) : null;
  return pack || loading ? Promise.all([pack, loading]) : null;
}

/**
 * Locale pack `name` (`de`, `fr`, `ru`), fetched once per page from
 * `locale/<name>.json` beside this script and handed to Rust, which checks it
 * (with the "model" module); null when it failed before. The
 * promise settles when the pack is installed (and stays, so it is not fetched
 * again) or has failed: charts in that language then speak en-US and say why
 * (one console warning).
 */
function localePack(name) {
  const { loading, failed } = page.packs;
  if (failed.has(name)) return null;
  if (!loading.has(name)) {
    const url = new URL(`./locale/${name}.json`, HERE);
    const integrity = PACK_INTEGRITY[name];
    const words = fetch(url, integrity ? { integrity } : {}).then((response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return response.json();
    });
    const fetching = Promise.all([words, loadModel()])
      // (Not installed through an instance that trapped meanwhile.)
      .then(([pack]) => page.wasm.dead || installLocalePack(pack))
      .catch((error) => {
        failed.add(name);
        loading.delete(name);
        const built = integrity ? " or are not the ones this script was built with" : "";
        // (A primary that did not load has said why, and its charts show their static image.)
        return page.wasm.loading.then(() => page.wasm.dead
          || console.warn(`bering-chart: the ${name} words (${url}) could not load${built} (${messageOf(error)}); those charts show en-US.`), () => {});
      });
    loading.set(name, fetching);
  }
  return loading.get(name);
}

export function loadTimeout(element) {
  const ms = Number(element.getAttribute("data-load-timeout"));
  return Number.isFinite(ms) && ms > 0 ? ms : DEFAULT_LOAD_TIMEOUT_MS;
}
