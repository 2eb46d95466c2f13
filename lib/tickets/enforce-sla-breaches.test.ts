import { beforeEach, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.ADMIN_EMAIL = "admin@example.com";
  process.env.ADMIN_PHONE = "+393331234567";
});

import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { DEFAULT_RULES } from "@/lib/schemas/escalation-rules";
import { createTicket } from "@/lib/tickets/create-ticket";
import { enforceSlaBreaches } from "@/lib/tickets/enforce-sla-breaches";
import { uniqueUserId } from "@/test/fixtures";
import { clearTables } from "@/test/db";

const hours = (n: number) => n * 3_600_000;
const created = new Date("2026-11-23T09:00:00Z");

async function ticket(priority: "low" | "medium" | "high" | "urgent") {
  return prisma.$transaction(async (tx) => {
    const contact = await tx.contact.create({ data: { userId: uniqueUserId(), email: "c@example.com" }, select: { id: true, email: true, phone: true } });
    return createTicket(tx, DEFAULT_RULES, SYSTEM_ACTOR, { contact, question: "Aiuto", priority, source: "api", channel: "web", reason: "api", now: created });
  });
}

beforeEach(async () => {
  await clearTables("notifications", "messages", "tickets");
});

describe("enforceSlaBreaches", () => {
  it("alerts the admin once per ticket whose first-response target passed unanswered", async () => {
    const urgent = await ticket("urgent"); // due at +1 h
    const high = await ticket("high"); // due at +4 h
    const answered = await ticket("urgent");
    await prisma.ticket.update({ where: { id: answered.id }, data: { firstResponseAt: new Date(created.getTime() + hours(0.5)) } });
    const resolved = await ticket("urgent");
    await prisma.ticket.update({ where: { id: resolved.id }, data: { status: "resolved" } });

    expect((await enforceSlaBreaches(new Date(created.getTime() + hours(1) - 1))).breached).toEqual([]);
    expect((await enforceSlaBreaches(new Date(created.getTime() + hours(1)))).breached).toEqual([urgent.number]);
    expect((await enforceSlaBreaches(new Date(created.getTime() + hours(2)))).breached).toEqual([]);
    expect((await enforceSlaBreaches(new Date(created.getTime() + hours(5)))).breached).toEqual([high.number]);

    const alerts = await prisma.notification.findMany({ where: { kind: "sla_breach_admin" }, orderBy: [{ ticketId: "asc" }, { channel: "asc" }] });
    expect(alerts).toHaveLength(4);
    const forUrgent = alerts.filter((a) => a.ticketId === urgent.id);
    expect(forUrgent.map((a) => `${a.channel}:${a.recipient}`)).toEqual(["email:admin@example.com", "whatsapp:+393331234567"]);
    expect(forUrgent[0].payload).toMatchObject({ ticket_number: urgent.number, priority: "urgent", due_at: new Date(created.getTime() + hours(1)).toISOString(), overdue_minutes: 0 });
    const row = await prisma.ticket.findUniqueOrThrow({ where: { id: urgent.id } });
    expect(row.slaBreachedAt?.toISOString()).toBe(new Date(created.getTime() + hours(1)).toISOString());
  });

  it("fires once when several instances run at the same moment", async () => {
    const tickets = [await ticket("urgent"), await ticket("urgent"), await ticket("high")];
    const now = new Date(created.getTime() + hours(10));
    const runs = await Promise.all([enforceSlaBreaches(now), enforceSlaBreaches(now), enforceSlaBreaches(now), enforceSlaBreaches(now)]);
    expect(runs.flatMap((r) => r.breached).sort()).toEqual(tickets.map((t) => t.number).sort());
    expect(await prisma.notification.count({ where: { kind: "sla_breach_admin" } })).toBe(6);
    expect(await prisma.auditEvent.count({ where: { action: "ticket.sla_breached", targetId: { in: tickets.map((t) => t.id) } } })).toBe(3);
  });
});
