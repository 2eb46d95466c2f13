import "server-only";
import { ApiError } from "@/lib/api/errors";
import type { Principal } from "@/lib/auth/principal";
import { appendMessage } from "@/lib/conversations/append-message";
import { toMessageEvent, type MessageView } from "@/lib/conversations/message-view";
import { ownerOf } from "@/lib/conversations/owner-state";
import { prisma, type Tx } from "@/lib/db/client";
import { EVENTS, operatorChannel, sessionChannel } from "@/lib/realtime/channels";
import { publish } from "@/lib/realtime/server";

/**
 * Whether an API key may relay (and read) a session: an admin key any session, a chatbot key only the sessions it
 * escalated itself (the escalation's session.requested audit row names the key). Never another bot's customers.
 */
export async function canRelay(db: Tx | typeof prisma, principal: Principal | null, sessionId: string): Promise<boolean> {
  if (principal?.kind !== "api_key") return false;
  if (principal.role === "admin") return true;
  const opened = await db.auditEvent.findFirst({
    where: { targetType: "session", targetId: sessionId, action: "session.requested", actorType: "api_key", actorId: principal.keyId },
    select: { id: true },
  });
  return opened !== null;
}

export interface RelayInput {
  sessionId: string;
  sender: "customer" | "bot";
  body: string;
}

/**
 * The headless mode: a chatbot that keeps its own widget posts the conversation into the session with its API key.
 * The customer's messages are always accepted while the conversation is open (queued, with a human, or handed back
 * to the bot); the bot's own messages are refused with 409 HUMAN_OWNS_CONVERSATION while an operator has it.
 */
export async function relayMessage(input: RelayInput, principal: Principal | null): Promise<MessageView> {
  const { message, operatorId } = await prisma.$transaction(async (tx) => {
    // Row lock: a close, transfer or hand-back running concurrently waits, so the owner read here stays true.
    const rows = await tx.$queryRaw<{ status: string; operator_id: string | null; handed_back_at: Date | null }[]>`
      SELECT status, operator_id, handed_back_at FROM chat_sessions WHERE id = ${input.sessionId} FOR UPDATE`;
    const session = rows[0];
    // The same answer for a session that does not exist and one this key may not touch: ids are not probed.
    if (!session || !(await canRelay(tx, principal, input.sessionId))) throw new ApiError("NOT_FOUND", "Session not found");
    const owner = ownerOf({ status: session.status, handedBackAt: session.handed_back_at });
    if (owner === "closed" || owner === "ticket") {
      throw new ApiError("INVALID_STATE", `The conversation is ${owner === "ticket" ? "a ticket now" : "closed"}: escalate again to reach a person`, { details: { owner } });
    }
    if (input.sender === "bot" && owner === "human") {
      throw new ApiError("HUMAN_OWNS_CONVERSATION", "An operator owns this conversation: the bot may speak again after a hand-back", { details: { owner } });
    }
    const created = await appendMessage(tx, { sessionId: input.sessionId, sender: input.sender, body: input.body });
    return { message: created, operatorId: owner === "human" ? session.operator_id : null };
  });
  await publish([
    { channel: sessionChannel(input.sessionId), name: EVENTS.messageCreated, data: toMessageEvent(message) },
    ...(operatorId ? [{ channel: operatorChannel(operatorId), name: EVENTS.messageCreated, data: toMessageEvent(message) }] : []),
  ]);
  return message;
}
