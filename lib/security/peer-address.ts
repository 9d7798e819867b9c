// The internal request header that carries the TCP peer address from our web server
// (lib/server/create-web-server.ts) to route handlers and server actions, which cannot see the socket.
// The server deletes any copy a client sent before writing its own, and marks this process, so
// request-info trusts the header only when that server really is in front of Next.
export const PEER_ADDRESS_HEADER = "x-proofmail-peer-address";

const MARK = Symbol.for("proofmail.peer-address-written");
const g = globalThis as unknown as Record<symbol, boolean | undefined>;

/** Called by the web server once, before it accepts requests. */
export function markPeerAddressWritten(): void {
  g[MARK] = true;
}

/** True when this process serves through our web server, so the header cannot come from a client. */
export function peerAddressWritten(): boolean {
  return g[MARK] === true;
}
