// tools/shorten-names.mjs: short names for what passes between the wasm and its
// wasm-bindgen glue, in the module and the glue together, and none for what nothing uses.
//
//   node tools/shorten-names.mjs GLUE.js MODULE.wasm OUT_GLUE.js OUT_MODULE.wasm [MAP.json]
//
// - Imports: wasm-bindgen names each like `__wbg_fillRect_e1f0b9915220348b`, from the module
//   "./bering_chart_bg.js", and the glue passes them as the keys of one object literal.
//   The module becomes "a" and each import a short key (a … z, A … Z, then two letters).
// - The glue's import functions the module does not import (wasm-opt dropped the calls:
//   `strokeRect` and its style setters, which `render` never makes) are removed.
// - The exports of wasm-bindgen's runtime the glue calls (`__wbindgen_add_to_stack_pointer`,
//   `__wbindgen_malloc`, … and the `__wbg_*_free` of each class) become one capital letter
//   each, as `wasm.X` in the glue (capitals: tools/split-wasm.mjs names what the two
//   modules share with lower-case base-36 numbers). The crate's own exports (`widget_draw`,
//   …) keep their names: the split, the benchmark and the tests name them.
// - Exports the glue never reads (wasm-bindgen's `__abort_handler` and
//   `__instance_terminated` globals) are dropped.
//
// The renamed glue and module are written to OUT_GLUE.js and OUT_MODULE.wasm (the inputs
// stay as wasm-bindgen and wasm-opt wrote them); MAP.json, if given, gets the short import
// and export names with the originals (to read a CPU profile by). Fails, changing nothing,
// unless every name is found in the glue exactly as expected, so a wasm-bindgen change
// cannot half-apply it.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { leb, readLeb, sections } from "./wasm-bytes.mjs";

export class ShortenError extends Error {}
const fail = (message) => {
  throw new ShortenError(message);
};

const utf8 = new TextDecoder();
const encode = (text) => [...new TextEncoder().encode(text)];
const named = (text) => [...leb(encode(text).length), ...encode(text)];
const escapeRegExp = (text) => text.replace(/[$]/g, "\\$&");

/** The entries of section `id` (imports 2 or exports 7), each read by `readEntry(bytes, at)`, and where the section lies. */
function readVectorSection(bytes, id, readEntry) {
  const found = sections(bytes).find((s) => s.id === id);
  if (!found) return null;
  let [count, p] = readLeb(bytes, found.start);
  const entries = [];
  for (let i = 0; i < count; i++) {
    const [entry, next] = readEntry(bytes, p);
    entries.push(entry);
    p = next;
  }
  if (p !== found.end) fail(`section ${id} did not parse to its end`);
  return { entries, sectionStart: found.headerAt, sectionEnd: found.end };
}

function readName(bytes, at) {
  const [length, start] = readLeb(bytes, at);
  return [utf8.decode(bytes.subarray(start, start + length)), start + length];
}

/** An import: {module, field, desc (raw bytes)}. */
function readImport(bytes, at) {
  let module, field;
  [module, at] = readName(bytes, at);
  [field, at] = readName(bytes, at);
  const descStart = at;
  const kind = bytes[at++];
  if (kind === 0) [, at] = readLeb(bytes, at); // function: type index
  else if (kind === 1) { at++; const flags = bytes[at++]; [, at] = readLeb(bytes, at); if (flags & 1) [, at] = readLeb(bytes, at); } // table
  else if (kind === 2) { const flags = bytes[at++]; [, at] = readLeb(bytes, at); if (flags & 1) [, at] = readLeb(bytes, at); } // memory
  else if (kind === 3) at += 2; // global: value type, mutability
  else fail(`import ${module}.${field} has kind ${kind}, which this tool does not know`);
  return [{ module, field, desc: [...bytes.subarray(descStart, at)] }, at];
}

/** An export: {name, desc (kind and index, raw bytes)}. */
function readExport(bytes, at) {
  let name;
  [name, at] = readName(bytes, at);
  const descStart = at;
  [, at] = readLeb(bytes, at + 1);
  return [{ name, desc: [...bytes.subarray(descStart, at)] }, at];
}

/** `letters[index]`, then two letters: a … z, A … Z, aa, ab, … */
function shortName(index, letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") {
  let name = "";
  let n = index;
  do {
    name = letters[n % letters.length] + name;
    n = Math.floor(n / letters.length) - 1;
  } while (n >= 0);
  return name;
}

/** `bytes` with the section from `start` to `end` replaced by section `id` holding `entries` (byte arrays). */
function replaceSection(bytes, { sectionStart, sectionEnd }, id, entries) {
  const body = [...leb(entries.length), ...entries.flat()];
  return Buffer.concat([bytes.subarray(0, sectionStart), Buffer.from([id, ...leb(body.length), ...body]), bytes.subarray(sectionEnd)]);
}

/** Where `text` is found as a whole word in `glue`. */
const wordCount = (glue, text) => glue.match(new RegExp(`(?<![\\w$])${escapeRegExp(text)}(?![\\w$])`, "g"))?.length ?? 0;

