// POST /api/public/tickets/{token}/rating – the customer rates their resolved ticket (1–5, optional comment), once
import { ok, route } from "@/lib/route/handler";
import { postPublicTicketsTokenRating } from "@/lib/openapi/tickets/tickets-endpoints";
import { rateTicket } from "@/lib/csat/rate-conversation";

export const POST = route(postPublicTicketsTokenRating, async ({ params, body }) => {
  return ok(await rateTicket(params.token, body), 201);
});
