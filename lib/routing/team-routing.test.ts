// Routing by team and skills (issue 12), against the real database: who gets a session, per-team queues, positions
// and estimates, capacity across teams, the drain across an operator's teams, per-team limits and the fallback.
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { clearTables } from "@/test/db";
import { drainQueue } from "@/lib/routing/assign-session";
import { queuePosition } from "@/lib/routing/queue";
import { requestOperator, type EscalationInput } from "@/lib/routing/request-operator";
import { inRoutingTransaction } from "@/lib/routing/routing-transaction";
import { enforceQueueTimeouts } from "@/lib/routing/enforce-queue-timeouts";
import { applyTeamFallbacks } from "@/lib/teams/apply-team-fallbacks";
import { createOperator, customerActor, uniqueUserId } from "@/test/fixtures";

beforeEach(async () => {
  await clearTables("messages", "notifications", "tickets", "chat_sessions", "operators", "contacts", "audit_events", "settings");
  await prisma.team.deleteMany({ where: { id: { not: "default" } } });
});

const escalate = (overrides: Partial<EscalationInput> = {}) =>
  requestOperator({ userId: uniqueUserId(), question: "Aiuto", priority: "medium", source: "api", channel: "web", ...overrides }, customerActor());

async function team(slug: string, data: { maxQueueLength?: number; maxQueueWaitMinutes?: number; businessHours?: object; fallbackTeamId?: string; fallbackAfterMinutes?: number } = {}) {
  return prisma.team.create({ data: { name: slug, slug, ...data } });
}

/** An operator in exactly these teams (by id) with these skills. */
async function operatorIn(teamIds: string[], opts: { skills?: string[]; maxChats?: number; name?: string } = {}) {
  const operator = await createOperator({ maxChats: opts.maxChats ?? 1, name: opts.name });
  await prisma.teamMember.deleteMany({ where: { operatorId: operator.id } });
  await prisma.teamMember.createMany({ data: teamIds.map((teamId) => ({ teamId, operatorId: operator.id })) });
  if (opts.skills) await prisma.operator.update({ where: { id: operator.id }, data: { skills: opts.skills } });
  return operator;
}

function sessionId(result: Awaited<ReturnType<typeof requestOperator>>): string {
  if (result.type === "ticket_created") throw new Error(`expected a session, got a ticket (${result.reason})`);
  return result.session_id;
}

