import { beforeAll, describe, expect, it } from "vitest";
import { GET as metrics } from "@/app/api/admin/metrics/route";
import { GET as audit } from "@/app/api/admin/audit/route";
import { GET as exportCsv } from "@/app/api/admin/export/[kind]/route";
import { prisma } from "@/lib/db/client";
import { DEFAULT_RULES } from "@/lib/schemas/escalation-rules";
import { createTicket } from "@/lib/tickets/create-ticket";
import { adminHeaders, call } from "@/test/http";
import { createOperator, uniqueUserId } from "@/test/fixtures";
import { signInOperator } from "@/test/sign-in-operator";

let operatorId: string;

beforeAll(async () => {
  const operator = await createOperator({ name: "Giulia" });
  operatorId = operator.id;
  const now = Date.now();
  const contact = await prisma.contact.create({ data: { userId: uniqueUserId(), email: "=cmd|' /C calc'!A0@example.com", phone: "+393331112222", name: "Mario, \"il\" Rossi" } });
  await prisma.$transaction(async (tx) => {
    const c = { id: contact.id, email: "mario@example.com", phone: null };
    for (const [priority, question] of [["high", "=1+1"], ["low", "Riga uno\nriga due, con virgola"]] as const) {
      await createTicket(tx, DEFAULT_RULES, { type: "operator", id: operatorId, role: "admin" }, { contact: c, question, priority, source: "api", channel: "web", reason: "api" });
    }
  });
  // One session that waited 2 minutes and got its first answer 30 s after assignment.
  await prisma.chatSession.create({
    data: {
      id: `s_${uniqueUserId()}`,
      contactId: contact.id,
      status: "closed",
      question: "Chat",
      operatorId,
      queuedAt: new Date(now - 10 * 60_000),
      assignedAt: new Date(now - 8 * 60_000),
      firstResponseAt: new Date(now - 8 * 60_000 + 30_000),
      closedAt: new Date(now - 60_000),
      createdAt: new Date(now - 10 * 60_000),
    },
  });
  const answered = await prisma.ticket.findFirstOrThrow({ where: { priority: "high" } });
  await prisma.ticket.update({ where: { id: answered.id }, data: { firstResponseAt: new Date(), dueAt: new Date(now - 1000) } });
  await prisma.auditEvent.create({ data: { actorType: "system", action: "rules.updated", targetType: "setting", targetId: "escalation_rules" } });
});

describe("GET /api/admin/metrics", () => {
  it("returns the live desk and a full series for each range", async () => {
    for (const [range, length] of [["24h", 24], ["7d", 7], ["30d", 30]] as const) {
      const response = await call(metrics, { path: `/api/admin/metrics?range=${range}`, headers: adminHeaders() });
      expect(response.status).toBe(200);
      const data = response.json.data;
      expect(data.series).toHaveLength(length);
      expect(data.live).toMatchObject({ operators_online: 1, queue_length: 0, active_sessions: 0 });
      expect(data.tickets_by_status).toMatchObject({ open: 2 });
      const totals = (key: string) => data.series.reduce((sum: number, p: Record<string, number>) => sum + (p[key] ?? 0), 0);
      expect(totals("sessions")).toBe(1);
      expect(totals("tickets")).toBe(2);
      const withWait = data.series.find((p: { avg_wait_seconds: number | null }) => p.avg_wait_seconds !== null);
      expect(withWait.avg_wait_seconds).toBe(120);
      expect(data.series.find((p: { avg_first_response_seconds: number | null }) => p.avg_first_response_seconds !== null).avg_first_response_seconds).toBe(30);
      expect(totals("sla_missed")).toBe(1);
    }
  });

  it.each([["an unknown range", "range=1y"]])("GET /api/admin/metrics – %s → 400", async (_label, query) => {
    expect((await call(metrics, { path: `/api/admin/metrics?${query}`, headers: adminHeaders() })).status).toBe(400);
  });

  it("is for admins only", async () => {
    const operator = await createOperator();
    expect((await call(metrics, { path: "/api/admin/metrics", headers: { cookie: await signInOperator(operator) } })).status).toBe(403);
    expect((await call(metrics, { path: "/api/admin/metrics" })).status).toBe(401);
  });
});

