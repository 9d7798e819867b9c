// Admin home: the dashboard. Aggregate counts only ("stats.read"), so editors see it too.
import Link from "next/link";
import { requirePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { getDashboard } from "@/lib/dashboard/get-dashboard";
import { getStartSteps } from "@/lib/dashboard/get-started";
import { GetStarted } from "@/components/get-started";
import { Card, PageHeader, ScrollRegion } from "@/components/ui";
import { TrendChart } from "@/components/charts";

export const metadata = { title: "Home" };

export const dynamic = "force-dynamic";

export default async function AdminHome() {
  const staff = await requirePage("stats.read");
  const [d, steps] = await Promise.all([getDashboard({ days: 30 }), getStartSteps()]);
  const fmt = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
  return (
    <>
      <PageHeader title="Admin home" />
      <p className="mb-6 text-sm text-slate-600">Welcome{staff.name ? `, ${staff.name}` : ""}. You are signed in as {staff.role}. Last 30 days, UTC.</p>
      <GetStarted steps={steps} canManage={can(staff.role, "newsletters.manage")} />
      <div className="space-y-6">
        {d.newsletters.map((n) => {
          const sum = (k: "signups" | "imports" | "confirmations" | "unsubscribes") => n.series.reduce((a, p) => a + p[k], 0);
          return (
            <Card key={n.id}>
              <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
                <h2 className="text-lg font-semibold">{n.name}</h2>
                <p className="text-sm text-slate-600" data-testid={`totals-${n.slug}`}>
                  {n.totals.confirmed} confirmed · {n.totals.pending} pending · {n.totals.unsubscribed} unsubscribed
                  {can(staff.role, "subscribers.read") && <> · <Link href={`/admin/subscribers?newsletterId=${n.id}`}>subscribers</Link></>}
                </p>
              </div>
              <p className="mb-2 text-sm">30 days: {sum("signups")} signups, {sum("imports")} imported, {sum("confirmations")} confirmations, {sum("unsubscribes")} unsubscribes.</p>
              <TrendChart data={n.series} title={`Signups, imports, confirmations and unsubscribes per day for ${n.name}`} />
              <h3 className="mt-4 mb-1 font-medium">Latest sends</h3>
              {n.sends.length === 0 ? <p className="text-sm text-slate-500">No sends yet.</p> : (
                <ScrollRegion label="Latest sends"><table className="w-full text-left text-sm">
                  <thead><tr><th>Issue</th><th>Started</th><th>Status</th><th>Recipients</th><th>Sent</th><th>Skipped</th><th>Failed</th><th>Queued</th></tr></thead>
                  <tbody>
                    {n.sends.map((s) => (
                      <tr key={s.id} className="border-t border-slate-100">
                        <td>{s.subject}</td><td>{fmt.format(new Date(s.createdAt))}</td><td>{s.status}</td><td>{s.total}</td>
                        <td>{s.counts.sent}</td><td>{s.counts.skipped}</td><td>{s.counts.failed}</td><td>{s.counts.queued + s.counts.sending}</td>
                      </tr>
                    ))}
                  </tbody>
                </table></ScrollRegion>
              )}
            </Card>
          );
        })}
      </div>
    </>
  );
}
