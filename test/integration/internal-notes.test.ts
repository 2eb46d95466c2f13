// Internal notes in a live chat never reach the customer: one test per channel the customer (or their bot) can read
// a conversation through — web API, realtime, WhatsApp, email (transcript and ticket replies), webhooks, the public
// ticket page, the privacy export and the CSV export. Each one writes a note with a unique marker next to real
// customer-facing traffic, then looks for the marker where the customer could see it.
import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { RealtimeListener } from "@/test/doubles/realtime-listener";
import { setEnv } from "@/test/env";

const realtime = await RealtimeListener.start();
// The app publishes to this local Pusher-protocol server, which the test listens on.
const restoreEnv = setEnv(realtime.env);
const { prisma } = await import("@/lib/db/client");
const { requestOperator } = await import("@/lib/routing/request-operator");
const { authorizeChannel } = await import("@/lib/chat/authorize-channel");
const { sessionChannel, sessionStaffChannel } = await import("@/lib/realtime/channels");
const notesRoute = await import("@/app/api/chat/sessions/[id]/notes/route");
const { GET: getSession } = await import("@/app/api/chat/sessions/[id]/route");
const { POST: postMessage } = await import("@/app/api/chat/sessions/[id]/messages/route");
const { POST: transcript } = await import("@/app/api/chat/sessions/[id]/transcript/route");
const { POST: toTicket } = await import("@/app/api/chat/sessions/[id]/ticket/route");
const { POST: replyToTicket } = await import("@/app/api/tickets/[id]/replies/route");
const { GET: publicTicket } = await import("@/app/api/public/tickets/[token]/route");
const { GET: exportContact } = await import("@/app/api/admin/contacts/[id]/export/route");
const { GET: exportCsv } = await import("@/app/api/admin/export/[kind]/route");
const { adminHeaders, call } = await import("@/test/http");
const { claimKey, createOperator, customerActor, customerHeaders, uniqueUserId } = await import("@/test/fixtures");
const { signInOperator } = await import("@/test/sign-in-operator");

afterAll(async () => {
  restoreEnv();
  await realtime.close();
});

beforeEach(async () => {
  await prisma.chatSession.updateMany({ where: { status: { in: ["queued", "active"] } }, data: { status: "closed" } });
  await prisma.operator.updateMany({ data: { status: "offline" } });
  await prisma.webhookEndpoint.deleteMany();
});

const marker = () => `NOTA-INTERNA-${randomUUID()}`;

/** A live chat with its operator signed in, the customer's key, and a note (whose body is the marker) in it. */
async function chatWithNote(opts: { email?: string; phone?: string; channel?: "web" | "whatsapp" } = {}) {
  const operator = await createOperator({ maxChats: 1 });
  const cookie = await signInOperator(operator);
  const escalated = await requestOperator(
    { userId: uniqueUserId(), email: opts.email, phone: opts.phone, question: "Il pacco non arriva", priority: "medium", source: "api", channel: opts.channel ?? "web" },
    customerActor(),
  );
  if (escalated.type !== "operator_assigned") throw new Error(`expected an assignment, got ${escalated.type}`);
  const id = escalated.session_id;
  const key = opts.channel === "whatsapp" ? "" : await claimKey(id);
  const note = marker();
  const posted = await call(notesRoute.POST, { params: { id }, body: { body: note }, headers: { cookie } });
  expect(posted.status).toBe(201);
  expect(posted.json.data).toMatchObject({ body: note, whisper: false, author: { id: operator.id } });
  return { id, key, cookie, note, operator };
}

const reply = (id: string, cookie: string, body = "Ecco il tracking") => call(postMessage, { params: { id }, body: { body }, headers: { cookie } });

