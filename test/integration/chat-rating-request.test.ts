// Issue 13: a closed chat asks for a rating by email (and on WhatsApp only inside the 24-hour window), once, with a
// link that rates it without the customer's browser key. Email goes through Resend's SDK to its local double.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { clearTables } from "@/test/db";
import { setEnv } from "@/test/env";
import { ResendDouble } from "@/test/doubles/resend-double";

const resend = await ResendDouble.start("re_rating_test");
setEnv({ RESEND_API_KEY: "re_rating_test", RESEND_BASE_URL: resend.url, FROM_EMAIL: "Sportello <desk@example.com>" });
const { prisma } = await import("@/lib/db/client");
const { requestOperator } = await import("@/lib/routing/request-operator");
const { closeSession } = await import("@/lib/chat/session-actions");
const { requestChatRating } = await import("@/lib/csat/request-chat-rating");
const { deliverNotification } = await import("@/lib/notifications/deliver-notification");
const { POST: rateByLink } = await import("@/app/api/public/chats/[token]/rating/route");
const { POST: rateChat } = await import("@/app/api/chat/sessions/[id]/rating/route");
const { PUT: putCsat } = await import("@/app/api/admin/csat/route");
const { call, adminHeaders } = await import("@/test/http");
const { claimKey, createOperator, customerActor, customerHeaders, uniqueUserId } = await import("@/test/fixtures");

afterAll(() => resend.close());

beforeEach(async () => {
  await clearTables("conversation_ratings", "notifications", "messages", "tickets", "chat_sessions", "operators", "rate_limits");
  await prisma.setting.deleteMany({ where: { key: "csat" } });
  resend.emails.length = 0;
});

const hours = (n: number) => n * 3_600_000;
const asked = (sessionId: string) => prisma.notification.findMany({ where: { sessionId, kind: "csat_request" }, orderBy: { channel: "asc" } });

/** A web chat with an operator, opened with an email (as a chatbot passes it), closed by its customer. */
async function closedWebChat(email: string | null = "chat.customer@example.com") {
  await createOperator();
  const opened = await requestOperator({ userId: uniqueUserId(), ...(email ? { email } : {}), question: "Aiuto con l'ordine", priority: "medium", source: "api", channel: "web" }, customerActor());
  if (opened.type !== "operator_assigned") throw new Error("expected an operator");
  const key = await claimKey(opened.session_id);
  await closeSession(opened.session_id, { principal: null, customerKey: key });
  return { id: opened.session_id, key };
}

/** A WhatsApp chat whose customer last wrote `sinceInbound` ago, closed by its operator. */
async function closedWhatsappChat(sinceInbound: number) {
  const operator = await createOperator();
  const phone = `+39347${String(Date.now()).slice(-7)}`;
  const contact = await prisma.contact.create({ data: { userId: `whatsapp:${phone}`, phone, phoneVerifiedAt: new Date(), phoneVerifiedVia: "whatsapp_inbound", lastWhatsappInboundAt: new Date(Date.now() - sinceInbound) } });
  const session = await prisma.chatSession.create({ data: { id: uniqueUserId("wa"), contactId: contact.id, status: "active", channel: "whatsapp", question: "Ciao", operatorId: operator.id, assignedAt: new Date() } });
  await closeSession(session.id, { principal: { kind: "operator", operatorId: operator.id, role: "operator", name: operator.name }, customerKey: null });
  return { id: session.id, phone };
}

describe("a closed chat's rating request", () => {
  it("goes by email once; its link rates the chat once, and the chat page then knows it is rated", async () => {
    const chat = await closedWebChat();
    const [request] = await asked(chat.id);
    expect(await asked(chat.id)).toHaveLength(1);
    expect(request).toMatchObject({ channel: "email", recipient: "chat.customer@example.com" });

    // Delivered through the SDK: the email carries the link to the chat's rating page.
    expect(await deliverNotification(request.id)).toBe("sent");
    const email = resend.emails.find((e) => e.to.includes("chat.customer@example.com"))!;
    expect(email.subject).toBe("Com'è andata la chat con noi?");
    const token = /\/rate\/([A-Za-z0-9_-]{43})/.exec(email.text ?? "")?.[1] ?? "";
    expect(token).toHaveLength(43);
    expect(email.html).toContain(`/rate/${token}`);

    // Another instance asking again (a retried close, a second worker) finds it already asked.
    expect(await prisma.$transaction((tx) => requestChatRating(tx, chat.id, new Date()))).toEqual([]);
    expect(await asked(chat.id)).toHaveLength(1);

    expect((await call(rateByLink, { params: { token }, body: { score: 0 } })).status).toBe(400);
    const rated = await call(rateByLink, { params: { token }, body: { score: 5, comment: "Rapidi" } });
    expect(rated.status).toBe(201);
    expect(await prisma.conversationRating.findUniqueOrThrow({ where: { sessionId: chat.id } })).toMatchObject({ score: 5, comment: "Rapidi", via: "link" });
    expect((await call(rateByLink, { params: { token }, body: { score: 1 } })).status).toBe(409);
    expect((await call(rateChat, { params: { id: chat.id }, body: { score: 1 }, headers: customerHeaders(chat.key) })).status).toBe(409);
  });

  it("answers 404 to a link that does not exist or is malformed", async () => {
    expect((await call(rateByLink, { params: { token: "A".repeat(43) }, body: { score: 4 } })).status).toBe(404);
    expect((await call(rateByLink, { params: { token: "short" }, body: { score: 4 } })).status).toBe(404);
  });

  it("goes on WhatsApp only inside the customer's 24-hour window", async () => {
    const inside = await closedWhatsappChat(hours(2));
    const [request] = await asked(inside.id);
    expect(await asked(inside.id)).toHaveLength(1);
    expect(request).toMatchObject({ channel: "whatsapp", recipient: inside.phone });
    expect((request.payload as { rating_url: string }).rating_url).toMatch(/\/rate\/[A-Za-z0-9_-]{43}$/);

    const outside = await closedWhatsappChat(hours(25));
    expect(await asked(outside.id)).toEqual([]);
    expect((await prisma.chatSession.findUniqueOrThrow({ where: { id: outside.id } })).ratingTokenHash).toBeNull();
  });

  it("follows the admin's switch, and is not sent for a chat without an address", async () => {
    expect((await call(putCsat, { method: "PUT", body: { enabled: true, on_chat_close: false, on_ticket_resolve: true }, headers: adminHeaders() })).status).toBe(200);
    const off = await closedWebChat();
    expect(await asked(off.id)).toEqual([]);
    await call(putCsat, { method: "PUT", body: { enabled: true, on_chat_close: true, on_ticket_resolve: true }, headers: adminHeaders() });
    const anonymous = await closedWebChat(null);
    expect(await asked(anonymous.id)).toEqual([]);
  });
});
