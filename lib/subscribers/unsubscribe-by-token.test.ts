import { describe, it, expect } from "vitest";
import { db } from "../db/index.ts";
import { unsubscribeToken } from "./links.ts";
import { findUnsubscribeTarget, unsubscribeByToken } from "./unsubscribe-by-token.ts";
import { suppressionsFor } from "./suppression.ts";
import { verifyLedger } from "../consent/ledger.ts";
import { seedFormVersion, seedNewsletter, seedOrganisation, seedSubscriber } from "../sending/testing/fixtures.ts";

describe("unsubscribeByToken", () => {
  it("a forged, tampered or unknown token is not valid and changes nothing", async () => {
    const nl = await seedNewsletter();
    const s = await seedSubscriber({ newsletterId: nl.id, formVersionId: null });
    const good = unsubscribeToken(s.subscription.id);
    for (const bad of ["", "x", `${s.subscription.id}.AAAAAAAAAAAAAAAAAAAAAA`, good.slice(0, -1) + (good.endsWith("A") ? "B" : "A"), unsubscribeToken("doesnotexist123"), 42, null])
      expect(await unsubscribeByToken({ token: bad, scope: "newsletter", via: "one-click-header" })).toBeNull();
    expect((await db.subscription.findUnique({ where: { id: s.subscription.id } }))?.status).toBe("confirmed");
  });

  it("withdraws this newsletter once (ledger event + suppression), then offers all; 'all' ends every subscription", async () => {
    await seedOrganisation();
    const a = await seedNewsletter({ name: "A-news" });
    const b = await seedNewsletter({ name: "B-news", language: "en" });
    const fv = await seedFormVersion([a.id, b.id]);
    const s = await seedSubscriber({ newsletterId: a.id, formVersionId: fv.id });
    const subB = await db.subscription.create({ data: { subscriberId: s.subscriber.id, newsletterId: b.id, status: "confirmed", method: "double_opt_in", formVersionId: fv.id } });
    const token = unsubscribeToken(s.subscription.id);

    expect(await findUnsubscribeTarget(token)).toMatchObject({ newsletterName: "A-news", lang: "nl", unsubscribed: false, orgName: "Fietsen & Co" });
    const r = await unsubscribeByToken({ token, scope: "newsletter", via: "one-click-header", ip: "203.0.113.9", userAgent: "mail-client" });
    expect(r).toMatchObject({ unsubscribed: true, allUnsubscribed: false });
    await unsubscribeByToken({ token, scope: "newsletter", via: "one-click-header" }); // idempotent
    expect(await db.consentEvent.count({ where: { subscriptionId: s.subscription.id, type: "withdraw" } })).toBe(1);
    expect((await suppressionsFor(db, s.email)).map((x) => x.scope)).toEqual([a.id]);
    expect((await db.subscription.findUnique({ where: { id: subB.id } }))?.status).toBe("confirmed");

    expect(await unsubscribeByToken({ token, scope: "all", via: "unsubscribe-page" })).toMatchObject({ allUnsubscribed: true });
    expect((await db.subscription.findUnique({ where: { id: subB.id } }))?.status).toBe("unsubscribed");
    expect((await suppressionsFor(db, s.email)).map((x) => x.scope)).toContain("all");
    expect((await verifyLedger(db)).ok).toBe(true);
    expect(JSON.stringify(await db.consentEvent.findMany({ where: { subscriberId: s.subscriber.id } }))).not.toContain(s.email);
  });
});
