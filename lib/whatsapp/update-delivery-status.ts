import "server-only";
import { prisma } from "@/lib/db/client";
import { EVENTS, sessionChannel } from "@/lib/realtime/channels";
import { publish } from "@/lib/realtime/server";

// Twilio's message lifecycle, in order. The terminal failures share the top rank: nothing moves a message out of them.
const RANK: Record<string, number> = {
  pending: 0,
  accepted: 1,
  scheduled: 1,
  queued: 1,
  sending: 2,
  sent: 3,
  delivered: 4,
  read: 5,
  undelivered: 6,
  failed: 6,
  canceled: 6,
};

export function deliveryStatusRank(status: string): number | undefined {
  return RANK[status];
}

export interface DeliveryStatusChange {
  id: string;
  sessionId: string | null;
  ticketId: string | null;
  seq: number;
  deliveryStatus: string | null;
  deliveryError: string | null;
}

/**
 * Moves a message's delivery status forward, never back: Twilio's callbacks arrive out of order (a late "sent" after
 * "read"), so the guard is in the UPDATE itself, atomic under concurrent callbacks. Publishes message.status on the
 * session's channel when the status changed. Returns the changed message, or null when nothing moved.
 */
export async function advanceDeliveryStatus(
  where: { externalId: string } | { id: string },
  status: string,
  error: string | null = null,
): Promise<DeliveryStatusChange | null> {
  const rank = RANK[status];
  if (rank === undefined) return null;
  const notLower = Object.keys(RANK).filter((s) => RANK[s] >= rank);
  const { count } = await prisma.message.updateMany({
    where: { ...where, OR: [{ deliveryStatus: null }, { deliveryStatus: { notIn: notLower } }] },
    data: { deliveryStatus: status, ...(error ? { deliveryError: error } : {}) },
  });
  if (count === 0) return null;
  const message = await prisma.message.findFirst({
    where,
    select: { id: true, sessionId: true, ticketId: true, seq: true, deliveryStatus: true, deliveryError: true },
  });
  if (message?.sessionId) {
    await publish([
      {
        channel: sessionChannel(message.sessionId),
        name: EVENTS.messageStatus,
        data: {
          message_id: message.id,
          session_id: message.sessionId,
          seq: message.seq,
          delivery_status: message.deliveryStatus,
          delivery_error: message.deliveryError,
        },
      },
    ]);
  }
  return message;
}
