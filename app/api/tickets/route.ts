// GET /api/tickets – the desk's ticket list (filters, search, pagination); POST /api/tickets – open a ticket
import { ok, route } from "@/lib/api/handler";
import { getTickets, postTickets } from "@/lib/openapi/tickets/tickets-endpoints";
import { actorOf } from "@/lib/auth/principal";
import { createTicketFromApi, contactKey } from "@/lib/tickets/create-ticket-from-api";
import { listTickets } from "@/lib/tickets/list-tickets";

export const GET = route(getTickets, async ({ query, principal }) => {
  const callerId = principal?.kind === "operator" ? principal.operatorId : null;
  return ok(await listTickets(query, callerId));
});

export const POST = route(postTickets, async ({ body, principal }) => {
  const trusted = principal !== null;
  const source = principal?.kind === "api_key" ? "chatbot" : principal?.kind === "operator" ? "panel" : "api";
  const ticket = await createTicketFromApi(body, actorOf(principal, { type: "customer", id: contactKey(body, trusted) }), source, trusted);
  return ok(ticket, 201);
});
