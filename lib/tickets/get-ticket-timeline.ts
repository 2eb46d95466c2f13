import "server-only";
import { prisma } from "@/lib/db/client";
import { resolveActorNames } from "@/lib/audit/resolve-actor-names";
import { ticketMessageSelect, type TicketMessageRow } from "@/lib/tickets/append-ticket-message";
import { getTicketOrThrow } from "@/lib/tickets/get-ticket-or-throw";
import type { BotHandoff } from "@/lib/schemas/escalation";

const messageData = (m: TicketMessageRow) => ({
  id: m.id,
  seq: m.seq,
  sender: m.sender,
  body: m.body,
  channel: m.channel,
  operator_name: m.operator?.name ?? null,
  delivery_status: m.deliveryStatus,
});

export type TimelineItem =
  | { type: "created"; at: string; data: { number: number; question: string; priority: string; channel: string; source: string; metadata: unknown; reason: string | null } }
  | { type: "chat_message" | "message"; at: string; data: ReturnType<typeof messageData> }
  | { type: "handoff"; at: string; data: BotHandoff }
  | { type: "note"; at: string; data: { id: string; body: string; author: { id: string; name: string } | null } }
  | { type: "event"; at: string; data: { action: string; actor: { type: string; id: string | null; name: string | null }; details: unknown } }
  | { type: "notification"; at: string; data: { id: string; kind: string; channel: string; recipient: string; status: string; attempts: number; last_error: string | null } };

/**
 * One timeline per ticket across channels, oldest first: the chat that led to it (with the chatbot's question and
 * metadata), the thread by web, WhatsApp and email, internal notes, status and assignment changes, and every
 * notification sent (or still trying) for it. Operators only: it includes the internal notes.
 */
export async function getTicketTimeline(ref: string): Promise<{ ticket_id: string; number: number; items: TimelineItem[] }> {
  const ticket = await getTicketOrThrow(ref, {
    id: true,
    number: true,
    question: true,
    priority: true,
    channel: true,
    source: true,
    metadata: true,
    createdAt: true,
    sessionId: true,
    botHandoff: true,
    session: { select: { botHandoff: true, queuedAt: true } },
  });
  const [chat, messages, notes, audits, notifications] = await Promise.all([
    ticket.sessionId ? prisma.message.findMany({ where: { sessionId: ticket.sessionId }, select: ticketMessageSelect, orderBy: { seq: "asc" } }) : [],
    prisma.message.findMany({ where: { ticketId: ticket.id }, select: ticketMessageSelect, orderBy: { seq: "asc" } }),
    prisma.ticketNote.findMany({ where: { ticketId: ticket.id }, select: { id: true, body: true, createdAt: true, author: { select: { id: true, name: true } } } }),
    prisma.auditEvent.findMany({ where: { targetType: "ticket", targetId: ticket.id }, orderBy: { at: "asc" } }),
    prisma.notification.findMany({
      where: { ticketId: ticket.id },
      select: { id: true, kind: true, channel: true, recipient: true, status: true, attempts: true, lastError: true, createdAt: true, sentAt: true },
    }),
  ]);
  const names = await resolveActorNames(audits);
  const created = audits.find((a) => a.action === "ticket.created");

  // What the bot handed over (its conversation before the escalation): first in the timeline.
  const handoff = (ticket.botHandoff ?? ticket.session?.botHandoff ?? null) as BotHandoff | null;
  const handoffAt = (ticket.session?.queuedAt ?? ticket.createdAt).toISOString();
  const items: TimelineItem[] = [
    ...(handoff ? [{ type: "handoff" as const, at: handoffAt, data: handoff }] : []),
    {
      type: "created",
      at: ticket.createdAt.toISOString(),
      data: {
        number: ticket.number,
        question: ticket.question,
        priority: ticket.priority,
        channel: ticket.channel,
        source: ticket.source,
        metadata: ticket.metadata ?? null,
        reason: ((created?.data as { reason?: string } | null)?.reason ?? null),
      },
    },
    ...chat.map((m) => ({ type: "chat_message" as const, at: m.createdAt.toISOString(), data: messageData(m) })),
    ...messages.map((m) => ({ type: "message" as const, at: m.createdAt.toISOString(), data: messageData(m) })),
    ...notes.map((n) => ({ type: "note" as const, at: n.createdAt.toISOString(), data: { id: n.id, body: n.body, author: n.author } })),
    ...audits
      .filter((a) => a.action !== "ticket.created")
      .map((a) => ({
        type: "event" as const,
        at: a.at.toISOString(),
        data: { action: a.action, actor: { type: a.actorType, id: a.actorId, name: names.get(`${a.actorType}:${a.actorId}`) ?? null }, details: a.data ?? null },
      })),
    ...notifications.map((n) => ({
      type: "notification" as const,
      at: (n.sentAt ?? n.createdAt).toISOString(),
      data: { id: n.id, kind: n.kind, channel: n.channel, recipient: n.recipient, status: n.status, attempts: n.attempts, last_error: n.lastError },
    })),
  ];
  // Stable order: by time, and the chat before the ticket it led to.
  const rank: Record<TimelineItem["type"], number> = { handoff: -1, chat_message: 0, created: 1, message: 2, event: 3, note: 4, notification: 5 };
  items.sort((a, b) => a.at.localeCompare(b.at) || rank[a.type] - rank[b.type]);
  return { ticket_id: ticket.id, number: ticket.number, items };
}
