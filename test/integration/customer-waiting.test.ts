// Issue 13, the waiting customer: promises measured, leaving a message, moving to WhatsApp, rating the help.
import { beforeEach, describe, expect, it } from "vitest";
import { setEnv, withEnv } from "@/test/env";
import { clearTables } from "@/test/db";

// WhatsApp is configured (continue-on-whatsapp needs it); nothing is delivered: the outbox only records.
setEnv({ TWILIO_ACCOUNT_SID: `AC${"3".repeat(32)}`, TWILIO_AUTH_TOKEN: "waiting-test", TWILIO_WHATSAPP_NUMBER: "whatsapp:+14155238886" });
const { prisma } = await import("@/lib/db/client");
const { requestOperator } = await import("@/lib/routing/request-operator");
const { getEtaAccuracy } = await import("@/lib/chat/get-eta-accuracy");
const { queuePosition } = await import("@/lib/routing/queue");
const { closeSession } = await import("@/lib/chat/session-actions");
const { receiveInboundWhatsapp } = await import("@/lib/chat/receive-inbound-message");
const { POST: leaveMessage } = await import("@/app/api/chat/sessions/[id]/leave-message/route");
const { POST: continueOnWhatsapp } = await import("@/app/api/chat/sessions/[id]/continue-on-whatsapp/route");
const { POST: rateChat } = await import("@/app/api/chat/sessions/[id]/rating/route");
const { POST: rateTicket } = await import("@/app/api/public/tickets/[token]/rating/route");
const { POST: postMessage } = await import("@/app/api/chat/sessions/[id]/messages/route");
const { GET: stats } = await import("@/app/api/chat/stats/route");
const { GET: getSession } = await import("@/app/api/chat/sessions/[id]/route");
const { GET: getCsat, PUT: putCsat } = await import("@/app/api/admin/csat/route");
const { GET: exportCsv } = await import("@/app/api/admin/export/[kind]/route");
const { call, adminHeaders } = await import("@/test/http");
const { claimKey, createOperator, customerActor, customerHeaders, uniqueUserId } = await import("@/test/fixtures");
const { twilioSid } = await import("@/test/doubles/twilio-double");
const { PATCH: patchTicket } = await import("@/app/api/tickets/[id]/route");
const { sendWhatsapp } = await import("@/lib/whatsapp/send-whatsapp");
const { renderWhatsapp } = await import("@/lib/whatsapp/render-whatsapp");

beforeEach(async () => {
  await clearTables("conversation_ratings", "messages", "notifications", "tickets", "chat_sessions", "operators");
  await prisma.setting.deleteMany({ where: { key: "csat" } });
});

/** One operator with one seat, taken: every new escalation waits in the queue. */
async function fullDesk() {
  const operator = await createOperator({ maxChats: 1 });
  const first = await requestOperator({ userId: uniqueUserId(), question: "Prima", priority: "medium", source: "api", channel: "web" }, customerActor());
  if (first.type !== "operator_assigned") throw new Error("expected the first chat to be assigned");
  return { operator, first: first.session_id };
}

async function queued(extra: { email?: string; phone?: string; priority?: "low" | "medium" | "high" | "urgent" } = {}) {
  const result = await requestOperator(
    { userId: uniqueUserId(), question: "Il mio ordine non arriva", priority: extra.priority ?? "medium", source: "api", channel: "web", email: extra.email, phone: extra.phone },
    customerActor(),
  );
  if (result.type !== "queue") throw new Error(`expected a queued chat, got ${result.type}`);
  return { id: result.session_id, result, headers: customerHeaders(await claimKey(result.session_id)) };
}

const minutes = (n: number) => n * 60_000;

