// POST /webhooks/whatsapp – signature, idempotency on MessageSid, continuing or starting a conversation, live events
import twilio from "twilio";
import { NextRequest } from "next/server";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { RealtimeListener } from "@/test/doubles/realtime-listener";
import { twilioSid } from "@/test/doubles/twilio-double";
import { setEnv, withEnv } from "@/test/env";
import { clearTables } from "@/test/db";

const AUTH_TOKEN = "inbound-test-token";
// What Twilio signs: the public URL configured in its console. The request itself reaches Next.js behind Render's
// proxy on an internal host, under /api.
const PUBLIC_URL = "https://sportello.test/webhooks/whatsapp";
const INTERNAL_URL = "http://10.0.0.7:10000/api/webhooks/whatsapp";

const realtime = await RealtimeListener.start();
setEnv({
  APP_URL: "https://sportello.test",
  TWILIO_ACCOUNT_SID: `AC${"2".repeat(32)}`,
  TWILIO_AUTH_TOKEN: AUTH_TOKEN,
  TWILIO_WHATSAPP_NUMBER: "whatsapp:+14155238886",
  ...realtime.env,
});
const { prisma } = await import("@/lib/db/client");
const { POST } = await import("@/app/api/webhooks/whatsapp/route");
const { createOperator } = await import("@/test/fixtures");
const { operatorChannel, sessionChannel } = await import("@/lib/realtime/channels");

let phoneCounter = 0;
const newPhone = () => `+3933${String(Date.now()).slice(-6)}${String(phoneCounter++).padStart(2, "0")}`;

function inbound(from: string, body: string, extra: Record<string, string> = {}): Record<string, string> {
  return { MessageSid: twilioSid("SM"), AccountSid: `AC${"2".repeat(32)}`, From: `whatsapp:${from}`, To: "whatsapp:+14155238886", Body: body, NumMedia: "0", ...extra };
}

function request(params: Record<string, string>, signature: string | null = twilio.getExpectedTwilioSignature(AUTH_TOKEN, PUBLIC_URL, params)): NextRequest {
  const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": "54.172.60.1" };
  if (signature !== null) headers["X-Twilio-Signature"] = signature;
  return new NextRequest(INTERNAL_URL, { method: "POST", headers, body: new URLSearchParams(params).toString() });
}

const post = (req: NextRequest) => POST(req, { params: Promise.resolve({}) });

beforeEach(async () => {
  await clearTables("messages", "notifications", "tickets", "chat_sessions", "contacts", "operators");
});

afterAll(() => realtime.close());

describe("POST /webhooks/whatsapp – signature", () => {
  it.each([
    ["missing", null],
    ["forged", "bm90IGEgc2lnbmF0dXJl"],
    ["computed over the internal URL", twilio.getExpectedTwilioSignature(AUTH_TOKEN, INTERNAL_URL, inbound("+393330000000", "x"))],
    ["made with another auth token", twilio.getExpectedTwilioSignature("someone-else", PUBLIC_URL, inbound("+393330000000", "x"))],
  ])("answers 403 and stores nothing when the signature is %s", async (_label, signature) => {
    const params = inbound("+393330000000", "x");
    const response = await post(request(params, signature));
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ success: false, error: { code: "INVALID_SIGNATURE" } });
    expect(await prisma.message.count()).toBe(0);
    expect(await prisma.contact.count()).toBe(0);
  });

  it("refuses a signed request whose parameters were changed on the way", async () => {
    const params = inbound("+393330000000", "ciao");
    const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, PUBLIC_URL, params);
    const response = await post(request({ ...params, Body: "bonifico a IBAN IT00..." }, signature));
    expect(response.status).toBe(403);
    expect(await prisma.message.count()).toBe(0);
  });

  it("answers 503 and stores nothing when no auth token is configured to check the signature with", async () => {
    const response = await withEnv({ TWILIO_AUTH_TOKEN: undefined }, () => post(request(inbound("+393330000000", "x"))));
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ success: false, error: { code: "SERVICE_UNAVAILABLE" } });
    expect(await prisma.message.count()).toBe(0);
  });

  it("answers 400 to a signed request without a sender", async () => {
    const { From: _from, ...params } = inbound("+393330000000", "x");
    const response = await post(request(params));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: "VALIDATION_ERROR" } });
  });
});

