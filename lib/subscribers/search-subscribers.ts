// Subscriber search for the admin list: by address (exact when a whole address is typed, else any part of
// the address or the name), filtered by newsletter, status and basis. Keyset pagination (never OFFSET,
// never COUNT(*)): newest first by id without a query, alphabetical by the (unique, indexed) address with
// one. A part-of search cannot use the index (LIKE '%x%' reads every address): not yet measured at a million.
import { z } from "zod";
import { db, dbProvider } from "../db/index.ts";
import { normaliseEmail } from "./normalise-email.ts";
import { ERASED_PREFIX } from "./erase-subscriber.ts";

export const searchSubscribersSchema = z.object({
  q: z.string().max(320).optional().default(""),
  newsletterId: z.string().max(64).optional().default(""),
  status: z.enum(["", "pending", "confirmed", "unsubscribed"]).optional().default(""),
  basis: z.enum(["", "consent", "existing_customer"]).optional().default(""),
  after: z.string().max(400).optional().default(""),
  take: z.coerce.number().int().min(1).max(200).optional().default(50),
});

export type SearchSubscribersInput = z.input<typeof searchSubscribersSchema>;

export async function searchSubscribers(input: SearchSubscribersInput) {
  const o = searchSubscribersSchema.parse(input);
  const raw = o.q.trim().toLowerCase();
  const exact = raw.includes("@") ? normaliseEmail(raw) : null;
  const subFilter = {
    ...(o.newsletterId ? { newsletterId: o.newsletterId } : {}),
    ...(o.status ? { status: o.status } : {}),
    ...(o.basis ? { basis: o.basis } : {}),
  };
  const hasSubFilter = Object.keys(subFilter).length > 0;
  const byEmail = raw !== "";
  const where = {
    ...(hasSubFilter ? { subscriptions: { some: subFilter } } : {}),
    ...(exact?.ok
      ? { email: exact.email }
      : byEmail
        ? {
            // addresses are stored lower-case; names are matched without regard to case on both databases
            OR: [{ email: { contains: raw } }, { name: { contains: raw, ...(dbProvider() === "postgres" ? { mode: "insensitive" as const } : {}) } }],
            ...(o.after ? { email: { gt: o.after } } : {}),
          }
        : o.after ? { id: { lt: o.after } } : {}),
  };
  // Consent records kept after erasure ("erased:<key>:<id>") show only when searched for by that prefix.
  const hideErased = !raw.startsWith(ERASED_PREFIX);
  const rows = await db.subscriber.findMany({
    where: hideErased ? { AND: [where, { NOT: { email: { startsWith: ERASED_PREFIX } } }] } : where,
    orderBy: byEmail ? { email: "asc" } : { id: "desc" },
    take: o.take + 1,
    select: {
      id: true, email: true, name: true, createdAt: true,
      subscriptions: {
        select: { id: true, status: true, basis: true, newsletterId: true, newsletter: { select: { name: true } } },
        orderBy: { createdAt: "asc" },
      },
    },
  });
  const page = rows.slice(0, o.take);
  const last = page.at(-1);
  const next = rows.length > o.take && last ? (byEmail ? last.email : last.id) : null;
  return { subscribers: page, next };
}
