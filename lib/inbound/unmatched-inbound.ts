// Inbound messages nobody could be matched to (issue 14 D3), for Admin → Inbound: what each was (kind,
// received, from, subject, the parsed status and reported address), why it was not matched, and whether
// staff have handled it. Editors may see the list, but the addresses in it are subscriber data
// (subscribers.read), so for them every address is masked.
import { db } from "../db/index.ts";
import { headerValue, splitHead } from "./mime-parts.ts";
import { maskAddresses } from "./apply-inbound.ts";

export type UnmatchedInbound = {
  id: string; receivedAt: Date; source: string; kind: string;
  from: string | null; subject: string | null; status: string | null; provider: string | null; reportedRecipient: string | null;
  why: UnmatchedWhy;
  handled: { at: Date; action: string; by: string | null } | null;
  /** Staff may type an address to suppress: only for kinds lib/rules decideStaffInbound can act on. */
  suppressible: boolean;
};

export type UnmatchedWhy = "not-a-report" | "no-id" | "id-not-verified" | "delivery-gone";

// A signed id as we write it (lib/mail/delivery-id.ts), present but not verifying: forged, altered, or another install's.
const ID_LIKE = /(?:X-Proofmail-Delivery:\s*|\+)[A-Za-z0-9]{10,40}\.[0-9A-Fa-f]{24}\b/i;

/** Why a stored message named nobody: from its kind, what the parser found (summary.matchedBy) and its text. */
export function whyUnmatched(m: { kind: string; summary: Record<string, unknown>; excerpt: string | null }): UnmatchedWhy {
  if (m.kind === "unknown") return "not-a-report";
  if (m.summary.matchedBy) return "delivery-gone"; // a verified id, but its delivery or subscriber is no longer held
  if (m.excerpt && ID_LIKE.test(m.excerpt)) return "id-not-verified";
  return "no-id";
}

export const SUPPRESSIBLE_KINDS = new Set(["hard-bounce", "complaint", "unsubscribe-reply"]);

export async function listUnmatchedInbound(opts: { showAddresses: boolean; includeHandled?: boolean; limit?: number }): Promise<UnmatchedInbound[]> {
  const rows = await db.inboundMessage.findMany({
    where: { deliveryId: null, subscriberId: null, ...(opts.includeHandled ? {} : { handledAt: null }) },
    orderBy: { receivedAt: "desc" }, take: opts.limit ?? 100,
    select: { id: true, receivedAt: true, source: true, kind: true, summary: true, excerpt: true, handledAt: true, handledAction: true, handledById: true },
  });
  const staffIds = [...new Set(rows.map((r) => r.handledById).filter((x): x is string => !!x))];
  const staff = staffIds.length ? await db.user.findMany({ where: { id: { in: staffIds } }, select: { id: true, email: true } }) : [];
  const emailOf = new Map(staff.map((u) => [u.id, u.email]));
  const show = (v: string | null) => (opts.showAddresses ? v : maskAddresses(v));
  const str = (v: unknown) => (typeof v === "string" && v ? v : null);
  return rows.map((r) => {
    const s = (r.summary ?? {}) as Record<string, unknown>;
    const from = r.excerpt ? headerValue(splitHead(r.excerpt).head, "from") : null;
    return {
      id: r.id, receivedAt: r.receivedAt, source: r.source, kind: r.kind,
      from: show(from ? from.slice(0, 200) : null), subject: show(str(s.subject)), status: str(s.status), provider: str(s.provider),
      reportedRecipient: show(str(s.reportedRecipient)),
      why: whyUnmatched({ kind: r.kind, summary: s, excerpt: r.excerpt }),
      handled: r.handledAt ? { at: r.handledAt, action: r.handledAction ?? "", by: r.handledById ? (emailOf.get(r.handledById) ?? null) : null } : null,
      suppressible: SUPPRESSIBLE_KINDS.has(r.kind),
    };
  });
}
