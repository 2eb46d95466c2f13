import "server-only";
import type { Tx } from "@/lib/db/client";
import type { MessageView } from "@/lib/conversations/message-view";
import { queueWhatsappReply } from "@/lib/chat/send-session-reply";
import { signedAttachmentUrl } from "@/lib/attachments/signed-url";

/** Operator replies in a WhatsApp conversation also go out over WhatsApp (through the outbox, same transaction). */
export async function afterOperatorMessage(tx: Tx, sessionId: string, message: MessageView): Promise<void> {
  const session = await tx.chatSession.findUnique({ where: { id: sessionId }, select: { channel: true } });
  if (session?.channel !== "whatsapp") return;
  // A file the operator attached goes as WhatsApp media: Twilio fetches it from a signed, expiring link.
  const attachment = message.attachments?.find((a) => a.id);
  await queueWhatsappReply(tx, { sessionId, messageId: message.id, body: message.body, mediaUrl: attachment?.id ? signedAttachmentUrl(attachment.id) : undefined });
}
