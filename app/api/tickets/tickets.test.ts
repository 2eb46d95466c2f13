import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as listTickets, POST as createTicket } from "@/app/api/tickets/route";
import { GET as getTicket, PATCH as patchTicket } from "@/app/api/tickets/[id]/route";
import { POST as addNote } from "@/app/api/tickets/[id]/notes/route";
import { POST as reply } from "@/app/api/tickets/[id]/replies/route";
import { GET as timeline } from "@/app/api/tickets/[id]/timeline/route";
import { GET as stats } from "@/app/api/tickets/admin/stats/route";
import { GET as publicTicket, POST as publicReply } from "@/app/api/public/tickets/[token]/route";
import { prisma } from "@/lib/db/client";
import { adminHeaders, call } from "@/test/http";
import { createOperator } from "@/test/fixtures";
import { signInOperator } from "@/test/sign-in-operator";
import { clearTables } from "@/test/db";

let ipCounter = 0;
// Each request from its own address, so the per-IP public rate limit never interferes.
const ip = () => `198.51.100.${(ipCounter++ % 250) + 1}`;

async function open(body: Record<string, unknown> = {}) {
  const response = await call(createTicket, {
    path: "/api/tickets",
    body: { user_email: "cliente@example.com", question: "Non riesco ad accedere al mio account", ...body },
    ip: ip(),
  });
  expect(response.status).toBe(201);
  return response.json.data as { id: string; number: number; ticket_url: string; due_at: string };
}

const tokenOf = (url: string) => url.split("/ticket/")[1];

beforeEach(async () => {
  await clearTables("messages", "notifications", "ticket_notes", "tickets", "audit_events");
});

