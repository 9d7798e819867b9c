// Which address a request came from. The TCP peer is the client, unless the peer is one of the reverse
// proxies you run (TRUST_PROXY): then each trusted hop vouches for the entry it appended to
// X-Forwarded-For, so walk that list from the right and stop at the first address that is not a trusted
// proxy. Anything further left was written by the client and could be anything.
import net from "node:net";
import type { TrustedProxy } from "../config/index.ts";

const lists = new WeakMap<TrustedProxy[], net.BlockList>();

function blockList(trusted: TrustedProxy[]): net.BlockList {
  let list = lists.get(trusted);
  if (!list) {
    list = new net.BlockList();
    for (const t of trusted) list.addSubnet(t.address, t.prefix, t.family);
    lists.set(trusted, list);
  }
  return list;
}

/** A plain IP address, or null: "::ffff:1.2.3.4" → "1.2.3.4"; "1.2.3.4:567" and "[::1]:80" lose the port. */
export function normaliseAddress(value: string): string | null {
  let v = value.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(v);
  if (bracketed) v = bracketed[1];
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(v)) v = v.slice(0, v.lastIndexOf(":"));
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(v);
  if (mapped) v = mapped[1];
  return net.isIP(v) ? v.toLowerCase() : null;
}

export function pickClientAddress({ peer, forwardedFor, trusted }: { peer: string; forwardedFor: string | null; trusted: TrustedProxy[] }): string {
  let current = normaliseAddress(peer) ?? "unknown";
  if (trusted.length === 0 || current === "unknown") return current;
  const list = blockList(trusted);
  const isTrusted = (ip: string) => list.check(ip, net.isIP(ip) === 4 ? "ipv4" : "ipv6");
  const hops = (forwardedFor ?? "").split(",").reverse();
  for (const hop of hops) {
    if (!isTrusted(current)) break;
    const ip = normaliseAddress(hop);
    if (!ip) break; // a malformed entry: the last address we could vouch for stands
    current = ip;
  }
  return current;
}
