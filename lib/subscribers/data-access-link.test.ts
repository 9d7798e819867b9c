// The step-up link, against a real database and a real SMTP server: it goes to the address we hold,
// works once, for 30 minutes, and a stranger with the page cannot make us mail more than a few.
import { describe, it, expect, afterAll } from "vitest";
import { useSmtpSink } from "../testing/use-smtp-sink.ts";

const sink = await useSmtpSink();

const { db } = await import("../db/index.ts");
const { sendDataAccessLink, openDataAccessLink, findDataAccessLink, DATA_LINK_LIMIT } = await import("./data-access-link.ts");
const { createNewsletterWithForm, createSubscriber } = await import("../testing/fixtures.ts");
const { sha256 } = await import("../util/hash.ts");

afterAll(() => sink.stop());

async function subscriber(email: string) {
  const n = await createNewsletterWithForm({ language: "en" });
  const { subscriber } = await createSubscriber({ email, subscriptions: [{ newsletterId: n.newsletter.id, formVersionId: n.formVersion.id, status: "confirmed", createdAt: new Date() }] });
  return subscriber;
}
const linkIn = (to: string) => {
  const mail = sink.received.filter((m) => m.envelopeTo.includes(to)).at(-1);
  const url = mail?.parsed.text?.match(/https?:\/\/\S+\/p\/access\/(\S+?)\?lang=(nl|en)/);
  return { mail, token: url?.[1] ?? "" };
};

describe("the data access link (step-up)", () => {
  it("goes to the subscriber's own address, stored only as a hash, and works once", async () => {
    const s = await subscriber(`stepup-${Date.now()}@example.org`);
    expect(await sendDataAccessLink({ subscriberId: s.id, lang: "en" })).toBe("sent");
    const { mail, token } = linkIn(s.email);
    expect(mail?.parsed.subject).toBe("Your link to your data");
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = await db.token.findFirstOrThrow({ where: { purpose: "data-access", subjectId: s.id } });
    expect(row.tokenHash).toBe(sha256(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(30 * 60_000);

    expect(await findDataAccessLink(token)).toBe("valid");
    expect(await openDataAccessLink(token)).toEqual({ state: "valid", subscriberId: s.id });
    expect(await openDataAccessLink(token)).toEqual({ state: "used" });
    expect(await findDataAccessLink("x".repeat(43))).toBe("unknown");
  });

  it("expires after 30 minutes", async () => {
    const s = await subscriber(`stepup-exp-${Date.now()}@example.org`);
    const then = new Date(Date.now() - 31 * 60_000);
    expect(await sendDataAccessLink({ subscriberId: s.id, lang: "nl", now: then })).toBe("sent");
    const { mail, token } = linkIn(s.email);
    expect(mail?.parsed.subject).toBe("Je link naar je gegevens");
    expect(await openDataAccessLink(token)).toEqual({ state: "expired" });
  });

  it("mails one subscriber at most a few times an hour, and never a subscriber that is gone", async () => {
    const s = await subscriber(`stepup-limit-${Date.now()}@example.org`);
    const before = sink.count();
    const results = [];
    for (let i = 0; i < DATA_LINK_LIMIT.points + 2; i++) results.push(await sendDataAccessLink({ subscriberId: s.id, lang: "en" }));
    expect(results.filter((r) => r === "sent")).toHaveLength(DATA_LINK_LIMIT.points);
    expect(results.slice(DATA_LINK_LIMIT.points)).toEqual(["rate_limited", "rate_limited"]);
    expect(sink.count() - before).toBe(DATA_LINK_LIMIT.points);
    expect(await sendDataAccessLink({ subscriberId: "cmnobody000000000000", lang: "en" })).toBe("gone");
  });

  it("a link for a subscriber erased since then opens nothing", async () => {
    const s = await subscriber(`stepup-gone-${Date.now()}@example.org`);
    await sendDataAccessLink({ subscriberId: s.id, lang: "en" });
    const { token } = linkIn(s.email);
    await db.subscription.deleteMany({ where: { subscriberId: s.id } });
    await db.subscriber.delete({ where: { id: s.id } });
    expect((await openDataAccessLink(token)).state).not.toBe("valid");
  });
});
