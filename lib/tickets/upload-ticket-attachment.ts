import "server-only";
import { ApiError } from "@/lib/api/errors";
import { receiveAttachmentFile, storeAttachment } from "@/lib/attachments/upload-attachment";
import { getTicketOrThrow } from "@/lib/tickets/get-ticket-or-throw";

/**
 * A file an operator attaches to a ticket reply before sending it: checked like a chat attachment (size cap, type
 * read from the bytes) and stored with the ticket, unsent until a reply names it in `attachment_ids`.
 */
export async function uploadTicketAttachment(ref: string, request: Request, operatorId: string | null) {
  const ticket = await getTicketOrThrow(ref, { id: true, status: true });
  if (ticket.status === "closed") throw new ApiError("INVALID_STATE", "The ticket is closed: reopen it before replying");
  const file = await receiveAttachmentFile(request);
  return (await storeAttachment(file, { ticketId: ticket.id, uploadedBy: "operator", operatorId })).view;
}
