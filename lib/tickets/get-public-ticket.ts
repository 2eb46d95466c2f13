import "server-only";
import { ApiError } from "@/lib/api/errors";
import { prisma } from "@/lib/db/client";
import { ticketMessageSelect } from "@/lib/tickets/append-ticket-message";
import { getCsatSettings } from "@/lib/csat/csat-settings";

const publicMessage = (m: { seq: number; sender: string; body: string; channel: string; createdAt: Date; operator: { name: string } | null }) => ({
  seq: m.seq,
  sender: m.sender,
  body: m.body,
  channel: m.channel,
  // Operators appear by name only: no ids or emails on the customer's page.
  operator_name: m.sender === "operator" ? (m.operator?.name ?? null) : null,
  created_at: m.createdAt.toISOString(),
});

/**
 * The customer's view of their ticket, found by its unguessable access token: the question, the chat that led to
 * it and the thread of answers. Internal notes, assignee, tags and metadata are never part of it.
 */
export async function getPublicTicket(token: string) {
  const ticket = await prisma.ticket.findUnique({
    where: { accessToken: token },
    select: {
      id: true,
      number: true,
      status: true,
      question: true,
      createdAt: true,
      messages: { select: ticketMessageSelect, orderBy: { seq: "asc" } },
      session: { select: { messages: { select: ticketMessageSelect, orderBy: { seq: "asc" } } } },
      ratings: { select: { score: true } },
    },
  });
  if (!ticket) throw new ApiError("NOT_FOUND", "Ticket not found");
  const csat = await getCsatSettings();
  const resolved = ticket.status === "resolved" || ticket.status === "closed";
  return {
    id: ticket.id,
    number: ticket.number,
    status: ticket.status,
    question: ticket.question,
    created_at: ticket.createdAt.toISOString(),
    can_reply: ticket.status !== "closed",
    chat: (ticket.session?.messages ?? []).filter((m) => m.sender !== "system").map(publicMessage),
    messages: ticket.messages.map(publicMessage),
    // CSAT: asked once the ticket is resolved, when ratings are on for tickets; the customer's score once given.
    rating: { asked: resolved && csat.enabled && csat.on_ticket_resolve, score: ticket.ratings[0]?.score ?? null },
  };
}

export type PublicTicket = Awaited<ReturnType<typeof getPublicTicket>>;
