// Tests of tools/split-wasm.mjs: a hand-made module split and run in Node (calls across the
// modules, the shared memory, stack global and table), and the embed's three built modules
// (make dist) linked together as the shim links them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { orderForGzip, splitModule } from '../../tools/split-wasm.mjs';
import { readLinkMap } from '../../tools/split-data.mjs';
import { HEADER, codeEntry, nameBytes, section, sleb, vectorSection } from '../../tools/wasm-module.mjs';
import { leb } from '../../tools/wasm-bytes.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const I32 = 0x7f;
const body = (...ops) => ({ locals: [0], body: [...ops, 0x0b] });

/**
 * A module like the ones rustc and wasm-bindgen write, in miniature. Imports: `a.log` (i32).
 * A memory, a mutable i32 global (the stack pointer) and a constant one (like `__heap_base`),
 * a table holding `double`. Functions:
 * 1 `first` (exported): stores its argument at address 8 and returns `double(x)`;
 * 2 `double`: x * 2, through the stack global (sp -= 16, then back);
 * 3 `lazy` (exported): touches the stack global, log(x), then `helper(x)` + `double(x)` + the value at address 8
 *   + the constant global;
 * 4 `helper`: x + 1000, called indirectly through the table's slot 1 when x is odd;
 * 5 `unused`: reachable from nothing;
 * 6 `shared`: x + 7, called by both of
 * 7 `lazy2` (exported): shared(x) + double(x), and
 * 8 `lazy3` (exported): shared(x) * 2.
 */
function miniature() {
  const types = [[0x60, 1, I32, 1, I32], [0x60, 1, I32, 0]];
  const imports = [[...nameBytes('a'), ...nameBytes('log'), 0, 1]];
  const functions = [0, 0, 0, 0, 0, 0, 0, 0];
  const getLocal = [0x20, 0];
  const code = [
    // first(x): mem[8] = x; return double(x)
    body(0x41, ...sleb(8), ...getLocal, 0x36, 2, 0, ...getLocal, 0x10, 2),
    // double(x): sp = sp - 16; sp = sp + 16; x * 2
    body(0x23, 0, 0x41, ...sleb(16), 0x6b, 0x24, 0, 0x23, 0, 0x41, ...sleb(16), 0x6a, 0x24, 0, ...getLocal, 0x41, ...sleb(2), 0x6c),
    // lazy(x): sp = sp; log(x); (x & 1 ? table[1](x) : helper(x)) + double(x) + mem[8] + g1
    body(0x23, 0, 0x24, 0, ...getLocal, 0x10, 0, ...getLocal, 0x41, ...sleb(1), 0x71, 0x04, I32, ...getLocal, 0x41, ...sleb(1), 0x11, 0, 0, 0x05, ...getLocal, 0x10, 4, 0x0b,
      ...getLocal, 0x10, 2, 0x6a, 0x41, ...sleb(8), 0x28, 2, 0, 0x6a, 0x23, 1, 0x6a),
    // helper(x): x + 1000
    body(...getLocal, 0x41, ...sleb(1000), 0x6a),
    // unused(x): x
    body(...getLocal),
    // shared(x): x + 7
    body(...getLocal, 0x41, ...sleb(7), 0x6a),
    // lazy2(x): shared(x) + double(x)
    body(...getLocal, 0x10, 6, ...getLocal, 0x10, 2, 0x6a),
    // lazy3(x): shared(x) * 2
    body(...getLocal, 0x10, 6, 0x41, ...sleb(2), 0x6c),
  ];
  return Uint8Array.from([
    ...HEADER,
    ...vectorSection(1, types),
    ...vectorSection(2, imports),
    ...vectorSection(3, functions.map((t) => leb(t))),
    ...vectorSection(4, [[0x70, 0, 2]]),
    ...vectorSection(5, [[0, 1]]),
    ...vectorSection(6, [[I32, 1, 0x41, ...sleb(1024), 0x0b], [I32, 0, 0x41, ...sleb(70000), 0x0b]]),
    ...vectorSection(7, [[...nameBytes('memory'), 2, 0], [...nameBytes('first'), 0, 1], [...nameBytes('lazy'), 0, 3], [...nameBytes('lazy2'), 0, 7], [...nameBytes('lazy3'), 0, 8]]),
    // The table's slot 1 holds `helper` (the only function the table reaches).
    ...vectorSection(9, [[0, 0x41, ...sleb(1), 0x0b, 1, 4]]),
    ...vectorSection(10, code.map(codeEntry)),
    ...section(0, [...nameBytes('target_features'), 0]),
  ]);
}

