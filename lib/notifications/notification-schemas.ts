// Contracts of the admin outbox endpoints (/api/admin/notifications, /api/admin/outbox). Browser-safe.
import { z } from "zod";

export const NOTIFICATION_STATUSES = ["pending", "sending", "sent", "failed", "dead"] as const;

export const listNotificationsQuery = z.object({
  /** One status, or "dead_letter" for the ones waiting on an admin (failed and dead). */
  status: z.enum([...NOTIFICATION_STATUSES, "dead_letter"]).optional(),
  channel: z.enum(["email", "whatsapp", "push"]).optional(),
  kind: z.string().trim().min(1).max(50).optional(),
  ticket_id: z.string().trim().min(1).max(100).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  page_size: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListNotificationsQuery = z.infer<typeof listNotificationsQuery>;

export const notificationParams = z.object({ id: z.string().trim().min(1).max(100) });

export const listOutboxQuery = z.object({
  channel: z.enum(["email", "whatsapp"]).optional(),
  recipient: z.string().trim().min(1).max(320).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  page_size: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListOutboxQuery = z.infer<typeof listOutboxQuery>;
