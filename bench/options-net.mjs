// bench/options-net.mjs: when a cost chart is first drawn on a slow network, by the options it is
// given: the default, pounds (which the "model" module builds), German (which also needs its
// locale pack) and custom data (which the "input" module reads and builds), for this build's dist/ and, with --compare DIR, another build's, loads of the two
// interleaved in one run. Each load is a fresh browser context (cold cache) under slow 4G (150 ms,
// 1.6 Mbps down, as make bench's --network slow4g), reduced motion; the time is performance.now()
// at the chart's first `bering-chart:draw`. Medians with min–max over --loads N (default 5).
//   node bench/options-net.mjs [--loads N] [--compare DIR]
// (The compared DIR is a built dist/, a worktree's of an earlier commit, say.)
import { chromium } from "playwright-core";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { startServer } from "../tools/serve.mjs";

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const loads = Number(option("--loads", 5));
const compare = option("--compare", null);
const CUSTOM = '<script type="application/json">{"title": "Two tunnels", "bars": [{"label": "A", "value": 2}, {"label": "B", "value": 1}]}</script>';
/** Each page's attributes on the cost chart's element, and what it holds. */
const OPTIONS = { default: [""], pounds: [' data-currency="GBP" data-gbp-per-usd="0.79"'], german: [' data-locale="de-DE"'], custom: ["", CUSTOM] };

const pages = mkdtempSync(join(tmpdir(), "bering-options-net-"));
for (const [name, [attributes, inner = ""]] of Object.entries(OPTIONS)) {
  writeFileSync(join(pages, `${name}.html`), `<!doctype html><html lang="en"><meta charset="utf-8"><title>${name}</title><body><div style="width:640px"><div data-bering-chart="cost"${attributes}>${inner}</div></div><script type="module" src="/embed/bering-chart.js"></script>`);
}
const builds = [["this build", resolve("dist")], ...(compare ? [["compared", resolve(compare)]] : [])];
const servers = await Promise.all(builds.map(([, root]) => startServer({ root, gzip: true, mounts: { "/options-net/": pages } })));
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const times = new Map();
try {
  for (let i = 0; i < loads; i++) {
    for (const [b, [label]] of builds.entries()) {
      for (const name of Object.keys(OPTIONS)) {
        const context = await browser.newContext({ viewport: { width: 800, height: 600 }, deviceScaleFactor: 2, reducedMotion: "reduce" });
        await context.addInitScript(() => document.addEventListener("bering-chart:draw", () => { window.__firstDraw ??= performance.now(); }));
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send("Network.enable");
        await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 150, downloadThroughput: (1600 * 1000) / 8, uploadThroughput: (750 * 1000) / 8 });
        await page.goto(`${servers[b].url}/options-net/${name}.html`);
        await page.waitForFunction(() => window.__firstDraw, null, { timeout: 30_000 });
        const key = `${label}, ${name}`;
        times.set(key, [...(times.get(key) ?? []), await page.evaluate(() => window.__firstDraw)]);
        await context.close();
      }
    }
  }
} finally {
  await browser.close();
  await Promise.all(servers.map((server) => server.close()));
}
console.log(`| cost chart, slow 4G (${loads} loads) | first drawing, ms (median) | min–max |\n|---|---:|---:|`);
for (const [key, list] of times) {
  list.sort((a, b) => a - b);
  console.log(`| ${key} | ${list[list.length >> 1].toFixed(0)} | ${list[0].toFixed(0)}–${list[list.length - 1].toFixed(0)} |`);
}
