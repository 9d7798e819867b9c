// Admin home: the dashboard. Aggregate counts only ("stats.read"), so editors see it too.
import Link from "next/link";
import { requirePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { getDashboard } from "@/lib/dashboard/get-dashboard";
import { getStartSteps } from "@/lib/dashboard/get-started";
import { GetStarted } from "@/components/get-started";
import { Card, PageHeader, ScrollRegion } from "@/components/ui";
import { TrendChart } from "@/components/charts";
import { staffFormatter, staffTitle, staffTranslator } from "@/lib/i18n/staff-translator";

export const generateMetadata = staffTitle("admin.dashboard.title");

export const dynamic = "force-dynamic";

export default async function AdminHome() {
  const staff = await requirePage("stats.read");
  const [d, steps] = await Promise.all([getDashboard({ days: 30 }), getStartSteps()]);
  const [t, tNav, format] = await Promise.all([staffTranslator("admin.dashboard"), staffTranslator("admin.nav"), staffFormatter()]);
  return (
    <>
      <PageHeader title={t("heading")} />
      <p className="mb-6 text-sm text-slate-600">{staff.name ? t("welcomeNamed", { name: staff.name, role: tNav(`roles.${staff.role}`) }) : t("welcome", { role: tNav(`roles.${staff.role}`) })}</p>
      <GetStarted steps={steps} canManage={can(staff.role, "newsletters.manage")} />
      <div className="space-y-6">
        {d.newsletters.map((n) => {
          const sum = (k: "signups" | "imports" | "confirmations" | "unsubscribes") => n.series.reduce((a, p) => a + p[k], 0);
          return (
            <Card key={n.id}>
              <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
                <h2 className="text-lg font-semibold">{n.name}</h2>
                <p className="text-sm text-slate-600" data-testid={`totals-${n.slug}`}>
                  {t("totals", n.totals)}
                  {can(staff.role, "subscribers.read") && <> · <Link href={`/admin/subscribers?newsletterId=${n.id}`}>{t("subscribersLink")}</Link></>}
                </p>
              </div>
              <p className="mb-2 text-sm">{t("last30", { signups: sum("signups"), imports: sum("imports"), confirmations: sum("confirmations"), unsubscribes: sum("unsubscribes") })}</p>
              <TrendChart data={n.series} title={t("chartTitle", { name: n.name })} />
              <h3 className="mt-4 mb-1 font-medium">{t("latestSends")}</h3>
              {n.sends.length === 0 ? <p className="text-sm text-slate-500">{t("noSends")}</p> : (
                <ScrollRegion label={t("latestSends")}><table className="w-full text-left text-sm">
                  <thead><tr><th>{t("col.issue")}</th><th>{t("col.started")}</th><th>{t("col.status")}</th><th>{t("col.recipients")}</th><th>{t("col.sent")}</th><th>{t("col.skipped")}</th><th>{t("col.failed")}</th><th>{t("col.queued")}</th></tr></thead>
                  <tbody>
                    {n.sends.map((s) => (
                      <tr key={s.id} className="border-t border-slate-100">
                        <td>{s.subject}</td><td>{format.dateTime(new Date(s.createdAt), { dateStyle: "medium", timeStyle: "short" })}</td><td>{s.status}</td><td>{s.total}</td>
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
