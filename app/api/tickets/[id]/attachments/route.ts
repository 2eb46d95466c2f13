// POST /api/tickets/{id}/attachments – an image or PDF (multipart, field "file") for the next emailed reply (operators)
import { ok, route } from "@/lib/route/handler";
import { postTicketsIdAttachments } from "@/lib/openapi/tickets/tickets-endpoints";
import { uploadTicketAttachment } from "@/lib/tickets/upload-ticket-attachment";
import { operatorIdOf } from "@/lib/auth/principal";

export const POST = route(postTicketsIdAttachments, async ({ request, params, principal }) => {
  const operatorId = operatorIdOf(principal);
  return ok(await uploadTicketAttachment(params.id, request, operatorId), 201);
});
