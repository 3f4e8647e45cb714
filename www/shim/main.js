/**
 * bering-chart embed shim: the entry point bundled into dist/embed/bering-chart.js
 * (tools/build-shim.mjs, with wasm-bindgen's glue and the generated modules).
 *
 * Finds every `[data-bering-chart]` element (now and when added later), gives it
 * an open shadow root holding a canvas, and forwards to the wasm `Widget` what
 * only the page knows: options (as text), the child JSON, the CSS width,
 * devicePixelRatio, the page's theme and house style. It holds no chart logic:
 * validation, wording, layout and drawing happen in Rust, and what Rust hands
 * back is JSON read by field name (src/wire.rs). The modules, one concern each:
 *
 * - state.js: the page's state and one widget's, declared in one place;
 * - discovery.js: claiming elements, lazy set-up, live attributes, release;
 * - widget.js: a widget's shadow DOM, set-up, update/destroy, `render()`;
 * - load.js: the wasm module and the locale packs, with their SRI hashes;
 * - place.js: the shadow root, the held height, the static fallback;
 * - environment.js: the page's theme, house style, sizes, media queries;
 * - draw.js: batched drawing, the text around the canvas, announcements;
 * - words.js: caption, description, links and the data table;
 * - interaction.js: keyboard focus, pointer and tooltips;
 * - settle.js: states, events, messages, the trap.
 *
 * Public interface (shared/embed-contract.md): data attributes, the states in
 * `data-bering-state`, the `bering-chart:ready` / `bering-chart:error` events,
 * and `render(element, options)` -> `{update, destroy}`. Text from data only
 * reaches the DOM through textContent and attributes; nothing goes on window.
 */
import { watchEnvironment } from "./environment.js";
import { discover } from "./discovery.js";
import { print, redrawAll } from "./widget.js";

export { render } from "./widget.js";
/** The default charts' names, from the Rust core (the iframe page reads them). */
export { CHARTS } from "bering-wire";

watchEnvironment(redrawAll, print);
discover();
