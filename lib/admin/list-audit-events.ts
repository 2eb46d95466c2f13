import "server-only";
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { AuditQuery } from "@/lib/admin/admin-schemas";
import { resolveActorNames } from "@/lib/audit/resolve-actor-names";
import { resolveAuditTargets } from "@/lib/admin/resolve-audit-targets";
import { endOfRange } from "@/lib/tickets/list-tickets";

/** The audit log, newest first, with each actor's display name and each target's label. */
export async function listAuditEvents(query: AuditQuery) {
  const where: Prisma.AuditEventWhereInput = {
    ...(query.action ? { action: query.action.endsWith(".") ? { startsWith: query.action } : query.action } : {}),
    ...(query.actor_type ? { actorType: query.actor_type } : {}),
    ...(query.actor ? { actorId: query.actor } : {}),
    ...(query.target_type ? { targetType: query.target_type } : {}),
    ...(query.target_id ? { targetId: query.target_id } : {}),
    ...(query.from || query.to ? { at: { ...(query.from ? { gte: query.from } : {}), ...(query.to ? { lt: endOfRange(query.to) } : {}) } } : {}),
  };
  const [total, rows] = await prisma.$transaction([
    prisma.auditEvent.count({ where }),
    prisma.auditEvent.findMany({ where, orderBy: [{ at: "desc" }, { id: "desc" }], skip: (query.page - 1) * query.page_size, take: query.page_size }),
  ]);
  const [names, targets] = await Promise.all([resolveActorNames(rows), resolveAuditTargets(rows)]);
  return {
    events: rows.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      action: e.action,
      actor: { type: e.actorType, id: e.actorId, name: names.get(`${e.actorType}:${e.actorId}`) ?? null },
      target: e.targetType ? { type: e.targetType, id: e.targetId, label: targets.get(`${e.targetType}:${e.targetId}`) ?? null } : null,
      data: e.data ?? null,
    })),
    pagination: { page: query.page, page_size: query.page_size, total, total_pages: Math.max(1, Math.ceil(total / query.page_size)) },
  };
}

/** The distinct actions recorded so far, for the filter's list. */
export async function listAuditActions(): Promise<string[]> {
  const rows = await prisma.auditEvent.findMany({ distinct: ["action"], select: { action: true }, orderBy: { action: "asc" } });
  return rows.map((r) => r.action);
}
