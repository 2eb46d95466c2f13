import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { enforceQueueTimeouts } from "@/lib/routing/enforce-queue-timeouts";
import { requestOperator } from "@/lib/routing/request-operator";
import { createOperator, customerActor, uniqueUserId } from "@/test/fixtures";
import { clearTables } from "@/test/db";

const minutes = (n: number) => n * 60_000;

async function queuedSession(overrides: { priority?: "low" | "medium" | "high" | "urgent"; metadata?: object; email?: string } = {}) {
  const result = await requestOperator(
    {
      userId: uniqueUserId(),
      email: overrides.email ?? "attesa@example.com",
      question: "Quando arriva il mio ordine?",
      priority: overrides.priority ?? "medium",
      metadata: overrides.metadata ?? { source: "chatbot", order: "A-7" },
      source: "chatbot",
      channel: "web",
    },
    customerActor(),
  );
  if (result.type !== "queue") throw new Error(`expected a queued session, got ${result.type}`);
  return result.session_id;
}

beforeEach(async () => {
  await clearTables("messages", "notifications", "tickets", "chat_sessions", "operators");
  // One busy operator: new requests queue instead of becoming tickets.
  const busy = await createOperator({ maxChats: 1 });
  await requestOperator({ userId: uniqueUserId(), question: "occupa il posto", priority: "medium", source: "api", channel: "web" }, customerActor());
  expect(await prisma.chatSession.count({ where: { operatorId: busy.id, status: "active" } })).toBe(1);
});

describe("enforceQueueTimeouts (max queue wait, default 10 minutes)", () => {
  it("leaves a session alone until the wait passes, then turns it into a ticket and tells the customer", async () => {
    const sessionId = await queuedSession({ priority: "high", metadata: { source: "chatbot", order: "A-7", locale: "en" } });
    const queuedAt = (await prisma.chatSession.findUniqueOrThrow({ where: { id: sessionId } })).queuedAt;

    expect((await enforceQueueTimeouts(new Date(queuedAt.getTime() + minutes(9)))).ticketed).toEqual([]);
    expect((await prisma.chatSession.findUniqueOrThrow({ where: { id: sessionId } })).status).toBe("queued");

    const now = new Date(queuedAt.getTime() + minutes(10));
    const { ticketed } = await enforceQueueTimeouts(now);
    expect(ticketed).toHaveLength(1);
    const session = await prisma.chatSession.findUniqueOrThrow({ where: { id: sessionId }, include: { ticket: { include: { notifications: true } }, messages: { orderBy: { seq: "asc" } } } });
    expect(session).toMatchObject({ status: "ticketed", closedReason: "queue_timeout", closedAt: now });
    const ticket = session.ticket!;
    expect(ticket).toMatchObject({ number: ticketed[0].ticketNumber, question: "Quando arriva il mio ordine?", priority: "high", source: "chatbot", sessionId });
    expect(ticket.metadata).toEqual({ source: "chatbot", order: "A-7", locale: "en" });
    // High priority: first response due 4 h after the ticket was made (by the rule's clock).
    expect(ticket.dueAt.getTime() - now.getTime()).toBe(4 * 3_600_000);
    expect(ticket.notifications.map((n) => `${n.kind}:${n.channel}:${n.recipient}:${n.locale}`)).toEqual(["queue_timeout_ticket:email:attesa@example.com:en"]);
    expect(ticket.notifications[0].payload).toMatchObject({ ticket_number: ticket.number, reason: "queue_timeout" });
    const last = session.messages.at(-1)!;
    expect(last.sender).toBe("system");
    expect(last.body).toContain(`#${ticket.number}`);
    expect(last.body).toContain("No operator became free in time");

    const audit = await prisma.auditEvent.findFirst({ where: { targetId: sessionId, action: "session.ticketed" } });
    expect(audit?.data).toMatchObject({ ticket_number: ticket.number, waited_seconds: 600 });
  });

  it("follows the stored rule's wait", async () => {
    await prisma.setting.upsert({ where: { key: "escalation_rules" }, create: { key: "escalation_rules", value: { max_queue_wait_minutes: 2 } }, update: { value: { max_queue_wait_minutes: 2 } } });
    try {
      const sessionId = await queuedSession();
      const queuedAt = (await prisma.chatSession.findUniqueOrThrow({ where: { id: sessionId } })).queuedAt;
      expect((await enforceQueueTimeouts(new Date(queuedAt.getTime() + minutes(2)))).ticketed.map((t) => t.sessionId)).toEqual([sessionId]);
    } finally {
      await prisma.setting.delete({ where: { key: "escalation_rules" } });
    }
  });

  it("tickets each session exactly once when several instances run at the same moment", async () => {
    const ids = [await queuedSession(), await queuedSession(), await queuedSession()];
    const now = new Date(Date.now() + minutes(11));
    const runs = await Promise.all([enforceQueueTimeouts(now), enforceQueueTimeouts(now), enforceQueueTimeouts(now)]);
    expect(runs.flatMap((r) => r.ticketed.map((t) => t.sessionId)).sort()).toEqual([...ids].sort());
    expect(await prisma.ticket.count({ where: { sessionId: { in: ids } } })).toBe(3);
    expect(await prisma.notification.count({ where: { kind: "queue_timeout_ticket" } })).toBe(3);
    // A later run finds nothing left to do.
    expect((await enforceQueueTimeouts(new Date(now.getTime() + minutes(5)))).ticketed).toEqual([]);
  });
});
