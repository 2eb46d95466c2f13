import "server-only";
import type { Tx } from "@/lib/db/client";
import type { MessageView } from "@/lib/chat/message-view";
import { queueWhatsappReply } from "@/lib/whatsapp/send-session-reply";

/** Operator replies in a WhatsApp conversation also go out over WhatsApp (through the outbox, same transaction). */
export async function afterOperatorMessage(tx: Tx, sessionId: string, message: MessageView): Promise<void> {
  const session = await tx.chatSession.findUnique({ where: { id: sessionId }, select: { channel: true } });
  if (session?.channel === "whatsapp") await queueWhatsappReply(tx, { sessionId, messageId: message.id, body: message.body });
}
