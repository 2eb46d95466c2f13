import "server-only";
import { prisma } from "@/lib/db/client";
import { getTicketOrThrow } from "@/lib/tickets/get-ticket-or-throw";

/** An internal note: operators only, never on the customer's page nor in any notification. */
export async function addTicketNote(ref: string, body: string, authorId: string | null) {
  return prisma.$transaction(async (tx) => {
    const ticket = await getTicketOrThrow(ref, { id: true }, tx);
    const note = await tx.ticketNote.create({
      data: { ticketId: ticket.id, authorId, body },
      select: { id: true, body: true, createdAt: true, author: { select: { id: true, name: true } } },
    });
    return { id: note.id, ticket_id: ticket.id, body: note.body, author: note.author, created_at: note.createdAt.toISOString() };
  });
}
