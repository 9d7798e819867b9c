import { requirePage } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { can } from "@/lib/auth/permissions";
import { countSuppressions } from "@/lib/subscribers/count-suppressions";
import { ADDABLE_REASONS, MAX_LINES } from "@/lib/subscribers/add-suppressions";
import { NOTE_MAX } from "@/lib/subscribers/check-objection-fields";
import { Card, PageHeader, ScrollRegion } from "@/components/ui";
import { AddSuppressionsForm, RecordObjectionByAddressForm, ReplyUnsubscribeForm } from "@/components/objection-forms";
import { addSuppressionsAction, recordByAddressAction, replyUnsubscribeAction } from "./actions";

export const metadata = { title: "Objections" };

export const dynamic = "force-dynamic";

const REASON_LABELS: Record<string, string> = {
  objection: "Objection", withdrawal: "Withdrawal", complaint: "Complaint", bounce: "Bounce", erasure: "Erasure request",
};

export default async function SuppressionsPage() {
  const staff = await requirePage("objections.record");
  // Every newsletter, archived ones too: an objection to one still has to be kept.
  const [counts, newsletters] = await Promise.all([countSuppressions(), db.newsletter.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } })]);
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
          Every message offers unsubscribing by mail (List-Unsubscribe mailto). Until those replies are processed
          automatically, paste the subject line of each one here: it names the newsletter without the address.
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
