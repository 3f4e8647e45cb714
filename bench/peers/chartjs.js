// chartjs.js: draws the benchmark pair with Chart.js (global `Chart`), animation off
// (or, with ?animation=on, Chart.js's default 1 s animation, drawn at its last frame),
// horizontal bars (indexAxis 'y') with title, category labels (y axis ticks) and value
// labels (a small plugin: Chart.js has none built in). Counts each chart's first
// render (afterRender) and calls BENCH.drawn() when all have rendered.
'use strict';
(function () {
  const { BENCH, Chart } = window;
  const FONT = '"DejaVu Sans", Verdana, Arial, Helvetica, sans-serif';
  Chart.defaults.font.family = FONT;
  Chart.defaults.color = '#1B1B1B';

  const items = BENCH.boxes();
  // ?animation=on: Chart.js's own default (a 1 s animation); drawn once every chart's
  // animation has completed (its final frame). Otherwise animation off, drawn at first render.
  const animated = new URLSearchParams(location.search).get('animation') === 'on';
  let rendered = 0;
  let completed = 0;
  const valueLabels = {
    id: 'benchValueLabels',
    afterDatasetsDraw(chart) {
      const { ctx } = chart;
      const labels = chart.config.options.plugins.benchValueLabels.labels;
      ctx.save();
      ctx.font = `bold 14px ${FONT}`;
      ctx.fillStyle = '#1B1B1B';
      ctx.textBaseline = 'middle';
      chart.getDatasetMeta(0).data.forEach((bar, i) => ctx.fillText(labels[i], bar.x + 6, bar.y));
      ctx.restore();
    },
    afterRender(chart) {
      if (chart.$benchDrawn) return;
      chart.$benchDrawn = true;
      if (++rendered === items.length) {
        window.__firstVisible = performance.now();
        if (!animated) BENCH.drawn(rendered);
      }
    },
  };

  for (const { box, chart } of items) {
    const canvas = document.createElement('canvas');
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', chart.title);
    box.append(canvas);
    try {
      new Chart(canvas, {
        type: 'bar',
        data: {
          labels: chart.labels,
          datasets: [{ data: chart.values, backgroundColor: chart.colors, barPercentage: 0.8, categoryPercentage: 0.8 }],
        },
        options: {
          indexAxis: 'y',
          animation: animated ? {
            onComplete(event) {
              if (event.chart.$benchComplete) return;
              event.chart.$benchComplete = true;
              if (++completed === items.length) BENCH.drawn(completed);
            },
          } : false,
          responsive: true,
          maintainAspectRatio: false,
          scales: {
            x: { display: false, beginAtZero: true, max: Math.max(...chart.values) * 1.45 },
            y: { grid: { display: false }, ticks: { font: { size: 14 } } },
          },
          plugins: {
            legend: { display: false },
            title: { display: true, text: chart.title, align: 'start', font: { size: 19, weight: 'bold' } },
            benchValueLabels: { labels: chart.valueLabels },
          },
        },
        plugins: [valueLabels],
      });
    } catch (error) {
      BENCH.fail(error);
    }
  }
})();
