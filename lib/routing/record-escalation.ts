import "server-only";
import type { MessageView } from "@/lib/conversations/message-view";
import { prisma, type Tx } from "@/lib/db/client";
import type { BotHandoff, RequestOperatorResult } from "@/lib/schemas/escalation";
import type { WebhookEventType } from "@/lib/schemas/webhooks";
import { emitWebhookEvent } from "@/lib/webhooks/emit-webhook-event";
import { toWebhookMessage } from "@/lib/conversations/webhook-message";

export interface EscalationContext {
  /** The bot's transcript, confidence and intent, when it sent them. */
  handoff?: BotHandoff | null;
}

const ESCALATION_EVENTS: WebhookEventType[] = ["session.queued", "session.assigned", "message.created", "ticket.created"];

/**
 * Whether an escalation has more to write than the routing decision: a handoff to keep, or an active endpoint that
 * listens to what an escalation emits. Read before the decision, outside the routing lock; an endpoint registered in
 * that instant hears from the next escalation on.
 */
export async function needsEscalationRecord(context: EscalationContext | undefined): Promise<boolean> {
  if (context?.handoff) return true;
  const rows = await prisma.$queryRaw<{ listening: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM webhook_endpoints WHERE active AND events && ${ESCALATION_EVENTS}::text[]) AS listening`;
  return rows[0]?.listening ?? false;
}

/**
 * What an escalation adds in its own transaction, after the routing decision: the bot's handoff on the new session
 * (or the ticket), and the webhook events (session.queued or session.assigned, and message.created for the lines the
 * decision wrote, as it returned them). The ownership change bot → queued/human is the decision's own audit row.
 */
export async function recordEscalation(tx: Tx, result: RequestOperatorResult, context: EscalationContext, lines: MessageView[] = []): Promise<void> {
  const handoff = context.handoff ?? undefined;
  if (result.type === "ticket_created") {
    if (handoff) await tx.ticket.update({ where: { number: result.ticket_number }, data: { botHandoff: handoff } });
    return;
  }
  if (result.existing) return;
  const sessionId = result.session_id;
  const queued = result.type === "queue";
  await tx.chatSession.update({ where: { id: sessionId }, data: { ...(handoff ? { botHandoff: handoff } : {}), ...(queued ? { webhookWait: result.estimated_wait } : {}) } });
  if (queued) {
    await emitWebhookEvent(tx, { type: "session.queued", sessionId, data: { session_id: sessionId, position: result.position, estimated_wait: result.estimated_wait } });
  } else {
    await emitWebhookEvent(tx, { type: "session.assigned", sessionId, data: { session_id: sessionId, operator: result.operator } });
  }
  // The lines this escalation wrote (a conversation reopened after a hand-back already told its earlier ones).
  for (const view of lines) {
    await emitWebhookEvent(tx, { type: "message.created", sessionId, data: { message: toWebhookMessage(view) }, customerMessage: view.sender === "customer" });
  }
}
