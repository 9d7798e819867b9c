// The hash of one ledger event: sha256(prevHash + "\n" + canonicalJson(fields)). The fields are a fixed set
// of top-level keys, so they are written here in canonicalJson's (sorted) key order without its generic
// walk (entries, filter, sort, join), which was most of the cost of verifying millions of events. The output
// is byte-identical to canonicalJson (event-hash.test.ts); nested values (newsletterIds, details) still go
// through canonicalJson.
import { canonicalJson } from "../util/canonical-json.ts";
import { sha256 } from "../util/hash.ts";

/** The prevHash of the first event. */
export const GENESIS_HASH = "0".repeat(64);

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

// Characters JSON.stringify may escape (quote, backslash, controls, surrogates); strings without any, the
// usual case (ids, hashes), are quoted as they are, which is about twice as fast.
const ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;

function json(v: unknown): string {
  if (typeof v === "string") return ESCAPED.test(v) ? JSON.stringify(v) : '"' + v + '"';
  return v === null ? "null" : canonicalJson(v);
}

// One `"key":value` member; a value that is undefined is left out, as canonicalJson does. (A module-level
// function, not a closure: creating one per event showed up in the profile.)
function member(s: string, key: string, v: unknown): string {
  return v === undefined ? s : s + (s === "" ? '{"' : ',"') + key + '":' + json(v);
}

/** canonicalJson of the hashed fields, with `at` given as its ISO string; keys in canonicalJson's sorted order. */
export function eventPayload(e: Omit<HashedFields, "at">, atIso: string): string {
  let s = member("", "actor", e.actor);
  s = member(s, "at", atIso);
  s = member(s, "details", e.details ?? null);
  s = member(s, "formVersionId", e.formVersionId);
  s = member(s, "newsletterIds", e.newsletterIds ?? null);
  s = member(s, "piiDigest", e.piiDigest);
  s = member(s, "seq", e.seq);
  s = member(s, "subscriberId", e.subscriberId);
  s = member(s, "subscriptionId", e.subscriptionId);
  s = member(s, "type", e.type);
  return s + "}";
}

/** sha256 of canonicalJson({ ip, userAgent }), written directly as well; null when both are empty. */
export function piiDigestOf(ip: string | null | undefined, userAgent: string | null | undefined): string | null {
  if (!ip && !userAgent) return null;
  return sha256('{"ip":' + json(ip ?? null) + ',"userAgent":' + json(userAgent ?? null) + "}");
}

export const eventHashOf = (prevHash: string, e: Omit<HashedFields, "at">, atIso: string) => sha256(prevHash + "\n" + eventPayload(e, atIso));

export const eventHash = (prevHash: string, e: HashedFields) => eventHashOf(prevHash, e, e.at.toISOString());
