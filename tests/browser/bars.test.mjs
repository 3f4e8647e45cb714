// Bars are drawn to scale: measured from the canvas pixels (longest horizontal run of
// each bar colour, +-2 per channel), bar lengths are in the ratio of the values within
// 2%: length 70:51, cost 8:65, context 112.65 km : 57.1 km; in mi and km, light and
// dark, at device pixel ratio 1 and 2.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, call, assertClean, onePage, COLOURS } from './browser.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const MI_KM = 1.609344;
// primary bar (first bar) : longest other bar
const EXPECTED = {
  length: 70 / 51,
  cost: 8 / 65,
  context: (70 * MI_KM) / 57.1,
};
const TOLERANCE = 0.02;

async function measure(params, opts) {
  const p = await openPage(env, onePage(params), opts);
  try {
    assert.equal(await call(p, 'state', '#c'), 'ready', JSON.stringify(params));
    const theme = params.theme ?? 'light';
    const { primary, other } = COLOURS[theme];
    const runs = await call(p, 'longestRuns', '#c', [primary, other], 2);
    assertClean(p);
    return { primary: runs[primary], other: runs[other] };
  } finally {
    await p.close();
  }
}

const CASES = [];
for (const chart of ['length', 'cost', 'context']) {
  for (const units of ['mi', 'km']) {
    if (chart === 'cost' && units === 'km') continue;
    for (const theme of ['light', 'dark']) {
      CASES.push({ params: { chart, units, theme, width: 960 }, dpr: 1 });
    }
    CASES.push({ params: { chart, units, theme: 'light', width: 640 }, dpr: 2 });
  }
}

for (const { params, dpr } of CASES) {
  const name = `${params.chart} ${params.units} ${params.theme} ${params.width}px dpr ${dpr}`;
  test(`bar ratio: ${name}`, async () => {
    const { primary, other } = await measure(params, { deviceScaleFactor: dpr });
    assert.ok(primary.run >= 4, `${name}: primary bar found (run ${primary.run})`);
    assert.ok(other.run >= 4, `${name}: other bar found (run ${other.run})`);
    const ratio = primary.run / other.run;
    const want = EXPECTED[params.chart];
    const err = Math.abs(ratio / want - 1);
    assert.ok(err <= TOLERANCE,
      `${name}: bar ratio ${primary.run}/${other.run} = ${ratio.toFixed(4)}, want ${want.toFixed(4)} `
      + `(off by ${(err * 100).toFixed(2)}%)`);
  });
}

test('length: km and mi give the same bar lengths ratio', async () => {
  const mi = await measure({ chart: 'length', units: 'mi', width: 960 });
  const km = await measure({ chart: 'length', units: 'km', width: 960 });
  const rMi = mi.primary.run / mi.other.run;
  const rKm = km.primary.run / km.other.run;
  assert.ok(Math.abs(rKm / rMi - 1) <= TOLERANCE, `mi ratio ${rMi.toFixed(4)} vs km ratio ${rKm.toFixed(4)}`);
});
