// tools/inline-glue.mjs: puts wasm-bindgen's JS glue inside the shim, so a page
// loads two files (shim + wasm) instead of three: one request less, and about
// 0.35 KB gzip less than the two scripts apart.
//
//   node tools/inline-glue.mjs GLUE.js SHIM.js   (SHIM.js rewritten in place)
//
// The glue becomes the body of `createChartModule()`, appended to the shim, which
// returns what the module exported (Widget, the locale-pack functions and the
// init function as `default`); the shim's `await import("./bering_chart.js")`
// becomes `createChartModule()`. So the glue still runs only when a chart needs
// the module, once per page. Fails, changing nothing, unless every pattern is
// found exactly as expected.
import { readFileSync, writeFileSync } from 'node:fs';

const [gluePath, shimPath] = process.argv.slice(2);
if (!gluePath || !shimPath) {
  console.error('usage: node tools/inline-glue.mjs GLUE.js SHIM.js');
  process.exit(2);
}
const fail = (message) => {
  console.error(`inline-glue: ${message}`);
  process.exit(1);
};

let glue = readFileSync(gluePath, 'utf8');
const shim = readFileSync(shimPath, 'utf8');

const EXPORTS = ['Widget', 'installLocalePack', 'missingLocalePack'];
const classExport = /^export class (\w+)/gm;
const functionExport = /^export function (\w+)/gm;
const exported = [...glue.matchAll(classExport), ...glue.matchAll(functionExport)].map((m) => m[1]).sort();
if (exported.join() !== [...EXPORTS].sort().join()) fail(`the glue exports ${exported.join(', ')}; expected ${EXPORTS.join(', ')}`);
const exportList = /^export \{ initSync, __wbg_init as default \};\s*$/m;
if (!exportList.test(glue)) fail('the glue does not end with `export { initSync, __wbg_init as default };`');
glue = glue.replace(classExport, 'class $1').replace(functionExport, 'function $1').replace(exportList, '');
if (/^\s*(export|import)\b/m.test(glue)) fail('the glue has another import or export');

const dynamicImport = 'await import("./bering_chart.js")';
if (shim.split(dynamicImport).length !== 2) fail(`the shim does not hold ${dynamicImport} exactly once`);
const out = `${shim.replace(dynamicImport, 'createChartModule()')}
/** wasm-bindgen's glue for bering_chart_bg.wasm, inlined by tools/inline-glue.mjs. */
function createChartModule() {
${glue}
return { ${EXPORTS.join(', ')}, default: __wbg_init };
}
`;
writeFileSync(shimPath, out);
console.log(`inline-glue: ${gluePath} inlined into ${shimPath}`);
