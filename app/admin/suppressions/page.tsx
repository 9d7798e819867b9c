import { requirePage } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { can } from "@/lib/auth/permissions";
import { countSuppressions } from "@/lib/subscribers/count-suppressions";
import { ADDABLE_REASONS, MAX_LINES } from "@/lib/subscribers/add-suppressions";
import { NOTE_MAX } from "@/lib/subscribers/check-objection-fields";
import { Card, PageHeader, ScrollRegion } from "@/components/ui";
import { AddSuppressionsForm, RecordObjectionByAddressForm, ReplyUnsubscribeForm } from "@/components/objection-forms";
import { addSuppressionsAction, recordByAddressAction, replyUnsubscribeAction } from "./actions";
import { inboundOverview } from "@/lib/inbound/inbound-overview";

export const metadata = { title: "Objections" };

export const dynamic = "force-dynamic";

const REASON_LABELS: Record<string, string> = {
  objection: "Objection", withdrawal: "Withdrawal", complaint: "Complaint", bounce: "Bounce", erasure: "Erasure request",
};

export default async function SuppressionsPage() {
  const staff = await requirePage("objections.record");
  // Every newsletter, archived ones too: an objection to one still has to be kept.
  const [counts, newsletters, inbound] = await Promise.all([countSuppressions(), db.newsletter.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }), inboundOverview()]);
  const total = counts.reduce((n, c) => n + c.entries, 0);
  return (
    <>
      <PageHeader title="Objections and suppression list" />
      <Card className="mb-6">
        <h2 className="mb-2 text-lg font-semibold">Record an objection or withdrawal by address</h2>
        <p className="mb-3 text-sm text-slate-600">
          Someone phoned, wrote or told you in person that they want no more mail. Enter their address: if they
          subscribe, it is recorded in their consent history with the channel and note; either way they are kept
          off every later send. The answer is the same whether or not the address subscribes.
        </p>
        <RecordObjectionByAddressForm action={recordByAddressAction} noteMax={NOTE_MAX} newsletters={newsletters.map((n) => ({ id: n.id, label: n.name }))} />
      </Card>
      <Card className="mb-6">
        <h2 className="mb-2 text-lg font-semibold">Reply to the unsubscribe address</h2>
        <p className="mb-3 text-sm text-slate-600">
          Every message offers unsubscribing by mail (List-Unsubscribe mailto). Replies that reach the inbound
          listener or mailbox (INBOUND_SMTP_PORT, IMAP_URL) are processed by themselves; for any other, paste its
          subject line here: it names the newsletter without the address.
        </p>
        <ReplyUnsubscribeForm action={replyUnsubscribeAction} />
      </Card>
      {can(staff.role, "subscribers.manage") && (
        <Card className="mb-6">
          <h2 className="mb-2 text-lg font-semibold">Add addresses</h2>
          <p className="mb-3 text-sm text-slate-600">
            For people who objected elsewhere and need not be subscribers. Only a keyed hash of each address is
            stored; it keeps them off every send, import and API add, for all newsletters. Objections by phone or
            letter from a subscriber are recorded on the subscriber&apos;s page.
          </p>
          <AddSuppressionsForm action={addSuppressionsAction} reasons={ADDABLE_REASONS.map((r) => ({ id: r, label: REASON_LABELS[r] }))} maxLines={MAX_LINES} />
        </Card>
      )}
      <Card className="mb-6">
        <h2 className="mb-2 text-lg font-semibold">Bounces, complaints and replies (last 30 days)</h2>
        <p className="mb-3 text-sm text-slate-600">
          What came back in through the inbound listener or mailbox. Only a signed delivery id in the message is
          acted on; a message without one is kept here for you and changes nothing.
        </p>
        <ScrollRegion label="Inbound messages by outcome"><table className="w-full text-left text-sm" aria-label="Inbound messages by outcome">
          <thead><tr><th>Outcome</th><th>Messages</th></tr></thead>
          <tbody>
            {inbound.byOutcome.length === 0 && <tr className="border-t border-slate-100"><td className="py-1" colSpan={2}>Nothing received.</td></tr>}
            {inbound.byOutcome.map((o) => <tr key={o.code} className="border-t border-slate-100"><td className="py-1">{o.label}</td><td>{o.count}</td></tr>)}
          </tbody>
        </table></ScrollRegion>
        {can(staff.role, "subscribers.read") && inbound.unmatched.length > 0 && (
          <>
            <h3 className="mb-2 mt-4 font-semibold">Not matched to a delivery</h3>
            <p className="mb-2 text-sm"><a href="/admin/inbound" className="underline">Dismiss them or suppress an address on the Inbound page</a></p>
            <ScrollRegion label="Unmatched inbound messages"><table className="w-full text-left text-sm" aria-label="Unmatched inbound messages">
              <thead><tr><th>Received</th><th>Door</th><th>Kind</th><th>Status</th><th>From</th><th>Subject</th><th>Reported recipient</th></tr></thead>
              <tbody>
                {inbound.unmatched.map((m) => (
                  <tr key={m.id} className="border-t border-slate-100">
                    <td className="py-1">{m.receivedAt.toISOString().slice(0, 16).replace("T", " ")}</td><td>{m.source}</td><td>{m.kind}</td>
                    <td>{m.status ?? ""}</td><td>{m.provider ?? ""}</td><td>{m.subject ?? ""}</td><td>{m.reportedRecipient ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table></ScrollRegion>
          </>
        )}
      </Card>
      <Card>
        <h2 className="mb-2 text-lg font-semibold">Entries by reason</h2>
        <ScrollRegion label="Entries by reason"><table className="w-full text-left text-sm" aria-label="Suppression entries by reason">
          <thead><tr><th>Reason</th><th>Entries</th></tr></thead>
          <tbody>
            {counts.map((c) => <tr key={c.reason} className="border-t border-slate-100"><td className="py-1">{REASON_LABELS[c.reason] ?? c.reason}</td><td>{c.entries}</td></tr>)}
            <tr className="border-t border-slate-300 font-medium"><td className="py-1">Total</td><td>{total}</td></tr>
          </tbody>
        </table></ScrollRegion>
        <p className="mt-2 text-xs text-slate-500">Entries are keyed hashes: addresses are never shown or exported.</p>
      </Card>
    </>
  );
}
