import "server-only";
import { ApiError } from "@/lib/api/errors";
import { storeOf } from "@/lib/attachments/attachment-store";
import { sessionRole, type SessionCaller } from "@/lib/chat/customer-key";
import { prisma } from "@/lib/db/client";
import { validAttachmentSignature } from "@/lib/attachments/signed-url";

/**
 * An attachment for its session's customer (key), the session's operator or an admin; anyone else — an operator
 * merely looking at the queue included — gets the same 404 as for an id that does not exist. A signed, expiring URL
 * (signed-url.ts) stands in for them when a provider (Twilio) fetches an operator's file for a WhatsApp customer.
 */
export async function readAttachment(id: string, caller: SessionCaller, signed?: { expires?: number; signature?: string }) {
  const attachment = await prisma.chatAttachment.findUnique({
    where: { id },
    select: { id: true, name: true, contentType: true, size: true, storage: true, session: { select: { operatorId: true, status: true, customerKeyHash: true } } },
  });
  const role = attachment ? sessionRole(caller.principal, attachment.session, caller.customerKey) : null;
  const bySignature = validAttachmentSignature(id, signed?.expires, signed?.signature);
  if (!attachment || (role !== "operator" && role !== "customer" && !bySignature)) throw new ApiError("NOT_FOUND", "Attachment not found");
  const stream = await storeOf(attachment.storage).stream(id);
  if (!stream) throw new ApiError("NOT_FOUND", "Attachment not found");
  return { name: attachment.name, contentType: attachment.contentType, size: attachment.size, stream };
}
