import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import twilio from "twilio";
import type RequestClient from "twilio/lib/base/RequestClient";
import { env } from "@/lib/env";

export interface TwilioConfig {
  accountSid: string;
  authToken: string;
  /** "whatsapp:+14155238886" */
  from: string;
}

/** Twilio credentials and sender, or null when WhatsApp is not configured (notifications then go to the local outbox). */
export function twilioConfig(): TwilioConfig | null {
  const e = env();
  if (!e.TWILIO_ACCOUNT_SID || !e.TWILIO_AUTH_TOKEN || !e.TWILIO_WHATSAPP_NUMBER) return null;
  return { accountSid: e.TWILIO_ACCOUNT_SID, authToken: e.TWILIO_AUTH_TOKEN, from: e.TWILIO_WHATSAPP_NUMBER };
}

/** Twilio's URL rewritten onto TWILIO_API_BASE_URL (a test double or a gateway): same path and query, other origin. */
export function rebaseTwilioUrl(uri: string, base: string | undefined): string {
  if (!base) return uri;
  const original = new URL(uri);
  const target = new URL(base);
  target.pathname = `${target.pathname.replace(/\/$/, "")}${original.pathname}`;
  target.search = original.search;
  return target.toString();
}

/**
 * What the SDK's exceptions leave out: the Retry-After of a refused request. A sender runs its call inside
 * `twilioResponseInfo.run({}, ...)` and reads it back from the store.
 */
export const twilioResponseInfo = new AsyncLocalStorage<{ retryAfter?: string }>();

/** The SDK's own HTTP client, with every request sent to TWILIO_API_BASE_URL when it is set. */
class RebasingRequestClient extends twilio.RequestClient {
  constructor(
    private readonly baseUrl: string | undefined,
    options: ConstructorParameters<typeof twilio.RequestClient>[0],
  ) {
    super(options);
  }

  override async request<TData>(options: RequestClient.RequestOptions<TData>) {
    const response = await super.request<TData>({ ...options, uri: rebaseTwilioUrl(options.uri, this.baseUrl) });
    const info = twilioResponseInfo.getStore();
    if (info && response.statusCode >= 400) {
      const retryAfter = (response.headers as Record<string, unknown> | undefined)?.["retry-after"];
      if (retryAfter !== undefined) info.retryAfter = String(retryAfter);
    }
    return response;
  }
}

let cached: { key: string; client: twilio.Twilio } | undefined;

/** The Twilio REST client (one per process and configuration). Requests time out well inside the outbox lease. */
export function twilioClient(config: TwilioConfig): twilio.Twilio {
  const base = env().TWILIO_API_BASE_URL;
  const key = `${config.accountSid}:${config.authToken}:${base ?? ""}`;
  if (cached?.key !== key) {
    const httpClient = new RebasingRequestClient(base, { timeout: 30_000, keepAlive: true });
    // No autoRetry: the outbox owns retries, with its backoff and Retry-After handling.
    cached = { key, client: twilio(config.accountSid, config.authToken, { httpClient, autoRetry: false }) };
  }
  return cached.client;
}
