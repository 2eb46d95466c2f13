import "server-only";
import { ApiError } from "@/lib/api/errors";
import type { Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { prisma, type Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { EVENTS, operatorChannel } from "@/lib/realtime/channels";
import { publish, type RealtimeEvent } from "@/lib/realtime/server";
import { addBusinessHours } from "@/lib/rules/business-hours";
import { getEscalationRules } from "@/lib/rules/escalation-rules";
import { getTicketOrThrow } from "@/lib/tickets/get-ticket-or-throw";
import { requestTicketRating } from "@/lib/csat/request-ticket-rating";
import { allowedTransitions, canTransition, statusTimestamps } from "@/lib/tickets/ticket-lifecycle";
import type { TicketStatus, UpdateTicketBody } from "@/lib/tickets/ticket-schemas";
import { ticketSelect, toTicketView, type TicketView } from "@/lib/tickets/ticket-view";
import { emitWebhookEvent } from "@/lib/webhooks/emit-webhook-event";

/** Locks the ticket row for the rest of the transaction, so two concurrent changes see each other's result. */
export async function lockTicket(tx: Tx, id: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM tickets WHERE id = ${id} FOR UPDATE`;
}

/** Changes a ticket's status with the lifecycle's checks, its timestamps and an audit event. */
export async function changeTicketStatus(
  tx: Tx,
  actor: Actor,
  ticket: { id: string; number: number; status: TicketStatus },
  to: TicketStatus,
  now: Date,
  via?: string,
): Promise<void> {
  if (ticket.status === to) return;
  if (!canTransition(ticket.status, to)) {
    throw new ApiError("INVALID_STATE", `A ${ticket.status} ticket cannot become ${to}`, {
      details: { from: ticket.status, to, allowed: allowedTransitions(ticket.status) },
    });
  }
  await tx.ticket.update({ where: { id: ticket.id }, data: { status: to, ...statusTimestamps(ticket.status, to, now) } });
  await recordAuditEvent(tx, actor, {
    action: "ticket.status_changed",
    targetType: "ticket",
    targetId: ticket.id,
    data: { number: ticket.number, from: ticket.status, to, ...(via ? { via } : {}) },
  });
  await emitWebhookEvent(tx, { type: "ticket.status_changed", ticketId: ticket.id, data: { ticket_id: ticket.number, ticket_number: ticket.number, from: ticket.status, to }, now });
  if (to === "resolved") await requestTicketRating(tx, ticket.id, now);
}

/** PATCH /api/tickets/{id}: status (lifecycle-checked), priority (moves the SLA target), assignee and tags; audited. */
export async function updateTicket(ref: string, body: UpdateTicketBody, actor: Actor, now = new Date()): Promise<TicketView> {
  const events: RealtimeEvent[] = [];
  const view = await prisma.$transaction(async (tx) => {
    const { id } = await getTicketOrThrow(ref, { id: true }, tx);
    await lockTicket(tx, id);
    const current = await getTicketOrThrow(id, { id: true, number: true, status: true, priority: true, assigneeId: true, tags: true, createdAt: true, firstResponseAt: true }, tx);
    const audit = (action: string, data: Prisma.InputJsonObject) =>
      recordAuditEvent(tx, actor, { action, targetType: "ticket", targetId: id, data: { number: current.number, ...data } });

    if (body.status) await changeTicketStatus(tx, actor, current, body.status, now);

    if (body.priority && body.priority !== current.priority) {
      const rules = await getEscalationRules(tx);
      // The first-response target follows the priority until the first response is given.
      const dueAt = current.firstResponseAt ? undefined : addBusinessHours(rules.business_hours, current.createdAt, rules.sla_hours[body.priority]);
      await tx.ticket.update({ where: { id }, data: { priority: body.priority, ...(dueAt ? { dueAt } : {}) } });
      await audit("ticket.priority_changed", { from: current.priority, to: body.priority });
    }

    if (body.assignee_id !== undefined && body.assignee_id !== current.assigneeId) {
      if (body.assignee_id) {
        const operator = await tx.operator.findUnique({ where: { id: body.assignee_id }, select: { active: true } });
        if (!operator?.active) {
          throw new ApiError("VALIDATION_ERROR", "Invalid request body", {
            details: [{ path: "assignee_id", message: "no active operator with this id" }],
          });
        }
        events.push({ channel: operatorChannel(body.assignee_id), name: EVENTS.operatorAlert, data: { kind: "ticket_assigned", ticket_id: id, ticket_number: current.number } });
      }
      await tx.ticket.update({ where: { id }, data: { assigneeId: body.assignee_id } });
      await audit("ticket.assigned", { from: current.assigneeId, to: body.assignee_id });
    }

    if (body.tags) {
      const tags = [...new Set(body.tags)];
      const same = tags.length === current.tags.length && tags.every((t) => current.tags.includes(t));
      if (!same) {
        await tx.ticket.update({ where: { id }, data: { tags } });
        await audit("ticket.tags_changed", { from: current.tags, to: tags });
      }
    }
    return toTicketView(await getTicketOrThrow(id, ticketSelect, tx), now);
  });
  await publish(events);
  return view;
}
