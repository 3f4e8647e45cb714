// tools/wasm-module.mjs: a WebAssembly module read into its parts and written back, for
// tools/split-wasm.mjs. It knows exactly what rustc, wasm-bindgen and wasm-opt emit for
// this crate (the MVP instructions, sign extension, saturating float-to-int and bulk
// memory; one memory, one table, function imports only) and fails on anything else, so a
// toolchain change cannot produce a module that is silently wrong.
import { leb, readLeb } from "./wasm-bytes.mjs";

export class WasmFormatError extends Error {}
const fail = (message) => {
  throw new WasmFormatError(message);
};

const utf8 = new TextDecoder();
const encodeText = (text) => [...new TextEncoder().encode(text)];

/** `value` as signed LEB128 bytes (for i32.const). */
export function sleb(value) {
  const out = [];
  let more = true;
  while (more) {
    let byte = value & 0x7f;
    value >>= 7;
    if ((value === 0 && (byte & 0x40) === 0) || (value === -1 && (byte & 0x40) !== 0)) more = false;
    else byte |= 0x80;
    out.push(byte);
  }
  return out;
}

/** A name as the binary format writes it (length, then UTF-8). */
export const nameBytes = (text) => [...leb(encodeText(text).length), ...encodeText(text)];

function skipSleb(bytes, at) {
  while (bytes[at] & 0x80) at++;
  return at + 1;
}

/** Skips a `limits` (flags, min, [max]); returns the offset after it. */
function skipLimits(bytes, at) {
  const flags = bytes[at++];
  [, at] = readLeb(bytes, at);
  if (flags & 1) [, at] = readLeb(bytes, at);
  return at;
}

/** The signed LEB128 integer at `at` in `bytes`, as a BigInt, and the offset after it. */
export function readSlebBig(bytes, at) {
  let value = 0n;
  let shift = 0n;
  let byte;
  do {
    byte = bytes[at++];
    value |= BigInt(byte & 0x7f) << shift;
    shift += 7n;
  } while (byte & 0x80);
  if (byte & 0x40) value -= 1n << shift;
  return [value, at];
}

/**
 * Walks the instructions of a function body (after its locals), calling `visit(kind, index,
 * immediateStart, immediateEnd)` for every immediate that names a function (`call`,
 * `ref.func`), a global (`global.get`, `global.set`) or a type (`"indirect"`: the type of a
 * `call_indirect`), and `visitValue(kind, value)`, when given, for every constant that may be
 * an address (`"i32"`, `"i64"`: a BigInt), load and store offset (`"load"`, `"store"`) and data segment
 * named (`"segment"`: `memory.init`, `data.drop`). Returns the offset of the body's end.
 */
