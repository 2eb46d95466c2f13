import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";

export type ApiKeyRole = "admin" | "chatbot";

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(hashApiKey(a));
  const right = Buffer.from(hashApiKey(b));
  return timingSafeEqual(left, right);
}

export interface ApiKeyPrincipal {
  kind: "api_key";
  keyId: string;
  role: ApiKeyRole;
  /** The env ADMIN_API_KEY: not rate limited, not revocable from the panel. */
  bootstrap: boolean;
  rateLimitPerMinute: number | null;
}

/** Resolves a bearer key to its principal, or null when unknown or revoked. */
export async function verifyApiKey(key: string): Promise<ApiKeyPrincipal | null> {
  const bootstrap = env().ADMIN_API_KEY;
  if (bootstrap && safeEqual(key, bootstrap)) {
    return { kind: "api_key", keyId: "bootstrap", role: "admin", bootstrap: true, rateLimitPerMinute: null };
  }
  if (!key.startsWith("spk_")) return null;
  const record = await prisma.apiKey.findUnique({ where: { hash: hashApiKey(key) } });
  if (!record || record.revokedAt) return null;
  // Best effort and throttled to once a minute: last-used is informative, not an invariant.
  if (!record.lastUsedAt || Date.now() - record.lastUsedAt.getTime() > 60_000) {
    await prisma.apiKey.update({ where: { id: record.id }, data: { lastUsedAt: new Date() } }).catch(() => undefined);
  }
  return {
    kind: "api_key",
    keyId: record.id,
    role: record.role === "admin" ? "admin" : "chatbot",
    bootstrap: false,
    rateLimitPerMinute: record.rateLimitPerMinute,
  };
}

/** A new key: the plain value is returned once and only its hash is stored. */
export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const key = `spk_${randomBytes(24).toString("base64url")}`;
  return { key, prefix: key.slice(0, 10), hash: hashApiKey(key) };
}
