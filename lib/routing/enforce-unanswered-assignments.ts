import "server-only";
import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { appendMessage } from "@/lib/conversations/append-message";
import { toMessageEvent } from "@/lib/conversations/message-view";
import { appUrl, env } from "@/lib/env";
import { enqueueNotification } from "@/lib/notifications/enqueue-notification";
import { EVENTS, QUEUE_CHANNEL, operatorChannel, sessionChannel } from "@/lib/realtime/channels";
import { assignSession, findFreeOperator } from "@/lib/routing/assign-session";
import { recordOwnerChange } from "@/lib/conversations/conversation-owner";
import { inRoutingTransaction } from "@/lib/routing/routing-transaction";
import { getEscalationRules } from "@/lib/rules/escalation-rules";
import { sessionLocale, systemText } from "@/lib/conversations/system-messages";

const BATCH = 100;

export interface MissedAssignment {
  sessionId: string;
  operatorId: string;
  missedAssignments: number;
  reassignedTo: string | null;
  alerted: boolean;
}

/**
 * Unanswered assignment: an operator who has not sent a message within the rule's seconds of getting a session loses
 * it to the next free operator who has not missed it yet (or it goes back to the head of the queue, keeping its
 * place); the admin is alerted once, when the misses reach the rule's threshold. "Answered" means the operator wrote
 * (chat_sessions.first_response_at). Runs under the routing lock, and the update is guarded on the very assignment
 * it found, so concurrent instances act once per miss.
 */
export async function enforceUnansweredAssignments(now: Date = new Date()): Promise<{ missed: MissedAssignment[] }> {
  return inRoutingTransaction(async (scope) => {
    const { tx } = scope;
    const rules = await getEscalationRules(tx);
    const cutoff = new Date(now.getTime() - rules.unanswered_assignment_seconds * 1000);
    const sessions = await tx.chatSession.findMany({
      where: { status: "active", firstResponseAt: null, operatorId: { not: null }, assignedAt: { lte: cutoff } },
      orderBy: [{ assignedAt: "asc" }, { id: "asc" }],
      take: BATCH,
      select: {
        id: true,
        operatorId: true,
        assignedAt: true,
        priority: true,
        question: true,
        metadata: true,
        missedAssignments: true,
        missedOperatorIds: true,
        teamId: true,
        skills: true,
        operator: { select: { name: true } },
      },
    });
    const missed: MissedAssignment[] = [];
    for (const session of sessions) {
      const operatorId = session.operatorId!;
      const missedOperatorIds = [...new Set([...session.missedOperatorIds, operatorId])];
      const count = session.missedAssignments + 1;
      const released = await tx.chatSession.updateMany({
        where: { id: session.id, status: "active", operatorId, assignedAt: session.assignedAt, firstResponseAt: null },
        // webhookWait cleared: the next queue broadcast tells webhooks the position again.
        data: { status: "queued", operatorId: null, assignedAt: null, missedAssignments: count, missedOperatorIds, webhookWait: null },
      });
      if (released.count !== 1) continue;
      await recordOwnerChange(tx, SYSTEM_ACTOR, { sessionId: session.id, from: "human", to: "queued", reason: "unanswered", operatorId });

      const locale = sessionLocale(session.metadata);
      const notice = await appendMessage(tx, {
        sessionId: session.id,
        sender: "system",
        body: systemText(locale).passedToColleague(),
      });
      scope.events.push(
        { channel: operatorChannel(operatorId), name: EVENTS.sessionUnassigned, data: { session_id: session.id, reason: "unanswered" } },
        { channel: sessionChannel(session.id), name: EVENTS.messageCreated, data: toMessageEvent(notice) },
      );

      const next = await findFreeOperator(scope, { teamId: session.teamId, skills: session.skills }, missedOperatorIds);
      if (next) {
        await assignSession(scope, session.id, next, now);
      } else {
        // Back to the queue with its original queued_at: it keeps its place at the head.
        scope.queueChanged = true;
        scope.events.push({ channel: QUEUE_CHANNEL, name: EVENTS.queueUpdated, data: { reason: "requeued", session_id: session.id } });
      }

      const alerted = count === rules.alert_after_missed_assignments;
      if (alerted) {
        const operators = await tx.operator.findMany({ where: { id: { in: missedOperatorIds } }, select: { id: true, name: true } });
        const payload = {
          session_id: session.id,
          missed_assignments: count,
          operators: missedOperatorIds.map((id) => operators.find((o) => o.id === id)?.name ?? id),
          last_operator_name: session.operator?.name ?? null,
          unanswered_seconds: rules.unanswered_assignment_seconds,
          priority: session.priority,
          question: session.question.slice(0, 500),
          reassigned_to: next?.name ?? null,
          admin_url: `${appUrl()}/admin`,
        };
        const { ADMIN_EMAIL, ADMIN_PHONE } = env();
        if (ADMIN_EMAIL) await enqueueNotification(tx, { kind: "missed_assignment_admin", channel: "email", recipient: ADMIN_EMAIL, payload, sessionId: session.id });
        if (ADMIN_PHONE) await enqueueNotification(tx, { kind: "missed_assignment_admin", channel: "whatsapp", recipient: ADMIN_PHONE, payload, sessionId: session.id });
      }
      await recordAuditEvent(tx, SYSTEM_ACTOR, {
        action: "session.assignment_missed",
        targetType: "session",
        targetId: session.id,
        data: { operator_id: operatorId, missed_assignments: count, reassigned_to: next?.id ?? null },
      });
      missed.push({ sessionId: session.id, operatorId, missedAssignments: count, reassignedTo: next?.id ?? null, alerted });
    }
    return { missed };
  });
}