describe("POST /api/tickets", () => {
  it("opens a ticket the way the guide's curl does, with its SLA and notifications", async () => {
    const response = await call(createTicket, {
      path: "/api/tickets",
      body: { user_email: "test@example.com", question: "Test notifica email/WhatsApp" },
      ip: ip(),
    });
    expect(response.status).toBe(201);
    const data = response.json.data;
    expect(response.json.success).toBe(true);
    expect(data).toMatchObject({ status: "open", priority: "medium", sla_hours: 24 });
    expect(data.number).toBeGreaterThanOrEqual(1001);
    expect(data.message).toBe(`Ho creato il ticket #${data.number}. Riceverai risposta via email/WhatsApp entro 24h.`);

    const ticket = await prisma.ticket.findUniqueOrThrow({ where: { id: data.id }, include: { contact: true, notifications: true } });
    expect(ticket.contact).toMatchObject({ userId: "email:test@example.com", email: "test@example.com", phone: null });
    expect(ticket.dueAt.toISOString()).toBe(data.due_at);
    expect(Math.abs(ticket.dueAt.getTime() - ticket.createdAt.getTime() - 24 * 3_600_000)).toBeLessThan(1_000);
    expect(ticket.notifications.map((n) => `${n.kind}:${n.channel}:${n.recipient}`)).toEqual(["ticket_created_customer:email:test@example.com"]);
  });

  it("joins the existing contact by user_id without overwriting it, and keeps priority, metadata and the addresses given", async () => {
    await open({ user_id: "crm-42", user_email: "old@example.com" });
    const data = await open({ user_id: "crm-42", user_email: "new@example.com", user_phone: "+393337654321", priority: "urgent", metadata: { order: "A-1" } });
    const ticket = await prisma.ticket.findUniqueOrThrow({ where: { id: data.id }, include: { contact: true } });
    expect(ticket.priority).toBe("urgent");
    expect(ticket.metadata).toEqual({ order: "A-1" });
    // An anonymous caller fills what is empty (the phone) but never replaces a stored email; the ticket itself is
    // answered where it was opened.
    expect(ticket.contact).toMatchObject({ userId: "crm-42", email: "old@example.com", phone: "+393337654321" });
    expect(ticket).toMatchObject({ contactEmail: "new@example.com", contactPhone: "+393337654321" });
    expect(await prisma.contact.count({ where: { userId: "crm-42" } })).toBe(1);
    // Urgent: first response due in 1 h.
    expect(Math.abs(ticket.dueAt.getTime() - ticket.createdAt.getTime() - 3_600_000)).toBeLessThan(1_000);
  });

  it("replays the same response for a retried Idempotency-Key", async () => {
    const request = { path: "/api/tickets", body: { user_phone: "+393331112222", question: "Doppio invio" }, headers: { "idempotency-key": "retry-1" }, ip: "192.0.2.77" };
    const first = await call(createTicket, request);
    const second = await call(createTicket, request);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.json.data.number).toBe(first.json.data.number);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(await prisma.ticket.count()).toBe(1);
  });

  const bigMetadata = { blob: "x".repeat(17 * 1024) };
  it.each([
    ["missing email and phone", { question: "Aiuto" }, "user_email"],
    ["missing question", { user_email: "a@example.com" }, "question"],
    ["empty question", { user_email: "a@example.com", question: "   " }, "question"],
    ["question over 4000 characters", { user_email: "a@example.com", question: "x".repeat(4001) }, "question"],
    ["invalid email", { user_email: "not-an-email", question: "Aiuto" }, "user_email"],
    ["phone not in E.164", { user_phone: "3331234567", question: "Aiuto" }, "user_phone"],
    ["unknown priority", { user_email: "a@example.com", question: "Aiuto", priority: "critical" }, "priority"],
    ["metadata not an object", { user_email: "a@example.com", question: "Aiuto", metadata: "x" }, "metadata"],
    ["metadata over 16 KB", { user_email: "a@example.com", question: "Aiuto", metadata: bigMetadata }, "metadata"],
  ])("POST /api/tickets – %s → 400", async (_label, body, path) => {
    const response = await call(createTicket, { path: "/api/tickets", body, ip: ip() });
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({ success: false, error: { code: "VALIDATION_ERROR" } });
    expect(response.json.error.request_id).toEqual(expect.any(String));
    expect(response.json.error.details.map((d: { path: string }) => d.path)).toContain(path);
    expect(await prisma.ticket.count()).toBe(0);
  });

  it("POST /api/tickets – malformed JSON → 400", async () => {
    const response = await call(createTicket, { path: "/api/tickets", rawBody: "{nope", headers: { "content-type": "application/json" }, ip: ip() });
    expect(response.status).toBe(400);
    expect(response.json.error.code).toBe("INVALID_JSON");
  });
});

