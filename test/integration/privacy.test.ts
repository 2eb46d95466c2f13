// Privacy: export everything held about a person, erase it everywhere (proved by scanning every table), retention.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { TwilioDouble, twilioSid } from "@/test/doubles/twilio-double";
import { GET as exportContact } from "@/app/api/admin/contacts/[id]/export/route";
import { POST as eraseContact } from "@/app/api/admin/contacts/[id]/erase/route";
import { POST as mergeContacts } from "@/app/api/admin/contacts/merge/route";
import { GET as getRetention, PUT as putRetention } from "@/app/api/admin/privacy/retention/route";
import { POST as createTicket } from "@/app/api/tickets/route";
import { GET as chatStats } from "@/app/api/chat/stats/route";
import { prisma } from "@/lib/db/client";
import { applyRetention } from "@/lib/privacy/apply-retention";
import { requestOperator } from "@/lib/routing/request-operator";
import { adminHeaders, call } from "@/test/http";
import { createOperator, customerActor } from "@/test/fixtures";
import { signInOperator } from "@/test/sign-in-operator";
import { createContact, createConversation, createTicketWith } from "@/test/conversation-fixtures";

// Attachments live at Twilio: erase deletes them there through the API (here its local double).
const ACCOUNT_SID = `AC${"5".repeat(32)}`;
const twilioApi = await TwilioDouble.start(ACCOUNT_SID, "privacy-token");
Object.assign(process.env, {
  TWILIO_ACCOUNT_SID: ACCOUNT_SID,
  TWILIO_AUTH_TOKEN: "privacy-token",
  TWILIO_WHATSAPP_NUMBER: "whatsapp:+14155238886",
  TWILIO_API_BASE_URL: twilioApi.url,
});
const { resetEnvCache } = await import("@/lib/env");
resetEnvCache();
afterAll(() => twilioApi.close());

let people = 0;

function person() {
  const n = ++people;
  return {
    EMAIL: `Giulia.Verdi${n}@example.com`,
    PHONE: `+3934787654${String(n).padStart(2, "0")}`,
    NAME: `Giulia Verdi${"x".repeat(n)}`,
    OLD_PHONE: `+3934700011${String(n).padStart(2, "0")}`,
  };
}

/** Every row of every table, in every schema but PostgreSQL's own, whose text contains one of the needles. */
async function scanAllTables(needles: string[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ schema: string; name: string }>(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
       WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
    );
    expect(tables.length).toBeGreaterThan(15);
    const hits: string[] = [];
    for (const table of tables) {
      const ident = `${client.escapeIdentifier(table.schema)}.${client.escapeIdentifier(table.name)}`;
      for (const needle of needles) {
        const { rows } = await client.query(`SELECT t::text AS row FROM ${ident} t WHERE t::text ILIKE $1`, [`%${needle}%`]);
        for (const row of rows) hits.push(`${table.schema}.${table.name} ∋ ${needle}: ${String(row.row).slice(0, 200)}`);
      }
    }
    return hits;
  } finally {
    await client.end();
  }
}

async function seedPerson() {
  const { EMAIL, PHONE, NAME, OLD_PHONE } = person();
  const operator = await createOperator({ name: "Marta Operatrice" });
  // A web escalation through the real routing (session, messages, audit with the customer as actor).
  const escalation = await requestOperator(
    { userId: `crm-${EMAIL}`, email: EMAIL, name: NAME, phone: PHONE, question: `Sono ${NAME}, scrivetemi a ${EMAIL}`, priority: "medium", source: "api", channel: "web" },
    customerActor(`crm-${EMAIL}`),
  );
  const contact = await prisma.contact.findUniqueOrThrow({ where: { userId: `crm-${EMAIL}` } });
  // A WhatsApp conversation with an attachment, closed, handled by the operator.
  const mediaPath = twilioApi.addMedia(twilioSid("MM"), "image/jpeg", Buffer.from("photo"));
  await createConversation({
    contactId: contact.id,
    operatorId: operator.id,
    channel: "whatsapp",
    status: "closed",
    closedAt: new Date(),
    messages: [
      { body: `Il mio numero è ${PHONE}`, media: [{ url: `https://api.twilio.com${mediaPath}`, content_type: "image/jpeg" }] },
      { body: `Grazie ${NAME}, ricevuto`, sender: "operator" },
    ],
  });
  // A ticket through the public API, with an Idempotency-Key (stored response) and its email notification.
  const ticket = await call(createTicket, {
    path: "/api/tickets",
    body: { user_id: `crm-${EMAIL}`, user_email: EMAIL, question: `Fattura sbagliata per ${NAME}`, user_phone: PHONE },
    headers: { "idempotency-key": `privacy-${people}` },
    ip: "192.0.2.200",
  });
  expect(ticket.status).toBe(201);
  await prisma.ticketNote.create({ data: { ticketId: ticket.json.data.id, body: `${NAME} ha chiamato, tel. ${PHONE}` } });
  await prisma.outboxDelivery.create({ data: { channel: "email", recipient: EMAIL, subject: "Ticket", text: `Ciao ${NAME}` } });
  await prisma.contactNote.create({ data: { contactId: contact.id, body: `Preferisce essere chiamata al ${PHONE}` } });
  // An older duplicate, merged into the contact: erase covers it too.
  const old = await createContact({ name: NAME, phone: OLD_PHONE });
  await call(mergeContacts, { path: "/api/admin/contacts/merge", headers: adminHeaders(), body: { into: contact.id, from: old.id } });
  // Someone else, who must be untouched.
  const other = await createContact({ name: "Paolo Neri", email: "paolo@example.com" });
  const otherSession = await createConversation({ contactId: other.id, messages: [{ body: "Buongiorno, sono Paolo" }] });
  if (!("session_id" in escalation)) throw new Error(`expected a live session, got ${escalation.type}`);
  const webhookAttempts = await seedWebhookAttempts(escalation.session_id, otherSession.id, { EMAIL, PHONE, NAME });
  return { webhookAttempts, mediaPath, contact, operator, sessionId: escalation.session_id, ticketId: ticket.json.data.id as string, other, otherSession, EMAIL, PHONE, NAME, OLD_PHONE };
}

