import Link from "next/link";
import { requirePage } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { searchSubscribers, searchSubscribersSchema } from "@/lib/subscribers/search-subscribers";
import { Card, Notice, PageHeader, ScrollRegion } from "@/components/ui";
import { staffFormatter, staffTitle, staffTranslator } from "@/lib/i18n/staff-translator";

export const generateMetadata = staffTitle("admin.subscribers.title");

export const dynamic = "force-dynamic";

export default async function SubscribersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePage("subscribers.read");
  const sp = await searchParams;
  const one = (k: string) => (typeof sp[k] === "string" ? (sp[k] as string) : "");
  const parsed = searchSubscribersSchema.safeParse({ q: one("q"), newsletterId: one("newsletterId"), status: one("status"), basis: one("basis"), after: one("after") });
  const input = parsed.success ? parsed.data : searchSubscribersSchema.parse({});
  const [result, newsletters] = await Promise.all([searchSubscribers(input), db.newsletter.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } })]);
  const nextHref = result.next ? `?${new URLSearchParams({ ...input, take: String(input.take), after: result.next })}` : null;
  const [t, format] = await Promise.all([staffTranslator("admin.subscribers"), staffFormatter()]);
  const sel = "rounded-md border border-slate-300 px-3 py-2";
  return (
    <>
      <PageHeader title={t("title")} />
      {sp.notice === "erased" && <Notice kind="success">{t("erased")}</Notice>}
      {!parsed.success && <Notice kind="error">{t("badFilters")}</Notice>}
      <Card className="mb-6">
        <form method="get" className="flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="q" className="mb-1 block text-sm font-medium">{t("q")}</label>
            <input id="q" name="q" defaultValue={input.q} className={sel} />
          </div>
          <div>
            <label htmlFor="newsletterId" className="mb-1 block text-sm font-medium">{t("newsletter")}</label>
            <select id="newsletterId" name="newsletterId" defaultValue={input.newsletterId} className={sel}>
              <option value="">{t("all")}</option>
              {newsletters.map((n) => <option key={n.id} value={n.id}>{n.name}</option>)}
            </select>
          </div>
          <div>
            <label htmlFor="status" className="mb-1 block text-sm font-medium">{t("status")}</label>
            <select id="status" name="status" defaultValue={input.status} className={sel}>
              <option value="">{t("any")}</option><option value="pending">{t("statuses.pending")}</option><option value="confirmed">{t("statuses.confirmed")}</option><option value="unsubscribed">{t("statuses.unsubscribed")}</option>
            </select>
          </div>
          <div>
            <label htmlFor="basis" className="mb-1 block text-sm font-medium">{t("basis")}</label>
            <select id="basis" name="basis" defaultValue={input.basis} className={sel}>
              <option value="">{t("any")}</option><option value="consent">{t("bases.consent")}</option><option value="existing_customer">{t("bases.existing_customer")}</option>
            </select>
          </div>
          <button className="rounded-md bg-indigo-700 px-4 py-2 text-sm font-medium text-white">{t("search")}</button>
        </form>
      </Card>
      <Card>
        {result.subscribers.length === 0 ? <p>{t("none")}</p> : (
          <ScrollRegion label={t("title")}><table className="w-full text-left text-sm">
            <thead><tr><th>{t("col.address")}</th><th>{t("col.subscriptions")}</th><th>{t("col.since")}</th></tr></thead>
            <tbody>
              {result.subscribers.map((s) => (
                <tr key={s.id} className="border-t border-slate-100">
                  <td className="py-2"><Link href={`/admin/subscribers/${s.id}`}>{s.email}</Link></td>
                  <td>{s.subscriptions.map((x) => `${x.newsletter.name}: ${t(`statuses.${x.status}` as "statuses.pending")}${x.basis === "existing_customer" ? ` ${t("customer")}` : ""}`).join(", ") || "—"}</td>
                  <td>{format.dateTime(s.createdAt, { dateStyle: "medium" })}</td>
                </tr>
              ))}
            </tbody>
          </table></ScrollRegion>
        )}
        {nextHref && <p className="mt-4"><Link href={nextHref}>{t("next")}</Link></p>}
      </Card>
    </>
  );
}
