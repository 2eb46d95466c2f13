// The one place that reads process.env. Every variable is validated here; a bad value fails at boot naming it.
import { z } from "zod";
import { DEFAULT_CLIENT_LIMITS } from "@/lib/realtime/local-server/limits";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const optionalUrl = optionalString.pipe(z.url().optional());

const e164 = /^\+[1-9]\d{6,14}$/;

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3001),
  HOST: z.string().default("0.0.0.0"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),

  // Database: with no DATABASE_URL, `npm start` runs an embedded PostgreSQL under DATA_DIR.
  DATABASE_URL: optionalUrl,
  DATA_DIR: z.string().default(".data"),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),

  // Public URLs (the guide's names). CHAT_URL prefixes chat links handed to chatbots.
  APP_URL: optionalUrl,
  CHAT_URL: optionalUrl,
  ADMIN_URL: optionalUrl,
  ALLOWED_ORIGINS: optionalString,

  // Bootstrap: first admin account and the bootstrap API key.
  ADMIN_EMAIL: optionalString.pipe(z.email().optional()),
  ADMIN_API_KEY: optionalString.pipe(z.string().min(32, "must be at least 32 characters").optional()),
  AUTH_SECRET: optionalString.pipe(z.string().min(32, "must be at least 32 characters").optional()),

  // Realtime: hosted Pusher when PUSHER_APP_ID/KEY/SECRET are set; PUSHER_HOST/PORT for a self-hosted server.
  PUSHER_APP_ID: optionalString,
  PUSHER_KEY: optionalString,
  PUSHER_SECRET: optionalString,
  PUSHER_CLUSTER: z.string().default("eu"),
  PUSHER_HOST: optionalString,
  PUSHER_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  PUSHER_USE_TLS: bool.optional(),
  // What browsers use to reach the realtime server when it differs from PUSHER_HOST/PORT (e.g. behind a proxy).
  PUSHER_PUBLIC_HOST: optionalString,
  PUSHER_PUBLIC_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  REALTIME_PORT: z.coerce.number().int().min(1).max(65535).default(6001),
  // Per-client limits of the bundled realtime server (docs/realtime.md#limits). The client's address is the socket's
  // peer, or what TRUSTED_PROXIES allow X-Forwarded-For to say.
  REALTIME_MAX_CONNECTIONS_PER_IP: z.coerce.number().int().min(1).default(DEFAULT_CLIENT_LIMITS.maxConnectionsPerIp),
  REALTIME_MAX_CHANNELS_PER_CONNECTION: z.coerce.number().int().min(1).default(DEFAULT_CLIENT_LIMITS.maxChannelsPerConnection),
  REALTIME_MAX_FRAMES_PER_SECOND: z.coerce.number().int().min(1).default(DEFAULT_CLIENT_LIMITS.maxFramesPerSecond),
  REALTIME_MAX_CLIENT_EVENTS_PER_SECOND: z.coerce.number().int().min(1).default(DEFAULT_CLIENT_LIMITS.maxClientEventsPerSecond),
  REALTIME_MAX_FRAME_BYTES: z.coerce.number().int().min(1024).max(1024 * 1024).default(DEFAULT_CLIENT_LIMITS.maxFrameBytes),

  // Email (Resend).
  RESEND_API_KEY: optionalString,
  RESEND_BASE_URL: optionalUrl,
  FROM_EMAIL: optionalString,

  // WhatsApp (Twilio).
  TWILIO_ACCOUNT_SID: optionalString,
  TWILIO_AUTH_TOKEN: optionalString,
  TWILIO_WHATSAPP_NUMBER: optionalString.pipe(
    z
      .string()
      .regex(/^whatsapp:\+[1-9]\d{6,14}$/, "must look like whatsapp:+14155238886")
      .optional(),
  ),
  TWILIO_API_BASE_URL: optionalUrl,
  TWILIO_WEBHOOK_URL: optionalUrl,
  TWILIO_TEMPLATE_TICKET_UPDATE_SID: optionalString,
  TWILIO_TEMPLATE_ADMIN_ALERT_SID: optionalString,
  ADMIN_PHONE: optionalString.pipe(z.string().regex(e164, "must be an E.164 number like +393331234567").optional()),
  // Inbound WhatsApp media is fetched from Twilio only up to this size.
  WHATSAPP_MEDIA_MAX_BYTES: z.coerce.number().int().min(1).default(16 * 1024 * 1024),

  // Web Push to operators' devices (VAPID). Unset: a key pair is generated once and kept in the database, shared by
  // every instance. VAPID_SUBJECT is who push services may contact (mailto: or https:), default mailto:ADMIN_EMAIL.
  VAPID_PUBLIC_KEY: optionalString,
  VAPID_PRIVATE_KEY: optionalString,
  VAPID_SUBJECT: optionalString.pipe(z.string().regex(/^(mailto:|https:\/\/)/, "must start with mailto: or https://").optional()),

  // Notification delivery (the outbox worker): attempts before a notification goes to the dead-letter list, the
  // first retry delay (doubling, with jitter, capped at an hour) and Resend's per-team request rate.
  NOTIFICATION_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(10),
  NOTIFICATION_RETRY_BASE_SECONDS: z.coerce.number().min(0.05).max(3600).default(30),
  RESEND_REQUESTS_PER_SECOND: z.coerce.number().int().min(1).default(2),

  // Outbound webhooks (docs/webhooks.md). Private, loopback and link-local targets are refused unless allowed (tests,
  // a desk and its bot on one private network); the timeout and the retry schedule's scale (1 = the documented
  // ~27-hour schedule; tests shrink it); an endpoint failing for this many hours and attempts in a row is disabled.
  WEBHOOK_ALLOW_PRIVATE: bool.default(false),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(10_000),
  WEBHOOK_RETRY_SCALE: z.coerce.number().min(0.0001).max(10).default(1),
  WEBHOOK_DISABLE_AFTER_HOURS: z.coerce.number().min(0).max(24 * 30).default(72),
  WEBHOOK_DISABLE_AFTER_FAILURES: z.coerce.number().int().min(1).max(100_000).default(50),
  WEBHOOK_SECRET_OVERLAP_HOURS: z.coerce.number().min(0).max(24 * 30).default(24),

  // Abuse limits, requests per minute.
  RATE_LIMIT_IP_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  RATE_LIMIT_USER_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  RATE_LIMIT_API_KEY_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  // A customer's chat messages: per session, and per client address across sessions.
  RATE_LIMIT_MESSAGES_PER_SESSION_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  RATE_LIMIT_MESSAGES_IP_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  // The other anonymous session actions (claim, resume link, transcript, read receipts, close) per client address.
  RATE_LIMIT_SESSION_ACTIONS_IP_PER_MINUTE: z.coerce.number().int().min(1).default(60),

  // Which proxies in front of the app may say who the client is (X-Forwarded-For): a hop count ("1" on Render) or
  // a comma-separated list of addresses/CIDRs/proxy-addr names ("loopback", "uniquelocal"). Unset: none, so the
  // socket's own address is the client's.
  TRUSTED_PROXIES: optionalString,
  // Set by the launcher for its web server: the proof that the peer-address header came from our own server.
  SPORTELLO_PEER_SECRET: optionalString,

  // Queue estimate: the handle time assumed until enough sessions have closed to measure it.
  DEFAULT_HANDLE_MINUTES: z.coerce.number().min(0.5).max(240).default(5),

  // Chat attachments (images, PDF): the largest file accepted, in bytes.
  ATTACHMENT_MAX_BYTES: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(10 * 1024 * 1024),
  // Where new attachments are stored: "db" (PostgreSQL, the default: every instance and every backup has them) or
  // "s3", an S3-compatible bucket (AWS S3, Cloudflare R2, MinIO...) through the official AWS SDK. Files keep the
  // storage they were written to, so switching later leaves older ones readable. Without S3 keys the SDK's own
  // credential chain applies (an IAM role, AWS_* variables).
  ATTACHMENT_STORAGE: z.enum(["db", "s3"]).default("db"),
  S3_BUCKET: optionalString,
  S3_REGION: z.string().trim().min(1).default("us-east-1"),
  // Another S3-compatible service's endpoint (https://<account>.r2.cloudflarestorage.com, http://minio:9000).
  S3_ENDPOINT: optionalUrl,
  S3_ACCESS_KEY_ID: optionalString,
  S3_SECRET_ACCESS_KEY: optionalString,
  // Path-style URLs (endpoint/bucket/key) instead of bucket.endpoint: MinIO and most self-hosted services need it.
  S3_FORCE_PATH_STYLE: bool.default(false),
  // The total size of the files an email reply may carry (Resend accepts up to 40 MB per email once encoded).
  EMAIL_ATTACHMENTS_MAX_BYTES: z.coerce.number().int().min(0).max(30 * 1024 * 1024).default(10 * 1024 * 1024),

  // Whether this process runs the background worker (web instances on Render run it separately).
  RUN_WORKER: bool.default(true),
});

