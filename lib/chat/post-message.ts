import "server-only";
import { ApiError } from "@/lib/api/errors";
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { limitCustomerMessage } from "@/lib/route/rate-limit";
import { appendMessage } from "@/lib/conversations/append-message";
import { canOperate, secretMatches, type SessionCaller } from "@/lib/auth/customer-key";
import { toMessageEvent, type MessageView } from "@/lib/conversations/message-view";
import { publish } from "@/lib/realtime/server";
import { EVENTS, FLOOR_CHANNEL, operatorChannel, sessionChannel } from "@/lib/realtime/channels";
import { planWhatsappReply, queueWhatsappReply } from "@/lib/chat/send-session-reply";
import { signedAttachmentUrl } from "@/lib/attachments/signed-url";
import { recordCannedUses } from "@/lib/canned/manage-canned-responses";

export interface PostMessageInput {
  sessionId: string;
  body: string;
  /** Who writes: "customer" needs the customer's key, "operator" the assigned operator or an admin. */
  as?: "customer" | "operator";
  /** Attachments the message carries (lib/attachments): their ids, names, types and sizes. */
  media?: Prisma.InputJsonValue;
  /** Canned responses the operator inserted (lib/canned): counted with the message. */
  cannedResponseIds?: string[];
}

interface LockedSession {
  id: string;
  status: string;
  operator_id: string | null;
  first_response_at: Date | null;
  customer_key_hash: string | null;
  last_seq: number;
  channel: string;
  contact_phone: string | null;
  contact_user_id: string;
  last_whatsapp_inbound_at: Date | null;
}

/**
 * Adds a message to a live session. The operator's first message stamps first_response_at (what the unanswered
 * assignment rule and the first-response figures measure). Publishes message.created after commit.
 */
export async function postMessage(input: PostMessageInput, caller: SessionCaller): Promise<MessageView> {
  const { principal } = caller;
  const { message, operatorId } = await prisma.$transaction(async (tx) => {
    // Row lock and the message's sequence number in one statement: a close or transfer running concurrently waits,
    // so nobody writes into a closed session. Every refusal below throws, and the rollback undoes the bump.
    // The same statement reads the conversation's WhatsApp side (channel, the contact's number and last inbound
    // message), so an operator's reply is routed without reading the session again.
    const rows = await tx.$queryRaw<LockedSession[]>`
      UPDATE chat_sessions s SET last_seq = s.last_seq + 1 FROM contacts c
      WHERE s.id = ${input.sessionId} AND c.id = s.contact_id
      RETURNING s.id, s.status, s.operator_id, s.first_response_at, s.customer_key_hash, s.last_seq, s.channel::text AS channel,
        c.phone AS contact_phone, c.user_id AS contact_user_id, c.last_whatsapp_inbound_at`;
    const session = rows[0];
    const isOperator = !!session && canOperate(principal, { operatorId: session.operator_id });
    const isCustomer = !!session && secretMatches(caller.customerKey, session.customer_key_hash);
    // Neither its operator nor its customer: the same 404 as a session that does not exist.
    if (!session || (!isOperator && !isCustomer)) throw new ApiError("NOT_FOUND", "Session not found");
    const asOperator = input.as === "operator" || (input.as !== "customer" && isOperator);
    if (asOperator && !isOperator) throw new ApiError("FORBIDDEN", "Only the session's operator or an admin can write as operator");
    if (!asOperator && !isCustomer) throw new ApiError("FORBIDDEN", "Only the session's customer can write as customer");
    if (!asOperator) await limitCustomerMessage(input.sessionId, caller.ip ?? "unknown");
    if (session.status === "closed" || session.status === "ticketed") {
      throw new ApiError("INVALID_STATE", `The session is ${session.status}`, { details: { status: session.status } });
    }
    if (asOperator && session.status !== "active") throw new ApiError("INVALID_STATE", "The session has no operator yet");

    const operatorIdForMessage = asOperator && principal?.kind === "operator" ? principal.operatorId : asOperator ? session.operator_id : null;
    // Operator replies in a WhatsApp conversation also go out over WhatsApp (through the outbox, same transaction):
    // checked before the message is written, which is then stored as what it is (channel whatsapp, delivery pending).
    const whatsapp =
      asOperator && session.channel === "whatsapp"
        ? planWhatsappReply({
            sessionId: session.id,
            channel: session.channel,
            contactPhone: session.contact_phone,
            contactUserId: session.contact_user_id,
            lastWhatsappInboundAt: session.last_whatsapp_inbound_at,
          })
        : null;
    const created = await appendMessage(tx, {
      sessionId: input.sessionId,
      sender: asOperator ? "operator" : "customer",
      body: input.body,
      operatorId: operatorIdForMessage,
      media: input.media,
      seq: session.last_seq,
      ...(whatsapp ? { channel: "whatsapp" as const, deliveryStatus: "pending" } : {}),
    });
    if (asOperator) {
      if (!session.first_response_at) {
        await tx.chatSession.update({ where: { id: input.sessionId }, data: { firstResponseAt: new Date() } });
      }
      if (whatsapp) {
        // A file the operator attached goes as WhatsApp media: Twilio fetches it from a signed, expiring link.
        const attachment = created.attachments?.find((a) => a.id);
        await queueWhatsappReply(tx, whatsapp, { ...created, mediaUrl: attachment?.id ? signedAttachmentUrl(attachment.id) : undefined });
      }
      await recordCannedUses(tx, principal, input.cannedResponseIds);
    }
    return { message: created, operatorId: session.operator_id };
  });
  await publish([
    { channel: sessionChannel(input.sessionId), name: EVENTS.messageCreated, data: toMessageEvent(message) },
    // The operator's dashboard listens on its own channel too, for unread badges on chats not open on screen.
    ...(operatorId && message.sender === "customer"
      ? [{ channel: operatorChannel(operatorId), name: EVENTS.messageCreated, data: toMessageEvent(message) }]
      : []),
    // The supervisors' floor view refreshes its response times (ids only: the floor reads the rest by API).
    { channel: FLOOR_CHANNEL, name: EVENTS.floorUpdated, data: { session_id: input.sessionId, sender: message.sender } },
  ]);
  return message;
}
