import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { recordHeartbeat, AWAY_AFTER_SECONDS } from "@/lib/operators/heartbeat";
import { markStaleOperatorsAway } from "@/lib/operators/mark-stale-operators-away";
import { requestOperator } from "@/lib/routing/request-operator";
import { createOperator, customerActor, uniqueUserId } from "@/test/fixtures";
import { clearTables } from "@/test/db";

const seconds = (n: number) => n * 1000;

beforeEach(async () => {
  await clearTables("messages", "notifications", "tickets", "chat_sessions", "audit_events", "operators");
});

describe("markStaleOperatorsAway", () => {
  it("turns away only online operators whose last heartbeat is older than the grace", async () => {
    const now = new Date();
    const fresh = await createOperator();
    const stale = await createOperator();
    const offline = await createOperator({ status: "offline" });
    await recordHeartbeat(fresh.id, new Date(now.getTime() - seconds(AWAY_AFTER_SECONDS - 5)));
    await recordHeartbeat(stale.id, new Date(now.getTime() - seconds(AWAY_AFTER_SECONDS + 5)));
    await recordHeartbeat(offline.id, new Date(now.getTime() - seconds(3600)));

    expect(await markStaleOperatorsAway({ now })).toEqual([stale.id]);

    const statuses = Object.fromEntries(
      (await prisma.operator.findMany({ select: { id: true, status: true } })).map((o) => [o.id, o.status]),
    );
    expect(statuses).toEqual({ [fresh.id]: "online", [stale.id]: "away", [offline.id]: "offline" });
    const audit = await prisma.auditEvent.findMany({ where: { action: "operator.auto_away" } });
    expect(audit.map((a) => [a.actorType, a.targetId])).toEqual([["system", stale.id]]);
  });

  it("gives an operator who never sent a heartbeat the grace from their last change", async () => {
    const operator = await createOperator();
    const justNow = new Date(operator.updatedAt.getTime() + seconds(10));
    expect(await markStaleOperatorsAway({ now: justNow })).toEqual([]);
    const later = new Date(operator.updatedAt.getTime() + seconds(AWAY_AFTER_SECONDS + 1));
    expect(await markStaleOperatorsAway({ now: later })).toEqual([operator.id]);
  });

  it("is idempotent: a second run finds nobody", async () => {
    const operator = await createOperator();
    const now = new Date();
    await recordHeartbeat(operator.id, new Date(now.getTime() - seconds(600)));
    expect(await markStaleOperatorsAway({ now })).toEqual([operator.id]);
    expect(await markStaleOperatorsAway({ now })).toEqual([]);
    expect(await prisma.auditEvent.count({ where: { action: "operator.auto_away" } })).toBe(1);
  });

  it("keeps their open chats but stops routing new customers to them", async () => {
    const operator = await createOperator({ maxChats: 2 });
    const first = await requestOperator(
      { userId: uniqueUserId(), question: "Aiuto", priority: "medium", source: "api", channel: "web" },
      customerActor(),
    );
    expect(first.type).toBe("operator_assigned");
    const now = new Date();
    await recordHeartbeat(operator.id, new Date(now.getTime() - seconds(600)));
    await markStaleOperatorsAway({ now });

    const second = await requestOperator(
      { userId: uniqueUserId(), question: "Aiuto", priority: "medium", source: "api", channel: "web" },
      customerActor(),
    );
    expect(second.type).toBe("ticket_created");
    const kept = await prisma.chatSession.findFirstOrThrow({ where: { operatorId: operator.id } });
    expect(kept.status).toBe("active");
  });
});

describe("recordHeartbeat", () => {
  it("stores the time and reports the operator's current status", async () => {
    const operator = await createOperator({ status: "away" });
    const at = new Date("2026-01-02T03:04:05.000Z");
    expect(await recordHeartbeat(operator.id, at)).toEqual({ status: "away", last_seen_at: at.toISOString() });
    expect((await prisma.operator.findUniqueOrThrow({ where: { id: operator.id } })).lastSeenAt).toEqual(at);
  });
});
