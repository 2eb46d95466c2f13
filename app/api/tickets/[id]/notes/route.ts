// POST /api/tickets/{id}/notes – an internal note (never shown to the customer)
import { ok, route } from "@/lib/route/handler";
import { postTicketsIdNotes } from "@/lib/openapi/tickets/tickets-endpoints";
import { addTicketNote } from "@/lib/tickets/add-ticket-note";
import { operatorIdOf } from "@/lib/auth/principal";

export const POST = route(postTicketsIdNotes, async ({ params, body, principal }) => {
  const authorId = operatorIdOf(principal);
  return ok(await addTicketNote(params.id, body.body, authorId), 201);
});
