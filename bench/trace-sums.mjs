// bench/trace-sums.mjs: where a page's main-thread time goes, from traces of cold loads (the
// one-off breakdowns bench/README.md cites). Each load is traced from navigation to the page's
// `painted` mark (bench.js and peers/common.js set it, as for make bench), on the renderer
// thread that set the mark, and its thread CPU (`tdur`) is summed three ways:
//   --by task  each top-level task by what it holds: script eval, rAF frame, frame (style,
//              layout, paint), parse html, timer/idle, gc, other
//   --by name  the inclusive time of the rendering steps (style, layout, paint, commit …)
//   --by self  every trace event's self time (its time less its children's), the largest first
//   --by list  each load's top-level tasks of over 0.15 ms in order: when (ms from the first
//              event), thread CPU, and the steps they hold (script, rAF, style, layout, paint …)
// Averages over --loads N loads (default 7) after one discarded warm-up load.
//   node bench/trace-sums.mjs [--by task|name|self|list] [--loads N] [--root DIR] [--slow RATE]
//       [--reduced] PATH...
// PATH is served from --root (default dist/), with /peers/, /vendor/uplot/ and /generated/ (the
// snippet pages bench/run.mjs writes to build/bench-generated) as make bench serves them; run
// `make bench` once first for /generated/. Compare builds by running it on each --root in turn
// (a worktree's dist/ for the build before), not against numbers from another time.
import { chromium } from "playwright-core";
import { resolve } from "node:path";
import { startServer } from "../tools/serve.mjs";
import { CHROMIUM, CHROMIUM_ARGS } from "../tests/browser/browser.mjs";

const REPO = resolve(import.meta.dirname, "..");
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  if (at < 0) return fallback;
  const [, value] = args.splice(at, 2);
  return value;
};
const flag = (name) => {
  const at = args.indexOf(name);
  if (at >= 0) args.splice(at, 1);
  return at >= 0;
};
const by = option("--by", "task");
const loads = Number(option("--loads", "7"));
const root = resolve(option("--root", resolve(REPO, "dist")));
const slow = Number(option("--slow", "1"));
const reduced = flag("--reduced");
const paths = args;
if (!["task", "name", "self", "list"].includes(by) || !(loads >= 1) || !paths.length || paths.some((p) => !p.startsWith("/"))) {
  console.error("usage: node bench/trace-sums.mjs [--by task|name|self|list] [--loads N] [--root DIR] [--slow RATE] [--reduced] /path...");
  process.exit(2);
}

const RENDERING_STEPS = ["ParseHTML", "UpdateLayoutTree", "Layout", "PrePaint", "Paint", "Layerize", "Commit",
  "LayerTreeHost::DoUpdateLayers", "InlineNode::ShapeTextIncludingFirstLine", "FireAnimationFrame", "FunctionCall"];

const LISTED_STEPS = ["ParseHTML", "v8.evaluateModule", "FireAnimationFrame", "TimerFire", "FireIdleCallback", "FunctionCall",
  "UpdateLayoutTree", "Layout", "Paint", "Layerize", "Commit", "MinorGC", "MajorGC"];

/** One traced cold load: the main thread's complete events up to the page's `painted` mark. */
async function tracedLoad(browser, url) {
  const context = await browser.newContext({ deviceScaleFactor: 2, viewport: { width: 1280, height: 900 }, reducedMotion: reduced ? "reduce" : "no-preference" });
  const tab = await context.newPage();
  const cdp = await context.newCDPSession(tab);
  if (slow > 1) await cdp.send("Emulation.setCPUThrottlingRate", { rate: slow });
  let markPainted;
  const painted = new Promise((done) => { markPainted = done; });
  cdp.on("Runtime.bindingCalled", (event) => { if (event.name === "__benchPainted") markPainted(); });
  await cdp.send("Runtime.enable");
  await cdp.send("Runtime.addBinding", { name: "__benchPainted" });
  await browser.startTracing(tab, { categories: ["toplevel", "devtools.timeline", "blink.user_timing", "blink", "v8", "cc"] });
  await tab.goto(url);
  await painted;
  const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
  await context.close();
  // The renderer thread that set the mark is the page's main thread (the trace holds every renderer).
  const mark = events.find((event) => event.name === "painted" && String(event.cat).includes("user_timing"));
  if (!mark) throw new Error(`${url}: no "painted" mark in the trace`);
  return events
    .filter((event) => event.pid === mark.pid && event.tid === mark.tid && event.ph === "X" && event.tdur !== undefined && event.ts <= mark.ts)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
}