test('a module split in two runs as it did whole', async () => {
  const whole = miniature();
  const logged = [];
  const imports = { a: { log: (x) => logged.push(x) } };
  const { instance: reference } = await WebAssembly.instantiate(whole, imports);
  const expected = [reference.exports.first(5), reference.exports.lazy(5), reference.exports.lazy(6)];

  const { primary, secondaries: [secondary], report } = splitModule(whole, [['lazy', 'lazy2', 'lazy3']]);
  assert.ok(WebAssembly.validate(primary), 'the primary is a valid module');
  assert.ok(WebAssembly.validate(secondary), 'the secondary is a valid module');
  // helper is in the table, so it stays in the primary; unused goes nowhere.
  assert.deepEqual(report, { primaryFunctions: 3, secondaryFunctions: [4], shared: 2, copies: 0, dead: 1, dataMoved: null });
  const exportNames = (bytes) => WebAssembly.Module.exports(new WebAssembly.Module(bytes)).map((e) => e.name);
  assert.ok(!exportNames(primary).includes('lazy'), 'the lazy export left the primary');
  assert.deepEqual(exportNames(secondary), ['lazy', 'lazy2', 'lazy3']);

  logged.length = 0;
  const { instance: first } = await WebAssembly.instantiate(primary, imports);
  const actual = [first.exports.first(5)];
  const { instance: second } = await WebAssembly.instantiate(secondary, { ...imports, p: first.exports });
  actual.push(second.exports.lazy(5), second.exports.lazy(6));
  assert.deepEqual(actual, expected, 'the same results: calls across modules, shared memory and table');
  assert.deepEqual(logged, [5, 6], 'the secondary calls the JavaScript import');
  assert.equal(first.exports.g0.value, 1024, 'the stack pointer is the primary\'s, exported for the secondary and back where it was');
});

test('a module split in three runs as it did whole; what two lazy groups reach is in both', async () => {
  const whole = miniature();
  const imports = { a: { log: () => {} } };
  const { instance: reference } = await WebAssembly.instantiate(whole, imports);
  const expected = [reference.exports.lazy(5), reference.exports.lazy2(5), reference.exports.lazy3(5)];

  const { primary, secondaries, report } = splitModule(whole, [['lazy', 'lazy2'], ['lazy3']]);
  // shared is reached from both groups and from no primary function: a copy in each.
  assert.deepEqual(report, { primaryFunctions: 3, secondaryFunctions: [3, 2], shared: 2, copies: 1, dead: 1, dataMoved: null });
  const exportNames = (bytes) => WebAssembly.Module.exports(new WebAssembly.Module(bytes)).map((e) => e.name);
  assert.deepEqual(secondaries.map(exportNames), [['lazy', 'lazy2'], ['lazy3']]);
  // The second group calls no primary function, reads no global and makes no indirect call: it imports only the memory.
  const fromPrimary = (bytes) => WebAssembly.Module.imports(new WebAssembly.Module(bytes)).filter((i) => i.module === 'p').map((i) => i.name);
  assert.deepEqual(fromPrimary(secondaries[1]), ['memory']);

  const { instance: first } = await WebAssembly.instantiate(primary, imports);
  const [one, two] = await Promise.all(secondaries.map((bytes) => WebAssembly.instantiate(bytes, { ...imports, p: first.exports })));
  assert.deepEqual([one.instance.exports.lazy(5), one.instance.exports.lazy2(5), two.instance.exports.lazy3(5)], expected);
});

test('a lazy name that is not an exported function, or in two groups, is refused', () => {
  assert.throws(() => splitModule(miniature(), [['nothing']]), /nothing is not an exported function/);
  assert.throws(() => splitModule(miniature(), [['lazy'], ['lazy', 'lazy2']]), /an export is named in two groups/);
  assert.throws(() => splitModule(miniature(), [['lazy'], []]), /every group needs at least one export/);
});