export function walkInstructions(bytes, at, end, visit, visitValue = null) {
  while (at < end) {
    const op = bytes[at++];
    if (op === 0x10 || op === 0xd2 || op === 0x23 || op === 0x24) {
      const start = at;
      let index;
      [index, at] = readLeb(bytes, at);
      visit(op === 0x10 || op === 0xd2 ? "function" : "global", index, start, at);
    } else if (op === 0x11) {
      const start = at;
      let type;
      [type, at] = readLeb(bytes, at);
      visit("indirect", type, start, at);
      [, at] = readLeb(bytes, at);
    } else if (op === 0x02 || op === 0x03 || op === 0x04) {
      // Block type: empty (0x40) or a value type (one byte each); an s33 type index (a
      // multi-value block) is not something this crate's build makes.
      if (bytes[at] !== 0x40 && bytes[at] < 0x6f) fail("a block typed by a type index");
      at += 1;
    } else if (op === 0x0c || op === 0x0d || (op >= 0x20 && op <= 0x22) || op === 0x25 || op === 0x26) {
      [, at] = readLeb(bytes, at);
    } else if (op === 0x0e) {
      let count;
      [count, at] = readLeb(bytes, at);
      for (let i = 0; i <= count; i++) [, at] = readLeb(bytes, at);
    } else if (op === 0x1c) {
      let count;
      [count, at] = readLeb(bytes, at);
      at += count;
    } else if (op >= 0x28 && op <= 0x3e) {
      let offset;
      [, at] = readLeb(bytes, at);
      [offset, at] = readLeb(bytes, at);
      visitValue?.(op <= 0x35 ? "load" : "store", offset);
    } else if (op === 0x3f || op === 0x40) {
      at++;
    } else if ((op === 0x41 || op === 0x42) && visitValue) {
      let value;
      [value, at] = readSlebBig(bytes, at);
      visitValue(op === 0x41 ? "i32" : "i64", op === 0x41 ? Number(BigInt.asUintN(32, value)) : value);
    } else if (op === 0x41 || op === 0x42) {
      at = skipSleb(bytes, at);
    } else if (op === 0x43) {
      at += 4;
    } else if (op === 0x44) {
      at += 8;
    } else if (op === 0xd0) {
      at++;
    } else if (op === 0xfc) {
      let sub;
      [sub, at] = readLeb(bytes, at);
      if (sub <= 7) {
        // saturating float-to-int: no immediates
      } else if (sub === 8) {
        let segment;
        [segment, at] = readLeb(bytes, at);
        visitValue?.("segment", segment);
        at++;
      } else if (sub === 9) {
        let segment;
        [segment, at] = readLeb(bytes, at);
        visitValue?.("segment", segment);
      } else if (sub === 13 || (sub >= 15 && sub <= 17)) {
        [, at] = readLeb(bytes, at);
      } else if (sub === 10 || sub === 12 || sub === 14) {
        [, at] = readLeb(bytes, at);
        [, at] = readLeb(bytes, at);
      } else if (sub === 11) {
        at++;
      } else fail(`instruction 0xfc ${sub} is not known to this tool`);
    } else if (op <= 0x01 || op === 0x05 || op === 0x0b || op === 0x0f || op === 0x1a || op === 0x1b || op === 0xd1 || (op >= 0x45 && op <= 0xc4)) {
      // no immediates
    } else fail(`instruction 0x${op.toString(16)} is not known to this tool`);
  }
  return at;
}

/**
 * The module's parts: `types` (raw entries), `imports` ({module, field, kind, type (function
 * imports), raw}), `functions` (type index of each defined function), the table, memory and
 * global sections (raw), `exports` ({name, kind, index}), `start`, `elements` (one active
 * segment of function indices at a constant offset: {offset, functions}), `code` ({locals
 * (raw), body (raw instructions)}), the data count and data sections (raw), and `customs`
 * ({name, raw}).
 */