function kindOfTask(inner) {
  const has = (pattern) => inner.some((event) => pattern.test(event.name));
  if (has(/^(MajorGC|MinorGC|V8.GCIncrementalMarking|V8.GCFinalizeMC|V8.GCScavenger)$/) && !has(/FunctionCall|ParseHTML|FireAnimationFrame/)) return "gc";
  if (has(/^FireAnimationFrame$/)) return "rAF frame";
  if (has(/^v8.evaluateModule$|^EvaluateScript$/)) return "script eval";
  if (has(/^v8.compileModule$|^v8.compile$/)) return "script compile";
  if (has(/^ParseHTML$/)) return "parse html";
  if (has(/^(TimerFire|FireIdleCallback)$/)) return "timer/idle";
  if (has(/^(UpdateLayoutTree|Layout|Paint|PrePaint|Layerize)$/)) return "frame";
  if (has(/FunctionCall|v8.callFunction/)) return "other js";
  return "other";
}

/**
 * Milliseconds of thread CPU by key for one load, the load's total (its top-level tasks) and,
 * for `--by list`, one line per task of over 0.15 ms.
 */
function sums(events) {
  const byKey = new Map();
  const add = (key, micros) => byKey.set(key, (byKey.get(key) ?? 0) + micros / 1000);
  const tasks = events.filter((event) => event.name === "ThreadControllerImpl::RunTask");
  const rows = [];
  let taskEnd = -1;
  let total = 0;
  for (const task of tasks) {
    if (task.ts < taskEnd) continue; // a task nested in another
    taskEnd = task.ts + task.dur;
    total += task.tdur / 1000;
    if (by !== "task" && (by !== "list" || task.tdur <= 150)) continue;
    const inner = events.filter((event) => event.ts >= task.ts && event.ts + event.dur <= taskEnd);
    if (by === "task") add(kindOfTask(inner), task.tdur);
    else {
      const held = new Set(inner.filter((event) => LISTED_STEPS.includes(event.name)).map((event) => event.name));
      rows.push(`${((task.ts - events[0].ts) / 1000).toFixed(1).padStart(7)} ms  ${(task.tdur / 1000).toFixed(2).padStart(6)} ms  ${[...held].join(", ")}`);
    }
  }
  if (by === "name") for (const event of events) if (RENDERING_STEPS.includes(event.name)) add(event.name, event.tdur);
  if (by === "self") {
    const open = [];
    const self = new Map(events.map((event) => [event, event.tdur]));
    for (const event of events) {
      while (open.length && open.at(-1).ts + open.at(-1).dur <= event.ts) open.pop();
      if (open.length) self.set(open.at(-1), self.get(open.at(-1)) - event.tdur);
      open.push(event);
    }
    for (const [event, micros] of self) add(event.name, micros);
  }
  return { byKey, total, rows };
}

const server = await startServer({ root, gzip: true, mounts: { "/peers/": resolve(REPO, "bench/peers"), "/vendor/uplot/": resolve(REPO, "node_modules/uplot/dist"), "/generated/": resolve(REPO, "build/bench-generated") } });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
try {
  for (const path of paths) {
    await tracedLoad(browser, server.url + path); // warm-up, discarded
    const mean = new Map();
    const totals = [];
    for (let load = 0; load < loads; load++) {
      const { byKey, total, rows } = sums(await tracedLoad(browser, server.url + path));
      if (by === "list") console.log(`${path}, load ${load + 1} (${total.toFixed(1)} ms): when, thread CPU, steps held\n${rows.join("\n")}`);
      totals.push(total);
      for (const [key, ms] of byKey) mean.set(key, (mean.get(key) ?? 0) + ms / loads);
    }
    const sorted = [...totals].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    console.log(`${path}: thread CPU per load ${median.toFixed(1)} ms median (${sorted[0].toFixed(1)}–${sorted.at(-1).toFixed(1)})${by === "list" ? "" : `, by ${by} (means):`}`);
    for (const [key, ms] of [...mean].sort((a, b) => b[1] - a[1]).slice(0, by === "self" ? 24 : 16)) console.log(`  ${ms.toFixed(2).padStart(7)}  ${key}`);
  }
} finally {
  await browser.close();
  await server.close();
}
