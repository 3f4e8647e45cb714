// tools/split-data.mjs: the data half of tools/split-wasm.mjs. A module's read-only data
// that only its secondaries' code reads is written by those secondaries, not the primary.
//
// The modules share one memory, and a secondary is instantiated before any of its code
// runs, so its own active data segments can write, at their addresses, the bytes only it
// reads: the primary then neither carries nor compresses them. What each function reads is
// known from wasm-ld's link map (`--Map`: every input section of the data, the linker's
// objects, with its address and size) and the code's constants:
//
// - an object is read by a function whose code holds an address in it: an `i32.const`,
//   either half of an `i64.const` (LLVM stores a pointer and a length as one i64), a load or
//   store offset, or a load's offset added to the constant just before it; an address in a
//   gap between objects counts for both neighbours (LLVM may fold `symbol ± offset`);
// - and by whoever reads an object that holds a pointer (a 4-byte aligned word) into it.
//
// Every guess errs the safe way: a word or constant that only looks like an address keeps
// its object in the primary. Only read-only objects (`.rodata`) move, and only to the
// secondaries whose code reads them (a copy into each). The link map must describe this
// module: every object's bytes are checked against the linked module's, and every byte
// of this module's data must lie in an object.
import { leb, readLeb } from "./wasm-bytes.mjs";
import { WasmFormatError, readModule, readSlebBig, sleb, walkInstructions } from "./wasm-module.mjs";

const fail = (message) => {
  throw new WasmFormatError(message);
};

/** The objects of wasm-ld's link map: `{address, size, readOnly, name}`, by address. */
export function readLinkMap(text) {
  const objects = [];
  for (const line of text.split("\n")) {
    // "  100000    55e52        4         path/to/x.o:(.rodata..Lanon.1)": address, file offset, size, input section.
    const match = /^\s*([0-9a-f]+)\s+[0-9a-f]+\s+([0-9a-f]+)\s+\S.*:\((\.(rodata|data|bss|tdata|tbss)\b[^)]*)\)\s*$/.exec(line);
    // (An object of no bytes holds nothing to move, and would only confuse the search by address.)
    if (match && parseInt(match[2], 16) > 0) objects.push({ address: parseInt(match[1], 16), size: parseInt(match[2], 16), readOnly: match[4] === "rodata", name: match[3] });
  }
  if (!objects.length) fail("the link map lists no data objects");
  return objects.sort((a, b) => a.address - b.address);
}

/** The active segments of a data section (raw, after its id and size): `[{address, bytes}]`. */
export function readDataSegments(raw) {
  const segments = [];
  let [count, at] = readLeb(raw, 0);
  for (let i = 0; i < count; i++) {
    if (raw[at++] !== 0) fail("a data segment that is not active in memory 0");
    if (raw[at++] !== 0x41) fail("a data segment whose offset is not an i32.const");
    let address;
    [address, at] = readSlebBig(raw, at);
    if (raw[at++] !== 0x0b) fail("a data segment offset that is not one constant");
    let size;
    [size, at] = readLeb(raw, at);
    segments.push({ address: Number(BigInt.asUintN(32, address)), bytes: raw.subarray(at, at + size) });
    at += size;
  }
  return segments;
}

/**
 * A data section (raw contents, count first) writing the bytes of `image` (whose first byte is
 * at `base`) where `wanted(i)`: one segment per run, and two runs less than `gap` bytes apart
 * merged when every byte between them `mayWrite` (a segment's header is about 8 bytes), the
 * bytes between written as `image` has them. Returns `{raw, count}`.
 */
export function dataSection(image, base, wanted, mayWrite, gap = 16) {
  const runs = [];
  for (let at = 0; at < image.length; ) {
    if (!wanted(at)) {
      at++;
      continue;
    }
    let end = at + 1;
    for (let i = end; i < image.length && i - end < gap; i++) {
      if (!wanted(i)) {
        if (!mayWrite(i)) break;
        continue;
      }
      end = i + 1;
    }
    runs.push([at, end]);
    at = end;
  }
  const raw = [...leb(runs.length)];
  for (const [from, to] of runs) raw.push(0, 0x41, ...sleb(base + from), 0x0b, ...leb(to - from), ...image.subarray(from, to));
  return { raw, count: runs.length };
}

/**
 * Which objects go where, for a module (`module`, read by readModule; `linked`, the bytes of
 * the module wasm-ld wrote) whose functions split-wasm.mjs has put in `inPrimary` and
 * `inGroups` (sets of function indices) and whose data objects are `objects` (readLinkMap).
 * Returns `{primary, secondaries}`: each a data section's raw contents (`null`: none) and its
 * segment count, and `moved`, the bytes moved into each secondary.
 */
