// GET /api/tickets – the desk's ticket list (filters, search, pagination); POST /api/tickets – open a ticket
import { ok, route } from "@/lib/route/handler";
import { getTickets, postTickets } from "@/lib/openapi/tickets/tickets-endpoints";
import { createTicketFromApi } from "@/lib/tickets/create-ticket-from-api";
import { listTickets } from "@/lib/tickets/list-tickets";
import { operatorIdOf } from "@/lib/auth/principal";

export const GET = route(getTickets, async ({ query, principal }) => {
  // `mine` is about the signed-in operator; an admin API key has no tickets of its own.
  const callerId = operatorIdOf(principal);
  return ok(await listTickets(query, callerId));
});

export const POST = route(postTickets, async ({ body, principal }) => ok(await createTicketFromApi(body, principal), 201));
