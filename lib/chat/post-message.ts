import "server-only";
import { ApiError } from "@/lib/api/errors";
import { prisma } from "@/lib/db/client";
import type { Principal } from "@/lib/auth/principal";
import { appendMessage } from "@/lib/chat/append-message";
import { canOperate } from "@/lib/chat/get-session-view";
import { toMessageEvent, type MessageView } from "@/lib/chat/message-view";
import { publish } from "@/lib/realtime/server";
import { EVENTS, operatorChannel, sessionChannel } from "@/lib/realtime/channels";
import { afterOperatorMessage } from "@/lib/chat/after-operator-message";

export interface PostMessageInput {
  sessionId: string;
  body: string;
  /** Who writes: "customer" through the session id, "operator" needs the assigned operator or an admin. */
  as?: "customer" | "operator";
}

/**
 * Adds a message to a live session. The operator's first message stamps first_response_at (what the unanswered
 * assignment rule and the first-response figures measure). Publishes message.created after commit.
 */
export async function postMessage(input: PostMessageInput, principal: Principal | null): Promise<MessageView> {
  const { message, operatorId } = await prisma.$transaction(async (tx) => {
    // Row lock: a close or transfer running concurrently waits, so nobody writes into a closed session.
    const rows = await tx.$queryRaw<{ id: string; status: string; operator_id: string | null; first_response_at: Date | null }[]>`
      SELECT id, status, operator_id, first_response_at FROM chat_sessions WHERE id = ${input.sessionId} FOR UPDATE`;
    const session = rows[0];
    if (!session) throw new ApiError("NOT_FOUND", "Session not found");
    const asOperator = input.as === "operator" || (input.as !== "customer" && canOperate(principal, { operatorId: session.operator_id, status: session.status }));
    if (asOperator && !canOperate(principal, { operatorId: session.operator_id, status: session.status })) {
      throw new ApiError(principal ? "FORBIDDEN" : "UNAUTHORIZED", "Only the session's operator or an admin can write as operator");
    }
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
    });
    if (asOperator) {
      if (!session.first_response_at) {
        await tx.chatSession.update({ where: { id: input.sessionId }, data: { firstResponseAt: new Date() } });
      }
      await afterOperatorMessage(tx, input.sessionId, created);
    }
    return { message: created, operatorId: session.operator_id };
  });
  await publish([
    { channel: sessionChannel(input.sessionId), name: EVENTS.messageCreated, data: toMessageEvent(message) },
    // The operator's dashboard listens on its own channel too, for unread badges on chats not open on screen.
    ...(operatorId && message.sender === "customer"
      ? [{ channel: operatorChannel(operatorId), name: EVENTS.messageCreated, data: toMessageEvent(message) }]
      : []),
  ]);
  return message;
}
