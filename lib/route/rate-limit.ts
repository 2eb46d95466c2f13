import "server-only";
import pg from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { ApiError } from "@/lib/api/errors";
import type { Principal } from "@/lib/auth/principal";
import { env } from "@/lib/env";
import { logger } from "@/lib/log/logger";

// Counters live in PostgreSQL (table rate_limits, created by the migrations), so limits hold across instances.
let pool: pg.Pool | undefined;
const limiters = new Map<string, RateLimiterPostgres>();

function limiter(name: string, pointsPerMinute: number): RateLimiterPostgres {
  const key = `${name}:${pointsPerMinute}`;
  let existing = limiters.get(key);
  if (!existing) {
    if (!pool) {
      pool = new pg.Pool({ connectionString: env().DATABASE_URL, max: 4 });
      // An idle connection dropped by the server must not crash the process; the pool reconnects on next use.
      pool.on("error", (error) => logger.warn({ err: error }, "rate-limit pool connection lost"));
    }
    existing = new RateLimiterPostgres({
      storeClient: pool,
      storeType: "pool",
      tableName: "rate_limits",
      tableCreated: true,
      keyPrefix: name,
      points: pointsPerMinute,
      duration: 60,
    });
    limiters.set(key, existing);
  }
  return existing;
}

/** The one 429 answer, with the seconds until the window resets. */
export function rateLimited(msBeforeNext: number): ApiError {
  const retryAfter = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new ApiError("RATE_LIMITED", "Too many requests, retry later", {
    details: { retry_after: retryAfter },
    headers: { "Retry-After": String(retryAfter) },
  });
}

async function consume(name: string, pointsPerMinute: number, key: string): Promise<void> {
  try {
    await limiter(name, pointsPerMinute).consume(key);
  } catch (error) {
    if (error instanceof RateLimiterRes) throw rateLimited(error.msBeforeNext);
    throw error;
  }
}

/**
 * Limits for the public writes (escalations, tickets): per client IP and per user_id for anonymous callers; a
 * chatbot key has its own, higher budget; the bootstrap admin key is not limited.
 */
export async function limitPublicWrite(principal: Principal | null, ip: string, userId?: string | null): Promise<void> {
  const e = env();
  if (principal?.kind === "api_key") {
    if (principal.bootstrap) return;
    await consume("key", principal.rateLimitPerMinute ?? e.RATE_LIMIT_API_KEY_PER_MINUTE, principal.keyId);
    return;
  }
  if (principal?.kind === "operator") return;
  await consume("ip", e.RATE_LIMIT_IP_PER_MINUTE, ip);
  if (userId) await consume("user", e.RATE_LIMIT_USER_PER_MINUTE, userId);
}

/**
 * A customer's messages (not an operator's, not a chatbot key's): per session and per client address, so neither
 * one chat nor one client can flood operators and the database. They are counted inside the message's own statement
 * (sportello_post_message, lib/chat/post-message.ts), on the same rows and windows as the limits above.
 */
export function customerMessageLimits(): { perSession: number; perIp: number } {
  const e = env();
  return { perSession: e.RATE_LIMIT_MESSAGES_PER_SESSION_PER_MINUTE, perIp: e.RATE_LIMIT_MESSAGES_IP_PER_MINUTE };
}

/** Anonymous session actions (claim, resume link, transcript, close, read receipts) per client address. */
export async function limitSessionAction(principal: Principal | null, ip: string): Promise<void> {
  if (principal) return;
  await consume("session-ip", env().RATE_LIMIT_SESSION_ACTIONS_IP_PER_MINUTE, ip);
}
