// session.queued again when the wait moves by a minute or more, and not when it does not.
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { broadcastQueuePositions } from "@/lib/routing/broadcast-queue";
import { requestOperator } from "@/lib/routing/request-operator";
import { createOperator, customerActor, uniqueUserId } from "@/test/fixtures";

const queuedEvents = (sessionId: string) =>
  prisma.webhookEvent.findMany({ where: { conversationKey: `session:${sessionId}`, type: "session.queued" }, orderBy: { seq: "asc" } });

beforeEach(async () => {
  await prisma.chatSession.updateMany({ where: { status: { in: ["queued", "active"] } }, data: { status: "closed" } });
  await prisma.operator.updateMany({ data: { status: "offline" } });
  await prisma.webhookEndpoint.deleteMany();
});

describe("session.queued on a changed wait", () => {
  it("announces the new position and wait once per change", async () => {
    await prisma.webhookEndpoint.create({ data: { url: "https://bot.example.com/hook", events: ["session.queued"], secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" } });
    const operator = await createOperator({ maxChats: 1 });
    await requestOperator({ userId: uniqueUserId(), question: "q", priority: "medium", source: "api", channel: "web", trusted: true }, customerActor());
    const waiting = await requestOperator({ userId: uniqueUserId(), question: "q", priority: "medium", source: "api", channel: "web", trusted: true }, customerActor());
    if (waiting.type !== "queue") throw new Error("expected the queue");
    expect((await queuedEvents(waiting.session_id)).map((e) => (e.payload as { data: { estimated_wait: number } }).data.estimated_wait)).toEqual([waiting.estimated_wait]);

    // Nothing changed: nothing new.
    await broadcastQueuePositions();
    expect(await queuedEvents(waiting.session_id)).toHaveLength(1);

    // Ten seats online instead of one: the estimate drops (5 min → 1 with the default handle time), and the bot
    // hears it once.
    await prisma.operator.update({ where: { id: operator.id }, data: { maxChats: 10 } });
    await broadcastQueuePositions();
    await broadcastQueuePositions();
    const events = await queuedEvents(waiting.session_id);
    expect(events.map((e) => (e.payload as { data: { position: number; estimated_wait: number } }).data)).toEqual([
      expect.objectContaining({ position: 1, estimated_wait: 5 }),
      expect.objectContaining({ position: 1, estimated_wait: 1 }),
    ]);
    expect((await prisma.chatSession.findUniqueOrThrow({ where: { id: waiting.session_id } })).webhookWait).toBe(1);
  });
});
