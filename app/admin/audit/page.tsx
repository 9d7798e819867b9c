// The audit log: filter by action, actor and date; keyset pagination (newest first).
import Link from "next/link";
import { z } from "zod";
import { requirePage } from "@/lib/auth/guard";
import { listAuditLog } from "@/lib/audit/list-audit-log";
import { Card, Notice, PageHeader, ScrollRegion } from "@/components/ui";
import { staffTitle, staffTranslator } from "@/lib/i18n/staff-translator";

export const generateMetadata = staffTitle("admin.audit.title");

export const dynamic = "force-dynamic";

const filters = z.object({
  action: z.string().max(100).default(""),
  actor: z.string().max(320).default(""),
  from: z.union([z.literal(""), z.iso.date()]).default(""),
  to: z.union([z.literal(""), z.iso.date()]).default(""),
  before: z.string().max(100).default(""),
});

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePage("audit.read");
  const sp = await searchParams;
  const one = (k: string) => (typeof sp[k] === "string" ? (sp[k] as string) : undefined);
  const parsed = filters.safeParse({ action: one("action"), actor: one("actor"), from: one("from"), to: one("to"), before: one("before") });
  const f = parsed.success ? parsed.data : filters.parse({});
  const { entries, next, actions } = await listAuditLog(f);
  const t = await staffTranslator("admin.audit");
  const inp = "rounded-md border border-slate-300 px-3 py-2";
  return (
    <>
      <PageHeader title={t("title")} />
      {!parsed.success && <Notice kind="error">{t("badFilters")}</Notice>}
      <Card className="mb-6">
        <form method="get" className="flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="action" className="mb-1 block text-sm font-medium">{t("action")}</label>
            <select id="action" name="action" defaultValue={f.action} className={inp}>
              <option value="">{t("all")}</option>
              {actions.map((a) => <option key={a} value={a}>{a}</option>)}
            </select>
          </div>
          <div><label htmlFor="actor" className="mb-1 block text-sm font-medium">{t("actor")}</label><input id="actor" name="actor" defaultValue={f.actor} className={inp} /></div>
          <div><label htmlFor="from" className="mb-1 block text-sm font-medium">{t("from")}</label><input id="from" name="from" type="date" defaultValue={f.from} className={inp} /></div>
          <div><label htmlFor="to" className="mb-1 block text-sm font-medium">{t("to")}</label><input id="to" name="to" type="date" defaultValue={f.to} className={inp} /></div>
          <button className="rounded-md bg-indigo-700 px-4 py-2 text-sm font-medium text-white">{t("filter")}</button>
        </form>
      </Card>
      <Card>
        <ScrollRegion label={t("title")}><table className="w-full text-left text-sm">
          <thead><tr><th>{t("col.time")}</th><th>{t("col.actor")}</th><th>{t("col.action")}</th><th>{t("col.target")}</th><th>{t("col.details")}</th></tr></thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} className="border-t border-slate-100 align-top">
                <td className="py-1 whitespace-nowrap">{e.at.toISOString().replace("T", " ").slice(0, 19)}</td><td>{e.actor}</td><td>{e.action}</td>
                <td className="break-all">{e.target ?? "—"}</td><td className="break-all text-xs text-slate-600">{e.details ? JSON.stringify(e.details).slice(0, 300) : ""}</td>
              </tr>
            ))}
          </tbody>
        </table></ScrollRegion>
        {entries.length === 0 && <p>{t("none")}</p>}
        {next && <p className="mt-4"><Link href={`?${new URLSearchParams({ ...f, before: next })}`}>{t("older")}</Link></p>}
      </Card>
    </>
  );
}
