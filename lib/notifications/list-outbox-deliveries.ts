import "server-only";
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { ListOutboxQuery } from "@/lib/notifications/notification-schemas";

/**
 * What the local outbox "sent" while no provider was configured, newest first: the whole flow can be followed
 * offline. Set-password links never land here (they are only emailed when email is configured).
 */
export async function listOutboxDeliveries(query: ListOutboxQuery) {
  const where: Prisma.OutboxDeliveryWhereInput = {
    ...(query.channel ? { channel: query.channel } : {}),
    ...(query.recipient ? { recipient: { contains: query.recipient, mode: "insensitive" } } : {}),
  };
  const [total, rows] = await prisma.$transaction([
    prisma.outboxDelivery.count({ where }),
    prisma.outboxDelivery.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: (query.page - 1) * query.page_size, take: query.page_size }),
  ]);
  return {
    deliveries: rows.map((d) => ({
      id: d.id,
      notification_id: d.notificationId,
      channel: d.channel,
      recipient: d.recipient,
      subject: d.subject,
      text: d.text,
      html: d.html,
      created_at: d.createdAt.toISOString(),
    })),
    pagination: { page: query.page, page_size: query.page_size, total, total_pages: Math.max(1, Math.ceil(total / query.page_size)) },
  };
}
