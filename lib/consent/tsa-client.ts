// Asks an RFC 3161 timestamp authority (LEDGER_TSA_URL) to stamp bytes: a TimeStampReq over HTTP POST as
// application/timestamp-query (RFC 3161 §3.4), and the answer checked before anything is kept
// (timestamp-token.ts: status granted, our imprint, our nonce, the authority's signature). Never throws: a
// failure comes back as a reason, for the caller to record and retry.
import "server-only";
import { buildTimestampRequest, readTimestampResponse, type TokenCheck } from "./timestamp-token.ts";

const MAX_ANSWER_BYTES = 1024 * 1024;

export type StampResult = { ok: true; token: Buffer; check: Extract<TokenCheck, { ok: true }> } | { ok: false; problem: string };

export async function requestTimestamp(url: string, data: Uint8Array, { timeoutMs = 30_000 }: { timeoutMs?: number } = {}): Promise<StampResult> {
  const { der, nonce } = buildTimestampRequest(data);
  let answer: Buffer;
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/timestamp-query", Accept: "application/timestamp-reply" },
      body: new Uint8Array(der),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: "error",
    });
    if (!res.ok) return { ok: false, problem: `the timestamp authority answered HTTP ${res.status}` };
    answer = Buffer.from(await res.arrayBuffer());
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    const why = e.name === "TimeoutError" ? `no answer within ${Math.round(timeoutMs / 1000)} s` : (e.cause?.code ?? e.cause?.message ?? e.message);
    return { ok: false, problem: `the timestamp authority cannot be reached: ${why}` };
  }
  if (answer.length > MAX_ANSWER_BYTES) return { ok: false, problem: `the timestamp authority's answer is too large (${answer.length} bytes)` };
  return readTimestampResponse(answer, data, nonce);
}