export function splitData(module, linked, objects, inPrimary, inGroups) {
  if (!module.data) return null;
  const importCount = module.imports.length;
  const segments = readDataSegments(module.data);
  const base = Math.min(objects[0].address, ...segments.map((s) => s.address));
  const end = Math.max(...objects.map((o) => o.address + o.size), ...segments.map((s) => s.address + s.bytes.length));
  const image = new Uint8Array(end - base);
  for (const { address, bytes } of segments) image.set(bytes, address - base);

  // The map describes this module: its objects' bytes are the linked module's, and none of this module's data lies outside them.
  const linkedModule = readModule(linked);
  const linkedImage = new Uint8Array(end - base);
  for (const { address, bytes } of readDataSegments(linkedModule.data ?? Uint8Array.of(0))) {
    if (address < base || address + bytes.length > end) fail("the linked module's data lies outside the link map's objects");
    linkedImage.set(bytes, address - base);
  }
  const covered = new Uint8Array(image.length);
  for (const { address, size, name } of objects) {
    for (let i = address - base; i < address - base + size; i++) {
      if (image[i] !== linkedImage[i]) fail(`the data of ${name} differs from the linked module's: the link map is not this module's`);
      covered[i] = 1;
    }
  }
  if (image.some((byte, i) => byte !== 0 && !covered[i])) fail("this module has data in no object of the link map");

  // The objects an address may be of: the one holding it; in a gap between two (LLVM may
  // fold `symbol ± offset` into one constant), both. (Not the object before one it starts:
  // an end pointer comes with its object's start, and counting every start for the object
  // before kept the catalog in the primary for a string comparison's constant.)
  const objectsAt = (address) => {
    if (address < base || address > end) return [];
    let low = 0;
    let high = objects.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (objects[mid].address <= address) low = mid + 1;
      else high = mid - 1;
    }
    // objects[high] is the last object starting at or before the address (none: high is -1).
    if (high < 0) return [0];
    const { address: start, size } = objects[high];
    if (address >= start + size) return high + 1 < objects.length ? [high, high + 1] : [high];
    return [high];
  };
  /** The objects the code of `functions` holds addresses of, with every object they point to. */
  const readBy = (functions, extraAddresses = []) => {
    const read = new Set();
    const mark = (address) => objectsAt(address).forEach((i) => read.add(i));
    extraAddresses.forEach(mark);
    for (const f of functions) {
      const { body } = module.code[f - importCount];
      // The last i32 constant, while no other constant or memory access has come since: a
      // load's address, if the load comes next.
      let last = null;
      walkInstructions(body, 0, body.length, () => {}, (kind, value) => {
        if (kind === "segment") fail("memory.init or data.drop names a data segment: moving data would renumber the segments");
        if (kind === "i32") {
          mark(value);
          last = value;
          return;
        }
        if (kind === "i64") {
          const bits = BigInt.asUintN(64, value);
          mark(Number(bits & 0xffffffffn));
          mark(Number(bits >> 32n));
        } else {
          // A load or store's offset: an address (`--low-memory-unused` folds one in), and for
          // a load, added to the constant just before it, the address it reads. (A store's
          // operand just before it is the value stored.)
          mark(value);
          if (last !== null && kind === "load") mark(last + value);
        }
        last = null;
      });
    }
    // Pointers held by what is read (4-byte aligned words), to a fixed point.
    const todo = [...read];
    while (todo.length) {
      const { address, size } = objects[todo.pop()];
      for (let at = Math.ceil(address / 4) * 4; at + 4 <= address + size; at += 4) {
        const i = at - base;
        const word = (image[i] | (image[i + 1] << 8) | (image[i + 2] << 16) | (image[i + 3] << 24)) >>> 0;
        for (const j of objectsAt(word)) {
          if (read.has(j)) continue;
          read.add(j);
          todo.push(j);
        }
      }
    }
    return read;
  };
  // The globals' initial values are the primary's (the stack pointer, the heap base).
  const globalAddresses = [];
  if (module.globals) {
    let [count, at] = readLeb(module.globals, 0);
    for (; count > 0; count--) {
      // Its type and mutability, then one constant and `end` (readModule checked).
      const op = module.globals[at + 2];
      let value = null;
      [value, at] = op === 0x41 || op === 0x42 ? readSlebBig(module.globals, at + 3) : [null, at + 3 + (op === 0x43 ? 4 : 8)];
      if (op === 0x41) globalAddresses.push(Number(BigInt.asUintN(32, value)));
      at += 1;
    }
  }
  const primaryReads = readBy([...inPrimary], globalAddresses);
  const groupReads = inGroups.map((functions) => readBy([...functions]));
  const moves = (i) => objects[i].readOnly && !primaryReads.has(i) && groupReads.some((read) => read.has(i));

  // The primary writes every byte but those moved (memory starts zeroed, so its zeros need no
  // segment, and it runs first: what lies between two of its runs may be written as zeros).
  // A secondary writes the objects it takes, and between two of them only the bytes of
  // read-only objects, as they are (the same as the memory holds, or will: never a byte a
  // program may change, nor one of no object).
  const primaryImage = Uint8Array.from(image);
  const readOnlyBytes = new Uint8Array(image.length);
  const groupWants = inGroups.map(() => new Uint8Array(image.length));
  const moved = inGroups.map(() => 0);
  objects.forEach(({ address, size, readOnly }, i) => {
    const from = address - base;
    if (readOnly) readOnlyBytes.fill(1, from, from + size);
    if (!moves(i)) return;
    primaryImage.fill(0, from, from + size);
    groupReads.forEach((read, g) => {
      if (!read.has(i)) return;
      groupWants[g].fill(1, from, from + size);
      moved[g] += size;
    });
  });
  return {
    primary: dataSection(primaryImage, base, (i) => primaryImage[i] !== 0, () => true),
    secondaries: groupWants.map((wants, g) => (moved[g] ? dataSection(image, base, (i) => wants[i] === 1, (i) => readOnlyBytes[i] === 1) : null)),
    moved,
  };
}
