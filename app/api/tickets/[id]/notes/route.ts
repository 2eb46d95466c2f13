// POST /api/tickets/{id}/notes – an internal note (never shown to the customer)
import { ok, route } from "@/lib/api/handler";
import { addTicketNote } from "@/lib/tickets/add-ticket-note";
import { ticketNoteBody, ticketRefParams } from "@/lib/tickets/ticket-schemas";

export const POST = route({ auth: "operator", params: ticketRefParams, body: ticketNoteBody }, async ({ params, body, principal }) => {
  const authorId = principal?.kind === "operator" ? principal.operatorId : null;
  return ok(await addTicketNote(params.id, body.body, authorId), 201);
});
