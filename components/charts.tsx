"use client";
// Per-newsletter trend chart for the dashboard (recharts). Data only: aggregate counts per day.
import { useTranslations } from "next-intl";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type TrendPoint = { day: string; signups: number; imports: number; confirmations: number; unsubscribes: number };

export function TrendChart({ data, title }: { data: TrendPoint[]; title: string }) {
  const t = useTranslations("admin.dashboard.chart");
  return (
    <figure aria-label={title} className="h-56 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="day" tickFormatter={(d: string) => d.slice(5)} fontSize={11} />
          <YAxis allowDecimals={false} fontSize={11} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Line type="monotone" dataKey="signups" name={t("signups")} stroke="#4338ca" dot={false} strokeWidth={2} />
          <Line type="monotone" dataKey="imports" name={t("imports")} stroke="#a16207" dot={false} strokeWidth={2} strokeDasharray="4 2" />
          <Line type="monotone" dataKey="confirmations" name={t("confirmations")} stroke="#059669" dot={false} strokeWidth={2} />
          <Line type="monotone" dataKey="unsubscribes" name={t("unsubscribes")} stroke="#dc2626" dot={false} strokeWidth={2} />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
