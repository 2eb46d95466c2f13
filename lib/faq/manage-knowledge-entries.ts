import "server-only";
import { ApiError } from "@/lib/api/errors";
import type { Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { KnowledgeEntryBody, KnowledgeEntryView, KnowledgeListQuery, UpdateKnowledgeEntryBody } from "@/lib/faq/faq-schemas";

/** A knowledge base is small by nature; past this the list is cut (and the admin page says so). */
export const KNOWLEDGE_LIST_LIMIT = 2000;

const knowledgeSelect = { id: true, question: true, answer: true, keywords: true, locale: true, active: true, createdAt: true, updatedAt: true } satisfies Prisma.KnowledgeEntrySelect;
type KnowledgeRow = Prisma.KnowledgeEntryGetPayload<{ select: typeof knowledgeSelect }>;

function toView(row: KnowledgeRow): KnowledgeEntryView {
  return {
    id: row.id,
    question: row.question,
    answer: row.answer,
    keywords: row.keywords,
    locale: row.locale === "en" ? "en" : "it",
    active: row.active,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export async function listKnowledgeEntries(query: KnowledgeListQuery): Promise<KnowledgeEntryView[]> {
  const rows = await prisma.knowledgeEntry.findMany({
    where: {
      ...(query.locale ? { locale: query.locale } : {}),
      ...(query.active === undefined ? {} : { active: query.active }),
      ...(query.q
        ? {
            OR: [
              { question: { contains: query.q, mode: "insensitive" as const } },
              { answer: { contains: query.q, mode: "insensitive" as const } },
              { keywords: { has: query.q.toLowerCase() } },
            ],
          }
        : {}),
    },
    orderBy: [{ locale: "asc" }, { question: "asc" }],
    take: KNOWLEDGE_LIST_LIMIT,
    select: knowledgeSelect,
  });
  return rows.map(toView);
}

export async function getKnowledgeEntry(id: string): Promise<KnowledgeEntryView> {
  const row = await prisma.knowledgeEntry.findUnique({ where: { id }, select: knowledgeSelect });
  if (!row) throw new ApiError("NOT_FOUND", "Knowledge base entry not found");
  return toView(row);
}

export async function createKnowledgeEntry(input: KnowledgeEntryBody, actor: Actor): Promise<KnowledgeEntryView> {
  const row = await prisma.$transaction(async (tx) => {
    const created = await tx.knowledgeEntry.create({ data: input, select: knowledgeSelect });
    await recordAuditEvent(tx, actor, { action: "knowledge.created", targetType: "knowledge_entry", targetId: created.id, data: { question: created.question, locale: created.locale } });
    return created;
  });
  return toView(row);
}

export async function updateKnowledgeEntry(id: string, input: UpdateKnowledgeEntryBody, actor: Actor): Promise<KnowledgeEntryView> {
  const row = await prisma.$transaction(async (tx) => {
    const before = await tx.knowledgeEntry.findUnique({ where: { id }, select: knowledgeSelect });
    if (!before) throw new ApiError("NOT_FOUND", "Knowledge base entry not found");
    const updated = await tx.knowledgeEntry.update({ where: { id }, data: input, select: knowledgeSelect });
    const changed = (Object.keys(input) as (keyof UpdateKnowledgeEntryBody)[]).filter(
      (key) => input[key] !== undefined && JSON.stringify(before[key]) !== JSON.stringify(updated[key]),
    );
    if (changed.length > 0) {
      await recordAuditEvent(tx, actor, { action: "knowledge.updated", targetType: "knowledge_entry", targetId: id, data: { fields: changed, question: updated.question } });
    }
    return updated;
  });
  return toView(row);
}

export async function deleteKnowledgeEntry(id: string, actor: Actor): Promise<{ id: string; deleted: true }> {
  await prisma.$transaction(async (tx) => {
    const existing = await tx.knowledgeEntry.findUnique({ where: { id }, select: { question: true, answer: true, locale: true } });
    if (!existing) throw new ApiError("NOT_FOUND", "Knowledge base entry not found");
    await tx.knowledgeEntry.delete({ where: { id } });
    // The audit keeps the text, so a deletion can be undone by hand.
    await recordAuditEvent(tx, actor, { action: "knowledge.deleted", targetType: "knowledge_entry", targetId: id, data: existing });
  });
  return { id, deleted: true };
}
