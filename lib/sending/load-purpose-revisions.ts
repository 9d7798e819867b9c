// A newsletter's purpose versions, loaded once per send (never per recipient): the current revision for
// the gate, id → revision for each subscription's agreed purpose, and the versions themselves for the
// footer's "why you get this", which quotes the version the person agreed to.
import { db, type Db, type Tx } from "../db/index.ts";
import { getCurrentPurposeVersion } from "../newsletters/current-purpose-version.ts";
import type { PurposeRevisions } from "./recipient-facts.ts";

export type QuotedPurpose = { id: string; version: number; revision: number; name: string; description: string; fromName: string; texts: unknown; createdAt: Date };
export type PurposeIndex = PurposeRevisions & { byId: ReadonlyMap<string, QuotedPurpose>; first: QuotedPurpose | null };

export async function loadPurposeRevisions({ newsletterId, client = db }: { newsletterId: string; client?: Db | Tx }): Promise<PurposeIndex | null> {
  const current = await getCurrentPurposeVersion({ newsletterId, client });
  if (!current) return null;
  const versions = await client.purposeVersion.findMany({
    where: { newsletterId },
    select: { id: true, version: true, revision: true, name: true, description: true, fromName: true, texts: true, createdAt: true },
    orderBy: { version: "asc" },
  });
  return {
    current: current.revision,
    revisionOf: new Map(versions.map((v) => [v.id, v.revision])),
    byId: new Map(versions.map((v) => [v.id, v])),
    first: versions[0] ?? null,
  };
}