describe("the promised wait", () => {
  it("records the promise at queue time and the wait got at assignment", async () => {
    const { first } = await fullDesk();
    const chat = await queued();
    const row = await prisma.chatSession.findUniqueOrThrow({ where: { id: chat.id } });
    expect(row.promisedWaitMinutes).toBe(chat.result.estimated_wait);
    expect(row.currentPromiseMinutes).toBe(chat.result.estimated_wait);
    expect(row.promiseDueAt!.getTime() - row.queuedAt.getTime()).toBeGreaterThanOrEqual(minutes(chat.result.estimated_wait) - 1000);
    expect(row.modelWaitMinutes).toBeGreaterThan(0);
    await closeSession(first, { principal: null, customerKey: await claimKey(first) });
    const served = await prisma.chatSession.findUniqueOrThrow({ where: { id: chat.id } });
    expect(served.status).toBe("active");
    expect(served.waitedSeconds).toBe(Math.max(0, Math.round((served.assignedAt!.getTime() - served.queuedAt.getTime()) / 1000)));
  });

  it("computes the accuracy over 7 days on a controlled clock, overall and per priority", async () => {
    const now = new Date("2026-11-20T12:00:00Z");
    const contact = await prisma.contact.create({ data: { userId: uniqueUserId() } });
    // promised, waited (minutes), priority, served how long before now
    const cases: [number, number, "medium" | "urgent", number][] = [
      [5, 3, "medium", minutes(60)], // 2 early
      [5, 9, "medium", minutes(120)], // 4 late
      [10, 10, "medium", minutes(180)], // exact
      [2, 3, "urgent", minutes(30)], // 1 late
      [4, 1, "medium", minutes(60 * 24 * 8)], // outside the window
    ];
    // The urgent customer was served from the billing team's queue, the others from the default team's.
    const billing = await prisma.team.create({ data: { name: "Billing", slug: uniqueUserId("billing").toLowerCase().replace(/[^a-z0-9-]/g, "-") } });
    for (const [promised, waited, priority, ago] of cases) {
      const assignedAt = new Date(now.getTime() - ago);
      await prisma.chatSession.create({
        data: {
          id: uniqueUserId("s").padEnd(24, "x"),
          contactId: contact.id,
          status: "closed",
          priority,
          question: "q",
          queuedAt: new Date(assignedAt.getTime() - minutes(waited)),
          assignedAt,
          promisedWaitMinutes: promised,
          waitedSeconds: waited * 60,
          teamId: priority === "urgent" ? billing.id : "default",
        },
      });
    }
    const accuracy = await getEtaAccuracy(prisma, now);
    // |errors| = 2, 4, 0, 1 → median 1.5; within the promise: 3 ≤ 5 and 10 ≤ 10, so 2 of 4
    expect(accuracy).toMatchObject({ window_days: 7, served: 4, median_abs_error_minutes: 1.5, within_promise_ratio: 0.5 });
    expect(accuracy.by_priority.medium).toEqual({ served: 3, median_abs_error_minutes: 2, within_promise_ratio: 0.667 });
    expect(accuracy.by_priority.urgent).toEqual({ served: 1, median_abs_error_minutes: 1, within_promise_ratio: 0 });
    expect(accuracy.by_priority.low).toEqual({ served: 0, median_abs_error_minutes: null, within_promise_ratio: null });
    // Per team: each queue's promises measured on their own.
    expect(accuracy.by_team).toEqual({
      default: { served: 3, median_abs_error_minutes: 2, within_promise_ratio: 0.667 },
      [billing.slug]: { served: 1, median_abs_error_minutes: 1, within_promise_ratio: 0 },
    });

    const response = await call(stats, {});
    expect(response.status).toBe(200);
    expect(response.json.data.eta_accuracy).toMatchObject({ window_days: 7, by_priority: { urgent: expect.any(Object) } });
    expect(response.json.data.csat).toMatchObject({ window_days: 30, responses: 0 });
  });
});