/**
 * The integrator's server answers each webhook with whatever it likes, and the delivery log keeps up to 4 KB of it:
 * here it echoes the person's event back, names them in an error, and says something harmless about someone else.
 */
async function seedWebhookAttempts(sessionId: string, otherSessionId: string, who: { EMAIL: string; PHONE: string; NAME: string }) {
  const endpoint = await prisma.webhookEndpoint.create({ data: { url: "https://bot.example.com/hook", events: ["message.created"], secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", active: false } });
  const attempt = async (conversationKey: string, log: { responseBody?: string; error?: string }) => {
    const event = await prisma.webhookEvent.create({ data: { id: `evt_${randomUUID()}`, type: "message.created", conversationKey, seq: Math.floor(Math.random() * 1e9), payload: { ok: true } } });
    const delivery = await prisma.webhookDelivery.create({ data: { id: `dlv_${randomUUID()}`, endpointId: endpoint.id, eventId: event.id, conversationKey, seq: event.seq, status: "failed", lastError: log.error ?? null } });
    return prisma.webhookAttempt.create({ data: { deliveryId: delivery.id, attempt: 1, requestHeaders: { "webhook-id": event.id }, responseStatus: 422, durationMs: 12, ...log } });
  };
  await prisma.chatSession.update({ where: { id: sessionId }, data: { botHandoff: { transcript: [{ role: "user", text: `Sono ${who.NAME}`, at: new Date().toISOString() }] } } });
  const echoed = await attempt(`session:${sessionId}`, { responseBody: JSON.stringify({ error: "unknown user", email: who.EMAIL, name: who.NAME }) });
  const named = await attempt(`session:${otherSessionId}`, { responseBody: `rejected: ${who.PHONE} not in CRM`, error: `HTTP 422 for ${who.EMAIL}` });
  const unrelated = await attempt(`session:${otherSessionId}`, { responseBody: "{\"received\":true}" });
  return { echoed: echoed.id, named: named.id, unrelated: unrelated.id };
}

beforeEach(async () => {
  await prisma.rateLimit.deleteMany();
});

describe("GET /api/admin/contacts/{id}/export", () => {
  it("downloads everything held about the person as JSON, and audits it", async () => {
    const { contact, ticketId, EMAIL, PHONE, NAME, OLD_PHONE } = await seedPerson();
    const response = await call(exportContact, { path: `/api/admin/contacts/${contact.id}/export`, params: { id: contact.id }, headers: adminHeaders() });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="contact-${contact.id}.json"`);
    const doc = response.json;
    expect(doc.contact_id).toBe(contact.id);
    expect(doc.contacts.map((c: { phone: string }) => c.phone).sort()).toEqual([OLD_PHONE, PHONE].sort());
    expect(doc.contacts[0].notes[0].body).toContain(PHONE);
    expect(doc.conversations).toHaveLength(2);
    expect(doc.conversations.flatMap((c: { messages: { body: string }[] }) => c.messages.map((m) => m.body))).toContain(`Il mio numero è ${PHONE}`);
    expect(doc.tickets.map((t: { id: string }) => t.id)).toEqual([ticketId]);
    expect(doc.tickets[0].notes[0].body).toContain(NAME);
    expect(doc.attachments).toEqual([expect.objectContaining({ content_type: "image/jpeg", url: expect.stringContaining("/Media/ME") })]);
    expect(doc.deliveries.some((d: { recipient: string; kind: string }) => d.recipient === EMAIL && d.kind === "ticket_created_customer")).toBe(true);
    expect(doc.outbox.some((o: { recipient: string }) => o.recipient === EMAIL)).toBe(true);
    expect(doc.audit.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(["session.requested", "contact.merged"]));
    expect(await prisma.auditEvent.count({ where: { action: "contact.exported", targetId: contact.id } })).toBe(1);
  });

  it("is admin-only and 404s an unknown contact", async () => {
    const operator = await createOperator();
    const cookie = await signInOperator(operator);
    const contact = await createContact({ name: "Someone Else" });
    expect((await call(exportContact, { params: { id: contact.id }, headers: { cookie } })).status).toBe(403);
    expect((await call(eraseContact, { method: "POST", params: { id: contact.id }, headers: { cookie } })).status).toBe(403);
    expect((await call(exportContact, { params: { id: contact.id } })).status).toBe(401);
    expect((await call(exportContact, { params: { id: "nope" }, headers: adminHeaders() })).status).toBe(404);
  });
});

describe("POST /api/admin/contacts/{id}/erase", () => {
  it("leaves no email, phone or name of the person in any table, keeps the stats and the other customers", async () => {
    const { mediaPath, contact, sessionId, ticketId, other, otherSession, webhookAttempts, EMAIL, PHONE, NAME, OLD_PHONE } = await seedPerson();
    const needles = [EMAIL, PHONE, PHONE.slice(3), NAME, OLD_PHONE];
    const before = await scanAllTables(needles);
    expect(before.length).toBeGreaterThan(5);
    // The scan does see the webhook log and the handoff transcript, so the empty scan after the erase covers them.
    for (const table of ["webhook_attempts", "webhook_deliveries", "chat_sessions"]) expect(before.some((hit) => hit.startsWith(`public.${table} `))).toBe(true);
    const stats = async () => {
      const { generated_at: _at, ...figures } = (await call(chatStats, { headers: adminHeaders() })).json.data;
      return figures;
    };
    const statsBefore = await stats();
    const countsBefore = await Promise.all([prisma.chatSession.count(), prisma.ticket.count(), prisma.message.count(), prisma.auditEvent.count()]);

    const response = await call(eraseContact, { method: "POST", path: `/api/admin/contacts/${contact.id}/erase`, params: { id: contact.id }, headers: adminHeaders() });
    expect(response.status).toBe(200);
    const removed = response.json.data.removed;
    expect(removed).toMatchObject({ contacts: 2, conversations: 2, tickets: 1, attachments: 1, contact_notes: 1, ticket_notes: 1, outbox_deliveries: 1, idempotency_records: 1 });
    expect(removed.messages).toBeGreaterThanOrEqual(4);
    expect(removed.notifications).toBeGreaterThanOrEqual(1);
    expect(removed.webhook_attempts).toBe(2);
    // The attachment is gone at Twilio too.
    expect(response.json.data.attachment_files).toEqual({ deleted: 1, failed: 0 });
    expect(twilioApi.http.requests.some((r) => r.method === "DELETE" && r.path === mediaPath)).toBe(true);

    expect(await scanAllTables(needles)).toEqual([]);
    // Rows and figures stay; only the person is gone.
    expect(await Promise.all([prisma.chatSession.count(), prisma.ticket.count(), prisma.message.count()])).toEqual(countsBefore.slice(0, 3));
    expect(await prisma.auditEvent.count()).toBe(countsBefore[3] + 1);
    expect(await stats()).toEqual(statsBefore);
    const session = await prisma.chatSession.findUniqueOrThrow({ where: { id: sessionId } });
    expect(session).toMatchObject({ contactId: contact.id, question: "", metadata: null });
    expect(session.anonymizedAt).not.toBeNull();
    const erased = await prisma.contact.findUniqueOrThrow({ where: { id: contact.id } });
    expect(erased).toMatchObject({ name: null, email: null, phone: null, userId: `erased:${contact.id}` });
    expect(erased.erasedAt).not.toBeNull();
    expect((await prisma.ticket.findUniqueOrThrow({ where: { id: ticketId } })).status).toBe("open");
    // The audit entry of the erase says what went, not who.
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "contact.erased", targetId: contact.id } });
    expect(JSON.stringify(audit.data)).not.toContain("Giulia");
    // Someone else's data is untouched.
    expect(await prisma.contact.findUniqueOrThrow({ where: { id: other.id } })).toMatchObject({ name: "Paolo Neri", email: "paolo@example.com" });
    expect((await prisma.message.findFirstOrThrow({ where: { sessionId: otherSession.id } })).body).toBe("Buongiorno, sono Paolo");

    // The webhook log keeps status and timing; an unrelated answer about someone else stays as it was.
    expect(await prisma.webhookAttempt.findUniqueOrThrow({ where: { id: webhookAttempts.echoed } })).toMatchObject({ responseBody: null, responseStatus: 422 });
    expect(await prisma.webhookAttempt.findUniqueOrThrow({ where: { id: webhookAttempts.named } })).toMatchObject({ responseBody: null, error: null });
    expect((await prisma.webhookAttempt.findUniqueOrThrow({ where: { id: webhookAttempts.unrelated } })).responseBody).toBe('{"received":true}');

    // Erasing twice is harmless.
    expect((await call(eraseContact, { method: "POST", params: { id: contact.id }, headers: adminHeaders() })).status).toBe(200);
  });
});

describe("retention", () => {
  it("keeps everything by default and validates the setting", async () => {
    expect((await call(getRetention, { headers: adminHeaders() })).json.data).toEqual({ closed_days: null });
    for (const closed_days of [0, -1, 1.5, "30", 99999]) {
      expect((await call(putRetention, { method: "PUT", body: { closed_days }, headers: adminHeaders() })).status).toBe(400);
    }
  });

  it("anonymises what closed before the limit, on a controlled clock, in batches, once", async () => {
    // Only this test's conversations: the ones seeded above closed "now", years before this clock.
    await prisma.notification.deleteMany();
    await prisma.ticket.deleteMany();
    await prisma.chatSession.deleteMany();
    const now = new Date("2031-06-15T03:00:00Z");
    const day = 86_400_000;
    const contact = await createContact({ name: "Retention Person", email: "retention@example.com" });
    const old = await createConversation({ contactId: contact.id, status: "closed", closedAt: new Date(now.getTime() - 40 * day), messages: [{ body: "vecchio messaggio" }] });
    const recent = await createConversation({ contactId: contact.id, status: "closed", closedAt: new Date(now.getTime() - 10 * day), messages: [{ body: "messaggio recente" }] });
    const open = await createConversation({ contactId: contact.id, status: "active", messages: [{ body: "chat in corso" }] });
    const oldTicket = await createTicketWith({ contactId: contact.id, question: "ticket vecchio", status: "closed", closedAt: new Date(now.getTime() - 31 * day), notes: ["nota vecchia"], replies: ["risposta vecchia"] });
    const openTicket = await createTicketWith({ contactId: contact.id, question: "ticket aperto", status: "open" });
    // Many old conversations: more than one batch.
    for (let i = 0; i < 3; i++) {
      await prisma.chatSession.createMany({
        data: Array.from({ length: 150 }, (_, j) => ({ id: `bulk_${i}_${j}_${Date.now()}`, contactId: contact.id, status: "closed" as const, question: `vecchia ${j}`, closedAt: new Date(now.getTime() - 50 * day) })),
      });
    }

    expect(await applyRetention(now)).toEqual({ conversations: 0, tickets: 0, messages: 0 });
    const put = await call(putRetention, { method: "PUT", body: { closed_days: 30 }, headers: adminHeaders() });
    expect(put.status).toBe(200);
    expect(await prisma.auditEvent.count({ where: { action: "privacy.retention_updated" } })).toBe(1);

    const first = await applyRetention(now);
    expect(first).toEqual({ conversations: 451, tickets: 1, messages: 2 });
    expect(await prisma.auditEvent.count({ where: { action: "privacy.retention_applied" } })).toBeGreaterThanOrEqual(3);
    expect((await prisma.chatSession.findUniqueOrThrow({ where: { id: old.id } })).question).toBe("");
    expect(await prisma.message.findFirstOrThrow({ where: { sessionId: old.id } })).toMatchObject({ body: "" });
    expect(await prisma.ticket.findUniqueOrThrow({ where: { id: oldTicket.id } })).toMatchObject({ question: "" });
    expect(await prisma.ticketNote.findFirstOrThrow({ where: { ticketId: oldTicket.id } })).toMatchObject({ body: "" });
    for (const [id, body] of [[recent.id, "messaggio recente"], [open.id, "chat in corso"]]) {
      expect((await prisma.message.findFirstOrThrow({ where: { sessionId: id } })).body).toBe(body);
    }
    expect((await prisma.ticket.findUniqueOrThrow({ where: { id: openTicket.id } })).question).toBe("ticket aperto");
    // The contact itself (who they are) stays: retention is about closed conversations.
    expect((await prisma.contact.findUniqueOrThrow({ where: { id: contact.id } })).email).toBe("retention@example.com");

    // Running again (another instance, the next day) finds nothing new; ten days later the recent one goes.
    expect(await applyRetention(now)).toEqual({ conversations: 0, tickets: 0, messages: 0 });
    expect(await applyRetention(new Date(now.getTime() + 21 * day))).toEqual({ conversations: 1, tickets: 0, messages: 1 });
  });
});
