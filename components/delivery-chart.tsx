// Sends per week as inline SVG (no chart library): per week a bar of delivered messages, with the hard
// bounces and complaints of those sends as bars of their own on a second, smaller scale (they are usually
// a fraction of a percent, and would not show on the delivered scale). A table with the same figures
// follows for screen readers and for exact numbers.
import type { WeekPoint } from "@/lib/sending/newsletter-delivery-chart";
import { staffTranslator } from "@/lib/i18n/staff-translator";

const W = 720;
const H = 180;
const PAD = { left: 40, right: 8, top: 8, bottom: 28 };

export async function DeliveryChart({ points }: { points: WeekPoint[] }) {
  const t = await staffTranslator("admin.newsletters.chart");
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / Math.max(points.length, 1);
  const maxDelivered = Math.max(1, ...points.map((p) => p.delivered));
  const maxProblems = Math.max(1, ...points.map((p) => Math.max(p.bounced, p.complained)));
  const y = (v: number, max: number) => (v / max) * plotH;
  return (
    <figure>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="delivery-chart-title" className="w-full" data-testid="delivery-chart">
        <title id="delivery-chart-title">{t("title")}</title>
        <line x1={PAD.left} x2={W - PAD.right} y1={PAD.top + plotH} y2={PAD.top + plotH} stroke="#94a3b8" />
        <text x={PAD.left - 4} y={PAD.top + 8} fontSize="10" textAnchor="end" fill="#475569">{maxDelivered}</text>
        {points.map((p, i) => {
          const x = PAD.left + i * slot;
          const bw = Math.max(2, slot * 0.5);
          const sw = Math.max(1, slot * 0.15);
          return (
            <g key={p.week}>
              <rect x={x + slot * 0.1} y={PAD.top + plotH - y(p.delivered, maxDelivered)} width={bw} height={y(p.delivered, maxDelivered)} fill="#4f46e5">
                <title>{t("bar", { week: p.week, sends: p.sends, delivered: p.delivered, bounced: p.bounced, complained: p.complained })}</title>
              </rect>
              <rect x={x + slot * 0.1 + bw} y={PAD.top + plotH - y(p.bounced, maxProblems)} width={sw} height={y(p.bounced, maxProblems)} fill="#f59e0b" />
              <rect x={x + slot * 0.1 + bw + sw} y={PAD.top + plotH - y(p.complained, maxProblems)} width={sw} height={y(p.complained, maxProblems)} fill="#dc2626" />
              {(i % Math.ceil(points.length / 8) === 0) && <text x={x + slot / 2} y={H - 10} fontSize="10" textAnchor="middle" fill="#475569">{p.week.slice(5)}</text>}
            </g>
          );
        })}
      </svg>
      <figcaption className="mt-1 flex gap-4 text-xs text-slate-600">
        <span><span className="inline-block h-2 w-3 bg-indigo-600" /> {t("delivered")}</span>
        <span><span className="inline-block h-2 w-3 bg-amber-500" /> {t("bounces")}</span>
        <span><span className="inline-block h-2 w-3 bg-red-600" /> {t("complaints", { max: maxProblems })}</span>
      </figcaption>
      <details className="mt-2 text-sm">
        <summary>{t("figures")}</summary>
        <table className="w-full text-left" data-testid="delivery-chart-table">
          <thead><tr className="text-slate-500"><th>{t("col.week")}</th><th>{t("col.sends")}</th><th>{t("col.delivered")}</th><th>{t("col.bounces")}</th><th>{t("col.complaints")}</th></tr></thead>
          <tbody>{points.filter((p) => p.sends > 0).map((p) => <tr key={p.week}><td>{p.week}</td><td>{p.sends}</td><td>{p.delivered}</td><td>{p.bounced}</td><td>{p.complained}</td></tr>)}</tbody>
        </table>
      </details>
    </figure>
  );
}