describe("routing by team and skills", () => {
  it("gives a session to an online member of its team who has every required skill", async () => {
    const billing = await team("billing");
    const english = await operatorIn([billing.id], { skills: ["en"], name: "Emma" });
    const italianBilling = await operatorIn([billing.id], { skills: ["billing", "it"], name: "Bruno" });
    const outsider = await operatorIn(["default"], { skills: ["billing", "en", "it"], name: "Dario" });

    expect(await escalate({ team: "billing", skills: ["billing", "it"] })).toMatchObject({ type: "operator_assigned", operator: { id: italianBilling.id } });
    expect(await escalate({ team: billing.id, skills: ["en"] })).toMatchObject({ type: "operator_assigned", operator: { id: english.id } });
    // Nobody in the team speaks French: no operator can take it, so a ticket, in the team.
    const french = await escalate({ team: "billing", skills: ["fr"] });
    expect(french).toMatchObject({ type: "ticket_created", reason: "no_operators" });
    if (french.type !== "ticket_created") return;
    expect((await prisma.ticket.findUniqueOrThrow({ where: { number: french.ticket_number } })).teamId).toBe(billing.id);
    // Without a team: the default team, as the guide's call always did.
    const plain = await escalate();
    expect(plain).toMatchObject({ type: "operator_assigned", operator: { id: outsider.id } });
    expect((await prisma.chatSession.findUniqueOrThrow({ where: { id: sessionId(plain) } })).teamId).toBe("default");
  });

  it("refuses an unknown team before writing anything", async () => {
    await operatorIn(["default"]);
    await expect(escalate({ team: "nope" })).rejects.toMatchObject({ code: "VALIDATION_ERROR", details: { field: "team" } });
    expect(await prisma.chatSession.count()).toBe(0);
    expect(await prisma.contact.count()).toBe(0);
  });

  it("picks the least-loaded member, then the one idle longest", async () => {
    const sales = await team("sales");
    const a = await operatorIn([sales.id], { maxChats: 3, name: "A" });
    const b = await operatorIn([sales.id], { maxChats: 3, name: "B" });
    const first = await escalate({ team: "sales" });
    const second = await escalate({ team: "sales" });
    if (first.type !== "operator_assigned" || second.type !== "operator_assigned") throw new Error("expected assignments");
    expect(new Set([first.operator.id, second.operator.id])).toEqual(new Set([a.id, b.id]));
    // Both have one chat: the one assigned longest ago gets the third.
    expect(await escalate({ team: "sales" })).toMatchObject({ operator: { id: first.operator.id } });
  });

  it("keeps max_chats per operator across all their teams", async () => {
    const [x, y] = [await team("x"), await team("y")];
    const shared = await operatorIn([x.id, y.id], { maxChats: 2 });
    expect(await escalate({ team: "x" })).toMatchObject({ type: "operator_assigned", operator: { id: shared.id } });
    expect(await escalate({ team: "y" })).toMatchObject({ type: "operator_assigned", operator: { id: shared.id } });
    expect(await escalate({ team: "x" })).toMatchObject({ type: "queue", position: 1 });
    expect(await escalate({ team: "y" })).toMatchObject({ type: "queue", position: 1 });
    expect(await prisma.chatSession.count({ where: { operatorId: shared.id, status: "active" } })).toBe(2);
  });

  it("numbers each team's queue 1..n by priority then arrival, with the estimate from that team's seats and handle times", async () => {
    const [slow, fast] = [await team("slow"), await team("fast")];
    await operatorIn([slow.id], { maxChats: 1 });
    await operatorIn([fast.id], { maxChats: 1 });
    await operatorIn([fast.id], { maxChats: 1 });
    // The slow team's last chats took 20 minutes each, the fast team's 4: each queue moves at its own pace.
    const contact = await prisma.contact.create({ data: { userId: uniqueUserId("past") } });
    const now = Date.now();
    const history = (teamId: string, minutes: number) =>
      Array.from({ length: 5 }, (_, i) => ({
        id: `past-${teamId}-${i}-${"x".repeat(16)}`,
        contactId: contact.id,
        status: "closed" as const,
        question: "old",
        teamId,
        assignedAt: new Date(now - (i + 1) * 3_600_000 - minutes * 60_000),
        closedAt: new Date(now - (i + 1) * 3_600_000),
      }));
    await prisma.chatSession.createMany({ data: [...history(slow.id, 20), ...history(fast.id, 4)] });
    for (let i = 0; i < 1; i++) await escalate({ team: "slow" }); // takes the slow team's seat
    for (let i = 0; i < 2; i++) await escalate({ team: "fast" }); // takes both fast seats
    const slow1 = await escalate({ team: "slow" });
    const fast1 = await escalate({ team: "fast" });
    const slow2 = await escalate({ team: "slow" });
    const slowUrgent = await escalate({ team: "slow", priority: "urgent" });
    expect(slow1).toMatchObject({ type: "queue", position: 1, estimated_wait: 20 });
    expect(fast1).toMatchObject({ type: "queue", position: 1, estimated_wait: 2 }); // 1 × 4 min ÷ 2 seats
    expect(slow2).toMatchObject({ type: "queue", position: 2, estimated_wait: 40 });
    expect(slowUrgent).toMatchObject({ type: "queue", position: 1 });
    expect(await queuePosition(prisma, sessionId(slow1))).toBe(2);
    expect(await queuePosition(prisma, sessionId(slow2))).toBe(3);
    expect(await queuePosition(prisma, sessionId(fast1))).toBe(1);
  });

  it("applies a team's own queue length and business hours, the desk's where it set none", async () => {
    const small = await team("small", { maxQueueLength: 1 });
    // Open all day every day, except today: its holiday.
    const minute = [["00:00", "23:59"]];
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Rome" }).format(new Date());
    const closed = await team("closed", { businessHours: { enabled: true, timezone: "Europe/Rome", days: { mon: minute, tue: minute, wed: minute, thu: minute, fri: minute, sat: minute, sun: minute }, holidays: [today] } });
    await operatorIn([small.id, "default"], { maxChats: 1 });
    await operatorIn([closed.id], { maxChats: 1 });
    await escalate({ team: "small" });
    expect(await escalate({ team: "small" })).toMatchObject({ type: "queue", position: 1 });
    expect(await escalate({ team: "small" })).toMatchObject({ type: "ticket_created", reason: "queue_full" });
    // The default team (desk-wide max 500) still queues.
    expect(await escalate()).toMatchObject({ type: "queue", position: 1 });
    expect(await escalate({ team: "closed" })).toMatchObject({ type: "ticket_created", reason: "after_hours" });
  });

  it("turns a session into a ticket after its team's max wait, in its team", async () => {
    const quick = await team("quick", { maxQueueWaitMinutes: 1 });
    await operatorIn([quick.id, "default"], { maxChats: 1 });
    await escalate({ team: "quick" });
    const inQuick = sessionId(await escalate({ team: "quick" }));
    const inDefault = sessionId(await escalate());
    const twoMinutesAgo = new Date(Date.now() - 2 * 60_000);
    await prisma.chatSession.updateMany({ where: { id: { in: [inQuick, inDefault] } }, data: { queuedAt: twoMinutesAgo } });
    const { ticketed } = await enforceQueueTimeouts(new Date());
    expect(ticketed.map((t) => t.sessionId)).toEqual([inQuick]);
    const ticket = await prisma.ticket.findUniqueOrThrow({ where: { sessionId: inQuick } });
    expect(ticket.teamId).toBe(quick.id);
    expect((await prisma.chatSession.findUniqueOrThrow({ where: { id: inDefault } })).status).toBe("queued");
  });
});

