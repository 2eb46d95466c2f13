import "server-only";
import { randomBytes } from "node:crypto";
import { ApiError } from "@/lib/api/errors";
import type { Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { allowedOrigins } from "@/lib/env";
import type { CreateEmbedSiteBody, CreatedEmbedSite, EmbedSiteView, UpdateEmbedSiteBody } from "@/lib/embed/embed-site-schemas";

/** The team named by slug for a site, or none (the default team); an unknown slug is the caller's mistake. */
async function siteTeamId(tx: Prisma.TransactionClient, slug: string | null | undefined): Promise<string | null> {
  if (!slug) return null;
  const team = await tx.team.findUnique({ where: { slug }, select: { id: true } });
  if (!team) throw new ApiError("VALIDATION_ERROR", `Unknown team "${slug}"`, { details: { field: "team" } });
  return team.id;
}

const embedSiteSelect = {
  id: true,
  name: true,
  origin: true,
  secret: true,
  createdAt: true,
  revokedAt: true,
  team: { select: { id: true, slug: true, name: true } },
} satisfies Prisma.EmbedSiteSelect;
type EmbedSiteRow = Prisma.EmbedSiteGetPayload<{ select: typeof embedSiteSelect }>;

function toView(site: EmbedSiteRow, allowed: string[]): EmbedSiteView {
  return {
    id: site.id,
    name: site.name,
    origin: site.origin,
    allowed: allowed.includes(site.origin),
    secret_last4: site.secret.slice(-4),
    team: site.team,
    created_at: site.createdAt.toISOString(),
    revoked_at: site.revokedAt?.toISOString() ?? null,
  };
}

/** 256 random bits: the HS256 key is the UTF-8 bytes of this whole string, prefix included. */
function newSecret(): string {
  return `spes_${randomBytes(32).toString("base64url")}`;
}

export async function listEmbedSites(): Promise<EmbedSiteView[]> {
  const sites = await prisma.embedSite.findMany({ orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }], select: embedSiteSelect });
  const allowed = allowedOrigins();
  return sites.map((site) => toView(site, allowed));
}

/**
 * Registers a site and returns its secret, once. An origin whose site was revoked is issued a fresh secret (the
 * origin is unique); an origin with an active site is a conflict: revoke it first to rotate the secret.
 */
export async function createEmbedSite(input: CreateEmbedSiteBody, actor: Actor): Promise<CreatedEmbedSite> {
  const secret = newSecret();
  const site = await prisma.$transaction(async (tx) => {
    const existing = await tx.embedSite.findUnique({ where: { origin: input.origin }, select: { id: true, revokedAt: true } });
    const teamId = await siteTeamId(tx, input.team);
    if (existing && !existing.revokedAt) {
      throw new ApiError("CONFLICT", "This origin already has an active site: revoke it first to issue a new secret", { details: { id: existing.id } });
    }
    const row = existing
      ? await tx.embedSite.update({ where: { id: existing.id }, data: { name: input.name, secret, teamId, revokedAt: null, createdAt: new Date() }, select: embedSiteSelect })
      : await tx.embedSite.create({ data: { name: input.name, origin: input.origin, secret, teamId }, select: embedSiteSelect });
    await recordAuditEvent(tx, actor, {
      action: "embed_site.created",
      targetType: "embed_site",
      targetId: row.id,
      data: { name: input.name, origin: input.origin, reissued: Boolean(existing) },
    });
    return row;
  });
  return { ...toView(site, allowedOrigins()), secret };
}

/** Revoking is immediate: tokens signed with the site's secret stop being accepted on the next request. */
export async function revokeEmbedSite(id: string, actor: Actor): Promise<EmbedSiteView> {
  const site = await prisma.$transaction(async (tx) => {
    const existing = await tx.embedSite.findUnique({ where: { id }, select: embedSiteSelect });
    if (!existing) throw new ApiError("NOT_FOUND", "Embed site not found");
    if (existing.revokedAt) return existing;
    const revoked = await tx.embedSite.update({ where: { id }, data: { revokedAt: new Date() }, select: embedSiteSelect });
    await recordAuditEvent(tx, actor, { action: "embed_site.revoked", targetType: "embed_site", targetId: id, data: { name: existing.name, origin: existing.origin } });
    return revoked;
  });
  return toView(site, allowedOrigins());
}

/** Which team serves the chats a site opens. */
export async function updateEmbedSite(id: string, input: UpdateEmbedSiteBody, actor: Actor): Promise<EmbedSiteView> {
  const site = await prisma.$transaction(async (tx) => {
    const existing = await tx.embedSite.findUnique({ where: { id }, select: { id: true } });
    if (!existing) throw new ApiError("NOT_FOUND", "Embed site not found");
    const updated = await tx.embedSite.update({ where: { id }, data: { teamId: await siteTeamId(tx, input.team) }, select: embedSiteSelect });
    await recordAuditEvent(tx, actor, { action: "embed_site.updated", targetType: "embed_site", targetId: id, data: { team: input.team } });
    return updated;
  });
  return toView(site, allowedOrigins());
}
