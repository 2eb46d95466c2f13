import "server-only";
import { prisma } from "@/lib/db/client";
import { logger } from "@/lib/log/logger";
import { emitWebhookEvent } from "@/lib/webhooks/emit-webhook-event";

/**
 * session.queued again for each waiting session whose estimated wait moved by a minute or more since the bot was
 * last told (chat_sessions.webhook_wait). The guarded UPDATE and the event commit together, so two instances
 * recomputing at once announce a change once.
 */
export async function announceQueueChanges(positions: { sessionId: string; position: number; estimatedWait: number }[]): Promise<void> {
  if (positions.length === 0) return;
  const listening = await prisma.webhookEndpoint.count({ where: { active: true, events: { has: "session.queued" } } });
  if (listening === 0) return;
  for (const entry of positions) {
    try {
      await prisma.$transaction(async (tx) => {
        const changed = await tx.$executeRaw`
          UPDATE chat_sessions SET webhook_wait = ${entry.estimatedWait}
           WHERE id = ${entry.sessionId} AND status = 'queued'
             AND (webhook_wait IS NULL OR abs(webhook_wait - ${entry.estimatedWait}) >= 1)`;
        if (changed === 0) return;
        await emitWebhookEvent(tx, {
          type: "session.queued",
          sessionId: entry.sessionId,
          data: { session_id: entry.sessionId, position: entry.position, estimated_wait: entry.estimatedWait },
        });
      });
    } catch (error) {
      logger.warn({ err: error, session_id: entry.sessionId }, "queue change not announced");
    }
  }
}
