import "server-only";
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { ListNotificationsQuery } from "@/lib/notifications/notification-schemas";

export const notificationSelect = {
  id: true,
  kind: true,
  channel: true,
  recipient: true,
  locale: true,
  payload: true,
  status: true,
  attempts: true,
  lastError: true,
  providerMessageId: true,
  ticketId: true,
  sessionId: true,
  messageId: true,
  nextAttemptAt: true,
  lastAttemptAt: true,
  createdAt: true,
  sentAt: true,
} satisfies Prisma.NotificationSelect;

type NotificationRow = Prisma.NotificationGetPayload<{ select: typeof notificationSelect }>;

// A set-password link in an admin's list would let that admin take over the account it was meant for.
const SECRET_PAYLOAD_FIELDS: Record<string, string[]> = { auth_link: ["url"] };

function redactedPayload(row: NotificationRow): unknown {
  const secret = SECRET_PAYLOAD_FIELDS[row.kind];
  if (!secret || !row.payload || typeof row.payload !== "object" || Array.isArray(row.payload)) return row.payload;
  return Object.fromEntries(Object.entries(row.payload).map(([key, value]) => [key, secret.includes(key) ? "[redacted]" : value]));
}

export function toNotificationView(row: NotificationRow) {
  return {
    id: row.id,
    kind: row.kind,
    channel: row.channel,
    recipient: row.recipient,
    locale: row.locale,
    status: row.status,
    attempts: row.attempts,
    last_error: row.lastError,
    provider_message_id: row.providerMessageId,
    ticket_id: row.ticketId,
    session_id: row.sessionId,
    message_id: row.messageId,
    next_attempt_at: row.status === "pending" || row.status === "sending" ? row.nextAttemptAt.toISOString() : null,
    last_attempt_at: row.lastAttemptAt?.toISOString() ?? null,
    created_at: row.createdAt.toISOString(),
    sent_at: row.sentAt?.toISOString() ?? null,
    payload: redactedPayload(row),
  };
}

/** The outbox for admins, newest first: everything, one status, or the dead-letter list (failed and dead). */
export async function listNotifications(query: ListNotificationsQuery) {
  const where: Prisma.NotificationWhereInput = {
    ...(query.status === "dead_letter" ? { status: { in: ["failed", "dead"] } } : query.status ? { status: query.status } : {}),
    ...(query.channel ? { channel: query.channel } : {}),
    ...(query.kind ? { kind: query.kind } : {}),
    ...(query.ticket_id ? { ticketId: query.ticket_id } : {}),
  };
  const [total, rows, counts] = await prisma.$transaction([
    prisma.notification.count({ where }),
    prisma.notification.findMany({
      where,
      select: notificationSelect,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (query.page - 1) * query.page_size,
      take: query.page_size,
    }),
    prisma.notification.groupBy({ by: ["status"], _count: { _all: true }, orderBy: { status: "asc" } }),
  ]);
  return {
    notifications: rows.map(toNotificationView),
    counts: Object.fromEntries(counts.map((c) => [c.status, (c._count as { _all: number })._all])),
    pagination: { page: query.page, page_size: query.page_size, total, total_pages: Math.max(1, Math.ceil(total / query.page_size)) },
  };
}
