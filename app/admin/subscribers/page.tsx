import Link from "next/link";
import { requirePage } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { searchSubscribers, searchSubscribersSchema } from "@/lib/subscribers/search-subscribers";
import { Card, Notice, PageHeader, ScrollRegion } from "@/components/ui";

export const metadata = { title: "Subscribers" };

export const dynamic = "force-dynamic";

export default async function SubscribersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePage("subscribers.read");
  const sp = await searchParams;
  const one = (k: string) => (typeof sp[k] === "string" ? (sp[k] as string) : "");
  const parsed = searchSubscribersSchema.safeParse({ q: one("q"), newsletterId: one("newsletterId"), status: one("status"), basis: one("basis"), after: one("after") });
  const input = parsed.success ? parsed.data : searchSubscribersSchema.parse({});
  const [result, newsletters] = await Promise.all([searchSubscribers(input), db.newsletter.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } })]);
  const nextHref = result.next ? `?${new URLSearchParams({ ...input, take: String(input.take), after: result.next })}` : null;
  const sel = "rounded-md border border-slate-300 px-3 py-2";
  return (
    <>
      <PageHeader title="Subscribers" />
      {sp.notice === "erased" && <Notice kind="success">The person was erased. Only the keyed hash that keeps them off every list remains.</Notice>}
      {!parsed.success && <Notice kind="error">Some filters were not understood and were ignored.</Notice>}
      <Card className="mb-6">
        <form method="get" className="flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="q" className="mb-1 block text-sm font-medium">Address or name (any part of it)</label>
            <input id="q" name="q" defaultValue={input.q} className={sel} />
          </div>
          <div>
            <label htmlFor="newsletterId" className="mb-1 block text-sm font-medium">Newsletter</label>
            <select id="newsletterId" name="newsletterId" defaultValue={input.newsletterId} className={sel}>
              <option value="">All</option>
              {newsletters.map((n) => <option key={n.id} value={n.id}>{n.name}</option>)}
            </select>
          </div>
          <div>
            <label htmlFor="status" className="mb-1 block text-sm font-medium">Status</label>
            <select id="status" name="status" defaultValue={input.status} className={sel}>
              <option value="">Any</option><option value="pending">pending</option><option value="confirmed">confirmed</option><option value="unsubscribed">unsubscribed</option>
            </select>
          </div>
          <div>
            <label htmlFor="basis" className="mb-1 block text-sm font-medium">Basis</label>
            <select id="basis" name="basis" defaultValue={input.basis} className={sel}>
              <option value="">Any</option><option value="consent">consent</option><option value="existing_customer">existing customer</option>
            </select>
          </div>
          <button className="rounded-md bg-indigo-700 px-4 py-2 text-sm font-medium text-white">Search</button>
        </form>
      </Card>
      <Card>
        {result.subscribers.length === 0 ? <p>No subscribers match.</p> : (
          <ScrollRegion label="Subscribers"><table className="w-full text-left text-sm">
            <thead><tr><th>Address</th><th>Subscriptions</th><th>Since</th></tr></thead>
            <tbody>
              {result.subscribers.map((s) => (
                <tr key={s.id} className="border-t border-slate-100">
                  <td className="py-2"><Link href={`/admin/subscribers/${s.id}`}>{s.email}</Link></td>
                  <td>{s.subscriptions.map((x) => `${x.newsletter.name}: ${x.status}${x.basis === "existing_customer" ? " (customer)" : ""}`).join(", ") || "—"}</td>
                  <td>{s.createdAt.toISOString().slice(0, 10)}</td>
                </tr>
              ))}
            </tbody>
          </table></ScrollRegion>
        )}
        {nextHref && <p className="mt-4"><Link href={nextHref}>Next page →</Link></p>}
      </Card>
    </>
  );
}
