// tools/shorten-imports.mjs: gives the wasm's imports one-letter names, in the
// module and in its wasm-bindgen glue together (about 1 KB gzip less).
//
//   node tools/shorten-imports.mjs GLUE.js MODULE.wasm OUT_GLUE.js OUT_MODULE.wasm [MAP.json]
//
// The renamed glue and module are written to OUT_GLUE.js and OUT_MODULE.wasm (the
// inputs stay as wasm-bindgen and wasm-opt wrote them); MAP.json, if given, gets
// the short names with the originals (to read a CPU profile by).
//
// wasm-bindgen names each import like `__wbg_fillRect_e1f0b9915220348b`, from
// the module "./bering_chart_bg.js"; the glue passes them as the keys of one
// object literal. This renames the module to "a" and each import to a short
// key, and fails (changing nothing) unless every name is found in the glue
// exactly as expected, so a wasm-bindgen change cannot half-apply it.
import { readFileSync, writeFileSync } from "node:fs";
import { leb, readLeb, sections } from "./wasm-bytes.mjs";

const [gluePath, wasmPath, glueOut, wasmOut, mapPath] = process.argv.slice(2);
if (!gluePath || !wasmPath || !glueOut || !wasmOut) {
  console.error("usage: node tools/shorten-imports.mjs GLUE.js MODULE.wasm OUT_GLUE.js OUT_MODULE.wasm [MAP.json]");
  process.exit(2);
}
const fail = (message) => {
  console.error(`shorten-imports: ${message}`);
  process.exit(1);
};

const utf8 = new TextDecoder();
const encode = (text) => [...new TextEncoder().encode(text)];
const named = (text) => [...leb(encode(text).length), ...encode(text)];

/** The import section's entries as {module, field, desc (raw bytes)}, and where the section lies. */
function readImports(bytes) {
  for (const { id, headerAt: at, start: bodyStart, end } of sections(bytes)) {
    if (id === 2) {
      let [count, p] = readLeb(bytes, bodyStart);
      const entries = [];
      const readName = () => {
        const [length, start] = readLeb(bytes, p);
        p = start + length;
        return utf8.decode(bytes.subarray(start, p));
      };
      for (let i = 0; i < count; i++) {
        const module = readName();
        const field = readName();
        const descStart = p;
        const kind = bytes[p++];
        if (kind === 0) [, p] = readLeb(bytes, p); // function: type index
        else if (kind === 1) { p++; const flags = bytes[p++]; [, p] = readLeb(bytes, p); if (flags & 1) [, p] = readLeb(bytes, p); } // table
        else if (kind === 2) { const flags = bytes[p++]; [, p] = readLeb(bytes, p); if (flags & 1) [, p] = readLeb(bytes, p); } // memory
        else if (kind === 3) p += 2; // global: value type, mutability
        else fail(`import ${module}.${field} has kind ${kind}, which this tool does not know`);
        entries.push({ module, field, desc: [...bytes.subarray(descStart, p)] });
      }
      if (p !== end) fail("the import section did not parse to its end");
      return { entries, sectionStart: at, sectionEnd: end };
    }
  }
  return null;
}

/** Short keys: a … z, A … Z, then two letters. */
function shortName(index) {
  const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  let name = "";
  let n = index;
  do {
    name = letters[n % letters.length] + name;
    n = Math.floor(n / letters.length) - 1;
  } while (n >= 0);
  return name;
}

const wasm = readFileSync(wasmPath);
let glue = readFileSync(gluePath, "utf8");
const imports = readImports(wasm);
if (!imports) fail(`${wasmPath} has no import section`);
const modules = [...new Set(imports.entries.map((e) => e.module))];
if (modules.length !== 1) fail(`expected one import module, found ${modules.join(", ")}`);
const [moduleName] = modules;
const moduleKey = JSON.stringify(moduleName);
if (glue.split(`${moduleKey}:`).length !== 2) fail(`the glue does not pass the imports as ${moduleKey}: exactly once`);
glue = glue.replace(`${moduleKey}:`, '"a":');

const names = {};
const renamed = imports.entries.map((entry, index) => {
  const short = shortName(index);
  names[short] = entry.field;
  const key = new RegExp(`(^|[\\s{,])${entry.field}(?=: *function)`, "g");
  const hits = glue.match(key)?.length ?? 0;
  if (hits !== 1) fail(`import ${entry.field} appears ${hits} times as a key in the glue, not once`);
  if (new RegExp(`\\b${entry.field}\\b`).test(glue.replace(key, ""))) fail(`import ${entry.field} is used elsewhere in the glue`);
  glue = glue.replace(key, `$1${short}`);
  return [...named("a"), ...named(short), ...entry.desc];
});

const body = [...leb(renamed.length), ...renamed.flat()];
const section = [2, ...leb(body.length), ...body];
const out = Buffer.concat([wasm.subarray(0, imports.sectionStart), Buffer.from(section), wasm.subarray(imports.sectionEnd)]);
writeFileSync(wasmOut, out);
writeFileSync(glueOut, glue);
if (mapPath) writeFileSync(mapPath, `${JSON.stringify(names, null, 1)}\n`);
console.log(`shorten-imports: ${renamed.length} imports renamed; the module is ${wasm.length - out.length} bytes smaller`);