describe("GET /api/admin/audit", () => {
  it("filters by action prefix, actor and target, newest first with actor names", async () => {
    const all = await call(audit, { path: "/api/admin/audit", headers: adminHeaders() });
    expect(all.json.data.pagination.total).toBe(3);
    const tickets = await call(audit, { path: "/api/admin/audit?action=ticket.", headers: adminHeaders() });
    expect(tickets.json.data.events).toHaveLength(2);
    expect(tickets.json.data.events[0].actor).toEqual({ type: "operator", id: operatorId, name: "Giulia" });
    // Targets carry what people call them (the page's sentences use it), never only an id.
    expect(tickets.json.data.events.map((e: { target: { label: string } }) => e.target.label).sort()).toEqual(
      (await prisma.ticket.findMany({ select: { number: true } })).map((t) => `#${t.number}`).sort(),
    );
    const byActor = await call(audit, { path: `/api/admin/audit?actor=${operatorId}&page_size=1`, headers: adminHeaders() });
    expect(byActor.json.data.pagination).toEqual({ page: 1, page_size: 1, total: 2, total_pages: 2 });
    const rules = await call(audit, { path: "/api/admin/audit?target_type=setting&actor_type=system", headers: adminHeaders() });
    expect(rules.json.data.events.map((e: { action: string }) => e.action)).toEqual(["rules.updated"]);
    const none = await call(audit, { path: "/api/admin/audit?to=2000-01-01", headers: adminHeaders() });
    expect(none.json.data.events).toEqual([]);
  });

  it.each([
    ["an unknown actor type", "actor_type=robot"],
    ["a bad date", "from=ieri"],
    ["a page size over 200", "page_size=1000"],
  ])("GET /api/admin/audit – %s → 400", async (_label, query) => {
    expect((await call(audit, { path: `/api/admin/audit?${query}`, headers: adminHeaders() })).status).toBe(400);
  });
});

describe("GET /api/admin/export/{kind}", () => {
  const today = new Date().toISOString().slice(0, 10);

  it("exports tickets as escaped CSV that spreadsheets cannot run", async () => {
    const response = await call(exportCsv, { path: `/api/admin/export/tickets?from=${today}&to=${today}`, headers: adminHeaders(), params: { kind: "tickets" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="sportello-tickets-${today}-${today}.csv"`);
    const text = response.text.replace(/^\uFEFF/, "");
    expect(text.split("\r\n")[0]).toMatch(/^number,id,status,priority,/);
    expect(text).toContain(",'=1+1,");
    expect(text).toContain('"Riga uno\nriga due, con virgola"');
    expect(text).toContain(`,'=cmd|' /C calc'!A0@example.com,`);
    expect(text).toContain('"Mario, ""il"" Rossi"');
    expect(text).toContain(",'+393331112222,");
    expect(text.trim().split("\r\n")).toHaveLength(3);
  });

  it("exports sessions, and an empty range has only the header", async () => {
    const sessions = await call(exportCsv, { path: `/api/admin/export/sessions?from=${today}&to=${today}`, headers: adminHeaders(), params: { kind: "sessions" } });
    const lines = sessions.text.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(",120,"); // waited 2 minutes
    const empty = await call(exportCsv, { path: "/api/admin/export/tickets?from=2000-01-01&to=2000-01-02", headers: adminHeaders(), params: { kind: "tickets" } });
    expect(empty.text.replace(/^\uFEFF/, "").trim().split("\r\n")).toHaveLength(1);
  });

  it("reads a range larger than one page (1,000 rows) page by page, every row once", async () => {
    const contact = await prisma.contact.create({ data: { userId: uniqueUserId() } });
    const createdAt = new Date("2001-03-04T10:00:00Z");
    const ids = Array.from({ length: 1001 }, (_, i) => `s_page_${String(i).padStart(4, "0")}_${contact.id}`);
    await prisma.chatSession.createMany({ data: ids.map((id) => ({ id, contactId: contact.id, status: "closed", question: "q", createdAt })) });
    const response = await call(exportCsv, { path: "/api/admin/export/sessions?from=2001-03-04&to=2001-03-04", headers: adminHeaders(), params: { kind: "sessions" } });
    const rows = response.text.replace(/^\uFEFF/, "").trim().split("\r\n").slice(1);
    expect(rows.map((row) => row.split(",")[0])).toEqual(ids);
  });

  it.each([
    ["an unknown kind → 404", "tickets?from=2026-01-01&to=2026-01-02", { kind: "operators" }, 404],
    ["a missing range → 400", "tickets", { kind: "tickets" }, 400],
    ["a reversed range → 400", "tickets?from=2026-02-01&to=2026-01-01", { kind: "tickets" }, 400],
  ])("GET /api/admin/export – %s", async (_label, path, params, status) => {
    expect((await call(exportCsv, { path: `/api/admin/export/${path}`, headers: adminHeaders(), params })).status).toBe(status);
  });
});
