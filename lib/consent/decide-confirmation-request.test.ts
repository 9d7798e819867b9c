// The DOI mail is decided by the send gate: allowed for a pending signup the person started, also after an
// earlier objection; a signup that is no longer pending gets no confirmation mail.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { useSmtpSink } from "../testing/use-smtp-sink.ts";

const sink = await useSmtpSink();

const { db } = await import("../db/index.ts");
const { submitSignup } = await import("./submit-signup.ts");
const { decideConfirmationRequest } = await import("./decide-confirmation-request.ts");
const { suppress } = await import("../subscribers/suppression.ts");
const { seedForm, seedNewsletter, seedOrganisation, uid } = await import("./test-helpers.ts");

afterAll(() => sink.stop());

let A: { id: string }, B: { id: string };
let versionId: string;
beforeAll(async () => {
  await seedOrganisation();
  A = await seedNewsletter("Alfa");
  B = await seedNewsletter("Bravo");
  versionId = (await seedForm([A.id, B.id])).version.id;
});

const signup = (email: string, newsletterIds: string[]) =>
  submitSignup({ formVersionId: versionId, email, newsletterIds, via: "form", ip: "203.0.113.5", userAgent: "UA" });

describe("the confirmation mail goes through decideSend", () => {
  it("an address on the suppression list (objection, all) that signs up again gets exactly the DOI mail, decided ALLOW_CONFIRMATION_REQUEST", async () => {
    const email = `sup-${uid()}@example.nl`;
    await suppress(db, email, "all", "objection", new Date(Date.now() - 60_000));
    await signup(email, [A.id]);
    const mails = sink.received.filter((m) => m.envelopeTo.includes(email));
    expect(mails).toHaveLength(1);
    expect(mails[0].parsed.subject).toBe("Bevestig je aanmelding voor Alfa");
    const subscriber = await db.subscriber.findUniqueOrThrow({ where: { email } });
    const sent = await db.consentEvent.findFirstOrThrow({ where: { subscriberId: subscriber.id, type: "optin_sent" } });
    expect(sent.details).toMatchObject({ decision: "ALLOW_CONFIRMATION_REQUEST" });
    // the suppression entry is untouched: until confirmed, nothing else may reach them
    expect(await db.suppression.count({ where: { scope: "all", reason: "objection", liftedAt: null } })).toBeGreaterThan(0);
  });

  it("a subscription that is no longer pending is not asked to confirm (the gate denies it as marketing)", async () => {
    const email = `conf-${uid()}@example.nl`;
    await signup(email, [A.id, B.id]);
    const subscriber = await db.subscriber.findUniqueOrThrow({ where: { email } });
    await db.subscription.updateMany({ where: { subscriberId: subscriber.id, newsletterId: A.id }, data: { status: "confirmed", confirmedAt: new Date() } });
    const d = await decideConfirmationRequest({ subscriberId: subscriber.id, newsletterIds: [A.id, B.id, "nonexistent0000"], now: new Date() });
    expect(d).toEqual([
      { newsletterId: A.id, decision: expect.objectContaining({ allowed: false, reason: "DENY_MISSING_UNSUBSCRIBE" }) },
      { newsletterId: B.id, decision: expect.objectContaining({ allowed: true, reason: "ALLOW_CONFIRMATION_REQUEST" }) },
      { newsletterId: "nonexistent0000", decision: null },
    ]);
  });
});