describe("internal notes never reach the customer", () => {
  it("web: the session API with the customer's key shows the messages, not the note, and the notes route is 404", async () => {
    const chat = await chatWithNote();
    expect((await reply(chat.id, chat.cookie)).status).toBe(201);
    const asCustomer = await call(getSession, { params: { id: chat.id }, headers: customerHeaders(chat.key) });
    expect(asCustomer.status).toBe(200);
    expect(asCustomer.json.data.messages.map((m: { body: string }) => m.body)).toContain("Ecco il tracking");
    expect(asCustomer.text).not.toContain(chat.note);
    // The message sequence has no hole where the note was written: the customer's client never goes looking.
    expect(asCustomer.json.data.messages.map((m: { seq: number }) => m.seq)).toEqual([1, 2, 3]);
    const notesAsCustomer = await call(notesRoute.GET, { params: { id: chat.id }, headers: customerHeaders(chat.key) });
    expect(notesAsCustomer.status).toBe(401);
    expect(notesAsCustomer.text).not.toContain(chat.note);
    // The operator reads it back.
    const notesAsOperator = await call(notesRoute.GET, { params: { id: chat.id }, headers: { cookie: chat.cookie } });
    expect(notesAsOperator.json.data.map((n: { body: string }) => n.body)).toEqual([chat.note]);
  });

  it("realtime: the customer's session channel carries the reply but not the note; the staff channel refuses the customer", async () => {
    const operator = await createOperator({ maxChats: 1 });
    const cookie = await signInOperator(operator);
    const escalated = await requestOperator({ userId: uniqueUserId(), question: "Rimborso?", priority: "medium", source: "api", channel: "web" }, customerActor());
    if (escalated.type !== "operator_assigned") throw new Error("expected an assignment");
    const id = escalated.session_id;
    const key = await claimKey(id);
    // What the customer's browser may follow, decided by the app's own rule.
    expect((await authorizeChannel({ channelName: sessionChannel(id), principal: null, sessionKey: key })).allowed).toBe(true);
    expect((await authorizeChannel({ channelName: sessionStaffChannel(id), principal: null, sessionKey: key })).allowed).toBe(false);
    await realtime.subscribe(sessionChannel(id));
    await realtime.subscribe(sessionStaffChannel(id));

    const note = marker();
    expect((await call(notesRoute.POST, { params: { id }, body: { body: note }, headers: { cookie } })).status).toBe(201);
    await reply(id, cookie, "Rimborso in arrivo");
    await realtime.next(sessionChannel(id), "message.created");
    const onStaff = await realtime.next(sessionStaffChannel(id), "note.created");
    expect(onStaff.data).toMatchObject({ body: note });
    const customerSide = realtime.events.filter((e) => e.channel === sessionChannel(id));
    expect(customerSide.map((e) => (e.data as { body?: string }).body)).toContain("Rimborso in arrivo");
    expect(JSON.stringify(customerSide)).not.toContain(note);
  });

  it("WhatsApp: only the reply is queued for Twilio, never the note", async () => {
    const chat = await chatWithNote({ channel: "whatsapp", phone: "+393331112223" });
    // The customer wrote a minute ago: WhatsApp's 24-hour window is open for free text.
    const { contactId } = await prisma.chatSession.findUniqueOrThrow({ where: { id: chat.id }, select: { contactId: true } });
    await prisma.contact.update({ where: { id: contactId }, data: { lastWhatsappInboundAt: new Date(Date.now() - 60_000) } });
    expect((await reply(chat.id, chat.cookie, "Risposta su WhatsApp")).status).toBe(201);
    const outbound = await prisma.notification.findMany({ where: { OR: [{ sessionId: chat.id }, { recipient: { contains: "393331112223" } }] } });
    expect(outbound.some((n) => JSON.stringify(n.payload).includes("Risposta su WhatsApp"))).toBe(true);
    expect(JSON.stringify(outbound)).not.toContain(chat.note);
  });

  it("email: the transcript and the ticket reply carry the conversation, not the note", async () => {
    const chat = await chatWithNote({ email: "cliente@example.com" });
    await reply(chat.id, chat.cookie);
    expect((await call(transcript, { params: { id: chat.id }, body: {}, headers: customerHeaders(chat.key) })).status).toBe(202);
    const ticket = await call(toTicket, { params: { id: chat.id }, headers: { cookie: chat.cookie } });
    expect(ticket.status).toBe(201);
    const number = ticket.json.data.ticket_number ?? ticket.json.data.number;
    const replied = await call(replyToTicket, { params: { id: String(number) }, body: { body: "Risolto", channels: ["email"] }, headers: { cookie: chat.cookie } });
    expect(replied.status).toBe(201);
    const mails = await prisma.notification.findMany({ where: { channel: "email", recipient: "cliente@example.com" } });
    expect(mails.map((m) => m.kind)).toEqual(expect.arrayContaining(["transcript", "ticket_reply"]));
    expect(JSON.stringify(mails.find((m) => m.kind === "transcript")?.payload)).toContain("Ecco il tracking");
    expect(JSON.stringify(mails)).not.toContain(chat.note);
    const outbox = await prisma.outboxDelivery.findMany({ where: { recipient: "cliente@example.com" } });
    expect(JSON.stringify(outbox)).not.toContain(chat.note);
  });

  it("webhooks: the bot gets message.created for the reply and nothing for the note", async () => {
    await prisma.webhookEndpoint.create({
      data: {
        url: "https://bot.example.com/hook",
        events: ["message.created", "session.assigned", "session.transferred", "session.closed"],
        includeCustomerMessages: true,
        secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
      },
    });
    const chat = await chatWithNote();
    await reply(chat.id, chat.cookie, "Risposta per il bot");
    const events = await prisma.webhookEvent.findMany({ where: { conversationKey: `session:${chat.id}` } });
    expect(events.some((e) => e.type === "message.created" && JSON.stringify(e.payload).includes("Risposta per il bot"))).toBe(true);
    expect(JSON.stringify(events)).not.toContain(chat.note);
  });

  it("public ticket page: the chat that led to the ticket shows without the note", async () => {
    const chat = await chatWithNote({ email: "ticket@example.com" });
    await reply(chat.id, chat.cookie);
    expect((await call(toTicket, { params: { id: chat.id }, headers: { cookie: chat.cookie } })).status).toBe(201);
    const { accessToken } = await prisma.ticket.findFirstOrThrow({ where: { sessionId: chat.id }, select: { accessToken: true } });
    const page = await call(publicTicket, { params: { token: accessToken } });
    expect(page.status).toBe(200);
    expect(page.json.data.chat.map((m: { body: string }) => m.body)).toContain("Ecco il tracking");
    expect(page.text).not.toContain(chat.note);
  });

  it("customer data: neither the privacy export nor the sessions CSV contains the note", async () => {
    const chat = await chatWithNote({ email: "export@example.com" });
    await reply(chat.id, chat.cookie);
    const { contactId } = await prisma.chatSession.findUniqueOrThrow({ where: { id: chat.id }, select: { contactId: true } });
    const exported = await call(exportContact, { params: { id: contactId }, headers: adminHeaders() });
    expect(exported.status).toBe(200);
    expect(exported.text).toContain("Ecco il tracking");
    expect(exported.text).not.toContain(chat.note);
    const today = new Date().toISOString().slice(0, 10);
    const csv = await call(exportCsv, { params: { kind: "sessions" }, path: `/api/admin/export/sessions?from=${today}&to=${today}`, headers: adminHeaders() });
    expect(csv.status).toBe(200);
    expect(csv.text).toContain(chat.id);
    expect(csv.text).not.toContain(chat.note);
  });
});

