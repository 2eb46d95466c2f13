// POST /webhooks/whatsapp/status – an operator's WhatsApp reply from the outbox to Twilio, then its status callbacks
import twilio from "twilio";
import { NextRequest } from "next/server";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { RealtimeListener } from "@/test/doubles/realtime-listener";
import { TwilioDouble, twilioSid } from "@/test/doubles/twilio-double";
import { setEnv, withEnv } from "@/test/env";
import { clearTables } from "@/test/db";

const ACCOUNT_SID = `AC${"3".repeat(32)}`;
const AUTH_TOKEN = "status-test-token";
// A console-configured webhook URL (as behind a gateway): status callbacks live under it.
const STATUS_URL = "https://hooks.sportello.test/twilio/whatsapp/status";

const realtime = await RealtimeListener.start();
const twilioApi = await TwilioDouble.start(ACCOUNT_SID, AUTH_TOKEN);
setEnv({
  APP_URL: "https://sportello.test",
  TWILIO_WEBHOOK_URL: "https://hooks.sportello.test/twilio/whatsapp",
  TWILIO_ACCOUNT_SID: ACCOUNT_SID,
  TWILIO_AUTH_TOKEN: AUTH_TOKEN,
  TWILIO_WHATSAPP_NUMBER: "whatsapp:+14155238886",
  TWILIO_API_BASE_URL: twilioApi.url,
  TWILIO_TEMPLATE_TICKET_UPDATE_SID: "HX_ticket_update",
  ...realtime.env,
});
const { prisma } = await import("@/lib/db/client");
const { POST } = await import("@/app/api/webhooks/whatsapp/status/route");
const { appendMessage } = await import("@/lib/conversations/append-message");
const { planWhatsappReply, queueWhatsappReply } = await import("@/lib/chat/send-session-reply");
const { deliverNotification } = await import("@/lib/notifications/deliver-notification");
const { sessionChannel } = await import("@/lib/realtime/channels");
const { createOperator } = await import("@/test/fixtures");

function callback(params: Record<string, string>, signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, STATUS_URL, params)) {
  const request = new NextRequest("http://10.0.0.7:10000/api/webhooks/whatsapp/status", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature },
    body: new URLSearchParams(params).toString(),
  });
  return POST(request, { params: Promise.resolve({}) });
}

const status = (sid: string, value: string, extra: Record<string, string> = {}) =>
  callback({ MessageSid: sid, MessageStatus: value, AccountSid: ACCOUNT_SID, To: "whatsapp:+393331234567", ...extra });

let counter = 0;

/** A WhatsApp session with an operator's reply in it, as the operator message API leaves it. */
async function whatsappSession(lastInboundAt: Date | null) {
  const phone = `+39333${String(Date.now()).slice(-5)}${counter++}`;
  const operator = await createOperator({ name: "Giulia" });
  const contact = await prisma.contact.create({ data: { userId: `whatsapp:${phone}`, phone, lastWhatsappInboundAt: lastInboundAt } });
  const session = await prisma.chatSession.create({
    data: { id: `s_${Date.now()}_${counter++}`, contactId: contact.id, status: "active", question: "?", channel: "whatsapp", source: "whatsapp", operatorId: operator.id },
  });
  return { phone, operator, session };
}

// What postMessage does for an operator in a WhatsApp conversation: check, store the message complete, queue it.
async function operatorReply(sessionId: string, operatorId: string, body: string) {
  return prisma.$transaction(async (tx) => {
    const session = await tx.chatSession.findUniqueOrThrow({ where: { id: sessionId }, select: { channel: true, contact: { select: { phone: true, userId: true, lastWhatsappInboundAt: true } } } });
    const plan = planWhatsappReply({ sessionId, channel: session.channel, contactPhone: session.contact.phone, contactUserId: session.contact.userId, lastWhatsappInboundAt: session.contact.lastWhatsappInboundAt });
    const message = await appendMessage(tx, { sessionId, sender: "operator", body, operatorId, channel: "whatsapp", deliveryStatus: "pending" });
    const queued = await queueWhatsappReply(tx, plan, message);
    return { message, queued };
  });
}

beforeEach(async () => {
  await clearTables("messages", "notifications", "chat_sessions");
  twilioApi.messages.length = 0;
  twilioApi.http.reset();
});

afterAll(async () => {
  await realtime.close();
  await twilioApi.close();
});

