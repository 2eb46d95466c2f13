import "server-only";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { prisma } from "@/lib/db/client";
import { appUrl, env, ticketUrl } from "@/lib/env";
import { enqueueNotification } from "@/lib/notifications/enqueue-notification";

interface BreachedRow {
  id: string;
  number: number;
  priority: string;
  question: string;
  due_at: Date;
  created_at: Date;
  access_token: string;
}

/**
 * Marks tickets whose first-response target passed without a response, and alerts the admin once per ticket (email
 * and WhatsApp). The guarded UPDATE … WHERE sla_breached_at IS NULL is what makes it fire once: a second instance
 * running at the same moment waits on the row locks and then finds the condition false.
 */
export async function enforceSlaBreaches(now: Date = new Date()): Promise<{ breached: number[] }> {
  return prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<BreachedRow[]>`
      UPDATE tickets SET sla_breached_at = ${now}, updated_at = ${now}
       WHERE sla_breached_at IS NULL
         AND first_response_at IS NULL
         AND status IN ('open', 'pending')
         AND due_at <= ${now}
      RETURNING id, number, priority::text AS priority, question, due_at, created_at, access_token`;
    const { ADMIN_EMAIL, ADMIN_PHONE } = env();
    for (const row of rows) {
      const payload = {
        ticket_id: row.id,
        ticket_number: row.number,
        priority: row.priority,
        question: row.question.slice(0, 500),
        due_at: row.due_at.toISOString(),
        created_at: row.created_at.toISOString(),
        overdue_minutes: Math.max(0, Math.round((now.getTime() - row.due_at.getTime()) / 60_000)),
        ticket_url: ticketUrl(row.access_token),
        admin_url: `${appUrl()}/admin/tickets/${row.number}`,
      };
      if (ADMIN_EMAIL) await enqueueNotification(tx, { kind: "sla_breach_admin", channel: "email", recipient: ADMIN_EMAIL, payload, ticketId: row.id });
      if (ADMIN_PHONE) await enqueueNotification(tx, { kind: "sla_breach_admin", channel: "whatsapp", recipient: ADMIN_PHONE, payload, ticketId: row.id });
      await recordAuditEvent(tx, SYSTEM_ACTOR, { action: "ticket.sla_breached", targetType: "ticket", targetId: row.id, data: { number: row.number, due_at: payload.due_at } });
    }
    return { breached: rows.map((r) => r.number).sort((a, b) => a - b) };
  });
}
