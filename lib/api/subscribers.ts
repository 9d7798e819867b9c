// /api/v1 subscribers: add one through the signup path (lib/consent/submit-signup.ts, via "api": the same
// checks, ledger event and double opt-in mail as our forms), read one, and record a withdrawal or an
// objection through lib/subscribers/withdraw.ts.
import type { z } from "zod";
import { db } from "../db/index.ts";
import { HttpError } from "../http/http-error.ts";
import { submitSignup, SIGNUP_LIMITS } from "../consent/submit-signup.ts";
import { normaliseEmail } from "../subscribers/normalise-email.ts";
import { withdraw } from "../subscribers/withdraw.ts";
import type { ApiTokenAuth } from "../customers/api-tokens.ts";
import type { createSubscriberBody, subscription, withdrawalBody } from "./schemas.ts";

// submitSignup's fields by the names this API gives them.
const FIELD = { email: "email", name: "name", newsletters: "newsletterIds", age: "age", guardianEmail: "guardianEmail" } as const;
const FORM_CODES = new Set(["unknown_form", "form_closed", "form_outdated"]);

export async function createSubscriber(o: { body: z.output<typeof createSubscriberBody>; token: ApiTokenAuth }) {
  const r = await submitSignup({
    formVersionId: o.body.source.formVersionId, email: o.body.email, name: o.body.name, newsletterIds: o.body.newsletterIds,
    via: "api", ip: o.body.source.ip ?? null, userAgent: o.body.source.userAgent ?? null, language: "en",
    // The token's own limit already counts these requests; the per-address mail limit stays.
    limits: { ...SIGNUP_LIMITS, perIp: null },
  });
  if (!r.ok) {
    const field = FORM_CODES.has(r.code) ? "source.formVersionId" : r.field ? FIELD[r.field] : undefined;
    throw HttpError.of(r.status, r.code, field ? `${field}: ${r.message}` : r.message, field ? { field, errors: [{ field, detail: r.message }] } : {});
  }
  const email = normaliseEmail(o.body.email);
  const subscriber = email.ok ? await db.subscriber.findUnique({ where: { email: email.email }, select: { id: true } }) : null;
  // submitSignup accepted the address, so the row exists; a missing one is our failure, not the caller's.
  if (!subscriber) throw new Error("signup accepted but no subscriber row");
  return { subscriberId: subscriber.id, status: "pending" as const };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

async function loadSubscriber(id: string) {
  const s = await db.subscriber.findUnique({
    where: { id },
    include: { subscriptions: { include: { newsletter: { select: { slug: true } } }, orderBy: { createdAt: "asc" } } },
  });
  if (!s) throw new HttpError("not_found", "No such subscriber.");
  const subscriptions: z.output<typeof subscription>[] = s.subscriptions.map((x) => ({
    id: x.id, newsletterId: x.newsletterId, newsletterSlug: x.newsletter.slug, status: x.status, basis: x.basis, source: x.source,
    givenAt: iso(x.givenAt), confirmedAt: iso(x.confirmedAt), unsubscribedAt: iso(x.unsubscribedAt),
  }));
  return { id: s.id, email: s.email, name: s.name, createdAt: s.createdAt.toISOString(), subscriptions };
}

export const getSubscriber = (id: string) => loadSubscriber(id);

export async function listSubscriptions(id: string) {
  return { subscriptions: (await loadSubscriber(id)).subscriptions };
}

export async function withdrawSubscriber(o: { id: string; body: z.output<typeof withdrawalBody>; token: ApiTokenAuth }) {
  const s = await db.subscriber.findUnique({ where: { id: o.id }, select: { subscriptions: { select: { newsletterId: true } } } });
  if (!s) throw new HttpError("not_found", "No such subscriber.");
  if (o.body.newsletterId !== "all" && !s.subscriptions.some((x) => x.newsletterId === o.body.newsletterId))
    throw new HttpError("not_found", "newsletterId: this subscriber has no subscription to that newsletter.", { field: "newsletterId" });
  const r = await withdraw({
    subscriberId: o.id, scope: o.body.newsletterId === "all" ? "all" : { newsletterId: o.body.newsletterId }, kind: o.body.kind,
    actor: `api:${o.token.id}`, via: "api", channel: "api",
  });
  return { withdrawn: r.withdrawn.map((w) => ({ subscriptionId: w.subscriptionId, newsletterId: w.newsletterId })) };
}
