// uplot.js: draws the benchmark pair with uPlot (global `uPlot`). uPlot has no bar
// chart type: horizontal bars are its bars() path builder on a vertical category
// scale (x: ori 1), per-bar colours via disp.fill, category labels as the left axis'
// values, value labels drawn in a "draw" hook, the title from the `title` option.
// uPlot draws in a microtask after construction; each chart's first "draw" hook
// counts, and BENCH.drawn() is called when all have drawn. Every draw also fires
// `bench:draw` on the document, and window.BENCH_RESIZE() (called by bench/run.mjs
// after drawn, before its resize loop) makes each chart follow its box's width with
// one ResizeObserver and setSize, as a page embedding uPlot responsively would.
'use strict';
(function () {
  const { BENCH, uPlot } = window;
  const FONT = '"DejaVu Sans", Verdana, Arial, Helvetica, sans-serif';
  const items = BENCH.boxes();
  const charts = [];
  let drawn = 0;

  function valueLabels(chart) {
    return (u) => {
      const { ctx } = u;
      const r = uPlot.pxRatio;
      ctx.save();
      ctx.font = `bold ${14 * r}px ${FONT}`;
      ctx.fillStyle = '#1B1B1B';
      ctx.textBaseline = 'middle';
      ctx.textAlign = 'left';
      chart.values.forEach((v, i) => {
        ctx.fillText(chart.valueLabels[i], u.valToPos(v, 'y', true) + 6 * r, u.valToPos(i, 'x', true));
      });
      ctx.restore();
    };
  }

  function countFirstDraw(u) {
    if (u.$benchDrawn) return;
    u.$benchDrawn = true;
    if (++drawn === items.length) BENCH.drawn(drawn);
  }

  for (const { box, chart } of items) {
    const max = Math.max(...chart.values);
    try {
      const u = new uPlot({
        title: chart.title,
        width: 640,
        height: 200,
        legend: { show: false },
        scales: {
          x: { time: false, ori: 1, dir: -1, range: [-0.5, chart.values.length - 0.5] },
          y: { ori: 0, range: [0, max * 1.45] },
        },
        axes: [
          {
            scale: 'x', side: 3, size: 320, gap: 8, font: `14px ${FONT}`, stroke: '#1B1B1B',
            grid: { show: false }, ticks: { show: false },
            splits: () => chart.values.map((_, i) => i),
            values: (u, splits) => splits.map((i) => chart.labels[i] ?? ''),
          },
          { scale: 'y', show: false },
        ],
        series: [
          {},
          {
            label: chart.name,
            width: 0,
            fill: chart.colors[0],
            paths: uPlot.paths.bars({
              size: [0.7, Infinity],
              disp: { fill: { unit: 3, values: () => chart.colors } },
            }),
            points: { show: false },
          },
        ],
        hooks: { draw: [valueLabels(chart), countFirstDraw, () => document.dispatchEvent(new Event('bench:draw'))] },
      }, [chart.values.map((_, i) => i), chart.values], box);
      charts.push({ u, box, width: 640 });
    } catch (error) {
      BENCH.fail(error);
    }
  }

  window.BENCH_RESIZE = () => {
    const byBox = new Map(charts.map((c) => [c.box, c]));
    const resizes = new ResizeObserver((entries) => {
      for (const entry of entries) {
        const c = byBox.get(entry.target);
        const width = Math.round(entry.contentRect.width);
        if (width === c.width) continue;
        c.width = width;
        c.u.setSize({ width, height: 200 });
      }
    });
    for (const c of charts) resizes.observe(c.box);
  };
})();