test('functions are ordered so that similar code sits together, and none is lost', () => {
  // Two families of bodies, interleaved: a pseudo-random 300 bytes each, and each family's
  // members alike but for a byte.
  const random = (seed) => Uint8Array.from({ length: 300 }, (_, i) => ((seed * 7919 + i * 104729) ** 2 >>> 7) & 0xff);
  const a = random(1), b = random(2);
  const code = new Map([0, 1, 2, 3, 4, 5].map((f) => {
    const body = Uint8Array.from(f % 2 ? b : a);
    body[150] = f;
    return [f + 10, body];
  }));
  const order = orderForGzip([...code.keys()], (f) => code.get(f));
  assert.deepEqual([...order].sort((x, y) => x - y), [10, 11, 12, 13, 14, 15], 'a permutation of the input');
  const family = order.map((f) => (f - 10) % 2);
  assert.deepEqual(family, [0, 0, 0, 1, 1, 1], 'each family together');
  assert.deepEqual(orderForGzip([...code.keys()], (f) => code.get(f)), order, 'the same order every time');
  const gz = (fs) => gzipSync(Buffer.concat(fs.map((f) => code.get(f))), { level: 9 }).length;
  assert.ok(gz(order) <= gz([...code.keys()]), `no larger gzipped: ${gz(order)} B against ${gz([...code.keys()])} B in index order`);
});

/**
 * A module with data, and wasm-ld's link map of it. Memory from 1024: `A` (read-only, 8 bytes,
 * "primary!"), `B` (read-only, "lazy one"), a mutable word `M` (initially 77) between B and a
 * read-only table `T` holding a pointer to `S` (read-only, "via the table"), and `Z`
 * (read-only, read by nothing). Functions: 1 `first` (exported): A's first byte + M, and M += 1;
 * 2 `lazy` (exported): B's first byte + S's first byte (through T's pointer) + M.
 */
function withData() {
  const A = 1024, B = 1032, M = 1040, T = 1044, S = 1048, Z = 1061;
  const text = (t) => [...Buffer.from(t)];
  const image = [...text('primary!'), ...text('lazy one'), 77, 0, 0, 0, S & 255, S >> 8, 0, 0, ...text('via the table'), ...text('zz')];
  const load8 = (address) => [0x41, ...sleb(address), 0x2d, 0, 0];
  const code = [
    // first(): mem[A] + mem32[M]; mem32[M] = mem32[M] + 1
    body(...load8(A), 0x41, ...sleb(M), 0x28, 2, 0, 0x6a, 0x41, ...sleb(M), 0x41, ...sleb(M), 0x28, 2, 0, 0x41, 1, 0x6a, 0x36, 2, 0),
    // lazy(): mem[B] + mem[mem32[T]] + mem32[M]
    body(...load8(B), 0x41, ...sleb(T), 0x28, 2, 0, 0x2d, 0, 0, 0x6a, 0x41, ...sleb(M), 0x28, 2, 0, 0x6a),
  ];
  const module = (data) => Uint8Array.from([
    ...HEADER,
    ...vectorSection(1, [[0x60, 0, 1, I32]]),
    ...vectorSection(3, [[0], [0]]),
    ...vectorSection(5, [[0, 1]]),
    ...vectorSection(7, [[...nameBytes('memory'), 2, 0], [...nameBytes('first'), 0, 0], [...nameBytes('lazy'), 0, 1]]),
    ...vectorSection(10, code.map(codeEntry)),
    ...vectorSection(11, [[0, 0x41, ...sleb(A), 0x0b, ...leb(data.length), ...data]]),
  ]);
  const line = (address, size, section) => `${address.toString(16).padStart(9)} ${'0'.padStart(8)} ${size.toString(16).padStart(8)}         x.o:(${section})`;
  const map = [
    `${'-'.padStart(9)} ${'0'.padStart(8)} ${'2e'.padStart(8)} DATA`,
    line(A, 8, '.rodata.A'), line(B, 8, '.rodata.B'), line(M, 4, '.data.M'), line(T, 4, '.rodata.T'), line(S, 13, '.rodata.S'), line(Z, 2, '.rodata.Z'),
  ].join('\n');
  return { bytes: module(image), map, module, image, at: { A, M, B, T, S, Z } };
}

