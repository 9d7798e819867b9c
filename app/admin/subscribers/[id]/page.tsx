import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { getSubscriberDetail } from "@/lib/subscribers/get-subscriber-detail";
import { Button, Card, Notice, PageHeader, ScrollRegion } from "@/components/ui";
import { RecordObjectionForm } from "@/components/objection-forms";
import { NOTE_MAX } from "@/lib/subscribers/record-objection";
import { erase, recordObjectionAction } from "./actions";
import { subscriberDeliveryHistory } from "@/lib/sending/subscriber-delivery-history";
import { outcomeLabel } from "@/lib/sending/reason-text";

export const metadata = { title: "Subscriber" };

export const dynamic = "force-dynamic";

// Withdrawals and objections: how and by which route they came in, and the staff's note.
function eventNote(details: unknown): string | null {
  if (!details || typeof details !== "object") return null;
  const d = details as Record<string, unknown>;
  const parts = [
    typeof d.channel === "string" ? `channel: ${d.channel}` : null,
    typeof d.via === "string" ? `via: ${d.via}` : null,
    typeof d.scope === "string" ? `scope: ${d.scope}` : null,
    typeof d.note === "string" && d.note ? `note: ${d.note}` : null,
  ].filter(Boolean);
  return parts.length ? parts.join(" · ") : null;
}

const t = (d: Date | null | undefined) => (d ? d.toISOString().replace("T", " ").slice(0, 19) + " UTC" : "—");

