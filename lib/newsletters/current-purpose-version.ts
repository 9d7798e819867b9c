// The newsletter's current purpose version (its latest). Newsletters of installs that predate purpose
// versions have none: they get version 1 (revision 1, change "initial") from their fields the first time
// anyone asks, which matches the rule that a subscription without a purpose version counts as revision 1.
import { db, Prisma, type Db, type Tx } from "../db/index.ts";
import type { Models } from "../db/index.ts";
import { purposeContentHash, purposeFieldsOf } from "./purpose-fields.ts";
import { TEXTS } from "./newsletter-texts.ts";

export async function getCurrentPurposeVersion({ newsletterId, client = db }: { newsletterId: string; client?: Db | Tx }): Promise<Models.PurposeVersionModel | null> {
  const latest = await client.purposeVersion.findFirst({ where: { newsletterId }, orderBy: { version: "desc" } });
  if (latest) return latest;
  const n = await client.newsletter.findUnique({ where: { id: newsletterId }, include: { texts: TEXTS } });
  if (!n) return null;
  const fields = purposeFieldsOf(n);
  try {
    return await client.purposeVersion.create({
      data: { newsletterId, version: 1, revision: 1, change: "initial", ...fields, contentHash: purposeContentHash(fields) },
    });
  } catch (err) {
    // Two requests creating the initial version at once: the other one won.
    if (client === db && err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      return client.purposeVersion.findFirst({ where: { newsletterId }, orderBy: { version: "desc" } });
    }
    throw err;
  }
}
