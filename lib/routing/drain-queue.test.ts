import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { requestOperator } from "@/lib/routing/request-operator";
import { updateOperator } from "@/lib/operators/update-operator";
import { createOperator, customerActor, uniqueUserId } from "@/test/fixtures";
import { clearTables } from "@/test/db";

beforeEach(async () => {
  await clearTables("messages", "notifications", "tickets", "chat_sessions", "operators", "contacts", "audit_events");
});

const admin = { type: "system" as const, id: null };

describe("drainQueue", () => {
  it("tells a queued WhatsApp customer over WhatsApp when an operator takes the chat", async () => {
    const operator = await createOperator({ maxChats: 1, name: "Giulia" });
    await requestOperator({ userId: uniqueUserId(), question: "primo", priority: "medium", source: "api", channel: "web" }, customerActor());
    const waiting = await requestOperator({ userId: `whatsapp:+393330000001`, phone: "+393330000001", question: "ciao", priority: "medium", source: "whatsapp", channel: "whatsapp", trusted: true }, customerActor());
    expect(waiting.type).toBe("queue");
    await updateOperator(operator.id, { max_chats: 2 }, admin);
    const notifications = await prisma.notification.findMany({ where: { kind: "session_message" } });
    expect(notifications).toHaveLength(1);
    expect(notifications[0]).toMatchObject({ channel: "whatsapp", recipient: "+393330000001", payload: { operator_name: "Giulia" } });
  });

  it("does not hand a session back to an operator who let it go unanswered; the next in line takes the seat", async () => {
    const missed = await createOperator({ maxChats: 1 });
    const first = await requestOperator({ userId: uniqueUserId(), question: "a", priority: "high", source: "api", channel: "web" }, customerActor());
    if (first.type !== "operator_assigned") throw new Error("expected assignment");
    const second = await requestOperator({ userId: uniqueUserId(), question: "b", priority: "medium", source: "api", channel: "web" }, customerActor());
    // The operator misses the first session: it goes back to the queue, marked as missed by them.
    await prisma.chatSession.update({ where: { id: first.session_id }, data: { status: "queued", operatorId: null, assignedAt: null, missedOperatorIds: [missed.id] } });
    await updateOperator(missed.id, { max_chats: 1 }, admin);
    const [a, b] = await Promise.all([first, second].map((r) => prisma.chatSession.findUniqueOrThrow({ where: { id: r.type === "ticket_created" ? "" : r.session_id } })));
    expect(a.status).toBe("queued");
    expect(b).toMatchObject({ status: "active", operatorId: missed.id });
    const other = await createOperator({ status: "away" });
    await updateOperator(other.id, { status: "online" }, admin);
    expect(await prisma.chatSession.findUniqueOrThrow({ where: { id: a.id } })).toMatchObject({ status: "active", operatorId: other.id });
  });
});
