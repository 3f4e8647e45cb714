/**
 * The shim's state, declared in one place: what the page holds (`page`) and the
 * shape of one widget (`newWidgetState`). Every other module reads and writes
 * these fields by name; none adds fields of its own along the way.
 */

/** The document's constants: attribute names, the claim key, timings. */
export const STATE_ATTRIBUTE = "data-bering-state";
/**
 * Set on an element (as a property, under a key every copy of this script
 * shares) when a copy takes it: another copy on the page, loaded from another
 * URL, leaves it alone. A property is never serialised or cloned, so a copy of
 * the markup (cloneNode, a restored page cache, saved HTML) is set up afresh,
 * whatever `data-bering-state` it carries.
 */
export const CLAIM = Symbol.for("bering-chart.claim");
/** The options the Rust side reads (values as text). */
export const OPTION_KEYS = ["chart", "units", "currency", "locale", "theme", "gbpPerUsd"];
/** The documented attributes; a change to any of them on a live chart updates it. */
export const LIVE_ATTRIBUTES = ["data-bering-chart", "data-units", "data-currency", "data-locale", "data-theme", "data-gbp-per-usd"];
/** Where host pages say they are dark, on `<html>` or `<body>` (with `class`, and `style` for --bering-*); `data-bs-theme` is Bootstrap 5.3's. */
export const HOST_THEME_ATTRIBUTES = ["data-theme", "data-color-scheme", "data-mode", "data-bs-theme"];
/** Give up on the wasm module after this long (override: `data-load-timeout` in ms). */
export const DEFAULT_LOAD_TIMEOUT_MS = 10_000;
/** The "more" files, after a failure, are tried again when next asked for, at most this often. */
export const RETRY_MORE_MS = 5_000;
/** Length of the bars' grow-in, skipped under prefers-reduced-motion. */
export const GROW_MS = 400;
/** The bars' ease-out (cubic, as the core's own frames had it), then their value labels fade in from this share of it. */
export const GROW_EASING = "cubic-bezier(0.33, 1, 0.68, 1)";
export const GROWN_AT = 0.8;
/** Device pixels per CSS px while printing: the live chart is redrawn this sharp on beforeprint. */
export const PRINT_RATIO = 4;
/**
 * The widest a chart is drawn for paper, in CSS px: about a portrait page's column (A4's is 718 px
 * at Chromium's default margins, Letter's 740). The drawing is then scaled to its box on paper
 * (widget.css), as the print layout's width is not known to any script before it prints.
 */
export const PRINT_WIDTH = 720;
/** Where this script was loaded from: the wasm, packs and static files sit beside it. */
export const HERE = import.meta.url;

/** What this copy of the shim holds for the whole page. */
export const page = {
  /** Widgets this copy manages, by element. */
  widgets: new Map(),
  /** Claimed elements waiting to come near the viewport. */
  waiting: new Set(),
  /** Widgets due to draw in the next animation frame, and whether that frame is requested. */
  due: new Set(),
  frameRequested: false,
  /**
   * The wasm-bindgen module: loading (a promise, of the primary's exports), `primaryReady` once
   * the glue's Widget and `needs` work, `primaryFailed` (its LoadFailure) if it never will, or
   * dead after a trap; its "more" module
   * (`more`, a promise once asked for, null again RETRY_MORE_MS after a failure; `moreModule`,
   * the module's own, kept once it loaded; `moreReady` once its exports work, and the "more"
   * script's with them; `moreOff` once a failure was said), and its "model" and
   * "input" modules (`model`, `input`: each `partLoading`, a promise; `partReady` once its
   * exports work, `partFailed`, the error, if they never will; load.js, `loadPart`).
   */
  wasm: { loading: null, primaryReady: false, primaryFailed: false, dead: false, more: null, moreModule: null, moreReady: false, moreOff: false, model: {}, input: {} },
  /** The "more" script's functions for this shim (more.js, `start`), once it and the "more" module are in. */
  later: null,
  /** Locale packs being fetched, by name ("de"), and those that failed (never retried). */
  packs: { loading: new Map(), failed: new Set() },
  /** Why charts show their static chart, as said in the console (load.js, `sayStatic`): each once. */
  said: new Set(),
  /** Whether the page is printing (the live chart is then drawn at PRINT_RATIO). */
  printing: false,
  /** The one stylesheet every shadow root adopts, made once. */
  sheet: null,
  /** The one detached canvas Rust paints every chart on (see draw.js). */
  drawing: null,
  /** Widgets whose grow-in runs, and those whose data table waits for the last to end. */
  growing: new Set(),
  tablesWaiting: new Set(),
};

/**
 * One widget's state. `nodes` are its shadow DOM's parts; `api` is what `render()`
 * resolves with. Fields are filled as it loads, draws and is used.
 */
export function newWidgetState(host, overrides, nodes) {
  return {
    element: host,
    ...nodes,
    /** Options given to render()/update(), over the attributes. */
    options: { ...overrides },
    /** The child JSON: `{present, value, chars}`, once read. */
    spec: null,
    /** Whether it has nothing loaded to build with (its JSON stripped; "late": it gave up waiting): an update loads it then. */
    unloaded: false,
    /** Loads of what its chart needs begun (widget.js, `loadAndBuild`): only the newest builds; and when the waiting ends. */
    loads: 0,
    deadline: undefined,
    /** The wasm Widget, once built (null again after destroy or a trap). */
    widget: null,
    /** The chart's name and words, from the last `describe`. */
    chartName: "",
    tableTitle: "",
    /** Whether the data table is to be built (again) for the chart's current words, and whether that is queued. */
    tableDue: false,
    tableQueued: false,
    loggedNote: "",
    /** Drawings so far, the size last drawn (CSS px) and its pixel ratio. */
    draws: 0,
    drawnWidth: 0,
    drawnRatio: 0,
    /** The scheme and house style last drawn with (environment.js, `schemeOf`, and the style record). */
    drawnLook: "",
    drawnHeight: 0,
    /** The grow-in's running animations (null: none), and the box of their covers (made at the first). */
    growth: null,
    coverBox: null,
    /** The shown canvas's bitmaprenderer context (made at the first drawing). */
    shownContext: null,
    observed: false,
    /** The bar with keyboard focus, and the bar whose tooltip shows (-1: none). */
    focus: -1,
    tipIndex: -1,
    /** The parts made with the "more" module (more.js, extraNodes): null until then. */
    description: null,
    figures: null,
    table: null,
    tooltip: null,
    /** Whether a static chart can show (the page's child image or our own file). */
    hasStatic: false,
    /** Whether the reader saw the chart whole in the page's static image (then no grow-in). */
    staticShown: false,
    /** The timer that falls back if a shown chart never gets room to draw. */
    watchdog: undefined,
    /** The settled promise's callbacks while `render()` waits. */
    resolve: null,
    reject: null,
    api: null,
  };
}
