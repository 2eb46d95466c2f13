import { describe, expect, it } from "vitest";
import { compileTrustedProxies, resolveClientAddress } from "@/lib/net/client-address";

describe("resolveClientAddress", () => {
  const cases: { name: string; trusted: string | undefined; peer: string; xff?: string; expected: string }[] = [
    { name: "no trusted proxy: the socket, whatever the header says", trusted: undefined, peer: "198.51.100.7", xff: "1.2.3.4", expected: "198.51.100.7" },
    { name: "no header: the socket", trusted: "1", peer: "10.0.0.2", expected: "10.0.0.2" },
    { name: "one trusted hop: the address that hop saw", trusted: "1", peer: "10.0.0.2", xff: "203.0.113.9", expected: "203.0.113.9" },
    { name: "one trusted hop: a forged first entry is ignored", trusted: "1", peer: "10.0.0.2", xff: "6.6.6.6, 203.0.113.9", expected: "203.0.113.9" },
    { name: "two trusted hops", trusted: "2", peer: "10.0.0.2", xff: "6.6.6.6, 203.0.113.9, 10.0.0.3", expected: "203.0.113.9" },
    { name: "CIDR list: trusted proxies skipped, first untrusted wins", trusted: "10.0.0.0/8", peer: "10.0.0.2", xff: "6.6.6.6, 203.0.113.9, 10.1.2.3", expected: "203.0.113.9" },
    { name: "CIDR list: an untrusted peer is the client", trusted: "10.0.0.0/8", peer: "198.51.100.7", xff: "203.0.113.9", expected: "198.51.100.7" },
    { name: "named range", trusted: "loopback", peer: "127.0.0.1", xff: "203.0.113.9", expected: "203.0.113.9" },
  ];
  it.each(cases)("$name", ({ trusted, peer, xff, expected }) => {
    expect(resolveClientAddress(peer, xff, compileTrustedProxies(trusted))).toBe(expected);
  });

  it("rejects a malformed proxy list at compile time", () => {
    expect(() => compileTrustedProxies("not-an-address")).toThrow();
  });
});