describe("POST /api/chat/sessions/{id}/leave-message", () => {
  it("turns the queued chat into a ticket that keeps the conversation, answered where the chat was opened", async () => {
    await fullDesk();
    const chat = await queued({ email: "anna@example.com" });
    await call(postMessage, { params: { id: chat.id }, body: { body: "Numero ordine 4411" }, headers: chat.headers });
    const response = await call(leaveMessage, { params: { id: chat.id }, body: { email: "other@example.com" }, headers: chat.headers });
    expect(response.status).toBe(201);
    expect(response.json.data).toMatchObject({ status: "ticketed", reply_via: ["email"], ticket_url: expect.stringMatching(/\/ticket\/[A-Za-z0-9_-]+$/) });
    const ticket = await prisma.ticket.findUniqueOrThrow({
      where: { number: response.json.data.ticket_number },
      include: { session: { include: { messages: { orderBy: { seq: "asc" } } } } },
    });
    // The address typed here does not replace the one the chat was opened with.
    expect(ticket.contactEmail).toBe("anna@example.com");
    expect(ticket.session!.messages.map((m) => m.body)).toEqual(expect.arrayContaining(["Il mio ordine non arriva", "Numero ordine 4411"]));
    expect(ticket.session!.status).toBe("ticketed");
    expect(await queuePosition(prisma, chat.id)).toBeNull();
    // Once is enough: the chat is no longer waiting.
    expect((await call(leaveMessage, { params: { id: chat.id }, body: {}, headers: chat.headers })).status).toBe(409);
  });

  it("fills a missing address only; needs the customer's key; needs an address", async () => {
    await fullDesk();
    const chat = await queued();
    expect((await call(leaveMessage, { params: { id: chat.id }, body: { email: "anna@example.com" } })).status).toBe(404);
    expect((await call(leaveMessage, { params: { id: chat.id }, body: {}, headers: chat.headers })).status).toBe(400);
    const response = await call(leaveMessage, { params: { id: chat.id }, body: { phone: "+393331112233" }, headers: chat.headers });
    expect(response.status).toBe(201);
    expect(response.json.data.reply_via).toEqual(["whatsapp"]);
  });
});

describe("POST /api/chat/sessions/{id}/continue-on-whatsapp", () => {
  it("keeps the place, sends the first message through the outbox, and only that phone's answer continues this chat", async () => {
    await fullDesk();
    const phone = `+39333${String(Date.now()).slice(-7)}`;
    const ahead = await queued({ phone }); // opened with the same typed phone, never asked for WhatsApp
    const chat = await queued({ phone });
    const before = await queuePosition(prisma, chat.id);
    // The page is told what it may offer (customer only); the operator's view has no such field.
    const view = await call(getSession, { params: { id: chat.id }, headers: chat.headers });
    expect(view.json.data).toMatchObject({ waiting_options: { leave_message: true, continue_on_whatsapp: true, whatsapp_requested: false }, promise_due_at: expect.any(String) });
    expect((await call(getSession, { params: { id: chat.id }, headers: adminHeaders() })).json.data.waiting_options).toBeUndefined();
    const response = await call(continueOnWhatsapp, { params: { id: chat.id }, headers: chat.headers });
    expect(response.status).toBe(202);
    expect(response.json.data).toMatchObject({ status: "queued", position: before, whatsapp_to: `+39 ••• ${phone.slice(-4)}` });
    expect(await queuePosition(prisma, chat.id)).toBe(before);
    const sent = await prisma.notification.findMany({ where: { sessionId: chat.id, channel: "whatsapp" } });
    expect(sent.map((n) => [n.kind, n.recipient])).toEqual([["session_message", phone]]);
    // Asking twice sends nothing new.
    expect((await call(continueOnWhatsapp, { params: { id: chat.id }, headers: chat.headers })).status).toBe(202);
    expect(await prisma.notification.count({ where: { sessionId: chat.id, channel: "whatsapp" } })).toBe(1);

    const outcome = await receiveInboundWhatsapp({ MessageSid: twilioSid("SM"), From: `whatsapp:${phone}`, Body: "Eccomi", NumMedia: 0 }, []);
    expect(outcome).toMatchObject({ kind: "session", sessionId: chat.id });
    const moved = await prisma.chatSession.findUniqueOrThrow({ where: { id: chat.id } });
    expect(moved).toMatchObject({ status: "queued", channel: "whatsapp" });
    expect(await queuePosition(prisma, chat.id)).toBe(before);
    // The other chat with the same typed phone got nothing.
    expect(await prisma.message.count({ where: { sessionId: ahead.id, sender: "customer" } })).toBe(1);
    expect((await prisma.chatSession.findUniqueOrThrow({ where: { id: ahead.id } })).channel).toBe("web");
  });

  it("never continues a chat that did not ask for WhatsApp, even with the same typed phone", async () => {
    await fullDesk();
    const phone = `+39334${String(Date.now()).slice(-7)}`;
    const chat = await queued({ phone });
    const outcome = await receiveInboundWhatsapp({ MessageSid: twilioSid("SM"), From: `whatsapp:${phone}`, Body: "Ciao", NumMedia: 0 }, []);
    expect(outcome.kind).toBe("escalated");
    expect(await prisma.message.count({ where: { sessionId: chat.id, sender: "customer" } })).toBe(1);
  });

  it("refuses without a phone on record (409) and without the key (404)", async () => {
    await fullDesk();
    const chat = await queued();
    expect((await call(continueOnWhatsapp, { params: { id: chat.id }, headers: chat.headers })).status).toBe(409);
    expect((await call(continueOnWhatsapp, { params: { id: chat.id } })).status).toBe(404);
  });
});

