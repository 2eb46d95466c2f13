import "server-only";
import { ApiError } from "@/lib/api/errors";
import { prisma } from "@/lib/db/client";
import { publish } from "@/lib/realtime/server";
import { recordCustomerReply } from "@/lib/tickets/record-customer-reply";

/** The customer answers from the ticket page (the access token is their key); the assignee hears it live. */
export async function replyOnTicketPage(accessToken: string, body: string) {
  const result = await prisma.$transaction(async (tx) => {
    const ticket = await tx.ticket.findUnique({ where: { accessToken }, select: { id: true } });
    if (!ticket) throw new ApiError("NOT_FOUND", "Ticket not found");
    return recordCustomerReply(tx, { ticketId: ticket.id, body, channel: "web" });
  });
  await publish(result.events);
  const m = result.message;
  return { seq: m.seq, sender: m.sender, body: m.body, channel: m.channel, status: result.status, created_at: m.createdAt.toISOString() };
}