export default async function SubscriberPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await requirePage("subscribers.read");
  const { id } = await params;
  const sp = await searchParams;
  const detail = await getSubscriberDetail({ subscriberId: id });
  if (!detail) notFound();
  const { subscriber: s, timeline, sent } = detail;
  const deliveries = await subscriberDeliveryHistory({ subscriberId: s.id });
  const proof = `/api/admin/exports/proof/${s.id}`;
  const dossier = `/api/admin/exports/dossier/${s.id}`;
  return (
    <>
      <PageHeader title={s.email}>
        {can(staff.role, "exports.run") && (
          <div className="flex flex-wrap gap-3 text-sm">
            <a href={`${proof}?format=html`}>Consent proof (HTML)</a>
            <a href={`${proof}?format=pdf`}>Proof (PDF)</a>
            <a href={`${proof}?format=json`}>Proof (JSON)</a>
            <a href={`${dossier}?format=pdf&lang=nl`}>Complaint dossier (PDF, nl)</a>
            <a href={`${dossier}?format=pdf&lang=en`}>Complaint dossier (PDF, en)</a>
            <a href={`${dossier}?format=json`}>Complaint dossier (JSON)</a>
          </div>
        )}
      </PageHeader>
      {typeof sp.error === "string" && <Notice kind="error">{sp.error}</Notice>}
      <Card className="mb-6">
        <h2 className="mb-2 text-lg font-semibold">Subscriptions</h2>
        <ScrollRegion label="Subscriptions"><table className="w-full text-left text-sm">
          <thead><tr><th>Newsletter</th><th>Status</th><th>Basis</th><th>Source</th><th>Given</th><th>Confirmed</th><th>Unsubscribed</th><th>Form version</th></tr></thead>
          <tbody>
            {s.subscriptions.map((x) => (
              <tr key={x.id} className="border-t border-slate-100">
                <td className="py-1">{x.newsletter.name}</td><td>{x.status}</td><td>{x.basis}</td><td>{x.source}</td>
                <td>{t(x.givenAt)}</td><td>{t(x.confirmedAt)}</td><td>{t(x.unsubscribedAt)}</td>
                <td>{x.formVersion ? <span title={x.formVersion.contentHash}>{x.formVersion.form.name} v{x.formVersion.version}</span> : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table></ScrollRegion>
        {s.purchases.length > 0 && (
          <>
            <h3 className="mt-4 mb-1 font-medium">Purchases</h3>
            <ul className="text-sm">{s.purchases.map((p) => <li key={p.id}>{t(p.at)} — {p.category}; objection offered: {p.optOutOfferedAtCollection ? "yes" : "no"}; objected: {p.objected ? "yes" : "no"}</li>)}</ul>
          </>
        )}
      </Card>
      <Card className="mb-6">
        <h2 className="mb-2 text-lg font-semibold">Consent timeline</h2>
        <ol className="space-y-2 text-sm" aria-label="Consent timeline">
          {timeline.map((e) => (
            <li key={e.id} className="border-l-2 border-indigo-300 pl-3">
              <p><strong>{e.type}</strong> — {t(e.at)} — by {e.actor}</p>
              {eventNote(e.details) && <p data-testid="event-details">{eventNote(e.details)}</p>}
              <p className="text-slate-600">
                Form: {e.formVersion ? `${e.formVersion.form.name} v${e.formVersion.version} (sha256 ${e.formVersion.contentHash.slice(0, 16)}…)` : "—"} · IP: {e.ip ?? "—"} · User agent: {e.userAgent ?? "—"}
              </p>
            </li>
          ))}
          {timeline.length === 0 && <li>No events.</li>}
        </ol>
      </Card>
      <Card className="mb-6">
        <h2 className="mb-2 text-lg font-semibold">Messages sent</h2>
        <p className="mb-2 text-sm text-slate-600" data-testid="sent-count">
          {sent.total === 0 ? "No messages sent." : sent.total > sent.messages.length ? `${sent.total} messages; the latest ${sent.messages.length} are listed (the proof lists all).` : `${sent.total} ${sent.total === 1 ? "message" : "messages"}.`}
          {" "}Each with the send gate&apos;s decision as it was made: the basis it checked, its reason code, the rules version and the hash of the facts it saw.
        </p>
        {sent.messages.length > 0 && (
          <ScrollRegion label="Messages sent"><table className="w-full text-left text-sm">
            <thead><tr><th>Issue</th><th>Newsletter</th><th>Sent</th><th>Basis</th><th>Reason</th><th>Rules version</th><th>Facts hash</th></tr></thead>
            <tbody>
              {sent.messages.map((m) => (
                <tr key={m.deliveryId} className="border-t border-slate-100">
                  <td className="py-1">{m.subject}</td><td>{m.newsletter.name}</td><td>{m.sentAt ? t(new Date(m.sentAt)) : "—"}</td>
                  <td>{m.basis ?? "—"}</td><td><code>{m.reason ?? "—"}</code></td><td><code>{m.rulesVersion ?? "—"}</code></td>
                  <td>{m.factsHash ? <code title={m.factsHash}>{m.factsHash.slice(0, 12)}…</code> : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table></ScrollRegion>
        )}
      </Card>
      <Card className="mb-6">
        <h2 className="mb-2 text-lg font-semibold">Deliveries and what came back</h2>
        <p className="mb-2 text-sm text-slate-600">Every delivery (sent, skipped, refused, waiting) with the server&apos;s reply{deliveries.deliveryCount > deliveries.deliveries.length ? `; the latest ${deliveries.deliveries.length} of ${deliveries.deliveryCount}` : ""}, and the bounces, complaints and replies matched to them.</p>
        {deliveries.deliveries.length === 0 ? <p className="text-sm">No deliveries.</p> : (
          <ScrollRegion label="Deliveries"><table className="mb-4 w-full text-left text-sm" data-testid="subscriber-deliveries">
            <thead><tr className="border-b text-slate-500"><th className="py-1">Issue</th><th>Outcome</th><th>Reason</th><th>Server reply</th><th>Sent</th></tr></thead>
            <tbody>
              {deliveries.deliveries.map((d) => (
                <tr key={d.id} className="border-b last:border-0">
                  <td className="py-1"><Link href={`/admin/issues/${d.issueId}/delivery`}>{d.subject}</Link></td><td>{d.status}</td>
                  <td>{d.reason ? outcomeLabel(d.reason) : ""}</td><td><code className="break-all text-xs">{d.smtpReply ?? ""}</code></td><td>{d.sentAt ? t(d.sentAt) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table></ScrollRegion>
        )}
        {deliveries.inbound.length > 0 && (
          <ScrollRegion label="Inbound events"><table className="w-full text-left text-sm" data-testid="subscriber-inbound">
            <thead><tr className="border-b text-slate-500"><th className="py-1">Received</th><th>Kind</th><th>Status</th><th>Outcome</th><th>Reported by</th></tr></thead>
            <tbody>
              {deliveries.inbound.map((m) => (
                <tr key={m.id} className="border-b last:border-0">
                  <td className="py-1">{t(m.receivedAt)}</td><td>{m.kind}</td><td title={m.diagnostic ?? ""}>{m.status ?? ""}</td><td>{outcomeLabel(m.action)}</td><td>{m.provider ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table></ScrollRegion>
        )}
      </Card>
      {can(staff.role, "objections.record") && (
        <Card className="mb-6">
          <h2 className="mb-2 text-lg font-semibold">Record a withdrawal or objection</h2>
          <p className="mb-3 text-sm text-slate-600">When the person told you by reply mail, phone, letter or in person. It has the same effect as the unsubscribe link, at once.</p>
          <RecordObjectionForm action={recordObjectionAction} subscriberId={s.id} noteMax={NOTE_MAX} newsletters={s.subscriptions.map((x) => ({ id: x.newsletter.id, label: x.newsletter.name }))} />
        </Card>
      )}
      {can(staff.role, "subscribers.manage") && (
        <Card>
          <h2 className="mb-2 text-lg font-semibold">On request</h2>
          <p className="mb-3 text-sm"><a href={`/api/admin/exports/subject/${s.id}`}>Download all data held about this person (JSON)</a></p>
          <form action={erase} className="space-y-2">
            <input type="hidden" name="subscriberId" value={s.id} />
            <label className="block text-sm"><input type="checkbox" name="confirm" value="yes" /> Erase this person: everything is deleted except a keyed hash that keeps them off every list.</label>
            <Button variant="danger">Erase</Button>
          </form>
        </Card>
      )}
      <p className="mt-6"><Link href="/admin/subscribers">← All subscribers</Link></p>
    </>
  );
}