export function readModule(bytes) {
  if (!HEADER.every((byte, i) => bytes[i] === byte)) fail("not a WebAssembly module (version 1)");
  const module = { types: [], imports: [], functions: [], table: null, memory: null, globals: null, globalTypes: [], exports: [], start: null, elements: [], code: [], dataCount: null, data: null, customs: [] };
  for (let at = 8; at < bytes.length; ) {
    const id = bytes[at];
    const [length, start] = readLeb(bytes, at + 1);
    const end = start + length;
    const raw = bytes.subarray(start, end);
    let p = start;
    let count = 0;
    if (id !== 0 && id !== 8 && id !== 12) [count, p] = readLeb(bytes, p);
    const readName = () => {
      const [size, from] = readLeb(bytes, p);
      p = from + size;
      return utf8.decode(bytes.subarray(from, p));
    };
    if (id === 0) {
      module.customs.push({ name: readName(), raw });
    } else if (id === 1) {
      for (let i = 0; i < count; i++) {
        const from = p;
        if (bytes[p++] !== 0x60) fail("a type that is not a function type");
        let n;
        [n, p] = readLeb(bytes, p);
        p += n;
        [n, p] = readLeb(bytes, p);
        p += n;
        module.types.push(bytes.subarray(from, p));
      }
    } else if (id === 2) {
      for (let i = 0; i < count; i++) {
        const from = p;
        const moduleName = readName();
        const field = readName();
        const kind = bytes[p++];
        if (kind !== 0) fail(`import ${moduleName}.${field} is not a function: this tool splits only modules that import functions`);
        let type;
        [type, p] = readLeb(bytes, p);
        module.imports.push({ module: moduleName, field, kind, type, raw: bytes.subarray(from, p) });
      }
    } else if (id === 3) {
      for (let i = 0; i < count; i++) {
        let type;
        [type, p] = readLeb(bytes, p);
        module.functions.push(type);
      }
    } else if (id === 4) {
      if (count !== 1) fail("more than one table");
      module.table = raw;
      if (bytes[p] !== 0x70) fail("a table that does not hold functions");
      module.tableLimits = bytes.subarray(p + 1, skipLimits(bytes, p + 1));
    } else if (id === 5) {
      if (count !== 1) fail("more than one memory");
      module.memory = raw;
      module.memoryLimits = bytes.subarray(p, skipLimits(bytes, p));
    } else if (id === 6) {
      module.globals = raw;
      for (let i = 0; i < count; i++) {
        module.globalTypes.push(bytes.subarray(p, p + 2));
        p += 2;
        // One constant (i32, i64, f32 or f64), then `end`.
        const op = bytes[p];
        const initEnd = op === 0x41 || op === 0x42 ? skipSleb(bytes, p + 1) : op === 0x43 ? p + 5 : op === 0x44 ? p + 9 : fail("a global initialised from another global or a function");
        if (bytes[initEnd] !== 0x0b) fail("a global initialiser that is not one constant");
        p = initEnd + 1;
      }
    } else if (id === 7) {
      for (let i = 0; i < count; i++) {
        const name = readName();
        const kind = bytes[p++];
        let index;
        [index, p] = readLeb(bytes, p);
        module.exports.push({ name, kind, index });
      }
    } else if (id === 8) {
      [module.start] = readLeb(bytes, p);
    } else if (id === 9) {
      for (let i = 0; i < count; i++) {
        if (bytes[p++] !== 0) fail("an element segment other than an active one of function indices in table 0");
        if (bytes[p++] !== 0x41) fail("an element segment whose offset is not an i32.const");
        const offsetStart = p;
        p = skipSleb(bytes, p);
        const offset = bytes.subarray(offsetStart, p);
        if (bytes[p++] !== 0x0b) fail("an element segment offset that is not one constant");
        let n;
        [n, p] = readLeb(bytes, p);
        const functions = [];
        for (let j = 0; j < n; j++) {
          let index;
          [index, p] = readLeb(bytes, p);
          functions.push(index);
        }
        module.elements.push({ offset, functions });
      }
    } else if (id === 10) {
      for (let i = 0; i < count; i++) {
        let size;
        [size, p] = readLeb(bytes, p);
        const bodyEnd = p + size;
        const localsStart = p;
        let groups;
        [groups, p] = readLeb(bytes, p);
        for (let j = 0; j < groups; j++) {
          [, p] = readLeb(bytes, p);
          p++;
        }
        module.code.push({ locals: bytes.subarray(localsStart, p), body: bytes.subarray(p, bodyEnd) });
        p = bodyEnd;
      }
    } else if (id === 11) {
      module.data = raw;
    } else if (id === 12) {
      module.dataCount = raw;
    } else fail(`section ${id} is not known to this tool`);
    at = end;
  }
  if (module.functions.length !== module.code.length) fail("the function and code sections disagree");
  return module;
}

/**
 * `body` with every function, global and type index in its immediates mapped through
 * `mapFunction` / `mapGlobal` / `mapType` (each returns the new index).
 */
export function remapBody(body, mapFunction, mapGlobal, mapType = (t) => t) {
  const out = [];
  let copied = 0;
  walkInstructions(body, 0, body.length, (kind, index, start, end) => {
    const mapped = kind === "function" ? mapFunction(index) : kind === "global" ? mapGlobal(index) : mapType(index);
    for (let i = copied; i < start; i++) out.push(body[i]);
    out.push(...leb(mapped));
    copied = end;
  });
  for (let i = copied; i < body.length; i++) out.push(body[i]);
  return out;
}

/**
 * What each defined function calls (function indices), the globals it uses, and the types
 * of its indirect calls (`indirect`: their type indices).
 */
export function callsOf(module) {
  return module.code.map(({ body }) => {
    const calls = new Set();
    const globals = new Set();
    const indirect = new Set();
    walkInstructions(body, 0, body.length, (kind, index) => {
      if (kind === "function") calls.add(index);
      else if (kind === "global") globals.add(index);
      else indirect.add(index);
    });
    return { calls, globals, indirect };
  });
}

/** A section: id, then its contents' length and the contents. */
export function section(id, contents) {
  return [id, ...leb(contents.length), ...contents];
}

/** A vector section of `items` (each an array of bytes). */
export function vectorSection(id, items) {
  const contents = [...leb(items.length)];
  for (const item of items) for (const byte of item) contents.push(byte);
  return section(id, contents);
}

/** A function body as the code section holds it (size, locals, instructions). */
export function codeEntry({ locals, body }) {
  return [...leb(locals.length + body.length), ...locals, ...body];
}

export const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