describe("ratings", () => {
  it("the customer rates a closed chat once; the stats count it", async () => {
    await createOperator();
    const opened = await requestOperator({ userId: uniqueUserId(), question: "Aiuto", priority: "medium", source: "api", channel: "web" }, customerActor());
    if (opened.type !== "operator_assigned") throw new Error("expected an operator");
    const headers = customerHeaders(await claimKey(opened.session_id));
    expect((await call(rateChat, { params: { id: opened.session_id }, body: { score: 5 }, headers })).status).toBe(409);
    await closeSession(opened.session_id, { principal: null, customerKey: headers["x-session-key"] });
    expect((await call(rateChat, { params: { id: opened.session_id }, body: { score: 6 }, headers })).status).toBe(400);
    expect((await call(rateChat, { params: { id: opened.session_id }, body: { score: 4 } })).status).toBe(404);
    const rated = await call(rateChat, { params: { id: opened.session_id }, body: { score: 4, comment: "Gentile" }, headers });
    expect(rated.status).toBe(201);
    expect(rated.json.data).toMatchObject({ score: 4, comment: "Gentile" });
    expect((await call(rateChat, { params: { id: opened.session_id }, body: { score: 1 }, headers })).status).toBe(409);
    const row = await prisma.conversationRating.findUniqueOrThrow({ where: { sessionId: opened.session_id } });
    expect(row).toMatchObject({ score: 4, operatorId: opened.operator.id });
    expect((await call(stats, {})).json.data.csat).toMatchObject({ responses: 1, average_score: 4, satisfied_ratio: 1 });
    const overview = await call(getCsat, { headers: adminHeaders() });
    expect(overview.json.data.by_operator).toEqual([{ operator_id: opened.operator.id, name: opened.operator.name, responses: 1, average_score: 4, satisfied_ratio: 1 }]);
    expect(overview.json.data.by_week).toEqual([expect.objectContaining({ responses: 1, average_score: 4 })]);
    const day = new Date().toISOString().slice(0, 10);
    const csv = await call(exportCsv, { params: { kind: "sessions" }, path: `/api/admin/export/sessions?from=${day}&to=${day}`, headers: adminHeaders() });
    const [header, ...lines] = csv.text.replace(/^\uFEFF/, "").trim().split(/\r?\n/);
    expect(header.split(",").slice(-3)).toEqual(["promised_wait_minutes", "rating_score", "rating_comment"]);
    expect(lines.find((l) => l.startsWith(opened.session_id))).toMatch(/,4,Gentile$/);
  });

  it("the ticket page rates a resolved ticket once; an admin can switch ratings off", async () => {
    const ticket = await requestOperator({ userId: uniqueUserId(), email: "b@example.com", question: "Fattura", priority: "low", source: "api", channel: "web" }, customerActor());
    if (ticket.type !== "ticket_created") throw new Error("expected a ticket");
    const row = await prisma.ticket.findUniqueOrThrow({ where: { number: ticket.ticket_number } });
    expect(ticket.ticket_url).toBe(`http://localhost:3001/ticket/${row.accessToken}`);
    expect((await call(rateTicket, { params: { token: row.accessToken }, body: { score: 3 } })).status).toBe(409);
    await prisma.ticket.update({ where: { id: row.id }, data: { status: "resolved", resolvedAt: new Date() } });
    expect((await call(putCsat, { method: "PUT", body: { enabled: false, on_chat_close: true, on_ticket_resolve: true }, headers: adminHeaders() })).status).toBe(200);
    expect((await call(rateTicket, { params: { token: row.accessToken }, body: { score: 3 } })).status).toBe(409);
    await call(putCsat, { method: "PUT", body: { enabled: true, on_chat_close: true, on_ticket_resolve: true }, headers: adminHeaders() });
    expect((await call(rateTicket, { params: { token: row.accessToken }, body: { score: 3 } })).status).toBe(201);
    expect((await call(rateTicket, { params: { token: row.accessToken }, body: { score: 3 } })).status).toBe(409);
    expect((await call(rateTicket, { params: { token: "x".repeat(32) }, body: { score: 3 } })).status).toBe(404);
  });
});

