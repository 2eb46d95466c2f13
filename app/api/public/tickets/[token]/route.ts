// GET /api/public/tickets/{token} – the customer's thread (no internal notes); POST – the customer answers
import { ok, route } from "@/lib/api/handler";
import { limitPublicWrite } from "@/lib/api/rate-limit";
import { getPublicTicket } from "@/lib/tickets/get-public-ticket";
import { replyOnTicketPage } from "@/lib/tickets/reply-on-ticket-page";
import { customerReplyBody, ticketTokenParams } from "@/lib/tickets/ticket-schemas";

export const GET = route({ params: ticketTokenParams }, async ({ params }) => ok(await getPublicTicket(params.token)));

export const POST = route({ params: ticketTokenParams, body: customerReplyBody }, async ({ params, body, principal, ip }) => {
  await limitPublicWrite(principal, ip, `ticket:${params.token.slice(0, 12)}`);
  return ok(await replyOnTicketPage(params.token, body.body), 201);
});