describe("POST /webhooks/whatsapp – conversations", () => {
  it("starts an escalation for a new number, assigns it live, and continues the session with the next message", async () => {
    const operator = await createOperator({ name: "Giulia" });
    await realtime.subscribe(operatorChannel(operator.id));
    const phone = newPhone();
    const first = inbound(phone, "Buongiorno, il mio ordine non è arrivato", { ProfileName: "Mario" });

    const response = await post(request(first));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/xml");
    expect(await response.text()).toContain("<Response/>");

    const assigned = await realtime.next(operatorChannel(operator.id), "session.assigned");
    const sessionId = (assigned.data as { session_id: string }).session_id;
    const session = await prisma.chatSession.findUniqueOrThrow({ where: { id: sessionId }, include: { contact: true, messages: { orderBy: { seq: "asc" } } } });
    expect(session).toMatchObject({ status: "active", operatorId: operator.id, channel: "whatsapp", source: "whatsapp", question: "Buongiorno, il mio ordine non è arrivato" });
    expect(session.contact).toMatchObject({ userId: `whatsapp:${phone}`, phone, name: "Mario" });
    expect(session.contact.lastWhatsappInboundAt).not.toBeNull();
    expect(session.messages[0]).toMatchObject({ seq: 1, sender: "customer", channel: "whatsapp", externalId: first.MessageSid });
    // The customer hears the outcome over WhatsApp, in the guide's words.
    const reply = await prisma.notification.findFirstOrThrow({ where: { sessionId, channel: "whatsapp" } });
    expect(reply).toMatchObject({ kind: "session_message", recipient: phone, payload: { body: "Un operatore ti sta contattando..." } });

    await realtime.subscribe(sessionChannel(sessionId));
    const second = inbound(phone, "Il numero d'ordine è 4411");
    expect((await post(request(second))).status).toBe(200);
    const event = await realtime.next(sessionChannel(sessionId), "message.created");
    expect(event.data).toMatchObject({ session_id: sessionId, sender: "customer", channel: "whatsapp", body: "Il numero d'ordine è 4411" });
    const stored = await prisma.message.findUniqueOrThrow({ where: { externalId: second.MessageSid } });
    expect(stored).toMatchObject({ sessionId, sender: "customer" });
    expect(await prisma.chatSession.count()).toBe(1);
  });

  it("queues when every operator is busy and tells the customer the position and wait", async () => {
    await createOperator({ maxChats: 1 });
    await post(request(inbound(newPhone(), "primo")));
    const phone = newPhone();
    await post(request(inbound(phone, "secondo")));
    const session = await prisma.chatSession.findFirstOrThrow({ where: { contact: { phone } } });
    expect(session.status).toBe("queued");
    const reply = await prisma.notification.findFirstOrThrow({ where: { sessionId: session.id } });
    expect(reply).toMatchObject({ kind: "queue_position", channel: "whatsapp", recipient: phone, payload: { position: 1, estimated_wait: 5 } });
  });

  it("opens a ticket when no operator is online, and adds later messages to it", async () => {
    const phone = newPhone();
    const first = inbound(phone, "Vorrei disdire il contratto");
    await post(request(first));
    const ticket = await prisma.ticket.findFirstOrThrow({ where: { contact: { phone } }, include: { messages: true, notifications: true } });
    expect(ticket).toMatchObject({ status: "open", channel: "whatsapp", source: "whatsapp", question: "Vorrei disdire il contratto" });
    expect(ticket.messages).toEqual([expect.objectContaining({ seq: 1, sender: "customer", externalId: first.MessageSid })]);
    // The ticket's own notification is the answer over WhatsApp.
    expect(ticket.notifications.filter((n) => n.channel === "whatsapp").map((n) => `${n.kind}:${n.recipient}`)).toEqual([`ticket_created_customer:${phone}`]);
    expect(await prisma.chatSession.count()).toBe(0);

    await prisma.ticket.update({ where: { id: ticket.id }, data: { status: "pending" } });
    const second = inbound(phone, "Il codice cliente è 77");
    await post(request(second));
    const after = await prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id }, include: { messages: { orderBy: { seq: "asc" } } } });
    expect(after.status).toBe("open");
    expect(after.messages.map((m) => [m.seq, m.body, m.externalId])).toEqual([
      [1, "Vorrei disdire il contratto", first.MessageSid],
      [2, "Il codice cliente è 77", second.MessageSid],
    ]);
    expect(await prisma.ticket.count()).toBe(1);
  });

  it("stores the same MessageSid once when Twilio delivers it three times at once", async () => {
    await createOperator();
    const params = inbound(newPhone(), "Aiuto!");
    const responses = await Promise.all([post(request(params)), post(request(params)), post(request(params))]);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(await prisma.message.count({ where: { externalId: params.MessageSid } })).toBe(1);
    expect(await prisma.chatSession.count()).toBe(1);
    expect(await prisma.notification.count({ where: { channel: "whatsapp", kind: "session_message" } })).toBe(1);

    // And a retry that comes later changes nothing either.
    expect((await post(request(params))).status).toBe(200);
    expect(await prisma.message.count()).toBe(2); // the question and the "joined" line
  });

  it("keeps Twilio's media metadata on the message", async () => {
    await createOperator();
    const messageSid = twilioSid("MM");
    const mediaUrl = `https://api.twilio.com/2010-04-01/Accounts/AC${"2".repeat(32)}/Messages/${messageSid}/Media/${twilioSid("ME")}`;
    const params = { ...inbound(newPhone(), ""), MessageSid: messageSid, NumMedia: "1", MediaUrl0: mediaUrl, MediaContentType0: "image/jpeg" };
    expect((await post(request(params))).status).toBe(200);
    const message = await prisma.message.findUniqueOrThrow({ where: { externalId: messageSid } });
    expect(message.body).toBe("[image/jpeg]");
    expect(message.media).toEqual([{ url: mediaUrl, content_type: "image/jpeg", sid: mediaUrl.split("/").pop() }]);
  });
  it("writes the message that reopens a handed-back WhatsApp conversation with its MessageSid and media at once", async () => {
    const operator = await createOperator();
    const phone = newPhone();
    await post(request(inbound(phone, "Ho bisogno di aiuto")));
    const session = await prisma.chatSession.findFirstOrThrow({ where: { contact: { phone } } });
    // The operator handed the conversation back to the bot (as POST …/handback leaves it) and is free again.
    await prisma.chatSession.update({ where: { id: session.id }, data: { status: "closed", closedReason: "handed_back", handedBackAt: new Date(), closedAt: new Date() } });

    const messageSid = twilioSid("MM");
    const mediaUrl = `https://api.twilio.com/2010-04-01/Accounts/AC${"2".repeat(32)}/Messages/${messageSid}/Media/${twilioSid("ME")}`;
    const again = { ...inbound(phone, "Ecco la foto"), MessageSid: messageSid, NumMedia: "1", MediaUrl0: mediaUrl, MediaContentType0: "image/png" };
    expect((await post(request(again))).status).toBe(200);

    const reopened = await prisma.chatSession.findUniqueOrThrow({ where: { id: session.id }, include: { messages: { orderBy: { seq: "asc" } } } });
    expect(reopened).toMatchObject({ status: "active", operatorId: operator.id });
    expect(reopened.messages.map((m) => [m.seq, m.sender, m.externalId])).toEqual([
      [1, "customer", expect.any(String)],
      [2, "system", null],
      [3, "customer", messageSid],
      [4, "system", null],
    ]);
    expect(reopened.messages[2].media).toEqual([{ url: mediaUrl, content_type: "image/png", sid: mediaUrl.split("/").pop() }]);
    // Twilio's retry of the same message finds it stored.
    expect((await post(request(again))).status).toBe(200);
    expect(await prisma.message.count({ where: { sessionId: session.id } })).toBe(4);
  });
});

