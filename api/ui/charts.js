import { s } from './dom.js';

/**
 * Horizontal bar charts in inline SVG: one row per category, one bar per series (demand, supply),
 * the value written at the end of each bar. Drawn from data alone (no library, no canvas), so the
 * chart is text a screen reader and a test can read: each row has a <title> with its figures.
 */

const ROW_GAP = 10;
const BAR_HEIGHT = 14;
const VALUE_ROOM = 56;

/**
 * @typedef {object} ChartRow
 * @property {string} label
 * @property {number[]} values one per series
 * @property {string} [summary] the row's figures in words (its <title>)
 */

/**
 * `width` and `labelWidth` are in SVG units: the chart scales to its box (viewBox), so a narrow
 * box wants a narrower chart for its text to stay readable.
 * Returns an <svg> sized to its rows.
 * @param {object} chart
 * @param {ChartRow[]} chart.rows
 * @param {Array<{ name: string, className: string }>} chart.series
 * @param {string} chart.title
 * @param {number} [chart.width]
 * @param {number} [chart.labelWidth]
 * @returns {SVGSVGElement}
 */
export function barChart({ rows, series, title, width = 720, labelWidth = 190 }) {
  const LABEL_WIDTH = labelWidth;
  const max = Math.max(1, ...rows.flatMap((r) => r.values));
  const rowHeight = series.length * BAR_HEIGHT + ROW_GAP;
  const height = rows.length * rowHeight + 28;
  const plot = width - LABEL_WIDTH - VALUE_ROOM;
  const svg = s(
    'svg',
    {
      class: 'chart',
      viewBox: `0 0 ${width} ${height}`,
      role: 'img',
      'aria-label': title,
      preserveAspectRatio: 'xMinYMin meet',
    },
    s('title', null, title),
  );
  // Legend.
  series.forEach((serie, i) => {
    const x = LABEL_WIDTH + i * 90;
    svg.append(
      s('rect', { x, y: 4, width: 12, height: 12, class: `bar ${serie.className}`, rx: 2 }),
      s('text', { x: x + 18, y: 14, class: 'legend' }, serie.name),
    );
  });
  rows.forEach((row, r) => {
    const top = 28 + r * rowHeight;
    const g = s('g', { class: 'row' }, s('title', null, row.summary ?? row.label));
    g.append(
      s(
        'text',
        {
          x: LABEL_WIDTH - 8,
          y: top + (series.length * BAR_HEIGHT) / 2 + 4,
          class: 'label',
          'text-anchor': 'end',
        },
        truncate(row.label, Math.floor(labelWidth / 8.5)),
      ),
    );
    row.values.forEach((value, i) => {
      const w = Math.max(value > 0 ? 2 : 0, (value / max) * plot);
      const y = top + i * BAR_HEIGHT;
      g.append(
        s('rect', {
          x: LABEL_WIDTH,
          y,
          width: w.toFixed(1),
          height: BAR_HEIGHT - 3,
          class: `bar ${series[i]?.className ?? ''}`,
          rx: 2,
        }),
        s('text', { x: LABEL_WIDTH + w + 4, y: y + BAR_HEIGHT - 5, class: 'value' }, String(value)),
      );
    });
    svg.append(g);
  });
  return svg;
}

/**
 * @param {string} text
 * @param {number} max
 */
function truncate(text, max) {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}