/**
 * Renames as the file header says: `glue` is wasm-bindgen's JS text, `wasm` its module's
 * bytes. Returns {glue, wasm, names: {imports, exports} (short → original), removed}.
 */
export function shortenNames(glue, wasm) {
  wasm = Buffer.from(wasm);
  const imports = readVectorSection(wasm, 2, readImport);
  if (!imports) fail("the module has no import section");
  const modules = [...new Set(imports.entries.map((e) => e.module))];
  if (modules.length !== 1) fail(`expected one import module, found ${modules.join(", ")}`);
  const moduleKey = JSON.stringify(modules[0]);
  if (glue.split(`${moduleKey}:`).length !== 2) fail(`the glue does not pass the imports as ${moduleKey}: exactly once`);
  glue = glue.replace(`${moduleKey}:`, '"a":');

  // Imports, one short key each.
  const names = { imports: {}, exports: {} };
  const renamedImports = imports.entries.map((entry, index) => {
    const short = shortName(index);
    names.imports[short] = entry.field;
    const key = new RegExp(`(^|[\\s{,])${escapeRegExp(entry.field)}(?=: *function)`, "g");
    const hits = glue.match(key)?.length ?? 0;
    if (hits !== 1) fail(`import ${entry.field} appears ${hits} times as a key in the glue, not once`);
    if (wordCount(glue.replace(key, ""), entry.field)) fail(`import ${entry.field} is used elsewhere in the glue`);
    glue = glue.replace(key, `$1${short}`);
    return [...named("a"), ...named(short), ...entry.desc];
  });

  // The glue's import functions the module does not import: each is one key of the import
  // object, `        __wbg_…: function(…) {` to its own closing line at the same indent.
  const removed = [];
  const unimported = /\n( +)(__wbg_[\w$]+): function\b[\s\S]*?\n\1}(?:, arguments\); })?,(?=\n)/g;
  glue = glue.replace(unimported, (entry, indent, name) => {
    removed.push(name);
    return "";
  });
  for (const name of removed) if (wordCount(glue, name)) fail(`${name}, which the module does not import, is used elsewhere in the glue`);
  const leftover = glue.match(/^ +(__wbg_[\w$]+)(?=: *function)/m);
  if (leftover) fail(`the glue's import ${leftover[1]} is neither imported nor removable`);

  // Exports: the runtime's get capitals, what the glue never reads goes.
  const exports = readVectorSection(wasm, 7, readExport);
  if (!exports) fail("the module has no export section");
  const keptExports = [];
  let capitals = 0;
  for (const entry of exports.entries) {
    const uses = glue.match(new RegExp(`\\bwasm\\.${escapeRegExp(entry.name)}(?![\\w$])`, "g"))?.length ?? 0;
    // (The memory stays: the secondary modules import it from the primary.)
    if (uses === 0 && entry.name !== "memory") {
      if (wordCount(glue, entry.name)) fail(`export ${entry.name} is used in the glue, but not as wasm.${entry.name}`);
      continue;
    }
    let name = entry.name;
    if (/^__wbindgen_[\w$]+$|^__wbg_[\w$]+_free$/.test(name)) {
      name = shortName(capitals++, "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
      if (exports.entries.some((e) => e.name === name)) fail(`the module already exports ${name}`);
      names.exports[name] = entry.name;
      glue = glue.replace(new RegExp(`\\bwasm\\.${escapeRegExp(entry.name)}(?![\\w$])`, "g"), `wasm.${name}`);
      if (wordCount(glue, entry.name)) fail(`export ${entry.name} is used in the glue other than as wasm.${entry.name}`);
    }
    keptExports.push([...named(name), ...entry.desc]);
  }

  // The export section comes after the import section: replace it first.
  let out = replaceSection(wasm, exports, 7, keptExports);
  out = replaceSection(out, imports, 2, renamedImports);
  return { glue, wasm: out, names, removed, droppedExports: exports.entries.length - keptExports.length };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [gluePath, wasmPath, glueOut, wasmOut, mapPath] = process.argv.slice(2);
  if (!gluePath || !wasmPath || !glueOut || !wasmOut) {
    console.error("usage: node tools/shorten-names.mjs GLUE.js MODULE.wasm OUT_GLUE.js OUT_MODULE.wasm [MAP.json]");
    process.exit(2);
  }
  const wasm = readFileSync(wasmPath);
  let result;
  try {
    result = shortenNames(readFileSync(gluePath, "utf8"), wasm);
  } catch (error) {
    if (!(error instanceof ShortenError)) throw error;
    console.error(`shorten-names: ${error.message}`);
    process.exit(1);
  }
  writeFileSync(wasmOut, result.wasm);
  writeFileSync(glueOut, result.glue);
  if (mapPath) writeFileSync(mapPath, `${JSON.stringify(result.names, null, 1)}\n`);
  console.log(`shorten-names: ${Object.keys(result.names.imports).length} imports and ${Object.keys(result.names.exports).length} exports renamed, `
    + `${result.droppedExports} exports and ${result.removed.length} unimported glue functions dropped; the module is ${wasm.length - result.wasm.length} bytes smaller`);
}
