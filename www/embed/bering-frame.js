/*
 * bering-frame.js: the parent-page script of the bering-chart iframe embed
 * (dist/embed/bering-frame.js), for pages without Pym.js.
 *
 *   <iframe data-bering-frame src="https://cdn.example.org/bering-chart/v1/frame.html?chart=length"
 *           style="width:100%;border:0" height="420"></iframe>
 *   <script src="https://cdn.example.org/bering-chart/v1/embed/bering-frame.js" async></script>
 *
 * Resizes every `iframe[data-bering-frame]` (present now or added later) to the
 * height its frame.html reports as `{"bering-chart-height": <px>}`. A message is
 * accepted only when its `source` is that iframe's own window, its `origin` is
 * exactly the origin of the iframe's `src` (http or https), and its data is a
 * plain object with that one key holding a finite number of CSS px in
 * [50, 10000]. Everything else is ignored. It never navigates the page
 * (whatever a frame asks) and adds nothing to `window`. Each managed iframe
 * without a title gets a unique one, for screen readers.
 */
(function () {
  "use strict";

  var SELECTOR = "iframe[data-bering-frame]";
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

  /** The managed iframe whose window sent `event`, if its origin matches exactly. */
  function senderOf(event) {
    var source = event.source;
    if (!source) return null;
    var frames = document.querySelectorAll(SELECTOR);
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
    if (height !== null) iframe.style.height = height + "px";
  }

  /** Ask the frame for its height (it may have reported before this script ran). */
  function requestHeight(iframe) {
    var url = srcUrl(iframe);
    var target = iframe.contentWindow;
    if (!url || !target) return;
    try {
      target.postMessage({ "bering-chart-request": "height" }, url.origin);
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

  function manage(iframe) {
    if (!(iframe.getAttribute("title") || "").trim()) iframe.setAttribute("title", titleFor(iframe));
    if (managed.has(iframe)) return;
    managed.add(iframe);
    iframe.addEventListener("load", function () { requestHeight(iframe); });
    requestHeight(iframe);
  }

  function scan() {
    var frames = document.querySelectorAll(SELECTOR);
    for (var i = 0; i < frames.length; i++) manage(frames[i]);
  }

  window.addEventListener("message", onMessage);
  new MutationObserver(scan).observe(document.documentElement, {
    childList: true, subtree: true, attributes: true, attributeFilter: ["data-bering-frame", "src", "title"],
  });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", scan);
  scan();
})();
