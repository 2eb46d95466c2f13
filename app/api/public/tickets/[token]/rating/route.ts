// POST /api/public/tickets/{token}/rating – the customer rates their resolved ticket (1–5, optional comment), once
import { ok, route } from "@/lib/api/handler";
import { limitPublicWrite } from "@/lib/api/rate-limit";
import { ratingBody } from "@/lib/csat/csat-schemas";
import { rateTicket } from "@/lib/csat/rate-conversation";
import { ticketTokenParams } from "@/lib/tickets/ticket-schemas";

export const POST = route({ params: ticketTokenParams, body: ratingBody }, async ({ params, body, principal, ip }) => {
  await limitPublicWrite(principal, ip, `ticket:${params.token.slice(0, 12)}`);
  return ok(await rateTicket(params.token, body), 201);
});
