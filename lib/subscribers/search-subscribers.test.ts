import { describe, it, expect, beforeAll } from "vitest";
import { db } from "../db/index.ts";
import { searchSubscribers } from "./search-subscribers.ts";

describe("searchSubscribers", () => {
  let nl: { id: string };
  beforeAll(async () => {
    nl = await db.newsletter.create({ data: { slug: "s", name: "S", fromName: "O", fromEmail: "o@org.nl", categories: [] } });
    for (const [email, status, name] of [["anna@example.nl", "confirmed", "Anna de Vries"], ["anton@example.nl", "pending", null], ["bert@example.nl", "confirmed", "Bert Jansen"]] as const) {
      const s = await db.subscriber.create({ data: { email, name } });
      await db.subscription.create({ data: { subscriberId: s.id, newsletterId: nl.id, status } });
    }
    await db.subscriber.create({ data: { email: "erased:abc123:tomb1" } });
  });

  it("lists everyone but the consent records kept after erasure", async () => {
    const r = await searchSubscribers({ q: "" });
    expect(r.subscribers.map((s) => s.email).sort()).toEqual(["anna@example.nl", "anton@example.nl", "bert@example.nl"]);
  });

  it("finds by any part of the address or the name, by exact (normalised) address, and by status", async () => {
    const emails = async (q: string) => (await searchSubscribers({ q })).subscribers.map((s) => s.email);
    expect(await emails("an")).toEqual(["anna@example.nl", "anton@example.nl", "bert@example.nl"]); // Bert JANsen
    expect(await emails("ton@exa")).toEqual(["anton@example.nl"]);
    expect(await emails("vries")).toEqual(["anna@example.nl"]);
    expect(await emails("JANSEN")).toEqual(["bert@example.nl"]);
    expect((await searchSubscribers({ q: " Bert@Example.NL " })).subscribers.map((s) => s.email)).toEqual(["bert@example.nl"]);
    expect((await searchSubscribers({ q: "", status: "pending", newsletterId: nl.id })).subscribers.map((s) => s.email)).toEqual(["anton@example.nl"]);
  });

  it("pages with a cursor", async () => {
    const first = await searchSubscribers({ q: "", take: 2 });
    expect(first.subscribers).toHaveLength(2);
    const second = await searchSubscribers({ q: "", take: 2, after: first.next ?? undefined });
    expect(second.subscribers).toHaveLength(1);
    expect(second.next).toBeNull();
  });

  it("shows a kept consent record when searched for by its prefix", async () => {
    expect((await searchSubscribers({ q: "erased:abc" })).subscribers.map((s) => s.email)).toEqual(["erased:abc123:tomb1"]);
  });
});
