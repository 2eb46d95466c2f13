// The client's address, from the socket and the proxies we were told to trust (TRUSTED_PROXIES), never from a
// header a client can write by itself. proxy-addr walks X-Forwarded-For from the socket inwards and stops at the
// first address that is not a trusted proxy.
import proxyaddr from "proxy-addr";

export type TrustProxy = (address: string, hop: number) => boolean;

/** TRUSTED_PROXIES: unset → trust nobody; "2" → the two nearest hops; "10.0.0.0/8, loopback" → those addresses. */
export function compileTrustedProxies(setting: string | undefined): TrustProxy {
  const value = setting?.trim();
  if (!value) return () => false;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return (_address, hop) => hop < hops;
  }
  const list = value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  return proxyaddr.compile(list);
}

/**
 * The client's address given the socket's peer address and the X-Forwarded-For header as received.
 * With no trusted proxy it is the peer itself, whatever the header says.
 */
export function resolveClientAddress(peer: string, forwardedFor: string | null | undefined, trust: TrustProxy): string {
  const request = { socket: { remoteAddress: peer }, connection: { remoteAddress: peer }, headers: forwardedFor ? { "x-forwarded-for": forwardedFor } : {} };
  return proxyaddr(request as unknown as Parameters<typeof proxyaddr>[0], trust);
}
