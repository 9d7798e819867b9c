// The per-send record's facts hash (issue 12 D1): sha256, hex, of the canonical JSON (lib/rules
// canonicalFacts: sorted keys, no whitespace) of the facts the gate decided on. Computed here because
// lib/rules stays free of node:crypto. The facts themselves are not stored: they can be rebuilt from the
// ledger, the subscription, the declaration and Delivery.decidedAt (= facts.now), and re-hashed.
import { canonicalFacts, type Facts } from "../rules/index.ts";
import { sha256 } from "../util/hash.ts";

export function factsDigest(facts: Facts): string {
  return sha256(canonicalFacts(facts));
}
