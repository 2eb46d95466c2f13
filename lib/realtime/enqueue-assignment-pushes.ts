import "server-only";
import { prisma } from "@/lib/db/client";
import { EVENTS, operatorChannel } from "@/lib/realtime/channels";
import { enqueueNotification } from "@/lib/notifications/enqueue-notification";

interface AssignmentEvent {
  channel: string;
  name: string;
  data: unknown;
}

/**
 * For every assignment in a batch of committed realtime events (however it happened: escalation, queue drain,
 * transfer), a Web Push notification in the outbox for the operator's opted-in devices, so a dashboard in the
 * background or closed still hears of it. Operators with no device are skipped with one indexed query.
 */
export async function enqueueAssignmentPushes(events: AssignmentEvent[]): Promise<void> {
  const assignments = events.filter((e) => e.name === EVENTS.sessionAssigned && e.channel.startsWith(operatorChannel("")));
  if (assignments.length === 0) return;
  const operatorIds = [...new Set(assignments.map((e) => e.channel.slice(operatorChannel("").length)))];
  const withDevices = await prisma.operator.findMany({
    where: { id: { in: operatorIds }, pushSubscriptions: { some: {} } },
    select: { id: true, locale: true },
  });
  if (withDevices.length === 0) return;
  const locales = new Map(withDevices.map((o) => [o.id, o.locale]));
  for (const event of assignments) {
    const operatorId = event.channel.slice(operatorChannel("").length);
    if (!locales.has(operatorId)) continue;
    const data = event.data as { session_id: string; question?: string; priority?: string };
    await enqueueNotification(prisma, {
      kind: "operator_assignment",
      channel: "push",
      recipient: operatorId,
      locale: locales.get(operatorId),
      sessionId: data.session_id,
      payload: { session_id: data.session_id, question: data.question ?? "", priority: data.priority ?? "medium" },
    });
  }
}
