import "server-only";
import { prisma } from "@/lib/db/client";

interface AuditRow {
  targetType: string | null;
  targetId: string | null;
  data: unknown;
}

const dataText = (data: unknown, key: string): string | undefined => {
  const value = (data as Record<string, unknown> | null)?.[key];
  return typeof value === "string" || typeof value === "number" ? String(value) : undefined;
};

/**
 * What people call an audit event's target ("type:id" → label): an operator's or API key's name, "#1042" for a
 * ticket, the customer's name for a chat, a knowledge entry's question. Ids of deleted rows fall back to what the
 * event itself recorded, and then to nothing (the page shows the type alone rather than a cuid).
 */
export async function resolveAuditTargets(rows: AuditRow[]): Promise<Map<string, string>> {
  const ids = (type: string) => [...new Set(rows.filter((r) => r.targetType === type && r.targetId).map((r) => r.targetId!))];
  const [operators, keys, sites, tickets, sessions, entries] = await Promise.all([
    prisma.operator.findMany({ where: { id: { in: ids("operator") } }, select: { id: true, name: true } }),
    prisma.apiKey.findMany({ where: { id: { in: ids("api_key") } }, select: { id: true, name: true } }),
    prisma.embedSite.findMany({ where: { id: { in: ids("embed_site") } }, select: { id: true, name: true } }),
    prisma.ticket.findMany({ where: { id: { in: ids("ticket") } }, select: { id: true, number: true } }),
    prisma.chatSession.findMany({ where: { id: { in: ids("session") } }, select: { id: true, contact: { select: { name: true, email: true } } } }),
    prisma.knowledgeEntry.findMany({ where: { id: { in: ids("knowledge_entry") } }, select: { id: true, question: true } }),
  ]);
  const labels = new Map<string, string>();
  for (const o of operators) labels.set(`operator:${o.id}`, o.name);
  for (const k of keys) labels.set(`api_key:${k.id}`, k.name);
  for (const s of sites) labels.set(`embed_site:${s.id}`, s.name);
  for (const t of tickets) labels.set(`ticket:${t.id}`, `#${t.number}`);
  for (const s of sessions) {
    const who = s.contact.name ?? s.contact.email;
    if (who) labels.set(`session:${s.id}`, who);
  }
  for (const e of entries) labels.set(`knowledge_entry:${e.id}`, e.question);
  for (const row of rows) {
    const key = `${row.targetType}:${row.targetId}`;
    if (labels.has(key) || !row.targetType) continue;
    const recorded =
      row.targetType === "ticket"
        ? dataText(row.data, "number") && `#${dataText(row.data, "number")}`
        : (dataText(row.data, "name") ?? dataText(row.data, "question") ?? dataText(row.data, "email"));
    if (recorded) labels.set(key, recorded);
  }
  return labels;
}
