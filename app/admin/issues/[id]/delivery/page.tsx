// The delivery view of an issue's send (issue 14 D6): what became of every message and what came back,
// counted in the database; the most common server replies behind the failures. Counts only (addresses in
// replies are masked), so editors may see it.
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { sendDeliveryView, type DeliveryCounts } from "@/lib/sending/send-delivery-view";
import { outcomeLabel } from "@/lib/sending/reason-text";
import { Card, PageHeader, ScrollRegion } from "@/components/ui";

export const metadata = { title: "Delivery" };

export const dynamic = "force-dynamic";

const FIGURES: { key: keyof DeliveryCounts; label: string; hint: string }[] = [
  { key: "delivered", label: "delivered", hint: "accepted by the receiving server" },
  { key: "deferred", label: "deferred", hint: "a temporary failure or the mail server away: retried" },
  { key: "refused", label: "refused", hint: "a 5xx answer, or retries used up" },
  { key: "skipped", label: "skipped", hint: "not sent: the gate or an erasure" },
  { key: "bouncedHard", label: "hard bounces", hint: "reported back later: the address is suppressed" },
  { key: "bouncedSoft", label: "soft bounces", hint: "reported back: counted towards the limit" },
  { key: "complained", label: "complaints", hint: "a spam report: objection to all newsletters" },
  { key: "unsubscribed", label: "unsubscribed", hint: "ended their subscription after this message" },
];

export default async function DeliveryPage({ params }: { params: Promise<{ id: string }> }) {
  const staff = await requirePage("issues.write");
  const { id } = await params;
  const send = await db.send.findFirst({ where: { issueId: id }, orderBy: { createdAt: "desc" }, select: { id: true } });
  if (!send) notFound();
  const v = (await sendDeliveryView(send.id))!;
  const pct = (x: number) => (v.counts.total ? `${Math.round((x / v.counts.total) * 1000) / 10} %` : "—");
  return (
    <>
      <PageHeader title={`Delivery of “${v.subject}”`}>
        <Link href={`/admin/issues/${id}`}>Back to the issue</Link>
        {can(staff.role, "newsletters.manage") && <Link href={`/admin/newsletters/${v.newsletterId}`}>{v.newsletterName}: over time</Link>}
      </PageHeader>
      <Card className="mb-6">
        <p className="mb-3 text-sm text-slate-600">
          Send {v.status}{v.startedAt ? `, started ${v.startedAt.toISOString().slice(0, 16).replace("T", " ")} UTC` : ""} · {v.counts.total} messages
          {v.counts.inFlight > 0 ? ` · ${v.counts.inFlight} not yet handled` : ""}
        </p>
        <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-4" data-testid="delivery-counts">
          {FIGURES.map((f) => (
            <div key={f.key} className="rounded-md border border-slate-200 p-2" title={f.hint}>
              <dt className="text-slate-500">{f.label}</dt>
              <dd className="text-lg font-semibold" data-testid={`delivery-${f.key}`}>{v.counts[f.key]}</dd>
              <dd className="text-xs text-slate-500">{pct(v.counts[f.key])}</dd>
            </div>
          ))}
        </dl>
      </Card>
      <Card>
        <h2 className="mb-2 font-semibold">Server replies of messages not delivered</h2>
        {v.replies.length === 0 ? <p className="text-sm">None.</p> : (
          <ScrollRegion label="Server replies"><table className="w-full text-left text-sm" data-testid="delivery-replies">
            <thead><tr className="border-b text-slate-500"><th className="py-1">Outcome</th><th>Reply</th><th className="text-right">Messages</th></tr></thead>
            <tbody>
              {v.replies.map((r) => (
                <tr key={`${r.status}-${r.reason}-${r.reply}`} className="border-b last:border-0">
                  <td className="py-1">{r.reason ? outcomeLabel(r.reason) : r.status}</td><td><code className="break-all text-xs">{r.reply}</code></td><td className="text-right">{r.count}</td>
                </tr>
              ))}
            </tbody>
          </table></ScrollRegion>
        )}
      </Card>
    </>
  );
}
