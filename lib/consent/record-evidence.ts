// Stores the text a third party or the shop showed people (ConsentEvidence): a partner's or broker's
// signup form (kind partner-form) or the checkout's opt-out text (kind checkout-optout). The same text is
// stored once: a row with the same kind and text hash (and, for partner forms, the same partner, date and
// names-us answer) is reused, so thousands of purchases point to one checkout text.
import type { Db, Tx } from "../db/index.ts";
import { sha256 } from "../util/hash.ts";

export type EvidenceInput = {
  kind: "partner-form" | "checkout-optout";
  sourceName: string;
  text: string;
  shownAt?: Date | null;
  namesOrg?: boolean;
  createdById?: string | null;
};

export async function recordEvidence(client: Db | Tx, e: EvidenceInput): Promise<{ id: string; textHash: string }> {
  const textHash = sha256(e.text);
  const match = e.kind === "checkout-optout"
    ? { kind: e.kind, textHash }
    : { kind: e.kind, textHash, sourceName: e.sourceName, shownAt: e.shownAt ?? null, namesOrg: e.namesOrg ?? false };
  const found = await client.consentEvidence.findFirst({ where: match, select: { id: true, textHash: true }, orderBy: { createdAt: "asc" } });
  if (found) return found;
  return client.consentEvidence.create({
    data: { kind: e.kind, sourceName: e.sourceName, text: e.text, textHash, shownAt: e.shownAt ?? null, namesOrg: e.namesOrg ?? false, createdById: e.createdById ?? null },
    select: { id: true, textHash: true },
  });
}
