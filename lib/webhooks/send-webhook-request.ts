import "server-only";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { env } from "@/lib/env";
import { isNonPublicAddress } from "@/lib/webhooks/address-policy";

/** The response body kept for the delivery log: enough to see an error page's gist, never a whole download. */
export const MAX_RESPONSE_BYTES = 4096;

export class BlockedAddressError extends Error {
  constructor(host: string, address: string) {
    super(`${host} resolves to ${address}, a loopback, private or link-local address (WEBHOOK_ALLOW_PRIVATE is off)`);
    this.name = "BlockedAddressError";
  }
}

export interface WebhookResponse {
  status: number;
  body: string;
  retryAfter: string | null;
}

/**
 * The lookup every webhook connection uses: the address is checked at connect time, on the very address the socket
 * will use, so a DNS answer that changes between registration and sending (DNS rebinding) cannot reach the
 * internal network.
 */
function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, "", 0);
      const list = addresses ?? [];
      const refused = allowPrivate ? undefined : list.find((a) => isNonPublicAddress(a.address));
      if (refused) return callback(new BlockedAddressError(hostname, refused.address), "", 0);
      if (list.length === 0) return callback(Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" }), "", 0);
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
      callback(null, list[0].address, list[0].family);
    });
  };
}

/** Refuses a URL whose host is a literal non-public IP (no lookup happens for those) when private targets are off. */
export function checkLiteralHost(url: URL, allowPrivate = env().WEBHOOK_ALLOW_PRIVATE): void {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (!allowPrivate && isIP(host) && isNonPublicAddress(host)) throw new BlockedAddressError(url.hostname, host);
}

/** Resolves a URL's host now, with the same policy as sending: used when an admin registers or changes an endpoint. */
export async function checkWebhookTarget(rawUrl: string): Promise<void> {
  const url = new URL(rawUrl);
  const allowPrivate = env().WEBHOOK_ALLOW_PRIVATE;
  checkLiteralHost(url, allowPrivate);
  if (isIP(url.hostname.replace(/^\[|\]$/g, ""))) return;
  await new Promise<void>((resolve, reject) =>
    guardedLookup(allowPrivate)(url.hostname, { all: true }, (error) => (error ? reject(error) : resolve())),
  );
}

/** How long an idle pooled connection is kept: below the 5 s keep-alive most servers (Node's included) use. */
const IDLE_SOCKET_MS = 4_000;

const agents = new Map<string, http.Agent>();

/**
 * Keep-alive connections, one pool per protocol and address policy: the address check runs in the lookup when a
 * connection is opened, so a pooled connection was checked under the same policy it is reused under (a connection
 * opened while private targets were allowed is never handed to a request made with them refused).
 */
function agentFor(protocol: string, allowPrivate: boolean): http.Agent {
  const key = `${protocol}${allowPrivate}`;
  let agent = agents.get(key);
  if (!agent) {
    const options = { keepAlive: true, timeout: IDLE_SOCKET_MS, maxFreeSockets: 64, lookup: guardedLookup(allowPrivate) };
    agent = protocol === "https:" ? new https.Agent(options) : new http.Agent(options);
    agents.set(key, agent);
  }
  return agent;
}

/** A pooled connection the server had already closed: the request never reached it, so it is sent again at once. */
function isStaleConnection(request: http.ClientRequest, error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return request.reusedSocket && (code === "ECONNRESET" || code === "EPIPE");
}

/**
 * POSTs one webhook: http(s) only, no redirects followed, the address checked when the (kept-alive) connection is
 * opened, a short overall timeout, and at most MAX_RESPONSE_BYTES of the response read.
 */
export function sendWebhookRequest(rawUrl: string, headers: Record<string, string>, body: string): Promise<WebhookResponse> {
  const { WEBHOOK_ALLOW_PRIVATE, WEBHOOK_TIMEOUT_MS } = env();
  const url = new URL(rawUrl);
  if (url.protocol !== "http:" && url.protocol !== "https:") return Promise.reject(new Error(`unsupported protocol ${url.protocol}`));
  try {
    checkLiteralHost(url, WEBHOOK_ALLOW_PRIVATE);
  } catch (error) {
    return Promise.reject(error as Error);
  }
  const transport = url.protocol === "https:" ? https : http;
  const agent = agentFor(url.protocol, WEBHOOK_ALLOW_PRIVATE);
  const signal = AbortSignal.timeout(WEBHOOK_TIMEOUT_MS);
  const send = (mayResend: boolean): Promise<WebhookResponse> =>
    new Promise((resolve, reject) => {
      const request = transport.request(
        url,
        {
          method: "POST",
          headers: { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(body), "user-agent": "Sportello-Webhooks/1" },
          lookup: guardedLookup(WEBHOOK_ALLOW_PRIVATE),
          agent,
          signal,
        },
        (response) => {
          const chunks: Buffer[] = [];
          let size = 0;
          const finish = () => {
            resolve({
              status: response.statusCode ?? 0,
              body: Buffer.concat(chunks).toString("utf8").slice(0, MAX_RESPONSE_BYTES),
              retryAfter: (response.headers["retry-after"] as string | undefined) ?? null,
            });
          };
          response.on("data", (chunk: Buffer) => {
            if (size >= MAX_RESPONSE_BYTES) return;
            chunks.push(chunk.subarray(0, MAX_RESPONSE_BYTES - size));
            size += chunk.length;
            // Enough read: the rest of a large answer is not our business (the connection goes with it).
            if (size >= MAX_RESPONSE_BYTES) {
              finish();
              response.destroy();
            }
          });
          response.on("end", finish);
          response.on("error", (error) => (size >= MAX_RESPONSE_BYTES ? finish() : reject(error)));
        },
      );
      request.on("error", (error) => (mayResend && isStaleConnection(request, error) ? resolve(send(false)) : reject(error)));
      request.end(body);
    });
  return send(true);
}