describe("drain across an operator's teams", () => {
  it("gives a freed seat the first session the operator may serve across their teams, by priority then arrival", async () => {
    const [a, b, other] = [await team("a"), await team("b"), await team("other")];
    const operator = await operatorIn([a.id, b.id], { maxChats: 1 });
    const busy = sessionId(await escalate({ team: "a" }));
    // The only German speaker in b is busy: b's German session waits for them, not for our operator.
    await operatorIn([b.id], { skills: ["de"], maxChats: 1 });
    await escalate({ team: "b", skills: ["de"] });
    const t = Date.now() - 60 * 60_000;
    const queued = async (teamSlug: string, priority: "medium" | "high" | "urgent", minutesIn: number, skills: string[] = []) => {
      const id = sessionId(await escalate({ team: teamSlug, priority, skills }));
      await prisma.chatSession.update({ where: { id }, data: { queuedAt: new Date(t + minutesIn * 60_000) } });
      return id;
    };
    await operatorIn([other.id], { maxChats: 1 });
    const otherBusy = sessionId(await escalate({ team: "other" }));
    const urgentElsewhere = await queued("other", "urgent", 0); // not the operator's team
    const needsSkill = await queued("b", "urgent", 1, ["de"]); // a skill the operator lacks
    const aMedium = await queued("a", "medium", 2);
    const bHigh = await queued("b", "high", 3);
    const aHigh = await queued("a", "high", 4);
    const bMedium = await queued("b", "medium", 1);
    expect(otherBusy).toBeTruthy();

    const order: string[] = [];
    let current = busy;
    for (let i = 0; i < 4; i++) {
      await prisma.chatSession.update({ where: { id: current }, data: { status: "closed", closedAt: new Date() } });
      await inRoutingTransaction((scope) => drainQueue(scope));
      const next = await prisma.chatSession.findFirstOrThrow({ where: { operatorId: operator.id, status: "active" } });
      order.push(next.id);
      current = next.id;
    }
    expect(order).toEqual([bHigh, aHigh, bMedium, aMedium]);
    for (const id of [urgentElsewhere, needsSkill]) expect((await prisma.chatSession.findUniqueOrThrow({ where: { id } })).status).toBe("queued");
  });
});

describe("team fallback", () => {
  it("moves a session waiting past the team's fallback time to the fallback team, keeping its arrival; once across instances", async () => {
    const second = await team("second-line");
    const first = await team("first-line", { fallbackTeamId: second.id, fallbackAfterMinutes: 5 });
    await operatorIn([first.id], { maxChats: 1 });
    await operatorIn([second.id], { maxChats: 1 });
    await escalate({ team: "first-line" });
    await escalate({ team: "second-line" });
    const now = Date.now();
    const at = async (teamSlug: string, minutesAgo: number) => {
      const id = sessionId(await escalate({ team: teamSlug }));
      await prisma.chatSession.update({ where: { id }, data: { queuedAt: new Date(now - minutesAgo * 60_000) } });
      return id;
    };
    const oldInSecond = await at("second-line", 20);
    const waitedTooLong = await at("first-line", 10);
    const newInSecond = await at("second-line", 2);
    const recent = await at("first-line", 1);
    const before = await prisma.chatSession.findUniqueOrThrow({ where: { id: waitedTooLong } });

    // Two worker instances at the same moment: the session moves once.
    const results = await Promise.all([applyTeamFallbacks(new Date(now)), applyTeamFallbacks(new Date(now))]);
    expect(results.flatMap((r) => r.moved)).toEqual([{ sessionId: waitedTooLong, fromTeamId: first.id, toTeamId: second.id }]);
    expect(await prisma.auditEvent.count({ where: { action: "session.team_fallback" } })).toBe(1);

    const moved = await prisma.chatSession.findUniqueOrThrow({ where: { id: waitedTooLong } });
    expect(moved).toMatchObject({ teamId: second.id, status: "queued", queuedAt: before.queuedAt });
    // Its original arrival places it between the second line's earlier and later arrivals.
    expect(await Promise.all([oldInSecond, waitedTooLong, newInSecond].map((id) => queuePosition(prisma, id)))).toEqual([1, 2, 3]);
    expect(await queuePosition(prisma, recent)).toBe(1);
    expect((await prisma.chatSession.findUniqueOrThrow({ where: { id: recent } })).teamId).toBe(first.id);
  });

  it("hands a moved session at once to a free seat of the fallback team", async () => {
    const backup = await team("backup");
    const main = await team("main", { fallbackTeamId: backup.id, fallbackAfterMinutes: 1 });
    await operatorIn([main.id], { maxChats: 1 });
    await escalate({ team: "main" });
    const waiting = sessionId(await escalate({ team: "main" }));
    const helper = await operatorIn([backup.id], { maxChats: 1 });
    await applyTeamFallbacks(new Date(Date.now() + 2 * 60_000));
    expect(await prisma.chatSession.findUniqueOrThrow({ where: { id: waiting } })).toMatchObject({ status: "active", operatorId: helper.id, teamId: backup.id });
  });
});
