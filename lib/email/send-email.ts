import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { Resend } from "resend";
import { env } from "@/lib/env";
import { logger } from "@/lib/log/logger";
import { DeliveryError, isRetryableStatus, parseRetryAfter } from "@/lib/net/delivery-error";
import type { EmailAttachment } from "@/lib/email/email-attachments";
import type { RenderedEmail } from "@/lib/email/render-email";

export interface EmailConfig {
  apiKey: string;
  from: string;
}

/** Resend's key and sender, or null when email is not configured (notifications then go to the local outbox). */
export function emailConfig(): EmailConfig | null {
  const e = env();
  if (!e.RESEND_API_KEY) return null;
  // Resend's shared test sender works for any account until a domain is verified.
  return { apiKey: e.RESEND_API_KEY, from: e.FROM_EMAIL ?? "Sportello <onboarding@resend.dev>" };
}

let client: { key: string; resend: Resend } | undefined;

function resendClient(config: EmailConfig): Resend {
  const baseUrl = env().RESEND_BASE_URL;
  const key = `${config.apiKey}:${baseUrl ?? ""}`;
  // The SDK would read RESEND_BASE_URL from the environment by itself; passing it keeps lib/env the one reader.
  if (client?.key !== key) client = { key, resend: new Resend(config.apiKey, baseUrl ? { baseUrl } : undefined) };
  return client.resend;
}

let limiter: RateLimiterPostgres | undefined;

/** Resend allows about 2 requests per second per team: the budget is counted in PostgreSQL, so it holds across instances. */
function resendLimiter(): RateLimiterPostgres {
  if (limiter) return limiter;
  const pool = new pg.Pool({ connectionString: env().DATABASE_URL, max: 2 });
  // An idle connection the server closed must not crash the process; the next query opens a new one.
  pool.on("error", (error) => logger.warn({ err: error }, "Resend rate-limit pool connection lost"));
  limiter = new RateLimiterPostgres({
    storeClient: pool,
    storeType: "pool",
    tableName: "rate_limits",
    tableCreated: true,
    keyPrefix: "resend",
    points: env().RESEND_REQUESTS_PER_SECOND,
    duration: 1,
  });
  return limiter;
}

async function waitForSendSlot(): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await resendLimiter().consume("send");
      return;
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      if (Date.now() + error.msBeforeNext > deadline) {
        throw new DeliveryError("Resend send budget exhausted", { retryable: true, retryAfterMs: error.msBeforeNext, code: "local_rate_limit" });
      }
      await sleep(error.msBeforeNext + Math.random() * 50);
    }
  }
}

/**
 * Sends one email through Resend. The Idempotency-Key (the notification id) makes a resend after a crash or a lost
 * answer safe: Resend answers it with the first email instead of sending a second one.
 */
export async function sendEmail(
  config: EmailConfig,
  input: { to: string; email: RenderedEmail; idempotencyKey: string; attachments?: EmailAttachment[] },
  options: { sharedRateLimit?: boolean } = {},
): Promise<{ id: string }> {
  // The setup check (npm run notify:test) may run without a database to count in.
  if (options.sharedRateLimit ?? true) await waitForSendSlot();
  const { data, error, headers } = await resendClient(config).emails.send(
    {
      from: config.from,
      to: input.to,
      subject: input.email.subject,
      text: input.email.text,
      html: input.email.html,
      // Sent base64-encoded by the SDK (Resend's `content`): no public URL of the file is ever needed.
      ...(input.attachments?.length ? { attachments: input.attachments } : {}),
    },
    { idempotencyKey: input.idempotencyKey, signal: AbortSignal.timeout(30_000) },
  );
  if (data) return { id: data.id };
  const status = error?.statusCode ?? null;
  throw new DeliveryError(`Resend ${status ?? "unreachable"}${error?.name ? ` ${error.name}` : ""}: ${error?.message ?? "no answer"}`, {
    // Same key, different content: retrying cannot help. Every other 409 is a concurrent retry still in flight.
    retryable: isRetryableStatus(status) && error?.name !== "invalid_idempotent_request",
    retryAfterMs: parseRetryAfter(headers?.["retry-after"]),
    code: error?.name ?? status ?? undefined,
  });
}
