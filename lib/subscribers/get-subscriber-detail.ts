// One subscriber for the admin detail page: subscriptions, purchases and the consent timeline, each
// ledger event with the form version it names (version, hash), time, IP and user agent, and the latest
// messages sent to them with each one's per-send record (issue 12 D1).
import { db } from "../db/index.ts";
import { listSentMessages } from "../sending/sent-messages.ts";

/** How many sent messages the page lists (newest first); the count covers all. */
export const SENT_MESSAGES_SHOWN = 100;

export async function getSubscriberDetail({ subscriberId }: { subscriberId: string }) {
  const subscriber = await db.subscriber.findUnique({
    where: { id: subscriberId },
    include: {
      subscriptions: {
        include: {
          newsletter: { select: { id: true, name: true, slug: true } },
          formVersion: { select: { id: true, formId: true, version: true, contentHash: true, form: { select: { name: true } } } },
        },
        orderBy: { createdAt: "asc" },
      },
      purchases: { orderBy: { at: "desc" } },
    },
  });
  if (!subscriber) return null;
  const events = await db.consentEvent.findMany({ where: { subscriberId }, orderBy: { seq: "asc" } });
  const versionIds = [...new Set(events.map((e) => e.formVersionId).filter((x): x is string => !!x))];
  const versions = await db.formVersion.findMany({
    where: { id: { in: versionIds } },
    select: { id: true, formId: true, version: true, contentHash: true, form: { select: { name: true } } },
  });
  const byId = new Map(versions.map((v) => [v.id, v]));
  const sent = await listSentMessages({ subscriberId, limit: SENT_MESSAGES_SHOWN });
  return {
    subscriber,
    sent,
    timeline: events.map((e) => ({ ...e, formVersion: e.formVersionId ? (byId.get(e.formVersionId) ?? null) : null })),
  };
}
