import "server-only";
import { ApiError } from "@/lib/api/errors";
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { limitCustomerMessage } from "@/lib/api/rate-limit";
import { appendMessage } from "@/lib/conversations/append-message";
import { canOperate, secretMatches, type SessionCaller } from "@/lib/auth/customer-key";
import { toMessageEvent, type MessageView } from "@/lib/conversations/message-view";
import { publish } from "@/lib/realtime/server";
import { EVENTS, FLOOR_CHANNEL, operatorChannel, sessionChannel } from "@/lib/realtime/channels";
import { afterOperatorMessage } from "@/lib/chat/after-operator-message";
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

/**
 * Adds a message to a live session. The operator's first message stamps first_response_at (what the unanswered
 * assignment rule and the first-response figures measure). Publishes message.created after commit.
 */
export async function postMessage(input: PostMessageInput, caller: SessionCaller): Promise<MessageView> {
  const { principal } = caller;
  const { message, operatorId } = await prisma.$transaction(async (tx) => {
    // Row lock and the message's sequence number in one statement: a close or transfer running concurrently waits,
    // so nobody writes into a closed session. Every refusal below throws, and the rollback undoes the bump.
    const rows = await tx.$queryRaw<{ id: string; status: string; operator_id: string | null; first_response_at: Date | null; customer_key_hash: string | null; last_seq: number }[]>`
      UPDATE chat_sessions SET last_seq = last_seq + 1 WHERE id = ${input.sessionId}
      RETURNING id, status, operator_id, first_response_at, customer_key_hash, last_seq`;
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
    const created = await appendMessage(tx, {
      sessionId: input.sessionId,
      sender: asOperator ? "operator" : "customer",
      body: input.body,
      operatorId: operatorIdForMessage,
      media: input.media,
      seq: session.last_seq,
    });
    if (asOperator) {
      if (!session.first_response_at) {
        await tx.chatSession.update({ where: { id: input.sessionId }, data: { firstResponseAt: new Date() } });
      }
      await afterOperatorMessage(tx, input.sessionId, created);
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
