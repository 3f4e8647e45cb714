// tools/prune-table.mjs: points the function table's slots that nothing can call
// at one trapping function, so wasm-opt can drop the functions they held.
//
//   node tools/prune-table.mjs IN.wasm OUT.wasm
//
// wasm-bindgen (0.2.130) and js-sys link the closure invokers of every js-sys
// callback type (`convert::closures::_::invoke::<…>`) and js-sys's JSPI waker into
// the function table, because the descriptors that referenced them took their
// addresses. The descriptors are gone after wasm-bindgen, the table is not
// exported and the glue creates no closure, so no `call_indirect` can reach those
// slots; but a table slot keeps its function alive through wasm-opt. This keeps
// every slot (no function pointer stored in memory changes) and fills the dead
// ones with a new function whose body is `unreachable`: a call there would trap,
// as a panic does. It reads the names from the module's name section (present in
// wasm-bindgen's output), and fails unless it finds the table, the names and at
// least one slot to prune, so a toolchain change cannot pass through silently.
import { readFileSync, writeFileSync } from "node:fs";
import { leb, readLeb, sections as sectionsOf } from "./wasm-bytes.mjs";

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error("usage: node tools/prune-table.mjs IN.wasm OUT.wasm");
  process.exit(2);
}
const fail = (message) => {
  console.error(`prune-table: ${message}`);
  process.exit(1);
};
const DEAD = [/wasm_bindgen\[[0-9a-f]+\]::convert::closures::_::invoke::</, /js_sys\[[0-9a-f]+\]::futures::jspi::/];

const bytes = readFileSync(input);
const name = (at, length) => bytes.subarray(at, at + length).toString();

const sections = sectionsOf(bytes);
const section = (id) => sections.find((s) => s.id === id);

// Imported functions come first in the function index space.
let importedFunctions = 0;
{
  const imports = section(2);
  let [count, at] = readLeb(bytes, imports.start);
  for (let i = 0; i < count; i++) {
    let length;
    [length, at] = readLeb(bytes, at);
    at += length;
    [length, at] = readLeb(bytes, at);
    at += length;
    const kind = bytes[at++];
    if (kind === 0) [, at] = readLeb(bytes, at);
    else fail("an import other than a function: this module is not laid out as expected");
  }
  importedFunctions = count;
}

const names = new Map();
for (const s of sections.filter((s) => s.id === 0)) {
  let [length, at] = readLeb(bytes, s.start);
  if (name(at, length) !== "name") continue;
  at += length;
  while (at < s.end) {
    const sub = bytes[at];
    let subLength;
    [subLength, at] = readLeb(bytes, at + 1);
    const subEnd = at + subLength;
    if (sub === 1) {
      let count;
      [count, at] = readLeb(bytes, at);
      for (let i = 0; i < count; i++) {
        let index;
        [index, at] = readLeb(bytes, at);
        [length, at] = readLeb(bytes, at);
        names.set(index, name(at, length));
        at += length;
      }
    }
    at = subEnd;
  }
}
if (names.size === 0) fail("no function names in the module");

// The one element segment: flag 0, an i32.const offset, function indices.
const elements = section(9);
if (!elements) fail("no element section");
let [segments, at] = readLeb(bytes, elements.start);
if (segments !== 1 || bytes[at] !== 0) fail("expected one active element segment (flag 0)");
const offsetStart = at + 1;
while (bytes[at] !== 0x0b) at++;
const offsetExpr = bytes.subarray(offsetStart, at + 1);
let count;
[count, at] = readLeb(bytes, at + 1);
const slots = [];
for (let i = 0; i < count; i++) {
  let index;
  [index, at] = readLeb(bytes, at);
  slots.push(index);
}

// The trap: a new function of type () -> (), appended to the function and code sections.
const types = section(1);
let [typeCount, typeAt] = readLeb(bytes, types.start);
let voidType = -1;
for (let i = 0; i < typeCount; i++) {
  if (bytes[typeAt] !== 0x60) fail("a type that is not a function type");
  let params;
  [params, typeAt] = readLeb(bytes, typeAt + 1);
  typeAt += params;
  let results;
  [results, typeAt] = readLeb(bytes, typeAt);
  typeAt += results;
  if (params === 0 && results === 0 && voidType < 0) voidType = i;
}
if (voidType < 0) fail("no () -> () type to give the trap");
const functions = section(3);
const [definedCount] = readLeb(bytes, functions.start);
const trapIndex = importedFunctions + definedCount;

let pruned = 0;
const newSlots = slots.map((index) => {
  const label = names.get(index) || "";
  if (DEAD.some((pattern) => pattern.test(label))) {
    pruned++;
    return trapIndex;
  }
  return index;
});
if (pruned === 0) fail("no dead table slot found: the toolchain changed, check the table by hand");

function withVector(s, addedItem) {
  const [n, itemsAt] = readLeb(bytes, s.start);
  return Buffer.concat([Buffer.from(leb(n + 1)), bytes.subarray(itemsAt, s.end), Buffer.from(addedItem)]);
}
const rebuilt = new Map([
  [3, withVector(functions, leb(voidType))],
  [10, withVector(section(10), [3, 0, 0x00, 0x0b])], // body: no locals, unreachable, end
  [9, Buffer.concat([Buffer.from([1, 0]), offsetExpr, Buffer.from(leb(newSlots.length)), Buffer.from(newSlots.flatMap(leb))])],
]);
const parts = [bytes.subarray(0, 8)];
for (const s of sections) {
  const body = rebuilt.get(s.id);
  if (body) parts.push(Buffer.from([s.id]), Buffer.from(leb(body.length)), body);
  else parts.push(bytes.subarray(s.headerAt, s.end));
}
// The name section stays as it was: it names functions by index, and the trap is new (unnamed).
writeFileSync(output, Buffer.concat(parts));
console.log(`prune-table: ${pruned} of ${slots.length} table slots pointed at a trap`);
