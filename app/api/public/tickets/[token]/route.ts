// GET /api/public/tickets/{token} – the customer's thread (no internal notes); POST – the customer answers
import { ok, route } from "@/lib/route/handler";
import { getPublicTicketsToken, postPublicTicketsToken } from "@/lib/openapi/tickets/tickets-endpoints";
import { getPublicTicket } from "@/lib/tickets/get-public-ticket";
import { replyOnTicketPage } from "@/lib/tickets/reply-on-ticket-page";

export const GET = route(getPublicTicketsToken, async ({ params }) => ok(await getPublicTicket(params.token)));

export const POST = route(postPublicTicketsToken, async ({ params, body }) => {
  return ok(await replyOnTicketPage(params.token, body.body), 201);
});
