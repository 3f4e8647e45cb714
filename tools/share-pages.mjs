// Writes the share page of each default chart, dist/charts/<chart>.html: the link an
// editor pastes into social posts and CMS "related" boxes. Each page holds the live
// widget over its static image (the generator's snippet markup, from www/snippet.js),
// the data table, a canonical link, Open Graph and Twitter card tags whose image is
// the chart's share card (1200×630 PNG from bering-render, with its size and alt).
// Everything comes from dist/fallback/index.json; no chart word is written here.
//
//   node tools/share-pages.mjs <dist> <base-url>
//
// <base-url> is where dist/ is published (canonical and og:image must be absolute).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { attrs, escapeHtml, staticImage } from '../www/snippet.js';

const [dist, baseArg] = process.argv.slice(2);
if (!dist || !baseArg) {
  console.error('usage: node tools/share-pages.mjs <dist> <base-url>');
  process.exit(2);
}
const base = new URL(baseArg.endsWith('/') ? baseArg : `${baseArg}/`).href;
const index = JSON.parse(readFileSync(path.join(dist, 'fallback', 'index.json'), 'utf8'));

/** The index entry of `chart` (en-US, miles) for a format, purpose and theme (and width). */
function entryOf(chart, format, purpose, theme, width) {
  const found = Object.entries(index).find(([, e]) => e.chart === chart && e.units === 'mi' && e.locale === 'en-US'
    && e.format === format && e.purpose === purpose && e.theme === theme && (width === undefined || e.width === width));
  if (!found) throw new Error(`share-pages: index.json has no ${format} ${purpose} of ${chart} (${theme})`);
  return { name: found[0], ...found[1] };
}

const meta = (key, name, content) => `<meta${attrs([[key, name], ['content', content]])}>`;

function page(chart) {
  const light = entryOf(chart, 'svg', 'fallback', 'light', 640);
  const dark = entryOf(chart, 'svg', 'fallback', 'dark', 640);
  const card = entryOf(chart, 'png', 'share-card', 'light');
  const url = `${base}charts/${chart}.html`;
  const image = `${base}fallback/${card.name}`;
  const { header, rows } = card.table;
  const table = `<table>\n<caption>The figures in this chart</caption>\n`
    + `<thead><tr>${header.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead>\n<tbody>\n`
    + rows.map((row) => `<tr>${row.map((cell, i) => (i === 0 ? `<th scope="row">${escapeHtml(cell)}</th>` : `<td>${escapeHtml(cell)}</td>`)).join('')}</tr>`).join('\n')
    + '\n</tbody>\n</table>';
  return `<!doctype html>
<html lang="en-US">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeHtml(card.title)}</title>
${meta('name', 'description', card.alt)}
<link${attrs([['rel', 'canonical'], ['href', url]])}>
${meta('property', 'og:type', 'article')}
${meta('property', 'og:title', card.title)}
${meta('property', 'og:description', card.alt)}
${meta('property', 'og:url', url)}
${meta('property', 'og:image', image)}
${meta('property', 'og:image:type', 'image/png')}
${meta('property', 'og:image:width', String(card.pixelWidth))}
${meta('property', 'og:image:height', String(card.pixelHeight))}
${meta('property', 'og:image:alt', card.alt)}
${meta('name', 'twitter:card', 'summary_large_image')}
${meta('name', 'twitter:title', card.title)}
${meta('name', 'twitter:description', card.alt)}
${meta('name', 'twitter:image', image)}
${meta('name', 'twitter:image:alt', card.alt)}
<style>
  :root { color-scheme: light dark; }
  body { margin: 0 auto; max-width: 720px; padding: 16px; font: 16px/1.5 "DejaVu Sans", system-ui, sans-serif; background: #fff; color: #1b1b1b; }
  @media (prefers-color-scheme: dark) { body { background: #16181d; color: #eceff4; } a { color: #8ec5ff; } }
  h1 { font-size: 1rem; font-weight: normal; margin: 0 0 12px; }
  table { border-collapse: collapse; margin: 24px 0; width: 100%; }
  caption { text-align: left; font-weight: bold; padding-bottom: 4px; }
  th, td { text-align: left; padding: 4px 8px 4px 0; border-bottom: 1px solid #8a8a8a; }
</style>
<script type="module" src="../embed/bering-chart.js"></script>
</head>
<body>
<main>
<h1>The Bering Strait tunnel, in figures</h1>
<div${attrs([['data-bering-chart', chart]])}>
  <picture>
    <source${attrs([['srcset', `../fallback/${dark.name}`], ['media', '(prefers-color-scheme: dark)']])}>
    ${staticImage(light, `../fallback/${light.name}`)}
  </picture>
</div>
${table}
<p><a href="../index.html">Embed this chart</a></p>
</main>
</body>
</html>
`;
}

mkdirSync(path.join(dist, 'charts'), { recursive: true });
const charts = [...new Set(Object.values(index).map((e) => e.chart))];
for (const chart of charts) writeFileSync(path.join(dist, 'charts', `${chart}.html`), page(chart));
console.log(`share-pages: ${charts.map((c) => `dist/charts/${c}.html`).join(', ')} for ${base}`);