/** Cross-field rules, checked after each variable on its own. */
function checkCombinations(value: z.infer<typeof envSchema>, ctx: z.RefinementCtx): void {
  if (value.ATTACHMENT_STORAGE === "s3" && !value.S3_BUCKET) ctx.addIssue({ code: "custom", path: ["S3_BUCKET"], message: "is required when ATTACHMENT_STORAGE=s3" });
  if (!!value.S3_ACCESS_KEY_ID !== !!value.S3_SECRET_ACCESS_KEY) {
    ctx.addIssue({ code: "custom", path: [value.S3_ACCESS_KEY_ID ? "S3_SECRET_ACCESS_KEY" : "S3_ACCESS_KEY_ID"], message: "S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together" });
  }
}

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.superRefine(checkCombinations).safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new EnvError(`Invalid environment variables:\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: Env | undefined;

/** The validated environment of this process, parsed on first use. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Tests only: forget the parsed environment so the next env() call reads process.env again. */
export function resetEnvCache(): void {
  cached = undefined;
}

/** The public base URL of the app (no trailing slash). */
export function appUrl(): string {
  const e = env();
  return (e.APP_URL ?? e.CHAT_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, "");
}

/** Base URL for the customer chat links handed to chatbots (the guide's CHAT_URL). */
/** The public page of a ticket, reached with its access token. */
export function ticketUrl(accessToken: string): string {
  return `${appUrl()}/ticket/${accessToken}`;
}

export function chatUrl(): string {
  return (env().CHAT_URL ?? appUrl()).replace(/\/$/, "");
}

export function allowedOrigins(): string[] {
  const raw = env().ALLOWED_ORIGINS;
  if (!raw) return [];
  return raw
    .split(",")
    .map((o) => o.trim().replace(/\/$/, ""))
    .filter(Boolean);
}

/** True while `next build` collects page data: modules are imported then, but nothing may run for real. */
export function isBuildPhase(): boolean {
  return process.env.NEXT_PHASE === "phase-production-build";
}
