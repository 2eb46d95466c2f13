// The waiting-session counters (queue_counts) the escalation reads its position and queue length from, and the
// positions broadcast that tells only the customers whose place moved (issue 12, the deep queue). Real PostgreSQL.
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { clearTables } from "@/test/db";
import { broadcastQueuePositions } from "@/lib/routing/broadcast-queue";
import { drainQueue } from "@/lib/routing/assign-session";
import { queuePosition } from "@/lib/routing/queue";
import { requestOperator, type EscalationInput } from "@/lib/routing/request-operator";
import { inRoutingTransaction } from "@/lib/routing/routing-transaction";
import { closeSession } from "@/lib/chat/session-actions";
import { applyTeamFallbacks } from "@/lib/teams/apply-team-fallbacks";
import { claimKey, createOperator, customerActor, uniqueUserId } from "@/test/fixtures";

beforeEach(async () => {
  await clearTables("messages", "notifications", "tickets", "chat_sessions", "operators", "contacts", "audit_events", "settings");
  await prisma.team.deleteMany({ where: { id: { not: "default" } } });
});

const escalate = (overrides: Partial<EscalationInput> = {}) =>
  requestOperator({ userId: uniqueUserId(), question: "Aiuto", priority: "medium", source: "api", channel: "web", ...overrides }, customerActor());

function queued(result: Awaited<ReturnType<typeof requestOperator>>) {
  if (result.type !== "queue") throw new Error(`expected the queue, got ${result.type}`);
  return result;
}

/** An operator in exactly these teams, every seat taken by a chat already running: new sessions queue. */
async function busyOperatorIn(teamIds: string[]) {
  const operator = await createOperator({ maxChats: 1 });
  await prisma.teamMember.deleteMany({ where: { operatorId: operator.id } });
  await prisma.teamMember.createMany({ data: teamIds.map((teamId) => ({ teamId, operatorId: operator.id })) });
  await escalate({ team: teamIds[0] });
  return operator;
}

/** The counters (rows with sessions waiting) and the same figures counted from chat_sessions: they must agree. */
async function countsAndTruth() {
  const counters = await prisma.queueCount.findMany({ where: { waiting: { not: 0 } }, orderBy: [{ teamId: "asc" }, { priority: "asc" }] });
  const truth = await prisma.chatSession.groupBy({ by: ["teamId", "priority"], where: { status: "queued" }, _count: { _all: true }, orderBy: [{ teamId: "asc" }, { priority: "asc" }] });
  return {
    counters: counters.map((c) => [c.teamId, c.priority, c.waiting]),
    truth: truth.map((t) => [t.teamId, t.priority, t._count._all]),
  };
}

async function expectExactCounts() {
  const { counters, truth } = await countsAndTruth();
  expect(counters).toEqual(truth);
}