describe("GET /api/tickets", () => {
  let operatorId: string;
  let cookie: string;

  beforeAll(async () => {
    const operator = await createOperator({ name: "Giulia" });
    operatorId = operator.id;
    cookie = await signInOperator(operator);
  });

  it("refuses anonymous callers and chatbot keys' absence of rights", async () => {
    expect((await call(listTickets, { path: "/api/tickets" })).status).toBe(401);
    expect((await call(listTickets, { path: "/api/tickets", headers: { authorization: "Bearer spk_wrong" } })).status).toBe(401);
  });

  it("filters by status, priority, assignee, overdue, channel, search and dates, with pagination", async () => {
    const a = await open({ question: "Fattura sbagliata", priority: "high", user_email: "mario@example.com" });
    const b = await open({ question: "Spedizione in ritardo", priority: "low", user_phone: "+393339998888", user_email: null });
    const c = await open({ question: "Reso prodotto", priority: "high" });
    await prisma.ticket.update({ where: { id: b.id }, data: { status: "pending", assigneeId: operatorId } });
    await prisma.ticket.update({ where: { id: c.id }, data: { dueAt: new Date(Date.now() - 60_000), channel: "whatsapp" } });

    const list = async (query: string) => {
      const response = await call(listTickets, { path: `/api/tickets?${query}`, headers: { cookie } });
      expect(response.status).toBe(200);
      return (response.json.data.tickets as { number: number }[]).map((t) => t.number).sort();
    };
    expect(await list("")).toEqual([a.number, b.number, c.number].sort());
    expect(await list("status=pending")).toEqual([b.number]);
    expect(await list("status=open,pending&priority=high")).toEqual([a.number, c.number].sort());
    expect(await list("assignee=me")).toEqual([b.number]);
    expect(await list("assignee=none")).toEqual([a.number, c.number].sort());
    expect(await list(`assignee=${operatorId}`)).toEqual([b.number]);
    expect(await list("overdue=true")).toEqual([c.number]);
    expect(await list("channel=whatsapp")).toEqual([c.number]);
    expect(await list("q=fattura")).toEqual([a.number]);
    expect(await list("q=mario@")).toEqual([a.number]);
    expect(await list(`q=%23${b.number}`)).toEqual([b.number]);
    expect(await list("q=99988")).toEqual([b.number]);
    const today = new Date().toISOString().slice(0, 10);
    expect(await list(`from=${today}&to=${today}`)).toHaveLength(3);
    expect(await list("to=2000-01-01")).toEqual([]);

    const page = await call(listTickets, { path: "/api/tickets?page=2&page_size=2&sort=created_asc", headers: { cookie } });
    expect(page.json.data.pagination).toEqual({ page: 2, page_size: 2, total: 3, total_pages: 2 });
    expect(page.json.data.tickets.map((t: { number: number }) => t.number)).toEqual([c.number]);
    expect(page.json.data.tickets[0]).toMatchObject({ overdue: true, channel: "whatsapp", contact: { email: "cliente@example.com" } });
  });

  it.each([
    ["unknown status", "status=done"],
    ["page zero", "page=0"],
    ["page size over 100", "page_size=500"],
    ["overdue not a boolean", "overdue=maybe"],
    ["bad date", "from=yesterday"],
  ])("GET /api/tickets – %s → 400", async (_label, query) => {
    const response = await call(listTickets, { path: `/api/tickets?${query}`, headers: adminHeaders() });
    expect(response.status).toBe(400);
    expect(response.json.error.code).toBe("VALIDATION_ERROR");
  });
});

