import "server-only";
import { prisma } from "@/lib/db/client";
import { dispatchWebhookDeliveries } from "@/lib/webhooks/dispatch-webhook-deliveries";

const BATCH = 500;

/**
 * The safety net: every due delivery to an active endpoint that is first in its conversation's line (pending past
 * its retry time, or claimed by a worker whose lease ran out) gets a job. Covers a NOTIFY nobody heard and a worker
 * killed between commit and send or mid-send. Only heads of line: the rest follow them in order.
 */
export async function sweepWebhookDeliveries(now: Date = new Date()): Promise<number> {
  const due = await prisma.$queryRaw<{ id: string }[]>`
    SELECT d.id FROM webhook_deliveries d
      JOIN webhook_endpoints e ON e.id = d.endpoint_id AND e.active
     WHERE d.status IN ('pending', 'sending') AND d.next_attempt_at <= ${now}::timestamp(3)
       AND NOT EXISTS (SELECT 1 FROM webhook_deliveries p
                        WHERE p.endpoint_id = d.endpoint_id AND p.conversation_key = d.conversation_key
                          AND p.seq < d.seq AND p.status IN ('pending', 'sending'))
     ORDER BY d.next_attempt_at
     LIMIT ${BATCH}`;
  await dispatchWebhookDeliveries(due.map((d) => d.id));
  return due.length;
}
