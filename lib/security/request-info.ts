// The requester's IP and user agent, for consent events and rate limits. The address is the TCP peer,
// which our web server (lib/server/create-web-server.ts) writes into an internal header; X-Real-IP and
// X-Forwarded-For from clients are ignored. Behind proxies listed in TRUST_PROXY, the right-most
// X-Forwarded-For entry that is not one of them (lib/security/pick-client-address.ts).
import { headers } from "next/headers";
import { config } from "../config/index.ts";
import { PEER_ADDRESS_HEADER, peerAddressWritten } from "./peer-address.ts";
import { pickClientAddress } from "./pick-client-address.ts";
import { getLogger } from "../log/logger.ts";

let warned = false;

export async function clientIp(): Promise<string> {
  const h = await headers();
  if (!peerAddressWritten()) {
    // Plain `next start`/`next dev`: anyone could send the internal header, so no address is known.
    if (!warned) getLogger("http").warn("client addresses are unknown: serve the app with `npm start` or `npm run serve`, not `next start`");
    warned = true;
    return "unknown";
  }
  const peer = h.get(PEER_ADDRESS_HEADER) ?? "";
  return pickClientAddress({ peer, forwardedFor: h.get("x-forwarded-for"), trusted: config().trustProxy }).slice(0, 64);
}

export async function requestInfo(): Promise<{ ip: string; userAgent: string }> {
  const h = await headers();
  return { ip: await clientIp(), userAgent: (h.get("user-agent") ?? "").slice(0, 500) };
}
