import "server-only";
import type { Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";

export type NotificationKind =
  | "ticket_created_customer"
  | "ticket_created_admin"
  | "urgent_escalation_admin"
  | "ticket_reply"
  | "queue_position"
  | "session_message"
  | "transcript"
  | "resume_link"
  | "auth_link"
  | "sla_breach_admin"
  | "missed_assignment_admin"
  | "queue_timeout_ticket"
  | "operator_assignment"
  | "webhook_disabled_admin"
  | "csat_request";

/** The channel the delivery worker LISTENs on (lib/notifications/notification-jobs.ts). */
export const OUTBOX_NOTIFY_CHANNEL = "sportello_outbox";

export interface NotificationInput {
  kind: NotificationKind;
  channel: "email" | "whatsapp" | "push";
  recipient: string;
  payload: Prisma.InputJsonValue;
  locale?: string;
  ticketId?: string;
  sessionId?: string;
  messageId?: string;
}

/**
 * Transactional outbox: the notification is written in the caller's transaction, so it exists if and only if the
 * event that caused it committed. The delivery worker sends it later, with retries.
 */
export async function enqueueNotification(tx: Tx, input: NotificationInput): Promise<string> {
  const row = await tx.notification.create({
    data: {
      kind: input.kind,
      channel: input.channel,
      recipient: input.recipient,
      payload: input.payload,
      locale: input.locale ?? "it",
      ticketId: input.ticketId,
      sessionId: input.sessionId,
      messageId: input.messageId,
    },
    select: { id: true },
  });
  // PostgreSQL delivers a NOTIFY only when the transaction commits (and drops it on rollback): the worker hears of
  // the notification exactly when it exists, and starts delivering it at once.
  await tx.$executeRaw`SELECT pg_notify(${OUTBOX_NOTIFY_CHANNEL}, ${row.id})`;
  return row.id;
}