describe("asking for a rating when a ticket is resolved", () => {
  async function ticketWithPhone(phone: string) {
    const created = await requestOperator({ userId: uniqueUserId(), email: "c@example.com", phone, question: "Rimborso", priority: "low", source: "api", channel: "web" }, customerActor());
    if (created.type !== "ticket_created") throw new Error("expected a ticket");
    return prisma.ticket.findUniqueOrThrow({ where: { number: created.ticket_number } });
  }
  const resolve = (id: string) => call(patchTicket, { method: "PATCH", params: { id }, body: { status: "resolved" }, headers: adminHeaders() });

  it("by email, and never on WhatsApp outside the 24-hour window; once per ticket", async () => {
    const ticket = await ticketWithPhone(`+39335${String(Date.now()).slice(-7)}`);
    expect((await resolve(ticket.id)).status).toBe(200);
    const asked = await prisma.notification.findMany({ where: { ticketId: ticket.id, kind: "csat_request" } });
    expect(asked.map((n) => [n.channel, n.recipient])).toEqual([["email", "c@example.com"]]);
    // Reopened and resolved again: still asked once.
    await call(patchTicket, { method: "PATCH", params: { id: ticket.id }, body: { status: "open" }, headers: adminHeaders() });
    await resolve(ticket.id);
    expect(await prisma.notification.count({ where: { ticketId: ticket.id, kind: "csat_request" } })).toBe(1);
  });

  it("on WhatsApp too while the customer's window is open", async () => {
    const phone = `+39336${String(Date.now()).slice(-7)}`;
    await prisma.contact.create({ data: { userId: `whatsapp:${phone}`, phone, lastWhatsappInboundAt: new Date(Date.now() - minutes(30)) } });
    const ticket = await ticketWithPhone(phone);
    await resolve(ticket.id);
    const asked = await prisma.notification.findMany({ where: { ticketId: ticket.id, kind: "csat_request" }, orderBy: { channel: "asc" } });
    expect(asked.map((n) => n.channel)).toEqual(["email", "whatsapp"]);
  });

  it("the WhatsApp sender refuses a rating request once the window has closed, even with a template configured", async () => {
    await withEnv({ TWILIO_TEMPLATE_TICKET_UPDATE_SID: `HX${"4".repeat(32)}` }, async () => {
      const rendered = renderWhatsapp("csat_request", { ticket_number: 1042, ticket_url: "https://desk.example.com/ticket/abc" }, "it");
      const config = { accountSid: `AC${"3".repeat(32)}`, authToken: "x", from: "whatsapp:+14155238886" };
      await expect(sendWhatsapp(config, { to: "+393331234567", rendered, lastInboundAt: new Date(Date.now() - minutes(25 * 60)) })).rejects.toMatchObject({ code: "window_closed", retryable: false });
        });
  });
});
