import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { requestOperator, type EscalationInput } from "@/lib/routing/request-operator";
import { queuePosition } from "@/lib/routing/queue";
import { createOperator, customerActor, uniqueUserId } from "@/test/fixtures";
import { clearTables } from "@/test/db";

const input = (overrides: Partial<EscalationInput> = {}): EscalationInput => ({
  userId: uniqueUserId(),
  question: "Ho bisogno di aiuto con il mio account",
  priority: "medium",
  source: "api",
  channel: "web",
  ...overrides,
});

beforeEach(async () => {
  await clearTables("messages", "notifications", "tickets", "chat_sessions", "operators");
});

describe("requestOperator", () => {
  it("creates a ticket and records its notifications when no operator is online", async () => {
    await createOperator({ status: "offline" });
    const result = await requestOperator(input({ email: "user@test.com", phone: "+393337654321" }), customerActor());
    expect(result.type).toBe("ticket_created");
    if (result.type !== "ticket_created") return;
    expect(result.ticket_id).toBeGreaterThanOrEqual(1001);
    expect(result.message).toBe(`Ho creato il ticket #${result.ticket_id}. Riceverai risposta via email/WhatsApp entro 24h.`);
    const ticket = await prisma.ticket.findUniqueOrThrow({ where: { number: result.ticket_id }, include: { notifications: true } });
    expect(ticket.status).toBe("open");
    expect(ticket.notifications.map((n) => `${n.kind}:${n.channel}:${n.recipient}`).sort()).toEqual([
      "ticket_created_customer:email:user@test.com",
      "ticket_created_customer:whatsapp:+393337654321",
    ]);
    // Medium priority: first response due in 24 h.
    expect(Math.abs(ticket.dueAt.getTime() - ticket.createdAt.getTime() - 24 * 3_600_000)).toBeLessThan(5_000);
  });

  it("assigns a free operator, then queues when every seat is taken", async () => {
    const operator = await createOperator({ maxChats: 1, name: "Giulia" });
    const first = await requestOperator(input(), customerActor());
    expect(first).toMatchObject({ type: "operator_assigned", operator: { id: operator.id, name: "Giulia" } });
    const second = await requestOperator(input(), customerActor());
    expect(second).toMatchObject({ type: "queue", position: 1, estimated_wait: 5 });
    if (first.type !== "operator_assigned") return;
    expect(first.session_id).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(first.chat_url).toBe(`http://localhost:3001/admin/customer-chat.html?session=${first.session_id}`);
    const messages = await prisma.message.findMany({ where: { sessionId: first.session_id }, orderBy: { seq: "asc" } });
    expect(messages.map((m) => [m.seq, m.sender])).toEqual([
      [1, "customer"],
      [2, "system"],
    ]);
  });

  it("writes Sportello's own lines in the customer's language", async () => {
    await createOperator({ maxChats: 1, name: "Ada" });
    const result = await requestOperator(input({ locale: "en", metadata: { plan: "pro" } }), customerActor());
    if (result.type !== "operator_assigned") throw new Error("expected assignment");
    const session = await prisma.chatSession.findUniqueOrThrow({ where: { id: result.session_id }, include: { messages: { orderBy: { seq: "asc" } } } });
    expect(session.metadata).toEqual({ plan: "pro", locale: "en" });
    expect(session.messages[1].body).toBe("Ada is now in the chat.");
  });

  it("gives a trusted caller's user back their open session instead of a second one", async () => {
    await createOperator({ maxChats: 1 });
    await requestOperator(input(), customerActor());
    const userId = uniqueUserId();
    const queued = await requestOperator(input({ userId, trusted: true }), customerActor());
    const again = await requestOperator(input({ userId, trusted: true, question: "ci sono ancora?" }), customerActor());
    expect(again).toMatchObject({ type: "queue", existing: true, position: 1 });
    if (queued.type !== "queue" || again.type !== "queue") throw new Error("expected queue");
    expect(again.session_id).toBe(queued.session_id);
    expect(await prisma.chatSession.count({ where: { contact: { userId } } })).toBe(1);
  });

  it("orders the queue by priority, then arrival", async () => {
    await createOperator({ maxChats: 1 });
    await requestOperator(input(), customerActor());
    const low = await requestOperator(input({ priority: "low" }), customerActor());
    const medium = await requestOperator(input({ priority: "medium" }), customerActor());
    const urgent = await requestOperator(input({ priority: "urgent" }), customerActor());
    const medium2 = await requestOperator(input({ priority: "medium" }), customerActor());
    expect(urgent).toMatchObject({ type: "queue", position: 1 });
    const ids = [urgent, medium, medium2, low].map((r) => (r.type === "queue" ? r.session_id : ""));
    const positions = await Promise.all(ids.map((id) => queuePosition(prisma, id)));
    expect(positions).toEqual([1, 2, 3, 4]);
  });

  it("holds under 200 concurrent escalations against 10 free seats", async () => {
    for (let i = 0; i < 5; i++) await createOperator({ maxChats: 2 });
    const results = await Promise.all(Array.from({ length: 200 }, () => requestOperator(input(), customerActor())));
    const assigned = results.filter((r) => r.type === "operator_assigned");
    const queued = results.filter((r) => r.type === "queue");
    expect(assigned).toHaveLength(10);
    expect(queued).toHaveLength(190);
    expect(queued.map((r) => (r.type === "queue" ? r.position : 0)).sort((a, b) => a - b)).toEqual(Array.from({ length: 190 }, (_, i) => i + 1));
    expect(new Set(results.map((r) => (r.type === "ticket_created" ? "" : r.session_id))).size).toBe(200);

    const load = await prisma.chatSession.groupBy({ by: ["operatorId"], where: { status: "active" }, _count: { _all: true } });
    expect(load).toHaveLength(5);
    for (const row of load) expect(row._count._all).toBe(2);
    const dbPositions = await Promise.all(queued.map((r) => (r.type === "queue" ? queuePosition(prisma, r.session_id) : null)));
    expect(new Set(dbPositions).size).toBe(190);
  });
});
