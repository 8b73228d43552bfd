import type { ActivityHour } from './activity.js';
import { escapeHtml as e } from './html.js';

const W = 760;
const H = 220;
const PAD = { left: 40, right: 10, top: 12, bottom: 28 };
const COLORS = { qbToB24: '#0b57d0', b24ToQb: '#137333', errors: '#b3261e', queue: '#8a5300' } as const;

/**
 * The 24-hour activity chart as inline SVG (no script, no CDN, presentation attributes only, so the strict CSP
 * holds): per hour, records synced each way as two bars and errors as a third, queue depth as a line. Hour labels
 * carry their instant in `data-hour`, and dashboard.js rewrites them in the PC's local time. A table with the same
 * numbers follows for screen readers. Pure.
 */
export function renderActivityChart(hours: readonly ActivityHour[]): string {
  const max = Math.max(1, ...hours.flatMap((h) => [h.qbToB24, h.b24ToQb, h.errors, h.queueDepth]));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / Math.max(1, hours.length);
  const bar = Math.max(2, (slot - 4) / 3);
  const y = (v: number): number => PAD.top + plotH - (v / max) * plotH;
  const r = (n: number): string => n.toFixed(1);
  const parts: string[] = [];
  for (const tick of [0, Math.round(max / 2), max]) {
    parts.push(`<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${r(y(tick))}" y2="${r(y(tick))}" stroke="#c9d1d9" stroke-width="1"/>`);
    parts.push(`<text x="${PAD.left - 6}" y="${r(y(tick) + 4)}" text-anchor="end" font-size="11" fill="#4a5361">${tick}</text>`);
  }
  hours.forEach((h, i) => {
    const x0 = PAD.left + i * slot + 2;
    const bars: [keyof typeof COLORS, number, string][] = [
      ['qbToB24', h.qbToB24, 'QuickBooks → Bitrix24'],
      ['b24ToQb', h.b24ToQb, 'Bitrix24 → QuickBooks'],
      ['errors', h.errors, 'errors'],
    ];
    bars.forEach(([key, v, label], j) => {
      if (v === 0) return;
      const top = y(v);
      parts.push(
        `<rect data-series="${key}" data-hour="${e(h.at)}" x="${r(x0 + j * bar)}" y="${r(top)}" width="${r(bar)}" height="${r(PAD.top + plotH - top)}" fill="${COLORS[key]}"><title>${v} ${e(label)}</title></rect>`,
      );
    });
    if (i % 3 === 0) {
      parts.push(
        `<text data-hour="${e(h.at)}" x="${r(x0 + slot / 2)}" y="${H - 8}" text-anchor="middle" font-size="11" fill="#4a5361">${e(h.at.slice(11, 16))}</text>`,
      );
    }
  });
  const line = hours.map((h, i) => `${r(PAD.left + i * slot + slot / 2)},${r(y(h.queueDepth))}`).join(' ');
  parts.push(`<polyline data-series="queue" points="${line}" fill="none" stroke="${COLORS.queue}" stroke-width="2"/>`);
  const legend = (
    [
      ['qbToB24', 'QuickBooks → Bitrix24'],
      ['b24ToQb', 'Bitrix24 → QuickBooks'],
      ['errors', 'Errors'],
      ['queue', 'Queue depth (line)'],
    ] as const
  )
    .map(([k, label]) => `<li><svg width="12" height="12" aria-hidden="true"><rect width="12" height="12" fill="${COLORS[k]}"/></svg> ${e(label)}</li>`)
    .join('');
  const rows = hours
    .map(
      (h) =>
        `<tr><td><time datetime="${e(h.at)}" data-format="hour">${e(h.at)}</time></td><td>${h.qbToB24}</td><td>${h.b24ToQb}</td><td>${h.errors}</td><td>${h.queueDepth}</td></tr>`,
    )
    .join('\n');
  const totals = hours.reduce((t, h) => ({ q: t.q + h.qbToB24, b: t.b + h.b24ToQb, x: t.x + h.errors }), { q: 0, b: 0, x: 0 });
  return `<section aria-labelledby="h-activity"><h2 id="h-activity">Last 24 hours</h2>
<p>Synced: <strong id="activity-qb-to-b24">${totals.q}</strong> QuickBooks → Bitrix24, <strong id="activity-b24-to-qb">${totals.b}</strong> Bitrix24 → QuickBooks; errors: <strong id="activity-errors">${totals.x}</strong>.</p>
<svg id="activity-chart" role="img" aria-labelledby="activity-title" viewBox="0 0 ${W} ${H}" width="100%" preserveAspectRatio="xMidYMid meet"><title id="activity-title">Records synced per hour each way, errors and queue depth, last 24 hours</title>
${parts.join('\n')}
</svg>
<ul class="legend">${legend}</ul>
<details><summary>The numbers per hour</summary>
<table id="activity-table"><caption>Per hour (your local time)</caption><thead><tr><th scope="col">Hour</th><th scope="col">QuickBooks → Bitrix24</th><th scope="col">Bitrix24 → QuickBooks</th><th scope="col">Errors</th><th scope="col">Queue depth</th></tr></thead><tbody>
${rows}
</tbody></table></details></section>`;
}
