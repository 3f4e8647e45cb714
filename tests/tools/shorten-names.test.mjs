// Tests of tools/shorten-names.mjs: a miniature module and glue in wasm-bindgen's shape,
// renamed and run in Node (the short imports and exports still meet), and its refusals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shortenNames, ShortenError } from '../../tools/shorten-names.mjs';
import { HEADER, codeEntry, nameBytes, vectorSection } from '../../tools/wasm-module.mjs';
import { leb } from '../../tools/wasm-bytes.mjs';

const I32 = 0x7f;

/**
 * A module importing `./m_bg.js`.`__wbg_log_1a2b` (i32) and `__wbg_twice_3c4d` (i32 -> i32);
 * exporting `memory`, `__wbindgen_malloc` (x + 1), `widget_draw` (log(twice(x))), and the
 * global `__abort_handler`, which the glue never reads.
 */
function miniature() {
  const types = [[0x60, 1, I32, 0], [0x60, 1, I32, 1, I32]];
  const imports = [
    [...nameBytes('./m_bg.js'), ...nameBytes('__wbg_log_1a2b'), 0, 0],
    [...nameBytes('./m_bg.js'), ...nameBytes('__wbg_twice_3c4d'), 0, 1],
  ];
  const code = [
    { locals: [0], body: [0x20, 0, 0x41, 1, 0x6a, 0x0b] }, // malloc(x) = x + 1
    { locals: [0], body: [0x20, 0, 0x10, 1, 0x10, 0, 0x0b] }, // draw(x): log(twice(x))
  ];
  return Uint8Array.from([
    ...HEADER,
    ...vectorSection(1, types),
    ...vectorSection(2, imports),
    ...vectorSection(3, [leb(1), leb(0)]),
    ...vectorSection(5, [[0, 1]]),
    ...vectorSection(6, [[I32, 1, 0x41, 0, 0x0b]]),
    ...vectorSection(7, [
      [...nameBytes('memory'), 2, 0],
      [...nameBytes('__wbindgen_malloc'), 0, 2],
      [...nameBytes('widget_draw'), 0, 3],
      [...nameBytes('__abort_handler'), 3, 0],
    ]),
    ...vectorSection(10, code.map(codeEntry)),
  ]);
}

// The glue's shape: one import object with a key per import (one of them not imported by the
// module: wasm-opt dropped its call), and exports read as `wasm.name`.
const GLUE = `let wasm;
const logged = [];
export function draw(x) { return wasm.widget_draw(wasm.__wbindgen_malloc(x)); }
function __wbg_get_imports() {
    const import0 = {
        __proto__: null,
        __wbg_log_1a2b: function(arg0) {
            logged.push(arg0);
        },
        __wbg_strokeRect_9f9f: function() { return handleError(function (arg0) {
            arg0.strokeRect();
        }, arguments); },
        __wbg_twice_3c4d: function(arg0) {
            return arg0 * 2;
        },
    };
    return {
        __proto__: null,
        "./m_bg.js": import0,
    };
}
export const imports = __wbg_get_imports();
export function start(instance) { wasm = instance.exports; }
export { logged };
`;

async function load(glueText) {
  return import(`data:text/javascript,${encodeURIComponent(glueText)}`);
}

test('imports and runtime exports get short names that still meet; the unused go', async () => {
  const { glue, wasm, names, removed, droppedExports } = shortenNames(GLUE, miniature());
  assert.deepEqual(names.imports, { a: '__wbg_log_1a2b', b: '__wbg_twice_3c4d' });
  assert.deepEqual(names.exports, { A: '__wbindgen_malloc' });
  assert.deepEqual(removed, ['__wbg_strokeRect_9f9f']);
  assert.equal(droppedExports, 1);
  assert.doesNotMatch(glue, /__wbg_(log|twice|strokeRect)|__wbindgen_malloc|m_bg/);
  assert.match(glue, /wasm\.widget_draw\(wasm\.A\(x\)\)/);
  const module = new WebAssembly.Module(wasm);
  assert.deepEqual(WebAssembly.Module.imports(module).map((i) => `${i.module}.${i.name}`), ['a.a', 'a.b']);
  assert.deepEqual(WebAssembly.Module.exports(module).map((e) => e.name), ['memory', 'A', 'widget_draw']);
  // Run it: draw(20) = log(twice(20 + 1)).
  const shim = await load(glue);
  shim.start(await WebAssembly.instantiate(module, shim.imports));
  shim.draw(20);
  assert.deepEqual(shim.logged, [42]);
});

test('a glue that does not match the module is refused, not half-renamed', () => {
  // An import the glue has no key for.
  assert.throws(() => shortenNames(GLUE.replace('__wbg_twice_3c4d:', 'other:'), miniature()), ShortenError);
  // An unimported glue function that something else in the glue calls.
  assert.throws(() => shortenNames(GLUE.replace('let wasm;', 'let wasm; const k = "__wbg_strokeRect_9f9f";'), miniature()), ShortenError);
  // A runtime export the glue reads other than as wasm.name.
  assert.throws(() => shortenNames(GLUE.replace('let wasm;', 'let wasm; const f = "__wbindgen_malloc";'), miniature()), ShortenError);
  // Imports passed under another module name.
  assert.throws(() => shortenNames(GLUE.replace('"./m_bg.js": import0', '"./other.js": import0'), miniature()), ShortenError);
});
