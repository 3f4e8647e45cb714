/**
 * Discovery: every `[data-bering-chart]` element, now and when added later, is
 * claimed once across copies of the script (a `Symbol.for` property, never the
 * markup), given its shadow root and held place at once, and set up when it
 * comes within three screens of the viewport (`data-loading="eager"`: at once).
 * Documented attributes and the child JSON are live; a chart's state attribute, taken away, is put back;
 * elements that leave the page are released;
 * the host page's theme attributes, class and style redraw each widget whose theme or house style they change.
 */
import { page, CLAIM, LIVE_ATTRIBUTES, HOST_THEME_ATTRIBUTES, STATE_ATTRIBUTE } from "./state.js";
import { holdPlace, shadowOf } from "./place.js";
import { nearViewport, release, restyle, restyleAll, setUp } from "./widget.js";
import { keepState, writeState } from "./settle.js";

function claim(host) {
  if (host[CLAIM]) return;
  host[CLAIM] = true;
  // A state in the markup is a copy's or a saved page's, not this element's.
  writeState(host, null);
  try {
    holdPlace(shadowOf(host).querySelector(".bering-reserve"), host, {});
  } catch {
    // Someone else's closed shadow root: setting up says so in the box's place.
  }
  if (host.getAttribute("data-loading") === "eager") {
    setUp(host, {}).catch(() => {});
  } else {
    page.waiting.add(host);
    nearViewport.observe(host);
  }
}

function scan(node) {
  if (node.nodeType !== Node.ELEMENT_NODE) return;
  if (node.hasAttribute("data-bering-chart")) claim(node);
  for (const found of node.querySelectorAll("[data-bering-chart]")) claim(found);
}

/**
 * A widget whose element left the document (and did not come back by the next
 * task, as a moved element does) is destroyed: no observers or wasm memory
 * stay behind on pages that remove charts without calling destroy().
 */
function releaseRemoved() {
  for (const [host, widget] of page.widgets) if (!host.isConnected) widget.api.destroy();
  for (const host of page.waiting) if (!host.isConnected) release(host);
}

/**
 * A documented attribute changed: a live chart updates as `update()` would (its
 * static image too), one that lost `data-bering-chart` is taken down, and an
 * element that gained it is set up. A chart's own `class` or `style` redraws it
 * where it changes its house style.
 */
function attributeChanged(host, name) {
  const widget = page.widgets.get(host);
  if (name === "class" || name === "style") {
    if (widget) restyle(widget);
    return;
  }
  if (!host.hasAttribute("data-bering-chart")) {
    if (widget && widget.options.chart === undefined) widget.api.destroy();
    else if (page.waiting.has(host)) release(host);
    return;
  }
  if (!widget) return claim(host);
  try {
    widget.api.update();
  } catch {
    // The box shows what is wrong, and the console says it once.
  }
}

/** Claims what is on the page and watches for more. */
export function discover() {
  scan(document.documentElement);
  // The document itself is watched, not its root element: a page written anew by
  // document.open() and write(), or given a new <html>, keeps its watcher.
  new MutationObserver((records) => {
    let removed = false;
    let pageStyled = false;
    const dataChanged = new Set();
    for (const record of records) {
      const { target } = record;
      // On <html> or <body>, any of the watched attributes may change the page's theme or --bering-* style.
      if (record.attributeName === STATE_ATTRIBUTE) keepState(target);
      else if (record.type === "attributes" && (target === document.documentElement || target === document.body)) pageStyled = true;
      else if (record.type === "attributes") attributeChanged(target, record.attributeName);
      else if (page.widgets.size) {
        // A chart's child JSON changed, came or went (a framework rendering it again): the
        // chart is drawn again from it. (Other changes in its element, to its static chart
        // say, change nothing.)
        const parent = target.parentNode;
        const host = target.nodeName === "SCRIPT" ? parent
          : parent?.nodeName === "SCRIPT" ? parent.parentNode
            : page.widgets.has(target) && [...record.addedNodes, ...record.removedNodes].some((node) => node.nodeName === "SCRIPT") && target;
        if (page.widgets.has(host)) dataChanged.add(host);
      }
      record.addedNodes.forEach(scan);
      removed ||= record.removedNodes.length > 0;
    }
    for (const host of dataChanged) {
      try {
        page.widgets.get(host).api.update();
      } catch {
        // The box shows what is wrong, and the console says it once.
      }
    }
    if (pageStyled) restyleAll();
    if (removed && page.widgets.size + page.waiting.size > 0) setTimeout(releaseRemoved, 0);
  }).observe(document, { childList: true, characterData: true, subtree: true, attributes: true, attributeFilter: [...LIVE_ATTRIBUTES, ...HOST_THEME_ATTRIBUTES, "class", "style", STATE_ATTRIBUTE] });
}
