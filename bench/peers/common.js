// common.js: shared by the peer benchmark pages (chartjs.html, uplot.html,
// vegalite.html, empty.html). Defines window.BENCH: the ?n=K pair count (default 1,
// clamped to 1..200, as dist/bench.html), the data of the pair drawn by our widget
// (length: 70 vs 51 miles; cost: under $8bn vs over $65bn), boxes(): 2K
// 640px-wide containers appended to #bench-charts, and drawn(): called once every
// chart is drawn; it sets performance.mark('drawn') and window.__drawn, and after the frame
// that paints them performance.mark('painted') and a call to bench/run.mjs's binding.
'use strict';
(function () {
  const MAX_N = 200;
  const raw = Number.parseInt(new URLSearchParams(location.search).get('n') ?? '', 10);
  const n = Number.isFinite(raw) ? Math.min(MAX_N, Math.max(1, raw)) : 1;
  const status = document.getElementById('bench-status');

  // The same words, numbers and colours as the widget's default charts.
  const CHARTS = [
    {
      name: 'length',
      title: "The proposed Bering Strait tunnel against the strait's width",
      labels: ['Proposed tunnel', 'Bering Strait, width at its narrowest'],
      values: [70, 51],
      valueLabels: ['70 mi', '51 mi'],
      colors: ['#0B5CAD', '#8A8A8A'],
    },
    {
      name: 'cost',
      title: 'Claimed cost of the Bering Strait tunnel',
      labels: ['Claimed, with Boring Company technology', '\u201cTraditional\u201d cost'],
      values: [8, 65],
      valueLabels: ['under $8bn', 'over $65bn'],
      colors: ['#0B5CAD', '#8A8A8A'],
    },
  ];

  let done = false;
  window.BENCH = {
    n,
    charts: CHARTS,
    /** 2n containers, 640px wide, each with its chart's data: [{box, chart}]. */
    boxes() {
      const root = document.getElementById('bench-charts');
      const out = [];
      const frag = document.createDocumentFragment();
      for (let i = 0; i < n; i++) {
        for (const chart of CHARTS) {
          const box = document.createElement('div');
          box.className = 'bench-box';
          frag.append(box);
          out.push({ box, chart });
        }
      }
      root.append(frag);
      if (status) status.textContent = `n=${n}: drawing ${out.length} charts\u2026`;
      return out;
    },
    drawn(count) {
      if (done) return;
      done = true;
      performance.mark('drawn');
      const t = performance.now();
      window.__benchErrors = 0;
      window.__drawn = t;
      // The frame that paints the drawn charts, then a task after it: bench/run.mjs counts
      // main-thread CPU up to this mark (as on our bench page).
      requestAnimationFrame(() => setTimeout(() => {
        performance.mark('painted');
        window.__benchPainted?.(''); // bench/run.mjs's CDP binding
      }));
      if (status) status.textContent = `n=${n}: ${count} charts drawn in ${t.toFixed(1)} ms`;
    },
    fail(error) {
      console.error('bench:', error);
      window.__benchErrors = (window.__benchErrors ?? 0) + 1;
      if (status) status.textContent = `error: ${error && error.message ? error.message : error}`;
    },
  };
})();