describe("who may write and read notes", () => {
  it("another operator gets 404, a whisper needs a supervisor, a closed chat takes no notes, bad input is 400", async () => {
    const chat = await chatWithNote();
    const stranger = await signInOperator(await createOperator({ status: "offline" }));
    const denied = await call(notesRoute.POST, { params: { id: chat.id }, body: { body: "x" }, headers: { cookie: stranger } });
    expect(denied.status).toBe(404);
    expect(denied.json).toMatchObject({ success: false, error: { code: "NOT_FOUND" } });
    expect((await call(notesRoute.GET, { params: { id: chat.id }, headers: { cookie: stranger } })).status).toBe(404);
    const whisper = await call(notesRoute.POST, { params: { id: chat.id }, body: { body: "psst", whisper: true }, headers: { cookie: chat.cookie } });
    expect(whisper.status).toBe(403);
    expect(whisper.json.error.code).toBe("FORBIDDEN");
    const empty = await call(notesRoute.POST, { params: { id: chat.id }, body: { body: "  " }, headers: { cookie: chat.cookie } });
    expect(empty.status).toBe(400);
    expect((await call(notesRoute.POST, { params: { id: chat.id }, body: { body: "x".repeat(2001) }, headers: { cookie: chat.cookie } })).status).toBe(400);
    const supervisor = await signInOperator(await createOperator({ role: "supervisor", status: "offline" }));
    expect((await call(notesRoute.POST, { params: { id: chat.id }, body: { body: "psst", whisper: true }, headers: { cookie: supervisor } })).status).toBe(201);
    await prisma.chatSession.update({ where: { id: chat.id }, data: { status: "closed" } });
    expect((await call(notesRoute.POST, { params: { id: chat.id }, body: { body: "tardi" }, headers: { cookie: chat.cookie } })).status).toBe(409);
  });
});