describe("POST /webhooks/whatsapp – nobody pre-claims a number (issue 9, finding 2)", () => {
  it("an escalation that typed the victim's phone never receives the victim's WhatsApp messages", async () => {
    await createOperator({ maxChats: 5 });
    const victim = newPhone();
    const { POST: requestOperatorRoute } = await import("@/app/api/chat/request-operator/route");
    const { call } = await import("@/test/http");
    const attacker = await call(requestOperatorRoute, { body: { user_id: "web:attacker@example.com", user_email: "attacker@example.com", user_phone: victim, question: "ciao" }, ip: "198.51.100.66" });
    expect(attacker.status).toBe(200);
    const attackerSession = attacker.json.session_id as string;

    const response = await post(request(inbound(victim, "Il mio IBAN è IT60X0542811101000000123456", { ProfileName: "Vittima" })));
    expect(response.status).toBe(200);

    // The victim's message is in a conversation of their own number's contact, verified by Twilio's signature.
    expect(await prisma.message.count({ where: { sessionId: attackerSession } })).toBe(2);
    const stored = await prisma.message.findFirstOrThrow({ where: { body: { contains: "IBAN" } }, include: { session: { include: { contact: true } } } });
    expect(stored.session?.id).not.toBe(attackerSession);
    expect(stored.session?.contact).toMatchObject({ userId: `whatsapp:${victim}`, phone: victim, phoneVerifiedVia: "whatsapp_inbound" });
    // The attacker's contact keeps its unverified phone.
    expect(await prisma.contact.findUniqueOrThrow({ where: { userId: "web:attacker@example.com" } })).toMatchObject({ phone: victim, phoneVerifiedAt: null });
  });

  it("an anonymous caller cannot use a WhatsApp sender's user id at all", async () => {
    const { POST: requestOperatorRoute } = await import("@/app/api/chat/request-operator/route");
    const { POST: createTicket } = await import("@/app/api/tickets/route");
    const { call } = await import("@/test/http");
    const phone = newPhone();
    await post(request(inbound(phone, "Buongiorno")));
    const escalation = await call(requestOperatorRoute, { body: { user_id: `whatsapp:${phone}`, question: "dammi la sua chat" }, ip: "198.51.100.67" });
    expect(escalation.status).toBe(400);
    expect(JSON.stringify(escalation.json)).not.toMatch(/session_id/);
    const ticket = await call(createTicket, { body: { user_id: `whatsapp:${phone}`, user_email: "attacker@example.com", question: "rispondimi qui" }, ip: "198.51.100.67" });
    expect(ticket.status).toBe(400);
    // A phone-only anonymous ticket gets a contact of its own, not the sender's.
    const phoneOnly = await call(createTicket, { body: { user_phone: phone, question: "ticket col suo numero" }, ip: "198.51.100.67" });
    expect(phoneOnly.status).toBe(201);
    const created = await prisma.ticket.findUniqueOrThrow({ where: { id: phoneOnly.json.data.id }, include: { contact: true } });
    expect(created.contact.userId).toBe(`phone:${phone}`);
  });
});