describe("queue_counts", () => {
  it("stays exact under concurrent escalations over two teams, and every answer's position is the exact one", async () => {
    const billing = await prisma.team.create({ data: { name: "Billing", slug: "billing" } });
    await busyOperatorIn(["default", billing.id]);
    // One priority per team: a later arrival never goes ahead of an earlier one, so every answer stays exact.
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) => escalate(i % 2 ? { team: "billing", priority: "high" } : {}).then(queued)),
    );
    await expectExactCounts();
    expect((await prisma.queueCount.aggregate({ _sum: { waiting: true } }))._sum.waiting).toBe(60);
    const exact = await Promise.all(answers.map((a) => queuePosition(prisma, a.session_id)));
    expect(answers.map((a) => a.position)).toEqual(exact);
    for (const teamId of ["default", billing.id]) {
      const positions = answers.filter((a, i) => (i % 2 ? billing.id : "default") === teamId).map((a) => a.position);
      expect(positions.sort((x, y) => x - y)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    }

    // Every priority into a queue holding all four: the answer is the place lib/routing/queue.ts computes.
    for (const priority of ["low", "urgent", "medium", "high", "urgent", "low"] as const) {
      const answer = queued(await escalate({ team: "billing", priority }));
      expect(answer.position).toBe(await queuePosition(prisma, answer.session_id));
    }
    await expectExactCounts();
  });

  it("follows assignment, closing, a fallback to another team, a deleted session and TRUNCATE", async () => {
    const second = await prisma.team.create({ data: { name: "Second", slug: "second" } });
    const first = await prisma.team.create({ data: { name: "First", slug: "first", fallbackTeamId: second.id, fallbackAfterMinutes: 5 } });
    const busy = await busyOperatorIn([first.id, second.id]);
    const a = queued(await escalate({ team: "first", priority: "high" }));
    const b = queued(await escalate({ team: "first" }));
    const c = queued(await escalate({ team: "second" }));
    const d = queued(await escalate({ team: "second", priority: "low" }));
    await expectExactCounts();

    // Assignment: a seat frees (the operator takes one more chat) and the head of a queue leaves it.
    await prisma.operator.update({ where: { id: busy.id }, data: { maxChats: 2 } });
    await inRoutingTransaction((scope) => drainQueue(scope));
    expect(await prisma.chatSession.findUniqueOrThrow({ where: { id: a.session_id } })).toMatchObject({ status: "active" });
    await expectExactCounts();

    // Closing a waiting session (its customer leaves).
    await closeSession(d.session_id, { principal: null, customerKey: await claimKey(d.session_id) });
    await expectExactCounts();

    // The fallback moves b to the second team, keeping its arrival: ahead of c.
    await prisma.chatSession.update({ where: { id: b.session_id }, data: { queuedAt: new Date(Date.now() - 10 * 60_000) } });
    expect((await applyTeamFallbacks()).moved).toEqual([{ sessionId: b.session_id, fromTeamId: first.id, toTeamId: second.id }]);
    await expectExactCounts();
    expect(await prisma.queueCount.findMany({ where: { teamId: first.id, waiting: { not: 0 } } })).toEqual([]);
    expect(await queuePosition(prisma, b.session_id)).toBe(1);
    expect(await queuePosition(prisma, c.session_id)).toBe(2);

    // A priority change moves the session between two counters of its team.
    await prisma.chatSession.update({ where: { id: c.session_id }, data: { priority: "urgent" } });
    await expectExactCounts();

    // Deleted outright (as deleting its contact cascades).
    await prisma.message.deleteMany({ where: { sessionId: c.session_id } });
    await prisma.chatSession.delete({ where: { id: c.session_id } });
    await expectExactCounts();
    expect((await prisma.queueCount.aggregate({ _sum: { waiting: true } }))._sum.waiting).toBe(1);

    // A write rolled back leaves the counters as they were.
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.chatSession.update({ where: { id: b.session_id }, data: { status: "closed" } });
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    await expectExactCounts();

    // TRUNCATE (how the tests empty tables) empties the counters with the sessions.
    await clearTables("chat_sessions");
    expect(await prisma.queueCount.findMany({ where: { waiting: { not: 0 } } })).toEqual([]);
    // (The running chats went too: two escalations take the operator's two seats, the third waits first in line.)
    await escalate({ team: "second" });
    await escalate({ team: "second" });
    expect(queued(await escalate({ team: "second" })).position).toBe(1);
    await expectExactCounts();
  });
});

describe("the positions broadcast", () => {
  it("tells only the customers whose position or wait moved", async () => {
    await busyOperatorIn(["default"]);
    const first = queued(await escalate());
    const second = queued(await escalate());
    const third = queued(await escalate());
    expect([first.position, second.position, third.position]).toEqual([1, 2, 3]);
    // Each answer told its customer their place and wait: nothing to tell.
    expect(await broadcastQueuePositions()).toEqual([]);

    // A joiner at the tail moves nobody (and schedules no broadcast).
    const low = queued(await escalate({ priority: "low" }));
    expect(await broadcastQueuePositions(["default"])).toEqual([]);

    // An urgent session goes first (written directly: an escalation would also schedule this broadcast, 200 ms
    // later, racing the call below): everyone moves back one place and is told so once; it is told its place too.
    const [contact] = await prisma.contact.findMany({ take: 1 });
    const urgent = await prisma.chatSession.create({ data: { id: `urgent-${Date.now()}`, contactId: contact.id, status: "queued", priority: "urgent", question: "Subito" } });
    const told = await broadcastQueuePositions();
    expect(told.sort()).toEqual([first.session_id, second.session_id, third.session_id, urgent.id, low.session_id].sort());
    expect(await broadcastQueuePositions()).toEqual([]);
    expect((await prisma.chatSession.findUniqueOrThrow({ where: { id: third.session_id } })).toldPosition).toBe(4);
    await expectExactCounts();

    // The head is served: everyone behind moves up one place.
    await prisma.chatSession.update({ where: { id: urgent.id }, data: { status: "active", operatorId: (await prisma.operator.findFirstOrThrow()).id, assignedAt: new Date() } });
    expect(await broadcastQueuePositions()).toHaveLength(4);

    // A session put back in the queue is told its place even when the number equals the one it was last told.
    await prisma.chatSession.update({ where: { id: urgent.id }, data: { status: "queued", operatorId: null, assignedAt: null } });
    expect((await prisma.chatSession.findUniqueOrThrow({ where: { id: urgent.id } })).toldPosition).toBeNull();
    expect(await broadcastQueuePositions()).toEqual(expect.arrayContaining([urgent.id]));
  });
});
