import { beforeEach, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.ADMIN_EMAIL = "admin@example.com";
  process.env.ADMIN_PHONE = "+393331234567";
});

import { prisma } from "@/lib/db/client";
import { enforceUnansweredAssignments } from "@/lib/routing/enforce-unanswered-assignments";
import { requestOperator } from "@/lib/routing/request-operator";
import { createOperator, customerActor, uniqueUserId } from "@/test/fixtures";
import { clearTables } from "@/test/db";

const seconds = (n: number) => n * 1000;

async function assignedSession() {
  const result = await requestOperator({ userId: uniqueUserId(), question: "Mi serve aiuto", priority: "medium", source: "api", channel: "web" }, customerActor());
  if (result.type !== "operator_assigned") throw new Error(`expected an assignment, got ${result.type}`);
  return prisma.chatSession.findUniqueOrThrow({ where: { id: result.session_id } });
}

beforeEach(async () => {
  await clearTables("messages", "notifications", "tickets", "chat_sessions", "operators");
});

describe("enforceUnansweredAssignments (default 60 s, admin alerted at the 2nd miss)", () => {
  it("moves the session from operator to operator, never back to one who missed it, and alerts the admin once", async () => {
    const a = await createOperator({ name: "Anna" });
    const session = await assignedSession();
    const b = await createOperator({ name: "Bruno" });
    const c = await createOperator({ name: "Carla" });
    expect(session.operatorId).toBe(a.id);
    const t0 = session.assignedAt!.getTime();

    // 59 s: nothing happens.
    expect((await enforceUnansweredAssignments(new Date(t0 + seconds(59)))).missed).toEqual([]);

    // 60 s: Anna loses it to a free colleague.
    const first = await enforceUnansweredAssignments(new Date(t0 + seconds(60)));
    expect(first.missed).toMatchObject([{ sessionId: session.id, operatorId: a.id, missedAssignments: 1, alerted: false }]);
    const second = first.missed[0].reassignedTo!;
    expect([b.id, c.id]).toContain(second);
    let row = await prisma.chatSession.findUniqueOrThrow({ where: { id: session.id } });
    expect(row).toMatchObject({ status: "active", operatorId: second, missedAssignments: 1, missedOperatorIds: [a.id] });
    expect(await prisma.notification.count({ where: { kind: "missed_assignment_admin" } })).toBe(0);

    // 60 s later the second operator missed it too: the third gets it and the admin hears about it.
    const t1 = row.assignedAt!.getTime();
    expect(t1).toBe(t0 + seconds(60));
    const secondMiss = await enforceUnansweredAssignments(new Date(t1 + seconds(60)));
    const third = secondMiss.missed[0].reassignedTo!;
    expect(secondMiss.missed).toMatchObject([{ operatorId: second, missedAssignments: 2, alerted: true }]);
    expect(third).not.toBe(a.id);
    expect(third).not.toBe(second);
    const alerts = await prisma.notification.findMany({ where: { kind: "missed_assignment_admin" }, orderBy: { channel: "asc" } });
    expect(alerts.map((n) => `${n.channel}:${n.recipient}`)).toEqual(["email:admin@example.com", "whatsapp:+393331234567"]);
    expect(alerts[0].payload).toMatchObject({ session_id: session.id, missed_assignments: 2, operators: expect.arrayContaining(["Anna"]), unanswered_seconds: 60 });
    expect(alerts[0].sessionId).toBe(session.id);

    // The third answers: the rule leaves the session alone from then on.
    row = await prisma.chatSession.findUniqueOrThrow({ where: { id: session.id } });
    await prisma.chatSession.update({ where: { id: session.id }, data: { firstResponseAt: new Date(row.assignedAt!.getTime() + seconds(30)) } });
    expect((await enforceUnansweredAssignments(new Date(row.assignedAt!.getTime() + seconds(600)))).missed).toEqual([]);
    expect(await prisma.notification.count({ where: { kind: "missed_assignment_admin" } })).toBe(2);

    const notices = await prisma.message.findMany({ where: { sessionId: session.id, sender: "system" }, orderBy: { seq: "asc" } });
    expect(notices.filter((m) => m.body.startsWith("L'operatore non è disponibile"))).toHaveLength(2);
    const audit = await prisma.auditEvent.findMany({ where: { targetId: session.id, action: "session.assignment_missed" } });
    expect(audit).toHaveLength(2);
  });

  it("puts the session back at the head of the queue when every free operator has missed it", async () => {
    const only = await createOperator({ name: "Unico" });
    const session = await assignedSession();
    const { missed } = await enforceUnansweredAssignments(new Date(session.assignedAt!.getTime() + seconds(61)));
    expect(missed).toMatchObject([{ operatorId: only.id, reassignedTo: null }]);
    const row = await prisma.chatSession.findUniqueOrThrow({ where: { id: session.id } });
    expect(row).toMatchObject({ status: "queued", operatorId: null, assignedAt: null, queuedAt: session.queuedAt, missedOperatorIds: [only.id] });
  });

  it("acts once per miss when several instances run at the same moment", async () => {
    await createOperator();
    await createOperator();
    const sessions = [await assignedSession(), await assignedSession()];
    const now = new Date(Math.max(...sessions.map((s) => s.assignedAt!.getTime())) + seconds(61));
    const runs = await Promise.all([enforceUnansweredAssignments(now), enforceUnansweredAssignments(now), enforceUnansweredAssignments(now)]);
    const misses = runs.flatMap((r) => r.missed);
    expect(misses.map((m) => m.sessionId).sort()).toEqual(sessions.map((s) => s.id).sort());
    const rows = await prisma.chatSession.findMany({ where: { id: { in: sessions.map((s) => s.id) } } });
    expect(rows.every((r) => r.missedAssignments === 1)).toBe(true);
  });
});
