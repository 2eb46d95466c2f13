// GET /api/tickets – the desk's ticket list (filters, search, pagination); POST /api/tickets – open a ticket
import { ok, route } from "@/lib/api/handler";
import { idempotencyScope, withIdempotency } from "@/lib/api/idempotency";
import { limitPublicWrite } from "@/lib/api/rate-limit";
import { actorOf } from "@/lib/auth/principal";
import { createTicketFromApi, contactKey } from "@/lib/tickets/create-ticket-from-api";
import { listTickets } from "@/lib/tickets/list-tickets";
import { createTicketBody, listTicketsQuery } from "@/lib/tickets/ticket-schemas";

export const GET = route({ auth: "operator", query: listTicketsQuery }, async ({ query, principal }) => {
  const callerId = principal?.kind === "operator" ? principal.operatorId : null;
  return ok(await listTickets(query, callerId));
});

export const POST = route({ body: createTicketBody }, async ({ request, body, principal, ip, rawBody }) => {
  const trusted = principal !== null;
  const userKey = contactKey(body, trusted);
  await limitPublicWrite(principal, ip, userKey);
  return withIdempotency(request, idempotencyScope("tickets", principal, ip), rawBody, async () => {
    const source = principal?.kind === "api_key" ? "chatbot" : principal?.kind === "operator" ? "panel" : "api";
    const ticket = await createTicketFromApi(body, actorOf(principal, { type: "customer", id: userKey }), source, trusted);
    return { status: 201, body: { success: true, data: ticket } };
  });
});
