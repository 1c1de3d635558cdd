import { s } from './dom.js';

/**
 * Line charts in inline SVG: one line per series over shared x labels, a dot per point with a
 * <title> giving its figures, and a legend; drawn from data alone, like charts.js.
 */

const PALETTE = ['#2c7fb8', '#d95f0e', '#31a354', '#756bb1', '#e7298a', '#636363'];

/**
 * @param {object} chart
 * @param {string[]} chart.labels x labels, one per point
 * @param {Array<{ name: string, values: number[], titles?: string[] }>} chart.series
 * @param {string} chart.title
 * @param {number} [chart.width]
 * @param {number} [chart.height]
 * @returns {SVGSVGElement}
 */
export function lineChart({ labels, series, title, width = 720, height = 260 }) {
  const left = 48;
  const right = 170;
  const top = 12;
  const bottom = 28;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const max = Math.max(1, ...series.flatMap((x) => x.values));
  const x = (/** @type {number} */ i) => left + (labels.length <= 1 ? 0 : (i * plotW) / (labels.length - 1));
  const y = (/** @type {number} */ v) => top + plotH - (v / max) * plotH;
  const ticks = [0, 0.5, 1].map((f) => Math.round(max * f));
  return s(
    'svg',
    { class: 'chart line-chart', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title },
    s('title', null, title),
    ticks.map((v) =>
      s(
        'g',
        { class: 'tick' },
        s('line', { x1: left, x2: left + plotW, y1: y(v), y2: y(v), stroke: '#dde3ea' }),
        s('text', { x: left - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'axis' }, String(v)),
      ),
    ),
    labels.map((label, i) =>
      (labels.length - 1 - i) % Math.max(1, Math.ceil(labels.length / 6)) === 0
        ? s('text', { x: x(i), y: height - 8, 'text-anchor': 'middle', class: 'axis' }, label)
        : null,
    ),
    series.map((line, k) => {
      const colour = PALETTE[k % PALETTE.length] ?? '#333';
      return s(
        'g',
        { class: 'series', 'data-name': line.name },
        s('polyline', {
          points: line.values.map((v, i) => `${x(i)},${y(v)}`).join(' '),
          fill: 'none',
          stroke: colour,
          'stroke-width': 2,
        }),
        line.values.map((v, i) =>
          s(
            'circle',
            { cx: x(i), cy: y(v), r: 3, fill: colour, 'data-value': v },
            s('title', null, line.titles?.[i] ?? `${line.name} ${labels[i] ?? ''}: ${v}`),
          ),
        ),
        s('rect', { x: width - right + 12, y: top + k * 18, width: 10, height: 10, fill: colour }),
        s('text', { x: width - right + 28, y: top + k * 18 + 9, class: 'legend' }, line.name),
      );
    }),
  );
}
