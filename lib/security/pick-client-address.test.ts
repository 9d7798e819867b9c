import { describe, it, expect } from "vitest";
import { parseTrustProxy } from "../config/index.ts";
import { normaliseAddress, pickClientAddress } from "./pick-client-address.ts";

describe("pickClientAddress", () => {
  const proxies = parseTrustProxy("127.0.0.1, 10.0.0.0/8, ::1");

  it.each<[string, string | null, string, string, string]>([
    // [peer, X-Forwarded-For, TRUST_PROXY, expected, why]
    ["203.0.113.7", "1.2.3.4", "", "203.0.113.7", "no TRUST_PROXY: the header is ignored"],
    ["::ffff:203.0.113.7", null, "", "203.0.113.7", "an IPv4-mapped peer is stored as IPv4"],
    ["198.51.100.9", "1.2.3.4", "127.0.0.1", "198.51.100.9", "a peer that is not a listed proxy: its header is ignored"],
    ["127.0.0.1", "203.0.113.7", "127.0.0.1", "203.0.113.7", "one trusted proxy: the entry it appended"],
    ["127.0.0.1", "6.6.6.6, 203.0.113.7", "127.0.0.1", "203.0.113.7", "a client's forged entry on the left is skipped"],
    ["127.0.0.1", "6.6.6.6, 203.0.113.7, 10.1.2.3", "127.0.0.1, 10.0.0.0/8", "203.0.113.7", "two trusted hops: right-most untrusted"],
    ["10.9.9.9", "203.0.113.7,10.1.1.1 , 10.2.2.2", "10.0.0.0/8", "203.0.113.7", "ranges, spaces around commas"],
    ["127.0.0.1", "10.1.1.1, 10.2.2.2", "127.0.0.1, 10.0.0.0/8", "10.1.1.1", "every hop trusted: the furthest one"],
    ["127.0.0.1", null, "127.0.0.1", "127.0.0.1", "a trusted proxy that sent no header: the proxy itself"],
    ["127.0.0.1", "", "127.0.0.1", "127.0.0.1", "an empty header: the proxy itself"],
    ["127.0.0.1", "203.0.113.7, garbage", "127.0.0.1", "127.0.0.1", "a malformed entry: the last address vouched for"],
    ["127.0.0.1", "203.0.113.7:4711", "127.0.0.1", "203.0.113.7", "an entry with a port"],
    ["::1", "[2001:db8::5]:443", "::1", "2001:db8::5", "IPv6 proxy and client"],
    ["::ffff:127.0.0.1", "203.0.113.7", "127.0.0.1", "203.0.113.7", "an IPv4-mapped peer matches an IPv4 proxy"],
  ])("peer %s, X-Forwarded-For %j, TRUST_PROXY %j → %s (%s)", (peer, xff, trust, expected, _why) => {
    expect(pickClientAddress({ peer, forwardedFor: xff, trusted: parseTrustProxy(trust) })).toBe(expected);
  });

  it("never returns something that is not an address", () => {
    expect(pickClientAddress({ peer: "", forwardedFor: "1.2.3.4", trusted: proxies })).toBe("unknown");
    expect(pickClientAddress({ peer: "127.0.0.1", forwardedFor: "<script>", trusted: proxies })).toBe("127.0.0.1");
  });

  it("normalises addresses", () => {
    expect(normaliseAddress(" 2001:DB8::1 ")).toBe("2001:db8::1");
    expect(normaliseAddress("::ffff:10.0.0.1")).toBe("10.0.0.1");
    expect(normaliseAddress("1.2.3")).toBeNull();
  });
});
