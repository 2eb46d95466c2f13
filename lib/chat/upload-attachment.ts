import "server-only";
import { ApiError } from "@/lib/api/errors";
import { receiveAttachmentFile, storeAttachment } from "@/lib/attachments/upload-attachment";
import { canOperate, secretMatches, type SessionCaller } from "@/lib/auth/customer-key";
import { postMessage } from "@/lib/chat/post-message";
import { prisma } from "@/lib/db/client";

/**
 * A file attached to a web chat by its customer (key), its operator or an admin: received and checked
 * (receiveAttachmentFile), stored, and carried by a new message in the thread that references it. Nothing is stored
 * when any check fails.
 */
export async function uploadAttachment(sessionId: string, request: Request, caller: SessionCaller) {
  const session = await prisma.chatSession.findUnique({ where: { id: sessionId }, select: { operatorId: true, customerKeyHash: true } });
  const isOperator = !!session && canOperate(caller.principal, session);
  const isCustomer = !!session && secretMatches(caller.customerKey, session.customerKeyHash);
  if (!session || (!isOperator && !isCustomer)) throw new ApiError("NOT_FOUND", "Session not found");

  const file = await receiveAttachmentFile(request);
  const operatorId = isOperator && caller.principal?.kind === "operator" ? caller.principal.operatorId : null;
  const { view, discard } = await storeAttachment(file, { sessionId, uploadedBy: isOperator ? "operator" : "customer", operatorId });
  try {
    const message = await postMessage({ sessionId, body: view.name, as: isOperator ? "operator" : "customer", media: [{ attachment_id: view.id, name: view.name, content_type: view.content_type, size: view.size }] }, caller);
    await prisma.chatAttachment.update({ where: { id: view.id }, data: { messageId: message.id } });
  } catch (error) {
    // The message could not be written (the chat closed meanwhile, a rate limit): the file goes too.
    await discard();
    throw error;
  }
  return view;
}
