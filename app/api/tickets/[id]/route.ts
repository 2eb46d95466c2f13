// GET /api/tickets/{id} – one ticket, by number (1042) or id; PATCH – status, priority, assignee, tags (audited)
import { ok, route } from "@/lib/route/handler";
import { getTicketsId, patchTicketsId } from "@/lib/openapi/tickets/tickets-endpoints";
import { actorOf } from "@/lib/auth/principal";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { getTicketOrThrow } from "@/lib/tickets/get-ticket-or-throw";
import { ticketSelect, toTicketView } from "@/lib/tickets/ticket-view";
import { updateTicket } from "@/lib/tickets/update-ticket";

export const GET = route(getTicketsId, async ({ params }) => {
  return ok(toTicketView(await getTicketOrThrow(params.id, ticketSelect)));
});

export const PATCH = route(patchTicketsId, async ({ params, body, principal }) => {
  return ok(await updateTicket(params.id, body, actorOf(principal, SYSTEM_ACTOR)));
});
