// GET /api/public/tickets/{token} – the customer's thread (no internal notes); POST – the customer answers
import { ok, route } from "@/lib/api/handler";
import { limitPublicWrite } from "@/lib/api/rate-limit";
import { prisma } from "@/lib/db/client";
import { ApiError } from "@/lib/api/errors";
import { publish } from "@/lib/realtime/server";
import { getPublicTicket } from "@/lib/tickets/get-public-ticket";
import { recordCustomerReply } from "@/lib/tickets/record-customer-reply";
import { customerReplyBody, ticketTokenParams } from "@/lib/tickets/ticket-schemas";

export const GET = route({ params: ticketTokenParams }, async ({ params }) => ok(await getPublicTicket(params.token)));

export const POST = route({ params: ticketTokenParams, body: customerReplyBody }, async ({ params, body, principal, ip }) => {
  await limitPublicWrite(principal, ip, `ticket:${params.token.slice(0, 12)}`);
  const result = await prisma.$transaction(async (tx) => {
    const ticket = await tx.ticket.findUnique({ where: { accessToken: params.token }, select: { id: true } });
    if (!ticket) throw new ApiError("NOT_FOUND", "Ticket not found");
    return recordCustomerReply(tx, { ticketId: ticket.id, body: body.body, channel: "web" });
  });
  await publish(result.events);
  const m = result.message;
  return ok({ seq: m.seq, sender: m.sender, body: m.body, channel: m.channel, status: result.status, created_at: m.createdAt.toISOString() }, 201);
});