describe("a ticket's life", () => {
  it("is found by number or id, changes status with the lifecycle, and every change is audited", async () => {
    const operator = await createOperator({ name: "Luca" });
    const cookie = await signInOperator(operator);
    const t = await open({ user_phone: "+393330001111" });

    const byNumber = await call(getTicket, { headers: { cookie }, params: { id: String(t.number) } });
    const byHash = await call(getTicket, { headers: { cookie }, params: { id: `#${t.number}` } });
    const byId = await call(getTicket, { headers: { cookie }, params: { id: t.id } });
    expect(byNumber.json.data.id).toBe(t.id);
    expect(byHash.json.data.id).toBe(t.id);
    expect(byId.json.data.number).toBe(t.number);
    expect((await call(getTicket, { headers: { cookie }, params: { id: "999999" } })).status).toBe(404);

    const patch = (body: unknown) => call(patchTicket, { method: "PATCH", headers: { cookie }, params: { id: String(t.number) }, body });
    const changed = await patch({ status: "pending", priority: "high", assignee_id: operator.id, tags: ["Billing", "vip", "vip"] });
    expect(changed.status).toBe(200);
    expect(changed.json.data).toMatchObject({ status: "pending", priority: "high", assignee: { id: operator.id, name: "Luca" }, tags: ["billing", "vip"] });
    // The SLA target follows the priority: 4 h for high.
    const row = await prisma.ticket.findUniqueOrThrow({ where: { id: t.id } });
    expect(Math.abs(row.dueAt.getTime() - row.createdAt.getTime() - 4 * 3_600_000)).toBeLessThan(1_000);

    expect((await patch({ status: "resolved" })).json.data.resolved_at).toEqual(expect.any(String));
    expect((await patch({ status: "closed" })).json.data.closed_at).toEqual(expect.any(String));
    const refused = await patch({ status: "open" });
    expect(refused.status).toBe(409);
    expect(refused.json.error).toMatchObject({ code: "INVALID_STATE", details: { from: "closed", to: "open" } });

    const audit = await prisma.auditEvent.findMany({ where: { targetId: t.id }, orderBy: { at: "asc" } });
    expect(audit.map((a) => a.action)).toEqual([
      "ticket.created",
      "ticket.status_changed",
      "ticket.priority_changed",
      "ticket.assigned",
      "ticket.tags_changed",
      "ticket.status_changed",
      "ticket.status_changed",
    ]);
    expect(audit.filter((a) => a.action !== "ticket.created").every((a) => a.actorType === "operator" && a.actorId === operator.id)).toBe(true);
    expect(audit[1].data).toMatchObject({ from: "open", to: "pending" });
  });

  it.each([
    ["an empty body", {}],
    ["an unknown status", { status: "archived" }],
    ["an unknown assignee", { assignee_id: "op_nobody" }],
    ["a tag with markup", { tags: ["<script>"] }],
    ["too many tags", { tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }],
  ])("PATCH /api/tickets/{id} – %s → 400", async (_label, body) => {
    const t = await open();
    const response = await call(patchTicket, { method: "PATCH", headers: adminHeaders(), params: { id: t.id }, body });
    expect(response.status).toBe(400);
    expect(response.json.error.code).toBe("VALIDATION_ERROR");
  });

  it("replies by email and WhatsApp through the outbox, notes stay internal, and the customer's answer reopens it", async () => {
    const operator = await createOperator({ name: "Sara" });
    const cookie = await signInOperator(operator);
    const t = await open({ user_email: "anna@example.com", user_phone: "+393334445555" });
    const token = tokenOf(t.ticket_url);

    const note = await call(addNote, { headers: { cookie }, params: { id: t.id }, body: { body: "Cliente VIP, rimborso già approvato" } });
    expect(note.status).toBe(201);

    const answer = await call(reply, {
      headers: { cookie },
      params: { id: String(t.number) },
      body: { body: "Abbiamo sbloccato il tuo account.", channels: ["email", "whatsapp"], status: "pending" },
    });
    expect(answer.status).toBe(201);
    const ticket = await prisma.ticket.findUniqueOrThrow({ where: { id: t.id }, include: { notifications: true, messages: true } });
    expect(ticket.status).toBe("pending");
    expect(ticket.firstResponseAt).not.toBeNull();
    expect(ticket.assigneeId).toBe(operator.id);
    const replies = ticket.notifications.filter((n) => n.kind === "ticket_reply");
    expect(replies.map((n) => `${n.channel}:${n.recipient}`).sort()).toEqual(["email:anna@example.com", "whatsapp:+393334445555"]);
    for (const n of replies) {
      expect(n.payload).toMatchObject({ ticket_number: t.number, body: "Abbiamo sbloccato il tuo account.", ticket_url: t.ticket_url, locale: "it", operator_name: "Sara" });
      expect(n.messageId).toBe(answer.json.data.id);
    }
    expect(ticket.messages).toHaveLength(1);
    expect(ticket.messages[0]).toMatchObject({ sender: "operator", channel: "email", operatorId: operator.id, seq: 1 });

    // The customer's page: the answer, never the internal note.
    const page = await call(publicTicket, { params: { token } });
    expect(page.status).toBe(200);
    expect(page.json.data).toMatchObject({ number: t.number, status: "pending", can_reply: true });
    expect(page.json.data.messages).toEqual([expect.objectContaining({ sender: "operator", body: "Abbiamo sbloccato il tuo account.", operator_name: "Sara" })]);
    expect(page.text).not.toContain("VIP");
    expect(page.text).not.toContain(operator.id);

    const customer = await call(publicReply, { params: { token }, body: { body: "Grazie, ora funziona!" }, ip: ip() });
    expect(customer.status).toBe(201);
    expect(customer.json.data).toMatchObject({ seq: 2, sender: "customer", status: "open" });
    const reopened = await prisma.ticket.findUniqueOrThrow({ where: { id: t.id } });
    expect(reopened.status).toBe("open");
    const reopenAudit = await prisma.auditEvent.findFirst({ where: { targetId: t.id, action: "ticket.status_changed", actorType: "customer" } });
    expect(reopenAudit?.data).toMatchObject({ from: "pending", to: "open", via: "customer_reply" });

    const items = (await call(timeline, { headers: { cookie }, params: { id: t.id } })).json.data.items as { type: string; data: Record<string, unknown> }[];
    expect(items[0].type).toBe("created");
    expect(items.map((i) => i.type)).toEqual(expect.arrayContaining(["note", "message", "event", "notification"]));
    expect(items.filter((i) => i.type === "message").map((i) => i.data.sender)).toEqual(["operator", "customer"]);
    expect(items.find((i) => i.type === "note")?.data).toMatchObject({ body: "Cliente VIP, rimborso già approvato", author: { name: "Sara" } });
    expect(items.find((i) => i.type === "event" && i.data.action === "ticket.assigned")?.data).toMatchObject({ actor: { type: "operator", name: "Sara" } });
  });

  it("refuses replies on a channel the customer has no address for, and customer answers on closed tickets", async () => {
    const t = await open({ user_email: "solo-email@example.com" });
    const noPhone = await call(reply, { headers: adminHeaders(), params: { id: t.id }, body: { body: "Ciao", channels: ["whatsapp"] } });
    expect(noPhone.status).toBe(400);
    expect(await prisma.message.count({ where: { ticketId: t.id } })).toBe(0);

    const bad = await call(reply, { headers: adminHeaders(), params: { id: t.id }, body: { body: "Ciao", channels: ["fax"] } });
    expect(bad.status).toBe(400);

    await prisma.ticket.update({ where: { id: t.id }, data: { status: "closed" } });
    const closed = await call(publicReply, { params: { token: tokenOf(t.ticket_url) }, body: { body: "Ancora io" }, ip: ip() });
    expect(closed.status).toBe(409);
    expect(await prisma.message.count({ where: { ticketId: t.id } })).toBe(0);

    expect((await call(publicTicket, { params: { token: "x".repeat(32) } })).status).toBe(404);
    expect((await call(publicTicket, { params: { token: "../etc" } })).status).toBe(404);
    expect((await call(publicReply, { params: { token: tokenOf(t.ticket_url) }, body: { body: "" }, ip: ip() })).status).toBe(400);
  });
});

