// Benchmark (not part of npm test): decisions per second of lib/rules' decideSend, on the catalogue's
// scenarios (every one deep-merged over DEFAULT_FACTS, round-robin), and of the send path's per-recipient
// step: recipientFacts (database rows → facts) + decideSend.
//
//   npx tsx bench/rules.ts [--seconds=3]
import os from "node:os";
import { readFileSync } from "node:fs";
import { decideSend, deepMerge, DEFAULT_FACTS, type Facts } from "../lib/rules/index.ts";
import { recipientFacts, type RecipientRows } from "../lib/sending/recipient-facts.ts";

const seconds = Number(process.argv.find((a) => a.startsWith("--seconds="))?.split("=")[1] ?? 3);
const scenarios = [
  ...JSON.parse(readFileSync(new URL("../lib/rules/scenarios.json", import.meta.url), "utf8")),
  ...JSON.parse(readFileSync(new URL("../lib/rules/scenarios-extra.json", import.meta.url), "utf8")),
] as { facts: object }[];
const facts: Facts[] = scenarios.map((s) => deepMerge(DEFAULT_FACTS, s.facts) as Facts);

function measure(label: string, fn: (i: number) => unknown) {
  for (let i = 0; i < 20_000; i++) fn(i); // warm up
  let n = 0;
  let sink = 0;
  const end = performance.now() + seconds * 1000;
  const t0 = performance.now();
  while (performance.now() < end) {
    for (let k = 0; k < 1000; k++) sink += fn(n++) ? 1 : 0;
  }
  const ms = performance.now() - t0;
  console.log(`  ${label}: ${Math.round(n / (ms / 1000)).toLocaleString("en")} per second (${n.toLocaleString("en")} in ${(ms / 1000).toFixed(1)} s)${sink < 0 ? "" : ""}`);
}

console.log(`bench/rules: ${scenarios.length} scenarios; ${os.cpus().length} cores, ${os.cpus()[0]?.model}, node ${process.version}, load ${os.loadavg()[0].toFixed(1)}`);
measure("decideSend", (i) => decideSend(facts[i % facts.length]).allowed);

const rows: RecipientRows = {
  subscriber: { id: "s1", email: "a@example.nl", kind: "person", eea: true, ageBand: null, addressPublishedForOffers: false },
  subscription: {
    id: "b1", newsletterId: "A", status: "confirmed", basis: "consent", method: "double_opt_in", source: "own_form", sourceProofNamesOrg: false,
    givenBy: "subject", preTicked: false, bundled: false, conditional: false, thirdPartyOffers: false, formVersionId: "fv1",
    givenAt: new Date("2025-01-10T09:00:00Z"), confirmedAt: new Date("2025-01-10T09:05:00Z"), unsubscribedAt: null,
    createdAt: new Date("2025-01-10T09:00:00Z"), updatedAt: new Date("2025-01-10T09:05:00Z"),
  },
  formVersionNewsletterIds: ["A"],
  purchases: [{ at: new Date("2024-11-01T00:00:00Z"), category: "bikes", obtainedInSale: true, optOutOfferedAtCollection: true, objected: false }],
  suppressions: [{ scope: "B", reason: "withdrawal", at: new Date("2025-02-01T00:00:00Z") }],
};
const now = new Date();
const org = { requireDoubleOptIn: true, customerWindowMonths: 24, isCharity: false };
const newsletter = { id: "A", categories: ["bikes"], similarMap: { bikes: ["bike-parts"] } };
const issue = { categories: ["bikes"], thirdPartyPromotion: false, basis: "consent" };
const message = { unsubscribeLink: true, listUnsubscribeHeaders: true, senderIdentity: true };
measure("recipientFacts + decideSend", () => decideSend(recipientFacts({ now, org, newsletter, issue, message, rows })).allowed);
