// The requester's IP and user agent, for consent events and rate limits. X-Forwarded-For is trusted
// only when TRUST_PROXY=1 (behind a reverse proxy you run); otherwise anyone could forge it.
import { headers } from "next/headers";

export async function clientIp(): Promise<string> {
  const h = await headers();
  if (process.env.TRUST_PROXY === "1") {
    const xff = h.get("x-forwarded-for")?.split(",")[0]?.trim();
    if (xff) return xff.slice(0, 64);
  }
  return (h.get("x-real-ip") ?? "127.0.0.1").slice(0, 64);
}

export async function requestInfo(): Promise<{ ip: string; userAgent: string }> {
  const h = await headers();
  return { ip: await clientIp(), userAgent: (h.get("user-agent") ?? "").slice(0, 500) };
}
