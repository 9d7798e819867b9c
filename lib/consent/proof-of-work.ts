// An optional, self-hosted proof-of-work for signup forms (Form.proofOfWork): the page carries a signed
// challenge, the browser finds a nonce so that sha256(challenge + ":" + nonce) starts with POW_BITS zero
// bits (about a second of work), and the server checks it. No third party is called. A challenge is
// stateless (HMAC-signed, valid for an hour) and usable once (recorded in the shared rate-limit store).
import { createHash, timingSafeEqual } from "node:crypto";
import { config } from "../config/index.ts";
import { hmacSha256, randomToken, sha256 } from "../util/hash.ts";
import { hit } from "../security/rate-limit.ts";

export const POW_BITS = 16;
const VALID_MS = 60 * 60 * 1000;

const mac = (body: string) => hmacSha256(config().authSecret, `pow:${body}`);

export function issueChallenge({ formId, now = new Date() }: { formId: string; now?: Date }): { challenge: string; bits: number } {
  const body = `${formId}.${now.getTime()}.${randomToken().slice(0, 16)}`;
  return { challenge: `${body}.${mac(body)}`, bits: POW_BITS };
}

export function leadingZeroBits(hex: string): number {
  let bits = 0;
  for (const ch of hex) {
    const v = parseInt(ch, 16);
    if (v === 0) { bits += 4; continue; }
    return bits + Math.clz32(v) - 28;
  }
  return bits;
}

/** Checks a solution and uses the challenge up. `bits` is for tests; forms always use POW_BITS. */
export async function verifyProofOfWork({ formId, challenge, nonce, now = new Date(), bits = POW_BITS }: {
  formId: string; challenge: unknown; nonce: unknown; now?: Date; bits?: number;
}): Promise<boolean> {
  if (typeof challenge !== "string" || typeof nonce !== "string" || challenge.length > 200 || !/^[0-9]{1,16}$/.test(nonce)) return false;
  const parts = challenge.split(".");
  if (parts.length !== 4) return false;
  const [id, issued, , sig] = parts;
  const body = parts.slice(0, 3).join(".");
  const expected = Buffer.from(mac(body));
  if (id !== formId || sig.length !== expected.length || !timingSafeEqual(Buffer.from(sig), expected)) return false;
  const age = now.getTime() - Number(issued);
  if (!Number.isFinite(age) || age < -60_000 || age > VALID_MS) return false;
  const digest = createHash("sha256").update(`${challenge}:${nonce}`).digest("hex");
  if (leadingZeroBits(digest) < bits) return false;
  return (await hit("pow-used", sha256(challenge), { points: 1, durationSec: VALID_MS / 1000 })).ok;
}

/** The solver, for tests and as the reference for the browser's version (components in the form page). */
export function solveChallenge(challenge: string, bits = POW_BITS): string {
  for (let n = 0; ; n++) {
    if (leadingZeroBits(createHash("sha256").update(`${challenge}:${n}`).digest("hex")) >= bits) return String(n);
  }
}
