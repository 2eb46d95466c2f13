import "server-only";
import type { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import type { Actor } from "@/lib/auth/actor";
import { forgetApiKey, generateApiKey } from "@/lib/auth/api-keys";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { prisma } from "@/lib/db/client";
import type { createApiKeyBody } from "@/lib/schemas/api-keys";

type KeyRow = { id: string; name: string; prefix: string; role: string; rateLimitPerMinute: number | null; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null };

const toView = (k: KeyRow) => ({
  id: k.id,
  name: k.name,
  prefix: k.prefix,
  role: k.role,
  rate_limit_per_minute: k.rateLimitPerMinute,
  created_at: k.createdAt.toISOString(),
  last_used_at: k.lastUsedAt?.toISOString() ?? null,
  revoked_at: k.revokedAt?.toISOString() ?? null,
});

/** A new key: its plain value is in this response only; the database keeps a hash. */
export async function createApiKey(input: z.infer<typeof createApiKeyBody>, actor: Actor) {
  const { key, prefix, hash } = generateApiKey();
  const row = await prisma.$transaction(async (tx) => {
    const created = await tx.apiKey.create({
      data: { name: input.name, role: input.role, prefix, hash, rateLimitPerMinute: input.rate_limit_per_minute ?? null, createdById: actor.type === "operator" ? actor.id : null },
    });
    await recordAuditEvent(tx, actor, { action: "api_key.created", targetType: "api_key", targetId: created.id, data: { name: input.name, role: input.role } });
    return created;
  });
  return { ...toView(row), key };
}

export async function listApiKeys() {
  const keys = await prisma.apiKey.findMany({ orderBy: { createdAt: "desc" } });
  return keys.map(toView);
}

export async function revokeApiKey(id: string, actor: Actor) {
  const view = await prisma.$transaction(async (tx) => {
    const existing = await tx.apiKey.findUnique({ where: { id } });
    if (!existing) throw new ApiError("NOT_FOUND", "API key not found");
    const revoked = existing.revokedAt ? existing : await tx.apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
    if (!existing.revokedAt) await recordAuditEvent(tx, actor, { action: "api_key.revoked", targetType: "api_key", targetId: id, data: { name: existing.name } });
    return toView(revoked);
  });
  // This instance stops accepting it now; others within API_KEY_CACHE_TTL_MS (lib/auth/api-keys.ts).
  forgetApiKey(id);
  return view;
}
