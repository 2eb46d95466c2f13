import "server-only";
import { ApiError } from "@/lib/api/errors";
import { storeOf } from "@/lib/attachments/attachment-store";
import { sessionRole, type SessionCaller } from "@/lib/auth/customer-key";
import { prisma } from "@/lib/db/client";
import { validAttachmentSignature } from "@/lib/attachments/signed-url";

/**
 * An attachment for its session's customer (key), the session's operator or an admin (a ticket reply's file: any
 * operator or admin); anyone else — an operator
 * merely looking at the queue included — gets the same 404 as for an id that does not exist. A signed, expiring URL
 * (signed-url.ts) stands in for them when a provider (Twilio) fetches an operator's file for a WhatsApp customer.
 */
export async function readAttachment(id: string, caller: SessionCaller, signed?: { expires?: number; signature?: string }) {
  const attachment = await prisma.chatAttachment.findUnique({
    where: { id },
    select: { id: true, name: true, contentType: true, size: true, storage: true, ticketId: true, session: { select: { operatorId: true, status: true, customerKeyHash: true } } },
  });
  const principal = caller.principal;
  // A chat's file: by role in the session. A ticket reply's file: the desk's operators and admins, who answer tickets.
  const role = attachment?.session
    ? sessionRole(principal, attachment.session, caller.customerKey)
    : attachment?.ticketId && principal && (principal.kind === "operator" || principal.role === "admin")
      ? "operator"
      : null;
  const bySignature = validAttachmentSignature(id, signed?.expires, signed?.signature);
  if (!attachment || (role !== "operator" && role !== "customer" && !bySignature)) throw new ApiError("NOT_FOUND", "Attachment not found");
  const stream = await storeOf(attachment.storage).stream(id);
  if (!stream) throw new ApiError("NOT_FOUND", "Attachment not found");
  return { name: attachment.name, contentType: attachment.contentType, size: attachment.size, stream };
}
