// The hash of one ledger event: sha256(prevHash + "\n" + canonicalJson(fields)). The fields are a fixed set
// of top-level keys, so they are written here in canonicalJson's (sorted) key order without its generic
// walk (entries, filter, sort, join), which was most of the cost of verifying millions of events. The output
// is byte-identical to canonicalJson (event-hash.test.ts); nested values (newsletterIds, details) still go
// through canonicalJson.
import { canonicalJson } from "../util/canonical-json.ts";
import { sha256 } from "../util/hash.ts";

/** The stored fields an event's hash covers (ip and user agent only through piiDigest). */
export type HashedFields = {
  seq: number;
  type: string;
  at: Date;
  subscriberId: string | null;
  subscriptionId: string | null;
  newsletterIds: unknown;
  formVersionId: string | null;
  actor: string;
  details: unknown;
  piiDigest: string | null;
};

const json = (v: unknown) => (typeof v === "string" ? JSON.stringify(v) : v === null ? "null" : canonicalJson(v));

/**
 * canonicalJson of the hashed fields, with `at` given as its ISO string (the verifier reads it as text).
 * Keys in sorted order; a key whose value is undefined is left out, as canonicalJson does.
 */
export function eventPayload(e: Omit<HashedFields, "at">, atIso: string): string {
  let s = "";
  const add = (key: string, v: unknown) => {
    if (v !== undefined) s += (s === "" ? '{"' : ',"') + key + '":' + json(v);
  };
  add("actor", e.actor);
  add("at", atIso);
  add("details", e.details ?? null);
  add("formVersionId", e.formVersionId);
  add("newsletterIds", e.newsletterIds ?? null);
  add("piiDigest", e.piiDigest);
  add("seq", e.seq);
  add("subscriberId", e.subscriberId);
  add("subscriptionId", e.subscriptionId);
  add("type", e.type);
  return s + "}";
}

/** sha256 of canonicalJson({ ip, userAgent }), written directly as well; null when both are empty. */
export function piiDigestOf(ip: string | null | undefined, userAgent: string | null | undefined): string | null {
  if (!ip && !userAgent) return null;
  return sha256('{"ip":' + json(ip ?? null) + ',"userAgent":' + json(userAgent ?? null) + "}");
}

export const eventHashOf = (prevHash: string, e: Omit<HashedFields, "at">, atIso: string) => sha256(prevHash + "\n" + eventPayload(e, atIso));

export const eventHash = (prevHash: string, e: HashedFields) => eventHashOf(prevHash, e, e.at.toISOString());
