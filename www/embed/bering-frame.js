/*
 * bering-frame.js: the parent-page script of the bering-chart iframe embed
 * (dist/embed/bering-frame.js), for pages without Pym.js.
 *
 *   <iframe data-bering-frame src="https://cdn.example.org/bering-chart/v1/frame.html?chart=length"
 *           style="width:100%;border:0" height="420"></iframe>
 *   <script src="https://cdn.example.org/bering-chart/v1/embed/bering-frame.js" async></script>
 *
 * Resizes every iframe of frame.html (present now or added later) to the
 * height it reports as `{"bering-chart-height": <px>}`: every iframe whose `src`
 * is the frame.html beside this script's folder (`../frame.html`), with or
 * without `data-bering-frame` (CMS sanitizers strip `data-` attributes), and
 * any iframe marked `data-bering-frame` (a frame.html hosted elsewhere). A message is
 * accepted only when its `source` is that iframe's own window, its `origin` is
 * exactly the origin of the iframe's `src` (http or https), and its data is a
 * plain object with that one key holding a finite number of CSS px in
 * [50, 10000]. Everything else is ignored. It never navigates the page
 * (whatever a frame asks) and adds nothing to `window`. Each managed iframe
 * without a title gets a unique one, for screen readers. Its one message to a
 * frame (a request for the height, which carries nothing) goes to any origin,
 * so a frame still on its initial about:blank never triggers a target-origin
 * warning in the page's console. It also tells each loaded frame whether the
 * page is dark, as `{"bering-chart-theme": "dark" | "light"}` sent to exactly
 * the frame's origin, at its load (or with its first height answer, for a frame
 * that loaded before this script ran) and whenever the page's theme changes (the same
 * rules as the script embed's `data-theme="auto"`: a `dark` / `theme-dark`
 * class or `data-theme`, `data-color-scheme`, `data-mode`, `data-bs-theme` on `<html>` or
 * `<body>`, the root's `color-scheme`, then the reader's preference); a frame
 * whose URL names a theme keeps it.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var OUR_FRAME = null;
  try {
    OUR_FRAME = script && script.src ? new URL("../frame.html", script.src) : null;
  } catch (error) {
    OUR_FRAME = null;
  }
  var KEY = "bering-chart-height";
  var MIN_HEIGHT = 50;
  var MAX_HEIGHT = 10000;
  var CHARTS = ["length", "cost", "context"];
  var managed = new WeakSet();

  function srcUrl(iframe) {
    var src = iframe.getAttribute("src");
    if (!src) return null;
    try {
      var url = new URL(src, document.baseURI);
      return url.protocol === "https:" || url.protocol === "http:" ? url : null;
    } catch (error) {
      return null;
    }
  }

  /** Whether `iframe` shows our frame.html (or is marked as one). */
  function isOurs(iframe) {
    if (iframe.hasAttribute("data-bering-frame")) return true;
    var url = srcUrl(iframe);
    return !!(url && OUR_FRAME && url.origin === OUR_FRAME.origin && url.pathname === OUR_FRAME.pathname);
  }

  function ourFrames() {
    var all = document.getElementsByTagName("iframe");
    var ours = [];
    for (var i = 0; i < all.length; i++) if (isOurs(all[i])) ours.push(all[i]);
    return ours;
  }

  /** The managed iframe whose window sent `event`, if its origin matches exactly. */
  function senderOf(event) {
    var source = event.source;
    if (!source) return null;
    var frames = ourFrames();
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow !== source) continue;
      var url = srcUrl(frames[i]);
      return url && event.origin === url.origin ? frames[i] : null;
    }
    return null;
  }

  /** The height in a `{"bering-chart-height": px}` message, or null. */
  function heightOf(data) {
    if (data === null || typeof data !== "object") return null;
    try {
      if (Object.prototype.toString.call(data) !== "[object Object]") return null;
      var keys = Object.keys(data);
      if (keys.length !== 1 || keys[0] !== KEY) return null;
      var value = data[KEY];
      if (typeof value !== "number" || !isFinite(value) || value < MIN_HEIGHT || value > MAX_HEIGHT) return null;
      return Math.ceil(value);
    } catch (error) {
      return null;
    }
  }

  function onMessage(event) {
    var iframe = senderOf(event);
    if (!iframe) return;
    var height = heightOf(event.data);
    if (height === null) return;
    iframe.style.height = height + "px";
    // A frame that loaded before this script ran (a tag manager, a deferred footer script):
    // its first answer says it is there, and it gets the page's theme now.
    if (!loaded.has(iframe)) {
      loaded.add(iframe);
      sendTheme(iframe);
    }
  }

  /** Ask the frame for its height (it may have reported before this script ran). */
  function requestHeight(iframe) {
    var target = iframe.contentWindow;
    if (!srcUrl(iframe) || !target) return;
    try {
      // The request carries nothing; the answer is checked against the src's origin.
      target.postMessage({ "bering-chart-request": "height" }, "*");
    } catch (error) {
      // Nothing to ask yet.
    }
  }

  function titleFor(iframe) {
    var url = srcUrl(iframe);
    var chart = url ? url.searchParams.get("chart") : null;
    var base = "Bering Strait tunnel" + (CHARTS.indexOf(chart) >= 0 ? " (" + chart + ")" : "");
    var used = {};
    var titled = document.querySelectorAll("iframe[title]");
    for (var i = 0; i < titled.length; i++) used[titled[i].getAttribute("title")] = true;
    var title = "Chart: " + base;
    for (var n = 2; used[title]; n++) title = "Chart " + n + ": " + base;
    return title;
  }

  var THEME_ATTRIBUTES = ["data-theme", "data-color-scheme", "data-mode", "data-bs-theme"];
  var osDark = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;

  function pageDark() {
    var nodes = [document.documentElement, document.body];
    for (var i = 0; i < nodes.length; i++) {
      var node = nodes[i];
      if (!node) continue;
      if (node.classList.contains("dark") || node.classList.contains("theme-dark")) return true;
      if (node.classList.contains("light") || node.classList.contains("theme-light")) return false;
      for (var k = 0; k < THEME_ATTRIBUTES.length; k++) {
        var value = node.getAttribute(THEME_ATTRIBUTES[k]);
        if (value === "dark" || value === "light") return value === "dark";
      }
    }
    var scheme = getComputedStyle(document.documentElement).colorScheme.trim();
    if (scheme === "dark" || scheme === "only dark") return true;
    if (scheme === "light" || scheme === "only light") return false;
    return !!(osDark && osDark.matches);
  }

  /** Tell a loaded frame the page's theme, addressed to exactly its src's origin. */
  function sendTheme(iframe) {
    var url = srcUrl(iframe);
    var target = iframe.contentWindow;
    if (!url || !target || !loaded.has(iframe)) return;
    try {
      target.postMessage({ "bering-chart-theme": pageDark() ? "dark" : "light" }, url.origin);
    } catch (error) {
      // The frame went away.
    }
  }

  var loaded = new WeakSet();
  var lastTheme = null;

  function themeChanged() {
    var theme = pageDark();
    if (theme === lastTheme) return;
    lastTheme = theme;
    var frames = ourFrames();
    for (var i = 0; i < frames.length; i++) sendTheme(frames[i]);
  }

  function manage(iframe) {
    if (!(iframe.getAttribute("title") || "").trim()) iframe.setAttribute("title", titleFor(iframe));
    if (managed.has(iframe)) return;
    managed.add(iframe);
    iframe.addEventListener("load", function () {
      loaded.add(iframe);
      requestHeight(iframe);
      sendTheme(iframe);
    });
    requestHeight(iframe);
  }

  function scan() {
    var frames = ourFrames();
    for (var i = 0; i < frames.length; i++) manage(frames[i]);
  }

  window.addEventListener("message", onMessage);
  if (osDark && osDark.addEventListener) osDark.addEventListener("change", themeChanged);
  new MutationObserver(themeChanged).observe(document.documentElement, {
    attributes: true, attributeFilter: ["class", "style"].concat(THEME_ATTRIBUTES),
  });
  var watchBody = function () {
    if (document.body) new MutationObserver(themeChanged).observe(document.body, { attributes: true, attributeFilter: ["class", "style"].concat(THEME_ATTRIBUTES) });
  };
  if (document.body) watchBody(); else document.addEventListener("DOMContentLoaded", watchBody);
  new MutationObserver(scan).observe(document.documentElement, {
    childList: true, subtree: true, attributes: true, attributeFilter: ["data-bering-frame", "src", "title"],
  });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", scan);
  scan();
})();
