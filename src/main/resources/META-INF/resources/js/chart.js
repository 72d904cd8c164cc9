// A trend chart as inline SVG, built from the trend API's figures: the daily (or weekly) means, the baseline as
// a dashed line and a numbered marker at each completed infusion. It draws; it computes nothing of its own.
import { s, formatDate } from './dom.js';

const W = 640;
const H = 220;
const PAD = { left: 36, right: 12, top: 22, bottom: 30 };

function day(iso) {
  return new Date(iso.length === 10 ? iso + 'T12:00:00Z' : iso).getTime();
}

/**
 * @param trend one Trend answer (series included)
 * @param label what the chart shows, for its accessible name
 * @param max the top of the scale (10 for the items, the instrument's scoreMax otherwise)
 */
export function trendChart(trend, label, max = 10) {
  const points = trend.series || [];
  const sessions = trend.sessions || [];
  const times = [...points.map((p) => day(p.period)), ...sessions.map((x) => day(x.startedAt))];
  const summary = points.length
    ? `${label}: ${points.length} ${trend.granularity === 'WEEK' ? 'weeks' : 'days'} with reports from ${formatDate(points[0].period)} to ${formatDate(points[points.length - 1].period)}, latest mean ${points[points.length - 1].mean}; ${sessions.length} infusions marked.`
    : `${label}: no reports yet.`;
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-label': summary },
    s('title', null, summary));
  const x0 = PAD.left;
  const x1 = W - PAD.right;
  const y0 = H - PAD.bottom;
  const y1 = PAD.top;
  const y = (v) => y0 - ((y0 - y1) * v) / max;
  // Axis and grid at 0, half and max.
  for (const v of [0, max / 2, max]) {
    svg.append(s('line', { x1: x0, x2: x1, y1: y(v), y2: y(v), class: 'grid' }),
      s('text', { x: x0 - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'axis' }, String(v)));
  }
  if (!times.length) {
    svg.append(s('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle', class: 'axis' }, 'No reports yet'));
    return svg;
  }
  const t0 = Math.min(...times);
  const t1 = Math.max(...times, t0 + 86_400_000);
  const x = (t) => x0 + ((x1 - x0) * (t - t0)) / (t1 - t0);
  svg.append(s('text', { x: x0, y: H - 8, class: 'axis' }, formatDate(new Date(t0).toISOString())),
    s('text', { x: x1, y: H - 8, 'text-anchor': 'end', class: 'axis' }, formatDate(new Date(t1).toISOString())));
  for (const session of sessions) {
    const sx = x(day(session.startedAt));
    svg.append(s('line', { x1: sx, x2: sx, y1: y1, y2: y0, class: 'infusion' }),
      s('text', { x: sx, y: y1 - 6, 'text-anchor': 'middle', class: 'infusion-label' }, `#${session.number}`));
  }
  if (trend.baseline) {
    svg.append(s('line', { x1: x0, x2: x1, y1: y(trend.baseline.value), y2: y(trend.baseline.value), class: 'baseline' }));
  }
  if (points.length) {
    svg.append(s('polyline', { points: points.map((p) => `${x(day(p.period)).toFixed(1)},${y(p.mean).toFixed(1)}`).join(' '), class: 'line' }));
    if (points.length <= 60) {
      for (const p of points) svg.append(s('circle', { cx: x(day(p.period)), cy: y(p.mean), r: 2.5, class: 'dot' }));
    }
  }
  return svg;
}
