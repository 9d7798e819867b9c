// How many people's consent to a newsletter covers an earlier purpose revision (the admin page offers them
// the re-permission mail). One grouped query: subscriptions without a purpose version count as revision 1.
import { db } from "../db/index.ts";
import { loadPurposeRevisions } from "../sending/load-purpose-revisions.ts";

export async function countEarlierConsents({ newsletterId }: { newsletterId: string }): Promise<{ currentRevision: number; earlier: number } | null> {
  const purposes = await loadPurposeRevisions({ newsletterId });
  if (!purposes) return null;
  const groups = await db.subscription.groupBy({
    by: ["purposeVersionId"], where: { newsletterId, status: "confirmed", basis: "consent" }, _count: { _all: true },
  });
  let earlier = 0;
  for (const g of groups) {
    const revision = (g.purposeVersionId && purposes.revisionOf.get(g.purposeVersionId)) || 1;
    if (revision < purposes.current) earlier += g._count._all;
  }
  return { currentRevision: purposes.current, earlier };
}
