// POST /api/tickets/{id}/attachments – an image or PDF (multipart, field "file") for the next emailed reply (operators)
import { ok, route } from "@/lib/api/handler";
import { uploadTicketAttachment } from "@/lib/tickets/upload-ticket-attachment";
import { ticketRefParams } from "@/lib/tickets/ticket-schemas";

export const POST = route({ auth: "operator", params: ticketRefParams, streamBody: true }, async ({ request, params, principal }) => {
  const operatorId = principal?.kind === "operator" ? principal.operatorId : null;
  return ok(await uploadTicketAttachment(params.id, request, operatorId), 201);
});