test('read-only data only a secondary reads is written by it, not the primary; the primary\'s stays, mutable data is never rewritten', async () => {
  const { bytes, map, module, image, at } = withData();
  const { instance: reference } = await WebAssembly.instantiate(bytes);
  const expected = [reference.exports.first(), reference.exports.lazy()];
  const { primary, secondaries: [secondary], report } = splitModule(bytes, [['lazy']], { linkMap: readLinkMap(map), linked: bytes });
  assert.ok(WebAssembly.validate(primary) && WebAssembly.validate(secondary));
  // B, and S (through T's pointer), and T itself moved; Z, read by nothing, stays.
  assert.deepEqual(report.dataMoved, [8 + 4 + 13]);
  const { instance: first } = await WebAssembly.instantiate(primary);
  const memory = new Uint8Array(first.exports.memory.buffer);
  const bytesAt = (address, size) => Buffer.from(memory.subarray(address, address + size)).toString();
  assert.equal(bytesAt(at.A, 8), 'primary!', 'what the primary reads is the primary\'s');
  assert.equal(bytesAt(at.Z, 2), 'zz', 'what nobody reads stays in the primary');
  assert.deepEqual([...memory.subarray(at.B, at.B + 8)], [0, 0, 0, 0, 0, 0, 0, 0], 'what only the secondary reads is not the primary\'s');
  const actual = [first.exports.first()];
  // The primary has changed the mutable word by now; the secondary must not write it back.
  const { instance: second } = await WebAssembly.instantiate(secondary, { p: first.exports });
  assert.equal(bytesAt(at.B, 8), 'lazy one');
  assert.equal(bytesAt(at.S, 13), 'via the table');
  actual.push(second.exports.lazy());
  assert.deepEqual(actual, expected, 'the same results as the whole module');
  assert.equal(memory[at.M], 78, 'the mutable word kept the value the primary gave it');

  // A map that is not this module's is refused.
  const other = module(image.map((b, i) => (i === at.S - at.A ? b ^ 1 : b)));
  assert.throws(() => splitModule(other, [['lazy']], { linkMap: readLinkMap(map), linked: bytes }), /differs from the linked module's/);
  assert.throws(() => readLinkMap('no objects here'), /lists no data objects/);
});

const DIST = path.join(REPO, 'dist', 'embed');
const built = existsSync(path.join(DIST, 'bering_chart_model.wasm'));

test('the embed\'s four modules link as the shim links them', { skip: !built && 'make dist first' }, async () => {
  const load = (file) => new WebAssembly.Module(readFileSync(path.join(DIST, file)));
  const primary = load('bering_chart_bg.wasm');
  const more = load('bering_chart_more.wasm');
  const model = load('bering_chart_model.wasm');
  const input = load('bering_chart_input.wasm');
  const names = (module) => WebAssembly.Module.exports(module).map((e) => e.name).sort();
  assert.deepEqual(names(more), ['widget_barAt', 'widget_barCount', 'widget_readMore']);
  assert.deepEqual(names(model), ['installLocalePack', 'widget_withModel']);
  assert.deepEqual(names(input), ['widget_withSpec']);
  const primaryExports = names(primary);
  for (const name of ['widget_new', 'widget_draw', 'widget_read', 'needs', 'memory']) {
    assert.ok(primaryExports.includes(name), `the primary exports ${name}`);
  }
  // wasm-bindgen's runtime exports have short names (tools/shorten-names.mjs), its unread ones none.
  const long = primaryExports.filter((name) => name.startsWith('__'));
  assert.deepEqual(long, [], 'no export keeps a wasm-bindgen runtime name');
  for (const name of [...names(more), ...names(model), ...names(input)]) assert.ok(!primaryExports.includes(name), `${name} is a secondary's only`);
  // No custom section is shipped: browsers read none.
  for (const module of [primary, more, model, input]) assert.deepEqual(WebAssembly.Module.customSections(module, 'target_features'), []);
  // Every JavaScript import traps if called: linking checks every signature, and no start code runs.
  const stubs = (module) => {
    const out = {};
    for (const { module: from, name, kind } of WebAssembly.Module.imports(module)) {
      if (kind === 'function' && from !== 'p') (out[from] ??= {})[name] = () => { throw new Error(`${from}.${name} called while linking`); };
    }
    return out;
  };
  const first = await WebAssembly.instantiate(primary, stubs(primary));
  // Each secondary links to the primary alone, in any order.
  const second = await WebAssembly.instantiate(input, { ...stubs(input), p: first.exports });
  const third = await WebAssembly.instantiate(more, { ...stubs(more), p: first.exports });
  const fourth = await WebAssembly.instantiate(model, { ...stubs(model), p: first.exports });
  assert.equal(typeof second.exports.widget_withSpec, 'function');
  assert.equal(typeof third.exports.widget_readMore, 'function');
  assert.equal(typeof fourth.exports.widget_withModel, 'function');
  for (const module of [more, model, input]) {
    const fromPrimary = WebAssembly.Module.imports(module).filter((i) => i.module === 'p');
    assert.ok(fromPrimary.some((i) => i.kind === 'memory') && fromPrimary.some((i) => i.kind === 'global'), 'the memory and the stack pointer are shared');
  }
});
