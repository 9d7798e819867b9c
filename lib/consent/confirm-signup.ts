// The second step of double opt-in: the POST of the Confirm button. In one transaction it uses the token
// up (single use even under concurrent requests), confirms exactly the subscriptions the signup chose,
// records `confirm` (time, IP, user agent) and, where lib/rules says this DOI lifts an earlier suppression
// for those newsletters, records that (a new DOI after an unsubscribe is the only way back for mail on that
// consent: R-UNSUBSCRIBED-STAYS, E2). The suppression entries themselves are never changed.
import { db } from "../db/index.ts";
import { appendEvent } from "./ledger.ts";
import { consumeToken } from "../security/tokens.ts";
import { suppressionsFor } from "../subscribers/suppression.ts";
import { liftsSuppression } from "../rules/index.ts";
import { formPublicPath } from "./get-current-form-version.ts";
import { readOptinTokenData } from "./optin-token-data.ts";
import type { FormLanguage } from "./form-definition.ts";
import { emitEvent } from "../webhooks/emit-event.ts";

export type ConfirmSignupResult =
  | { state: "confirmed"; subscriberId: string; language: FormLanguage; newsletterNames: string[]; formPath: string | null; givenBy: "subject" | "parent" }
  | { state: "expired" | "used" | "unknown"; language: FormLanguage | null; formPath: string | null };

export const LIFT_REASON = "new double opt-in";

export async function confirmSignup({ token, ip, userAgent, now = new Date() }: { token: string; ip: string; userAgent: string; now?: Date }): Promise<ConfirmSignupResult> {
  const result = await db.$transaction(async (tx) => {
    const found = await consumeToken(tx, "optin", token, now);
    const data = found.state === "unknown" ? null : readOptinTokenData(found.data);
    if (found.state !== "valid" || !data || !found.subjectId) return { state: found.state === "valid" ? "unknown" : found.state, data } as const;

    const subs = await tx.subscription.findMany({
      where: { id: { in: data.subscriptionIds }, subscriberId: found.subjectId },
      include: { newsletter: { select: { name: true } }, subscriber: { select: { email: true } } },
    });
    const toConfirm = subs.filter((s) => s.status === "pending");
    // The signup was deleted (purge of unconfirmed signups) or withdrawn meanwhile: nothing to confirm.
    if (!subs.some((s) => s.status === "confirmed") && toConfirm.length === 0) return { state: "expired", data } as const;

    if (toConfirm.length) {
      await tx.subscription.updateMany({ where: { id: { in: toConfirm.map((s) => s.id) }, status: "pending" }, data: { status: "confirmed", confirmedAt: now } });
      const versions = [...new Set(toConfirm.map((s) => s.formVersionId))];
      // R-CHILD-UNDER-16: the age answer (and the parent's address) counts from this confirmation on; for
      // an under-16 signup it is the parent who pressed the button (the mail went only to them).
      const parent = data.givenBy === "parent";
      if (data.ageBand) {
        await tx.subscriber.update({ where: { id: found.subjectId }, data: { ageBand: data.ageBand, ...(data.guardianEmail ? { guardianEmail: data.guardianEmail } : {}) } });
      }
      await appendEvent(tx, {
        type: "confirm", at: now, subscriberId: found.subjectId, newsletterIds: toConfirm.map((s) => s.newsletterId),
        formVersionId: versions.length === 1 ? versions[0] : null, actor: parent ? "parent" : "subject", ip, userAgent,
        details: { via: "confirm-page", subscriptionIds: toConfirm.map((s) => s.id), ...(data.ageBand ? { ageBand: data.ageBand, givenBy: parent ? "parent" : "subject" } : {}) },
      });
      await emitEvent(tx, { type: "subscriber.confirmed", data: { subscriberId: found.subjectId, newsletterIds: toConfirm.map((s) => s.newsletterId) }, email: toConfirm[0].subscriber.email }, now);
      // The entries stay as they are: the send gate sees every one and lib/rules decides, per message,
      // whether this DOI lifts it (E2). The ledger records for which entries it now does, for the history.
      const suppressions = await suppressionsFor(tx, toConfirm[0].subscriber.email);
      for (const s of toConfirm) {
        for (const entry of suppressions) {
          const lifted = liftsSuppression({
            entry: { scope: entry.scope, at: entry.at.toISOString() }, newsletterId: s.newsletterId, basis: "consent",
            consent: { status: "confirmed", method: s.method === "double_opt_in" ? "double-opt-in" : "single-opt-in", confirmedAt: now.toISOString(), newsletterIds: [s.newsletterId] },
          });
          if (!lifted) continue;
          await appendEvent(tx, {
            type: "suppression_lifted", at: now, subscriberId: found.subjectId, subscriptionId: s.id, newsletterIds: [s.newsletterId],
            actor: "subject", details: { newsletterId: s.newsletterId, reason: LIFT_REASON, ...(entry.scope === "all" ? { scope: "all" } : {}) },
          });
        }
      }
    }
    const confirmed = subs.filter((s) => s.status === "confirmed" || toConfirm.includes(s));
    const names = data.newsletterIds.flatMap((id) => confirmed.filter((s) => s.newsletterId === id).map((s) => s.newsletter.name));
    return { state: "confirmed", data, names, subscriberId: found.subjectId } as const;
  });

  const formPath = result.data ? await formPublicPath(result.data.formId) : null;
  const language = result.data?.language ?? null;
  if (result.state === "confirmed") return { state: "confirmed", subscriberId: result.subscriberId, language: language ?? "nl", newsletterNames: result.names, formPath, givenBy: result.data?.givenBy ?? "subject" };
  return { state: result.state, language, formPath };
}
