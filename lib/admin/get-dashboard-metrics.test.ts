// The numbers behind the overview's charts (issue 14): each chart counts what its title says, on seeded data.
import { beforeAll, describe, expect, it } from "vitest";
import { getDashboardMetrics, type DashboardMetrics } from "@/lib/admin/get-dashboard-metrics";
import { prisma } from "@/lib/db/client";
import { requestOperator } from "@/lib/routing/request-operator";
import { DEFAULT_RULES } from "@/lib/schemas/escalation-rules";
import { createTicket } from "@/lib/tickets/create-ticket";
import { createOperator, customerActor, uniqueUserId } from "@/test/fixtures";

let metrics: DashboardMetrics;
const total = (key: keyof DashboardMetrics["series"][number]) => metrics.series.reduce((sum, p) => sum + (typeof p[key] === "number" ? (p[key] as number) : 0), 0);

beforeAll(async () => {
  const now = Date.now();
  const operator = await createOperator({ name: "Giulia", status: "offline" });
  // 1. An escalation with nobody online: a ticket at once, no chat session.
  const escalation = await requestOperator({ userId: uniqueUserId(), email: "a@example.com", question: "Nessuno online?", priority: "medium", source: "chatbot", channel: "web" }, customerActor());
  expect(escalation.type).toBe("ticket_created");
  const contact = await prisma.contact.create({ data: { userId: uniqueUserId(), name: "Mario" } });
  // 2. A chat that waited 6 seconds in the queue and got its first answer 20 seconds later.
  await prisma.chatSession.create({
    data: { id: `s_${uniqueUserId()}`, contactId: contact.id, status: "closed", question: "Chat", operatorId: operator.id, queuedAt: new Date(now - 60_000), assignedAt: new Date(now - 54_000), firstResponseAt: new Date(now - 34_000), closedAt: new Date(now - 10_000), createdAt: new Date(now - 60_000) },
  });
  // 3. A chat that waited too long and became a ticket.
  await prisma.chatSession.create({ data: { id: `s_${uniqueUserId()}`, contactId: contact.id, status: "ticketed", question: "Attesa", queuedAt: new Date(now - 30 * 60_000), createdAt: new Date(now - 30 * 60_000), closedAt: new Date(now - 20 * 60_000) } });
  // 4. A ticket answered in time (its target is still in the future) and 5. one whose target passed unanswered.
  const c = { id: contact.id, email: "mario@example.com", phone: null };
  const [inTime, late] = await prisma.$transaction(async (tx) => [
    await createTicket(tx, DEFAULT_RULES, { type: "operator", id: operator.id, role: "admin" }, { contact: c, question: "In tempo", priority: "low", source: "api", channel: "web", reason: "api" }),
    await createTicket(tx, DEFAULT_RULES, { type: "operator", id: operator.id, role: "admin" }, { contact: c, question: "In ritardo", priority: "low", source: "api", channel: "web", reason: "api" }),
  ]);
  await prisma.ticket.update({ where: { id: inTime.id }, data: { firstResponseAt: new Date(), dueAt: new Date(now + 3_600_000) } });
  await prisma.ticket.update({ where: { id: late.id }, data: { dueAt: new Date(now - 3_600_000) } });
  metrics = await getDashboardMetrics("24h");
});

describe("overview charts on seeded data", () => {
  it("'Requests for an operator' counts every escalation, the ones ticketed at once included", () => {
    expect(total("requests")).toBe(3);
    expect(total("sessions")).toBe(2);
    expect(total("sessions_ticketed")).toBe(1);
    expect(total("requests_ticketed_at_once")).toBe(1);
  });

  it("'Queue wait and first response' has the seeded seconds", () => {
    const point = metrics.series.find((p) => p.avg_wait_seconds !== null);
    expect(point?.avg_wait_seconds).toBe(6);
    expect(metrics.series.find((p) => p.avg_first_response_seconds !== null)?.avg_first_response_seconds).toBe(20);
  });

  it("'Tickets created' counts the three tickets", () => {
    expect(total("tickets")).toBe(3);
  });

  it("SLA compliance counts a ticket answered before its target, and one whose target passed", () => {
    expect(total("sla_met")).toBe(1);
    expect(total("sla_missed")).toBe(1);
    const points = metrics.series.filter((p) => p.sla_compliance !== null);
    expect(points.length).toBeGreaterThan(0);
  });
});
