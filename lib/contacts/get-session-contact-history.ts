import "server-only";
import { ApiError } from "@/lib/api/errors";
import { prisma } from "@/lib/db/client";
import { resolveContactId } from "@/lib/contacts/get-contact";
import type { Principal } from "@/lib/auth/principal";
import { canView } from "@/lib/auth/customer-key";

/**
 * The contact behind a session the operator may look at (its operator, an admin, or any operator while it is
 * queued), or 404 — for the chat sidebar and the read-only conversation page.
 */
export async function getViewableSessionContact(sessionId: string, principal: Principal | null): Promise<{ contactId: string }> {
  const session = await prisma.chatSession.findUnique({ where: { id: sessionId }, select: { contactId: true, operatorId: true, status: true } });
  if (!session || !canView(principal, session)) throw new ApiError("NOT_FOUND", "Session not found");
  return { contactId: session.contactId };
}

/** For the live chat sidebar: the session's customer, their other conversations and their open tickets. */
export async function getSessionContactHistory(sessionId: string, principal: Principal | null) {
  const session = await getViewableSessionContact(sessionId, principal);
  const contactId = await resolveContactId(session.contactId);
  const [conversations, tickets] = await Promise.all([
    prisma.chatSession.findMany({
      where: { contactId, id: { not: sessionId } },
      orderBy: { createdAt: "desc" },
      take: 10,
      select: { id: true, channel: true, status: true, question: true, createdAt: true, closedAt: true, operator: { select: { name: true } } },
    }),
    prisma.ticket.findMany({
      where: { contactId, status: { in: ["open", "pending"] } },
      orderBy: { createdAt: "desc" },
      take: 10,
      select: { id: true, number: true, status: true, channel: true, question: true, createdAt: true },
    }),
  ]);
  return {
    contact_id: contactId,
    conversations: conversations.map((c) => ({
      id: c.id,
      channel: c.channel,
      status: c.status,
      question: c.question,
      operator_name: c.operator?.name ?? null,
      created_at: c.createdAt.toISOString(),
      closed_at: c.closedAt?.toISOString() ?? null,
    })),
    open_tickets: tickets.map((t) => ({ id: t.id, number: t.number, status: t.status, channel: t.channel, question: t.question, created_at: t.createdAt.toISOString() })),
  };
}
