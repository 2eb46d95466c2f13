import "server-only";
import { ticketUrl } from "@/lib/env";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { appendMessage } from "@/lib/conversations/append-message";
import { toMessageEvent } from "@/lib/conversations/message-view";
import type { Prisma } from "@/lib/db/generated/client";
import { EVENTS, QUEUE_CHANNEL, sessionChannel } from "@/lib/realtime/channels";
import { inRoutingTransaction } from "@/lib/routing/routing-transaction";
import { getEscalationRules } from "@/lib/rules/escalation-rules";
import { createTicket } from "@/lib/tickets/create-ticket";
import { ticketCreatedMessage } from "@/lib/i18n/ticket-created-message";
import { sessionLocale, systemText } from "@/lib/conversations/system-messages";
import type { Locale } from "@/lib/i18n/config";
import { teamRules } from "@/lib/routing/resolve-team";

const BATCH = 100;

export function queueTimeoutMessage(number: number, slaHours: number, locale: Locale): string {
  return `${systemText(locale).queueTimeout()} ${ticketCreatedMessage(number, slaHours, locale)}`;
}

/**
 * Maximum queue wait: a session queued longer than its team's rule (or the desk's) allows becomes a ticket (copying its question, priority
 * and metadata), and the customer is told in the chat, by a realtime event, and by email / WhatsApp.
 * Runs under the routing lock with a status-guarded update, so several worker instances ticket each session once.
 */
export async function enforceQueueTimeouts(now: Date = new Date()): Promise<{ ticketed: { sessionId: string; ticketNumber: number }[] }> {
  return inRoutingTransaction(async (scope) => {
    const { tx } = scope;
    const deskRules = await getEscalationRules(tx);
    // Per team: its own max wait where it set one, the desk's otherwise.
    const teams = await tx.team.findMany({ select: { id: true, businessHours: true, maxQueueLength: true, maxQueueWaitMinutes: true } });
    const rulesByTeam = new Map(teams.map((team) => [team.id, teamRules(deskRules, team)]));
    const sessions = await tx.chatSession.findMany({
      where: {
        status: "queued",
        OR: teams.map((team) => ({ teamId: team.id, queuedAt: { lte: new Date(now.getTime() - rulesByTeam.get(team.id)!.max_queue_wait_minutes * 60_000) } })),
      },
      orderBy: [{ queuedAt: "asc" }, { id: "asc" }],
      take: BATCH,
      select: {
        teamId: true,
        id: true,
        priority: true,
        question: true,
        metadata: true,
        source: true,
        channel: true,
        queuedAt: true,
        contactId: true,
        contactEmail: true,
        contactPhone: true,
      },
    });
    const ticketed: { sessionId: string; ticketNumber: number }[] = [];
    for (const session of sessions) {
      const claimed = await tx.chatSession.updateMany({
        where: { id: session.id, status: "queued" },
        data: { status: "ticketed", closedAt: now, closedReason: "queue_timeout" },
      });
      if (claimed.count !== 1) continue;
      const locale = sessionLocale(session.metadata);
      const rules = rulesByTeam.get(session.teamId) ?? deskRules;
      const ticket = await createTicket(tx, rules, SYSTEM_ACTOR, {
        contact: { id: session.contactId, email: session.contactEmail, phone: session.contactPhone },
        question: session.question,
        priority: session.priority,
        metadata: (session.metadata ?? undefined) as Prisma.InputJsonValue | undefined,
        source: session.source,
        channel: session.channel,
        sessionId: session.id,
        locale,
        reason: "queue_timeout",
        customerNotificationKind: "queue_timeout_ticket",
        now,
      });
      const message = await appendMessage(tx, { sessionId: session.id, sender: "system", body: queueTimeoutMessage(ticket.number, ticket.slaHours, locale) });
      await recordAuditEvent(tx, SYSTEM_ACTOR, {
        action: "session.ticketed",
        targetType: "session",
        targetId: session.id,
        data: { ticket_number: ticket.number, waited_seconds: Math.round((now.getTime() - session.queuedAt.getTime()) / 1000), reason: "queue_timeout" },
      });
      scope.events.push(
        { channel: sessionChannel(session.id), name: EVENTS.messageCreated, data: toMessageEvent(message) },
        {
          channel: sessionChannel(session.id),
          name: EVENTS.sessionUpdated,
          data: {
            session_id: session.id,
            status: "ticketed",
            ticket_number: ticket.number,
            ticket_url: ticketUrl(ticket.accessToken),
            position: null,
            estimated_wait: null,
            operator: null,
          },
        },
      );
      ticketed.push({ sessionId: session.id, ticketNumber: ticket.number });
    }
    if (ticketed.length > 0) {
      scope.queueChanged = true;
      scope.events.push({ channel: QUEUE_CHANNEL, name: EVENTS.queueUpdated, data: { reason: "ticketed", session_ids: ticketed.map((t) => t.sessionId) } });
    }
    return { ticketed };
  });
}
