import "server-only";
import type { Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { toMessageView, type MessageView } from "@/lib/conversations/message-view";
import { emitWebhookEvent } from "@/lib/webhooks/emit-webhook-event";
import { toWebhookMessage } from "@/lib/conversations/webhook-message";

export interface AppendMessageInput {
  sessionId: string;
  sender: MessageView["sender"];
  body: string;
  channel?: MessageView["channel"];
  operatorId?: string | null;
  externalId?: string | null;
  deliveryStatus?: string | null;
  media?: Prisma.InputJsonValue;
  /** The sequence number, when the caller has already bumped the session's counter in its own locking statement. */
  seq?: number;
}

export const messageSelect = {
  id: true,
  seq: true,
  sessionId: true,
  sender: true,
  body: true,
  channel: true,
  deliveryStatus: true,
  media: true,
  createdAt: true,
  operator: { select: { name: true } },
} satisfies Prisma.MessageSelect;

/**
 * Appends a message with the session's next sequence number, and its message.created webhook event. The counter is bumped with an atomic UPDATE, which
 * also row-locks the session until commit: concurrent writers get consecutive, gap-free numbers.
 */
export async function appendMessage(tx: Tx, input: AppendMessageInput): Promise<MessageView> {
  const seq =
    input.seq ??
    (await tx.chatSession.update({ where: { id: input.sessionId }, data: { lastSeq: { increment: 1 } }, select: { lastSeq: true } })).lastSeq;
  const message = await tx.message.create({
    data: {
      sessionId: input.sessionId,
      seq,
      sender: input.sender,
      body: input.body,
      channel: input.channel ?? "web",
      operatorId: input.operatorId ?? null,
      externalId: input.externalId ?? null,
      deliveryStatus: input.deliveryStatus ?? null,
      media: input.media,
    },
    select: messageSelect,
  });
  const view = toMessageView(message);
  // Customer and bot lines reach only endpoints that asked for them: a relaying bot wrote them itself.
  await emitWebhookEvent(tx, { type: "message.created", sessionId: input.sessionId, data: { message: toWebhookMessage(view) }, customerMessage: input.sender === "customer" || input.sender === "bot" });
  return view;
}