describe("GET /api/tickets/admin/stats", () => {
  it("counts by status and priority, today and this week, overdue, and the average first response", async () => {
    const a = await open({ priority: "urgent" });
    const b = await open({ priority: "low" });
    await open({ priority: "low" });
    const created = new Date(Date.now() - 30 * 60_000);
    await prisma.ticket.update({ where: { id: a.id }, data: { createdAt: created, dueAt: new Date(Date.now() - 60_000) } });
    await prisma.ticket.update({ where: { id: b.id }, data: { status: "resolved", createdAt: created, firstResponseAt: new Date(created.getTime() + 20 * 60_000), resolvedAt: new Date() } });

    const operator = await createOperator();
    const forbidden = await call(stats, { headers: { cookie: await signInOperator(operator) } });
    expect(forbidden.status).toBe(403);

    const response = await call(stats, { headers: adminHeaders() });
    expect(response.status).toBe(200);
    expect(response.json.data).toMatchObject({
      total: 3,
      by_status: { open: 2, pending: 0, resolved: 1, closed: 0 },
      by_priority: { urgent: 1, high: 0, medium: 0, low: 1 },
      created_last_7_days: 3,
      overdue: 1,
      avg_first_response_minutes: 20,
      sla_compliance_last_7_days: 50,
    });
    expect(response.json.data.created_today).toBeGreaterThanOrEqual(1);
  });
});
