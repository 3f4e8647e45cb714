// vegalite.js: draws the benchmark pair with Vega-Lite via vegaEmbed (globals `vega`,
// `vegaLite`, `vegaEmbed`): a layer of a bar mark and a text mark (value labels),
// categories on the y axis, the title in the spec, canvas renderer, no actions menu.
// vegaEmbed() resolves after the view has run and rendered; BENCH.drawn() is called
// when every promise has resolved.
'use strict';
(function () {
  const { BENCH, vegaEmbed } = window;
  const FONT = '"DejaVu Sans", Verdana, Arial, Helvetica, sans-serif';
  const items = BENCH.boxes();

  function spec(chart) {
    return {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      width: 'container',
      height: 120,
      autosize: { type: 'fit-x', contains: 'padding' },
      background: '#FFFFFF',
      padding: 0,
      title: { text: chart.title, anchor: 'start', fontSize: 18, font: FONT, color: '#1B1B1B' },
      config: { font: FONT, view: { stroke: null } },
      data: {
        values: chart.labels.map((label, i) => ({
          label, value: chart.values[i], text: chart.valueLabels[i], color: chart.colors[i],
        })),
      },
      encoding: {
        y: { field: 'label', type: 'nominal', sort: null, axis: { title: null, labelFontSize: 14, labelLimit: 320, ticks: false, domain: false } },
        x: { field: 'value', type: 'quantitative', axis: null, scale: { domain: [0, Math.max(...chart.values) * 1.45] } },
      },
      layer: [
        { mark: { type: 'bar' }, encoding: { color: { field: 'color', type: 'nominal', scale: null } } },
        { mark: { type: 'text', align: 'left', dx: 6, fontSize: 14, fontWeight: 'bold', color: '#1B1B1B' }, encoding: { text: { field: 'text' } } },
      ],
    };
  }

  // Each chart in a child of its 640px box: vega-embed styles its element (.vega-embed.fit-x
  // { width: 100% }), which would otherwise override the box's width.
  Promise.all(items.map(({ box, chart }) => {
    const el = document.createElement('div');
    box.append(el);
    return vegaEmbed(el, spec(chart), { actions: false, renderer: 'canvas' });
  }))
    .then((results) => BENCH.drawn(results.length))
    .catch((error) => BENCH.fail(error));
})();
