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

/**
 * How long an instance trusts a key it has looked up. A chatbot calls many times a second; without this every call
 * paid a database round trip for the same row. A revoked key stops working at once on the instance that revoked it
 * (revokeApiKey evicts it) and within this time on the others; a changed rate limit applies within it too.
 */
export const API_KEY_CACHE_TTL_MS = 5_000;
const CACHE_MAX_KEYS = 1_000;

interface CachedKey {
  principal: ApiKeyPrincipal;
  expires: number;
}

/** By key hash. Only keys that exist and are live: an unknown key is looked up every time (nothing to fill it with). */
const cache = new Map<string, CachedKey>();

/** Forgets a key on this instance at once (revocation). */
export function forgetApiKey(id: string): void {
  for (const [hash, entry] of cache) if (entry.principal.keyId === id) cache.delete(hash);
}

/** Resolves a bearer key to its principal, or null when unknown or revoked. */
export async function verifyApiKey(key: string): Promise<ApiKeyPrincipal | null> {
  const bootstrap = env().ADMIN_API_KEY;
  if (bootstrap && safeEqual(key, bootstrap)) {
    return { kind: "api_key", keyId: "bootstrap", role: "admin", bootstrap: true, rateLimitPerMinute: null };
  }
  if (!key.startsWith("spk_")) return null;
  const hash = hashApiKey(key);
  const now = Date.now();
  const cached = cache.get(hash);
  if (cached && cached.expires > now) return cached.principal;
  cache.delete(hash);
  const record = await prisma.apiKey.findUnique({ where: { hash } });
  if (!record || record.revokedAt) return null;
  // Best effort and throttled to once a minute: last-used is informative, not an invariant.
  if (!record.lastUsedAt || now - record.lastUsedAt.getTime() > 60_000) {
    await prisma.apiKey.update({ where: { id: record.id }, data: { lastUsedAt: new Date(now) } }).catch(() => undefined);
  }
  const principal: ApiKeyPrincipal = {
    kind: "api_key",
    keyId: record.id,
    role: record.role === "admin" ? "admin" : "chatbot",
    bootstrap: false,
    rateLimitPerMinute: record.rateLimitPerMinute,
  };
  if (cache.size >= CACHE_MAX_KEYS) cache.clear();
  cache.set(hash, { principal, expires: now + API_KEY_CACHE_TTL_MS });
  return principal;
}

/** A new key: the plain value is returned once and only its hash is stored. */
export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const key = `spk_${randomBytes(24).toString("base64url")}`;
  return { key, prefix: key.slice(0, 10), hash: hashApiKey(key) };
}
