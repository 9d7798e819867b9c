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
import { staffFormatter, staffTitle, staffTranslator } from "@/lib/i18n/staff-translator";

export const generateMetadata = staffTitle("admin.subscribers.detail.title");

export const dynamic = "force-dynamic";

// Withdrawals and objections: how and by which route they came in, and the staff's note.
function eventNote(t: Awaited<ReturnType<typeof staffTranslator<"admin.subscribers.detail">>>, details: unknown): string | null {
  if (!details || typeof details !== "object") return null;
  const d = details as Record<string, unknown>;
  const parts = [
    typeof d.channel === "string" ? t("noteChannel", { value: d.channel }) : null,
    typeof d.via === "string" ? t("noteVia", { value: d.via }) : null,
    typeof d.scope === "string" ? t("noteScope", { value: d.scope }) : null,
    typeof d.note === "string" && d.note ? t("noteNote", { value: d.note }) : null,
  ].filter(Boolean);
  return parts.length ? parts.join(" · ") : null;
}

export default async function SubscriberPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await requirePage("subscribers.read");
  const { id } = await params;
  const sp = await searchParams;
  const detail = await getSubscriberDetail({ subscriberId: id });
  if (!detail) notFound();
  const { subscriber: s, timeline, sent } = detail;
  const deliveries = await subscriberDeliveryHistory({ subscriberId: s.id });
  const [t, tList, format] = await Promise.all([staffTranslator("admin.subscribers.detail"), staffTranslator("admin.subscribers"), staffFormatter()]);
  const at = (d: Date | null | undefined) => (d ? `${format.dateTime(d, { dateStyle: "medium", timeStyle: "medium" })} UTC` : "—");
  const proof = `/api/admin/exports/proof/${s.id}`;
  const dossier = `/api/admin/exports/dossier/${s.id}`;
  return (
    <>
      <PageHeader title={s.email}>
        {can(staff.role, "exports.run") && (
          <div className="flex flex-wrap gap-3 text-sm">
            <a href={`${proof}?format=html`}>{t("proofHtml")}</a>
            <a href={`${proof}?format=pdf`}>{t("proofPdf")}</a>
            <a href={`${proof}?format=json`}>{t("proofJson")}</a>
            <a href={`${dossier}?format=pdf&lang=nl`}>{t("dossierPdf", { lang: "nl" })}</a>
            <a href={`${dossier}?format=pdf&lang=en`}>{t("dossierPdf", { lang: "en" })}</a>
            <a href={`${dossier}?format=json`}>{t("dossierJson")}</a>
          </div>
        )}
      </PageHeader>
      {typeof sp.error === "string" && <Notice kind="error">{sp.error}</Notice>}
      <Card className="mb-6">
        <h2 className="mb-2 text-lg font-semibold">{t("subscriptions")}</h2>
        <ScrollRegion label={t("subscriptions")}><table className="w-full text-left text-sm">
          <thead><tr><th>{t("scol.newsletter")}</th><th>{t("scol.status")}</th><th>{t("scol.basis")}</th><th>{t("scol.source")}</th><th>{t("scol.given")}</th><th>{t("scol.confirmed")}</th><th>{t("scol.unsubscribed")}</th><th>{t("scol.formVersion")}</th></tr></thead>
          <tbody>
            {s.subscriptions.map((x) => (
              <tr key={x.id} className="border-t border-slate-100">
                <td className="py-1">{x.newsletter.name}</td><td>{tList(`statuses.${x.status}` as "statuses.pending")}</td><td>{tList(`bases.${x.basis}` as "bases.consent")}</td><td>{x.source}</td>
                <td>{at(x.givenAt)}</td><td>{at(x.confirmedAt)}</td><td>{at(x.unsubscribedAt)}</td>
                <td>{x.formVersion ? <span title={x.formVersion.contentHash}>{x.formVersion.form.name} v{x.formVersion.version}</span> : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table></ScrollRegion>
        {s.purchases.length > 0 && (
          <>
            <h3 className="mt-4 mb-1 font-medium">{t("purchases")}</h3>
            <ul className="text-sm">{s.purchases.map((p) => <li key={p.id}>{t("purchase", { at: at(p.at), category: p.category, offered: t(p.optOutOfferedAtCollection ? "yes" : "no"), objected: t(p.objected ? "yes" : "no") })}</li>)}</ul>
          </>
        )}
      </Card>
      <Card className="mb-6">
        <h2 className="mb-2 text-lg font-semibold">{t("timeline")}</h2>
        <ol className="space-y-2 text-sm" aria-label={t("timeline")}>
          {timeline.map((e) => (
            <li key={e.id} className="border-l-2 border-indigo-300 pl-3">
              <p><strong>{e.type}</strong> — {at(e.at)} — {t("by", { actor: e.actor })}</p>
              {eventNote(t, e.details) && <p data-testid="event-details">{eventNote(t, e.details)}</p>}
              <p className="text-slate-600">
                {t("eventForm", { form: e.formVersion ? `${e.formVersion.form.name} v${e.formVersion.version} (sha256 ${e.formVersion.contentHash.slice(0, 16)}…)` : "—", ip: e.ip ?? "—", userAgent: e.userAgent ?? "—" })}
              </p>
            </li>
          ))}
          {timeline.length === 0 && <li>{t("noEvents")}</li>}
        </ol>
      </Card>
      <Card className="mb-6">
        <h2 className="mb-2 text-lg font-semibold">{t("messagesSent")}</h2>
        <p className="mb-2 text-sm text-slate-600" data-testid="sent-count">
          {sent.total === 0 ? t("noMessages") : sent.total > sent.messages.length ? t("someMessages", { total: sent.total, shown: sent.messages.length }) : t("allMessages", { total: sent.total })}
          {" "}{t("gateNote")}
        </p>
        {sent.messages.length > 0 && (
          <ScrollRegion label={t("messagesSent")}><table className="w-full text-left text-sm">
            <thead><tr><th>{t("mcol.issue")}</th><th>{t("mcol.newsletter")}</th><th>{t("mcol.sent")}</th><th>{t("mcol.basis")}</th><th>{t("mcol.reason")}</th><th>{t("mcol.rulesVersion")}</th><th>{t("mcol.factsHash")}</th></tr></thead>
            <tbody>
              {sent.messages.map((m) => (
                <tr key={m.deliveryId} className="border-t border-slate-100">
                  <td className="py-1">{m.subject}</td><td>{m.newsletter.name}</td><td>{m.sentAt ? at(new Date(m.sentAt)) : "—"}</td>
                  <td>{m.basis ?? "—"}</td><td><code>{m.reason ?? "—"}</code></td><td><code>{m.rulesVersion ?? "—"}</code></td>
                  <td>{m.factsHash ? <code title={m.factsHash}>{m.factsHash.slice(0, 12)}…</code> : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table></ScrollRegion>
        )}
      </Card>
      <Card className="mb-6">
        <h2 className="mb-2 text-lg font-semibold">{t("deliveries")}</h2>
        <p className="mb-2 text-sm text-slate-600">{deliveries.deliveryCount > deliveries.deliveries.length ? t("deliveriesIntroSome", { shown: deliveries.deliveries.length, total: deliveries.deliveryCount }) : t("deliveriesIntro")}</p>
        {deliveries.deliveries.length === 0 ? <p className="text-sm">{t("noDeliveries")}</p> : (
          <ScrollRegion label={t("deliveriesLabel")}><table className="mb-4 w-full text-left text-sm" data-testid="subscriber-deliveries">
            <thead><tr className="border-b text-slate-500"><th className="py-1">{t("dcol.issue")}</th><th>{t("dcol.outcome")}</th><th>{t("dcol.reason")}</th><th>{t("dcol.reply")}</th><th>{t("dcol.sent")}</th></tr></thead>
            <tbody>
              {deliveries.deliveries.map((d) => (
                <tr key={d.id} className="border-b last:border-0">
                  <td className="py-1"><Link href={`/admin/issues/${d.issueId}/delivery`}>{d.subject}</Link></td><td>{d.status}</td>
                  <td>{d.reason ? outcomeLabel(d.reason) : ""}</td><td><code className="break-all text-xs">{d.smtpReply ?? ""}</code></td><td>{d.sentAt ? at(d.sentAt) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table></ScrollRegion>
        )}
        {deliveries.inbound.length > 0 && (
          <ScrollRegion label={t("inboundLabel")}><table className="w-full text-left text-sm" data-testid="subscriber-inbound">
            <thead><tr className="border-b text-slate-500"><th className="py-1">{t("icol.received")}</th><th>{t("icol.kind")}</th><th>{t("icol.status")}</th><th>{t("icol.outcome")}</th><th>{t("icol.reportedBy")}</th></tr></thead>
            <tbody>
              {deliveries.inbound.map((m) => (
                <tr key={m.id} className="border-b last:border-0">
                  <td className="py-1">{at(m.receivedAt)}</td><td>{m.kind}</td><td title={m.diagnostic ?? ""}>{m.status ?? ""}</td><td>{outcomeLabel(m.action)}</td><td>{m.provider ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table></ScrollRegion>
        )}
      </Card>
      {can(staff.role, "objections.record") && (
        <Card className="mb-6">
          <h2 className="mb-2 text-lg font-semibold">{t("objection")}</h2>
          <p className="mb-3 text-sm text-slate-600">{t("objectionIntro")}</p>
          <RecordObjectionForm action={recordObjectionAction} subscriberId={s.id} noteMax={NOTE_MAX} newsletters={s.subscriptions.map((x) => ({ id: x.newsletter.id, label: x.newsletter.name }))} />
        </Card>
      )}
      {can(staff.role, "subscribers.manage") && (
        <Card>
          <h2 className="mb-2 text-lg font-semibold">{t("onRequest")}</h2>
          <p className="mb-3 text-sm"><a href={`/api/admin/exports/subject/${s.id}`}>{t("download")}</a></p>
          <form action={erase} className="space-y-2">
            <input type="hidden" name="subscriberId" value={s.id} />
            <label className="block text-sm"><input type="checkbox" name="confirm" value="yes" /> {t("eraseBox")}</label>
            <Button variant="danger">{t("erase")}</Button>
          </form>
        </Card>
      )}
      <p className="mt-6"><Link href="/admin/subscribers">{t("back")}</Link></p>
    </>
  );
}
