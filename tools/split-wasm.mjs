// tools/split-wasm.mjs: splits one built module into a primary module (what the first
// drawing needs) and secondary ones (the rest, in groups), which share one memory, table and
// stack.
//
//   node tools/split-wasm.mjs IN.wasm PRIMARY.wasm SECONDARY.wasm=EXPORT[,EXPORT…] [SECONDARY.wasm=EXPORT…]…
//
// The primary keeps every function reachable by calls from its exports (all but the
// secondaries' ones), the start function and the function table; each secondary gets the
// functions that only its exports reach, and exports those (a function that two secondaries
// reach and the primary does not is written into both, so none needs another). Each
// secondary imports the primary's memory (`p.memory`), table (`p.t`), globals (`p.g<i>`, the
// stack pointer among them) and every primary function it calls (`p.<n>`), which the primary
// exports for it, and the JavaScript functions it calls from the same import object as the
// primary (`a.*`). So, for each:
//
//   const secondary = await WebAssembly.instantiate(module, { a: imports.a, p: primary.exports });
//
// after which its exports are `secondary.exports.*`. Calling one of them before that is
// impossible (the primary has none of them), and nothing in the primary can reach a secondary
// function: the split is by reachability, not by a guess about what runs. It fails when a
// named export is not exported or the module holds something it does not know (see
// wasm-module.mjs), and writes new files only.
//
// Each module's functions are written in an order that gzips smaller (`orderForGzip`):
// each next one is the function that adds the fewest gzip bytes after the last 4 KB of
// those before it, so similar code sits together (-0.25 KB gzip in all against index order).
// Neither module keeps a custom section: no browser reads one (`target_features` was for
// wasm-bindgen and wasm-opt, which ran before).
import { readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { leb } from "./wasm-bytes.mjs";
import { HEADER, WasmFormatError, callsOf, codeEntry, nameBytes, readModule, remapBody, section, vectorSection } from "./wasm-module.mjs";
import { readLinkMap, splitData } from "./split-data.mjs";

/** Bytes of gzip -9 (zlib, as tools/pkg.mjs measures). */
const gzipBytes = (bytes) => gzipSync(bytes, { level: 9 }).length;

/**
 * `functions` (indices) reordered so that the code section gzips smaller: greedily, each next
 * function is the one whose locals and body (`codeOf(f)`, bytes) add the fewest gzip bytes
 * after the last `window` bytes of the functions before it (ties: the earlier in `functions`).
 * Deterministic; quadratic in the count, which is about 150 here (well under a second).
 */
export function orderForGzip(functions, codeOf, window = 4096) {
  const after = (tail, f) => Buffer.concat([tail, codeOf(f)]);
  const left = [...functions];
  const order = [];
  let tail = Buffer.alloc(0);
  while (left.length) {
    const base = gzipBytes(tail);
    let best = 0;
    let bestCost = Infinity;
    left.forEach((f, i) => {
      const cost = gzipBytes(after(tail, f)) - base;
      if (cost < bestCost) [best, bestCost] = [i, cost];
    });
    const [f] = left.splice(best, 1);
    order.push(f);
    tail = after(tail, f).subarray(-window);
  }
  return order;
}

/**
 * The split of `bytes` into a primary and one secondary per group of `groups` (each a list
 * of export names): `{primary, secondaries, report}` (bytes, bytes in the order of `groups`,
 * counts). A function that only lazy groups reach goes into each secondary that reaches it
 * (so none imports from another: each needs only the primary).
 */
export function splitModule(bytes, groups, { linkMap = null, linked = null } = {}) {
  const module = readModule(bytes);
  const importCount = module.imports.length;
  const isImport = (index) => index < importCount;
  const graph = callsOf(module);
  const lazy = groups.flat();
  if (!groups.length || groups.some((group) => !group.length)) throw new WasmFormatError("every group needs at least one export");
  if (new Set(lazy).size !== lazy.length) throw new WasmFormatError("an export is named in two groups");
  for (const name of lazy) {
    if (!module.exports.some((e) => e.name === name && e.kind === 0)) throw new WasmFormatError(`${name} is not an exported function`);
  }

  /** Defined functions reachable from `roots` (function indices), through calls. */
  const reach = (roots, blocked = new Set()) => {
    const seen = new Set();
    const stack = roots.filter((f) => !isImport(f));
    while (stack.length) {
      const f = stack.pop();
      if (seen.has(f) || blocked.has(f)) continue;
      seen.add(f);
      for (const callee of graph[f - importCount].calls) if (!isImport(callee) && !seen.has(callee)) stack.push(callee);
    }
    return seen;
  };
  const tableFunctions = module.elements.flatMap((segment) => segment.functions);
  const primaryRoots = [
    ...module.exports.filter((e) => e.kind === 0 && !lazy.includes(e.name)).map((e) => e.index),
    ...(module.start === null ? [] : [module.start]),
    ...tableFunctions,
  ];
  const inPrimary = reach(primaryRoots);
  const inGroups = groups.map((group) => reach(module.exports.filter((e) => e.kind === 0 && group.includes(e.name)).map((e) => e.index), inPrimary));

  const definedIn = (set) => [...set].sort((a, b) => a - b);
  const codeOf = (f) => {
    const { locals, body } = module.code[f - importCount];
    return Uint8Array.from([...locals, ...body]);
  };
  const primaryDefined = orderForGzip(definedIn(inPrimary), codeOf);
  const importsCalledBy = (functions) => {
    const used = new Set();
    for (const f of functions) for (const callee of graph[f - importCount].calls) if (isImport(callee)) used.add(callee);
    return used;
  };
  const primaryImports = importsCalledBy(primaryDefined);
  for (const f of tableFunctions) if (isImport(f)) primaryImports.add(f);

  // What each secondary needs of the primary: the functions it calls, globals, the table.
  const needs = inGroups.map((functions) => {
    const calls = new Set();
    const globals = new Set();
    let indirect = false;
    for (const f of functions) {
      const uses = graph[f - importCount];
      indirect ||= uses.indirect.size > 0;
      for (const callee of uses.calls) if (inPrimary.has(callee)) calls.add(callee);
      for (const g of uses.globals) globals.add(g);
    }
    return { calls: definedIn(calls), globals: [...globals].sort((a, b) => a - b), indirect };
  });
  // The primary exports what any of them needs, named once for all.
  const sharedFunctions = definedIn(new Set(needs.flatMap((n) => n.calls)));
  const sharedGlobals = [...new Set(needs.flatMap((n) => n.globals))].sort((a, b) => a - b);
  const secondaryIndirect = needs.some((n) => n.indirect);

  /** The types a module of these imports and functions uses, renumbered in their order. */
  const typeMap = (importList, defined, extra = []) => {
    const used = new Set(extra);
    for (const f of importList) used.add(module.imports[f].type);
    for (const f of defined) {
      used.add(module.functions[f - importCount]);
      for (const t of graph[f - importCount].indirect) used.add(t);
    }
    const order = [...used].sort((a, b) => a - b);
    const map = new Map(order.map((t, i) => [t, i]));
    return { section: section(1, [...leb(order.length), ...order.flatMap((t) => [...module.types[t]])]), map: (t) => map.get(t) };
  };
  const typeOf = (f) => (isImport(f) ? module.imports[f].type : module.functions[f - importCount]);
  const importEntry = (f, types) => {
    const { raw, type } = module.imports[f];
    const typeAt = raw.length - leb(type).length;
    return [...raw.subarray(0, typeAt), ...leb(types.map(type))];
  };

  // The primary: its own imports and functions, renumbered in their order.
  const primaryIndex = new Map();
  const primaryImportList = [...primaryImports].sort((a, b) => a - b);
  primaryImportList.forEach((f, i) => primaryIndex.set(f, i));
  primaryDefined.forEach((f, i) => primaryIndex.set(f, primaryImportList.length + i));
  const mapPrimary = (f) => {
    if (!primaryIndex.has(f)) throw new WasmFormatError(`function ${f}, called from the primary, is not in it`);
    return primaryIndex.get(f);
  };
  const exportName = new Map(sharedFunctions.map((f, i) => [f, i.toString(36)]));
  const primaryExports = [];
  for (const e of module.exports) {
    if (lazy.includes(e.name)) continue;
    primaryExports.push([...nameBytes(e.name), e.kind, ...leb(e.kind === 0 ? mapPrimary(e.index) : e.index)]);
  }
  sharedFunctions.forEach((f) => primaryExports.push([...nameBytes(exportName.get(f)), 0, ...leb(mapPrimary(f))]));
  sharedGlobals.forEach((g) => primaryExports.push([...nameBytes(`g${g}`), 3, ...leb(g)]));
  if (secondaryIndirect) primaryExports.push([...nameBytes("t"), 1, 0]);
  const hasMemoryExport = module.exports.some((e) => e.kind === 2 && e.name === "memory");
  if (!hasMemoryExport) throw new WasmFormatError("the memory is not exported as \"memory\"");

  const primary = [...HEADER];
  const primaryTypes = typeMap(primaryImportList, primaryDefined);
  primary.push(...primaryTypes.section);
  primary.push(...vectorSection(2, primaryImportList.map((f) => importEntry(f, primaryTypes))));
  primary.push(...vectorSection(3, primaryDefined.map((f) => leb(primaryTypes.map(module.functions[f - importCount])))));
  if (module.table) primary.push(...section(4, [...module.table]));
  primary.push(...section(5, [...module.memory]));
  if (module.globals) primary.push(...section(6, [...module.globals]));
  primary.push(...vectorSection(7, primaryExports));
  if (module.start !== null) primary.push(...section(8, leb(mapPrimary(module.start))));
  if (module.elements.length) {
    primary.push(...vectorSection(9, module.elements.map(({ offset, functions }) => [0, 0x41, ...offset, 0x0b, ...leb(functions.length), ...functions.flatMap((f) => leb(mapPrimary(f)))])));
  }
  // The read-only data only secondaries read is theirs (tools/split-data.mjs), with a link map.
  const data = linkMap ? splitData(module, linked, linkMap, inPrimary, inGroups) : null;
  if (module.dataCount) primary.push(...section(12, data ? leb(data.primary.count) : [...module.dataCount]));
  primary.push(...vectorSection(10, primaryDefined.map((f) => {
    const { locals, body } = module.code[f - importCount];
    return codeEntry({ locals, body: remapBody(body, mapPrimary, (g) => g, primaryTypes.map) });
  })));
  if (data) primary.push(...section(11, data.primary.raw));
  else if (module.data) primary.push(...section(11, [...module.data]));

  // Each secondary: JS imports, then the primary's functions it calls, then its own.
  const secondaries = groups.map((group, at) => {
    const { calls, globals, indirect } = needs[at];
    const defined = orderForGzip(definedIn(inGroups[at]), codeOf);
    const index = new Map();
    const importList = [...importsCalledBy(defined)].sort((a, b) => a - b);
    importList.forEach((f, i) => index.set(f, i));
    calls.forEach((f, i) => index.set(f, importList.length + i));
    const firstOwn = importList.length + calls.length;
    defined.forEach((f, i) => index.set(f, firstOwn + i));
    const globalIndex = new Map(globals.map((g, i) => [g, i]));
    const types = typeMap(importList, defined, calls.map(typeOf));
    const imports = [
      ...importList.map((f) => importEntry(f, types)),
      ...calls.map((f) => [...nameBytes("p"), ...nameBytes(exportName.get(f)), 0, ...leb(types.map(typeOf(f)))]),
      [...nameBytes("p"), ...nameBytes("memory"), 2, ...module.memoryLimits],
      ...globals.map((g) => [...nameBytes("p"), ...nameBytes(`g${g}`), 3, ...module.globalTypes[g]]),
    ];
    if (indirect) imports.push([...nameBytes("p"), ...nameBytes("t"), 1, 0x70, ...module.tableLimits]);
    const out = [...HEADER];
    out.push(...types.section);
    out.push(...vectorSection(2, imports));
    out.push(...vectorSection(3, defined.map((f) => leb(types.map(module.functions[f - importCount])))));
    out.push(...vectorSection(7, module.exports.filter((e) => group.includes(e.name)).map((e) => [...nameBytes(e.name), 0, ...leb(index.get(e.index))])));
    out.push(...vectorSection(10, defined.map((f) => {
      const { locals, body } = module.code[f - importCount];
      return codeEntry({ locals, body: remapBody(body, (callee) => index.get(callee), (g) => globalIndex.get(g), types.map) });
    })));
    if (data?.secondaries[at]) out.push(...section(11, data.secondaries[at].raw));
    return Uint8Array.from(out);
  });

  const inAnyGroup = new Set(inGroups.flatMap((set) => [...set]));
  const copies = inGroups.reduce((sum, set) => sum + set.size, 0) - inAnyGroup.size;
  return {
    primary: Uint8Array.from(primary),
    secondaries,
    report: {
      primaryFunctions: primaryDefined.length,
      secondaryFunctions: inGroups.map((set) => set.size),
      shared: sharedFunctions.length,
      copies,
      dead: module.functions.length - primaryDefined.length - inAnyGroup.size,
      dataMoved: data ? data.moved : null,
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  // --data-map MAP LINKED.wasm: wasm-ld's link map and the module it linked (see split-data.mjs).
  let linkMap = null;
  let linked = null;
  if (args[0] === "--data-map") {
    const [, mapFile, linkedFile] = args.splice(0, 3);
    linkMap = readLinkMap(readFileSync(mapFile, "utf8"));
    linked = readFileSync(linkedFile);
  }
  const [input, primaryOut, ...outputs] = args;
  const targets = outputs.map((arg) => {
    const [file, names] = arg.split("=");
    return { file, group: names ? names.split(",").filter(Boolean) : [] };
  });
  if (!input || !primaryOut || !targets.length || targets.some((t) => !t.file || !t.group.length)) {
    console.error("usage: node tools/split-wasm.mjs [--data-map MAP LINKED.wasm] IN.wasm PRIMARY.wasm SECONDARY.wasm=EXPORT[,EXPORT…] [SECONDARY.wasm=EXPORT…]…");
    process.exit(2);
  }
  try {
    const { primary, secondaries, report } = splitModule(readFileSync(input), targets.map((t) => t.group), { linkMap, linked });
    writeFileSync(primaryOut, primary);
    secondaries.forEach((bytes, i) => writeFileSync(targets[i].file, bytes));
    const named = secondaries.map((bytes, i) => `${targets[i].file.split("/").pop()} ${bytes.length} B (${gzipBytes(bytes)} gzip, ${report.secondaryFunctions[i]} functions)`);
    console.log(`split-wasm: primary ${primary.length} B (${gzipBytes(primary)} gzip, ${report.primaryFunctions} functions), ${named.join(", ")}; `
      + `${report.shared} primary functions exported to them, ${report.copies} functions copied into more than one`
      + (report.dead ? `; ${report.dead} functions reachable from no export dropped` : "")
      + (report.dataMoved ? `; read-only data moved out of the primary: ${report.dataMoved.map((n, i) => `${n} B to ${targets[i].file.split("/").pop()}`).join(", ")}` : ""));
  } catch (error) {
    console.error(`split-wasm: ${error.message}`);
    process.exit(1);
  }
}
