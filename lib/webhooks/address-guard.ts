// Against SSRF: an endpoint may not point at this machine or the private network behind it (loopback,
// RFC 1918, link-local incl. cloud metadata, unique-local, CGNAT, unspecified, multicast) unless
// WEBHOOKS_ALLOW_PRIVATE=1. Checked when the endpoint is registered and again on every connection, on the
// address actually dialled (guardedLookup), so a name that later resolves elsewhere (DNS rebinding) is refused.
import { lookup, type LookupAddress } from "node:dns";
import { BlockList, isIP } from "node:net";
import { promisify } from "node:util";
import { config } from "../config/index.ts";

const blocked = new BlockList();
for (const [net, bits] of [["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12],
  ["192.0.0.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["224.0.0.0", 4], ["240.0.0.0", 4]] as const) blocked.addSubnet(net, bits, "ipv4");
for (const [net, bits] of [["::", 128], ["::1", 128], ["fc00::", 7], ["fe80::", 10], ["ff00::", 8], ["64:ff9b::", 96]] as const) blocked.addSubnet(net, bits, "ipv6");

export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  const ip = mapped ?? address;
  const family = isIP(ip);
  if (!family) return true;
  return blocked.check(ip, family === 4 ? "ipv4" : "ipv6");
}

/** Whether private addresses are allowed: the caller's override, else WEBHOOKS_ALLOW_PRIVATE. */
export const allowsPrivate = (override?: boolean) => override ?? config().webhooksAllowPrivate;

/** null when the URL may receive webhooks, else why not (one sentence for the admin). */
export async function checkEndpointUrl(url: string, opts: { allowPrivate?: boolean } = {}): Promise<string | null> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return "Enter a full link, e.g. https://crm.example.com/hooks/proofmail.";
  }
  if (u.protocol !== "https:" && u.protocol !== "http:") return "Only http:// and https:// links can receive webhooks.";
  if (u.username || u.password) return "Leave the user name and password out of the link.";
  if (allowsPrivate(opts.allowPrivate)) return null;
  const host = u.hostname.replace(/^\[|\]$/g, "");
  const addresses = isIP(host) ? [host] : await promisify(lookup)(host, { all: true }).then((r: LookupAddress[]) => r.map((a) => a.address), () => null);
  if (!addresses?.length) return `The host ${host} could not be found.`;
  if (addresses.some(isPrivateAddress)) return `${host} is a private or local address; webhooks go only to public addresses.`;
  return null;
}

/** A dns.lookup for http(s).request that refuses private addresses at connect time. */
export function guardedLookup(opts: { allowPrivate?: boolean } = {}): typeof lookup {
  const allow = allowsPrivate(opts.allowPrivate);
  return ((hostname: string, options: object, callback: (err: Error | null, address: string | LookupAddress[], family?: number) => void) => {
    lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, "");
      const list = addresses as LookupAddress[];
      if (!allow && (!list.length || list.some((a) => isPrivateAddress(a.address)))) return callback(new Error(`${hostname} resolves to a private or local address`), "");
      if ((options as { all?: boolean }).all) return callback(null, list);
      callback(null, list[0].address, list[0].family);
    });
  }) as typeof lookup;
}
