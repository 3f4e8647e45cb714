// tools/wasm-bytes.mjs: the little of the WebAssembly binary format that the build's
// post-processing tools (shorten-names.mjs, prune-table.mjs) read and write:
// LEB128 integers and the list of a module's sections.

/** The unsigned LEB128 integer at `at` in `bytes`, and the offset after it. */
export function readLeb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, at];
  }
}

/** `value` as unsigned LEB128 bytes. */
export function leb(value) {
  const out = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return out;
}

/** The module's sections in order: `{id, headerAt, start, end}` (`start`–`end`: the contents). */
export function sections(bytes) {
  const found = [];
  for (let at = 8; at < bytes.length; ) {
    const [length, start] = readLeb(bytes, at + 1);
    found.push({ id: bytes[at], headerAt: at, start, end: start + length });
    at = start + length;
  }
  return found;
}
