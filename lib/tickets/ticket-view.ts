import "server-only";
import { ticketUrl } from "@/lib/env";
import type { Prisma } from "@/lib/db/generated/client";
import { isOverdue } from "@/lib/tickets/ticket-lifecycle";

export const ticketSelect = {
  id: true,
  number: true,
  status: true,
  priority: true,
  question: true,
  channel: true,
  source: true,
  tags: true,
  metadata: true,
  sessionId: true,
  accessToken: true,
  dueAt: true,
  firstResponseAt: true,
  resolvedAt: true,
  closedAt: true,
  slaBreachedAt: true,
  createdAt: true,
  updatedAt: true,
  assignee: { select: { id: true, name: true, email: true } },
  contact: { select: { id: true, userId: true, email: true, phone: true, name: true } },
} satisfies Prisma.TicketSelect;

export type TicketRow = Prisma.TicketGetPayload<{ select: typeof ticketSelect }>;

/** The operator-facing JSON of a ticket (snake_case, the API contract). */
export function toTicketView(t: TicketRow, now = new Date()) {
  return {
    id: t.id,
    number: t.number,
    status: t.status,
    priority: t.priority,
    question: t.question,
    channel: t.channel,
    source: t.source,
    tags: t.tags,
    metadata: t.metadata ?? null,
    session_id: t.sessionId,
    assignee: t.assignee ? { id: t.assignee.id, name: t.assignee.name, email: t.assignee.email } : null,
    contact: { id: t.contact.id, user_id: t.contact.userId, email: t.contact.email, phone: t.contact.phone, name: t.contact.name },
    due_at: t.dueAt.toISOString(),
    overdue: isOverdue(t, now),
    first_response_at: t.firstResponseAt?.toISOString() ?? null,
    resolved_at: t.resolvedAt?.toISOString() ?? null,
    closed_at: t.closedAt?.toISOString() ?? null,
    sla_breached_at: t.slaBreachedAt?.toISOString() ?? null,
    customer_url: ticketUrl(t.accessToken),
    created_at: t.createdAt.toISOString(),
    updated_at: t.updatedAt.toISOString(),
  };
}

export type TicketView = ReturnType<typeof toTicketView>;
