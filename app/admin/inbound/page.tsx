// Admin → Inbound: bounces, complaints and replies nobody could be matched to (no valid signed id of ours),
// kept for staff. Editors see them with addresses masked; admins see the addresses and may dismiss a message
// or suppress an address they type (lib/inbound/act-on-unmatched.ts).
import { requirePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/permissions";
import { listUnmatchedInbound, type UnmatchedWhy } from "@/lib/inbound/unmatched-inbound";
import { outcomeLabel } from "@/lib/sending/reason-text";
import { Card, PageHeader, ScrollRegion } from "@/components/ui";
import { dismissInboundAction, suppressFromInboundAction } from "./actions";
import { InboundActions } from "./inbound-actions";

export const metadata = { title: "Inbound" };

export const dynamic = "force-dynamic";

const WHY: Record<UnmatchedWhy, string> = {
  "not-a-report": "not a bounce, complaint or unsubscribe reply (an automatic reply, a person writing)",
  "no-id": "no signed delivery id in it (no VERP address, no X-Proofmail-Delivery header)",
  "id-not-verified": "a delivery id whose signature does not verify (altered, forged, or another installation's)",
  "delivery-gone": "its delivery or subscriber is no longer held (erased)",
};

const KIND: Record<string, string> = {
  "hard-bounce": "hard bounce", "soft-bounce": "soft bounce", complaint: "complaint", "unsubscribe-reply": "unsubscribe reply", unknown: "other",
};

export default async function InboundPage({ searchParams }: { searchParams: Promise<{ handled?: string }> }) {
  const staff = await requirePage("objections.record");
  const showHandled = (await searchParams).handled === "1";
  const mayAct = can(staff.role, "subscribers.manage");
  const rows = await listUnmatchedInbound({ showAddresses: can(staff.role, "subscribers.read"), includeHandled: showHandled });
  return (
    <>
      <PageHeader title="Inbound messages not matched">
        <a href={showHandled ? "/admin/inbound" : "/admin/inbound?handled=1"}>{showHandled ? "Only open ones" : "Show handled ones too"}</a>
      </PageHeader>
      <Card>
        <p className="mb-3 text-sm text-slate-600">
          Only a signed delivery id of ours is ever acted on by itself. These messages had none that holds, so nothing
          was done. {mayAct
            ? "Dismiss one when it needs nothing, or type the address it is about to suppress it: a hard bounce suppresses the address, a complaint records an objection to all newsletters, an unsubscribe reply withdraws from all newsletters."
            : "An admin can dismiss them or suppress an address."}
        </p>
        <ScrollRegion label="Unmatched inbound messages"><table className="w-full text-left text-sm" aria-label="Unmatched inbound messages" data-testid="unmatched-inbound">
          <thead><tr className="border-b text-slate-500"><th className="py-1">Received</th><th>Kind</th><th>From</th><th>Subject</th><th>Parsed</th><th>Why not matched</th><th>{mayAct ? "Action" : "State"}</th></tr></thead>
          <tbody>
            {rows.length === 0 && <tr><td className="py-2" colSpan={7}>Nothing to handle.</td></tr>}
            {rows.map((m) => (
              <tr key={m.id} className="border-b align-top last:border-0" data-testid={`inbound-${m.id}`}>
                <td className="py-1 whitespace-nowrap">{m.receivedAt.toISOString().slice(0, 16).replace("T", " ")}<div className="text-xs text-slate-500">{m.source}</div></td>
                <td>{KIND[m.kind] ?? m.kind}</td>
                <td className="break-all">{m.from ?? ""}</td>
                <td>{m.subject ?? ""}</td>
                <td>{[m.status, m.reportedRecipient, m.provider].filter(Boolean).join(" · ")}</td>
                <td>{WHY[m.why]}</td>
                <td>
                  {m.handled
                    ? <span>handled {m.handled.at.toISOString().slice(0, 10)}{m.handled.by ? ` by ${m.handled.by}` : ""}: {m.handled.action === "dismissed" ? "dismissed" : outcomeLabel(m.handled.action)}</span>
                    : mayAct ? <InboundActions id={m.id} suppressible={m.suppressible} dismiss={dismissInboundAction} suppress={suppressFromInboundAction} /> : "open"}
                </td>
              </tr>
            ))}
          </tbody>
        </table></ScrollRegion>
      </Card>
    </>
  );
}