describe("an operator's WhatsApp reply", () => {
  it("goes out as free text inside the 24-hour window, and the message gets Twilio's sid", async () => {
    const { phone, operator, session } = await whatsappSession(new Date(Date.now() - 3_600_000));
    const { message, queued } = await operatorReply(session.id, operator.id, "Ciao, ora controllo");
    expect(queued.mode).toBe("freeform");
    expect(queued.window.secondsLeft).toBeGreaterThan(22 * 3600);

    expect(await deliverNotification(queued.notificationId)).toBe("sent");
    expect(twilioApi.messages).toEqual([
      expect.objectContaining({ to: `whatsapp:${phone}`, body: "*Giulia*: Ciao, ora controllo", contentSid: undefined, statusCallback: STATUS_URL }),
    ]);
    const stored = await prisma.message.findUniqueOrThrow({ where: { id: message.id } });
    expect(stored).toMatchObject({ channel: "whatsapp", externalId: twilioApi.messages[0].sid, deliveryStatus: "queued" });
  });

  it("goes out as the approved template once the window has closed", async () => {
    const { operator, session } = await whatsappSession(new Date(Date.now() - 25 * 3_600_000));
    const { queued } = await operatorReply(session.id, operator.id, "Il rimborso è partito");
    expect(queued.mode).toBe("template");
    await deliverNotification(queued.notificationId);
    expect(twilioApi.messages[0]).toMatchObject({ contentSid: "HX_ticket_update", body: undefined, contentVariables: { "1": "chat", "2": "*Giulia*: Il rimborso è partito" } });
  });
});

describe("POST /webhooks/whatsapp/status", () => {
  it("moves the status forward only, whatever order the callbacks come in, and tells the dashboard", async () => {
    const { operator, session } = await whatsappSession(new Date());
    const { message, queued } = await operatorReply(session.id, operator.id, "Eccomi");
    await deliverNotification(queued.notificationId);
    const sid = twilioApi.messages[0].sid;
    await realtime.subscribe(sessionChannel(session.id));

    expect((await status(sid, "delivered")).status).toBe(204);
    await status(sid, "sent");
    await Promise.all([status(sid, "read"), status(sid, "sent"), status(sid, "delivered"), status(sid, "queued")]);
    await status(sid, "delivered");
    expect(await prisma.message.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({ deliveryStatus: "read", deliveryError: null });

    const statusEvents = () => realtime.events.filter((e) => e.channel === sessionChannel(session.id) && e.event === "message.status");
    await realtime.next(sessionChannel(session.id), "message.status");
    await new Promise((resolve) => setTimeout(resolve, 200));
    // One event per step forward (delivered, read), none for the stale callbacks.
    expect(statusEvents().map((e) => (e.data as { delivery_status: string }).delivery_status)).toEqual(["delivered", "read"]);
    expect(statusEvents()[0].data).toMatchObject({ message_id: message.id, session_id: session.id, seq: message.seq });
  });

  it("records a failure with Twilio's error code, and a late callback does not undo it", async () => {
    const { operator, session } = await whatsappSession(new Date());
    const { message, queued } = await operatorReply(session.id, operator.id, "Eccomi");
    await deliverNotification(queued.notificationId);
    const sid = twilioApi.messages[0].sid;
    await status(sid, "sent");
    await status(sid, "undelivered", { ErrorCode: "63016", ErrorMessage: "Outside the allowed window" });
    await status(sid, "delivered");
    expect(await prisma.message.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({
      deliveryStatus: "undelivered",
      deliveryError: "Twilio 63016: Outside the allowed window",
    });
    const notification = await prisma.notification.findUniqueOrThrow({ where: { id: queued.notificationId } });
    expect(notification.lastError).toContain("63016");
  });

  it("answers 403 to an unsigned callback and changes nothing", async () => {
    const { operator, session } = await whatsappSession(new Date());
    const { message, queued } = await operatorReply(session.id, operator.id, "Eccomi");
    await deliverNotification(queued.notificationId);
    const response = await callback({ MessageSid: twilioApi.messages[0].sid, MessageStatus: "failed" }, "forged");
    expect(response.status).toBe(403);
    expect((await prisma.message.findUniqueOrThrow({ where: { id: message.id } })).deliveryStatus).toBe("queued");
  });

  it("accepts a callback for a message it does not know (an admin alert has no thread)", async () => {
    expect((await status(twilioSid("SM"), "delivered")).status).toBe(204);
  });
});

describe("queueWhatsappReply", () => {
  it("refuses a reply outside the window when no template is configured, rather than have Twilio reject it", async () => {
    const { operator, session } = await whatsappSession(null);
    await withEnv({ TWILIO_TEMPLATE_TICKET_UPDATE_SID: "" }, async () => {
      await expect(operatorReply(session.id, operator.id, "Ciao")).rejects.toMatchObject({ code: "INVALID_STATE" });
      expect(await prisma.notification.count()).toBe(0);
        });
  });
});
